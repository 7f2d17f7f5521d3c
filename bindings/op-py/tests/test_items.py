"""items.* and vaults.* against a real vault file, through Client and SyncClient."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any, Dict

import pytest

import opkit
from conftest import Account, login, run


def test_async_item_lifecycle(account: Account) -> None:
    async def scenario() -> None:
        async with await opkit.Client.authenticate(account.writer_token, "tests", "1.0") as client:
            item = await client.items.create(login(account.vault_id, "Async Login"))
            assert item.category is opkit.ItemCategory.LOGIN
            assert isinstance(item.created_at, datetime) and item.version == 1
            got = await client.items.get(account.vault_id, item.id)
            assert got == item

            got.notes = "edited"
            put = await client.items.put(got)
            assert (put.notes, put.version) == ("edited", 2)
            with pytest.raises(opkit.ItemApiException):
                await client.items.put(got)  # stale version

            overviews = await client.items.list(account.vault_id)
            assert item.id in [o.id for o in overviews]
            assert all(o.state is opkit.ItemState.ACTIVE for o in overviews)

            await client.items.archive(account.vault_id, item.id)
            active = await client.items.list(account.vault_id)
            assert item.id not in [o.id for o in active]
            both = opkit.ItemListFilterByState(
                content=opkit.ItemListFilterByStateInner(active=True, archived=True)
            )
            archived = [
                o for o in await client.items.list(account.vault_id, both) if o.id == item.id
            ]
            assert archived[0].state is opkit.ItemState.ARCHIVED

            await client.items.delete(account.vault_id, item.id)
            with pytest.raises(opkit.ItemApiException):
                await client.items.get(account.vault_id, item.id)

    run(scenario())


def test_bulk_calls_report_per_item(sync_client: opkit.SyncClient, account: Account) -> None:
    bad = login(account.vault_id, "Bad")
    bad.fields = [
        opkit.ItemField(id="d", title="d", field_type=opkit.ItemFieldType.DATE, value="2023-02-30")
    ]
    created = sync_client.items.create_all(
        account.vault_id, [login(account.vault_id, "Bulk 1"), bad]
    )
    ok, failed = created.individual_responses
    assert ok.error is None and ok.content is not None
    assert isinstance(failed.error, opkit.ItemUpdateFailureReasonItemValidationError)
    assert "d" in failed.error.message

    got = sync_client.items.get_all(account.vault_id, [ok.content.id, "aaaaaaaaaaaaaaaaaaaaaaaaaa"])
    first, missing = got.individual_responses
    assert first.content is not None and first.content.title == "Bulk 1"
    assert isinstance(missing.error, opkit.ItemsGetAllErrorItemNotFound)

    deleted = sync_client.items.delete_all(account.vault_id, [ok.content.id])
    assert deleted.individual_responses[ok.content.id].error is None


def test_a_reader_cannot_write(account: Account) -> None:
    with opkit.SyncClient.authenticate(account.reader_token, "tests", "1.0") as reader:
        with pytest.raises(opkit.ItemApiException) as info:
            reader.items.create(login(account.vault_id, "Nope"))
        assert info.value.name == "ItemApi"
        result = reader.items.create_all(account.vault_id, [login(account.vault_id, "Nope")])
        assert isinstance(
            result.individual_responses[0].error,
            opkit.ItemUpdateFailureReasonItemStatusPermissionError,
        )


def test_sections_notes_and_unknown_members_round_trip(
    sync_client: opkit.SyncClient, account: Account
) -> None:
    params = login(account.vault_id, "Sections")
    params.sections = [opkit.ItemSection(id="db", title="Database")]
    params.fields = [
        opkit.ItemField(
            id="host",
            title="host",
            section_id="db",
            field_type=opkit.ItemFieldType.TEXT,
            value="db.local",
        )
    ]
    params.notes = "note"
    item = sync_client.items.create(params)
    assert item.sections == [opkit.ItemSection(id="db", title="Database")]
    assert sync_client.secrets.resolve("op://Test/Sections/Database/host") == "db.local"
    # A member this version of the package does not know survives a read-modify-write.
    wire = item.to_wire()
    wire["favorite"] = True
    edited = opkit.Item.from_wire(wire)
    saved = sync_client.items.put(edited)
    assert saved.to_wire().get("favorite") is True
    assert sync_client.items.get(account.vault_id, item.id).to_wire().get("favorite") is True


def test_vaults(sync_client: opkit.SyncClient) -> None:
    vault = sync_client.vaults.create(opkit.VaultCreateParams(title="Temp", description="d"))
    assert vault.vault_type is opkit.VaultType.USERCREATED
    assert vault.id in [v.id for v in sync_client.vaults.list()]
    assert vault.id in [
        v.id for v in sync_client.vaults.list(opkit.VaultListParams(decrypt_details=True))
    ]
    overview = sync_client.vaults.get_overview(vault.id)
    assert overview.title == "Temp" and isinstance(overview.updated_at, datetime)
    full = sync_client.vaults.get(vault.id, opkit.VaultGetParams(accessors=True))
    assert full.access and all(isinstance(a, opkit.VaultAccess) for a in full.access)
    # The creator reads; the Administrators group only manages (allowAdminsAccess defaults on).
    kinds = {a.accessor_type: a.permissions for a in full.access}
    assert kinds[opkit.VaultAccessorType.USER] & opkit.READ_ITEMS
    assert kinds[opkit.VaultAccessorType.GROUP] == opkit.MANAGE_VAULT
    updated = sync_client.vaults.update(vault.id, opkit.VaultUpdateParams(title="Renamed"))
    assert updated.title == "Renamed"
    sync_client.vaults.delete(vault.id)
    with pytest.raises(opkit.ItemApiException):
        sync_client.vaults.get_overview(vault.id)


def test_async_vaults(account: Account) -> None:
    async def scenario() -> None:
        client = await opkit.Client.authenticate(account.writer_token, "tests", "1.0")
        vault = await client.vaults.create(opkit.VaultCreateParams(title="Async Temp"))
        assert (await client.vaults.get_overview(vault.id)).title == "Async Temp"
        assert (await client.vaults.get(vault.id, opkit.VaultGetParams())).access is None
        renamed = await client.vaults.update(vault.id, opkit.VaultUpdateParams(title="R"))
        assert renamed.title == "R"
        assert vault.id in [v.id for v in await client.vaults.list()]
        await client.vaults.delete(vault.id)
        client.close()

    run(scenario())


def test_models_accept_camel_case_and_dump_like_pydantic() -> None:
    wire_names: Dict[str, Any] = {"fieldType": opkit.ItemFieldType.TEXT, "sectionId": "s"}
    field = opkit.ItemField(id="x", title="x", value="v", **wire_names)
    assert field.field_type is opkit.ItemFieldType.TEXT and field.section_id == "s"
    assert field.model_dump(by_alias=True)["fieldType"] == "Text"
    assert field.model_dump()["section_id"] == "s"
    assert opkit.ItemField.model_validate_json(field.model_dump_json(by_alias=True)) == field
    assert dataclasses.is_dataclass(field)
    assert opkit.types.ItemFieldDetails is not None
