//! How results and errors are printed: text for people, or exactly one JSON document on stdout.

use std::io::Write;

use clap::ValueEnum;
use serde::Serialize;

use crate::exit::{CliError, CliResult};

/// `--format`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Readable text (the default).
    #[default]
    Text,
    /// One JSON document on stdout; errors as `{"error": {"name", "message"}}` on stderr.
    Json,
}

/// Prints `value` as one compact JSON document followed by a newline.
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> CliResult {
    let text = serde_json::to_string(value)
        .map_err(|e| CliError::Io(format!("could not encode the result as JSON: {e}")))?;
    print_line(&text)
}

/// Prints one line on stdout and flushes it (a closed pipe is an `Io` error, not a panic).
pub fn print_line(text: &str) -> CliResult {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}")
        .and_then(|()| out.flush())
        .map_err(|e| CliError::io("could not write to stdout", &e))
}

/// Prints the result: `json` in JSON mode, else `text()`.
pub fn emit<T: Serialize + ?Sized>(
    format: Format,
    json: &T,
    text: impl FnOnce() -> String,
) -> CliResult {
    match format {
        Format::Json => print_json(json),
        Format::Text => print_line(&text()),
    }
}

/// Prints an error on stderr: `error: ...` (text) or the `{"error": ...}` envelope (json).
pub fn report_error(format: Format, name: &str, message: &str) {
    let mut err = std::io::stderr().lock();
    // Nothing sensible is left to do if stderr itself is closed.
    let _ = match format {
        Format::Text => writeln!(err, "error ({name}): {message}"),
        Format::Json => writeln!(
            err,
            "{}",
            serde_json::json!({"error": {"name": name, "message": message}})
        ),
    };
}

/// A warning on stderr (never on stdout, so JSON output stays one document).
pub fn warn(message: &str) {
    let _ = writeln!(std::io::stderr().lock(), "warning: {message}");
}
