//! The one error type of op-crypto.
//!
//! Variant names are stable codes ([`CryptoError::name`]). Messages say what went wrong and what to do,
//! and never contain key material, plaintext, passwords or any part of a secret the caller passed in:
//! a failed decryption says only that it failed, not why, so an attacker learns nothing from the
//! error that the failure itself did not already tell.

use op_core::random::RandomnessUnavailable;

/// Why a cryptographic operation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CryptoError {
    /// The operating system's random number generator could not be used.
    #[error("the random number generator is unavailable: {0}")]
    RandomnessUnavailable(String),
    /// Authenticated decryption failed: wrong key, wrong associated data, or a damaged or truncated
    /// ciphertext. Deliberately says no more.
    #[error("decryption failed: wrong key, wrong context (associated data), or damaged ciphertext")]
    Decrypt,
    /// The ciphertext starts with a format version this build does not know.
    #[error(
        "unsupported ciphertext format version {version}; it was written by a newer or different program"
    )]
    UnsupportedVersion {
        /// The version byte found (not secret: it is the first byte of every ciphertext).
        version: u8,
    },
    /// Encryption failed; the only cause is a plaintext above the AEAD's limit (256 GiB).
    #[error("encryption failed: the plaintext is larger than the cipher allows")]
    Encrypt,
    /// The recipient's X25519 public key is a low-order point: every shared secret with it is zero.
    #[error("invalid public key: it is a low-order point and cannot receive sealed data")]
    InvalidPublicKey,
    /// Argon2 parameters are outside the accepted limits.
    #[error("invalid Argon2 parameters: {reason}")]
    InvalidArgon2Params {
        /// Which limit was broken.
        reason: &'static str,
    },
    /// The salt is shorter than [`crate::MIN_SALT_LEN`] bytes.
    #[error("the salt is too short: {len} bytes given, at least {min} required")]
    InvalidSalt {
        /// Length given.
        len: usize,
        /// Minimum length.
        min: usize,
    },
    /// A key derivation function rejected its inputs.
    #[error("key derivation failed: {reason}")]
    KeyDerivation {
        /// Which check failed (never a value).
        reason: &'static str,
    },
    /// Text given as an account secret key is not one.
    #[error(
        "invalid account secret key: {reason}; it looks like K1-XXXXXX-XXXXXX-XXXXX-XXXXX-XXXXX-XXXXX"
    )]
    InvalidSecretKey {
        /// What is wrong (a position or a length, never a character of the key).
        reason: String,
    },
    /// Text given as a service-account secret is not base64url of 32 bytes.
    #[error(
        "invalid service-account secret: {reason}; expected 43 base64url characters (32 bytes)"
    )]
    InvalidServiceAccountSecret {
        /// What is wrong (never a character of the secret).
        reason: &'static str,
    },
    /// A signature did not verify: made by another key, over other bytes, damaged, or checked
    /// against a malformed or weak key. Deliberately says no more.
    #[error(
        "signature verification failed: the record was not signed by the key it names, or was changed since"
    )]
    BadSignature,
}

impl CryptoError {
    /// The variant name, a stable code for bindings and the error envelope.
    pub fn name(&self) -> &'static str {
        match self {
            Self::RandomnessUnavailable(_) => "RandomnessUnavailable",
            Self::Decrypt => "Decrypt",
            Self::UnsupportedVersion { .. } => "UnsupportedVersion",
            Self::Encrypt => "Encrypt",
            Self::InvalidPublicKey => "InvalidPublicKey",
            Self::InvalidArgon2Params { .. } => "InvalidArgon2Params",
            Self::InvalidSalt { .. } => "InvalidSalt",
            Self::KeyDerivation { .. } => "KeyDerivation",
            Self::InvalidSecretKey { .. } => "InvalidSecretKey",
            Self::InvalidServiceAccountSecret { .. } => "InvalidServiceAccountSecret",
            Self::BadSignature => "BadSignature",
        }
    }
}

impl From<RandomnessUnavailable> for CryptoError {
    fn from(err: RandomnessUnavailable) -> Self {
        Self::RandomnessUnavailable(err.to_string())
    }
}

// Errors cross threads and FFI boundaries; keep that a compile-time guarantee.
const _: fn() = || {
    fn assert_bounds<T: Send + Sync + 'static>() {}
    assert_bounds::<CryptoError>();
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_matches_the_variant() {
        let all = [
            CryptoError::RandomnessUnavailable("x".into()),
            CryptoError::Decrypt,
            CryptoError::UnsupportedVersion { version: 9 },
            CryptoError::Encrypt,
            CryptoError::InvalidPublicKey,
            CryptoError::InvalidArgon2Params { reason: "r" },
            CryptoError::InvalidSalt { len: 1, min: 16 },
            CryptoError::KeyDerivation { reason: "r" },
            CryptoError::InvalidSecretKey { reason: "r".into() },
            CryptoError::InvalidServiceAccountSecret { reason: "r" },
            CryptoError::BadSignature,
        ];
        for err in all {
            let debug = format!("{err:?}");
            assert!(debug.starts_with(err.name()), "{debug} vs {}", err.name());
            assert!(!err.to_string().is_empty());
        }
    }
}
