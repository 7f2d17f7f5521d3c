//! Arbitrary UTF-8 into `parse_field_value`; whatever parses must compute a code of the right length
//! and print a URI that parses back to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use op_core::totp::{parse_field_value, parse_uri};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = parse_uri(text);
    let Ok(otp) = parse_field_value(text) else {
        return;
    };
    let code = otp.code_at(1_700_000_000);
    assert_eq!(code.len(), usize::from(otp.digits().get()));
    if let Some(remaining) = otp.seconds_remaining(1_700_000_000) {
        assert!(remaining >= 1 && otp.period().is_some_and(|p| remaining <= p.get()));
    }
    let uri = otp.to_uri();
    assert_eq!(parse_field_value(uri.expose_secret()).ok(), Some(otp));
});
