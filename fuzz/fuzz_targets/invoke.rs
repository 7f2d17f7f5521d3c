//! Arbitrary text into the invocation dispatcher (`invoke_sync` and `invoke`): every input gets a
//! result or an error text, never a panic or a hang; error texts that look like JSON are envelopes.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| tokio::runtime::Builder::new_current_thread().build().expect("a runtime"))
}

fn check(result: Result<String, String>) {
    if let Err(text) = result {
        if text.starts_with('{') {
            let envelope: serde_json::Value = serde_json::from_str(&text).expect("error envelopes are JSON");
            assert!(envelope["name"].is_string() && envelope["message"].is_string(), "{text}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    check(op_sdk::invoke_sync(text.to_owned()));
    check(runtime().block_on(op_sdk::invoke(text.to_owned())));
    let _ = op_sdk::release_client(text.to_owned());
});
