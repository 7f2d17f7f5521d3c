//! Files and documents: `ItemsFilesAttach`, `ItemsFilesRead`, `ItemsFilesDelete`,
//! `ItemsFilesReplaceDocument`, the files and document of `ItemsCreate`, and file references.
//!
//! The sealing (a key per file, chunks bound to their place) is the codec's
//! ([`crate::codec::files`]); here are the permission checks and the store calls. Chunks are
//! encrypted one at a time as the store writes them and decrypted one at a time as it reads them: a
//! file is held in memory once (the caller's copy), plus one chunk. The item change and its file rows are one transaction.

use op_core::SecretString;
use op_core::wire::{
    Bytes, DocumentCreateParams, FileAttributes, FileCreateParams, Item, ItemCategory, ItemFile,
    UnknownFields, permissions,
};
use zeroize::Zeroizing;

use super::session::Session;
use super::store_error;
use crate::codec::files::{self, FileChange, seal};
use crate::codec::items::decode;
use crate::codec::keys::VaultKey;
use crate::error::{Error, ErrorReason, Result};

const READ: u32 = permissions::READ_ITEMS | permissions::REVEAL_ITEM_PASSWORD;

impl Session {
    /// The content of `attributes`, a file or the document of `item` (already read and permitted).
    fn open_file(
        &self,
        vault: &VaultKey,
        item: &Item,
        attributes: &FileAttributes,
    ) -> Result<Zeroizing<Vec<u8>>> {
        files::open(
            vault,
            item,
            attributes,
            |sink| {
                self.store
                    .read_file(&item.vault_id, &item.id, &attributes.id, sink)
            },
            store_error,
        )
    }

    /// `ItemsFilesRead`: the content of a file or document of a live item, verified chunk by chunk.
    pub(crate) fn read_file(
        &self,
        vault_id: &str,
        item_id: &str,
        attr: &FileAttributes,
    ) -> Result<Bytes> {
        let vault = self.vault_key(vault_id)?;
        self.require(&vault, vault_id, READ, "read files")?;
        let item = decode(&vault, &self.live_record(vault_id, item_id)?)?;
        let stored = item
            .files
            .iter()
            .map(|f| &f.attributes)
            .chain(item.document.as_ref())
            .find(|a| a.id == attr.id)
            .ok_or_else(|| {
                Error::ItemApi(ErrorReason::NotFound, format!(
                    "item {item_id} has no file with id {:?} (named {:?}); get the item again for its current files",
                    attr.id, attr.name
                ))
            })?;
        let mut content = self.open_file(&vault, &item, stored)?;
        Ok(Bytes::new(std::mem::take(&mut *content)))
    }

    /// A file's content as text for a secret reference; `None` when it is not UTF-8 text.
    pub(crate) fn file_text(
        &self,
        vault: &VaultKey,
        item: &Item,
        attributes: &FileAttributes,
    ) -> Result<Option<SecretString>> {
        let mut content = self.open_file(vault, item, attributes)?;
        if content.contains(&0) {
            return Ok(None);
        }
        match String::from_utf8(std::mem::take(&mut *content)) {
            Ok(text) => Ok(Some(SecretString::new(text))),
            Err(e) => {
                drop(Zeroizing::new(e.into_bytes()));
                Ok(None)
            }
        }
    }

    /// Applies a file change to `item` as a put would (same version check, validation and
    /// permission), keeping the stored files except what `change` adds or removes.
    fn change_files<'a>(
        &self,
        item: &Item,
        change: impl FnOnce(&VaultKey, &mut Item) -> Result<FileChange<'a>>,
    ) -> Result<Item> {
        self.update_with(item, "change the files of items", change)
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
