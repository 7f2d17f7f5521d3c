//! File headers and chunks (schema step 2), written inside the transaction of the item change that
//! adds or removes them, and read chunk by chunk from one read transaction.

use rusqlite::{Connection, ErrorCode, OptionalExtension, params};

use super::Failure;
use crate::StoreError;
use crate::files::{FileRecord, FileSink, NewFile};
use crate::records::ItemRecord;

/// Stores `files`; each must belong to one of `items` (the items being written in this transaction).
pub(super) fn write_files(
    tx: &Connection,
    items: &[ItemRecord],
    files: Vec<NewFile<'_>>,
) -> Result<(), Failure> {
    for mut file in files {
        let r = &file.record;
        if !items
            .iter()
            .any(|i| i.vault_id == r.vault_id && i.id == r.item_id)
        {
            return Err(StoreError::invalid(format!(
                "file {} names item {} of vault {}, which is not written with it",
                r.id, r.item_id, r.vault_id
            ))
            .into());
        }
        let inserted = tx
            .prepare_cached(
                "INSERT INTO file_headers (vault_id, item_id, id, wrapped_key, chunk_count, key_generation) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                r.vault_id,
                r.item_id,
                r.id,
                r.wrapped_key,
                r.chunk_count,
                r.key_generation
            ]);
        match inserted {
            Ok(_) => {}
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == ErrorCode::ConstraintViolation =>
            {
                return Err(StoreError::already_exists("file", &r.id).into());
            }
            Err(e) => return Err(e.into()),
        }
        let mut insert = tx.prepare_cached(
            "INSERT INTO file_chunks (vault_id, item_id, file_id, idx, content) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for index in 0..file.record.chunk_count {
            // Each chunk is produced, written and dropped before the next: one chunk in memory at a time.
            let content = (file.chunks)(index)?;
            let r = &file.record;
            insert.execute(params![r.vault_id, r.item_id, r.id, index, content])?;
        }
    }
    Ok(())
}

/// Removes files of one item with their chunks; ids with nothing stored are skipped, so an item whose
/// file data was lost can still be cleaned up.
pub(super) fn remove_files(
    tx: &Connection,
    vault_id: &str,
    item_id: &str,
    ids: &[String],
) -> Result<(), Failure> {
    for id in ids {
        tx.prepare_cached(
            "DELETE FROM file_chunks WHERE vault_id = ?1 AND item_id = ?2 AND file_id = ?3",
        )?
        .execute([vault_id, item_id, id])?;
        tx.prepare_cached(
            "DELETE FROM file_headers WHERE vault_id = ?1 AND item_id = ?2 AND id = ?3",
        )?
        .execute([vault_id, item_id, id])?;
    }
    Ok(())
}

/// Removes the files of the items `purge_deleted` is about to remove.
pub(super) fn purge_deleted(
    tx: &Connection,
    deleted: &str,
    older_than: i64,
) -> Result<(), Failure> {
    for table in ["file_chunks", "file_headers"] {
        let sql = format!(
            "DELETE FROM {table} WHERE (vault_id, item_id) IN \
             (SELECT vault_id, id FROM items WHERE state = ?1 AND deleted_at < ?2)"
        );
        tx.prepare_cached(&sql)?
            .execute(params![deleted, older_than])?;
    }
    Ok(())
}

/// Removes every file of a vault.
pub(super) fn delete_vault_files(tx: &Connection, vault_id: &str) -> Result<(), Failure> {
    tx.prepare_cached("DELETE FROM file_chunks WHERE vault_id = ?1")?
        .execute([vault_id])?;
    tx.prepare_cached("DELETE FROM file_headers WHERE vault_id = ?1")?
        .execute([vault_id])?;
    Ok(())
}

/// Streams one file to `sink`; `false` when there is no such file.
pub(super) fn read_file(
    conn: &mut Connection,
    vault_id: &str,
    item_id: &str,
    file_id: &str,
    sink: &mut dyn FileSink,
) -> Result<bool, Failure> {
    // One read transaction: the header and every chunk come from the same snapshot, even while a
    // writer replaces the file.
    // A savepoint, not BEGIN: it nests inside a `Store::read_snapshot` transaction.
    let tx = conn.savepoint()?;
    let header = tx
        .prepare_cached(
            "SELECT wrapped_key, chunk_count, key_generation FROM file_headers WHERE vault_id = ?1 AND item_id = ?2 AND id = ?3",
        )?
        .query_row([vault_id, item_id, file_id], |r| {
            Ok(FileRecord {
                vault_id: vault_id.to_owned(),
                item_id: item_id.to_owned(),
                id: file_id.to_owned(),
                wrapped_key: r.get(0)?,
                chunk_count: r.get(1)?,
                key_generation: r.get(2)?,
            })
        })
        .optional()?;
    let Some(header) = header else {
        return Ok(false);
    };
    sink.header(&header)?;
    {
        let mut stmt = tx.prepare_cached(
            "SELECT idx, content FROM file_chunks WHERE vault_id = ?1 AND item_id = ?2 AND file_id = ?3 ORDER BY idx",
        )?;
        let mut rows = stmt.query([vault_id, item_id, file_id])?;
        while let Some(row) = rows.next()? {
            let index: u32 = row.get(0)?;
            let content = row.get_ref(1)?.as_blob().map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Blob, e.into())
            })?;
            sink.chunk(index, content)?;
        }
    }
    tx.finish()?;
    Ok(true)
}
