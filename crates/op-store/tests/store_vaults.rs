//! Vaults and grants on a real file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{T0, grant, group, items, open_temp, principal, vault};
use op_store::{
    AccessChanges, AccessRecord, AccessorType, GrantRef, NewGrant, PrincipalKind, Store, StoreError,
};

#[test]
fn create_vault_with_grants_atomically() {
    let (_dir, store) = open_temp();
    let v = vault("v1");
    let grants = [
        grant("v1", AccessorType::User, "alice"),
        grant("v1", AccessorType::Group, "team"),
    ];
    store.create_vault(&v, &grants).unwrap();
    assert_eq!(store.vault("v1").unwrap(), Some(v.clone()));
    assert_eq!(store.vault("v2").unwrap(), None);
    // Sorted by accessor type, then id: "group" < "user".
    assert_eq!(
        store.vault_access("v1").unwrap(),
        vec![grants[1].clone(), grants[0].clone()]
    );

    assert_eq!(
        store.create_vault(&v, &[]).unwrap_err().name(),
        "AlreadyExists"
    );

    // A grant for another vault is refused and nothing is written.
    let err = store
        .create_vault(&vault("v2"), &[grant("v9", AccessorType::User, "alice")])
        .unwrap_err();
    assert_eq!(err.name(), "InvalidInput");
    assert_eq!(store.vault("v2").unwrap(), None);
    assert_eq!(store.vaults().unwrap(), vec![v]);
}

#[test]
fn update_attrs_bumps_attribute_version() {
    let (_dir, store) = open_temp();
    store.create_vault(&vault("v1"), &[]).unwrap();
    store
        .update_vault_attrs("v1", b"new attrs", 0, T0 + 10)
        .unwrap();
    let v = store.vault("v1").unwrap().unwrap();
    assert_eq!(
        (v.attrs.as_slice(), v.attribute_version, v.updated_at),
        (&b"new attrs"[..], 2, T0 + 10)
    );
    assert_eq!(v.content_version, 0);
    let err = store.update_vault_attrs("v9", b"x", 0, T0).unwrap_err();
    assert_eq!(
        err,
        StoreError::NotFound {
            what: "vault",
            id: "v9".into()
        }
    );
}

#[test]
fn delete_vault_removes_items_files_and_grants() {
    let (_dir, store) = open_temp();
    store
        .create_vault(&vault("v1"), &[grant("v1", AccessorType::User, "alice")])
        .unwrap();
    store
        .create_vault(&vault("v2"), &[grant("v2", AccessorType::User, "alice")])
        .unwrap();
    store
        .insert_items("v1", &items("v1", 3), Vec::new(), T0)
        .unwrap();
    store
        .insert_items("v2", &items("v2", 2), Vec::new(), T0)
        .unwrap();

    store.delete_vault("v1").unwrap();
    assert_eq!(store.vault("v1").unwrap(), None);
    assert_eq!(store.item("v1", "item000001").unwrap(), None);
    assert_eq!(store.vault_access("v1").unwrap_err().name(), "NotFound");
    assert_eq!(store.access_for("alice").unwrap().len(), 1);
    // The other vault is untouched.
    assert_eq!(
        store
            .item_summaries("v2", &[op_store::ItemState::Active])
            .unwrap()
            .len(),
        2
    );
    assert_eq!(store.delete_vault("v1").unwrap_err().name(), "NotFound");
    store.integrity_check().unwrap();
}

fn new_grant(access: AccessRecord, key_generation: u32) -> NewGrant {
    NewGrant {
        access,
        key_generation,
    }
}

#[test]
fn grants_are_added_replaced_and_removed_in_one_change() {
    let (_dir, store) = open_temp();
    store.create_vault(&vault("v1"), &[]).unwrap();
    let mut g = grant("v1", AccessorType::User, "bob");
    let put = |grants: Vec<NewGrant>| AccessChanges {
        grants,
        ..AccessChanges::default()
    };
    store
        .apply_access_changes(&put(vec![new_grant(g.clone(), 0)]))
        .unwrap();
    g.permissions = 0x1;
    g.sealed_vault_key = vec![9; 80];
    store
        .apply_access_changes(&put(vec![new_grant(g.clone(), 0)]))
        .unwrap(); // replaces
    assert_eq!(store.vault_access("v1").unwrap(), vec![g.clone()]);

    // A grant to a missing vault fails the whole change: the valid one beside it is not written.
    let carol = grant("v1", AccessorType::Group, "carol");
    let err = store
        .apply_access_changes(&put(vec![
            new_grant(carol.clone(), 0),
            new_grant(grant("v9", AccessorType::User, "bob"), 0),
        ]))
        .unwrap_err();
    assert_eq!(
        err,
        StoreError::NotFound {
            what: "vault",
            id: "v9".into()
        }
    );
    assert_eq!(store.vault_access("v1").unwrap(), vec![g.clone()]);

    // A key sealed for an older generation is refused.
    let err = store
        .apply_access_changes(&put(vec![new_grant(carol, 3)]))
        .unwrap_err();
    assert_eq!(err.name(), "KeyRotated");

    // Same accessor id as a group is a different grant.
    let remove = |accessor_type| AccessChanges {
        removed_grants: vec![GrantRef {
            target_id: "v1".into(),
            accessor_type,
            accessor_id: "bob".into(),
        }],
        ..AccessChanges::default()
    };
    let err = store
        .apply_access_changes(&remove(AccessorType::Group))
        .unwrap_err();
    assert_eq!(err.name(), "NotFound");
    store
        .apply_access_changes(&remove(AccessorType::User))
        .unwrap();
    assert!(store.vault_access("v1").unwrap().is_empty());
    let actions: Vec<String> = store
        .audit_events(3)
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["vault.revoke", "vault.grant", "vault.grant"]);
}

#[test]
fn access_for_combines_direct_and_group_grants() {
    let (_dir, store) = open_temp();
    store
        .insert_principal(&principal("alice", PrincipalKind::Person))
        .unwrap();
    store
        .insert_principal(&principal("bob", PrincipalKind::Person))
        .unwrap();
    store.insert_group(&group("team")).unwrap();
    store.insert_group(&group("other")).unwrap();
    store.add_group_member("team", "alice", b"k").unwrap();
    store.add_group_member("other", "bob", b"k").unwrap();

    let direct = grant("v1", AccessorType::User, "alice");
    let via_team = grant("v2", AccessorType::Group, "team");
    store
        .create_vault(&vault("v1"), std::slice::from_ref(&direct))
        .unwrap();
    store
        .create_vault(
            &vault("v2"),
            &[via_team.clone(), grant("v2", AccessorType::User, "bob")],
        )
        .unwrap();
    store
        .create_vault(&vault("v3"), &[grant("v3", AccessorType::Group, "other")])
        .unwrap();
    // A user grant whose id equals a group id must not leak to the group's members.
    store
        .create_vault(&vault("v4"), &[grant("v4", AccessorType::User, "team")])
        .unwrap();

    assert_eq!(store.access_for("alice").unwrap(), vec![direct, via_team]);
    assert!(store.access_for("carol").unwrap().is_empty());
}
