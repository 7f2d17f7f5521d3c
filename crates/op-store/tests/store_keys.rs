//! Key rotations, group re-keying and Environments on a real file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{T0, grant, group, item, open_temp, principal};
use op_store::{
    AccessChanges, AccessorType, EnvironmentAccessRecord, EnvironmentRecord, EnvironmentRekey,
    GroupRekey, PrincipalKind, Store, StoreError, VaultKeyRotation,
};

fn rotation(vault_id: &str, from: u32) -> VaultKeyRotation {
    VaultKeyRotation {
        vault_id: vault_id.into(),
        from_generation: from,
        attrs: format!("attrs under generation {}", from + 1).into_bytes(),
        history: (0..=from)
            .map(|g| (g, vec![u8::try_from(g).unwrap(); 40]))
            .collect(),
        access: vec![grant(vault_id, AccessorType::User, "alice")],
    }
}

#[test]
fn a_rotation_replaces_grants_and_history_and_refuses_stale_writers() {
    let (_dir, store) = open_temp();
    store
        .create_vault(
            &common::vault("v1"),
            &[
                grant("v1", AccessorType::User, "alice"),
                grant("v1", AccessorType::Group, "team"),
            ],
        )
        .unwrap();
    store
        .insert_items("v1", &[item("v1", "i1", 1)], Vec::new(), T0)
        .unwrap();

    store
        .apply_access_changes(&AccessChanges {
            vaults: vec![rotation("v1", 0)],
            ..AccessChanges::default()
        })
        .unwrap();
    let v = store.vault("v1").unwrap().unwrap();
    assert_eq!(v.key_generation, 1);
    assert_eq!(v.attrs, b"attrs under generation 1");
    assert_eq!(
        store.vault_access("v1").unwrap().len(),
        1,
        "team was dropped"
    );
    assert_eq!(
        store.vault_key_history("v1").unwrap(),
        vec![(0, vec![0; 40])]
    );

    // An item encrypted under the old key can no longer be written, new or updated.
    let err = store
        .insert_items("v1", &[item("v1", "i2", 2)], Vec::new(), T0)
        .unwrap_err();
    assert_eq!(err.name(), "KeyRotated");
    let mut old = store.item("v1", "i1").unwrap().unwrap();
    old.version = 2;
    assert_eq!(
        store
            .update_item(&old, 1, Vec::new(), &[])
            .unwrap_err()
            .name(),
        "KeyRotated"
    );
    old.key_generation = 1;
    store.update_item(&old, 1, Vec::new(), &[]).unwrap();
    assert_eq!(store.item("v1", "i1").unwrap().unwrap().key_generation, 1);
    assert_eq!(
        store
            .update_vault_attrs("v1", b"x", 0, T0)
            .unwrap_err()
            .name(),
        "KeyRotated"
    );

    // A second rotation computed from a stale generation is refused, and nothing changes.
    let err = store
        .apply_access_changes(&AccessChanges {
            vaults: vec![rotation("v1", 0)],
            ..AccessChanges::default()
        })
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::KeyRotated {
            used: 0,
            current: 1,
            ..
        }
    ));
    // History must cover every older generation.
    let mut short = rotation("v1", 1);
    short.history.truncate(1);
    assert_eq!(
        store
            .apply_access_changes(&AccessChanges {
                vaults: vec![short],
                ..AccessChanges::default()
            })
            .unwrap_err()
            .name(),
        "InvalidInput"
    );
    assert_eq!(store.vault("v1").unwrap().unwrap().key_generation, 1);
}

