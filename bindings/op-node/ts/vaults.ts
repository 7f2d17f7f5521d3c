/** `client.vaults`: vaults and their group permissions. */
import type { InnerClient } from "./core";
import type {
  GroupAccess,
  GroupVaultAccess,
  Vault,
  VaultCreateParams,
  VaultGetParams,
  VaultListParams,
  VaultOverview,
  VaultUpdateParams,
} from "./types";

/** Operations on vaults. */
export interface VaultsApi {
  /** Creates a vault. */
  create(params: VaultCreateParams): Promise<Vault>;
  /** The vaults this client can see. */
  list(params?: VaultListParams): Promise<VaultOverview[]>;
  /** A vault's overview. */
  getOverview(vaultId: string): Promise<VaultOverview>;
  /** A vault, with its access list if `vaultParams.accessors`. */
  get(vaultId: string, vaultParams: VaultGetParams): Promise<Vault>;
  /** Renames or re-describes a vault. */
  update(vaultId: string, params: VaultUpdateParams): Promise<Vault>;
  /** Deletes a vault. */
  delete(vaultId: string): Promise<void>;
  /** Grants groups permissions on a vault. */
  grantGroupPermissions(vaultId: string, groupPermissionsList: GroupAccess[]): Promise<void>;
  /** Replaces groups' permission sets on vaults. */
  updateGroupPermissions(groupPermissionsList: GroupVaultAccess[]): Promise<void>;
  /** Removes a group's access to a vault. */
  revokeGroupPermissions(vaultId: string, groupId: string): Promise<void>;
}

/** The vaults namespace of a client. */
export class Vaults implements VaultsApi {
  #inner: InnerClient;

  constructor(inner: InnerClient) {
    this.#inner = inner;
  }

  create(params: VaultCreateParams): Promise<Vault> {
    return this.#inner.invoke("VaultsCreate", { params }, { ref: "Vault" });
  }

  list(params?: VaultListParams): Promise<VaultOverview[]> {
    return this.#inner.invoke("VaultsList", { params }, { list: { ref: "VaultOverview" } });
  }

  getOverview(vaultId: string): Promise<VaultOverview> {
    return this.#inner.invoke("VaultsGetOverview", { vault_id: vaultId }, { ref: "VaultOverview" });
  }

  get(vaultId: string, vaultParams: VaultGetParams): Promise<Vault> {
    return this.#inner.invoke("VaultsGet", { vault_id: vaultId, vault_params: vaultParams }, { ref: "Vault" });
  }

  update(vaultId: string, params: VaultUpdateParams): Promise<Vault> {
    return this.#inner.invoke("VaultsUpdate", { vault_id: vaultId, params }, { ref: "Vault" });
  }

  delete(vaultId: string): Promise<void> {
    return this.#inner.invokeVoid("VaultsDelete", { vault_id: vaultId });
  }

  grantGroupPermissions(vaultId: string, groupPermissionsList: GroupAccess[]): Promise<void> {
    return this.#inner.invokeVoid("VaultsGrantGroupPermissions", {
      vault_id: vaultId,
      group_permissions_list: groupPermissionsList,
    });
  }

  updateGroupPermissions(groupPermissionsList: GroupVaultAccess[]): Promise<void> {
    return this.#inner.invokeVoid("VaultsUpdateGroupPermissions", { group_permissions_list: groupPermissionsList });
  }

  revokeGroupPermissions(vaultId: string, groupId: string): Promise<void> {
    return this.#inner.invokeVoid("VaultsRevokeGroupPermissions", { vault_id: vaultId, group_id: groupId });
  }
}
