//! `LocalBackend`: the service layer over the SQLite vault file, in-process, behind the seam.
//!
//! Each call reads the actor (revocation applies at once, also to open clients), asks op-service
//! whether the intent is allowed as a whole, then reads the records. It holds no key.

use std::sync::Arc;

use op_core::wire::{GroupState, GroupType, permissions};
use op_service::{Actor, EnvironmentAction, Service};
use op_store::{
    AccessChanges, AccessRecord, AccessorType, AuditEvent, EnvironmentAccessRecord,
    EnvironmentRecord, FileSink, GroupRecord, ItemRecord, ItemState, ItemSummary, NewFile,
    PrincipalRecord, StoreError, VaultRecord,
};

use super::service_error;
use super::{now_micros, store_error};
use crate::backend::{
    Backend, EnvironmentDetail, FileReadError, GroupScope, ManagedEnvironment, ManagedVault,
    NewGroup, PrincipalAccess, VaultDetail, VaultRead, VaultView, item_not_found,
};
use crate::error::{Error, ErrorReason, Result};

/// What reading an item's ciphertext needs: its details hold the concealed fields.
const REVEAL: u32 = permissions::READ_ITEMS | permissions::REVEAL_ITEM_PASSWORD;

/// One principal's view of one vault file.
pub(crate) struct LocalBackend {
    pub(super) service: Service,
    pub(super) principal_id: String,
}

impl LocalBackend {
    /// `service` must be over a store acting as `principal_id` (its writes are audited as such).
    pub(crate) fn new(service: Service, principal_id: String) -> Self {
        Self {
            service,
            principal_id,
        }
    }

    pub(super) fn store(&self) -> &Arc<dyn op_store::Store> {
        self.service.store()
    }

    /// Runs the reads of one call in one store snapshot: the actor's state, its grants and the
    /// records agree with each other, and the read transaction's locking is paid once per call
    /// instead of once per read (what kept two threads resolving at once from using two cores).
    fn snapshot<T>(&self, read: impl FnOnce() -> Result<T>) -> Result<T> {
        let (mut read, mut outcome) = (Some(read), None);
        self.store()
            .read_snapshot(&mut || outcome = read.take().map(|r| r()))
            .map_err(store_error)?;
        outcome.unwrap_or_else(|| Err(Error::Internal("a snapshot read did not run".into())))
    }

    /// `view` with the key history and the caller's sealed group keys that open its grants.
    fn detail(&self, view: VaultView) -> Result<VaultDetail> {
        let key_history = self
            .store()
            .vault_key_history(&view.vault.id)
            .map_err(store_error)?;
        let group_keys = if view
            .grants
            .iter()
            .any(|g| g.accessor_type == AccessorType::Group)
        {
            self.store()
                .group_memberships(&self.principal_id)
                .map_err(store_error)?
                .into_iter()
                .filter(|(group, _)| view.grants.iter().any(|g| g.accessor_id == group.id))
                .map(|(group, sealed)| (group.id, sealed))
                .collect()
        } else {
            Vec::new()
        };
        Ok(VaultDetail {
            view,
            key_history,
            group_keys,
        })
    }

    /// `(type, id, public key)` of each accessor of `grants` on `vault_id`.
    pub(super) fn vault_public_keys(
        &self,
        vault_id: &str,
        grants: &[AccessRecord],
    ) -> Result<Vec<(AccessorType, String, Vec<u8>)>> {
        let mut public_keys = Vec::with_capacity(grants.len());
        for grant in grants {
            let key = match grant.accessor_type {
                AccessorType::User => self
                    .store()
                    .principal(&grant.accessor_id)
                    .map_err(store_error)?
                    .map(|p| p.public_key),
                AccessorType::Group => self
                    .store()
                    .group(&grant.accessor_id)
                    .map_err(store_error)?
                    .map(|g| g.public_key),
            };
            let key = key.ok_or_else(|| {
                Error::Internal(format!(
                    "vault {vault_id} is granted to unknown accessor {}",
                    grant.accessor_id
                ))
            })?;
            public_keys.push((grant.accessor_type, grant.accessor_id.clone(), key));
        }
        Ok(public_keys)
    }

