//! The schema as a list of migration steps; `PRAGMA user_version` counts the steps applied.

use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use super::Failure;

/// `PRAGMA application_id` of an opkit store ("opkt"), so a foreign SQLite file is never migrated into one.
pub(crate) const APPLICATION_ID: i32 = 0x6F70_6B74;

/// Migration steps, oldest first. Step `n` (1-based) brings a file from `user_version = n - 1` to `n`.
/// Never edit a released step: append a new one.
///
/// Rows are deleted explicitly (no `ON DELETE CASCADE`), so a forgotten child row is a loud foreign-key
/// error instead of a silent cascade. Enum columns hold fixed text spellings; unknown ones read as Corrupt.
pub(crate) const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE account (
    singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE principals (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    public_key BLOB NOT NULL,
    sealed_private_key BLOB NOT NULL,
    unlock_params BLOB NOT NULL,
    auth_hash BLOB,
    state TEXT NOT NULL,
    created_by TEXT,
    created_at INTEGER NOT NULL
);
CREATE TABLE groups (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    group_type TEXT NOT NULL,
    state TEXT NOT NULL,
    public_key BLOB NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE group_members (
    group_id TEXT NOT NULL REFERENCES groups(id),
    principal_id TEXT NOT NULL REFERENCES principals(id),
    sealed_group_key BLOB NOT NULL,
    PRIMARY KEY (group_id, principal_id)
) WITHOUT ROWID;
CREATE INDEX group_members_by_principal ON group_members(principal_id);
CREATE TABLE vaults (
    id TEXT PRIMARY KEY NOT NULL,
    vault_type TEXT NOT NULL,
    attrs BLOB NOT NULL,
    created_by TEXT NOT NULL,
    content_version INTEGER NOT NULL,
    attribute_version INTEGER NOT NULL,
    active_item_count INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE vault_access (
    vault_id TEXT NOT NULL REFERENCES vaults(id),
    accessor_type TEXT NOT NULL,
    accessor_id TEXT NOT NULL,
    permissions INTEGER NOT NULL,
    sealed_vault_key BLOB NOT NULL,
    PRIMARY KEY (vault_id, accessor_type, accessor_id)
) WITHOUT ROWID;
CREATE INDEX vault_access_by_accessor ON vault_access(accessor_id, accessor_type);
CREATE TABLE items (
    vault_id TEXT NOT NULL REFERENCES vaults(id),
    id TEXT NOT NULL,
    version INTEGER NOT NULL,
    state TEXT NOT NULL,
    overview BLOB NOT NULL,
    details BLOB NOT NULL,
    title_index BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    deleted_at INTEGER,
    PRIMARY KEY (vault_id, id)
);
CREATE INDEX items_by_title ON items(vault_id, title_index);
CREATE INDEX items_deleted ON items(deleted_at) WHERE deleted_at IS NOT NULL;
CREATE TABLE files (
    vault_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    id TEXT NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY (vault_id, item_id, id),
    FOREIGN KEY (vault_id, item_id) REFERENCES items(vault_id, id)
);
CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    principal_id TEXT NOT NULL,
    action TEXT NOT NULL,
    vault_id TEXT,
    item_id TEXT
);
"#,
    // Step 2: vault key generations and their history, group keys for administrators,
    // Environments.
    r#"
ALTER TABLE vaults ADD COLUMN key_generation INTEGER NOT NULL DEFAULT 0;
ALTER TABLE items ADD COLUMN key_generation INTEGER NOT NULL DEFAULT 0;
ALTER TABLE groups ADD COLUMN sealed_admin_key BLOB;
CREATE TABLE vault_key_history (
    vault_id TEXT NOT NULL REFERENCES vaults(id),
    generation INTEGER NOT NULL,
    wrapped_key BLOB NOT NULL,
    PRIMARY KEY (vault_id, generation)
) WITHOUT ROWID;
CREATE TABLE environments (
    id TEXT PRIMARY KEY NOT NULL,
    content BLOB NOT NULL,
    version INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE environment_access (
    environment_id TEXT NOT NULL REFERENCES environments(id),
    accessor_type TEXT NOT NULL,
    accessor_id TEXT NOT NULL,
    permissions INTEGER NOT NULL,
    sealed_key BLOB NOT NULL,
    PRIMARY KEY (environment_id, accessor_type, accessor_id)
) WITHOUT ROWID;
CREATE INDEX environment_access_by_accessor ON environment_access(accessor_id, accessor_type);
"#,
    // Step 3: files in separately sealed chunks. A header row holds the file key (wrapped by the SDK)
    // and the chunk count; one row per chunk keeps every blob small enough to read and write without
    // holding a whole file twice. The step-1 `files` table is left unused.
    r#"
CREATE TABLE file_headers (
    vault_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    id TEXT NOT NULL,
    wrapped_key BLOB NOT NULL,
    key_generation INTEGER NOT NULL,
    chunk_count INTEGER NOT NULL,
    PRIMARY KEY (vault_id, item_id, id),
    FOREIGN KEY (vault_id, item_id) REFERENCES items(vault_id, id)
);
CREATE TABLE file_chunks (
    vault_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    file_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY (vault_id, item_id, file_id, idx),
    FOREIGN KEY (vault_id, item_id, file_id) REFERENCES file_headers(vault_id, item_id, id)
);
"#,
    // Step 4: the account-level right to create vaults (people, and service accounts holding a grant
    // with a permission that writes: create, update, archive, delete, import items or manage the
    // vault, 0x2003C2, keep what they could do before), the audit trail's subject (a group,
    // principal or Environment a change concerns) with an index for reading it newest first, and the
    // step-1 `files` table dropped: files live in `file_headers`/`file_chunks` since step 3.
    r#"
ALTER TABLE principals ADD COLUMN may_create_vaults INTEGER NOT NULL DEFAULT 0;
UPDATE principals SET may_create_vaults = 1
 WHERE kind = 'person'
    OR id IN (SELECT accessor_id FROM vault_access WHERE accessor_type = 'user' AND (permissions & 2098114) != 0);
DROP TABLE files;
ALTER TABLE audit ADD COLUMN subject TEXT;
"#,
];

/// The newest schema version this code knows.
pub(crate) fn supported_version() -> u32 {
    u32::try_from(MIGRATIONS.len()).unwrap_or(u32::MAX)
}

struct Header {
    application_id: i32,
    user_version: i64,
    objects: i64,
}

fn header(conn: &Connection) -> Result<Header, Failure> {
    Ok(Header {
        application_id: conn.pragma_query_value(None, "application_id", |r| r.get(0))?,
        user_version: conn.pragma_query_value(None, "user_version", |r| r.get(0))?,
        objects: conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?,
    })
}

fn check(header: &Header, supported: u32) -> Result<(), Failure> {
    let fresh = header.application_id == 0 && header.user_version == 0 && header.objects == 0;
    if header.application_id != APPLICATION_ID && !fresh {
        return Err(Failure::Corrupt("not an opkit vault file".to_owned()));
    }
    if header.user_version > i64::from(supported) || header.user_version < 0 {
        return Err(Failure::TooNew {
            found: u32::try_from(header.user_version).unwrap_or(u32::MAX),
            supported,
        });
    }
    Ok(())
}

/// Refuses a file that is not an opkit store, or a fresh empty one, from its first bytes, before
/// SQLite opens it (opening a foreign WAL-mode file would already create and later checkpoint its
/// -wal and -shm files). A file whose header still says "fresh" (application id and user version
/// 0, no schema on page 1: just created, or its first commit still in the WAL) is left to
/// [`refuse_foreign`].
pub(crate) fn refuse_foreign_header(path: &Path) -> Result<(), Failure> {
    let mut header = Vec::with_capacity(SQLITE_HEADER_READ);
    let file = std::fs::File::open(path)
        .map_err(|e| Failure::Io(format!("could not read the file's header: {e}")))?;
    let limit = u64::try_from(SQLITE_HEADER_READ).unwrap_or(u64::MAX);
    file.take(limit)
        .read_to_end(&mut header)
        .map_err(|e| Failure::Io(format!("could not read the file's header: {e}")))?;
    if header.is_empty() {
        return Ok(());
    }
    let foreign = || Failure::Corrupt("not an opkit vault file".to_owned());
    if header.len() < SQLITE_HEADER_READ || !header.starts_with(SQLITE_MAGIC) {
        return Err(foreign());
    }
    let be32 = |at: usize| {
        header
            .get(at..at + 4)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map_or(0, u32::from_be_bytes)
    };
    let application_id = be32(68);
    let user_version = be32(60);
    // Page 1 holds sqlite_master; its b-tree header follows the 100-byte file header and gives
    // the number of cells (schema rows) at offset 3.
    let schema_rows = header
        .get(103..105)
        .and_then(|b| <[u8; 2]>::try_from(b).ok())
        .map_or(0, u16::from_be_bytes);
    let ours = i32::from_be_bytes(application_id.to_be_bytes()) == APPLICATION_ID;
    let fresh = application_id == 0 && user_version == 0 && schema_rows == 0;
    if ours || fresh {
        Ok(())
    } else {
        Err(foreign())
    }
}

/// The 100-byte SQLite file header and the 8-byte b-tree header of page 1.
const SQLITE_HEADER_READ: usize = 108;
const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";

/// Refuses a file that is not an opkit store (nor fresh), reading only: run before any pragma
/// that changes the file.
pub(crate) fn refuse_foreign(conn: &Connection) -> Result<(), Failure> {
    check(&header(conn)?, supported_version())
}

/// Brings the file up to the newest schema, or refuses it. Cheap when nothing is to do (no write lock).
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), Failure> {
    let supported = supported_version();
    let first = header(conn)?;
    check(&first, supported)?;
    if first.user_version == i64::from(supported) {
        return Ok(());
    }
    // Another process may be migrating the same file: decide again under the write lock.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let locked = header(&tx)?;
    check(&locked, supported)?;
    let done = usize::try_from(locked.user_version).unwrap_or(usize::MAX);
    for step in MIGRATIONS.iter().skip(done) {
        tx.execute_batch(step)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", supported)?;
    tx.commit()?;
    Ok(())
}
