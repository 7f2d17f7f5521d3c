"""groups.get and vault group permissions, sync and async, on a real vault file."""

from __future__ import annotations

from typing import Dict, List, Tuple

import pytest

import opkit
from conftest import Account, login, run

READ = opkit.READ_ITEMS | opkit.REVEAL_ITEM_PASSWORD
EDIT = READ | opkit.UPDATE_ITEM_HISTORY | opkit.UPDATE_ITEMS


def member_of_new_group(account: Account, name: str) -> Tuple[str, str]:
    """A new group with a new service account (read on `Test` only) in it: (group id, token)."""
    group_id = account.cli("group", "create", name)["id"]
    member = account.cli("service-account", "create", "--name", name, "--vault", "Test:read")
    account.cli("group", "add-member", group_id, member["id"])
    return group_id, member["token"]


def own_vault(client: opkit.SyncClient, title: str) -> str:
    params = opkit.VaultCreateParams(title=title, allow_admins_access=False)
    return client.vaults.create(params).id


def access_of(group: opkit.Group) -> Dict[str, int]:
    assert group.vault_access is not None
    return {a.vault_uuid: a.permissions for a in group.vault_access}


def test_group_grants_reach_members_sync(sync_client: opkit.SyncClient, account: Account) -> None:
    group_id, member_token = member_of_new_group(account, "Sync Readers")
    vault_id = own_vault(sync_client, "Group Sync")
    sync_client.items.create(login(vault_id, "Shared Login", "via-group"))
    ref = f"op://{vault_id}/Shared Login/password"

    group = sync_client.groups.get(group_id, opkit.GroupGetParams())
    assert (group.id, group.title) == (group_id, "Sync Readers")
    assert group.group_type is opkit.GroupType.USERDEFINED
    assert group.state is opkit.GroupState.ACTIVE
    with opkit.SyncClient.authenticate(member_token, "tests", "1.0") as member:
        with pytest.raises(opkit.ResolvingSecretReferenceException):
            member.secrets.resolve(ref)

        sync_client.vaults.grant_group_permissions(
            vault_id, [opkit.GroupAccess(group_id=group_id, permissions=READ)]
        )
        got = sync_client.groups.get(group_id, opkit.GroupGetParams(vault_permissions=True))
        assert access_of(got) == {vault_id: READ}
        assert member.secrets.resolve(ref) == "via-group"  # open clients see grants at once
        with pytest.raises(opkit.ItemApiException):
            member.items.create(login(vault_id, "Not Allowed"))

        sync_client.vaults.update_group_permissions(
            [opkit.GroupVaultAccess(vault_id=vault_id, group_id=group_id, permissions=EDIT)]
        )
        got = sync_client.groups.get(group_id, opkit.GroupGetParams(vault_permissions=True))
        assert access_of(got) == {vault_id: EDIT}
        vault = sync_client.vaults.get(vault_id, opkit.VaultGetParams(accessors=True))
        assert vault.access is not None
        groups = [a for a in vault.access if a.accessor_type is opkit.VaultAccessorType.GROUP]
        assert [(a.accessor_uuid, a.permissions) for a in groups] == [(group_id, EDIT)]

        sync_client.vaults.revoke_group_permissions(vault_id, group_id)
        got = sync_client.groups.get(group_id, opkit.GroupGetParams(vault_permissions=True))
        assert access_of(got) == {}
        with pytest.raises(opkit.ResolvingSecretReferenceException):
            member.secrets.resolve(ref)
        with pytest.raises(opkit.RevokingGroupVaultPermissionsException):  # nothing left to revoke
            sync_client.vaults.revoke_group_permissions(vault_id, group_id)


