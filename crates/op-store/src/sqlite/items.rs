//! Items (with their compare-and-swap update) and the encrypted files attached to them.

use std::collections::HashMap;

use rusqlite::{Connection, ErrorCode, OptionalExtension, Row, params, params_from_iter};

use super::{Failure, text_enum, vault_exists};
use crate::StoreError;
use crate::records::{ItemRecord, ItemState, ItemSummary};

/// The item columns in `item_row` order, as a macro so hot queries are `&'static str` (no formatting).
macro_rules! item_columns {
    () => {
        "vault_id, id, version, state, overview, details, title_index, created_at, updated_at, deleted_at, key_generation"
    };
}
const ITEM_COLUMNS: &str = item_columns!();
const ITEM_BY_ID: &str = concat!(
    "SELECT ",
    item_columns!(),
    " FROM items WHERE vault_id = ?1 AND id = ?2"
);
// Sorted in Rust, not SQL: the usual answer is one row, and ORDER BY would build a temporary b-tree.
const ITEMS_BY_TITLE: &str = concat!(
    "SELECT ",
    item_columns!(),
    " FROM items WHERE vault_id = ?1 AND title_index = ?2"
);

/// Ids per `IN (...)` query: far below SQLite's limit on bound parameters, large enough to amortise.
const CHUNK: usize = 500;

fn item_row(r: &Row<'_>) -> rusqlite::Result<ItemRecord> {
    Ok(ItemRecord {
        vault_id: r.get(0)?,
        id: r.get(1)?,
        version: r.get(2)?,
        state: text_enum(r, 3, ItemState::from_stored)?,
        overview: r.get(4)?,
        details: r.get(5)?,
        title_index: r.get(6)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
        deleted_at: r.get(9)?,
        key_generation: r.get(10)?,
    })
}

/// `deleted_at` is set exactly when the item is deleted (defaulting to its last change).
fn deleted_at(item: &ItemRecord) -> Option<i64> {
    match item.state {
        ItemState::Deleted => Some(item.deleted_at.unwrap_or(item.updated_at)),
        ItemState::Active | ItemState::Archived => None,
    }
}

fn active(state: ItemState) -> i64 {
    i64::from(state == ItemState::Active)
}

fn wrong_vault(item: &ItemRecord, vault_id: &str) -> Failure {
    StoreError::invalid(format!(
        "item {} belongs to vault {}, not to vault {vault_id}",
        item.id, item.vault_id
    ))
    .into()
}

fn bump_vault(
    tx: &Connection,
    vault_id: &str,
    changes: i64,
    active_delta: i64,
    at: i64,
) -> Result<(), Failure> {
    tx.prepare_cached(
        "UPDATE vaults SET content_version = content_version + ?2, active_item_count = active_item_count + ?3, \
         updated_at = max(updated_at, ?4) WHERE id = ?1",
    )?
    .execute(params![vault_id, changes, active_delta, at])?;
    Ok(())
}

