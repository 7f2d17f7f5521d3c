//! `Client`: an authenticated SDK client, with the namespaces of the official SDKs.
//!
//! Every namespace goes through the client side of the backend seam ([`VaultClient`]), which holds
//! the keys and calls the `Backend`: point reads run inline, bulk reads and writes on a blocking
//! thread of the SDK runtime, so many calls on one client proceed in parallel.

use std::sync::Arc;

use op_core::SecretString;
use op_core::wire::{
    Bytes, DocumentCreateParams, FileAttributes, FileCreateParams, GetVariablesResponse, Group,
    GroupAccess, GroupGetParams, GroupVaultAccess, Item, ItemCreateParams, ItemListFilter,
    ItemOverview, ItemsDeleteAllResponse, ItemsGetAllResponse, ItemsUpdateAllResponse,
    ResolveAllResponse, Vault, VaultCreateParams, VaultGetParams, VaultOverview, VaultUpdateParams,
};
use op_crypto::ServiceAccountSecret;

use crate::codec::crypto_error;
use crate::error::{Error, Result};
use crate::local::backend::LocalBackend;
use crate::token::ServiceAccountToken;
use crate::vault_client::VaultClient;
use crate::vault_client::unlock::open_keypair;

/// An authenticated client.
#[derive(Clone)]
pub struct Client {
    vaults: Arc<VaultClient>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("principal", &self.vaults.keyring().principal_id())
            .finish()
    }
}

pub(crate) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => result,
        Err(e) if e.is_panic() => Err(Error::Internal("an operation panicked".into())),
        Err(e) => Err(Error::Internal(format!("an operation was cancelled: {e}"))),
    }
}

impl Client {
    /// A client for a parsed service-account token: sign in to the backend the token names with
    /// the token's auth key, then unlock the account's key pair here with its unlock key. No slow
    /// KDF runs: the token's 256-bit secret is already a key.
    pub(crate) async fn from_token(token: ServiceAccountToken) -> Result<Self> {
        // No purge here: purging Recently Deleted is the owner's authority (see `Admin::unlock`).
        let vaults = blocking(move || {
            let crate::token::AccountLocation::File(path) = &token.location;
            let secret = ServiceAccountSecret::from_bytes(*token.expose_secret());
            let auth = secret
                .auth_key()
                .map_err(crypto_error("the token's auth key"))?;
            let (backend, principal) =
                LocalBackend::sign_in_service_account(path, &token.principal_id, &auth)?;
            let unlock = secret
                .unlock_key()
                .map_err(crypto_error("the token's unlock key"))?;
            let keypair = open_keypair(&principal, &unlock)?;
            Ok(VaultClient::new(Arc::new(backend), principal.id, keypair))
        })
        .await?;
        Ok(Self {
            vaults: Arc::new(vaults),
        })
    }

    /// A client over keys someone else unlocked (the owner, through `Admin`).
    pub(crate) fn from_vault_client(vaults: Arc<VaultClient>) -> Self {
        Self { vaults }
    }

