//! Fixture loading shared by the `ssh_*` integration tests.

// Each test crate that includes this module uses only part of it.
#![allow(dead_code)]

use std::path::PathBuf;

use serde::Deserialize;

/// One entry of `tests/vectors/ssh/manifest.json` or `manifest-extra.json`.
#[derive(Debug, Deserialize)]
pub struct Entry {
    pub file: String,
    pub encrypted: bool,
    pub format: String,
    pub public_key: Option<String>,
    pub bits: Option<u32>,
    pub fingerprint: Option<String>,
    pub key_type_ssh: Option<String>,
    /// Only in `manifest-extra.json`: the `SshKeyError` variant name a refused key must give.
    pub error: Option<String>,
}

impl Entry {
    /// Whether the key is expected to parse.
    pub fn is_valid(&self) -> bool {
        !self.encrypted && self.error.is_none()
    }

    /// The fixture text.
    pub fn text(&self) -> String {
        std::fs::read_to_string(dir().join(&self.file)).expect("fixture file")
    }
}

fn dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/ssh"
    ))
}

/// Every entry of both manifests.
pub fn entries() -> Vec<Entry> {
    let mut all = Vec::new();
    for manifest in ["manifest.json", "manifest-extra.json"] {
        let text = std::fs::read_to_string(dir().join(manifest)).expect("manifest");
        let entries: Vec<Entry> = serde_json::from_str(&text).expect("manifest JSON");
        all.extend(entries);
    }
    assert!(all.len() >= 20, "both manifests should be read");
    all
}

/// Every fixture that should parse.
pub fn valid_entries() -> Vec<Entry> {
    entries().into_iter().filter(Entry::is_valid).collect()
}
