//! Vault access of groups: `VaultsGrantGroupPermissions`, `VaultsUpdateGroupPermissions`,
//! `VaultsRevokeGroupPermissions`. The vault key is sealed (or re-keyed) here; the backend checks
//! that the caller may manage the vault and applies each call as one `AccessChanges`, all or none.

use std::collections::HashMap;

use op_core::wire::{GroupAccess, GroupVaultAccess, permissions};
use op_service::check_permission_set;
use op_store::{
    AccessChanges, AccessRecord, AccessorType, GroupRecord, NewGrant, VaultKeyRotation,
};

use super::VaultClient;
use super::rotation::{public_key, rotate};
use crate::backend::ManagedVault;
use crate::codec::crypto_error;
use crate::codec::format::vault_key_aad;
use crate::codec::keys::VaultKey;
use crate::error::{Error, ErrorReason, Result};

fn has_group(grants: &[AccessRecord], group_id: &str) -> bool {
    grants
        .iter()
        .any(|a| a.accessor_type == AccessorType::Group && a.accessor_id == group_id)
}

/// A grant of the vault to `group` with `bits`, sealing `key` to the group's public key.
fn seal_grant(key: &VaultKey, vault_id: &str, group: &GroupRecord, bits: u32) -> Result<NewGrant> {
    let sealed = op_crypto::seal_key_to(
        &public_key(&group.public_key, "a group")?,
        key.key(),
        &vault_key_aad(vault_id, &group.id),
    )
    .map_err(crypto_error("a vault key"))?;
    Ok(NewGrant {
        access: AccessRecord {
            vault_id: vault_id.to_owned(),
            accessor_type: AccessorType::Group,
            accessor_id: group.id.clone(),
            permissions: bits,
            sealed_vault_key: sealed,
        },
        key_generation: key.generation(),
    })
}

impl VaultClient {
    /// A vault whose access this principal may change, with its opened key.
    fn managed(&self, vault_id: &str) -> Result<(ManagedVault, std::sync::Arc<VaultKey>)> {
        let managed = self.backend.managed_vault(vault_id)?;
        let key = self.keyring.key_for_detail(&managed.detail)?;
        Ok((managed, key))
    }

    /// A new key for the managed vault without the accessors in `drop`.
    fn rotation(
        managed: ManagedVault,
        key: &VaultKey,
        drop: &[(AccessorType, &str)],
    ) -> Result<VaultKeyRotation> {
        let ManagedVault {
            detail,
            grants,
            public_keys,
        } = managed;
        rotate(
            &detail.view.vault,
            key,
            grants,
            drop,
            &HashMap::new(),
            |grant| {
                let (_, _, bytes) = public_keys
                    .iter()
                    .find(|(t, id, _)| *t == grant.accessor_type && *id == grant.accessor_id)
                    .ok_or_else(|| {
                        Error::Internal(format!(
                            "no public key came with accessor {} of vault {}",
                            grant.accessor_id, grant.vault_id
                        ))
                    })?;
                public_key(bytes, "an accessor")
            },
        )
    }

    /// `VaultsGrantGroupPermissions`: adds permissions (keeping those a group already has), for
    /// every group in one transaction: all land or none.
    pub(crate) fn grant_group_permissions(
        &self,
        vault_id: &str,
        grants: &[GroupAccess],
    ) -> Result<()> {
        let (managed, key) = self.managed(vault_id)?;
        let mut rows = Vec::with_capacity(grants.len());
        let mut problems = Vec::new();
        for grant in grants {
            let group = self.backend.group(&grant.group_id)?;
            let before = managed
                .grants
                .iter()
                .find(|a| a.accessor_type == AccessorType::Group && a.accessor_id == group.id)
                .map_or(0, |a| a.permissions);
            let bits = before | grant.permissions;
            if let Err(e) = check_permission_set(bits) {
                problems.push(format!("group {}: {e}", group.id));
                continue;
            }
            rows.push(seal_grant(&key, vault_id, &group, bits)?);
        }
        if !problems.is_empty() {
            return Err(Error::InvalidConfiguration(problems));
        }
        self.backend.apply_access_changes(&AccessChanges {
            grants: rows,
            ..AccessChanges::default()
        })
    }

    /// `VaultsUpdateGroupPermissions`: replaces each group's permission set; `NO_ACCESS` revokes
    /// (and re-keys the vault). Every update is checked before anything is written, and all of
    /// them land in one transaction.
    pub(crate) fn update_group_permissions(&self, updates: &[GroupVaultAccess]) -> Result<()> {
        for update in updates {
            if update.permissions != permissions::NO_ACCESS {
                check_permission_set(update.permissions)
                    .map_err(|e| Error::InvalidConfiguration(vec![e.message]))?;
            }
        }
        // Per vault, in request order: the groups to drop and the groups' new permission sets.
        let mut per_vault: Vec<(String, Vec<&GroupVaultAccess>)> = Vec::new();
        for update in updates {
            match per_vault.iter_mut().find(|(v, _)| *v == update.vault_id) {
                Some((_, list)) => list.push(update),
                None => per_vault.push((update.vault_id.clone(), vec![update])),
            }
        }
        let mut changes = AccessChanges::default();
        for (vault_id, list) in &per_vault {
            let (managed, key) = self.managed(vault_id)?;
            let mut drop = Vec::new();
            let mut set = Vec::new();
            for update in list {
                let group = self.backend.group(&update.group_id)?;
                if !has_group(&managed.grants, &group.id) {
                    return Err(Error::ItemApi(
                        ErrorReason::NotFound,
                        format!(
                            "group {} has no access to vault {vault_id} to update; grant it first",
                            group.id
                        ),
                    ));
                }
                if update.permissions == permissions::NO_ACCESS {
                    drop.push(group.id.clone());
                } else {
                    set.push((group, update.permissions));
                }
            }
            if drop.is_empty() {
                for (group, bits) in &set {
                    changes
                        .grants
                        .push(seal_grant(&key, vault_id, group, *bits)?);
                }
                continue;
            }
            let dropped: Vec<(AccessorType, &str)> = drop
                .iter()
                .map(|g| (AccessorType::Group, g.as_str()))
                .collect();
            let mut rotation = Self::rotation(managed, &key, &dropped)?;
            for row in &mut rotation.access {
                if let Some((_, bits)) = set.iter().find(|(g, _)| {
                    row.accessor_type == AccessorType::Group && row.accessor_id == g.id
                }) {
                    row.permissions = *bits;
                }
            }
            changes.vaults.push(rotation);
        }
        self.backend.apply_access_changes(&changes)
    }

    /// `VaultsRevokeGroupPermissions`: removes the group's access and re-keys the vault.
    pub(crate) fn revoke_group_permissions(&self, vault_id: &str, group_id: &str) -> Result<()> {
        let (managed, key) = self.managed(vault_id)?;
        if !has_group(&managed.grants, group_id) {
            return Err(Error::ItemApi(
                ErrorReason::NotFound,
                format!("group {group_id} has no access to vault {vault_id}; nothing to revoke"),
            ));
        }
        let rotation = Self::rotation(managed, &key, &[(AccessorType::Group, group_id)])?;
        self.backend.apply_access_changes(&AccessChanges {
            vaults: vec![rotation],
            ..AccessChanges::default()
        })
    }
}
