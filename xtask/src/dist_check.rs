//! The dist artifacts installed the way users install them, outside the repository, with a bare
//! environment: no `target/`, and no `cargo` or `rustc` on `PATH` except where a source build is
//! the point (the sdist). Each check is one test in the closing count.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::Totals;
use crate::dist::{Artifacts, mib, s, size_of, target_dir};
use crate::dist_npm::PLATFORM;

/// A scratch folder outside the repository, removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The first directory of `PATH` holding `program`.
fn dir_on_path(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).find(|dir| dir.join(program).is_file()))
}

/// A `PATH` of `dirs` then `/usr/bin:/bin`, refused if it would find a Rust toolchain.
fn bare_path(dirs: &[PathBuf]) -> Result<String, String> {
    let mut all: Vec<PathBuf> = dirs.to_vec();
    all.extend([PathBuf::from("/usr/bin"), PathBuf::from("/bin")]);
    for dir in &all {
        for tool in ["cargo", "rustc"] {
            if dir.join(tool).exists() {
                return Err(format!(
                    "{} has {tool}: the artifact checks need a PATH without Rust",
                    dir.display()
                ));
            }
        }
    }
    std::env::join_paths(all)
        .map(|p| p.to_string_lossy().into_owned())
        .map_err(|e| format!("{e}"))
}

