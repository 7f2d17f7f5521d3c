#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Item validation: every rule, all problems at once, normalisation, and put-time leniency.

use std::collections::HashSet;

use op_core::validate::{
    ItemLookup, NoLookup, Rule, ValidationError, fill_read_details, validate_create, validate_item,
};
use op_core::wire::{Item, ItemCreateParams, ItemFieldDetails};
use proptest::prelude::*;
use serde_json::{Value, json};

const VAULT: &str = "vvvvvvvvvvvvvvvvvvvvvvvvvv";
const OTHER: &str = "rrrrrrrrrrrrrrrrrrrrrrrrrr";
const ED25519: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/vectors/ssh/id_ed25519"
));
const ENCRYPTED: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/vectors/ssh/id_ed25519_encrypted"
));

struct Existing(HashSet<(String, String)>);

impl ItemLookup for Existing {
    fn item_exists(&self, vault_id: &str, item_id: &str) -> bool {
        self.0.contains(&(vault_id.to_owned(), item_id.to_owned()))
    }
}

fn lookup() -> Existing {
    Existing([(VAULT.to_owned(), OTHER.to_owned())].into_iter().collect())
}

fn params(category: &str, fields: Value) -> ItemCreateParams {
    serde_json::from_value(
        json!({"category": category, "vaultId": VAULT, "title": "t", "fields": fields}),
    )
    .unwrap()
}

fn field(id: &str, field_type: &str, value: &str) -> Value {
    json!({"id": id, "title": id, "fieldType": field_type, "value": value})
}

fn create(p: &ItemCreateParams) -> Result<ItemCreateParams, ValidationError> {
    validate_create(p, &lookup())
}

fn rules(err: &ValidationError) -> Vec<(Option<String>, Rule)> {
    err.problems
        .iter()
        .map(|p| (p.field_id.clone(), p.rule))
        .collect()
}

#[test]
fn every_problem_is_reported_at_once_with_field_and_rule() {
    let p: ItemCreateParams = serde_json::from_value(json!({
        "category": "SecureNote", "vaultId": VAULT, "title": " ",
        "fields": [
            field("d", "Date", "2023-02-29"),
            field("m", "MonthYear", "13/2024"),
            field("r", "Reference", "not-an-id"),
            field("r2", "Reference", "zzzzzzzzzzzzzzzzzzzzzzzzzz"),
            field("t", "Totp", "otpauth://totp/x?secret=!!!"),
            field("k", "SshKey", ED25519),
            field("a", "Address", ""),
            field("d", "Text", "dup"),
            field("x", "Passkey", ""),
            {"id": "s", "title": "s", "sectionId": "missing", "fieldType": "Text", "value": ""}
        ],
        "websites": [{"url": "https://example.com", "label": "website", "autofillBehavior": "Never"}],
        "document": {"name": "a.txt", "content": [1]}
    }))
    .unwrap();
    let err = create(&p).unwrap_err();
    let got = rules(&err);
    let expect = |id: Option<&str>, rule| (id.map(str::to_owned), rule);
    for wanted in [
        expect(None, Rule::EmptyTitle),
        expect(Some("d"), Rule::InvalidDate),
        expect(Some("m"), Rule::InvalidMonthYear),
        expect(Some("r"), Rule::InvalidReference),
        expect(Some("r2"), Rule::ReferenceNotFound),
        expect(Some("t"), Rule::InvalidTotp),
        expect(Some("k"), Rule::SshKeyOutsideSshKeyItem),
        expect(Some("a"), Rule::AddressDetailsRequired),
        expect(Some("d"), Rule::DuplicateFieldId),
        expect(Some("x"), Rule::UnknownFieldType),
        expect(Some("s"), Rule::UnknownSection),
        expect(None, Rule::DocumentNotAllowed),
    ] {
        assert!(got.contains(&wanted), "missing {wanted:?} in {got:?}");
    }
    // Websites are fine on any category (ADR 0015).
    assert!(
        !got.contains(&expect(None, Rule::WebsitesNotAllowed)),
        "{got:?}"
    );
    let message = err.to_string();
    assert!(message.starts_with("invalid item: "), "{message}");
    assert!(
        message.contains("field \"d\": a Date value must be a real calendar date"),
        "{message}"
    );
}

#[test]
fn messages_never_repeat_values() {
    let p = params(
        "Login",
        json!([
            field("d", "Date", "s3cr3t-date"),
            field("t", "Totp", "s3cr3t-totp"),
            field("r", "Reference", "s3cr3t-ref")
        ]),
    );
    let message = create(&p).unwrap_err().to_string();
    assert!(!message.contains("s3cr3t"), "{message}");
}

