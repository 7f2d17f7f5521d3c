//! The embedded default store: one SQLite file (bundled SQLite, WAL), shared safely by several processes.
//!
//! Connections: one writer connection behind a mutex (every write is a `BEGIN IMMEDIATE` transaction, so
//! writers in other processes queue on SQLite's lock with a busy timeout instead of failing midway), and a
//! small pool of read-only connections so reads from several threads run in parallel (WAL lets readers
//! proceed while a writer commits). See `docs/adr/0008-sqlite-store.md`.

mod audit;
mod directory;
mod environments;
mod files;
mod items;
mod keys;
mod schema;
mod snapshot;
mod store_impl;
mod vaults;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::types::Type;
use rusqlite::{Connection, ErrorCode, OpenFlags, Row, Transaction, TransactionBehavior};

use crate::StoreError;

/// How long a write waits for another process's write lock before failing with [`StoreError::Busy`].
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Idle read connections kept for reuse; more are opened on demand when more threads read at once.
const MAX_IDLE_READERS: usize = 8;

/// A [`Store`](crate::Store) in one SQLite file. A handle acts as one principal for the audit
/// trail ([`crate::Store::acting_as`]); handles made from one another share their connections.
pub struct SqliteStore {
    shared: Arc<Shared>,
    /// Who the audit trail names for this handle's writes (`None`: not yet known, e.g. while the
    /// account itself is created by tests).
    actor: Option<String>,
}

struct Shared {
    path: PathBuf,
    shown: String,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.shared.path)
            .field("actor", &self.actor)
            .finish_non_exhaustive()
    }
}

