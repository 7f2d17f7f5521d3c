#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! What an attacker holding a service-account token tried, each on a real vault file, each refused
//! by the service layer with a typed reason (issue 13). Errors are matched on their reason, never on
//! message text.

use op_core::wire::{
    GroupAccess, GroupVaultAccess, ItemCreateParams, VaultCreateParams, permissions as p,
};
use op_crypto::Argon2Params;
use op_sdk::error::ErrorReason;
use op_sdk::{Accessor, Admin, Client, ENVIRONMENT_READ, Error};
use serde_json::json;

const READ: u32 = p::READ_ITEMS | p::REVEAL_ITEM_PASSWORD;
const WRITE: u32 = READ | p::UPDATE_ITEM_HISTORY | p::CREATE_ITEMS | p::UPDATE_ITEMS;

struct Fixture {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    secret_key: op_crypto::AccountSecretKey,
    admin: Admin,
    personal: String,
    prod: String,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.opkit");
    let account = Admin::create_account(&path, "Acme", "pw", Argon2Params::TESTING).unwrap();
    let admin = account.admin;
    let prod = admin.create_vault("Prod", "").unwrap().id;
    Fixture {
        _dir: dir,
        path,
        secret_key: account.secret_key,
        personal: account.personal_vault.id,
        admin,
        prod,
    }
}

fn service_account(f: &Fixture, name: &str, bits: u32) -> (String, String) {
    let (id, token) = f
        .admin
        .create_service_account(name, &[(f.prod.clone(), bits)])
        .unwrap();
    (id, token.expose_secret().to_owned())
}

async fn client(token: &str) -> Client {
    Client::authenticate(token, "attack-test", "1.0")
        .await
        .unwrap()
}

fn login(vault: &str, title: &str, password: &str) -> ItemCreateParams {
    serde_json::from_value(json!({
        "category": "Login", "vaultId": vault, "title": title,
        "fields": [{"id": "password", "title": "password", "fieldType": "Concealed", "value": password}]
    }))
    .unwrap()
}

fn raw(f: &Fixture) -> rusqlite::Connection {
    rusqlite::Connection::open(&f.path).unwrap()
}

fn new_vault(title: &str, allow_admins_access: Option<bool>) -> VaultCreateParams {
    VaultCreateParams {
        title: title.into(),
        description: None,
        allow_admins_access,
    }
}

#[tokio::test]
async fn a_personal_vault_never_reaches_a_service_account_through_a_group() {
    let f = fixture();
    let (sa_id, token) = service_account(&f, "ci", READ);
    let group = f.admin.create_group("Ops", "").unwrap();
    let owner = Admin::unlock(&f.path, "pw", &f.secret_key)
        .unwrap()
        .into_client();
    owner
        .create_item(login(&f.personal, "Diary", "private"))
        .await
        .unwrap();

    // The owner cannot grant the Personal vault to a group (a service account could join it).
    let err = f
        .admin
        .grant_group_permissions(
            &f.personal,
            &[GroupAccess {
                group_id: group.id.clone(),
                permissions: READ,
            }],
        )
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::UpdatingGroupVaultPermissions(ErrorReason::PermissionDenied, _)
        ),
        "{err:?}"
    );
    // Nor directly to the service account.
    let err = f
        .admin
        .create_service_account("other", &[(f.personal.clone(), READ)])
        .unwrap_err();
    assert_eq!(err.reason(), ErrorReason::PermissionDenied, "{err}");

    // A file written outside opkit holds such a group grant: the service account may not join the
    // group, and even a membership written outside opkit opens nothing.
    let sealed: Vec<u8> = raw(&f)
        .query_row(
            "SELECT sealed_vault_key FROM vault_access WHERE vault_id = ?1",
            [&f.personal],
            |r| r.get(0),
        )
        .unwrap();
    raw(&f)
        .execute(
            "INSERT INTO vault_access (vault_id, accessor_type, accessor_id, permissions, sealed_vault_key) \
             VALUES (?1, 'group', ?2, ?3, ?4)",
            rusqlite::params![f.personal, group.id, READ, sealed],
        )
        .unwrap();
    let err = f.admin.add_group_member(&group.id, &sa_id).unwrap_err();
    assert_eq!(err.reason(), ErrorReason::PermissionDenied, "{err}");
    raw(&f)
        .execute(
            "INSERT INTO group_members (group_id, principal_id, sealed_group_key) VALUES (?1, ?2, x'00')",
            [&group.id, &sa_id],
        )
        .unwrap();
    let sa = client(&token).await;
    let vaults = sa.list_vaults().await.unwrap();
    assert!(vaults.iter().all(|v| v.id != f.personal), "{vaults:?}");
    let err = sa.vault_overview(f.personal.clone()).await.unwrap_err();
    assert_eq!(err.reason(), ErrorReason::NotFound, "{err}");
    let err = sa
        .resolve(&format!("op://{}/Diary/password", f.personal))
        .await
        .unwrap_err();
    assert_eq!(err.reason(), ErrorReason::NotFound, "{err}");
}

