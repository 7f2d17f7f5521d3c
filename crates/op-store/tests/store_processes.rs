//! Several OS processes on one file: no lost update under racing compare-and-swap writers, and a writer
//! killed with SIGKILL in the middle of a bulk insert or a bulk grant change leaves a sound file holding
//! all or none of the batch (and an audit trail that matches it).
//!
//! The children are this test binary itself, started with `--ignored --exact child_process` and a role in
//! an environment variable.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{T0, grant, item, vault};
use op_store::{
    AccessChanges, AccessorType, ItemRecord, ItemState, NewGrant, SqliteStore, Store, StoreError,
};

const ROLE: &str = "OP_STORE_TEST_ROLE";
const FILE: &str = "OP_STORE_TEST_FILE";
const RUN: &str = "OP_STORE_TEST_RUN";
const UPDATES_PER_PROCESS: u64 = 500;
const BATCH: usize = 1000;

#[test]
#[ignore = "helper: run in a child process by the other tests of this file"]
fn child_process() {
    let (Ok(role), Ok(file)) = (std::env::var(ROLE), std::env::var(FILE)) else {
        return;
    };
    match role.as_str() {
        "updater" => updater(&file),
        "inserter" => inserter(&file, &std::env::var(RUN).unwrap()),
        "granter" => granter(&file, &std::env::var(RUN).unwrap()),
        other => panic!("unknown child role {other}"),
    }
}

fn spawn(role: &str, file: &std::path::Path, run: &str) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "child_process",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(ROLE, role)
        .env(FILE, file)
        .env(RUN, run)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap()
}

fn counter(record: &ItemRecord) -> u64 {
    u64::from_le_bytes(record.details[..8].try_into().unwrap())
}

/// Read, modify, write back with the version read; on conflict read again.
fn updater(file: &str) {
    let store = SqliteStore::open_existing(file).unwrap();
    // Both children start updating together, when the parent writes a line to their stdin.
    std::io::stdin().read_line(&mut String::new()).unwrap();
    let (mut done, mut conflicts) = (0, 0);
    while done < UPDATES_PER_PROCESS {
        let current = store.item("v1", "shared").unwrap().unwrap();
        // Widen the window between read and write so the other process often gets in between.
        std::thread::sleep(Duration::from_micros(200));
        let mut next = current.clone();
        next.version = current.version + 1;
        next.details = (counter(&current) + 1).to_le_bytes().to_vec();
        next.updated_at = current.updated_at + 1;
        match store.update_item(&next, current.version, Vec::new(), &[]) {
            Ok(()) => done += 1,
            Err(StoreError::VersionConflict { .. }) => conflicts += 1,
            Err(e) => panic!("update failed: {e}"),
        }
    }
    println!("RESULT {done} {conflicts}");
}

/// Inserts batches of 1,000 items into fresh vaults until killed (bounded, so it stops by itself).
fn inserter(file: &str, run: &str) {
    let store = SqliteStore::open_existing(file).unwrap();
    for round in 0..200 {
        let vault_id = format!("{run}-{round}");
        store.create_vault(&vault(&vault_id), &[]).unwrap();
        let batch: Vec<ItemRecord> = (0..BATCH)
            .map(|n| {
                let mut record = item(&vault_id, &format!("i{n}"), n as u64);
                record.details = vec![0xA5; 4096];
                record
            })
            .collect();
        println!("STARTED {round}");
        let started = std::time::Instant::now();
        store
            .insert_items(&vault_id, &batch, Vec::new(), T0)
            .unwrap();
        println!("DONE {}", started.elapsed().as_micros());
    }
}

/// Grants fresh vaults to `BATCH` groups each, one access change per vault, until killed.
fn granter(file: &str, run: &str) {
    let store = SqliteStore::open_existing(file)
        .unwrap()
        .with_actor("owner");
    for round in 0..200 {
        let vault_id = format!("{run}-{round}");
        store.create_vault(&vault(&vault_id), &[]).unwrap();
        let grants = (0..BATCH)
            .map(|n| {
                let mut access = grant(&vault_id, AccessorType::Group, &format!("g{n}"));
                access.sealed_vault_key = vec![0x5A; 4096];
                NewGrant {
                    access,
                    key_generation: 0,
                }
            })
            .collect();
        let changes = AccessChanges {
            grants,
            ..AccessChanges::default()
        };
        println!("STARTED {round}");
        let started = std::time::Instant::now();
        store.apply_access_changes(&changes).unwrap();
        println!("DONE {}", started.elapsed().as_micros());
    }
}

/// Starts `role`, lets two batches commit, then kills it `fraction` of a batch's time into the third.
fn kill_midway(role: &str, file: &std::path::Path, run: &str, fraction: f64) -> Vec<u64> {
    let mut child = spawn(role, file, run);
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut batch_micros = Vec::new();
    loop {
        let line = lines.next().expect("child ended early").unwrap();
        if let Some(micros) = line.split("DONE ").nth(1) {
            batch_micros.push(micros.trim().parse::<u64>().unwrap());
        }
        if line.ends_with("STARTED 2") {
            break;
        }
    }
    let fastest = batch_micros.iter().copied().min().unwrap_or(0) as f64;
    std::thread::sleep(Duration::from_micros((fastest * fraction) as u64));
    child.kill().unwrap();
    let status = child.wait().unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(9), "child was not killed: {status:?}");
    }
    #[cfg(not(unix))]
    assert!(!status.success());
    batch_micros
}

