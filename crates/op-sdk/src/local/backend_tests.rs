//! The rules `LocalBackend` keeps itself, on a real vault file: what it hands out and what it
//! refuses, whatever the client above it sends.

use std::sync::Arc;

use op_core::wire::{ErrorReason, ItemCreateParams, VaultType, permissions};
use op_crypto::Argon2Params;
use op_service::Service;
use op_store::{
    AccessChanges, AccessRecord, AccessorType, EnvironmentAccessRecord, EnvironmentRecord,
    EnvironmentRekey, GrantRef, ItemState, NewGrant, SqliteStore, Store, VaultKeyRotation,
    VaultRecord,
};
use serde_json::json;

use super::backend::LocalBackend;
use crate::backend::Backend;
use crate::error::Error;
use crate::{Admin, Client};

struct Fixture {
    client: Client,
    backend: LocalBackend,
    owner: String,
    vault: String,
    _dir: tempfile::TempDir,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.opkit");
    let account = Admin::create_account(&path, "Acme", "pw", Argon2Params::TESTING).unwrap();
    let owner = account.admin.principal_id().to_owned();
    let vault = account.admin.create_vault("Prod", "").unwrap().id;
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open_existing(&path).unwrap());
    let backend = LocalBackend::new(Service::new(store.acting_as(&owner)), owner.clone());
    Fixture {
        client: account.admin.into_client(),
        backend,
        owner,
        vault,
        _dir: dir,
    }
}

async fn item(f: &Fixture, title: &str) -> String {
    let params: ItemCreateParams = serde_json::from_value(json!({
        "category": "Login", "vaultId": f.vault, "title": title,
    }))
    .unwrap();
    f.client.create_item(params).await.unwrap().id
}

fn reason(e: &Error) -> Option<ErrorReason> {
    match e {
        Error::ItemApi(reason, _) => Some(*reason),
        _ => None,
    }
}

#[tokio::test]
async fn item_states_change_only_for_live_items_and_deleted_ones_are_not_handed_out() {
    let f = fixture();
    let a = item(&f, "a").await;
    let b = item(&f, "b").await;
    let ids = vec![a.clone(), "nosuchitem000000000000000a".into(), b.clone()];
    let live = f
        .backend
        .set_item_states(&f.vault, &ids, ItemState::Deleted)
        .unwrap();
    assert_eq!(live, vec![true, false, true]);
    let again = f
        .backend
        .set_item_states(&f.vault, &ids, ItemState::Archived)
        .unwrap();
    assert_eq!(
        again,
        vec![false, false, false],
        "a deleted item stays deleted"
    );
    let read = f.backend.items(&f.vault, &[a.clone(), b]).unwrap();
    assert!(read.value.iter().all(Option::is_none));
    assert_eq!(f.backend.live_items(&f.vault, &[a]).unwrap(), vec![false]);
}

#[tokio::test]
async fn find_items_hands_out_active_items_once_by_id_or_title_index() {
    let f = fixture();
    let a = item(&f, "a").await;
    let archived = item(&f, "b").await;
    f.backend
        .set_item_states(
            &f.vault,
            std::slice::from_ref(&archived),
            ItemState::Archived,
        )
        .unwrap();
    let record = f.backend.items(&f.vault, std::slice::from_ref(&a)).unwrap();
    let title_index = record.value[0].as_ref().unwrap().title_index.clone();
    let found = f
        .backend
        .find_items(&f.vault, Some(&a), &title_index)
        .unwrap();
    assert_eq!(found.value.len(), 1, "the same item by id and by title");
    assert_eq!(found.view.permissions, permissions::ALL_BITS);
    let found = f
        .backend
        .find_items(&f.vault, Some(&archived), &[0; 32])
        .unwrap();
    assert!(found.value.is_empty(), "archived items do not resolve");
}

