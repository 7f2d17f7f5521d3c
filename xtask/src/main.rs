//! `cargo xtask <command>`: the one entry point for people and CI.
//!
//! Every command prints what it runs, stops at the first failure and exits non-zero with it.

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

mod codegen;
mod dist;
mod dist_check;
mod dist_cli;
mod dist_go;
mod dist_npm;
mod dist_py;
mod dist_tools;
mod go;
mod node;
mod py;
mod schema;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  demo                 `opkit demo`: every SDK operation on a throwaway vault file
  test [--no-dist]     every check and test: version check, fmt, clippy, all tests (incl. ignored slow ones),
                       then `dist` and the binding tests against its artifacts, and the artifacts installed
                       as users install them (--no-dist: binding tests against debug builds, no artifacts)
  bench [--bindings]   criterion benchmarks (release build), each printing its ratio against a baseline,
                       then each binding's dist artifact against the official package and the Rust SDK
                       (--bindings: only the binding benchmarks)
  schema [--check]     derive schema/opkit.schema.json from the wire types and generate the bindings' type modules
  dist [--check]       what users install, into dist/ with SHA256SUMS: the manylinux2014 wheel and
                       sdist, the npm packages, the Go module with its static library, the CLI archive
                       (--check: then install each the way users do and run it, as `test` does)
  fuzz [--seconds N]   every cargo-fuzz target for N seconds each (default 60); installs cargo-fuzz if missing
  doctor               check the toolchain and that every package carries the workspace version
";

/// Rust version the workspace is pinned to (see docs/adr/0002-toolchain-pin.md).
const PINNED_RUSTC: &str = "1.95.";

/// The cargo-fuzz release `cargo xtask fuzz` installs.
const CARGO_FUZZ: &str = "cargo-fuzz@0.13.2";

