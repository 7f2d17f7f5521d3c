#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Groups, vault permissions and Environments against a real vault file on disk.

use op_core::wire::{
    GroupAccess, GroupGetParams, GroupType, GroupVaultAccess, ItemCreateParams, VaultAccessorType,
    VaultCreateParams, permissions as p,
};
use op_crypto::Argon2Params;
use op_sdk::error::ErrorReason;
use op_sdk::{Accessor, Admin, Client, ENVIRONMENT_READ, ENVIRONMENT_WRITE, Error};
use serde_json::json;

const READ: u32 = p::READ_ITEMS | p::REVEAL_ITEM_PASSWORD;
const WRITE: u32 = READ | p::UPDATE_ITEM_HISTORY | p::CREATE_ITEMS | p::UPDATE_ITEMS;

struct Fixture {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    secret_key: op_crypto::AccountSecretKey,
    admin: Admin,
    shared: String,
    other: String,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.opkit");
    let account = Admin::create_account(&path, "Acme", "pw", Argon2Params::TESTING).unwrap();
    let admin = account.admin;
    let shared = admin.create_vault("Shared", "").unwrap().id;
    let other = admin.create_vault("Other", "").unwrap().id;
    Fixture {
        _dir: dir,
        path,
        secret_key: account.secret_key,
        admin,
        shared,
        other,
    }
}

/// A service account with read access to `vault` only (never the shared vault).
fn service_account(f: &Fixture, name: &str, vault: &str) -> (String, String) {
    let (id, token) = f
        .admin
        .create_service_account(name, &[(vault.to_owned(), READ)])
        .unwrap();
    (id, token.expose_secret().to_owned())
}

async fn client(token: &str) -> Client {
    Client::authenticate(token, "groups-test", "1.0")
        .await
        .unwrap()
}

fn note(vault: &str, title: &str, password: &str) -> ItemCreateParams {
    serde_json::from_value(json!({
        "category": "Login", "vaultId": vault, "title": title,
        "fields": [{"id": "password", "title": "password", "fieldType": "Concealed", "value": password}]
    }))
    .unwrap()
}

#[tokio::test]
async fn built_in_groups_exist_with_the_owner_in_each() {
    let f = fixture();
    let groups = f.admin.list_groups().unwrap();
    let types: Vec<GroupType> = groups.iter().map(|g| g.group_type).collect();
    assert_eq!(
        types,
        [
            GroupType::Administrators,
            GroupType::Owners,
            GroupType::TeamMembers
        ]
    );
    for g in &groups {
        assert_eq!(
            f.admin.group_members(&g.id).unwrap(),
            [f.admin.principal_id()]
        );
    }
    // allowAdminsAccess: administrators manage new vaults, and the grant shows in GroupsGet.
    let admins = f
        .admin
        .get_group(
            &groups[0].id,
            &GroupGetParams {
                vault_permissions: Some(true),
            },
        )
        .unwrap();
    let access = admins.vault_access.unwrap();
    assert!(access.iter().all(|a| a.permissions == p::MANAGE_VAULT));
    assert!(access.iter().any(|a| a.vault_uuid == f.shared));
    assert!(
        f.admin
            .get_group("nope", &GroupGetParams::default())
            .is_err()
    );
}

