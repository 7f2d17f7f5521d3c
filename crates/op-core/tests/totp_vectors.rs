#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Replays every RFC 4226 / RFC 6238 vector in `tests/vectors/totp/rfc-vectors.json`, through the pure
//! functions, through a parsed bare seed and through an otpauth URI.

use op_core::totp::{Algorithm, Digits, OtpKind, Period, parse_field_value, parse_uri};
use serde::Deserialize;

const VECTORS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/vectors/totp/rfc-vectors.json"
));

#[derive(Deserialize)]
struct Vectors {
    totp: Vec<TotpVector>,
    hotp: Vec<HotpVector>,
}

#[derive(Deserialize)]
struct TotpVector {
    secret_base32: String,
    algorithm: String,
    digits: u64,
    period: u64,
    unix_time: u64,
    code: String,
}

#[derive(Deserialize)]
struct HotpVector {
    secret_base32: String,
    algorithm: String,
    digits: u64,
    counter: u64,
    code: String,
}

fn vectors() -> Vectors {
    serde_json::from_str(VECTORS).unwrap()
}

#[test]
fn totp_vectors() {
    let v = vectors();
    assert!(!v.totp.is_empty());
    for t in &v.totp {
        let uri = format!(
            "otpauth://totp/RFC:6238?secret={}&algorithm={}&digits={}&period={}",
            t.secret_base32, t.algorithm, t.digits, t.period
        );
        let otp = parse_uri(&uri).unwrap();
        assert_eq!(otp.code_at(t.unix_time), t.code, "{uri} at {}", t.unix_time);

        let algorithm = Algorithm::parse(&t.algorithm).unwrap();
        let digits = Digits::new(t.digits).unwrap();
        let period = Period::new(t.period).unwrap();
        let direct = op_core::totp::totp(otp.expose_key(), algorithm, digits, period, t.unix_time);
        assert_eq!(direct, t.code);

        // The canonical URI must give the same code.
        let reparsed = parse_field_value(otp.to_uri().expose_secret()).unwrap();
        assert_eq!(reparsed.code_at(t.unix_time), t.code);
    }
}

#[test]
fn sha1_totp_vectors_from_a_bare_seed() {
    let v = vectors();
    let mut checked = 0;
    for t in v
        .totp
        .iter()
        .filter(|t| t.algorithm == "SHA1" && t.period == 30)
    {
        let otp = parse_field_value(&t.secret_base32.to_lowercase())
            .unwrap()
            .with_digits(Digits::new(t.digits).unwrap());
        assert_eq!(otp.code_at(t.unix_time), t.code);
        checked += 1;
    }
    assert!(checked > 0);
}

#[test]
fn hotp_vectors() {
    let v = vectors();
    assert!(!v.hotp.is_empty());
    for h in &v.hotp {
        let uri = format!(
            "otpauth://hotp/RFC:4226?secret={}&algorithm={}&digits={}&counter={}",
            h.secret_base32, h.algorithm, h.digits, h.counter
        );
        let otp = parse_uri(&uri).unwrap();
        assert_eq!(otp.kind(), OtpKind::Hotp { counter: h.counter });
        assert_eq!(otp.code_at(0), h.code, "{uri}");
        assert_eq!(otp.code_for_counter(h.counter), h.code);
        let direct = op_core::totp::hotp(
            otp.expose_key(),
            Algorithm::parse(&h.algorithm).unwrap(),
            Digits::new(h.digits).unwrap(),
            h.counter,
        );
        assert_eq!(direct, h.code);
    }
}
