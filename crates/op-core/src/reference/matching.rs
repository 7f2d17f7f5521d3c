//! Which vault, item, section and field a reference names, and what value it yields.
//!
//! Pure rules shared by every backend:
//! - vaults, items, sections and fields are matched by id or by name, ignoring ASCII case; an exact
//!   id match wins over names (ids are unique), and a name shared by several candidates is an error
//!   listing their ids, so the user can switch to an id;
//! - archived items never match;
//! - without a section, a field is found by id or label across all sections (and files by name);
//!   with a section, only inside that section;
//! - `TOTP_<id>` names the TOTP field `<id>` (the form the official examples use);
//! - `attribute=totp|otp` is allowed only on TOTP fields and yields the code at the given time;
//!   `ssh-format=openssh` only on SSH key fields and yields the key in OpenSSH format.

use crate::secret::SecretString;
use crate::ssh::SshPrivateKey;
use crate::totp;
use crate::wire::{
    FileAttributes, Item, ItemField, ItemFieldType, ItemOverview, ItemState, ResolveReferenceError,
    VaultOverview,
};

use super::parse::{Query, SecretReference};

/// Why a reference matched nothing, or too much. Messages quote names and ids, never values.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MatchError {
    /// No vault has this id or name.
    #[error("no vault matched {0:?}; check the name or use the vault's id")]
    VaultNotFound(String),
    /// Several vaults share the name.
    #[error("more than one vault is named {selector:?}; use one of these ids instead: {}", .ids.join(", "))]
    TooManyVaults {
        /// What the reference said.
        selector: String,
        /// The candidates' ids.
        ids: Vec<String>,
    },
    /// No active item has this id or title.
    #[error(
        "no item matched {0:?} in the vault; check the title or use the item's id (archived items are not matched)"
    )]
    ItemNotFound(String),
    /// Several items share the title.
    #[error("more than one item is titled {selector:?}; use one of these ids instead: {}", .ids.join(", "))]
    TooManyItems {
        /// What the reference said.
        selector: String,
        /// The candidates' ids.
        ids: Vec<String>,
    },
    /// No section has this id or title.
    #[error("no section matched {0:?} in the item")]
    NoMatchingSections(String),
    /// Several sections share the title.
    #[error("more than one section is titled {selector:?}; use one of these section ids instead: {}", .ids.join(", "))]
    TooManySections {
        /// What the reference said.
        selector: String,
        /// The candidates' ids.
        ids: Vec<String>,
    },
    /// No field or file has this id, label or name.
    #[error("no field matched {0:?} in the item")]
    FieldNotFound(String),
    /// Several fields share the label.
    #[error("more than one field is labelled {selector:?}; use one of these field ids instead: {}", .ids.join(", "))]
    TooManyMatchingFields {
        /// What the reference said.
        selector: String,
        /// The candidates' ids.
        ids: Vec<String>,
    },
    /// `attribute=totp` on something that is not a TOTP field.
    #[error(
        "the field {0:?} is not a one-time password field, so attribute=totp/otp cannot be used with it"
    )]
    IncompatibleTotpQuery(String),
    /// The TOTP value could not produce a code.
    #[error("could not generate a one-time code for field {field:?}: {reason}")]
    UnableToGenerateTotpCode {
        /// The field's id.
        field: String,
        /// Why, from the TOTP engine.
        reason: String,
    },
    /// `ssh-format` on something that is not an SSH key field.
    #[error(
        "the field {0:?} is not an SSH key field, so ssh-format=openssh cannot be used with it"
    )]
    IncompatibleSshQuery(String),
    /// The stored private key did not parse.
    #[error("the SSH key in field {field:?} could not be parsed: {reason}")]
    UnableToParsePrivateKey {
        /// The field's id.
        field: String,
        /// Why, from the key parser.
        reason: String,
    },
    /// The key could not be written in OpenSSH format.
    #[error("the SSH key in field {0:?} could not be converted to OpenSSH format")]
    UnableToFormatPrivateKeyToOpenSsh(String),
}