const FUZZ_TARGETS: [&str; 9] = [
    "secret_reference",
    "otpauth_uri",
    "ssh_key",
    "item_json",
    "invoke",
    "token",
    "crypto_blobs",
    "dotenv",
    "template",
];

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("demo") => demo(),
        Some("test") => match &args[1..] {
            [] => test(true),
            [flag] if flag == "--no-dist" => test(false),
            _ => Err("usage: cargo xtask test [--no-dist]".into()),
        },
        Some("dist") => match &args[1..] {
            [] => dist::dist().map(|_| ()),
            [flag] if flag == "--check" => dist_only_checks(),
            _ => Err("usage: cargo xtask dist [--check]".into()),
        },
        Some("bench") => match &args[1..] {
            [] => bench(true),
            [flag] if flag == "--bindings" => bench(false),
            _ => Err("usage: cargo xtask bench [--bindings]".into()),
        },
        Some("schema") => match &args[1..] {
            [] => schema::schema(false),
            [flag] if flag == "--check" => schema::schema(true),
            _ => Err("usage: cargo xtask schema [--check]".into()),
        },
        Some("fuzz") => fuzz(&args[1..]),
        Some("doctor") => doctor(),
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn root() -> PathBuf {
    // xtask lives in <root>/xtask.
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn run(program: &str, args: &[&str], envs: &[(&str, &str)], dir: &Path) -> Result<(), String> {
    eprintln!("\n==> {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .envs(envs.iter().copied())
        .current_dir(dir)
        .status()
        .map_err(|e| format!("could not start {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

fn cargo(args: &[&str]) -> Result<(), String> {
    run("cargo", args, &[], &root())
}

fn demo() -> Result<(), String> {
    // `opkit demo` makes a throwaway vault file in a temp dir and walks through every operation.
    cargo(&["run", "--quiet", "-p", "op-cli", "--", "demo"])
}

fn test(with_dist: bool) -> Result<(), String> {
    doctor()?;
    // The committed schema and every generated type module must match the Rust wire types.
    schema::schema(true)?;
    cargo(&["fmt", "--all", "--", "--check"])?;
    cargo(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])?;
    let mut totals = Totals::default();
    cargo_test(&["test", "--workspace", "--all-targets"], &mut totals)?;
    cargo_test(&["test", "--workspace", "--doc"], &mut totals)?;
    // Slow statistical checks (chi-square over 100,000+ draws) run here, not on every `cargo test`.
    cargo_test(
        &[
            "test",
            "--workspace",
            "--lib",
            "--tests",
            "--",
            "--ignored",
            "--skip",
            "child_process",
        ],
        &mut totals,
    )?;
    // The binding suites run against the artifacts users install when there are some, so each
    // native library is built once (release, zig-linked) instead of once more in debug.
    let artifacts = if with_dist { Some(dist::dist()?) } else { None };
    py::test(&mut totals, artifacts.as_ref())?;
    go::test(&mut totals, artifacts.as_ref())?;
    node::test(&mut totals, artifacts.as_ref())?;
    if let Some(a) = &artifacts {
        dist_check::test(a, &mut totals)?;
    }
    // One closing line for the whole run, so the total is not buried among per-binary summaries.
    println!(
        "\nall Rust tests (including {} slow ones that plain `cargo test` skips):",
        totals.ignored
    );
    println!("{} passed, {} failed", totals.passed, totals.failed);
    if totals.passed == 0 {
        Err("no test ran".into())
    } else {
        Ok(())
    }
}

/// `cargo xtask dist --check`: the artifacts and their install checks, without the rest of `test`.
fn dist_only_checks() -> Result<(), String> {
    let artifacts = dist::dist()?;
    let mut totals = Totals::default();
    dist_check::test(&artifacts, &mut totals)?;
    println!("{} passed, {} failed", totals.passed, totals.failed);
    Ok(())
}

#[derive(Default)]
struct Totals {
    passed: u64,
    failed: u64,
    ignored: u64,
}

impl Totals {
    /// Adds the counts of a libtest summary line (`test result: ok. 3 passed; 0 failed; ...`).
    fn add(&mut self, line: &str) {
        let Some(rest) = line.trim().strip_prefix("test result: ") else {
            return;
        };
        for part in rest.split(';') {
            let mut words = part.split_whitespace().rev();
            let (Some(label), Some(count)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(count) = count.parse::<u64>() else {
                continue;
            };
            match label {
                "passed" => self.passed += count,
                "failed" => self.failed += count,
                "ignored" => self.ignored += count,
                _ => {}
            }
        }
    }
}

/// Runs a `cargo test` command, echoing its output and adding up its summary lines.
fn cargo_test(args: &[&str], totals: &mut Totals) -> Result<(), String> {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;

    eprintln!("\n==> cargo {}", args.join(" "));
    let mut child = Command::new("cargo")
        .args(args)
        .current_dir(root())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start cargo: {e}"))?;
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            totals.add(&line);
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("cargo did not finish: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`cargo {}` failed ({status})", args.join(" ")))
    }
}

fn bench(criterion: bool) -> Result<(), String> {
    if criterion {
        cargo(&[
            "bench",
            "-p",
            "op-core",
            "-p",
            "op-crypto",
            "-p",
            "op-store",
            "-p",
            "op-sdk",
            "-p",
            "op-cli",
            "--benches",
            "--",
            "--warm-up-time",
            "1",
            "--measurement-time",
            "3",
        ])?;
    }
    // The package benchmarks (speed and installed size against the official packages) measure the
    // artifacts users install, each beside the Rust SDK's own resolve built with the same profile.
    let artifacts = dist::dist()?;
    let baseline = rust_baseline()?;
    py::bench(&artifacts, &baseline)?;
    go::bench(&artifacts, &baseline)?;
    node::bench(&artifacts, &baseline)
}

/// The Rust SDK's warm-resolve baseline (`op-sdk/examples/resolve_baseline.rs`) built with the
/// `dist` profile, the one the wheel, the addon and the static library are built with.
fn rust_baseline() -> Result<String, String> {
    cargo(&[
        "build",
        "--quiet",
        "--profile",
        "dist",
        "-p",
        "op-sdk",
        "--example",
        "resolve_baseline",
    ])?;
    let binary = dist::target_dir()
        .join("dist")
        .join("examples")
        .join("resolve_baseline");
    Ok(dist::s(&binary))
}

fn fuzz(args: &[String]) -> Result<(), String> {
    let seconds = match args {
        [] => "60".to_owned(),
        [flag, n] if flag == "--seconds" && n.parse::<u32>().is_ok() => n.clone(),
        _ => return Err("usage: cargo xtask fuzz [--seconds N]".into()),
    };
    // cargo-fuzz is installed inside the clone (target/tools), never into the user's ~/.cargo.
    let tools = root().join("target").join("tools");
    let cargo_fuzz = tools.join("bin").join("cargo-fuzz");
    if !cargo_fuzz.exists() {
        let tools = tools.to_string_lossy().into_owned();
        cargo(&["install", "--locked", "--root", &tools, CARGO_FUZZ])?;
    }
    let cargo_fuzz = cargo_fuzz.to_string_lossy().into_owned();
    // cargo-fuzz needs nightly-only flags (-Zsanitizer); the pinned stable toolchain allows them
    // with RUSTC_BOOTSTRAP=1, which is confined to this command.
    let envs = [("RUSTC_BOOTSTRAP", "1")];
    let fuzz_dir = root().join("fuzz");
    build_fuzz_targets(&cargo_fuzz, &envs, &fuzz_dir)?;
    for target in FUZZ_TARGETS {
        let max_time = format!("-max_total_time={seconds}");
        // The working corpus (ignored by git) comes first, so libFuzzer writes only there; the
        // committed seeds and, for SSH keys, the key fixtures start it off with valid inputs.
        let corpus = format!("corpus/{target}");
        std::fs::create_dir_all(fuzz_dir.join(&corpus)).map_err(|e| format!("{corpus}: {e}"))?;
        let seeds = format!("seeds/{target}");
        let mut args = vec!["fuzz", "run", target, corpus.as_str()];
        if fuzz_dir.join(&seeds).is_dir() {
            args.push(seeds.as_str());
        }
        if target == "ssh_key" {
            args.push("../tests/vectors/ssh");
        }
        args.extend(["--", max_time.as_str(), "-rss_limit_mb=4096"]);
        run(&cargo_fuzz, &args, &envs, &fuzz_dir)?;
        eprintln!("fuzz target {target}: {seconds} s without a crash");
    }
    go::fuzz(&seconds)?;
    Ok(())
}

/// Builds every fuzz target in one cargo invocation (the instrumented dependencies once, the
/// links in parallel). The compiler's output is printed with long lines shortened: a failed link
/// prints the whole linker command line first, and a CI log that cuts long lines would otherwise
/// lose the linker's own message after it. A failed build is retried once, after its output is
/// shown, so a link that failed for a transient reason of the machine (a linker killed for
/// memory, a full disk freed since) says so instead of failing the run unexplained.
fn build_fuzz_targets(cargo_fuzz: &str, envs: &[(&str, &str)], dir: &Path) -> Result<(), String> {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;

    const SHOWN: usize = 600;
    let build = || -> Result<bool, String> {
        eprintln!("\n==> {cargo_fuzz} fuzz build");
        let mut child = Command::new(cargo_fuzz)
            .args(["fuzz", "build"])
            .envs(envs.iter().copied())
            .current_dir(dir)
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("could not start {cargo_fuzz}: {e}"))?;
        if let Some(stderr) = child.stderr.take() {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                match line.char_indices().nth(SHOWN) {
                    Some((cut, _)) => {
                        eprintln!("{} [... {} more bytes]", &line[..cut], line.len() - cut)
                    }
                    None => eprintln!("{line}"),
                }
            }
        }
        let status = child.wait().map_err(|e| format!("{cargo_fuzz}: {e}"))?;
        Ok(status.success())
    };
    if build()? {
        return Ok(());
    }
    disk_report();
    eprintln!("xtask: building the fuzz targets failed (output above); retrying once");
    if build()? {
        Ok(())
    } else {
        Err("building the fuzz targets failed twice (see the compiler output above)".into())
    }
}

/// Free disk and memory, for a log that has to explain a failed build.
fn disk_report() {
    for (program, args) in [("df", &["-h", "."][..]), ("free", &["-m"][..])] {
        let _ = Command::new(program)
            .args(args)
            .current_dir(root())
            .status();
    }
}

fn doctor() -> Result<(), String> {
    let out = Command::new("rustc")
        .arg("--version")
        .output()
        .map_err(|e| format!("rustc not found: {e}"))?;
    let version = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    if !version.starts_with(&format!("rustc {PINNED_RUSTC}")) {
        eprintln!(
            "warning: {version} is not the pinned Rust {PINNED_RUSTC}x; builds may differ from CI"
        );
    }
    let out = Command::new("cargo")
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .current_dir(root())
        .output()
        .map_err(|e| format!("cargo metadata failed: {e}"))?;
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("cargo metadata printed no JSON: {e}"))?;
    let packages = meta["packages"].as_array().cloned().unwrap_or_default();
    let versions: Vec<(String, String)> = packages
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap_or("?").to_owned(),
                p["version"].as_str().unwrap_or("?").to_owned(),
            )
        })
        .collect();
    let first = versions.first().map(|(_, v)| v.clone()).unwrap_or_default();
    let drift: Vec<String> = versions
        .iter()
        .filter(|(_, v)| *v != first)
        .map(|(n, v)| format!("{n} {v}"))
        .collect();
    node::doctor(&first)?;
    if !drift.is_empty() {
        return Err(format!(
            "every package must carry version {first}; these differ: {}",
            drift.join(", ")
        ));
    }
    py::doctor(&first)?;
    go::doctor(&first)?;
    dist::doctor()?;
    eprintln!(
        "doctor: {version}; {} packages at version {first}",
        versions.len()
    );
    Ok(())
}

