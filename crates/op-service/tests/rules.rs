#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Every rule of the service layer on a real store file, with records only: no key exists anywhere
//! in these tests (the blobs are placeholders), which is the point of the layer.

use std::sync::Arc;

use op_core::wire::{ErrorReason, permissions as p};
use op_service::{
    ENVIRONMENT_ALL, ENVIRONMENT_MANAGE, ENVIRONMENT_READ, ENVIRONMENT_WRITE, EnvironmentAction,
    Service, check_environment_permission_set, check_permission_set,
    environment_permission_problems,
};
use op_store::{
    AccessRecord, AccessorType, GroupRecord, PrincipalKind, PrincipalRecord, PrincipalState,
    SqliteStore, Store, VaultRecord,
};

const T0: i64 = 1_700_000_000_000_000;
const READ: u32 = p::READ_ITEMS | p::REVEAL_ITEM_PASSWORD;

fn principal(id: &str, kind: PrincipalKind, may_create_vaults: bool) -> PrincipalRecord {
    PrincipalRecord {
        id: id.into(),
        kind,
        name: id.into(),
        public_key: vec![1; 32],
        sealed_private_key: vec![2; 72],
        unlock_params: b"{}".to_vec(),
        auth_hash: None,
        state: PrincipalState::Active,
        created_by: (id != "owner").then(|| "owner".to_owned()),
        created_at: T0,
        may_create_vaults,
    }
}

fn vault(id: &str, vault_type: &str, created_by: &str) -> VaultRecord {
    VaultRecord {
        id: id.into(),
        vault_type: vault_type.into(),
        attrs: vec![3; 40],
        created_by: created_by.into(),
        content_version: 1,
        attribute_version: 1,
        active_item_count: 0,
        key_generation: 0,
        created_at: T0,
        updated_at: T0,
    }
}

fn grant(vault_id: &str, accessor_type: AccessorType, id: &str, permissions: u32) -> AccessRecord {
    AccessRecord {
        vault_id: vault_id.into(),
        accessor_type,
        accessor_id: id.into(),
        permissions,
        sealed_vault_key: vec![4; 80],
    }
}

struct World {
    _dir: tempfile::TempDir,
    store: Arc<dyn Store>,
    service: Service,
}

/// An owner with a Personal vault and a shared vault; a service account `ci` with read on the
/// shared vault, its own vault `mine`, and a group `ops`.
fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open(dir.path().join("v.db")).unwrap());
    store
        .insert_principal(&principal("owner", PrincipalKind::Person, true))
        .unwrap();
    store
        .insert_principal(&principal("ci", PrincipalKind::ServiceAccount, false))
        .unwrap();
    store
        .create_vault(
            &vault("personal", "personal", "owner"),
            &[grant("personal", AccessorType::User, "owner", p::ALL_BITS)],
        )
        .unwrap();
    store
        .create_vault(
            &vault("shared", "userCreated", "owner"),
            &[
                grant("shared", AccessorType::User, "owner", p::ALL_BITS),
                grant("shared", AccessorType::User, "ci", READ),
            ],
        )
        .unwrap();
    store
        .create_vault(
            &vault("mine", "userCreated", "ci"),
            &[grant("mine", AccessorType::User, "ci", p::ALL_BITS)],
        )
        .unwrap();
    store
        .insert_group(&GroupRecord {
            id: "ops".into(),
            title: "Ops".into(),
            description: String::new(),
            group_type: "userDefined".into(),
            state: "active".into(),
            public_key: vec![5; 32],
            sealed_admin_key: None,
            created_at: T0,
        })
        .unwrap();
    let service = Service::new(Arc::clone(&store));
    World {
        _dir: dir,
        store,
        service,
    }
}

#[test]
fn a_revoked_principal_is_refused_on_every_call_with_reason_revoked() {
    let w = world();
    assert!(w.service.actor("ci").is_ok());
    w.store
        .set_principal_state("ci", PrincipalState::Revoked)
        .unwrap();
    let err = w.service.actor("ci").unwrap_err();
    assert_eq!(err.reason, ErrorReason::Revoked);
    assert_eq!(
        w.service.actor("nobody").unwrap_err().reason,
        ErrorReason::NotFound
    );
}

