//! Service-account secrets: the 256-bit secret inside an `ops_…` token.
//!
//! A 256-bit secret cannot be guessed, so no slow KDF is needed: HKDF derives an unlock key (opens the
//! service account's wrapped private key; never leaves the client) and an authentication key (what a
//! server checks). Stores and servers keep only [`AuthKey::hash`], so a stolen database can recognise
//! and revoke a token but cannot impersonate it or unlock anything.

use std::fmt;

use data_encoding::BASE64URL_NOPAD;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, Zeroizing};

use crate::kdf::{hkdf_sha256, info};
use crate::random::random_array;
use crate::{CryptoError, SymmetricKey};
use op_core::SecretString;

/// Length of a service-account secret in bytes.
pub const SERVICE_ACCOUNT_SECRET_LEN: usize = 32;

/// The secret of a service-account token. Wiped on drop; prints `[REDACTED]`.
pub struct ServiceAccountSecret(Box<[u8; SERVICE_ACCOUNT_SECRET_LEN]>);

impl ServiceAccountSecret {
    /// A fresh random secret from the process CSPRNG.
    pub fn generate() -> Result<Self, CryptoError> {
        let bytes = random_array::<SERVICE_ACCOUNT_SECRET_LEN>()?;
        Ok(Self::from_array(&bytes))
    }

    /// Takes ownership of `bytes`; the argument's copy is wiped.
    pub fn from_bytes(mut bytes: [u8; SERVICE_ACCOUNT_SECRET_LEN]) -> Self {
        let secret = Self::from_array(&bytes);
        bytes.zeroize();
        secret
    }

    /// The raw secret.
    pub fn expose_bytes(&self) -> &[u8; SERVICE_ACCOUNT_SECRET_LEN] {
        &self.0
    }

    /// The secret as unpadded base64url (43 characters), the form carried inside a token.
    pub fn to_base64url(&self) -> SecretString {
        SecretString::new(BASE64URL_NOPAD.encode(self.0.as_ref()))
    }

    /// Reads the unpadded base64url form written by [`ServiceAccountSecret::to_base64url`].
    pub fn from_base64url(text: &str) -> Result<Self, CryptoError> {
        if BASE64URL_NOPAD.decode_len(text.len()).ok() != Some(SERVICE_ACCOUNT_SECRET_LEN) {
            return Err(CryptoError::InvalidServiceAccountSecret {
                reason: "wrong length",
            });
        }
        let mut bytes = Zeroizing::new([0u8; SERVICE_ACCOUNT_SECRET_LEN]);
        match BASE64URL_NOPAD.decode_mut(text.as_bytes(), bytes.as_mut()) {
            Ok(SERVICE_ACCOUNT_SECRET_LEN) => Ok(Self::from_array(&bytes)),
            _ => Err(CryptoError::InvalidServiceAccountSecret {
                reason: "not canonical base64url",
            }),
        }
    }

    /// The key that unwraps the service account's private key. Never sent anywhere.
    pub fn unlock_key(&self) -> Result<SymmetricKey, CryptoError> {
        hkdf_sha256(self.0.as_ref(), &[], info::SERVICE_ACCOUNT_UNLOCK)
    }

    /// The key a client presents to prove it holds the token.
    pub fn auth_key(&self) -> Result<AuthKey, CryptoError> {
        let key = hkdf_sha256(self.0.as_ref(), &[], info::SERVICE_ACCOUNT_AUTH)?;
        Ok(AuthKey(key))
    }

    /// SHA-256 of the [`auth_key`](Self::auth_key): what a store or server keeps to recognise and
    /// revoke the token.
    pub fn auth_hash(&self) -> Result<[u8; 32], CryptoError> {
        Ok(self.auth_key()?.hash())
    }

    fn from_array(bytes: &[u8; SERVICE_ACCOUNT_SECRET_LEN]) -> Self {
        let mut boxed = Box::new([0u8; SERVICE_ACCOUNT_SECRET_LEN]);
        boxed.copy_from_slice(bytes);
        Self(boxed)
    }
}

impl Drop for ServiceAccountSecret {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl zeroize::ZeroizeOnDrop for ServiceAccountSecret {}

impl fmt::Debug for ServiceAccountSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

/// A service account's authentication key. Wiped on drop; prints `[REDACTED]`.
pub struct AuthKey(SymmetricKey);

impl AuthKey {
    /// The raw key, as sent to a server.
    pub fn expose_bytes(&self) -> &[u8; 32] {
        self.0.expose_bytes()
    }

    /// SHA-256 of the key: the only form a store or server keeps.
    pub fn hash(&self) -> [u8; 32] {
        Sha256::digest(self.0.expose_bytes()).into()
    }

    /// Whether this key hashes to `stored_hash`, compared in constant time.
    pub fn matches_hash(&self, stored_hash: &[u8; 32]) -> bool {
        self.hash().ct_eq(stored_hash).into()
    }
}

impl fmt::Debug for AuthKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derivations_are_distinct_and_stable() {
        let secret = ServiceAccountSecret::from_bytes([7; 32]);
        let unlock = secret.unlock_key().unwrap();
        let auth = secret.auth_key().unwrap();
        assert_ne!(unlock.expose_bytes(), auth.expose_bytes());
        assert_ne!(unlock.expose_bytes(), secret.expose_bytes());
        let hash = secret.auth_hash().unwrap();
        assert!(auth.matches_hash(&hash));
        assert!(!auth.matches_hash(&[0; 32]));
        assert_eq!(format!("{secret:?} {auth:?}"), "[REDACTED] [REDACTED]");
    }

    #[test]
    fn base64url_round_trip_and_errors() {
        let secret = ServiceAccountSecret::generate().unwrap();
        let text = secret.to_base64url();
        assert_eq!(text.len(), 43);
        let back = ServiceAccountSecret::from_base64url(text.expose_secret()).unwrap();
        assert_eq!(back.expose_bytes(), secret.expose_bytes());
        // Last character with non-zero padding bits: not canonical.
        let mut bad = text.expose_secret().to_owned();
        bad.pop();
        bad.push('B');
        let results = [
            ServiceAccountSecret::from_base64url(""),
            ServiceAccountSecret::from_base64url(&"A".repeat(44)),
            ServiceAccountSecret::from_base64url(&"*".repeat(43)),
        ];
        for r in results {
            assert_eq!(r.unwrap_err().name(), "InvalidServiceAccountSecret");
        }
        // 'B' may or may not be canonical depending on the previous symbol; it must never panic.
        let _ = ServiceAccountSecret::from_base64url(&bad);
    }
}
