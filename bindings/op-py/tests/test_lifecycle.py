"""Authentication, release, typed errors, fork and threads."""

from __future__ import annotations

import json
import multiprocessing
import threading
from typing import Any, List

import pytest

import opkit
from conftest import Account, login, run
from opkit import _core
from opkit.errors import from_core


def test_authenticate_errors_are_typed() -> None:
    with pytest.raises(opkit.InvalidConfigurationException) as info:
        opkit.SyncClient.authenticate("", "tests", "1.0")
    assert info.value.name == "InvalidConfiguration"
    with pytest.raises(opkit.ServiceAccountTokenParsingException):
        run(opkit.Client.authenticate("ops_notbase64!", "tests", "1.0"))
    with pytest.raises(opkit.InvalidConfigurationException) as info:
        opkit.SyncClient.authenticate("ops_x", "", "")
    assert "integration name" in info.value.message
    with pytest.raises(opkit.InvalidConfigurationException) as desktop:
        opkit.SyncClient.authenticate(opkit.DesktopAuth("acme"), "tests", "1.0")
    # The core's refusal, the same text in every language.
    assert (
        "desktop app authentication (DesktopAuth, WithDesktopAppIntegration) is not supported"
        in desktop.value.message
    )


def test_close_releases_the_client(account: Account) -> None:
    client = opkit.SyncClient.authenticate(account.writer_token, "tests", "1.0")
    assert not client.closed
    client.close()
    client.close()
    assert client.closed
    with pytest.raises(opkit.InternalException) as info:
        client.vaults.list()
    assert "invalid client id" in info.value.message


def test_async_with_releases(account: Account) -> None:
    async def scenario() -> opkit.Client:
        async with await opkit.Client.authenticate(account.writer_token, "t", "1") as client:
            assert await client.vaults.list()
        return client

    client = run(scenario())
    assert client.closed
    with pytest.raises(opkit.InternalException):
        run(client.vaults.list())


def test_error_mapping_covers_every_protocol_name() -> None:
    names = [
        "ServiceAccountTokenParsing", "CustomerManagedSecretParsing", "WorkloadKeysetDecryption",
        "Auth", "AuthExpired", "ItemApi", "ResolvingSecretReference", "ParsingSecretReference",
        "GeneratingPassword", "ParsingPrivateKey", "InvalidConfiguration",
        "UpdatingGroupVaultPermissionsError", "RevokingGroupVaultPermissionsError", "GettingGroup",
        "DesktopSessionExpired", "RateLimitExceeded", "Internal",
    ]  # fmt: skip
    classes = set()
    for name in names:
        error = from_core(json.dumps({"name": name, "message": "m"}))
        assert (error.name, error.message, str(error)) == (name, "m", "m")
        assert type(error) is not opkit.OpkitError and isinstance(error, Exception)
        classes.add(type(error))
    assert len(classes) == len(names)
    assert isinstance(from_core('{"name":"Future","message":"m"}'), opkit.OpkitError)
    plain = from_core("data did not match any variant of untagged enum Invocation")
    assert isinstance(plain, opkit.InvalidRequestException)
    assert opkit.DesktopSessionExpiredException.error_name == "DesktopSessionExpired"
    assert opkit.RateLimitExceededException.error_name == "RateLimitExceeded"


def test_core_error_carries_msg() -> None:
    with pytest.raises(_core.CoreError) as info:
        _core.invoke_sync("?")
    assert info.value.msg.startswith("expected value at line 1 column 1")
    with pytest.raises(_core.CoreError) as info:
        _core.release_client("424242")
    assert json.loads(info.value.msg)["name"] == "Internal"


def _child(token: str, out: Any) -> None:
    try:
        with opkit.SyncClient.authenticate(token, "fork", "1") as client:
            out.put([client.secrets.resolve("op://Test/Forked/password")])
    except BaseException as e:  # report anything to the parent
        out.put(repr(e))


def test_a_forked_child_gets_a_working_core(account: Account) -> None:
    with opkit.SyncClient.authenticate(account.writer_token, "tests", "1.0") as parent:
        parent.items.create(login(account.vault_id, "Forked", "forked-secret"))
        assert parent.secrets.resolve("op://Test/Forked/password") == "forked-secret"
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    child = ctx.Process(target=_child, args=(account.writer_token, out))
    child.start()
    child.join(120)  # a guard against a hang, not a timing assertion
    assert child.exitcode == 0, "the forked child hung or crashed"
    assert out.get(timeout=5) == ["forked-secret"]


def test_threads_share_a_sync_client(sync_client: opkit.SyncClient, account: Account) -> None:
    sync_client.items.create(login(account.vault_id, "Threaded", "t-secret"))
    results: List[str] = []

    def work() -> None:
        for _ in range(10):
            results.append(sync_client.secrets.resolve("op://Test/Threaded/password"))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["t-secret"] * 40
