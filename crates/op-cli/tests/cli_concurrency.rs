#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Two `opkit invoke` processes each run 500 read-modify-put cycles on the same item, retrying on
//! version conflicts: no update is lost (the counter in the item equals the successful puts).

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

use common::{Env, client_config};
use serde_json::{Value, json};

const CYCLES: u32 = 500;

struct Peer {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    stdout: BufReader<std::process::ChildStdout>,
}

impl Peer {
    fn spawn(env: &Env) -> Self {
        let mut child = env
            .command(&["invoke"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        Self {
            child,
            stdin,
            stdout,
        }
    }

    fn call(&mut self, function: &str, arg: Value) -> Result<String, String> {
        writeln!(self.stdin, "{}", json!({"fn": function, "arg": arg})).unwrap();
        self.stdin.flush().unwrap();
        let mut line = String::new();
        self.stdout.read_line(&mut line).unwrap();
        let reply: Value = serde_json::from_str(&line).unwrap();
        match (reply.get("ok"), reply.get("err")) {
            (Some(ok), _) => Ok(ok.as_str().unwrap().to_owned()),
            (_, Some(err)) => Err(err.as_str().unwrap().to_owned()),
            _ => panic!("bad reply {line}"),
        }
    }
}

fn invocation(client: &str, name: &str, parameters: Value) -> Value {
    json!({"invocation": {"clientId": client.parse::<u64>().unwrap(), "parameters": {"name": name, "parameters": parameters}}})
}

/// Runs `CYCLES` successful increments of the counter kept in the item's notes; returns the conflicts seen.
fn increment_loop(mut peer: Peer, token: String, vault: String, item: String) -> u32 {
    let client = peer.call("init_client", client_config(&token)).unwrap();
    let mut done = 0;
    let mut conflicts = 0;
    while done < CYCLES {
        let text = peer
            .call(
                "invoke",
                invocation(
                    &client,
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
            invocation(&client, "ItemsPut", json!({"item": current})),
        ) {
            Ok(_) => done += 1,
            Err(e) if e.contains("version") => conflicts += 1,
            Err(e) => panic!("unexpected error {e}"),
        }
    }
    drop(peer.stdin);
    assert!(peer.child.wait().unwrap().success());
    conflicts
}

#[test]
fn two_processes_lose_no_update() {
    let env = Env::new();
    let (_, vault) = env.bootstrap("Shared");
    let (_, token) = env.service_account("racer", &["Shared:write"]);
    let mut setup = Peer::spawn(&env);
    let client = setup.call("init_client", client_config(&token)).unwrap();
    let created = setup
        .call(
            "invoke",
            invocation(&client, "ItemsCreate", json!({"params": {"category": "SecureNote", "vaultId": vault, "title": "Counter", "notes": "0"}})),
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
                &client,
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
