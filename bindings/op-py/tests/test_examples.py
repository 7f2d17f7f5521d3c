"""Every example script runs against a real vault (the README shows the same code)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Account

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run_example(name: str, account: Account, *args: str) -> str:
    env = dict(os.environ, OP_SERVICE_ACCOUNT_TOKEN=account.writer_token)
    out = subprocess.run(
        [sys.executable, str(EXAMPLES / name), *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout


@pytest.fixture()
def vault_id(fresh_account: Account) -> str:
    return fresh_account.vault_id


def test_secrets_example(fresh_account: Account) -> None:
    out = run_example("secrets_example.py", fresh_account, fresh_account.vault_id)
    lines = out.splitlines()
    assert lines[0] == "s3cr3t"
    assert "-> s3cr3t" in lines[1] and "ResolveReferenceErrorItemNotFound" in lines[2]


def test_items_example(fresh_account: Account) -> None:
    out = run_example("items_example.py", fresh_account, fresh_account.vault_id)
    assert out.splitlines() == [
        "Example Login (edited) version 2",
        "Example Login (edited) archived",
    ]


def test_vaults_example(fresh_account: Account) -> None:
    out = run_example("vaults_example.py", fresh_account)
    assert "can read: True" in out and "Example Vault (renamed)" in out


def test_passwords_example(fresh_account: Account) -> None:
    lines = run_example("passwords_example.py", fresh_account).splitlines()
    assert len(lines[0]) == 20 and len(lines[1].split("-")) == 4 and lines[2].isdigit()
    assert lines[3].startswith("ParsingSecretReference - the secret reference could not be parsed")
