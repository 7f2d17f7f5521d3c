//! The reference grammar (docs/protocol.md §11.2).
//!
//! Order of checks, chosen so that every shared vector gets the official verdict:
//! 1. the text starts with exactly `op://` (else `prefix`);
//! 2. the query is what follows the **last** `?`, so any other `?` stays in the path;
//! 3. every path character is an ASCII letter or digit, `_`, `.`, `-`, space or `/` (else
//!    `character`; this is also what a stray `?`, `=`, `&`, `%` or `#` in the path reports);
//! 4. the path has 3 or 4 `/`-separated segments (else `format`); empty segments pass, as in the
//!    official core, and fail later at resolution with a clear message;
//! 5. a query is one `key=value` pair of `[A-Za-z0-9_.-]` (else `format`), with key `attribute` or
//!    `ssh-format` (else `query key`) and value `totp`/`otp` or `openssh` respectively, case-sensitive
//!    (else `query value`).

use std::fmt;

/// Beginning of every reference.
pub const PREFIX: &str = "op://";

const FORMAT_MESSAGE: &str = "secret reference has invalid format - must be \"op://<vault>/<item>/[section/]field[?attribute=<attribute-value>]\"";
const CHARACTER_MESSAGE: &str = "invalid character in secret reference: secret references must only contain alphanumeric, _, . or - characters";

/// The class of a parse failure; the same classes the official core distinguishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReferenceErrorKind {
    /// Does not start with `op://`.
    Prefix,
    /// Wrong number of segments or a malformed query.
    Format,
    /// A character outside the allowed set.
    Character,
    /// An unknown query parameter.
    QueryKey,
    /// A value the query parameter does not allow.
    QueryValue,
}

impl ReferenceErrorKind {
    /// Stable snake_case name (`prefix`, `format`, `character`, `query_key`, `query_value`).
    pub fn name(&self) -> &'static str {
        match self {
            Self::Prefix => "prefix",
            Self::Format => "format",
            Self::Character => "character",
            Self::QueryKey => "query_key",
            Self::QueryValue => "query_value",
        }
    }
}

/// Why a reference did not parse. The message names the rule and, where it helps, the offending
/// character or parameter; references name secrets but are not secrets, so they may be quoted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ReferenceError {
    kind: ReferenceErrorKind,
    message: String,
}

impl ReferenceError {
    fn new(kind: ReferenceErrorKind, message: String) -> Self {
        Self { kind, message }
    }

    /// Which rule failed.
    pub fn kind(&self) -> ReferenceErrorKind {
        self.kind
    }

    /// The message alone (also what `Display` prints).
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// What the query asks for instead of the field's plain value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Query {
    /// `attribute=totp` or `attribute=otp`: the current one-time code of a TOTP field.
    Totp,
    /// `ssh-format=openssh`: an SSH key field's private key in OpenSSH format.
    OpenSsh,
}

impl Query {
    fn as_str(&self) -> &'static str {
        match self {
            Self::Totp => "attribute=totp",
            Self::OpenSsh => "ssh-format=openssh",
        }
    }
}

/// A parsed reference borrowing from its text; `parse` allocates nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SecretReference<'a> {
    /// Vault id or name.
    pub vault: &'a str,
    /// Item id or name.
    pub item: &'a str,
    /// Section id or name, when the reference has four segments.
    pub section: Option<&'a str>,
    /// Field id or label, or a file name.
    pub field: &'a str,
    /// The query, if any.
    pub query: Option<Query>,
}

// One bit per byte value: the characters allowed in a path (segments and `/`).
const fn path_table() -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-' | b' ' | b'/');
        b += 1;
    }
    t
}

const fn query_table() -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-');
        b += 1;
    }
    t
}

static PATH_CHARS: [bool; 256] = path_table();
static QUERY_CHARS: [bool; 256] = query_table();