impl SqliteStore {
    /// Opens the store at `path`, creating the file (mode 0600 on unix) and its schema if missing.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let path = path.as_ref();
        create_private_file(path)?;
        Self::open_file(path)
    }

    /// Creates a new store at `path`, exclusively (`O_EXCL`): when anything already exists there
    /// (a file, a directory, a dangling symlink) it fails with
    /// `AlreadyExists { what: "vault file" }` and leaves it untouched. A file this call created
    /// is removed again if setting it up fails.
    pub fn create(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let path = path.as_ref();
        if !create_private_file(path)? {
            return Err(StoreError::AlreadyExists {
                what: "vault file",
                id: path.display().to_string(),
            });
        }
        Self::open_file(path).inspect_err(|_| {
            // Only the empty file made above can be here; a failed setup must not leave it.
            let _ = std::fs::remove_file(path);
        })
    }

    /// Opens an existing store; a missing file fails with `NotFound { what: "vault file" }`.
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let path = path.as_ref();
        if !path.is_file() {
            return Err(StoreError::not_found(
                "vault file",
                &path.display().to_string(),
            ));
        }
        Self::open_file(path)
    }

    /// The newest schema version this code reads and writes.
    pub fn supported_schema_version() -> u32 {
        schema::supported_version()
    }

    /// The file this store lives in.
    pub fn path(&self) -> &Path {
        &self.shared.path
    }

    /// This handle, acting as `principal_id` in the audit trail.
    pub fn with_actor(&self, principal_id: &str) -> Self {
        Self {
            shared: Arc::clone(&self.shared),
            actor: Some(principal_id.to_owned()),
        }
    }

    fn open_file(path: &Path) -> Result<Self, StoreError> {
        let shown = path.display().to_string();
        let setup = || -> Result<Connection, Failure> {
            // Ownership is checked before SQLite opens the file and again before the first
            // pragma that changes it (WAL): a foreign file is refused exactly as it was found.
            schema::refuse_foreign_header(path)?;
            let mut conn = connect(path)?;
            schema::refuse_foreign(&conn)?;
            set_wal(&conn)?;
            schema::migrate(&mut conn)?;
            Ok(conn)
        };
        let writer = setup().map_err(|f| f.into_store_error(&shown))?;
        Ok(Self {
            shared: Arc::new(Shared {
                path: path.to_owned(),
                shown,
                writer: Mutex::new(writer),
                readers: Mutex::new(Vec::new()),
            }),
            actor: None,
        })
    }

    /// Runs `f` on this thread's snapshot connection if one is open (`Store::read_snapshot`),
    /// else on a pooled read-only connection. Several threads get several connections.
    fn read<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, Failure>,
    ) -> Result<T, StoreError> {
        let shared = &self.shared;
        let f = match snapshot::with_pinned(self.snapshot_key(), f) {
            Ok(result) => return result.map_err(|e| e.into_store_error(&shared.shown)),
            Err(f) => f,
        };
        let mut conn = self.take_reader()?;
        let result = f(&mut conn);
        self.return_reader(conn);
        result.map_err(|e| e.into_store_error(&shared.shown))
    }

    /// The key of this store's snapshots: handles made by `acting_as` share it (and the pool).
    fn snapshot_key(&self) -> usize {
        Arc::as_ptr(&self.shared) as usize
    }

    /// An idle read-only connection, or a new one.
    fn take_reader(&self) -> Result<Connection, StoreError> {
        let shared = &self.shared;
        match lock(&shared.readers).pop() {
            Some(conn) => Ok(conn),
            None => connect(&shared.path)
                .and_then(|c| {
                    c.pragma_update(None, "query_only", true)?;
                    Ok(c)
                })
                .map_err(|e| e.into_store_error(&shared.shown)),
        }
    }

    /// Back to the pool; a connection left inside a transaction by an error is not reused.
    fn return_reader(&self, conn: Connection) {
        if conn.is_autocommit() {
            let mut idle = lock(&self.shared.readers);
            if idle.len() < MAX_IDLE_READERS {
                idle.push(conn);
            }
        }
    }

    /// `Store::read_snapshot`: a deferred transaction (its snapshot starts at the first read)
    /// on a pooled connection, pinned for this thread until `f` returns or unwinds.
    fn snapshot(&self, f: &mut dyn FnMut()) -> Result<(), StoreError> {
        struct Unpin<'a>(&'a SqliteStore);
        impl Drop for Unpin<'_> {
            fn drop(&mut self) {
                if let Some(conn) = snapshot::unpin(self.0.snapshot_key()) {
                    // A read-only transaction has nothing to lose; a failed COMMIT leaves the
                    // connection inside it, and `return_reader` then drops it.
                    let _ = conn.execute_batch("COMMIT");
                    self.0.return_reader(conn);
                }
            }
        }
        let key = self.snapshot_key();
        if snapshot::is_open(key) {
            f();
            return Ok(());
        }
        let conn = self.take_reader()?;
        conn.execute_batch("BEGIN")
            .map_err(|e| Failure::Sqlite(e).into_store_error(&self.shared.shown))?;
        snapshot::pin(key, conn);
        let _unpin = Unpin(self);
        f();
        Ok(())
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction: committed if `f` succeeds, rolled back otherwise.
    /// `f` gets the audit trail of this handle, to record the change in the same transaction.
    fn write<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>, &audit::Trail<'_>) -> Result<T, Failure>,
    ) -> Result<T, StoreError> {
        let shared = &self.shared;
        let mut conn = lock(&shared.writer);
        let trail = audit::Trail::new(self.actor.as_deref());
        let run = |conn: &mut Connection| -> Result<T, Failure> {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = f(&tx, &trail)?;
            tx.commit()?;
            Ok(value)
        };
        run(&mut conn).map_err(|e| e.into_store_error(&shared.shown))
    }
}

/// A poisoned lock only means another thread panicked; the connection itself is still consistent (an open
/// transaction is rolled back when its guard drops), so keep going.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Creates an empty file readable by its owner only (SQLite gives its -wal and -shm files the same
/// mode); `false` when something already exists at `path` (nothing is changed then).
fn create_private_file(path: &Path) -> Result<bool, StoreError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(StoreError::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        }),
    }
}

/// Opens one connection with the pragmas every connection needs (they are per connection, not per file).
fn connect(path: &Path) -> Result<Connection, Failure> {
    // No CREATE flag: the file exists by now, and a vanished file must not silently become an empty store.
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // FULL: in WAL mode it syncs the log at every commit, so a committed write survives power loss too
    // (NORMAL is equally safe against corruption but may lose the last commits). See ADR 0008.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "trusted_schema", false)?;
    // Plans fixed at prepare time. Without it, SQLite (built with STAT4) marks statements whose plan
    // could depend on a bound value as expired at every new binding, and the cached statement of
    // the grants query was parsed and planned again on every resolve: half of a warm resolve's time.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    Ok(conn)
}

