//! The npm artifacts in the napi-rs layout: `opkit` (JavaScript, typings, no addon) with
//! `opkit-linux-x64-gnu` as an optional dependency, which holds the zig-linked addon.

use std::path::{Path, PathBuf};

use crate::dist::{VERSION, copy, copy_licences, cross_profile_dir, dist_dir, s, stage_dir, write};
use crate::run;

/// The platform of the one addon built here, in napi-rs naming.
pub const PLATFORM: &str = "linux-x64-gnu";

/// The packed tarballs and the addon inside the platform package's tree.
pub struct Npm {
    pub main: PathBuf,
    pub platform: PathBuf,
    pub addon: PathBuf,
}

fn source() -> PathBuf {
    crate::root().join("bindings").join("op-node")
}

fn read_json(path: &Path) -> Result<serde_json::Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn write_json(path: &Path, value: &serde_json::Value) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| format!("{e}"))?;
    write(path, &format!("{text}\n"))
}

/// Copies every `.js` and `.d.ts` under `from` (the compiled TypeScript) to `to`.
fn copy_compiled(from: &Path, to: &Path) -> Result<(), String> {
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let path = entry.map_err(|e| format!("{e}"))?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if path.is_dir() {
            copy_compiled(&path, &to.join(&name))?;
        } else if name.ends_with(".js") || name.ends_with(".d.ts") {
            copy(&path, &to.join(&name))?;
        }
    }
    Ok(())
}

/// `npm pack` of a staged tree into the dist dir; returns the tarball.
fn pack(dir: &Path, tarball: &str) -> Result<PathBuf, String> {
    run(
        "npm",
        &["pack", "--silent", "--pack-destination", &s(&dist_dir())],
        &[],
        dir,
    )?;
    let path = dist_dir().join(tarball);
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!("npm pack wrote no {}", path.display()))
    }
}

pub fn package() -> Result<Npm, String> {
    crate::node::build_package()?;
    let src = source();
    let manifest = read_json(&src.join("package.json"))?;
    let platform_name = format!("opkit-{PLATFORM}");

    let main = stage_dir().join("npm").join("opkit");
    copy_compiled(&src.join("dist"), &main.join("dist"))?;
    for file in ["index.mjs", "README.md"] {
        copy(&src.join(file), &main.join(file))?;
    }
    copy_licences(&main)?;
    let mut main_manifest = manifest.clone();
    main_manifest["files"] = serde_json::json!([
        "dist/**/*.js",
        "dist/**/*.d.ts",
        "index.mjs",
        "README.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "NOTICE-wordlist.md"
    ]);
    main_manifest["optionalDependencies"] = serde_json::json!({ platform_name.clone(): VERSION });
    if let Some(m) = main_manifest.as_object_mut() {
        m.remove("devDependencies");
        m.remove("scripts");
    }
    write_json(&main.join("package.json"), &main_manifest)?;

    let platform = stage_dir().join("npm").join(&platform_name);
    let addon_name = format!("opkit.{PLATFORM}.node");
    let addon = platform.join(&addon_name);
    copy(&cross_profile_dir().join("libop_node.so"), &addon)?;
    copy_licences(&platform)?;
    write(
        &platform.join("README.md"),
        &format!(
            "# {platform_name}\n\nThe native core of the npm package [`opkit`](https://www.npmjs.com/package/opkit) for \
             Linux x64 with glibc 2.17 or newer. Install `opkit`, not this package: npm adds it as an \
             optional dependency on this platform.\n"
        ),
    )?;
    let platform_manifest = serde_json::json!({
        "name": platform_name,
        "version": VERSION,
        "description": format!("The native core of opkit for {PLATFORM} (glibc >= 2.17)"),
        "license": manifest["license"],
        "main": addon_name,
        "files": [addon_name, "README.md", "LICENSE-MIT", "LICENSE-APACHE", "NOTICE-wordlist.md"],
        "os": ["linux"],
        "cpu": ["x64"],
        "libc": ["glibc"],
        "engines": manifest["engines"],
    });
    write_json(&platform.join("package.json"), &platform_manifest)?;
    crate::dist::check_glibc(&addon)?;

    Ok(Npm {
        main: pack(&main, &format!("opkit-{VERSION}.tgz"))?,
        platform: pack(&platform, &format!("{platform_name}-{VERSION}.tgz"))?,
        addon,
    })
}
