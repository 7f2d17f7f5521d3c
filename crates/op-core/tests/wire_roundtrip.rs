#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Wire shapes of whole documents: exact output and lossless round trips.

use op_core::wire::{
    Item, ItemCategory, ItemCreateParams, ItemFieldType, ItemListFilter, ItemOverview,
    VaultOverview,
};
use serde_json::{Value, json};

fn item_json() -> Value {
    json!({
        "id": "vhn2qfnmizg6rw4iqottczq3fy",
        "title": "Example",
        "category": "Login",
        "vaultId": "aaaaaaaaaaaaaaaaaaaaaaaaaa",
        "fields": [
            {"id": "username", "title": "username", "fieldType": "Text", "value": "alice"},
            {"id": "password", "title": "password", "fieldType": "Concealed", "value": "s3cr3t",
             "futureFlag": {"nested": [1, 2, 3]}},
            {"id": "pk", "title": "passkey", "sectionId": "s1", "fieldType": "Passkey", "value": "",
             "details": {"type": "Passkey", "content": {"rpId": "example.com"}}},
            {"id": "addr", "title": "home", "sectionId": "s1", "fieldType": "Address", "value": "",
             "details": {"type": "Address", "content": {"street": "1 Main", "city": "X", "country": "US",
                          "zip": "1", "state": "CA", "poBox": "7"}}}
        ],
        "sections": [{"id": "s1", "title": "More", "collapsed": true}],
        "notes": "n",
        "tags": ["a"],
        "websites": [{"url": "https://example.com", "label": "website", "autofillBehavior": "OnlyOnTuesdays",
                      "priority": 2}],
        "version": 3,
        "files": [{"attributes": {"name": "f.txt", "id": "fid", "size": 2, "mime": "text/plain"},
                   "sectionId": "s1", "fieldId": "f1"}],
        "createdAt": "2024-05-06T07:08:09.123456Z",
        "updatedAt": "2024-05-06T07:08:09.123456Z",
        "favorite": true,
        "icon": {"kind": "emoji", "value": "🔑"}
    })
}

#[test]
fn item_with_unknown_members_round_trips_unchanged() {
    let original = item_json();
    let item: Item = serde_json::from_value(original.clone()).unwrap();
    assert_eq!(item.category, ItemCategory::Login);
    assert_eq!(
        item.fields[2].field_type,
        ItemFieldType::Unknown("Passkey".into())
    );
    assert_eq!(item.fields[1].value.expose_secret(), "s3cr3t");
    let back = serde_json::to_value(&item).unwrap();
    assert_eq!(back, original);
}

#[test]
fn debug_output_never_shows_values() {
    let item: Item = serde_json::from_value(item_json()).unwrap();
    let debug = format!("{item:?}");
    assert!(!debug.contains("s3cr3t"), "{debug}");
    assert!(!debug.contains("alice"), "{debug}");
    assert!(debug.contains("[REDACTED]"));
}

#[test]
fn create_params_accept_null_for_optional_members() {
    let p: ItemCreateParams = serde_json::from_value(json!({
        "category": "SecureNote", "vaultId": "v", "title": "t",
        "fields": null, "sections": null, "notes": null, "tags": null, "websites": null,
        "files": null, "document": null
    }))
    .unwrap();
    assert!(p.fields.is_none());
    assert_eq!(
        serde_json::to_value(&p).unwrap(),
        json!({"category": "SecureNote", "vaultId": "v", "title": "t"})
    );
}

#[test]
fn files_accept_base64_and_arrays() {
    let from_go: ItemCreateParams = serde_json::from_value(json!({
        "category": "Document", "vaultId": "v", "title": "t",
        "document": {"name": "a.txt", "content": "aGk="}
    }))
    .unwrap();
    let from_py: ItemCreateParams = serde_json::from_value(json!({
        "category": "Document", "vaultId": "v", "title": "t",
        "document": {"name": "a.txt", "content": [104, 105]}
    }))
    .unwrap();
    assert_eq!(from_go, from_py);
    assert_eq!(
        serde_json::to_value(&from_go).unwrap()["document"]["content"],
        json!([104, 105])
    );
}

#[test]
fn list_filter_and_overviews() {
    let f: ItemListFilter = serde_json::from_value(
        json!({"type": "ByState", "content": {"active": true, "archived": false}}),
    )
    .unwrap();
    assert_eq!(
        serde_json::to_value(f).unwrap(),
        json!({"type": "ByState", "content": {"active": true, "archived": false}})
    );
    let o: ItemOverview = serde_json::from_value(json!({
        "id": "i", "title": "t", "category": "Login", "vaultId": "v", "websites": [], "tags": [],
        "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2024-01-01T00:00:00+01:00", "state": "archived"
    }))
    .unwrap();
    assert_eq!(
        serde_json::to_value(&o).unwrap()["updatedAt"],
        json!("2023-12-31T23:00:00.000000Z")
    );
    let v: VaultOverview = serde_json::from_value(json!({
        "id": "v", "title": "t", "description": "", "vaultType": "userCreated", "activeItemCount": 1,
        "contentVersion": 2, "attributeVersion": 1, "createdAt": "2024-01-01T00:00:00Z",
        "updatedAt": "2024-01-01T00:00:00Z"
    }))
    .unwrap();
    assert_eq!(v.active_item_count, 1);
}

#[test]
fn numbers_outside_u32_are_rejected() {
    let mut j = item_json();
    j["version"] = json!(4_294_967_296_u64);
    assert!(serde_json::from_value::<Item>(j.clone()).is_err());
    j["version"] = json!(-1);
    assert!(serde_json::from_value::<Item>(j).is_err());
}
