//! Opened vault keys: the current generation, the older ones and the blind-index key.

use std::collections::HashMap;
use std::sync::Arc;

use op_crypto::{BlindIndexKey, SymmetricKey};

/// The decrypted keys of one vault generation.
pub(crate) struct KeyMaterial {
    pub(crate) generation: u32,
    pub(crate) key: SymmetricKey,
    pub(crate) older: HashMap<u32, SymmetricKey>,
    pub(crate) index_key: BlindIndexKey,
}

/// A vault key this session opened, with the permissions it holds now.
pub(crate) struct VaultKey {
    pub(crate) material: Arc<KeyMaterial>,
    pub(crate) permissions: u32,
}

impl VaultKey {
    /// The key that encrypts new versions.
    pub(crate) fn key(&self) -> &SymmetricKey {
        &self.material.key
    }

    /// The generation of [`Self::key`].
    pub(crate) fn generation(&self) -> u32 {
        self.material.generation
    }

    /// The key for the blind title index (stable across rotations: derived from generation 0).
    pub(crate) fn index_key(&self) -> &BlindIndexKey {
        &self.material.index_key
    }

    /// The key of `generation`, current or older.
    pub(crate) fn key_for(&self, generation: u32) -> Option<&SymmetricKey> {
        if generation == self.material.generation {
            Some(&self.material.key)
        } else {
            self.material.older.get(&generation)
        }
    }
}
