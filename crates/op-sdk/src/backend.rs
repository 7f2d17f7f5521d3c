//! The `Backend` seam: what the client asks of whoever holds the records, one intent per call, at
//! the ciphertext level (ADR 0013 §4).
//!
//! No key and no plaintext crosses it: calls take and return records whose secret parts are
//! ciphertext, plus the clear metadata the service layer decides from. The backend authorizes each
//! call as a whole (local: op-service in-process over SQLite; remote, later: a server hosting the
//! same service layer), so the client never assembles a decision from raw records. Everything
//! that opens a key or decrypts is above it, in `vault_client` and `codec`.

use op_store::{
    AccessChanges, AccessRecord, AccessorType, AccountRecord, AuditEvent, EnvironmentAccessRecord,
    EnvironmentRecord, FileSink, GroupRecord, ItemRecord, ItemState, ItemSummary, NewFile,
    PrincipalRecord, VaultRecord,
};

pub(crate) use op_service::{Actor, EnvironmentAction, VaultAccessView as VaultView};

use crate::error::{Error, ErrorReason, Result};

/// One vault with what opening its key needs: the access the backend found (the vault record, the
/// caller's grants, its permissions), the key history and the caller's sealed group keys.
pub(crate) struct VaultDetail {
    pub(crate) view: VaultView,
    /// Every older key of the vault wrapped under the current one, `(generation, wrapped)`.
    pub(crate) key_history: Vec<(u32, Vec<u8>)>,
    /// `(group id, group key sealed to the caller)` for each group of the caller that has a grant
    /// in `view.grants`.
    pub(crate) group_keys: Vec<(String, Vec<u8>)>,
}

/// Ciphertext read from one vault, with the access the backend checked before handing it out (the
/// client opens the key through `view.grants` and reports `view.permissions`).
pub(crate) struct VaultRead<T> {
    pub(crate) view: VaultView,
    pub(crate) value: T,
}

/// A vault whose access the caller may change, with what re-sealing its key needs.
pub(crate) struct ManagedVault {
    /// The vault and the caller's way to its key.
    pub(crate) detail: VaultDetail,
    /// Every grant on the vault (the caller's and everyone else's).
    pub(crate) grants: Vec<AccessRecord>,
    /// `(type, id, public key)` of each accessor in `grants`.
    pub(crate) public_keys: Vec<(AccessorType, String, Vec<u8>)>,
}

/// An Environment the caller may read, with the grants it opens the Environment's key through.
pub(crate) struct EnvironmentDetail {
    pub(crate) record: EnvironmentRecord,
    /// The caller's grants on it (direct and through its groups).
    pub(crate) grants: Vec<EnvironmentAccessRecord>,
    /// `(group id, group key sealed to the caller)` for the caller's groups.
    pub(crate) group_keys: Vec<(String, Vec<u8>)>,
    /// The union of the caller's grants' permission bits.
    pub(crate) permissions: u32,
}

/// An Environment whose grants the caller may change, with what re-sealing its key needs.
pub(crate) struct ManagedEnvironment {
    pub(crate) detail: EnvironmentDetail,
    /// Every grant on it (the caller's and everyone else's).
    pub(crate) grants: Vec<EnvironmentAccessRecord>,
    /// `(type, id, public key)` of each accessor in `grants`.
    pub(crate) public_keys: Vec<(AccessorType, String, Vec<u8>)>,
}

/// A vault granted to a group being re-keyed, with what re-keying it needs: it is opened through
/// the group's own grant (with the group's key pair), not the caller's.
pub(crate) struct GroupVault {
    pub(crate) vault: VaultRecord,
    /// The group's grant on it.
    pub(crate) group_grant: AccessRecord,
    /// Every older key of the vault wrapped under the current one, `(generation, wrapped)`.
    pub(crate) key_history: Vec<(u32, Vec<u8>)>,
    /// Every grant on the vault.
    pub(crate) grants: Vec<AccessRecord>,
    /// `(type, id, public key)` of each accessor in `grants`.
    pub(crate) public_keys: Vec<(AccessorType, String, Vec<u8>)>,
}

/// What giving a group a new key pair needs: its members and everything granted to it.
pub(crate) struct GroupScope {
    pub(crate) group: GroupRecord,
    /// `(principal id, public key)` of each member.
    pub(crate) members: Vec<(String, Vec<u8>)>,
    pub(crate) administrators: Option<GroupRecord>,
    pub(crate) vaults: Vec<GroupVault>,
    /// The ids of the Environments granted to the group (the caller re-keys them through
    /// [`Backend::managed_environment`]).
    pub(crate) environments: Vec<String>,
}

/// What a service account holds, for revoking it: the groups it is in and the vaults and
/// Environments granted to it directly.
pub(crate) struct PrincipalAccess {
    pub(crate) groups: Vec<String>,
    pub(crate) vaults: Vec<String>,
    pub(crate) environments: Vec<String>,
}

