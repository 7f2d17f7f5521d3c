"""The built wheel in a fresh venv (no maturin, no source tree) runs the README example.

`cargo xtask test` passes the wheel it built as OPKIT_WHEEL.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Account

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "secrets_example.py"


def test_wheel_installs_and_runs_in_a_fresh_venv(fresh_account: Account, tmp_path: Path) -> None:
    wheel = os.environ.get("OPKIT_WHEEL")
    if not wheel:
        pytest.skip("set OPKIT_WHEEL to a built wheel (cargo xtask test does)")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    pip = [python, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*pip, "install", "--no-index", "--no-deps", wheel], check=True)
    listed = subprocess.run(
        [python, "-m", "pip", "list", "--format=freeze"], check=True, capture_output=True, text=True
    ).stdout
    names = {line.split("==")[0].lower() for line in listed.splitlines()}
    assert "opkit" in names and "maturin" not in names

    env = dict(os.environ, OP_SERVICE_ACCOUNT_TOKEN=fresh_account.writer_token)
    env.pop("PYTHONPATH", None)
    out = subprocess.run(
        [python, str(EXAMPLE), fresh_account.vault_id],
        env=env,
        cwd=tmp_path,  # nothing importable from the source tree
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    assert out[0] == "s3cr3t"
    assert "-> s3cr3t" in out[1] and "ResolveReferenceErrorItemNotFound" in out[2]
    where = subprocess.run(
        [python, "-c", "import opkit, opkit._core; print(opkit._core.__file__)"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert where.startswith(str(venv))
