//! Chunked files on a real file: written with their item in one transaction, streamed back in order,
//! removed with the item change, the purge and the vault.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{T0, item, open_temp, vault};
use op_store::{FileRecord, FileSink, ItemState, NewFile, SqliteStore, Store, StoreError};

fn with_vault() -> (tempfile::TempDir, SqliteStore) {
    let (dir, store) = open_temp();
    store.create_vault(&vault("v1"), &[]).unwrap();
    (dir, store)
}

fn header(item_id: &str, id: &str, chunk_count: u32) -> FileRecord {
    FileRecord {
        vault_id: "v1".into(),
        item_id: item_id.into(),
        id: id.into(),
        wrapped_key: vec![9; 73],
        key_generation: 0,
        chunk_count,
    }
}

/// A file whose chunk `i` is `i + 1` repeated `len` times.
fn new_file(item_id: &str, id: &str, chunk_count: u32, len: usize) -> NewFile<'static> {
    NewFile {
        record: header(item_id, id, chunk_count),
        chunks: Box::new(move |i| Ok(vec![u8::try_from(i + 1).unwrap(); len])),
    }
}

#[derive(Default)]
struct Collect {
    header: Option<FileRecord>,
    chunks: Vec<(u32, Vec<u8>)>,
}

impl FileSink for Collect {
    fn header(&mut self, file: &FileRecord) -> Result<(), StoreError> {
        self.header = Some(file.clone());
        Ok(())
    }
    fn chunk(&mut self, index: u32, content: &[u8]) -> Result<(), StoreError> {
        self.chunks.push((index, content.to_vec()));
        Ok(())
    }
}

fn read(store: &SqliteStore, item_id: &str, id: &str) -> Option<Collect> {
    let mut sink = Collect::default();
    store
        .read_file("v1", item_id, id, &mut sink)
        .unwrap()
        .then_some(sink)
}

#[test]
fn files_are_written_with_their_item_and_streamed_back_in_order() {
    let (_dir, store) = with_vault();
    let files = vec![new_file("i", "f1", 3, 1000), new_file("i", "f2", 1, 0)];
    store
        .insert_items("v1", &[item("v1", "i", 0)], files, T0)
        .unwrap();
    let got = read(&store, "i", "f1").unwrap();
    assert_eq!(got.header, Some(header("i", "f1", 3)));
    assert_eq!(
        got.chunks,
        vec![(0, vec![1; 1000]), (1, vec![2; 1000]), (2, vec![3; 1000])]
    );
    let empty = read(&store, "i", "f2").unwrap();
    assert_eq!(empty.chunks, vec![(0, Vec::new())]);
    assert!(read(&store, "i", "nope").is_none());
    assert!(read(&store, "other", "f1").is_none());
    assert_eq!(store.vault("v1").unwrap().unwrap().active_item_count, 1);
    store.integrity_check().unwrap();
}

#[test]
fn a_failing_chunk_source_stores_nothing() {
    let (_dir, store) = with_vault();
    let failing = NewFile {
        record: header("i", "f1", 4),
        chunks: Box::new(|i| {
            if i == 2 {
                Err(StoreError::InvalidInput {
                    reason: "no randomness".into(),
                })
            } else {
                Ok(vec![0; 10])
            }
        }),
    };
    let err = store
        .insert_items("v1", &[item("v1", "i", 0)], vec![failing], T0)
        .unwrap_err();
    assert_eq!(err.name(), "InvalidInput");
    assert_eq!(store.item("v1", "i").unwrap(), None);
    assert!(read(&store, "i", "f1").is_none());
    assert_eq!(store.vault("v1").unwrap().unwrap().content_version, 0);
}

#[test]
fn a_file_must_belong_to_an_item_of_the_write() {
    let (_dir, store) = with_vault();
    let err = store
        .insert_items(
            "v1",
            &[item("v1", "i", 0)],
            vec![new_file("j", "f1", 1, 3)],
            T0,
        )
        .unwrap_err();
    assert_eq!(err.name(), "InvalidInput");
    assert_eq!(store.item("v1", "i").unwrap(), None);

    let duplicate = vec![new_file("i", "f1", 1, 3), new_file("i", "f1", 1, 3)];
    let err = store
        .insert_items("v1", &[item("v1", "i", 0)], duplicate, T0)
        .unwrap_err();
    assert_eq!(
        err,
        StoreError::AlreadyExists {
            what: "file",
            id: "f1".into()
        }
    );
    assert_eq!(store.item("v1", "i").unwrap(), None);
}

