//! Results of the bulk operations (docs/protocol.md §9.2). Per-item failures are reported here, not thrown.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::item::Item;
use crate::secret::SecretString;

/// One item's outcome: `content` on success, `error` on failure (success iff `error` is absent).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(rename = "Response_{T}_{E}", extend("x-generic" = "Response"))
)]
#[serde(bound(
    serialize = "T: Serialize, E: Serialize",
    deserialize = "T: Deserialize<'de>, E: Deserialize<'de>"
))]
pub struct Response<T, E> {
    /// The value, on success.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<T>,
    /// The failure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<E>,
}

impl<T, E> Response<T, E> {
    /// A success carrying `content`.
    pub fn ok(content: T) -> Self {
        Self {
            content: Some(content),
            error: None,
        }
    }

    /// A failure.
    pub fn err(error: E) -> Self {
        Self {
            content: None,
            error: Some(error),
        }
    }
}

impl<E> Response<(), E> {
    /// A success of a unit operation: `{}` on the wire.
    pub fn done() -> Self {
        Self {
            content: None,
            error: None,
        }
    }
}

/// Why an item could not be written (tag `type`, payload key `message`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", content = "message")]
pub enum ItemUpdateFailureReason {
    /// Bad user input.
    #[serde(rename = "itemValidationError")]
    ItemValidationError(String),
    /// No permission to change items in the vault.
    #[serde(rename = "itemStatusPermissionError")]
    ItemStatusPermissionError,
    /// Version conflict.
    #[serde(rename = "itemStatusIncorrectItemVersion")]
    ItemStatusIncorrectItemVersion,
    /// A file reference did not match a known file.
    #[serde(rename = "itemStatusFileNotFound")]
    ItemStatusFileNotFound,
    /// The request is too large.
    #[serde(rename = "itemStatusTooBig")]
    ItemStatusTooBig,
    /// No such item.
    #[serde(rename = "itemNotFound")]
    ItemNotFound,
    /// Internal error.
    #[serde(rename = "internal")]
    Internal(String),
}

/// Why an item could not be read by `ItemsGetAll`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", content = "message")]
pub enum ItemsGetAllError {
    /// No such item.
    #[serde(rename = "itemNotFound")]
    ItemNotFound,
    /// Internal error.
    #[serde(rename = "internal")]
    Internal(String),
}

/// Why a reference could not be resolved (tag `type`; only `parsing` and `unableToGenerateTotpCode`
/// carry a `message`). Spellings are the official ones, including `sSHKeyMetadataNotFound`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", content = "message")]
pub enum ResolveReferenceError {
    /// The reference did not parse.
    #[serde(rename = "parsing")]
    Parsing(String),
    /// No field matched.
    #[serde(rename = "fieldNotFound")]
    FieldNotFound,
    /// No vault matched.
    #[serde(rename = "vaultNotFound")]
    VaultNotFound,
    /// Several vaults matched.
    #[serde(rename = "tooManyVaults")]
    TooManyVaults,
    /// No item matched.
    #[serde(rename = "itemNotFound")]
    ItemNotFound,
    /// Several items matched.
    #[serde(rename = "tooManyItems")]
    TooManyItems,
    /// Several fields matched.
    #[serde(rename = "tooManyMatchingFields")]
    TooManyMatchingFields,
    /// No section matched.
    #[serde(rename = "noMatchingSections")]
    NoMatchingSections,
    /// `attribute=totp` on a field that is not a TOTP field.
    #[serde(rename = "incompatibleTOTPQueryParameterField")]
    IncompatibleTotpQueryParameterField,
    /// The TOTP value could not produce a code.
    #[serde(rename = "unableToGenerateTotpCode")]
    UnableToGenerateTotpCode(String),
    /// The SSH key field has no key metadata.
    #[serde(rename = "sSHKeyMetadataNotFound")]
    SshKeyMetadataNotFound,
    /// Only text files can be resolved.
    #[serde(rename = "unsupportedFileFormat")]
    UnsupportedFileFormat,
    /// `ssh-format` on a field that is not an SSH key.
    #[serde(rename = "incompatibleSshKeyQueryParameterField")]
    IncompatibleSshKeyQueryParameterField,
    /// The stored private key did not parse.
    #[serde(rename = "unableToParsePrivateKey")]
    UnableToParsePrivateKey,
    /// The private key could not be written in OpenSSH format.
    #[serde(rename = "unableToFormatPrivateKeyToOpenSsh")]
    UnableToFormatPrivateKeyToOpenSsh,
    /// Anything else.
    #[serde(rename = "other")]
    Other,
}

/// What `ItemsCreateAll` returns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ItemsUpdateAllResponse {
    /// One outcome per requested item, in request order.
    pub individual_responses: Vec<Response<Item, ItemUpdateFailureReason>>,
}

/// What `ItemsGetAll` returns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ItemsGetAllResponse {
    /// One outcome per requested id, in request order.
    pub individual_responses: Vec<Response<Item, ItemsGetAllError>>,
}

/// What `ItemsDeleteAll` returns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ItemsDeleteAllResponse {
    /// Outcomes keyed by item id.
    pub individual_responses: BTreeMap<String, Response<(), ItemUpdateFailureReason>>,
}

/// A resolved secret with where it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ResolvedReference {
    /// The value.
    pub secret: SecretString,
    /// The item it came from.
    pub item_id: String,
    /// The vault of that item.
    pub vault_id: String,
}

/// What `SecretsResolveAll` returns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ResolveAllResponse {
    /// Outcomes keyed by the reference string.
    pub individual_responses: BTreeMap<String, Response<ResolvedReference, ResolveReferenceError>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_variants_carry_no_message() {
        let e = ResolveReferenceError::SshKeyMetadataNotFound;
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"type":"sSHKeyMetadataNotFound"}"#
        );
        let e = ResolveReferenceError::Parsing("bad".into());
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"type":"parsing","message":"bad"}"#
        );
        let back: ItemUpdateFailureReason =
            serde_json::from_str(r#"{"type":"itemNotFound"}"#).unwrap();
        assert_eq!(back, ItemUpdateFailureReason::ItemNotFound);
        let back: ItemUpdateFailureReason =
            serde_json::from_str(r#"{"type":"itemNotFound","message":null}"#).unwrap();
        assert_eq!(back, ItemUpdateFailureReason::ItemNotFound);
    }

    #[test]
    fn responses_omit_absent_members() {
        let ok: Response<(), ItemUpdateFailureReason> = Response::done();
        assert_eq!(serde_json::to_string(&ok).unwrap(), "{}");
        let err: Response<(), ItemUpdateFailureReason> =
            Response::err(ItemUpdateFailureReason::ItemStatusPermissionError);
        assert_eq!(
            serde_json::to_string(&err).unwrap(),
            r#"{"error":{"type":"itemStatusPermissionError"}}"#
        );
        let mut map = BTreeMap::new();
        map.insert("id1".to_owned(), ok);
        let all = ItemsDeleteAllResponse {
            individual_responses: map,
        };
        assert_eq!(
            serde_json::to_string(&all).unwrap(),
            r#"{"individualResponses":{"id1":{}}}"#
        );
    }
}
