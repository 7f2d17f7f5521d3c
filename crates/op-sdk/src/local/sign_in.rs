//! Signing in to the local vault file: the backend's constructor for a service-account token. The
//! token's auth key is checked against the stored hash here; its unlock key never comes here (the
//! client opens the principal's private key with it).

use std::path::Path;

use op_crypto::AuthKey;
use op_service::Service;
use op_store::{PrincipalKind, PrincipalRecord, PrincipalState};

use super::backend::LocalBackend;
use super::store_error;
use super::store_file::open_store;
use crate::error::{Error, ErrorReason, Result};

impl LocalBackend {
    /// Signs a service account in to the vault file at `path`: it must exist there, be active, and
    /// `auth` (derived from its token) must match the stored hash. Returns the backend acting as it
    /// and its record, whose private key is sealed under a key this side never sees.
    pub(crate) fn sign_in_service_account(
        path: &Path,
        principal_id: &str,
        auth: &AuthKey,
    ) -> Result<(Self, PrincipalRecord)> {
        let store = open_store(path)?;
        let principal = store
            .principal(principal_id)
            .map_err(store_error)?
            .filter(|p| p.kind == PrincipalKind::ServiceAccount)
            .ok_or_else(|| {
                Error::Auth(ErrorReason::NotFound, format!(
                    "the vault file {} has no service account {principal_id}; the token belongs to another vault file",
                    path.display(),
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
        let backend = Self::new(
            Service::new(store.acting_as(&principal.id)),
            principal.id.clone(),
        );
        Ok((backend, principal))
    }
}