    pub(super) fn authorized(
        &self,
        vault_id: &str,
        needed: u32,
        action: &str,
    ) -> Result<VaultView> {
        let actor = self.who()?;
        self.service
            .authorize_vault(&actor, vault_id, needed, action)
            .map_err(service_error)
    }
}

impl Backend for LocalBackend {
    fn who(&self) -> Result<Actor> {
        self.service
            .actor(&self.principal_id)
            .map_err(service_error)
    }

    fn visible_vaults(&self) -> Result<Vec<VaultView>> {
        self.snapshot(|| {
            let actor = self.who()?;
            self.service
                .accessible_vaults(&actor)
                .map_err(service_error)
        })
    }

    fn vault(&self, vault_id: &str) -> Result<VaultDetail> {
        self.snapshot(|| {
            let view = self.authorized(vault_id, 0, "open the vault")?;
            self.detail(view)
        })
    }

    fn vault_access_list(&self, vault_id: &str) -> Result<Vec<AccessRecord>> {
        self.snapshot(|| {
            self.authorized(vault_id, 0, "list who can access the vault")?;
            self.store().vault_access(vault_id).map_err(store_error)
        })
    }

    fn items(&self, vault_id: &str, ids: &[String]) -> Result<VaultRead<Vec<Option<ItemRecord>>>> {
        self.snapshot(|| {
            let view = self.authorized(vault_id, REVEAL, "read items")?;
            let value = self
                .store()
                .items(vault_id, ids)
                .map_err(store_error)?
                .into_iter()
                .map(|r| r.filter(|r| r.state != ItemState::Deleted))
                .collect();
            Ok(VaultRead { view, value })
        })
    }

    fn overviews(
        &self,
        vault_id: &str,
        states: &[ItemState],
    ) -> Result<VaultRead<Vec<ItemSummary>>> {
        self.snapshot(|| {
            let view = self.authorized(vault_id, permissions::READ_ITEMS, "list items")?;
            let value = self
                .store()
                .item_summaries(vault_id, states)
                .map_err(store_error)?;
            Ok(VaultRead { view, value })
        })
    }

    fn find_items(
        &self,
        vault_id: &str,
        id: Option<&str>,
        title_index: &[u8],
    ) -> Result<VaultRead<Vec<ItemRecord>>> {
        self.snapshot(|| {
            let view = self.authorized(vault_id, REVEAL, "read secrets")?;
            let store = self.store();
            let mut value: Vec<ItemRecord> = Vec::new();
            if let Some(id) = id
                && let Some(record) = store.item(vault_id, id).map_err(store_error)?
            {
                value.push(record);
            }
            for record in store
                .items_by_title_index(vault_id, title_index)
                .map_err(store_error)?
            {
                if !value.iter().any(|c| c.id == record.id) {
                    value.push(record);
                }
            }
            value.retain(|r| r.state == ItemState::Active);
            Ok(VaultRead { view, value })
        })
    }

    fn read_file(
        &self,
        vault_id: &str,
        item_id: &str,
        file_id: &str,
        sink: &mut dyn FileSink,
    ) -> std::result::Result<bool, FileReadError> {
        self.authorized(vault_id, REVEAL, "read files")
            .map_err(FileReadError::Failed)?;
        self.store()
            .read_file(vault_id, item_id, file_id, sink)
            .map_err(|e| match e {
                StoreError::Corrupt { .. } => FileReadError::Corrupt(e.to_string()),
                other => FileReadError::Failed(store_error(other)),
            })
    }

    fn live_items(&self, vault_id: &str, ids: &[String]) -> Result<Vec<bool>> {
        self.snapshot(|| {
            self.authorized(vault_id, permissions::READ_ITEMS, "look up items")?;
            Ok(self
                .store()
                .items(vault_id, ids)
                .map_err(store_error)?
                .iter()
                .map(|r| r.as_ref().is_some_and(|r| r.state != ItemState::Deleted))
                .collect())
        })
    }

    fn create_items(
        &self,
        vault_id: &str,
        items: &[ItemRecord],
        files: Vec<NewFile<'_>>,
    ) -> Result<()> {
        self.authorized(vault_id, permissions::CREATE_ITEMS, "create items")?;
        if items.iter().any(|i| i.vault_id != vault_id) {
            return Err(Error::ItemApi(
                ErrorReason::Invalid,
                format!("every item of this call must be in vault {vault_id}"),
            ));
        }
        self.store()
            .insert_items(vault_id, items, files, now_micros())
            .map_err(store_error)
    }

