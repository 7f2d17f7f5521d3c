//! SDK-level goals, each against a baseline measured in the same run:
//! - `resolve` on a warm client vs one SQLite point read plus one AEAD decryption of the same size;
//! - `resolve` in a 100,000-item vault vs a 100-item vault;
//! - `create_all` of 1,000 items vs 1,000 raw inserts of the same ciphertext size in one transaction;
//! - `authenticate` (reported, with its parts).

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::hint::black_box;
use std::time::Instant;

use op_core::wire::{ItemCreateParams, permissions as p};
use op_crypto::{Argon2Params, SymmetricKey};
use op_sdk::{Admin, Client};
use serde_json::json;

fn login(vault: &str, title: &str) -> ItemCreateParams {
    serde_json::from_value(json!({
        "category": "Login", "vaultId": vault, "title": title,
        "fields": [
            {"id": "username", "title": "username", "fieldType": "Text", "value": "service-user"},
            {"id": "password", "title": "password", "fieldType": "Concealed", "value": "correct-horse-battery-staple"}
        ]
    }))
    .unwrap()
}

fn per_op<R>(n: u32, mut f: impl FnMut(u32) -> R) -> f64 {
    let start = Instant::now();
    for i in 0..n {
        black_box(f(i));
    }
    start.elapsed().as_secs_f64() * 1e9 / f64::from(n)
}

