//! What an account owner does with groups and Environments: create groups, add and remove members
//! (removing re-keys the group and everything it could open), grant vaults to groups, and manage
//! Environments.

use op_core::wire::{
    EnvironmentVariable, GetVariablesResponse, Group, GroupAccess, GroupGetParams, GroupVaultAccess,
};

use super::local_admin::LocalAdmin;
use crate::environments::{Accessor, EnvironmentSummary};
use crate::error::{Error, Result};

impl LocalAdmin {
    /// Creates a user-defined group (with no members yet).
    pub(crate) fn create_group(&self, title: &str, description: &str) -> Result<Group> {
        self.client.create_group(title, description)
    }

    /// Every group of the account.
    pub(crate) fn list_groups(&self) -> Result<Vec<Group>> {
        self.client.list_groups()
    }

    /// One group, with its vault access when `vault_permissions` is set (`GroupsGet`).
    pub(crate) fn get_group(&self, group_id: &str, params: &GroupGetParams) -> Result<Group> {
        self.client
            .get_group(group_id, params)
            .map_err(|e| e.renamed(Error::GettingGroup))
    }

    /// The ids of a group's members.
    pub(crate) fn group_members(&self, group_id: &str) -> Result<Vec<String>> {
        self.client.group_members(group_id)
    }

    /// Adds a person or service account to a group: the group's key is sealed to it.
    pub(crate) fn add_group_member(&self, group_id: &str, principal_id: &str) -> Result<()> {
        self.client.add_group_member(group_id, principal_id)
    }

    /// Removes a member and re-keys the group, every vault and every Environment the group can
    /// open, in one transaction: the former member cannot decrypt anything written afterwards.
    pub(crate) fn remove_group_member(&self, group_id: &str, principal_id: &str) -> Result<()> {
        self.client.remove_group_member(group_id, principal_id)
    }

    /// Every grant on a vault the owner can see (`VaultsGet` with accessors).
    pub(crate) fn vault_access(&self, vault_id: &str) -> Result<Vec<op_core::wire::VaultAccess>> {
        Ok(self
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

    /// `VaultsGrantGroupPermissions` as the owner.
    pub(crate) fn grant_group_permissions(
        &self,
        vault_id: &str,
        grants: &[GroupAccess],
    ) -> Result<()> {
        self.client
            .grant_group_permissions(vault_id, grants)
            .map_err(|e| e.renamed(Error::UpdatingGroupVaultPermissions))
    }

    /// `VaultsUpdateGroupPermissions` as the owner.
    pub(crate) fn update_group_permissions(&self, updates: &[GroupVaultAccess]) -> Result<()> {
        self.client
            .update_group_permissions(updates)
            .map_err(|e| e.renamed(Error::UpdatingGroupVaultPermissions))
    }

    /// `VaultsRevokeGroupPermissions` as the owner.
    pub(crate) fn revoke_group_permissions(&self, vault_id: &str, group_id: &str) -> Result<()> {
        self.client
            .revoke_group_permissions(vault_id, group_id)
            .map_err(|e| e.renamed(Error::RevokingGroupVaultPermissions))
    }

    /// Creates an Environment the owner can read, write and manage.
    pub(crate) fn create_environment(&self, name: &str) -> Result<EnvironmentSummary> {
        self.client.create_environment(name)
    }

    /// The Environments the owner can open.
    pub(crate) fn list_environments(&self) -> Result<Vec<EnvironmentSummary>> {
        self.client.list_environments()
    }

    /// Sets (adds or replaces) a variable.
    pub(crate) fn set_variable(
        &self,
        environment_id: &str,
        name: &str,
        value: &str,
        masked: bool,
    ) -> Result<()> {
        self.client.set_variable(
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
        self.client.unset_variable(environment_id, name)
    }

    /// The variables of an Environment (`EnvironmentsGetVariables`).
    pub(crate) fn get_variables(&self, environment_id: &str) -> Result<GetVariablesResponse> {
        self.client.get_variables(environment_id)
    }

    /// Grants a principal or group access to an Environment (`environments::ENVIRONMENT_*` bits).
    pub(crate) fn grant_environment(
        &self,
        environment_id: &str,
        to: &Accessor,
        permissions: u32,
    ) -> Result<()> {
        self.client
            .grant_environment(environment_id, to, permissions)
    }

    /// Revokes a grant on an Environment and re-keys it.
    pub(crate) fn revoke_environment(&self, environment_id: &str, from: &Accessor) -> Result<()> {
        self.client.revoke_environment(environment_id, from)
    }
}