#[tokio::test]
async fn access_through_a_group_counts_like_direct_access_and_ends_with_membership() {
    let f = fixture();
    let owner = f.admin_client().await;
    let secret = owner
        .create_item(note(&f.shared, "db", "hunter2"))
        .await
        .unwrap();
    let (member, token) = service_account(&f, "ci", &f.other);
    let team = f.admin.create_group("Backend", "backend services").unwrap();
    assert_eq!(team.group_type, GroupType::UserDefined);
    f.admin.add_group_member(&team.id, &member).unwrap();

    let sa = client(&token).await;
    let reference = "op://Shared/db/password";
    assert!(sa.resolve(reference).await.is_err(), "no access yet");

    f.admin
        .grant_group_permissions(
            &f.shared,
            &[GroupAccess {
                group_id: team.id.clone(),
                permissions: READ,
            }],
        )
        .unwrap();
    // The already-open client sees the grant at once: permissions are read on every call.
    assert_eq!(
        sa.resolve(reference).await.unwrap().expose_secret(),
        "hunter2"
    );
    let vaults = sa.list_vaults().await.unwrap();
    assert!(vaults.iter().any(|v| v.id == f.shared));
    // Read is not write.
    let denied = sa
        .create_item(note(&f.shared, "new", "x"))
        .await
        .unwrap_err();
    assert!(
        matches!(&denied, Error::ItemApi(ErrorReason::PermissionDenied, m) if m.contains("create_items")),
        "{denied}"
    );

    // Update replaces the set; with write the member can create items.
    f.admin
        .update_group_permissions(&[GroupVaultAccess {
            vault_id: f.shared.clone(),
            group_id: team.id.clone(),
            permissions: WRITE,
        }])
        .unwrap();
    sa.create_item(note(&f.shared, "by-member", "m1"))
        .await
        .unwrap();

    let group = sa
        .get_group(
            team.id.clone(),
            GroupGetParams {
                vault_permissions: Some(true),
            },
        )
        .await
        .unwrap();
    assert_eq!(group.vault_access.unwrap()[0].permissions, WRITE);
    let vault = owner
        .get_vault(
            f.shared.clone(),
            op_core::wire::VaultGetParams {
                accessors: Some(true),
            },
        )
        .await
        .unwrap();
    assert!(
        vault
            .access
            .unwrap()
            .iter()
            .any(|a| a.accessor_type == VaultAccessorType::Group
                && a.accessor_uuid == team.id
                && a.permissions == WRITE)
    );

    // Removing the member re-keys the group and the vault: a new client cannot read the vault,
    // the old one neither, and versions written afterwards use a new key generation.
    f.admin.remove_group_member(&team.id, &member).unwrap();
    let fresh = client(&token).await;
    assert!(fresh.resolve(reference).await.is_err());
    assert!(sa.resolve(reference).await.is_err());
    assert!(
        !fresh
            .list_vaults()
            .await
            .unwrap()
            .iter()
            .any(|v| v.id == f.shared)
    );
    // The owner still reads items written under the old key and writes under the new one.
    let mut item = owner
        .get_item(f.shared.clone(), secret.id.clone())
        .await
        .unwrap();
    item.title = "db2".into();
    owner.put_item(item).await.unwrap();
    assert_eq!(
        owner
            .resolve("op://Shared/by-member/password")
            .await
            .unwrap()
            .expose_secret(),
        "m1"
    );
    assert_eq!(
        owner
            .resolve("op://Shared/db2/password")
            .await
            .unwrap()
            .expose_secret(),
        "hunter2"
    );
}

