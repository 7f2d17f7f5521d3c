//! `Store` for `SqliteStore`: each method picks a read connection or a write transaction and delegates.

use rusqlite::params;

use super::{Failure, SqliteStore, directory, environments, files, items, keys, vaults};
use crate::StoreError;
use crate::files::{FileSink, NewFile};
use crate::records::{
    AccessRecord, AccessorType, AccountRecord, AuditEvent, EnvironmentAccessRecord,
    EnvironmentRecord, GroupRecord, ItemRecord, ItemState, ItemSummary, KeyChanges,
    PrincipalRecord, PrincipalState, VaultRecord,
};
use crate::store::Store;

impl Store for SqliteStore {
    fn create_account(&self, account: &AccountRecord) -> Result<(), StoreError> {
        self.write(|tx| directory::create_account(tx, account))
    }

    fn account(&self) -> Result<Option<AccountRecord>, StoreError> {
        self.read(|c| directory::account(c))
    }

    fn insert_principal(&self, principal: &PrincipalRecord) -> Result<(), StoreError> {
        self.write(|tx| directory::insert_principal(tx, principal))
    }

    fn insert_principal_with_access(
        &self,
        principal: &PrincipalRecord,
        access: &[AccessRecord],
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            directory::insert_principal(tx, principal)?;
            access.iter().try_for_each(|a| vaults::put_access(tx, a))
        })
    }

    fn principal(&self, id: &str) -> Result<Option<PrincipalRecord>, StoreError> {
        self.read(|c| directory::principal(c, id))
    }

    fn principals(&self) -> Result<Vec<PrincipalRecord>, StoreError> {
        self.read(|c| directory::principals(c))
    }

    fn set_principal_state(&self, id: &str, state: PrincipalState) -> Result<(), StoreError> {
        self.write(|tx| directory::set_principal_state(tx, id, state))
    }

    fn insert_group(&self, group: &GroupRecord) -> Result<(), StoreError> {
        self.write(|tx| directory::insert_group(tx, group))
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
        self.write(|tx| directory::add_group_member(tx, group_id, principal_id, sealed_group_key))
    }

    fn remove_group_member(&self, group_id: &str, principal_id: &str) -> Result<(), StoreError> {
        self.write(|tx| directory::remove_group_member(tx, group_id, principal_id))
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
        self.write(|tx| vaults::create_vault(tx, vault, access))
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
        self.write(|tx| vaults::update_vault_attrs(tx, id, attrs, key_generation, updated_at))
    }

    fn vault_key_history(&self, vault_id: &str) -> Result<Vec<(u32, Vec<u8>)>, StoreError> {
        self.read(|c| keys::vault_key_history(c, vault_id))
    }

    fn apply_key_changes(&self, changes: &KeyChanges) -> Result<(), StoreError> {
        self.write(|tx| keys::apply(tx, changes))
    }

    fn create_environment(
        &self,
        environment: &EnvironmentRecord,
        access: &[EnvironmentAccessRecord],
    ) -> Result<(), StoreError> {
        self.write(|tx| environments::create(tx, environment, access))
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
        self.write(|tx| environments::update(tx, environment, expected_version))
    }

    fn delete_environment(&self, id: &str) -> Result<(), StoreError> {
        self.write(|tx| environments::delete(tx, id))
    }

    fn put_environment_access(&self, access: &EnvironmentAccessRecord) -> Result<(), StoreError> {
        self.write(|tx| environments::put_access(tx, access))
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
        self.write(|tx| vaults::delete_vault(tx, id))
    }

    fn put_access(&self, access: &AccessRecord) -> Result<(), StoreError> {
        self.write(|tx| vaults::put_access(tx, access))
    }

    fn delete_access(
        &self,
        vault_id: &str,
        accessor_type: AccessorType,
        accessor_id: &str,
    ) -> Result<(), StoreError> {
        self.write(|tx| vaults::delete_access(tx, vault_id, accessor_type, accessor_id))
    }

    fn vault_access(&self, vault_id: &str) -> Result<Vec<AccessRecord>, StoreError> {
        self.read(|c| vaults::vault_access(c, vault_id))
    }

    fn access_for(&self, principal_id: &str) -> Result<Vec<AccessRecord>, StoreError> {
        self.read(|c| vaults::access_for(c, principal_id))
    }

    fn insert_items(
        &self,
        vault_id: &str,
        items: &[ItemRecord],
        at: i64,
    ) -> Result<(), StoreError> {
        self.write(|tx| items::insert_items(tx, vault_id, items, at))
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

    fn update_item(&self, item: &ItemRecord, expected_version: u32) -> Result<(), StoreError> {
        self.write(|tx| items::update_item(tx, item, expected_version))
    }

    fn set_item_state(
        &self,
        vault_id: &str,
        id: &str,
        state: ItemState,
        at: i64,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            items::set_items_state(
                tx,
                vault_id,
                std::slice::from_ref(&id.to_owned()),
                state,
                at,
            )
        })
    }

    fn set_items_state(
        &self,
        vault_id: &str,
        ids: &[String],
        state: ItemState,
        at: i64,
    ) -> Result<(), StoreError> {
        self.write(|tx| items::set_items_state(tx, vault_id, ids, state, at))
    }

    fn purge_deleted(&self, older_than: i64) -> Result<usize, StoreError> {
        self.write(|tx| items::purge_deleted(tx, older_than))
    }

    fn put_file(
        &self,
        vault_id: &str,
        item_id: &str,
        file_id: &str,
        content: &[u8],
    ) -> Result<(), StoreError> {
        self.write(|tx| items::put_file(tx, vault_id, item_id, file_id, content))
    }

    fn file(
        &self,
        vault_id: &str,
        item_id: &str,
        file_id: &str,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        self.read(|c| items::file(c, vault_id, item_id, file_id))
    }

    fn delete_file(&self, vault_id: &str, item_id: &str, file_id: &str) -> Result<(), StoreError> {
        self.write(|tx| items::delete_file(tx, vault_id, item_id, file_id))
    }

    fn insert_items_with_files(
        &self,
        vault_id: &str,
        records: &[ItemRecord],
        new_files: Vec<NewFile<'_>>,
        at: i64,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            items::insert_items(tx, vault_id, records, at)?;
            files::write_files(tx, records, new_files)
        })
    }

    fn update_item_with_files(
        &self,
        item: &ItemRecord,
        expected_version: u32,
        added: Vec<NewFile<'_>>,
        removed: &[String],
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            items::update_item(tx, item, expected_version)?;
            files::remove_files(tx, &item.vault_id, &item.id, removed)?;
            files::write_files(tx, std::slice::from_ref(item), added)
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

    fn append_audit(&self, event: &AuditEvent) -> Result<i64, StoreError> {
        self.write(|tx| {
            tx.prepare_cached(
                "INSERT INTO audit (at, principal_id, action, vault_id, item_id) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![event.at, event.principal_id, event.action, event.vault_id, event.item_id])?;
            Ok(tx.last_insert_rowid())
        })
    }

    fn audit_events(&self, limit: usize) -> Result<Vec<AuditEvent>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT id, at, principal_id, action, vault_id, item_id FROM audit ORDER BY id DESC LIMIT ?1",
            )?;
            let rows = stmt
                .query_map([limit], |r| {
                    Ok(AuditEvent {
                        id: r.get(0)?,
                        at: r.get(1)?,
                        principal_id: r.get(2)?,
                        action: r.get(3)?,
                        vault_id: r.get(4)?,
                        item_id: r.get(5)?,
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
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
