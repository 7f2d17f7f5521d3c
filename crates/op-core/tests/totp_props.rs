#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Property tests: the parsers never panic, printing round-trips, codes have exactly `digits` digits,
//! and the seconds remaining stay within the period.

use op_core::totp::{Algorithm, Digits, Otp, OtpKind, Period, parse_field_value, parse_uri};
use proptest::prelude::*;
use zeroize::Zeroizing;

fn algorithm() -> impl Strategy<Value = Algorithm> {
    prop_oneof![
        Just(Algorithm::Sha1),
        Just(Algorithm::Sha256),
        Just(Algorithm::Sha512)
    ]
}

fn digits() -> impl Strategy<Value = Digits> {
    (6_u64..=8).prop_map(|d| Digits::new(d).unwrap())
}

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![Just(30_u64), Just(60), 1_u64..=600, 1_u64..=u64::MAX]
        .prop_map(|p| Period::new(p).unwrap())
}

fn kind() -> impl Strategy<Value = OtpKind> {
    prop_oneof![
        period().prop_map(|period| OtpKind::Totp { period }),
        any::<u64>().prop_map(|counter| OtpKind::Hotp { counter }),
    ]
}

/// Label text mixing the characters that matter to URIs with arbitrary Unicode.
fn label_text() -> impl Strategy<Value = String> {
    prop_oneof!["[a-zA-Z0-9 :@%+&?#/=.~_-]{0,24}", any::<String>(),]
}

fn otp() -> impl Strategy<Value = Otp> {
    (
        prop::collection::vec(any::<u8>(), 1..80),
        algorithm(),
        digits(),
        kind(),
        prop::option::of(label_text()),
        label_text(),
    )
        .prop_map(|(key, algorithm, digits, kind, issuer, account)| {
            Otp::new(Zeroizing::new(key))
                .unwrap()
                .with_algorithm(algorithm)
                .with_digits(digits)
                .with_kind(kind)
                .with_issuer(issuer.as_deref())
                .with_account(&account)
        })
}