#[test]
fn sigkill_during_bulk_grant_change_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("grants.db");
    drop(SqliteStore::open(&file).unwrap());
    for (run, fraction) in [("g0", 0.1), ("g1", 0.5)] {
        let batch_micros = kill_midway("granter", &file, run, fraction);
        let store = SqliteStore::open_existing(&file).unwrap();
        store.integrity_check().unwrap();
        let trail = store.audit_events(usize::MAX).unwrap();
        let (mut full, mut empty) = (0, 0);
        for v in store
            .vaults()
            .unwrap()
            .iter()
            .filter(|v| v.id.starts_with(run))
        {
            let granted = store.vault_access(&v.id).unwrap().len();
            assert!(
                granted == 0 || granted == BATCH,
                "vault {} holds {granted} grants",
                v.id
            );
            let recorded = trail
                .iter()
                .filter(|e| e.action == "vault.grant" && e.vault_id.as_deref() == Some(&v.id))
                .count();
            assert_eq!(recorded, granted, "the audit trail of vault {}", v.id);
            full += usize::from(granted == BATCH);
            empty += usize::from(granted == 0);
        }
        assert!(full >= 2, "run {run}: only {full} grant batches committed");
        println!(
            "run {run}: killed {fraction} into a grant batch ({batch_micros:?} us each), {full} whole, {empty} rolled back"
        );
    }
}

#[test]
fn racing_processes_lose_no_update() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("race.db");
    let store = SqliteStore::open(&file).unwrap();
    store.create_vault(&vault("v1"), &[]).unwrap();
    let mut shared = item("v1", "shared", 0);
    shared.details = 0_u64.to_le_bytes().to_vec();
    store.insert_items("v1", &[shared], Vec::new(), T0).unwrap();

    let mut children = [spawn("updater", &file, "a"), spawn("updater", &file, "b")];
    for child in &mut children {
        writeln!(child.stdin.take().unwrap(), "go").unwrap();
    }
    let mut total_conflicts = 0;
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "child failed: {:?}", output.status);
        let stdout = String::from_utf8(output.stdout).unwrap();
        // libtest prints its own words around ours on the same line.
        let line = stdout
            .split("RESULT ")
            .nth(1)
            .and_then(|rest| rest.lines().next())
            .unwrap_or_else(|| panic!("no result in {stdout:?}"));
        let fields: Vec<u64> = line.split(' ').map(|f| f.parse().unwrap()).collect();
        assert_eq!(fields[0], UPDATES_PER_PROCESS);
        total_conflicts += fields[1];
    }
    let successes = 2 * UPDATES_PER_PROCESS;
    let last = store.item("v1", "shared").unwrap().unwrap();
    assert_eq!(u64::from(last.version), 1 + successes);
    assert_eq!(counter(&last), successes);
    assert_eq!(
        u64::from(store.vault("v1").unwrap().unwrap().content_version),
        1 + successes
    );
    store.integrity_check().unwrap();
    println!("{successes} updates from two processes, {total_conflicts} conflicts retried");
}

#[test]
fn sigkill_during_bulk_insert_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("crash.db");
    drop(SqliteStore::open(&file).unwrap());

    for (run, fraction) in [("r0", 0.1), ("r1", 0.3), ("r2", 0.5)] {
        let mut child = spawn("inserter", &file, run);
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Let two batches commit, timing them, then kill at a fraction of that time into the third.
        let mut batch_micros = Vec::new();
        loop {
            let line = lines.next().expect("child ended early").unwrap();
            if let Some(micros) = line.split("DONE ").nth(1) {
                batch_micros.push(micros.trim().parse::<u64>().unwrap());
            }
            if line.ends_with("STARTED 2") {
                break;
            }
        }
        let fastest = batch_micros.iter().copied().min().unwrap_or(0) as f64;
        std::thread::sleep(Duration::from_micros((fastest * fraction) as u64));
        child.kill().unwrap();
        let status = child.wait().unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(status.signal(), Some(9), "child was not killed: {status:?}");
        }
        #[cfg(not(unix))]
        assert!(!status.success());

        let store = SqliteStore::open_existing(&file).unwrap();
        store.integrity_check().unwrap();
        let vaults = store.vaults().unwrap();
        let (mut full, mut empty) = (0, 0);
        for v in vaults.iter().filter(|v| v.id.starts_with(run)) {
            let stored = store
                .item_summaries(&v.id, &[ItemState::Active])
                .unwrap()
                .len();
            assert!(
                stored == 0 || stored == BATCH,
                "vault {} holds {stored} items",
                v.id
            );
            assert_eq!(v.active_item_count as usize, stored);
            assert_eq!(v.content_version as usize, stored);
            full += usize::from(stored == BATCH);
            empty += usize::from(stored == 0);
        }
        assert!(full >= 2, "run {run}: only {full} batches committed");
        println!(
            "run {run}: killed {fraction} into a batch ({batch_micros:?} us each), {full} batches whole, {empty} rolled back"
        );
    }
}
