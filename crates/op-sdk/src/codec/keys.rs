//! Opened vault keys: the current generation, the older ones and the blind-index key.

use std::collections::HashMap;
use std::sync::Arc;

use op_crypto::{BlindIndexKey, CryptoError, SymmetricKey};

use super::format::vault_history_aad;

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

impl KeyMaterial {
    /// The key material of a vault from its current key and its key history (each older
    /// generation wrapped under the current key): every older generation unwrapped, and the
    /// blind-index key derived from generation 0 so title lookups survive rotations. `Err(None)`
    /// when a re-keyed vault's history lacks generation 0 (the records are inconsistent).
    pub(crate) fn from_current_key(
        vault_id: &str,
        key: SymmetricKey,
        history: &[(u32, Vec<u8>)],
    ) -> Result<Self, Option<CryptoError>> {
        let generation = u32::try_from(history.len()).unwrap_or(u32::MAX);
        let mut older = HashMap::new();
        for (g, wrapped) in history {
            let old = op_crypto::unwrap_key(&key, wrapped, &vault_history_aad(vault_id, *g))
                .map_err(Some)?;
            older.insert(*g, old);
        }
        let root = if generation == 0 {
            &key
        } else {
            older.get(&0).ok_or(None)?
        };
        let index_key = BlindIndexKey::derive(root).map_err(Some)?;
        Ok(Self {
            generation,
            key,
            older,
            index_key,
        })
    }
}
