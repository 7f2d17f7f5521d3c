#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The SDK against a real vault file on disk: every operation of this release and its errors.

use op_core::wire::{
    ItemCreateParams, ItemListFilter, ItemListFilterByStateInner, ItemUpdateFailureReason,
    ResolveReferenceError, VaultCreateParams, VaultGetParams, VaultUpdateParams, permissions as p,
};
use op_crypto::Argon2Params;
use op_sdk::error::ErrorReason;
use op_sdk::{Admin, Client, Error};
use serde_json::json;

const OTP: &str = "otpauth://totp/ACME:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME";

struct Fixture {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    admin: Admin,
    prod: String,
    personal: String,
    writer: String,
    reader: String,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.opkit");
    let account =
        Admin::create_account(&path, "Acme", "correct horse", Argon2Params::TESTING).unwrap();
    let admin = account.admin;
    let prod = admin.create_vault("Prod", "production secrets").unwrap().id;
    let write = p::READ_ITEMS
        | p::REVEAL_ITEM_PASSWORD
        | p::UPDATE_ITEM_HISTORY
        | p::CREATE_ITEMS
        | p::UPDATE_ITEMS
        | p::ARCHIVE_ITEMS
        | p::DELETE_ITEMS;
    let (_, writer) = admin
        .create_service_account("ci", &[(prod.clone(), write)])
        .unwrap();
    let (_, reader) = admin
        .create_service_account(
            "readonly",
            &[(prod.clone(), p::READ_ITEMS | p::REVEAL_ITEM_PASSWORD)],
        )
        .unwrap();
    Fixture {
        path,
        admin,
        prod,
        personal: account.personal_vault.id,
        writer: writer.expose_secret().to_owned(),
        reader: reader.expose_secret().to_owned(),
        _dir: dir,
    }
}

fn login(vault: &str, title: &str, password: &str) -> ItemCreateParams {
    serde_json::from_value(json!({
        "category": "Login", "vaultId": vault, "title": title,
        "fields": [
            {"id": "username", "title": "username", "fieldType": "Text", "value": "alice"},
            {"id": "password", "title": "password", "fieldType": "Concealed", "value": password},
            {"id": "otp", "title": "one-time password", "sectionId": "sec", "fieldType": "Totp", "value": OTP},
            {"id": "host", "title": "host", "sectionId": "sec", "fieldType": "Text", "value": "db.internal"}
        ],
        "sections": [{"id": "sec", "title": "Connection"}],
        "websites": [{"url": "https://example.com", "label": "website", "autofillBehavior": "AnywhereOnWebsite"}]
    }))
    .unwrap()
}

#[tokio::test]
async fn items_round_trip_through_the_encrypted_file() {
    let f = fixture();
    let client = Client::authenticate(&f.writer, "opkit tests", "1.0")
        .await
        .unwrap();
    let vaults = client.list_vaults().await.unwrap();
    assert_eq!(
        vaults.iter().map(|v| v.title.as_str()).collect::<Vec<_>>(),
        ["Prod"],
        "a service account never sees a Personal vault"
    );

    let created = client
        .create_item(login(&f.prod, "Database", "hunter2"))
        .await
        .unwrap();
    assert_eq!(created.version, 1);
    let fetched = client
        .get_item(f.prod.clone(), created.id.clone())
        .await
        .unwrap();
    assert_eq!(fetched.fields[1].value.expose_secret(), "hunter2");
    let otp = serde_json::to_value(&fetched.fields[2].details).unwrap();
    assert_eq!(otp["type"], "Otp");
    assert_eq!(otp["content"]["code"].as_str().unwrap().len(), 6);

    // Put with the current version works and bumps it; the old version is now stale.
    let mut edited = fetched.clone();
    edited.fields[1].value = "new-password".into();
    let updated = client.put_item(edited.clone()).await.unwrap();
    assert_eq!(updated.version, 2);
    let stale = client.put_item(edited).await.unwrap_err();
    assert!(
        matches!(stale, Error::ItemApi(ErrorReason::VersionConflict, _)),
        "{stale}"
    );

    let overview = client.vault_overview(f.prod.clone()).await.unwrap();
    assert_eq!(overview.active_item_count, 1);
    assert!(overview.content_version >= 3);

    // Resolution by title and by id, with sections and TOTP.
    assert_eq!(
        client
            .resolve("op://Prod/Database/password")
            .await
            .unwrap()
            .expose_secret(),
        "new-password"
    );
    assert_eq!(
        client
            .resolve(&format!("op://{}/{}/Connection/host", f.prod, created.id))
            .await
            .unwrap()
            .expose_secret(),
        "db.internal"
    );
    assert_eq!(
        client
            .resolve("op://prod/database/one-time password?attribute=otp")
            .await
            .unwrap()
            .len(),
        6
    );
    let err = client.resolve("op://Prod/Nope/password").await.unwrap_err();
    assert!(
        matches!(err, Error::ResolvingSecretReference(ErrorReason::NotFound, ref m) if m.contains("no item matched")),
        "{err}"
    );

    // Archive: out of references and default lists, still listed on request.
    let second = client
        .create_item(login(&f.prod, "Old", "x"))
        .await
        .unwrap();
    client
        .archive_item(f.prod.clone(), second.id.clone())
        .await
        .unwrap();
    assert!(client.resolve("op://Prod/Old/password").await.is_err());
    assert_eq!(
        client
            .list_items(f.prod.clone(), vec![])
            .await
            .unwrap()
            .len(),
        1
    );
    let both = ItemListFilter::ByState(ItemListFilterByStateInner {
        active: true,
        archived: true,
    });
    assert_eq!(
        client
            .list_items(f.prod.clone(), vec![both])
            .await
            .unwrap()
            .len(),
        2
    );

    // Delete: gone from get, get_all reports it per item.
    client
        .delete_item(f.prod.clone(), second.id.clone())
        .await
        .unwrap();
    assert!(
        client
            .get_item(f.prod.clone(), second.id.clone())
            .await
            .is_err()
    );
    let all = client
        .get_items(f.prod.clone(), vec![created.id.clone(), second.id.clone()])
        .await
        .unwrap();
    assert!(all.individual_responses[0].content.is_some());
    assert_eq!(
        all.individual_responses[1].error,
        Some(op_core::wire::ItemsGetAllError::ItemNotFound)
    );
}

