//! The Python artifacts: one abi3 wheel for CPython 3.9+ linked by zig against glibc 2.17
//! (`auditwheel show` must call it manylinux2014), and the sdist `pip install` builds from.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::dist::{RUST_TARGET, dist_dir, s};
use crate::dist_tools::Tools;
use crate::{root, run};

fn package() -> PathBuf {
    root().join("bindings").join("op-py")
}

fn find(dir: &Path, suffix: &str) -> Result<PathBuf, String> {
    std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with(suffix))
        .ok_or_else(|| format!("no *{suffix} in {}", dir.display()))
}

/// Builds the wheel and the sdist into the dist dir; returns them and auditwheel's verdict.
pub fn build(tools: &Tools) -> Result<(PathBuf, PathBuf, String), String> {
    let out = dist_dir();
    let python = tools.tool("python");
    let maturin = tools.tool("maturin");
    run(
        &maturin,
        &[
            "build",
            "--quiet",
            "--profile",
            "dist",
            "--zig",
            "--compatibility",
            "manylinux2014",
            "--target",
            RUST_TARGET,
            "--interpreter",
            &python,
            "--out",
            &s(&out),
        ],
        &tools.envs(),
        &package(),
    )?;
    run(
        &maturin,
        &["sdist", "--out", &s(&out)],
        &tools.envs(),
        &package(),
    )?;
    let wheel = find(&out, ".whl")?;
    let sdist = find(&out, ".tar.gz")?;
    let verdict = auditwheel_show(tools, &wheel)?;
    Ok((wheel, sdist, verdict))
}

/// `auditwheel show`, which must find the wheel consistent with manylinux2014 (glibc 2.17).
fn auditwheel_show(tools: &Tools, wheel: &Path) -> Result<String, String> {
    eprintln!("\n==> auditwheel show {}", wheel.display());
    let out = Command::new(tools.tool("auditwheel"))
        .args(["show", &s(wheel)])
        .envs(tools.envs())
        .output()
        .map_err(|e| format!("could not start auditwheel: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    eprint!("{text}{}", String::from_utf8_lossy(&out.stderr));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let tag = "manylinux_2_17_x86_64";
    if !out.status.success()
        || !flat.contains(&format!(
            "consistent with the following platform tag: \"{tag}\""
        ))
    {
        return Err(format!(
            "auditwheel does not find {} consistent with {tag} (manylinux2014)",
            wheel.display()
        ));
    }
    Ok(format!("auditwheel: {tag} (manylinux2014)"))
}
