//! The exports as C sees them: statuses, ownership, and bad input that must not crash.

// Calling the C ABI from Rust is unsafe by nature; these tests are its C-side contract.
#![allow(unsafe_code, clippy::unwrap_used)]

use op_go::{
    OPKIT_ERROR, OPKIT_NO_OUTPUT, OPKIT_OK, OpkitString, opkit_init_client, opkit_invoke,
    opkit_invoke_sync, opkit_release_client, opkit_string_free,
};

type Export = unsafe extern "C" fn(*const u8, usize, *mut OpkitString) -> i32;

const EXPORTS: [Export; 4] = [
    opkit_init_client,
    opkit_invoke,
    opkit_invoke_sync,
    opkit_release_client,
];

/// Calls an export with `input`, copies the output and frees it the way Go does.
fn call(f: Export, input: &[u8]) -> (i32, String) {
    let mut out = OpkitString {
        ptr: std::ptr::null_mut(),
        len: 0,
    };
    let status = unsafe { f(input.as_ptr(), input.len(), &mut out) };
    let text = if out.ptr.is_null() {
        String::new()
    } else {
        let bytes = unsafe { std::slice::from_raw_parts(out.ptr, out.len) };
        String::from_utf8(bytes.to_vec()).unwrap()
    };
    unsafe { opkit_string_free(out) };
    (status, text)
}

fn error_name(text: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(text).unwrap();
    v["name"].as_str().unwrap().to_owned()
}

#[test]
fn generate_password_through_invoke_sync_and_invoke() {
    let request = br#"{"invocation":{"parameters":{"name":"GeneratePassword","parameters":{"recipe":{"type":"Pin","parameters":{"length":6}}}}}}"#;
    for f in [opkit_invoke_sync as Export, opkit_invoke] {
        let (status, text) = call(f, request);
        assert_eq!(status, OPKIT_OK, "{text}");
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["password"].as_str().unwrap().len(), 6);
    }
}

#[test]
fn unit_results_are_the_empty_null_string() {
    let request = br#"{"invocation":{"parameters":{"name":"ValidateSecretReference","parameters":{"secret_reference":"op://v/i/f"}}}}"#;
    let mut out = OpkitString {
        ptr: std::ptr::dangling_mut::<u8>(),
        len: 99,
    };
    let status = unsafe { opkit_invoke_sync(request.as_ptr(), request.len(), &mut out) };
    assert_eq!(status, OPKIT_OK);
    assert!(out.ptr.is_null());
    assert_eq!(out.len, 0);
    unsafe { opkit_string_free(out) };
}

#[test]
fn domain_errors_are_envelopes_and_schema_errors_plain_text() {
    let (status, text) = call(opkit_invoke_sync, br#"{"invocation":{"parameters":{"name":"ValidateSecretReference","parameters":{"secret_reference":"op://v"}}}}"#);
    assert_eq!(status, OPKIT_ERROR);
    assert_eq!(error_name(&text), "ParsingSecretReference");
    let (status, text) = call(opkit_invoke, b"hello");
    assert_eq!(status, OPKIT_ERROR);
    assert!(
        text.starts_with("expected value at line 1 column 1"),
        "{text}"
    );
}

#[test]
fn null_input_is_an_internal_error_for_every_export() {
    for f in EXPORTS {
        for len in [0, 5] {
            let mut out = OpkitString {
                ptr: std::ptr::null_mut(),
                len: 0,
            };
            let status = unsafe { f(std::ptr::null(), len, &mut out) };
            assert_eq!(status, OPKIT_ERROR);
            let text = unsafe { std::slice::from_raw_parts(out.ptr, out.len) };
            let text = std::str::from_utf8(text).unwrap();
            assert_eq!(error_name(text), "Internal");
            assert!(text.contains("null input pointer"), "{text}");
            unsafe { opkit_string_free(out) };
        }
    }
}

#[test]
fn invalid_utf8_is_an_internal_error_for_every_export() {
    for f in EXPORTS {
        let (status, text) = call(f, b"{\"a\":\"\xff\xfe\"}");
        assert_eq!(status, OPKIT_ERROR);
        assert_eq!(error_name(&text), "Internal");
        assert!(text.contains("not UTF-8 (at byte 6)"), "{text}");
    }
}

#[test]
fn a_null_out_pointer_runs_nothing() {
    for f in EXPORTS {
        let input = b"{}";
        let status = unsafe { f(input.as_ptr(), input.len(), std::ptr::null_mut()) };
        assert_eq!(status, OPKIT_NO_OUTPUT);
    }
}

#[test]
fn empty_input_is_read_as_empty_text() {
    let (status, text) = call(opkit_invoke, b"");
    assert_eq!(status, OPKIT_ERROR);
    assert!(text.starts_with("EOF while parsing"), "{text}");
    let (status, text) = call(opkit_release_client, b"");
    assert_eq!(status, OPKIT_ERROR);
    assert_eq!(error_name(&text), "Internal");
}

#[test]
fn freeing_the_empty_string_is_a_no_op() {
    unsafe {
        opkit_string_free(OpkitString {
            ptr: std::ptr::null_mut(),
            len: 0,
        })
    };
}

#[test]
fn bad_configs_and_unknown_clients_fail_cleanly() {
    let (status, text) = call(opkit_init_client, b"{}");
    assert_eq!(status, OPKIT_ERROR);
    assert!(text.starts_with("data did not match any variant"), "{text}");
    let (status, text) = call(opkit_release_client, b"123456789");
    assert_eq!(status, OPKIT_ERROR);
    assert_eq!(error_name(&text), "Internal");
    let (status, text) = call(
        opkit_invoke,
        br#"{"invocation":{"clientId":987654321,"parameters":{"name":"SecretsResolve","parameters":{"secret_reference":"op://v/i/f"}}}}"#,
    );
    assert_eq!(status, OPKIT_ERROR);
    assert_eq!(error_name(&text), "Internal");
}

#[test]
fn many_threads_call_at_once() {
    let request = br#"{"invocation":{"parameters":{"name":"GeneratePassword","parameters":{"recipe":{"type":"Random","parameters":{"length":20,"includeDigits":true,"includeSymbols":true}}}}}}"#;
    let threads: Vec<_> = (0..8)
        .map(|_| {
            std::thread::spawn(|| {
                for _ in 0..50 {
                    let (status, text) = call(opkit_invoke, request);
                    assert_eq!(status, OPKIT_OK, "{text}");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
}
