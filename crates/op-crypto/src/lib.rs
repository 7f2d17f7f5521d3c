#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod aad;
mod account_key;
mod aead;
mod blind_index;
mod error;
pub mod kdf;
mod keypair;
mod password;
mod random;
mod sealed;
mod service_account;
mod signing;
mod symmetric;
mod wrap;

pub use aad::aad;
pub use account_key::{ACCOUNT_SECRET_KEY_LEN, ACCOUNT_SECRET_KEY_PREFIX, AccountSecretKey};
pub use aead::{
    AEAD_OVERHEAD, AEAD_VERSION, NONCE_LEN, TAG_LEN, decrypt, encrypt, encrypt_with_nonce,
};
pub use blind_index::{BlindIndexKey, blind_index, normalise_title};
pub use error::CryptoError;
pub use kdf::hkdf_sha256;
pub use keypair::{KeyPair, PublicKeyBytes};
pub use password::{Argon2Params, MIN_SALT_LEN, SALT_LEN, generate_salt, person_unlock_key};
pub use sealed::{SEALED_OVERHEAD, SEALED_VERSION, open_sealed, seal_to, seal_to_with_ephemeral};
pub use service_account::{AuthKey, SERVICE_ACCOUNT_SECRET_LEN, ServiceAccountSecret};
pub use signing::{SIGNATURE_LEN, SigningKeyPair, VerifyingKeyBytes};
pub use symmetric::{SYMMETRIC_KEY_LEN, SymmetricKey};
pub use wrap::{
    open_sealed_key, seal_key_to, unwrap_key, unwrap_key_pair, unwrap_signing_key, wrap_key,
    wrap_key_pair, wrap_signing_key,
};

/// `Zeroizing` as returned by [`decrypt`] and [`open_sealed`], re-exported so callers need no
/// direct dependency on `zeroize`.
pub use zeroize::Zeroizing;
