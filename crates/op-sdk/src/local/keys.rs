//! Opening vault keys: direct grants and grants through groups, key generations and their history.
//!
//! A principal's permissions in a vault are the union of its direct grant and the grants of every
//! group it belongs to; they are read from the store on every call, so a change of grants applies
//! at once. Decrypted key material is cached per vault and generation: a rotation (a new
//! generation) makes the cache miss.

use std::collections::HashMap;
use std::sync::Arc;

use op_crypto::{KeyPair, SymmetricKey};
use op_service::VaultAccessView;
use op_store::{AccessRecord, AccessorType, VaultRecord};

use super::session::{Session, service_error, vault_not_found};
use super::{crypto_error, store_error};
use crate::codec::format::{group_key_aad, vault_key_aad};
use crate::codec::keys::{KeyMaterial, VaultKey};
use crate::error::{Error, Result};

fn tampered_grant(vault_id: &str) -> Error {
    Error::Internal(format!(
        "the key of vault {vault_id} could not be opened: the grant was tampered with"
    ))
}

impl Session {
    /// The key pair of a group this principal belongs to.
    pub(crate) fn group_keypair(&self, group_id: &str, sealed: &[u8]) -> Result<KeyPair> {
        let secret = op_crypto::open_sealed(
            self.keypair(),
            sealed,
            &group_key_aad(group_id, &self.principal.id),
        )
        .map_err(|_| {
            Error::Internal(format!(
                "the key of group {group_id} could not be opened: the membership was tampered with"
            ))
        })?;
        let bytes: [u8; 32] = secret
            .as_slice()
            .try_into()
            .map_err(|_| Error::Internal(format!("group {group_id} has a malformed key")))?;
        Ok(KeyPair::from_secret_bytes(bytes))
    }