/// A version in the official wrappers' `sdkVersion` form (major, two-digit minor and patch, build
/// `00`): `0.1.0` → `0010000`. Every binding sends this; `doctor` checks their constants.
pub(crate) fn sdk_build_number(version: &str) -> String {
    let mut parts = version
        .split(['.', '-', '+'])
        .map(|p| p.parse::<u32>().unwrap_or(0));
    let mut next = || parts.next().unwrap_or(0);
    let (major, minor, patch) = (next(), next(), next());
    format!("{major}{minor:02}{patch:02}00")
}

/// The string literal a source line assigns, for `doctor`: `NAME = "x"` or `const NAME = "x"`.
pub(crate) fn declared_string(source: &str, prefix: &str) -> Option<String> {
    source.lines().find_map(|l| {
        let rest = l.trim().strip_prefix(prefix)?.trim();
        let rest = rest.strip_prefix('=')?.trim();
        Some(rest.trim_matches('"').to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::{Totals, declared_string, sdk_build_number};

    #[test]
    fn build_numbers_follow_the_official_form() {
        assert_eq!(sdk_build_number("0.1.0"), "0010000");
        assert_eq!(sdk_build_number("0.4.2"), "0040200");
        assert_eq!(sdk_build_number("1.12.3-rc.1"), "1120300");
        assert_eq!(
            declared_string("x\nconst sdkVersion = \"0010000\"\n", "const sdkVersion").as_deref(),
            Some("0010000")
        );
        assert_eq!(
            declared_string("SDK_VERSION_X = \"1\"", "SDK_VERSION"),
            None
        );
    }

    #[test]
    fn adds_up_libtest_summaries() {
        let mut t = Totals::default();
        t.add("test result: ok. 82 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.02s");
        t.add("test result: FAILED. 3 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.1s");
        t.add("running 5 tests");
        assert_eq!((t.passed, t.failed, t.ignored), (85, 2, 1));
    }
}
