//! An unlocked principal: its key pair, its store, and the vault keys it can open.

use std::path::Path;
use std::sync::Arc;

use op_crypto::{KeyPair, ServiceAccountSecret, SymmetricKey};
use op_service::{Actor, Service};
use op_store::{PrincipalKind, PrincipalRecord, PrincipalState, SqliteStore, Store};

use super::backend::LocalBackend;
use super::{crypto_error, store_error};
use crate::codec::format::{UnlockParams, principal_key_aad};
pub(crate) use crate::codec::keys::VaultKey;
use crate::error::{Error, ErrorReason, Result};
use crate::token::ServiceAccountToken;
use crate::vault_client::VaultClient;
use crate::vault_client::keyring::Keyring;

/// An authenticated principal over one store.
pub(crate) struct Session {
    /// The store, acting as this principal (its writes are audited under the principal's id).
    pub(crate) store: Arc<dyn Store>,
    /// The keyless rules over the store: every permission and state decision is asked of it.
    pub(crate) service: Service,
    pub(crate) principal: PrincipalRecord,
    /// The client side of the seam over this principal's [`LocalBackend`]: its keys, and the
    /// calls that already go through the backend. Operations still here use its keys.
    pub(crate) client: Arc<VaultClient>,
}

impl Session {
    /// Opens the vault file a service-account token names and unlocks the service account. No slow
    /// KDF runs: the token's 256-bit secret is already a key.
    pub(crate) fn service_account(token: &ServiceAccountToken) -> Result<Self> {
        let crate::token::AccountLocation::File(path) = &token.location;
        let store = open_store(path)?;
        let principal = store
            .principal(&token.principal_id)
            .map_err(store_error)?
            .filter(|p| p.kind == PrincipalKind::ServiceAccount)
            .ok_or_else(|| {
                Error::Auth(ErrorReason::NotFound, format!(
                    "the vault file {} has no service account {}; the token belongs to another vault file",
                    path.display(),
                    token.principal_id
                ))
            })?;
        if principal.state == PrincipalState::Revoked {
            return Err(Error::Auth(
                ErrorReason::Revoked,
                format!(
                    "the service account {:?} ({}) has been revoked; ask an owner for a new token",
                    principal.name, principal.id
                ),
            ));
        }
        let secret = ServiceAccountSecret::from_bytes(*token.expose_secret());
        let auth = secret
            .auth_key()
            .map_err(crypto_error("the token's auth key"))?;
        let expected: Option<[u8; 32]> = principal
            .auth_hash
            .as_deref()
            .and_then(|h| h.try_into().ok());
        if !expected.is_some_and(|hash| auth.matches_hash(&hash)) {
            return Err(Error::Auth(
                ErrorReason::PermissionDenied,
                format!(
                    "the token does not match service account {:?}; it was replaced or is corrupt",
                    principal.name
                ),
            ));
        }
        let unlock = secret
            .unlock_key()
            .map_err(crypto_error("the token's unlock key"))?;
        Self::unlock(store, principal, &unlock)
    }

    /// Unlocks `principal`'s key pair with `unlock_key`.
    pub(crate) fn unlock(
        store: Arc<dyn Store>,
        principal: PrincipalRecord,
        unlock_key: &SymmetricKey,
    ) -> Result<Self> {
        let secret = op_crypto::decrypt(
            unlock_key,
            &principal.sealed_private_key,
            &principal_key_aad(&principal.id),
        )
        .map_err(|_| {
            Error::Auth(
                ErrorReason::PermissionDenied,
                "wrong password or secret key, or the principal's key was tampered with".into(),
            )
        })?;
        let bytes: [u8; 32] = secret
            .as_slice()
            .try_into()
            .map_err(|_| Error::Internal("a stored private key has the wrong length".into()))?;
        let keypair = KeyPair::from_secret_bytes(bytes);
        if keypair.public_key().as_bytes().as_slice() != principal.public_key.as_slice() {
            return Err(Error::Internal(
                "a stored private key does not match its public key".into(),
            ));
        }
        let store = store.acting_as(&principal.id);
        let service = Service::new(Arc::clone(&store));
        let backend = LocalBackend::new(service.clone(), principal.id.clone());
        let client = VaultClient::new(Arc::new(backend), principal.id.clone(), keypair);
        Ok(Self {
            service,
            store,
            principal,
            client: Arc::new(client),
        })
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

    /// The key pair (for sealing vault keys to others).
    pub(crate) fn keypair(&self) -> &KeyPair {
        self.keyring().keypair()
    }

    /// Removes items deleted more than 30 days ago (the owner's authority: the service layer
    /// refuses anyone else).
    pub(crate) fn purge_deleted(&self) -> Result<usize> {
        let actor = self.actor()?;
        self.service
            .purge_deleted(&actor, super::now_micros())
            .map_err(service_error)
    }

    /// Unlock parameters of a person, for re-deriving its unlock key.
    pub(crate) fn unlock_params(principal: &PrincipalRecord) -> Result<UnlockParams> {
        serde_json::from_slice(&principal.unlock_params).map_err(|e| {
            Error::Internal(format!(
                "unreadable unlock parameters for principal {}: {e}",
                principal.id
            ))
        })
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
