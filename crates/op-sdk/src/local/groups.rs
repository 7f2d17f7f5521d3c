//! Groups and vault permissions: `GroupsGet`, granting, updating and revoking a group's access,
//! and re-keying a vault when someone loses access to it.
//!
//! Revoking re-keys: the vault gets a new key sealed to every remaining accessor, older keys are
//! wrapped under the new one, and the store refuses writes under the old key. Whoever lost access
//! keeps what they could already read, but cannot decrypt any version written afterwards.

use std::collections::HashMap;

use op_core::wire::{
    Group, GroupAccess, GroupGetParams, GroupState, GroupType, GroupVaultAccess, VaultAccess,
    VaultAccessorType, permissions,
};
use op_crypto::{PublicKeyBytes, SymmetricKey};
use op_service::check_permission_set;
use op_store::{
    AccessChanges, AccessRecord, AccessorType, GroupRecord, NewGrant, VaultKeyRotation, VaultRecord,
};

use super::session::{Session, VaultKey, service_error};
use super::{crypto_error, store_error};
use crate::codec::format::{vault_history_aad, vault_key_aad};
use crate::codec::vault_attrs::{decrypt_attrs, encrypt_attrs};
use crate::error::{Error, ErrorReason, Result};

pub(crate) fn wire_access(a: AccessRecord) -> VaultAccess {
    VaultAccess {
        vault_uuid: a.vault_id,
        accessor_type: match a.accessor_type {
            AccessorType::User => VaultAccessorType::User,
            AccessorType::Group => VaultAccessorType::Group,
        },
        accessor_uuid: a.accessor_id,
        permissions: a.permissions,
    }
}

fn group_not_found(group_id: &str) -> Error {
    Error::ItemApi(
        ErrorReason::NotFound,
        format!("no group {group_id:?} in this account: check the id (`opkit group list`)"),
    )
}

fn public_key(bytes: &[u8], what: &str) -> Result<PublicKeyBytes> {
    let array: [u8; 32] = bytes
        .try_into()
        .map_err(|_| Error::Internal(format!("{what} has a malformed public key")))?;
    Ok(PublicKeyBytes(array))
}

impl Session {
    pub(crate) fn group_record(&self, group_id: &str) -> Result<GroupRecord> {
        self.store
            .group(group_id)
            .map_err(store_error)?
            .filter(|g| g.state == GroupState::Active.as_str())
            .ok_or_else(|| group_not_found(group_id))
    }

    /// `GroupsGet`: with `vaultAccess` (the group's grants on vaults this principal can see) when
    /// `vault_permissions` is set.
    pub(crate) fn get_group(&self, group_id: &str, params: &GroupGetParams) -> Result<Group> {
        let record = self.group_record(group_id)?;
        let vault_access = if params.vault_permissions == Some(true) {
            let visible = self.grants_by_vault()?;
            let mut vault_ids: Vec<&String> = visible.keys().collect();
            vault_ids.sort();
            let mut out = Vec::new();
            for vault_id in vault_ids {
                for grant in self.store.vault_access(vault_id).map_err(store_error)? {
                    if grant.accessor_type == AccessorType::Group && grant.accessor_id == group_id {
                        out.push(wire_access(grant));
                    }
                }
            }
            Some(out)
        } else {
            None
        };
        Ok(Group {
            id: record.id,
            title: record.title,
            description: record.description,
            group_type: GroupType::ALL
                .iter()
                .copied()
                .find(|t| t.as_str() == record.group_type)
                .unwrap_or(GroupType::Unsupported),
            state: GroupState::ALL
                .iter()
                .copied()
                .find(|s| s.as_str() == record.state)
                .unwrap_or(GroupState::Unsupported),
            vault_access,
        })
    }

    /// The key of a vault this principal may manage access to (the service layer decides:
    /// `manage_vault`, and for a service account only on vaults it created), with the vault.
    fn managed_vault(
        &self,
        vault_id: &str,
        action: &str,
    ) -> Result<(VaultRecord, std::sync::Arc<VaultKey>)> {
        let actor = self.actor()?;
        let view = self
            .service
            .authorize_manage_access(&actor, vault_id, action)
            .map_err(service_error)?;
        let key = self.key_for_view(&view)?;
        Ok((view.vault, key))
    }

