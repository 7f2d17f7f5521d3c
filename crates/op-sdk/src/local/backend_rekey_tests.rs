//! What `LocalBackend` refuses of the re-keys that shut a principal out: a change that leaves a
//! group un-re-keyed or keeps the leaving principal in it, and anyone but the owner asking.

use std::sync::Arc;

use op_core::wire::{ErrorReason, permissions};
use op_crypto::Argon2Params;
use op_service::Service;
use op_store::{AccessChanges, GroupRekey, PrincipalState, SqliteStore, Store};

use super::backend::LocalBackend;
use crate::Admin;
use crate::backend::Backend;
use crate::error::Error;

fn reason(e: &Error) -> Option<ErrorReason> {
    match e {
        Error::ItemApi(reason, _) => Some(*reason),
        _ => None,
    }
}

#[test]
fn a_removal_or_revocation_must_re_key_everything_and_is_the_owners() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.opkit");
    let admin = Admin::create_account(&path, "Acme", "pw", Argon2Params::TESTING)
        .unwrap()
        .admin;
    let owner = admin.principal_id().to_owned();
    let vault = admin.create_vault("Prod", "").unwrap().id;
    let (robot, _) = admin
        .create_service_account("ci", &[(vault, permissions::READ_ITEMS)])
        .unwrap();
    let group = admin.create_group("Ops", "").unwrap().id;
    admin.add_group_member(&group, &robot).unwrap();
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open_existing(&path).unwrap());
    let backend = |id: &str| LocalBackend::new(Service::new(store.acting_as(id)), id.to_owned());
    let owners = backend(&owner);

    let nothing = AccessChanges::default();
    let keeps_robot = AccessChanges {
        groups: vec![GroupRekey {
            group_id: group.clone(),
            public_key: vec![0; 32],
            sealed_admin_key: None,
            members: vec![(robot.clone(), vec![0; 80])],
            replaces: vec![robot.clone()],
        }],
        ..AccessChanges::default()
    };
    for changes in [&nothing, &keeps_robot] {
        let err = owners
            .remove_group_member(&group, &robot, changes)
            .unwrap_err();
        assert_eq!(reason(&err), Some(ErrorReason::Invalid), "{err}");
        let err = owners.revoke_principal(&robot, changes).unwrap_err();
        assert_eq!(reason(&err), Some(ErrorReason::Invalid), "{err}");
    }
    let robots = backend(&robot);
    let denied = [
        robots.group_rekey_scope(&group).map(|_| ()),
        robots.principal_access(&robot).map(|_| ()),
        robots.remove_group_member(&group, &robot, &nothing),
        robots.revoke_principal(&robot, &nothing),
    ];
    for result in denied {
        let err = result.unwrap_err();
        assert_eq!(reason(&err), Some(ErrorReason::PermissionDenied), "{err}");
    }
    let state = |id: &str| store.principal(id).unwrap().unwrap().state;
    assert_eq!(
        state(&robot),
        PrincipalState::Active,
        "a refused revocation revokes nothing"
    );
    assert_eq!(store.group_members(&group).unwrap(), vec![robot.clone()]);

    admin.revoke_service_account(&robot).unwrap();
    assert_eq!(state(&robot), PrincipalState::Revoked);
    assert!(store.group_members(&group).unwrap().is_empty());
}
