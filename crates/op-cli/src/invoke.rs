//! `opkit invoke`: the invocation protocol over stdin/stdout, one JSON request per line.
//!
//! Request: `{"fn": "init_client"|"invoke"|"invoke_sync"|"release_client", "arg": <value>}`; a
//! string `arg` is passed as its content, any other value as its JSON text. Reply, one line each:
//! `{"ok": "<result text>"}` or `{"err": "<error text>"}`. Blank lines are skipped; a malformed line
//! gets an `err` reply and the stream goes on. Clients live until the stream ends.

use std::io::{BufRead, Read};

use serde::Deserialize;
use serde_json::{Value, json};

use crate::exit::{CliError, CliResult};
use crate::output::print_line;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Request {
    #[serde(rename = "fn")]
    function: String,
    arg: Value,
}

/// The longest request line read. The SDK refuses arguments over its 50 MiB message limit; a
/// string argument's JSON escapes can make its line up to six times longer (`\u0000`), so
/// anything past that is refused without being held in memory.
pub const MAX_LINE: usize = 6 * op_sdk::protocol::MESSAGE_LIMIT + 64 * 1024;

/// A line longer than the limit (it was skipped up to its newline).
#[derive(Debug, PartialEq, Eq)]
struct TooLong;

/// One line of at most `limit` bytes (without its newline), `None` at end of input.
fn read_line(
    input: &mut impl BufRead,
    limit: usize,
) -> std::io::Result<Option<Result<Vec<u8>, TooLong>>> {
    let mut line = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let n = input.by_ref().take(cap).read_until(b'\n', &mut line)?;
    if n == 0 {
        return Ok(None);
    }
    if line.last() == Some(&b'\n') {
        line.pop();
        return Ok(Some(Ok(line)));
    }
    if line.len() <= limit {
        return Ok(Some(Ok(line)));
    }
    drop(line);
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(at) => {
                input.consume(at + 1);
                break;
            }
            None => {
                let len = buf.len();
                input.consume(len);
            }
        }
    }
    Ok(Some(Err(TooLong)))
}

/// Runs the stream until stdin ends.
pub async fn run() -> CliResult {
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    while let Some(line) = read_line(&mut input, MAX_LINE)
        .map_err(|e| CliError::io("could not read a request from stdin", &e))?
    {
        let reply = match line.map(String::from_utf8) {
            Err(TooLong) => json!({
                "err": format!("the request line is longer than {MAX_LINE} bytes; it was skipped")
            }),
            Ok(Err(_)) => json!({ "err": "the request line is not valid UTF-8" }),
            Ok(Ok(line)) if line.trim().is_empty() => continue,
            Ok(Ok(line)) => match answer(&line).await {
                Ok(text) => json!({ "ok": text }),
                Err(text) => json!({ "err": text }),
            },
        };
        print_line(&reply.to_string())?;
    }
    Ok(())
}

async fn answer(line: &str) -> Result<String, String> {
    // serde_json's messages give a position, never the input, so a token on a bad line stays private.
    let request: Request = serde_json::from_str(line).map_err(|e| {
        format!(
            "malformed request line ({e}); expected {{\"fn\": \"init_client\"|\"invoke\"|\"invoke_sync\"|\"release_client\", \"arg\": ...}}"
        )
    })?;
    let arg = match request.arg {
        Value::String(text) => text,
        other => other.to_string(),
    };
    match request.function.as_str() {
        "init_client" => op_sdk::init_client(arg).await,
        "invoke" => op_sdk::invoke(arg).await,
        "invoke_sync" => op_sdk::invoke_sync(arg),
        "release_client" => op_sdk::release_client(arg).map(|()| String::new()),
        other => Err(format!(
            "unknown fn {other:?}; expected init_client, invoke, invoke_sync or release_client"
        )),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_line_over_the_limit_is_skipped_without_being_kept() {
        let mut input: &[u8] = b"short\n0123456789abcdef\nnext\r\nlast";
        let mut got = Vec::new();
        while let Some(line) = read_line(&mut input, 8).unwrap() {
            got.push(line);
        }
        assert_eq!(
            got,
            vec![
                Ok(b"short".to_vec()),
                Err(TooLong),
                Ok(b"next\r".to_vec()),
                Ok(b"last".to_vec())
            ]
        );
        let mut exact: &[u8] = b"12345678";
        assert_eq!(
            read_line(&mut exact, 8).unwrap(),
            Some(Ok(b"12345678".to_vec()))
        );
    }
}