#[test]
fn group_rekeying_and_vault_rotation_land_together_or_not_at_all() {
    let (_dir, store) = open_temp();
    for id in ["alice", "bob"] {
        store
            .insert_principal(&principal(id, PrincipalKind::ServiceAccount))
            .unwrap();
    }
    store.insert_group(&group("team")).unwrap();
    store
        .add_group_member("team", "alice", b"sealed-a")
        .unwrap();
    store.add_group_member("team", "bob", b"sealed-b").unwrap();
    store
        .create_vault(
            &common::vault("v1"),
            &[grant("v1", AccessorType::Group, "team")],
        )
        .unwrap();

    let rekey = GroupRekey {
        group_id: "team".into(),
        public_key: vec![9; 32],
        sealed_admin_key: Some(vec![8; 80]),
        members: vec![("alice".into(), b"sealed-a2".to_vec())],
        replaces: vec!["bob".into(), "alice".into()],
    };
    // A failing vault rotation (unknown vault) rolls back the group change too.
    let err = store
        .apply_access_changes(&AccessChanges {
            groups: vec![rekey.clone()],
            vaults: vec![rotation("nope", 0)],
            ..AccessChanges::default()
        })
        .unwrap_err();
    assert_eq!(err.name(), "NotFound");
    assert_eq!(store.group_members("team").unwrap(), vec!["alice", "bob"]);

    store
        .apply_access_changes(&AccessChanges {
            groups: vec![rekey],
            vaults: vec![rotation("v1", 0)],
            ..AccessChanges::default()
        })
        .unwrap();
    assert_eq!(store.group_members("team").unwrap(), vec!["alice"]);
    let g = store.group("team").unwrap().unwrap();
    assert_eq!(
        (g.public_key, g.sealed_admin_key),
        (vec![9; 32], Some(vec![8; 80]))
    );
    assert!(store.access_for("bob").unwrap().is_empty());
    assert_eq!(store.group_memberships("alice").unwrap()[0].1, b"sealed-a2");
}

fn environment(id: &str, version: u32) -> EnvironmentRecord {
    EnvironmentRecord {
        id: id.into(),
        content: format!("content v{version}").into_bytes(),
        version,
        created_by: "alice".into(),
        created_at: T0,
        updated_at: T0 + i64::from(version),
    }
}

fn env_grant(id: &str, t: AccessorType, accessor: &str) -> EnvironmentAccessRecord {
    EnvironmentAccessRecord {
        environment_id: id.into(),
        accessor_type: t,
        accessor_id: accessor.into(),
        permissions: 1,
        sealed_key: vec![5; 80],
    }
}

#[test]
fn environments_round_trip_with_grants_direct_and_through_groups() {
    let (_dir, store) = open_temp();
    store
        .insert_principal(&principal("alice", PrincipalKind::ServiceAccount))
        .unwrap();
    store.insert_group(&group("team")).unwrap();
    store.add_group_member("team", "alice", b"k").unwrap();
    let e = environment("e1", 1);
    store
        .create_environment(&e, &[env_grant("e1", AccessorType::User, "alice")])
        .unwrap();
    assert_eq!(
        store.create_environment(&e, &[]).unwrap_err().name(),
        "AlreadyExists"
    );
    store
        .apply_access_changes(&AccessChanges {
            environment_grants: vec![env_grant("e1", AccessorType::Group, "team")],
            ..AccessChanges::default()
        })
        .unwrap();
    assert_eq!(store.environment_access_for("alice").unwrap().len(), 2);
    assert_eq!(store.environment("e1").unwrap(), Some(e.clone()));
    assert_eq!(store.environments().unwrap(), vec![e]);

    store.update_environment(&environment("e1", 2), 1).unwrap();
    assert_eq!(
        store
            .update_environment(&environment("e1", 3), 1)
            .unwrap_err()
            .name(),
        "VersionConflict"
    );
    store
        .apply_access_changes(&AccessChanges {
            environments: vec![EnvironmentRekey {
                environment: environment("e1", 3),
                access: vec![env_grant("e1", AccessorType::User, "alice")],
            }],
            ..AccessChanges::default()
        })
        .unwrap();
    assert_eq!(store.environment("e1").unwrap().unwrap().version, 3);
    assert_eq!(store.environment_access("e1").unwrap().len(), 1);

    store
        .apply_access_changes(&AccessChanges {
            removed_environment_grants: vec![op_store::GrantRef {
                target_id: "e1".into(),
                accessor_type: AccessorType::User,
                accessor_id: "alice".into(),
            }],
            ..AccessChanges::default()
        })
        .unwrap();
    assert!(store.environment_access("e1").unwrap().is_empty());
    assert_eq!(
        store.environment_access("e9").unwrap_err().name(),
        "NotFound"
    );
}

