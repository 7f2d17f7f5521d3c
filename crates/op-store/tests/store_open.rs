//! Opening, creating, migrating and checking store files.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{T0, items, vault};
use op_store::{AccessorType, PrincipalKind, SqliteStore, Store, StoreError};

#[test]
fn open_creates_a_private_file_with_the_current_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.path(), path);
    assert_eq!(
        store.schema_version().unwrap(),
        SqliteStore::supported_schema_version()
    );
    store.integrity_check().unwrap();
    store.create_vault(&vault("v1"), &[]).unwrap();

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for suffix in ["", "-wal", "-shm"] {
            let file = dir.path().join(format!("new.db{suffix}"));
            let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{} has mode {mode:o}", file.display());
        }
    }
    let raw = rusqlite::Connection::open(&path).unwrap();
    let mode: String = raw
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn an_empty_file_is_migrated_and_data_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    {
        let store = SqliteStore::open_existing(&path).unwrap();
        assert_eq!(
            store.schema_version().unwrap(),
            SqliteStore::supported_schema_version()
        );
        store.create_vault(&vault("v1"), &[]).unwrap();
        store
            .insert_items("v1", &items("v1", 3), Vec::new(), T0)
            .unwrap();
    }
    let store = SqliteStore::open_existing(&path).unwrap();
    assert_eq!(store.vault("v1").unwrap().unwrap().active_item_count, 3);
    // Opening twice at once (two handles, as two processes would) works too.
    let second = SqliteStore::open(&path).unwrap();
    assert_eq!(
        second
            .item_summaries("v1", &[op_store::ItemState::Active])
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn open_existing_refuses_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("absent.db");
    let err = SqliteStore::open_existing(&path).unwrap_err();
    assert_eq!(
        err,
        StoreError::NotFound {
            what: "vault file",
            id: path.display().to_string()
        }
    );
    assert!(!path.exists());
    assert!(err.to_string().contains("absent.db"));
}

#[test]
fn open_in_a_missing_directory_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such/dir/v.db");
    let err = SqliteStore::open(&path).unwrap_err();
    assert_eq!(err.name(), "Io");
    assert!(err.to_string().contains("no/such/dir"), "{err}");
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    drop(SqliteStore::open(&path).unwrap());
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.pragma_update(None, "user_version", 99).unwrap();
    drop(raw);
    let err = SqliteStore::open(&path).unwrap_err();
    assert_eq!(
        err,
        StoreError::SchemaTooNew {
            path: path.display().to_string(),
            found: 99,
            supported: SqliteStore::supported_schema_version()
        }
    );
    assert!(err.to_string().contains("upgrade opkit"));
}

#[test]
fn files_that_are_not_opkit_stores_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, vec![b'x'; 4096]).unwrap();
    let err = SqliteStore::open(&text).unwrap_err();
    assert_eq!(err.name(), "Corrupt");
    assert!(err.to_string().contains("notes.txt"), "{err}");

    let other = dir.path().join("other.db");
    let raw = rusqlite::Connection::open(&other).unwrap();
    raw.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    drop(raw);
    let err = SqliteStore::open(&other).unwrap_err();
    assert_eq!(err.name(), "Corrupt");
    assert!(err.to_string().contains("not an opkit vault file"), "{err}");
    let raw = rusqlite::Connection::open(&other).unwrap();
    let tables: i64 = raw
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 1);
}

#[test]
fn integrity_check_reports_damaged_pages() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.db");
    {
        let store = SqliteStore::open(&path).unwrap();
        store.create_vault(&vault("v1"), &[]).unwrap();
        store
            .insert_items("v1", &items("v1", 500), Vec::new(), T0)
            .unwrap();
    } // the last connection checkpoints the log into the file
    let mut bytes = std::fs::read(&path).unwrap();
    let half = bytes.len() / 2;
    for b in &mut bytes[half..] {
        *b = 0x55;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = SqliteStore::open(&path)
        .and_then(|s| s.integrity_check())
        .unwrap_err();
    assert_eq!(err.name(), "Corrupt", "{err}");
}

#[test]
fn integrity_check_reports_dangling_references() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dangling.db");
    let store = SqliteStore::open(&path).unwrap();
    let raw = rusqlite::Connection::open(&path).unwrap();
    // Bundled SQLite enforces foreign keys by default; switch them off to plant the damage.
    raw.pragma_update(None, "foreign_keys", false).unwrap();
    raw.execute(
        "INSERT INTO group_members (group_id, principal_id, sealed_group_key) VALUES ('g', 'p', x'00')",
        [],
    )
    .unwrap();
    let err = store.integrity_check().unwrap_err();
    assert_eq!(err.name(), "Corrupt");
    assert!(err.to_string().contains("group_members"), "{err}");
}

#[test]
fn an_unknown_enum_spelling_reads_as_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.db");
    let store = SqliteStore::open(&path).unwrap();
    store.create_vault(&vault("v1"), &[]).unwrap();
    store
        .insert_items("v1", &items("v1", 1), Vec::new(), T0)
        .unwrap();
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute("UPDATE items SET state = 'shredded'", [])
        .unwrap();
    let err = store.item("v1", "item000000").unwrap_err();
    assert_eq!(err.name(), "Corrupt");
}