#[tokio::test]
async fn a_read_only_service_account_cannot_create_a_vault_that_shadows_the_owners() {
    let f = fixture();
    let (_, reader) = service_account(&f, "reader", READ);
    let (_, writer) = service_account(&f, "writer", WRITE);
    let reader = client(&reader).await;
    let err = reader
        .create_vault(new_vault("Prod", None))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::ItemApi(ErrorReason::PermissionDenied, _)),
        "{err:?}"
    );
    // The owner's references keep resolving: no second vault named Prod exists.
    let owner = Admin::unlock(&f.path, "pw", &f.secret_key).unwrap();
    assert_eq!(owner.list_vaults().unwrap().len(), 2);
    // A service account created with write access has the account right.
    let writer = client(&writer).await;
    writer
        .create_vault(new_vault("CI scratch", None))
        .await
        .unwrap();
}

#[tokio::test]
async fn an_open_client_of_a_revoked_service_account_fails_at_once() {
    let f = fixture();
    let (sa_id, token) = service_account(&f, "ci", WRITE);
    let sa = client(&token).await;
    sa.create_item(login(&f.prod, "before", "x")).await.unwrap();
    f.admin.revoke_service_account(&sa_id).unwrap();

    let err = sa.create_vault(new_vault("after", None)).await.unwrap_err();
    assert!(
        matches!(err, Error::Auth(ErrorReason::Revoked, _)),
        "{err:?}"
    );
    let err = sa
        .create_item(login(&f.prod, "after", "x"))
        .await
        .unwrap_err();
    assert_eq!(err.reason(), ErrorReason::Revoked, "{err}");
    let err = sa.list_vaults().await.unwrap_err();
    assert_eq!(err.reason(), ErrorReason::Revoked, "{err}");
    let err = sa.resolve("op://Prod/before/password").await.unwrap_err();
    assert_eq!(err.reason(), ErrorReason::Revoked, "{err}");
    // Through the protocol: the envelope names the reason.
    let (_, token2) = service_account(&f, "ci2", WRITE);
    let config = json!({
        "serviceAccountToken": token2, "programmingLanguage": "Rust", "sdkVersion": "0010000",
        "integrationName": "t", "integrationVersion": "1", "requestLibraryName": "none",
        "requestLibraryVersion": "none", "os": "linux", "osVersion": "0", "architecture": "x86_64",
    });
    let id = op_sdk::init_client(config.to_string()).await.unwrap();
    let ci2 = op_sdk::token::ServiceAccountToken::parse(&token2)
        .unwrap()
        .principal_id;
    f.admin.revoke_service_account(&ci2).unwrap();
    let invocation = json!({"invocation": {"clientId": id.parse::<u64>().unwrap(),
        "parameters": {"name": "VaultsList", "parameters": {}}}});
    let text = op_sdk::invoke(invocation.to_string()).await.unwrap_err();
    let envelope: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(envelope["name"], "Auth", "{text}");
    assert_eq!(envelope["reason"], "Revoked", "{text}");
    op_sdk::release_client(id).unwrap();
}

