//! Values read from stdin (`NAME=-`) or a file (`--value-file`) instead of the command line,
//! where every other user could read them in `ps` and the shell keeps them in its history; and
//! the bounded read the CLI's input files go through, so a wrong path (`/dev/zero`, a huge file)
//! fails at its limit instead of filling memory first.

use std::io::Read;
use std::path::Path;

use op_core::SecretString;
use zeroize::Zeroizing;

use crate::exit::{CliError, CliResult, invalid};

/// The largest value read: far above any password, key or certificate, small enough that a
/// wrong path fails quickly.
pub const MAX_VALUE: usize = 1024 * 1024;

/// The largest template or env file read: the protocol's message limit.
pub const MAX_INPUT: usize = op_sdk::protocol::MESSAGE_LIMIT;

/// The command-line value that means "read it from stdin".
pub const FROM_STDIN: &str = "-";

/// All of `input` (named `from` in errors), failing as soon as it passes `limit` bytes.
pub fn read_bounded(input: impl Read, limit: usize, from: &str) -> CliResult<Zeroizing<Vec<u8>>> {
    let mut bytes = Zeroizing::new(Vec::new());
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    input
        .take(cap)
        .read_to_end(&mut bytes)
        .map_err(|e| CliError::io(format!("could not read {from}"), &e))?;
    if bytes.len() > limit {
        return Err(invalid(format!("{from} is longer than {limit} bytes")));
    }
    Ok(bytes)
}

/// [`read_bounded`] of the file at `path`.
pub fn read_file_bounded(path: &Path, limit: usize) -> CliResult<Zeroizing<Vec<u8>>> {
    let from = path.display().to_string();
    let file = std::fs::File::open(path)
        .map_err(|e| CliError::io(format!("could not open {from}"), &e))?;
    read_bounded(file, limit, &from)
}

/// A UTF-8 text file of at most `limit` bytes.
pub fn text_file(path: &Path, limit: usize) -> CliResult<SecretString> {
    let bytes = read_file_bounded(path, limit)?;
    utf8(&bytes, &path.display().to_string())
}

fn utf8(bytes: &[u8], from: &str) -> CliResult<SecretString> {
    let text =
        std::str::from_utf8(bytes).map_err(|_| invalid(format!("{from} is not valid UTF-8")))?;
    Ok(SecretString::new(text.to_owned()))
}

/// One value: at most [`MAX_VALUE`] bytes of UTF-8, one trailing newline (`\n` or `\r\n`)
/// removed so `echo` and editors' final newline do not become part of it.
fn value(mut bytes: Zeroizing<Vec<u8>>, from: &str) -> CliResult<SecretString> {
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
    }
    utf8(&bytes, &format!("the value from {from}"))
}

/// The value on stdin.
pub fn from_stdin() -> CliResult<SecretString> {
    let bytes = read_bounded(std::io::stdin().lock(), MAX_VALUE, "the value on stdin")?;
    value(bytes, "stdin")
}

/// The value in the file at `path`.
pub fn from_file(path: &Path) -> CliResult<SecretString> {
    value(
        read_file_bounded(path, MAX_VALUE)?,
        &path.display().to_string(),
    )
}
