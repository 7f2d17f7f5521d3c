//! The local backend: the service layer over the SQLite vault file, in-process, behind the
//! [`crate::backend::Backend`] seam (`backend*.rs`, `sign_in.rs`). It holds no key.
//!
//! Its constructors open the file: as the owner (`owner.rs`), as a service account
//! (`sign_in.rs`), or as a new account (`account_file.rs`). Everything is synchronous; the async
//! client runs it on blocking threads.

mod account_file;
pub(crate) mod backend;
mod backend_admin;
mod backend_checks;
mod backend_environments;
#[cfg(test)]
mod backend_rekey_tests;
mod backend_rekeys;
#[cfg(test)]
mod backend_tests;
mod owner;
mod sign_in;
mod store_file;

use op_store::StoreError;

pub(crate) use owner::absolute;

pub(crate) use crate::codec::now_micros;
use crate::error::{Error, ErrorReason};

/// A refusal of the service layer as an SDK error: revocation is an authentication failure, a
/// broken rule of the input is a configuration error, the rest are item-level failures.
pub(crate) fn service_error(e: op_service::ServiceError) -> Error {
    match e.reason {
        ErrorReason::Revoked => Error::Auth(e.reason, e.message),
        ErrorReason::Invalid => Error::InvalidConfiguration(vec![e.message]),
        ErrorReason::Internal => Error::Internal(e.message),
        reason => Error::ItemApi(reason, e.message),
    }
}

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
        StoreError::MembershipChanged { .. } => {
            Error::ItemApi(ErrorReason::VersionConflict, e.to_string())
        }
        StoreError::Busy { .. } => Error::ItemApi(
            ErrorReason::Busy,
            format!("the vault file is busy: {e}; retry"),
        ),
        other => Error::Internal(format!("vault file: {other}")),
    }
}