#[test]
fn permissions_come_from_direct_and_group_grants() {
    let w = world();
    let ci = w.service.actor("ci").unwrap();
    let view = w.service.vault_access(&ci, "shared").unwrap();
    assert_eq!(view.permissions, READ);
    w.store.add_group_member("ops", "ci", b"k").unwrap();
    w.store
        .apply_access_changes(&op_store::AccessChanges {
            grants: vec![op_store::NewGrant {
                access: grant("shared", AccessorType::Group, "ops", p::CREATE_ITEMS | READ),
                key_generation: 0,
            }],
            ..op_store::AccessChanges::default()
        })
        .unwrap();
    let view = w.service.vault_access(&ci, "shared").unwrap();
    assert_eq!(view.permissions, READ | p::CREATE_ITEMS);
    // The direct grant comes first: opening through it needs no group key.
    assert_eq!(view.grants[0].accessor_type, AccessorType::User);
    let err = w
        .service
        .authorize_vault(&ci, "shared", p::DELETE_ITEMS, "delete items")
        .unwrap_err();
    assert_eq!(err.reason, ErrorReason::PermissionDenied);
    assert!(err.message.contains("delete_items"), "{err}");
    // A vault without a grant is not found, like a missing one.
    assert_eq!(
        w.service.vault_access(&ci, "personal").unwrap_err().reason,
        ErrorReason::NotFound
    );
    assert_eq!(
        w.service.vault_access(&ci, "nope").unwrap_err().reason,
        ErrorReason::NotFound
    );
    let ids: Vec<String> = w
        .service
        .accessible_vaults(&ci)
        .unwrap()
        .into_iter()
        .map(|v| v.vault.id)
        .collect();
    assert_eq!(ids, ["mine", "shared"]); // the store's order: creation time, then id
}

#[test]
fn a_service_account_holds_nothing_in_a_personal_vault_whatever_the_records_say() {
    let w = world();
    // Written as a file edited outside opkit would hold it.
    w.store.add_group_member("ops", "ci", b"k").unwrap();
    w.store
        .apply_access_changes(&op_store::AccessChanges {
            grants: vec![
                op_store::NewGrant {
                    access: grant("personal", AccessorType::Group, "ops", READ),
                    key_generation: 0,
                },
                op_store::NewGrant {
                    access: grant("personal", AccessorType::User, "ci", READ),
                    key_generation: 0,
                },
            ],
            ..op_store::AccessChanges::default()
        })
        .unwrap();
    let ci = w.service.actor("ci").unwrap();
    assert_eq!(
        w.service.vault_access(&ci, "personal").unwrap_err().reason,
        ErrorReason::NotFound
    );
    assert!(
        w.service
            .accessible_vaults(&ci)
            .unwrap()
            .iter()
            .all(|v| v.vault.id != "personal")
    );
    let owner = w.service.actor("owner").unwrap();
    assert_eq!(
        w.service
            .vault_access(&owner, "personal")
            .unwrap()
            .permissions,
        p::ALL_BITS
    );
}

#[test]
fn the_personal_rule_holds_on_every_path_that_could_hand_the_vault_out() {
    let w = world();
    let personal = w.store.vault("personal").unwrap().unwrap();
    let shared = w.store.vault("shared").unwrap().unwrap();
    let ci = w.store.principal("ci").unwrap().unwrap();
    let owner = w.store.principal("owner").unwrap().unwrap();
    let denied = |r: Result<(), op_service::ServiceError>| {
        assert_eq!(r.unwrap_err().reason, ErrorReason::PermissionDenied);
    };
    denied(w.service.check_direct_grant(&personal, &ci));
    assert!(w.service.check_direct_grant(&personal, &owner).is_ok());
    assert!(w.service.check_direct_grant(&shared, &ci).is_ok());
    denied(w.service.check_group_grant(&personal));
    assert!(w.service.check_group_grant(&shared).is_ok());
    assert!(w.service.check_membership("ops", &ci).is_ok());
    w.store
        .apply_access_changes(&op_store::AccessChanges {
            grants: vec![op_store::NewGrant {
                access: grant("personal", AccessorType::Group, "ops", READ),
                key_generation: 0,
            }],
            ..op_store::AccessChanges::default()
        })
        .unwrap();
    denied(w.service.check_membership("ops", &ci));
    assert!(w.service.check_membership("ops", &owner).is_ok());
}

