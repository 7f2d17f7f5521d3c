"""Replays tests/conformance/cases.json against opkit._core, the raw protocol."""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any, Dict

import pytest

from conftest import Account, conformance_cases
from opkit import _core


def substitute(value: Any, variables: Dict[str, Any]) -> Any:
    if isinstance(value, str):
        whole = re.fullmatch(r"\{\{(\w+)\}\}", value)
        if whole:
            return variables[whole.group(1)]
        return re.sub(r"\{\{(\w+)\}\}", lambda m: str(variables[m.group(1)]), value)
    if isinstance(value, list):
        return [substitute(v, variables) for v in value]
    if isinstance(value, dict):
        return {k: substitute(v, variables) for k, v in value.items()}
    return value


def pointer(doc: Any, path: str) -> Any:
    for part in [p for p in path.split("/") if p]:
        doc = doc[int(part)] if isinstance(doc, list) else doc[part]
    return doc


async def call(fn: str, text: str) -> str:
    if fn == "init_client":
        return await _core.init_client(text)
    if fn == "invoke":
        return await _core.invoke(text)
    if fn == "invoke_sync":
        return _core.invoke_sync(text)
    if fn == "release_client":
        _core.release_client(text)
        return ""
    raise AssertionError(f"unknown fn {fn}")


async def replay(case: Dict[str, Any], variables: Dict[str, Any]) -> None:
    for number, step in enumerate(case["steps"]):
        where = f"{case['name']} step {number} ({step['fn']})"
        if "raw" in step:
            text = step["raw"]
        else:
            arg = substitute(step["arg"], variables)
            text = (
                arg if isinstance(arg, str) and step["fn"] == "release_client" else json.dumps(arg)
            )
        expect = step["expect"]
        try:
            result = await call(step["fn"], text)
        except _core.CoreError as e:
            assert e.msg == e.args[0], where
            if "error" in expect:
                assert json.loads(e.msg)["name"] == expect["error"], f"{where}: {e.msg}"
            elif "text_prefix" in expect:
                assert e.msg.startswith(expect["text_prefix"]), f"{where}: {e.msg}"
            else:
                raise AssertionError(f"{where}: unexpected error {e.msg}") from None
            continue
        assert "ok" in expect, f"{where}: expected {expect}, got {result!r}"
        parsed = json.loads(result) if result else ""
        if expect["ok"] is not True:
            assert parsed == expect["ok"], where
        for key in step.get("expect_keys", []):
            assert key in parsed, f"{where}: missing {key}"
        for var, path in step.get("save", {}).items():
            variables[var] = pointer(parsed, path)


@pytest.mark.parametrize("case", conformance_cases(), ids=lambda c: c["name"])
def test_conformance_case(case: Dict[str, Any], fresh_account: Account) -> None:
    variables: Dict[str, Any] = {
        "writer_token": fresh_account.writer_token,
        "reader_token": fresh_account.reader_token,
        "vault_id": fresh_account.conformance_vault_id,
        "group_id": fresh_account.group_id,
        "environment_id": fresh_account.environment_id,
    }
    asyncio.run(replay(case, variables))


def test_awaitables_need_a_running_loop() -> None:
    with pytest.raises(RuntimeError):
        _core.invoke("{}")