fn best<R>(rounds: u32, n: u32, mut f: impl FnMut(u32) -> R) -> f64 {
    (0..rounds)
        .map(|_| per_op(n, &mut f))
        .fold(f64::MAX, f64::min)
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.opkit");
    let account = Admin::create_account(&path, "Bench", "pw", Argon2Params::TESTING).unwrap();
    let small = account.admin.create_vault("Small", "").unwrap().id;
    let large = account.admin.create_vault("Large", "").unwrap().id;
    let scratch = account.admin.create_vault("Scratch", "").unwrap().id;
    let all = p::READ_ITEMS
        | p::REVEAL_ITEM_PASSWORD
        | p::UPDATE_ITEM_HISTORY
        | p::CREATE_ITEMS
        | p::UPDATE_ITEMS
        | p::DELETE_ITEMS;
    let grants = [
        (small.clone(), all),
        (large.clone(), all),
        (scratch.clone(), all),
    ];
    let (_, token) = account
        .admin
        .create_service_account("bench", &grants)
        .unwrap();

    let t0 = Instant::now();
    let client = rt
        .block_on(Client::authenticate(token.expose_secret(), "bench", "1.0"))
        .unwrap();
    let auth_ms = t0.elapsed().as_secs_f64() * 1e3;
    let t0 = Instant::now();
    let _parsed = op_sdk::token::ServiceAccountToken::parse(token.expose_secret()).unwrap();
    let parse_us = t0.elapsed().as_secs_f64() * 1e6;

    eprintln!("filling vaults (100 and 100,000 items)...");
    let fill = |vault: &str, n: usize| {
        for chunk in (0..n).collect::<Vec<_>>().chunks(1000) {
            let params = chunk
                .iter()
                .map(|i| login(vault, &format!("item-{i}")))
                .collect();
            rt.block_on(client.create_items(vault.to_owned(), params))
                .unwrap();
        }
    };
    fill(&small, 100);
    fill(&large, 100_000);

    // resolve on a warm client, small and large vault.
    let resolve = |vault: &str, i: u32| {
        let reference = format!("op://{vault}/item-{}/password", i % 100);
        rt.block_on(client.resolve(&reference)).unwrap()
    };
    resolve("Small", 0);
    resolve("Large", 0);
    let (mut small_ns, mut large_ns) = (f64::MAX, f64::MAX);
    for _ in 0..5 {
        small_ns = small_ns.min(per_op(2_000, |i| resolve("Small", i)));
        large_ns = large_ns.min(per_op(2_000, |i| resolve("Large", i)));
    }

    // Baseline: one SQLite point read of the same row plus one AEAD decryption of that size.
    let db =
        rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let blob: Vec<u8> = db
        .query_row(
            "SELECT details FROM items WHERE vault_id = ?1 LIMIT 1",
            [&small],
            |r| r.get(0),
        )
        .unwrap();
    let key = SymmetricKey::generate().unwrap();
    let plain = vec![b'x'; blob.len().saturating_sub(op_crypto::AEAD_OVERHEAD)];
    let sealed = op_crypto::encrypt(&key, &plain, b"aad").unwrap();
    let ids: Vec<String> = {
        let mut stmt = db
            .prepare("SELECT id FROM items WHERE vault_id = ?1")
            .unwrap();
        stmt.query_map([&small], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let mut stmt = db
        .prepare_cached("SELECT details FROM items WHERE vault_id = ?1 AND id = ?2")
        .unwrap();
    let baseline_ns = best(5, 2_000, |i| {
        let row: Vec<u8> = stmt
            .query_row([&small, &ids[i as usize % ids.len()]], |r| r.get(0))
            .unwrap();
        black_box(row);
        op_crypto::decrypt(&key, &sealed, b"aad").unwrap()
    });

    // create_all of 1,000 items vs 1,000 raw inserts of the same ciphertext size in one transaction.
    let batch = |round: u32| -> Vec<ItemCreateParams> {
        (0..1000)
            .map(|i| login(&scratch, &format!("b{round}-{i}")))
            .collect()
    };
    let mut create_ms = f64::MAX;
    for round in 0..3 {
        let params = batch(round);
        let t = Instant::now();
        rt.block_on(client.create_items(scratch.clone(), params))
            .unwrap();
        create_ms = create_ms.min(t.elapsed().as_secs_f64() * 1e3);
    }
    let raw_path = dir.path().join("raw.sqlite");
    let mut raw = rusqlite::Connection::open(&raw_path).unwrap();
    raw.execute_batch(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
         CREATE TABLE t (vault_id TEXT, id TEXT, overview BLOB, details BLOB, title_index BLOB, PRIMARY KEY (vault_id, id));",
    )
    .unwrap();
    let (overview, details, index) = (vec![1u8; 200], vec![2u8; blob.len()], vec![3u8; 32]);
    let mut raw_ms = f64::MAX;
    for round in 0..3 {
        let t = Instant::now();
        let tx = raw.transaction().unwrap();
        {
            let mut insert = tx
                .prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5)")
                .unwrap();
            for i in 0..1000 {
                insert
                    .execute(rusqlite::params![
                        scratch,
                        format!("{round}-{i}"),
                        overview,
                        details,
                        index
                    ])
                    .unwrap();
            }
        }
        tx.commit().unwrap();
        raw_ms = raw_ms.min(t.elapsed().as_secs_f64() * 1e3);
    }

    println!(
        "authenticate: {auth_ms:.2} ms (token parse {parse_us:.0} us; the rest is opening the SQLite file, one principal read, HKDF and unwrapping the X25519 key; no slow KDF)"
    );
    println!(
        "resolve warm, 100-item vault: {:.1} us; baseline point read + AEAD: {:.1} us",
        small_ns / 1e3,
        baseline_ns / 1e3
    );
    println!(
        "ratio resolve / (point read + decrypt): {:.2}x (goal <= 3x)",
        small_ns / baseline_ns
    );
    println!("resolve warm, 100,000-item vault: {:.1} us", large_ns / 1e3);
    println!(
        "ratio resolve 100,000 items / 100 items: {:.2}x (goal <= 1.5x)",
        large_ns / small_ns
    );
    println!("create_all 1,000 items: {create_ms:.1} ms; 1,000 raw inserts: {raw_ms:.1} ms");
    println!(
        "ratio create_all / raw inserts: {:.2}x (goal <= 5x)",
        create_ms / raw_ms
    );
}
