//! X25519 key pairs of principals (people and service accounts).

use std::fmt;

use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::{Zeroize, Zeroizing};

use crate::CryptoError;
use crate::random::random_array;

/// An X25519 public key: what others seal vault keys to. Not secret.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PublicKeyBytes(pub [u8; 32]);

impl PublicKeyBytes {
    /// The 32 bytes of the key (Montgomery u-coordinate, little-endian).
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Debug for PublicKeyBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "PublicKeyBytes({})",
            data_encoding::HEXLOWER.encode(&self.0)
        )
    }
}

/// An X25519 private key with its public key.
///
/// The private key is wiped on drop and never printed; it leaves the type only through
/// [`KeyPair::secret_bytes`] (to be wrapped, see [`crate::wrap_key_pair`]).
pub struct KeyPair {
    secret: Box<StaticSecret>,
    public: PublicKey,
}

impl KeyPair {
    /// A fresh key pair from the process CSPRNG.
    pub fn generate() -> Result<Self, CryptoError> {
        let bytes = random_array::<32>()?;
        Ok(Self::from_secret_array(&bytes))
    }

    /// Rebuilds a key pair from its private key; the argument's copy is wiped.
    pub fn from_secret_bytes(mut bytes: [u8; 32]) -> Self {
        let pair = Self::from_secret_array(&bytes);
        bytes.zeroize();
        pair
    }

    /// The public key.
    pub fn public_key(&self) -> PublicKeyBytes {
        PublicKeyBytes(self.public.to_bytes())
    }

    /// The private key bytes, wiped when dropped.
    pub fn secret_bytes(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.secret.to_bytes())
    }

    pub(crate) fn secret(&self) -> &StaticSecret {
        &self.secret
    }

    fn from_secret_array(bytes: &[u8; 32]) -> Self {
        // StaticSecret wipes itself on drop (x25519-dalek's `zeroize` feature).
        let secret = Box::new(StaticSecret::from(*bytes));
        let public = PublicKey::from(secret.as_ref());
        Self { secret, public }
    }
}

impl fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_bytes_rebuild_the_same_pair() {
        let pair = KeyPair::generate().unwrap();
        let again = KeyPair::from_secret_bytes(*pair.secret_bytes());
        assert_eq!(pair.public_key(), again.public_key());
        assert_ne!(pair.public_key(), KeyPair::generate().unwrap().public_key());
    }

    /// RFC 7748 section 6.1: Alice's private key gives Alice's public key.
    #[test]
    fn rfc7748_public_key() {
        let hex = |s: &str| -> [u8; 32] {
            data_encoding::HEXLOWER
                .decode(s.as_bytes())
                .unwrap()
                .try_into()
                .unwrap()
        };
        let alice = KeyPair::from_secret_bytes(hex(
            "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
        ));
        assert_eq!(
            alice.public_key().0,
            hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")
        );
    }
}
