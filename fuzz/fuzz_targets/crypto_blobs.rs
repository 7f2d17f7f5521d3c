//! Arbitrary bytes as ciphertexts, sealed boxes and account secret keys: every one is refused or
//! opened, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use op_crypto::{AccountSecretKey, KeyPair, SymmetricKey, decrypt, open_sealed, unwrap_key};

fuzz_target!(|data: &[u8]| {
    let key = SymmetricKey::from_bytes([7; 32]);
    let pair = KeyPair::from_secret_bytes([9; 32]);
    let _ = decrypt(&key, data, b"aad");
    let _ = open_sealed(&pair, data, b"aad");
    let _ = unwrap_key(&key, data, b"aad");
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(parsed) = AccountSecretKey::parse(text) {
            let again = AccountSecretKey::parse(parsed.expose_formatted().expose_secret()).expect("a formatted key parses");
            assert_eq!(again.expose_bytes(), parsed.expose_bytes());
        }
    }
});
