//! Account, principals, groups and memberships.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{Failure, require, text_enum};
use crate::StoreError;
use crate::records::{AccountRecord, GroupRecord, PrincipalKind, PrincipalRecord, PrincipalState};

pub(super) fn create_account(tx: &Connection, account: &AccountRecord) -> Result<(), Failure> {
    if tx.prepare_cached("SELECT 1 FROM account")?.exists([])? {
        return Err(StoreError::already_exists("account", &account.id).into());
    }
    tx.prepare_cached(
        "INSERT INTO account (singleton, id, name, created_at) VALUES (1, ?1, ?2, ?3)",
    )?
    .execute(params![account.id, account.name, account.created_at])?;
    Ok(())
}

pub(super) fn account(conn: &Connection) -> Result<Option<AccountRecord>, Failure> {
    let mut stmt = conn.prepare_cached("SELECT id, name, created_at FROM account")?;
    let found = stmt
        .query_row([], |r| {
            Ok(AccountRecord {
                id: r.get(0)?,
                name: r.get(1)?,
                created_at: r.get(2)?,
            })
        })
        .optional()?;
    Ok(found)
}

const PRINCIPAL_COLUMNS: &str = "id, kind, name, public_key, sealed_private_key, unlock_params, auth_hash, \
                                 state, created_by, created_at, may_create_vaults";

fn principal_row(r: &Row<'_>) -> rusqlite::Result<PrincipalRecord> {
    Ok(PrincipalRecord {
        id: r.get(0)?,
        kind: text_enum(r, 1, PrincipalKind::from_stored)?,
        name: r.get(2)?,
        public_key: r.get(3)?,
        sealed_private_key: r.get(4)?,
        unlock_params: r.get(5)?,
        auth_hash: r.get(6)?,
        state: text_enum(r, 7, PrincipalState::from_stored)?,
        created_by: r.get(8)?,
        created_at: r.get(9)?,
        may_create_vaults: r.get(10)?,
    })
}

pub(super) fn insert_principal(tx: &Connection, p: &PrincipalRecord) -> Result<(), Failure> {
    if tx
        .prepare_cached("SELECT 1 FROM principals WHERE id = ?1")?
        .exists([&p.id])?
    {
        return Err(StoreError::already_exists("principal", &p.id).into());
    }
    let sql = format!(
        "INSERT INTO principals ({PRINCIPAL_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    );
    tx.prepare_cached(&sql)?.execute(params![
        p.id,
        p.kind.as_str(),
        p.name,
        p.public_key,
        p.sealed_private_key,
        p.unlock_params,
        p.auth_hash,
        p.state.as_str(),
        p.created_by,
        p.created_at,
        p.may_create_vaults
    ])?;
    Ok(())
}

pub(super) fn principal(conn: &Connection, id: &str) -> Result<Option<PrincipalRecord>, Failure> {
    let sql = format!("SELECT {PRINCIPAL_COLUMNS} FROM principals WHERE id = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id], principal_row)
        .optional()?)
}

pub(super) fn principals(conn: &Connection) -> Result<Vec<PrincipalRecord>, Failure> {
    let sql = format!("SELECT {PRINCIPAL_COLUMNS} FROM principals ORDER BY created_at, id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map([], principal_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

pub(super) fn set_principal_state(
    tx: &Connection,
    id: &str,
    state: PrincipalState,
) -> Result<(), Failure> {
    let changed = tx
        .prepare_cached("UPDATE principals SET state = ?2 WHERE id = ?1")?
        .execute(params![id, state.as_str()])?;
    if changed == 0 {
        return Err(StoreError::not_found("principal", id).into());
    }
    Ok(())
}

const GROUP_COLUMNS: &str = "g.id, g.title, g.description, g.group_type, g.state, g.public_key, \
                             g.created_at, g.sealed_admin_key";

fn group_row(r: &Row<'_>) -> rusqlite::Result<GroupRecord> {
    Ok(GroupRecord {
        id: r.get(0)?,
        title: r.get(1)?,
        description: r.get(2)?,
        group_type: r.get(3)?,
        state: r.get(4)?,
        public_key: r.get(5)?,
        created_at: r.get(6)?,
        sealed_admin_key: r.get(7)?,
    })
}

pub(super) fn insert_group(tx: &Connection, g: &GroupRecord) -> Result<(), Failure> {
    if tx
        .prepare_cached("SELECT 1 FROM groups WHERE id = ?1")?
        .exists([&g.id])?
    {
        return Err(StoreError::already_exists("group", &g.id).into());
    }
    tx.prepare_cached(
        "INSERT INTO groups (id, title, description, group_type, state, public_key, created_at, sealed_admin_key) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        g.id,
        g.title,
        g.description,
        g.group_type,
        g.state,
        g.public_key,
        g.created_at,
        g.sealed_admin_key
    ])?;
    Ok(())
}

pub(super) fn group(conn: &Connection, id: &str) -> Result<Option<GroupRecord>, Failure> {
    let sql = format!("SELECT {GROUP_COLUMNS} FROM groups g WHERE g.id = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id], group_row)
        .optional()?)
}

pub(super) fn groups(conn: &Connection) -> Result<Vec<GroupRecord>, Failure> {
    let sql = format!("SELECT {GROUP_COLUMNS} FROM groups g ORDER BY g.created_at, g.id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map([], group_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

pub(super) fn add_group_member(
    tx: &Connection,
    group_id: &str,
    principal_id: &str,
    sealed_group_key: &[u8],
) -> Result<(), Failure> {
    require(tx, "SELECT 1 FROM groups WHERE id = ?1", "group", group_id)?;
    require(
        tx,
        "SELECT 1 FROM principals WHERE id = ?1",
        "principal",
        principal_id,
    )?;
    let member = tx
        .prepare_cached("SELECT 1 FROM group_members WHERE group_id = ?1 AND principal_id = ?2")?
        .exists([group_id, principal_id])?;
    if member {
        return Err(StoreError::already_exists(
            "group member",
            &format!("{principal_id} in group {group_id}"),
        )
        .into());
    }
    tx.prepare_cached(
        "INSERT INTO group_members (group_id, principal_id, sealed_group_key) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![group_id, principal_id, sealed_group_key])?;
    Ok(())
}

pub(super) fn group_memberships(
    conn: &Connection,
    principal_id: &str,
) -> Result<Vec<(GroupRecord, Vec<u8>)>, Failure> {
    let sql = format!(
        "SELECT {GROUP_COLUMNS}, m.sealed_group_key FROM group_members m JOIN groups g ON g.id = m.group_id \
         WHERE m.principal_id = ?1 ORDER BY g.created_at, g.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map([principal_id], |r| Ok((group_row(r)?, r.get(8)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

pub(super) fn group_members(conn: &mut Connection, group_id: &str) -> Result<Vec<String>, Failure> {
    // A savepoint, not BEGIN: it nests inside a `Store::read_snapshot` transaction.
    let tx = conn.savepoint()?;
    require(&tx, "SELECT 1 FROM groups WHERE id = ?1", "group", group_id)?;
    let members = {
        let mut stmt = tx.prepare_cached(
            "SELECT principal_id FROM group_members WHERE group_id = ?1 ORDER BY principal_id",
        )?;
        stmt.query_map([group_id], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?
    };
    tx.finish()?;
    Ok(members)
}
