//! Files attached to items, as the store sees them: a header (the file key, wrapped by the SDK, and the
//! number of chunks) and the chunks themselves, each an opaque ciphertext.
//!
//! Chunks travel one at a time in both directions, through a [`ChunkSource`] when writing and a
//! [`FileSink`] when reading, so neither the store nor the SDK ever needs a whole file in memory twice.

use std::fmt;

use crate::StoreError;

/// The header of a stored file.
#[derive(Clone, PartialEq, Eq)]
pub struct FileRecord {
    /// The vault holding the item.
    pub vault_id: String,
    /// The item the file belongs to.
    pub item_id: String,
    /// File id (unique within the item).
    pub id: String,
    /// The file's own key, encrypted by the SDK under the vault key.
    pub wrapped_key: Vec<u8>,
    /// The generation of the vault key that wraps `wrapped_key`.
    pub key_generation: u32,
    /// How many chunks the file has (index 0 to `chunk_count - 1`).
    pub chunk_count: u32,
}

impl fmt::Debug for FileRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileRecord")
            .field("vault_id", &self.vault_id)
            .field("item_id", &self.item_id)
            .field("id", &self.id)
            .field(
                "wrapped_key",
                &format_args!("<{} bytes>", self.wrapped_key.len()),
            )
            .field("key_generation", &self.key_generation)
            .field("chunk_count", &self.chunk_count)
            .finish()
    }
}

/// Produces chunk `index` of a file, already encrypted, at the moment the store writes it. An error
/// aborts the whole write (nothing of it is stored).
pub type ChunkSource<'a> = Box<dyn FnMut(u32) -> Result<Vec<u8>, StoreError> + 'a>;

/// A file to store together with an item change.
pub struct NewFile<'a> {
    /// Its header; `record.chunk_count` chunks are asked from `chunks`, in index order.
    pub record: FileRecord,
    /// Where the chunks come from.
    pub chunks: ChunkSource<'a>,
}

impl fmt::Debug for NewFile<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewFile")
            .field("record", &self.record)
            .finish_non_exhaustive()
    }
}

/// Receives a stored file from one consistent snapshot: the header first, then every chunk row in
/// index order. The store passes what it finds; checking that the indices run from 0 to
/// `chunk_count - 1` without a gap is the receiver's job (it has to authenticate them anyway).
/// An error from the sink stops the read and is returned.
pub trait FileSink {
    /// The file's header.
    fn header(&mut self, file: &FileRecord) -> Result<(), StoreError>;
    /// One chunk, borrowed from the database for the duration of the call.
    fn chunk(&mut self, index: u32, content: &[u8]) -> Result<(), StoreError>;
}
