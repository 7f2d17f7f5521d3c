//! `cargo xtask dist`: what users install, each built once into `dist/` with a
//! `SHA256SUMS`: the Python wheel (abi3, manylinux2014) and sdist, the npm package `opkit` and its
//! platform package, the Go module with its prebuilt static library, and the CLI archive.
//!
//! Everything native is compiled and linked by zig against glibc 2.17, whatever the build host's
//! glibc is; the tools come pinned from PyPI (`xtask/dist-requirements.txt`) into `<target>`.
//! The unpacked trees (the Go module, the npm packages, the CLI folder) stay in
//! `<target>/dist-stage/`, where the binding tests reuse them instead of building second copies.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::{dist_cli, dist_go, dist_npm, dist_py, dist_tools, root};

/// The one platform built and tested here (docs/platforms.md lists the planned ones).
pub const RUST_TARGET: &str = "x86_64-unknown-linux-gnu";
/// The oldest glibc every artifact runs on (manylinux2014).
pub const GLIBC: &str = "2.17";
/// The workspace version (xtask carries it like every package).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Where every artifact and tree of one `dist` run is.
pub struct Artifacts {
    /// The abi3 manylinux2014 wheel.
    pub wheel: PathBuf,
    /// The Python source distribution.
    pub sdist: PathBuf,
    /// `opkit-<version>.tgz`, the npm package.
    pub npm_main: PathBuf,
    /// `opkit-linux-x64-gnu-<version>.tgz`, its optional platform package.
    pub npm_platform: PathBuf,
    /// The Node-API addon inside the platform package's tree.
    pub node_addon: PathBuf,
    /// The Go module tree (go.mod at its root).
    pub go_module: PathBuf,
    /// Its archive.
    pub go_archive: PathBuf,
    /// The folder inside the Go module holding `libop_go.a` for linux/amd64.
    pub go_lib_dir: PathBuf,
    /// The CLI release archive.
    pub cli_archive: PathBuf,
    /// The `opkit` binary inside the CLI tree.
    pub cli_bin: PathBuf,
}

/// The cargo target dir: `CARGO_TARGET_DIR` if set, else `<root>/target`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root().join(dir),
        _ => root().join("target"),
    }
}

/// The downloadable files and `SHA256SUMS`: `<root>/dist/` (ignored by git). Not `<target>/dist`,
/// which is cargo's own folder for the `dist` profile.
pub fn dist_dir() -> PathBuf {
    root().join("dist")
}

/// The unpacked trees the archives are made of.
pub fn stage_dir() -> PathBuf {
    target_dir().join("dist-stage")
}

/// The target dir of the zig-linked build of the addon, the static library and the CLI. Not the
/// main one: maturin's zig wrappers sit at another path than cargo-zigbuild's, cargo fingerprints
/// the linker, and sharing one dir made each build recompile the other's dependencies every run.
pub fn cross_target_dir() -> PathBuf {
    target_dir().join("dist-cross")
}

/// Where that build's outputs land.
pub fn cross_profile_dir() -> PathBuf {
    cross_target_dir().join(RUST_TARGET).join("dist")
}

pub(crate) fn s(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Runs `f`, printing how long it took (CI logs keep the cost of every dist step).
pub(crate) fn timed<T>(what: &str, f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    let start = Instant::now();
    let out = f();
    eprintln!(
        "dist: {what}: {:.1} s{}",
        start.elapsed().as_secs_f64(),
        if out.is_ok() { "" } else { " (failed)" }
    );
    out
}

pub(crate) fn fresh_dir(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))
}

pub(crate) fn copy(from: &Path, to: &Path) -> Result<(), String> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("copying {} to {}: {e}", from.display(), to.display()))
}

