//! An unlocked principal: its key pair, its store, and the vault keys it can open.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use op_crypto::{KeyPair, ServiceAccountSecret, SymmetricKey};
use op_service::{Actor, Service};
use op_store::{PrincipalKind, PrincipalRecord, PrincipalState, SqliteStore, Store};

use super::{crypto_error, store_error};
use crate::codec::format::{UnlockParams, principal_key_aad};
pub(crate) use crate::codec::keys::{KeyMaterial, VaultKey};
use crate::error::{Error, ErrorReason, Result};
use crate::token::ServiceAccountToken;

/// An authenticated principal over one store.
pub(crate) struct Session {
    /// The store, acting as this principal (its writes are audited under the principal's id).
    pub(crate) store: Arc<dyn Store>,
    /// The keyless rules over the store: every permission and state decision is asked of it.
    pub(crate) service: Service,
    pub(crate) principal: PrincipalRecord,
    keypair: KeyPair,
    /// Decrypted vault keys by vault id (each knows its generation).
    vault_keys: Mutex<HashMap<String, Arc<KeyMaterial>>>,
    /// Items fetched and decrypted for resolution (to prove each item is read once per batch).
    pub(crate) items_read: std::sync::atomic::AtomicU64,
    /// Decrypted vault names for resolution, refreshed after [`VAULT_INDEX_TTL`] or on a miss.
    pub(crate) vault_index: Mutex<Option<(std::time::Instant, Arc<VaultIndex>)>>,
}

/// How long resolution trusts its cached list of vault names before listing vaults again. A name
/// that does not match refreshes the list at once, so only a renamed vault's *old* name can keep
/// resolving, for at most this long.
pub(crate) const VAULT_INDEX_TTL: std::time::Duration = std::time::Duration::from_secs(2);

/// The vaults of a session with decrypted names, for matching references.
pub(crate) struct VaultIndex {
    pub(crate) overviews: Vec<op_core::wire::VaultOverview>,
    pub(crate) keys: HashMap<String, Arc<VaultKey>>,
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
        Ok(Self {
            service: Service::new(Arc::clone(&store)),
            store,
            principal,
            keypair,
            vault_keys: Mutex::new(HashMap::new()),
            items_read: std::sync::atomic::AtomicU64::new(0),
            vault_index: Mutex::new(None),
        })
    }

    pub(crate) fn cached_material(&self, vault_id: &str) -> Option<Arc<KeyMaterial>> {
        self.vault_keys
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(vault_id)
            .cloned()
    }

    pub(crate) fn cache_material(&self, vault_id: &str, material: Arc<KeyMaterial>) {
        self.vault_keys
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(vault_id.to_owned(), material);
    }

    /// Runs the reads of `work` in one store snapshot: the principal's state, its grants and the
    /// records read agree with each other, and the read transaction is paid once. Read paths only.
    pub(crate) fn in_snapshot<T>(&self, work: impl FnOnce() -> Result<T>) -> Result<T> {
        let (mut work, mut outcome) = (Some(work), None);
        self.store
            .read_snapshot(&mut || outcome = work.take().map(|w| w()))
            .map_err(super::store_error)?;
        outcome.unwrap_or_else(|| Err(Error::Internal("a snapshot read did not run".into())))
    }

    /// This principal as the service layer sees it now: fails with reason `Revoked` once it was
    /// revoked, on every call, also for a client opened before.
    pub(crate) fn actor(&self) -> Result<Actor> {
        self.service
            .actor(&self.principal.id)
            .map_err(service_error)
    }

    /// Fails unless this principal holds every bit of `needed` in the vault (the permissions the
    /// service layer computed from the access records when `vault` was opened).
    pub(crate) fn require(
        &self,
        vault: &VaultKey,
        vault_id: &str,
        needed: u32,
        action: &str,
    ) -> Result<()> {
        let actor = self.actor()?;
        op_service::require(&actor, vault_id, vault.permissions, needed, action)
            .map_err(service_error)
    }

    /// The key pair (for sealing vault keys to others).
    pub(crate) fn keypair(&self) -> &KeyPair {
        &self.keypair
    }

    /// Forgets cached vault keys (after grants change).
    pub(crate) fn forget_vault_keys(&self) {
        self.vault_keys
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
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

pub(crate) fn vault_not_found(vault_id: &str) -> Error {
    Error::ItemApi(
        ErrorReason::NotFound,
        format!(
            "no vault {vault_id:?} is accessible with this token: check the id, or ask an owner to grant access"
        ),
    )
}

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