#[test]
fn creating_vaults_is_an_account_right() {
    let w = world();
    let ci = w.service.actor("ci").unwrap();
    let err = w.service.authorize_create_vault(&ci).unwrap_err();
    assert_eq!(err.reason, ErrorReason::PermissionDenied);
    assert!(
        w.service
            .authorize_create_vault(&w.service.actor("owner").unwrap())
            .is_ok()
    );
    w.store
        .insert_principal(&principal("builder", PrincipalKind::ServiceAccount, true))
        .unwrap();
    assert!(
        w.service
            .authorize_create_vault(&w.service.actor("builder").unwrap())
            .is_ok()
    );
}

#[test]
fn a_service_account_manages_access_only_on_vaults_it_created() {
    let w = world();
    let ci = w.service.actor("ci").unwrap();
    assert!(
        w.service
            .authorize_manage_access(&ci, "mine", "grant access")
            .is_ok()
    );
    // Read on the shared vault: no manage_vault.
    assert_eq!(
        w.service
            .authorize_manage_access(&ci, "shared", "grant access")
            .unwrap_err()
            .reason,
        ErrorReason::PermissionDenied
    );
    // Even with manage_vault, not on a vault someone else created.
    w.store
        .apply_access_changes(&op_store::AccessChanges {
            grants: vec![op_store::NewGrant {
                access: grant("shared", AccessorType::User, "ci", READ | p::MANAGE_VAULT),
                key_generation: 0,
            }],
            ..op_store::AccessChanges::default()
        })
        .unwrap();
    let err = w
        .service
        .authorize_manage_access(&ci, "shared", "grant access")
        .unwrap_err();
    assert_eq!(err.reason, ErrorReason::PermissionDenied);
    let owner = w.service.actor("owner").unwrap();
    assert!(
        w.service
            .authorize_manage_access(&owner, "shared", "grant access")
            .is_ok()
    );
    assert_eq!(
        w.service.authorize_administration(&ci).unwrap_err().reason,
        ErrorReason::PermissionDenied
    );
    assert!(w.service.authorize_administration(&owner).is_ok());
}

#[test]
fn purging_is_the_owners_authority() {
    let w = world();
    let ci = w.service.actor("ci").unwrap();
    assert_eq!(
        w.service.purge_deleted(&ci, T0).unwrap_err().reason,
        ErrorReason::PermissionDenied
    );
    let owner = w.service.actor("owner").unwrap();
    assert_eq!(w.service.purge_deleted(&owner, T0).unwrap(), 0);
}

#[test]
fn permission_sets_need_their_dependencies_and_at_least_one_bit() {
    assert!(check_permission_set(READ).is_ok());
    assert_eq!(
        check_permission_set(0).unwrap_err().reason,
        ErrorReason::Invalid
    );
    let err = check_permission_set(p::READ_ITEMS | p::DELETE_ITEMS).unwrap_err();
    assert_eq!(err.reason, ErrorReason::Invalid);
    assert!(err.message.contains("delete_items"), "{err}");
}

#[test]
fn only_service_accounts_that_may_write_get_the_right_to_create_vaults() {
    use op_service::may_create_vaults_by_default as by_default;
    assert!(!by_default([
        READ,
        READ | p::UPDATE_ITEM_HISTORY | p::EXPORT_ITEMS
    ]));
    assert!(!by_default([]));
    assert!(by_default([READ, READ | p::CREATE_ITEMS]));
    assert!(by_default([READ | p::MANAGE_VAULT]));
}

fn environment_grant(
    accessor_type: AccessorType,
    id: &str,
    permissions: u32,
) -> op_store::EnvironmentAccessRecord {
    op_store::EnvironmentAccessRecord {
        environment_id: "env".into(),
        accessor_type,
        accessor_id: id.into(),
        permissions,
        sealed_key: vec![6; 80],
    }
}