pub(crate) fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The licence files every package carries: both licences of the project and the notices of the
/// word list compiled into op-core (CC BY 3.0 US, MIT, SCOWL).
pub(crate) fn licence_files() -> [(PathBuf, &'static str); 3] {
    let root = root();
    [
        (root.join("LICENSE-MIT"), "LICENSE-MIT"),
        (root.join("LICENSE-APACHE"), "LICENSE-APACHE"),
        (
            root.join("crates/op-core/src/generator/words/README.md"),
            "NOTICE-wordlist.md",
        ),
    ]
}

/// Copies the licence files into `dir`.
pub(crate) fn copy_licences(dir: &Path) -> Result<(), String> {
    for (from, name) in licence_files() {
        copy(&from, &dir.join(name))?;
    }
    Ok(())
}

/// `tar -czf <archive> -C <parent> <name>` with fixed owners, order and times, so an unchanged tree
/// gives the same archive.
pub(crate) fn tar_gz(archive: &Path, parent: &Path, name: &str) -> Result<(), String> {
    crate::run(
        "tar",
        &[
            "--sort=name",
            "--owner=0",
            "--group=0",
            "--numeric-owner",
            "--mtime=@0",
            "-czf",
            &s(archive),
            "-C",
            &s(parent),
            name,
        ],
        &[],
        &root(),
    )
}

/// The newest `GLIBC_x.y` symbol version an ELF file asks for (its version-needed strings), or
/// `None` when it names none.
pub fn glibc_floor(path: &Path) -> Result<Option<(u32, u32)>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(newest_glibc(&bytes))
}

fn newest_glibc(bytes: &[u8]) -> Option<(u32, u32)> {
    let needle = b"GLIBC_2.";
    let mut newest = None;
    let mut i = 0;
    while let Some(at) = bytes[i..].windows(needle.len()).position(|w| w == needle) {
        let start = i + at + needle.len();
        let digits: Vec<u8> = bytes[start..]
            .iter()
            .copied()
            .take_while(u8::is_ascii_digit)
            .collect();
        if let Ok(minor) = std::str::from_utf8(&digits).unwrap_or("").parse::<u32>() {
            newest = newest.max(Some((2, minor)));
        }
        i = start;
    }
    newest
}

/// Fails unless `path` runs on glibc 2.17.
pub(crate) fn check_glibc(path: &Path) -> Result<String, String> {
    match glibc_floor(path)? {
        Some((2, minor)) if minor > 17 => Err(format!(
            "{} needs glibc 2.{minor}; the distribution builds must run on glibc {GLIBC}",
            path.display()
        )),
        Some((major, minor)) => Ok(format!("needs glibc >= {major}.{minor}")),
        None => Ok("names no glibc symbol version".into()),
    }
}

/// The shared libraries `ldd` says `path` loads, by name (`libc.so.6, libm.so.6, ...`).
pub(crate) fn ldd(path: &Path) -> String {
    let out = std::process::Command::new("ldd").arg(path).output();
    let Ok(out) = out else {
        return "ldd not available".into();
    };
    let names: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .filter(|n| !n.starts_with("linux-vdso") && !n.starts_with('/'))
        .collect();
    format!("ldd: {}", names.join(", "))
}

/// The size of a file, or of every file under a folder, in bytes.
pub fn size_of(path: &Path) -> u64 {
    if path.is_dir() {
        std::fs::read_dir(path)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| size_of(&e.path()))
                    .sum()
            })
            .unwrap_or(0)
    } else {
        std::fs::symlink_metadata(path)
            .map(|m| m.len())
            .unwrap_or(0)
    }
}

