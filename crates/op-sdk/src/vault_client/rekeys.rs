//! The re-keys that shut a principal out: removing a group member (the group gets a new key pair,
//! every vault and Environment granted to it a new key) and revoking a service account (the same
//! for each of its groups, plus everything granted to it directly). Keys are opened and made here;
//! the backend gets one change per intent and applies it all or none.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use op_crypto::{KeyPair, PublicKeyBytes};
use op_store::{AccessChanges, AccessorType, GrantRef, GroupRekey};

use super::VaultClient;
use super::group_admin::seal_group_key;
use super::keyring::tampered_grant;
use super::rotation::{accessor_key, public_key, rekey_environment, rotate};
use crate::backend::{EnvironmentAction, GroupScope, GroupVault};
use crate::codec::crypto_error;
use crate::codec::format::vault_key_aad;
use crate::codec::keys::{KeyMaterial, VaultKey};
use crate::error::{Error, ErrorReason, Result};

/// The re-keys of one intent as they are gathered: groups first (their new public keys seal the
/// vault and Environment keys), then each vault and Environment once.
#[derive(Default)]
struct Rekeys {
    changes: AccessChanges,
    new_group_keys: HashMap<String, PublicKeyBytes>,
    vaults: Vec<(GroupVault, Arc<VaultKey>)>,
    environments: BTreeSet<String>,
}

/// `group_vault`'s key opened through the group's grant with the group's (old) key pair `group`.
fn open_through_group(group_vault: &GroupVault, group: &KeyPair) -> Result<Arc<VaultKey>> {
    let vault_id = &group_vault.vault.id;
    let grant = &group_vault.group_grant;
    let key = op_crypto::open_sealed_key(
        group,
        &grant.sealed_vault_key,
        &vault_key_aad(vault_id, &grant.accessor_id),
    )
    .map_err(|_| tampered_grant(vault_id))?;
    let material =
        KeyMaterial::from_current_key(vault_id, key, &group_vault.key_history).map_err(|e| {
            e.map_or_else(
                || tampered_grant(vault_id),
                |e| crypto_error("a vault key history")(e),
            )
        })?;
    Ok(Arc::new(VaultKey {
        material: Arc::new(material),
        permissions: grant.permissions,
    }))
}

impl VaultClient {
    /// Adds to `rekeys` a new key pair for `scope`'s group without `leaving`, and opens what the
    /// group can reach while this side still holds its old key pair.
    fn rekey_group(&self, scope: GroupScope, leaving: &str, rekeys: &mut Rekeys) -> Result<()> {
        let group_id = scope.group.id.clone();
        let old_pair = self.group_private_key(&scope.group)?;
        let pair = KeyPair::generate().map_err(crypto_error("a group key"))?;
        let mut members = Vec::new();
        for (member, key) in scope.members.iter().filter(|(m, _)| m != leaving) {
            let to = public_key(key, "a group member")?;
            members.push((
                member.clone(),
                seal_group_key(&pair, &group_id, member, &to)?,
            ));
        }
        let sealed_admin_key = match &scope.administrators {
            Some(admins) if admins.id != group_id => Some(seal_group_key(
                &pair,
                &group_id,
                &admins.id,
                &public_key(&admins.public_key, "the Administrators group")?,
            )?),
            _ => None,
        };
        rekeys.changes.groups.push(GroupRekey {
            group_id: group_id.clone(),
            public_key: pair.public_key().as_bytes().to_vec(),
            sealed_admin_key,
            members,
            replaces: scope.members.iter().map(|(m, _)| m.clone()).collect(),
        });
        rekeys.new_group_keys.insert(group_id, pair.public_key());
        for group_vault in scope.vaults {
            if rekeys
                .vaults
                .iter()
                .any(|(v, _)| v.vault.id == group_vault.vault.id)
            {
                continue;
            }
            let key = open_through_group(&group_vault, &old_pair)?;
            rekeys.vaults.push((group_vault, key));
        }
        rekeys.environments.extend(scope.environments);
        Ok(())
    }

    /// The gathered re-keys as one change: every vault and Environment sealed to all its
    /// accessors but `drop`, groups re-keyed here to their new public keys.
    fn finish(
        &self,
        mut rekeys: Rekeys,
        drop: Option<(AccessorType, &str)>,
    ) -> Result<AccessChanges> {
        let drop_list: Vec<(AccessorType, &str)> = drop.into_iter().collect();
        for (group_vault, key) in &rekeys.vaults {
            let keys = &group_vault.public_keys;
            let rotation = rotate(
                &group_vault.vault,
                key,
                group_vault.grants.clone(),
                &drop_list,
                &rekeys.new_group_keys,
                |grant| {
                    let (_, _, bytes) = keys
                        .iter()
                        .find(|(t, id, _)| *t == grant.accessor_type && *id == grant.accessor_id)
                        .ok_or_else(|| tampered_grant(&grant.vault_id))?;
                    public_key(bytes, "an accessor")
                },
            )?;
            rekeys.changes.vaults.push(rotation);
        }
        for id in &rekeys.environments {
            let rekey = self.environment_rekey(id, drop, &rekeys.new_group_keys)?;
            rekeys.changes.environments.push(rekey);
        }
        Ok(rekeys.changes)
    }