/// Strings that look like otpauth URIs, to get past the first checks far more often than noise does.
fn uri_like() -> impl Strategy<Value = String> {
    (
        prop_oneof![
            4 => Just("otpauth://"),
            1 => Just("OTPAUTH://"),
            1 => Just("otpauth:"),
            1 => Just("")
        ],
        prop_oneof![
            4 => Just("totp".to_owned()),
            1 => Just("hotp".to_owned()),
            1 => Just("TOTP".to_owned()),
            1 => "[a-z]{0,5}".prop_map(String::from),
        ],
        "/[a-zA-Z0-9:%@ ]{0,12}|[/a-zA-Z0-9:%@ ]{0,4}",
        "[A-Z2-7]{16}|[a-z2-7 =-]{0,20}",
        prop::collection::vec(
            (
                prop_oneof![
                    Just("secret"),
                    Just("issuer"),
                    Just("algorithm"),
                    Just("digits"),
                    Just("period"),
                    Just("counter"),
                    Just("image"),
                ],
                "[a-zA-Z0-9%=+ -]{0,20}|[0-9]{1,2}|sha(1|256|512)",
            ),
            0..6,
        ),
    )
        .prop_map(|(scheme, kind, label, secret, params)| {
            let query: Vec<String> = params
                .into_iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            format!("{scheme}{kind}{label}?secret={secret}&{}", query.join("&"))
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parsers_never_panic(s in any::<String>()) {
        let _ = parse_uri(&s);
        let _ = parse_field_value(&s);
    }

    #[test]
    fn parsers_never_panic_on_uri_like_input(s in uri_like()) {
        if let Ok(otp) = parse_field_value(&s) {
            let code = otp.code_at(1_700_000_000);
            prop_assert_eq!(code.len(), usize::from(otp.digits().get()));
            prop_assert_eq!(parse_uri(otp.to_uri().expose_secret()), Ok(otp));
        }
        let _ = parse_uri(&s);
    }

    #[test]
    fn print_parse_round_trips(otp in otp()) {
        let uri = otp.to_uri();
        let back = parse_uri(uri.expose_secret());
        prop_assert_eq!(back.as_ref(), Ok(&otp), "{}", uri.expose_secret());
        let back = parse_field_value(uri.expose_secret());
        prop_assert_eq!(back, Ok(otp));
    }

    #[test]
    fn bare_seed_round_trips(otp in otp()) {
        let seed = otp.secret_base32();
        let back = parse_field_value(seed.expose_secret()).unwrap();
        prop_assert_eq!(back.expose_key(), otp.expose_key());
        prop_assert_eq!(back.period(), Some(Period::DEFAULT));
    }

    #[test]
    fn codes_have_exactly_digits_digits(otp in otp(), t in any::<u64>()) {
        let code = otp.code_at(t);
        prop_assert_eq!(code.len(), usize::from(otp.digits().get()));
        prop_assert!(code.bytes().all(|b| b.is_ascii_digit()));
    }

    #[test]
    fn seconds_remaining_is_within_the_period(p in period(), t in any::<u64>()) {
        let remaining = op_core::totp::seconds_remaining(p, t);
        prop_assert!((1..=p.get()).contains(&remaining));
        // The code changes exactly when the remaining time runs out.
        let step = op_core::totp::time_step(p, t);
        if let Some(next) = t.checked_add(remaining) {
            prop_assert_eq!(op_core::totp::time_step(p, next), step + 1);
            prop_assert_eq!(op_core::totp::time_step(p, next - 1), step);
        }
    }
}

#[test]
fn uri_like_inputs_often_parse() {
    // Guards the strategy above: if it stopped producing valid URIs the property would test nothing.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = uri_like();
    let parsed = (0..400)
        .filter(|_| {
            let s = strategy.new_tree(&mut runner).unwrap().current();
            parse_field_value(&s).is_ok()
        })
        .count();
    assert!(parsed >= 20, "only {parsed} of 400 parsed");
}

/// The bytes a base32 text of any length stands for, bit by bit: a reference independent of the
/// decoder under test. Bits that do not fill a last byte are dropped.
fn reference_decode(symbols: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let bits: Vec<bool> = symbols
        .bytes()
        .flat_map(|c| {
            let value = ALPHABET.iter().position(|a| *a == c).unwrap();
            (0..5).rev().map(move |i| value >> i & 1 == 1)
        })
        .collect();
    bits.chunks_exact(8)
        .map(|byte| byte.iter().fold(0_u8, |acc, bit| acc << 1 | u8::from(*bit)))
        .collect()
}

/// Writes `symbols` the way people paste seeds: lowercased, grouped with spaces, padded.
fn as_pasted(symbols: &str, lower: bool, group: usize, padding: usize) -> String {
    let mut out = String::new();
    for (i, c) in symbols.chars().enumerate() {
        if group > 0 && i > 0 && i % group == 0 {
            out.push(' ');
        }
        out.push(if lower { c.to_ascii_lowercase() } else { c });
    }
    out.push_str(&"=".repeat(padding));
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn seeds_of_any_length_decode_to_their_whole_bytes(
        symbols in "[A-Z2-7]{2,120}",
        lower in any::<bool>(),
        group in 0_usize..9,
        padding in 0_usize..8,
    ) {
        let want = reference_decode(&symbols);
        prop_assert!(!want.is_empty());
        let pasted = as_pasted(&symbols, lower, group, padding);
        let otp = parse_field_value(&pasted).unwrap();
        prop_assert_eq!(otp.expose_key(), &want[..], "{}", pasted);
        // The same seed inside an otpauth URI means the same key.
        let uri = format!("otpauth://totp/x?secret={}", pasted.replace(' ', "%20"));
        let from_uri = parse_uri(&uri).unwrap();
        prop_assert_eq!(from_uri.expose_key(), &want[..]);
    }

    #[test]
    fn more_characters_only_append_bytes(a in "[A-Z2-7]{2,40}", b in "[A-Z2-7]{0,40}") {
        let short = parse_field_value(&a).unwrap();
        let long = parse_field_value(&format!("{a}{b}")).unwrap();
        prop_assert!(long.expose_key().starts_with(short.expose_key()));
        prop_assert_eq!(long.expose_key().len(), (a.len() + b.len()) * 5 / 8);
    }

    #[test]
    fn one_character_is_too_short_for_a_byte(c in "[A-Za-z2-7]", padding in 0_usize..8) {
        let seed = format!("{c}{}", "=".repeat(padding));
        prop_assert_eq!(
            parse_field_value(&seed).map(|_| ()),
            Err(op_core::totp::TotpError::EmptySecret)
        );
    }

    #[test]
    fn a_non_base32_character_is_refused_at_its_position(
        before in "[A-Z2-7]{0,20}",
        bad in "[01890!@#$%^&*_+.,;:]",
        after in "[A-Z2-7]{0,20}",
    ) {
        let err = parse_field_value(&format!("{before}{bad}{after}")).unwrap_err();
        prop_assert_eq!(err.name(), "InvalidSecret");
        let position = format!("character {}", before.len() + 1);
        prop_assert!(err.to_string().contains(&position), "{}", err);
    }
}

#[test]
fn the_official_example_seed_gives_a_code() {
    // `jncrjgbdjnrncbjsr` is the seed the official SDKs' example programs create a TOTP field with.
    let otp = parse_field_value("jncrjgbdjnrncbjsr").unwrap();
    assert_eq!(otp.expose_key(), &reference_decode("JNCRJGBDJNRNCBJSR")[..]);
    assert_eq!(otp.code_at(59).len(), 6);
    let uri = parse_uri("otpauth://totp/x?secret=jncrjgbdjnrncbjsr&issuer=x").unwrap();
    assert_eq!(uri.expose_key(), otp.expose_key());
}
