//! `LocalBackend`: the service layer over the SQLite vault file, in-process, behind the seam.
//!
//! Each call reads the actor (revocation applies at once, also to open clients), asks op-service
//! whether the intent is allowed as a whole, then reads the records. It holds no key.

use std::sync::Arc;

use op_core::wire::permissions;
use op_service::{Actor, Service};
use op_store::{AccessRecord, FileSink, ItemRecord, ItemState, ItemSummary, StoreError};

use super::session::service_error;
use super::store_error;
use crate::backend::{Backend, FileReadError, VaultDetail, VaultRead, VaultView};
use crate::error::Result;

/// What reading an item's ciphertext needs: its details hold the concealed fields.
const REVEAL: u32 = permissions::READ_ITEMS | permissions::REVEAL_ITEM_PASSWORD;

/// One principal's view of one vault file.
pub(crate) struct LocalBackend {
    service: Service,
    principal_id: String,
}

impl LocalBackend {
    /// `service` must be over a store acting as `principal_id` (its writes are audited as such).
    pub(crate) fn new(service: Service, principal_id: String) -> Self {
        Self {
            service,
            principal_id,
        }
    }

    fn store(&self) -> &Arc<dyn op_store::Store> {
        self.service.store()
    }

    fn authorized(&self, vault_id: &str, needed: u32, action: &str) -> Result<VaultView> {
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
        let actor = self.who()?;
        self.service
            .accessible_vaults(&actor)
            .map_err(service_error)
    }

    fn vault(&self, vault_id: &str) -> Result<VaultDetail> {
        let view = self.authorized(vault_id, 0, "open the vault")?;
        let key_history = self
            .store()
            .vault_key_history(vault_id)
            .map_err(store_error)?;
        let group_keys = if view
            .grants
            .iter()
            .any(|g| g.accessor_type == op_store::AccessorType::Group)
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

    fn vault_access_list(&self, vault_id: &str) -> Result<Vec<AccessRecord>> {
        self.authorized(vault_id, 0, "list who can access the vault")?;
        self.store().vault_access(vault_id).map_err(store_error)
    }

    fn items(&self, vault_id: &str, ids: &[String]) -> Result<VaultRead<Vec<Option<ItemRecord>>>> {
        let view = self.authorized(vault_id, REVEAL, "read items")?;
        let value = self
            .store()
            .items(vault_id, ids)
            .map_err(store_error)?
            .into_iter()
            .map(|r| r.filter(|r| r.state != ItemState::Deleted))
            .collect();
        Ok(VaultRead { view, value })
    }

    fn overviews(
        &self,
        vault_id: &str,
        states: &[ItemState],
    ) -> Result<VaultRead<Vec<ItemSummary>>> {
        let view = self.authorized(vault_id, permissions::READ_ITEMS, "list items")?;
        let value = self
            .store()
            .item_summaries(vault_id, states)
            .map_err(store_error)?;
        Ok(VaultRead { view, value })
    }

    fn find_items(
        &self,
        vault_id: &str,
        id: Option<&str>,
        title_index: &[u8],
    ) -> Result<VaultRead<Vec<ItemRecord>>> {
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
}