    /// Opens a key sealed to this principal (`User` grant) or to one of its groups (`Group` grant);
    /// `aad` gives the associated data for an accessor id. `None` when no grant is this principal's.
    pub(crate) fn open_granted_key<'g>(
        &self,
        grants: impl Iterator<Item = (AccessorType, &'g str, &'g [u8])> + Clone,
        aad: impl Fn(&str) -> Vec<u8>,
    ) -> Result<Option<SymmetricKey>> {
        let tampered = || {
            Error::Internal("a granted key could not be opened: the grant was tampered with".into())
        };
        if let Some((_, id, sealed)) = grants
            .clone()
            .find(|(t, id, _)| *t == AccessorType::User && *id == self.principal.id)
        {
            return op_crypto::open_sealed_key(self.keypair(), sealed, &aad(id))
                .map(Some)
                .map_err(|_| tampered());
        }
        let memberships = self
            .store
            .group_memberships(&self.principal.id)
            .map_err(store_error)?;
        for (_, id, sealed) in grants.filter(|(t, _, _)| *t == AccessorType::Group) {
            if let Some((group, member_key)) = memberships.iter().find(|(g, _)| g.id == id) {
                let pair = self.group_keypair(&group.id, member_key)?;
                return op_crypto::open_sealed_key(&pair, sealed, &aad(id))
                    .map(Some)
                    .map_err(|_| tampered());
            }
        }
        Ok(None)
    }

    /// The vaults this principal can see (as the service layer decides), by id, with its grants.
    pub(crate) fn grants_by_vault(&self) -> Result<HashMap<String, Vec<AccessRecord>>> {
        let actor = self.actor()?;
        Ok(self
            .service
            .accessible_vaults(&actor)
            .map_err(service_error)?
            .into_iter()
            .map(|view| (view.vault.id, view.grants))
            .collect())
    }

    /// Opens the current key of a vault through one of `grants` (direct grants first).
    fn open_current_key(&self, vault_id: &str, grants: &[AccessRecord]) -> Result<SymmetricKey> {
        let rows = grants.iter().map(|g| {
            (
                g.accessor_type,
                g.accessor_id.as_str(),
                g.sealed_vault_key.as_slice(),
            )
        });
        self.open_granted_key(rows, |accessor| vault_key_aad(vault_id, accessor))
            .map_err(|_| tampered_grant(vault_id))?
            .ok_or_else(|| vault_not_found(vault_id))
    }

    /// The key material of a vault given its current key: every older generation unwrapped.
    fn material_from_key(
        &self,
        vault_id: &str,
        key: SymmetricKey,
    ) -> std::result::Result<KeyMaterial, Option<op_crypto::CryptoError>> {
        let history = self.store.vault_key_history(vault_id).map_err(|_| None)?;
        KeyMaterial::from_current_key(vault_id, key, &history)
    }

    /// Opens the current key and every older generation of a vault.
    fn open_material(&self, vault_id: &str, grants: &[AccessRecord]) -> Result<KeyMaterial> {
        // The grant and the history are separate reads; a rotation between them shows up as a
        // history that does not open, and a second attempt reads a consistent pair.
        let mut last = None;
        for _ in 0..3 {
            let key = self.open_current_key(vault_id, grants)?;
            match self.material_from_key(vault_id, key) {
                Ok(material) => return Ok(material),
                Err(e) => last = e,
            }
        }
        Err(last.map_or_else(
            || tampered_grant(vault_id),
            |e| crypto_error("a vault key history")(e),
        ))
    }

    /// A vault's key opened through a group's grant with the group's key pair (for an
    /// administrator re-keying a group it does not belong to). Carries the group's permissions.
    pub(crate) fn vault_key_through(
        &self,
        record: &VaultRecord,
        grant: &AccessRecord,
        group: &KeyPair,
    ) -> Result<Arc<VaultKey>> {
        let key = op_crypto::open_sealed_key(
            group,
            &grant.sealed_vault_key,
            &vault_key_aad(&record.id, &grant.accessor_id),
        )
        .map_err(|_| tampered_grant(&record.id))?;
        let material = self.material_from_key(&record.id, key).map_err(|e| {
            e.map_or_else(
                || tampered_grant(&record.id),
                |e| crypto_error("a vault key history")(e),
            )
        })?;
        Ok(Arc::new(VaultKey {
            material: Arc::new(material),
            permissions: grant.permissions,
        }))
    }

    /// The key of `record` opened through `grants`, carrying the `permissions` the service layer
    /// granted; from the cache when its generation is still current.
    pub(crate) fn key_with_grants(
        &self,
        record: &VaultRecord,
        grants: &[AccessRecord],
        permissions: u32,
    ) -> Result<Arc<VaultKey>> {
        let cached = self.cached_material(&record.id);
        let material = match cached {
            Some(m) if m.generation == record.key_generation => m,
            _ => {
                let opened = Arc::new(self.open_material(&record.id, grants)?);
                self.cache_material(&record.id, Arc::clone(&opened));
                opened
            }
        };
        Ok(Arc::new(VaultKey {
            material,
            permissions,
        }))
    }

    /// The key of `vault_id` and this principal's current permissions in it (decided by the
    /// service layer from the access records), or a not-found error when it has none (a principal
    /// must not learn that a vault it cannot see exists).
    pub(crate) fn vault_key(&self, vault_id: &str) -> Result<Arc<VaultKey>> {
        let actor = self.actor()?;
        let view = self
            .service
            .vault_access(&actor, vault_id)
            .map_err(service_error)?;
        self.key_with_grants(&view.vault, &view.grants, view.permissions)
    }

    /// [`Self::vault_key`] given a decision of the service layer.
    pub(crate) fn key_for_view(&self, view: &VaultAccessView) -> Result<Arc<VaultKey>> {
        self.key_with_grants(&view.vault, &view.grants, view.permissions)
    }

    /// `vault` if it can open `generation`, else the vault's key opened again (it was rotated
    /// after `vault` was opened).
    pub(crate) fn key_for_generation(
        &self,
        vault: &Arc<VaultKey>,
        vault_id: &str,
        generation: u32,
    ) -> Result<Arc<VaultKey>> {
        if vault.key_for(generation).is_some() {
            return Ok(Arc::clone(vault));
        }
        let fresh = self.vault_key(vault_id)?;
        if fresh.key_for(generation).is_some() {
            Ok(fresh)
        } else {
            Err(Error::Internal(format!(
                "vault {vault_id} has data under key generation {generation}, which no grant opens: the vault file was modified outside opkit"
            )))
        }
    }

    /// The vaults this principal can see, with their records and keys.
    pub(crate) fn accessible_vaults(&self) -> Result<Vec<(VaultRecord, Arc<VaultKey>)>> {
        let actor = self.actor()?;
        let mut out = Vec::new();
        for view in self
            .service
            .accessible_vaults(&actor)
            .map_err(service_error)?
        {
            let key = self.key_for_view(&view)?;
            out.push((view.vault, key));
        }
        Ok(out)
    }
}
