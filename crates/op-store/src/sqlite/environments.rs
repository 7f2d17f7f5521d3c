//! Environments and the grants on them.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{Failure, require, text_enum};
use crate::StoreError;
use crate::records::{AccessorType, EnvironmentAccessRecord, EnvironmentRecord, EnvironmentRekey};

const COLUMNS: &str = "id, content, version, created_by, created_at, updated_at";
const ACCESS_COLUMNS: &str = "environment_id, accessor_type, accessor_id, permissions, sealed_key";

fn row(r: &Row<'_>) -> rusqlite::Result<EnvironmentRecord> {
    Ok(EnvironmentRecord {
        id: r.get(0)?,
        content: r.get(1)?,
        version: r.get(2)?,
        created_by: r.get(3)?,
        created_at: r.get(4)?,
        updated_at: r.get(5)?,
    })
}

fn access_row(r: &Row<'_>) -> rusqlite::Result<EnvironmentAccessRecord> {
    Ok(EnvironmentAccessRecord {
        environment_id: r.get(0)?,
        accessor_type: text_enum(r, 1, AccessorType::from_stored)?,
        accessor_id: r.get(2)?,
        permissions: r.get(3)?,
        sealed_key: r.get(4)?,
    })
}

fn exists(conn: &Connection, id: &str) -> Result<(), Failure> {
    require(
        conn,
        "SELECT 1 FROM environments WHERE id = ?1",
        "environment",
        id,
    )
}

pub(super) fn put_access(tx: &Connection, a: &EnvironmentAccessRecord) -> Result<(), Failure> {
    exists(tx, &a.environment_id)?;
    let sql = format!(
        "INSERT OR REPLACE INTO environment_access ({ACCESS_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5)"
    );
    tx.prepare_cached(&sql)?.execute(params![
        a.environment_id,
        a.accessor_type.as_str(),
        a.accessor_id,
        a.permissions,
        a.sealed_key
    ])?;
    Ok(())
}

pub(super) fn delete_access(
    tx: &Connection,
    environment_id: &str,
    accessor_type: AccessorType,
    accessor_id: &str,
) -> Result<(), Failure> {
    let removed = tx
        .prepare_cached(
            "DELETE FROM environment_access WHERE environment_id = ?1 AND accessor_type = ?2 AND accessor_id = ?3",
        )?
        .execute([environment_id, accessor_type.as_str(), accessor_id])?;
    if removed == 0 {
        let what = format!(
            "{} {accessor_id} on Environment {environment_id}",
            accessor_type.as_str()
        );
        return Err(StoreError::not_found("grant", &what).into());
    }
    Ok(())
}

pub(super) fn create(
    tx: &Connection,
    env: &EnvironmentRecord,
    access: &[EnvironmentAccessRecord],
) -> Result<(), Failure> {
    if let Some(stray) = access.iter().find(|a| a.environment_id != env.id) {
        return Err(StoreError::invalid(format!(
            "a grant for environment {} was passed with the new environment {}",
            stray.environment_id, env.id
        ))
        .into());
    }
    if tx
        .prepare_cached("SELECT 1 FROM environments WHERE id = ?1")?
        .exists([&env.id])?
    {
        return Err(StoreError::already_exists("environment", &env.id).into());
    }
    let sql = format!("INSERT INTO environments ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    tx.prepare_cached(&sql)?.execute(params![
        env.id,
        env.content,
        env.version,
        env.created_by,
        env.created_at,
        env.updated_at
    ])?;
    access.iter().try_for_each(|a| put_access(tx, a))
}

pub(super) fn get(conn: &Connection, id: &str) -> Result<Option<EnvironmentRecord>, Failure> {
    let sql = format!("SELECT {COLUMNS} FROM environments WHERE id = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row([id], row).optional()?)
}

pub(super) fn list(conn: &Connection) -> Result<Vec<EnvironmentRecord>, Failure> {
    let sql = format!("SELECT {COLUMNS} FROM environments ORDER BY created_at, id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([], row)?.collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Replaces the content if the stored version is still `expected_version`.
pub(super) fn update(
    tx: &Connection,
    env: &EnvironmentRecord,
    expected_version: u32,
) -> Result<(), Failure> {
    let actual: u32 = tx
        .prepare_cached("SELECT version FROM environments WHERE id = ?1")?
        .query_row([&env.id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::not_found("environment", &env.id))?;
    if actual != expected_version || env.version <= expected_version {
        return Err(StoreError::VersionConflict {
            id: env.id.clone(),
            expected: expected_version,
            actual,
        }
        .into());
    }
    tx.prepare_cached(
        "UPDATE environments SET content = ?2, version = ?3, updated_at = ?4 WHERE id = ?1",
    )?
    .execute(params![env.id, env.content, env.version, env.updated_at])?;
    Ok(())
}

pub(super) fn access(conn: &Connection, id: &str) -> Result<Vec<EnvironmentAccessRecord>, Failure> {
    exists(conn, id)?;
    let sql = format!(
        "SELECT {ACCESS_COLUMNS} FROM environment_access WHERE environment_id = ?1 \
         ORDER BY accessor_type, accessor_id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map([id], access_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// A principal's direct grants plus those of its groups.
pub(super) fn access_for(
    conn: &Connection,
    principal_id: &str,
) -> Result<Vec<EnvironmentAccessRecord>, Failure> {
    let sql = format!(
        "SELECT {ACCESS_COLUMNS} FROM environment_access \
         WHERE (accessor_type = ?2 AND accessor_id = ?1) \
            OR (accessor_type = ?3 AND accessor_id IN \
                (SELECT group_id FROM group_members WHERE principal_id = ?1)) \
         ORDER BY environment_id, accessor_type, accessor_id"
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

pub(super) fn rekey(tx: &Connection, rekey: &EnvironmentRekey) -> Result<(), Failure> {
    let env = &rekey.environment;
    if let Some(stray) = rekey.access.iter().find(|a| a.environment_id != env.id) {
        return Err(StoreError::invalid(format!(
            "a grant for environment {} was passed with the re-keying of environment {}",
            stray.environment_id, env.id
        ))
        .into());
    }
    update(tx, env, env.version.saturating_sub(1))?;
    tx.prepare_cached("DELETE FROM environment_access WHERE environment_id = ?1")?
        .execute([&env.id])?;
    rekey.access.iter().try_for_each(|a| put_access(tx, a))
}