#[test]
fn valid_typed_values_pass_and_empty_means_unset() {
    let p = params(
        "Login",
        json!([
            field("username", "Text", "alice"),
            field("password", "Concealed", "pw"),
            field("d", "Date", "2024-02-29"),
            field("m", "MonthYear", "02/2030"),
            field("r", "Reference", OTHER),
            field("t", "Totp", "JBSWY3DPEHPK3PXP"),
            field(
                "t2",
                "Totp",
                "otpauth://totp/ACME:a?secret=JBSWY3DPEHPK3PXP&issuer=ACME"
            ),
            field("e1", "Date", ""),
            field("e2", "MonthYear", ""),
            field("e3", "Reference", ""),
            field("e4", "Totp", ""),
            field("u", "Url", "https://example.com"),
            field("p", "Phone", "+1"),
            field("e", "Email", "a@b.c"),
            field("menu", "Menu", "x"),
            field("cc", "CreditCardNumber", "4111"),
            field("ct", "CreditCardType", "visa")
        ]),
    );
    create(&p).unwrap();
}

#[test]
fn custom_fields_land_in_the_unnamed_section_and_built_ins_stay_outside() {
    let p = params(
        "Login",
        json!([
            field("username", "Text", "a"),
            field("password", "Concealed", "b"),
            field("pin", "Concealed", "1")
        ]),
    );
    let out = create(&p).unwrap();
    let fields = out.fields.unwrap();
    assert_eq!(fields[0].section_id, None);
    assert_eq!(fields[1].section_id, None);
    assert_eq!(fields[2].section_id.as_deref(), Some(""));
    let sections = out.sections.unwrap();
    assert_eq!(
        (sections[0].id.as_str(), sections[0].title.as_str()),
        ("", "")
    );
    // For other categories even `password` is a custom field.
    let out = create(&params(
        "SecureNote",
        json!([field("password", "Concealed", "b")]),
    ))
    .unwrap();
    assert_eq!(out.fields.unwrap()[0].section_id.as_deref(), Some(""));
}

#[test]
fn addresses_take_their_value_from_details() {
    let p = params(
        "Identity",
        json!([{
            "id": "home", "title": "home", "fieldType": "Address", "value": "ignored",
            "details": {"type": "Address", "content": {"street": "1 Main St", "city": "Springfield", "state": "IL", "zip": "62701", "country": "US"}}
        }]),
    );
    let out = create(&p).unwrap();
    assert_eq!(
        out.fields.unwrap()[0].value.expose_secret(),
        "1 Main St, Springfield, IL, 62701, US"
    );
}

