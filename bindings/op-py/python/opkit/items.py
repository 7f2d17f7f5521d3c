"""`client.items` with `items.shares` and `items.files`, async and sync."""

from __future__ import annotations

import json
from typing import List

from ._inner import InnerClient
from ._model import decode, decode_union, encode
from .types import (
    DocumentCreateParams,
    FileAttributes,
    FileCreateParams,
    Item,
    ItemCreateParams,
    ItemListFilter,
    ItemOverview,
    ItemsDeleteAllResponse,
    ItemsGetAllResponse,
    ItemShareAccountPolicy,
    ItemShareParams,
    ItemsUpdateAllResponse,
    ValidRecipient,
)


def _recipients(text: str) -> List[ValidRecipient]:
    return [decode_union("ValidRecipient", r) for r in json.loads(text)]


class ItemsShares:
    """Share links for items."""

    def __init__(self, inner_client: InnerClient) -> None:
        self.inner_client = inner_client

    async def get_account_policy(self, vault_id: str, item_id: str) -> ItemShareAccountPolicy:
        """The account's rules for sharing this item."""
        text = await self.inner_client.invoke(
            "ItemsSharesGetAccountPolicy", {"vault_id": vault_id, "item_id": item_id}
        )
        return decode(ItemShareAccountPolicy, json.loads(text))

    async def validate_recipients(
        self, policy: ItemShareAccountPolicy, recipients: List[str]
    ) -> List[ValidRecipient]:
        """Emails and domains checked against the policy."""
        text = await self.inner_client.invoke(
            "ItemsSharesValidateRecipients",
            {"policy": encode(policy), "recipients": list(recipients)},
        )
        return _recipients(text)

    async def create(
        self, item: Item, policy: ItemShareAccountPolicy, params: ItemShareParams
    ) -> str:
        """A share link for the item."""
        text = await self.inner_client.invoke(
            "ItemsSharesCreate",
            {"item": encode(item), "policy": encode(policy), "params": encode(params)},
        )
        return str(json.loads(text))


class ItemsFiles:
    """Files attached to items, and the document of Document items."""

    def __init__(self, inner_client: InnerClient) -> None:
        self.inner_client = inner_client

    async def attach(self, item: Item, file_params: FileCreateParams) -> Item:
        """Attaches a file; returns the updated item."""
        text = await self.inner_client.invoke(
            "ItemsFilesAttach", {"item": encode(item), "file_params": encode(file_params)}
        )
        return decode(Item, json.loads(text))

    async def read(self, vault_id: str, item_id: str, attr: FileAttributes) -> bytes:
        """A file's content."""
        text = await self.inner_client.invoke(
            "ItemsFilesRead", {"vault_id": vault_id, "item_id": item_id, "attr": encode(attr)}
        )
        return bytes(json.loads(text))

    async def delete(self, item: Item, section_id: str, field_id: str) -> Item:
        """Removes a file field; returns the updated item."""
        text = await self.inner_client.invoke(
            "ItemsFilesDelete",
            {"item": encode(item), "section_id": section_id, "field_id": field_id},
        )
        return decode(Item, json.loads(text))

    async def replace_document(self, item: Item, doc_params: DocumentCreateParams) -> Item:
        """Replaces the document of a Document item; returns the updated item."""
        text = await self.inner_client.invoke(
            "ItemsFilesReplaceDocument", {"item": encode(item), "doc_params": encode(doc_params)}
        )
        return decode(Item, json.loads(text))


