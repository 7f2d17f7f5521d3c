//! Environments: named sets of variables with their own key and grants.
//!
//! An Environment's name and variables are one ciphertext under the Environment's key, bound to its
//! id and version. Grants seal that key to a principal or a group with permission bits
//! ([`crate::ENVIRONMENT_READ`], [`crate::ENVIRONMENT_WRITE`], [`crate::ENVIRONMENT_MANAGE`]). Revoking a grant re-keys
//! the Environment, so the revoked party cannot decrypt later versions.

use op_core::id::new_id;
use op_crypto::{PublicKeyBytes, SymmetricKey};
use op_store::{
    AccessChanges, AccessorType, EnvironmentAccessRecord, EnvironmentRecord, EnvironmentRekey,
};

use super::session::{Session, service_error};
use super::{crypto_error, now_micros, store_error};
use crate::codec::environments::{Content, decrypt_content, encrypt_content};
use crate::codec::format::environment_key_aad;
use op_service::{EnvironmentAccess, EnvironmentAction, environment_permission_problems};

use crate::environments::{Accessor, ENVIRONMENT_ALL, EnvironmentSummary};
use crate::error::{Error, ErrorReason, Result};

struct Opened {
    /// What the service layer found this principal holds on the Environment.
    access: EnvironmentAccess,
    key: SymmetricKey,
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
        Ok(Opened {
            access,
            key,
            content,
        })
    }

    fn require_environment(&self, opened: &Opened, action: EnvironmentAction) -> Result<()> {
        self.service
            .authorize_environment(&self.actor()?, &opened.access, action)
            .map_err(service_error)
    }

    /// Creates an Environment; its creator may read, write and manage it.
    pub(crate) fn create_environment(&self, name: &str) -> Result<EnvironmentSummary> {
        if name.trim().is_empty() {
            return Err(Error::InvalidConfiguration(vec![
                "an Environment needs a non-empty name".into(),
            ]));
        }
        let id = new_id().map_err(|e| Error::Internal(e.to_string()))?;
        let key = SymmetricKey::generate().map_err(crypto_error("an Environment key"))?;
        let content = Content {
            name: name.to_owned(),
            variables: Vec::new(),
        };
        let now = now_micros();
        let record = EnvironmentRecord {
            id: id.clone(),
            content: encrypt_content(&key, &id, 1, &content)?,
            version: 1,
            created_by: self.principal.id.clone(),
            created_at: now,
            updated_at: now,
        };
        let sealed = op_crypto::seal_key_to(
            &self.keypair().public_key(),
            &key,
            &environment_key_aad(&id, &self.principal.id),
        )
        .map_err(crypto_error("an Environment key"))?;
        let grant = EnvironmentAccessRecord {
            environment_id: id.clone(),
            accessor_type: AccessorType::User,
            accessor_id: self.principal.id.clone(),
            permissions: ENVIRONMENT_ALL,
            sealed_key: sealed,
        };
        self.store
            .create_environment(&record, &[grant])
            .map_err(store_error)?;
        Ok(EnvironmentSummary {
            id,
            name: name.to_owned(),
            variable_count: 0,
            permissions: ENVIRONMENT_ALL,
        })
    }

    /// The Environments this principal can open.
    pub(crate) fn list_environments(&self) -> Result<Vec<EnvironmentSummary>> {
        let ids = self
            .service
            .environments_of(&self.actor()?)
            .map_err(service_error)?;
        ids.into_iter()
            .map(|id| {
                let opened = self.open_environment(&id)?;
                Ok(EnvironmentSummary {
                    id,
                    name: opened.content.name,
                    variable_count: opened.content.variables.len(),
                    permissions: opened.access.permissions,
                })
            })
            .collect()
    }

    /// Grants (or replaces the grant of) a principal or group on an Environment.
    pub(crate) fn grant_environment(&self, id: &str, to: &Accessor, bits: u32) -> Result<()> {
        let problems = environment_permission_problems(bits);
        if !problems.is_empty() {
            return Err(Error::InvalidConfiguration(problems));
        }
        let opened = self.open_environment(id)?;
        self.require_environment(&opened, EnvironmentAction::GrantAccess)?;
        let (accessor_type, accessor_id) = match to {
            Accessor::Principal(p) => (AccessorType::User, p.as_str()),
            Accessor::Group(g) => (AccessorType::Group, g.as_str()),
        };
        let sealed = op_crypto::seal_key_to(
            &self.public_key_of(accessor_type, accessor_id)?,
            &opened.key,
            &environment_key_aad(id, accessor_id),
        )
        .map_err(crypto_error("an Environment key"))?;
        self.store
            .apply_access_changes(&AccessChanges {
                environment_grants: vec![EnvironmentAccessRecord {
                    environment_id: id.to_owned(),
                    accessor_type,
                    accessor_id: accessor_id.to_owned(),
                    permissions: bits,
                    sealed_key: sealed,
                }],
                ..AccessChanges::default()
            })
            .map_err(store_error)
    }

    /// A new key for an Environment, sealed to every grant but `drop`; `new_group_keys` overrides
    /// the public key of groups being re-keyed in the same change.
    pub(crate) fn environment_rekey(
        &self,
        id: &str,
        drop: Option<(AccessorType, &str)>,
        new_group_keys: &std::collections::HashMap<String, PublicKeyBytes>,
    ) -> Result<EnvironmentRekey> {
        let opened = self.open_environment(id)?;
        let key = SymmetricKey::generate().map_err(crypto_error("an Environment key"))?;
        let mut access = Vec::new();
        for grant in self.store.environment_access(id).map_err(store_error)? {
            if drop.is_some_and(|(t, a)| t == grant.accessor_type && a == grant.accessor_id) {
                continue;
            }
            let recipient = match new_group_keys.get(&grant.accessor_id) {
                Some(k) if grant.accessor_type == AccessorType::Group => {
                    PublicKeyBytes(*k.as_bytes())
                }
                _ => self.public_key_of(grant.accessor_type, &grant.accessor_id)?,
            };
            let sealed = op_crypto::seal_key_to(
                &recipient,
                &key,
                &environment_key_aad(id, &grant.accessor_id),
            )
            .map_err(crypto_error("an Environment key"))?;
            access.push(EnvironmentAccessRecord {
                sealed_key: sealed,
                ..grant
            });
        }
        let version = opened.access.record.version.saturating_add(1);
        let environment = EnvironmentRecord {
            content: encrypt_content(&key, id, version, &opened.content)?,
            version,
            updated_at: now_micros(),
            ..opened.access.record
        };
        Ok(EnvironmentRekey {
            environment,
            access,
        })
    }

    /// Removes a grant and re-keys the Environment.
    pub(crate) fn revoke_environment(&self, id: &str, from: &Accessor) -> Result<()> {
        let opened = self.open_environment(id)?;
        self.require_environment(&opened, EnvironmentAction::RevokeAccess)?;
        let (accessor_type, accessor_id) = match from {
            Accessor::Principal(p) => (AccessorType::User, p.as_str()),
            Accessor::Group(g) => (AccessorType::Group, g.as_str()),
        };
        let has = self
            .store
            .environment_access(id)
            .map_err(store_error)?
            .iter()
            .any(|g| g.accessor_type == accessor_type && g.accessor_id == accessor_id);
        if !has {
            return Err(Error::ItemApi(
                ErrorReason::NotFound,
                format!("{accessor_id} has no access to Environment {id}; nothing to revoke"),
            ));
        }
        let rekey = self.environment_rekey(
            id,
            Some((accessor_type, accessor_id)),
            &std::collections::HashMap::new(),
        )?;
        self.store
            .apply_access_changes(&AccessChanges {
                environments: vec![rekey],
                ..AccessChanges::default()
            })
            .map_err(store_error)
    }
}
