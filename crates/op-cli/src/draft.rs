//! An item being created or edited, and how `op`-style assignments change it.
//!
//! Built-in names (no section): `title`, `notes` (or `notesPlain`), `tags` (comma list),
//! `website` (or `url`). Anything else is a field, matched by title or id ignoring ASCII case,
//! inside the named section; new fields are `Concealed` when named `password` and `Text`
//! otherwise, unless a `[type]` says more. Values are checked by the core when the item is written.

use op_cli::assign::Assignment;
use op_core::SecretString;
use op_core::wire::{AutofillBehavior, ItemField, ItemFieldType, ItemSection, Website};

use crate::exit::{CliResult, invalid};

/// The editable parts of an item.
#[derive(Debug, Default)]
pub struct Draft {
    /// Title.
    pub title: String,
    /// Notes.
    pub notes: SecretString,
    /// Tags.
    pub tags: Vec<String>,
    /// Websites.
    pub websites: Vec<Website>,
    /// Fields.
    pub fields: Vec<ItemField>,
    /// Sections.
    pub sections: Vec<ItemSection>,
}

/// The field type a `[type]` names: `op`'s short names or any wire spelling (case ignored).
pub fn field_type(name: &str) -> CliResult<ItemFieldType> {
    let short = match name.to_ascii_lowercase().as_str() {
        "password" | "concealed" => Some(ItemFieldType::Concealed),
        "text" | "string" => Some(ItemFieldType::Text),
        "otp" | "totp" => Some(ItemFieldType::Totp),
        "monthyear" => Some(ItemFieldType::MonthYear),
        "sshkey" => Some(ItemFieldType::SshKey),
        _ => None,
    };
    short
        .or_else(|| ItemFieldType::suggest(name))
        .filter(ItemFieldType::is_creatable)
        .ok_or_else(|| {
            invalid(format!(
                "unknown field type [{name}]; use one of: text, password, email, url, phone, date, monthYear, otp, reference, menu, sshKey, creditCardNumber, creditCardType, delete"
            ))
        })
}

/// An id made of `text`: ASCII letters and digits lowercased, everything else `_`.
pub fn slug(text: &str) -> String {
    let s: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if s.trim_matches('_').is_empty() {
        "field".into()
    } else {
        s
    }
}

/// `base`, or `base_2`, `base_3`, ... whichever is not `taken`.
pub fn unique(base: String, taken: impl Fn(&str) -> bool) -> String {
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}_{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

impl Draft {
    /// Applies one assignment.
    pub fn apply(&mut self, a: Assignment) -> CliResult {
        let kind = a.kind.as_deref();
        if a.section.is_none() && kind.is_none() {
            let value = a.value.clone().unwrap_or_default();
            match a.field.as_str() {
                "title" => {
                    self.title = value;
                    return Ok(());
                }
                "notes" | "notesPlain" => {
                    self.notes = SecretString::new(value);
                    return Ok(());
                }
                "tags" => {
                    self.tags = value
                        .split(',')
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .map(str::to_owned)
                        .collect();
                    return Ok(());
                }
                "website" | "url" => {
                    self.websites = vec![Website {
                        url: value,
                        label: "website".into(),
                        autofill_behavior: AutofillBehavior::default(),
                        unknown: Default::default(),
                    }];
                    return Ok(());
                }
                _ => {}
            }
        }
        let section_id = match &a.section {
            None => None,
            Some(title) => Some(self.section(title, a.value.is_some())),
        };
        let found = self.fields.iter().position(|f| {
            f.section_id.as_deref().filter(|s| !s.is_empty()) == section_id.as_deref()
                && (f.title.eq_ignore_ascii_case(&a.field) || f.id.eq_ignore_ascii_case(&a.field))
        });
        let Some(value) = a.value else {
            // `[delete]`
            return match found {
                Some(i) => {
                    self.fields.remove(i);
                    Ok(())
                }
                None => Err(crate::exit::CliError::NotFound(format!(
                    "the item has no field {:?} to delete",
                    a.field
                ))),
            };
        };
        let field_type = kind.map(field_type).transpose()?;
        match found {
            Some(i) => {
                let field = &mut self.fields[i];
                if let Some(t) = field_type {
                    field.field_type = t;
                }
                field.value = SecretString::new(value);
                // Derived extras (a TOTP code, SSH key attributes) are recomputed by the core.
                field.details = None;
            }
            None => {
                let builtin =
                    section_id.is_none() && matches!(a.field.as_str(), "username" | "password");
                let id = if builtin {
                    a.field.clone()
                } else {
                    unique(slug(&a.field), |id| self.fields.iter().any(|f| f.id == id))
                };
                let default = if a.field.eq_ignore_ascii_case("password") {
                    ItemFieldType::Concealed
                } else {
                    ItemFieldType::Text
                };
                self.fields.push(ItemField {
                    id,
                    title: a.field,
                    section_id,
                    field_type: field_type.unwrap_or(default),
                    value: SecretString::new(value),
                    details: None,
                    unknown: Default::default(),
                });
            }
        }
        Ok(())
    }

    /// The id of the section titled (or with the id) `title`; created when `create`, else an id
    /// no field has.
    fn section(&mut self, title: &str, create: bool) -> String {
        if !create && find_section(&self.sections, title).is_none() {
            return format!("\u{0}missing:{title}");
        }
        section_id(&mut self.sections, title)
    }
}

fn find_section<'a>(sections: &'a [ItemSection], title: &str) -> Option<&'a ItemSection> {
    sections
        .iter()
        .find(|s| s.title.eq_ignore_ascii_case(title) || s.id.eq_ignore_ascii_case(title))
}

/// The id of the section titled (or with the id) `title` (ASCII case ignored), added to
/// `sections` when there is none.
pub fn section_id(sections: &mut Vec<ItemSection>, title: &str) -> String {
    if let Some(s) = find_section(sections, title) {
        return s.id.clone();
    }
    let id = unique(slug(title), |id| sections.iter().any(|s| s.id == id));
    sections.push(ItemSection {
        id: id.clone(),
        title: title.to_owned(),
        unknown: Default::default(),
    });
    id
}