/// WAL is a property of the file; switching needs a lock, so only do it when not already set.
fn set_wal(conn: &Connection) -> Result<(), Failure> {
    let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
    if mode.eq_ignore_ascii_case("wal") {
        return Ok(());
    }
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if mode.eq_ignore_ascii_case("wal") {
        Ok(())
    } else {
        Err(Failure::Io(format!(
            "the file system refused write-ahead logging (journal mode {mode})"
        )))
    }
}

/// Internal error: SQLite's own error until the store's path is known, then a [`StoreError`].
#[derive(Debug)]
pub(crate) enum Failure {
    Store(StoreError),
    Sqlite(rusqlite::Error),
    Corrupt(String),
    Io(String),
    TooNew { found: u32, supported: u32 },
}

impl From<rusqlite::Error> for Failure {
    fn from(e: rusqlite::Error) -> Self {
        Self::Sqlite(e)
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Self::Store(e)
    }
}

impl Failure {
    fn into_store_error(self, path: &str) -> StoreError {
        let path = path.to_owned();
        match self {
            Self::Store(e) => e,
            Self::Corrupt(detail) => StoreError::Corrupt { path, detail },
            Self::Io(message) => StoreError::Io { path, message },
            Self::TooNew { found, supported } => StoreError::SchemaTooNew {
                path,
                found,
                supported,
            },
            Self::Sqlite(e) => sqlite_error(e, path),
        }
    }
}

fn sqlite_error(e: rusqlite::Error, path: String) -> StoreError {
    match e {
        rusqlite::Error::SqliteFailure(code, message) => {
            let message = message.unwrap_or_else(|| code.to_string());
            match code.code {
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => StoreError::Busy { path },
                ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => StoreError::Corrupt {
                    path,
                    detail: message,
                },
                ErrorCode::CannotOpen
                | ErrorCode::SystemIoFailure
                | ErrorCode::DiskFull
                | ErrorCode::ReadOnly
                | ErrorCode::PermissionDenied
                | ErrorCode::FileLockingProtocolFailed => StoreError::Io { path, message },
                _ => StoreError::Sqlite { path, message },
            }
        }
        rusqlite::Error::FromSqlConversionFailure(..)
        | rusqlite::Error::IntegralValueOutOfRange(..)
        | rusqlite::Error::InvalidColumnType(..) => StoreError::Corrupt {
            path,
            detail: e.to_string(),
        },
        other => StoreError::Sqlite {
            path,
            message: other.to_string(),
        },
    }
}

/// Reads a text enum column; an unknown spelling means the file was written by something else.
fn text_enum<T>(row: &Row<'_>, idx: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, "unknown enum spelling".into())
    })
}

/// Fails with `NotFound` unless `sql` (taking one id) finds a row.
fn require(conn: &Connection, sql: &str, what: &'static str, id: &str) -> Result<(), Failure> {
    let mut stmt = conn.prepare_cached(sql)?;
    if stmt.exists([id])? {
        Ok(())
    } else {
        Err(StoreError::not_found(what, id).into())
    }
}

fn vault_exists(conn: &Connection, vault_id: &str) -> Result<(), Failure> {
    require(
        conn,
        "SELECT 1 FROM vaults WHERE id = ?1",
        "vault",
        vault_id,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every connection fixes its plans at prepare time: without it the cached grants query was
    /// parsed and planned again at every resolve (SQLite marks a statement expired when a new
    /// binding could change its STAT4 plan), which made a warm resolve 2.5 times slower.
    #[test]
    fn connections_keep_their_plans_across_bindings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plans.opkit");
        let store = SqliteStore::open(&path).unwrap();
        let conn = connect(store.path()).unwrap();
        assert!(
            conn.db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG)
                .unwrap()
        );
        let mut stmt = conn
            .prepare_cached("SELECT vault_id FROM vault_access WHERE accessor_id = ?1")
            .unwrap();
        for id in ["a", "b", "a", "c"] {
            let _ = stmt
                .query_map([id], |r| r.get::<_, String>(0))
                .unwrap()
                .count();
        }
        assert_eq!(stmt.get_status(rusqlite::StatementStatus::RePrepare), 0);
    }
}
