//! The Python package (bindings/op-py): a venv under the target dir with the pinned tools, one
//! debug build of the wheel, installed and tested as a user would get it, plus the linters.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::{Totals, root, run};

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

fn package() -> PathBuf {
    root().join("bindings").join("op-py")
}

fn s(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// `<target>/<name>` as a venv with `requirements` installed (re-installed when they change).
pub(crate) fn venv(name: &str, requirements: &Path) -> Result<PathBuf, String> {
    let dir = target_dir().join(name);
    let bin = dir.join("bin");
    if !bin.join("python").exists() {
        run("python3", &["-m", "venv", &s(&dir)], &[], &root())?;
    }
    let wanted = std::fs::read_to_string(requirements)
        .map_err(|e| format!("{}: {e}", requirements.display()))?;
    let stamp = dir.join("installed-requirements.txt");
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(wanted.as_str()) {
        let pip = s(&bin.join("pip"));
        run(
            &pip,
            &[
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
                &s(requirements),
            ],
            &[],
            &root(),
        )?;
        std::fs::write(&stamp, wanted).map_err(|e| format!("{}: {e}", stamp.display()))?;
    }
    Ok(bin)
}

/// Builds a debug wheel with maturin (`cargo xtask test --no-dist`; the dist wheel comes from
/// `cargo xtask dist`), installs it into the venv and returns its path.
fn build_and_install(bin: &Path) -> Result<PathBuf, String> {
    let wheels = target_dir().join("py-wheels");
    let _ = std::fs::remove_dir_all(&wheels);
    let python = s(&bin.join("python"));
    let out = s(&wheels);
    // Named: pyproject.toml makes `dist` the default for `pip install` from source.
    let args = [
        "build",
        "--quiet",
        "--interpreter",
        python.as_str(),
        "--out",
        out.as_str(),
        "--profile",
        "dev",
    ];
    run(&s(&bin.join("maturin")), &args, &[], &package())?;
    let wheel = std::fs::read_dir(&wheels)
        .map_err(|e| format!("{}: {e}", wheels.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "whl"))
        .ok_or("maturin built no wheel")?;
    install(bin, &wheel)?;
    Ok(wheel)
}

/// Installs `wheel` into the venv, replacing whatever opkit was there.
fn install(bin: &Path, wheel: &Path) -> Result<(), String> {
    let pip = s(&bin.join("pip"));
    run(
        &pip,
        &[
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--force-reinstall",
            "--no-deps",
            &s(wheel),
        ],
        &[],
        &root(),
    )
}

/// Adds the counts of pytest's closing line (`3 failed, 158 passed, 1 skipped in 2.1s`).
fn add_pytest_counts(line: &str, totals: &mut Totals) -> Option<(u64, u64)> {
    let line = line.trim().trim_matches('=').trim();
    let mut counts = (0, 0);
    let mut seen = false;
    for part in line.split(',') {
        let mut words = part.split_whitespace();
        let (Some(n), Some(label)) = (words.next(), words.next()) else {
            continue;
        };
        let Ok(n) = n.parse::<u64>() else { continue };
        match label {
            "passed" => (counts.0, seen) = (n, true),
            "failed" => (counts.1, seen) = (n, true),
            _ => {}
        }
    }
    if seen {
        totals.passed += counts.0;
        totals.failed += counts.1;
    }
    seen.then_some(counts)
}

/// Linters, then the pytest suite against the installed wheel (the dist wheel when there is one,
/// else a debug build) and the debug `opkit` binary.
pub fn test(totals: &mut Totals, dist: Option<&crate::dist::Artifacts>) -> Result<(), String> {
    let bin = venv("py-venv", &package().join("requirements-dev.txt"))?;
    super::cargo(&["build", "--quiet", "-p", "op-cli"])?;
    let wheel = match dist {
        Some(a) => {
            install(&bin, &a.wheel)?;
            a.wheel.clone()
        }
        None => build_and_install(&bin)?,
    };
    let checked = ["python/opkit", "tests", "examples", "bench"];
    let ruff = s(&bin.join("ruff"));
    run(
        &ruff,
        &["check", checked[0], checked[1], checked[2], checked[3]],
        &[],
        &package(),
    )?;
    run(
        &ruff,
        &[
            "format", "--check", checked[0], checked[1], checked[2], checked[3],
        ],
        &[],
        &package(),
    )?;
    run(
        &s(&bin.join("mypy")),
        &["--strict", checked[0], checked[1], checked[2], checked[3]],
        &[],
        &package(),
    )?;

    let opkit = s(&target_dir().join("debug").join("opkit"));
    eprintln!(
        "\n==> pytest (bindings/op-py/tests, OPKIT_BIN={opkit}, OPKIT_WHEEL={})",
        wheel.display()
    );
    // `-p no:cacheprovider`: nothing written into the source tree.
    let mut child = Command::new(bin.join("python"))
        .args(["-m", "pytest", "-p", "no:cacheprovider", "tests"])
        .env("OPKIT_BIN", &opkit)
        .env("OPKIT_WHEEL", &wheel)
        .current_dir(package())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start pytest: {e}"))?;
    let mut counts = None;
    if let Some(stdout) = child.stdout.take() {
        use std::io::{BufRead, BufReader};
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            if line.starts_with('=') && line.contains(" in ") {
                counts = add_pytest_counts(&line, totals).or(counts);
            }
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("pytest did not finish: {e}"))?;
    let (passed, failed) = counts.unwrap_or((0, 0));
    println!("python: {passed} passed, {failed} failed");
    if !status.success() || passed == 0 {
        return Err(format!("pytest failed ({status})"));
    }
    Ok(())
}

/// The dist wheel beside the official `onepassword-sdk` in one venv, then bench/bench.py (which
/// also compares the wheel sizes).
pub fn bench(dist: &crate::dist::Artifacts, rust_baseline: &str) -> Result<(), String> {
    let bin = venv(
        "py-bench-venv",
        &package().join("bench").join("requirements.txt"),
    )?;
    install(&bin, &dist.wheel)?;
    let wheels = s(&crate::dist::dist_dir());
    super::cargo(&["build", "--quiet", "-p", "op-cli"])?;
    let opkit = s(&target_dir().join("debug").join("opkit"));
    let args = [
        "bench/bench.py",
        "--wheels",
        &wheels,
        "--opkit-bin",
        &opkit,
        "--rust-baseline",
        rust_baseline,
    ];
    run(&s(&bin.join("python")), &args, &[], &package())
}

/// The Python package carries the workspace version.
pub fn doctor(workspace_version: &str) -> Result<(), String> {
    let pyproject = package().join("pyproject.toml");
    let text =
        std::fs::read_to_string(&pyproject).map_err(|e| format!("{}: {e}", pyproject.display()))?;
    let wanted = format!("version = \"{workspace_version}\"");
    if !text.lines().any(|l| l.trim() == wanted) {
        return Err(format!("{} must say {wanted}", pyproject.display()));
    }
    let init = package().join("python").join("opkit").join("__init__.py");
    let text = std::fs::read_to_string(&init).map_err(|e| format!("{}: {e}", init.display()))?;
    if !text.contains(&format!("__version__ = \"{workspace_version}\"")) {
        return Err(format!(
            "{} must set __version__ = \"{workspace_version}\"",
            init.display()
        ));
    }
    // The constants the config sends (the version and its build number, `sdkVersion`), generated
    // from the schema into `_contract.py`.
    let defaults = package().join("python").join("opkit").join("_contract.py");
    let text =
        std::fs::read_to_string(&defaults).map_err(|e| format!("{}: {e}", defaults.display()))?;
    let build = crate::sdk_build_number(workspace_version);
    for (name, wanted) in [
        ("VERSION", workspace_version),
        ("SDK_VERSION", build.as_str()),
    ] {
        let declared = crate::declared_string(&text, name);
        if declared.as_deref() != Some(wanted) {
            return Err(format!(
                "{} declares {name} {declared:?}; it must be {wanted:?} (workspace version {workspace_version})",
                defaults.display()
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pytest_closing_lines() {
        let mut t = Totals::default();
        assert_eq!(
            add_pytest_counts("==== 3 failed, 158 passed, 1 skipped in 2.10s ====", &mut t),
            Some((158, 3))
        );
        assert_eq!(
            add_pytest_counts("161 passed in 1.86s", &mut t),
            Some((161, 0))
        );
        assert_eq!(add_pytest_counts("= warnings summary =", &mut t), None);
        assert_eq!((t.passed, t.failed), (319, 3));
    }
}