/// An Environment `env` the owner holds every bit on and `ci` may read.
fn with_environment(w: &World) {
    w.store
        .create_environment(
            &op_store::EnvironmentRecord {
                id: "env".into(),
                content: vec![7; 40],
                version: 1,
                created_by: "owner".into(),
                created_at: T0,
                updated_at: T0,
            },
            &[
                environment_grant(AccessorType::User, "owner", ENVIRONMENT_ALL),
                environment_grant(AccessorType::User, "ci", ENVIRONMENT_READ),
            ],
        )
        .unwrap();
}

#[test]
fn environment_actions_need_their_bits_from_direct_and_group_grants() {
    let w = world();
    with_environment(&w);
    let ci = w.service.actor("ci").unwrap();
    let access = w.service.environment_access(&ci, "env").unwrap();
    assert_eq!(access.permissions, ENVIRONMENT_READ);
    w.service
        .authorize_environment(&ci, &access, EnvironmentAction::ReadVariables)
        .unwrap();
    for action in [
        EnvironmentAction::SetVariables,
        EnvironmentAction::UnsetVariables,
        EnvironmentAction::GrantAccess,
        EnvironmentAction::RevokeAccess,
    ] {
        let err = w
            .service
            .authorize_environment(&ci, &access, action)
            .unwrap_err();
        assert_eq!(err.reason, ErrorReason::PermissionDenied, "{action:?}");
    }
    // Write through a group counts like a direct grant; manage is still refused.
    w.store.add_group_member("ops", "ci", b"k").unwrap();
    w.store
        .apply_access_changes(&op_store::AccessChanges {
            environment_grants: vec![environment_grant(
                AccessorType::Group,
                "ops",
                ENVIRONMENT_READ | ENVIRONMENT_WRITE,
            )],
            ..op_store::AccessChanges::default()
        })
        .unwrap();
    let access = w.service.environment_access(&ci, "env").unwrap();
    assert_eq!(access.permissions, ENVIRONMENT_READ | ENVIRONMENT_WRITE);
    w.service
        .authorize_environment(&ci, &access, EnvironmentAction::SetVariables)
        .unwrap();
    let err = w
        .service
        .authorize_environment(&ci, &access, EnvironmentAction::GrantAccess)
        .unwrap_err();
    assert_eq!(err.reason, ErrorReason::PermissionDenied);
    let owner = w.service.actor("owner").unwrap();
    let access = w.service.environment_access(&owner, "env").unwrap();
    w.service
        .authorize_environment(&owner, &access, EnvironmentAction::GrantAccess)
        .unwrap();
}

#[test]
fn an_environment_without_a_grant_is_not_found_like_a_missing_one() {
    let w = world();
    with_environment(&w);
    w.store
        .insert_principal(&principal("other", PrincipalKind::ServiceAccount, false))
        .unwrap();
    let other = w.service.actor("other").unwrap();
    for id in ["env", "missing"] {
        let err = w.service.environment_access(&other, id).unwrap_err();
        assert_eq!(err.reason, ErrorReason::NotFound, "{id}");
    }
    assert!(w.service.environments_of(&other).unwrap().is_empty());
    let ci = w.service.actor("ci").unwrap();
    assert_eq!(w.service.environments_of(&ci).unwrap(), vec!["env"]);
}

#[test]
fn environment_permission_sets_need_their_dependencies_and_at_least_one_bit() {
    assert!(check_environment_permission_set(ENVIRONMENT_READ).is_ok());
    assert!(check_environment_permission_set(ENVIRONMENT_READ | ENVIRONMENT_WRITE).is_ok());
    assert!(check_environment_permission_set(ENVIRONMENT_ALL).is_ok());
    for bits in [
        0,
        8,
        ENVIRONMENT_WRITE,
        ENVIRONMENT_MANAGE,
        ENVIRONMENT_READ | ENVIRONMENT_MANAGE,
    ] {
        let err = check_environment_permission_set(bits).unwrap_err();
        assert_eq!(err.reason, ErrorReason::Invalid, "{bits}");
    }
    assert_eq!(
        environment_permission_problems(ENVIRONMENT_WRITE | ENVIRONMENT_MANAGE).len(),
        2
    );
}
