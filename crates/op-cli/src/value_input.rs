//! Values read from stdin (`NAME=-`) or a file (`--value-file`) instead of the command line,
//! where every other user could read them in `ps` and the shell keeps them in its history.

use std::io::Read;
use std::path::Path;

use op_core::SecretString;
use zeroize::Zeroizing;

use crate::exit::{CliError, CliResult, invalid};

/// The largest value read: far above any password, key or certificate, small enough that a
/// wrong path (`/dev/zero`) fails quickly instead of filling memory.
pub const MAX_VALUE: usize = 1024 * 1024;

/// The command-line value that means "read it from stdin".
pub const FROM_STDIN: &str = "-";

/// Reads one value from `input`: at most [`MAX_VALUE`] bytes of UTF-8, one trailing newline
/// (`\n` or `\r\n`) removed so `echo` and editors' final newline do not become part of it.
fn read_value(input: impl Read, from: &str) -> CliResult<SecretString> {
    let mut bytes = Zeroizing::new(Vec::new());
    let limit = u64::try_from(MAX_VALUE)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    input
        .take(limit)
        .read_to_end(&mut bytes)
        .map_err(|e| CliError::io(format!("could not read the value from {from}"), &e))?;
    if bytes.len() > MAX_VALUE {
        return Err(invalid(format!(
            "the value from {from} is longer than {MAX_VALUE} bytes"
        )));
    }
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
    }
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| invalid(format!("the value from {from} is not valid UTF-8")))?;
    Ok(SecretString::new(text.to_owned()))
}

/// The value on stdin.
pub fn from_stdin() -> CliResult<SecretString> {
    read_value(std::io::stdin().lock(), "stdin")
}

/// The value in the file at `path`.
pub fn from_file(path: &Path) -> CliResult<SecretString> {
    let from = path.display().to_string();
    let file = std::fs::File::open(path)
        .map_err(|e| CliError::io(format!("could not open {from}"), &e))?;
    read_value(file, &from)
}
