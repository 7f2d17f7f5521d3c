//! Vaults, groups and access grants (docs/protocol.md §9.4, §9.7).

use serde::{Deserialize, Serialize};

use super::enums::{GroupState, GroupType, VaultAccessorType, VaultType};
use super::timestamp::Timestamp;

/// A vault as `VaultsList` / `VaultsGetOverview` return it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct VaultOverview {
    /// The vault's id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Kind of vault.
    pub vault_type: VaultType,
    /// Active items (neither archived nor deleted).
    pub active_item_count: u32,
    /// Bumps on every item change.
    pub content_version: u32,
    /// Bumps on title, description or icon changes.
    pub attribute_version: u32,
    /// When it was created.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
}

/// A vault as `VaultsGet` / `VaultsCreate` / `VaultsUpdate` return it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Vault {
    /// The vault's id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Kind of vault.
    pub vault_type: VaultType,
    /// Active items.
    pub active_item_count: u32,
    /// Bumps on every item change.
    pub content_version: u32,
    /// Bumps on title, description or icon changes.
    pub attribute_version: u32,
    /// Who has access, when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access: Option<Vec<VaultAccess>>,
}

/// What `VaultsCreate` takes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct VaultCreateParams {
    /// Title.
    pub title: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether administrators get access.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_admins_access: Option<bool>,
}

/// What `VaultsUpdate` takes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct VaultUpdateParams {
    /// New title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// New description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Options of `VaultsGet`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct VaultGetParams {
    /// Include `access`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessors: Option<bool>,
}

/// Options of `VaultsList`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct VaultListParams {
    /// Decrypt titles and descriptions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decrypt_details: Option<bool>,
}

/// One principal's or group's access to a vault.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct VaultAccess {
    /// The vault.
    pub vault_uuid: String,
    /// User or group.
    pub accessor_type: VaultAccessorType,
    /// The user's or group's id.
    pub accessor_uuid: String,
    /// Permission bits ([`permissions`]).
    pub permissions: u32,
}

/// A group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Group {
    /// The group's id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Kind of group.
    pub group_type: GroupType,
    /// Active or deleted.
    pub state: GroupState,
    /// The group's vault grants, when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vault_access: Option<Vec<VaultAccess>>,
}

/// Options of `GroupsGet`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct GroupGetParams {
    /// Include `vaultAccess`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vault_permissions: Option<bool>,
}

/// A grant for `VaultsGrantGroupPermissions`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct GroupAccess {
    /// The group.
    pub group_id: String,
    /// Permission bits.
    pub permissions: u32,
}

/// A replacement grant for `VaultsUpdateGroupPermissions`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct GroupVaultAccess {
    /// The vault.
    pub vault_id: String,
    /// The group.
    pub group_id: String,
    /// Permission bits.
    pub permissions: u32,
}

/// Vault permission bits (docs/protocol.md §9.7); combine with `|`.
pub mod permissions {
    /// No access.
    pub const NO_ACCESS: u32 = 0;
    /// Recover the vault.
    pub const RECOVER_VAULT: u32 = 1;
    /// Manage the vault (title, access).
    pub const MANAGE_VAULT: u32 = 2;
    /// Reveal concealed values.
    pub const REVEAL_ITEM_PASSWORD: u32 = 16;
    /// Read items.
    pub const READ_ITEMS: u32 = 32;
    /// Update items.
    pub const UPDATE_ITEMS: u32 = 64;
    /// Create items.
    pub const CREATE_ITEMS: u32 = 128;
    /// Archive items.
    pub const ARCHIVE_ITEMS: u32 = 256;
    /// Delete items.
    pub const DELETE_ITEMS: u32 = 512;
    /// View and change item history.
    pub const UPDATE_ITEM_HISTORY: u32 = 1024;
    /// Share items.
    pub const SEND_ITEMS: u32 = 1 << 20;
    /// Import items.
    pub const IMPORT_ITEMS: u32 = 1 << 21;
    /// Export items.
    pub const EXPORT_ITEMS: u32 = 1 << 22;
    /// Print items.
    pub const PRINT_ITEMS: u32 = 1 << 23;

    /// Every bit with its snake_case name, as the CLI spells them.
    pub const ALL: [(&str, u32); 13] = [
        ("recover_vault", RECOVER_VAULT),
        ("manage_vault", MANAGE_VAULT),
        ("reveal_item_password", REVEAL_ITEM_PASSWORD),
        ("read_items", READ_ITEMS),
        ("update_items", UPDATE_ITEMS),
        ("create_items", CREATE_ITEMS),
        ("archive_items", ARCHIVE_ITEMS),
        ("delete_items", DELETE_ITEMS),
        ("update_item_history", UPDATE_ITEM_HISTORY),
        ("send_items", SEND_ITEMS),
        ("import_items", IMPORT_ITEMS),
        ("export_items", EXPORT_ITEMS),
        ("print_items", PRINT_ITEMS),
    ];

    /// The union of every defined bit.
    pub const ALL_BITS: u32 = RECOVER_VAULT
        | MANAGE_VAULT
        | REVEAL_ITEM_PASSWORD
        | READ_ITEMS
        | UPDATE_ITEMS
        | CREATE_ITEMS
        | ARCHIVE_ITEMS
        | DELETE_ITEMS
        | UPDATE_ITEM_HISTORY
        | SEND_ITEMS
        | IMPORT_ITEMS
        | EXPORT_ITEMS
        | PRINT_ITEMS;
}