#[tokio::test]
async fn revoking_a_group_re_keys_the_vault_for_its_members() {
    let f = fixture();
    let owner = f.admin_client().await;
    owner
        .create_item(note(&f.shared, "api", "k1"))
        .await
        .unwrap();
    let (member, token) = service_account(&f, "ci", &f.other);
    let team = f.admin.create_group("Ops", "").unwrap();
    f.admin.add_group_member(&team.id, &member).unwrap();
    f.admin
        .grant_group_permissions(
            &f.shared,
            &[GroupAccess {
                group_id: team.id.clone(),
                permissions: READ,
            }],
        )
        .unwrap();
    let sa = client(&token).await;
    assert!(sa.resolve("op://Shared/api/password").await.is_ok());
    // A file attached before the re-key: its key is wrapped under generation 0.
    let holder = owner
        .create_item(
            serde_json::from_value(json!({
                "category": "SecureNote", "vaultId": f.shared, "title": "holder",
                "sections": [{"id": "files", "title": "Files"}]
            }))
            .unwrap(),
        )
        .await
        .unwrap();
    let holder = owner
        .attach_file(
            holder,
            op_core::wire::FileCreateParams {
                name: "notes.txt".into(),
                content: op_core::wire::Bytes::from(b"before the re-key".to_vec()),
                section_id: "files".into(),
                field_id: "notes".into(),
            },
        )
        .await
        .unwrap();

    owner
        .revoke_group_permissions(f.shared.clone(), team.id.clone())
        .await
        .unwrap();
    let content = owner
        .read_file(
            f.shared.clone(),
            holder.id.clone(),
            holder.files[0].attributes.clone(),
        )
        .await
        .unwrap();
    assert_eq!(content.as_slice(), b"before the re-key");
    assert_eq!(
        owner
            .resolve("op://Shared/holder/notes.txt")
            .await
            .unwrap()
            .expose_secret(),
        "before the re-key"
    );
    assert!(sa.resolve("op://Shared/api/password").await.is_err());
    // Revoking twice says there is nothing to revoke.
    let again = owner
        .revoke_group_permissions(f.shared.clone(), team.id.clone())
        .await
        .unwrap_err();
    assert!(
        matches!(
            &again,
            Error::RevokingGroupVaultPermissions(ErrorReason::NotFound, _)
        ),
        "{again}"
    );
    // The owner's view survives the new key: old items resolve, new ones are written.
    assert_eq!(
        owner
            .resolve("op://Shared/api/password")
            .await
            .unwrap()
            .expose_secret(),
        "k1"
    );
    owner
        .create_item(note(&f.shared, "after", "k2"))
        .await
        .unwrap();
    // An update to NO_ACCESS after a fresh grant also revokes.
    owner
        .grant_group_permissions(
            f.shared.clone(),
            vec![GroupAccess {
                group_id: team.id.clone(),
                permissions: READ,
            }],
        )
        .await
        .unwrap();
    assert!(sa.resolve("op://Shared/after/password").await.is_ok());
    owner
        .update_group_permissions(vec![GroupVaultAccess {
            vault_id: f.shared.clone(),
            group_id: team.id.clone(),
            permissions: p::NO_ACCESS,
        }])
        .await
        .unwrap();
    assert!(sa.resolve("op://Shared/after/password").await.is_err());
}

#[tokio::test]
async fn permission_dependencies_are_enforced() {
    let f = fixture();
    let team = f.admin.create_group("Team", "").unwrap();
    let err = f
        .admin
        .grant_group_permissions(
            &f.shared,
            &[GroupAccess {
                group_id: team.id.clone(),
                permissions: p::READ_ITEMS | p::DELETE_ITEMS,
            }],
        )
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidConfiguration(m) if m[0].contains("delete_items also needs")),
        "{err}"
    );
    // Nothing was granted.
    let group = f
        .admin
        .get_group(
            &team.id,
            &GroupGetParams {
                vault_permissions: Some(true),
            },
        )
        .unwrap();
    assert_eq!(group.vault_access, Some(vec![]));
    // Undefined bits, and updating a group that has no access, are refused too.
    assert!(
        f.admin
            .grant_group_permissions(
                &f.shared,
                &[GroupAccess {
                    group_id: team.id.clone(),
                    permissions: 1 << 30,
                }],
            )
            .is_err()
    );
    let err = f
        .admin
        .update_group_permissions(&[GroupVaultAccess {
            vault_id: f.shared.clone(),
            group_id: team.id.clone(),
            permissions: READ,
        }])
        .unwrap_err();
    assert!(
        matches!(
            &err,
            Error::UpdatingGroupVaultPermissions(ErrorReason::NotFound, _)
        ),
        "{err}"
    );
    // Service-account creation follows the same rules.
    let err = f
        .admin
        .create_service_account("x", &[(f.shared.clone(), p::UPDATE_ITEMS | READ)])
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidConfiguration(m) if m[0].contains("update_items also needs")),
        "{err}"
    );
}