#[tokio::test]
async fn a_put_cannot_change_the_state_of_an_item() {
    let f = fixture();
    let a = item(&f, "a").await;
    f.backend
        .set_item_states(&f.vault, std::slice::from_ref(&a), ItemState::Archived)
        .unwrap();
    let mut record = f
        .backend
        .items(&f.vault, std::slice::from_ref(&a))
        .unwrap()
        .value
        .remove(0)
        .unwrap();
    record.state = ItemState::Active;
    let expected = record.version;
    record.version += 1;
    let err = f
        .backend
        .put_item(&record, expected, Vec::new(), &[])
        .unwrap_err();
    assert_eq!(reason(&err), Some(ErrorReason::Invalid), "{err}");
}

#[tokio::test]
async fn a_new_vault_names_only_its_creator_and_the_administrators() {
    let f = fixture();
    let vault = |vault_type: VaultType, created_by: &str| VaultRecord {
        id: "newvault000000000000000000".into(),
        vault_type: vault_type.as_str().into(),
        attrs: vec![1, 2, 3],
        created_by: created_by.into(),
        content_version: 1,
        attribute_version: 1,
        active_item_count: 0,
        key_generation: 0,
        created_at: 0,
        updated_at: 0,
    };
    let grant = |accessor_type: AccessorType, accessor_id: &str, permissions: u32| AccessRecord {
        vault_id: "newvault000000000000000000".into(),
        accessor_type,
        accessor_id: accessor_id.into(),
        permissions,
        sealed_vault_key: vec![0; 80],
    };
    let mine = grant(AccessorType::User, &f.owner, permissions::ALL_BITS);
    let admins = f.backend.administrators().unwrap().unwrap().id;
    let refused = [
        (vault(VaultType::Personal, &f.owner), vec![mine.clone()]),
        (
            vault(VaultType::UserCreated, "someoneelse0000000000000a"),
            vec![mine.clone()],
        ),
        (vault(VaultType::UserCreated, &f.owner), vec![]),
        (
            vault(VaultType::UserCreated, &f.owner),
            vec![
                mine.clone(),
                grant(AccessorType::User, "someoneelse0000000000000a", 1),
            ],
        ),
        (
            vault(VaultType::UserCreated, &f.owner),
            vec![
                mine.clone(),
                grant(AccessorType::Group, &admins, permissions::ALL_BITS),
            ],
        ),
    ];
    for (record, grants) in &refused {
        let err = f.backend.create_vault(record, grants).unwrap_err();
        assert_eq!(reason(&err), Some(ErrorReason::Invalid), "{err}");
    }
    f.backend
        .create_vault(
            &vault(VaultType::UserCreated, &f.owner),
            &[
                mine,
                grant(AccessorType::Group, &admins, permissions::MANAGE_VAULT),
            ],
        )
        .unwrap();
}

#[tokio::test]
async fn a_client_changes_only_group_grants_and_re_keys_that_drop_accessors() {
    let f = fixture();
    let admins = f.backend.administrators().unwrap().unwrap().id;
    let grant = |accessor_type: AccessorType, accessor_id: &str| AccessRecord {
        vault_id: f.vault.clone(),
        accessor_type,
        accessor_id: accessor_id.into(),
        permissions: permissions::READ_ITEMS,
        sealed_vault_key: vec![0; 80],
    };
    let administration = AccessChanges {
        removed_grants: vec![GrantRef {
            target_id: f.vault.clone(),
            accessor_type: AccessorType::Group,
            accessor_id: admins.clone(),
        }],
        ..AccessChanges::default()
    };
    let to_a_user = AccessChanges {
        grants: vec![NewGrant {
            access: grant(AccessorType::User, "someoneelse0000000000000a"),
            key_generation: 0,
        }],
        ..AccessChanges::default()
    };
    let adding_in_a_re_key = AccessChanges {
        vaults: vec![VaultKeyRotation {
            vault_id: f.vault.clone(),
            from_generation: 0,
            attrs: Vec::new(),
            history: Vec::new(),
            access: vec![grant(AccessorType::User, "someoneelse0000000000000a")],
        }],
        ..AccessChanges::default()
    };
    for changes in [administration, to_a_user, adding_in_a_re_key] {
        let err = f.backend.apply_access_changes(&changes).unwrap_err();
        assert_eq!(reason(&err), Some(ErrorReason::Invalid), "{err}");
    }
    let unknown_group = AccessChanges {
        grants: vec![NewGrant {
            access: grant(AccessorType::Group, "nosuchgroup00000000000000a"),
            key_generation: 0,
        }],
        ..AccessChanges::default()
    };
    let err = f.backend.apply_access_changes(&unknown_group).unwrap_err();
    assert_eq!(reason(&err), Some(ErrorReason::NotFound), "{err}");
    assert_eq!(
        f.backend.vault_access_list(&f.vault).unwrap().len(),
        2,
        "nothing was written"
    );
}

