//! 256-bit symmetric keys: vault keys, unlock keys, key-encryption keys.

use std::fmt;

use zeroize::Zeroize;

use crate::CryptoError;
use crate::random::random_array;

/// Length of a [`SymmetricKey`] in bytes.
pub const SYMMETRIC_KEY_LEN: usize = 32;

/// A 256-bit key for XChaCha20-Poly1305 (and the input of key derivations).
///
/// Kept on the heap so moves of the handle do not leave copies of the key on the stack; wiped on
/// drop; prints `[REDACTED]`. Not `Clone`: a key is duplicated only by deriving or unwrapping it.
pub struct SymmetricKey(Box<[u8; SYMMETRIC_KEY_LEN]>);

impl SymmetricKey {
    /// A fresh random key from the process CSPRNG.
    pub fn generate() -> Result<Self, CryptoError> {
        let bytes = random_array::<SYMMETRIC_KEY_LEN>()?;
        Ok(Self::from_slice_exact(&bytes))
    }

    /// Takes ownership of `bytes`; the argument's copy is wiped.
    pub fn from_bytes(mut bytes: [u8; SYMMETRIC_KEY_LEN]) -> Self {
        let key = Self::from_slice_exact(&bytes);
        bytes.zeroize();
        key
    }

    /// The raw key. Call sites of this function are where key material leaves the type.
    pub fn expose_bytes(&self) -> &[u8; SYMMETRIC_KEY_LEN] {
        &self.0
    }

    pub(crate) fn from_slice_exact(bytes: &[u8; SYMMETRIC_KEY_LEN]) -> Self {
        let mut boxed = Box::new([0u8; SYMMETRIC_KEY_LEN]);
        boxed.copy_from_slice(bytes);
        Self(boxed)
    }
}

impl Drop for SymmetricKey {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl zeroize::ZeroizeOnDrop for SymmetricKey {}

impl fmt::Debug for SymmetricKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keys_differ_and_round_trip() {
        let a = SymmetricKey::generate().unwrap();
        let b = SymmetricKey::generate().unwrap();
        assert_ne!(a.expose_bytes(), b.expose_bytes());
        let c = SymmetricKey::from_bytes(*a.expose_bytes());
        assert_eq!(a.expose_bytes(), c.expose_bytes());
        assert_eq!(format!("{a:?}"), "[REDACTED]");
    }
}
