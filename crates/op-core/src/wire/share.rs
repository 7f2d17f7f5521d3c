//! Item sharing (docs/protocol.md §9.3).

use serde::{Deserialize, Serialize};

use super::enums::{AllowedRecipientType, AllowedType, ItemShareDuration};

/// Limits on file sharing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ItemShareFiles {
    /// Whether files may be shared.
    pub allowed: bool,
    /// Largest encrypted file, in bytes.
    pub max_size: u32,
    /// Link kinds allowed for files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_types: Option<Vec<AllowedType>>,
    /// Recipient kinds allowed for files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_recipient_types: Option<Vec<AllowedRecipientType>>,
    /// Longest lifetime for files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_expiry: Option<ItemShareDuration>,
    /// Default lifetime for files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_expiry: Option<ItemShareDuration>,
    /// Most views for files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_views: Option<u32>,
}

/// The account's sharing policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ItemShareAccountPolicy {
    /// Longest lifetime of a link.
    pub max_expiry: ItemShareDuration,
    /// Lifetime when none is asked for.
    pub default_expiry: ItemShareDuration,
    /// Most views (absent: unlimited).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_views: Option<u32>,
    /// Link kinds allowed.
    pub allowed_types: Vec<AllowedType>,
    /// Recipient kinds allowed.
    pub allowed_recipient_types: Vec<AllowedRecipientType>,
    /// File sharing limits.
    pub files: ItemShareFiles,
}

/// An email recipient.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ValidRecipientEmailInner {
    /// The address.
    pub email: String,
}

/// A domain recipient.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ValidRecipientDomainInner {
    /// The domain.
    pub domain: String,
}

/// A checked share recipient (tag `type`, content key `parameters`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", content = "parameters")]
pub enum ValidRecipient {
    /// One address.
    Email(ValidRecipientEmailInner),
    /// Every address of a domain.
    Domain(ValidRecipientDomainInner),
}

/// How to share an item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ItemShareParams {
    /// Who may open it (absent: anyone with the link).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipients: Option<Vec<ValidRecipient>>,
    /// Lifetime (absent: the policy's default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expire_after: Option<ItemShareDuration>,
    /// One view per recipient.
    pub one_time_only: bool,
}
