//! Reading items: `ItemsGet`, `ItemsGetAll`, `ItemsList`, decrypted from what the backend hands out.

use std::sync::Arc;

use op_core::wire::{
    Item, ItemListFilter, ItemOverview, ItemsGetAllError, ItemsGetAllResponse, Response,
};
use op_store::ItemState as StoredState;

use super::VaultClient;
use crate::codec::items::{decode, decode_overview};
use crate::codec::keys::VaultKey;
use crate::error::{Error, ErrorReason, Result};

fn not_found(vault_id: &str, item_id: &str) -> Error {
    Error::ItemApi(
        ErrorReason::NotFound,
        format!("no item {item_id:?} in vault {vault_id:?} (deleted items are not returned)"),
    )
}

/// The stored states an `ItemsList` with `filters` asks for: active items unless the filters ask
/// for archived ones too.
pub(super) fn listed_states(filters: &[ItemListFilter]) -> Vec<StoredState> {
    let mut states = Vec::new();
    if filters.is_empty() {
        states.push(StoredState::Active);
    }
    for ItemListFilter::ByState(by) in filters {
        if by.active && !states.contains(&StoredState::Active) {
            states.push(StoredState::Active);
        }
        if by.archived && !states.contains(&StoredState::Archived) {
            states.push(StoredState::Archived);
        }
    }
    states
}

impl VaultClient {
    /// `ItemsGet`.
    pub(crate) fn get_item(&self, vault_id: &str, item_id: &str) -> Result<Item> {
        self.live_item(vault_id, item_id).map(|(_, item)| item)
    }

    /// A live item, decrypted, with the key that opened it.
    pub(super) fn live_item(&self, vault_id: &str, item_id: &str) -> Result<(Arc<VaultKey>, Item)> {
        let read = self
            .backend
            .items(vault_id, std::slice::from_ref(&item_id.to_owned()))?;
        let key = self.keyring.key_for_view(&read.view)?;
        let record = read
            .value
            .into_iter()
            .next()
            .flatten()
            .ok_or_else(|| not_found(vault_id, item_id))?;
        let item = decode(&key, &record)?;
        Ok((key, item))
    }

    /// `ItemsGetAll`: one backend call for all ids.
    pub(crate) fn get_items(
        &self,
        vault_id: &str,
        item_ids: &[String],
    ) -> Result<ItemsGetAllResponse> {
        let read = self.backend.items(vault_id, item_ids)?;
        let key = self.keyring.key_for_view(&read.view)?;
        let individual_responses = read
            .value
            .iter()
            .map(|r| match r {
                Some(r) => match decode(&key, r) {
                    Ok(item) => Response::ok(item),
                    Err(e) => Response::err(ItemsGetAllError::Internal(e.to_string())),
                },
                None => Response::err(ItemsGetAllError::ItemNotFound),
            })
            .collect();
        Ok(ItemsGetAllResponse {
            individual_responses,
        })
    }

    /// `ItemsList`.
    pub(crate) fn list_items(
        &self,
        vault_id: &str,
        filters: &[ItemListFilter],
    ) -> Result<Vec<ItemOverview>> {
        let read = self.backend.overviews(vault_id, &listed_states(filters))?;
        let key = self.keyring.key_for_view(&read.view)?;
        read.value
            .iter()
            .map(|s| decode_overview(&key, s))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use op_core::wire::ItemListFilter;
    use op_store::ItemState;

    use super::listed_states;

    fn by_state(active: bool, archived: bool) -> ItemListFilter {
        serde_json::from_value(serde_json::json!({
            "type": "ByState",
            "content": {"active": active, "archived": archived}
        }))
        .unwrap()
    }

    #[test]
    fn lists_active_items_unless_the_filters_say_otherwise() {
        assert_eq!(listed_states(&[]), vec![ItemState::Active]);
        assert_eq!(
            listed_states(&[by_state(false, true)]),
            vec![ItemState::Archived]
        );
        assert_eq!(
            listed_states(&[by_state(true, true), by_state(true, false)]),
            vec![ItemState::Active, ItemState::Archived]
        );
        assert!(listed_states(&[by_state(false, false)]).is_empty());
    }
}
