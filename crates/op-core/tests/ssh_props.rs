//! `SshPrivateKey::parse` never panics, whatever it is given, and what it accepts behaves.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ssh_common;

use data_encoding::BASE64;
use op_core::ssh::SshPrivateKey;
use proptest::prelude::*;

/// Fixture texts with LF line endings, loaded once.
fn fixtures() -> &'static [String] {
    static FIXTURES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    FIXTURES.get_or_init(|| {
        ssh_common::entries()
            .iter()
            .map(|e| e.text().replace("\r\n", "\n"))
            .collect()
    })
}

/// Splits a one-block PEM text into (BEGIN line, decoded body, END line).
fn split_pem(text: &str) -> (String, Vec<u8>, String) {
    let lines: Vec<&str> = text.trim().lines().collect();
    let begin = lines.first().unwrap().to_string();
    let end = lines.last().unwrap().to_string();
    let body: String = lines
        .iter()
        .filter(|l| !l.starts_with("-----") && !l.contains(':'))
        .map(|l| l.trim())
        .collect();
    (begin, BASE64.decode(body.as_bytes()).unwrap(), end)
}

/// Whatever parse returns, it must be usable: accessors work, exports re-parse to the same key,
/// and errors never quote the input.
fn check(text: &str) {
    match SshPrivateKey::parse(text) {
        Ok(key) => {
            let fingerprint = key.fingerprint();
            assert!(fingerprint.starts_with("SHA256:"));
            assert!(key.public_key_openssh().starts_with(key.ssh_algorithm()));
            assert!(key.bits() >= 256);
            assert!(!key.key_type().is_empty());
            let openssh = key.to_openssh().unwrap();
            let pkcs8 = key.to_pkcs8_pem().unwrap();
            for exported in [openssh, pkcs8] {
                let again = SshPrivateKey::parse(exported.expose_secret()).unwrap();
                assert_eq!(again.fingerprint(), fingerprint);
            }
        }
        Err(err) => {
            let message = err.to_string();
            assert!(!err.name().is_empty());
            for line in text.lines().map(str::trim).filter(|l| l.len() >= 12) {
                if !line.starts_with("-----") {
                    assert!(!message.contains(line), "{message}");
                }
            }
        }
    }
}

/// Text that starts like a PEM private key, to get past the framing checks.
fn pem_like() -> impl Strategy<Value = String> {
    let labels = prop::sample::select(vec![
        "OPENSSH PRIVATE KEY",
        "RSA PRIVATE KEY",
        "PRIVATE KEY",
        "EC PRIVATE KEY",
        "ENCRYPTED PRIVATE KEY",
    ]);
    (labels, prop::collection::vec(any::<u8>(), 0..600)).prop_map(|(label, body)| {
        format!(
            "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
            BASE64.encode(&body)
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn pem_framed_garbage_never_panics(text in pem_like()) {
        check(&text);
    }

    #[test]
    fn mutated_fixture_text_never_panics(
        index in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
        truncate in any::<bool>(),
    ) {
        let mut bytes = index.get(fixtures()).clone().into_bytes();
        let position = at.index(bytes.len());
        if truncate {
            bytes.truncate(position);
        } else {
            bytes[position] = byte;
        }
        check(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn mutated_fixture_body_never_panics(
        index in any::<prop::sample::Index>(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), 0u8..8), 1..4),
        cut in prop::option::of(any::<prop::sample::Index>()),
    ) {
        // Mutating the decoded bytes reaches the DER and OpenSSH parsers, which text mutations
        // mostly stop at the base64 layer.
        let (begin, mut body, end) = split_pem(index.get(fixtures()).as_str());
        for (at, bit) in flips {
            let position = at.index(body.len());
            body[position] ^= 1 << bit;
        }
        if let Some(cut) = cut {
            body.truncate(cut.index(body.len()));
        }
        check(&format!("{begin}\n{}\n{end}\n", BASE64.encode(&body)));
    }
}

#[test]
fn every_truncation_of_a_small_key_is_refused_cleanly() {
    let text = fixtures()
        .iter()
        .find(|t| t.contains("BEGIN OPENSSH") && t.len() < 500)
        .expect("a small OpenSSH fixture");
    let (begin, body, end) = split_pem(text);
    for len in 0..body.len() {
        let truncated = format!("{begin}\n{}\n{end}\n", BASE64.encode(&body[..len]));
        let err = SshPrivateKey::parse(&truncated).unwrap_err();
        assert_eq!(err.name(), "Malformed", "length {len}");
    }
}
