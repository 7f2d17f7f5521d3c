//! Environment re-keys for administration (revoking a service account, removing a group member):
//! the Environment opened through the owner's grants and its accessors' public keys read from the
//! store. The client's own Environment calls are in `vault_client/environments.rs` and
//! `vault_client/environment_access.rs`.

use std::collections::HashMap;

use op_crypto::PublicKeyBytes;
use op_service::EnvironmentAccess;
use op_store::{AccessorType, EnvironmentRekey};

use super::session::{Session, service_error};
use super::store_error;
use crate::codec::environments::{Content, decrypt_content};
use crate::codec::format::environment_key_aad;
use crate::error::{Error, ErrorReason, Result};
use crate::vault_client::rotation::rekey_environment;

struct Opened {
    /// What the service layer found this principal holds on the Environment.
    access: EnvironmentAccess,
    content: Content,
}

/// A grant was found but none of them opens with this principal's keys (a group grant without a
/// membership of its own): as good as no access.
fn not_found(id: &str) -> Error {
    Error::ItemApi(
        ErrorReason::NotFound,
        format!(
            "no Environment {id:?} is accessible with these credentials: check the id, or ask an owner to grant access"
        ),
    )
}

impl Session {
    fn public_key_of(&self, accessor_type: AccessorType, id: &str) -> Result<PublicKeyBytes> {
        let bytes = match accessor_type {
            AccessorType::User => self
                .store
                .principal(id)
                .map_err(store_error)?
                .map(|p| p.public_key),
            AccessorType::Group => self.group_record(id).ok().map(|g| g.public_key),
        }
        .ok_or_else(|| {
            Error::InvalidConfiguration(vec![format!(
                "no principal or group {id:?} in this account"
            )])
        })?;
        let array: [u8; 32] = bytes
            .as_slice()
            .try_into()
            .map_err(|_| Error::Internal(format!("{id} has a malformed public key")))?;
        Ok(PublicKeyBytes(array))
    }

    /// Opens Environment `id` once the service layer found a grant of this principal on it.
    fn open_environment(&self, id: &str) -> Result<Opened> {
        let actor = self.actor()?;
        let access = self
            .service
            .environment_access(&actor, id)
            .map_err(service_error)?;
        let record = &access.record;
        let rows = access.grants.iter().map(|g| {
            (
                g.accessor_type,
                g.accessor_id.as_str(),
                g.sealed_key.as_slice(),
            )
        });
        let key = self
            .open_granted_key(rows, |accessor| environment_key_aad(id, accessor))?
            .ok_or_else(|| not_found(id))?;
        let content = decrypt_content(&key, record)?;
        Ok(Opened { access, content })
    }

    /// A new key for an Environment, sealed to every grant but `drop`; `new_group_keys` overrides
    /// the public key of groups being re-keyed in the same change.
    pub(crate) fn environment_rekey(
        &self,
        id: &str,
        drop: Option<(AccessorType, &str)>,
        new_group_keys: &HashMap<String, PublicKeyBytes>,
    ) -> Result<EnvironmentRekey> {
        let opened = self.open_environment(id)?;
        let grants = self.store.environment_access(id).map_err(store_error)?;
        rekey_environment(
            &opened.access.record,
            &opened.content,
            grants,
            drop,
            new_group_keys,
            |grant| self.public_key_of(grant.accessor_type, &grant.accessor_id),
        )
    }
}
