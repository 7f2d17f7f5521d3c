//! The committed `include/opkit.h` must be what cbindgen makes of `src/lib.rs` today.
//!
//! Run `OPKIT_BLESS=1 cargo test -p op-go --test header` after changing the exports.

use std::path::Path;

#[test]
fn the_committed_header_is_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).unwrap();
    let bindings = cbindgen::Builder::new()
        .with_config(config)
        .with_src(dir.join("src/lib.rs"))
        .generate()
        .unwrap();
    let mut generated = Vec::new();
    bindings.write(&mut generated);
    let path = dir.join("include/opkit.h");
    if std::env::var_os("OPKIT_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "include/opkit.h is stale; regenerate it with `OPKIT_BLESS=1 cargo test -p op-go --test header`\n\ngenerated:\n{}",
        String::from_utf8_lossy(&generated)
    );
}
