//! `Store` for `SqliteStore`: each method picks a read connection or a write transaction, delegates,
//! and records the change in the audit trail of the same transaction.

use std::sync::Arc;

use rusqlite::{Connection, params};

use super::audit::Trail;
use super::{Failure, SqliteStore, audit, directory, environments, files, items, keys, vaults};
use crate::StoreError;
use crate::files::{FileSink, NewFile};
use crate::records::{
    AccessChanges, AccessRecord, AccountRecord, AuditEvent, EnvironmentAccessRecord,
    EnvironmentRecord, GroupRecord, ItemRecord, ItemState, ItemSummary, PrincipalRecord,
    PrincipalState, VaultRecord,
};
use crate::store::Store;

fn grant_subject(a: &AccessRecord) -> String {
    format!(
        "{} {} permissions {:#x}",
        a.accessor_type.as_str(),
        a.accessor_id,
        a.permissions
    )
}

/// One event per part of an access change: re-keys, grants added and grants removed.
fn record_access_changes(
    tx: &Connection,
    trail: &Trail<'_>,
    changes: &AccessChanges,
) -> Result<(), Failure> {
    for group in &changes.groups {
        trail.record(tx, "group.rekey", None, None, Some(&group.group_id))?;
    }
    for vault in &changes.vaults {
        trail.record(tx, "vault.rekey", Some(&vault.vault_id), None, None)?;
    }
    for env in &changes.environments {
        trail.record(
            tx,
            "environment.rekey",
            None,
            None,
            Some(&env.environment.id),
        )?;
    }
    for grant in &changes.grants {
        let a = &grant.access;
        trail.record(
            tx,
            "vault.grant",
            Some(&a.vault_id),
            None,
            Some(&grant_subject(a)),
        )?;
    }
    for gone in &changes.removed_grants {
        let subject = format!("{} {}", gone.accessor_type.as_str(), gone.accessor_id);
        trail.record(
            tx,
            "vault.revoke",
            Some(&gone.target_id),
            None,
            Some(&subject),
        )?;
    }
    for grant in &changes.environment_grants {
        let subject = format!(
            "{} {} {} permissions {:#x}",
            grant.environment_id,
            grant.accessor_type.as_str(),
            grant.accessor_id,
            grant.permissions
        );
        trail.record(tx, "environment.grant", None, None, Some(&subject))?;
    }
    for gone in &changes.removed_environment_grants {
        let subject = format!(
            "{} {} {}",
            gone.target_id,
            gone.accessor_type.as_str(),
            gone.accessor_id
        );
        trail.record(tx, "environment.revoke", None, None, Some(&subject))?;
    }
    Ok(())
}

fn state_action(state: ItemState) -> &'static str {
    match state {
        ItemState::Active => "item.restore",
        ItemState::Archived => "item.archive",
        ItemState::Deleted => "item.delete",
    }
}

impl Store for SqliteStore {
    fn acting_as(&self, principal_id: &str) -> Arc<dyn Store> {
        Arc::new(self.with_actor(principal_id))
    }

    fn read_snapshot(&self, f: &mut dyn FnMut()) -> Result<(), StoreError> {
        self.snapshot(f)
    }

    fn create_account(&self, account: &AccountRecord) -> Result<(), StoreError> {
        self.write(|tx, trail| {
            directory::create_account(tx, account)?;
            trail.record(tx, "account.create", None, None, Some(&account.id))
        })
    }

    fn account(&self) -> Result<Option<AccountRecord>, StoreError> {
        self.read(|c| directory::account(c))
    }

    fn insert_principal(&self, principal: &PrincipalRecord) -> Result<(), StoreError> {
        self.write(|tx, trail| {
            directory::insert_principal(tx, principal)?;
            trail.record(tx, "principal.create", None, None, Some(&principal.id))
        })
    }

    fn insert_principal_with_access(
        &self,
        principal: &PrincipalRecord,
        access: &[AccessRecord],
    ) -> Result<(), StoreError> {
        self.write(|tx, trail| {
            directory::insert_principal(tx, principal)?;
            trail.record(tx, "principal.create", None, None, Some(&principal.id))?;
            for a in access {
                vaults::put_access(tx, a)?;
                trail.record(
                    tx,
                    "vault.grant",
                    Some(&a.vault_id),
                    None,
                    Some(&grant_subject(a)),
                )?;
            }
            Ok(())
        })
    }

    fn principal(&self, id: &str) -> Result<Option<PrincipalRecord>, StoreError> {
        self.read(|c| directory::principal(c, id))
    }

    fn principals(&self) -> Result<Vec<PrincipalRecord>, StoreError> {
        self.read(|c| directory::principals(c))
    }

    fn set_principal_state(&self, id: &str, state: PrincipalState) -> Result<(), StoreError> {
        self.write(|tx, trail| {
            directory::set_principal_state(tx, id, state)?;
            let action = match state {
                PrincipalState::Active => "principal.activate",
                PrincipalState::Revoked => "principal.revoke",
            };
            trail.record(tx, action, None, None, Some(id))
        })
    }

