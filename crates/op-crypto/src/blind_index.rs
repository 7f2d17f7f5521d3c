//! Keyed blind index of item titles, so a store can find an item by title without seeing titles.
//!
//! The index key is `HKDF-SHA256(ikm = vault key, salt = "", info = "opkit/v1/title-index")`; an index
//! entry is `HMAC-SHA256(index key, normalise_title(title))`. Entries of the same title in different
//! vaults differ, and without the vault key nobody can test a guessed title.
//!
//! Normalisation: surrounding whitespace trimmed (Unicode `White_Space`), then Unicode lowercase
//! (`str::to_lowercase`, full case mapping, no Unicode normalisation form). That is at least as coarse
//! as the ASCII-case-insensitive matching of secret references, so the index finds every candidate;
//! resolution then checks candidates with the exact rule after decrypting their overviews. Titles
//! differing only in composed/decomposed accents get different entries.

use std::fmt;

use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::Zeroize;

use crate::kdf::{hkdf_sha256, info};
use crate::{CryptoError, SymmetricKey};

type HmacSha256 = Hmac<Sha256>;

/// The per-vault key of the title index. Wiped on drop; prints `[REDACTED]`.
pub struct BlindIndexKey(SymmetricKey);

impl BlindIndexKey {
    /// Derives the index key of the vault whose key is `vault_key`.
    pub fn derive(vault_key: &SymmetricKey) -> Result<Self, CryptoError> {
        hkdf_sha256(vault_key.expose_bytes(), &[], info::TITLE_INDEX).map(Self)
    }
}

impl fmt::Debug for BlindIndexKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

/// The title after normalisation: trimmed, then Unicode-lowercased.
pub fn normalise_title(title: &str) -> String {
    title.trim().to_lowercase()
}

/// The blind index entry of `title` under `key`.
pub fn blind_index(key: &BlindIndexKey, title: &str) -> [u8; 32] {
    let mut mac = keyed_hmac(key.0.expose_bytes());
    let mut normalised = normalise_title(title);
    mac.update(normalised.as_bytes());
    normalised.zeroize();
    mac.finalize().into_bytes().into()
}

/// HMAC-SHA256 keyed with a 32-byte key, without a fallible constructor: RFC 2104 pads a key shorter
/// than the 64-byte block with zeros, so the padded block is the same HMAC key.
fn keyed_hmac(key: &[u8; 32]) -> HmacSha256 {
    let mut block = hmac::digest::Key::<HmacSha256>::default();
    for (dst, src) in block.iter_mut().zip(key.iter()) {
        *dst = *src;
    }
    let mac = <HmacSha256 as hmac::digest::KeyInit>::new(&block);
    block.as_mut_slice().zeroize();
    mac
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_key_equals_the_usual_constructor() {
        let key = [0x42u8; 32];
        let mut ours = keyed_hmac(&key);
        let mut usual = HmacSha256::new_from_slice(&key).unwrap();
        ours.update(b"title");
        usual.update(b"title");
        assert_eq!(ours.finalize().into_bytes(), usual.finalize().into_bytes());
    }

    #[test]
    fn case_and_surrounding_space_are_ignored() {
        let vault = SymmetricKey::from_bytes([1; 32]);
        let key = BlindIndexKey::derive(&vault).unwrap();
        let a = blind_index(&key, "  Database Ünïcode ");
        assert_eq!(a, blind_index(&key, "database ÜNÏCODE"));
        assert_ne!(a, blind_index(&key, "database unicode"));
        let other = BlindIndexKey::derive(&SymmetricKey::from_bytes([2; 32])).unwrap();
        assert_ne!(a, blind_index(&other, "database ünïcode"));
        assert_eq!(format!("{key:?}"), "[REDACTED]");
    }
}
