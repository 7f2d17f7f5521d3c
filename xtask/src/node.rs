//! The npm package `opkit` (bindings/op-node): build the addon and the TypeScript once, lint with
//! `tsc --noEmit`, run `node --test` against vault files made by the `opkit` binary, check the
//! package version, and the speed comparison with `@1password/sdk`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::{Totals, root, run};

fn package_dir() -> PathBuf {
    root().join("bindings").join("op-node")
}

/// The cargo target dir: `CARGO_TARGET_DIR` if set (it is shared on dev machines), else `<root>/target`.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

fn path_str(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// The napi-rs platform suffix of the addon file (`opkit.<suffix>.node`); ts/native.ts looks for it.
fn platform_suffix() -> String {
    let arch = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        other => other,
    };
    match std::env::consts::OS {
        "linux" if cfg!(target_env = "musl") => format!("linux-{arch}-musl"),
        "linux" => format!("linux-{arch}-gnu"),
        "windows" => format!("win32-{arch}-msvc"),
        os => format!("{os}-{arch}"),
    }
}

/// Builds the debug addon with plain cargo, so it shares every dependency artifact with `cargo
/// test` (the napi CLI passes `--target`, which would compile them all a second time), and puts it
/// where the package loads it (`cargo xtask test --no-dist`; the dist addon comes from `cargo
/// xtask dist`).
pub fn build_addon() -> Result<(), String> {
    run(
        "cargo",
        &["build", "-p", "op-node", "-p", "op-cli"],
        &[],
        &root(),
    )?;
    let lib = format!(
        "{}op_node{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    );
    let from = target_dir().join("debug").join(lib);
    let to = package_dir().join(format!("opkit.{}.node", platform_suffix()));
    std::fs::copy(&from, &to)
        .map_err(|e| format!("copying {} to {}: {e}", from.display(), to.display()))?;
    Ok(())
}

/// `npm ci` (the pinned devDependencies), then the TypeScript build.
pub fn build_package() -> Result<(), String> {
    let dir = package_dir();
    run("npm", &["ci", "--no-audit", "--no-fund"], &[], &dir)?;
    run(
        &path_str(&dir.join("node_modules/.bin/tsc")),
        &["-p", "tsconfig.json"],
        &[],
        &dir,
    )
}

/// Builds everything once (or takes the dist addon), lints, and runs the suite; adds its counts
/// to `totals`.
pub fn test(totals: &mut Totals, dist: Option<&crate::dist::Artifacts>) -> Result<(), String> {
    match dist {
        Some(a) => {
            run("cargo", &["build", "-p", "op-cli"], &[], &root())?;
            let to = package_dir().join(format!("opkit.{}.node", platform_suffix()));
            crate::dist::copy(&a.node_addon, &to)?;
        }
        None => build_addon()?,
    }
    build_package()?;
    let dir = package_dir();
    // Strict type checks of the sources, the tests and the examples against the shipped .d.ts.
    run(
        &path_str(&dir.join("node_modules/.bin/tsc")),
        &["-p", "tsconfig.check.json"],
        &[],
        &dir,
    )?;

    let mut files: Vec<String> = std::fs::read_dir(dir.join("test"))
        .map_err(|e| format!("bindings/op-node/test: {e}"))?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".test.js"))
        .map(|name| format!("test/{name}"))
        .collect();
    files.sort();
    let mut args = vec!["--test".to_owned(), "--test-reporter=tap".to_owned()];
    args.extend(files);
    let opkit = target_dir()
        .join("debug")
        .join(format!("opkit{}", std::env::consts::EXE_SUFFIX));
    eprintln!("\n==> node {}", args.join(" "));
    let mut child = Command::new("node")
        .args(&args)
        .env("OPKIT_BIN", &opkit)
        .current_dir(&dir)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start node: {e}"))?;
    let (mut passed, mut failed) = (0, 0);
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            // The TAP reporter closes with `# pass N` and `# fail N`.
            if let Some(n) = line.strip_prefix("# pass ") {
                passed += n.trim().parse::<u64>().unwrap_or(0);
            } else if let Some(n) = line.strip_prefix("# fail ") {
                failed += n.trim().parse::<u64>().unwrap_or(0);
            }
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("node did not finish: {e}"))?;
    println!("\nnode (bindings/op-node): {passed} passed, {failed} failed");
    totals.passed += passed;
    totals.failed += failed;
    if status.success() && failed == 0 && passed > 0 {
        Ok(())
    } else {
        Err(format!(
            "`node --test` in bindings/op-node failed ({status})"
        ))
    }
}

/// The dist addon in the package, then bench/compare.js: opkit against `@1password/sdk@0.5.0` in
/// one process, with the dist CLI making its vault file.
pub fn bench(dist: &crate::dist::Artifacts, rust_baseline: &str) -> Result<(), String> {
    let to = package_dir().join(format!("opkit.{}.node", platform_suffix()));
    crate::dist::copy(&dist.node_addon, &to)?;
    build_package()?;
    let dir = package_dir();
    let work = target_dir().join("op-node-bench");
    run(
        "node",
        &["bench/compare.js"],
        &[
            ("OPKIT_BENCH_DIR", &path_str(&work)),
            ("OPKIT_BIN", &path_str(&dist.cli_bin)),
            ("OPKIT_RUST_BASELINE", rust_baseline),
        ],
        &dir,
    )
}

/// The npm package carries the workspace version.
pub fn doctor(workspace_version: &str) -> Result<(), String> {
    for file in ["package.json", "package-lock.json"] {
        let path = package_dir().join(file);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let json: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let version = json["version"].as_str().unwrap_or("?");
        if version != workspace_version {
            return Err(format!(
                "bindings/op-node/{file} has version {version}; it must be the workspace version {workspace_version}"
            ));
        }
    }
    Ok(())
}
