//! What an account owner does with groups and Environments: create groups, add and remove members
//! (removing re-keys the group and everything it could open), grant vaults to groups, and manage
//! Environments.

use std::collections::HashMap;

use op_core::wire::{
    EnvironmentVariable, GetVariablesResponse, Group, GroupAccess, GroupGetParams, GroupType,
    GroupVaultAccess,
};
use op_crypto::{KeyPair, PublicKeyBytes};
use op_store::{AccessChanges, AccessorType, GrantRef, GroupRecord, GroupRekey};

use super::admin::LocalAdmin;
use super::session::Session;
use super::{crypto_error, store_error};
use crate::environments::{Accessor, EnvironmentSummary};
use crate::error::{Error, ErrorReason, Result};
use crate::vault_client::group_admin::seal_group_key;

fn public_key(bytes: &[u8]) -> Result<PublicKeyBytes> {
    let array: [u8; 32] = bytes
        .try_into()
        .map_err(|_| Error::Internal("a stored public key is malformed".into()))?;
    Ok(PublicKeyBytes(array))
}

impl Session {
    fn administrators(&self) -> Result<Option<GroupRecord>> {
        Ok(self
            .store
            .groups()
            .map_err(store_error)?
            .into_iter()
            .find(|g| g.group_type == GroupType::Administrators.as_str()))
    }

    /// A group's key pair: through this principal's membership, or through the Administrators group.
    fn group_private_key(&self, group: &GroupRecord) -> Result<KeyPair> {
        self.client.group_private_key(group)
    }
}

impl LocalAdmin {
    /// Creates a user-defined group (with no members yet).
    pub(crate) fn create_group(&self, title: &str, description: &str) -> Result<Group> {
        self.session.client.create_group(title, description)
    }

    /// Every group of the account.
    pub(crate) fn list_groups(&self) -> Result<Vec<Group>> {
        self.session.client.list_groups()
    }

    /// One group, with its vault access when `vault_permissions` is set (`GroupsGet`).
    pub(crate) fn get_group(&self, group_id: &str, params: &GroupGetParams) -> Result<Group> {
        self.session
            .client
            .get_group(group_id, params)
            .map_err(|e| e.renamed(Error::GettingGroup))
    }

    /// The ids of a group's members.
    pub(crate) fn group_members(&self, group_id: &str) -> Result<Vec<String>> {
        self.session.client.group_members(group_id)
    }

    /// Adds a person or service account to a group: the group's key is sealed to it.
    pub(crate) fn add_group_member(&self, group_id: &str, principal_id: &str) -> Result<()> {
        self.session.client.add_group_member(group_id, principal_id)
    }

    /// Removes a member and re-keys the group, every vault and every Environment the group can
    /// open, in one transaction: the former member cannot decrypt anything written afterwards.
    pub(crate) fn remove_group_member(&self, group_id: &str, principal_id: &str) -> Result<()> {
        let session = &self.session;
        let group = session.group_record(group_id)?;
        let members = session.store.group_members(group_id).map_err(store_error)?;
        if !members.iter().any(|m| m == principal_id) {
            return Err(Error::ItemApi(
                ErrorReason::NotFound,
                format!("{principal_id} is not a member of group {group_id}"),
            ));
        }
        // Open what the group can reach while this session still holds the old group key.
        let old_pair = session.group_private_key(&group)?;
        let pair = KeyPair::generate().map_err(crypto_error("a group key"))?;
        let mut new_members = Vec::new();
        for member in members.iter().filter(|m| *m != principal_id) {
            let record = session
                .store
                .principal(member)
                .map_err(store_error)?
                .ok_or_else(|| Error::Internal(format!("group member {member} is unknown")))?;
            new_members.push((
                member.clone(),
                seal_group_key(&pair, group_id, member, &public_key(&record.public_key)?)?,
            ));
        }
        let sealed_admin_key = match session.administrators()? {
            Some(admins) if admins.id != group.id => Some(seal_group_key(
                &pair,
                group_id,
                &admins.id,
                &public_key(&admins.public_key)?,
            )?),
            _ => None,
        };
        let mut new_keys = HashMap::new();
        new_keys.insert(group_id.to_owned(), pair.public_key());
        let mut changes = AccessChanges {
            groups: vec![GroupRekey {
                group_id: group_id.to_owned(),
                public_key: pair.public_key().as_bytes().to_vec(),
                sealed_admin_key,
                members: new_members,
            }],
            ..AccessChanges::default()
        };
        for vault in session.store.vaults().map_err(store_error)? {
            let grants = session.store.vault_access(&vault.id).map_err(store_error)?;
            let Some(grant) = grants
                .iter()
                .find(|g| g.accessor_type == AccessorType::Group && g.accessor_id == group_id)
            else {
                continue;
            };
            let key = session.vault_key_through(&vault, grant, &old_pair)?;
            changes
                .vaults
                .push(session.vault_rotation(&vault.id, &key, &[], &new_keys)?);
        }
        for environment in session.store.environments().map_err(store_error)? {
            let grants = session
                .store
                .environment_access(&environment.id)
                .map_err(store_error)?;
            if grants
                .iter()
                .any(|g| g.accessor_type == AccessorType::Group && g.accessor_id == group_id)
            {
                changes.environments.push(session.environment_rekey(
                    &environment.id,
                    None,
                    &new_keys,
                )?);
            }
        }
        session
            .store
            .apply_access_changes(&changes)
            .map_err(store_error)
    }