#[test]
fn deleting_a_vault_removes_its_key_history() {
    let (_dir, store) = open_temp();
    store.create_vault(&common::vault("v1"), &[]).unwrap();
    store
        .apply_access_changes(&AccessChanges {
            vaults: vec![rotation("v1", 0)],
            ..AccessChanges::default()
        })
        .unwrap();
    store.delete_vault("v1").unwrap();
    assert!(store.vault_key_history("v1").unwrap().is_empty());
    store.integrity_check().unwrap();
}

#[test]
fn a_revocation_lands_with_its_re_keys_or_not_at_all() {
    let (_dir, store) = open_temp();
    store
        .insert_principal(&principal("sa1", PrincipalKind::ServiceAccount))
        .unwrap();
    store
        .create_vault(
            &common::vault("v1"),
            &[
                grant("v1", AccessorType::User, "alice"),
                grant("v1", AccessorType::User, "sa1"),
            ],
        )
        .unwrap();
    // A re-key of a vault that is not there fails, and the principal stays active.
    let err = store
        .revoke_principal(
            "sa1",
            &AccessChanges {
                vaults: vec![rotation("v1", 0), rotation("nope", 0)],
                ..AccessChanges::default()
            },
        )
        .unwrap_err();
    assert_eq!(err.name(), "NotFound");
    let sa = store.principal("sa1").unwrap().unwrap();
    assert_eq!(sa.state, op_store::PrincipalState::Active);
    assert_eq!(store.vault("v1").unwrap().unwrap().key_generation, 0);

    store
        .revoke_principal(
            "sa1",
            &AccessChanges {
                vaults: vec![rotation("v1", 0)],
                ..AccessChanges::default()
            },
        )
        .unwrap();
    let sa = store.principal("sa1").unwrap().unwrap();
    assert_eq!(sa.state, op_store::PrincipalState::Revoked);
    assert_eq!(store.vault("v1").unwrap().unwrap().key_generation, 1);
    assert_eq!(
        store.vault_access("v1").unwrap().len(),
        1,
        "sa1's grant went"
    );
}

#[test]
fn a_group_re_key_computed_before_a_new_member_joined_is_refused() {
    let (_dir, store) = open_temp();
    for id in ["alice", "bob", "carol"] {
        store
            .insert_principal(&principal(id, PrincipalKind::ServiceAccount))
            .unwrap();
    }
    store.insert_group(&group("team")).unwrap();
    store
        .add_group_member("team", "alice", b"sealed-a")
        .unwrap();
    store.add_group_member("team", "bob", b"sealed-b").unwrap();
    // Bob's removal is computed from {alice, bob}; carol joins before it is applied.
    let rekey = GroupRekey {
        group_id: "team".into(),
        public_key: vec![9; 32],
        sealed_admin_key: None,
        members: vec![("alice".into(), b"sealed-a2".to_vec())],
        replaces: vec!["alice".into(), "bob".into()],
    };
    store
        .add_group_member("team", "carol", b"sealed-c")
        .unwrap();
    let err = store
        .apply_access_changes(&AccessChanges {
            groups: vec![rekey],
            ..AccessChanges::default()
        })
        .unwrap_err();
    assert_eq!(err.name(), "MembershipChanged");
    assert_eq!(
        store.group_members("team").unwrap(),
        vec!["alice", "bob", "carol"],
        "nobody dropped, nothing written"
    );
}
