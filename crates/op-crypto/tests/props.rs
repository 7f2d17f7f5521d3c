//! Property tests: decryption never panics on arbitrary bytes, encryption round-trips arbitrary data
//! and context, account secret keys format and parse back, parsers never panic on arbitrary text.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use op_crypto::*;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn decrypt_never_panics(blob in proptest::collection::vec(any::<u8>(), 0..200), ctx in proptest::collection::vec(any::<u8>(), 0..16)) {
        let key = SymmetricKey::from_bytes([7; 32]);
        let result = decrypt(&key, &blob, &ctx);
        // Random bytes forge a Poly1305 tag with probability 2^-106: treat success as a failure.
        let refused = matches!(result, Err(CryptoError::Decrypt | CryptoError::UnsupportedVersion { .. }));
        prop_assert!(refused);
    }

    #[test]
    fn open_sealed_and_unwrap_never_panic(blob in proptest::collection::vec(any::<u8>(), 0..200)) {
        let pair = KeyPair::from_secret_bytes([9; 32]);
        let kek = SymmetricKey::from_bytes([3; 32]);
        prop_assert!(open_sealed(&pair, &blob, b"").is_err());
        prop_assert!(open_sealed_key(&pair, &blob, b"").is_err());
        prop_assert!(unwrap_key(&kek, &blob, b"").is_err());
        prop_assert!(unwrap_key_pair(&kek, &blob, b"").is_err());
    }

    #[test]
    fn version_one_blobs_with_random_bodies_are_refused(body in proptest::collection::vec(any::<u8>(), 0..120)) {
        let key = SymmetricKey::from_bytes([7; 32]);
        let blob = [&[AEAD_VERSION][..], &body].concat();
        prop_assert_eq!(decrypt(&key, &blob, b"").unwrap_err(), CryptoError::Decrypt);
    }

    #[test]
    fn encrypt_round_trips(
        key in any::<[u8; 32]>(),
        plaintext in proptest::collection::vec(any::<u8>(), 0..2048),
        parts in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..24), 0..5),
    ) {
        let key = SymmetricKey::from_bytes(key);
        let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        let ctx = aad(&refs);
        let blob = encrypt(&key, &plaintext, &ctx).unwrap();
        prop_assert_eq!(blob.len(), plaintext.len() + AEAD_OVERHEAD);
        let opened = decrypt(&key, &blob, &ctx).unwrap();
        prop_assert_eq!(opened.as_slice(), plaintext.as_slice());
    }

    #[test]
    fn sealed_boxes_round_trip(
        secret in any::<[u8; 32]>(),
        plaintext in proptest::collection::vec(any::<u8>(), 0..512),
        ctx in proptest::collection::vec(any::<u8>(), 0..32),
    ) {
        let pair = KeyPair::from_secret_bytes(secret);
        let blob = seal_to(&pair.public_key(), &plaintext, &ctx).unwrap();
        prop_assert_eq!(blob.len(), plaintext.len() + SEALED_OVERHEAD);
        let opened = open_sealed(&pair, &blob, &ctx).unwrap();
        prop_assert_eq!(opened.as_slice(), plaintext.as_slice());
    }

    #[test]
    fn aad_is_injective(
        a in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..6), 0..4),
        b in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..6), 0..4),
    ) {
        let ra: Vec<&[u8]> = a.iter().map(Vec::as_slice).collect();
        let rb: Vec<&[u8]> = b.iter().map(Vec::as_slice).collect();
        prop_assert_eq!(a == b, aad(&ra) == aad(&rb));
    }

    #[test]
    fn account_secret_key_format_parse_round_trips(bytes in any::<[u8; 16]>(), lower in any::<bool>(), spaces in any::<bool>()) {
        let key = AccountSecretKey::from_bytes(bytes);
        let formatted = key.expose_formatted();
        let mut text = formatted.expose_secret().to_owned();
        if lower { text = text.to_lowercase(); }
        if spaces { text = text.replace('-', " "); }
        let back = AccountSecretKey::parse(&text).unwrap();
        prop_assert_eq!(back.expose_bytes(), &bytes);
    }

    #[test]
    fn account_secret_key_parse_never_panics(text in ".{0,60}") {
        // Either a key or a typed error; any outcome but a panic is fine.
        let outcome = AccountSecretKey::parse(&text).map(|k| *k.expose_bytes());
        if let Err(err) = outcome {
            prop_assert_eq!(err.name(), "InvalidSecretKey");
        }
    }

    #[test]
    fn service_account_base64url_round_trips_and_parse_never_panics(bytes in any::<[u8; 32]>(), junk in ".{0,60}") {
        let secret = ServiceAccountSecret::from_bytes(bytes);
        let back = ServiceAccountSecret::from_base64url(secret.to_base64url().expose_secret()).unwrap();
        prop_assert_eq!(back.expose_bytes(), &bytes);
        if let Err(err) = ServiceAccountSecret::from_base64url(&junk) {
            prop_assert_eq!(err.name(), "InvalidServiceAccountSecret");
        }
    }

    #[test]
    fn blind_index_ignores_case_and_surrounding_space(title in "[a-zA-Z0-9 ]{0,30}", pad in " {0,3}") {
        let key = BlindIndexKey::derive(&SymmetricKey::from_bytes([5; 32])).unwrap();
        let padded = format!("{pad}{}{pad}", title.to_uppercase());
        prop_assert_eq!(blind_index(&key, &title), blind_index(&key, &padded));
    }
}
