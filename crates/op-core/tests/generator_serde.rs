//! Wire shapes of the generator types (docs/protocol.md §9.5, §9.6): exact JSON, case-sensitive.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use op_core::SecretString;
use op_core::generator::*;
use serde_json::{Value, json};

fn memorable(separator_type: SeparatorType, word_list_type: WordListType) -> PasswordRecipe {
    PasswordRecipe::Memorable(PasswordRecipeMemorableInner {
        separator_type,
        capitalize: true,
        word_list_type,
        word_count: 4,
    })
}

#[test]
fn random_recipe_has_the_official_shape() {
    let recipe = PasswordRecipe::Random(PasswordRecipeRandomInner {
        include_digits: true,
        include_symbols: false,
        length: 20,
    });
    let json = serde_json::to_string(&recipe).unwrap();
    assert_eq!(
        json,
        r#"{"type":"Random","parameters":{"includeDigits":true,"includeSymbols":false,"length":20}}"#
    );
    assert_eq!(
        serde_json::from_str::<PasswordRecipe>(&json).unwrap(),
        recipe
    );
}

#[test]
fn pin_recipe_has_the_official_shape() {
    let recipe = PasswordRecipe::Pin(PasswordRecipePinInner { length: 6 });
    let json = serde_json::to_string(&recipe).unwrap();
    assert_eq!(json, r#"{"type":"Pin","parameters":{"length":6}}"#);
    assert_eq!(
        serde_json::from_str::<PasswordRecipe>(&json).unwrap(),
        recipe
    );
}

#[test]
fn memorable_recipe_has_the_official_shape() {
    let recipe = memorable(SeparatorType::DigitsAndSymbols, WordListType::ThreeLetters);
    let json = serde_json::to_string(&recipe).unwrap();
    assert_eq!(
        json,
        r#"{"type":"Memorable","parameters":{"separatorType":"digitsAndSymbols","capitalize":true,"wordListType":"threeLetters","wordCount":4}}"#
    );
    assert_eq!(
        serde_json::from_str::<PasswordRecipe>(&json).unwrap(),
        recipe
    );
}

#[test]
fn enum_spellings_match_the_protocol_in_order() {
    let separators = [
        (SeparatorType::Digits, "digits"),
        (SeparatorType::DigitsAndSymbols, "digitsAndSymbols"),
        (SeparatorType::Spaces, "spaces"),
        (SeparatorType::Hyphens, "hyphens"),
        (SeparatorType::Underscores, "underscores"),
        (SeparatorType::Periods, "periods"),
        (SeparatorType::Commas, "commas"),
    ];
    for (value, wire) in separators {
        assert_eq!(serde_json::to_value(value).unwrap(), json!(wire));
        assert_eq!(
            serde_json::from_value::<SeparatorType>(json!(wire)).unwrap(),
            value
        );
    }
    let lists = [
        (WordListType::FullWords, "fullWords"),
        (WordListType::Syllables, "syllables"),
        (WordListType::ThreeLetters, "threeLetters"),
    ];
    for (value, wire) in lists {
        assert_eq!(serde_json::to_value(value).unwrap(), json!(wire));
        assert_eq!(
            serde_json::from_value::<WordListType>(json!(wire)).unwrap(),
            value
        );
    }
}

#[test]
fn wrong_case_and_unknown_values_are_rejected() {
    let bad = [
        r#"{"type":"random","parameters":{"includeDigits":true,"includeSymbols":true,"length":20}}"#,
        r#"{"type":"RANDOM","parameters":{"includeDigits":true,"includeSymbols":true,"length":20}}"#,
        r#"{"type":"Random","parameters":{"include_digits":true,"includeSymbols":true,"length":20}}"#,
        r#"{"type":"Random","parameters":{"includeDigits":true,"includesymbols":true,"length":20}}"#,
        r#"{"type":"Random","parameters":{"includeDigits":true,"includeSymbols":true}}"#,
        r#"{"type":"Random","parameters":{"includeDigits":1,"includeSymbols":true,"length":20}}"#,
        r#"{"type":"Random","parameters":{"includeDigits":true,"includeSymbols":true,"length":-1}}"#,
        r#"{"type":"Random","parameters":{"includeDigits":true,"includeSymbols":true,"length":4294967296}}"#,
        r#"{"type":"Random","parameters":{"includeDigits":true,"includeSymbols":true,"length":"20"}}"#,
        r#"{"type":"Pin","parameters":{"Length":6}}"#,
        r#"{"type":"Pin"}"#,
        r#"{"parameters":{"length":6}}"#,
        r#"{"type":"Password","parameters":{"length":6}}"#,
        r#"{"type":"Memorable","parameters":{"separatorType":"Digits","capitalize":true,"wordListType":"fullWords","wordCount":4}}"#,
        r#"{"type":"Memorable","parameters":{"separatorType":"digits","capitalize":true,"wordListType":"fullwords","wordCount":4}}"#,
        r#"{"type":"Memorable","parameters":{"separatorType":"digits","capitalize":true,"wordListType":"fullWords","word_count":4}}"#,
        r#"{"type":"Memorable","parameters":{"separator_type":"digits","capitalize":true,"wordListType":"fullWords","wordCount":4}}"#,
        r#"{"type":"Memorable","parameters":{"separatorType":"tabs","capitalize":true,"wordListType":"fullWords","wordCount":4}}"#,
    ];
    for text in bad {
        assert!(
            serde_json::from_str::<PasswordRecipe>(text).is_err(),
            "accepted {text}"
        );
    }
}

#[test]
fn unknown_keys_are_ignored() {
    let text = r#"{"type":"Pin","extra":1,"parameters":{"length":6,"digitsOnly":true}}"#;
    assert_eq!(
        serde_json::from_str::<PasswordRecipe>(text).unwrap(),
        PasswordRecipe::Pin(PasswordRecipePinInner { length: 6 })
    );
    let text = r#"{"type":"Random","parameters":{"includeDigits":true,"includeSymbols":false,"length":9,"include_digits":false}}"#;
    assert_eq!(
        serde_json::from_str::<PasswordRecipe>(text).unwrap(),
        PasswordRecipe::Random(PasswordRecipeRandomInner {
            include_digits: true,
            include_symbols: false,
            length: 9
        })
    );
}

#[test]
fn parameters_may_come_before_the_tag() {
    let text = r#"{"parameters":{"length":6},"type":"Pin"}"#;
    assert_eq!(
        serde_json::from_str::<PasswordRecipe>(text).unwrap(),
        PasswordRecipe::Pin(PasswordRecipePinInner { length: 6 })
    );
}

#[test]
fn response_serialises_as_password_and_never_prints_it() {
    let response = GeneratePasswordResponse {
        password: SecretString::from("s3cr3t!"),
    };
    assert_eq!(
        serde_json::to_value(&response).unwrap(),
        json!({"password": "s3cr3t!"})
    );
    let back: GeneratePasswordResponse =
        serde_json::from_value(json!({"password": "s3cr3t!", "other": 1})).unwrap();
    assert_eq!(back, response);
    let debug = format!("{response:?}");
    assert!(!debug.contains("s3cr3t"), "{debug}");
    assert!(debug.contains("[REDACTED]"));
    assert!(serde_json::from_value::<GeneratePasswordResponse>(json!({"Password": "x"})).is_err());
}

#[test]
fn inner_structs_serialise_camel_case() {
    let inner = PasswordRecipeMemorableInner {
        separator_type: SeparatorType::Commas,
        capitalize: false,
        word_list_type: WordListType::Syllables,
        word_count: 15,
    };
    let value: Value = serde_json::to_value(inner).unwrap();
    assert_eq!(
        value,
        json!({"separatorType":"commas","capitalize":false,"wordListType":"syllables","wordCount":15})
    );
    assert_eq!(
        serde_json::to_value(memorable(SeparatorType::Spaces, WordListType::FullWords)).unwrap()["type"],
        json!("Memorable")
    );
}