pub(super) fn insert_items(
    tx: &Connection,
    vault_id: &str,
    items: &[ItemRecord],
    at: i64,
) -> Result<(), Failure> {
    vault_exists(tx, vault_id)?;
    if let Some(stray) = items.iter().find(|i| i.vault_id != vault_id) {
        return Err(wrong_vault(stray, vault_id));
    }
    if items.is_empty() {
        return Ok(());
    }
    let generation = super::keys::current_generation(tx, vault_id)?;
    if let Some(stale) = items.iter().find(|i| i.key_generation != generation) {
        return Err(super::keys::stale_key(
            vault_id,
            stale.key_generation,
            generation,
        ));
    }
    let sql = format!(
        "INSERT INTO items ({ITEM_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    );
    let mut insert = tx.prepare_cached(&sql)?;
    let mut new_active = 0_i64;
    for item in items {
        let inserted = insert.execute(params![
            item.vault_id,
            item.id,
            item.version,
            item.state.as_str(),
            item.overview,
            item.details,
            item.title_index,
            item.created_at,
            item.updated_at,
            deleted_at(item),
            item.key_generation
        ]);
        match inserted {
            Ok(_) => {}
            // The only constraint an insert into a known vault can break is the primary key.
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == ErrorCode::ConstraintViolation =>
            {
                return Err(StoreError::already_exists("item", &item.id).into());
            }
            Err(e) => return Err(e.into()),
        }
        new_active += active(item.state);
    }
    let count = i64::try_from(items.len()).unwrap_or(i64::MAX);
    bump_vault(tx, vault_id, count, new_active, at)
}

pub(super) fn item(
    conn: &Connection,
    vault_id: &str,
    id: &str,
) -> Result<Option<ItemRecord>, Failure> {
    Ok(conn
        .prepare_cached(ITEM_BY_ID)?
        .query_row([vault_id, id], item_row)
        .optional()?)
}

pub(super) fn items(
    conn: &mut Connection,
    vault_id: &str,
    ids: &[String],
) -> Result<Vec<Option<ItemRecord>>, Failure> {
    let mut positions: HashMap<&str, Vec<usize>> = HashMap::with_capacity(ids.len());
    for (at, id) in ids.iter().enumerate() {
        positions.entry(id.as_str()).or_default().push(at);
    }
    let unique: Vec<&str> = {
        let mut seen = std::collections::HashSet::with_capacity(ids.len());
        ids.iter()
            .map(String::as_str)
            .filter(|id| seen.insert(*id))
            .collect()
    };
    let mut out: Vec<Option<ItemRecord>> = vec![None; ids.len()];
    // One read transaction: every chunk sees the same snapshot.
    // A savepoint, not BEGIN: it nests inside a `Store::read_snapshot` transaction.
    let tx = conn.savepoint()?;
    for chunk in unique.chunks(CHUNK) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let sql =
            format!("SELECT {ITEM_COLUMNS} FROM items WHERE vault_id = ? AND id IN ({marks})");
        let mut stmt = tx.prepare_cached(&sql)?;
        let args = std::iter::once(vault_id).chain(chunk.iter().copied());
        let rows = stmt.query_map(params_from_iter(args), item_row)?;
        for row in rows {
            let record = row?;
            let Some((last, rest)) = positions
                .get(record.id.as_str())
                .and_then(|slots| slots.split_last())
            else {
                continue;
            };
            // A repeated id gets a copy; the last occurrence takes the record itself.
            for slot in rest {
                if let Some(place) = out.get_mut(*slot) {
                    *place = Some(record.clone());
                }
            }
            if let Some(place) = out.get_mut(*last) {
                *place = Some(record);
            }
        }
    }
    tx.finish()?;
    Ok(out)
}

