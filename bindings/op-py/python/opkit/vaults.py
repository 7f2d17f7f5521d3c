"""`client.vaults`: vault CRUD and group permissions, async and sync."""

from __future__ import annotations

import json
from typing import List, Optional

from ._inner import InnerClient
from ._model import decode, encode
from .types import (
    GroupAccess,
    GroupVaultAccess,
    Vault,
    VaultCreateParams,
    VaultGetParams,
    VaultListParams,
    VaultOverview,
    VaultUpdateParams,
)


class Vaults:
    """Vaults of an async `Client`."""

    def __init__(self, inner_client: InnerClient) -> None:
        self.inner_client = inner_client

    async def create(self, params: VaultCreateParams) -> Vault:
        """Creates a vault."""
        text = await self.inner_client.invoke("VaultsCreate", {"params": encode(params)})
        return decode(Vault, json.loads(text))

    async def list(self, params: Optional[VaultListParams] = None) -> List[VaultOverview]:
        """The vaults this client can see."""
        text = await self.inner_client.invoke("VaultsList", {"params": encode(params)})
        return [decode(VaultOverview, v) for v in json.loads(text)]

    async def get_overview(self, vault_id: str) -> VaultOverview:
        """A vault's overview."""
        text = await self.inner_client.invoke("VaultsGetOverview", {"vault_id": vault_id})
        return decode(VaultOverview, json.loads(text))

    async def get(self, vault_id: str, vault_params: VaultGetParams) -> Vault:
        """A vault (with its accessors when `vault_params.accessors`)."""
        text = await self.inner_client.invoke(
            "VaultsGet", {"vault_id": vault_id, "vault_params": encode(vault_params)}
        )
        return decode(Vault, json.loads(text))

    async def update(self, vault_id: str, params: VaultUpdateParams) -> Vault:
        """Changes a vault's title or description."""
        text = await self.inner_client.invoke(
            "VaultsUpdate", {"vault_id": vault_id, "params": encode(params)}
        )
        return decode(Vault, json.loads(text))

    async def delete(self, vault_id: str) -> None:
        """Deletes a vault."""
        await self.inner_client.invoke("VaultsDelete", {"vault_id": vault_id})

    async def grant_group_permissions(
        self, vault_id: str, group_permissions_list: List[GroupAccess]
    ) -> None:
        """Adds groups' permissions on a vault."""
        await self.inner_client.invoke(
            "VaultsGrantGroupPermissions",
            {"vault_id": vault_id, "group_permissions_list": encode(list(group_permissions_list))},
        )

    async def update_group_permissions(
        self, group_permissions_list: List[GroupVaultAccess]
    ) -> None:
        """Replaces groups' permissions on vaults."""
        await self.inner_client.invoke(
            "VaultsUpdateGroupPermissions",
            {"group_permissions_list": encode(list(group_permissions_list))},
        )

    async def revoke_group_permissions(self, vault_id: str, group_id: str) -> None:
        """Removes all of a group's access to a vault."""
        await self.inner_client.invoke(
            "VaultsRevokeGroupPermissions", {"vault_id": vault_id, "group_id": group_id}
        )


class SyncVaults:
    """Vaults of a `SyncClient`."""

    def __init__(self, inner_client: InnerClient) -> None:
        self.inner_client = inner_client

    def create(self, params: VaultCreateParams) -> Vault:
        """Creates a vault."""
        text = self.inner_client.invoke_blocking("VaultsCreate", {"params": encode(params)})
        return decode(Vault, json.loads(text))

    def list(self, params: Optional[VaultListParams] = None) -> List[VaultOverview]:
        """The vaults this client can see."""
        text = self.inner_client.invoke_blocking("VaultsList", {"params": encode(params)})
        return [decode(VaultOverview, v) for v in json.loads(text)]

    def get_overview(self, vault_id: str) -> VaultOverview:
        """A vault's overview."""
        text = self.inner_client.invoke_blocking("VaultsGetOverview", {"vault_id": vault_id})
        return decode(VaultOverview, json.loads(text))

    def get(self, vault_id: str, vault_params: VaultGetParams) -> Vault:
        """A vault (with its accessors when `vault_params.accessors`)."""
        text = self.inner_client.invoke_blocking(
            "VaultsGet", {"vault_id": vault_id, "vault_params": encode(vault_params)}
        )
        return decode(Vault, json.loads(text))

    def update(self, vault_id: str, params: VaultUpdateParams) -> Vault:
        """Changes a vault's title or description."""
        text = self.inner_client.invoke_blocking(
            "VaultsUpdate", {"vault_id": vault_id, "params": encode(params)}
        )
        return decode(Vault, json.loads(text))

    def delete(self, vault_id: str) -> None:
        """Deletes a vault."""
        self.inner_client.invoke_blocking("VaultsDelete", {"vault_id": vault_id})

    def grant_group_permissions(
        self, vault_id: str, group_permissions_list: List[GroupAccess]
    ) -> None:
        """Adds groups' permissions on a vault."""
        self.inner_client.invoke_blocking(
            "VaultsGrantGroupPermissions",
            {"vault_id": vault_id, "group_permissions_list": encode(list(group_permissions_list))},
        )

    def update_group_permissions(self, group_permissions_list: List[GroupVaultAccess]) -> None:
        """Replaces groups' permissions on vaults."""
        self.inner_client.invoke_blocking(
            "VaultsUpdateGroupPermissions",
            {"group_permissions_list": encode(list(group_permissions_list))},
        )

    def revoke_group_permissions(self, vault_id: str, group_id: str) -> None:
        """Removes all of a group's access to a vault."""
        self.inner_client.invoke_blocking(
            "VaultsRevokeGroupPermissions", {"vault_id": vault_id, "group_id": group_id}
        )