#[test]
fn an_update_adds_and_removes_files_atomically() {
    let (_dir, store) = with_vault();
    store
        .insert_items(
            "v1",
            &[item("v1", "i", 0)],
            vec![new_file("i", "old", 2, 5)],
            T0,
        )
        .unwrap();
    let mut next = item("v1", "i", 0);
    next.version = 2;

    // A stale version changes nothing: the old file stays, the new one is not written.
    let mut stale = item("v1", "i", 0);
    stale.version = 8;
    let err = store
        .update_item(
            &stale,
            7,
            vec![new_file("i", "new", 1, 5)],
            &["old".to_owned()],
        )
        .unwrap_err();
    assert_eq!(err.name(), "VersionConflict");
    assert!(read(&store, "i", "old").is_some());
    assert!(read(&store, "i", "new").is_none());

    store
        .update_item(
            &next,
            1,
            vec![new_file("i", "new", 1, 5)],
            &["old".to_owned(), "never-stored".to_owned()],
        )
        .unwrap();
    assert!(read(&store, "i", "old").is_none());
    assert_eq!(
        read(&store, "i", "new").unwrap().chunks,
        vec![(0, vec![1; 5])]
    );
    assert_eq!(store.item("v1", "i").unwrap().unwrap().version, 2);
    store.integrity_check().unwrap();
}

#[test]
fn purging_an_item_or_deleting_its_vault_removes_its_files() {
    let (_dir, store) = with_vault();
    let items = [item("v1", "a", 0), item("v1", "b", 1)];
    let files = vec![new_file("a", "fa", 2, 8), new_file("b", "fb", 2, 8)];
    store.insert_items("v1", &items, files, T0).unwrap();
    store
        .set_items_state(
            "v1",
            std::slice::from_ref(&String::from("a")),
            ItemState::Deleted,
            T0 + 10,
        )
        .unwrap();
    // In Recently Deleted the file is kept; the purge removes it with the item.
    assert!(read(&store, "a", "fa").is_some());
    assert_eq!(store.purge_deleted(T0 + 20).unwrap(), 1);
    assert!(read(&store, "a", "fa").is_none());
    assert!(read(&store, "b", "fb").is_some());
    store.integrity_check().unwrap();

    store.delete_vault("v1").unwrap();
    assert!(read(&store, "b", "fb").is_none());
    store.integrity_check().unwrap();
}

#[test]
fn a_sink_error_stops_the_read() {
    struct Stop(u32);
    impl FileSink for Stop {
        fn header(&mut self, _: &FileRecord) -> Result<(), StoreError> {
            Ok(())
        }
        fn chunk(&mut self, index: u32, _: &[u8]) -> Result<(), StoreError> {
            self.0 += 1;
            if index == 1 {
                return Err(StoreError::InvalidInput {
                    reason: "tampered".into(),
                });
            }
            Ok(())
        }
    }
    let (_dir, store) = with_vault();
    store
        .insert_items(
            "v1",
            &[item("v1", "i", 0)],
            vec![new_file("i", "f", 4, 2)],
            T0,
        )
        .unwrap();
    let mut sink = Stop(0);
    let err = store.read_file("v1", "i", "f", &mut sink).unwrap_err();
    assert_eq!(err.name(), "InvalidInput");
    assert_eq!(sink.0, 2);
    // The reader connection is usable afterwards.
    assert!(read(&store, "i", "f").is_some());
}

#[test]
fn a_file_from_before_chunked_files_is_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let store = SqliteStore::open(&path).unwrap();
        store.create_vault(&vault("v1"), &[]).unwrap();
        store
            .insert_items("v1", &[item("v1", "i", 0)], Vec::new(), T0)
            .unwrap();
    }
    // Roll the file back to what schema step 2 left (step 3 added the chunked files, step 4 the
    // vault-creation right and the audit subject, and dropped the step-1 files table).
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch(
        "DROP TABLE file_chunks; DROP TABLE file_headers; \
         CREATE TABLE files (vault_id TEXT NOT NULL, item_id TEXT NOT NULL, id TEXT NOT NULL, \
           content BLOB NOT NULL, PRIMARY KEY (vault_id, item_id, id)); \
         ALTER TABLE principals DROP COLUMN may_create_vaults; \
         ALTER TABLE audit DROP COLUMN subject; PRAGMA user_version = 2;",
    )
    .unwrap();
    drop(raw);

    let store = SqliteStore::open_existing(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), 4);
    assert!(store.item("v1", "i").unwrap().is_some());
    let mut next = item("v1", "i", 0);
    next.version = 2;
    store
        .update_item(&next, 1, vec![new_file("i", "f", 1, 4)], &[])
        .unwrap();
    assert!(read(&store, "i", "f").is_some());
    store.integrity_check().unwrap();
}
