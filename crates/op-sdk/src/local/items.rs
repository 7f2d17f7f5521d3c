//! Items: create (singly and in bulk), get, put with version checks, archive, delete, list.

use op_core::id::new_id;
use op_core::validate::{
    ItemLookup, ValidationError, fill_read_details, validate_create, validate_item,
};
use op_core::wire::{
    Item, ItemCreateParams, ItemUpdateFailureReason, ItemsDeleteAllResponse,
    ItemsUpdateAllResponse, Response, UnknownFields, permissions,
};
use op_store::{ItemRecord, ItemState as StoredState, NewFile, Store};

use super::session::{Session, VaultKey};
use super::{now_micros, now_seconds, store_error, timestamp};
use crate::codec::files::{self, FileChange};
use crate::codec::items::{decode, encode};
use crate::error::{Error, ErrorReason, Result};

/// Checks that `Reference` fields name an item of the same vault that is not deleted.
pub(super) struct StoreLookup<'a>(pub(super) &'a dyn Store);

impl ItemLookup for StoreLookup<'_> {
    fn item_exists(&self, vault_id: &str, item_id: &str) -> bool {
        matches!(self.0.item(vault_id, item_id), Ok(Some(r)) if r.state != StoredState::Deleted)
    }
}

pub(super) fn validation_error(e: &ValidationError) -> Error {
    Error::ItemApi(ErrorReason::Invalid, e.to_string())
}

fn not_found(vault_id: &str, item_id: &str) -> Error {
    Error::ItemApi(
        ErrorReason::NotFound,
        format!("no item {item_id:?} in vault {vault_id:?} (deleted items are not returned)"),
    )
}

