//! Items, files and the audit trail on a real file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{T0, item, items, open_temp, title_index, vault};
use op_store::{ItemRecord, ItemState, SqliteStore, Store, StoreError};

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
    store
        .insert_items("v1", &batch, Vec::new(), T0 + 99)
        .unwrap();
    assert_eq!(counters(&store, "v1"), (4, 3));
    assert_eq!(store.vault("v1").unwrap().unwrap().updated_at, T0 + 99);
    assert_eq!(
        store.item("v1", "item000002").unwrap(),
        Some(batch[2].clone())
    );
    assert_eq!(store.item("v1", "missing").unwrap(), None);
    assert_eq!(store.item("v2", "item000002").unwrap(), None);
    store.insert_items("v1", &[], Vec::new(), T0).unwrap();
    assert_eq!(counters(&store, "v1"), (4, 3));
}

#[test]
fn insert_items_is_all_or_nothing() {
    let (_dir, store) = with_vault();
    store
        .insert_items("v1", &[item("v1", "taken", 0)], Vec::new(), T0)
        .unwrap();
    let mut batch = items("v1", 10);
    batch.push(item("v1", "taken", 1));
    let err = store
        .insert_items("v1", &batch, Vec::new(), T0)
        .unwrap_err();
    assert_eq!(
        err,
        StoreError::AlreadyExists {
            what: "item",
            id: "taken".into()
        }
    );
    assert_eq!(store.item("v1", "item000000").unwrap(), None);
    assert_eq!(counters(&store, "v1"), (1, 1));

    let err = store
        .insert_items("v9", &items("v9", 1), Vec::new(), T0)
        .unwrap_err();
    assert_eq!(
        err,
        StoreError::NotFound {
            what: "vault",
            id: "v9".into()
        }
    );
    let err = store
        .insert_items("v1", &items("v2", 1), Vec::new(), T0)
        .unwrap_err();
    assert_eq!(err.name(), "InvalidInput");
}

#[test]
fn items_come_back_in_request_order_across_chunks() {
    let (_dir, store) = with_vault();
    let batch = items("v1", 1200);
    store.insert_items("v1", &batch, Vec::new(), T0).unwrap();
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
    store.insert_items("v1", &batch, Vec::new(), T0).unwrap();
    store
        .set_items_state(
            "v1",
            std::slice::from_ref(&String::from("item000001")),
            ItemState::Archived,
            T0 + 1,
        )
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
            Vec::new(),
            T0,
        )
        .unwrap();
    store
        .insert_items("v2", &[item("v2", "c", 1)], Vec::new(), T0)
        .unwrap();
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
        .insert_items("v1", std::slice::from_ref(&original), Vec::new(), T0)
        .unwrap();
    let v2 = ItemRecord {
        version: 2,
        details: b"new".to_vec(),
        title_index: title_index(2),
        created_at: 0, // ignored: creation time is kept
        updated_at: T0 + 7,
        ..original.clone()
    };
    store.update_item(&v2, 1, Vec::new(), &[]).unwrap();
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
    let err = store.update_item(&stale, 1, Vec::new(), &[]).unwrap_err();
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
            Vec::new(),
            &[],
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
            Vec::new(),
            &[],
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
    store.update_item(&deleted, 2, Vec::new(), &[]).unwrap();
    assert_eq!(counters(&store, "v1"), (3, 0));
    assert_eq!(
        store.item("v1", "i").unwrap().unwrap().deleted_at,
        Some(T0 + 8)
    );
}

