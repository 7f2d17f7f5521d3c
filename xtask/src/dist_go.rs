//! The Go module as users get it: the package's sources, its C header and the prebuilt static
//! library in `lib/linux_amd64/`, which the per-platform `#cgo` lines of core.go link, so
//! `go build` needs neither Rust nor the repository's target dir.

use std::path::{Path, PathBuf};

use crate::dist::{VERSION, copy, copy_licences, cross_profile_dir, dist_dir, stage_dir, tar_gz};

/// The module tree, its archive and the folder with the static library.
pub struct GoModule {
    pub module: PathBuf,
    pub archive: PathBuf,
    pub lib_dir: PathBuf,
}

/// The module files users need: go.mod, the package's non-test sources, the examples.
fn wanted(relative: &Path) -> bool {
    let name = relative.to_string_lossy();
    let top = relative.components().count() == 1;
    (top && (name == "go.mod" || name == "README.md"))
        || (top && name.ends_with(".go") && !name.ends_with("_test.go"))
        || name.starts_with("examples/") && name.ends_with(".go")
        || name == "include/opkit.h"
}

fn copy_wanted(base: &Path, dir: &Path, to: &Path) -> Result<(), String> {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| format!("{e}"))?.path();
        let relative = path.strip_prefix(base).map_err(|e| format!("{e}"))?;
        if path.is_dir() {
            copy_wanted(base, &path, to)?;
        } else if wanted(relative) {
            copy(&path, &to.join(relative))?;
        }
    }
    Ok(())
}

pub fn package() -> Result<GoModule, String> {
    let source = crate::root().join("bindings").join("op-go");
    let module = stage_dir().join("go").join("op-go");
    copy_wanted(&source, &source, &module)?;
    copy_licences(&module)?;
    let lib_dir = module.join("lib").join("linux_amd64");
    copy(
        &cross_profile_dir().join("libop_go.a"),
        &lib_dir.join("libop_go.a"),
    )?;
    let archive = dist_dir().join(format!("opkit-go-{VERSION}.tar.gz"));
    let parent = module.parent().map(Path::to_path_buf).unwrap_or_default();
    tar_gz(&archive, &parent, "op-go")?;
    Ok(GoModule {
        module,
        archive,
        lib_dir,
    })
}

#[cfg(test)]
mod tests {
    use super::wanted;
    use std::path::Path;

    #[test]
    fn ships_sources_header_and_examples_but_no_tests_or_rust() {
        for file in [
            "go.mod",
            "core.go",
            "README.md",
            "include/opkit.h",
            "examples/quickstart/main.go",
        ] {
            assert!(wanted(Path::new(file)), "{file}");
        }
        for file in [
            "client_test.go",
            "Cargo.toml",
            "src/lib.rs",
            "bench/bench_test.go",
            "tests/ffi.rs",
            "bench/x.go",
        ] {
            assert!(!wanted(Path::new(file)), "{file}");
        }
    }
}