    /// Every grant on a vault the owner can see (`VaultsGet` with accessors).
    pub(crate) fn vault_access(&self, vault_id: &str) -> Result<Vec<op_core::wire::VaultAccess>> {
        Ok(self
            .session
            .client
            .get_vault(
                vault_id,
                &op_core::wire::VaultGetParams {
                    accessors: Some(true),
                },
            )?
            .access
            .unwrap_or_default())
    }

    /// Removes a revoked principal from its groups and re-keys what it could open directly, in one
    /// transaction. A vault or Environment the owner cannot open (created by the principal without
    /// administrator access) cannot be re-keyed: its grant to the principal is removed instead, and
    /// the vault is returned. Any other failure aborts the whole change.
    pub(crate) fn rekey_after_revocation(&self, principal_id: &str) -> Result<Vec<String>> {
        let session = &self.session;
        for (group, _) in session
            .store
            .group_memberships(principal_id)
            .map_err(store_error)?
        {
            self.remove_group_member(&group.id, principal_id)?;
        }
        let mut changes = AccessChanges::default();
        let mut skipped = Vec::new();
        let gone = |target_id: &str| GrantRef {
            target_id: target_id.to_owned(),
            accessor_type: AccessorType::User,
            accessor_id: principal_id.to_owned(),
        };
        let direct = session
            .store
            .access_for(principal_id)
            .map_err(store_error)?;
        for grant in direct
            .iter()
            .filter(|g| g.accessor_type == AccessorType::User && g.accessor_id == principal_id)
        {
            match session.vault_key(&grant.vault_id) {
                Ok(key) => changes.vaults.push(session.vault_rotation(
                    &grant.vault_id,
                    &key,
                    &[(AccessorType::User, principal_id)],
                    &HashMap::new(),
                )?),
                Err(e) if e.reason() == ErrorReason::NotFound => {
                    changes.removed_grants.push(gone(&grant.vault_id));
                    skipped.push(grant.vault_id.clone());
                }
                Err(e) => return Err(e),
            }
        }
        for grant in session
            .store
            .environment_access_for(principal_id)
            .map_err(store_error)?
            .iter()
            .filter(|g| g.accessor_type == AccessorType::User && g.accessor_id == principal_id)
        {
            match session.environment_rekey(
                &grant.environment_id,
                Some((AccessorType::User, principal_id)),
                &HashMap::new(),
            ) {
                Ok(rekey) => changes.environments.push(rekey),
                Err(e) if e.reason() == ErrorReason::NotFound => changes
                    .removed_environment_grants
                    .push(gone(&grant.environment_id)),
                Err(e) => return Err(e),
            }
        }
        session
            .store
            .apply_access_changes(&changes)
            .map_err(store_error)?;
        Ok(skipped)
    }

    /// `VaultsGrantGroupPermissions` as the owner.
    pub(crate) fn grant_group_permissions(
        &self,
        vault_id: &str,
        grants: &[GroupAccess],
    ) -> Result<()> {
        self.session
            .client
            .grant_group_permissions(vault_id, grants)
            .map_err(|e| e.renamed(Error::UpdatingGroupVaultPermissions))
    }

    /// `VaultsUpdateGroupPermissions` as the owner.
    pub(crate) fn update_group_permissions(&self, updates: &[GroupVaultAccess]) -> Result<()> {
        self.session
            .client
            .update_group_permissions(updates)
            .map_err(|e| e.renamed(Error::UpdatingGroupVaultPermissions))
    }

    /// `VaultsRevokeGroupPermissions` as the owner.
    pub(crate) fn revoke_group_permissions(&self, vault_id: &str, group_id: &str) -> Result<()> {
        self.session
            .client
            .revoke_group_permissions(vault_id, group_id)
            .map_err(|e| e.renamed(Error::RevokingGroupVaultPermissions))
    }

    /// Creates an Environment the owner can read, write and manage.
    pub(crate) fn create_environment(&self, name: &str) -> Result<EnvironmentSummary> {
        self.session.client.create_environment(name)
    }

    /// The Environments the owner can open.
    pub(crate) fn list_environments(&self) -> Result<Vec<EnvironmentSummary>> {
        self.session.client.list_environments()
    }

    /// Sets (adds or replaces) a variable.
    pub(crate) fn set_variable(
        &self,
        environment_id: &str,
        name: &str,
        value: &str,
        masked: bool,
    ) -> Result<()> {
        self.session.client.set_variable(
            environment_id,
            EnvironmentVariable {
                name: name.to_owned(),
                value: op_core::SecretString::new(value.to_owned()),
                masked,
            },
        )
    }

    /// Removes a variable.
    pub(crate) fn unset_variable(&self, environment_id: &str, name: &str) -> Result<()> {
        self.session.client.unset_variable(environment_id, name)
    }

    /// The variables of an Environment (`EnvironmentsGetVariables`).
    pub(crate) fn get_variables(&self, environment_id: &str) -> Result<GetVariablesResponse> {
        self.session.client.get_variables(environment_id)
    }

    /// Grants a principal or group access to an Environment (`environments::ENVIRONMENT_*` bits).
    pub(crate) fn grant_environment(
        &self,
        environment_id: &str,
        to: &Accessor,
        permissions: u32,
    ) -> Result<()> {
        self.session
            .client
            .grant_environment(environment_id, to, permissions)
    }

    /// Revokes a grant on an Environment and re-keys it.
    pub(crate) fn revoke_environment(&self, environment_id: &str, from: &Accessor) -> Result<()> {
        self.session.client.revoke_environment(environment_id, from)
    }
}
