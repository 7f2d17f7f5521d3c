//! The unlocked owner of a local vault file behind [`crate::Admin`]: opened through the local
//! backend's constructors (creating the file, unlocking the owner), then every call made by the
//! owner's client over that backend. It holds no store and decides nothing itself.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use op_core::SecretString;
use op_core::wire::{Vault, VaultCreateParams, VaultGetParams, VaultOverview};
use op_crypto::{AccountSecretKey, Argon2Params, KeyPair};

use crate::error::Result;
use crate::local::absolute;
use crate::local::backend::LocalBackend;
use crate::token::{AccountLocation, ServiceAccountToken};
use crate::vault_client::VaultClient;
use crate::vault_client::account::new_account;
use crate::vault_client::unlock::{open_keypair, person_unlock_key};

/// The unlocked owner of a local vault file; [`crate::Admin`] is its public face.
pub(crate) struct LocalAdmin {
    /// The owner's client: its keys, and every call through the backend.
    pub(super) client: Arc<VaultClient>,
    principal_id: String,
    path: PathBuf,
}

impl std::fmt::Debug for LocalAdmin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Admin")
            .field("principal", &self.principal_id)
            .field("path", &self.path)
            .finish()
    }
}

impl LocalAdmin {
    fn new(backend: LocalBackend, principal_id: String, keypair: KeyPair, path: PathBuf) -> Self {
        let client = VaultClient::new(Arc::new(backend), principal_id.clone(), keypair);
        Self {
            client: Arc::new(client),
            principal_id,
            path,
        }
    }

    /// Creates a new vault file at `path` with its owner (who unlocks with `password` and the
    /// returned secret key) and the owner's Personal vault. Refuses to overwrite an existing file.
    pub(crate) fn create_account(
        path: &Path,
        account_name: &str,
        password: &str,
        params: Argon2Params,
    ) -> Result<(Self, AccountSecretKey, Vault)> {
        let path = absolute(path)?;
        let (records, secret_key, keypair) = new_account(account_name, password, params)?;
        let backend = LocalBackend::create_account(&path, &records)?;
        let admin = Self::new(backend, records.owner.id, keypair, path);
        let personal = admin
            .client
            .get_vault(&records.personal_vault.id, &VaultGetParams::default())?;
        Ok((admin, secret_key, personal))
    }

    /// The id of the account in the vault file at `path`, read without unlocking anything (it is
    /// clear metadata). The CLI keys the owner's stored secret key by it, so moving the file keeps
    /// working.
    pub(crate) fn account_id(path: &Path) -> Result<String> {
        LocalBackend::account_id(path)
    }

    /// Unlocks the account owner of the vault file at `path`.
    pub(crate) fn unlock(
        path: &Path,
        password: &str,
        secret_key: &AccountSecretKey,
    ) -> Result<Self> {
        let path = absolute(path)?;
        let (backend, owner) = LocalBackend::open_owner(&path)?;
        let unlock = person_unlock_key(&owner, password, secret_key)?;
        let keypair = open_keypair(&owner, &unlock)?;
        let admin = Self::new(backend, owner.id, keypair, path);
        // Accounts made before groups existed get their built-in groups on first unlock.
        admin.client.ensure_builtin_groups()?;
        // Recently Deleted keeps items for 30 days; purging is the owner's authority, so it runs
        // when the owner unlocks (no daemon, and never by a service account's clock).
        admin.client.purge_deleted()?;
        Ok(admin)
    }

    /// An SDK client acting as the owner: every vault the owner can open, with the owner's
    /// permissions. What `opkit read`/`run` use when no service-account token is given.
    pub(crate) fn into_client(self) -> crate::Client {
        crate::Client::from_vault_client(self.client)
    }

    /// The owner's id.
    pub(crate) fn principal_id(&self) -> &str {
        &self.principal_id
    }

    /// Creates a vault owned by this person.
    pub(crate) fn create_vault(&self, title: &str, description: &str) -> Result<Vault> {
        self.client.create_vault(&VaultCreateParams {
            title: title.to_owned(),
            description: Some(description.to_owned()),
            allow_admins_access: None,
        })
    }

    /// The vaults this person can open.
    pub(crate) fn list_vaults(&self) -> Result<Vec<VaultOverview>> {
        self.client.list_vaults()
    }

    /// Creates a service account with `grants` (vault id, permission bits) and returns its id and
    /// token. Personal vaults can never be granted to a service account.
    pub(crate) fn create_service_account(
        &self,
        name: &str,
        grants: &[(String, u32)],
    ) -> Result<(String, SecretString)> {
        let (id, secret) = self.client.create_service_account(name, grants)?;
        let token = ServiceAccountToken::new(
            AccountLocation::File(self.path.clone()),
            id.clone(),
            *secret.expose_bytes(),
        );
        Ok((id, token.encode()))
    }

    /// The newest `limit` changes recorded in the vault file, newest first (the owner's right).
    pub(crate) fn audit_events(&self, limit: usize) -> Result<Vec<crate::AuditEntry>> {
        self.client.audit_events(limit)
    }

    /// Revokes a service account: its tokens stop working for new clients, it leaves every group,
    /// and every vault and Environment it could open gets a new key (see
    /// [`Admin::remove_group_member`]), so even its secret cannot decrypt later versions. Vaults
    /// the owner cannot open (created by the service account with `allowAdminsAccess: false`) are
    /// returned: they keep their key.
    pub(crate) fn revoke_service_account(&self, id: &str) -> Result<Vec<String>> {
        self.client.revoke_service_account(id)
    }
}
