//! Keys encrypted under other keys: vault keys under a key-encryption key or sealed to a principal,
//! and principals' private keys under their unlock key.
//!
//! Each form is the plain [`encrypt`] or [`seal_to`] blob of the 32 key bytes, with the caller's
//! associated data wrapped as `aad([purpose, caller_aad])`. The purpose string (see
//! [`crate::kdf::info`]) keeps a wrapped key from being accepted as an item ciphertext and the other
//! way round, even under the same key and caller context.

use zeroize::Zeroizing;

use crate::aad::aad as encode_aad;
use crate::kdf::info;
use crate::{
    CryptoError, KeyPair, PublicKeyBytes, SigningKeyPair, SymmetricKey, decrypt, encrypt,
    open_sealed, seal_to,
};

/// Encrypts `key` under the key-encryption key `kek`, bound to `aad`.
pub fn wrap_key(
    kek: &SymmetricKey,
    key: &SymmetricKey,
    aad: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    encrypt(
        kek,
        key.expose_bytes(),
        &purpose_aad(info::WRAP_SYMMETRIC_KEY, aad),
    )
}

/// Recovers a key wrapped by [`wrap_key`] with the same `kek` and `aad`.
pub fn unwrap_key(
    kek: &SymmetricKey,
    blob: &[u8],
    aad: &[u8],
) -> Result<SymmetricKey, CryptoError> {
    let bytes = decrypt(kek, blob, &purpose_aad(info::WRAP_SYMMETRIC_KEY, aad))?;
    symmetric_from(&bytes)
}

/// Seals `key` (typically a vault key) to a principal's public key, bound to `aad`.
pub fn seal_key_to(
    recipient: &PublicKeyBytes,
    key: &SymmetricKey,
    aad: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    seal_to(
        recipient,
        key.expose_bytes(),
        &purpose_aad(info::SEALED_SYMMETRIC_KEY, aad),
    )
}

/// Opens a key sealed by [`seal_key_to`] with the recipient's key pair and the same `aad`.
pub fn open_sealed_key(
    recipient: &KeyPair,
    blob: &[u8],
    aad: &[u8],
) -> Result<SymmetricKey, CryptoError> {
    let bytes = open_sealed(
        recipient,
        blob,
        &purpose_aad(info::SEALED_SYMMETRIC_KEY, aad),
    )?;
    symmetric_from(&bytes)
}

/// Encrypts a principal's X25519 private key under its unlock key, bound to `aad`.
pub fn wrap_key_pair(
    kek: &SymmetricKey,
    pair: &KeyPair,
    aad: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    encrypt(
        kek,
        pair.secret_bytes().as_ref(),
        &purpose_aad(info::WRAP_KEY_PAIR, aad),
    )
}

/// Recovers a key pair wrapped by [`wrap_key_pair`] with the same `kek` and `aad`.
pub fn unwrap_key_pair(
    kek: &SymmetricKey,
    blob: &[u8],
    aad: &[u8],
) -> Result<KeyPair, CryptoError> {
    let bytes = decrypt(kek, blob, &purpose_aad(info::WRAP_KEY_PAIR, aad))?;
    let secret = to_array(&bytes)?;
    Ok(KeyPair::from_secret_bytes(*secret))
}

/// Encrypts a principal's Ed25519 signing key under its unlock key, bound to `aad`.
pub fn wrap_signing_key(
    kek: &SymmetricKey,
    pair: &SigningKeyPair,
    aad: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    encrypt(
        kek,
        pair.secret_bytes().as_ref(),
        &purpose_aad(info::WRAP_SIGNING_KEY, aad),
    )
}

