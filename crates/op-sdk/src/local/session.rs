//! An unlocked principal for administration (the owner, through `LocalAdmin`): its store and
//! service layer for the administrative writes that have no backend call yet, and its client
//! (keys and every namespace call) over a `LocalBackend`.

use std::path::Path;
use std::sync::Arc;

use op_crypto::KeyPair;
use op_service::{Actor, Service};
use op_store::{PrincipalRecord, SqliteStore, Store};

use super::backend::LocalBackend;
use super::store_error;
pub(crate) use crate::codec::keys::VaultKey;
use crate::error::{Error, ErrorReason, Result};
use crate::vault_client::VaultClient;
use crate::vault_client::keyring::Keyring;

/// An authenticated principal over one store.
pub(crate) struct Session {
    /// The store, acting as this principal (its writes are audited under the principal's id).
    pub(crate) store: Arc<dyn Store>,
    /// The keyless rules over the store: every permission and state decision is asked of it.
    pub(crate) service: Service,
    pub(crate) principal: PrincipalRecord,
    /// The client side of the seam over this principal's [`LocalBackend`]: its keys, and every
    /// call that goes through the backend. Administration here uses its keys.
    pub(crate) client: Arc<VaultClient>,
}

impl Session {
    /// `principal`, whose key pair the client side opened, over `backend` (acting as it).
    pub(crate) fn new(backend: LocalBackend, principal: PrincipalRecord, keypair: KeyPair) -> Self {
        let service = backend.service.clone();
        let store = Arc::clone(service.store());
        let client = VaultClient::new(Arc::new(backend), principal.id.clone(), keypair);
        Self {
            service,
            store,
            principal,
            client: Arc::new(client),
        }
    }

    /// The keys this principal opened (shared with its client).
    pub(crate) fn keyring(&self) -> &Keyring {
        self.client.keyring()
    }

    /// This principal as the service layer sees it now: fails with reason `Revoked` once it was
    /// revoked, on every call, also for a client opened before.
    pub(crate) fn actor(&self) -> Result<Actor> {
        self.service
            .actor(&self.principal.id)
            .map_err(service_error)
    }
}

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

pub(crate) use crate::vault_client::keyring::vault_not_found;

/// Opens an existing vault file, with a clear error when it is missing.
pub(crate) fn open_store(path: &Path) -> Result<Arc<dyn Store>> {
    match SqliteStore::open_existing(path) {
        Ok(store) => Ok(Arc::new(store)),
        Err(op_store::StoreError::NotFound { .. }) => {
            Err(Error::InvalidConfiguration(vec![format!(
                "no opkit vault file at {} (named by the token); check the path or create one with `opkit account create`",
                path.display()
            )]))
        }
        Err(other) => Err(store_error(other)),
    }
}
