//! Sealed boxes: anonymous public-key encryption to one X25519 key.
//!
//! Blob format (version 1): `0x01 || ephemeral public key (32) || nonce (24) || ciphertext || tag (16)`.
//! The sender draws a fresh ephemeral key pair, computes the X25519 shared secret with the recipient,
//! and derives the XChaCha20-Poly1305 key as
//! `HKDF-SHA256(ikm = shared, salt = "", info = "opkit/v1/sealed-box" || ephemeral pk || recipient pk)`,
//! so the key is bound to both public keys. The AEAD authenticates `version || ephemeral pk || aad`.

use x25519_dalek::{PublicKey, SharedSecret, StaticSecret};
use zeroize::Zeroizing;

use crate::aead::{NONCE_LEN, TAG_LEN, open_body, seal_with_header, split_header};
use crate::kdf::{hkdf_sha256_parts, info};
use crate::random::random_array;
use crate::{CryptoError, KeyPair, PublicKeyBytes, SymmetricKey};

/// Format version of sealed boxes.
pub const SEALED_VERSION: u8 = 1;
const HEADER_LEN: usize = 1 + 32;
/// Bytes [`seal_to`] adds to a plaintext.
pub const SEALED_OVERHEAD: usize = HEADER_LEN + NONCE_LEN + TAG_LEN;

/// Encrypts `plaintext` so that only the holder of `recipient`'s private key can read it.
///
/// Fails with [`CryptoError::InvalidPublicKey`] for a low-order public key (the shared secret would be
/// all zeros, so anyone could open the box).
pub fn seal_to(
    recipient: &PublicKeyBytes,
    plaintext: &[u8],
    aad: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let random = random_array::<{ 32 + NONCE_LEN }>()?;
    let (ephemeral, nonce) = random.split_at(32);
    let ephemeral: [u8; 32] = ephemeral.try_into().map_err(|_| CryptoError::Encrypt)?;
    let nonce: [u8; NONCE_LEN] = nonce.try_into().map_err(|_| CryptoError::Encrypt)?;
    seal_to_with_ephemeral(recipient, Zeroizing::new(ephemeral), &nonce, plaintext, aad)
}

/// [`seal_to`] with a caller-chosen ephemeral private key and nonce, for known-answer tests only:
/// anyone who knows the ephemeral key can open the box.
#[doc(hidden)]
pub fn seal_to_with_ephemeral(
    recipient: &PublicKeyBytes,
    ephemeral_secret: Zeroizing<[u8; 32]>,
    nonce: &[u8; NONCE_LEN],
    plaintext: &[u8],
    aad: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let ephemeral = StaticSecret::from(*ephemeral_secret);
    let ephemeral_public = PublicKey::from(&ephemeral).to_bytes();
    let shared = ephemeral.diffie_hellman(&PublicKey::from(recipient.0));
    let key =
        box_key(&shared, &ephemeral_public, recipient)?.ok_or(CryptoError::InvalidPublicKey)?;
    let header = [&[SEALED_VERSION][..], &ephemeral_public[..]].concat();
    seal_with_header(key.expose_bytes(), &header, nonce, plaintext, aad)
}

/// Opens a box made by [`seal_to`] for `recipient`'s public key, with the same `aad`.
///
/// A box for another recipient, another `aad`, or any changed byte gives [`CryptoError::Decrypt`].
pub fn open_sealed(
    recipient: &KeyPair,
    blob: &[u8],
    aad: &[u8],
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    let (header, body) = split_header(blob, SEALED_VERSION, HEADER_LEN)?;
    let ephemeral_public: [u8; 32] = header
        .get(1..)
        .and_then(|pk| pk.try_into().ok())
        .ok_or(CryptoError::Decrypt)?;
    // A low-order ephemeral key is a forged box: report it like any other forgery.
    let shared = recipient
        .secret()
        .diffie_hellman(&PublicKey::from(ephemeral_public));
    let key = box_key(&shared, &ephemeral_public, &recipient.public_key())?
        .ok_or(CryptoError::Decrypt)?;
    open_body(key.expose_bytes(), header, body, aad)
}

/// The box key for a computed X25519 `shared` secret; `None` when it is all zeros (a low-order point
/// on either side).
fn box_key(
    shared: &SharedSecret,
    ephemeral_public: &[u8; 32],
    recipient: &PublicKeyBytes,
) -> Result<Option<SymmetricKey>, CryptoError> {
    if !shared.was_contributory() {
        return Ok(None);
    }
    hkdf_sha256_parts(
        shared.as_bytes(),
        &[],
        &[info::SEALED_BOX, ephemeral_public, recipient.as_bytes()],
    )
    .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_wrong_recipient() {
        let alice = KeyPair::generate().unwrap();
        let bob = KeyPair::generate().unwrap();
        let blob = seal_to(&alice.public_key(), b"vault key", b"ctx").unwrap();
        assert_eq!(blob.len(), 9 + SEALED_OVERHEAD);
        assert_eq!(
            open_sealed(&alice, &blob, b"ctx").unwrap().as_slice(),
            b"vault key"
        );
        assert_eq!(open_sealed(&bob, &blob, b"ctx"), Err(CryptoError::Decrypt));
        assert_eq!(
            open_sealed(&alice, &blob, b"other"),
            Err(CryptoError::Decrypt)
        );
    }

    #[test]
    fn low_order_points_are_refused() {
        // u = 0 (order 2) and u = 1 (order 4): every shared secret with them is zero.
        for low in [[0u8; 32], {
            let mut one = [0u8; 32];
            one[0] = 1;
            one
        }] {
            assert_eq!(
                seal_to(&PublicKeyBytes(low), b"x", b""),
                Err(CryptoError::InvalidPublicKey)
            );
        }
        // A box whose ephemeral key is low-order is treated as a forgery.
        let alice = KeyPair::generate().unwrap();
        let mut blob = seal_to(&alice.public_key(), b"x", b"").unwrap();
        for b in blob.iter_mut().skip(1).take(32) {
            *b = 0;
        }
        assert_eq!(open_sealed(&alice, &blob, b""), Err(CryptoError::Decrypt));
    }
}
