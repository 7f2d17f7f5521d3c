//! One read transaction for a run of reads on one thread (`Store::read_snapshot`).
//!
//! In WAL mode every read transaction takes a read lock in the shared-memory index (an `fcntl`
//! under a mutex that all connections of the process share) and checks the file's size; a warm
//! `secrets.resolve` made four such transactions, and two threads resolving at once spent most of
//! their time there, which is why the second core added little. While a snapshot is open, the
//! thread's reads on that store go to the one connection holding the transaction.

use std::cell::RefCell;

use rusqlite::Connection;

/// The connections pinned by open snapshots on this thread, keyed by the store they belong to
/// (the address of its shared state). `None` while a read has the connection out.
struct Pinned {
    store: usize,
    conn: Option<Connection>,
}

thread_local! {
    static PINNED: RefCell<Vec<Pinned>> = const { RefCell::new(Vec::new()) };
}

/// Whether this thread has a snapshot open on `store`.
pub(super) fn is_open(store: usize) -> bool {
    PINNED.with(|p| p.borrow().iter().any(|pin| pin.store == store))
}

/// Pins `conn` (inside its read transaction) for this thread's reads on `store`.
pub(super) fn pin(store: usize, conn: Connection) {
    PINNED.with(|p| {
        p.borrow_mut().push(Pinned {
            store,
            conn: Some(conn),
        });
    });
}

/// Takes the pinned connection of `store` back when its snapshot ends.
pub(super) fn unpin(store: usize) -> Option<Connection> {
    PINNED.with(|p| {
        let mut pins = p.borrow_mut();
        let at = pins.iter().rposition(|pin| pin.store == store)?;
        pins.remove(at).conn
    })
}

/// Runs `f` on the connection pinned for `store`, if this thread has one and no read of this
/// thread is using it (reads do not call back into the store, so that does not happen; if it
/// did, the caller falls back to a pooled connection).
pub(super) fn with_pinned<T>(
    store: usize,
    f: impl FnOnce(&mut Connection) -> T,
) -> Result<T, impl FnOnce(&mut Connection) -> T> {
    let taken = PINNED.with(|p| {
        p.borrow_mut()
            .iter_mut()
            .rev()
            .find(|pin| pin.store == store)
            .and_then(|pin| pin.conn.take())
    });
    let Some(mut conn) = taken else {
        return Err(f);
    };
    let value = f(&mut conn);
    PINNED.with(|p| {
        if let Some(pin) = p
            .borrow_mut()
            .iter_mut()
            .rev()
            .find(|pin| pin.store == store && pin.conn.is_none())
        {
            pin.conn = Some(conn);
        }
    });
    Ok(value)
}