/// A group made with the account (or added to an account made before groups existed), with its
/// key sealed to the owner, its first member.
pub(crate) struct NewGroup {
    pub(crate) group: GroupRecord,
    pub(crate) sealed_to_owner: Vec<u8>,
}

/// Everything a new account file holds at first, made on the client side: the account, its owner
/// (private key sealed under the owner's unlock key), the built-in groups and the owner's Personal
/// vault with its one grant.
pub(crate) struct NewAccount {
    pub(crate) account: AccountRecord,
    pub(crate) owner: PrincipalRecord,
    pub(crate) groups: Vec<NewGroup>,
    pub(crate) personal_vault: VaultRecord,
    pub(crate) personal_grants: Vec<AccessRecord>,
}

/// Why a file read stopped.
#[derive(Debug)]
pub(crate) enum FileReadError {
    /// The stored file is inconsistent (the client reports it as tampering with the file's name).
    Corrupt(String),
    /// Any other failure, refusals included.
    Failed(Error),
}

/// A missing or deleted item, as both sides of the seam report it.
pub(crate) fn item_not_found(vault_id: &str, item_id: &str) -> Error {
    Error::ItemApi(
        ErrorReason::NotFound,
        format!("no item {item_id:?} in vault {vault_id:?} (deleted items are not returned)"),
    )
}

/// The calls that cross the seam.
pub(crate) trait Backend: Send + Sync {
    /// Who the caller is now; fails with reason `Revoked` once it was revoked.
    fn who(&self) -> Result<Actor>;

    /// The vaults the caller can see, each with the grants it opens them through.
    fn visible_vaults(&self) -> Result<Vec<VaultView>>;

    /// One vault the caller can see, with its key history and the caller's sealed group keys.
    fn vault(&self, vault_id: &str) -> Result<VaultDetail>;

    /// Every grant on a vault the caller can see.
    fn vault_access_list(&self, vault_id: &str) -> Result<Vec<AccessRecord>>;

    /// Encrypted items by id, in request order; `None` where missing or deleted. Needs the
    /// permissions that reveal an item.
    fn items(&self, vault_id: &str, ids: &[String]) -> Result<VaultRead<Vec<Option<ItemRecord>>>>;

    /// The encrypted overviews of a vault's items in `states`.
    fn overviews(
        &self,
        vault_id: &str,
        states: &[ItemState],
    ) -> Result<VaultRead<Vec<ItemSummary>>>;

    /// The active items whose id is `id` or whose blind title index is `title_index`, for
    /// resolving a secret reference. Needs the permissions that reveal an item.
    fn find_items(
        &self,
        vault_id: &str,
        id: Option<&str>,
        title_index: &[u8],
    ) -> Result<VaultRead<Vec<ItemRecord>>>;

    /// Streams one file's header and chunks into `sink`; `false` when nothing is stored.
    fn read_file(
        &self,
        vault_id: &str,
        item_id: &str,
        file_id: &str,
        sink: &mut dyn FileSink,
    ) -> std::result::Result<bool, FileReadError>;

    /// Which of `ids` are live (not deleted) items of the vault, for checking `Reference` fields.
    fn live_items(&self, vault_id: &str, ids: &[String]) -> Result<Vec<bool>>;

    /// Stores new encrypted items with their files (chunks pulled from `files` as they are
    /// written), all or none.
    fn create_items(
        &self,
        vault_id: &str,
        items: &[ItemRecord],
        files: Vec<NewFile<'_>>,
    ) -> Result<()>;

    /// Replaces a live item if it is still at `expected_version`, storing `added` files and
    /// removing the files `removed` in the same transaction. A put keeps the item's state.
    fn put_item(
        &self,
        item: &ItemRecord,
        expected_version: u32,
        added: Vec<NewFile<'_>>,
        removed: &[String],
    ) -> Result<()>;

    /// Moves the live items among `ids` to `state`, all or none, and says which were live.
    fn set_item_states(
        &self,
        vault_id: &str,
        ids: &[String],
        state: ItemState,
    ) -> Result<Vec<bool>>;

    /// The Administrators group (its public key seals a new vault's key for administrators).
    fn administrators(&self) -> Result<Option<GroupRecord>>;

    /// Stores a new vault created by the caller with its first grants: the caller's own, and
    /// optionally the Administrators group's.
    fn create_vault(&self, vault: &VaultRecord, grants: &[AccessRecord]) -> Result<()>;

    /// Replaces a vault's encrypted title and description (encrypted under `key_generation`).
    fn update_vault_attrs(&self, vault_id: &str, attrs: &[u8], key_generation: u32) -> Result<()>;

    /// Removes a vault with its items, files and grants.
    fn delete_vault(&self, vault_id: &str) -> Result<()>;

