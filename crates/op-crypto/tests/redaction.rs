//! No secret type prints its content: `Debug` (and `Display` where it exists) give `[REDACTED]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use op_crypto::*;

#[test]
fn every_secret_type_prints_redacted() {
    let key = SymmetricKey::from_bytes([0xAB; 32]);
    let pair = KeyPair::from_secret_bytes([0xCD; 32]);
    let account = AccountSecretKey::from_bytes([0xEF; 16]);
    let service = ServiceAccountSecret::from_bytes([0x12; 32]);
    let auth = service.auth_key().unwrap();
    let index = BlindIndexKey::derive(&key).unwrap();

    let printed = [
        format!("{key:?}"),
        format!("{pair:?}"),
        format!("{account:?}"),
        format!("{account}"),
        format!("{:?}", account.expose_formatted()),
        format!("{service:?}"),
        format!("{:?}", service.to_base64url()),
        format!("{auth:?}"),
        format!("{index:?}"),
    ];
    for p in &printed {
        assert_eq!(p, "[REDACTED]");
    }
    // Containers holding them stay redacted too.
    assert_eq!(format!("{:?}", Some(&key)), "Some([REDACTED])");
}

#[test]
fn decrypted_plaintext_is_zeroizing_and_errors_carry_no_secret() {
    let key = SymmetricKey::from_bytes([0xAB; 32]);
    let blob = encrypt(&key, b"hunter2", b"ctx").unwrap();
    let plaintext: Zeroizing<Vec<u8>> = decrypt(&key, &blob, b"ctx").unwrap();
    assert_eq!(plaintext.as_slice(), b"hunter2");

    let err = decrypt(&key, &blob, b"other").unwrap_err();
    let account_err = AccountSecretKey::parse("K1-SECRET-STUFF").unwrap_err();
    for message in [err.to_string(), format!("{err:?}"), account_err.to_string()] {
        assert!(!message.contains("hunter2"), "{message}");
        assert!(!message.contains("SECRET"), "{message}");
        assert!(!message.to_lowercase().contains("abab"), "{message}");
    }
}

#[test]
fn public_keys_are_printable() {
    let pair = KeyPair::from_secret_bytes([0xCD; 32]);
    let printed = format!("{:?}", pair.public_key());
    assert!(printed.starts_with("PublicKeyBytes("));
    assert_eq!(printed.len(), "PublicKeyBytes()".len() + 64);
}
