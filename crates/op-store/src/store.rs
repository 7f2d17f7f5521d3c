//! The `Store` trait: what every backend (SQLite now, PostgreSQL later) provides.

use crate::error::StoreError;
use crate::files::{FileSink, NewFile};
use crate::records::{
    AccessChanges, AccessRecord, AccountRecord, AuditEvent, EnvironmentAccessRecord,
    EnvironmentRecord, GroupRecord, ItemRecord, ItemState, ItemSummary, PrincipalRecord,
    PrincipalState, VaultRecord,
};

/// Persistence of ciphertext and metadata. It never sees a key or a plaintext secret.
///
/// Synchronous on purpose: the SDK calls it from blocking threads. Every write is one transaction and every
/// bulk write is all-or-nothing. Every write also appends its audit events (who: the principal the handle
/// acts as, see [`Store::acting_as`]; what; which vault, item or other record; when) in the same
/// transaction, so the trail cannot miss a change that landed nor record one that did not. Integers are
/// at most 64 bits signed (times in unix microseconds) and lists have an explicit order, so a PostgreSQL
/// implementation can follow. Reads that return `Option` answer `None` for a missing record; writes to a
/// missing record fail with [`StoreError::NotFound`]. Lists come back in a stable order (creation time, then
/// id) unless the method says otherwise.
pub trait Store: Send + Sync {
    /// A handle on the same store whose writes are recorded in the audit trail as made by
    /// `principal_id`. Handles share connections; making one is cheap.
    fn acting_as(&self, principal_id: &str) -> std::sync::Arc<dyn Store>;

    /// Runs `f` with every read this thread makes on this store in one read transaction: the
    /// reads see one snapshot (a principal's state, its grants and an item from the same moment),
    /// and the transaction's locking is paid once instead of once per read. Writes made inside
    /// `f` commit as usual but are not visible to its later reads, so only read paths use it.
    /// Nested calls join the outer snapshot.
    fn read_snapshot(&self, f: &mut dyn FnMut()) -> Result<(), StoreError>;

    /// Stores the account of this file. Fails with `AlreadyExists` if the file already has one.
    fn create_account(&self, account: &AccountRecord) -> Result<(), StoreError>;
    /// The account of this file, if created.
    fn account(&self) -> Result<Option<AccountRecord>, StoreError>;

    /// Stores a new principal. Fails with `AlreadyExists` on a duplicate id.
    fn insert_principal(&self, principal: &PrincipalRecord) -> Result<(), StoreError>;
    /// Stores a new principal together with its grants, in one transaction: a crash leaves the
    /// principal with all of them or does not create it.
    fn insert_principal_with_access(
        &self,
        principal: &PrincipalRecord,
        access: &[AccessRecord],
    ) -> Result<(), StoreError>;
    /// One principal.
    fn principal(&self, id: &str) -> Result<Option<PrincipalRecord>, StoreError>;
    /// Every principal.
    fn principals(&self) -> Result<Vec<PrincipalRecord>, StoreError>;
    /// Activates or revokes a principal.
    fn set_principal_state(&self, id: &str, state: PrincipalState) -> Result<(), StoreError>;
    /// Revokes a principal and applies the key and grant changes that shut it out, in one
    /// transaction: a failure leaves it active with every key as it was, never revoked with its
    /// vaults still under keys it holds.
    fn revoke_principal(&self, id: &str, changes: &AccessChanges) -> Result<(), StoreError>;

    /// Stores a new group. Fails with `AlreadyExists` on a duplicate id.
    fn insert_group(&self, group: &GroupRecord) -> Result<(), StoreError>;
    /// One group.
    fn group(&self, id: &str) -> Result<Option<GroupRecord>, StoreError>;
    /// Every group.
    fn groups(&self) -> Result<Vec<GroupRecord>, StoreError>;
    /// Makes a principal a member, with the group's private key sealed to the principal.
    fn add_group_member(
        &self,
        group_id: &str,
        principal_id: &str,
        sealed_group_key: &[u8],
    ) -> Result<(), StoreError>;
    /// The groups a principal belongs to, each with the group key sealed to that principal.
    fn group_memberships(
        &self,
        principal_id: &str,
    ) -> Result<Vec<(GroupRecord, Vec<u8>)>, StoreError>;
    /// The principal ids of a group's members, sorted. Fails with `NotFound` for an unknown group.
    fn group_members(&self, group_id: &str) -> Result<Vec<String>, StoreError>;

