"""`client.groups`, async and sync."""

from __future__ import annotations

import json

from ._inner import InnerClient
from ._model import decode, encode
from .types import Group, GroupGetParams


class Groups:
    """Groups of an async `Client`."""

    def __init__(self, inner_client: InnerClient) -> None:
        self.inner_client = inner_client

    async def get(self, group_id: str, group_params: GroupGetParams) -> Group:
        """A group (with its vault permissions when `group_params.vault_permissions`)."""
        text = await self.inner_client.invoke(
            "GroupsGet", {"group_id": group_id, "group_params": encode(group_params)}
        )
        return decode(Group, json.loads(text))


class SyncGroups:
    """Groups of a `SyncClient`."""

    def __init__(self, inner_client: InnerClient) -> None:
        self.inner_client = inner_client

    def get(self, group_id: str, group_params: GroupGetParams) -> Group:
        """A group (with its vault permissions when `group_params.vault_permissions`)."""
        text = self.inner_client.invoke_blocking(
            "GroupsGet", {"group_id": group_id, "group_params": encode(group_params)}
        )
        return decode(Group, json.loads(text))
