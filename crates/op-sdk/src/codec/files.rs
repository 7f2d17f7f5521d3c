//! Files as ciphertext: each file gets its own random key, wrapped by the vault key and bound to
//! (vault, item, file). Its content is cut into chunks of [`CHUNK_SIZE`], each sealed separately
//! with associated data naming the vault, item, file, chunk index and chunk count, so chunks cannot
//! be reordered, dropped, added or moved to another file without the read failing.

use op_core::id::new_id;
use op_core::wire::{
    Bytes, DocumentCreateParams, FileAttributes, FileCreateParams, Item, ItemCreateParams,
    ItemFile, UnknownFields,
};
use op_crypto::{SymmetricKey, aad};
use op_store::{FileRecord, FileSink, NewFile, StoreError};
use zeroize::Zeroizing;

use super::crypto_error;
use super::keys::VaultKey;
use crate::backend::FileReadError;
use crate::error::{Error, ErrorReason, Result};

/// Plaintext bytes per chunk. Stored with each file (as its chunk count), so it may change later.
pub const CHUNK_SIZE: usize = 1 << 20;

/// The largest file opkit stores: 50 MiB, the protocol's message limit (the most any binding can
/// send; `protocol::tests` checks the two agree, so the codec needs nothing from the protocol).
pub const MAX_FILE_SIZE: usize = 50 * 1024 * 1024;

fn file_key_aad(vault_id: &str, item_id: &str, file_id: &str) -> Vec<u8> {
    aad(&[
        b"opkit/file-key",
        vault_id.as_bytes(),
        item_id.as_bytes(),
        file_id.as_bytes(),
    ])
}

fn chunk_aad(vault_id: &str, item_id: &str, file_id: &str, index: u32, count: u32) -> Vec<u8> {
    aad(&[
        b"opkit/file-chunk",
        vault_id.as_bytes(),
        item_id.as_bytes(),
        file_id.as_bytes(),
        &index.to_be_bytes(),
        &count.to_be_bytes(),
    ])
}

/// Chunks for `len` bytes: at least one, so even an empty file has an authenticated chunk.
fn chunk_count(len: usize) -> u32 {
    u32::try_from(len.div_ceil(CHUNK_SIZE).max(1)).unwrap_or(u32::MAX)
}

fn too_large(name: &str, len: usize) -> Error {
    Error::ItemApi(
        ErrorReason::TooLarge,
        format!(
            "the file {name:?} is {len} bytes; files are limited to {MAX_FILE_SIZE} bytes (50 MiB, the protocol's message limit)"
        ),
    )
}

/// Prepares `content` for storage as file `name` of an item: its attributes (new id, size) and the
/// chunks, encrypted lazily as the store asks for them.
pub(crate) fn seal<'a>(
    vault: &VaultKey,
    vault_id: &str,
    item_id: &str,
    name: &str,
    content: &'a [u8],
) -> Result<(FileAttributes, NewFile<'a>)> {
    if name.trim().is_empty() {
        return Err(Error::ItemApi(
            ErrorReason::Invalid,
            "every file and document needs a name (e.g. \"report.pdf\")".into(),
        ));
    }
    let size = u32::try_from(content.len())
        .ok()
        .filter(|_| content.len() <= MAX_FILE_SIZE)
        .ok_or_else(|| too_large(name, content.len()))?;
    let id = new_id().map_err(|e| Error::Internal(e.to_string()))?;
    let key = SymmetricKey::generate().map_err(crypto_error("a file key"))?;
    let wrapped_key = op_crypto::wrap_key(vault.key(), &key, &file_key_aad(vault_id, item_id, &id))
        .map_err(crypto_error("a file key"))?;
    let count = chunk_count(content.len());
    let record = FileRecord {
        vault_id: vault_id.to_owned(),
        item_id: item_id.to_owned(),
        id: id.clone(),
        wrapped_key,
        key_generation: vault.generation(),
        chunk_count: count,
    };
    let (v, i, f) = (vault_id.to_owned(), item_id.to_owned(), id.clone());
    let chunks = Box::new(move |index: u32| {
        let start = usize::try_from(index)
            .unwrap_or(usize::MAX)
            .saturating_mul(CHUNK_SIZE);
        let end = start.saturating_add(CHUNK_SIZE).min(content.len());
        let part = content.get(start..end).unwrap_or_default();
        op_crypto::encrypt(&key, part, &chunk_aad(&v, &i, &f, index, count)).map_err(|e| {
            StoreError::InvalidInput {
                reason: format!("a file chunk could not be encrypted: {e}"),
            }
        })
    });
    let attributes = FileAttributes {
        name: name.to_owned(),
        id,
        size,
        unknown: UnknownFields::default(),
    };
    Ok((attributes, NewFile { record, chunks }))
}

/// The contents of `ItemsCreate`'s files and document, taken out of the params so that validating
/// (which clones the params) never copies a file.
pub(crate) struct Contents {
    files: Vec<Bytes>,
    document: Option<Bytes>,
}

/// Moves the file and document contents out of `params`, leaving empty ones behind.
pub(crate) fn take_contents(params: &mut ItemCreateParams) -> Contents {
    Contents {
        files: params
            .files
            .iter_mut()
            .flatten()
            .map(|f| std::mem::take(&mut f.content))
            .collect(),
        document: params
            .document
            .as_mut()
            .map(|d| std::mem::take(&mut d.content)),
    }
}