#[tokio::test]
async fn bulk_create_reports_each_item_and_resolve_all_reads_each_item_once() {
    let f = fixture();
    let client = Client::authenticate(&f.writer, "opkit tests", "1.0")
        .await
        .unwrap();
    let mut bad = login(&f.prod, "Bad", "x");
    bad.fields.as_mut().unwrap().push(
        serde_json::from_value(
            json!({"id": "d", "title": "d", "fieldType": "Date", "value": "2023-02-30"}),
        )
        .unwrap(),
    );
    let result = client
        .create_items(
            f.prod.clone(),
            vec![login(&f.prod, "A", "pa"), bad, login(&f.prod, "B", "pb")],
        )
        .await
        .unwrap();
    let r = &result.individual_responses;
    assert!(r[0].content.is_some() && r[2].content.is_some());
    assert!(
        matches!(r[1].error, Some(ItemUpdateFailureReason::ItemValidationError(ref m)) if m.contains("Date"))
    );

    let refs = vec![
        "op://Prod/A/password".to_owned(),
        "op://Prod/B/password".to_owned(),
        "op://Prod/A/username".to_owned(),
        "op://Prod/Missing/x".to_owned(),
        "op:/bad".to_owned(),
    ];
    let all = client.resolve_all(refs).await.unwrap().individual_responses;
    assert_eq!(
        all["op://Prod/A/password"]
            .content
            .as_ref()
            .unwrap()
            .secret
            .expose_secret(),
        "pa"
    );
    assert_eq!(
        all["op://Prod/B/password"]
            .content
            .as_ref()
            .unwrap()
            .secret
            .expose_secret(),
        "pb"
    );
    assert_eq!(
        all["op://Prod/Missing/x"].error,
        Some(ResolveReferenceError::ItemNotFound)
    );
    assert!(matches!(
        all["op:/bad"].error,
        Some(ResolveReferenceError::Parsing(_))
    ));

    let deleted = client
        .delete_items(
            f.prod.clone(),
            vec![
                r[0].content.as_ref().unwrap().id.clone(),
                "zzzzzzzzzzzzzzzzzzzzzzzzzz".into(),
            ],
        )
        .await
        .unwrap();
    assert_eq!(
        deleted
            .individual_responses
            .values()
            .filter(|r| r.error.is_none())
            .count(),
        1
    );
}

