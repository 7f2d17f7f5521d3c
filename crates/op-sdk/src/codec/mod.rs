//! The client-side codec: everything that turns plaintext into the ciphertext a backend stores and
//! back. Item, file and vault-attribute encoding, the associated data binding each blob to its place,
//! and opened vault keys. It decides nothing about who may do what (the service layer does) and does
//! no I/O of its own; it is the only code above the backend seam that touches keys.

pub(crate) mod environments;
pub(crate) mod files;
pub(crate) mod format;
pub(crate) mod items;
pub(crate) mod keys;
pub(crate) mod vault_attrs;

use std::time::{SystemTime, UNIX_EPOCH};

use op_core::wire::Timestamp;

use crate::error::Error;

pub(crate) fn crypto_error(what: &str) -> impl Fn(op_crypto::CryptoError) -> Error + '_ {
    move |e| {
        Error::Internal(format!(
            "{what} could not be decrypted or encrypted ({e}); the vault file may have been tampered with"
        ))
    }
}

/// Now, in unix microseconds.
pub(crate) fn now_micros() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Now, in unix seconds (for one-time codes).
pub(crate) fn now_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

pub(crate) fn timestamp(micros: i64) -> Timestamp {
    Timestamp::from_unix_micros(micros)
        .unwrap_or_else(|| Timestamp::from_datetime(time::OffsetDateTime::UNIX_EPOCH))
}