#[tokio::test]
async fn service_accounts_manage_permissions_only_on_vaults_they_created() {
    let f = fixture();
    let team = f.admin.create_group("Team", "").unwrap();
    let (_, token) = f
        .admin
        .create_service_account("mgr", &[(f.shared.clone(), READ | p::MANAGE_VAULT)])
        .unwrap();
    let sa = client(token.expose_secret()).await;
    let grant = vec![GroupAccess {
        group_id: team.id.clone(),
        permissions: READ,
    }];
    let err = sa
        .grant_group_permissions(f.shared.clone(), grant.clone())
        .await
        .unwrap_err();
    assert!(
        matches!(
            &err,
            Error::UpdatingGroupVaultPermissions(ErrorReason::PermissionDenied, _)
        ),
        "{err}"
    );
    let own = sa
        .create_vault(VaultCreateParams {
            title: "Mine".into(),
            description: None,
            allow_admins_access: Some(false),
        })
        .await
        .unwrap();
    sa.grant_group_permissions(own.id.clone(), grant)
        .await
        .unwrap();
    let vault = sa
        .get_vault(
            own.id.clone(),
            op_core::wire::VaultGetParams {
                accessors: Some(true),
            },
        )
        .await
        .unwrap();
    // allowAdminsAccess = false: only the creator and the granted group.
    assert_eq!(vault.access.unwrap().len(), 2);
}

#[tokio::test]
async fn environments_are_read_by_granted_service_accounts_only() {
    let f = fixture();
    let env = f.admin.create_environment("production").unwrap();
    f.admin
        .set_variable(&env.id, "DATABASE_URL", "postgres://db", false)
        .unwrap();
    f.admin
        .set_variable(&env.id, "API_KEY", "s3cr3t", true)
        .unwrap();
    f.admin
        .set_variable(&env.id, "API_KEY", "rotated", true)
        .unwrap();
    assert!(f.admin.set_variable(&env.id, "1BAD", "x", false).is_err());
    assert!(f.admin.unset_variable(&env.id, "MISSING").is_err());

    let (sa_id, token) = service_account(&f, "app", &f.other);
    let sa = client(&token).await;
    let denied = sa.get_variables(env.id.clone()).await.unwrap_err();
    assert!(
        matches!(&denied, Error::ItemApi(ErrorReason::NotFound, _)),
        "{denied}"
    );

    f.admin
        .grant_environment(
            &env.id,
            &Accessor::Principal(sa_id.clone()),
            ENVIRONMENT_READ,
        )
        .unwrap();
    let vars = sa.get_variables(env.id.clone()).await.unwrap().variables;
    let pairs: Vec<(&str, &str, bool)> = vars
        .iter()
        .map(|v| (v.name.as_str(), v.value.expose_secret(), v.masked))
        .collect();
    assert_eq!(
        pairs,
        [
            ("DATABASE_URL", "postgres://db", false),
            ("API_KEY", "rotated", true)
        ]
    );
    assert!(
        f.admin
            .grant_environment(
                &env.id,
                &Accessor::Principal(sa_id.clone()),
                ENVIRONMENT_WRITE
            )
            .is_err(),
        "write without read is refused"
    );
    f.admin.unset_variable(&env.id, "DATABASE_URL").unwrap();
    assert_eq!(
        sa.get_variables(env.id.clone())
            .await
            .unwrap()
            .variables
            .len(),
        1
    );

    f.admin
        .revoke_environment(&env.id, &Accessor::Principal(sa_id.clone()))
        .unwrap();
    assert!(sa.get_variables(env.id.clone()).await.is_err());
    // The owner still reads it after the re-key.
    assert_eq!(f.admin.get_variables(&env.id).unwrap().variables.len(), 1);

    // Through a group, and until the member leaves.
    let team = f.admin.create_group("Apps", "").unwrap();
    f.admin.add_group_member(&team.id, &sa_id).unwrap();
    f.admin
        .grant_environment(&env.id, &Accessor::Group(team.id.clone()), ENVIRONMENT_READ)
        .unwrap();
    assert_eq!(
        sa.get_variables(env.id.clone())
            .await
            .unwrap()
            .variables
            .len(),
        1
    );
    f.admin.remove_group_member(&team.id, &sa_id).unwrap();
    assert!(sa.get_variables(env.id.clone()).await.is_err());
    let listed = f.admin.list_environments().unwrap();
    assert_eq!(
        (listed[0].name.as_str(), listed[0].variable_count),
        ("production", 1)
    );
}

impl Fixture {
    /// The owner as an SDK client, as `opkit` uses it without a token.
    async fn admin_client(&self) -> Client {
        Admin::unlock(&self.path, "pw", &self.secret_key)
            .unwrap()
            .into_client()
    }
}