#[tokio::test]
async fn permissions_are_checked_before_any_change() {
    let f = fixture();
    let reader = Client::authenticate(&f.reader, "opkit tests", "1.0")
        .await
        .unwrap();
    let err = reader
        .create_item(login(&f.prod, "Nope", "x"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::ItemApi(ErrorReason::PermissionDenied, ref m) if m.contains("create_items")),
        "{err}"
    );
    let denied = reader
        .create_items(f.prod.clone(), vec![login(&f.prod, "Nope", "x")])
        .await
        .unwrap();
    assert_eq!(
        denied.individual_responses[0].error,
        Some(ItemUpdateFailureReason::ItemStatusPermissionError)
    );
    assert!(
        reader
            .list_items(f.prod.clone(), vec![])
            .await
            .unwrap()
            .is_empty(),
        "nothing was written"
    );
    // An item written by the writer can be read but not changed, archived or deleted by the reader.
    let writer = Client::authenticate(&f.writer, "opkit tests", "1.0")
        .await
        .unwrap();
    let item = writer
        .create_item(login(&f.prod, "Shared", "pw"))
        .await
        .unwrap();
    let mut edited = reader
        .get_item(f.prod.clone(), item.id.clone())
        .await
        .unwrap();
    edited.title = "changed".into();
    let denied = [
        reader.put_item(edited).await.unwrap_err(),
        reader
            .archive_item(f.prod.clone(), item.id.clone())
            .await
            .unwrap_err(),
        reader
            .delete_item(f.prod.clone(), item.id.clone())
            .await
            .unwrap_err(),
    ];
    for (err, bit) in denied
        .iter()
        .zip(["update_items", "archive_items", "delete_items"])
    {
        assert!(
            matches!(err, Error::ItemApi(ErrorReason::PermissionDenied, m) if m.contains(bit)),
            "{err}"
        );
    }
    let bulk = reader
        .delete_items(f.prod.clone(), vec![item.id.clone()])
        .await
        .unwrap();
    assert_eq!(
        bulk.individual_responses[&item.id].error,
        Some(ItemUpdateFailureReason::ItemStatusPermissionError)
    );
    let unchanged = writer
        .get_item(f.prod.clone(), item.id.clone())
        .await
        .unwrap();
    assert_eq!((unchanged.title.as_str(), unchanged.version), ("Shared", 1));
    let err = reader
        .update_vault(
            f.prod.clone(),
            VaultUpdateParams {
                title: Some("x".into()),
                description: None,
            },
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("manage_vault"), "{err}");
    // Vaults it was not granted do not exist for it.
    assert!(
        reader
            .get_vault(f.personal.clone(), VaultGetParams::default())
            .await
            .is_err()
    );
    assert!(
        reader
            .resolve(&format!("op://{}/x/y", f.personal))
            .await
            .is_err()
    );
    // Personal vaults can never be granted to a service account.
    let err = f
        .admin
        .create_service_account("bad", &[(f.personal.clone(), p::READ_ITEMS)])
        .unwrap_err();
    assert!(err.to_string().contains("Personal vault"), "{err}");
}

#[tokio::test]
async fn vaults_can_be_created_updated_and_deleted() {
    let f = fixture();
    let client = Client::authenticate(&f.writer, "opkit tests", "1.0")
        .await
        .unwrap();
    let vault = client
        .create_vault(VaultCreateParams {
            title: "Staging".into(),
            description: Some("s".into()),
            allow_admins_access: None,
        })
        .await
        .unwrap();
    let renamed = client
        .update_vault(
            vault.id.clone(),
            VaultUpdateParams {
                title: Some("Stage".into()),
                description: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        (renamed.title.as_str(), renamed.attribute_version),
        ("Stage", 2)
    );
    let with_access = client
        .get_vault(
            vault.id.clone(),
            VaultGetParams {
                accessors: Some(true),
            },
        )
        .await
        .unwrap();
    let access = with_access.access.unwrap();
    let creator = access
        .iter()
        .find(|a| a.accessor_type == op_core::wire::VaultAccessorType::User)
        .unwrap();
    assert_eq!(creator.permissions, op_core::wire::permissions::ALL_BITS);
    // allowAdminsAccess (the default) lets the Administrators group manage the vault.
    let admins = access
        .iter()
        .find(|a| a.accessor_type == op_core::wire::VaultAccessorType::Group)
        .unwrap();
    assert_eq!(admins.permissions, op_core::wire::permissions::MANAGE_VAULT);
    client.delete_vault(vault.id.clone()).await.unwrap();
    assert!(client.vault_overview(vault.id).await.is_err());
}

#[tokio::test]
async fn tokens_fail_clearly() {
    let f = fixture();
    let err = Client::authenticate("ops_garbage!", "t", "1")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::ServiceAccountTokenParsing(_)), "{err}");
    let err = Client::authenticate("", "t", "1").await.unwrap_err();
    assert!(matches!(err, Error::InvalidConfiguration(_)), "{err}");
    let moved = f.path.with_file_name("elsewhere.opkit");
    std::fs::rename(&f.path, &moved).unwrap();
    let err = Client::authenticate(&f.writer, "t", "1").await.unwrap_err();
    assert!(
        matches!(err, Error::InvalidConfiguration(ref m) if m[0].contains("no opkit vault file")),
        "{err}"
    );
    std::fs::rename(&moved, &f.path).unwrap();
    let admin = Admin::unlock(&f.path, "correct horse", &secret_key_of(&f)).err();
    assert!(
        admin.is_some(),
        "a wrong secret key must not unlock the owner"
    );
}

