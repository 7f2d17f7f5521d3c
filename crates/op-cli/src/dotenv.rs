//! Dotenv files for `opkit run --env-file`: `KEY=value` lines with an optional `export ` prefix,
//! `#` comments (whole lines, or after whitespace in an unquoted value), single quotes (literal,
//! may span lines), double quotes (escapes `\n \r \t \" \\ \$`, may span lines) and unquoted
//! values (trimmed). Variables are not expanded here: `opkit run` expands `${VAR}` inside secret
//! references only, and never inside single-quoted values ([`Entry::literal`]).

/// One `KEY=value` assignment. `Debug` leaves the value out: it may be a secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Entry {
    /// The variable name.
    pub key: String,
    /// The value after quote and escape processing.
    pub value: String,
    /// Single-quoted: taken literally, with no `${VAR}` expansion.
    pub literal: bool,
    /// The 1-based line the assignment starts on.
    pub line: usize,
}

impl std::fmt::Debug for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entry")
            .field("key", &self.key)
            .field("value", &"[REDACTED]")
            .field("literal", &self.literal)
            .field("line", &self.line)
            .finish()
    }
}

/// Why a file did not parse; names the line, never the value.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct DotenvError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong there.
    pub message: String,
}

struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.bump();
        }
    }

    fn rest_of_line(&mut self) -> &str {
        let start = self.pos;
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        self.pos = end;
        &self.text[start..end]
    }

    fn error(&self, line: usize, message: impl Into<String>) -> DotenvError {
        DotenvError {
            line,
            message: message.into(),
        }
    }
}

fn is_key_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')
}

/// Parses a dotenv file.
pub fn parse(text: &str) -> Result<Vec<Entry>, DotenvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut c = Cursor {
        text,
        pos: 0,
        line: 1,
    };
    let mut entries = Vec::new();
    loop {
        // Blank lines, `\r` of CRLF files and comment lines.
        while matches!(c.peek(), Some(' ' | '\t' | '\r' | '\n')) {
            c.bump();
        }
        match c.peek() {
            None => return Ok(entries),
            Some('#') => {
                c.rest_of_line();
                continue;
            }
            Some(_) => {}
        }
        let line = c.line;
        let mut key = read_key(&mut c);
        if key == "export" && matches!(c.peek(), Some(' ' | '\t')) {
            c.skip_blanks();
            key = read_key(&mut c);
        }
        if key.is_empty() {
            return Err(c.error(
                line,
                "expected NAME=value (a name starts with a letter or _)",
            ));
        }
        c.skip_blanks();
        if c.bump() != Some('=') {
            return Err(c.error(line, format!("expected '=' after the name {key}")));
        }
        c.skip_blanks();
        let (value, literal) = match c.peek() {
            Some('\'') => {
                c.bump();
                (single_quoted(&mut c, line)?, true)
            }
            Some('"') => {
                c.bump();
                (double_quoted(&mut c, line)?, false)
            }
            _ => (unquoted(&mut c), false),
        };
        entries.push(Entry {
            key,
            value,
            literal,
            line,
        });
    }
}

fn read_key(c: &mut Cursor<'_>) -> String {
    let mut key = String::new();
    if c.peek().is_some_and(is_key_start) {
        while let Some(ch) = c.peek().filter(|&ch| is_key_char(ch)) {
            key.push(ch);
            c.bump();
        }
    }
    key
}

fn unquoted(c: &mut Cursor<'_>) -> String {
    let raw = c.rest_of_line();
    // A comment starts at a `#` that follows whitespace (`a#b` is a value).
    let mut end = raw.len();
    let bytes = raw.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && (i == 0 || matches!(bytes[i - 1], b' ' | b'\t')) {
            end = i;
            break;
        }
    }
    raw[..end].trim_end().to_owned()
}

/// After a closing quote only blanks and a comment may follow on the line.
fn end_of_quoted(c: &mut Cursor<'_>, line: usize) -> Result<(), DotenvError> {
    c.skip_blanks();
    let rest = c.rest_of_line().trim_end_matches('\r');
    if rest.is_empty() || rest.starts_with('#') {
        Ok(())
    } else {
        Err(c.error(line, "unexpected text after the closing quote"))
    }
}

