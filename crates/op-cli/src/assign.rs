//! `op`-style field assignments for `opkit item create` and `opkit item edit`:
//! `[section.]field[type]=value`, `field[delete]`, with `\.`, `\=`, `\[` and `\\` escaping those
//! characters in names. Only the syntax is checked here; the CLI maps the type name to a field
//! type and the core validates the value (dates, TOTP, SSH keys, ...) when the item is written.

/// One assignment. `Debug` leaves the value out: it is often a password.
#[derive(Clone, PartialEq, Eq)]
pub struct Assignment {
    /// The section's title, if the name had one.
    pub section: Option<String>,
    /// The field's title (or a built-in name such as `title`, `notes`, `username`).
    pub field: String,
    /// The type in brackets (`password`, `text`, `delete`, ...), if any.
    pub kind: Option<String>,
    /// The value; `None` for `field[delete]`.
    pub value: Option<String>,
}

impl std::fmt::Debug for Assignment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Assignment")
            .field("section", &self.section)
            .field("field", &self.field)
            .field("kind", &self.kind)
            .field("value", &self.value.as_ref().map(|_| "[REDACTED]"))
            .finish()
    }
}

/// Parses one assignment. Errors describe the syntax problem without repeating the value.
pub fn parse(arg: &str) -> Result<Assignment, String> {
    // Split at the first unescaped '='.
    let mut name = String::new();
    let mut dots = Vec::new();
    let mut bracket = None;
    let mut value = None;
    let mut chars = arg.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some((_, e)) => name.push(e),
                None => {
                    return Err(format!(
                        "a trailing backslash in the assignment name {:?}",
                        name
                    ));
                }
            },
            '=' => {
                value = Some(arg[i + 1..].to_owned());
                break;
            }
            '.' if bracket.is_none() => {
                dots.push(name.len());
                name.push('.');
            }
            '[' if bracket.is_none() => {
                bracket = Some(name.len());
                name.push('[');
            }
            _ => name.push(c),
        }
    }
    let (label, kind) = match bracket {
        Some(at) => {
            let kind = name[at + 1..].strip_suffix(']').ok_or_else(|| {
                format!(
                    "{:?}: the type must end with ']', e.g. password[password]=...",
                    &name
                )
            })?;
            (name[..at].to_owned(), Some(kind.to_owned()))
        }
        None => (name.clone(), None),
    };
    let (section, field) = match dots.first().filter(|&&d| d < label.len()) {
        Some(&d) => (Some(label[..d].to_owned()), label[d + 1..].to_owned()),
        None => (None, label),
    };
    if field.is_empty() || section.as_deref() == Some("") {
        return Err(format!(
            "{name:?}: an assignment needs a field name, e.g. username=alice or Section.field[text]=value"
        ));
    }
    match (&value, kind.as_deref()) {
        (None, Some("delete")) => {}
        (None, _) => {
            return Err(format!(
                "{name:?} has no '=': write field=value, or field[delete] to remove a field"
            ));
        }
        (Some(_), Some("delete")) => return Err(format!("{name:?}: [delete] takes no value")),
        _ => {}
    }
    Ok(Assignment {
        section,
        field,
        kind,
        value,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn debug_never_shows_the_value() {
        let text = format!("{:?}", parse("password[password]=hunter2").unwrap());
        assert!(
            !text.contains("hunter2") && text.contains("[REDACTED]"),
            "{text}"
        );
    }

    fn a(
        section: Option<&str>,
        field: &str,
        kind: Option<&str>,
        value: Option<&str>,
    ) -> Assignment {
        Assignment {
            section: section.map(str::to_owned),
            field: field.to_owned(),
            kind: kind.map(str::to_owned),
            value: value.map(str::to_owned),
        }
    }

    #[test]
    fn forms() {
        assert_eq!(
            parse("username=alice").unwrap(),
            a(None, "username", None, Some("alice"))
        );
        assert_eq!(
            parse("password[password]=a=b").unwrap(),
            a(None, "password", Some("password"), Some("a=b"))
        );
        assert_eq!(
            parse("DB.host[text]=x.y").unwrap(),
            a(Some("DB"), "host", Some("text"), Some("x.y"))
        );
        assert_eq!(
            parse(r"a\.b\=c=v").unwrap(),
            a(None, "a.b=c", None, Some("v"))
        );
        assert_eq!(
            parse("S.f[delete]").unwrap(),
            a(Some("S"), "f", Some("delete"), None)
        );
        assert_eq!(parse("title=").unwrap(), a(None, "title", None, Some("")));
        assert_eq!(
            parse("S.f.g=1").unwrap(),
            a(Some("S"), "f.g", None, Some("1"))
        );
    }

    #[test]
    fn syntax_errors() {
        for bad in [
            "novalue",
            "=x",
            ".f=x",
            "S.=x",
            "f[text=x",
            "f[delete]=x",
            "f\\",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert!(!parse("pw[password").unwrap_err().contains("hunter"));
    }

    proptest! {
        /// Escaped names and any value come back unchanged.
        #[test]
        fn round_trip(section in "[^\\[]{1,8}", field in "[^\\[]{1,8}", value in any::<String>()) {
            let esc = |s: &str| s.replace('\\', "\\\\").replace('.', "\\.").replace('=', "\\=").replace('[', "\\[");
            let parsed = parse(&format!("{}.{}[text]={value}", esc(&section), esc(&field))).unwrap();
            prop_assert_eq!(parsed, a(Some(&section), &field, Some("text"), Some(&value)));
        }
    }
}
