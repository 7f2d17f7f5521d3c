//! Vaults: `VaultsCreate`, `VaultsList`, `VaultsGetOverview`, `VaultsGet`, `VaultsUpdate`,
//! `VaultsDelete`. A new vault's key is made here and leaves only sealed: to the creator, and to
//! the Administrators group unless the creator opts out.

use op_core::id::new_id;
use op_core::wire::{
    Vault, VaultAccess, VaultAccessorType, VaultCreateParams, VaultGetParams, VaultOverview,
    VaultType, VaultUpdateParams, permissions,
};
use op_crypto::{PublicKeyBytes, SymmetricKey};
use op_store::{AccessRecord, AccessorType, GroupRecord, VaultRecord};

use super::VaultClient;
use crate::codec::format::{VaultAttrs, vault_key_aad};
use crate::codec::vault_attrs::{decode_vault_overview, decrypt_attrs, encrypt_attrs, to_vault};
use crate::codec::{crypto_error, now_micros};
use crate::error::{Error, Result};

fn empty_title() -> Error {
    Error::InvalidConfiguration(vec!["a vault needs a non-empty title".into()])
}

/// A new vault's grant to one accessor, its key sealed to `public_key`.
fn sealed_grant(
    vault_id: &str,
    accessor_type: AccessorType,
    accessor_id: &str,
    permissions: u32,
    public_key: &PublicKeyBytes,
    key: &SymmetricKey,
) -> Result<AccessRecord> {
    let sealed = op_crypto::seal_key_to(public_key, key, &vault_key_aad(vault_id, accessor_id))
        .map_err(crypto_error("a vault key"))?;
    Ok(AccessRecord {
        vault_id: vault_id.to_owned(),
        accessor_type,
        accessor_id: accessor_id.to_owned(),
        permissions,
        sealed_vault_key: sealed,
    })
}

/// A new vault's record and first grants: `creator`'s (at `creator_key`), with every permission,
/// and `admins`'s when given. Its key is made here and leaves only sealed.
pub(crate) fn vault_records(
    params: &VaultCreateParams,
    vault_type: VaultType,
    creator: &str,
    creator_key: &PublicKeyBytes,
    admins: Option<&GroupRecord>,
) -> Result<(VaultRecord, Vec<AccessRecord>)> {
    if params.title.trim().is_empty() {
        return Err(empty_title());
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
        created_by: creator.to_owned(),
        content_version: 1,
        attribute_version: 1,
        active_item_count: 0,
        key_generation: 0,
        created_at: now,
        updated_at: now,
    };
    let mut grants = vec![sealed_grant(
        &id,
        AccessorType::User,
        creator,
        permissions::ALL_BITS,
        creator_key,
        &key,
    )?];
    if let Some(admins) = admins {
        let public_key: [u8; 32] = admins
            .public_key
            .as_slice()
            .try_into()
            .map_err(|_| Error::Internal("a stored public key is malformed".into()))?;
        grants.push(sealed_grant(
            &id,
            AccessorType::Group,
            &admins.id,
            permissions::MANAGE_VAULT,
            &PublicKeyBytes(public_key),
            &key,
        )?);
    }
    Ok((record, grants))
}

impl VaultClient {
    /// `VaultsList`.
    pub(crate) fn list_vaults(&self) -> Result<Vec<VaultOverview>> {
        self.backend
            .visible_vaults()?
            .iter()
            .map(|view| {
                let key = self.keyring.key_for_view(view)?;
                decode_vault_overview(&key, &view.vault)
            })
            .collect()
    }

    /// `VaultsGetOverview`.
    pub(crate) fn vault_overview(&self, vault_id: &str) -> Result<VaultOverview> {
        let detail = self.backend.vault(vault_id)?;
        let key = self.keyring.key_for_view(&detail.view)?;
        decode_vault_overview(&key, &detail.view.vault)
    }

    /// `VaultsGet`, with `access` when `params.accessors` is set.
    pub(crate) fn get_vault(&self, vault_id: &str, params: &VaultGetParams) -> Result<Vault> {
        let overview = self.vault_overview(vault_id)?;
        let access = if params.accessors == Some(true) {
            let rows = self.backend.vault_access_list(vault_id)?;
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
        Ok(to_vault(overview, access))
    }

    /// The records of a new vault of `vault_type` made by this principal: the vault, the grant
    /// to the creator with every permission, and the Administrators group's `manage_vault` unless
    /// it is Personal or the creator opts out.
    pub(crate) fn new_vault(
        &self,
        params: &VaultCreateParams,
        vault_type: VaultType,
    ) -> Result<(VaultRecord, Vec<AccessRecord>)> {
        let admins =
            if vault_type != VaultType::Personal && params.allow_admins_access != Some(false) {
                self.backend.administrators()?
            } else {
                None
            };
        vault_records(
            params,
            vault_type,
            self.keyring.principal_id(),
            &self.keyring.keypair().public_key(),
            admins.as_ref(),
        )
    }

    /// `VaultsCreate`: the backend checks the account-level right to create vaults.
    pub(crate) fn create_vault(&self, params: &VaultCreateParams) -> Result<Vault> {
        let (record, grants) = self.new_vault(params, VaultType::UserCreated)?;
        self.backend.create_vault(&record, &grants)?;
        self.get_vault(&record.id, &VaultGetParams::default())
    }

    /// `VaultsUpdate`: title and description; bumps `attributeVersion`.
    pub(crate) fn update_vault(&self, vault_id: &str, params: &VaultUpdateParams) -> Result<Vault> {
        let detail = self.backend.vault(vault_id)?;
        let key = self.keyring.key_for_view(&detail.view)?;
        let mut attrs = decrypt_attrs(&key, &detail.view.vault)?;
        if let Some(title) = &params.title {
            if title.trim().is_empty() {
                return Err(empty_title());
            }
            attrs.title = title.clone();
        }
        if let Some(description) = &params.description {
            attrs.description = description.clone();
        }
        let blob = encrypt_attrs(key.key(), vault_id, &attrs)?;
        self.backend
            .update_vault_attrs(vault_id, &blob, key.generation())?;
        self.get_vault(vault_id, &VaultGetParams::default())
    }

    /// `VaultsDelete`: the vault, its items and its grants.
    pub(crate) fn delete_vault(&self, vault_id: &str) -> Result<()> {
        self.backend.delete_vault(vault_id)?;
        self.keyring.forget();
        Ok(())
    }
}