    /// Stores a new vault together with its first grants, atomically.
    fn create_vault(&self, vault: &VaultRecord, access: &[AccessRecord]) -> Result<(), StoreError>;
    /// One vault.
    fn vault(&self, id: &str) -> Result<Option<VaultRecord>, StoreError>;
    /// Every vault.
    fn vaults(&self) -> Result<Vec<VaultRecord>, StoreError>;
    /// Replaces a vault's encrypted attributes and bumps its `attribute_version`. Fails with
    /// `KeyRotated` unless `key_generation` (the key the attributes are encrypted under) is current.
    fn update_vault_attrs(
        &self,
        id: &str,
        attrs: &[u8],
        key_generation: u32,
        updated_at: i64,
    ) -> Result<(), StoreError>;
    /// Every older key of a vault, wrapped under the current key: `(generation, wrapped)`, oldest first.
    fn vault_key_history(&self, vault_id: &str) -> Result<Vec<(u32, Vec<u8>)>, StoreError>;
    /// Re-keys groups, vaults and Environments and adds or removes grants, all in one transaction
    /// (see [`AccessChanges`]): a bulk change lands whole or not at all.
    fn apply_access_changes(&self, changes: &AccessChanges) -> Result<(), StoreError>;
    /// Removes a vault with its items, files and grants, atomically.
    fn delete_vault(&self, id: &str) -> Result<(), StoreError>;
    /// Every grant on a vault. Fails with `NotFound` for an unknown vault.
    fn vault_access(&self, vault_id: &str) -> Result<Vec<AccessRecord>, StoreError>;
    /// A principal's direct grants plus the grants of every group it belongs to (the SDK combines them).
    fn access_for(&self, principal_id: &str) -> Result<Vec<AccessRecord>, StoreError>;

    /// One item.
    fn item(&self, vault_id: &str, id: &str) -> Result<Option<ItemRecord>, StoreError>;
    /// Several items, in request order (`None` where missing).
    fn items(&self, vault_id: &str, ids: &[String]) -> Result<Vec<Option<ItemRecord>>, StoreError>;
    /// The items of a vault in the given states, without details. An empty `states` returns nothing.
    fn item_summaries(
        &self,
        vault_id: &str,
        states: &[ItemState],
    ) -> Result<Vec<ItemSummary>, StoreError>;
    /// The items (any state) whose blind title index equals `title_index`. Indexed: flat as a vault grows.
    fn items_by_title_index(
        &self,
        vault_id: &str,
        title_index: &[u8],
    ) -> Result<Vec<ItemRecord>, StoreError>;
    /// Moves items to another state, all or none; the rows stay. `Deleted` sets `deleted_at = at`. The
    /// item versions are not bumped (their ciphertext is bound to them); the vault's counters are.
    fn set_items_state(
        &self,
        vault_id: &str,
        ids: &[String],
        state: ItemState,
        at: i64,
    ) -> Result<(), StoreError>;
    /// Removes items deleted before `older_than` (with their files); returns how many.
    fn purge_deleted(&self, older_than: i64) -> Result<usize, StoreError>;

    /// Stores a new Environment with its first grants, atomically.
    fn create_environment(
        &self,
        environment: &EnvironmentRecord,
        access: &[EnvironmentAccessRecord],
    ) -> Result<(), StoreError>;
    /// One Environment.
    fn environment(&self, id: &str) -> Result<Option<EnvironmentRecord>, StoreError>;
    /// Every Environment.
    fn environments(&self) -> Result<Vec<EnvironmentRecord>, StoreError>;
    /// Replaces an Environment's content if its stored version is still `expected_version`, else
    /// fails with `VersionConflict`.
    fn update_environment(
        &self,
        environment: &EnvironmentRecord,
        expected_version: u32,
    ) -> Result<(), StoreError>;
    /// Every grant on an Environment. Fails with `NotFound` for an unknown Environment.
    fn environment_access(&self, id: &str) -> Result<Vec<EnvironmentAccessRecord>, StoreError>;
    /// A principal's direct Environment grants plus those of every group it belongs to.
    fn environment_access_for(
        &self,
        principal_id: &str,
    ) -> Result<Vec<EnvironmentAccessRecord>, StoreError>;
    /// Stores new items with their files (chunks written as `files` produce them), all or none. Each new
    /// item bumps the vault's `content_version` by one; each new active item adds one to
    /// `active_item_count`. `at` becomes the vault's `updated_at`.
    fn insert_items(
        &self,
        vault_id: &str,
        items: &[ItemRecord],
        files: Vec<NewFile<'_>>,
        at: i64,
    ) -> Result<(), StoreError>;
    /// Replaces an item if its stored version is still `expected_version` (compare-and-swap), else fails
    /// with `VersionConflict`; in the same transaction stores new files of the item and removes its files
    /// with ids in `removed` (with their chunks; an id with nothing stored is skipped). `item.version` is
    /// the new version and must be greater. Keeps `created_at`; bumps the vault's `content_version` and
    /// keeps `active_item_count` right when the state changes.
    fn update_item(
        &self,
        item: &ItemRecord,
        expected_version: u32,
        added: Vec<NewFile<'_>>,
        removed: &[String],
    ) -> Result<(), StoreError>;
    /// Streams one file (header, then chunks in index order) to `sink` from one snapshot; `false` when
    /// the file is not stored.
    fn read_file(
        &self,
        vault_id: &str,
        item_id: &str,
        file_id: &str,
        sink: &mut dyn FileSink,
    ) -> Result<bool, StoreError>;

    /// The newest `limit` audit events, newest first.
    fn audit_events(&self, limit: usize) -> Result<Vec<AuditEvent>, StoreError>;

    /// Checks the file's structure and references; `Corrupt` names the first problem found.
    fn integrity_check(&self) -> Result<(), StoreError>;
    /// The schema version of the file.
    fn schema_version(&self) -> Result<u32, StoreError>;
}