/// Runs `program` with only `envs` set; returns stdout, or stderr in the error.
fn output(
    program: &Path,
    args: &[&str],
    envs: &[(&str, String)],
    dir: &Path,
) -> Result<String, String> {
    let out = Command::new(program)
        .args(args)
        .env_clear()
        .envs(envs.iter().map(|(k, v)| (*k, v.as_str())))
        .current_dir(dir)
        .output()
        .map_err(|e| format!("could not start {}: {e}", program.display()))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!(
            "`{} {}` failed ({}): {}{}",
            program.display(),
            args.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

fn expect_lines(out: &str, wanted: &[&str], what: &str) -> Result<(), String> {
    for line in wanted {
        if !out.lines().any(|l| l.trim() == *line) {
            return Err(format!(
                "{what} printed no line {line:?}; it printed:\n{out}"
            ));
        }
    }
    Ok(())
}

/// An account made by the CLI from the release archive: each check gets its own vault and token.
struct Account {
    cli: PathBuf,
    envs: Vec<(&'static str, String)>,
    dir: PathBuf,
}

impl Account {
    fn create(cli: &Path, work: &Path) -> Result<Self, String> {
        let dir = work.join("account");
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let envs = vec![
            ("PATH", bare_path(&[])?),
            ("HOME", s(&dir)),
            ("OPKIT_DB", s(&dir.join("vault.opkit"))),
            ("OPKIT_PASSWORD", "dist-check".into()),
            ("OPKIT_KDF", "testing".into()),
            ("OPKIT_CONFIG_DIR", s(&dir.join("config"))),
        ];
        let account = Self {
            cli: cli.to_path_buf(),
            envs,
            dir,
        };
        account.json(&["account", "create", "--name", "Dist"])?;
        Ok(account)
    }

    fn json(&self, args: &[&str]) -> Result<serde_json::Value, String> {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        let out = output(&self.cli, &all, &self.envs, &self.dir)?;
        serde_json::from_str(&out).map_err(|e| format!("opkit {}: {e}: {out}", args.join(" ")))
    }

    /// A new vault `title` and a token that may write to it (and see nothing else).
    fn vault(&self, title: &str) -> Result<(String, String), String> {
        let vault = self.json(&["vault", "create", title])?;
        let id = vault["id"]
            .as_str()
            .ok_or("vault create printed no id")?
            .to_owned();
        let grant = format!("{id}:write");
        let sa = self.json(&[
            "service-account",
            "create",
            "--name",
            title,
            "--vault",
            &grant,
        ])?;
        let token = sa["token"]
            .as_str()
            .ok_or("service-account create printed no token")?;
        Ok((id, token.to_owned()))
    }
}

/// The CLI archive: extracted, `opkit demo` runs, `man` renders the page, the completions load.
fn check_cli(a: &Artifacts, work: &Path) -> Result<PathBuf, String> {
    let dir = work.join("cli");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let tar = PathBuf::from("tar");
    let env = [("PATH", bare_path(&[])?), ("HOME", s(&dir))];
    output(
        &tar,
        &["-xzf", &s(&a.cli_archive), "-C", &s(&dir)],
        &env,
        &dir,
    )?;
    let tree = dir.join(crate::dist_cli::folder_name());
    let opkit = tree.join("opkit");
    let demo = output(&opkit, &["demo"], &env, &dir)?;
    if demo.lines().count() < 10 {
        return Err(format!("opkit demo printed too little:\n{demo}"));
    }
    let page = tree.join("man/man1/opkit.1");
    let man_env = [
        ("PATH", bare_path(&[])?),
        ("HOME", s(&dir)),
        ("MANPAGER", "cat".into()),
        ("MANWIDTH", "100".into()),
    ];
    let rendered = output(&PathBuf::from("man"), &["-l", &s(&page)], &man_env, &dir)?;
    let plain = strip_overstrike(&rendered);
    for word in [
        "NAME",
        "SYNOPSIS",
        "SUBCOMMANDS",
        "completion",
        "service-account",
    ] {
        if !plain.contains(word) {
            return Err(format!("man -l opkit.1 shows no {word:?}:\n{plain}"));
        }
    }
    let bash = tree.join("completions/opkit.bash");
    let check = format!("source {} && complete -p opkit", s(&bash));
    output(&PathBuf::from("/bin/bash"), &["-c", &check], &env, &dir)?;
    for file in [
        "completions/_opkit",
        "completions/opkit.fish",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "NOTICE-wordlist.md",
        "CHANGELOG.md",
    ] {
        if size_of(&tree.join(file)) == 0 {
            return Err(format!("the CLI archive has no {file}"));
        }
    }
    Ok(opkit)
}

/// `man` output without the backspace overstrikes of bold and underline.
fn strip_overstrike(text: &str) -> String {
    let mut out: Vec<char> = Vec::with_capacity(text.len());
    for c in text.chars() {
        if c == '\u{8}' {
            out.pop();
        } else {
            out.push(c);
        }
    }
    out.into_iter().collect()
}

/// The CPython interpreters the wheel supports (3.9+) this machine has: `python3.N` on `PATH`
/// (pyenv shims resolved to the real executable), then pyenv's installed versions that are not
/// on `PATH`; one per minor version.
fn pythons() -> Vec<(String, PathBuf)> {
    let mut found: Vec<(u32, PathBuf)> = Vec::new();
    for minor in 9..=14 {
        let name = format!("python3.{minor}");
        if dir_on_path(&name).is_none() {
            continue;
        }
        let out = Command::new(&name)
            .args(["-c", "import sys; print(sys.executable)"])
            .output();
        if let Ok(out) = out
            && out.status.success()
        {
            let exe = String::from_utf8_lossy(&out.stdout).trim().to_owned();
            if !exe.is_empty() {
                found.push((minor, PathBuf::from(exe)));
            }
        }
    }
    let pyenv = std::env::var_os("PYENV_ROOT")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pyenv")));
    if let Some(versions) = pyenv.map(|p| p.join("versions"))
        && let Ok(entries) = std::fs::read_dir(versions)
    {
        let mut dirs: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        dirs.sort();
        for dir in dirs {
            let name = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let mut parts = name.split('.');
            let (Some("3"), Some(minor)) = (
                parts.next(),
                parts.next().and_then(|m| m.parse::<u32>().ok()),
            ) else {
                continue;
            };
            let exe = dir.join("bin").join(format!("python3.{minor}"));
            if minor >= 9 && exe.is_file() && !found.iter().any(|(m, _)| *m == minor) {
                found.push((minor, exe));
            }
        }
    }
    found.sort();
    found
        .into_iter()
        .map(|(m, exe)| (format!("3.{m}"), exe))
        .collect()
}

/// A fresh venv made by `python`, with `pip install <what>`; returns its `bin`.
fn venv_with(
    python: &Path,
    dir: &Path,
    install: &[&str],
    envs: &[(&str, String)],
) -> Result<PathBuf, String> {
    output(
        python,
        &["-m", "venv", &s(dir)],
        envs,
        dir.parent().unwrap_or(dir),
    )?;
    let bin = dir.join("bin");
    let mut args = vec![
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
    ];
    args.extend_from_slice(install);
    output(&bin.join("python"), &args, envs, dir)?;
    Ok(bin)
}

/// The README example (examples/secrets_example.py) with the installed package.
fn run_python_example(
    bin: &Path,
    work: &Path,
    account: &Account,
    title: &str,
) -> Result<(), String> {
    let (vault_id, token) = account.vault(title)?;
    let example = work.join("secrets_example.py");
    crate::dist::copy(
        &crate::root().join("bindings/op-py/examples/secrets_example.py"),
        &example,
    )?;
    let envs = [
        ("PATH", bare_path(&[bin.to_path_buf()])?),
        ("HOME", s(work)),
        ("OP_SERVICE_ACCOUNT_TOKEN", token),
    ];
    let out = output(&bin.join("python"), &[&s(&example), &vault_id], &envs, work)?;
    let first = out.lines().next().unwrap_or_default();
    if first != "s3cr3t" || !out.contains("ResolveReferenceErrorItemNotFound") {
        return Err(format!("the Python example printed:\n{out}"));
    }
    Ok(())
}

fn check_wheel(
    a: &Artifacts,
    python: &Path,
    work: &Path,
    account: &Account,
    version: &str,
) -> Result<String, String> {
    let dir = work.join(format!("py{version}"));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let envs = [("PATH", bare_path(&[])?), ("HOME", s(&dir))];
    let venv = dir.join("venv");
    let bin = venv_with(
        python,
        &venv,
        &["--no-index", "--no-deps", &s(&a.wheel)],
        &envs,
    )?;
    run_python_example(&bin, &dir, account, &format!("Python {version}"))?;
    let site = output(
        &bin.join("python"),
        &[
            "-c",
            "import opkit, os; print(os.path.dirname(opkit.__file__))",
        ],
        &envs,
        &dir,
    )?;
    Ok(format!(
        "installed {}",
        mib(size_of(Path::new(site.trim())))
    ))
}

/// The `[env]` settings of the repository's `.cargo/config.toml`, which an unpacked sdist does not
/// see (`LIBSQLITE3_FLAGS`): passed on so the sdist build's SQLite is the one that ships, and so its
/// build scripts see the same environment as the repository's builds in the shared target dir.
fn cargo_config_env() -> Vec<(&'static str, String)> {
    let path = crate::root().join(".cargo").join("config.toml");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("LIBSQLITE3_FLAGS = "))
        .map(|v| ("LIBSQLITE3_FLAGS", v.trim_matches('"').to_owned()))
        .collect()
}

/// `pip install` of the sdist in a fresh venv: maturin from PyPI (build isolation) and cargo build
/// it from the sdist's own files. The debug profile and the repository's target dir (the registry
/// crates the Rust tests already compiled are reused) keep CI inside its budget; the point is that
/// the sdist's files are complete, and they are the same whatever the profile.
fn check_sdist(a: &Artifacts, work: &Path, account: &Account) -> Result<String, String> {
    let dir = work.join("sdist");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut envs: Vec<(&str, String)> = [
        "PATH",
        "HOME",
        "RUSTUP_HOME",
        "CARGO_HOME",
        "RUSTUP_TOOLCHAIN",
    ]
    .into_iter()
    .filter_map(|k| std::env::var(k).ok().map(|v| (k, v)))
    .collect();
    envs.push(("MATURIN_PEP517_ARGS", "--profile dev".into()));
    envs.push(("CARGO_TARGET_DIR", s(&target_dir())));
    envs.extend(cargo_config_env());
    let python = dir_on_path("python3")
        .map(|d| d.join("python3"))
        .ok_or("no python3 on PATH")?;
    let bin = venv_with(&python, &dir.join("venv"), &[&s(&a.sdist)], &envs)?;
    run_python_example(&bin, &dir, account, "sdist")?;
    Ok("built by pip from the sdist".into())
}

/// The npm tarballs installed into an empty project; the README quickstart in ESM and CommonJS.
fn check_npm(a: &Artifacts, work: &Path, account: &Account) -> Result<String, String> {
    let node = dir_on_path("node").ok_or("no node on PATH")?;
    let app = work.join("npm-app");
    std::fs::create_dir_all(&app).map_err(|e| format!("{}: {e}", app.display()))?;
    crate::dist::write(
        &app.join("package.json"),
        "{\"name\": \"app\", \"private\": true}\n",
    )?;
    let envs = [
        ("PATH", bare_path(std::slice::from_ref(&node))?),
        ("HOME", s(&app)),
    ];
    let npm = node.join("npm");
    let install = ["install", "--offline", "--no-audit", "--no-fund"];
    let mut args = install.to_vec();
    let (platform, main) = (s(&a.npm_platform), s(&a.npm_main));
    args.extend([platform.as_str(), main.as_str()]);
    output(&npm, &args, &envs, &app)?;
    let examples = crate::root().join("bindings/op-node/examples");
    for file in ["quickstart.mjs", "quickstart.cjs"] {
        crate::dist::copy(&examples.join(file), &app.join(file))?;
    }
    let (_, token) = account.vault("Node")?;
    let mut run_env = envs.to_vec();
    run_env.push(("OP_SERVICE_ACCOUNT_TOKEN", token));
    let esm = output(&node.join("node"), &["quickstart.mjs"], &run_env, &app)?;
    expect_lines(
        &esm,
        &[
            "resolved a secret of 17 characters",
            "generated a 6-digit PIN",
        ],
        "quickstart.mjs",
    )?;
    let cjs = output(&node.join("node"), &["quickstart.cjs"], &run_env, &app)?;
    expect_lines(
        &cjs,
        &["1 vault(s): Node", "generated a 20-character password"],
        "quickstart.cjs",
    )?;
    let modules = app.join("node_modules");
    let installed =
        size_of(&modules.join("opkit")) + size_of(&modules.join(format!("opkit-{PLATFORM}")));
    Ok(format!("installed {}", mib(installed)))
}

/// Without its platform package (`--omit=optional`), `opkit` fails with an error naming it.
fn check_npm_missing_platform(a: &Artifacts, work: &Path) -> Result<String, String> {
    let node = dir_on_path("node").ok_or("no node on PATH")?;
    let app = work.join("npm-no-platform");
    std::fs::create_dir_all(&app).map_err(|e| format!("{}: {e}", app.display()))?;
    crate::dist::write(
        &app.join("package.json"),
        "{\"name\": \"app\", \"private\": true}\n",
    )?;
    let envs = [
        ("PATH", bare_path(std::slice::from_ref(&node))?),
        ("HOME", s(&app)),
    ];
    let main = s(&a.npm_main);
    output(
        &node.join("npm"),
        &[
            "install",
            "--offline",
            "--no-audit",
            "--no-fund",
            "--omit=optional",
            &main,
        ],
        &envs,
        &app,
    )?;
    let wanted = format!("npm install opkit-{PLATFORM}@{}", crate::dist::VERSION);
    match output(&node.join("node"), &["-e", "require('opkit')"], &envs, &app) {
        Ok(_) => Err("opkit loaded without its platform package".into()),
        Err(e) if e.contains(&wanted) => Ok("the loader names the missing package".into()),
        Err(e) => Err(format!("the loader's error does not say `{wanted}`: {e}")),
    }
}

/// The Go module copied out of the repository, used from a fresh module through `replace`.
fn check_go(a: &Artifacts, work: &Path, account: &Account) -> Result<String, String> {
    let go_dir = dir_on_path("go").ok_or("no go on PATH")?;
    let module = work.join("go").join("op-go");
    let tar = PathBuf::from("tar");
    let base = [
        ("PATH", bare_path(std::slice::from_ref(&go_dir))?),
        ("HOME", s(work)),
    ];
    std::fs::create_dir_all(work.join("go")).map_err(|e| format!("{e}"))?;
    output(
        &tar,
        &["-xzf", &s(&a.go_archive), "-C", &s(&work.join("go"))],
        &base,
        work,
    )?;
    let app = work.join("go").join("app");
    crate::dist::copy(
        &module.join("examples/quickstart/main.go"),
        &app.join("main.go"),
    )?;
    crate::dist::write(
        &app.join("go.mod"),
        "module example.com/app\n\ngo 1.24\n\nrequire github.com/opkit/opkit/bindings/op-go v0.0.0\n\n\
         replace github.com/opkit/opkit/bindings/op-go => ../op-go\n",
    )?;
    let cache = target_dir().join("go");
    let mut envs = base.to_vec();
    envs.extend([
        ("CGO_ENABLED", "1".to_owned()),
        ("GOCACHE", s(&cache.join("cache"))),
        ("GOMODCACHE", s(&cache.join("mod"))),
        ("GOPATH", s(&cache.join("path"))),
        ("GOTOOLCHAIN", "local".into()),
        ("GOTELEMETRY", "off".into()),
        ("GOPROXY", "off".into()),
        ("GOFLAGS", "-mod=mod".into()),
    ]);
    output(
        &go_dir.join("go"),
        &["build", "-o", "quickstart", "."],
        &envs,
        &app,
    )?;
    let (_, token) = account.vault("Go")?;
    let run_env = [
        ("PATH", bare_path(&[])?),
        ("HOME", s(work)),
        ("OP_SERVICE_ACCOUNT_TOKEN", token),
    ];
    let out = output(&app.join("quickstart"), &[], &run_env, &app)?;
    expect_lines(
        &out,
        &[
            "created Quickstart",
            "resolved a secret of 17 characters",
            "generated a 6-digit PIN",
        ],
        "the Go quickstart",
    )?;
    // The program is linked on this host, so its glibc floor is the host's, not the module's.
    let floor = match crate::dist::glibc_floor(&app.join("quickstart"))? {
        Some((major, minor)) => format!("linked here, needs glibc >= {major}.{minor}"),
        None => "names no glibc version".into(),
    };
    Ok(format!(
        "go build with no Rust: program {}, {floor}",
        mib(size_of(&app.join("quickstart")))
    ))
}

/// Runs every check, printing one line each, and adds them to `totals`.
pub fn test(a: &Artifacts, totals: &mut Totals) -> Result<(), String> {
    let work = std::env::temp_dir().join(format!("opkit-dist-check-{}", std::process::id()));
    crate::dist::fresh_dir(&work)?;
    let scratch = Scratch(work.clone());
    let mut results: Vec<(String, Result<String, String>)> = Vec::new();

    let cli = check_cli(a, &scratch.0);
    let opkit = match cli {
        Ok(path) => {
            results.push((
                "CLI archive: demo, man page, completions".into(),
                Ok(String::new()),
            ));
            path
        }
        Err(e) => {
            results.push(("CLI archive".into(), Err(e)));
            a.cli_bin.clone()
        }
    };
    let account = Account::create(&opkit, &scratch.0)?;
    for (version, python) in pythons() {
        let r = check_wheel(a, &python, &scratch.0, &account, &version);
        results.push((format!("wheel on CPython {version}"), r));
    }
    results.push((
        "npm tarballs, ESM and CommonJS".into(),
        check_npm(a, &scratch.0, &account),
    ));
    results.push((
        "npm without its platform package".into(),
        check_npm_missing_platform(a, &scratch.0),
    ));
    results.push((
        "Go module outside the repository".into(),
        check_go(a, &scratch.0, &account),
    ));
    // Last: the one that compiles (minutes), after the quick ones have reported.
    results.push((
        "sdist with pip".into(),
        check_sdist(a, &scratch.0, &account),
    ));
    drop(scratch);

    println!("\ndist artifacts installed as users install them:");
    let (mut passed, mut failed) = (0, 0);
    for (name, result) in &results {
        match result {
            Ok(note) => {
                passed += 1;
                println!(
                    "  ok      {name}{}",
                    if note.is_empty() {
                        String::new()
                    } else {
                        format!(": {note}")
                    }
                );
            }
            Err(e) => {
                failed += 1;
                println!("  FAILED  {name}: {e}");
            }
        }
    }
    println!("dist: {passed} passed, {failed} failed");
    totals.passed += passed;
    totals.failed += failed;
    if failed > 0 {
        Err(format!("{failed} dist checks failed"))
    } else {
        Ok(())
    }
}
