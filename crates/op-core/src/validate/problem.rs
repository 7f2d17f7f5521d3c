//! What validation reports: every problem at once, each with where and which rule.

use std::fmt;

/// The rule a problem breaks. Variant names are stable codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    /// The title is empty.
    EmptyTitle,
    /// The vault id is empty.
    EmptyVaultId,
    /// The category is not one of the 23 a new item may have.
    UnknownCategory,
    /// The category of an existing item was changed.
    CategoryChanged,
    /// The field type is not one of the 14 a new field may have.
    UnknownFieldType,
    /// A field has an empty id.
    EmptyFieldId,
    /// Two fields (or a field and a file) share an id.
    DuplicateFieldId,
    /// Two sections share an id.
    DuplicateSectionId,
    /// A field or file names a section that is not declared.
    UnknownSection,
    /// A `Date` value is not a real `YYYY-MM-DD` date.
    InvalidDate,
    /// A `MonthYear` value is not `MM/YYYY` with month 01-12.
    InvalidMonthYear,
    /// A `Reference` value is not an item id.
    InvalidReference,
    /// A `Reference` names no item of the same vault.
    ReferenceNotFound,
    /// An `SshKey` field outside an `SshKey` item.
    SshKeyOutsideSshKeyItem,
    /// More than one `SshKey` field in an item.
    MultipleSshKeys,
    /// An `SshKey` value is not a private key opkit can read.
    InvalidSshKey,
    /// An `SshKey` value is an encrypted private key.
    EncryptedSshKey,
    /// A `Totp` value is neither an `otpauth://` URI nor a base32 seed.
    InvalidTotp,
    /// An `Address` field without address `details`.
    AddressDetailsRequired,
    /// Websites on an item that is not a Login or Password. No longer reported (every category may
    /// have websites, ADR 0015); kept so that the stable rule names do not change.
    WebsitesNotAllowed,
    /// A website with an empty URL.
    EmptyWebsiteUrl,
    /// A document on an item that is not a Document.
    DocumentNotAllowed,
    /// A Document item without its document.
    DocumentRequired,
    /// A file with an empty name.
    EmptyFileName,
}

impl Rule {
    /// Stable name of the rule.
    pub fn name(&self) -> &'static str {
        match self {
            Self::EmptyTitle => "EmptyTitle",
            Self::EmptyVaultId => "EmptyVaultId",
            Self::UnknownCategory => "UnknownCategory",
            Self::CategoryChanged => "CategoryChanged",
            Self::UnknownFieldType => "UnknownFieldType",
            Self::EmptyFieldId => "EmptyFieldId",
            Self::DuplicateFieldId => "DuplicateFieldId",
            Self::DuplicateSectionId => "DuplicateSectionId",
            Self::UnknownSection => "UnknownSection",
            Self::InvalidDate => "InvalidDate",
            Self::InvalidMonthYear => "InvalidMonthYear",
            Self::InvalidReference => "InvalidReference",
            Self::ReferenceNotFound => "ReferenceNotFound",
            Self::SshKeyOutsideSshKeyItem => "SshKeyOutsideSshKeyItem",
            Self::MultipleSshKeys => "MultipleSshKeys",
            Self::InvalidSshKey => "InvalidSshKey",
            Self::EncryptedSshKey => "EncryptedSshKey",
            Self::InvalidTotp => "InvalidTotp",
            Self::AddressDetailsRequired => "AddressDetailsRequired",
            Self::WebsitesNotAllowed => "WebsitesNotAllowed",
            Self::EmptyWebsiteUrl => "EmptyWebsiteUrl",
            Self::DocumentNotAllowed => "DocumentNotAllowed",
            Self::DocumentRequired => "DocumentRequired",
            Self::EmptyFileName => "EmptyFileName",
        }
    }
}

/// One problem: the field (by id) or item member it concerns, the rule, and a message that says
/// what to change. Messages never repeat a field's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The field's id, when the problem is about a field.
    pub field_id: Option<String>,
    /// The item member concerned: `title`, `category`, `fields`, `sections`, `websites`, `files`, ...
    pub member: &'static str,
    /// The rule broken.
    pub rule: Rule,
    /// What is wrong and what is accepted.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field_id {
            Some(id) => write!(f, "field {id:?}: {}", self.message),
            None => write!(f, "{}: {}", self.member, self.message),
        }
    }
}

/// Every problem found in an item, reported together so a user fixes them in one go.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct ValidationError {
    /// The problems, in the order of the item's members.
    pub problems: Vec<Problem>,
}

impl ValidationError {
    /// Whether any problem breaks `rule`.
    pub fn has(&self, rule: Rule) -> bool {
        self.problems.iter().any(|p| p.rule == rule)
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid item: ")?;
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

/// Collects problems while validation walks an item.
#[derive(Default)]
pub(crate) struct Problems(Vec<Problem>);

impl Problems {
    pub(crate) fn item(&mut self, member: &'static str, rule: Rule, message: impl Into<String>) {
        self.0.push(Problem {
            field_id: None,
            member,
            rule,
            message: message.into(),
        });
    }

    pub(crate) fn field(&mut self, id: &str, rule: Rule, message: impl Into<String>) {
        self.0.push(Problem {
            field_id: Some(id.to_owned()),
            member: "fields",
            rule,
            message: message.into(),
        });
    }

    pub(crate) fn finish(self) -> Result<(), ValidationError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ValidationError { problems: self.0 })
        }
    }
}
