//! HKDF-SHA256 and the domain-separation strings of every derivation and binding in opkit.

use hkdf::Hkdf;
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::{CryptoError, SymmetricKey};

/// Domain-separation strings. Each derivation or binding uses its own, so a key or ciphertext made for
/// one purpose is useless for every other; `v1` changes only with an incompatible construction.
pub mod info {
    /// HKDF info prefix of a sealed box key (followed by the ephemeral and recipient public keys).
    pub const SEALED_BOX: &[u8] = b"opkit/v1/sealed-box";
    /// HKDF info of a person's unlock key (Argon2id output and account secret key combined).
    pub const PERSON_UNLOCK: &[u8] = b"opkit/v1/person-unlock";
    /// HKDF info of a service account's unlock key.
    pub const SERVICE_ACCOUNT_UNLOCK: &[u8] = b"opkit/v1/service-account/unlock";
    /// HKDF info of a service account's authentication key.
    pub const SERVICE_ACCOUNT_AUTH: &[u8] = b"opkit/v1/service-account/auth";
    /// HKDF info of a vault's title blind-index key.
    pub const TITLE_INDEX: &[u8] = b"opkit/v1/title-index";
    /// Associated-data purpose of a symmetric key wrapped under another.
    pub const WRAP_SYMMETRIC_KEY: &[u8] = b"opkit/v1/wrap/symmetric-key";
    /// Associated-data purpose of an X25519 private key wrapped under an unlock key.
    pub const WRAP_KEY_PAIR: &[u8] = b"opkit/v1/wrap/x25519-private-key";
    /// Associated-data purpose of a symmetric key sealed to a public key.
    pub const SEALED_SYMMETRIC_KEY: &[u8] = b"opkit/v1/sealed/symmetric-key";
    /// Associated-data purpose of an Ed25519 private key wrapped under an unlock key.
    pub const WRAP_SIGNING_KEY: &[u8] = b"opkit/v1/wrap/ed25519-private-key";
    /// Signature purpose of a key-directory record (a principal's or group's public keys).
    pub const SIGN_KEY_RECORD: &[u8] = b"opkit/v1/sign/key-record";
    /// Signature purpose of a grant (a vault, group or Environment key sealed to a grantee).
    pub const SIGN_GRANT: &[u8] = b"opkit/v1/sign/grant";
    /// Prefix of the checksum inside an account secret key.
    pub const ACCOUNT_SECRET_KEY_CHECK: &[u8] = b"opkit/v1/account-secret-key/check";
}

/// HKDF-SHA256 (RFC 5869) with a 32-byte output.
///
/// `salt` may be empty (RFC 5869 then uses a block of zeros); `info` should be one of the constants in
/// [`info`], so that keys derived for different purposes are independent.
pub fn hkdf_sha256(ikm: &[u8], salt: &[u8], info: &[u8]) -> Result<SymmetricKey, CryptoError> {
    hkdf_sha256_parts(ikm, salt, &[info])
}

/// HKDF-SHA256 whose info is the concatenation of `info_parts` (without copying them together).
pub(crate) fn hkdf_sha256_parts(
    ikm: &[u8],
    salt: &[u8],
    info_parts: &[&[u8]],
) -> Result<SymmetricKey, CryptoError> {
    let hk = Hkdf::<Sha256>::new(Some(salt), ikm);
    let mut okm = Zeroizing::new([0u8; 32]);
    hk.expand_multi_info(info_parts, okm.as_mut())
        .map_err(|_| CryptoError::KeyDerivation {
            reason: "HKDF output length out of range",
        })?;
    Ok(SymmetricKey::from_slice_exact(&okm))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 5869 appendix A.1 (test case 1); a 32-byte output is the first 32 bytes of its 42.
    #[test]
    fn rfc5869_test_case_1() {
        let ikm = [0x0b_u8; 22];
        let salt: Vec<u8> = (0x00..=0x0c).collect();
        let info: Vec<u8> = (0xf0..=0xf9).collect();
        let key = hkdf_sha256(&ikm, &salt, &info).unwrap();
        assert_eq!(
            data_encoding::HEXLOWER.encode(key.expose_bytes()),
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
        );
    }

    #[test]
    fn info_parts_are_concatenated() {
        let a = hkdf_sha256(b"ikm", b"salt", b"opkit/v1/x").unwrap();
        let b = hkdf_sha256_parts(b"ikm", b"salt", &[b"opkit/", b"v1/x"]).unwrap();
        assert_eq!(a.expose_bytes(), b.expose_bytes());
    }

    #[test]
    fn domain_strings_are_distinct() {
        let all = [
            info::SEALED_BOX,
            info::PERSON_UNLOCK,
            info::SERVICE_ACCOUNT_UNLOCK,
            info::SERVICE_ACCOUNT_AUTH,
            info::TITLE_INDEX,
            info::WRAP_SYMMETRIC_KEY,
            info::WRAP_KEY_PAIR,
            info::SEALED_SYMMETRIC_KEY,
            info::ACCOUNT_SECRET_KEY_CHECK,
        ];
        for (i, a) in all.iter().enumerate() {
            assert!(a.starts_with(b"opkit/v1/"));
            for b in all.iter().skip(i + 1) {
                assert_ne!(a, b);
            }
        }
    }
}