pub(crate) fn mib(bytes: u64) -> String {
    format!("{:.2} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// The packages built from their own folder (the Python sdist and wheel by maturin, the Go module
/// by `go get` of the repository) carry committed copies of the licence files: they must match.
pub fn doctor() -> Result<(), String> {
    for package in ["bindings/op-py", "bindings/op-go"] {
        for (from, name) in licence_files() {
            let copy = root().join(package).join(name);
            let same = std::fs::read(&from)
                .ok()
                .is_some_and(|a| std::fs::read(&copy).ok() == Some(a));
            if !same {
                return Err(format!(
                    "{package}/{name} must be a copy of {}: cp {} {package}/{name}",
                    from.strip_prefix(root()).unwrap_or(&from).display(),
                    from.strip_prefix(root()).unwrap_or(&from).display()
                ));
            }
        }
    }
    Ok(())
}

/// `SHA256SUMS` over every file in the dist dir, in the format `sha256sum -c` reads.
fn write_sums(dir: &Path) -> Result<(), String> {
    use sha2::{Digest, Sha256};
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "SHA256SUMS")
        .collect();
    names.sort();
    let mut sums = String::new();
    for name in names {
        let bytes = std::fs::read(dir.join(&name)).map_err(|e| format!("{name}: {e}"))?;
        let digest = Sha256::digest(&bytes);
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        sums.push_str(&format!("{hex}  {name}\n"));
    }
    write(&dir.join("SHA256SUMS"), &sums)
}

/// Builds every artifact once and prints what was made, with sizes and what the checks report.
pub fn dist() -> Result<Artifacts, String> {
    let start = Instant::now();
    for (from, _) in licence_files() {
        if !from.is_file() {
            return Err(format!("{} is missing", from.display()));
        }
    }
    let tools = timed("tools (maturin, zig, auditwheel)", dist_tools::install)?;
    fresh_dir(&dist_dir())?;
    fresh_dir(&stage_dir())?;
    let (wheel, sdist, auditwheel) = timed("Python wheel and sdist", || dist_py::build(&tools))?;
    timed(
        "npm addon, Go static library and CLI (zig, glibc 2.17)",
        || dist_tools::cross_build(&tools),
    )?;
    let npm = timed("npm packages", dist_npm::package)?;
    let go = timed("Go module", dist_go::package)?;
    let cli = timed("CLI archive", dist_cli::package)?;
    write_sums(&dist_dir())?;

    let artifacts = Artifacts {
        wheel,
        sdist,
        npm_main: npm.main,
        npm_platform: npm.platform,
        node_addon: npm.addon,
        go_module: go.module,
        go_archive: go.archive,
        go_lib_dir: go.lib_dir,
        cli_archive: cli.archive,
        cli_bin: cli.bin,
    };
    println!("\ndist: {} (SHA256SUMS beside them)", dist_dir().display());
    let a = &artifacts;
    for (path, note) in [
        (&a.wheel, auditwheel),
        (&a.sdist, "builds with pip from its own contents".into()),
        (&a.npm_main, "loads its platform package".into()),
        (
            &a.npm_platform,
            format!(
                "addon {}, {}; {}",
                mib(size_of(&a.node_addon)),
                check_glibc(&a.node_addon)?,
                ldd(&a.node_addon)
            ),
        ),
        (
            &a.go_archive,
            format!(
                "static library {} for linux/amd64",
                mib(size_of(&a.go_lib_dir.join("libop_go.a")))
            ),
        ),
        (
            &a.cli_archive,
            format!(
                "opkit {}, {}; {}",
                mib(size_of(&a.cli_bin)),
                check_glibc(&a.cli_bin)?,
                ldd(&a.cli_bin)
            ),
        ),
    ] {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        println!(
            "  {:<64} {:>10}  {note}",
            name.unwrap_or_default(),
            mib(size_of(path))
        );
    }
    println!("  the Go module tree: {}", a.go_module.display());
    eprintln!(
        "dist: all artifacts in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    Ok(artifacts)
}

#[cfg(test)]
mod tests {
    use super::newest_glibc;

    #[test]
    fn finds_the_newest_glibc_version_needed() {
        let bytes = b"\0GLIBC_2.2.5\0GLIBC_2.17\0libc.so.6\0GLIBC_2.3.4\0GLIBC_PRIVATE\0";
        assert_eq!(newest_glibc(bytes), Some((2, 17)));
        assert_eq!(newest_glibc(b"\0GLIBC_2.34\0GLIBC_2.9"), Some((2, 34)));
        assert_eq!(newest_glibc(b"no versions here"), None);
    }
}