/// Gives a new `item` the files and document of its (validated) create params, with `contents` from
/// [`take_contents`], and returns the files to store with it.
pub(crate) fn seal_created<'a>(
    vault: &VaultKey,
    item: &mut Item,
    files: Vec<FileCreateParams>,
    document: Option<DocumentCreateParams>,
    contents: &'a Contents,
) -> Result<Vec<NewFile<'a>>> {
    let mut out = Vec::with_capacity(files.len() + 1);
    for (params, content) in files.into_iter().zip(&contents.files) {
        let (attributes, file) = seal(
            vault,
            &item.vault_id,
            &item.id,
            &params.name,
            content.as_slice(),
        )?;
        item.files.push(ItemFile {
            attributes,
            section_id: params.section_id,
            field_id: params.field_id,
            unknown: UnknownFields::default(),
        });
        out.push(file);
    }
    if let (Some(params), Some(content)) = (document, &contents.document) {
        let (attributes, file) = seal(
            vault,
            &item.vault_id,
            &item.id,
            &params.name,
            content.as_slice(),
        )?;
        item.document = Some(attributes);
        out.push(file);
    }
    Ok(out)
}

/// Decrypts a file's chunks as the store streams them, checking each one's place.
struct Opener<'a> {
    vault: &'a VaultKey,
    item: &'a Item,
    attributes: &'a FileAttributes,
    key: Option<SymmetricKey>,
    count: u32,
    next: u32,
    out: Zeroizing<Vec<u8>>,
    failure: Option<Error>,
}

impl Opener<'_> {
    fn tampered(&self, what: &str) -> Error {
        Error::Internal(format!(
            "the file {:?} ({}) of item {} in vault {} failed its integrity check ({what}): the vault file was modified outside opkit; restore it from a backup",
            self.attributes.name, self.attributes.id, self.item.id, self.item.vault_id
        ))
    }

    /// Records why the read stops; the store hands back a placeholder error, replaced by this one.
    fn stop(&mut self, error: Error) -> std::result::Result<(), StoreError> {
        self.failure = Some(error);
        Err(StoreError::InvalidInput {
            reason: "the file failed its integrity check".into(),
        })
    }
}

impl FileSink for Opener<'_> {
    fn header(&mut self, file: &FileRecord) -> std::result::Result<(), StoreError> {
        let aad = file_key_aad(&self.item.vault_id, &self.item.id, &file.id);
        let Some(vault_key) = self.vault.key_for(file.key_generation) else {
            let error = self.tampered("its key generation is unknown");
            return self.stop(error);
        };
        match op_crypto::unwrap_key(vault_key, &file.wrapped_key, &aad) {
            Ok(key) => {
                self.key = Some(key);
                self.count = file.chunk_count;
                Ok(())
            }
            Err(_) => {
                let error = self.tampered("its key does not open");
                self.stop(error)
            }
        }
    }

    fn chunk(&mut self, index: u32, content: &[u8]) -> std::result::Result<(), StoreError> {
        if index != self.next {
            let error = self.tampered(&format!("chunk {} is missing", self.next));
            return self.stop(error);
        }
        let aad = chunk_aad(
            &self.item.vault_id,
            &self.item.id,
            &self.attributes.id,
            index,
            self.count,
        );
        let plain = match &self.key {
            Some(key) => op_crypto::decrypt(key, content, &aad).ok(),
            None => None,
        };
        let Some(plain) = plain else {
            let error = self.tampered(&format!("chunk {index} does not decrypt"));
            return self.stop(error);
        };
        if self.out.len().saturating_add(plain.len()) > self.attributes.size as usize {
            let error = self.tampered("it is longer than its recorded size");
            return self.stop(error);
        }
        self.out.extend_from_slice(&plain);
        self.next = index.saturating_add(1);
        Ok(())
    }
}

/// One item change that touches files: what to store and which stored file ids to remove.
/// Files to add and file ids to remove, with an item update.
pub(crate) type FileChange<'a> = (Vec<NewFile<'a>>, Vec<String>);

/// The content of `attributes`, a file or the document of `item`, decrypted chunk by chunk as
/// `read` streams them from the backend.
pub(crate) fn open(
    vault: &VaultKey,
    item: &Item,
    attributes: &FileAttributes,
    read: impl FnOnce(&mut dyn FileSink) -> std::result::Result<bool, FileReadError>,
) -> Result<Zeroizing<Vec<u8>>> {
    let size = attributes.size as usize;
    let mut opener = Opener {
        vault,
        item,
        attributes,
        key: None,
        count: 0,
        next: 0,
        out: Zeroizing::new(Vec::with_capacity(size.min(MAX_FILE_SIZE))),
        failure: None,
    };
    let found = read(&mut opener);
    if let Some(failure) = opener.failure.take() {
        return Err(failure);
    }
    let found = match found {
        Ok(found) => found,
        Err(FileReadError::Corrupt(what)) => return Err(opener.tampered(&what)),
        Err(FileReadError::Failed(e)) => return Err(e),
    };
    if !found {
        return Err(opener.tampered("its content is missing"));
    }
    if opener.next != opener.count {
        let what = format!("it has {} of its {} chunks", opener.next, opener.count);
        return Err(opener.tampered(&what));
    }
    if opener.out.len() != size {
        return Err(opener.tampered("it is shorter than its recorded size"));
    }
    Ok(opener.out)
}
