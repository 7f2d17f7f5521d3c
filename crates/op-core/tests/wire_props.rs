#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Property tests of the wire parsers: arbitrary JSON never panics, generated items round-trip.

use op_core::wire::{Item, ItemCreateParams, Timestamp};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1.0e6f64..1.0e6).prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "id",
                    "title",
                    "category",
                    "vaultId",
                    "fields",
                    "sections",
                    "notes",
                    "tags",
                    "websites",
                    "version",
                    "files",
                    "document",
                    "createdAt",
                    "updatedAt",
                    "fieldType",
                    "value",
                    "details",
                    "type",
                    "content",
                    "sectionId",
                    "x",
                ])
                .prop_map(str::to_owned),
                inner,
                0..8
            )
            .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn field() -> impl Strategy<Value = Value> {
    (
        "[a-z]{1,8}",
        prop::sample::select(vec!["Text", "Concealed", "Totp", "Passkey", "Date"]),
        "\\PC{0,16}",
        prop::option::of(prop::sample::select(vec![
            json!({"type": "Otp", "content": {"code": "123456"}}),
            json!({"type": "SshKey", "content": null}),
            json!({"type": "Future", "content": [1, 2]}),
        ])),
        prop::option::of("\\PC{0,8}"),
    )
        .prop_map(|(id, field_type, value, details, extra)| {
            let mut f = json!({"id": id, "title": id, "sectionId": "", "fieldType": field_type, "value": value});
            if let Some(d) = details {
                f["details"] = d;
            }
            if let Some(e) = extra {
                f["unknownMember"] = Value::String(e);
            }
            f
        })
}

proptest! {
    #[test]
    fn arbitrary_json_never_panics(value in arbitrary_json()) {
        let _ = serde_json::from_value::<Item>(value.clone());
        let _ = serde_json::from_value::<ItemCreateParams>(value);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = serde_json::from_str::<Item>(&text);
        let _ = serde_json::from_str::<Timestamp>(&text);
    }

    #[test]
    fn generated_items_round_trip_exactly(
        fields in prop::collection::vec(field(), 0..5),
        category in prop::sample::select(vec!["Login", "SecureNote", "Passkey", "login"]),
        micros in 0i64..4_000_000_000_000_000,
        extra in prop::option::of(arbitrary_json()),
    ) {
        let stamp = Timestamp::from_unix_micros(micros).unwrap();
        let mut original = json!({
            "id": "iiiiiiiiiiiiiiiiiiiiiiiiii", "title": "t", "category": category, "vaultId": "v",
            "fields": fields, "sections": [{"id": "", "title": ""}], "notes": "n", "tags": ["a"],
            "websites": [], "version": 7, "files": [], "createdAt": stamp, "updatedAt": stamp
        });
        if let Some(extra) = extra {
            original["newerMember"] = extra;
        }
        let item: Item = serde_json::from_value(original.clone()).unwrap();
        prop_assert_eq!(serde_json::to_value(&item).unwrap(), original);
    }

    #[test]
    fn timestamps_always_print_z_with_six_digits(micros in -62_000_000_000_000_000i64..250_000_000_000_000_000) {
        let t = Timestamp::from_unix_micros(micros).unwrap();
        let text = t.to_string();
        prop_assert!(text.ends_with('Z'));
        let fraction = text.rsplit('.').next().unwrap();
        prop_assert_eq!(fraction.len(), 7);
        prop_assert_eq!(Timestamp::parse(&text).unwrap(), t);
    }
}