#[tokio::test]
async fn revocation_removes_the_grant_on_vaults_the_owner_cannot_open_and_on_environments() {
    let f = fixture();
    let (sa_id, token) = service_account(&f, "ci", WRITE);
    let sa = client(&token).await;
    let hidden = sa
        .create_vault(new_vault("Hidden", Some(false)))
        .await
        .unwrap();
    let env = f.admin.create_environment("deploy").unwrap();
    f.admin
        .grant_environment(
            &env.id,
            &Accessor::Principal(sa_id.clone()),
            ENVIRONMENT_READ,
        )
        .unwrap();

    let skipped = f.admin.revoke_service_account(&sa_id).unwrap();
    assert_eq!(skipped, vec![hidden.id.clone()]);
    let grants: i64 = raw(&f)
        .query_row(
            "SELECT count(*) FROM vault_access WHERE accessor_id = ?1",
            [&sa_id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(grants, 0, "the revoked account kept a vault grant");
    let env_grants: i64 = raw(&f)
        .query_row(
            "SELECT count(*) FROM environment_access WHERE accessor_id = ?1",
            [&sa_id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        env_grants, 0,
        "the revoked account kept an Environment grant"
    );
    // The trail records the revocation and the removed grant.
    let trail: Vec<(String, Option<String>)> = raw(&f)
        .prepare("SELECT action, vault_id FROM audit ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(trail.contains(&("principal.revoke".into(), None)));
    assert!(trail.contains(&("vault.revoke".into(), Some(hidden.id))));
}

#[tokio::test]
async fn only_the_owner_purges_recently_deleted() {
    let f = fixture();
    let (_, token) = service_account(&f, "ci", WRITE | p::ARCHIVE_ITEMS | p::DELETE_ITEMS);
    let sa = client(&token).await;
    let item = sa.create_item(login(&f.prod, "old", "x")).await.unwrap();
    sa.delete_item(f.prod.clone(), item.id.clone())
        .await
        .unwrap();
    // Deleted 31 days ago by the file's clock.
    raw(&f)
        .execute(
            "UPDATE items SET deleted_at = deleted_at - 31 * 86400 * 1000000 WHERE id = ?1",
            [&item.id],
        )
        .unwrap();
    let count = |f: &Fixture| -> i64 {
        raw(f)
            .query_row(
                "SELECT count(*) FROM items WHERE id = ?1",
                [&item.id],
                |r| r.get(0),
            )
            .unwrap()
    };
    // A new service-account client no longer purges by its own clock.
    drop(client(&token).await);
    assert_eq!(count(&f), 1);
    // The owner's unlock does.
    drop(Admin::unlock(&f.path, "pw", &f.secret_key).unwrap());
    assert_eq!(count(&f), 0);
}

#[tokio::test]
async fn a_bulk_permission_update_lands_whole_or_not_at_all() {
    let f = fixture();
    let a = f.admin.create_group("A", "").unwrap();
    let b = f.admin.create_group("B", "").unwrap();
    let grant = |g: &str| GroupAccess {
        group_id: g.to_owned(),
        permissions: READ,
    };
    f.admin
        .grant_group_permissions(&f.prod, &[grant(&a.id), grant(&b.id)])
        .unwrap();
    let before = f.admin.vault_access(&f.prod).unwrap();
    // Revoke A, widen B, and (last) a group that has no access: nothing is written.
    let err = f
        .admin
        .update_group_permissions(&[
            GroupVaultAccess {
                vault_id: f.prod.clone(),
                group_id: a.id.clone(),
                permissions: p::NO_ACCESS,
            },
            GroupVaultAccess {
                vault_id: f.prod.clone(),
                group_id: b.id.clone(),
                permissions: WRITE,
            },
            GroupVaultAccess {
                vault_id: f.prod.clone(),
                group_id: "no-such-group".into(),
                permissions: READ,
            },
        ])
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::UpdatingGroupVaultPermissions(ErrorReason::NotFound, _)
        ),
        "{err:?}"
    );
    assert_eq!(f.admin.vault_access(&f.prod).unwrap(), before);
    // The same change without the bad row: revoke and widen land together, with one re-key.
    f.admin
        .update_group_permissions(&[
            GroupVaultAccess {
                vault_id: f.prod.clone(),
                group_id: a.id.clone(),
                permissions: p::NO_ACCESS,
            },
            GroupVaultAccess {
                vault_id: f.prod.clone(),
                group_id: b.id.clone(),
                permissions: WRITE,
            },
        ])
        .unwrap();
    let after = f.admin.vault_access(&f.prod).unwrap();
    assert!(after.iter().all(|g| g.accessor_uuid != a.id));
    assert!(
        after
            .iter()
            .any(|g| g.accessor_uuid == b.id && g.permissions == WRITE)
    );
}
