//! Opening the local vault file as its owner: the backend's constructors for a person (as
//! `sign_in.rs` is for a service account). The owner's private key comes back sealed; the
//! password and account secret key that open it never come here.

use std::path::{Path, PathBuf};

use op_service::Service;
use op_store::{PrincipalKind, PrincipalRecord};

use super::backend::LocalBackend;
use super::store_error;
use super::store_file::open_store;
use crate::error::{Error, ErrorReason, Result};

pub(crate) fn absolute(path: &Path) -> Result<PathBuf> {
    std::path::absolute(path).map_err(|e| {
        Error::InvalidConfiguration(vec![format!("bad vault file path {}: {e}", path.display())])
    })
}

impl LocalBackend {
    /// Opens the vault file at `path` as its account owner: the backend acting as the owner and
    /// the owner's record, whose private key the client opens with the password and secret key.
    pub(crate) fn open_owner(path: &Path) -> Result<(Self, PrincipalRecord)> {
        let path = absolute(path)?;
        let store = open_store(&path)?;
        let owner = store
            .principals()
            .map_err(store_error)?
            .into_iter()
            .find(|p| p.kind == PrincipalKind::Person && p.created_by.is_none())
            .ok_or_else(|| {
                Error::Auth(
                    ErrorReason::NotFound,
                    format!(
                        "{} has no owner; it is not an opkit vault file",
                        path.display()
                    ),
                )
            })?;
        let backend = Self::new(Service::new(store.acting_as(&owner.id)), owner.id.clone());
        Ok((backend, owner))
    }

    /// The id of the account in the vault file at `path`, read without unlocking anything (it is
    /// clear metadata).
    pub(crate) fn account_id(path: &Path) -> Result<String> {
        let path = absolute(path)?;
        open_store(&path)?
            .account()
            .map_err(store_error)?
            .map(|account| account.id)
            .ok_or_else(|| {
                Error::InvalidConfiguration(vec![format!(
                    "{} has no account; it is not an opkit vault file",
                    path.display()
                )])
            })
    }
}