#[test]
fn ssh_keys_are_stored_as_pkcs8_with_details() {
    let out = create(&params("SshKey", json!([field("key", "SshKey", ED25519)]))).unwrap();
    let key = &out.fields.unwrap()[0];
    assert!(
        key.value
            .expose_secret()
            .starts_with("-----BEGIN PRIVATE KEY-----")
    );
    match &key.details {
        Some(ItemFieldDetails::SshKey(Some(attrs))) => {
            assert_eq!(attrs.key_type, "Ed25519");
            assert_eq!(
                attrs.fingerprint,
                "SHA256:Jx6wAU6Y63g0VRfznM1u9V1kG3nPFzT1mKyqUwOF9Bo"
            );
            assert!(attrs.public_key.starts_with("ssh-ed25519 "));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn ssh_key_rules() {
    let two = params(
        "SshKey",
        json!([field("a", "SshKey", ED25519), field("b", "SshKey", ED25519)]),
    );
    assert_eq!(
        rules(&create(&two).unwrap_err()),
        [(Some("b".to_owned()), Rule::MultipleSshKeys)]
    );
    let enc = create(&params("SshKey", json!([field("a", "SshKey", ENCRYPTED)]))).unwrap_err();
    assert!(enc.has(Rule::EncryptedSshKey));
    assert!(enc.to_string().contains("passphrase"), "{enc}");
    assert!(
        create(&params("SshKey", json!([field("a", "SshKey", "")])))
            .unwrap_err()
            .has(Rule::InvalidSshKey)
    );
    assert!(
        create(&params("SshKey", json!([field("a", "SshKey", "garbage")])))
            .unwrap_err()
            .has(Rule::InvalidSshKey)
    );
}

#[test]
fn categories_and_field_types_must_be_known_for_new_items() {
    let err = create(&params("login", json!([]))).unwrap_err();
    assert!(err.has(Rule::UnknownCategory));
    assert!(err.to_string().contains("did you mean Login?"), "{err}");
    assert!(
        create(&params("Unsupported", json!([])))
            .unwrap_err()
            .has(Rule::UnknownCategory)
    );
    assert!(
        create(&params("Login", json!([field("x", "Unsupported", "")])))
            .unwrap_err()
            .has(Rule::UnknownFieldType)
    );
    let e = create(&params("Login", json!([field("x", "concealed", "")]))).unwrap_err();
    assert!(e.to_string().contains("did you mean Concealed?"), "{e}");
}

#[test]
fn documents_belong_to_document_items() {
    let p: ItemCreateParams =
        serde_json::from_value(json!({"category": "Document", "vaultId": VAULT, "title": "t"}))
            .unwrap();
    assert!(create(&p).unwrap_err().has(Rule::DocumentRequired));
    let p: ItemCreateParams = serde_json::from_value(json!({
        "category": "Document", "vaultId": VAULT, "title": "t", "document": {"name": "a.pdf", "content": [1, 2]}
    }))
    .unwrap();
    create(&p).unwrap();
}

#[test]
fn files_need_declared_sections_and_unique_field_ids() {
    let p: ItemCreateParams = serde_json::from_value(json!({
        "category": "SecureNote", "vaultId": VAULT, "title": "t",
        "fields": [field("f", "Text", "")],
        "files": [
            {"name": "a.txt", "content": [1], "sectionId": "nope", "fieldId": "f"},
            {"name": "", "content": [1], "sectionId": "", "fieldId": "g"}
        ]
    }))
    .unwrap();
    let got = rules(&create(&p).unwrap_err());
    assert!(
        got.contains(&(Some("f".into()), Rule::UnknownSection)),
        "{got:?}"
    );
    assert!(
        got.contains(&(Some("f".into()), Rule::DuplicateFieldId)),
        "{got:?}"
    );
    assert!(
        got.contains(&(Some("g".into()), Rule::EmptyFileName)),
        "{got:?}"
    );
}

fn stored(category: &str, fields: Value) -> Item {
    serde_json::from_value(json!({
        "id": "iiiiiiiiiiiiiiiiiiiiiiiiii", "title": "t", "category": category, "vaultId": VAULT,
        "fields": fields, "sections": [{"id": "", "title": ""}], "notes": "", "tags": [], "websites": [],
        "version": 1, "files": [], "createdAt": "2024-01-01T00:00:00Z", "updatedAt": "2024-01-01T00:00:00Z"
    }))
    .unwrap()
}

#[test]
fn put_accepts_unknown_values_only_unchanged() {
    let previous = stored(
        "Passkey",
        json!([{"id": "p", "title": "p", "sectionId": "", "fieldType": "Passkey", "value": "v"}]),
    );
    let mut edited = previous.clone();
    edited.title = "renamed".into();
    validate_item(&edited, Some(&previous), &NoLookup).unwrap();
    edited.fields[0].value = "changed".into();
    assert!(
        validate_item(&edited, Some(&previous), &NoLookup)
            .unwrap_err()
            .has(Rule::UnknownFieldType)
    );
    let mut recategorised = previous.clone();
    recategorised.category = op_core::wire::ItemCategory::Login;
    assert!(
        validate_item(&recategorised, Some(&previous), &NoLookup)
            .unwrap_err()
            .has(Rule::CategoryChanged)
    );
}

#[test]
fn put_runs_the_same_value_rules() {
    let previous = stored("Login", json!([]));
    let mut edited = previous.clone();
    edited.fields = serde_json::from_value(json!([field("d", "Date", "2024-13-01")])).unwrap();
    let err = validate_item(&edited, Some(&previous), &NoLookup).unwrap_err();
    assert_eq!(rules(&err), [(Some("d".to_owned()), Rule::InvalidDate)]);
}

#[test]
fn reads_fill_totp_details_with_code_or_error() {
    let mut item = stored(
        "Login",
        json!([
            {"id": "otp", "title": "otp", "sectionId": "", "fieldType": "Totp", "value": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"},
            {"id": "bad", "title": "bad", "sectionId": "", "fieldType": "Totp", "value": "%%%"}
        ]),
    );
    fill_read_details(&mut item, 59);
    let json = serde_json::to_value(&item).unwrap();
    assert_eq!(
        json["fields"][0]["details"],
        json!({"type": "Otp", "content": {"code": "287082"}})
    );
    assert!(
        json["fields"][1]["details"]["content"]["errorMessage"]
            .as_str()
            .unwrap()
            .contains("base32")
    );
}

proptest! {
    #[test]
    fn any_value_of_any_type_gives_a_verdict_not_a_panic(
        field_type in prop::sample::select(vec!["Text", "Concealed", "Date", "MonthYear", "Reference", "Totp", "SshKey", "Address", "Url", "Nope"]),
        category in prop::sample::select(vec!["Login", "SshKey", "SecureNote", "Document", "Whatever"]),
        value in "\\PC{0,40}",
    ) {
        let p = params(category, json!([field("f", field_type, &value)]));
        if let Err(e) = validate_create(&p, &NoLookup) {
            prop_assert!(!e.problems.is_empty());
            prop_assert!(e.problems.iter().all(|p| !p.message.is_empty()));
        }
    }

    #[test]
    fn real_dates_pass_and_impossible_ones_fail(y in 1000u32..9999, m in 1u32..=12, d in 1u32..=31) {
        let text = format!("{y:04}-{m:02}-{d:02}");
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let days = match m { 2 if leap => 29, 2 => 28, 4 | 6 | 9 | 11 => 30, _ => 31 };
        let verdict = create(&params("Login", json!([field("d", "Date", &text)])));
        prop_assert_eq!(verdict.is_ok(), d <= days, "{}", text);
    }
}