    /// A vault whose access the caller may change (`manage_vault`, and for a service account only
    /// a vault it created), with every grant on it and the accessors' public keys.
    fn managed_vault(&self, vault_id: &str) -> Result<ManagedVault>;

    /// An active group.
    fn group(&self, group_id: &str) -> Result<GroupRecord>;

    /// A group's grants on the vaults the caller can see, in vault id order.
    fn group_vault_access(&self, group_id: &str) -> Result<Vec<AccessRecord>>;

    /// Adds or changes group grants on vaults, re-keys vaults, adds or changes Environment grants
    /// and re-keys Environments, all or none. Each vault or Environment touched must be one the
    /// caller may manage; a re-key may drop accessors, never add one.
    fn apply_access_changes(&self, changes: &AccessChanges) -> Result<()>;

    /// An Environment on which the caller may do `action`, with the grants that open its key.
    fn environment(
        &self,
        environment_id: &str,
        action: EnvironmentAction,
    ) -> Result<EnvironmentDetail>;

    /// Every Environment the caller holds a grant on, each with the grants that open its key.
    fn environments(&self) -> Result<Vec<EnvironmentDetail>>;

    /// Stores a new Environment created by the caller, granted to the caller alone with every
    /// Environment permission (the account owner's right).
    fn create_environment(
        &self,
        record: &EnvironmentRecord,
        grants: &[EnvironmentAccessRecord],
    ) -> Result<()>;

    /// An Environment on which the caller may do `action` (granting or revoking), with every
    /// grant on it and the accessors' public keys.
    fn managed_environment(
        &self,
        environment_id: &str,
        action: EnvironmentAction,
    ) -> Result<ManagedEnvironment>;

    /// The public key of a principal or an active group (to seal a key to it).
    fn public_key(&self, accessor_type: AccessorType, id: &str) -> Result<Vec<u8>>;

    /// Replaces an Environment's content (encrypted for version `expected_version + 1`) if it is
    /// still at `expected_version`.
    fn update_environment(
        &self,
        environment_id: &str,
        content: &[u8],
        expected_version: u32,
    ) -> Result<()>;

    /// The newest `limit` audit events, newest first (the account owner's right).
    fn audit_events(&self, limit: usize) -> Result<Vec<AuditEvent>>;

    /// The caller's groups, each with the group key sealed to the caller.
    fn memberships(&self) -> Result<Vec<(GroupRecord, Vec<u8>)>>;

    /// Every active group of the account (the owner's right).
    fn groups(&self) -> Result<Vec<GroupRecord>>;

    /// The principal ids of an active group's members (the owner's right).
    fn group_members(&self, group_id: &str) -> Result<Vec<String>>;

    /// Stores a new user-defined group, with no members, its key sealed to the Administrators
    /// group (the owner's right).
    fn create_group(&self, group: &GroupRecord) -> Result<()>;

    /// Makes an active principal a member of an active group, with the group key sealed to it (the
    /// owner's right; a service account never joins a group that holds a Personal vault).
    fn add_group_member(&self, group_id: &str, principal_id: &str, sealed: &[u8]) -> Result<()>;

    /// Stores the built-in groups the account lacks, the caller (the owner) a member of each (an
    /// account made before groups existed gets them on its owner's next unlock).
    fn create_builtin_groups(&self, groups: &[NewGroup]) -> Result<()>;

    /// Everything a new key pair for an active group touches (the owner's right).
    fn group_rekey_scope(&self, group_id: &str) -> Result<GroupScope>;

    /// The groups and direct grants of a service account (the owner's right).
    fn principal_access(&self, principal_id: &str) -> Result<PrincipalAccess>;

    /// Removes a member from a group with the re-keys that shut it out, all or none: `changes`
    /// gives the group a new key pair sealed to every other member and re-keys every vault and
    /// Environment granted to the group, dropping no one else (the owner's right).
    fn remove_group_member(
        &self,
        group_id: &str,
        principal_id: &str,
        changes: &AccessChanges,
    ) -> Result<()>;

    /// Revokes a service account at once and applies the re-keys that shut it out: `changes`
    /// re-keys every group it was in without it and every vault and Environment it could open
    /// (directly or through those groups) without its grants; a grant the caller cannot re-key is
    /// removed instead (the owner's right).
    fn revoke_principal(&self, principal_id: &str, changes: &AccessChanges) -> Result<()>;

    /// Removes items deleted more than 30 days ago, by the backend's clock (the owner's right).
    fn purge_deleted(&self) -> Result<usize>;

    /// Stores a new service account created by the caller with its direct grants, in one
    /// transaction (the owner's right; never on a Personal vault; its right to create vaults is
    /// what its grants give).
    fn create_service_account(
        &self,
        principal: &PrincipalRecord,
        grants: &[AccessRecord],
    ) -> Result<()>;
}
