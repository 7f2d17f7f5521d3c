#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Replays `tests/conformance/cases.json` against the Rust core functions.

use std::collections::HashMap;

use op_core::wire::permissions as p;
use op_crypto::Argon2Params;
use op_sdk::Admin;
use serde_json::Value;

const CASES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/conformance/cases.json"
));

fn substitute(value: &Value, vars: &HashMap<String, Value>) -> Value {
    match value {
        Value::String(s) => {
            if let Some(name) = s.strip_prefix("{{").and_then(|r| r.strip_suffix("}}"))
                && let Some(v) = vars.get(name)
            {
                return v.clone();
            }
            let mut out = s.clone();
            for (name, v) in vars {
                let text = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                out = out.replace(&format!("{{{{{name}}}}}"), &text);
            }
            Value::String(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| substitute(v, vars)).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), substitute(v, vars)))
                .collect(),
        ),
        other => other.clone(),
    }
}

async fn call(function: &str, arg: String) -> Result<String, String> {
    match function {
        "init_client" => op_sdk::init_client(arg).await,
        "invoke" => op_sdk::invoke(arg).await,
        "invoke_sync" => op_sdk::invoke_sync(arg),
        "release_client" => op_sdk::release_client(arg).map(|()| String::new()),
        other => panic!("unknown function {other}"),
    }
}

fn parse_result(text: &str) -> Value {
    if text.is_empty() {
        Value::String(String::new())
    } else {
        serde_json::from_str(text).unwrap_or(Value::String(text.to_owned()))
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_conformance_case_passes() {
    let dir = tempfile::tempdir().unwrap();
    let account = Admin::create_account(
        &dir.path().join("c.opkit"),
        "Conformance",
        "pw",
        Argon2Params::TESTING,
    )
    .unwrap();
    let vault = account.admin.create_vault("Conformance", "").unwrap().id;
    let write = p::READ_ITEMS
        | p::REVEAL_ITEM_PASSWORD
        | p::UPDATE_ITEM_HISTORY
        | p::CREATE_ITEMS
        | p::UPDATE_ITEMS
        | p::ARCHIVE_ITEMS
        | p::DELETE_ITEMS;
    let (writer_id, writer) = account
        .admin
        .create_service_account("w", &[(vault.clone(), write)])
        .unwrap();
    let group = account
        .admin
        .create_group("Conformance Group", "")
        .unwrap()
        .id;
    let environment = account.admin.create_environment("conformance").unwrap().id;
    account
        .admin
        .set_variable(&environment, "GREETING", "hello", false)
        .unwrap();
    account
        .admin
        .set_variable(&environment, "API_KEY", "s3cr3t", true)
        .unwrap();
    account
        .admin
        .grant_environment(
            &environment,
            &op_sdk::Accessor::Principal(writer_id),
            op_sdk::ENVIRONMENT_READ,
        )
        .unwrap();
    let (_, reader) = account
        .admin
        .create_service_account(
            "r",
            &[(vault.clone(), p::READ_ITEMS | p::REVEAL_ITEM_PASSWORD)],
        )
        .unwrap();
    let cases: Vec<Value> = serde_json::from_str(CASES).unwrap();
    let mut failures = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let mut vars: HashMap<String, Value> = HashMap::from([
            (
                "writer_token".to_owned(),
                Value::String(writer.expose_secret().to_owned()),
            ),
            (
                "reader_token".to_owned(),
                Value::String(reader.expose_secret().to_owned()),
            ),
            ("vault_id".to_owned(), Value::String(vault.clone())),
            ("group_id".to_owned(), Value::String(group.clone())),
            (
                "environment_id".to_owned(),
                Value::String(environment.clone()),
            ),
        ]);
        for (i, step) in case["steps"].as_array().unwrap().iter().enumerate() {
            let function = step["fn"].as_str().unwrap();
            let arg = match step.get("raw") {
                Some(raw) => raw.as_str().unwrap().to_owned(),
                None => match substitute(&step["arg"], &vars) {
                    Value::String(s) => s,
                    other => other.to_string(),
                },
            };
            let result = call(function, arg).await;
            let expect = &step["expect"];
            let verdict: Result<(), String> = match (&result, expect) {
                (Ok(text), e) if e.get("ok").is_some() => {
                    let got = parse_result(text);
                    match &e["ok"] {
                        Value::Bool(true) => Ok(()),
                        want if *want == got => Ok(()),
                        want => Err(format!("expected {want}, got {got}")),
                    }
                }
                (Err(text), e) if e.get("error").is_some() => {
                    let envelope: Value = serde_json::from_str(text).unwrap_or(Value::Null);
                    if envelope["name"] == e["error"] && envelope["message"].is_string() {
                        Ok(())
                    } else {
                        Err(format!("expected error {}, got {text}", e["error"]))
                    }
                }
                (Err(text), e) if e.get("text_prefix").is_some() => {
                    let prefix = e["text_prefix"].as_str().unwrap();
                    if text.starts_with(prefix) {
                        Ok(())
                    } else {
                        Err(format!("expected text {prefix:?}, got {text}"))
                    }
                }
                (got, _) => Err(format!("expected {expect}, got {got:?}")),
            };
            let verdict = verdict.and_then(|()| {
                let got = result
                    .as_ref()
                    .map(|t| parse_result(t))
                    .unwrap_or(Value::Null);
                for key in step
                    .get("expect_keys")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    if got.get(key.as_str().unwrap()).is_none() {
                        return Err(format!("result lacks key {key}: {got}"));
                    }
                }
                if let Some(saves) = step.get("save").and_then(Value::as_object) {
                    for (var, pointer) in saves {
                        let value = got
                            .pointer(pointer.as_str().unwrap())
                            .cloned()
                            .ok_or(format!("no {pointer} in {got}"))?;
                        vars.insert(var.clone(), value);
                    }
                }
                Ok(())
            });
            if let Err(why) = verdict {
                failures.push(format!("{name} / step {i} ({function}): {why}"));
                break;
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
