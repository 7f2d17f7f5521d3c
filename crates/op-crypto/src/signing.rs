//! Ed25519 identities: the signing keys that authenticate the key directory and the grants.
//!
//! A signature covers `aad([purpose, part, part, ...])`: the purpose string (see
//! [`crate::kdf::info`]) keeps a signature made for one kind of record from verifying as another,
//! and the length-prefixed encoding keeps two different part lists from signing the same bytes.
//! Verification is strict (RFC 8032 with canonical `S` and no small-order keys or `R`), so a
//! signature has exactly one valid encoding and cannot be malleated into a second one.

use std::fmt;

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use zeroize::{Zeroize, Zeroizing};

use crate::CryptoError;
use crate::aad::aad;
use crate::random::random_array;

/// The length of an Ed25519 signature.
pub const SIGNATURE_LEN: usize = 64;

/// An Ed25519 public key: what signatures are checked against. Not secret.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct VerifyingKeyBytes(pub [u8; 32]);

impl VerifyingKeyBytes {
    /// The 32 bytes of the key (compressed Edwards point).
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Checks that `signature` was made by this key's private half over `purpose` and `parts`.
    ///
    /// Fails with [`CryptoError::BadSignature`] for a wrong signature, a signature over other
    /// bytes, a malformed key or a weak (small-order) key, without saying which.
    pub fn verify(
        &self,
        purpose: &[u8],
        parts: &[&[u8]],
        signature: &[u8],
    ) -> Result<(), CryptoError> {
        let key = VerifyingKey::from_bytes(&self.0).map_err(|_| CryptoError::BadSignature)?;
        let signature = Signature::from_slice(signature).map_err(|_| CryptoError::BadSignature)?;
        key.verify_strict(&message(purpose, parts), &signature)
            .map_err(|_| CryptoError::BadSignature)
    }
}

impl fmt::Debug for VerifyingKeyBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "VerifyingKeyBytes({})",
            data_encoding::HEXLOWER.encode(&self.0)
        )
    }
}

/// An Ed25519 private key with its public key.
///
/// The private key is wiped on drop and never printed; it leaves the type only through
/// [`SigningKeyPair::secret_bytes`] (to be wrapped, see [`crate::wrap_signing_key`]).
pub struct SigningKeyPair {
    key: Box<SigningKey>,
}

impl SigningKeyPair {
    /// A fresh key pair from the process CSPRNG.
    pub fn generate() -> Result<Self, CryptoError> {
        let seed = Zeroizing::new(random_array::<32>()?);
        Ok(Self::from_seed(&seed))
    }

    /// Rebuilds a key pair from its 32-byte private key (the RFC 8032 seed); the argument's copy
    /// is wiped.
    pub fn from_secret_bytes(mut bytes: [u8; 32]) -> Self {
        let pair = Self::from_seed(&bytes);
        bytes.zeroize();
        pair
    }

    /// The public key.
    pub fn verifying_key(&self) -> VerifyingKeyBytes {
        VerifyingKeyBytes(self.key.verifying_key().to_bytes())
    }

    /// The private key bytes (the seed), wiped when dropped.
    pub fn secret_bytes(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.key.to_bytes())
    }

    /// Signs `purpose` and `parts` (see the module documentation for the exact bytes).
    pub fn sign(&self, purpose: &[u8], parts: &[&[u8]]) -> [u8; SIGNATURE_LEN] {
        self.key.sign(&message(purpose, parts)).to_bytes()
    }

    fn from_seed(seed: &[u8; 32]) -> Self {
        // SigningKey wipes itself on drop (ed25519-dalek's `zeroize` feature).
        Self {
            key: Box::new(SigningKey::from_bytes(seed)),
        }
    }
}

impl fmt::Debug for SigningKeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

fn message(purpose: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let mut all: Vec<&[u8]> = Vec::with_capacity(parts.len() + 1);
    all.push(purpose);
    all.extend_from_slice(parts);
    aad(&all)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PURPOSE: &[u8] = b"opkit/v1/test";

    #[test]
    fn signatures_verify_and_bind_every_part() {
        let pair = SigningKeyPair::generate().unwrap();
        let public = pair.verifying_key();
        let sig = pair.sign(PURPOSE, &[b"vault-1", b"3"]);
        public.verify(PURPOSE, &[b"vault-1", b"3"], &sig).unwrap();
        for (purpose, parts) in [
            (&b"opkit/v1/other"[..], &[&b"vault-1"[..], b"3"][..]),
            (PURPOSE, &[b"vault-1", b"4"]),
            (PURPOSE, &[b"vault-13"]),
            (PURPOSE, &[b"vault-1", b"3", b""]),
        ] {
            assert_eq!(
                public.verify(purpose, parts, &sig),
                Err(CryptoError::BadSignature)
            );
        }
        let other = SigningKeyPair::generate().unwrap().verifying_key();
        assert_eq!(
            other.verify(PURPOSE, &[b"vault-1", b"3"], &sig),
            Err(CryptoError::BadSignature)
        );
    }

    #[test]
    fn damaged_signatures_and_keys_are_refused() {
        let pair = SigningKeyPair::generate().unwrap();
        let sig = pair.sign(PURPOSE, &[b"x"]);
        for i in 0..SIGNATURE_LEN {
            let mut bad = sig;
            bad[i] ^= 0x01;
            assert!(pair.verifying_key().verify(PURPOSE, &[b"x"], &bad).is_err());
        }
        assert!(
            pair.verifying_key()
                .verify(PURPOSE, &[b"x"], &sig[..63])
                .is_err()
        );
        // The identity point is a small-order key: strict verification refuses it outright.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        assert!(
            VerifyingKeyBytes(identity)
                .verify(PURPOSE, &[b"x"], &sig)
                .is_err()
        );
    }

    #[test]
    fn secret_bytes_rebuild_the_same_key() {
        let pair = SigningKeyPair::generate().unwrap();
        let again = SigningKeyPair::from_secret_bytes(*pair.secret_bytes());
        assert_eq!(again.verifying_key(), pair.verifying_key());
        assert_eq!(format!("{pair:?}"), "[REDACTED]");
    }

    /// RFC 8032 §7.1, test 1: the seed, the public key it gives, and its signature over the empty
    /// message (our framing is bypassed to check the primitive itself).
    #[test]
    fn rfc8032_test_1() {
        let hex = |s: &str| data_encoding::HEXLOWER.decode(s.as_bytes()).unwrap();
        let seed: [u8; 32] =
            hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
                .try_into()
                .unwrap();
        let pair = SigningKeyPair::from_secret_bytes(seed);
        assert_eq!(
            pair.verifying_key().0.to_vec(),
            hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
        );
        assert_eq!(
            pair.key.sign(b"").to_bytes().to_vec(),
            hex(
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
            )
        );
    }
}
