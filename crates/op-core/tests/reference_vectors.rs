#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The official core's verdict on every shared secret-reference case, and parser properties.

use op_core::reference::{Query, ReferenceErrorKind, SecretReference};
use proptest::prelude::*;
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    #[serde(rename = "ref")]
    reference: String,
    valid: bool,
    error_kind: Option<String>,
}

const VECTORS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/vectors/secret-refs.json"
));

#[test]
fn same_verdict_as_the_official_core_on_every_shared_case() {
    let cases: Vec<Case> = serde_json::from_str(VECTORS).unwrap();
    assert!(cases.len() >= 130);
    let mut failures = Vec::new();
    for case in &cases {
        let got = SecretReference::parse(&case.reference);
        let verdict = match &got {
            Ok(_) => None,
            Err(e) => Some(e.kind().name().to_owned()),
        };
        let expected = if case.valid {
            None
        } else {
            case.error_kind.clone()
        };
        if verdict != expected {
            failures.push(format!(
                "{:?}: expected {expected:?}, got {verdict:?}",
                case.reference
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn segment() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_. -]{0,24}"
}

proptest! {
    #[test]
    fn never_panics_on_any_text(text in "\\PC{0,80}") {
        let _ = SecretReference::parse(&text);
    }

    #[test]
    fn never_panics_on_near_misses(tail in "[a-z/?=&%#. -]{0,40}") {
        let text = format!("op://{tail}");
        let _ = SecretReference::parse(&text);
    }

    #[test]
    fn valid_parts_round_trip(
        vault in segment(), item in segment(), section in proptest::option::of(segment()),
        field in segment(), query in proptest::option::of(prop_oneof![Just(Query::Totp), Just(Query::OpenSsh)]),
    ) {
        let original = SecretReference { vault: &vault, item: &item, section: section.as_deref(), field: &field, query };
        let text = original.to_string();
        let parsed = SecretReference::parse(&text).unwrap();
        prop_assert_eq!(parsed, original);
    }

    #[test]
    fn any_character_outside_the_set_is_a_character_error(
        before in segment(), bad in "[^A-Za-z0-9_. /?-]", after in segment(),
    ) {
        let text = format!("op://v/i/{before}{bad}{after}");
        prop_assert_eq!(SecretReference::parse(&text).unwrap_err().kind(), ReferenceErrorKind::Character);
    }

    #[test]
    fn wrong_segment_counts_are_format_errors(parts in proptest::collection::vec(segment(), 0..8)) {
        prop_assume!(!(3..=4).contains(&parts.len()));
        let text = format!("op://{}", parts.join("/"));
        let verdict = SecretReference::parse(&text);
        prop_assert_eq!(verdict.unwrap_err().kind(), ReferenceErrorKind::Format);
    }
}
