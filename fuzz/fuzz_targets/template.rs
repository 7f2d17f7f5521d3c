//! Arbitrary bytes into the `opkit inject` template parser: it never panics, its segments tile the
//! input exactly, and `${VAR}` expansion of each reference never panics either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use op_cli::template::{self, Segment};

fuzz_target!(|data: &[u8]| {
    let Ok(segments) = template::parse(data) else {
        return;
    };
    let mut at = 0;
    for segment in segments {
        let span = match segment {
            Segment::Text(range) => range,
            Segment::Reference { reference, span } => {
                assert!(reference.starts_with("op://"));
                let _ = template::expand(&reference, |name| (name.len() % 2 == 0).then(|| name.to_owned()));
                span
            }
        };
        assert_eq!(span.start, at);
        assert!(span.end > span.start);
        at = span.end;
    }
    assert_eq!(at, data.len());
});