    /// A new key for Environment `id` sealed to every accessor but `drop`.
    fn environment_rekey(
        &self,
        id: &str,
        drop: Option<(AccessorType, &str)>,
        new_group_keys: &HashMap<String, PublicKeyBytes>,
    ) -> Result<op_store::EnvironmentRekey> {
        let managed = self
            .backend
            .managed_environment(id, EnvironmentAction::RevokeAccess)?;
        let (_, content) = self.open_environment_detail(&managed.detail)?;
        let keys = &managed.public_keys;
        rekey_environment(
            &managed.detail.record,
            &content,
            managed.grants.clone(),
            drop,
            new_group_keys,
            |grant| accessor_key(keys, grant, id),
        )
    }

    /// Removes a member and re-keys the group, every vault and every Environment the group can
    /// open, in one change: the former member cannot decrypt anything written afterwards.
    pub(crate) fn remove_group_member(&self, group_id: &str, principal_id: &str) -> Result<()> {
        let scope = self.backend.group_rekey_scope(group_id)?;
        if !scope.members.iter().any(|(m, _)| m == principal_id) {
            return Err(Error::ItemApi(
                ErrorReason::NotFound,
                format!("{principal_id} is not a member of group {group_id}"),
            ));
        }
        let mut rekeys = Rekeys::default();
        self.rekey_group(scope, principal_id, &mut rekeys)?;
        let changes = self.finish(rekeys, None)?;
        self.backend
            .remove_group_member(group_id, principal_id, &changes)
    }

    /// Revokes a service account and re-keys every group it was in and everything it could open,
    /// in one change. A vault or Environment granted to it directly that this side cannot open
    /// (created by it without administrator access) keeps its key: its grant is removed instead,
    /// and such vaults are returned.
    pub(crate) fn revoke_service_account(&self, id: &str) -> Result<Vec<String>> {
        let access = self.backend.principal_access(id)?;
        let mut rekeys = Rekeys::default();
        for group_id in &access.groups {
            let scope = self.backend.group_rekey_scope(group_id)?;
            self.rekey_group(scope, id, &mut rekeys)?;
        }
        let gone = |target_id: &str| GrantRef {
            target_id: target_id.to_owned(),
            accessor_type: AccessorType::User,
            accessor_id: id.to_owned(),
        };
        let mut skipped = Vec::new();
        let mut direct = Vec::new();
        for vault_id in &access.vaults {
            if rekeys.vaults.iter().any(|(v, _)| &v.vault.id == vault_id) {
                continue;
            }
            match self.backend.managed_vault(vault_id) {
                Ok(managed) => {
                    let key = self.keyring.key_for_detail(&managed.detail)?;
                    direct.push((managed, key));
                }
                Err(e) if e.reason() == ErrorReason::NotFound => {
                    rekeys.changes.removed_grants.push(gone(vault_id));
                    skipped.push(vault_id.clone());
                }
                Err(e) => return Err(e),
            }
        }
        for environment_id in &access.environments {
            if rekeys.environments.contains(environment_id) {
                continue;
            }
            match self
                .backend
                .managed_environment(environment_id, EnvironmentAction::RevokeAccess)
            {
                Ok(_) => {
                    rekeys.environments.insert(environment_id.clone());
                }
                Err(e) if e.reason() == ErrorReason::NotFound => rekeys
                    .changes
                    .removed_environment_grants
                    .push(gone(environment_id)),
                Err(e) => return Err(e),
            }
        }
        let drop = (AccessorType::User, id);
        for (managed, key) in direct {
            let keys = &managed.public_keys;
            let rotation = rotate(
                &managed.detail.view.vault,
                &key,
                managed.grants.clone(),
                &[drop],
                &rekeys.new_group_keys,
                |grant| {
                    let (_, _, bytes) = keys
                        .iter()
                        .find(|(t, a, _)| *t == grant.accessor_type && *a == grant.accessor_id)
                        .ok_or_else(|| tampered_grant(&grant.vault_id))?;
                    public_key(bytes, "an accessor")
                },
            )?;
            rekeys.changes.vaults.push(rotation);
        }
        let changes = self.finish(rekeys, Some(drop))?;
        self.backend.revoke_principal(id, &changes)?;
        self.keyring.forget();
        Ok(skipped)
    }
}