/// Recovers a signing key wrapped by [`wrap_signing_key`] with the same `kek` and `aad`.
pub fn unwrap_signing_key(
    kek: &SymmetricKey,
    blob: &[u8],
    aad: &[u8],
) -> Result<SigningKeyPair, CryptoError> {
    let bytes = decrypt(kek, blob, &purpose_aad(info::WRAP_SIGNING_KEY, aad))?;
    let secret = to_array(&bytes)?;
    Ok(SigningKeyPair::from_secret_bytes(*secret))
}

fn purpose_aad(purpose: &[u8], aad: &[u8]) -> Vec<u8> {
    encode_aad(&[purpose, aad])
}

fn symmetric_from(bytes: &[u8]) -> Result<SymmetricKey, CryptoError> {
    let array = to_array(bytes)?;
    Ok(SymmetricKey::from_slice_exact(&array))
}

/// An authentic plaintext of the wrong length was not made by this module: report it as a failed
/// decryption rather than trusting it.
fn to_array(bytes: &[u8]) -> Result<Zeroizing<[u8; 32]>, CryptoError> {
    let mut out = Zeroizing::new([0u8; 32]);
    if bytes.len() != out.len() {
        return Err(CryptoError::Decrypt);
    }
    out.copy_from_slice(bytes);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_keys_round_trip() {
        let kek = SymmetricKey::generate().unwrap();
        let vault = SymmetricKey::generate().unwrap();
        let blob = wrap_key(&kek, &vault, b"vault-1").unwrap();
        let back = unwrap_key(&kek, &blob, b"vault-1").unwrap();
        assert_eq!(back.expose_bytes(), vault.expose_bytes());
        assert!(unwrap_key(&kek, &blob, b"vault-2").is_err());

        let pair = KeyPair::generate().unwrap();
        let sealed = seal_key_to(&pair.public_key(), &vault, b"vault-1").unwrap();
        let opened = open_sealed_key(&pair, &sealed, b"vault-1").unwrap();
        assert_eq!(opened.expose_bytes(), vault.expose_bytes());

        let wrapped = wrap_key_pair(&kek, &pair, b"person-1").unwrap();
        let back = unwrap_key_pair(&kek, &wrapped, b"person-1").unwrap();
        assert_eq!(back.public_key(), pair.public_key());

        let signer = SigningKeyPair::generate().unwrap();
        let wrapped = wrap_signing_key(&kek, &signer, b"person-1").unwrap();
        let back = unwrap_signing_key(&kek, &wrapped, b"person-1").unwrap();
        assert_eq!(back.verifying_key(), signer.verifying_key());
        assert!(unwrap_signing_key(&kek, &wrapped, b"person-2").is_err());
        // An X25519 private key wrapped for its purpose is not accepted as a signing key.
        let x25519 = wrap_key_pair(&kek, &pair, b"person-1").unwrap();
        assert!(unwrap_signing_key(&kek, &x25519, b"person-1").is_err());
    }

    #[test]
    fn purposes_do_not_mix() {
        let kek = SymmetricKey::generate().unwrap();
        let vault = SymmetricKey::generate().unwrap();
        let blob = wrap_key(&kek, &vault, b"ctx").unwrap();
        // Same key, same caller context, different purpose: refused.
        assert_eq!(decrypt(&kek, &blob, b"ctx"), Err(CryptoError::Decrypt));
        assert!(unwrap_key_pair(&kek, &blob, b"ctx").is_err());
        // A plain ciphertext of 32 bytes is not a wrapped key.
        let plain = encrypt(&kek, &[7u8; 32], b"ctx").unwrap();
        assert!(unwrap_key(&kek, &plain, b"ctx").is_err());
    }

    #[test]
    fn wrong_length_plaintext_is_refused() {
        let kek = SymmetricKey::generate().unwrap();
        let blob = encrypt(
            &kek,
            &[1u8; 31],
            &purpose_aad(info::WRAP_SYMMETRIC_KEY, b""),
        )
        .unwrap();
        assert!(matches!(
            unwrap_key(&kek, &blob, b""),
            Err(CryptoError::Decrypt)
        ));
    }
}
