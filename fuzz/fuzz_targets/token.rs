//! Arbitrary text as a service-account token and as a client config: parse errors, never panics;
//! whatever parses re-encodes to a token that parses to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use op_sdk::token::ServiceAccountToken;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for candidate in [text.to_owned(), format!("ops_{text}")] {
        if let Ok(token) = ServiceAccountToken::parse(&candidate) {
            let again = ServiceAccountToken::parse(token.encode().expose_secret()).expect("an encoded token parses");
            assert_eq!(again, token);
        }
    }
    if let Ok(config) = op_sdk::config::parse_config(text) {
        let _ = op_sdk::config::validate_config(&config);
    }
});