    /// `VaultsGrantGroupPermissions`: adds permissions (keeping those a group already has), for
    /// every group in one transaction: all land or none.
    pub(crate) fn grant_group_permissions(
        &self,
        vault_id: &str,
        grants: &[GroupAccess],
    ) -> Result<()> {
        let (vault, key) = self.managed_vault(vault_id, "grant access")?;
        self.service
            .check_group_grant(&vault)
            .map_err(service_error)?;
        let existing = self.store.vault_access(vault_id).map_err(store_error)?;
        let mut rows = Vec::with_capacity(grants.len());
        let mut problems = Vec::new();
        for grant in grants {
            let group = self.group_record(&grant.group_id)?;
            let before = existing
                .iter()
                .find(|a| a.accessor_type == AccessorType::Group && a.accessor_id == group.id)
                .map_or(0, |a| a.permissions);
            let bits = before | grant.permissions;
            if let Err(e) = check_permission_set(bits) {
                problems.push(format!("group {}: {e}", group.id));
                continue;
            }
            rows.push(NewGrant {
                access: self.seal_grant(&key, vault_id, &group, bits)?,
                key_generation: key.generation(),
            });
        }
        if !problems.is_empty() {
            return Err(Error::InvalidConfiguration(problems));
        }
        self.store
            .apply_access_changes(&AccessChanges {
                grants: rows,
                ..AccessChanges::default()
            })
            .map_err(store_error)
    }

    fn seal_grant(
        &self,
        key: &VaultKey,
        vault_id: &str,
        group: &GroupRecord,
        bits: u32,
    ) -> Result<AccessRecord> {
        let sealed = op_crypto::seal_key_to(
            &public_key(&group.public_key, "a group")?,
            key.key(),
            &vault_key_aad(vault_id, &group.id),
        )
        .map_err(crypto_error("a vault key"))?;
        Ok(AccessRecord {
            vault_id: vault_id.to_owned(),
            accessor_type: AccessorType::Group,
            accessor_id: group.id.clone(),
            permissions: bits,
            sealed_vault_key: sealed,
        })
    }