class Items:
    """Items of an async `Client`."""

    def __init__(self, inner_client: InnerClient) -> None:
        self.inner_client = inner_client
        self.shares = ItemsShares(inner_client)
        self.files = ItemsFiles(inner_client)

    async def create(self, params: ItemCreateParams) -> Item:
        """Creates an item."""
        text = await self.inner_client.invoke("ItemsCreate", {"params": encode(params)})
        return decode(Item, json.loads(text))

    async def create_all(
        self, vault_id: str, params: List[ItemCreateParams]
    ) -> ItemsUpdateAllResponse:
        """Creates several items in one vault; failures are reported per item."""
        text = await self.inner_client.invoke(
            "ItemsCreateAll", {"vault_id": vault_id, "params": encode(list(params))}
        )
        return decode(ItemsUpdateAllResponse, json.loads(text))

    async def get(self, vault_id: str, item_id: str) -> Item:
        """An item."""
        text = await self.inner_client.invoke(
            "ItemsGet", {"vault_id": vault_id, "item_id": item_id}
        )
        return decode(Item, json.loads(text))

    async def get_all(self, vault_id: str, item_ids: List[str]) -> ItemsGetAllResponse:
        """Several items of one vault; failures are reported per item."""
        text = await self.inner_client.invoke(
            "ItemsGetAll", {"vault_id": vault_id, "item_ids": list(item_ids)}
        )
        return decode(ItemsGetAllResponse, json.loads(text))

    async def put(self, item: Item) -> Item:
        """Saves an edited item (fails on a stale `version`)."""
        text = await self.inner_client.invoke("ItemsPut", {"item": encode(item)})
        return decode(Item, json.loads(text))

    async def delete(self, vault_id: str, item_id: str) -> None:
        """Moves an item to Recently Deleted."""
        await self.inner_client.invoke("ItemsDelete", {"vault_id": vault_id, "item_id": item_id})

    async def delete_all(self, vault_id: str, item_ids: List[str]) -> ItemsDeleteAllResponse:
        """Deletes several items of one vault; results keyed by item id."""
        text = await self.inner_client.invoke(
            "ItemsDeleteAll", {"vault_id": vault_id, "item_ids": list(item_ids)}
        )
        return decode(ItemsDeleteAllResponse, json.loads(text))

    async def archive(self, vault_id: str, item_id: str) -> None:
        """Archives an item."""
        await self.inner_client.invoke("ItemsArchive", {"vault_id": vault_id, "item_id": item_id})

    async def list(self, vault_id: str, *filters: ItemListFilter) -> List[ItemOverview]:
        """Overviews of a vault's items (active ones unless a filter says otherwise)."""
        text = await self.inner_client.invoke(
            "ItemsList", {"vault_id": vault_id, "filters": encode(list(filters))}
        )
        return [decode(ItemOverview, o) for o in json.loads(text)]


class SyncItemsShares:
    """Share links for items (blocking)."""

    def __init__(self, inner_client: InnerClient) -> None:
        self.inner_client = inner_client

    def get_account_policy(self, vault_id: str, item_id: str) -> ItemShareAccountPolicy:
        """The account's rules for sharing this item."""
        text = self.inner_client.invoke_blocking(
            "ItemsSharesGetAccountPolicy", {"vault_id": vault_id, "item_id": item_id}
        )
        return decode(ItemShareAccountPolicy, json.loads(text))

    def validate_recipients(
        self, policy: ItemShareAccountPolicy, recipients: List[str]
    ) -> List[ValidRecipient]:
        """Emails and domains checked against the policy."""
        text = self.inner_client.invoke_blocking(
            "ItemsSharesValidateRecipients",
            {"policy": encode(policy), "recipients": list(recipients)},
        )
        return _recipients(text)

    def create(self, item: Item, policy: ItemShareAccountPolicy, params: ItemShareParams) -> str:
        """A share link for the item."""
        text = self.inner_client.invoke_blocking(
            "ItemsSharesCreate",
            {"item": encode(item), "policy": encode(policy), "params": encode(params)},
        )
        return str(json.loads(text))


