//! XChaCha20-Poly1305 with random 24-byte nonces: the one authenticated cipher of opkit.
//!
//! Blob format (version 1): `0x01 || nonce (24) || ciphertext || tag (16)`. The version byte is part of
//! the associated data the tag covers, followed by the caller's associated data, so a ciphertext
//! cannot be re-labelled as another format version and cannot be moved to another context.
//! A 192-bit random nonce never repeats in practice (2^-96 after 2^48 messages under one key), so
//! keys need no nonce counter and no coordination between processes.

use chacha20poly1305::XChaCha20Poly1305;
use chacha20poly1305::aead::{AeadInPlace, KeyInit};
use zeroize::Zeroizing;

use crate::random::random_array;
use crate::{CryptoError, SymmetricKey};

/// Format version of [`encrypt`] blobs.
pub const AEAD_VERSION: u8 = 1;
/// XChaCha20 nonce length in bytes.
pub const NONCE_LEN: usize = 24;
/// Poly1305 tag length in bytes.
pub const TAG_LEN: usize = 16;
/// Bytes [`encrypt`] adds to a plaintext: version, nonce and tag.
pub const AEAD_OVERHEAD: usize = 1 + NONCE_LEN + TAG_LEN;

/// Encrypts `plaintext` under `key`, bound to `aad` (build it with [`crate::aad`]).
///
/// Returns `version || nonce || ciphertext || tag`. Decrypting needs the same key and the same `aad`.
pub fn encrypt(key: &SymmetricKey, plaintext: &[u8], aad: &[u8]) -> Result<Vec<u8>, CryptoError> {
    let nonce = random_array::<NONCE_LEN>()?;
    encrypt_with_nonce(key, &nonce, plaintext, aad)
}

/// [`encrypt`] with a caller-chosen nonce, for known-answer tests only: reusing a nonce under one key
/// reveals the XOR of two plaintexts and allows forgeries.
#[doc(hidden)]
pub fn encrypt_with_nonce(
    key: &SymmetricKey,
    nonce: &[u8; NONCE_LEN],
    plaintext: &[u8],
    aad: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    seal_with_header(key.expose_bytes(), &[AEAD_VERSION], nonce, plaintext, aad)
}

/// Decrypts a blob made by [`encrypt`] with the same key and `aad`.
///
/// Any mismatch (key, `aad`, a changed or missing byte) gives [`CryptoError::Decrypt`]; an unknown
/// first byte gives [`CryptoError::UnsupportedVersion`]. The plaintext is wiped when dropped.
pub fn decrypt(
    key: &SymmetricKey,
    blob: &[u8],
    aad: &[u8],
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    let (header, body) = split_header(blob, AEAD_VERSION, 1)?;
    open_body(key.expose_bytes(), header, body, aad)
}

/// Splits `blob` into its `header_len`-byte header (starting with `version`) and the rest.
pub(crate) fn split_header(
    blob: &[u8],
    version: u8,
    header_len: usize,
) -> Result<(&[u8], &[u8]), CryptoError> {
    match blob.first() {
        None => return Err(CryptoError::Decrypt),
        Some(&found) if found != version => {
            return Err(CryptoError::UnsupportedVersion { version: found });
        }
        Some(_) => {}
    }
    if blob.len() < header_len + NONCE_LEN + TAG_LEN {
        return Err(CryptoError::Decrypt);
    }
    Ok(blob.split_at(header_len))
}

/// `header || nonce || ciphertext || tag`, authenticating `header || aad`.
///
/// The header has a fixed length for each version, so `header || aad` is unambiguous.
pub(crate) fn seal_with_header(
    key: &[u8; 32],
    header: &[u8],
    nonce: &[u8; NONCE_LEN],
    plaintext: &[u8],
    aad: &[u8],
) -> Result<Vec<u8>, CryptoError> {
    let associated = [header, aad].concat();
    // Exact capacity: the plaintext is copied in once and never reallocated; the buffer is zeroizing
    // so an early return cannot leave plaintext behind.
    let mut out = Zeroizing::new(Vec::with_capacity(
        header.len() + NONCE_LEN + plaintext.len() + TAG_LEN,
    ));
    out.extend_from_slice(header);
    out.extend_from_slice(nonce);
    let body_start = out.len();
    out.extend_from_slice(plaintext);
    let (_, body) = out.split_at_mut(body_start);
    let tag = xchacha_seal_detached(key, nonce, &associated, body)?;
    out.extend_from_slice(&tag);
    Ok(std::mem::take(&mut *out))
}

/// Opens `nonce || ciphertext || tag` (the part after the header), authenticating `header || aad`.
pub(crate) fn open_body(
    key: &[u8; 32],
    header: &[u8],
    body: &[u8],
    aad: &[u8],
) -> Result<Zeroizing<Vec<u8>>, CryptoError> {
    let (nonce, rest) = body
        .split_first_chunk::<NONCE_LEN>()
        .ok_or(CryptoError::Decrypt)?;
    let (ciphertext, tag) = rest
        .split_last_chunk::<TAG_LEN>()
        .ok_or(CryptoError::Decrypt)?;
    let associated = [header, aad].concat();
    let mut plaintext = Zeroizing::new(ciphertext.to_vec());
    xchacha_open_detached(key, nonce, &associated, &mut plaintext, tag)?;
    Ok(plaintext)
}

