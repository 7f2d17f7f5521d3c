//! Account, principals, groups and memberships on a real file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{T0, group, open_temp, principal};
use op_store::{AccessorType, AccountRecord, PrincipalKind, PrincipalState, Store, StoreError};

#[test]
fn account_is_created_once() {
    let (_dir, store) = open_temp();
    assert_eq!(store.account().unwrap(), None);
    let account = AccountRecord {
        id: "acc".into(),
        name: "Home".into(),
        created_at: T0,
    };
    store.create_account(&account).unwrap();
    assert_eq!(store.account().unwrap(), Some(account.clone()));

    let other = AccountRecord {
        id: "acc2".into(),
        ..account.clone()
    };
    let err = store.create_account(&other).unwrap_err();
    assert_eq!(
        err,
        StoreError::AlreadyExists {
            what: "account",
            id: "acc2".into()
        }
    );
    assert_eq!(store.account().unwrap(), Some(account));
}

#[test]
fn principals_round_trip_and_change_state() {
    let (_dir, store) = open_temp();
    let owner = principal("owner", PrincipalKind::Person);
    let mut robot = principal("robot", PrincipalKind::ServiceAccount);
    robot.created_by = Some("owner".into());
    robot.created_at = T0 + 1;
    store.insert_principal(&owner).unwrap();
    store.insert_principal(&robot).unwrap();

    assert_eq!(store.principal("robot").unwrap(), Some(robot.clone()));
    assert_eq!(store.principal("nobody").unwrap(), None);
    assert_eq!(
        store.principals().unwrap(),
        vec![owner.clone(), robot.clone()]
    );

    let err = store.insert_principal(&owner).unwrap_err();
    assert_eq!(err.name(), "AlreadyExists");

    store
        .set_principal_state("robot", PrincipalState::Revoked)
        .unwrap();
    assert_eq!(
        store.principal("robot").unwrap().unwrap().state,
        PrincipalState::Revoked
    );
    let err = store
        .set_principal_state("nobody", PrincipalState::Revoked)
        .unwrap_err();
    assert_eq!(
        err,
        StoreError::NotFound {
            what: "principal",
            id: "nobody".into()
        }
    );
}

#[test]
fn groups_and_memberships() {
    let (_dir, store) = open_temp();
    store
        .insert_principal(&principal("alice", PrincipalKind::Person))
        .unwrap();
    store
        .insert_principal(&principal("bob", PrincipalKind::Person))
        .unwrap();
    let admins = group("admins");
    let mut team = group("team");
    team.created_at = T0 + 5;
    store.insert_group(&admins).unwrap();
    store.insert_group(&team).unwrap();
    assert_eq!(
        store.insert_group(&team).unwrap_err().name(),
        "AlreadyExists"
    );

    assert_eq!(store.group("team").unwrap(), Some(team.clone()));
    assert_eq!(store.group("nope").unwrap(), None);
    assert_eq!(store.groups().unwrap(), vec![admins.clone(), team.clone()]);

    store
        .add_group_member("admins", "alice", b"key-for-alice-admins")
        .unwrap();
    store
        .add_group_member("team", "alice", b"key-for-alice-team")
        .unwrap();
    store
        .add_group_member("team", "bob", b"key-for-bob-team")
        .unwrap();

    let err = store.add_group_member("team", "bob", b"again").unwrap_err();
    assert_eq!(err.name(), "AlreadyExists");
    let err = store.add_group_member("ghosts", "bob", b"k").unwrap_err();
    assert_eq!(
        err,
        StoreError::NotFound {
            what: "group",
            id: "ghosts".into()
        }
    );
    let err = store.add_group_member("team", "carol", b"k").unwrap_err();
    assert_eq!(
        err,
        StoreError::NotFound {
            what: "principal",
            id: "carol".into()
        }
    );

    assert_eq!(
        store.group_members("team").unwrap(),
        vec!["alice".to_owned(), "bob".to_owned()]
    );
    assert_eq!(
        store.group_members("ghosts").unwrap_err().name(),
        "NotFound"
    );
    let memberships = store.group_memberships("alice").unwrap();
    assert_eq!(
        memberships,
        vec![
            (admins, b"key-for-alice-admins".to_vec()),
            (team.clone(), b"key-for-alice-team".to_vec())
        ]
    );
    assert!(store.group_memberships("nobody").unwrap().is_empty());

    store.integrity_check().unwrap();
}

#[test]
fn a_principal_and_its_grants_are_written_together_or_not_at_all() {
    let (_dir, store) = open_temp();
    let owner = principal("owner", PrincipalKind::Person);
    store.insert_principal(&owner).unwrap();
    store
        .create_vault(
            &common::vault("v1"),
            &[common::grant("v1", AccessorType::User, "owner")],
        )
        .unwrap();

    let robot = principal("robot", PrincipalKind::ServiceAccount);
    let good = common::grant("v1", AccessorType::User, "robot");
    store
        .insert_principal_with_access(&robot, std::slice::from_ref(&good))
        .unwrap();
    assert_eq!(store.principal("robot").unwrap(), Some(robot));
    assert!(store.access_for("robot").unwrap().contains(&good));

    // A grant on a vault that does not exist fails the whole write: no principal is left behind.
    let ghost = principal("ghost", PrincipalKind::ServiceAccount);
    let grants = [
        common::grant("v1", AccessorType::User, "ghost"),
        common::grant("missing", AccessorType::User, "ghost"),
    ];
    assert!(store.insert_principal_with_access(&ghost, &grants).is_err());
    assert_eq!(store.principal("ghost").unwrap(), None);
    assert!(store.access_for("ghost").unwrap().is_empty());
}
