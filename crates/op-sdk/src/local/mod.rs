//! The embedded backend: an encrypted local vault file (op-store's SQLite) opened by op-crypto keys.
//!
//! Everything here is synchronous; the async client runs it on blocking threads.

pub(crate) mod admin;
mod admin_groups;
pub(crate) mod environments;
pub(crate) mod files;
mod format;
mod groups;
pub(crate) mod items;
mod keys;
pub(crate) mod secrets;
pub(crate) mod session;
pub(crate) mod vaults;

use std::time::{SystemTime, UNIX_EPOCH};

use op_core::wire::Timestamp;
use op_store::StoreError;

use crate::error::{Error, ErrorReason};

pub(crate) fn store_error(e: StoreError) -> Error {
    match e {
        StoreError::VersionConflict { .. } => Error::ItemApi(
            ErrorReason::VersionConflict,
            format!(
                "the item changed since you read it ({e}); get it again, reapply your change and put it"
            ),
        ),
        StoreError::KeyRotated { .. } => Error::ItemApi(
            ErrorReason::KeyRotated,
            format!(
                "an owner changed who can open this vault while the change was being written ({e}); nothing was written, retry"
            ),
        ),
        StoreError::Busy { .. } => Error::ItemApi(
            ErrorReason::Busy,
            format!("the vault file is busy: {e}; retry"),
        ),
        other => Error::Internal(format!("vault file: {other}")),
    }
}

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