#[tokio::test]
async fn a_managed_vault_comes_with_every_accessors_public_key() {
    let f = fixture();
    let managed = f.backend.managed_vault(&f.vault).unwrap();
    assert_eq!(managed.grants.len(), 2, "the owner and the Administrators");
    for grant in &managed.grants {
        assert!(
            managed
                .public_keys
                .iter()
                .any(|(t, id, key)| *t == grant.accessor_type
                    && *id == grant.accessor_id
                    && key.len() == 32)
        );
    }
    let admins = f.backend.administrators().unwrap().unwrap().id;
    let access = f.backend.group_vault_access(&admins).unwrap();
    assert!(access.iter().any(|g| g.vault_id == f.vault));
}

#[test]
fn the_audit_trail_is_the_owners_and_an_environment_update_keeps_its_origin() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.opkit");
    let account = Admin::create_account(&path, "Acme", "pw", Argon2Params::TESTING).unwrap();
    let admin = account.admin;
    let owner = admin.principal_id().to_owned();
    let vault = admin.create_vault("Prod", "").unwrap().id;
    let (robot, _) = admin
        .create_service_account("ci", &[(vault, permissions::READ_ITEMS)])
        .unwrap();
    let environment = admin.create_environment("staging").unwrap().id;
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open_existing(&path).unwrap());
    let backend = |id: &str| LocalBackend::new(Service::new(store.acting_as(id)), id.to_owned());
    assert!(!backend(&owner).audit_events(10).unwrap().is_empty());
    let err = backend(&robot).audit_events(10).unwrap_err();
    assert_eq!(reason(&err), Some(ErrorReason::PermissionDenied), "{err}");

    let before = store.environment(&environment).unwrap().unwrap();
    backend(&owner)
        .update_environment(&environment, b"ciphertext", before.version)
        .unwrap();
    let after = store.environment(&environment).unwrap().unwrap();
    assert_eq!(after.version, before.version + 1);
    assert_eq!(
        (after.created_by, after.created_at),
        (before.created_by, before.created_at)
    );
    let stale = backend(&owner)
        .update_environment(&environment, b"ciphertext", before.version)
        .unwrap_err();
    assert_eq!(
        reason(&stale),
        Some(ErrorReason::VersionConflict),
        "{stale}"
    );
}

#[test]
fn environment_changes_from_a_client_are_its_own_and_only_drop_accessors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.opkit");
    let account = Admin::create_account(&path, "Acme", "pw", Argon2Params::TESTING).unwrap();
    let admin = account.admin;
    let owner = admin.principal_id().to_owned();
    let environment = admin.create_environment("staging").unwrap().id;
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open_existing(&path).unwrap());
    let backend = LocalBackend::new(Service::new(store.acting_as(&owner)), owner.clone());
    let stored = store.environment(&environment).unwrap().unwrap();
    let grant = |permissions: u32| EnvironmentAccessRecord {
        environment_id: environment.clone(),
        accessor_type: AccessorType::User,
        accessor_id: owner.clone(),
        permissions,
        sealed_key: vec![0; 80],
    };
    let new = EnvironmentRecord {
        id: "newenvironment000000000000".into(),
        version: 2,
        ..stored.clone()
    };
    let err = backend
        .create_environment(&new, &[grant(crate::ENVIRONMENT_ALL)])
        .unwrap_err();
    assert_eq!(reason(&err), Some(ErrorReason::Invalid), "{err}");

    let rekey = |permissions: u32, created_by: &str| AccessChanges {
        environments: vec![EnvironmentRekey {
            environment: EnvironmentRecord {
                version: stored.version + 1,
                created_by: created_by.into(),
                ..stored.clone()
            },
            access: vec![grant(permissions)],
        }],
        ..AccessChanges::default()
    };
    for changes in [
        rekey(crate::ENVIRONMENT_READ, &owner),
        rekey(crate::ENVIRONMENT_ALL, "someoneelse0000000000000a"),
    ] {
        let err = backend.apply_access_changes(&changes).unwrap_err();
        assert_eq!(reason(&err), Some(ErrorReason::Invalid), "{err}");
    }
    let bad_bits = AccessChanges {
        environment_grants: vec![grant(0)],
        ..AccessChanges::default()
    };
    assert!(backend.apply_access_changes(&bad_bits).is_err());
    let listed = backend.environments().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].permissions, crate::ENVIRONMENT_ALL);
}

