"""Authentication, release, typed errors, fork and threads; the namespaces not in the core yet."""

from __future__ import annotations

import json
import multiprocessing
import threading
from typing import Any, Callable, List

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
    with pytest.raises(opkit.InvalidConfigurationException):
        opkit.SyncClient.authenticate(opkit.DesktopAuth("acme"), "tests", "1.0")


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


def not_yet(call: Callable[[], Any]) -> None:
    with pytest.raises(opkit.ItemApiException) as info:
        call()
    assert "not available in this version of opkit yet" in info.value.message


def test_namespaces_the_core_does_not_serve_yet_reach_it(
    sync_client: opkit.SyncClient, account: Account
) -> None:
    """Request shape only: each call parses in the core and comes back with its typed error."""
    item = sync_client.items.create(login(account.vault_id, "Later"))
    attr = opkit.FileAttributes(name="a.txt", id="f", size=1)
    policy = opkit.ItemShareAccountPolicy(
        max_expiry=opkit.ItemShareDuration.SEVENDAYS,
        default_expiry=opkit.ItemShareDuration.ONEDAY,
        allowed_types=[opkit.AllowedType.PUBLIC],
        allowed_recipient_types=[opkit.AllowedRecipientType.EMAIL],
        files=opkit.ItemShareFiles(allowed=False, max_size=0),
    )
    share = opkit.ItemShareParams(
        one_time_only=True,
        recipients=[
            opkit.ValidRecipientEmail(parameters=opkit.ValidRecipientEmailInner(email="a@b.c"))
        ],
        expire_after=opkit.ItemShareDuration.ONEHOUR,
    )
    file = opkit.FileCreateParams(name="a.txt", content=b"hi", section_id="s", field_id="f")
    doc = opkit.DocumentCreateParams(name="d.txt", content=b"doc")
    files, shares = sync_client.items.files, sync_client.items.shares
    not_yet(lambda: files.attach(item, file))
    not_yet(lambda: files.read(account.vault_id, item.id, attr))
    not_yet(lambda: files.delete(item, "s", "f"))
    not_yet(lambda: files.replace_document(item, doc))
    not_yet(lambda: shares.get_account_policy(account.vault_id, item.id))
    not_yet(lambda: shares.validate_recipients(policy, ["a@b.c", "b.c"]))
    not_yet(lambda: shares.create(item, policy, share))
    not_yet(lambda: sync_client.groups.get("g", opkit.GroupGetParams(vault_permissions=True)))
    not_yet(lambda: sync_client.environments.get_variables("env"))
    vaults = sync_client.vaults
    grant = [opkit.GroupAccess(group_id="g", permissions=opkit.READ_ITEMS)]
    update = [opkit.GroupVaultAccess(vault_id=account.vault_id, group_id="g", permissions=0)]
    not_yet(lambda: vaults.grant_group_permissions(account.vault_id, grant))
    not_yet(lambda: vaults.update_group_permissions(update))
    not_yet(lambda: vaults.revoke_group_permissions(account.vault_id, "g"))


def test_async_namespaces_the_core_does_not_serve_yet(account: Account) -> None:
    async def scenario() -> List[str]:
        names = []
        async with await opkit.Client.authenticate(account.writer_token, "t", "1") as client:
            item = await client.items.create(login(account.vault_id, "Later Async"))
            attr = opkit.FileAttributes(name="a", id="f", size=1)
            calls = [
                client.items.files.read(account.vault_id, item.id, attr),
                client.items.files.delete(item, "s", "f"),
                client.items.shares.get_account_policy(account.vault_id, item.id),
                client.groups.get("g", opkit.GroupGetParams()),
                client.environments.get_variables("e"),
                client.vaults.revoke_group_permissions(account.vault_id, "g"),
            ]
            for call in calls:
                try:
                    await call
                except opkit.ItemApiException as e:
                    names.append(e.name)
        return names

    assert run(scenario()) == ["ItemApi"] * 6
