//! Creating a local vault file: the backend's constructor for a new account. The client side made
//! every record (keys only sealed in them); this stores them as one file, or leaves none.

use std::path::Path;
use std::sync::Arc;

use op_core::wire::{VaultType, permissions};
use op_service::Service;
use op_store::{AccessorType, PrincipalKind, PrincipalState, SqliteStore, Store};

use super::backend::LocalBackend;
use super::owner::absolute;
use super::store_error;
use crate::backend::{Backend, NewAccount};
use crate::error::{Error, ErrorReason, Result};

fn invalid(what: &str) -> Error {
    Error::ItemApi(
        ErrorReason::Invalid,
        format!("a new account was refused: {what}"),
    )
}

/// Refuses records that are not a new account's: an active owner of its own, whose Personal vault
/// is granted to it alone.
fn check_new_account(new: &NewAccount) -> Result<()> {
    let owner = &new.owner;
    if owner.kind != PrincipalKind::Person
        || owner.state != PrincipalState::Active
        || owner.created_by.is_some()
        || owner.auth_hash.is_some()
    {
        return Err(invalid(
            "the owner must be an active person created by nobody, without an auth hash",
        ));
    }
    let vault = &new.personal_vault;
    let owners_grant_only = matches!(new.personal_grants.as_slice(), [grant]
        if grant.vault_id == vault.id
            && grant.accessor_type == AccessorType::User
            && grant.accessor_id == owner.id
            && grant.permissions == permissions::ALL_BITS);
    if vault.vault_type != VaultType::Personal.as_str()
        || vault.created_by != owner.id
        || vault.key_generation != 0
        || !owners_grant_only
    {
        return Err(invalid(
            "the Personal vault must be the owner's, at key generation 0, granted to the owner alone",
        ));
    }
    Ok(())
}

/// Removes a vault file this constructor created and could not finish, with SQLite's side files.
fn remove_unfinished(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        // Best effort: the error that made the file unfinished is the one to report.
        let _ = std::fs::remove_file(&name);
    }
}

impl LocalBackend {
    /// Creates a new vault file at `path` holding `new`, and returns the backend acting as its
    /// owner. Refuses to overwrite an existing file; a failure part way leaves no file behind.
    pub(crate) fn create_account(path: &Path, new: &NewAccount) -> Result<Self> {
        let path = absolute(path)?;
        if path.exists() {
            return Err(Error::InvalidConfiguration(vec![format!(
                "{} already exists; choose another path",
                path.display()
            )]));
        }
        check_new_account(new)?;
        let store: Arc<dyn Store> = Arc::new(SqliteStore::create(&path).map_err(store_error)?);
        let written = Self::write_account(store, new);
        if written.is_err() {
            remove_unfinished(&path);
        }
        written
    }

    fn write_account(store: Arc<dyn Store>, new: &NewAccount) -> Result<Self> {
        store.create_account(&new.account).map_err(store_error)?;
        let store = store.acting_as(&new.owner.id);
        store.insert_principal(&new.owner).map_err(store_error)?;
        let backend = Self::new(Service::new(store), new.owner.id.clone());
        backend.create_builtin_groups(&new.groups)?;
        backend
            .store()
            .create_vault(&new.personal_vault, &new.personal_grants)
            .map_err(store_error)?;
        Ok(backend)
    }
}