#[test]
fn group_administration_is_the_owners_and_new_groups_are_user_defined() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.opkit");
    let account = Admin::create_account(&path, "Acme", "pw", Argon2Params::TESTING).unwrap();
    let admin = account.admin;
    let owner = admin.principal_id().to_owned();
    let vault = admin.create_vault("Prod", "").unwrap().id;
    let (robot, _) = admin
        .create_service_account("ci", &[(vault, permissions::READ_ITEMS)])
        .unwrap();
    let group = admin.create_group("Ops", "").unwrap().id;
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open_existing(&path).unwrap());
    let backend = |id: &str| LocalBackend::new(Service::new(store.acting_as(id)), id.to_owned());
    let denied = [
        backend(&robot).groups().map(|_| ()),
        backend(&robot).group_members(&group).map(|_| ()),
        backend(&robot).add_group_member(&group, &robot, &[0; 80]),
        backend(&robot).purge_deleted().map(|_| ()),
    ];
    for result in denied {
        let err = result.unwrap_err();
        assert_eq!(reason(&err), Some(ErrorReason::PermissionDenied), "{err}");
    }
    let owners = backend(&owner);
    let mut record = owners
        .groups()
        .unwrap()
        .into_iter()
        .find(|g| g.id == group)
        .unwrap();
    record.id = "newgroup000000000000000000".into();
    record.group_type = op_core::wire::GroupType::Owners.as_str().into();
    let err = owners.create_group(&record).unwrap_err();
    assert_eq!(reason(&err), Some(ErrorReason::Invalid), "{err}");
    admin.revoke_service_account(&robot).unwrap();
    assert!(
        owners.add_group_member(&group, &robot, &[0; 80]).is_err(),
        "a revoked principal joins no group"
    );
}

#[tokio::test]
async fn a_new_service_account_gets_only_what_its_grants_say() {
    let f = fixture();
    let store: &Arc<dyn Store> = f.backend.service.store();
    let personal = store
        .vaults()
        .unwrap()
        .into_iter()
        .find(|v| v.vault_type == VaultType::Personal.as_str())
        .unwrap()
        .id;
    let owner = store.principal(&f.owner).unwrap().unwrap();
    let principal = |may_create_vaults: bool, created_by: &str| op_store::PrincipalRecord {
        id: "robot0000000000000000000a".into(),
        kind: op_store::PrincipalKind::ServiceAccount,
        created_by: Some(created_by.into()),
        auth_hash: Some(vec![0; 32]),
        may_create_vaults,
        ..owner.clone()
    };
    let grant = |vault_id: &str, permissions: u32| AccessRecord {
        vault_id: vault_id.into(),
        accessor_type: AccessorType::User,
        accessor_id: "robot0000000000000000000a".into(),
        permissions,
        sealed_vault_key: vec![0; 80],
    };
    let read = permissions::READ_ITEMS;
    let refused = [
        (principal(true, &f.owner), vec![grant(&f.vault, read)]),
        (
            principal(false, "someoneelse0000000000000a"),
            vec![grant(&f.vault, read)],
        ),
        (principal(false, &f.owner), vec![grant(&personal, read)]),
    ];
    for (record, grants) in &refused {
        assert!(f.backend.create_service_account(record, grants).is_err());
    }
    assert!(
        store
            .principal("robot0000000000000000000a")
            .unwrap()
            .is_none()
    );
    f.backend
        .create_service_account(&principal(false, &f.owner), &[grant(&f.vault, read)])
        .unwrap();
}
