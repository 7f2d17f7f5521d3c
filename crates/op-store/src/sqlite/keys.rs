//! Key generations and rotations: vault key history, group re-keying, and the check that keeps a
//! writer holding a rotated-out key from writing.

use rusqlite::{Connection, OptionalExtension, params};

use super::{Failure, environments, vaults};
use crate::StoreError;
use crate::records::{AccessChanges, GroupRekey, NewGrant, VaultKeyRotation};

/// The generation of the key that encrypts new versions in `vault_id`.
pub(super) fn current_generation(tx: &Connection, vault_id: &str) -> Result<u32, Failure> {
    tx.prepare_cached("SELECT key_generation FROM vaults WHERE id = ?1")?
        .query_row([vault_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::not_found("vault", vault_id).into())
}

pub(super) fn stale_key(vault_id: &str, used: u32, current: u32) -> Failure {
    StoreError::KeyRotated {
        vault_id: vault_id.to_owned(),
        used,
        current,
    }
    .into()
}

/// Every older key of a vault, wrapped under the current one, oldest first.
pub(super) fn vault_key_history(
    conn: &Connection,
    vault_id: &str,
) -> Result<Vec<(u32, Vec<u8>)>, Failure> {
    let mut stmt = conn.prepare_cached(
        "SELECT generation, wrapped_key FROM vault_key_history WHERE vault_id = ?1 ORDER BY generation",
    )?;
    let rows = stmt
        .query_map([vault_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

fn rotate_vault(tx: &Connection, rotation: &VaultKeyRotation) -> Result<(), Failure> {
    let id = rotation.vault_id.as_str();
    let current = current_generation(tx, id)?;
    if current != rotation.from_generation {
        return Err(stale_key(id, rotation.from_generation, current));
    }
    let next = current
        .checked_add(1)
        .ok_or_else(|| StoreError::invalid(format!("vault {id} has run out of key generations")))?;
    let expected: Vec<u32> = (0..next).collect();
    let given: Vec<u32> = rotation.history.iter().map(|(g, _)| *g).collect();
    if given != expected {
        return Err(StoreError::invalid(format!(
            "a rotation of vault {id} to generation {next} must wrap every older generation 0..{current}"
        ))
        .into());
    }
    if let Some(stray) = rotation.access.iter().find(|a| a.vault_id != id) {
        return Err(StoreError::invalid(format!(
            "a grant for vault {} was passed with the rotation of vault {id}",
            stray.vault_id
        ))
        .into());
    }
    tx.prepare_cached(
        "UPDATE vaults SET key_generation = ?2, attrs = ?3, attribute_version = attribute_version + 1 WHERE id = ?1",
    )?
    .execute(params![id, next, rotation.attrs])?;
    tx.prepare_cached("DELETE FROM vault_key_history WHERE vault_id = ?1")?
        .execute([id])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO vault_key_history (vault_id, generation, wrapped_key) VALUES (?1, ?2, ?3)",
    )?;
    for (generation, wrapped) in &rotation.history {
        insert.execute(params![id, generation, wrapped])?;
    }
    tx.prepare_cached("DELETE FROM vault_access WHERE vault_id = ?1")?
        .execute([id])?;
    for grant in &rotation.access {
        vaults::put_access(tx, grant)?;
    }
    Ok(())
}

fn rekey_group(tx: &Connection, rekey: &GroupRekey) -> Result<(), Failure> {
    let changed = tx
        .prepare_cached("UPDATE groups SET public_key = ?2, sealed_admin_key = ?3 WHERE id = ?1")?
        .execute(params![
            rekey.group_id,
            rekey.public_key,
            rekey.sealed_admin_key
        ])?;
    if changed == 0 {
        return Err(StoreError::not_found("group", &rekey.group_id).into());
    }
    let mut current: Vec<String> = tx
        .prepare_cached("SELECT principal_id FROM group_members WHERE group_id = ?1")?
        .query_map([&rekey.group_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut expected = rekey.replaces.clone();
    current.sort_unstable();
    expected.sort_unstable();
    if current != expected {
        return Err(StoreError::MembershipChanged {
            group_id: rekey.group_id.clone(),
        }
        .into());
    }
    tx.prepare_cached("DELETE FROM group_members WHERE group_id = ?1")?
        .execute([&rekey.group_id])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO group_members (group_id, principal_id, sealed_group_key) VALUES (?1, ?2, ?3)",
    )?;
    for (principal, sealed) in &rekey.members {
        insert.execute(params![rekey.group_id, principal, sealed])?;
    }
    Ok(())
}

fn put_grant(tx: &Connection, grant: &NewGrant, rotated: &[&str]) -> Result<(), Failure> {
    let vault_id = grant.access.vault_id.as_str();
    if rotated.contains(&vault_id) {
        return Err(StoreError::invalid(format!(
            "vault {vault_id} is rotated and granted in the same changes; put the grant in the rotation"
        ))
        .into());
    }
    let current = current_generation(tx, vault_id)?;
    if current != grant.key_generation {
        return Err(stale_key(vault_id, grant.key_generation, current));
    }
    vaults::put_access(tx, &grant.access)
}

/// Applies every change of `changes` in the caller's transaction: all land or none.
pub(super) fn apply(tx: &Connection, changes: &AccessChanges) -> Result<(), Failure> {
    for group in &changes.groups {
        rekey_group(tx, group)?;
    }
    for vault in &changes.vaults {
        rotate_vault(tx, vault)?;
    }
    for environment in &changes.environments {
        environments::rekey(tx, environment)?;
    }
    let rotated: Vec<&str> = changes.vaults.iter().map(|v| v.vault_id.as_str()).collect();
    for grant in &changes.grants {
        put_grant(tx, grant, &rotated)?;
    }
    for gone in &changes.removed_grants {
        vaults::delete_access(tx, &gone.target_id, gone.accessor_type, &gone.accessor_id)?;
    }
    for grant in &changes.environment_grants {
        environments::put_access(tx, grant)?;
    }
    for gone in &changes.removed_environment_grants {
        environments::delete_access(tx, &gone.target_id, gone.accessor_type, &gone.accessor_id)?;
    }
    Ok(())
}
