//! Changing files and documents: `ItemsFilesAttach`, `ItemsFilesDelete`,
//! `ItemsFilesReplaceDocument`.
//!
//! The sealing (a key per file, chunks bound to their place) is the codec's
//! ([`crate::codec::files`]); each change is one `put_item` of the backend. Chunks are
//! encrypted one at a time as the store writes them and decrypted one at a time as it reads them: a
//! file is held in memory once (the caller's copy), plus one chunk. The item change and its file rows are one transaction.

use op_core::wire::{
    DocumentCreateParams, FileCreateParams, Item, ItemCategory, ItemFile, UnknownFields,
};

use super::VaultClient;
use crate::codec::files::{FileChange, seal};
use crate::codec::keys::VaultKey;
use crate::error::{Error, ErrorReason, Result};

impl VaultClient {
    /// Applies a file change to `item` as a put would (same version check, validation and
    /// permission), keeping the stored files except what `change` adds or removes.
    fn change_files<'a>(
        &self,
        item: &Item,
        change: impl FnOnce(&VaultKey, &mut Item) -> Result<FileChange<'a>>,
    ) -> Result<Item> {
        self.update_with(item, change)
    }

    /// `ItemsFilesAttach`.
    pub(crate) fn attach_file(&self, item: &Item, params: &FileCreateParams) -> Result<Item> {
        self.change_files(item, |vault, candidate| {
            let (attributes, file) = seal(
                vault,
                &item.vault_id,
                &item.id,
                &params.name,
                params.content.as_slice(),
            )?;
            candidate.files.push(ItemFile {
                attributes,
                section_id: params.section_id.clone(),
                field_id: params.field_id.clone(),
                unknown: UnknownFields::default(),
            });
            Ok((vec![file], Vec::new()))
        })
    }

    /// `ItemsFilesDelete`: the file field `(section_id, field_id)` and its content.
    pub(crate) fn delete_file(
        &self,
        item: &Item,
        section_id: &str,
        field_id: &str,
    ) -> Result<Item> {
        self.change_files(item, |_, candidate| {
            let at = candidate
                .files
                .iter()
                .position(|f| f.section_id == section_id && f.field_id == field_id)
                .ok_or_else(|| {
                    Error::ItemApi(ErrorReason::NotFound, format!(
                        "item {} has no file in section {section_id:?} with field id {field_id:?}; see item.files for the ids",
                        item.id
                    ))
                })?;
            let removed = candidate.files.remove(at);
            Ok((Vec::new(), vec![removed.attributes.id]))
        })
    }

    /// `ItemsFilesReplaceDocument`: a Document item's document, replaced by a new file.
    pub(crate) fn replace_document(
        &self,
        item: &Item,
        params: &DocumentCreateParams,
    ) -> Result<Item> {
        if item.category != ItemCategory::Document {
            return Err(Error::ItemApi(
                ErrorReason::Invalid,
                format!(
                    "only Document items can have their document replaced; item {} is a {}",
                    item.id, item.category
                ),
            ));
        }
        self.change_files(item, |vault, candidate| {
            let (attributes, file) = seal(
                vault,
                &item.vault_id,
                &item.id,
                &params.name,
                params.content.as_slice(),
            )?;
            let old = candidate.document.replace(attributes);
            Ok((vec![file], old.map(|a| a.id).into_iter().collect()))
        })
    }
}
