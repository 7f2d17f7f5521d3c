//! The pinned distribution tools (`xtask/dist-requirements.txt`) in a venv under the target dir,
//! and the one zig-linked release build of the npm addon, the Go static library and the CLI.

use std::path::PathBuf;

use crate::dist::{GLIBC, RUST_TARGET, cross_target_dir, s, target_dir};
use crate::{root, run};

/// The venv's `bin` folder and the environment every dist tool runs in.
pub struct Tools {
    /// `<target>/dist-tools/bin`.
    pub bin: PathBuf,
    envs: Vec<(String, String)>,
}

impl Tools {
    /// `PATH` with the venv first (cargo-zigbuild and maturin find zig as `python3 -m ziglang`),
    /// zig's and cargo-zigbuild's caches inside the target dir rather than the user's home.
    pub fn envs(&self) -> Vec<(&str, &str)> {
        self.envs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }

    pub fn tool(&self, name: &str) -> String {
        s(&self.bin.join(name))
    }
}

pub fn install() -> Result<Tools, String> {
    let requirements = root().join("xtask").join("dist-requirements.txt");
    let bin = crate::py::venv("dist-tools", &requirements)?;
    let cache = target_dir().join("dist-tools").join("cache");
    let path = match std::env::var_os("PATH") {
        Some(p) => format!("{}:{}", s(&bin), p.to_string_lossy()),
        None => s(&bin),
    };
    let envs = vec![
        ("PATH".into(), path),
        ("XDG_CACHE_HOME".into(), s(&cache)),
        ("ZIG_GLOBAL_CACHE_DIR".into(), s(&cache.join("zig"))),
        ("ZIG_LOCAL_CACHE_DIR".into(), s(&cache.join("zig-local"))),
    ];
    Ok(Tools { bin, envs })
}

/// `cargo zigbuild --profile dist --target x86_64-unknown-linux-gnu.2.17` of the crates behind the
/// npm addon, the Go static library and the CLI: one build, their dependencies compiled once, in
/// its own target dir (see `cross_target_dir`).
pub fn cross_build(tools: &Tools) -> Result<(), String> {
    let target = format!("{RUST_TARGET}.{GLIBC}");
    let dir = s(&cross_target_dir());
    run(
        &tools.tool("cargo-zigbuild"),
        &[
            "zigbuild",
            "--profile",
            "dist",
            "--target",
            &target,
            "--target-dir",
            &dir,
            "-p",
            "op-node",
            "-p",
            "op-go",
            "-p",
            "op-cli",
        ],
        &tools.envs(),
        &root(),
    )
}
