//! Items, files and the audit trail on a real file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{T0, item, items, open_temp, title_index, vault};
use op_store::{AuditEvent, ItemRecord, ItemState, SqliteStore, Store, StoreError};

fn counters(store: &SqliteStore, vault_id: &str) -> (u32, u32) {
    let v = store.vault(vault_id).unwrap().unwrap();
    (v.content_version, v.active_item_count)
}

fn with_vault() -> (tempfile::TempDir, SqliteStore) {
    let (dir, store) = open_temp();
    store.create_vault(&vault("v1"), &[]).unwrap();
    (dir, store)
}

#[test]
fn insert_items_counts_and_reads_back() {
    let (_dir, store) = with_vault();
    let mut batch = items("v1", 4);
    batch[3].state = ItemState::Archived;
    store.insert_items("v1", &batch, T0 + 99).unwrap();
    assert_eq!(counters(&store, "v1"), (4, 3));
    assert_eq!(store.vault("v1").unwrap().unwrap().updated_at, T0 + 99);
    assert_eq!(
        store.item("v1", "item000002").unwrap(),
        Some(batch[2].clone())
    );
    assert_eq!(store.item("v1", "missing").unwrap(), None);
    assert_eq!(store.item("v2", "item000002").unwrap(), None);
    store.insert_items("v1", &[], T0).unwrap();
    assert_eq!(counters(&store, "v1"), (4, 3));
}

#[test]
fn insert_items_is_all_or_nothing() {
    let (_dir, store) = with_vault();
    store
        .insert_items("v1", &[item("v1", "taken", 0)], T0)
        .unwrap();
    let mut batch = items("v1", 10);
    batch.push(item("v1", "taken", 1));
    let err = store.insert_items("v1", &batch, T0).unwrap_err();
    assert_eq!(
        err,
        StoreError::AlreadyExists {
            what: "item",
            id: "taken".into()
        }
    );
    assert_eq!(store.item("v1", "item000000").unwrap(), None);
    assert_eq!(counters(&store, "v1"), (1, 1));

    let err = store.insert_items("v9", &items("v9", 1), T0).unwrap_err();
    assert_eq!(
        err,
        StoreError::NotFound {
            what: "vault",
            id: "v9".into()
        }
    );
    let err = store.insert_items("v1", &items("v2", 1), T0).unwrap_err();
    assert_eq!(err.name(), "InvalidInput");
}

#[test]
fn items_come_back_in_request_order_across_chunks() {
    let (_dir, store) = with_vault();
    let batch = items("v1", 1200);
    store.insert_items("v1", &batch, T0).unwrap();
    let mut ids: Vec<String> = (0..1200).rev().map(|n| format!("item{n:06}")).collect();
    ids.insert(7, "missing".into());
    ids.push("item000005".into()); // repeated id
    let got = store.items("v1", &ids).unwrap();
    assert_eq!(got.len(), ids.len());
    for (id, record) in ids.iter().zip(&got) {
        match record {
            Some(r) => assert_eq!(&r.id, id),
            None => assert_eq!(id, "missing"),
        }
    }
    assert_eq!(got[0].as_ref(), Some(&batch[1199]));
    assert_eq!(got.last().unwrap().as_ref(), Some(&batch[5]));
    assert!(store.items("v1", &[]).unwrap().is_empty());
}

#[test]
fn summaries_filter_by_state() {
    let (_dir, store) = with_vault();
    let batch = items("v1", 3);
    store.insert_items("v1", &batch, T0).unwrap();
    store
        .set_item_state("v1", "item000001", ItemState::Archived, T0 + 1)
        .unwrap();

    let active = store.item_summaries("v1", &[ItemState::Active]).unwrap();
    assert_eq!(
        active.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        ["item000000", "item000002"]
    );
    assert_eq!(active[0].overview, batch[0].overview);
    assert_eq!(active[0].title_index, batch[0].title_index);
    let both = store
        .item_summaries(
            "v1",
            &[ItemState::Archived, ItemState::Active, ItemState::Active],
        )
        .unwrap();
    assert_eq!(both.len(), 3);
    assert!(store.item_summaries("v1", &[]).unwrap().is_empty());
    assert_eq!(
        store
            .item_summaries("v9", &[ItemState::Active])
            .unwrap_err()
            .name(),
        "NotFound"
    );
}

