//! Changing items: create (singly and in bulk), put with version checks, archive, delete.

use op_core::id::new_id;
use op_core::validate::{
    ItemLookup, ValidationError, fill_read_details, validate_create, validate_item,
};
use op_core::wire::{
    Item, ItemCreateParams, ItemUpdateFailureReason, ItemsDeleteAllResponse,
    ItemsUpdateAllResponse, Response, UnknownFields, permissions,
};
use op_store::{ItemState as StoredState, NewFile};

use super::VaultClient;
use crate::backend::{Backend, item_not_found};
use crate::codec::files::{self, FileChange};
use crate::codec::items::{decode, encode};
use crate::codec::keys::VaultKey;
use crate::codec::{now_micros, now_seconds, timestamp};
use crate::error::{Error, ErrorReason, Result};

/// Checks that `Reference` fields name an item of the same vault that is not deleted.
struct BackendLookup<'a>(&'a dyn Backend);

impl ItemLookup for BackendLookup<'_> {
    fn item_exists(&self, vault_id: &str, item_id: &str) -> bool {
        matches!(
            self.0
                .live_items(vault_id, std::slice::from_ref(&item_id.to_owned()))
                .as_deref(),
            Ok([true])
        )
    }
}

fn validation_error(e: &ValidationError) -> Error {
    Error::ItemApi(ErrorReason::Invalid, e.to_string())
}

impl VaultClient {
    /// The current key of a vault this principal can see, for writing to it.
    pub(super) fn key_for_writing(&self, vault_id: &str) -> Result<std::sync::Arc<VaultKey>> {
        let detail = self.backend.vault(vault_id)?;
        self.keyring.key_for_view(&detail.view)
    }

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
        let vault = self.key_for_writing(&params.vault_id)?;
        let normalised = validate_create(&params, &BackendLookup(self.backend.as_ref()))
            .map_err(|e| validation_error(&e))?;
        let now = now_micros();
        let (mut item, new_files) =
            self.new_item(&vault, &params.vault_id, normalised, &contents, now)?;
        let record = encode(&vault, &item, StoredState::Active, None)?;
        self.backend
            .create_items(&params.vault_id, &[record], new_files)?;
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
        let vault = self.key_for_writing(vault_id)?;
        // Only the shape of the answer is decided here (each item refused alike, as the official
        // SDKs answer); the backend checks the permission itself when the items are written.
        if vault.permissions & permissions::CREATE_ITEMS == 0 {
            let denied = params
                .iter()
                .map(|_| Response::err(ItemUpdateFailureReason::ItemStatusPermissionError))
                .collect();
            return Ok(ItemsUpdateAllResponse {
                individual_responses: denied,
            });
        }
        let now = now_micros();
        let lookup = BackendLookup(self.backend.as_ref());
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
            self.backend.create_items(vault_id, &records, new_files)?;
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

    /// `ItemsPut`: fails on a stale version instead of losing an update. Files change only through
    /// the files API; a put keeps what is stored (and is validated with it, so a put cannot drop
    /// the section a stored file lives in).
    pub(crate) fn put_item(&self, item: &Item) -> Result<Item> {
        self.update_with(item, |_, _| Ok((Vec::new(), Vec::new())))
    }

    /// Writes a new version of `item` (made at its current version, with `UPDATE_ITEMS`), carrying
    /// the stored files, after `change` adjusts it and names files to add and remove.
    pub(super) fn update_with<'a>(
        &self,
        item: &Item,
        change: impl FnOnce(&VaultKey, &mut Item) -> Result<FileChange<'a>>,
    ) -> Result<Item> {
        let read = self
            .backend
            .items(&item.vault_id, std::slice::from_ref(&item.id))?;
        let vault = self.keyring.key_for_view(&read.view)?;
        let record = read
            .value
            .into_iter()
            .next()
            .flatten()
            .ok_or_else(|| item_not_found(&item.vault_id, &item.id))?;
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
            &BackendLookup(self.backend.as_ref()),
        )
        .map_err(|e| validation_error(&e))?;
        let now = now_micros();
        updated.version = record.version.saturating_add(1);
        updated.created_at = previous.created_at;
        updated.updated_at = timestamp(now);
        let encoded = encode(&vault, &updated, record.state, None)?;
        self.backend
            .put_item(&encoded, record.version, added, &removed)?;
        fill_read_details(&mut updated, now_seconds());
        Ok(updated)
    }

    /// Moves one live item to `state`; not found when it is missing or deleted.
    fn set_state(&self, vault_id: &str, item_id: &str, state: StoredState) -> Result<()> {
        let live = self.backend.set_item_states(
            vault_id,
            std::slice::from_ref(&item_id.to_owned()),
            state,
        )?;
        if live.as_slice() == [true] {
            Ok(())
        } else {
            Err(item_not_found(vault_id, item_id))
        }
    }

    /// `ItemsArchive`: out of references and default lists, still readable.
    pub(crate) fn archive_item(&self, vault_id: &str, item_id: &str) -> Result<()> {
        self.set_state(vault_id, item_id, StoredState::Archived)
    }

    /// `ItemsDelete`: to Recently Deleted, purged after 30 days.
    pub(crate) fn delete_item(&self, vault_id: &str, item_id: &str) -> Result<()> {
        self.set_state(vault_id, item_id, StoredState::Deleted)
    }

    /// `ItemsDeleteAll`: every live item named is deleted in one transaction; a refusal of the
    /// backend answers for each item.
    pub(crate) fn delete_items(
        &self,
        vault_id: &str,
        item_ids: &[String],
    ) -> Result<ItemsDeleteAllResponse> {
        let outcome = match self
            .backend
            .set_item_states(vault_id, item_ids, StoredState::Deleted)
        {
            Ok(live) => Some(live),
            Err(Error::ItemApi(ErrorReason::PermissionDenied, _)) => None,
            Err(e) => return Err(e),
        };
        let individual_responses = item_ids
            .iter()
            .enumerate()
            .map(|(at, id)| {
                let response = match &outcome {
                    None => Response::err(ItemUpdateFailureReason::ItemStatusPermissionError),
                    Some(live) if live.get(at) == Some(&true) => Response::done(),
                    Some(_) => Response::err(ItemUpdateFailureReason::ItemNotFound),
                };
                (id.clone(), response)
            })
            .collect();
        Ok(ItemsDeleteAllResponse {
            individual_responses,
        })
    }
}