    fn revoke_principal(&self, id: &str, changes: &AccessChanges) -> Result<(), StoreError> {
        self.write(|tx, trail| {
            directory::set_principal_state(tx, id, PrincipalState::Revoked)?;
            trail.record(tx, "principal.revoke", None, None, Some(id))?;
            keys::apply(tx, changes)?;
            record_access_changes(tx, trail, changes)
        })
    }

    fn insert_group(&self, group: &GroupRecord) -> Result<(), StoreError> {
        self.write(|tx, trail| {
            directory::insert_group(tx, group)?;
            trail.record(tx, "group.create", None, None, Some(&group.id))
        })
    }

    fn group(&self, id: &str) -> Result<Option<GroupRecord>, StoreError> {
        self.read(|c| directory::group(c, id))
    }

    fn groups(&self) -> Result<Vec<GroupRecord>, StoreError> {
        self.read(|c| directory::groups(c))
    }

    fn add_group_member(
        &self,
        group_id: &str,
        principal_id: &str,
        sealed_group_key: &[u8],
    ) -> Result<(), StoreError> {
        self.write(|tx, trail| {
            directory::add_group_member(tx, group_id, principal_id, sealed_group_key)?;
            let subject = format!("group {group_id} member {principal_id}");
            trail.record(tx, "group.member.add", None, None, Some(&subject))
        })
    }

    fn group_memberships(
        &self,
        principal_id: &str,
    ) -> Result<Vec<(GroupRecord, Vec<u8>)>, StoreError> {
        self.read(|c| directory::group_memberships(c, principal_id))
    }

    fn group_members(&self, group_id: &str) -> Result<Vec<String>, StoreError> {
        self.read(|c| directory::group_members(c, group_id))
    }

    fn create_vault(&self, vault: &VaultRecord, access: &[AccessRecord]) -> Result<(), StoreError> {
        self.write(|tx, trail| {
            vaults::create_vault(tx, vault, access)?;
            trail.record(tx, "vault.create", Some(&vault.id), None, None)?;
            for a in access {
                trail.record(
                    tx,
                    "vault.grant",
                    Some(&a.vault_id),
                    None,
                    Some(&grant_subject(a)),
                )?;
            }
            Ok(())
        })
    }

    fn vault(&self, id: &str) -> Result<Option<VaultRecord>, StoreError> {
        self.read(|c| vaults::vault(c, id))
    }

    fn vaults(&self) -> Result<Vec<VaultRecord>, StoreError> {
        self.read(|c| vaults::vaults(c))
    }

    fn update_vault_attrs(
        &self,
        id: &str,
        attrs: &[u8],
        key_generation: u32,
        updated_at: i64,
    ) -> Result<(), StoreError> {
        self.write(|tx, trail| {
            vaults::update_vault_attrs(tx, id, attrs, key_generation, updated_at)?;
            trail.record(tx, "vault.update", Some(id), None, None)
        })
    }

    fn vault_key_history(&self, vault_id: &str) -> Result<Vec<(u32, Vec<u8>)>, StoreError> {
        self.read(|c| keys::vault_key_history(c, vault_id))
    }

    fn apply_access_changes(&self, changes: &AccessChanges) -> Result<(), StoreError> {
        self.write(|tx, trail| {
            keys::apply(tx, changes)?;
            record_access_changes(tx, trail, changes)
        })
    }

    fn create_environment(
        &self,
        environment: &EnvironmentRecord,
        access: &[EnvironmentAccessRecord],
    ) -> Result<(), StoreError> {
        self.write(|tx, trail| {
            environments::create(tx, environment, access)?;
            trail.record(tx, "environment.create", None, None, Some(&environment.id))
        })
    }

    fn environment(&self, id: &str) -> Result<Option<EnvironmentRecord>, StoreError> {
        self.read(|c| environments::get(c, id))
    }

    fn environments(&self) -> Result<Vec<EnvironmentRecord>, StoreError> {
        self.read(|c| environments::list(c))
    }

    fn update_environment(
        &self,
        environment: &EnvironmentRecord,
        expected_version: u32,
    ) -> Result<(), StoreError> {
        self.write(|tx, trail| {
            environments::update(tx, environment, expected_version)?;
            trail.record(tx, "environment.update", None, None, Some(&environment.id))
        })
    }

    fn environment_access(&self, id: &str) -> Result<Vec<EnvironmentAccessRecord>, StoreError> {
        self.read(|c| environments::access(c, id))
    }

    fn environment_access_for(
        &self,
        principal_id: &str,
    ) -> Result<Vec<EnvironmentAccessRecord>, StoreError> {
        self.read(|c| environments::access_for(c, principal_id))
    }

    fn delete_vault(&self, id: &str) -> Result<(), StoreError> {
        self.write(|tx, trail| {
            vaults::delete_vault(tx, id)?;
            trail.record(tx, "vault.delete", Some(id), None, None)
        })
    }