pub(super) fn item_summaries(
    conn: &mut Connection,
    vault_id: &str,
    states: &[ItemState],
) -> Result<Vec<ItemSummary>, Failure> {
    // A savepoint, not BEGIN: it nests inside a `Store::read_snapshot` transaction.
    let tx = conn.savepoint()?;
    vault_exists(&tx, vault_id)?;
    let mut wanted: Vec<&str> = states.iter().map(|s| s.as_str()).collect();
    wanted.sort_unstable();
    wanted.dedup();
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let summaries = {
        let marks = vec!["?"; wanted.len()].join(", ");
        let sql = format!(
            "SELECT vault_id, id, version, state, overview, title_index, created_at, updated_at, key_generation FROM items \
             WHERE vault_id = ? AND state IN ({marks}) ORDER BY created_at, id"
        );
        let mut stmt = tx.prepare_cached(&sql)?;
        let args = std::iter::once(vault_id).chain(wanted.iter().copied());
        stmt.query_map(params_from_iter(args), |r| {
            Ok(ItemSummary {
                vault_id: r.get(0)?,
                id: r.get(1)?,
                version: r.get(2)?,
                state: text_enum(r, 3, ItemState::from_stored)?,
                overview: r.get(4)?,
                title_index: r.get(5)?,
                created_at: r.get(6)?,
                updated_at: r.get(7)?,
                key_generation: r.get(8)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?
    };
    tx.finish()?;
    Ok(summaries)
}

pub(super) fn items_by_title_index(
    conn: &Connection,
    vault_id: &str,
    title_index: &[u8],
) -> Result<Vec<ItemRecord>, Failure> {
    let mut stmt = conn.prepare_cached(ITEMS_BY_TITLE)?;
    let mut rows = stmt
        .query_map(params![vault_id, title_index], item_row)?
        .collect::<Result<Vec<_>, _>>()?;
    rows.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
    Ok(rows)
}

fn current(tx: &Connection, vault_id: &str, id: &str) -> Result<(u32, ItemState), Failure> {
    tx.prepare_cached("SELECT version, state FROM items WHERE vault_id = ?1 AND id = ?2")?
        .query_row([vault_id, id], |r| {
            Ok((r.get(0)?, text_enum(r, 1, ItemState::from_stored)?))
        })
        .optional()?
        .ok_or_else(|| StoreError::not_found("item", id).into())
}

pub(super) fn update_item(
    tx: &Connection,
    item: &ItemRecord,
    expected_version: u32,
) -> Result<(), Failure> {
    if item.version <= expected_version {
        return Err(StoreError::invalid(format!(
            "the new version {} of item {} must be greater than the version {expected_version} it replaces",
            item.version, item.id
        ))
        .into());
    }
    let generation = super::keys::current_generation(tx, &item.vault_id)?;
    if item.key_generation != generation {
        return Err(super::keys::stale_key(
            &item.vault_id,
            item.key_generation,
            generation,
        ));
    }
    let (actual, old_state) = current(tx, &item.vault_id, &item.id)?;
    if actual != expected_version {
        return Err(StoreError::VersionConflict {
            id: item.id.clone(),
            expected: expected_version,
            actual,
        }
        .into());
    }
    // The version guard repeats the check in the statement itself, so the swap stays atomic even for a
    // backend without a write lock held across statements.
    let changed = tx
        .prepare_cached(
            "UPDATE items SET version = ?3, state = ?4, overview = ?5, details = ?6, title_index = ?7, \
             updated_at = ?8, deleted_at = ?9, key_generation = ?11 WHERE vault_id = ?1 AND id = ?2 AND version = ?10",
        )?
        .execute(params![
            item.vault_id,
            item.id,
            item.version,
            item.state.as_str(),
            item.overview,
            item.details,
            item.title_index,
            item.updated_at,
            deleted_at(item),
            expected_version,
            item.key_generation
        ])?;
    if changed != 1 {
        let (actual, _) = current(tx, &item.vault_id, &item.id)?;
        return Err(StoreError::VersionConflict {
            id: item.id.clone(),
            expected: expected_version,
            actual,
        }
        .into());
    }
    bump_vault(
        tx,
        &item.vault_id,
        1,
        active(item.state) - active(old_state),
        item.updated_at,
    )
}

pub(super) fn set_items_state(
    tx: &Connection,
    vault_id: &str,
    ids: &[String],
    state: ItemState,
    at: i64,
) -> Result<(), Failure> {
    vault_exists(tx, vault_id)?;
    let deleted_at = (state == ItemState::Deleted).then_some(at);
    let mut changes = 0_i64;
    let mut active_delta = 0_i64;
    for id in ids {
        let (_, old) = current(tx, vault_id, id)?;
        if old == state {
            continue;
        }
        tx.prepare_cached(
            "UPDATE items SET state = ?3, updated_at = ?4, deleted_at = ?5 WHERE vault_id = ?1 AND id = ?2",
        )?
        .execute(params![vault_id, id, state.as_str(), at, deleted_at])?;
        changes += 1;
        active_delta += active(state) - active(old);
    }
    if changes > 0 {
        bump_vault(tx, vault_id, changes, active_delta, at)?;
    }
    Ok(())
}

pub(super) fn purge_deleted(tx: &Connection, older_than: i64) -> Result<usize, Failure> {
    let deleted = ItemState::Deleted.as_str();
    super::files::purge_deleted(tx, deleted, older_than)?;
    let purged = tx
        .prepare_cached("DELETE FROM items WHERE state = ?1 AND deleted_at < ?2")?
        .execute(params![deleted, older_than])?;
    Ok(purged)
}
