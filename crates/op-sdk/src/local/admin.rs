//! The local backend of account administration by a person: create the vault file and its owner, unlock the owner,
//! create and revoke service accounts and grant them vaults. The `opkit` CLI is built on this.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use data_encoding::BASE64;
use op_core::SecretString;
use op_core::id::new_id;
use op_core::wire::{Vault, VaultCreateParams, VaultOverview, VaultType};
use op_crypto::{AccountSecretKey, Argon2Params, KeyPair};
use op_store::{AccountRecord, PrincipalKind, PrincipalRecord, PrincipalState, SqliteStore, Store};

use op_service::Service;

use super::backend::LocalBackend;
use super::owner::absolute;
use super::session::Session;
use super::{crypto_error, now_micros, store_error};
use crate::codec::format::UnlockParams;
use crate::error::{Error, Result};
use crate::token::{AccountLocation, ServiceAccountToken};
use crate::vault_client::unlock::{open_keypair, person_unlock_key, seal_private_key};

/// The unlocked owner of a local vault file; [`crate::Admin`] is its public face.
pub(crate) struct LocalAdmin {
    pub(crate) session: Session,
    path: PathBuf,
}

impl std::fmt::Debug for LocalAdmin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Admin")
            .field("principal", &self.session.principal.id)
            .field("path", &self.path)
            .finish()
    }
}

fn random_bytes<const N: usize>() -> Result<[u8; N]> {
    let mut out = [0u8; N];
    op_core::random::fill_bytes(&mut out).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(out)
}

impl LocalAdmin {
    /// Creates a new vault file at `path` with its owner (who unlocks with `password` and the
    /// returned secret key) and the owner's Personal vault. Refuses to overwrite an existing file.
    pub(crate) fn create_account(
        path: &Path,
        account_name: &str,
        password: &str,
        params: Argon2Params,
    ) -> Result<(Self, AccountSecretKey, Vault)> {
        let path = absolute(path)?;
        if path.exists() {
            return Err(Error::InvalidConfiguration(vec![format!(
                "{} already exists; choose another path",
                path.display()
            )]));
        }
        if password.is_empty() {
            return Err(Error::InvalidConfiguration(vec![
                "the owner's password must not be empty".into(),
            ]));
        }
        let store: Arc<dyn Store> = Arc::new(SqliteStore::create(&path).map_err(store_error)?);
        let now = now_micros();
        let new = |e: op_core::random::RandomnessUnavailable| Error::Internal(e.to_string());
        store
            .create_account(&AccountRecord {
                id: new_id().map_err(new)?,
                name: account_name.to_owned(),
                created_at: now,
            })
            .map_err(store_error)?;
        let owner_id = new_id().map_err(new)?;
        let secret_key = AccountSecretKey::generate().map_err(crypto_error("a secret key"))?;
        let salt = random_bytes::<16>()?;
        let unlock = op_crypto::person_unlock_key(password.as_bytes(), &secret_key, &salt, params)
            .map_err(crypto_error("an unlock key"))?;
        let keypair = KeyPair::generate().map_err(crypto_error("a key pair"))?;
        let unlock_params = UnlockParams::Person {
            salt: BASE64.encode(&salt),
            params,
        };
        let principal = PrincipalRecord {
            id: owner_id.clone(),
            kind: PrincipalKind::Person,
            name: account_name.to_owned(),
            public_key: keypair.public_key().as_bytes().to_vec(),
            sealed_private_key: seal_private_key(&unlock, &owner_id, &keypair)?,
            unlock_params: serde_json::to_vec(&unlock_params)
                .map_err(|e| Error::Internal(e.to_string()))?,
            auth_hash: None,
            state: PrincipalState::Active,
            created_by: None,
            created_at: now,
            may_create_vaults: true,
        };
        let store = store.acting_as(&owner_id);
        store.insert_principal(&principal).map_err(store_error)?;
        let backend = LocalBackend::new(Service::new(store), owner_id.clone());
        let session = Session::new(backend, principal, keypair);
        session.ensure_builtin_groups()?;
        let personal = session.create_vault_as(
            &VaultCreateParams {
                title: "Personal".into(),
                description: Some(format!("{account_name}'s private vault")),
                allow_admins_access: None,
            },
            VaultType::Personal,
        )?;
        Ok((Self { session, path }, secret_key, personal))
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
        let session = Session::new(backend, owner, keypair);
        // Accounts made before groups existed get their built-in groups on first unlock.
        session.ensure_builtin_groups()?;
        // Recently Deleted keeps items for 30 days; purging is the owner's authority, so it runs
        // when the owner unlocks (no daemon, and never by a service account's clock).
        session.client.purge_deleted()?;
        Ok(Self { session, path })
    }

    /// An SDK client acting as the owner: every vault the owner can open, with the owner's
    /// permissions. What `opkit read`/`run` use when no service-account token is given.
    pub(crate) fn into_client(self) -> crate::Client {
        crate::Client::from_session(self.session)
    }

    /// The owner's id.
    pub(crate) fn principal_id(&self) -> &str {
        &self.session.principal.id
    }

    /// Creates a vault owned by this person.
    pub(crate) fn create_vault(&self, title: &str, description: &str) -> Result<Vault> {
        self.session.client.create_vault(&VaultCreateParams {
            title: title.to_owned(),
            description: Some(description.to_owned()),
            allow_admins_access: None,
        })
    }

    /// The vaults this person can open.
    pub(crate) fn list_vaults(&self) -> Result<Vec<VaultOverview>> {
        self.session.client.list_vaults()
    }

    /// Creates a service account with `grants` (vault id, permission bits) and returns its id and
    /// token. Personal vaults can never be granted to a service account.
    pub(crate) fn create_service_account(
        &self,
        name: &str,
        grants: &[(String, u32)],
    ) -> Result<(String, SecretString)> {
        let (id, secret) = self.session.client.create_service_account(name, grants)?;
        let token = ServiceAccountToken::new(
            AccountLocation::File(self.path.clone()),
            id.clone(),
            *secret.expose_bytes(),
        );
        Ok((id, token.encode()))
    }

    /// The newest `limit` changes recorded in the vault file, newest first (the owner's right).
    pub(crate) fn audit_events(&self, limit: usize) -> Result<Vec<crate::AuditEntry>> {
        self.session.client.audit_events(limit)
    }

    /// Revokes a service account: its tokens stop working for new clients, it leaves every group,
    /// and every vault and Environment it could open gets a new key (see
    /// [`Admin::remove_group_member`]), so even its secret cannot decrypt later versions. Vaults
    /// the owner cannot open (created by the service account with `allowAdminsAccess: false`) are
    /// returned: they keep their key.
    pub(crate) fn revoke_service_account(&self, id: &str) -> Result<Vec<String>> {
        match self.session.store.principal(id).map_err(store_error)? {
            Some(p) if p.kind == PrincipalKind::ServiceAccount => {}
            _ => {
                return Err(Error::InvalidConfiguration(vec![format!(
                    "no service account {id:?} in this vault file"
                )]));
            }
        }
        self.session
            .store
            .set_principal_state(id, PrincipalState::Revoked)
            .map_err(store_error)?;
        self.rekey_after_revocation(id)
    }
}
