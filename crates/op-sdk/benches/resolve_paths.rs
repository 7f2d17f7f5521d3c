//! The warm `secrets.resolve` through each way a caller reaches the core, against the Rust SDK's
//! own `Client::resolve` measured in the same run, and the throughput of two threads against one
//! for each (the bindings' hot path: Go and Python's `SyncClient` use `invoke_blocking`, Node and
//! Python's async client `invoke_with`). Ratios only; these machines are shared and noisy.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::hint::black_box;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use op_core::wire::{ItemCreateParams, permissions as p};
use op_crypto::Argon2Params;
use op_sdk::{Admin, Client};
use serde_json::json;

fn per_op(n: u32, mut f: impl FnMut(u32)) -> f64 {
    let start = Instant::now();
    for i in 0..n {
        f(i);
    }
    start.elapsed().as_secs_f64() * 1e6 / f64::from(n)
}

fn best(n: u32, mut f: impl FnMut(u32)) -> f64 {
    (0..5).map(|_| per_op(n, &mut f)).fold(f64::MAX, f64::min)
}

/// Calls per second of `threads` threads running `f` for `window`.
fn throughput(threads: usize, window: Duration, f: &(dyn Fn(u32) + Sync)) -> f64 {
    let start = Instant::now();
    let total: u64 = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    let mut done = 0_u64;
                    let mut i = u32::try_from(t).unwrap() * 7;
                    while start.elapsed() < window {
                        f(i);
                        i = i.wrapping_add(1);
                        done += 1;
                    }
                    done
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    total as f64 / start.elapsed().as_secs_f64()
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.opkit");
    let account = Admin::create_account(&path, "Bench", "pw", Argon2Params::TESTING).unwrap();
    let vault = account.admin.create_vault("Bench", "").unwrap().id;
    let grants = [(
        vault.clone(),
        p::READ_ITEMS | p::REVEAL_ITEM_PASSWORD | p::CREATE_ITEMS,
    )];
    let (_, token) = account
        .admin
        .create_service_account("bench", &grants)
        .unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = rt
        .block_on(Client::authenticate(token.expose_secret(), "bench", "1.0"))
        .unwrap();
    let items: Vec<ItemCreateParams> = (0..100)
        .map(|i| {
            serde_json::from_value(json!({
                "category": "Login", "vaultId": vault, "title": format!("item-{i}"),
                "fields": [{"id": "password", "title": "password", "fieldType": "Concealed", "value": "s3cr3t"}]
            }))
            .unwrap()
        })
        .collect();
    rt.block_on(client.create_items(vault.clone(), items))
        .unwrap();

    let config = json!({
        "serviceAccountToken": token.expose_secret(), "programmingLanguage": "Bench", "sdkVersion": "0010000",
        "integrationName": "bench", "integrationVersion": "1.0", "requestLibraryName": "none",
        "requestLibraryVersion": "none", "os": "linux", "osVersion": "0.0.0", "architecture": "x86_64"
    });
    let id: u64 = op_sdk::init_client_blocking(config.to_string())
        .unwrap()
        .parse()
        .unwrap();
    let references: Vec<String> = (0..100)
        .map(|i| format!("op://Bench/item-{i}/password"))
        .collect();
    let envelopes: Vec<String> = references
        .iter()
        .map(|r| {
            json!({"invocation": {"clientId": id, "parameters": {"name": "SecretsResolve", "parameters": {"secret_reference": r}}}})
                .to_string()
        })
        .collect();
    let pick = |i: u32| usize::try_from(i).unwrap() % 100;

    let sdk = |i: u32| {
        black_box(rt.block_on(client.resolve(&references[pick(i)])).unwrap());
    };
    let blocking = |i: u32| {
        black_box(op_sdk::invoke_blocking(envelopes[pick(i)].clone()).unwrap());
    };
    let with = |i: u32| {
        let (tx, rx) = mpsc::channel();
        op_sdk::invoke_with(envelopes[pick(i)].clone(), move |outcome| {
            tx.send(outcome).unwrap();
        });
        black_box(rx.recv().unwrap().unwrap());
    };
    sdk(0);
    blocking(0);
    with(0);

    let sdk_us = best(2_000, sdk);
    let blocking_us = best(2_000, blocking);
    let with_us = best(2_000, with);
    println!("warm resolve, one caller (best of 5 x 2,000 calls):");
    println!("  Rust SDK Client::resolve            {sdk_us:7.1} us   1.00x (baseline)");
    println!(
        "  invoke_blocking (Go, SyncClient)     {blocking_us:7.1} us  {:5.2}x of the Rust SDK (goal <= 2x)",
        blocking_us / sdk_us
    );
    println!(
        "  invoke_with (Node, async Python)     {with_us:7.1} us  {:5.2}x of the Rust SDK (goal <= 2x)",
        with_us / sdk_us
    );

    let window = Duration::from_millis(1500);
    println!("throughput, two threads / one thread (goal >= 1.7x on 2 cores):");
    for (name, f) in [
        ("Rust SDK Client::resolve", &sdk as &(dyn Fn(u32) + Sync)),
        ("invoke_blocking", &blocking),
        ("invoke_with", &with),
    ] {
        let one = throughput(1, window, f);
        let two = throughput(2, window, f);
        println!("  {name:36} {one:9.0}/s -> {two:9.0}/s  {:5.2}x", two / one);
    }
}