impl Session {
    /// A new item from validated `params`, with its files sealed from `contents` (see
    /// [`files::take_contents`]) and ready to be stored with it.
    fn new_item<'a>(
        &self,
        vault: &VaultKey,
        vault_id: &str,
        mut params: ItemCreateParams,
        contents: &'a files::Contents,
        now: i64,
    ) -> Result<(Item, Vec<NewFile<'a>>)> {
        let new_files = params.files.take().unwrap_or_default();
        let document = params.document.take();
        let stamp = timestamp(now);
        let mut item = Item {
            id: new_id().map_err(|e| Error::Internal(e.to_string()))?,
            title: params.title,
            category: params.category,
            vault_id: vault_id.to_owned(),
            fields: params.fields.unwrap_or_default(),
            sections: params.sections.unwrap_or_default(),
            notes: params.notes.unwrap_or_default(),
            tags: params.tags.unwrap_or_default(),
            websites: params.websites.unwrap_or_default(),
            version: 1,
            files: Vec::new(),
            document: None,
            created_at: stamp,
            updated_at: stamp,
            unknown: UnknownFields::default(),
        };
        let sealed = files::seal_created(vault, &mut item, new_files, document, contents)?;
        Ok((item, sealed))
    }

    /// `ItemsCreate`.
    pub(crate) fn create_item(&self, mut params: ItemCreateParams) -> Result<Item> {
        let contents = files::take_contents(&mut params);
        let vault = self.vault_key(&params.vault_id)?;
        self.require(
            &vault,
            &params.vault_id,
            permissions::CREATE_ITEMS,
            "create items",
        )?;
        let normalised = validate_create(&params, &StoreLookup(self.store.as_ref()))
            .map_err(|e| validation_error(&e))?;
        let now = now_micros();
        let (mut item, new_files) =
            self.new_item(&vault, &params.vault_id, normalised, &contents, now)?;
        let record = encode(&vault, &item, StoredState::Active, None)?;
        self.store
            .insert_items(&params.vault_id, &[record], new_files, now)
            .map_err(store_error)?;
        fill_read_details(&mut item, now_seconds());
        Ok(item)
    }

    /// `ItemsCreateAll`: every valid item is written in one transaction; invalid ones are reported.
    pub(crate) fn create_items(
        &self,
        vault_id: &str,
        mut params: Vec<ItemCreateParams>,
    ) -> Result<ItemsUpdateAllResponse> {
        let contents: Vec<files::Contents> = params.iter_mut().map(files::take_contents).collect();
        let vault = self.vault_key(vault_id)?;
        if self
            .require(&vault, vault_id, permissions::CREATE_ITEMS, "create items")
            .is_err()
        {
            let denied = params
                .iter()
                .map(|_| Response::err(ItemUpdateFailureReason::ItemStatusPermissionError))
                .collect();
            return Ok(ItemsUpdateAllResponse {
                individual_responses: denied,
            });
        }
        let now = now_micros();
        let lookup = StoreLookup(self.store.as_ref());
        let mut outcomes: Vec<std::result::Result<Item, ItemUpdateFailureReason>> =
            Vec::with_capacity(params.len());
        let mut records = Vec::new();
        let mut new_files = Vec::new();
        for (p, content) in params.iter().zip(&contents) {
            let outcome = if p.vault_id != vault_id {
                Err(ItemUpdateFailureReason::ItemValidationError(format!(
                    "the item names vault {:?}, but this call creates items in vault {vault_id:?}",
                    p.vault_id
                )))
            } else {
                validate_create(p, &lookup)
                    .map_err(|e| ItemUpdateFailureReason::ItemValidationError(e.to_string()))
                    .and_then(|n| {
                        self.new_item(&vault, vault_id, n, content, now)
                            .map_err(|e| {
                                ItemUpdateFailureReason::ItemValidationError(e.to_string())
                            })
                    })
                    .and_then(|(item, sealed)| {
                        match encode(&vault, &item, StoredState::Active, None) {
                            Ok(record) => {
                                records.push(record);
                                new_files.extend(sealed);
                                Ok(item)
                            }
                            Err(e) => Err(ItemUpdateFailureReason::Internal(e.to_string())),
                        }
                    })
            };
            outcomes.push(outcome);
        }
        if !records.is_empty() {
            self.store
                .insert_items(vault_id, &records, new_files, now)
                .map_err(store_error)?;
        }
        let seconds = now_seconds();
        let individual_responses = outcomes
            .into_iter()
            .map(|o| match o {
                Ok(mut item) => {
                    fill_read_details(&mut item, seconds);
                    Response::ok(item)
                }
                Err(reason) => Response::err(reason),
            })
            .collect();
        Ok(ItemsUpdateAllResponse {
            individual_responses,
        })
    }

    pub(super) fn live_record(&self, vault_id: &str, item_id: &str) -> Result<ItemRecord> {
        match self.store.item(vault_id, item_id).map_err(store_error)? {
            Some(r) if r.state != StoredState::Deleted => Ok(r),
            _ => Err(not_found(vault_id, item_id)),
        }
    }

    /// `ItemsPut`: fails on a stale version instead of losing an update. Files change only through
    /// the files API; a put keeps what is stored (and is validated with it, so a put cannot drop
    /// the section a stored file lives in).
    pub(crate) fn put_item(&self, item: &Item) -> Result<Item> {
        self.update_with(item, "update items", |_, _| Ok((Vec::new(), Vec::new())))
    }

    /// Writes a new version of `item` (made at its current version, with `UPDATE_ITEMS`), carrying
    /// the stored files, after `change` adjusts it and names files to add and remove.
    pub(super) fn update_with<'a>(
        &self,
        item: &Item,
        action: &str,
        change: impl FnOnce(&VaultKey, &mut Item) -> Result<FileChange<'a>>,
    ) -> Result<Item> {
        let vault = self.vault_key(&item.vault_id)?;
        self.require(&vault, &item.vault_id, permissions::UPDATE_ITEMS, action)?;
        let record = self.live_record(&item.vault_id, &item.id)?;
        if record.version != item.version {
            return Err(Error::ItemApi(
                ErrorReason::VersionConflict,
                format!(
                    "item {} is at version {}, but the change was made to version {}: get it again, reapply your change and retry",
                    item.id, record.version, item.version
                ),
            ));
        }
        let previous = decode(&vault, &record)?;
        let mut candidate = item.clone();
        candidate.files = previous.files.clone();
        candidate.document = previous.document.clone();
        let (added, removed) = change(&vault, &mut candidate)?;
        let mut updated = validate_item(
            &candidate,
            Some(&previous),
            &StoreLookup(self.store.as_ref()),
        )
        .map_err(|e| validation_error(&e))?;
        let now = now_micros();
        updated.version = record.version.saturating_add(1);
        updated.created_at = previous.created_at;
        updated.updated_at = timestamp(now);
        let encoded = encode(&vault, &updated, record.state, None)?;
        self.store
            .update_item(&encoded, record.version, added, &removed)
            .map_err(store_error)?;
        fill_read_details(&mut updated, now_seconds());
        Ok(updated)
    }

    /// `ItemsArchive`: out of references and default lists, still readable.
    pub(crate) fn archive_item(&self, vault_id: &str, item_id: &str) -> Result<()> {
        let vault = self.vault_key(vault_id)?;
        self.require(
            &vault,
            vault_id,
            permissions::ARCHIVE_ITEMS,
            "archive items",
        )?;
        self.live_record(vault_id, item_id)?;
        self.store
            .set_items_state(
                vault_id,
                std::slice::from_ref(&item_id.to_owned()),
                StoredState::Archived,
                now_micros(),
            )
            .map_err(store_error)
    }

    /// `ItemsDelete`: to Recently Deleted, purged after 30 days.
    pub(crate) fn delete_item(&self, vault_id: &str, item_id: &str) -> Result<()> {
        let vault = self.vault_key(vault_id)?;
        self.require(&vault, vault_id, permissions::DELETE_ITEMS, "delete items")?;
        self.live_record(vault_id, item_id)?;
        self.store
            .set_items_state(
                vault_id,
                std::slice::from_ref(&item_id.to_owned()),
                StoredState::Deleted,
                now_micros(),
            )
            .map_err(store_error)
    }

    /// `ItemsDeleteAll`.
    pub(crate) fn delete_items(
        &self,
        vault_id: &str,
        item_ids: &[String],
    ) -> Result<ItemsDeleteAllResponse> {
        let vault = self.vault_key(vault_id)?;
        let allowed = self
            .require(&vault, vault_id, permissions::DELETE_ITEMS, "delete items")
            .is_ok();
        let records = self.store.items(vault_id, item_ids).map_err(store_error)?;
        let mut responses = std::collections::BTreeMap::new();
        let mut to_delete = Vec::new();
        for (id, record) in item_ids.iter().zip(records) {
            let response = match record {
                _ if !allowed => Response::err(ItemUpdateFailureReason::ItemStatusPermissionError),
                Some(r) if r.state != StoredState::Deleted => {
                    to_delete.push(id.clone());
                    Response::done()
                }
                _ => Response::err(ItemUpdateFailureReason::ItemNotFound),
            };
            responses.insert(id.clone(), response);
        }
        if !to_delete.is_empty() {
            self.store
                .set_items_state(vault_id, &to_delete, StoredState::Deleted, now_micros())
                .map_err(store_error)?;
        }
        Ok(ItemsDeleteAllResponse {
            individual_responses: responses,
        })
    }

    /// Removes items deleted more than 30 days ago (the owner's authority: the service layer
    /// refuses anyone else).
    pub(crate) fn purge_deleted(&self) -> Result<usize> {
        let actor = self.actor()?;
        self.service
            .purge_deleted(&actor, now_micros())
            .map_err(super::session::service_error)
    }
}
