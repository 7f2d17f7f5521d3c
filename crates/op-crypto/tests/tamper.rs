//! Tamper detection: every flipped byte, every truncation, wrong context, swapped blobs and wrong
//! recipients are refused with a typed error, never a panic and never a wrong plaintext.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use op_crypto::*;

fn assert_refused(result: Result<impl std::fmt::Debug, CryptoError>, what: &str) {
    match result {
        Err(CryptoError::Decrypt | CryptoError::UnsupportedVersion { .. }) => {}
        other => panic!("{what}: expected a refusal, got {other:?}"),
    }
}

/// Runs `open` on every single-byte change (three bit patterns per byte), every truncation and an
/// extension of `blob`, asserting each is refused.
fn every_mutation_is_refused<T: std::fmt::Debug>(
    blob: &[u8],
    open: impl Fn(&[u8]) -> Result<T, CryptoError>,
) {
    assert!(open(blob).is_ok(), "the untouched blob must open");
    for i in 0..blob.len() {
        for mask in [0x01u8, 0x80, 0xff] {
            let mut bad = blob.to_vec();
            bad[i] ^= mask;
            assert_refused(open(&bad), &format!("byte {i} ^ {mask:#x}"));
        }
    }
    for len in 0..blob.len() {
        assert_refused(open(&blob[..len]), &format!("truncated to {len}"));
    }
    let mut longer = blob.to_vec();
    longer.push(0);
    assert_refused(open(&longer), "one byte appended");
}

#[test]
fn aead_blobs_detect_every_change() {
    let key = SymmetricKey::generate().unwrap();
    let ctx = aad(&[b"vault-1", b"item-1", &1u32.to_be_bytes()]);
    for plaintext in [&b""[..], b"x", b"a longer secret value with some bytes"] {
        let blob = encrypt(&key, plaintext, &ctx).unwrap();
        every_mutation_is_refused(&blob, |b| decrypt(&key, b, &ctx));
    }
    // A changed version byte is reported as an unsupported version.
    let mut blob = encrypt(&key, b"x", &ctx).unwrap();
    blob[0] = 2;
    assert_eq!(
        decrypt(&key, &blob, &ctx).unwrap_err(),
        CryptoError::UnsupportedVersion { version: 2 }
    );
}

#[test]
fn aead_wrong_key_wrong_aad_and_swapped_blobs() {
    let key = SymmetricKey::generate().unwrap();
    let other_key = SymmetricKey::generate().unwrap();
    let item1 = aad(&[b"vault-1", b"item-1", &1u32.to_be_bytes()]);
    let item2 = aad(&[b"vault-1", b"item-2", &1u32.to_be_bytes()]);
    let item1_v2 = aad(&[b"vault-1", b"item-1", &2u32.to_be_bytes()]);
    let blob1 = encrypt(&key, b"one", &item1).unwrap();
    let blob2 = encrypt(&key, b"two", &item2).unwrap();
    assert_eq!(decrypt(&key, &blob1, &item1).unwrap().as_slice(), b"one");
    assert_eq!(decrypt(&key, &blob2, &item2).unwrap().as_slice(), b"two");
    // Swapped between items, rolled to another version, under another key, with no context.
    assert_refused(decrypt(&key, &blob1, &item2), "blob 1 at item 2");
    assert_refused(decrypt(&key, &blob2, &item1), "blob 2 at item 1");
    assert_refused(decrypt(&key, &blob1, &item1_v2), "blob 1 at version 2");
    assert_refused(decrypt(&other_key, &blob1, &item1), "other key");
    assert_refused(decrypt(&key, &blob1, b""), "empty context");
}

#[test]
fn sealed_boxes_detect_every_change_and_wrong_recipients() {
    let alice = KeyPair::generate().unwrap();
    let bob = KeyPair::generate().unwrap();
    let ctx = aad(&[b"vault-1"]);
    let blob = seal_to(&alice.public_key(), b"vault key bytes", &ctx).unwrap();
    every_mutation_is_refused(&blob, |b| open_sealed(&alice, b, &ctx));
    assert_refused(open_sealed(&bob, &blob, &ctx), "wrong recipient");
    assert_refused(open_sealed(&alice, &blob, b"vault-2"), "wrong context");
    let for_bob = seal_to(&bob.public_key(), b"other", &ctx).unwrap();
    assert_refused(
        open_sealed(&alice, &for_bob, &ctx),
        "box for bob opened by alice",
    );
}

#[test]
fn wrapped_and_sealed_keys_detect_every_change() {
    let kek = SymmetricKey::generate().unwrap();
    let vault = SymmetricKey::generate().unwrap();
    let pair = KeyPair::generate().unwrap();
    let ctx = aad(&[b"vault-1"]);

    let wrapped = wrap_key(&kek, &vault, &ctx).unwrap();
    every_mutation_is_refused(&wrapped, |b| unwrap_key(&kek, b, &ctx));
    let sealed = seal_key_to(&pair.public_key(), &vault, &ctx).unwrap();
    every_mutation_is_refused(&sealed, |b| open_sealed_key(&pair, b, &ctx));
    let wrapped_pair = wrap_key_pair(&kek, &pair, &ctx).unwrap();
    every_mutation_is_refused(&wrapped_pair, |b| unwrap_key_pair(&kek, b, &ctx));

    // Keys wrapped for one vault cannot be unwrapped as another's, nor sealed keys opened by others.
    assert_refused(
        unwrap_key(&kek, &wrapped, &aad(&[b"vault-2"])),
        "wrong vault",
    );
    let stranger = KeyPair::generate().unwrap();
    assert_refused(open_sealed_key(&stranger, &sealed, &ctx), "wrong recipient");
    // Forms do not mix: a wrapped vault key is not a wrapped private key and vice versa.
    assert_refused(
        unwrap_key_pair(&kek, &wrapped, &ctx),
        "vault key as key pair",
    );
    assert_refused(
        unwrap_key(&kek, &wrapped_pair, &ctx),
        "key pair as vault key",
    );
    assert_refused(decrypt(&kek, &wrapped, &ctx), "wrapped key as item");
}

#[test]
fn low_order_recipients_are_refused() {
    // The small-order points of Curve25519 as u-coordinates (RFC 7748 / libsodium's blocklist).
    let hex = |s: &str| -> [u8; 32] {
        data_encoding::HEXLOWER
            .decode(s.as_bytes())
            .unwrap()
            .try_into()
            .unwrap()
    };
    for point in [
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ] {
        let recipient = PublicKeyBytes(hex(point));
        assert_eq!(
            seal_to(&recipient, b"secret", b"").unwrap_err(),
            CryptoError::InvalidPublicKey,
            "{point}"
        );
    }
}