/// Raw XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha): encrypts `buf` in place, returns the tag.
pub(crate) fn xchacha_seal_detached(
    key: &[u8; 32],
    nonce: &[u8; NONCE_LEN],
    associated: &[u8],
    buf: &mut [u8],
) -> Result<[u8; TAG_LEN], CryptoError> {
    // The cipher wipes its key copy on drop.
    let cipher = XChaCha20Poly1305::new(key.into());
    cipher
        .encrypt_in_place_detached(nonce.into(), associated, buf)
        .map(Into::into)
        .map_err(|_| CryptoError::Encrypt)
}

/// Raw XChaCha20-Poly1305: verifies `tag`, then decrypts `buf` in place.
pub(crate) fn xchacha_open_detached(
    key: &[u8; 32],
    nonce: &[u8; NONCE_LEN],
    associated: &[u8],
    buf: &mut [u8],
    tag: &[u8; TAG_LEN],
) -> Result<(), CryptoError> {
    let cipher = XChaCha20Poly1305::new(key.into());
    cipher
        .decrypt_in_place_detached(nonce.into(), associated, buf, tag.into())
        .map_err(|_| CryptoError::Decrypt)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        data_encoding::HEXLOWER_PERMISSIVE
            .decode(s.as_bytes())
            .unwrap()
    }

    /// draft-irtf-cfrg-xchacha-03, appendix A.3.1.
    #[test]
    fn raw_primitive_matches_the_draft_vector() {
        let key: [u8; 32] = hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f")
            .try_into()
            .unwrap();
        let nonce: [u8; 24] = hex("404142434445464748494a4b4c4d4e4f5051525354555657")
            .try_into()
            .unwrap();
        let aad = hex("50515253c0c1c2c3c4c5c6c7");
        let mut buf = b"Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.".to_vec();
        let tag = xchacha_seal_detached(&key, &nonce, &aad, &mut buf).unwrap();
        assert_eq!(
            buf,
            hex(concat!(
                "bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb",
                "731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b452",
                "2f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9",
                "21f9664c97637da9768812f615c68b13b52e"
            ))
        );
        assert_eq!(tag.to_vec(), hex("c0875924c1c7987947deafd8780acf49"));
        xchacha_open_detached(&key, &nonce, &aad, &mut buf, &tag).unwrap();
        assert!(buf.starts_with(b"Ladies and Gentlemen"));
    }

    /// The same draft vector as stored (by an independent implementation) in the vector files.
    #[test]
    fn raw_primitive_matches_the_stored_draft_vector() {
        let file: serde_json::Value =
            serde_json::from_str(include_str!("../tests/vectors/xchacha20poly1305.json")).unwrap();
        let v = &file["draft_irtf_cfrg_xchacha_03_a31"];
        let field = |name: &str| hex(v[name].as_str().unwrap());
        let key: [u8; 32] = field("key").try_into().unwrap();
        let nonce: [u8; 24] = field("nonce").try_into().unwrap();
        let mut buf = field("plaintext");
        let tag = xchacha_seal_detached(&key, &nonce, &field("aad"), &mut buf).unwrap();
        assert_eq!(buf, field("ciphertext"));
        assert_eq!(tag.to_vec(), field("tag"));
    }

    #[test]
    fn round_trip_and_layout() {
        let key = SymmetricKey::generate().unwrap();
        let blob = encrypt(&key, b"hello", b"ctx").unwrap();
        assert_eq!(blob.len(), 5 + AEAD_OVERHEAD);
        assert_eq!(blob.first(), Some(&AEAD_VERSION));
        assert_eq!(decrypt(&key, &blob, b"ctx").unwrap().as_slice(), b"hello");
        assert_eq!(decrypt(&key, &blob, b"other"), Err(CryptoError::Decrypt));
    }

    #[test]
    fn two_encryptions_use_different_nonces() {
        let key = SymmetricKey::generate().unwrap();
        assert_ne!(
            encrypt(&key, b"same", b"").unwrap(),
            encrypt(&key, b"same", b"").unwrap()
        );
    }

    #[test]
    fn unknown_version_and_empty_blob() {
        let key = SymmetricKey::generate().unwrap();
        let mut blob = encrypt(&key, b"x", b"").unwrap();
        if let Some(first) = blob.first_mut() {
            *first = 7;
        }
        assert_eq!(
            decrypt(&key, &blob, b""),
            Err(CryptoError::UnsupportedVersion { version: 7 })
        );
        assert_eq!(decrypt(&key, &[], b""), Err(CryptoError::Decrypt));
    }
}
