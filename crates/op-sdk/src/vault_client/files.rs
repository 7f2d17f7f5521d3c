//! Reading files: `ItemsFilesRead` and the text of a file a secret reference names, opened chunk
//! by chunk as the backend streams them (a file is held in memory once, plus one chunk).

use op_core::SecretString;
use op_core::wire::{Bytes, FileAttributes, Item};
use zeroize::Zeroizing;

use super::VaultClient;
use crate::codec::files;
use crate::codec::keys::VaultKey;
use crate::error::{Error, ErrorReason, Result};

impl VaultClient {
    /// The content of `attributes`, a file or the document of `item`.
    fn open_file(
        &self,
        vault: &VaultKey,
        item: &Item,
        attributes: &FileAttributes,
    ) -> Result<Zeroizing<Vec<u8>>> {
        files::open(vault, item, attributes, |sink| {
            self.backend
                .read_file(&item.vault_id, &item.id, &attributes.id, sink)
        })
    }

    /// `ItemsFilesRead`: the content of a file or document of a live item, verified chunk by chunk.
    pub(crate) fn read_file(
        &self,
        vault_id: &str,
        item_id: &str,
        attr: &FileAttributes,
    ) -> Result<Bytes> {
        let (vault, item) = self.live_item(vault_id, item_id)?;
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
    pub(super) fn file_text(
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
}
