//! Validation and normalisation of items before they are stored.
//!
//! [`validate_create`] checks `ItemCreateParams`, [`validate_item`] an `Item` sent to `ItemsPut`.
//! Both report every problem at once ([`ValidationError`], one [`Problem`] per broken rule, with the
//! field id and the [`Rule`]) and, when there is none, return the item in its stored form:
//! - a custom field without a section is put in the unnamed section `""` (declared if missing), as
//!   the official docs say; the built-in `username` and `password` fields of Login and Password
//!   items stay outside any section;
//! - an `Address` field's value is built from its `details`;
//! - an `SshKey` field's value is stored as PKCS#8 PEM (the form the official SDK documents) and its
//!   `details` get the public key, fingerprint and key type.
//!
//! Whether a `Reference` names an item that exists in the same vault is asked through
//! [`ItemLookup`], which the store implements; the core has no I/O.
//!
//! ```
//! use op_core::validate::{validate_create, NoLookup, Rule};
//! use op_core::wire::ItemCreateParams;
//!
//! let params: ItemCreateParams = serde_json::from_value(serde_json::json!({
//!     "category": "Login", "vaultId": "vhn2qfnmizg6rw4iqottczq3fy", "title": "Example",
//!     "fields": [
//!         {"id": "username", "title": "username", "fieldType": "Text", "value": "alice"},
//!         {"id": "expires", "title": "expires", "fieldType": "Date", "value": "2023-02-30"},
//!         {"id": "card", "title": "card", "fieldType": "MonthYear", "value": "13/2030"}
//!     ]
//! }))?;
//! let err = validate_create(&params, &NoLookup).unwrap_err();
//! assert!(err.has(Rule::InvalidDate) && err.has(Rule::InvalidMonthYear));
//! assert_eq!(err.problems.len(), 2);
//! # Ok::<(), serde_json::Error>(())
//! ```

mod details;
mod problem;
mod rules;
mod values;

pub use details::fill_read_details;
pub use problem::{Problem, Rule, ValidationError};

use crate::wire::{Item, ItemCreateParams};

/// Answers whether an item exists, for `Reference` fields. Implemented by the store layer.
pub trait ItemLookup {
    /// Whether `item_id` is an item of `vault_id` (not deleted).
    fn item_exists(&self, vault_id: &str, item_id: &str) -> bool;
}

/// An [`ItemLookup`] that checks only the shape of references (for tools with no store at hand).
pub struct NoLookup;

impl ItemLookup for NoLookup {
    fn item_exists(&self, _vault_id: &str, _item_id: &str) -> bool {
        true
    }
}

/// Validates `params` for `ItemsCreate` and returns them normalised for storage.
pub fn validate_create(
    params: &ItemCreateParams,
    lookup: &dyn ItemLookup,
) -> Result<ItemCreateParams, ValidationError> {
    let mut out = params.clone();
    let mut fields = out.fields.take().unwrap_or_default();
    let mut sections = out.sections.take().unwrap_or_default();
    let files: Vec<rules::FileRef<'_>> = params
        .files
        .iter()
        .flatten()
        .map(|f| rules::FileRef {
            name: &f.name,
            section_id: &f.section_id,
            field_id: &f.field_id,
        })
        .collect();
    let draft = rules::Draft {
        category: &params.category,
        vault_id: &params.vault_id,
        title: &params.title,
        websites: params.websites.as_deref().unwrap_or_default(),
        files,
        has_document: params.document.is_some(),
        document_required: true,
    };
    rules::check(&draft, &mut fields, &mut sections, None, lookup)?;
    out.fields = Some(fields);
    out.sections = Some(sections);
    Ok(out)
}

/// Validates `item` for `ItemsPut` against the stored `previous` version (when known) and returns
/// it normalised. Values this version does not understand (an unknown category or field type) are
/// accepted only unchanged from `previous`, so they round-trip without new unknown data appearing.
pub fn validate_item(
    item: &Item,
    previous: Option<&Item>,
    lookup: &dyn ItemLookup,
) -> Result<Item, ValidationError> {
    let mut out = item.clone();
    let files: Vec<rules::FileRef<'_>> = item
        .files
        .iter()
        .map(|f| rules::FileRef {
            name: &f.attributes.name,
            section_id: &f.section_id,
            field_id: &f.field_id,
        })
        .collect();
    let draft = rules::Draft {
        category: &item.category,
        vault_id: &item.vault_id,
        title: &item.title,
        websites: &item.websites,
        files,
        has_document: item.document.is_some(),
        document_required: previous.is_some_and(|p| p.document.is_some()),
    };
    rules::check(&draft, &mut out.fields, &mut out.sections, previous, lookup)?;
    Ok(out)
}
