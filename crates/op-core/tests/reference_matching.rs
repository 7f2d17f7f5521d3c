#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Matching rules of resolution on realistic items.

use op_core::reference::SecretReference;
use op_core::reference::matching::{
    MatchError, Resolved, Target, resolve_in_item, select_field, select_item, select_vault,
};
use op_core::wire::{Item, ItemOverview, ResolveReferenceError, VaultOverview};
use serde_json::json;

const ED25519: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/vectors/ssh/id_ed25519"
));
// RFC 6238 seed "12345678901234567890"; at t=59 the 6-digit SHA1 code is 287082.
const TOTP_URI: &str =
    "otpauth://totp/ACME:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME";

fn vaults() -> Vec<VaultOverview> {
    let v = |id: &str, title: &str| {
        serde_json::from_value(json!({
            "id": id, "title": title, "description": "", "vaultType": "userCreated", "activeItemCount": 0,
            "contentVersion": 1, "attributeVersion": 1, "createdAt": "2024-01-01T00:00:00Z",
            "updatedAt": "2024-01-01T00:00:00Z"
        }))
        .unwrap()
    };
    vec![
        v("aaaaaaaaaaaaaaaaaaaaaaaaaa", "Private"),
        v("bbbbbbbbbbbbbbbbbbbbbbbbbb", "Shared"),
        v("cccccccccccccccccccccccccc", "shared"),
    ]
}

fn overviews() -> Vec<ItemOverview> {
    let o = |id: &str, title: &str, state: &str| {
        serde_json::from_value(json!({
            "id": id, "title": title, "category": "Login", "vaultId": "aaaaaaaaaaaaaaaaaaaaaaaaaa",
            "websites": [], "tags": [], "createdAt": "2024-01-01T00:00:00Z",
            "updatedAt": "2024-01-01T00:00:00Z", "state": state
        }))
        .unwrap()
    };
    vec![
        o("item1aaaaaaaaaaaaaaaaaaaaa", "GitHub", "active"),
        o("item2aaaaaaaaaaaaaaaaaaaaa", "Database", "active"),
        o("item3aaaaaaaaaaaaaaaaaaaaa", "database", "active"),
        o("item4aaaaaaaaaaaaaaaaaaaaa", "Old", "archived"),
    ]
}

fn item() -> Item {
    serde_json::from_value(json!({
        "id": "item1aaaaaaaaaaaaaaaaaaaaa", "title": "GitHub", "category": "Login",
        "vaultId": "aaaaaaaaaaaaaaaaaaaaaaaaaa",
        "fields": [
            {"id": "username", "title": "username", "fieldType": "Text", "value": "alice"},
            {"id": "password", "title": "password", "fieldType": "Concealed", "value": "hunter2"},
            {"id": "onetimepassword", "title": "one-time password", "sectionId": "sec", "fieldType": "Totp", "value": TOTP_URI},
            {"id": "broken", "title": "broken otp", "sectionId": "sec", "fieldType": "Totp", "value": "not base32!"},
            {"id": "key", "title": "deploy key", "sectionId": "sec", "fieldType": "SshKey", "value": ED25519},
            {"id": "tok1", "title": "token", "sectionId": "a", "fieldType": "Concealed", "value": "one"},
            {"id": "tok2", "title": "token", "sectionId": "b", "fieldType": "Concealed", "value": "two"}
        ],
        "sections": [{"id": "sec", "title": "Security"}, {"id": "a", "title": "Staging"}, {"id": "b", "title": "Prod"},
                     {"id": "c", "title": "dup"}, {"id": "d", "title": "DUP"}],
        "notes": "remember me",
        "tags": [], "websites": [], "version": 1,
        "files": [{"attributes": {"name": "notes.txt", "id": "file1", "size": 5}, "sectionId": "a", "fieldId": "f1"}],
        "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2024-01-01T00:00:00Z"
    }))
    .unwrap()
}

fn resolve(reference: &str) -> Result<String, MatchError> {
    let item = item();
    let parsed = SecretReference::parse(reference).unwrap();
    match resolve_in_item(&item, &parsed, 59)? {
        Resolved::Secret(s) => Ok(s.expose_secret().to_owned()),
        Resolved::File(f) => Ok(format!("file:{}", f.id)),
    }
}

#[test]
fn vaults_by_id_or_name_ignoring_case_and_ambiguity_lists_ids() {
    let vaults = vaults();
    assert_eq!(
        select_vault(&vaults, "private").unwrap().id,
        "aaaaaaaaaaaaaaaaaaaaaaaaaa"
    );
    assert_eq!(
        select_vault(&vaults, "BBBBBBBBBBBBBBBBBBBBBBBBBB")
            .unwrap()
            .title,
        "Shared"
    );
    match select_vault(&vaults, "SHARED").unwrap_err() {
        MatchError::TooManyVaults { ids, .. } => {
            assert_eq!(
                ids,
                ["bbbbbbbbbbbbbbbbbbbbbbbbbb", "cccccccccccccccccccccccccc"]
            );
        }
        other => panic!("{other:?}"),
    }
    let err = select_vault(&vaults, "shared").unwrap_err();
    assert!(
        err.to_string()
            .contains("bbbbbbbbbbbbbbbbbbbbbbbbbb, cccccccccccccccccccccccccc"),
        "{err}"
    );
    assert_eq!(
        select_vault(&vaults, "Nope").unwrap_err().to_wire(),
        ResolveReferenceError::VaultNotFound
    );
}

