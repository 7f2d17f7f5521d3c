//! Items and their parts (docs/protocol.md §9.1).
//!
//! Structs a user sends back to the core (`Item` and everything inside it) flatten an
//! [`UnknownFields`] so that members added by a newer peer survive a get/put round trip. Optional
//! members are omitted on output when absent; the core treats absent and `null` alike on input.

use serde::{Deserialize, Serialize};

use super::bytes::Bytes;
use super::details::ItemFieldDetails;
use super::enums::{AutofillBehavior, ItemCategory, ItemFieldType, ItemState};
use super::timestamp::Timestamp;
use super::unknown::UnknownFields;
use crate::secret::SecretString;

/// A field of an item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ItemField {
    /// Unique within the item.
    pub id: String,
    /// The label shown to people.
    pub title: String,
    /// The section holding the field; built-in fields (`username`, `password`) have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section_id: Option<String>,
    /// What kind of value this is.
    pub field_type: ItemFieldType,
    /// The value in its string form.
    pub value: SecretString,
    /// Typed extras (TOTP code, SSH key attributes, address parts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<ItemFieldDetails>,
    /// Members this version does not know.
    #[serde(flatten)]
    pub unknown: UnknownFields,
}

/// A section grouping fields. The unnamed default section has id and title `""`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ItemSection {
    /// Unique within the item.
    pub id: String,
    /// The heading shown to people.
    pub title: String,
    /// Members this version does not know.
    #[serde(flatten)]
    pub unknown: UnknownFields,
}

/// A website a Login or Password item fills in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Website {
    /// The address.
    pub url: String,
    /// Its label, e.g. `website` or `sign-in address`.
    pub label: String,
    /// When to offer autofill.
    pub autofill_behavior: AutofillBehavior,
    /// Members this version does not know.
    #[serde(flatten)]
    pub unknown: UnknownFields,
}

/// Name, id and size of a stored file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct FileAttributes {
    /// File name.
    pub name: String,
    /// File id.
    pub id: String,
    /// Size in bytes.
    pub size: u32,
    /// Members this version does not know.
    #[serde(flatten)]
    pub unknown: UnknownFields,
}

/// A file attached to an item as a field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ItemFile {
    /// The file.
    pub attributes: FileAttributes,
    /// The section of its field.
    pub section_id: String,
    /// The id of its field.
    pub field_id: String,
    /// Members this version does not know.
    #[serde(flatten)]
    pub unknown: UnknownFields,
}

/// A file to attach when creating an item or through `ItemsFilesAttach`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct FileCreateParams {
    /// File name.
    pub name: String,
    /// The content.
    pub content: Bytes,
    /// The section of the file's field.
    pub section_id: String,
    /// The id of the file's field.
    pub field_id: String,
}

/// The file of a Document item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct DocumentCreateParams {
    /// File name.
    pub name: String,
    /// The content.
    pub content: Bytes,
}

/// An item as the core returns it and as a user sends it back to `ItemsPut`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Item {
    /// The item's id.
    pub id: String,
    /// The title.
    pub title: String,
    /// The category.
    pub category: ItemCategory,
    /// The vault holding it.
    pub vault_id: String,
    /// The fields.
    #[serde(default)]
    pub fields: Vec<ItemField>,
    /// The sections.
    #[serde(default)]
    pub sections: Vec<ItemSection>,
    /// Notes (may be secret).
    #[serde(default)]
    pub notes: SecretString,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Websites (autofilled on Login and Password items; kept on every category).
    #[serde(default)]
    pub websites: Vec<Website>,
    /// Optimistic-concurrency version: `put` with a stale one fails.
    pub version: u32,
    /// Attached files.
    #[serde(default)]
    pub files: Vec<ItemFile>,
    /// The file of a Document item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<FileAttributes>,
    /// When it was created.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
    /// Members this version does not know.
    #[serde(flatten)]
    pub unknown: UnknownFields,
}

/// What `ItemsCreate` takes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ItemCreateParams {
    /// The category.
    pub category: ItemCategory,
    /// The vault to create it in.
    pub vault_id: String,
    /// The title.
    pub title: String,
    /// The fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<ItemField>>,
    /// The sections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sections: Option<Vec<ItemSection>>,
    /// Notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<SecretString>,
    /// Tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// Websites (autofilled on Login and Password items; kept on every category).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub websites: Option<Vec<Website>>,
    /// Files to attach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<Vec<FileCreateParams>>,
    /// The file of a Document item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<DocumentCreateParams>,
}

/// An item as `ItemsList` returns it: no fields, notes or version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ItemOverview {
    /// The item's id.
    pub id: String,
    /// The title.
    pub title: String,
    /// The category.
    pub category: ItemCategory,
    /// The vault holding it.
    pub vault_id: String,
    /// Websites.
    pub websites: Vec<Website>,
    /// Tags.
    pub tags: Vec<String>,
    /// When it was created.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
    /// Active or archived.
    pub state: ItemState,
}

/// Which states `ItemsList` returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ItemListFilterByStateInner {
    /// Include active items.
    pub active: bool,
    /// Include archived items.
    pub archived: bool,
}

/// A filter of `ItemsList` (tag `type`, content key `content`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", content = "content")]
pub enum ItemListFilter {
    /// Filter by state.
    ByState(ItemListFilterByStateInner),
}
