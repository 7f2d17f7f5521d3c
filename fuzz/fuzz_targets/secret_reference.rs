//! Arbitrary UTF-8 into the reference parser; whatever parses must print back to an equal reference.
#![no_main]

use libfuzzer_sys::fuzz_target;
use op_core::reference::SecretReference;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(reference) = SecretReference::parse(text) {
        let printed = reference.to_string();
        let reparsed = SecretReference::parse(&printed);
        assert_eq!(reparsed.ok(), Some(reference));
    }
});
