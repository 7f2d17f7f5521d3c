//! Templates for `opkit inject`: `{{ op://vault/item/field }}` (spaces allowed inside the braces)
//! and bare references `op://vault/item/field` in any text, plus `${VAR}` / `${VAR:-default}`
//! expansion inside references. Works on bytes, so everything outside a reference is copied
//! byte for byte, whatever its encoding.

use std::ops::Range;

/// A piece of a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// Bytes copied unchanged.
    Text(Range<usize>),
    /// A secret reference (still unexpanded) and where it stood, braces included.
    Reference {
        /// The reference text, e.g. `op://${ENV}/db/password`.
        reference: String,
        /// Its span in the template.
        span: Range<usize>,
    },
}

/// Why a template did not parse; names the line, never a value.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct TemplateError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong there.
    pub message: String,
}

const SCHEME: &[u8] = b"op://";

/// Characters a bare reference may contain (anything else ends it; use braces for spaces).
fn is_bare(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'-' | b'_' | b'.' | b'/' | b'?' | b'=' | b'&' | b'%' | b'+' | b'@' | b'~'
        )
}

fn line_of(template: &[u8], at: usize) -> usize {
    1 + template[..at].iter().filter(|&&b| b == b'\n').count()
}

fn utf8(template: &[u8], span: Range<usize>) -> Result<String, TemplateError> {
    String::from_utf8(template[span.clone()].to_vec()).map_err(|_| TemplateError {
        line: line_of(template, span.start),
        message: "a secret reference is not valid UTF-8".into(),
    })
}

/// Splits a template into text and references.
pub fn parse(template: &[u8]) -> Result<Vec<Segment>, TemplateError> {
    let mut segments = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    while i < template.len() {
        let rest = &template[i..];
        if rest.starts_with(b"{{") {
            let inner_start = i
                + 2
                + rest[2..]
                    .iter()
                    .take_while(|b| matches!(b, b' ' | b'\t'))
                    .count();
            if template[inner_start..].starts_with(SCHEME) {
                let close = template[inner_start..]
                    .windows(2)
                    .position(|w| w == b"}}")
                    .map(|p| inner_start + p)
                    .ok_or_else(|| TemplateError {
                        line: line_of(template, i),
                        message: "`{{ op://` is never closed by `}}`".into(),
                    })?;
                let inner = &template[inner_start..close];
                if inner.contains(&b'\n') {
                    return Err(TemplateError {
                        line: line_of(template, i),
                        message: "a `{{ op://... }}` reference spans several lines".into(),
                    });
                }
                let trimmed = inner.len()
                    - inner
                        .iter()
                        .rev()
                        .take_while(|b| matches!(b, b' ' | b'\t'))
                        .count();
                push_text(&mut segments, text_start..i);
                segments.push(Segment::Reference {
                    reference: utf8(template, inner_start..inner_start + trimmed)?,
                    span: i..close + 2,
                });
                i = close + 2;
                text_start = i;
                continue;
            }
        }
        // `x=op://...` and `"op://..."` start a reference; `xop://` does not.
        let starts_word =
            i == 0 || !(template[i - 1].is_ascii_alphanumeric() || template[i - 1] == b'_');
        if starts_word && rest.starts_with(SCHEME) {
            let end = bare_end(template, i + SCHEME.len());
            push_text(&mut segments, text_start..i);
            segments.push(Segment::Reference {
                reference: utf8(template, i..end)?,
                span: i..end,
            });
            i = end;
            text_start = i;
            continue;
        }
        i += 1;
    }
    push_text(&mut segments, text_start..template.len());
    Ok(segments)
}

fn push_text(segments: &mut Vec<Segment>, range: Range<usize>) {
    if !range.is_empty() {
        segments.push(Segment::Text(range));
    }
}

