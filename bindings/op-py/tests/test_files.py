"""items.files and files/document in items.create, sync and async, on a real vault file."""

from __future__ import annotations

from typing import Callable, List, Tuple

import pytest

import opkit
from conftest import Account, run

# Every byte value, and bytes that are not UTF-8: the wire carries them as a number array.
BINARY = bytes(range(256)) + b"\xff\xfe\x00\xc3("


def server(vault_id: str, title: str, *files: opkit.FileCreateParams) -> opkit.ItemCreateParams:
    return opkit.ItemCreateParams(
        category=opkit.ItemCategory.SERVER,
        vault_id=vault_id,
        title=title,
        sections=[opkit.ItemSection(id="files", title="Files")],
        files=list(files) or None,
    )


def file(name: str, content: bytes, field_id: str) -> opkit.FileCreateParams:
    return opkit.FileCreateParams(name=name, content=content, section_id="files", field_id=field_id)


def test_files_round_trip_sync(sync_client: opkit.SyncClient, account: Account) -> None:
    item = sync_client.items.create(
        server(account.vault_id, "Files Sync", file("notes.txt", b"restart with care", "notes"))
    )
    assert [
        (f.attributes.name, f.attributes.size, f.section_id, f.field_id) for f in item.files
    ] == [("notes.txt", 17, "files", "notes")]
    files = sync_client.items.files
    notes = files.read(account.vault_id, item.id, item.files[0].attributes)
    assert notes == b"restart with care" and isinstance(notes, bytes)
    assert sync_client.secrets.resolve("op://Test/Files Sync/notes.txt") == "restart with care"

    item = files.attach(item, file("blob.bin", BINARY, "blob"))
    assert [f.field_id for f in item.files] == ["notes", "blob"]
    blob = next(f.attributes for f in item.files if f.field_id == "blob")
    assert blob.size == len(BINARY)
    assert files.read(account.vault_id, item.id, blob) == BINARY
    # A reference resolves only text files; these bytes are not UTF-8.
    with pytest.raises(opkit.ResolvingSecretReferenceException):
        sync_client.secrets.resolve("op://Test/Files Sync/blob.bin")

    item = files.delete(item, "files", "notes")
    assert [f.field_id for f in item.files] == ["blob"]
    with pytest.raises(opkit.ItemApiException):
        files.read(account.vault_id, item.id, opkit.FileAttributes(name="x", id="nope", size=1))
    with pytest.raises(opkit.ItemApiException):
        files.delete(item, "files", "notes")  # stale version and no such file
    assert sync_client.items.get(account.vault_id, item.id).files == item.files


def test_empty_file_and_bytearray_content(sync_client: opkit.SyncClient, account: Account) -> None:
    item = sync_client.items.create(server(account.vault_id, "Empty File"))
    assert item.files == []
    item = sync_client.items.files.attach(item, file("empty", b"", "empty"))
    attr = item.files[0].attributes
    assert attr.size == 0
    assert sync_client.items.files.read(account.vault_id, item.id, attr) == b""
    param = file("ba.bin", b"", "ba")
    param.content = bytes(bytearray(b"\x00\x01\x80"))
    item = sync_client.items.files.attach(item, param)
    attr = next(f.attributes for f in item.files if f.field_id == "ba")
    assert sync_client.items.files.read(account.vault_id, item.id, attr) == b"\x00\x01\x80"


def document(vault_id: str, title: str, content: bytes) -> opkit.ItemCreateParams:
    return opkit.ItemCreateParams(
        category=opkit.ItemCategory.DOCUMENT,
        vault_id=vault_id,
        title=title,
        document=opkit.DocumentCreateParams(name="runbook.md", content=content),
    )


def test_document_replace_sync(sync_client: opkit.SyncClient, account: Account) -> None:
    doc = sync_client.items.create(document(account.vault_id, "Runbook Sync", b"v1"))
    assert doc.document is not None and (doc.document.name, doc.document.size) == ("runbook.md", 2)
    first = doc.document
    assert sync_client.items.files.read(account.vault_id, doc.id, first) == b"v1"

    replaced = sync_client.items.files.replace_document(
        doc, opkit.DocumentCreateParams(name="runbook-v2.md", content=BINARY)
    )
    assert replaced.document is not None
    assert (replaced.document.name, replaced.document.size) == ("runbook-v2.md", len(BINARY))
    assert replaced.version == doc.version + 1
    got = sync_client.items.files.read(account.vault_id, doc.id, replaced.document)
    assert got == BINARY
    with pytest.raises(opkit.ItemApiException):  # stale version
        sync_client.items.files.replace_document(
            doc, opkit.DocumentCreateParams(name="x", content=b"x")
        )


def test_files_need_update_permission(account: Account) -> None:
    with opkit.SyncClient.authenticate(account.writer_token, "tests", "1.0") as writer:
        item = writer.items.create(server(account.vault_id, "Read Only", file("r.txt", b"r", "r")))
    with opkit.SyncClient.authenticate(account.reader_token, "tests", "1.0") as reader:
        attr = item.files[0].attributes
        assert reader.items.files.read(account.vault_id, item.id, attr) == b"r"
        with pytest.raises(opkit.ItemApiException):
            reader.items.files.attach(item, file("w.txt", b"w", "w"))
        with pytest.raises(opkit.ItemApiException):
            reader.items.files.delete(item, "files", "r")


def test_files_async(account: Account) -> None:
    async def scenario() -> Tuple[bytes, bytes, str, bytes, int]:
        token = account.writer_token
        async with await opkit.Client.authenticate(token, "tests", "1.0") as client:
            item = await client.items.create(
                server(account.vault_id, "Files Async", file("a.txt", "héllo".encode(), "a"))
            )
            text = await client.secrets.resolve(f"op://{account.vault_id}/{item.id}/a.txt")
            item = await client.items.files.attach(item, file("b.bin", BINARY, "b"))
            attrs = {f.field_id: f.attributes for f in item.files}
            a = await client.items.files.read(account.vault_id, item.id, attrs["a"])
            b = await client.items.files.read(account.vault_id, item.id, attrs["b"])
            item = await client.items.files.delete(item, "files", "a")
            doc = await client.items.create(document(account.vault_id, "Runbook Async", b"one"))
            doc = await client.items.files.replace_document(
                doc, opkit.DocumentCreateParams(name="two.md", content=b"\x80two")
            )
            assert doc.document is not None
            d = await client.items.files.read(account.vault_id, doc.id, doc.document)
            return a, b, text, d, len(item.files)

    assert run(scenario()) == ("héllo".encode(), BINARY, "héllo", b"\x80two", 1)


def test_shares_are_not_available_yet(sync_client: opkit.SyncClient, account: Account) -> None:
    item = sync_client.items.create(server(account.vault_id, "Shared"))
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
    shares = sync_client.items.shares
    calls: List[Callable[[], object]] = [
        lambda: shares.get_account_policy(account.vault_id, item.id),
        lambda: shares.validate_recipients(policy, ["a@b.c", "b.c"]),
        lambda: shares.create(item, policy, share),
    ]
    for call in calls:
        with pytest.raises(opkit.ItemApiException) as info:
            call()
        assert "not available in this version of opkit yet" in info.value.message

    async def scenario() -> str:
        token = account.writer_token
        async with await opkit.Client.authenticate(token, "tests", "1.0") as client:
            try:
                await client.items.shares.get_account_policy(account.vault_id, item.id)
            except opkit.ItemApiException as e:
                return e.message
        return "no error"

    assert "not available in this version of opkit yet" in run(scenario())
