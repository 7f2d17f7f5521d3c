//! Environments as their managers see them: creating one, listing those this principal holds a
//! grant on, granting and revoking. The Environment's key is made, opened and sealed here; a
//! revocation re-keys the Environment so the revoked party cannot decrypt later versions.

use std::collections::HashMap;

use op_core::id::new_id;
use op_crypto::SymmetricKey;
use op_service::environment_permission_problems;
use op_store::{AccessChanges, AccessorType, EnvironmentAccessRecord, EnvironmentRecord};

use super::VaultClient;
use super::rotation::{accessor_key, public_key, rekey_environment};
use crate::backend::EnvironmentAction;
use crate::codec::environments::{Content, encrypt_content};
use crate::codec::format::environment_key_aad;
use crate::codec::{crypto_error, now_micros};
use crate::environments::{Accessor, ENVIRONMENT_ALL, EnvironmentSummary};
use crate::error::{Error, ErrorReason, Result};

fn accessor(a: &Accessor) -> (AccessorType, &str) {
    match a {
        Accessor::Principal(p) => (AccessorType::User, p.as_str()),
        Accessor::Group(g) => (AccessorType::Group, g.as_str()),
    }
}

impl VaultClient {
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
        let creator = self.keyring.principal_id().to_owned();
        let record = EnvironmentRecord {
            id: id.clone(),
            content: encrypt_content(&key, &id, 1, &content)?,
            version: 1,
            created_by: creator.clone(),
            created_at: now,
            updated_at: now,
        };
        let sealed = op_crypto::seal_key_to(
            &self.keyring.keypair().public_key(),
            &key,
            &environment_key_aad(&id, &creator),
        )
        .map_err(crypto_error("an Environment key"))?;
        let grant = EnvironmentAccessRecord {
            environment_id: id.clone(),
            accessor_type: AccessorType::User,
            accessor_id: creator,
            permissions: ENVIRONMENT_ALL,
            sealed_key: sealed,
        };
        self.backend.create_environment(&record, &[grant])?;
        Ok(EnvironmentSummary {
            id,
            name: name.to_owned(),
            variable_count: 0,
            permissions: ENVIRONMENT_ALL,
        })
    }

    /// The Environments this principal can open.
    pub(crate) fn list_environments(&self) -> Result<Vec<EnvironmentSummary>> {
        self.backend
            .environments()?
            .into_iter()
            .map(|detail| {
                let (key, content) = self.open_environment_detail(&detail)?;
                drop(key);
                Ok(EnvironmentSummary {
                    id: detail.record.id,
                    name: content.name,
                    variable_count: content.variables.len(),
                    permissions: detail.permissions,
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
        let detail = self
            .backend
            .environment(id, EnvironmentAction::GrantAccess)?;
        let (key, _) = self.open_environment_detail(&detail)?;
        let (accessor_type, accessor_id) = accessor(to);
        let recipient = self.backend.public_key(accessor_type, accessor_id)?;
        let sealed = op_crypto::seal_key_to(
            &public_key(&recipient, "the accessor")?,
            &key,
            &environment_key_aad(id, accessor_id),
        )
        .map_err(crypto_error("an Environment key"))?;
        self.backend.apply_access_changes(&AccessChanges {
            environment_grants: vec![EnvironmentAccessRecord {
                environment_id: id.to_owned(),
                accessor_type,
                accessor_id: accessor_id.to_owned(),
                permissions: bits,
                sealed_key: sealed,
            }],
            ..AccessChanges::default()
        })
    }

    /// Removes a grant and re-keys the Environment.
    pub(crate) fn revoke_environment(&self, id: &str, from: &Accessor) -> Result<()> {
        let managed = self
            .backend
            .managed_environment(id, EnvironmentAction::RevokeAccess)?;
        let (accessor_type, accessor_id) = accessor(from);
        let has = managed
            .grants
            .iter()
            .any(|g| g.accessor_type == accessor_type && g.accessor_id == accessor_id);
        if !has {
            return Err(Error::ItemApi(
                ErrorReason::NotFound,
                format!("{accessor_id} has no access to Environment {id}; nothing to revoke"),
            ));
        }
        let (_, content) = self.open_environment_detail(&managed.detail)?;
        let public_keys = &managed.public_keys;
        let rekey = rekey_environment(
            &managed.detail.record,
            &content,
            managed.grants.clone(),
            Some((accessor_type, accessor_id)),
            &HashMap::new(),
            |grant| accessor_key(public_keys, grant, id),
        )?;
        self.backend.apply_access_changes(&AccessChanges {
            environments: vec![rekey],
            ..AccessChanges::default()
        })
    }
}