    /// Runs a write or a bulk read of the client side on a blocking thread (writes wait for fsync
    /// and locks; the backend authorizes each call it makes).
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&VaultClient) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let vaults = Arc::clone(&self.vaults);
        blocking(move || work(&vaults)).await
    }

    /// Runs a point read inline on the calling task. One read takes microseconds (WAL readers never
    /// wait for writers), so handing it to the blocking pool would cost more than the read itself;
    /// writes, which wait for fsync and locks, and bulk reads go through [`Self::run`]. The backend
    /// checks the principal's state in the call itself.
    fn read<T>(&self, work: impl FnOnce(&VaultClient) -> Result<T>) -> Result<T> {
        work(&self.vaults)
    }

    /// How many items this client has fetched and decrypted to resolve references (diagnostics:
    /// `resolve_all` reads each item once however many references name it).
    pub fn items_read_for_resolution(&self) -> u64 {
        self.vaults.items_read()
    }

    /// `secrets.resolve`.
    pub async fn resolve(&self, reference: &str) -> Result<SecretString> {
        self.read(|c| c.resolve(reference))
    }

    /// `secrets.resolve_all`.
    pub async fn resolve_all(&self, references: Vec<String>) -> Result<ResolveAllResponse> {
        self.run(move |c| c.resolve_all(&references)).await
    }

    /// `items.create`.
    pub async fn create_item(&self, params: ItemCreateParams) -> Result<Item> {
        self.run(move |c| c.create_item(params)).await
    }

    /// `items.create_all`.
    pub async fn create_items(
        &self,
        vault_id: String,
        params: Vec<ItemCreateParams>,
    ) -> Result<ItemsUpdateAllResponse> {
        self.run(move |c| c.create_items(&vault_id, params)).await
    }

    /// `items.get`.
    pub async fn get_item(&self, vault_id: String, item_id: String) -> Result<Item> {
        self.read(|c| c.get_item(&vault_id, &item_id))
    }

    /// `items.get_all`.
    pub async fn get_items(
        &self,
        vault_id: String,
        item_ids: Vec<String>,
    ) -> Result<ItemsGetAllResponse> {
        self.run(move |c| c.get_items(&vault_id, &item_ids)).await
    }

    /// `items.put`.
    pub async fn put_item(&self, item: Item) -> Result<Item> {
        self.run(move |c| c.put_item(&item)).await
    }

    /// `items.delete`.
    pub async fn delete_item(&self, vault_id: String, item_id: String) -> Result<()> {
        self.run(move |c| c.delete_item(&vault_id, &item_id)).await
    }

    /// `items.delete_all`.
    pub async fn delete_items(
        &self,
        vault_id: String,
        item_ids: Vec<String>,
    ) -> Result<ItemsDeleteAllResponse> {
        self.run(move |c| c.delete_items(&vault_id, &item_ids))
            .await
    }

    /// `items.archive`.
    pub async fn archive_item(&self, vault_id: String, item_id: String) -> Result<()> {
        self.run(move |c| c.archive_item(&vault_id, &item_id)).await
    }

    /// `items.list`.
    pub async fn list_items(
        &self,
        vault_id: String,
        filters: Vec<ItemListFilter>,
    ) -> Result<Vec<ItemOverview>> {
        self.run(move |c| c.list_items(&vault_id, &filters)).await
    }

    /// `items.files.attach`: stores `params.content` encrypted and adds it to the item as a file
    /// field. The item must be at its stored version; other changes made to `item` are saved too.
    pub async fn attach_file(&self, item: Item, params: FileCreateParams) -> Result<Item> {
        self.run(move |c| c.attach_file(&item, &params)).await
    }

    /// `items.files.read`: the content of a file or document, each chunk verified as it is read.
    pub async fn read_file(
        &self,
        vault_id: String,
        item_id: String,
        attr: FileAttributes,
    ) -> Result<Bytes> {
        self.run(move |c| c.read_file(&vault_id, &item_id, &attr))
            .await
    }

    /// `items.files.delete`: removes the file field `(section_id, field_id)` and its content.
    pub async fn delete_file(
        &self,
        item: Item,
        section_id: String,
        field_id: String,
    ) -> Result<Item> {
        self.run(move |c| c.delete_file(&item, &section_id, &field_id))
            .await
    }

    /// `items.files.replace_document`: a Document item's document, replaced (the old one is deleted).
    pub async fn replace_document(&self, item: Item, params: DocumentCreateParams) -> Result<Item> {
        self.run(move |c| c.replace_document(&item, &params)).await
    }

    /// `vaults.create`.
    pub async fn create_vault(&self, params: VaultCreateParams) -> Result<Vault> {
        self.run(move |c| c.create_vault(&params)).await
    }

    /// `vaults.list`.
    pub async fn list_vaults(&self) -> Result<Vec<VaultOverview>> {
        self.read(|c| c.list_vaults())
    }

    /// `vaults.get_overview`.
    pub async fn vault_overview(&self, vault_id: String) -> Result<VaultOverview> {
        self.read(|c| c.vault_overview(&vault_id))
    }

    /// `vaults.get`.
    pub async fn get_vault(&self, vault_id: String, params: VaultGetParams) -> Result<Vault> {
        self.read(|c| c.get_vault(&vault_id, &params))
    }

    /// `vaults.update`.
    pub async fn update_vault(&self, vault_id: String, params: VaultUpdateParams) -> Result<Vault> {
        self.run(move |c| c.update_vault(&vault_id, &params)).await
    }

    /// `vaults.delete`.
    pub async fn delete_vault(&self, vault_id: String) -> Result<()> {
        self.run(move |c| c.delete_vault(&vault_id)).await
    }

    /// `vaults.grant_group_permissions`: adds permissions for groups (dependencies must be
    /// included; see docs/permissions.md).
    pub async fn grant_group_permissions(
        &self,
        vault_id: String,
        group_permissions_list: Vec<GroupAccess>,
    ) -> Result<()> {
        self.run(move |c| c.grant_group_permissions(&vault_id, &group_permissions_list))
            .await
            .map_err(|e| e.renamed(Error::UpdatingGroupVaultPermissions))
    }

    /// `vaults.update_group_permissions`: replaces groups' permission sets; `NO_ACCESS` revokes.
    pub async fn update_group_permissions(
        &self,
        group_permissions_list: Vec<GroupVaultAccess>,
    ) -> Result<()> {
        self.run(move |c| c.update_group_permissions(&group_permissions_list))
            .await
            .map_err(|e| e.renamed(Error::UpdatingGroupVaultPermissions))
    }

    /// `vaults.revoke_group_permissions`: removes a group's access and re-keys the vault.
    pub async fn revoke_group_permissions(&self, vault_id: String, group_id: String) -> Result<()> {
        self.run(move |c| c.revoke_group_permissions(&vault_id, &group_id))
            .await
            .map_err(|e| e.renamed(Error::RevokingGroupVaultPermissions))
    }

    /// `groups.get`.
    pub async fn get_group(&self, group_id: String, params: GroupGetParams) -> Result<Group> {
        self.read(|c| c.get_group(&group_id, &params))
            .map_err(|e| e.renamed(Error::GettingGroup))
    }

    /// `environments.get_variables`.
    pub async fn get_variables(&self, environment_id: String) -> Result<GetVariablesResponse> {
        self.read(|c| c.get_variables(&environment_id))
    }
}
