//! Account administration by a person: create the vault file and its owner, unlock the owner,
//! create and revoke service accounts, groups and Environments and grant them vaults. The `opkit`
//! CLI is built on this.
//!
//! This is the public face; the work is done by the backend (today the local vault file), so the
//! API stays put when another backend is added.

mod local_admin;
mod local_admin_groups;

use std::path::Path;

use op_core::SecretString;
use op_core::wire::{
    GetVariablesResponse, Group, GroupAccess, GroupGetParams, GroupVaultAccess, Vault,
    VaultOverview,
};
use op_crypto::{AccountSecretKey, Argon2Params};

use crate::environments::{Accessor, EnvironmentSummary};
use crate::error::Result;
use local_admin::LocalAdmin;

/// What `create_account` hands back once: keep the secret key, it is needed with the password.
pub struct NewAccount {
    /// The unlocked owner.
    pub admin: Admin,
    /// The account secret key (store it on the device; opkit's CLI keeps it in the config dir).
    pub secret_key: AccountSecretKey,
    /// The owner's Personal vault.
    pub personal_vault: Vault,
}

/// An unlocked person who administers the account.
pub struct Admin {
    inner: LocalAdmin,
}

impl std::fmt::Debug for Admin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.inner.fmt(f)
    }
}

impl Admin {
    /// Creates a new vault file at `path` with its owner (who unlocks with `password` and the
    /// returned secret key) and the owner's Personal vault. Refuses to overwrite an existing file.
    pub fn create_account(
        path: &Path,
        account_name: &str,
        password: &str,
        params: Argon2Params,
    ) -> Result<NewAccount> {
        let (inner, secret_key, personal_vault) =
            LocalAdmin::create_account(path, account_name, password, params)?;
        Ok(NewAccount {
            admin: Self { inner },
            secret_key,
            personal_vault,
        })
    }

    /// The id of the account in the vault file at `path`, read without unlocking anything (it is
    /// clear metadata). The CLI keys the owner's stored secret key by it, so moving the file keeps
    /// working.
    pub fn account_id(path: &Path) -> Result<String> {
        LocalAdmin::account_id(path)
    }

    /// Unlocks the account owner of the vault file at `path`.
    pub fn unlock(path: &Path, password: &str, secret_key: &AccountSecretKey) -> Result<Self> {
        LocalAdmin::unlock(path, password, secret_key).map(|inner| Self { inner })
    }

    /// An SDK client acting as the owner: every vault the owner can open, with the owner's
    /// permissions. What `opkit read`/`run` use when no service-account token is given.
    pub fn into_client(self) -> crate::Client {
        self.inner.into_client()
    }

    /// The owner's id.
    pub fn principal_id(&self) -> &str {
        self.inner.principal_id()
    }

    /// Creates a vault owned by this person.
    pub fn create_vault(&self, title: &str, description: &str) -> Result<Vault> {
        self.inner.create_vault(title, description)
    }

    /// The vaults this person can open.
    pub fn list_vaults(&self) -> Result<Vec<VaultOverview>> {
        self.inner.list_vaults()
    }

    /// Creates a service account with `grants` (vault id, permission bits) and returns its id and
    /// token. Personal vaults can never be granted to a service account.
    pub fn create_service_account(
        &self,
        name: &str,
        grants: &[(String, u32)],
    ) -> Result<(String, SecretString)> {
        self.inner.create_service_account(name, grants)
    }

    /// The newest `limit` changes recorded in the vault file, newest first (the owner's right).
    pub fn audit_events(&self, limit: usize) -> Result<Vec<crate::AuditEntry>> {
        self.inner.audit_events(limit)
    }

    /// Revokes a service account: its tokens stop working for new clients, it leaves every group,
    /// and every vault and Environment it could open gets a new key (see
    /// [`Admin::remove_group_member`]), so even its secret cannot decrypt later versions. Vaults
    /// the owner cannot open (created by the service account with `allowAdminsAccess: false`) are
    /// returned: they keep their key.
    pub fn revoke_service_account(&self, id: &str) -> Result<Vec<String>> {
        self.inner.revoke_service_account(id)
    }

