//! Vaults and the grants on them.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{Failure, text_enum, vault_exists};
use crate::StoreError;
use crate::records::{AccessRecord, AccessorType, VaultRecord};

const VAULT_COLUMNS: &str = "id, vault_type, attrs, created_by, content_version, attribute_version, \
                             active_item_count, created_at, updated_at, key_generation";

fn vault_row(r: &Row<'_>) -> rusqlite::Result<VaultRecord> {
    Ok(VaultRecord {
        id: r.get(0)?,
        vault_type: r.get(1)?,
        attrs: r.get(2)?,
        created_by: r.get(3)?,
        content_version: r.get(4)?,
        attribute_version: r.get(5)?,
        active_item_count: r.get(6)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
        key_generation: r.get(9)?,
    })
}

const ACCESS_COLUMNS: &str = "vault_id, accessor_type, accessor_id, permissions, sealed_vault_key";

fn access_row(r: &Row<'_>) -> rusqlite::Result<AccessRecord> {
    Ok(AccessRecord {
        vault_id: r.get(0)?,
        accessor_type: text_enum(r, 1, AccessorType::from_stored)?,
        accessor_id: r.get(2)?,
        permissions: r.get(3)?,
        sealed_vault_key: r.get(4)?,
    })
}

pub(super) fn create_vault(
    tx: &Connection,
    vault: &VaultRecord,
    access: &[AccessRecord],
) -> Result<(), Failure> {
    if let Some(stray) = access.iter().find(|a| a.vault_id != vault.id) {
        return Err(StoreError::invalid(format!(
            "a grant for vault {} was passed with the new vault {}",
            stray.vault_id, vault.id
        ))
        .into());
    }
    if tx
        .prepare_cached("SELECT 1 FROM vaults WHERE id = ?1")?
        .exists([&vault.id])?
    {
        return Err(StoreError::already_exists("vault", &vault.id).into());
    }
    let sql = format!(
        "INSERT INTO vaults ({VAULT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    );
    tx.prepare_cached(&sql)?.execute(params![
        vault.id,
        vault.vault_type,
        vault.attrs,
        vault.created_by,
        vault.content_version,
        vault.attribute_version,
        vault.active_item_count,
        vault.created_at,
        vault.updated_at,
        vault.key_generation
    ])?;
    for grant in access {
        write_access(tx, grant)?;
    }
    Ok(())
}

pub(super) fn vault(conn: &Connection, id: &str) -> Result<Option<VaultRecord>, Failure> {
    let sql = format!("SELECT {VAULT_COLUMNS} FROM vaults WHERE id = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id], vault_row)
        .optional()?)
}

pub(super) fn vaults(conn: &Connection) -> Result<Vec<VaultRecord>, Failure> {
    let sql = format!("SELECT {VAULT_COLUMNS} FROM vaults ORDER BY created_at, id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map([], vault_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

pub(super) fn update_vault_attrs(
    tx: &Connection,
    id: &str,
    attrs: &[u8],
    key_generation: u32,
    updated_at: i64,
) -> Result<(), Failure> {
    let generation = super::keys::current_generation(tx, id)?;
    if generation != key_generation {
        return Err(super::keys::stale_key(id, key_generation, generation));
    }
    let changed = tx
        .prepare_cached(
            "UPDATE vaults SET attrs = ?2, attribute_version = attribute_version + 1, updated_at = ?3 WHERE id = ?1",
        )?
        .execute(params![id, attrs, updated_at])?;
    if changed == 0 {
        return Err(StoreError::not_found("vault", id).into());
    }
    Ok(())
}

pub(super) fn delete_vault(tx: &Connection, id: &str) -> Result<(), Failure> {
    vault_exists(tx, id)?;
    super::files::delete_vault_files(tx, id)?;
    // Children first: foreign keys have no cascade, so a table forgotten here fails loudly.
    for sql in [
        "DELETE FROM items WHERE vault_id = ?1",
        "DELETE FROM vault_access WHERE vault_id = ?1",
        "DELETE FROM vault_key_history WHERE vault_id = ?1",
        "DELETE FROM vaults WHERE id = ?1",
    ] {
        tx.prepare_cached(sql)?.execute([id])?;
    }
    Ok(())
}

fn write_access(tx: &Connection, a: &AccessRecord) -> Result<(), Failure> {
    let sql = format!(
        "INSERT OR REPLACE INTO vault_access ({ACCESS_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5)"
    );
    tx.prepare_cached(&sql)?.execute(params![
        a.vault_id,
        a.accessor_type.as_str(),
        a.accessor_id,
        a.permissions,
        a.sealed_vault_key
    ])?;
    Ok(())
}

pub(super) fn put_access(tx: &Connection, access: &AccessRecord) -> Result<(), Failure> {
    vault_exists(tx, &access.vault_id)?;
    write_access(tx, access)
}

pub(super) fn delete_access(
    tx: &Connection,
    vault_id: &str,
    accessor_type: AccessorType,
    accessor_id: &str,
) -> Result<(), Failure> {
    let removed = tx
        .prepare_cached("DELETE FROM vault_access WHERE vault_id = ?1 AND accessor_type = ?2 AND accessor_id = ?3")?
        .execute([vault_id, accessor_type.as_str(), accessor_id])?;
    if removed == 0 {
        let what = format!(
            "{} {accessor_id} on vault {vault_id}",
            accessor_type.as_str()
        );
        return Err(StoreError::not_found("grant", &what).into());
    }
    Ok(())
}

pub(super) fn vault_access(
    conn: &mut Connection,
    vault_id: &str,
) -> Result<Vec<AccessRecord>, Failure> {
    // A savepoint, not BEGIN: it nests inside a `Store::read_snapshot` transaction.
    let tx = conn.savepoint()?;
    vault_exists(&tx, vault_id)?;
    let rows = {
        let sql = format!(
            "SELECT {ACCESS_COLUMNS} FROM vault_access WHERE vault_id = ?1 ORDER BY accessor_type, accessor_id"
        );
        let mut stmt = tx.prepare_cached(&sql)?;
        stmt.query_map([vault_id], access_row)?
            .collect::<Result<Vec<_>, _>>()?
    };
    tx.finish()?;
    Ok(rows)
}

pub(super) fn access_for(
    conn: &Connection,
    principal_id: &str,
) -> Result<Vec<AccessRecord>, Failure> {
    let sql = format!(
        "SELECT {ACCESS_COLUMNS} FROM vault_access \
         WHERE (accessor_type = ?2 AND accessor_id = ?1) \
            OR (accessor_type = ?3 AND accessor_id IN \
                (SELECT group_id FROM group_members WHERE principal_id = ?1)) \
         ORDER BY vault_id, accessor_type, accessor_id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(
            [
                principal_id,
                AccessorType::User.as_str(),
                AccessorType::Group.as_str(),
            ],
            access_row,
        )?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}
