//! `cargo xtask schema [--check]`: the wire contract's JSON Schema and the bindings' type modules.
//!
//! The schema is derived from the Rust types (op-sdk's `schema` example, schemars behind the
//! `schema` feature) and committed as `schema/opkit.schema.json`; every generated file is derived
//! from that schema alone. `--check` (run by `cargo xtask test`) regenerates everything in memory
//! and fails when a committed file differs, so neither the schema nor a binding can drift from
//! `op_core::wire`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::codegen;
use crate::root;

/// Where the committed schema lives, relative to the repository root.
pub const SCHEMA_PATH: &str = "schema/opkit.schema.json";

/// Regenerates the schema and every generated file; with `check`, only compares.
pub fn schema(check: bool) -> Result<(), String> {
    let text = derive_schema()?;
    let schema: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| format!("the schema example printed invalid JSON: {e}"))?;
    let mut outputs = vec![(PathBuf::from(SCHEMA_PATH), text)];
    outputs.extend(codegen::generate_all(&schema)?);
    let root = root();
    let mut stale = Vec::new();
    for (path, content) in &outputs {
        let full = root.join(path);
        let current = std::fs::read_to_string(&full).ok();
        if current.as_deref() == Some(content.as_str()) {
            continue;
        }
        if check {
            stale.push(path.display().to_string());
        } else {
            write(&full, content)?;
            eprintln!("schema: wrote {}", path.display());
        }
    }
    if !stale.is_empty() {
        return Err(format!(
            "generated files are stale (run `cargo xtask schema` and commit the result): {}",
            stale.join(", ")
        ));
    }
    eprintln!(
        "schema: {} files {}",
        outputs.len(),
        if check { "up to date" } else { "in place" }
    );
    Ok(())
}

fn derive_schema() -> Result<String, String> {
    let args = [
        "run",
        "--quiet",
        "-p",
        "op-sdk",
        "--features",
        "schema",
        "--example",
        "schema",
    ];
    eprintln!("\n==> cargo {}", args.join(" "));
    let out = Command::new("cargo")
        .args(args)
        .current_dir(root())
        .output()
        .map_err(|e| format!("could not start cargo: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "the schema example failed ({}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("the schema is not UTF-8: {e}"))
}

fn write(path: &Path, content: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, content).map_err(|e| format!("{}: {e}", path.display()))
}
