//! Many threads reading through one store while another thread writes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use common::{T0, item, open_temp, title_index, vault};
use op_store::{ItemState, Store};

const BATCHES: u64 = 60;
const PER_BATCH: u64 = 25;

#[test]
fn readers_see_whole_batches_while_a_writer_commits() {
    let (_dir, store) = open_temp();
    let store = Arc::new(store);
    store.create_vault(&vault("v1"), &[]).unwrap();
    let writing = Arc::new(AtomicBool::new(true));

    let readers: Vec<_> = (0..4)
        .map(|_| {
            let store = Arc::clone(&store);
            let writing = Arc::clone(&writing);
            std::thread::spawn(move || {
                let (mut last_count, mut reads) = (0_u32, 0_u64);
                loop {
                    let done = !writing.load(Ordering::Acquire);
                    let v = store.vault("v1").unwrap().unwrap();
                    assert_eq!(
                        v.active_item_count % PER_BATCH as u32,
                        0,
                        "saw half a batch"
                    );
                    assert!(v.active_item_count >= last_count, "count went backwards");
                    last_count = v.active_item_count;
                    let listed = store
                        .item_summaries("v1", &[ItemState::Active])
                        .unwrap()
                        .len() as u64;
                    assert_eq!(listed % PER_BATCH, 0, "listed half a batch");
                    if let Some(first) = store.item("v1", "item-0-0").unwrap() {
                        assert_eq!(
                            store
                                .items_by_title_index("v1", &first.title_index)
                                .unwrap()
                                .len(),
                            1
                        );
                    }
                    reads += 1;
                    if done {
                        return (last_count, reads);
                    }
                }
            })
        })
        .collect();

    for batch in 0..BATCHES {
        let records: Vec<_> = (0..PER_BATCH)
            .map(|n| item("v1", &format!("item-{batch}-{n}"), batch * PER_BATCH + n))
            .collect();
        store.insert_items("v1", &records, Vec::new(), T0).unwrap();
    }
    writing.store(false, Ordering::Release);

    let total = (BATCHES * PER_BATCH) as u32;
    for reader in readers {
        let (last_count, reads) = reader.join().unwrap();
        assert_eq!(last_count, total);
        assert!(reads > 0);
    }
    assert_eq!(
        store
            .items_by_title_index("v1", &title_index(0))
            .unwrap()
            .len(),
        1
    );
    store.integrity_check().unwrap();
}
