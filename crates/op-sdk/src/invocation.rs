//! The `invoke` / `invoke_sync` envelope (docs/protocol.md §4) and the catalogue of invocations (docs/protocol.md §8).
//!
//! Parsing mirrors the official core: the whole envelope is parsed first, through untagged and
//! tagged enums whose names appear in serde's messages, so a schema problem yields the same plain
//! text (`data did not match any variant of untagged enum Invocation at line 1 column N`). Outer
//! parameter keys are snake_case; the domain objects inside are the camelCase wire types.

use op_core::wire::{
    DocumentCreateParams, FileAttributes, FileCreateParams, GroupAccess, GroupGetParams,
    GroupVaultAccess, Item, ItemCreateParams, ItemListFilter, ItemShareAccountPolicy,
    ItemShareParams, PasswordRecipe, VaultCreateParams, VaultGetParams, VaultListParams,
    VaultUpdateParams,
};
use serde::Deserialize;

/// The top level of `invoke`'s argument.
#[derive(Debug, Deserialize)]
pub struct InvokeConfig {
    /// The invocation.
    pub invocation: Invocation,
}

/// A client invocation (with `clientId`) or a sync one (without; any `clientId` is ignored).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Invocation {
    /// Bound to a client.
    Client(Box<ClientInvocation>),
    /// Needs no client.
    Sync(SyncInvocation),
}

/// What `invoke_sync` accepts: only the sync operations.
///
/// Kept in its own module so that serde's message for anything else names the same untagged enum
/// (`Invocation`) as the official core's.
pub mod sync_only {
    use serde::Deserialize;

    /// The top level of `invoke_sync`'s argument.
    #[derive(Debug, Deserialize)]
    pub struct InvokeSyncConfig {
        /// The invocation.
        pub invocation: Invocation,
    }

    /// A sync invocation (any `clientId` is ignored).
    #[derive(Debug, Deserialize)]
    #[serde(untagged)]
    pub enum Invocation {
        /// Needs no client.
        Sync(super::SyncInvocation),
    }
}

/// An invocation bound to a client.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientInvocation {
    /// The id `init_client` returned.
    pub client_id: u64,
    /// What to do.
    pub parameters: ClientMethod,
}

/// An invocation that needs no client.
#[derive(Debug, Deserialize)]
pub struct SyncInvocation {
    /// What to do.
    pub parameters: SyncMethod,
}

/// The two operations that need no client (`invoke_sync` accepts only these).
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "name", content = "parameters")]
pub enum SyncMethod {
    /// Checks a reference's syntax.
    ValidateSecretReference {
        /// The reference.
        secret_reference: String,
    },
    /// Generates a password.
    GeneratePassword {
        /// The recipe.
        recipe: PasswordRecipe,
    },
}

/// Every client operation of the catalogue (docs/protocol.md §8), with its parameters.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "name", content = "parameters")]
#[allow(missing_docs)] // Each variant is the catalogue entry of the same name; parameters as there.
pub enum ClientMethod {
    SecretsResolve {
        secret_reference: String,
    },
    SecretsResolveAll {
        secret_references: Vec<String>,
    },
    ItemsCreate {
        params: ItemCreateParams,
    },
    ItemsCreateAll {
        vault_id: String,
        params: Vec<ItemCreateParams>,
    },
    ItemsGet {
        vault_id: String,
        item_id: String,
    },
    ItemsGetAll {
        vault_id: String,
        item_ids: Vec<String>,
    },
    ItemsPut {
        item: Item,
    },
    ItemsDelete {
        vault_id: String,
        item_id: String,
    },
    ItemsDeleteAll {
        vault_id: String,
        item_ids: Vec<String>,
    },
    ItemsArchive {
        vault_id: String,
        item_id: String,
    },
    ItemsList {
        vault_id: String,
        filters: Vec<ItemListFilter>,
    },
    ItemsSharesGetAccountPolicy {
        vault_id: String,
        item_id: String,
    },
    ItemsSharesValidateRecipients {
        policy: ItemShareAccountPolicy,
        recipients: Vec<String>,
    },
    ItemsSharesCreate {
        item: Item,
        policy: ItemShareAccountPolicy,
        params: ItemShareParams,
    },
    ItemsFilesAttach {
        item: Item,
        file_params: FileCreateParams,
    },
    ItemsFilesRead {
        vault_id: String,
        item_id: String,
        attr: FileAttributes,
    },
    ItemsFilesDelete {
        item: Item,
        section_id: String,
        field_id: String,
    },
    ItemsFilesReplaceDocument {
        item: Item,
        doc_params: DocumentCreateParams,
    },
    VaultsCreate {
        params: VaultCreateParams,
    },
    VaultsList {
        #[serde(default)]
        params: Option<VaultListParams>,
    },
    VaultsGetOverview {
        vault_id: String,
    },
    VaultsGet {
        vault_id: String,
        vault_params: VaultGetParams,
    },
    VaultsUpdate {
        vault_id: String,
        params: VaultUpdateParams,
    },
    VaultsDelete {
        vault_id: String,
    },
    VaultsGrantGroupPermissions {
        vault_id: String,
        group_permissions_list: Vec<GroupAccess>,
    },
    VaultsUpdateGroupPermissions {
        group_permissions_list: Vec<GroupVaultAccess>,
    },
    VaultsRevokeGroupPermissions {
        vault_id: String,
        group_id: String,
    },
    GroupsGet {
        group_id: String,
        group_params: GroupGetParams,
    },
    EnvironmentsGetVariables {
        environment_id: String,
    },
    /// A sync operation sent through `invoke` (Go does this); `clientId` is ignored.
    ValidateSecretReference {
        secret_reference: String,
    },
    /// A sync operation sent through `invoke`.
    GeneratePassword {
        recipe: PasswordRecipe,
    },
}

