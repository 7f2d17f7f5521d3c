//! Arbitrary UTF-8 into the dotenv parser of `opkit run --env-file`: it never panics, every entry
//! has a valid name and a line within the file, and a value written back double-quoted reads back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use op_cli::dotenv;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(entries) = dotenv::parse(text) else {
        return;
    };
    let lines = text.lines().count().max(1);
    for entry in entries {
        assert!(entry.line >= 1 && entry.line <= lines + 1);
        assert!(!entry.key.is_empty());
        let escaped = entry.value.replace('\\', "\\\\").replace('"', "\\\"");
        let again = dotenv::parse(&format!("{}=\"{escaped}\"\n", entry.key));
        let again = again.ok().and_then(|mut e| e.pop());
        assert_eq!(again.map(|e| e.value), Some(entry.value));
    }
});
