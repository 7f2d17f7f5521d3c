//! The item rules, shared by create and put.

use std::collections::HashSet;

use crate::wire::{
    Item, ItemCategory, ItemField, ItemFieldDetails, ItemFieldType, ItemSection, SshKeyAttributes,
    Website,
};

use super::ItemLookup;
use super::problem::{Problems, Rule, ValidationError};
use super::values::{self, Invalid};

/// A file as validation sees it, from create params or a stored item.
pub(crate) struct FileRef<'a> {
    pub(crate) name: &'a str,
    pub(crate) section_id: &'a str,
    pub(crate) field_id: &'a str,
}

/// The parts of an item that the rules read but do not change.
pub(crate) struct Draft<'a> {
    pub(crate) category: &'a ItemCategory,
    pub(crate) vault_id: &'a str,
    pub(crate) title: &'a str,
    pub(crate) websites: &'a [Website],
    pub(crate) files: Vec<FileRef<'a>>,
    pub(crate) has_document: bool,
    pub(crate) document_required: bool,
}

const BUILT_IN_FIELDS: [&str; 2] = ["username", "password"];

fn has_login_fields(category: &ItemCategory) -> bool {
    matches!(category, ItemCategory::Login | ItemCategory::Password)
}

/// Runs every rule, normalising `fields` and `sections` in place. Returns all problems at once.
pub(crate) fn check(
    draft: &Draft<'_>,
    fields: &mut [ItemField],
    sections: &mut Vec<ItemSection>,
    previous: Option<&Item>,
    lookup: &dyn ItemLookup,
) -> Result<(), ValidationError> {
    let mut problems = Problems::default();
    if draft.title.trim().is_empty() {
        problems.item("title", Rule::EmptyTitle, "an item needs a non-empty title");
    }
    if draft.vault_id.is_empty() {
        problems.item(
            "vaultId",
            Rule::EmptyVaultId,
            "an item needs the id of the vault to store it in",
        );
    }
    check_category(draft.category, previous, &mut problems);
    place_in_sections(draft, fields, sections, &mut problems);
    check_fields(draft, fields, previous, lookup, &mut problems);
    check_websites(draft, &mut problems);
    check_files_and_document(draft, sections, fields, &mut problems);
    problems.finish()
}

fn check_category(category: &ItemCategory, previous: Option<&Item>, problems: &mut Problems) {
    if let Some(previous) = previous {
        if previous.category != *category {
            problems.item(
                "category",
                Rule::CategoryChanged,
                format!(
                    "the category of an existing item cannot change (it is {})",
                    previous.category
                ),
            );
        }
        return;
    }
    if !category.is_creatable() {
        let hint = match ItemCategory::suggest(category.as_str()) {
            Some(known) if known.is_creatable() => format!(" (did you mean {known}?)"),
            _ => String::new(),
        };
        problems.item(
            "category",
            Rule::UnknownCategory,
            format!(
                "{:?} is not a category a new item can have{hint}",
                category.as_str()
            ),
        );
    }
}

/// Declares the unnamed section for custom fields that name none, and checks section ids.
fn place_in_sections(
    draft: &Draft<'_>,
    fields: &mut [ItemField],
    sections: &mut Vec<ItemSection>,
    problems: &mut Problems,
) {
    let mut seen = HashSet::new();
    for section in sections.iter() {
        if !seen.insert(section.id.as_str()) {
            problems.item(
                "sections",
                Rule::DuplicateSectionId,
                format!(
                    "two sections have the id {:?}; section ids must be unique",
                    section.id
                ),
            );
        }
    }
    let login_like = has_login_fields(draft.category);
    for field in fields.iter_mut().filter(|f| f.section_id.is_none()) {
        if !(login_like && BUILT_IN_FIELDS.contains(&field.id.as_str())) {
            field.section_id = Some(String::new());
        }
    }
    let needs_unnamed = fields.iter().any(|f| f.section_id.as_deref() == Some(""))
        || draft.files.iter().any(|f| f.section_id.is_empty());
    if needs_unnamed && !sections.iter().any(|s| s.id.is_empty()) {
        sections.insert(0, ItemSection::default());
    }
}

fn unchanged_from(previous: Option<&Item>, field: &ItemField) -> bool {
    previous.is_some_and(|p| {
        p.fields.iter().any(|old| {
            old.id == field.id && old.field_type == field.field_type && old.value == field.value
        })
    })
}