impl ClientMethod {
    /// The catalogue name.
    pub fn name(&self) -> &'static str {
        match self {
            Self::SecretsResolve { .. } => "SecretsResolve",
            Self::SecretsResolveAll { .. } => "SecretsResolveAll",
            Self::ItemsCreate { .. } => "ItemsCreate",
            Self::ItemsCreateAll { .. } => "ItemsCreateAll",
            Self::ItemsGet { .. } => "ItemsGet",
            Self::ItemsGetAll { .. } => "ItemsGetAll",
            Self::ItemsPut { .. } => "ItemsPut",
            Self::ItemsDelete { .. } => "ItemsDelete",
            Self::ItemsDeleteAll { .. } => "ItemsDeleteAll",
            Self::ItemsArchive { .. } => "ItemsArchive",
            Self::ItemsList { .. } => "ItemsList",
            Self::ItemsSharesGetAccountPolicy { .. } => "ItemsSharesGetAccountPolicy",
            Self::ItemsSharesValidateRecipients { .. } => "ItemsSharesValidateRecipients",
            Self::ItemsSharesCreate { .. } => "ItemsSharesCreate",
            Self::ItemsFilesAttach { .. } => "ItemsFilesAttach",
            Self::ItemsFilesRead { .. } => "ItemsFilesRead",
            Self::ItemsFilesDelete { .. } => "ItemsFilesDelete",
            Self::ItemsFilesReplaceDocument { .. } => "ItemsFilesReplaceDocument",
            Self::VaultsCreate { .. } => "VaultsCreate",
            Self::VaultsList { .. } => "VaultsList",
            Self::VaultsGetOverview { .. } => "VaultsGetOverview",
            Self::VaultsGet { .. } => "VaultsGet",
            Self::VaultsUpdate { .. } => "VaultsUpdate",
            Self::VaultsDelete { .. } => "VaultsDelete",
            Self::VaultsGrantGroupPermissions { .. } => "VaultsGrantGroupPermissions",
            Self::VaultsUpdateGroupPermissions { .. } => "VaultsUpdateGroupPermissions",
            Self::VaultsRevokeGroupPermissions { .. } => "VaultsRevokeGroupPermissions",
            Self::GroupsGet { .. } => "GroupsGet",
            Self::EnvironmentsGetVariables { .. } => "EnvironmentsGetVariables",
            Self::ValidateSecretReference { .. } => "ValidateSecretReference",
            Self::GeneratePassword { .. } => "GeneratePassword",
        }
    }
}

/// Parses `invoke`'s argument; failures are serde's plain text, as in the official core.
pub fn parse_invocation(text: &str) -> Result<Invocation, String> {
    serde_json::from_str::<InvokeConfig>(text)
        .map(|c| c.invocation)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_errors_read_like_the_official_core() {
        assert!(
            parse_invocation("hello")
                .unwrap_err()
                .starts_with("expected value at line 1 column 1")
        );
        assert!(
            parse_invocation("{}")
                .unwrap_err()
                .starts_with("missing field `invocation`")
        );
        let err = parse_invocation(
            r#"{"invocation":{"clientId":0,"parameters":{"name":"Nope","parameters":{}}}}"#,
        )
        .unwrap_err();
        assert!(
            err.starts_with(
                "data did not match any variant of untagged enum Invocation at line 1 column"
            ),
            "{err}"
        );
    }

    #[test]
    fn client_and_sync_shapes() {
        let client = parse_invocation(
            r#"{"invocation":{"clientId":3,"parameters":{"name":"ItemsGet","parameters":{"vault_id":"v","item_id":"i"}}}}"#,
        )
        .unwrap();
        assert!(matches!(
            client,
            Invocation::Client(ref c) if c.client_id == 3 && matches!(c.parameters, ClientMethod::ItemsGet { .. })
        ));
        let sync = parse_invocation(
            r#"{"invocation":{"parameters":{"name":"ValidateSecretReference","parameters":{"secret_reference":"op://a/b/c"}}}}"#,
        )
        .unwrap();
        assert!(matches!(sync, Invocation::Sync(_)));
        // Go sends sync operations through invoke, sometimes with a client id.
        let go = parse_invocation(
            r#"{"invocation":{"clientId":1,"parameters":{"name":"GeneratePassword","parameters":{"recipe":{"type":"Pin","parameters":{"length":6}}}}}}"#,
        )
        .unwrap();
        assert!(matches!(
            go,
            Invocation::Client(ref c) if matches!(c.parameters, ClientMethod::GeneratePassword { .. })
        ));
        for params in [
            r#"{}"#,
            r#"{"params":null}"#,
            r#"{"params":{"decryptDetails":true}}"#,
        ] {
            let text = format!(
                r#"{{"invocation":{{"clientId":0,"parameters":{{"name":"VaultsList","parameters":{params}}}}}}}"#
            );
            assert!(parse_invocation(&text).is_ok(), "{text}");
        }
    }
}
