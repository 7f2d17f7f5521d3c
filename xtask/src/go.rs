//! The Go binding (`bindings/op-go`): the C ABI staticlib, the Go package `opkit` linked to it
//! with cgo, its tests, fuzz target and benchmarks.
//!
//! Go keeps its build and module caches inside the target dir (`<target>/go`), never in the
//! user's home, and never downloads a toolchain (`GOTOOLCHAIN=local`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::{Totals, cargo, root, run};

/// Where cargo puts its builds: `$CARGO_TARGET_DIR` if set (relative to the root), else
/// `<root>/target`.
fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root().join(dir),
        _ => root().join("target"),
    }
}

fn package_dir() -> PathBuf {
    root().join("bindings").join("op-go")
}

fn text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// The environment of every `go` command: cgo linking the staticlib in `lib_dir`, caches in the
/// target dir, the opkit CLI for the tests' vault files.
fn go_env(lib_dir: &Path) -> Result<Vec<(String, String)>, String> {
    let target = target_dir();
    let lib = lib_dir.join("libop_go.a");
    // The stamp changes with the library, so Go rebuilds the cgo package (and relinks) whenever
    // the staticlib does; Go does not hash libraries it links by -l.
    let stamp = std::fs::metadata(&lib)
        .and_then(|m| m.modified())
        .map_err(|e| format!("{}: {e}", lib.display()))?
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let go = target.join("go");
    Ok(vec![
        ("CGO_ENABLED".into(), "1".into()),
        ("CGO_LDFLAGS".into(), format!("-L{}", text(lib_dir))),
        (
            "CGO_CFLAGS".into(),
            format!("-O2 -g -DOPKIT_LIB_STAMP={stamp}"),
        ),
        (
            "OPKIT_BIN".into(),
            text(&target.join("debug").join("opkit")),
        ),
        ("GOCACHE".into(), text(&go.join("cache"))),
        ("GOMODCACHE".into(), text(&go.join("mod"))),
        ("GOPATH".into(), text(&go.join("path"))),
        ("GOTOOLCHAIN".into(), "local".into()),
        ("GOTELEMETRY".into(), "off".into()),
        ("GOFLAGS".into(), String::new()),
    ])
}

fn go(args: &[&str], envs: &[(String, String)], dir: &Path) -> Result<(), String> {
    let envs: Vec<(&str, &str)> = envs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    run("go", args, &envs, dir)
}

/// Builds the debug staticlib and the CLI (a no-op when `cargo test` already did).
fn build_debug() -> Result<(), String> {
    cargo(&["build", "-p", "op-go", "-p", "op-cli"])
}