    /// `VaultsUpdateGroupPermissions`: replaces each group's permission set; `NO_ACCESS` revokes
    /// (and re-keys the vault). Every update is checked before anything is written, and all of
    /// them land in one transaction.
    pub(crate) fn update_group_permissions(&self, updates: &[GroupVaultAccess]) -> Result<()> {
        for update in updates {
            if update.permissions != permissions::NO_ACCESS {
                check_permission_set(update.permissions).map_err(service_error)?;
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
            let (vault, key) = self.managed_vault(vault_id, "change access")?;
            let existing = self.store.vault_access(vault_id).map_err(store_error)?;
            let mut drop = Vec::new();
            let mut set = Vec::new();
            for update in list {
                let group = self.group_record(&update.group_id)?;
                let has = existing
                    .iter()
                    .any(|a| a.accessor_type == AccessorType::Group && a.accessor_id == group.id);
                if !has {
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
                    self.service
                        .check_group_grant(&vault)
                        .map_err(service_error)?;
                    set.push((group, update.permissions));
                }
            }
            if drop.is_empty() {
                for (group, bits) in &set {
                    changes.grants.push(NewGrant {
                        access: self.seal_grant(&key, vault_id, group, *bits)?,
                        key_generation: key.generation(),
                    });
                }
                continue;
            }
            let dropped: Vec<(AccessorType, &str)> = drop
                .iter()
                .map(|g| (AccessorType::Group, g.as_str()))
                .collect();
            let mut rotation = self.vault_rotation(vault_id, &key, &dropped, &HashMap::new())?;
            for row in &mut rotation.access {
                if let Some((_, bits)) = set.iter().find(|(g, _)| {
                    row.accessor_type == AccessorType::Group && row.accessor_id == g.id
                }) {
                    row.permissions = *bits;
                }
            }
            changes.vaults.push(rotation);
        }
        self.store
            .apply_access_changes(&changes)
            .map_err(store_error)
    }

    /// `VaultsRevokeGroupPermissions`: removes the group's access and re-keys the vault.
    pub(crate) fn revoke_group_permissions(&self, vault_id: &str, group_id: &str) -> Result<()> {
        let (_, key) = self.managed_vault(vault_id, "revoke access")?;
        let has = self
            .store
            .vault_access(vault_id)
            .map_err(store_error)?
            .into_iter()
            .any(|a| a.accessor_type == AccessorType::Group && a.accessor_id == group_id);
        if !has {
            return Err(Error::ItemApi(
                ErrorReason::NotFound,
                format!("group {group_id} has no access to vault {vault_id}; nothing to revoke"),
            ));
        }
        let rotation = self.vault_rotation(
            vault_id,
            &key,
            &[(AccessorType::Group, group_id)],
            &HashMap::new(),
        )?;
        self.store
            .apply_access_changes(&AccessChanges {
                vaults: vec![rotation],
                ..AccessChanges::default()
            })
            .map_err(store_error)
    }

    /// A new key for `vault_id`: every grant except `drop` re-sealed to it (groups in `new_group_keys`
    /// sealed to their new public key), older keys wrapped under it, attributes re-encrypted.
    pub(crate) fn vault_rotation(
        &self,
        vault_id: &str,
        key: &VaultKey,
        drop: &[(AccessorType, &str)],
        new_group_keys: &HashMap<String, PublicKeyBytes>,
    ) -> Result<VaultKeyRotation> {
        let record = self
            .store
            .vault(vault_id)
            .map_err(store_error)?
            .ok_or_else(|| super::session::vault_not_found(vault_id))?;
        if record.key_generation != key.generation() {
            return Err(Error::ItemApi(
                ErrorReason::KeyRotated,
                format!("vault {vault_id} was re-keyed by someone else meanwhile; retry"),
            ));
        }
        let attrs = decrypt_attrs(key, &record)?;
        let new_key = SymmetricKey::generate().map_err(crypto_error("a new vault key"))?;
        let mut history = Vec::new();
        for generation in 0..=key.generation() {
            let old = key.key_for(generation).ok_or_else(|| {
                Error::Internal(format!("vault {vault_id} lost key generation {generation}"))
            })?;
            let wrapped =
                op_crypto::wrap_key(&new_key, old, &vault_history_aad(vault_id, generation))
                    .map_err(crypto_error("a vault key"))?;
            history.push((generation, wrapped));
        }
        let mut access = Vec::new();
        for grant in self.store.vault_access(vault_id).map_err(store_error)? {
            if drop
                .iter()
                .any(|(t, id)| *t == grant.accessor_type && *id == grant.accessor_id)
            {
                continue;
            }
            let recipient = match grant.accessor_type {
                AccessorType::Group => match new_group_keys.get(&grant.accessor_id) {
                    Some(k) => PublicKeyBytes(*k.as_bytes()),
                    None => {
                        let group = self
                            .store
                            .group(&grant.accessor_id)
                            .map_err(store_error)?
                            .ok_or_else(|| group_not_found(&grant.accessor_id))?;
                        public_key(&group.public_key, "a group")?
                    }
                },
                AccessorType::User => {
                    let principal = self
                        .store
                        .principal(&grant.accessor_id)
                        .map_err(store_error)?
                        .ok_or_else(|| {
                            Error::Internal(format!(
                                "vault {vault_id} is granted to unknown principal {}",
                                grant.accessor_id
                            ))
                        })?;
                    public_key(&principal.public_key, "a principal")?
                }
            };
            let sealed = op_crypto::seal_key_to(
                &recipient,
                &new_key,
                &vault_key_aad(vault_id, &grant.accessor_id),
            )
            .map_err(crypto_error("a vault key"))?;
            access.push(AccessRecord {
                sealed_vault_key: sealed,
                ..grant
            });
        }
        Ok(VaultKeyRotation {
            vault_id: vault_id.to_owned(),
            from_generation: key.generation(),
            attrs: encrypt_attrs(&new_key, vault_id, &attrs)?,
            history,
            access,
        })
    }
}
