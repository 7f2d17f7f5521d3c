//! Vaults: create, list, get, update, delete.

use op_core::id::new_id;
use op_core::wire::{
    Vault, VaultAccess, VaultAccessorType, VaultCreateParams, VaultGetParams, VaultType,
    VaultUpdateParams, permissions,
};
use op_crypto::SymmetricKey;
use op_store::{AccessRecord, AccessorType, VaultRecord};

use super::session::{Session, VaultKey, service_error, vault_not_found};
use super::{crypto_error, now_micros, store_error};
use crate::codec::format::{VaultAttrs, vault_key_aad};
use crate::codec::vault_attrs::{
    decode_vault_overview as overview, decrypt_attrs, encrypt_attrs, to_vault,
};
use crate::error::{Error, Result};

/// Every permission: what a vault's creator gets.
pub const ALL_PERMISSIONS: u32 = permissions::ALL_BITS;

impl Session {
    /// Creates a vault whose only accessor is this principal, with every permission.
    pub(crate) fn create_vault_as(
        &self,
        params: &VaultCreateParams,
        vault_type: VaultType,
    ) -> Result<Vault> {
        if params.title.trim().is_empty() {
            return Err(Error::InvalidConfiguration(vec![
                "a vault needs a non-empty title".into(),
            ]));
        }
        let id = new_id().map_err(|e| Error::Internal(e.to_string()))?;
        let key = SymmetricKey::generate().map_err(crypto_error("a new vault key"))?;
        let attrs = VaultAttrs {
            title: params.title.clone(),
            description: params.description.clone().unwrap_or_default(),
        };
        let now = now_micros();
        let record = VaultRecord {
            id: id.clone(),
            vault_type: vault_type.as_str().to_owned(),
            attrs: encrypt_attrs(&key, &id, &attrs)?,
            created_by: self.principal.id.clone(),
            content_version: 1,
            attribute_version: 1,
            active_item_count: 0,
            key_generation: 0,
            created_at: now,
            updated_at: now,
        };
        let sealed = op_crypto::seal_key_to(
            &self.keypair().public_key(),
            &key,
            &vault_key_aad(&id, &self.principal.id),
        )
        .map_err(crypto_error("a vault key"))?;
        let access = AccessRecord {
            vault_id: id.clone(),
            accessor_type: AccessorType::User,
            accessor_id: self.principal.id.clone(),
            permissions: ALL_PERMISSIONS,
            sealed_vault_key: sealed,
        };
        let mut grants = vec![access];
        if vault_type != VaultType::Personal && params.allow_admins_access != Some(false) {
            grants.extend(self.administrators_grant(&id, &key)?);
        }
        self.store
            .create_vault(&record, &grants)
            .map_err(store_error)?;
        self.get_vault(&id, &VaultGetParams::default())
    }

    /// `VaultsCreate`: needs the account-level right to create vaults.
    pub(crate) fn create_vault(&self, params: &VaultCreateParams) -> Result<Vault> {
        let actor = self.actor()?;
        self.service
            .authorize_create_vault(&actor)
            .map_err(service_error)?;
        self.create_vault_as(params, VaultType::UserCreated)
    }

    fn vault_record(&self, vault_id: &str) -> Result<(VaultRecord, std::sync::Arc<VaultKey>)> {
        let key = self.vault_key(vault_id)?;
        let record = self
            .store
            .vault(vault_id)
            .map_err(store_error)?
            .ok_or_else(|| vault_not_found(vault_id))?;
        Ok((record, key))
    }

    /// `VaultsGet`, with `access` when `params.accessors` is set.
    pub(crate) fn get_vault(&self, vault_id: &str, params: &VaultGetParams) -> Result<Vault> {
        let (record, key) = self.vault_record(vault_id)?;
        let access = if params.accessors == Some(true) {
            let rows = self.store.vault_access(vault_id).map_err(store_error)?;
            Some(
                rows.into_iter()
                    .map(|a| VaultAccess {
                        vault_uuid: a.vault_id,
                        accessor_type: match a.accessor_type {
                            AccessorType::User => VaultAccessorType::User,
                            AccessorType::Group => VaultAccessorType::Group,
                        },
                        accessor_uuid: a.accessor_id,
                        permissions: a.permissions,
                    })
                    .collect(),
            )
        } else {
            None
        };
        Ok(to_vault(overview(&key, &record)?, access))
    }

    /// `VaultsUpdate`: title and description; bumps `attributeVersion`.
    pub(crate) fn update_vault(&self, vault_id: &str, params: &VaultUpdateParams) -> Result<Vault> {
        let (record, key) = self.vault_record(vault_id)?;
        self.require(
            &key,
            vault_id,
            permissions::MANAGE_VAULT,
            "update the vault",
        )?;
        let mut attrs = decrypt_attrs(&key, &record)?;
        if let Some(title) = &params.title {
            if title.trim().is_empty() {
                return Err(Error::InvalidConfiguration(vec![
                    "a vault needs a non-empty title".into(),
                ]));
            }
            attrs.title = title.clone();
        }
        if let Some(description) = &params.description {
            attrs.description = description.clone();
        }
        let blob = encrypt_attrs(key.key(), vault_id, &attrs)?;
        self.store
            .update_vault_attrs(vault_id, &blob, key.generation(), now_micros())
            .map_err(store_error)?;
        self.get_vault(vault_id, &VaultGetParams::default())
    }

    /// `VaultsDelete`: the vault, its items and its grants.
    pub(crate) fn delete_vault(&self, vault_id: &str) -> Result<()> {
        let (_, key) = self.vault_record(vault_id)?;
        self.require(
            &key,
            vault_id,
            permissions::MANAGE_VAULT,
            "delete the vault",
        )?;
        self.store.delete_vault(vault_id).map_err(store_error)?;
        self.forget_vault_keys();
        Ok(())
    }
}
