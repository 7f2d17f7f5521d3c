//! `opkit invoke`: the invocation protocol over stdin/stdout, one JSON request per line.
//!
//! Request: `{"fn": "init_client"|"invoke"|"invoke_sync"|"release_client", "arg": <value>}`; a
//! string `arg` is passed as its content, any other value as its JSON text. Reply, one line each:
//! `{"ok": "<result text>"}` or `{"err": "<error text>"}`. Blank lines are skipped; a malformed line
//! gets an `err` reply and the stream goes on. Clients live until the stream ends.

use std::io::BufRead;

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

/// Runs the stream until stdin ends.
pub async fn run() -> CliResult {
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let line = line.map_err(|e| CliError::io("could not read a request from stdin", &e))?;
        if line.trim().is_empty() {
            continue;
        }
        let reply = match answer(&line).await {
            Ok(text) => json!({ "ok": text }),
            Err(text) => json!({ "err": text }),
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
