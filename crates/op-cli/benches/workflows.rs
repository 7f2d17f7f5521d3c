//! `opkit run` and `opkit read` as users feel them: whole processes, wall time, medians of
//! interleaved runs, ratios against a baseline measured in the same run (these machines are noisy).
//!
//! - `run` with 50 references over 10 items vs `run` with none (goal: at most 1.3x);
//! - `read` cold (a new process each time), broken down against `--version` (process start and
//!   exit), `generate` (no vault file) and a read as the owner (Argon2 unlock).
//!
//! `cargo bench -p op-cli` runs it; under `cargo test` it only checks that its setup works.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_opkit");

fn opkit(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("OPKIT_DB", dir.join("v.opkit"))
        .env("OPKIT_CONFIG_DIR", dir.join("cfg"))
        .env("OPKIT_PASSWORD", "bench password")
        .env("OPKIT_KDF", "testing")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

fn output(dir: &Path, args: &[&str]) -> String {
    let out = opkit(dir, args).stdout(Stdio::piped()).output().unwrap();
    assert!(out.status.success(), "opkit {args:?} failed");
    String::from_utf8(out.stdout).unwrap()
}

fn time(mut cmd: Command) -> Duration {
    let start = Instant::now();
    let status = cmd.status().unwrap();
    let elapsed = start.elapsed();
    assert!(status.success());
    elapsed
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let rounds = if bench { 40 } else { 1 };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    output(d, &["account", "create", "--name", "Bench"]);
    output(d, &["vault", "create", "Prod"]);
    let mut refs = Vec::new();
    for i in 0..10 {
        let title = format!("Service {i}");
        let mut args = vec![
            "item".to_owned(),
            "create".into(),
            "--vault".into(),
            "Prod".into(),
            "--title".into(),
            title.clone(),
        ];
        for f in 0..5 {
            args.push(format!("Config.key{f}[password]=secret-{i}-{f}-value"));
            refs.push((
                format!("VAR_{i}_{f}"),
                format!("op://Prod/{title}/Config/key{f}"),
            ));
        }
        output(d, &args.iter().map(String::as_str).collect::<Vec<_>>());
    }
    let token = serde_json::from_str::<serde_json::Value>(&output(
        d,
        &[
            "service-account",
            "create",
            "--name",
            "ci",
            "--vault",
            "Prod:read",
            "--format",
            "json",
        ],
    ))
    .unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let as_ci = |args: &[&str]| {
        let mut cmd = opkit(d, args);
        cmd.env_remove("OPKIT_PASSWORD")
            .env("OP_SERVICE_ACCOUNT_TOKEN", &token);
        cmd
    };

    let (mut none, mut fifty) = (Vec::new(), Vec::new());
    let (mut version, mut generate, mut read, mut read_owner) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        none.push(time(as_ci(&["run", "--", "true"])));
        let mut cmd = as_ci(&["run", "--", "true"]);
        cmd.envs(refs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        fifty.push(time(cmd));
        version.push(time(opkit(d, &["--version"])));
        generate.push(time(opkit(d, &["generate"])));
        read.push(time(as_ci(&["read", "op://Prod/Service 3/Config/key2"])));
        read_owner.push(time(opkit(d, &["read", "op://Prod/Service 3/Config/key2"])));
    }
    if !bench {
        println!("opkit workflows bench: setup and one round ok (cargo bench -p op-cli measures)");
        return;
    }
    let (none, fifty) = (median(none), median(fifty));
    println!("opkit run -- true, service-account token, median of {rounds} interleaved runs:");
    println!("  no references:                  {}", ms(none));
    println!("  50 references over 10 items:    {}", ms(fifty));
    println!(
        "  ratio 50-refs / no-refs:        {:.2}x (goal <= 1.3x)",
        fifty.as_secs_f64() / none.as_secs_f64()
    );
    let (version, generate, read, read_owner) = (
        median(version),
        median(generate),
        median(read),
        median(read_owner),
    );
    println!("opkit read, cold (a new process each time), medians:");
    println!("  opkit --version (start + exit): {}", ms(version));
    println!("  opkit generate (no vault):      {}", ms(generate));
    println!(
        "  opkit read, token:              {} ({:.2}x --version)",
        ms(read),
        read.as_secs_f64() / version.as_secs_f64()
    );
    println!(
        "  opkit read, owner (Argon2 testing params): {}",
        ms(read_owner)
    );
    let start = version.as_secs_f64();
    let vault = (read.as_secs_f64() - generate.as_secs_f64()).max(0.0);
    println!(
        "  dominated by: process start/exit {:.0}%, opening the vault file + token auth + resolve {:.0}%",
        100.0 * start / read.as_secs_f64(),
        100.0 * vault / read.as_secs_f64()
    );
}
