//! The dispatcher behind `init_client` and `invoke`: a config becomes an authenticated client, and
//! each catalogue invocation becomes one call of a namespace method with its JSON result.

use serde::Serialize;

use crate::client::Client;
use crate::error::{Error, ErrorReason, Result};
use crate::invocation::ClientMethod;

fn json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value)
        .map_err(|e| Error::Internal(format!("could not encode the result: {e}")))
}

impl Client {
    /// Runs one catalogue invocation and returns its JSON result (`""` for unit results).
    pub(crate) async fn invoke(&self, method: ClientMethod) -> Result<String> {
        let name = method.name();
        let not_yet = || {
            Err(Error::ItemApi(
                ErrorReason::NotImplemented,
                format!(
                    "{name} is not available in this version of opkit yet (item sharing comes in a later release)"
                ),
            ))
        };
        match method {
            ClientMethod::SecretsResolve { secret_reference } => {
                json(&self.resolve(&secret_reference).await?)
            }
            ClientMethod::SecretsResolveAll { secret_references } => {
                json(&self.resolve_all(secret_references).await?)
            }
            ClientMethod::ItemsCreate { params } => json(&self.create_item(params).await?),
            ClientMethod::ItemsCreateAll { vault_id, params } => {
                json(&self.create_items(vault_id, params).await?)
            }
            ClientMethod::ItemsGet { vault_id, item_id } => {
                json(&self.get_item(vault_id, item_id).await?)
            }
            ClientMethod::ItemsGetAll { vault_id, item_ids } => {
                json(&self.get_items(vault_id, item_ids).await?)
            }
            ClientMethod::ItemsPut { item } => json(&self.put_item(item).await?),
            ClientMethod::ItemsDelete { vault_id, item_id } => self
                .delete_item(vault_id, item_id)
                .await
                .map(|()| String::new()),
            ClientMethod::ItemsDeleteAll { vault_id, item_ids } => {
                json(&self.delete_items(vault_id, item_ids).await?)
            }
            ClientMethod::ItemsArchive { vault_id, item_id } => self
                .archive_item(vault_id, item_id)
                .await
                .map(|()| String::new()),
            ClientMethod::ItemsList { vault_id, filters } => {
                json(&self.list_items(vault_id, filters).await?)
            }
            ClientMethod::VaultsCreate { params } => json(&self.create_vault(params).await?),
            ClientMethod::VaultsList { .. } => json(&self.list_vaults().await?),
            ClientMethod::VaultsGetOverview { vault_id } => {
                json(&self.vault_overview(vault_id).await?)
            }
            ClientMethod::VaultsGet {
                vault_id,
                vault_params,
            } => json(&self.get_vault(vault_id, vault_params).await?),
            ClientMethod::VaultsUpdate { vault_id, params } => {
                json(&self.update_vault(vault_id, params).await?)
            }
            ClientMethod::VaultsDelete { vault_id } => {
                self.delete_vault(vault_id).await.map(|()| String::new())
            }
            ClientMethod::ValidateSecretReference { secret_reference } => {
                crate::protocol::validate_reference(&secret_reference).map(|()| String::new())
            }
            ClientMethod::GeneratePassword { recipe } => {
                json(&crate::protocol::generate_password(&recipe)?)
            }
            ClientMethod::ItemsFilesAttach { item, file_params } => {
                json(&self.attach_file(item, file_params).await?)
            }
            ClientMethod::ItemsFilesRead {
                vault_id,
                item_id,
                attr,
            } => json(&self.read_file(vault_id, item_id, attr).await?),
            ClientMethod::ItemsFilesDelete {
                item,
                section_id,
                field_id,
            } => json(&self.delete_file(item, section_id, field_id).await?),
            ClientMethod::ItemsFilesReplaceDocument { item, doc_params } => {
                json(&self.replace_document(item, doc_params).await?)
            }
            ClientMethod::ItemsSharesGetAccountPolicy { .. }
            | ClientMethod::ItemsSharesValidateRecipients { .. }
            | ClientMethod::ItemsSharesCreate { .. } => not_yet(),
            ClientMethod::VaultsGrantGroupPermissions {
                vault_id,
                group_permissions_list,
            } => self
                .grant_group_permissions(vault_id, group_permissions_list)
                .await
                .map(|()| String::new()),
            ClientMethod::VaultsUpdateGroupPermissions {
                group_permissions_list,
            } => self
                .update_group_permissions(group_permissions_list)
                .await
                .map(|()| String::new()),
            ClientMethod::VaultsRevokeGroupPermissions { vault_id, group_id } => self
                .revoke_group_permissions(vault_id, group_id)
                .await
                .map(|()| String::new()),
            ClientMethod::GroupsGet {
                group_id,
                group_params,
            } => json(&self.get_group(group_id, group_params).await?),
            ClientMethod::EnvironmentsGetVariables { environment_id } => {
                json(&self.get_variables(environment_id).await?)
            }
        }
    }
}