#[test]
fn state_changes_keep_counters_right() {
    let (_dir, store) = with_vault();
    store
        .insert_items("v1", &items("v1", 3), Vec::new(), T0)
        .unwrap();
    assert_eq!(counters(&store, "v1"), (3, 3));

    store
        .set_items_state(
            "v1",
            std::slice::from_ref(&String::from("item000000")),
            ItemState::Archived,
            T0 + 1,
        )
        .unwrap();
    assert_eq!(counters(&store, "v1"), (4, 2));
    store
        .set_items_state(
            "v1",
            std::slice::from_ref(&String::from("item000000")),
            ItemState::Archived,
            T0 + 2,
        )
        .unwrap(); // no change
    assert_eq!(counters(&store, "v1"), (4, 2));
    store
        .set_items_state(
            "v1",
            std::slice::from_ref(&String::from("item000000")),
            ItemState::Deleted,
            T0 + 3,
        )
        .unwrap();
    assert_eq!(counters(&store, "v1"), (5, 2));
    let row = store.item("v1", "item000000").unwrap().unwrap();
    assert_eq!(
        (row.state, row.deleted_at, row.updated_at, row.version),
        (ItemState::Deleted, Some(T0 + 3), T0 + 3, 1)
    );
    store
        .set_items_state(
            "v1",
            std::slice::from_ref(&String::from("item000000")),
            ItemState::Active,
            T0 + 4,
        )
        .unwrap();
    assert_eq!(counters(&store, "v1"), (6, 3));
    assert_eq!(
        store.item("v1", "item000000").unwrap().unwrap().deleted_at,
        None
    );

    let err = store
        .set_items_state(
            "v1",
            std::slice::from_ref(&String::from("nope")),
            ItemState::Deleted,
            T0,
        )
        .unwrap_err();
    assert_eq!(
        err,
        StoreError::NotFound {
            what: "item",
            id: "nope".into()
        }
    );
    let err = store
        .set_items_state(
            "v9",
            std::slice::from_ref(&String::from("item000000")),
            ItemState::Deleted,
            T0,
        )
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
    store
        .insert_items("v1", &items("v1", 5), Vec::new(), T0)
        .unwrap();
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
    store
        .insert_items("v1", &items("v1", 4), Vec::new(), T0)
        .unwrap();
    store
        .set_items_state(
            "v1",
            std::slice::from_ref(&String::from("item000000")),
            ItemState::Deleted,
            T0 + 10,
        )
        .unwrap();
    store
        .set_items_state(
            "v1",
            std::slice::from_ref(&String::from("item000001")),
            ItemState::Deleted,
            T0 + 30,
        )
        .unwrap();
    store
        .set_items_state(
            "v1",
            std::slice::from_ref(&String::from("item000002")),
            ItemState::Archived,
            T0 + 5,
        )
        .unwrap();

    assert_eq!(store.purge_deleted(T0 + 20).unwrap(), 1);
    assert_eq!(store.item("v1", "item000000").unwrap(), None);
    assert!(store.item("v1", "item000001").unwrap().is_some());
    assert!(store.item("v1", "item000002").unwrap().is_some());
    assert_eq!(store.purge_deleted(T0 + 20).unwrap(), 0);
    store.integrity_check().unwrap();
}

#[test]
fn every_change_is_in_the_audit_trail_newest_first_with_ids_only() {
    let (_dir, store) = open_temp();
    assert!(store.audit_events(10).unwrap().is_empty());
    let alice = store.with_actor("alice");
    alice.create_vault(&vault("v1"), &[]).unwrap();
    alice
        .insert_items("v1", &items("v1", 2), Vec::new(), T0)
        .unwrap();
    let ids = vec!["item000001".to_owned()];
    alice
        .set_items_state("v1", &ids, ItemState::Deleted, T0 + 1)
        .unwrap();
    // A failed write leaves no event: the trail is written in the change's transaction.
    let before = store.audit_events(usize::MAX).unwrap().len();
    assert!(alice.create_vault(&vault("v1"), &[]).is_err());
    assert_eq!(store.audit_events(usize::MAX).unwrap().len(), before);

    let events = store.audit_events(usize::MAX).unwrap();
    let actions: Vec<(&str, Option<&str>)> = events
        .iter()
        .map(|e| (e.action.as_str(), e.item_id.as_deref()))
        .collect();
    assert_eq!(
        actions,
        vec![
            ("item.delete", Some("item000001")),
            ("item.create", Some("item000001")),
            ("item.create", Some("item000000")),
            ("vault.create", None),
        ]
    );
    assert!(events.windows(2).all(|w| w[0].id > w[1].id));
    assert!(
        events
            .iter()
            .all(|e| e.principal_id == "alice" && e.vault_id.as_deref() == Some("v1") && e.at > T0)
    );
    assert_eq!(store.audit_events(1).unwrap(), events[..1].to_vec());
    // Writes through a handle bound to nobody are still recorded, as unattributed.
    store.create_vault(&vault("v2"), &[]).unwrap();
    assert_eq!(
        store.audit_events(1).unwrap()[0].principal_id,
        "unattributed"
    );
}