fn check_fields(
    draft: &Draft<'_>,
    fields: &mut [ItemField],
    previous: Option<&Item>,
    lookup: &dyn ItemLookup,
    problems: &mut Problems,
) {
    let mut ids = HashSet::new();
    let mut ssh_keys = 0_usize;
    for field in fields.iter_mut() {
        if field.id.is_empty() {
            problems.field(
                &field.id,
                Rule::EmptyFieldId,
                "every field needs a non-empty id",
            );
        } else if !ids.insert(field.id.clone()) {
            problems.field(
                &field.id,
                Rule::DuplicateFieldId,
                "another field has the same id; field ids must be unique",
            );
        }
        if !field.field_type.is_creatable() {
            if !unchanged_from(previous, field) {
                let hint = match ItemFieldType::suggest(field.field_type.as_str()) {
                    Some(known) if known.is_creatable() => format!(" (did you mean {known}?)"),
                    _ => String::new(),
                };
                problems.field(
                    &field.id,
                    Rule::UnknownFieldType,
                    format!(
                        "{:?} is not a field type opkit can store{hint}",
                        field.field_type.as_str()
                    ),
                );
            }
            continue;
        }
        if field.field_type == ItemFieldType::SshKey {
            ssh_keys += 1;
            if *draft.category != ItemCategory::SshKey {
                problems.field(
                    &field.id,
                    Rule::SshKeyOutsideSshKeyItem,
                    "SshKey fields are allowed only in SshKey items",
                );
            } else if ssh_keys > 1 {
                problems.field(
                    &field.id,
                    Rule::MultipleSshKeys,
                    "an SshKey item holds exactly one SshKey field",
                );
            }
        }
        if let Err(Invalid { rule, message }) = check_value(draft.vault_id, field, lookup) {
            problems.field(&field.id, rule, message);
        }
    }
}

/// Checks one field's value by type, normalising SSH keys and addresses.
fn check_value(
    vault_id: &str,
    field: &mut ItemField,
    lookup: &dyn ItemLookup,
) -> Result<(), Invalid> {
    let value = field.value.expose_secret();
    // An empty typed value means "not set", as in the apps; only SSH keys must have one.
    let empty = value.is_empty();
    match field.field_type {
        ItemFieldType::Date if !empty => values::check_date(value),
        ItemFieldType::MonthYear if !empty => values::check_month_year(value),
        ItemFieldType::Totp if !empty => values::check_totp(value),
        ItemFieldType::Reference if !empty => {
            values::check_reference(value)?;
            if lookup.item_exists(vault_id, value) {
                Ok(())
            } else {
                Err(Invalid {
                    rule: Rule::ReferenceNotFound,
                    message: "the Reference names no item in the same vault".to_owned(),
                })
            }
        }
        ItemFieldType::SshKey => {
            let key = values::parse_ssh_key(value)?;
            let pem = key.to_pkcs8_pem().map_err(|e| Invalid { rule: Rule::InvalidSshKey, message: e.to_string() })?;
            field.details = Some(ItemFieldDetails::SshKey(Some(SshKeyAttributes {
                public_key: key.public_key_openssh(),
                fingerprint: key.fingerprint(),
                key_type: key.key_type(),
            })));
            field.value = pem;
            Ok(())
        }
        ItemFieldType::Address => match &field.details {
            Some(ItemFieldDetails::Address(Some(address))) => {
                field.value = address.formatted().into();
                Ok(())
            }
            _ => Err(Invalid {
                rule: Rule::AddressDetailsRequired,
                message: "an Address field takes its value from details {\"type\": \"Address\", \"content\": {street, city, state, zip, country}}".to_owned(),
            }),
        },
        _ => Ok(()),
    }
}

// Websites are accepted on every category: the wire model gives every item `websites`, and a URL on
// a Secure Note or a Server is no risk to anyone, so refusing it would only break programs (ADR 0015).
fn check_websites(draft: &Draft<'_>, problems: &mut Problems) {
    if draft.websites.iter().any(|w| w.url.trim().is_empty()) {
        problems.item(
            "websites",
            Rule::EmptyWebsiteUrl,
            "every website needs a non-empty url",
        );
    }
}

fn check_files_and_document(
    draft: &Draft<'_>,
    sections: &[ItemSection],
    fields: &[ItemField],
    problems: &mut Problems,
) {
    let declared: HashSet<&str> = sections.iter().map(|s| s.id.as_str()).collect();
    for field in fields {
        if let Some(section) = field.section_id.as_deref()
            && !declared.contains(section)
        {
            problems.field(
                &field.id,
                Rule::UnknownSection,
                format!("the field names section {section:?}, which is not declared in sections"),
            );
        }
    }
    let field_ids: HashSet<&str> = fields.iter().map(|f| f.id.as_str()).collect();
    let mut file_ids = HashSet::new();
    for file in &draft.files {
        if file.name.trim().is_empty() {
            problems.field(
                file.field_id,
                Rule::EmptyFileName,
                "every file needs a name",
            );
        }
        if !declared.contains(file.section_id) {
            problems.field(
                file.field_id,
                Rule::UnknownSection,
                format!(
                    "the file names section {:?}, which is not declared in sections",
                    file.section_id
                ),
            );
        }
        if file.field_id.is_empty() {
            problems.field(
                file.field_id,
                Rule::EmptyFieldId,
                "every file needs a non-empty field id",
            );
        } else if field_ids.contains(file.field_id) || !file_ids.insert(file.field_id) {
            problems.field(
                file.field_id,
                Rule::DuplicateFieldId,
                "a file's field id must differ from every other field and file",
            );
        }
    }
    let is_document = *draft.category == ItemCategory::Document;
    if draft.has_document && !is_document {
        problems.item(
            "document",
            Rule::DocumentNotAllowed,
            format!(
                "only Document items have a document, not {}",
                draft.category
            ),
        );
    }
    if is_document && !draft.has_document && draft.document_required {
        problems.item(
            "document",
            Rule::DocumentRequired,
            "a Document item needs its document (name and content)",
        );
    }
}