    fn vault_access(&self, vault_id: &str) -> Result<Vec<AccessRecord>, StoreError> {
        self.read(|c| vaults::vault_access(c, vault_id))
    }

    fn access_for(&self, principal_id: &str) -> Result<Vec<AccessRecord>, StoreError> {
        self.read(|c| vaults::access_for(c, principal_id))
    }

    fn item(&self, vault_id: &str, id: &str) -> Result<Option<ItemRecord>, StoreError> {
        self.read(|c| items::item(c, vault_id, id))
    }

    fn items(&self, vault_id: &str, ids: &[String]) -> Result<Vec<Option<ItemRecord>>, StoreError> {
        self.read(|c| items::items(c, vault_id, ids))
    }

    fn item_summaries(
        &self,
        vault_id: &str,
        states: &[ItemState],
    ) -> Result<Vec<ItemSummary>, StoreError> {
        self.read(|c| items::item_summaries(c, vault_id, states))
    }

    fn items_by_title_index(
        &self,
        vault_id: &str,
        title_index: &[u8],
    ) -> Result<Vec<ItemRecord>, StoreError> {
        self.read(|c| items::items_by_title_index(c, vault_id, title_index))
    }

    fn set_items_state(
        &self,
        vault_id: &str,
        ids: &[String],
        state: ItemState,
        at: i64,
    ) -> Result<(), StoreError> {
        self.write(|tx, trail| {
            items::set_items_state(tx, vault_id, ids, state, at)?;
            for id in ids {
                trail.record(tx, state_action(state), Some(vault_id), Some(id), None)?;
            }
            Ok(())
        })
    }

    fn purge_deleted(&self, older_than: i64) -> Result<usize, StoreError> {
        self.write(|tx, trail| {
            let doomed: Vec<(String, String)> = {
                let mut stmt = tx.prepare_cached(
                    "SELECT vault_id, id FROM items WHERE state = ?1 AND deleted_at < ?2 ORDER BY vault_id, id",
                )?;
                stmt.query_map(params![ItemState::Deleted.as_str(), older_than], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect::<Result<_, _>>()?
            };
            let purged = items::purge_deleted(tx, older_than)?;
            for (vault_id, item_id) in &doomed {
                trail.record(tx, "item.purge", Some(vault_id), Some(item_id), None)?;
            }
            Ok(purged)
        })
    }

    fn insert_items(
        &self,
        vault_id: &str,
        records: &[ItemRecord],
        new_files: Vec<NewFile<'_>>,
        at: i64,
    ) -> Result<(), StoreError> {
        self.write(|tx, trail| {
            items::insert_items(tx, vault_id, records, at)?;
            files::write_files(tx, records, new_files)?;
            for item in records {
                trail.record(tx, "item.create", Some(vault_id), Some(&item.id), None)?;
            }
            Ok(())
        })
    }

    fn update_item(
        &self,
        item: &ItemRecord,
        expected_version: u32,
        added: Vec<NewFile<'_>>,
        removed: &[String],
    ) -> Result<(), StoreError> {
        self.write(|tx, trail| {
            items::update_item(tx, item, expected_version)?;
            files::remove_files(tx, &item.vault_id, &item.id, removed)?;
            files::write_files(tx, std::slice::from_ref(item), added)?;
            trail.record(
                tx,
                "item.update",
                Some(&item.vault_id),
                Some(&item.id),
                None,
            )
        })
    }

    fn read_file(
        &self,
        vault_id: &str,
        item_id: &str,
        file_id: &str,
        sink: &mut dyn FileSink,
    ) -> Result<bool, StoreError> {
        self.read(|c| files::read_file(c, vault_id, item_id, file_id, sink))
    }

    fn audit_events(&self, limit: usize) -> Result<Vec<AuditEvent>, StoreError> {
        self.read(|c| audit::events(c, limit))
    }

    fn integrity_check(&self) -> Result<(), StoreError> {
        self.read(|c| {
            let problems: Vec<String> = {
                let mut stmt = c.prepare("PRAGMA integrity_check(5)")?;
                stmt.query_map([], |r| r.get(0))?
                    .collect::<Result<_, _>>()?
            };
            if problems.iter().any(|p| p != "ok") {
                return Err(Failure::Corrupt(format!(
                    "integrity check: {}",
                    problems.join("; ")
                )));
            }
            let mut stmt = c.prepare("PRAGMA foreign_key_check")?;
            let first: Option<String> = stmt.query([])?.next()?.map(|r| r.get(0)).transpose()?;
            match first {
                Some(table) => Err(Failure::Corrupt(format!(
                    "a row of table {table} points to a missing parent"
                ))),
                None => Ok(()),
            }
        })
    }

    fn schema_version(&self) -> Result<u32, StoreError> {
        self.read(|c| Ok(c.pragma_query_value(None, "user_version", |r| r.get(0))?))
    }
}