#[test]
fn items_skip_archived_and_report_duplicates() {
    let items = overviews();
    assert_eq!(
        select_item(&items, "github").unwrap().id,
        "item1aaaaaaaaaaaaaaaaaaaaa"
    );
    assert_eq!(
        select_item(&items, "Old").unwrap_err().to_wire(),
        ResolveReferenceError::ItemNotFound
    );
    assert_eq!(
        select_item(&items, "item4aaaaaaaaaaaaaaaaaaaaa")
            .unwrap_err()
            .to_wire(),
        ResolveReferenceError::ItemNotFound
    );
    let err = select_item(&items, "DATABASE").unwrap_err();
    assert_eq!(err.to_wire(), ResolveReferenceError::TooManyItems);
    assert!(err.to_string().contains("item2aaaaaaaaaaaaaaaaaaaaa"));
    // An id wins even when another item is titled like it.
    assert_eq!(
        select_item(&items, "item2aaaaaaaaaaaaaaaaaaaaa")
            .unwrap()
            .title,
        "Database"
    );
}

#[test]
fn fields_by_id_or_label_across_sections_unless_a_section_is_given() {
    assert_eq!(resolve("op://v/i/password").unwrap(), "hunter2");
    assert_eq!(resolve("op://v/i/USERNAME").unwrap(), "alice");
    assert_eq!(resolve("op://v/i/Staging/token").unwrap(), "one");
    assert_eq!(resolve("op://v/i/b/token").unwrap(), "two");
    let err = resolve("op://v/i/token").unwrap_err();
    assert_eq!(err.to_wire(), ResolveReferenceError::TooManyMatchingFields);
    assert!(err.to_string().contains("tok1, tok2"), "{err}");
    assert_eq!(
        resolve("op://v/i/Prod/password").unwrap_err().to_wire(),
        ResolveReferenceError::FieldNotFound
    );
    assert_eq!(
        resolve("op://v/i/Nowhere/password").unwrap_err().to_wire(),
        ResolveReferenceError::NoMatchingSections
    );
    assert_eq!(
        resolve("op://v/i/dup/x").unwrap_err().name(),
        "TooManySections"
    );
    assert_eq!(
        resolve("op://v/i/").unwrap_err().to_wire(),
        ResolveReferenceError::FieldNotFound
    );
    assert_eq!(
        resolve("op://v/i//").unwrap_err().to_wire(),
        ResolveReferenceError::NoMatchingSections
    );
}

#[test]
fn totp_codes_only_on_totp_fields() {
    assert_eq!(
        resolve("op://v/i/one-time password?attribute=otp").unwrap(),
        "287082"
    );
    assert_eq!(
        resolve("op://v/i/Security/onetimepassword?attribute=totp").unwrap(),
        "287082"
    );
    assert_eq!(
        resolve("op://v/i/TOTP_onetimepassword?attribute=totp").unwrap(),
        "287082"
    );
    assert_eq!(resolve("op://v/i/onetimepassword").unwrap(), TOTP_URI);
    assert_eq!(
        resolve("op://v/i/password?attribute=totp")
            .unwrap_err()
            .to_wire(),
        ResolveReferenceError::IncompatibleTotpQueryParameterField
    );
    match resolve("op://v/i/broken otp?attribute=totp")
        .unwrap_err()
        .to_wire()
    {
        ResolveReferenceError::UnableToGenerateTotpCode(message) => {
            assert!(!message.contains("not base32!"))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn openssh_format_only_on_ssh_key_fields() {
    let key = resolve("op://v/i/deploy key?ssh-format=openssh").unwrap();
    assert!(key.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----"));
    assert_eq!(
        resolve("op://v/i/password?ssh-format=openssh")
            .unwrap_err()
            .to_wire(),
        ResolveReferenceError::IncompatibleSshKeyQueryParameterField
    );
}

#[test]
fn files_by_name_and_notes() {
    assert_eq!(resolve("op://v/i/notes.txt").unwrap(), "file:file1");
    assert_eq!(resolve("op://v/i/Staging/notes.txt").unwrap(), "file:file1");
    assert_eq!(resolve("op://v/i/notesPlain").unwrap(), "remember me");
    assert_eq!(
        resolve("op://v/i/notes.txt?attribute=totp")
            .unwrap_err()
            .to_wire(),
        ResolveReferenceError::IncompatibleTotpQueryParameterField
    );
    let item = item();
    assert!(matches!(
        select_field(&item, None, "f1").unwrap(),
        Target::File(_)
    ));
}
