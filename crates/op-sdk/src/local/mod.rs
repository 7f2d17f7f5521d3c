//! The local backend: the service layer over the SQLite vault file, in-process, behind the
//! [`crate::backend::Backend`] seam (`backend*.rs`, `sign_in.rs`). It holds no key.
//!
//! Also here until it gets backend calls of its own: the part of administration that still works
//! on the store directly (`session.rs`, `admin*.rs`, `groups.rs`, `environments.rs`, `keys.rs`,
//! `vaults.rs`: creating the account file, unlocking the owner, revocation and member-removal
//! re-keys). Everything is synchronous; the async client runs it on blocking threads.

mod account_file;
pub(crate) mod admin;
mod admin_groups;
pub(crate) mod backend;
mod backend_admin;
mod backend_checks;
mod backend_environments;
#[cfg(test)]
mod backend_tests;
pub(crate) mod environments;
mod groups;
mod keys;
mod owner;
pub(crate) mod session;
mod sign_in;

use op_store::StoreError;

pub(crate) use crate::codec::{crypto_error, now_micros};
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
