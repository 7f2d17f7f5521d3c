"""Shared fixtures: throwaway vault files made with the real `opkit` CLI (env OPKIT_BIN)."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Coroutine, Dict, Iterator, List, TypeVar

import pytest

import opkit

ROOT = Path(__file__).resolve().parents[3]
T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


@dataclass
class Account:
    """A vault file with vaults `Test` and `Conformance` and service accounts on them."""

    dir: Path
    db: Path
    env: Dict[str, str]
    vault_id: str
    conformance_vault_id: str
    writer_token: str
    reader_token: str
    group_id: str = ""
    environment_id: str = ""

    def cli(self, *args: str) -> Any:
        out = subprocess.run(
            [opkit_bin(), "--format", "json", *args],
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        )
        return json.loads(out.stdout)


def opkit_bin() -> str:
    path = os.environ.get("OPKIT_BIN") or shutil.which("opkit")
    if not path:
        pytest.exit("set OPKIT_BIN to the opkit binary (cargo build -p op-cli)", returncode=2)
    return path


def make_account(base: Path) -> Account:
    env = dict(os.environ)
    env.update(
        OPKIT_DB=str(base / "v.opkit"),
        OPKIT_PASSWORD="pw",
        OPKIT_KDF="testing",
        OPKIT_CONFIG_DIR=str(base / "cfg"),
    )
    env.pop("OP_SERVICE_ACCOUNT_TOKEN", None)
    acct = Account(base, base / "v.opkit", env, "", "", "", "")
    acct.cli("account", "create", "--name", "Test")
    acct.vault_id = acct.cli("vault", "create", "Test")["id"]
    acct.conformance_vault_id = acct.cli("vault", "create", "Conformance")["id"]
    writer = acct.cli(
        "service-account", "create", "--name", "writer",
        "--vault", "Test:write", "--vault", "Conformance:write",
    )  # fmt: skip
    acct.writer_token = writer["token"]
    acct.reader_token = acct.cli(
        "service-account", "create", "--name", "reader",
        "--vault", "Test:read", "--vault", "Conformance:read",
    )["token"]  # fmt: skip
    # The group and Environment the conformance cases name (tests/conformance/README.md).
    acct.group_id = acct.cli("group", "create", "Conformance Group")["id"]
    env_id = acct.cli("environment", "create", "conformance")["id"]
    acct.cli("environment", "set", env_id, "GREETING=hello")
    acct.cli("environment", "set", env_id, "API_KEY=s3cr3t", "--masked")
    acct.cli("environment", "grant", env_id, writer["id"])
    acct.environment_id = env_id
    return acct


@pytest.fixture(scope="session")
def account() -> Iterator[Account]:
    with tempfile.TemporaryDirectory(prefix="opkit-py-") as tmp:
        yield make_account(Path(tmp))


@pytest.fixture()
def fresh_account(tmp_path: Path) -> Account:
    """An account of its own, for tests that need isolation."""
    return make_account(tmp_path)


@pytest.fixture(scope="session")
def sync_client(account: Account) -> Iterator[opkit.SyncClient]:
    with opkit.SyncClient.authenticate(account.writer_token, "opkit tests", "1.0") as client:
        yield client


def login(vault_id: str, title: str, password: str = "s3cr3t") -> opkit.ItemCreateParams:
    return opkit.ItemCreateParams(
        category=opkit.ItemCategory.LOGIN,
        vault_id=vault_id,
        title=title,
        fields=[
            opkit.ItemField(
                id="username", title="username", field_type=opkit.ItemFieldType.TEXT, value="alice"
            ),
            opkit.ItemField(
                id="password",
                title="password",
                field_type=opkit.ItemFieldType.CONCEALED,
                value=password,
            ),
        ],
        tags=["test"],
        websites=[
            opkit.Website(
                url="https://example.com",
                label="website",
                autofill_behavior=opkit.AutofillBehavior.ANYWHEREONWEBSITE,
            )
        ],
    )


def vectors(name: str) -> Any:
    return json.loads((ROOT / "tests" / "vectors" / name).read_text())


def conformance_cases() -> List[Dict[str, Any]]:
    cases: List[Dict[str, Any]] = json.loads(
        (ROOT / "tests" / "conformance" / "cases.json").read_text()
    )
    return cases
