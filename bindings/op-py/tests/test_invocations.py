"""Every method of `Client` and `SyncClient` sends its invocation with exactly the parameter keys
of the schema's catalogue (`opkit._contract.CLIENT_METHODS`, generated from `ClientMethod`), and
the real core parses every request: a wrapper that drops, adds or renames a parameter fails here,
including for invocations no conformance case covers (sharing, `get_all`, `delete_all`)."""

from __future__ import annotations

import asyncio
from typing import Any, Callable, Dict, List, Tuple

import pytest

import opkit
from conftest import Account, login
from opkit import _contract
from opkit._inner import InnerClient

# Served by the static fast paths of `Secrets`, not through a client.
STATIC = {"ValidateSecretReference", "GeneratePassword"}


def calls(c: Any, account: Account, item: opkit.Item) -> List[Callable[[], Any]]:
    vault, group = account.vault_id, account.group_id
    ref = f"op://{vault}/{item.id}/password"
    policy = opkit.ItemShareAccountPolicy(
        max_expiry=opkit.ItemShareDuration.ONEDAY,
        default_expiry=opkit.ItemShareDuration.ONEHOUR,
        allowed_types=[opkit.AllowedType.AUTHENTICATED],
        allowed_recipient_types=[opkit.AllowedRecipientType.EMAIL],
        files=opkit.ItemShareFiles(allowed=False, max_size=0),
    )
    attr = opkit.FileAttributes(name="n.txt", id="missing", size=1)
    file = opkit.FileCreateParams(name="f.txt", content=b"x", section_id="s", field_id="f")
    return [
        lambda: c.secrets.resolve(ref),
        lambda: c.secrets.resolve_all([ref]),
        lambda: c.items.create(login(vault, "Spied")),
        lambda: c.items.create_all(vault, [login(vault, "Spied bulk")]),
        lambda: c.items.get(vault, item.id),
        lambda: c.items.get_all(vault, [item.id, "missing"]),
        lambda: c.items.put(item),
        lambda: c.items.delete(vault, "missing"),
        lambda: c.items.delete_all(vault, ["missing"]),
        lambda: c.items.archive(vault, "missing"),
        lambda: c.items.list(vault),
        lambda: c.items.shares.get_account_policy(vault, item.id),
        lambda: c.items.shares.validate_recipients(policy, ["a@example.com"]),
        lambda: c.items.shares.create(item, policy, opkit.ItemShareParams(one_time_only=True)),
        lambda: c.items.files.attach(item, file),
        lambda: c.items.files.read(vault, item.id, attr),
        lambda: c.items.files.delete(item, "s", "f"),
        lambda: c.items.files.replace_document(
            item, opkit.DocumentCreateParams(name="d.txt", content=b"")
        ),
        lambda: c.vaults.create(opkit.VaultCreateParams(title="Spied vault")),
        lambda: c.vaults.list(),
        lambda: c.vaults.get_overview(vault),
        lambda: c.vaults.get(vault, opkit.VaultGetParams(accessors=True)),
        lambda: c.vaults.update("missing", opkit.VaultUpdateParams(title="x")),
        lambda: c.vaults.delete("missing"),
        lambda: c.vaults.grant_group_permissions(
            "missing", [opkit.GroupAccess(group_id=group, permissions=opkit.READ_ITEMS)]
        ),
        lambda: c.vaults.update_group_permissions(
            [opkit.GroupVaultAccess(vault_id="missing", group_id=group, permissions=32)]
        ),
        lambda: c.vaults.revoke_group_permissions("missing", group),
        lambda: c.groups.get(group, opkit.GroupGetParams()),
        lambda: c.environments.get_variables(account.environment_id),
    ]


def test_every_client_method_sends_the_catalogue_keys(
    account: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: List[Tuple[str, str, Tuple[str, ...]]] = []
    refused: List[str] = []
    blocking, awaiting = InnerClient.invoke_blocking, InnerClient.invoke

    # A spy, not a stand-in: every request still goes to the real core.
    def spy_blocking(self: InnerClient, name: str, params: Dict[str, Any]) -> str:
        sent.append(("sync", name, tuple(params)))
        return blocking(self, name, params)

    async def spy_awaiting(self: InnerClient, name: str, params: Dict[str, Any]) -> str:
        sent.append(("async", name, tuple(params)))
        return await awaiting(self, name, params)

    monkeypatch.setattr(InnerClient, "invoke_blocking", spy_blocking)
    monkeypatch.setattr(InnerClient, "invoke", spy_awaiting)

    def record(error: opkit.OpkitError) -> None:
        # A failure of the operation is fine; a request the core cannot parse is a wrapper bug.
        if isinstance(error, opkit.InvalidRequestException):
            refused.append(error.message)

    with opkit.SyncClient.authenticate(account.writer_token, "spy", "1.0") as client:
        item = client.items.create(login(account.vault_id, "Spy target"))
        for call in calls(client, account, item):
            try:
                call()
            except opkit.OpkitError as e:
                record(e)

    async def scenario() -> None:
        async with await opkit.Client.authenticate(account.writer_token, "spy", "1.0") as client:
            item = await client.items.create(login(account.vault_id, "Async spy target"))
            for call in calls(client, account, item):
                try:
                    await call()
                except opkit.OpkitError as e:
                    record(e)

    asyncio.run(scenario())
    assert not refused, refused
    catalogue = {name: set(keys) for name, keys in _contract.CLIENT_METHODS.items()}
    for mode in ("sync", "async"):
        names = {name for m, name, _ in sent if m == mode}
        assert names == set(catalogue) - STATIC, mode
    for mode, name, keys in sent:
        assert set(keys) == catalogue[name], f"{mode} {name} sent {keys}"
