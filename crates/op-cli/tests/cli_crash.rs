#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! An `opkit invoke` process killed with SIGKILL in the middle of `ItemsCreateAll` of 1,000 items
//! leaves a vault file that opens, passes SQLite's integrity check, and holds all 1,000 items or none.

mod common;

use std::io::Write;
use std::process::Stdio;
use std::time::Duration;

use common::{Env, Peer, client_config, invocation, request};
use serde_json::{Value, json};

#[test]
fn a_killed_bulk_create_is_all_or_nothing() {
    let env = Env::new();
    let (_, vault) = env.bootstrap("Crash");
    let (_, token) = env.service_account("crash", &["Crash:write"]);
    let items: Vec<Value> = (0..1000)
        .map(|i| json!({"category": "Login", "vaultId": vault, "title": format!("item {i}"),
                        "fields": [{"id": "password", "title": "password", "fieldType": "Concealed", "value": format!("p{i}")}]}))
        .collect();
    let mut outcomes = Vec::new();
    for delay_ms in [5_u64, 50, 200, 800, 3000] {
        let mut peer = Peer::spawn(&env);
        let client = peer.client(&token);
        peer.send(
            "invoke",
            invocation(
                client,
                "ItemsCreateAll",
                json!({"vault_id": vault, "params": items}),
            ),
        );
        std::thread::sleep(Duration::from_millis(delay_ms));
        peer.child.kill().unwrap(); // SIGKILL on unix
        peer.child.wait().unwrap();

        // A fresh process sees a consistent file.
        let mut check = env
            .command(&["invoke"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut input = check.stdin.take().unwrap();
        input
            .write_all(request("init_client", client_config(&token)).as_bytes())
            .unwrap();
        input
            .write_all(
                request(
                    "invoke",
                    invocation(0, "ItemsList", json!({"vault_id": vault, "filters": []})),
                )
                .as_bytes(),
            )
            .unwrap();
        drop(input);
        let out = check.wait_with_output().unwrap();
        let replies: Vec<Value> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let listed: Vec<Value> =
            serde_json::from_str(replies[1]["ok"].as_str().expect("the file opens and lists"))
                .unwrap();
        outcomes.push(listed.len());
        // Earlier rounds may have committed; each round adds exactly 0 or 1,000 items.
        assert_eq!(
            listed.len() % 1000,
            0,
            "a partial batch survived the kill after {delay_ms} ms"
        );
    }
    let db = rusqlite::Connection::open(&env.db).unwrap();
    let verdict: String = db
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(verdict, "ok");
    eprintln!("items after each kill: {outcomes:?}");
}
