//! `Store::read_snapshot`: the reads of one thread inside it see one moment of the store.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;

use common::{open_temp, principal};
use op_store::{PrincipalKind, PrincipalState, Store};

fn state(store: &dyn Store, id: &str) -> PrincipalState {
    store.principal(id).unwrap().unwrap().state
}

/// Revokes `sa1` from a thread of its own, hence through a connection of its own.
fn revoke_elsewhere(store: &Arc<dyn Store>) {
    let writer = Arc::clone(store);
    std::thread::spawn(move || {
        writer
            .set_principal_state("sa1", PrincipalState::Revoked)
            .unwrap()
    })
    .join()
    .unwrap();
}

/// A store with one active service account, `sa1`.
fn store_with_sa1() -> (tempfile::TempDir, Arc<dyn Store>) {
    let (dir, store) = open_temp();
    let store: Arc<dyn Store> = Arc::new(store);
    store
        .insert_principal(&principal("sa1", PrincipalKind::ServiceAccount))
        .unwrap();
    (dir, store)
}

#[test]
fn reads_inside_a_snapshot_do_not_see_a_later_commit() {
    let (_dir, store) = store_with_sa1();
    let (mut before, mut during) = (None, None);
    store
        .read_snapshot(&mut || {
            before = Some(state(&*store, "sa1"));
            // Another thread revokes meanwhile (its own connection).
            revoke_elsewhere(&store);
            during = Some(state(&*store, "sa1"));
        })
        .unwrap();
    assert_eq!(before, Some(PrincipalState::Active));
    assert_eq!(
        during,
        Some(PrincipalState::Active),
        "one snapshot throughout"
    );
    assert_eq!(
        state(&*store, "sa1"),
        PrincipalState::Revoked,
        "ended with it"
    );
}

#[test]
fn other_threads_and_later_calls_read_the_latest_commit() {
    let (_dir, store) = store_with_sa1();
    store
        .read_snapshot(&mut || {
            assert_eq!(state(&*store, "sa1"), PrincipalState::Active);
            store
                .set_principal_state("sa1", PrincipalState::Revoked)
                .unwrap();
            let other = Arc::clone(&store);
            let seen = std::thread::spawn(move || state(&*other, "sa1"))
                .join()
                .unwrap();
            assert_eq!(seen, PrincipalState::Revoked, "not pinned on other threads");
        })
        .unwrap();
    assert_eq!(state(&*store, "sa1"), PrincipalState::Revoked);
}

#[test]
fn nested_snapshots_and_acting_as_handles_share_the_outer_one() {
    let (_dir, store) = store_with_sa1();
    let handle = store.acting_as("owner");
    let mut inner = None;
    store
        .read_snapshot(&mut || {
            assert_eq!(state(&*handle, "sa1"), PrincipalState::Active);
            revoke_elsewhere(&store);
            handle
                .read_snapshot(&mut || inner = Some(state(&*handle, "sa1")))
                .unwrap();
        })
        .unwrap();
    assert_eq!(inner, Some(PrincipalState::Active));
}

#[test]
fn a_panic_inside_ends_the_snapshot() {
    let (_dir, store) = store_with_sa1();
    let unwound = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        store
            .read_snapshot(&mut || {
                let _ = state(&*store, "sa1");
                panic!("boom");
            })
            .unwrap();
    }));
    assert!(unwound.is_err());
    revoke_elsewhere(&store);
    assert_eq!(
        state(&*store, "sa1"),
        PrincipalState::Revoked,
        "no snapshot left open"
    );
}