impl MatchError {
    /// The protocol's `ResolveReferenceError` for `SecretsResolveAll`.
    pub fn to_wire(&self) -> ResolveReferenceError {
        match self {
            Self::VaultNotFound(_) => ResolveReferenceError::VaultNotFound,
            Self::TooManyVaults { .. } => ResolveReferenceError::TooManyVaults,
            Self::ItemNotFound(_) => ResolveReferenceError::ItemNotFound,
            Self::TooManyItems { .. } => ResolveReferenceError::TooManyItems,
            Self::NoMatchingSections(_) => ResolveReferenceError::NoMatchingSections,
            Self::TooManySections { .. } => ResolveReferenceError::Other,
            Self::FieldNotFound(_) => ResolveReferenceError::FieldNotFound,
            Self::TooManyMatchingFields { .. } => ResolveReferenceError::TooManyMatchingFields,
            Self::IncompatibleTotpQuery(_) => {
                ResolveReferenceError::IncompatibleTotpQueryParameterField
            }
            Self::UnableToGenerateTotpCode { reason, .. } => {
                ResolveReferenceError::UnableToGenerateTotpCode(reason.clone())
            }
            Self::IncompatibleSshQuery(_) => {
                ResolveReferenceError::IncompatibleSshKeyQueryParameterField
            }
            Self::UnableToParsePrivateKey { .. } => ResolveReferenceError::UnableToParsePrivateKey,
            Self::UnableToFormatPrivateKeyToOpenSsh(_) => {
                ResolveReferenceError::UnableToFormatPrivateKeyToOpenSsh
            }
        }
    }

    /// Stable variant name.
    pub fn name(&self) -> &'static str {
        match self {
            Self::VaultNotFound(_) => "VaultNotFound",
            Self::TooManyVaults { .. } => "TooManyVaults",
            Self::ItemNotFound(_) => "ItemNotFound",
            Self::TooManyItems { .. } => "TooManyItems",
            Self::NoMatchingSections(_) => "NoMatchingSections",
            Self::TooManySections { .. } => "TooManySections",
            Self::FieldNotFound(_) => "FieldNotFound",
            Self::TooManyMatchingFields { .. } => "TooManyMatchingFields",
            Self::IncompatibleTotpQuery(_) => "IncompatibleTotpQuery",
            Self::UnableToGenerateTotpCode { .. } => "UnableToGenerateTotpCode",
            Self::IncompatibleSshQuery(_) => "IncompatibleSshQuery",
            Self::UnableToParsePrivateKey { .. } => "UnableToParsePrivateKey",
            Self::UnableToFormatPrivateKeyToOpenSsh(_) => "UnableToFormatPrivateKeyToOpenSsh",
        }
    }
}

/// The outcome of choosing among candidates by id or name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection<T> {
    /// Exactly one candidate.
    One(T),
    /// Nothing matched.
    None,
    /// Several candidates share the name; their ids.
    Many(Vec<String>),
}

/// Chooses the candidate whose id equals `selector`, else the one whose name does (ASCII case is
/// ignored in both). Several name matches give [`Selection::Many`] with their ids.
pub fn select<'a, T>(
    candidates: impl IntoIterator<Item = &'a T>,
    selector: &str,
    id: impl Fn(&T) -> &str,
    name: impl Fn(&T) -> &str,
) -> Selection<&'a T> {
    let mut by_name: Vec<&'a T> = Vec::new();
    for candidate in candidates {
        if id(candidate).eq_ignore_ascii_case(selector) {
            return Selection::One(candidate);
        }
        if name(candidate).eq_ignore_ascii_case(selector) {
            by_name.push(candidate);
        }
    }
    match by_name.len() {
        0 => Selection::None,
        1 => by_name.pop().map_or(Selection::None, Selection::One),
        _ => Selection::Many(by_name.iter().map(|c| id(c).to_owned()).collect()),
    }
}

