#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `opkit invoke`: the invocation protocol as a JSON-lines stream, as binding test suites drive it.

mod common;

use common::{Env, client_config};
use serde_json::{Value, json};

fn request(function: &str, arg: Value) -> String {
    json!({"fn": function, "arg": arg}).to_string()
}

fn invocation(client_id: u64, name: &str, parameters: Value) -> Value {
    json!({"invocation": {"clientId": client_id, "parameters": {"name": name, "parameters": parameters}}})
}

fn replies(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn ok(reply: &Value) -> &str {
    reply["ok"]
        .as_str()
        .unwrap_or_else(|| panic!("expected ok, got {reply}"))
}

fn err_name(reply: &Value) -> String {
    let text = reply["err"]
        .as_str()
        .unwrap_or_else(|| panic!("expected err, got {reply}"));
    serde_json::from_str::<Value>(text).unwrap()["name"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn a_stream_creates_resolves_and_releases() {
    let env = Env::new();
    let (_, vault) = env.bootstrap("Prod");
    let (_, token) = env.service_account("ci", &["Prod:write"]);
    let item = json!({"params": {
        "category": "Login", "vaultId": vault, "title": "Database",
        "fields": [{"id": "password", "title": "password", "fieldType": "Concealed", "value": "s3cret-value"}]
    }});
    let stream = [
        request("init_client", client_config(&token)),
        // A string arg is passed as its content.
        request(
            "invoke",
            Value::String(invocation(0, "ItemsCreate", item).to_string()),
        ),
        "this is not json".to_owned(),
        String::new(),
        request(
            "invoke",
            invocation(
                0,
                "SecretsResolve",
                json!({"secret_reference": "op://Prod/Database/password"}),
            ),
        ),
        request(
            "invoke_sync",
            json!({"invocation": {"parameters": {"name": "GeneratePassword",
            "parameters": {"recipe": {"type": "Pin", "parameters": {"length": 8}}}}}}),
        ),
        request(
            "invoke_sync",
            json!({"invocation": {"parameters": {"name": "ValidateSecretReference",
            "parameters": {"secret_reference": "op://a/b"}}}}),
        ),
        request("frobnicate", json!(null)),
        json!({"fn": "invoke"}).to_string(),
        request("release_client", json!("0")),
        request(
            "invoke",
            invocation(0, "VaultsList", json!({"params": null})),
        ),
    ]
    .join("\n");
    let run = env.run_stdin(&["invoke"], &stream).ok();
    let r = replies(&run.stdout);
    assert_eq!(r.len(), 10, "one reply per non-blank line: {}", run.stdout);

    assert_eq!(ok(&r[0]), "0", "the first client of the process");
    let created: Value = serde_json::from_str(ok(&r[1])).unwrap();
    assert_eq!(created["title"], "Database");
    assert_eq!(created["version"], 1);
    assert!(
        r[2]["err"]
            .as_str()
            .unwrap()
            .starts_with("malformed request line")
    );
    assert_eq!(ok(&r[3]), "\"s3cret-value\"");
    let pin: Value = serde_json::from_str(ok(&r[4])).unwrap();
    assert_eq!(pin["password"].as_str().unwrap().len(), 8);
    assert_eq!(err_name(&r[5]), "ParsingSecretReference");
    assert!(
        r[6]["err"]
            .as_str()
            .unwrap()
            .contains("unknown fn \"frobnicate\"")
    );
    assert!(
        r[7]["err"]
            .as_str()
            .unwrap()
            .contains("missing field `arg`")
    );
    assert_eq!(ok(&r[8]), "");
    assert_eq!(err_name(&r[9]), "Internal", "released clients are gone");
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn a_revoked_token_cannot_open_a_client() {
    let env = Env::new();
    env.bootstrap("Prod");
    let (id, token) = env.service_account("ci", &["Prod:read"]);
    let before = env
        .run_stdin(&["invoke"], &request("init_client", client_config(&token)))
        .ok();
    assert_eq!(ok(&replies(&before.stdout)[0]), "0");

    let revoked = env
        .run(&["service-account", "revoke", &id, "--format", "json"])
        .ok()
        .json();
    assert_eq!(
        revoked,
        json!({"id": id, "revoked": true, "vaultsNotRekeyed": []})
    );
    let after = env
        .run_stdin(&["invoke"], &request("init_client", client_config(&token)))
        .ok();
    let reply = &replies(&after.stdout)[0];
    assert_eq!(err_name(reply), "Auth");
    assert!(reply["err"].as_str().unwrap().contains("revoked"));

    let again = env.run(&[
        "service-account",
        "revoke",
        "zzzzzzzzzzzzzzzzzzzzzzzzzz",
        "--format",
        "json",
    ]);
    assert_eq!(again.code, 5);
}

#[test]
fn permissions_from_the_command_line_reach_the_core() {
    let env = Env::new();
    let (_, vault) = env.bootstrap("Prod");
    let (_, reader) = env.service_account("reader", &["Prod:read"]);
    let item = json!({"params": {"category": "SecureNote", "vaultId": vault, "title": "Note"}});
    let stream = [
        request("init_client", client_config(&reader)),
        request("invoke", invocation(0, "ItemsCreate", item)),
        request(
            "invoke",
            invocation(0, "ItemsList", json!({"vault_id": vault, "filters": []})),
        ),
    ]
    .join("\n");
    let run = env.run_stdin(&["invoke"], &stream).ok();
    let r = replies(&run.stdout);
    assert_eq!(err_name(&r[1]), "ItemApi");
    assert!(r[1]["err"].as_str().unwrap().contains("create_items"));
    assert_eq!(ok(&r[2]), "[]");
}

#[test]
fn invoke_needs_no_password_and_a_bad_token_is_reported_per_line() {
    let env = Env::new();
    let mut cmd = env.command(&["invoke"]);
    cmd.env_remove("OPKIT_PASSWORD").env_remove("OPKIT_DB");
    cmd.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{}\n", request("init_client", client_config("ops_garbage"))).as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let r = replies(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(err_name(&r[0]), "ServiceAccountTokenParsing");
}