fn single_quoted(c: &mut Cursor<'_>, line: usize) -> Result<String, DotenvError> {
    let mut value = String::new();
    loop {
        match c.bump() {
            None => return Err(c.error(line, "the single-quoted value is never closed")),
            Some('\'') => break,
            Some(ch) => value.push(ch),
        }
    }
    end_of_quoted(c, line)?;
    Ok(value)
}

fn double_quoted(c: &mut Cursor<'_>, line: usize) -> Result<String, DotenvError> {
    let mut value = String::new();
    loop {
        match c.bump() {
            None => return Err(c.error(line, "the double-quoted value is never closed")),
            Some('"') => break,
            Some('\\') => match c.bump() {
                Some('n') => value.push('\n'),
                Some('r') => value.push('\r'),
                Some('t') => value.push('\t'),
                Some(ch @ ('"' | '\\' | '$' | '\'')) => value.push(ch),
                Some(other) => {
                    value.push('\\');
                    value.push(other);
                }
                None => return Err(c.error(line, "the double-quoted value is never closed")),
            },
            Some(ch) => value.push(ch),
        }
    }
    end_of_quoted(c, line)?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn debug_never_shows_the_value() {
        let text = format!("{:?}", parse("API_KEY=s3cr3t\n").unwrap());
        assert!(
            !text.contains("s3cr3t") && text.contains("API_KEY"),
            "{text}"
        );
    }

    fn pairs(text: &str) -> Vec<(String, String)> {
        parse(text)
            .unwrap()
            .into_iter()
            .map(|e| (e.key, e.value))
            .collect()
    }

    fn p(k: &str, v: &str) -> (String, String) {
        (k.to_owned(), v.to_owned())
    }

    #[test]
    fn the_common_forms() {
        let text = "\u{feff}# comment\n\nA=1\nexport B = two words  # note\r\nC='it''s'\nD=\"x\\ny\\t\\\"q\\\" \\$HOME \\q\"\nE=\nF=a#b\nG=op://v/i/f\n";
        assert_eq!(
            parse(text).map(|_| ()),
            Err(DotenvError {
                line: 5,
                message: "unexpected text after the closing quote".into()
            })
        );
        let text = text.replace("C='it''s'", "C='it s' # c");
        assert_eq!(
            pairs(&text),
            vec![
                p("A", "1"),
                p("B", "two words"),
                p("C", "it s"),
                p("D", "x\ny\t\"q\" $HOME \\q"),
                p("E", ""),
                p("F", "a#b"),
                p("G", "op://v/i/f"),
            ]
        );
    }

    #[test]
    fn multi_line_values_keep_every_byte() {
        let text = "KEY='-----BEGIN-----\nAAAA\n-----END-----\n'\nNEXT=\"l1\nl2\"\nexport=x\n";
        let entries = parse(text).unwrap();
        assert_eq!(entries[0].value, "-----BEGIN-----\nAAAA\n-----END-----\n");
        assert!(entries[0].literal);
        assert_eq!((entries[1].value.as_str(), entries[1].line), ("l1\nl2", 5));
        assert_eq!(entries[2].key, "export", "export alone is a name");
    }

    #[test]
    fn errors_name_the_line() {
        for (text, line) in [
            ("A=1\n=2\n", 2),
            ("A=1\nB\n", 2),
            ("A='open\n\n", 1),
            ("\n\nA=\"open\\", 3),
            ("1A=x", 1),
        ] {
            assert_eq!(parse(text).unwrap_err().line, line, "{text:?}");
        }
    }

    proptest! {
        /// Any value written double-quoted with escapes reads back unchanged.
        #[test]
        fn double_quoted_round_trip(key in "[A-Za-z_][A-Za-z0-9_]{0,8}", value in any::<String>()) {
            let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
            let text = format!("export {key}=\"{escaped}\"\n");
            prop_assert_eq!(pairs(&text), vec![(key, value)]);
        }

        /// Arbitrary input never panics.
        #[test]
        fn never_panics(text in any::<String>()) {
            let _ = parse(&text);
        }
    }
}