/// The vault a reference's first segment names.
pub fn select_vault<'a>(
    vaults: &'a [VaultOverview],
    selector: &str,
) -> Result<&'a VaultOverview, MatchError> {
    match select(vaults, selector, |v| &v.id, |v| &v.title) {
        Selection::One(v) => Ok(v),
        Selection::None => Err(MatchError::VaultNotFound(selector.to_owned())),
        Selection::Many(ids) => Err(MatchError::TooManyVaults {
            selector: selector.to_owned(),
            ids,
        }),
    }
}

/// The item a reference's second segment names; archived items never match.
pub fn select_item<'a>(
    items: &'a [ItemOverview],
    selector: &str,
) -> Result<&'a ItemOverview, MatchError> {
    let active = items.iter().filter(|i| i.state == ItemState::Active);
    match select(active, selector, |i| &i.id, |i| &i.title) {
        Selection::One(i) => Ok(i),
        Selection::None => Err(MatchError::ItemNotFound(selector.to_owned())),
        Selection::Many(ids) => Err(MatchError::TooManyItems {
            selector: selector.to_owned(),
            ids,
        }),
    }
}

/// What a reference's last segment names inside an item.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Target<'a> {
    /// A field.
    Field(&'a ItemField),
    /// An attached file or a Document item's document.
    File(&'a FileAttributes),
    /// The item's notes (`notesPlain`, as the `op` CLI names them).
    Notes,
}

enum Candidate<'a> {
    Field(&'a ItemField),
    File {
        field_id: &'a str,
        attributes: &'a FileAttributes,
    },
    Document(&'a FileAttributes),
}

impl Candidate<'_> {
    fn id(&self) -> &str {
        match self {
            Self::Field(f) => &f.id,
            Self::File { field_id, .. } => field_id,
            Self::Document(d) => &d.id,
        }
    }

    fn name(&self) -> &str {
        match self {
            Self::Field(f) => &f.title,
            Self::File { attributes, .. } => &attributes.name,
            Self::Document(d) => &d.name,
        }
    }
}

const NOTES_SELECTORS: [&str; 2] = ["notesPlain", "notes"];
const TOTP_PREFIX: &str = "TOTP_";

/// Finds the field, file or notes named by `section` and `field` in `item`.
pub fn select_field<'a>(
    item: &'a Item,
    section: Option<&str>,
    field: &str,
) -> Result<Target<'a>, MatchError> {
    let section_id = match section {
        None => None,
        Some(selector) => match select(&item.sections, selector, |s| &s.id, |s| &s.title) {
            Selection::One(s) => Some(s.id.as_str()),
            Selection::None => return Err(MatchError::NoMatchingSections(selector.to_owned())),
            Selection::Many(ids) => {
                return Err(MatchError::TooManySections {
                    selector: selector.to_owned(),
                    ids,
                });
            }
        },
    };
    let in_scope = |candidate_section: Option<&str>| match section_id {
        None => true,
        Some(wanted) => candidate_section.unwrap_or("") == wanted,
    };
    let mut candidates: Vec<Candidate<'a>> = item
        .fields
        .iter()
        .filter(|f| in_scope(f.section_id.as_deref()))
        .map(Candidate::Field)
        .collect();
    candidates.extend(
        item.files
            .iter()
            .filter(|f| in_scope(Some(&f.section_id)))
            .map(|f| Candidate::File {
                field_id: &f.field_id,
                attributes: &f.attributes,
            }),
    );
    if section_id.is_none() {
        candidates.extend(item.document.iter().map(Candidate::Document));
    }
    let to_target = |c: &Candidate<'a>| match *c {
        Candidate::Field(f) => Target::Field(f),
        Candidate::File { attributes, .. } | Candidate::Document(attributes) => {
            Target::File(attributes)
        }
    };
    match select(&candidates, field, |c| c.id(), |c| c.name()) {
        Selection::One(c) => return Ok(to_target(c)),
        Selection::Many(ids) => {
            return Err(MatchError::TooManyMatchingFields {
                selector: field.to_owned(),
                ids,
            });
        }
        Selection::None => {}
    }
    if let Some(totp_id) = strip_prefix_ignore_case(field, TOTP_PREFIX) {
        let totp = item
            .fields
            .iter()
            .filter(|f| f.field_type == ItemFieldType::Totp && in_scope(f.section_id.as_deref()))
            .find(|f| f.id.eq_ignore_ascii_case(totp_id));
        if let Some(f) = totp {
            return Ok(Target::Field(f));
        }
    }
    if section_id.is_none()
        && NOTES_SELECTORS
            .iter()
            .any(|n| n.eq_ignore_ascii_case(field))
    {
        return Ok(Target::Notes);
    }
    Err(MatchError::FieldNotFound(field.to_owned()))
}

