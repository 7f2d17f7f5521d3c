//! Vault keys for the operations that do not go through the backend seam yet (writes, access
//! changes, administration): the service layer decides, the client's [`Keyring`] opens.
//!
//! [`Keyring`]: crate::vault_client::keyring::Keyring

use std::sync::Arc;

use op_crypto::{KeyPair, SymmetricKey};
use op_service::VaultAccessView;
use op_store::{AccessRecord, VaultRecord};

use super::session::{Session, service_error};
use super::{crypto_error, store_error};
use crate::codec::format::vault_key_aad;
use crate::codec::keys::{KeyMaterial, VaultKey};
use crate::error::Result;
use crate::vault_client::keyring::{SealedGrant, tampered_grant};

impl Session {
    /// Opens a key sealed to this principal (`User` grant) or to one of its groups (`Group` grant);
    /// `aad` gives the associated data for an accessor id. `None` when no grant is this principal's.
    pub(crate) fn open_granted_key<'g>(
        &self,
        grants: impl Iterator<Item = SealedGrant<'g>> + Clone,
        aad: impl Fn(&str) -> Vec<u8>,
    ) -> Result<Option<SymmetricKey>> {
        let group_keys: Vec<(String, Vec<u8>)> = self
            .store
            .group_memberships(&self.principal.id)
            .map_err(store_error)?
            .into_iter()
            .map(|(group, sealed)| (group.id, sealed))
            .collect();
        self.keyring().open_granted_key(grants, &group_keys, aad)
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
        let history = self
            .store
            .vault_key_history(&record.id)
            .map_err(|_| tampered_grant(&record.id))?;
        let material = KeyMaterial::from_current_key(&record.id, key, &history).map_err(|e| {
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

    /// The key of `vault_id` and this principal's current permissions in it (decided by the
    /// service layer from the access records), or a not-found error when it has none (a principal
    /// must not learn that a vault it cannot see exists).
    pub(crate) fn vault_key(&self, vault_id: &str) -> Result<Arc<VaultKey>> {
        let actor = self.actor()?;
        let view = self
            .service
            .vault_access(&actor, vault_id)
            .map_err(service_error)?;
        self.key_for_view(&view)
    }

    /// [`Self::vault_key`] given a decision of the service layer.
    pub(crate) fn key_for_view(&self, view: &VaultAccessView) -> Result<Arc<VaultKey>> {
        self.keyring().key_for_view(view)
    }
}