class SyncItemsFiles:
    """Files attached to items (blocking)."""

    def __init__(self, inner_client: InnerClient) -> None:
        self.inner_client = inner_client

    def attach(self, item: Item, file_params: FileCreateParams) -> Item:
        """Attaches a file; returns the updated item."""
        text = self.inner_client.invoke_blocking(
            "ItemsFilesAttach", {"item": encode(item), "file_params": encode(file_params)}
        )
        return decode(Item, json.loads(text))

    def read(self, vault_id: str, item_id: str, attr: FileAttributes) -> bytes:
        """A file's content."""
        text = self.inner_client.invoke_blocking(
            "ItemsFilesRead", {"vault_id": vault_id, "item_id": item_id, "attr": encode(attr)}
        )
        return bytes(json.loads(text))

    def delete(self, item: Item, section_id: str, field_id: str) -> Item:
        """Removes a file field; returns the updated item."""
        text = self.inner_client.invoke_blocking(
            "ItemsFilesDelete",
            {"item": encode(item), "section_id": section_id, "field_id": field_id},
        )
        return decode(Item, json.loads(text))

    def replace_document(self, item: Item, doc_params: DocumentCreateParams) -> Item:
        """Replaces the document of a Document item; returns the updated item."""
        text = self.inner_client.invoke_blocking(
            "ItemsFilesReplaceDocument", {"item": encode(item), "doc_params": encode(doc_params)}
        )
        return decode(Item, json.loads(text))


class SyncItems:
    """Items of a `SyncClient`."""

    def __init__(self, inner_client: InnerClient) -> None:
        self.inner_client = inner_client
        self.shares = SyncItemsShares(inner_client)
        self.files = SyncItemsFiles(inner_client)

    def create(self, params: ItemCreateParams) -> Item:
        """Creates an item."""
        text = self.inner_client.invoke_blocking("ItemsCreate", {"params": encode(params)})
        return decode(Item, json.loads(text))

    def create_all(self, vault_id: str, params: List[ItemCreateParams]) -> ItemsUpdateAllResponse:
        """Creates several items in one vault; failures are reported per item."""
        text = self.inner_client.invoke_blocking(
            "ItemsCreateAll", {"vault_id": vault_id, "params": encode(list(params))}
        )
        return decode(ItemsUpdateAllResponse, json.loads(text))

    def get(self, vault_id: str, item_id: str) -> Item:
        """An item."""
        text = self.inner_client.invoke_blocking(
            "ItemsGet", {"vault_id": vault_id, "item_id": item_id}
        )
        return decode(Item, json.loads(text))

    def get_all(self, vault_id: str, item_ids: List[str]) -> ItemsGetAllResponse:
        """Several items of one vault; failures are reported per item."""
        text = self.inner_client.invoke_blocking(
            "ItemsGetAll", {"vault_id": vault_id, "item_ids": list(item_ids)}
        )
        return decode(ItemsGetAllResponse, json.loads(text))

    def put(self, item: Item) -> Item:
        """Saves an edited item (fails on a stale `version`)."""
        text = self.inner_client.invoke_blocking("ItemsPut", {"item": encode(item)})
        return decode(Item, json.loads(text))

    def delete(self, vault_id: str, item_id: str) -> None:
        """Moves an item to Recently Deleted."""
        self.inner_client.invoke_blocking("ItemsDelete", {"vault_id": vault_id, "item_id": item_id})

    def delete_all(self, vault_id: str, item_ids: List[str]) -> ItemsDeleteAllResponse:
        """Deletes several items of one vault; results keyed by item id."""
        text = self.inner_client.invoke_blocking(
            "ItemsDeleteAll", {"vault_id": vault_id, "item_ids": list(item_ids)}
        )
        return decode(ItemsDeleteAllResponse, json.loads(text))

    def archive(self, vault_id: str, item_id: str) -> None:
        """Archives an item."""
        self.inner_client.invoke_blocking(
            "ItemsArchive", {"vault_id": vault_id, "item_id": item_id}
        )

    def list(self, vault_id: str, *filters: ItemListFilter) -> List[ItemOverview]:
        """Overviews of a vault's items (active ones unless a filter says otherwise)."""
        text = self.inner_client.invoke_blocking(
            "ItemsList", {"vault_id": vault_id, "filters": encode(list(filters))}
        )
        return [decode(ItemOverview, o) for o in json.loads(text)]