def test_permission_dependencies_are_invalid_configuration(
    sync_client: opkit.SyncClient, account: Account
) -> None:
    group_id = account.cli("group", "create", "Dependencies")["id"]
    vault_id = own_vault(sync_client, "Group Dependencies")
    lone_delete = opkit.READ_ITEMS | opkit.DELETE_ITEMS
    with pytest.raises(opkit.InvalidConfigurationException) as info:
        sync_client.vaults.grant_group_permissions(
            vault_id, [opkit.GroupAccess(group_id=group_id, permissions=lone_delete)]
        )
    assert "delete_items" in info.value.message
    with pytest.raises(opkit.InvalidConfigurationException):
        sync_client.vaults.update_group_permissions(
            [
                opkit.GroupVaultAccess(
                    vault_id=vault_id, group_id=group_id, permissions=opkit.UPDATE_ITEMS
                )
            ]
        )
    got = sync_client.groups.get(group_id, opkit.GroupGetParams(vault_permissions=True))
    assert access_of(got) == {}  # nothing was written


def test_only_vaults_the_service_account_created(
    sync_client: opkit.SyncClient, account: Account
) -> None:
    group_id = account.cli("group", "create", "Not Yours")["id"]
    grant = [opkit.GroupAccess(group_id=group_id, permissions=READ)]
    with pytest.raises(opkit.UpdatingGroupVaultPermissionsException):
        sync_client.vaults.grant_group_permissions(account.vault_id, grant)
    with pytest.raises(opkit.UpdatingGroupVaultPermissionsException):
        sync_client.vaults.update_group_permissions(
            [opkit.GroupVaultAccess(vault_id=account.vault_id, group_id=group_id, permissions=0)]
        )
    with pytest.raises(opkit.RevokingGroupVaultPermissionsException):
        sync_client.vaults.revoke_group_permissions(account.vault_id, group_id)
    with pytest.raises(opkit.GettingGroupException):
        sync_client.groups.get("no-such-group", opkit.GroupGetParams())


def test_groups_async(account: Account) -> None:
    group_id, member_token = member_of_new_group(account, "Async Readers")

    async def scenario() -> List[object]:
        seen: List[object] = []
        token = account.writer_token
        async with await opkit.Client.authenticate(token, "tests", "1.0") as client:
            vault = await client.vaults.create(
                opkit.VaultCreateParams(title="Group Async", allow_admins_access=False)
            )
            await client.items.create(login(vault.id, "Async Shared", "async-group"))
            grant = [opkit.GroupAccess(group_id=group_id, permissions=READ)]
            await client.vaults.grant_group_permissions(vault.id, grant)
            group = await client.groups.get(group_id, opkit.GroupGetParams(vault_permissions=True))
            seen.append(access_of(group))
            async with await opkit.Client.authenticate(member_token, "t", "1") as member:
                seen.append(await member.secrets.resolve(f"op://{vault.id}/Async Shared/password"))
            update = opkit.GroupVaultAccess(vault_id=vault.id, group_id=group_id, permissions=EDIT)
            await client.vaults.update_group_permissions([update])
            group = await client.groups.get(group_id, opkit.GroupGetParams(vault_permissions=True))
            seen.append(access_of(group))
            # Grants add up: EDIT plus import still lacks create_items.
            bad = opkit.GroupAccess(group_id=group_id, permissions=opkit.IMPORT_ITEMS)
            try:
                await client.vaults.grant_group_permissions(vault.id, [bad])
            except opkit.InvalidConfigurationException as e:
                seen.append(e.name)
            await client.vaults.revoke_group_permissions(vault.id, group_id)
            try:
                await client.vaults.revoke_group_permissions(account.vault_id, group_id)
            except opkit.RevokingGroupVaultPermissionsException as e:
                seen.append(e.name)
            group = await client.groups.get(group_id, opkit.GroupGetParams(vault_permissions=True))
            seen.append(access_of(group))
            return [vault.id, *seen]

    vault_id, *seen = run(scenario())
    assert seen == [
        {vault_id: READ},
        "async-group",
        {vault_id: EDIT},
        "InvalidConfiguration",
        "RevokingGroupVaultPermissionsError",
        {},
    ]
