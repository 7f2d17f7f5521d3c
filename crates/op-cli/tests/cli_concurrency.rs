#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Two `opkit invoke` processes each run 500 read-modify-put cycles on the same item, retrying on
//! version conflicts: no update is lost (the counter in the item equals the successful puts).

mod common;

use common::{Env, Peer, invocation};
use serde_json::{Value, json};

const CYCLES: u32 = 500;

/// Runs `CYCLES` successful increments of the counter kept in the item's notes; returns the conflicts seen.
fn increment_loop(mut peer: Peer, token: String, vault: String, item: String) -> u32 {
    let client = peer.client(&token);
    let mut done = 0;
    let mut conflicts = 0;
    while done < CYCLES {
        let text = peer
            .call(
                "invoke",
                invocation(
                    client,
                    "ItemsGet",
                    json!({"vault_id": vault, "item_id": item}),
                ),
            )
            .unwrap();
        let mut current: Value = serde_json::from_str(&text).unwrap();
        let n: u64 = current["notes"].as_str().unwrap().parse().unwrap();
        current["notes"] = json!((n + 1).to_string());
        match peer.call(
            "invoke",
            invocation(client, "ItemsPut", json!({"item": current})),
        ) {
            Ok(_) => done += 1,
            Err(e) if e.contains("version") => conflicts += 1,
            Err(e) => panic!("unexpected error {e}"),
        }
    }
    drop(peer.stdin.take());
    assert!(peer.child.wait().unwrap().success());
    conflicts
}

#[test]
fn two_processes_lose_no_update() {
    let env = Env::new();
    let (_, vault) = env.bootstrap("Shared");
    let (_, token) = env.service_account("racer", &["Shared:write"]);
    let mut setup = Peer::spawn(&env);
    let client = setup.client(&token);
    let created = setup
        .call(
            "invoke",
            invocation(client, "ItemsCreate", json!({"params": {"category": "SecureNote", "vaultId": vault, "title": "Counter", "notes": "0"}})),
        )
        .unwrap();
    let item = serde_json::from_str::<Value>(&created).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let racers: Vec<_> = (0..2)
        .map(|_| {
            let (peer, token, vault, item) = (
                Peer::spawn(&env),
                token.clone(),
                vault.clone(),
                item.clone(),
            );
            std::thread::spawn(move || increment_loop(peer, token, vault, item))
        })
        .collect();
    let conflicts: u32 = racers.into_iter().map(|r| r.join().unwrap()).sum();
    let text = setup
        .call(
            "invoke",
            invocation(
                client,
                "ItemsGet",
                json!({"vault_id": vault, "item_id": item}),
            ),
        )
        .unwrap();
    let last: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        last["notes"],
        json!((2 * CYCLES).to_string()),
        "every successful put is counted once"
    );
    assert_eq!(last["version"], json!(2 * CYCLES + 1));
    eprintln!("{conflicts} version conflicts were retried");
}