/// The end of a bare reference starting before `from`: bare characters and `${...}` groups.
fn bare_end(template: &[u8], mut i: usize) -> usize {
    while i < template.len() {
        if template[i..].starts_with(b"${") {
            match template[i..].iter().position(|&b| b == b'}') {
                Some(close) if !template[i..i + close].contains(&b'\n') => i += close + 1,
                _ => break,
            }
        } else if is_bare(template[i]) {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// Expands `${NAME}` and `${NAME:-default}` in `reference` with `lookup`. An unset variable
/// without a default is an error naming it.
pub fn expand(reference: &str, lookup: impl Fn(&str) -> Option<String>) -> Result<String, String> {
    let mut out = String::with_capacity(reference.len());
    let mut rest = reference;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let close = after
            .find('}')
            .ok_or_else(|| format!("`${{` without a closing `}}` in {reference:?}"))?;
        let inner = &after[..close];
        let (name, default) = match inner.split_once(":-") {
            Some((name, default)) => (name, Some(default)),
            None => (inner, None),
        };
        let valid = name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            return Err(format!(
                "`${{{inner}}}` in {reference:?} is not a variable name"
            ));
        }
        match lookup(name)
            .filter(|v| !v.is_empty())
            .or(default.map(str::to_owned))
        {
            Some(value) => out.push_str(&value),
            None => {
                return Err(format!(
                    "the variable {name} used in {reference:?} is not set (give a default with ${{{name}:-value}})"
                ));
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    fn refs(template: &str) -> Vec<String> {
        parse(template.as_bytes())
            .unwrap()
            .into_iter()
            .filter_map(|s| match s {
                Segment::Reference { reference, .. } => Some(reference),
                Segment::Text(_) => None,
            })
            .collect()
    }

    #[test]
    fn braces_and_bare_references() {
        let t = "a: {{ op://My Vault/DB item/password }}\nb: op://v/i/f?attribute=otp\nc={{op://v/i/f}}x\nd: \"op://v/${ENV}/f\"\ne: xop://no {{ not a ref }} y=op://v/i/g";
        assert_eq!(
            refs(t),
            vec![
                "op://My Vault/DB item/password",
                "op://v/i/f?attribute=otp",
                "op://v/i/f",
                "op://v/${ENV}/f",
                "op://v/i/g",
            ]
        );
    }

    #[test]
    fn text_is_kept_byte_for_byte() {
        let t = b"\xff\x00 {{ op://v/i/f }} \r\n tail {{ x";
        let segments = parse(t).unwrap();
        assert_eq!(segments[0], Segment::Text(0..3));
        assert_eq!(segments[2], Segment::Text(19..t.len()));
    }

    #[test]
    fn unclosed_and_multi_line_braces_are_errors() {
        assert_eq!(parse(b"x\n{{ op://v/i/f").unwrap_err().line, 2);
        assert_eq!(parse(b"{{ op://v/i\n/f }}").unwrap_err().line, 1);
        assert!(
            parse(b"op://v/\xff").is_ok(),
            "a bare reference stops at a non-ASCII byte"
        );
    }

    #[test]
    fn expansion() {
        let env = |name: &str| (name == "ENV").then(|| "prod".to_owned());
        assert_eq!(expand("op://${ENV}/db/pw", env).unwrap(), "op://prod/db/pw");
        assert_eq!(
            expand("op://${NOPE:-dev}/x/y", env).unwrap(),
            "op://dev/x/y"
        );
        assert!(
            expand("op://${NOPE}/x/y", env)
                .unwrap_err()
                .contains("NOPE")
        );
        assert!(expand("op://${1X}/x/y", env).is_err());
        assert!(expand("op://${ENV/x/y", env).is_err());
    }

    proptest! {
        /// The segments cover the template exactly, in order, without overlap.
        #[test]
        fn segments_tile_the_input(t in proptest::collection::vec(prop_oneof![
            Just(b"{{".to_vec()), Just(b"}}".to_vec()), Just(b"op://".to_vec()), Just(b" ".to_vec()),
            Just(b"${".to_vec()), Just(b"\n".to_vec()), any::<u8>().prop_map(|b| vec![b]),
        ], 0..40)) {
            let t = t.concat();
            if let Ok(segments) = parse(&t) {
                let mut at = 0;
                for s in segments {
                    let span = match s { Segment::Text(r) => r, Segment::Reference { span, .. } => span };
                    prop_assert_eq!(span.start, at);
                    prop_assert!(span.end > span.start);
                    at = span.end;
                }
                prop_assert_eq!(at, t.len());
            }
        }
    }
}