/// `gofmt -l` must print nothing.
fn gofmt(dir: &Path) -> Result<(), String> {
    eprintln!("\n==> gofmt -l .");
    let out = Command::new("gofmt")
        .args(["-l", "."])
        .current_dir(dir)
        .output()
        .map_err(|e| format!("could not start gofmt (is Go installed?): {e}"))?;
    let listed = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    if !out.status.success() || !listed.is_empty() {
        return Err(format!(
            "gofmt: these files need `gofmt -w`: {listed} {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(())
}

/// Lints and runs the Go tests with the race detector, adding their counts to `totals`; they link
/// the dist static library when there is one, else a debug build.
pub(crate) fn test(
    totals: &mut Totals,
    dist: Option<&crate::dist::Artifacts>,
) -> Result<(), String> {
    let dir = package_dir();
    let envs = match dist {
        Some(a) => {
            cargo(&["build", "-p", "op-cli"])?;
            go_env(&a.go_lib_dir)?
        }
        None => {
            build_debug()?;
            go_env(&target_dir().join("debug"))?
        }
    };
    gofmt(&dir)?;
    gofmt(&dir.join("bench"))?;
    go(&["vet", "./..."], &envs, &dir)?;
    let (passed, failed) = go_test_json(
        &["test", "-race", "-count=1", "-json", "./..."],
        &envs,
        &dir,
    )?;
    println!("\nGo tests (bindings/op-go, -race): {passed} passed, {failed} failed");
    totals.passed += passed;
    totals.failed += failed;
    if failed > 0 {
        return Err(format!("{failed} Go tests failed"));
    }
    if passed == 0 {
        return Err("no Go test ran".into());
    }
    Ok(())
}

/// Runs `go test -json`, printing the tests' output and counting passed and failed tests
/// (subtests included).
fn go_test_json(
    args: &[&str],
    envs: &[(String, String)],
    dir: &Path,
) -> Result<(u64, u64), String> {
    use std::io::{BufRead, BufReader};

    eprintln!("\n==> go {}", args.join(" "));
    let mut child = Command::new("go")
        .args(args)
        .envs(envs.iter().map(|(k, v)| (k, v)))
        .current_dir(dir)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start go (is Go installed?): {e}"))?;
    let (mut passed, mut failed) = (0, 0);
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let Ok(event) = serde_json::from_str::<serde_json::Value>(&line) else {
                println!("{line}");
                continue;
            };
            if let Some(output) = event["Output"].as_str() {
                print!("{output}");
            }
            if event["Test"].as_str().is_some() {
                match event["Action"].as_str() {
                    Some("pass") => passed += 1,
                    Some("fail") => failed += 1,
                    _ => {}
                }
            }
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("go did not finish: {e}"))?;
    if !status.success() && failed == 0 {
        return Err(format!("`go {}` failed ({status})", args.join(" ")));
    }
    Ok((passed, failed))
}

/// Fuzzes the C boundary from Go for `seconds`.
pub(crate) fn fuzz(seconds: &str) -> Result<(), String> {
    build_debug()?;
    let fuzz_time = format!("-fuzztime={seconds}s");
    go(
        &[
            "test",
            "-run=^$",
            "-fuzz=^FuzzCoreBoundary$",
            &fuzz_time,
            ".",
        ],
        &go_env(&target_dir().join("debug"))?,
        &package_dir(),
    )?;
    eprintln!("Go fuzz target FuzzCoreBoundary: {seconds} s without a crash");
    Ok(())
}

/// The Go package's `Version` must be the workspace version, and `sdkVersion` its build number.
pub(crate) fn doctor(workspace_version: &str) -> Result<(), String> {
    let path = package_dir().join("version.go");
    let source = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let build = crate::sdk_build_number(workspace_version);
    for (name, wanted) in [
        ("const Version", workspace_version),
        ("const sdkVersion", build.as_str()),
    ] {
        let declared = crate::declared_string(&source, name);
        if declared.as_deref() != Some(wanted) {
            return Err(format!(
                "bindings/op-go/version.go declares {name} {declared:?}; it must be {wanted:?} (workspace version {workspace_version})"
            ));
        }
    }
    Ok(())
}

/// Benchmarks the dist static library through opkit's Go package against the official Go SDK
/// and the Rust SDK in the same run, and prints the ratios.
pub(crate) fn bench(dist: &crate::dist::Artifacts, rust_baseline: &str) -> Result<(), String> {
    cargo(&["build", "-p", "op-cli"])?;
    let dir = package_dir().join("bench");
    let mut envs = go_env(&dist.go_lib_dir)?;
    envs.push(("OPKIT_RUST_BASELINE".into(), rust_baseline.into()));
    let mut results = capture_bench(
        &[
            "-bench=^(BenchmarkGeneratePassword|BenchmarkValidateSecretReference)$",
            "-benchtime=1s",
        ],
        &envs,
        &dir,
    )?;
    results.extend(capture_bench(
        &["-bench=^BenchmarkResidentMemory$", "-benchtime=1x"],
        &envs,
        &dir,
    )?);
    results.extend(capture_bench(
        &["-bench=^BenchmarkRustBaseline$", "-benchtime=3x"],
        &envs,
        &dir,
    )?);
    let (mut scaling, mut single) = (Vec::new(), Vec::new());
    for threads in ["1", "2"] {
        let mut envs = envs.clone();
        envs.push(("TOKIO_WORKER_THREADS".into(), threads.into()));
        let cpu = format!("-cpu={threads}");
        let r = capture_bench(
            &[
                "-bench=^BenchmarkResolve(64Goroutines)?$",
                "-benchtime=3s",
                &cpu,
            ],
            &envs,
            &dir,
        )?;
        scaling.push(metric(&r, "BenchmarkResolve64Goroutines", "ns/op")?);
        single.push(metric(&r, "BenchmarkResolve", "ns/op")?);
    }

    println!(
        "\nGo binding (dist static library) vs the official Go SDK v0.4.1 and the Rust SDK (same machine, same run):"
    );
    for name in [
        "BenchmarkGeneratePassword/random",
        "BenchmarkGeneratePassword/pin",
        "BenchmarkGeneratePassword/memorable",
        "BenchmarkValidateSecretReference",
    ] {
        let ours = metric(&results, &format!("{name}/opkit"), "ns/op")?;
        let theirs = metric(&results, &format!("{name}/official"), "ns/op")?;
        println!(
            "  {name}: opkit {ours:.0} ns/op, official {theirs:.0} ns/op: {:.1}x faster (goal >= 20x)",
            theirs / ours
        );
    }
    let base = metric(&results, "BenchmarkResidentMemory/baseline", "KiB-RSS")?;
    let ours = metric(&results, "BenchmarkResidentMemory/opkit", "KiB-RSS")?;
    let theirs = metric(&results, "BenchmarkResidentMemory/official", "KiB-RSS")?;
    println!(
        "  RSS of a fresh process: opkit after NewClient {ours:.0} KiB, official after loading its core (GeneratePassword) {theirs:.0} KiB, bare test binary {base:.0} KiB: opkit uses {:.1}% of the official (goal <= 20%)",
        100.0 * ours / theirs
    );
    let rust = metric(&results, "BenchmarkRustBaseline", "rust-ns/resolve")?;
    let rust_scaling = metric(&results, "BenchmarkRustBaseline", "rust-2/1")?;
    println!(
        "  warm resolve, Rust SDK (dist profile, same machine): {rust:.0} ns; two tasks / one: {rust_scaling:.2}x"
    );
    if let [one, two] = single[..] {
        println!(
            "  one goroutine resolving: {two:.0} ns/resolve = {:.2}x the Rust SDK (goal <= 2x); {one:.0} ns with 1 core",
            two / rust
        );
    }
    if let [one, two] = scaling[..] {
        println!(
            "  64 goroutines resolving on one client: {one:.0} ns/resolve with 1 core (GOMAXPROCS=1, 1 core thread), {two:.0} with 2: throughput x{:.2} with the second core (goal >= 1.7x)",
            one / two
        );
    }
    Ok(())
}

type BenchResults = Vec<(String, Vec<(String, f64)>)>;

fn metric(results: &BenchResults, name: &str, unit: &str) -> Result<f64, String> {
    results
        .iter()
        .find(|(n, _)| n == name)
        .and_then(|(_, metrics)| metrics.iter().find(|(u, _)| u == unit))
        .map(|(_, v)| *v)
        .ok_or_else(|| format!("the Go benchmarks reported no {unit} for {name}"))
}

/// Runs `go test -run=^$ <args>` in `dir`, echoing the output and parsing benchmark lines
/// (`BenchmarkX/y-2  N  123 ns/op  456 KiB-RSS`; the `-<GOMAXPROCS>` suffix is dropped).
fn capture_bench(
    args: &[&str],
    envs: &[(String, String)],
    dir: &Path,
) -> Result<BenchResults, String> {
    let mut all = vec!["test", "-run=^$", "-count=1"];
    all.extend_from_slice(args);
    eprintln!("\n==> go {}", all.join(" "));
    let out = Command::new("go")
        .args(&all)
        .envs(envs.iter().map(|(k, v)| (k, v)))
        .current_dir(dir)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("could not start go (is Go installed?): {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    print!("{stdout}");
    if !out.status.success() {
        return Err(format!("`go {}` failed ({})", all.join(" "), out.status));
    }
    Ok(parse_bench(&stdout))
}

/// Parses the benchmark lines of `go test -bench` output.
fn parse_bench(stdout: &str) -> BenchResults {
    let mut results = Vec::new();
    for line in stdout.lines().filter(|l| l.starts_with("Benchmark")) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let Some(raw_name) = fields.first() else {
            continue;
        };
        let name = match raw_name.rsplit_once('-') {
            Some((base, cpus)) if cpus.chars().all(|c| c.is_ascii_digit()) => base,
            _ => raw_name,
        };
        let metrics = fields
            .get(2..)
            .unwrap_or_default()
            .chunks(2)
            .filter_map(|pair| match pair {
                [value, unit] => value.parse().ok().map(|v| ((*unit).to_owned(), v)),
                _ => None,
            })
            .collect();
        results.push((name.to_owned(), metrics));
    }
    results
}

#[cfg(test)]
mod tests {
    use super::{metric, parse_bench};

    #[test]
    fn parses_go_benchmark_lines_with_and_without_the_cpu_suffix() {
        let out = "goos: linux\nBenchmarkGeneratePassword/pin/opkit-2   \t  196528\t      7452 ns/op\n\
                   BenchmarkResidentMemory/opkit-2 1 13595805 ns/op 22420 KiB-RSS\n\
                   BenchmarkResolve64Goroutines \t 116584\t 54606 ns/op\nPASS\n";
        let r = parse_bench(out);
        assert_eq!(
            metric(&r, "BenchmarkGeneratePassword/pin/opkit", "ns/op"),
            Ok(7452.0)
        );
        assert_eq!(
            metric(&r, "BenchmarkResidentMemory/opkit", "KiB-RSS"),
            Ok(22420.0)
        );
        assert_eq!(
            metric(&r, "BenchmarkResolve64Goroutines", "ns/op"),
            Ok(54606.0)
        );
        assert!(metric(&r, "BenchmarkNope", "ns/op").is_err());
    }
}
