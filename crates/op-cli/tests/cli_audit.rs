#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `opkit audit` against a real vault file: every change is listed, newest first, by who made it,
//! and no value ever appears.

mod common;

use common::Env;

#[test]
fn audit_lists_every_change_newest_first_without_values() {
    let env = Env::new();
    let (account, vault) = env.bootstrap("Prod");
    let owner = account["ownerId"].as_str().unwrap().to_owned();
    let (sa, _token) = env.service_account("ci", &["Prod:read"]);
    env.run(&[
        "item",
        "create",
        "--vault",
        "Prod",
        "--title",
        "Database",
        "password=hunter2-very-secret",
    ])
    .ok();
    env.run(&["service-account", "revoke", &sa]).ok();

    let run = env.run(&["audit", "--format", "json"]).ok();
    assert!(
        !run.stdout.contains("hunter2"),
        "a value leaked: {}",
        run.stdout
    );
    assert!(!run.stdout.contains("Database"), "a title leaked");
    let events = run.json();
    let events = events.as_array().unwrap();
    let actions: Vec<&str> = events
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    // Newest first: the revocation, then the item, then the service account and the vault.
    let position = |action: &str| actions.iter().position(|a| *a == action).unwrap();
    assert!(
        position("principal.revoke") < position("item.create"),
        "{actions:?}"
    );
    assert!(
        position("item.create") < position("principal.create"),
        "{actions:?}"
    );
    assert!(
        position("principal.create") < position("vault.create"),
        "{actions:?}"
    );
    let created = &events[position("item.create")];
    assert_eq!(created["vaultId"], vault.as_str());
    assert_eq!(created["principalId"], owner.as_str());
    assert!(created["itemId"].is_string() && created["at"].is_string());
    let ids: Vec<i64> = events.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]));

    let limited = env
        .run(&["audit", "--limit", "1", "--format", "json"])
        .ok()
        .json();
    assert_eq!(limited.as_array().unwrap().len(), 1);
    let text = env.run(&["audit"]).ok();
    assert!(text.stdout.starts_with("AT") && text.stdout.contains("principal.revoke"));
}