    /// Creates a user-defined group (with no members yet).
    pub fn create_group(&self, title: &str, description: &str) -> Result<Group> {
        self.inner.create_group(title, description)
    }

    /// Every group of the account.
    pub fn list_groups(&self) -> Result<Vec<Group>> {
        self.inner.list_groups()
    }

    /// One group, with its vault access when `vault_permissions` is set (`GroupsGet`).
    pub fn get_group(&self, group_id: &str, params: &GroupGetParams) -> Result<Group> {
        self.inner.get_group(group_id, params)
    }

    /// The ids of a group's members.
    pub fn group_members(&self, group_id: &str) -> Result<Vec<String>> {
        self.inner.group_members(group_id)
    }

    /// Adds a person or service account to a group: the group's key is sealed to it.
    pub fn add_group_member(&self, group_id: &str, principal_id: &str) -> Result<()> {
        self.inner.add_group_member(group_id, principal_id)
    }

    /// Removes a member and re-keys the group, every vault and every Environment the group can
    /// open, in one transaction: the former member cannot decrypt anything written afterwards.
    pub fn remove_group_member(&self, group_id: &str, principal_id: &str) -> Result<()> {
        self.inner.remove_group_member(group_id, principal_id)
    }

    /// Every grant on a vault the owner can see (`VaultsGet` with accessors).
    pub fn vault_access(&self, vault_id: &str) -> Result<Vec<op_core::wire::VaultAccess>> {
        self.inner.vault_access(vault_id)
    }

    /// `VaultsGrantGroupPermissions` as the owner.
    pub fn grant_group_permissions(&self, vault_id: &str, grants: &[GroupAccess]) -> Result<()> {
        self.inner.grant_group_permissions(vault_id, grants)
    }

    /// `VaultsUpdateGroupPermissions` as the owner.
    pub fn update_group_permissions(&self, updates: &[GroupVaultAccess]) -> Result<()> {
        self.inner.update_group_permissions(updates)
    }

    /// `VaultsRevokeGroupPermissions` as the owner.
    pub fn revoke_group_permissions(&self, vault_id: &str, group_id: &str) -> Result<()> {
        self.inner.revoke_group_permissions(vault_id, group_id)
    }

    /// Creates an Environment the owner can read, write and manage.
    pub fn create_environment(&self, name: &str) -> Result<EnvironmentSummary> {
        self.inner.create_environment(name)
    }

    /// The Environments the owner can open.
    pub fn list_environments(&self) -> Result<Vec<EnvironmentSummary>> {
        self.inner.list_environments()
    }

    /// Sets (adds or replaces) a variable.
    pub fn set_variable(
        &self,
        environment_id: &str,
        name: &str,
        value: &str,
        masked: bool,
    ) -> Result<()> {
        self.inner.set_variable(environment_id, name, value, masked)
    }

    /// Removes a variable.
    pub fn unset_variable(&self, environment_id: &str, name: &str) -> Result<()> {
        self.inner.unset_variable(environment_id, name)
    }

    /// The variables of an Environment (`EnvironmentsGetVariables`).
    pub fn get_variables(&self, environment_id: &str) -> Result<GetVariablesResponse> {
        self.inner.get_variables(environment_id)
    }

    /// Grants a principal or group access to an Environment (`environments::ENVIRONMENT_*` bits).
    pub fn grant_environment(
        &self,
        environment_id: &str,
        to: &Accessor,
        permissions: u32,
    ) -> Result<()> {
        self.inner
            .grant_environment(environment_id, to, permissions)
    }

    /// Revokes a grant on an Environment and re-keys it.
    pub fn revoke_environment(&self, environment_id: &str, from: &Accessor) -> Result<()> {
        self.inner.revoke_environment(environment_id, from)
    }
}
