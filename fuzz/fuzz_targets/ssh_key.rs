//! Arbitrary text into `SshPrivateKey::parse`; whatever is accepted must answer every accessor and
//! export without panicking, and its exports must parse back to the same key.
#![no_main]

use libfuzzer_sys::fuzz_target;
use op_core::ssh::SshPrivateKey;

fuzz_target!(|text: &str| {
    let Ok(key) = SshPrivateKey::parse(text) else {
        return;
    };
    let fingerprint = key.fingerprint();
    let _ = key.public_key_openssh();
    let _ = key.key_type();
    let _ = key.ssh_algorithm();
    let _ = key.bits();
    let _ = format!("{key:?}");
    for exported in [key.to_openssh(), key.to_pkcs8_pem()] {
        let Ok(exported) = exported else {
            panic!("a parsed key failed to export");
        };
        match SshPrivateKey::parse(exported.expose_secret()) {
            Ok(again) => assert_eq!(again.fingerprint(), fingerprint),
            Err(err) => panic!("an exported key failed to parse: {}", err.name()),
        }
    }
});
