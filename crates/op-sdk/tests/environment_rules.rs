#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The Environment rules of the service layer, each through the protocol (`init_client`/`invoke`)
//! on a real vault file: who may read an Environment, and the refusals (no grant, a grant revoked,
//! a revoked principal). Writing and granting are the owner's `Admin` calls; their refusals are
//! checked there. Errors are matched on their reason, never on message text.

use op_core::wire::permissions as p;
use op_crypto::Argon2Params;
use op_sdk::error::ErrorReason;
use op_sdk::{Accessor, Admin, ENVIRONMENT_ALL, ENVIRONMENT_MANAGE, ENVIRONMENT_READ, Error};
use serde_json::{Value, json};

struct Fixture {
    _dir: tempfile::TempDir,
    admin: Admin,
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
        admin,
        prod,
    }
}

/// A service account with read on Prod, and a protocol client id for it.
async fn protocol_client(f: &Fixture, name: &str) -> (String, u64) {
    let (sa_id, token) = f
        .admin
        .create_service_account(
            name,
            &[(f.prod.clone(), p::READ_ITEMS | p::REVEAL_ITEM_PASSWORD)],
        )
        .unwrap();
    let config = json!({
        "serviceAccountToken": token.expose_secret(), "programmingLanguage": "Rust",
        "sdkVersion": "0010000", "integrationName": "t", "integrationVersion": "1",
        "requestLibraryName": "none", "requestLibraryVersion": "none", "os": "linux",
        "osVersion": "0", "architecture": "x86_64",
    });
    let id = op_sdk::init_client(config.to_string()).await.unwrap();
    (sa_id, id.parse().unwrap())
}

async fn get_variables(client: u64, environment_id: &str) -> Result<Value, Value> {
    let invocation = json!({"invocation": {"clientId": client, "parameters": {
        "name": "EnvironmentsGetVariables", "parameters": {"environment_id": environment_id}}}});
    match op_sdk::invoke(invocation.to_string()).await {
        Ok(text) => Ok(serde_json::from_str(&text).unwrap()),
        Err(text) => Err(serde_json::from_str(&text).unwrap()),
    }
}

#[tokio::test]
async fn reading_an_environment_needs_a_grant_and_ends_with_it() {
    let f = fixture();
    let env = f.admin.create_environment("deploy").unwrap();
    assert_eq!(env.permissions, ENVIRONMENT_ALL);
    f.admin
        .set_variable(&env.id, "TOKEN", "s3cr3t", true)
        .unwrap();
    let (sa_id, client) = protocol_client(&f, "ci").await;

    // No grant: not found (its existence is not revealed).
    let refused = get_variables(client, &env.id).await.unwrap_err();
    assert_eq!(refused["reason"], "NotFound", "{refused}");

    f.admin
        .grant_environment(
            &env.id,
            &Accessor::Principal(sa_id.clone()),
            ENVIRONMENT_READ,
        )
        .unwrap();
    let read = get_variables(client, &env.id).await.unwrap();
    assert_eq!(read["variables"][0]["name"], "TOKEN", "{read}");
    assert_eq!(read["variables"][0]["value"], "s3cr3t", "{read}");

    f.admin
        .revoke_environment(&env.id, &Accessor::Principal(sa_id))
        .unwrap();
    let refused = get_variables(client, &env.id).await.unwrap_err();
    assert_eq!(refused["reason"], "NotFound", "{refused}");
    op_sdk::release_client(client.to_string()).unwrap();
}

#[tokio::test]
async fn a_revoked_service_account_cannot_read_an_environment_it_was_granted() {
    let f = fixture();
    let env = f.admin.create_environment("deploy").unwrap();
    let (sa_id, client) = protocol_client(&f, "ci").await;
    f.admin
        .grant_environment(
            &env.id,
            &Accessor::Principal(sa_id.clone()),
            ENVIRONMENT_READ,
        )
        .unwrap();
    get_variables(client, &env.id).await.unwrap();

    f.admin.revoke_service_account(&sa_id).unwrap();
    let refused = get_variables(client, &env.id).await.unwrap_err();
    assert_eq!(refused["name"], "Auth", "{refused}");
    assert_eq!(refused["reason"], "Revoked", "{refused}");
    op_sdk::release_client(client.to_string()).unwrap();
}

#[tokio::test]
async fn a_grant_needs_its_dependencies_and_an_unknown_environment_is_not_found() {
    let f = fixture();
    let env = f.admin.create_environment("deploy").unwrap();
    let (sa_id, client) = protocol_client(&f, "ci").await;
    let to = Accessor::Principal(sa_id);

    for bits in [0, ENVIRONMENT_MANAGE, 8] {
        let err = f.admin.grant_environment(&env.id, &to, bits).unwrap_err();
        assert!(
            matches!(err, Error::InvalidConfiguration(_)),
            "{bits}: {err:?}"
        );
    }
    // Nothing was granted by the refused calls.
    let refused = get_variables(client, &env.id).await.unwrap_err();
    assert_eq!(refused["reason"], "NotFound", "{refused}");

    let err = f.admin.get_variables("no-such-environment").unwrap_err();
    assert_eq!(err.reason(), ErrorReason::NotFound, "{err}");
    op_sdk::release_client(client.to_string()).unwrap();
}