    fn put_item(
        &self,
        item: &ItemRecord,
        expected_version: u32,
        added: Vec<NewFile<'_>>,
        removed: &[String],
    ) -> Result<()> {
        self.authorized(&item.vault_id, permissions::UPDATE_ITEMS, "update items")?;
        let stored = self
            .store()
            .item(&item.vault_id, &item.id)
            .map_err(store_error)?
            .filter(|r| r.state != ItemState::Deleted)
            .ok_or_else(|| item_not_found(&item.vault_id, &item.id))?;
        // A put changes content, never the state: archiving and deleting are their own calls
        // with their own permissions, and a deleted item stays deleted.
        if stored.state != item.state {
            return Err(Error::ItemApi(
                ErrorReason::Invalid,
                format!("a put cannot change the state of item {}", item.id),
            ));
        }
        self.store()
            .update_item(item, expected_version, added, removed)
            .map_err(store_error)
    }

    fn set_item_states(
        &self,
        vault_id: &str,
        ids: &[String],
        state: ItemState,
    ) -> Result<Vec<bool>> {
        let (needed, action) = match state {
            ItemState::Archived => (permissions::ARCHIVE_ITEMS, "archive items"),
            ItemState::Deleted => (permissions::DELETE_ITEMS, "delete items"),
            ItemState::Active => (permissions::UPDATE_ITEMS, "restore items"),
        };
        self.authorized(vault_id, needed, action)?;
        let live: Vec<bool> = self
            .store()
            .items(vault_id, ids)
            .map_err(store_error)?
            .iter()
            .map(|r| r.as_ref().is_some_and(|r| r.state != ItemState::Deleted))
            .collect();
        let changed: Vec<String> = ids
            .iter()
            .zip(&live)
            .filter(|(_, live)| **live)
            .map(|(id, _)| id.clone())
            .collect();
        if !changed.is_empty() {
            // The backend's clock, not the client's: it decides when Recently Deleted expires.
            self.store()
                .set_items_state(vault_id, &changed, state, now_micros())
                .map_err(store_error)?;
        }
        Ok(live)
    }

    fn administrators(&self) -> Result<Option<GroupRecord>> {
        self.who()?;
        Ok(self
            .store()
            .groups()
            .map_err(store_error)?
            .into_iter()
            .find(|g| g.group_type == GroupType::Administrators.as_str()))
    }

    fn create_vault(&self, vault: &VaultRecord, grants: &[AccessRecord]) -> Result<()> {
        let actor = self.who()?;
        self.service
            .authorize_create_vault(&actor)
            .map_err(service_error)?;
        self.check_new_vault(&actor, vault, grants)?;
        self.store()
            .create_vault(vault, grants)
            .map_err(store_error)
    }

    fn update_vault_attrs(&self, vault_id: &str, attrs: &[u8], key_generation: u32) -> Result<()> {
        self.authorized(vault_id, permissions::MANAGE_VAULT, "update the vault")?;
        self.store()
            .update_vault_attrs(vault_id, attrs, key_generation, now_micros())
            .map_err(store_error)
    }

    fn delete_vault(&self, vault_id: &str) -> Result<()> {
        self.authorized(vault_id, permissions::MANAGE_VAULT, "delete the vault")?;
        self.store().delete_vault(vault_id).map_err(store_error)
    }

    fn managed_vault(&self, vault_id: &str) -> Result<ManagedVault> {
        let actor = self.who()?;
        let view = self
            .service
            .authorize_manage_access(&actor, vault_id, "change access")
            .map_err(service_error)?;
        let grants = self.store().vault_access(vault_id).map_err(store_error)?;
        let public_keys = self.vault_public_keys(vault_id, &grants)?;
        Ok(ManagedVault {
            detail: self.detail(view)?,
            grants,
            public_keys,
        })
    }