#[test]
fn lookup_by_title_index() {
    let (_dir, store) = with_vault();
    store.create_vault(&vault("v2"), &[]).unwrap();
    let mut twin = item("v1", "twin", 1);
    twin.created_at = T0 + 50;
    store
        .insert_items(
            "v1",
            &[item("v1", "a", 1), item("v1", "b", 2), twin.clone()],
            T0,
        )
        .unwrap();
    store.insert_items("v2", &[item("v2", "c", 1)], T0).unwrap();
    let found = store.items_by_title_index("v1", &title_index(1)).unwrap();
    assert_eq!(
        found.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        ["a", "twin"]
    );
    assert!(
        store
            .items_by_title_index("v1", &title_index(3))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn update_item_is_compare_and_swap() {
    let (_dir, store) = with_vault();
    let original = item("v1", "i", 1);
    store
        .insert_items("v1", std::slice::from_ref(&original), T0)
        .unwrap();
    let v2 = ItemRecord {
        version: 2,
        details: b"new".to_vec(),
        title_index: title_index(2),
        created_at: 0, // ignored: creation time is kept
        updated_at: T0 + 7,
        ..original.clone()
    };
    store.update_item(&v2, 1).unwrap();
    let stored = store.item("v1", "i").unwrap().unwrap();
    assert_eq!(
        stored,
        ItemRecord {
            created_at: original.created_at,
            ..v2.clone()
        }
    );
    assert_eq!(counters(&store, "v1"), (2, 1));
    assert_eq!(
        store
            .items_by_title_index("v1", &title_index(2))
            .unwrap()
            .len(),
        1
    );

    let stale = ItemRecord {
        version: 2,
        ..original.clone()
    };
    let err = store.update_item(&stale, 1).unwrap_err();
    assert_eq!(
        err,
        StoreError::VersionConflict {
            id: "i".into(),
            expected: 1,
            actual: 2
        }
    );
    assert_eq!(store.item("v1", "i").unwrap().unwrap().details, b"new");

    let err = store
        .update_item(
            &ItemRecord {
                version: 2,
                ..v2.clone()
            },
            2,
        )
        .unwrap_err();
    assert_eq!(err.name(), "InvalidInput");
    let err = store
        .update_item(
            &ItemRecord {
                id: "nope".into(),
                version: 3,
                ..v2.clone()
            },
            2,
        )
        .unwrap_err();
    assert_eq!(
        err,
        StoreError::NotFound {
            what: "item",
            id: "nope".into()
        }
    );

    // A state change through update keeps the active count right and sets deleted_at.
    let deleted = ItemRecord {
        version: 3,
        state: ItemState::Deleted,
        updated_at: T0 + 8,
        ..v2
    };
    store.update_item(&deleted, 2).unwrap();
    assert_eq!(counters(&store, "v1"), (3, 0));
    assert_eq!(
        store.item("v1", "i").unwrap().unwrap().deleted_at,
        Some(T0 + 8)
    );
}

#[test]
fn state_changes_keep_counters_right() {
    let (_dir, store) = with_vault();
    store.insert_items("v1", &items("v1", 3), T0).unwrap();
    assert_eq!(counters(&store, "v1"), (3, 3));

    store
        .set_item_state("v1", "item000000", ItemState::Archived, T0 + 1)
        .unwrap();
    assert_eq!(counters(&store, "v1"), (4, 2));
    store
        .set_item_state("v1", "item000000", ItemState::Archived, T0 + 2)
        .unwrap(); // no change
    assert_eq!(counters(&store, "v1"), (4, 2));
    store
        .set_item_state("v1", "item000000", ItemState::Deleted, T0 + 3)
        .unwrap();
    assert_eq!(counters(&store, "v1"), (5, 2));
    let row = store.item("v1", "item000000").unwrap().unwrap();
    assert_eq!(
        (row.state, row.deleted_at, row.updated_at, row.version),
        (ItemState::Deleted, Some(T0 + 3), T0 + 3, 1)
    );
    store
        .set_item_state("v1", "item000000", ItemState::Active, T0 + 4)
        .unwrap();
    assert_eq!(counters(&store, "v1"), (6, 3));
    assert_eq!(
        store.item("v1", "item000000").unwrap().unwrap().deleted_at,
        None
    );

    let err = store
        .set_item_state("v1", "nope", ItemState::Deleted, T0)
        .unwrap_err();
    assert_eq!(
        err,
        StoreError::NotFound {
            what: "item",
            id: "nope".into()
        }
    );
    let err = store
        .set_item_state("v9", "item000000", ItemState::Deleted, T0)
        .unwrap_err();
    assert_eq!(
        err,
        StoreError::NotFound {
            what: "vault",
            id: "v9".into()
        }
    );
}

#[test]
fn bulk_state_change_is_all_or_nothing() {
    let (_dir, store) = with_vault();
    store.insert_items("v1", &items("v1", 5), T0).unwrap();
    let ids: Vec<String> = vec!["item000000".into(), "item000001".into(), "ghost".into()];
    let err = store
        .set_items_state("v1", &ids, ItemState::Deleted, T0 + 1)
        .unwrap_err();
    assert_eq!(err.name(), "NotFound");
    assert_eq!(
        store.item("v1", "item000000").unwrap().unwrap().state,
        ItemState::Active
    );
    assert_eq!(counters(&store, "v1"), (5, 5));

    store
        .set_items_state("v1", &ids[..2], ItemState::Deleted, T0 + 1)
        .unwrap();
    assert_eq!(counters(&store, "v1"), (7, 3));
    assert_eq!(
        store
            .item_summaries("v1", &[ItemState::Deleted])
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn purge_removes_only_old_deleted_items_and_their_files() {
    let (_dir, store) = with_vault();
    store.insert_items("v1", &items("v1", 4), T0).unwrap();
    store.put_file("v1", "item000000", "f", b"blob").unwrap();
    store
        .set_item_state("v1", "item000000", ItemState::Deleted, T0 + 10)
        .unwrap();
    store
        .set_item_state("v1", "item000001", ItemState::Deleted, T0 + 30)
        .unwrap();
    store
        .set_item_state("v1", "item000002", ItemState::Archived, T0 + 5)
        .unwrap();

    assert_eq!(store.purge_deleted(T0 + 20).unwrap(), 1);
    assert_eq!(store.item("v1", "item000000").unwrap(), None);
    assert_eq!(store.file("v1", "item000000", "f").unwrap(), None);
    assert!(store.item("v1", "item000001").unwrap().is_some());
    assert!(store.item("v1", "item000002").unwrap().is_some());
    assert_eq!(store.purge_deleted(T0 + 20).unwrap(), 0);
    store.integrity_check().unwrap();
}

#[test]
fn files_attach_to_items() {
    let (_dir, store) = with_vault();
    store.insert_items("v1", &[item("v1", "i", 0)], T0).unwrap();
    store.put_file("v1", "i", "f1", b"one").unwrap();
    store.put_file("v1", "i", "f1", b"two").unwrap();
    assert_eq!(store.file("v1", "i", "f1").unwrap(), Some(b"two".to_vec()));
    assert_eq!(store.file("v1", "i", "f2").unwrap(), None);
    let err = store.put_file("v1", "nope", "f1", b"x").unwrap_err();
    assert_eq!(
        err,
        StoreError::NotFound {
            what: "item",
            id: "nope".into()
        }
    );
    store.delete_file("v1", "i", "f1").unwrap();
    assert_eq!(
        store.delete_file("v1", "i", "f1").unwrap_err().name(),
        "NotFound"
    );
}

#[test]
fn audit_trail_newest_first() {
    let (_dir, store) = open_temp();
    assert!(store.audit_events(10).unwrap().is_empty());
    let mut ids = Vec::new();
    for n in 0..5 {
        let event = AuditEvent {
            id: -1,
            at: T0 + n,
            principal_id: "alice".into(),
            action: "item.read".into(),
            vault_id: Some("v1".into()),
            item_id: (n % 2 == 0).then(|| format!("i{n}")),
        };
        ids.push(store.append_audit(&event).unwrap());
    }
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
    let events = store.audit_events(3).unwrap();
    assert_eq!(
        events.iter().map(|e| e.id).collect::<Vec<_>>(),
        ids[2..].iter().rev().copied().collect::<Vec<_>>()
    );
    assert_eq!(events[0].item_id.as_deref(), Some("i4"));
    assert_eq!(events[1].item_id, None);
    assert_eq!(store.audit_events(usize::MAX).unwrap().len(), 5);
}