#[test]
fn a_write_blocked_past_the_timeout_is_busy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.db");
    let store = SqliteStore::open(&path).unwrap();
    store.create_vault(&vault("v1"), &[]).unwrap();
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch("BEGIN IMMEDIATE").unwrap();
    let err = store.update_vault_attrs("v1", b"x", 0, T0).unwrap_err();
    assert_eq!(
        err,
        StoreError::Busy {
            path: path.display().to_string()
        }
    );
    // Readers are not blocked by a writer in WAL mode.
    assert!(store.vault("v1").unwrap().is_some());
    raw.execute_batch("ROLLBACK").unwrap();
    store.update_vault_attrs("v1", b"x", 0, T0).unwrap();
}

#[test]
fn step_four_gives_the_vault_creation_right_to_writers_and_drops_the_unused_files_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("step3.db");
    {
        let store = SqliteStore::open(&path).unwrap();
        store
            .insert_principal(&common::principal("owner", PrincipalKind::Person))
            .unwrap();
        for id in ["writer", "reader"] {
            store
                .insert_principal(&common::principal(id, PrincipalKind::ServiceAccount))
                .unwrap();
        }
        let mut write = common::grant("v1", AccessorType::User, "writer");
        write.permissions = 0x80 | 0x20; // create_items, read_items
        let mut read = common::grant("v1", AccessorType::User, "reader");
        read.permissions = 0x20 | 0x10;
        store
            .create_vault(&common::vault("v1"), &[write, read])
            .unwrap();
    }
    // Roll the file back to what schema step 3 left.
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch(
        "CREATE TABLE files (vault_id TEXT NOT NULL, item_id TEXT NOT NULL, id TEXT NOT NULL, \
           content BLOB NOT NULL, PRIMARY KEY (vault_id, item_id, id)); \
         ALTER TABLE principals DROP COLUMN may_create_vaults; \
         ALTER TABLE audit DROP COLUMN subject; PRAGMA user_version = 3;",
    )
    .unwrap();
    drop(raw);

    let store = SqliteStore::open_existing(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), 4);
    let right = |id: &str| store.principal(id).unwrap().unwrap().may_create_vaults;
    assert!(right("owner") && right("writer") && !right("reader"));
    let raw = rusqlite::Connection::open(&path).unwrap();
    let files: i64 = raw
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'files'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(files, 0);
    store.integrity_check().unwrap();
}

/// A foreign SQLite file, in rollback-journal or WAL mode: `(path, its bytes)`.
fn foreign_sqlite(dir: &std::path::Path, name: &str, wal: bool) -> (std::path::PathBuf, Vec<u8>) {
    let path = dir.join(name);
    let raw = rusqlite::Connection::open(&path).unwrap();
    if wal {
        let mode: String = raw
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }
    raw.execute_batch("CREATE TABLE notes (x); INSERT INTO notes VALUES ('keep me');")
        .unwrap();
    drop(raw);
    let bytes = std::fs::read(&path).unwrap();
    (path, bytes)
}

fn side_files(path: &std::path::Path) -> Vec<String> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .map(|s| format!("{}{s}", path.display()))
        .filter(|p| std::path::Path::new(p).exists())
        .collect()
}

#[test]
fn a_foreign_sqlite_file_is_refused_before_any_pragma_changes_it() {
    let dir = tempfile::tempdir().unwrap();
    for (name, wal) in [("journal.db", false), ("wal.db", true)] {
        let (path, before) = foreign_sqlite(dir.path(), name, wal);
        assert!(side_files(&path).is_empty());
        for open in [SqliteStore::open, SqliteStore::open_existing] {
            let err = open(&path).unwrap_err();
            assert_eq!(err.name(), "Corrupt", "{err}");
            assert!(err.to_string().contains("not an opkit vault file"), "{err}");
            assert!(std::fs::read(&path).unwrap() == before, "{name} changed");
            assert_eq!(side_files(&path), Vec::<String>::new(), "{name}");
        }
        let err = SqliteStore::create(&path).unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::AlreadyExists {
                    what: "vault file",
                    ..
                }
            ),
            "{err}"
        );
        assert!(std::fs::read(&path).unwrap() == before, "the file changed");
        assert_eq!(side_files(&path), Vec::<String>::new());
    }
}

#[test]
fn create_is_exclusive_and_leaves_whatever_exists_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("taken.db");
    std::fs::write(&path, b"").unwrap();
    let err = SqliteStore::create(&path).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::AlreadyExists {
                what: "vault file",
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(err.name(), "AlreadyExists");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"",
        "an empty file stays empty"
    );
    assert!(side_files(&path).is_empty());

    // An existing vault is not reopened as if new either.
    let vault_path = dir.path().join("v.db");
    let store = SqliteStore::create(&vault_path).unwrap();
    store.create_vault(&vault("v1"), &[]).unwrap();
    drop(store);
    let before = std::fs::read(&vault_path).unwrap();
    assert!(SqliteStore::create(&vault_path).is_err());
    assert!(
        std::fs::read(&vault_path).unwrap() == before,
        "the vault changed"
    );

    #[cfg(unix)]
    {
        // A dangling symlink is not followed to create its target.
        let link = dir.path().join("link.db");
        let target = dir.path().join("elsewhere.db");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(SqliteStore::create(&link).is_err());
        assert!(!target.exists());
    }
}
