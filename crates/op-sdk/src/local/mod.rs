//! The embedded backend: an encrypted local vault file (op-store's SQLite) opened by op-crypto keys.
//!
//! Everything here is synchronous; the async client runs it on blocking threads.

pub(crate) mod admin;
mod admin_groups;
pub(crate) mod backend;
pub(crate) mod environments;
pub(crate) mod files;
mod groups;
pub(crate) mod items;
mod keys;
pub(crate) mod session;
pub(crate) mod vaults;

use std::time::{SystemTime, UNIX_EPOCH};

use op_store::StoreError;

pub(crate) use crate::codec::{crypto_error, now_seconds, timestamp};
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

/// Now, in unix microseconds.
pub(crate) fn now_micros() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