impl<'a> SecretReference<'a> {
    /// Parses `text` with the official grammar.
    pub fn parse(text: &'a str) -> Result<Self, ReferenceError> {
        let Some(rest) = text.strip_prefix(PREFIX) else {
            return Err(ReferenceError::new(
                ReferenceErrorKind::Prefix,
                "secret reference is not prefixed with \"op://\"".to_owned(),
            ));
        };
        let (path, query) = match rest.rsplit_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (rest, None),
        };
        if let Some(position) = path.bytes().position(|b| !PATH_CHARS[usize::from(b)]) {
            let found = path[position..].chars().next().unwrap_or('\u{fffd}');
            return Err(ReferenceError::new(
                ReferenceErrorKind::Character,
                format!(
                    "{CHARACTER_MESSAGE} (found {found:?} at position {})",
                    PREFIX.len() + position
                ),
            ));
        }
        let mut segments = path.split('/');
        let (vault, item, third, fourth) = match (
            segments.next(),
            segments.next(),
            segments.next(),
            segments.next(),
            segments.next(),
        ) {
            (Some(v), Some(i), Some(t), fourth, None) => (v, i, t, fourth),
            _ => return Err(format_error()),
        };
        let (section, field) = match fourth {
            Some(field) => (Some(third), field),
            None => (None, third),
        };
        let query = query.map(parse_query).transpose()?;
        Ok(Self {
            vault,
            item,
            section,
            field,
            query,
        })
    }
}

fn format_error() -> ReferenceError {
    ReferenceError::new(ReferenceErrorKind::Format, FORMAT_MESSAGE.to_owned())
}

fn parse_query(query: &str) -> Result<Query, ReferenceError> {
    let Some((key, value)) = query.split_once('=') else {
        return Err(format_error());
    };
    let well_formed = |s: &str| s.bytes().all(|b| QUERY_CHARS[usize::from(b)]);
    if key.is_empty() || !well_formed(key) || !well_formed(value) {
        return Err(format_error());
    }
    match (key, value) {
        ("attribute", "totp" | "otp") => Ok(Query::Totp),
        ("ssh-format", "openssh") => Ok(Query::OpenSsh),
        ("attribute", other) => Err(ReferenceError::new(
            ReferenceErrorKind::QueryValue,
            format!(
                "secret reference has invalid query parameter value: attribute={other:?} is not supported; use attribute=totp or attribute=otp"
            ),
        )),
        ("ssh-format", other) => Err(ReferenceError::new(
            ReferenceErrorKind::QueryValue,
            format!(
                "secret reference has invalid query parameter value: ssh-format={other:?} is not supported; use ssh-format=openssh"
            ),
        )),
        (other, _) => Err(ReferenceError::new(
            ReferenceErrorKind::QueryKey,
            format!(
                "secret reference has invalid query parameter key: {other:?} is not supported; use attribute or ssh-format"
            ),
        )),
    }
}

impl fmt::Display for SecretReference<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{PREFIX}{}/{}/", self.vault, self.item)?;
        if let Some(section) = self.section {
            write!(f, "{section}/")?;
        }
        f.write_str(self.field)?;
        if let Some(query) = self.query {
            write!(f, "?{}", query.as_str())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_and_four_segments() {
        let r = SecretReference::parse("op://v/i/f").unwrap();
        assert_eq!(
            (r.vault, r.item, r.section, r.field, r.query),
            ("v", "i", None, "f", None)
        );
        let r = SecretReference::parse("op://v/i/s/f?ssh-format=openssh").unwrap();
        assert_eq!(
            (r.section, r.field, r.query),
            (Some("s"), "f", Some(Query::OpenSsh))
        );
        assert_eq!(r.to_string(), "op://v/i/s/f?ssh-format=openssh");
    }

    #[test]
    fn messages_name_the_rule_and_the_culprit() {
        let e = SecretReference::parse("op://v/i/f#x").unwrap_err();
        assert!(e.message().starts_with(CHARACTER_MESSAGE), "{e}");
        assert!(e.message().contains("'#'"), "{e}");
        let e = SecretReference::parse("op://v/i/f?attribute=type").unwrap_err();
        assert_eq!(e.kind(), ReferenceErrorKind::QueryValue);
        assert!(e.message().contains("attribute=totp"), "{e}");
        let e = SecretReference::parse("op://v/i").unwrap_err();
        assert_eq!(e.message(), FORMAT_MESSAGE);
    }

    #[test]
    fn non_ascii_is_reported_whole() {
        let e = SecretReference::parse("op://v/i/ключ").unwrap_err();
        assert_eq!(e.kind(), ReferenceErrorKind::Character);
        assert!(e.message().contains("'к'"), "{e}");
    }
}