fn secret_key_of(_f: &Fixture) -> op_crypto::AccountSecretKey {
    op_crypto::AccountSecretKey::from_bytes([9; 16])
}

#[tokio::test]
async fn revoked_tokens_stop_working_for_new_clients() {
    let f = fixture();
    let client = Client::authenticate(&f.reader, "t", "1").await.unwrap();
    assert_eq!(
        client.list_vaults().await.unwrap().len(),
        1,
        "the client works before the revocation"
    );
    let principal = op_sdk::token::ServiceAccountToken::parse(&f.reader)
        .unwrap()
        .principal_id;
    let before = f.admin.vault_access(&f.prod).unwrap().len();
    let skipped = f.admin.revoke_service_account(&principal).unwrap();
    assert!(skipped.is_empty());
    let err = Client::authenticate(&f.reader, "t", "1").await.unwrap_err();
    assert!(matches!(err, Error::Auth(ErrorReason::Revoked, _)), "{err}");
    // Its grant is gone and the vault was re-keyed: the client that was open stops too.
    assert_eq!(f.admin.vault_access(&f.prod).unwrap().len(), before - 1);
    assert!(client.resolve("op://Prod/anything/password").await.is_err());
    let writer = Client::authenticate(&f.writer, "t", "1").await.unwrap();
    writer
        .create_item(login(&f.prod, "after revocation", "p"))
        .await
        .unwrap();
}

#[tokio::test]
async fn tampered_ciphertext_is_detected_never_returned() {
    let f = fixture();
    let client = Client::authenticate(&f.writer, "t", "1").await.unwrap();
    let a = client.create_item(login(&f.prod, "A", "pa")).await.unwrap();
    let b = client.create_item(login(&f.prod, "B", "pb")).await.unwrap();
    drop(client);
    let db = rusqlite::Connection::open(&f.path).unwrap();
    // Swap the details of A and B: each is bound to its own id, so both must fail.
    let details = |id: &str| -> Vec<u8> {
        db.query_row("SELECT details FROM items WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap()
    };
    let (da, dbb) = (details(&a.id), details(&b.id));
    db.execute(
        "UPDATE items SET details = ?1 WHERE id = ?2",
        rusqlite::params![dbb, a.id],
    )
    .unwrap();
    db.execute(
        "UPDATE items SET details = ?1 WHERE id = ?2",
        rusqlite::params![da, b.id],
    )
    .unwrap();
    // Flip one byte of a third item's overview.
    let client = Client::authenticate(&f.writer, "t", "1").await.unwrap();
    let c = client.create_item(login(&f.prod, "C", "pc")).await.unwrap();
    let mut overview: Vec<u8> = db
        .query_row("SELECT overview FROM items WHERE id = ?1", [&c.id], |r| {
            r.get(0)
        })
        .unwrap();
    let last = overview.len() - 1;
    overview[last] ^= 1;
    db.execute(
        "UPDATE items SET overview = ?1 WHERE id = ?2",
        rusqlite::params![overview, c.id],
    )
    .unwrap();
    for id in [&a.id, &b.id] {
        let err = client
            .get_item(f.prod.clone(), id.clone())
            .await
            .unwrap_err();
        assert!(
            matches!(err, Error::Internal(ref m) if m.contains("integrity")),
            "{err}"
        );
    }
    let err = client.list_items(f.prod.clone(), vec![]).await.unwrap_err();
    assert!(err.to_string().contains("integrity"), "{err}");
}

#[tokio::test]
async fn resolve_all_reads_each_item_once() {
    let f = fixture();
    let client = Client::authenticate(&f.writer, "t", "1").await.unwrap();
    let params: Vec<_> = (0..20)
        .map(|i| login(&f.prod, &format!("item-{i}"), &format!("p{i}")))
        .collect();
    client.create_items(f.prod.clone(), params).await.unwrap();
    let before = client.items_read_for_resolution();
    let refs: Vec<String> = (0..200)
        .map(|i| {
            format!(
                "op://Prod/item-{}/{}",
                i % 20,
                if (i / 20) % 2 == 0 {
                    "password"
                } else {
                    "username"
                }
            )
        })
        .collect();
    let all = client.resolve_all(refs).await.unwrap();
    assert_eq!(
        all.individual_responses.len(),
        40,
        "200 references, 40 distinct"
    );
    assert!(all.individual_responses.values().all(|r| r.error.is_none()));
    assert_eq!(
        client.items_read_for_resolution() - before,
        20,
        "one read per item"
    );
}