    fn group(&self, group_id: &str) -> Result<GroupRecord> {
        self.who()?;
        self.store()
            .group(group_id)
            .map_err(store_error)?
            .filter(|g| g.state == GroupState::Active.as_str())
            .ok_or_else(|| {
                Error::ItemApi(
                    ErrorReason::NotFound,
                    format!(
                        "no group {group_id:?} in this account: check the id (`opkit group list`)"
                    ),
                )
            })
    }

    fn group_vault_access(&self, group_id: &str) -> Result<Vec<AccessRecord>> {
        self.snapshot(|| {
            self.group(group_id)?;
            let mut visible: Vec<String> = self
                .visible_vaults()?
                .into_iter()
                .map(|view| view.vault.id)
                .collect();
            visible.sort();
            let mut out = Vec::new();
            for vault_id in &visible {
                out.extend(
                    self.store()
                        .vault_access(vault_id)
                        .map_err(store_error)?
                        .into_iter()
                        .filter(|g| {
                            g.accessor_type == AccessorType::Group && g.accessor_id == group_id
                        }),
                );
            }
            Ok(out)
        })
    }

    fn apply_access_changes(&self, changes: &AccessChanges) -> Result<()> {
        self.check_access_changes(changes)?;
        self.store()
            .apply_access_changes(changes)
            .map_err(store_error)
    }

    fn environment(
        &self,
        environment_id: &str,
        action: EnvironmentAction,
    ) -> Result<EnvironmentDetail> {
        self.read_environment(environment_id, action)
    }

    fn environments(&self) -> Result<Vec<EnvironmentDetail>> {
        self.list_environments()
    }

    fn create_environment(
        &self,
        record: &EnvironmentRecord,
        grants: &[EnvironmentAccessRecord],
    ) -> Result<()> {
        self.store_new_environment(record, grants)
    }

    fn managed_environment(
        &self,
        environment_id: &str,
        action: EnvironmentAction,
    ) -> Result<ManagedEnvironment> {
        self.environment_for_re_key(environment_id, action)
    }

    fn public_key(&self, accessor_type: AccessorType, id: &str) -> Result<Vec<u8>> {
        self.accessor_public_key(accessor_type, id)
    }

    fn update_environment(
        &self,
        environment_id: &str,
        content: &[u8],
        expected_version: u32,
    ) -> Result<()> {
        self.replace_environment_content(environment_id, content, expected_version)
    }

    fn audit_events(&self, limit: usize) -> Result<Vec<AuditEvent>> {
        self.service
            .owner(&self.principal_id)
            .map_err(service_error)?;
        self.store().audit_events(limit).map_err(store_error)
    }

    fn memberships(&self) -> Result<Vec<(GroupRecord, Vec<u8>)>> {
        self.who()?;
        self.store()
            .group_memberships(&self.principal_id)
            .map_err(store_error)
    }

    fn groups(&self) -> Result<Vec<GroupRecord>> {
        self.account_groups()
    }

    fn group_members(&self, group_id: &str) -> Result<Vec<String>> {
        self.members_of(group_id)
    }

    fn create_group(&self, group: &GroupRecord) -> Result<()> {
        self.store_new_group(group)
    }

    fn add_group_member(&self, group_id: &str, principal_id: &str, sealed: &[u8]) -> Result<()> {
        self.add_member(group_id, principal_id, sealed)
    }

    fn group_rekey_scope(&self, group_id: &str) -> Result<GroupScope> {
        self.snapshot(|| self.rekey_scope(group_id))
    }

    fn principal_access(&self, principal_id: &str) -> Result<PrincipalAccess> {
        self.snapshot(|| self.access_of(principal_id))
    }

    fn remove_group_member(
        &self,
        group_id: &str,
        principal_id: &str,
        changes: &AccessChanges,
    ) -> Result<()> {
        self.remove_member(group_id, principal_id, changes)
    }

    fn revoke_principal(&self, principal_id: &str, changes: &AccessChanges) -> Result<()> {
        self.revoke(principal_id, changes)
    }

    fn create_builtin_groups(&self, groups: &[NewGroup]) -> Result<()> {
        self.store_builtin_groups(groups)
    }

    fn purge_deleted(&self) -> Result<usize> {
        self.purge()
    }

    fn create_service_account(
        &self,
        principal: &PrincipalRecord,
        grants: &[AccessRecord],
    ) -> Result<()> {
        self.store_new_service_account(principal, grants)
    }
}