fn strip_prefix_ignore_case<'s>(text: &'s str, prefix: &str) -> Option<&'s str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// What a reference resolves to inside an item.
#[derive(Clone, Debug, PartialEq)]
pub enum Resolved<'a> {
    /// A secret value (field value, code, OpenSSH key or notes).
    Secret(SecretString),
    /// A file whose content the caller reads; only text files resolve (else `unsupportedFileFormat`).
    File(&'a FileAttributes),
}

/// Resolves `reference`'s section, field and query inside `item` (already selected by vault and
/// item), at `unix_time` for one-time codes.
pub fn resolve_in_item<'a>(
    item: &'a Item,
    reference: &SecretReference<'_>,
    unix_time: u64,
) -> Result<Resolved<'a>, MatchError> {
    let target = select_field(item, reference.section, reference.field)?;
    match (target, reference.query) {
        (Target::Field(f), None) => Ok(Resolved::Secret(f.value.clone())),
        (Target::Field(f), Some(Query::Totp)) => totp_code(f, unix_time).map(Resolved::Secret),
        (Target::Field(f), Some(Query::OpenSsh)) => openssh_key(f).map(Resolved::Secret),
        (Target::File(attributes), None) => Ok(Resolved::File(attributes)),
        (Target::Notes, None) => Ok(Resolved::Secret(item.notes.clone())),
        (_, Some(Query::Totp)) => Err(MatchError::IncompatibleTotpQuery(
            reference.field.to_owned(),
        )),
        (_, Some(Query::OpenSsh)) => {
            Err(MatchError::IncompatibleSshQuery(reference.field.to_owned()))
        }
    }
}

/// The current code of a TOTP field.
pub fn totp_code(field: &ItemField, unix_time: u64) -> Result<SecretString, MatchError> {
    if field.field_type != ItemFieldType::Totp {
        return Err(MatchError::IncompatibleTotpQuery(field.id.clone()));
    }
    totp::parse_field_value(field.value.expose_secret())
        .map(|otp| SecretString::new(otp.code_at(unix_time)))
        .map_err(|e| MatchError::UnableToGenerateTotpCode {
            field: field.id.clone(),
            reason: e.to_string(),
        })
}

/// An SSH key field's private key in OpenSSH format.
pub fn openssh_key(field: &ItemField) -> Result<SecretString, MatchError> {
    if field.field_type != ItemFieldType::SshKey {
        return Err(MatchError::IncompatibleSshQuery(field.id.clone()));
    }
    let key = SshPrivateKey::parse(field.value.expose_secret()).map_err(|e| {
        MatchError::UnableToParsePrivateKey {
            field: field.id.clone(),
            reason: e.to_string(),
        }
    })?;
    key.to_openssh()
        .map_err(|_| MatchError::UnableToFormatPrivateKeyToOpenSsh(field.id.clone()))
}
