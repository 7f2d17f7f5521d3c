//! The CLI leaks nothing (issue 14 item 3) and refuses bad files and inputs before touching them
//! (item 4), end to end with the built `opkit` on real vault files: `run` keeps opkit's own
//! credentials from the command, masking lets the longest secret win across writes, errors do not
//! quote `${VAR}`-expanded text, values come from stdin or files, an Environment cannot plant
//! `LD_PRELOAD` or `PATH`, a foreign SQLite file stays byte-for-byte unchanged, and an attached
//! file stops at the size limit.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{DB_PASSWORD, Env, PASSWORD};

const MASK: &str = "<concealed by opkit>";

/// A made-up owner secret key: only its absence from the command's output matters here.
const SECRET_KEY: &str = "A3-TESTKY-ABCDEF-GHIJK-LMNOP-QRSTU-VWXYZ";

fn environment(env: &Env, name: &str) -> String {
    env.run(&["environment", "create", name, "--format", "json"])
        .ok()
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn run_gives_the_command_none_of_opkits_credentials() {
    let env = Env::new();
    env.workflows();
    let (_, token) = env.service_account("ci", &["Prod:read"]);
    let mut cmd = env.command(&["run", "--", "env"]);
    cmd.env("OP_SERVICE_ACCOUNT_TOKEN", &token)
        .env("OPKIT_SECRET_KEY", SECRET_KEY)
        .env("PW", "op://Prod/DB/password");
    let r = Env::run_cmd(cmd).ok();
    for (name, value) in [
        ("OP_SERVICE_ACCOUNT_TOKEN", token.as_str()),
        ("OPKIT_PASSWORD", PASSWORD),
        ("OPKIT_SECRET_KEY", SECRET_KEY),
    ] {
        assert!(!r.stdout.contains(name), "{name} reached the command");
        assert!(!r.stdout.contains(value), "the value of {name} was printed");
    }
    assert!(r.stdout.contains(&format!("PW={MASK}")), "{}", r.stdout);

    // Passed through on request, and masked all the same.
    let script = format!(
        "test \"$OPKIT_PASSWORD\" = '{PASSWORD}' && echo passed; echo \"$OPKIT_PASSWORD\"; echo \"${{OP_SERVICE_ACCOUNT_TOKEN:-no token}}\""
    );
    let mut cmd = env.command(&[
        "run",
        "--pass-credential",
        "OPKIT_PASSWORD",
        "--",
        "sh",
        "-c",
        &script,
    ]);
    cmd.env("OP_SERVICE_ACCOUNT_TOKEN", &token);
    let r = Env::run_cmd(cmd).ok();
    assert_eq!(r.stdout, format!("passed\n{MASK}\nno token\n"));

    // A --token-file token is masked too (the file stays readable to the command: it is a path
    // the caller chose to share).
    let token_file = env.dir.path().join("token");
    std::fs::write(&token_file, &token).unwrap();
    let token_path = token_file.to_str().unwrap();
    let r = env
        .run(&[
            "--token-file",
            token_path,
            "run",
            "--",
            "sh",
            "-c",
            &format!("cat {token_path}; echo"),
        ])
        .ok();
    assert_eq!(r.stdout, format!("{MASK}\n"));

    let r = env.run(&["run", "--pass-credential", "HOME", "--", "true"]);
    assert_eq!(r.code, 5, "{}", r.stderr);
}

#[test]
fn a_secret_that_is_a_prefix_of_another_is_masked_whole_across_writes() {
    let env = Env::new();
    env.workflows();
    let id = environment(&env, "nested");
    env.run(&["environment", "set", &id, "SHORT=hunter22"]).ok();
    env.run(&["environment", "set", &id, "LONG=hunter22-and-the-rest-XYZ"])
        .ok();
    // Two writes with a pause: the first one is a whole secret and the start of a longer one.
    let script =
        "printf 'hunter22'; sleep 0.3; printf -- '-and-the-rest-XYZ\\n'; printf 'hunter22 end\\n'";
    let r = env
        .run(&["run", "--environment", &id, "--", "sh", "-c", script])
        .ok();
    assert_eq!(r.stdout, format!("{MASK}\n{MASK} end\n"));
}

#[test]
fn errors_never_quote_expanded_variables() {
    let env = Env::new();
    env.workflows();
    let (_, token) = env.service_account("ci", &["Prod:read"]);
    let template = env.dir.path().join("t.tpl");
    std::fs::write(&template, "x: op://${OP_SERVICE_ACCOUNT_TOKEN}/x/y\n").unwrap();
    let mut cmd = env.command(&[
        "inject",
        "-i",
        template.to_str().unwrap(),
        "--format",
        "json",
    ]);
    cmd.env("OP_SERVICE_ACCOUNT_TOKEN", &token);
    let r = Env::run_cmd(cmd);
    assert_ne!(r.code, 0);
    assert!(
        !r.stderr.contains(&token),
        "inject printed the token: {}",
        r.stderr
    );
    let (_, message) = r.error();
    assert!(message.contains("${OP_SERVICE_ACCOUNT_TOKEN}"), "{message}");
    assert!(message.contains("line 1"), "{message}");

    let dotenv = env.dir.path().join("a.env");
    std::fs::write(&dotenv, "A=1\nX=op://${OP_SERVICE_ACCOUNT_TOKEN}/x/y\n").unwrap();
    let marker = env.dir.path().join("ran");
    let touch = format!("touch {}", marker.display());
    let mut cmd = env.command(&[
        "run",
        "--env-file",
        dotenv.to_str().unwrap(),
        "--format",
        "json",
        "--",
        "sh",
        "-c",
        &touch,
    ]);
    cmd.env("OP_SERVICE_ACCOUNT_TOKEN", &token);
    let r = Env::run_cmd(cmd);
    assert_ne!(r.code, 0);
    assert!(
        !r.stderr.contains(&token),
        "run printed the token: {}",
        r.stderr
    );
    let (_, message) = r.error();
    assert!(message.contains("line 2 (X)"), "{message}");
    assert!(message.contains("${OP_SERVICE_ACCOUNT_TOKEN}"), "{message}");
    assert!(!marker.exists(), "the command must not run");

    // Without a token: the owner resolves, an ordinary variable holds the secret.
    std::fs::write(&template, "x: {{ op://Prod/${WHICH}/password }}\n").unwrap();
    let mut cmd = env.command(&["inject", "-i", template.to_str().unwrap()]);
    cmd.env("WHICH", "not-a-DB-but-a-Secret-Value-77");
    let r = Env::run_cmd(cmd);
    assert_ne!(r.code, 0);
    assert!(!r.stderr.contains("Secret-Value-77"), "{}", r.stderr);
    assert!(r.stderr.contains("${WHICH}"), "{}", r.stderr);
}

#[test]
fn values_come_from_stdin_or_a_file_instead_of_the_command_line() {
    let env = Env::new();
    env.workflows();
    let id = environment(&env, "inputs");
    env.run_stdin(
        &["environment", "set", &id, "FROM_STDIN=-"],
        "piped-value-1\n",
    )
    .ok();
    let file = env.dir.path().join("value.txt");
    std::fs::write(&file, "file-value-2\n").unwrap();
    env.run(&[
        "environment",
        "set",
        &id,
        "FROM_FILE",
        "--value-file",
        file.to_str().unwrap(),
    ])
    .ok();
    let r = env.run(&["environment", "read", &id]).ok();
    assert!(
        r.stdout.contains("FROM_STDIN=piped-value-1\n")
            || r.stdout.ends_with("FROM_STDIN=piped-value-1"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("FROM_FILE=file-value-2"), "{}", r.stdout);
    assert!(!r.stdout.contains("value-2\n\n"));
    // NAME=VALUE together with --value-file is ambiguous.
    let r = env.run(&[
        "environment",
        "set",
        &id,
        "X=1",
        "--value-file",
        file.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 5);

    env.run_stdin(
        &[
            "item",
            "create",
            "--vault",
            "Prod",
            "--title",
            "Piped",
            "password=-",
        ],
        "stdin-password-3\n",
    )
    .ok();
    env.run(&[
        "item",
        "create",
        "--vault",
        "Prod",
        "--title",
        "Filed",
        "--value-file",
        &format!("password={}", file.display()),
    ])
    .ok();
    let read = |reference: &str| env.run(&["read", reference]).ok().stdout;
    assert_eq!(
        read("op://Prod/Piped/password").trim_end(),
        "stdin-password-3"
    );
    assert_eq!(read("op://Prod/Filed/password").trim_end(), "file-value-2");
    env.run_stdin(
        &["item", "edit", "Piped", "--vault", "Prod", "password=-"],
        "edited-4",
    )
    .ok();
    assert_eq!(read("op://Prod/Piped/password").trim_end(), "edited-4");
    let r = env.run_stdin(
        &[
            "item", "create", "--vault", "Prod", "--title", "Two", "a=-", "b=-",
        ],
        "x",
    );
    assert_eq!(r.code, 5, "stdin holds one value: {}", r.stderr);
    assert_eq!(read("op://Prod/DB/password").trim_end(), DB_PASSWORD);
}

#[test]
fn an_environment_cannot_set_loader_path_or_interpreter_variables_unless_allowed() {
    let env = Env::new();
    env.workflows();
    let marker = env.dir.path().join("ran");
    let touch = format!("touch {}", marker.display());
    for (name, value) in [
        ("LD_PRELOAD", "/tmp/evil.so"),
        ("DYLD_INSERT_LIBRARIES", "/tmp/evil.dylib"),
        ("PATH", "/tmp/evil-bin"),
        ("NODE_OPTIONS", "--require /tmp/evil.js"),
        ("PYTHONSTARTUP", "/tmp/evil.py"),
        ("BASH_ENV", "/tmp/evil.sh"),
    ] {
        let id = environment(&env, name);
        env.run(&["environment", "set", &id, &format!("{name}={value}")])
            .ok();
        let r = env.run(&[
            "run",
            "--environment",
            &id,
            "--format",
            "json",
            "--",
            "sh",
            "-c",
            &touch,
        ]);
        assert_eq!(r.code, 5, "{name}: {}", r.stderr);
        let (_, message) = r.error();
        assert!(message.contains(name), "{message}");
        assert!(message.contains("--allow-variable"), "{message}");
        assert!(!marker.exists(), "{name}: the command must not run");
    }
    let id = environment(&env, "allowed");
    env.run(&[
        "environment",
        "set",
        &id,
        "NODE_OPTIONS=--max-old-space-size=64",
    ])
    .ok();
    let r = env
        .run(&[
            "run",
            "--environment",
            &id,
            "--allow-variable",
            "NODE_OPTIONS",
            "--no-masking",
            "--",
            "sh",
            "-c",
            "echo \"$NODE_OPTIONS\"",
        ])
        .ok();
    assert_eq!(r.stdout, "--max-old-space-size=64\n");
}

#[test]
fn a_foreign_sqlite_file_stays_byte_for_byte_unchanged() {
    let env = Env::new();
    let raw = rusqlite::Connection::open(&env.db).unwrap();
    raw.execute_batch("CREATE TABLE notes (x); INSERT INTO notes VALUES ('mine');")
        .unwrap();
    drop(raw);
    let before = std::fs::read(&env.db).unwrap();
    for args in [
        &["vault", "list"][..],
        &["account", "create", "--name", "Over"][..],
    ] {
        let r = env.run(args);
        assert_ne!(r.code, 0, "{args:?}");
        assert!(
            std::fs::read(&env.db).unwrap() == before,
            "{args:?} changed the file"
        );
        for suffix in ["-wal", "-shm", "-journal"] {
            let side = format!("{}{suffix}", env.db.display());
            assert!(
                !std::path::Path::new(&side).exists(),
                "{args:?} left {side}"
            );
        }
    }
}

#[test]
fn attaching_an_endless_file_stops_at_the_limit() {
    let env = Env::new();
    env.workflows();
    let r = env.run(&[
        "item",
        "attach",
        "DB",
        "--vault",
        "Prod",
        "--file",
        "/dev/zero",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    let (name, message) = r.error();
    assert_eq!(name, "ItemApi");
    assert!(message.contains("larger than"), "{message}");
}

#[test]
fn token_files_templates_env_files_and_values_stop_at_their_limit() {
    let env = Env::new();
    env.workflows();
    let id = environment(&env, "limits");
    for args in [
        &["--token-file", "/dev/zero", "read", "op://Prod/DB/password"][..],
        &["inject", "-i", "/dev/zero"][..],
        &["run", "--env-file", "/dev/zero", "--", "true"][..],
        &["environment", "set", &id, "X", "--value-file", "/dev/zero"][..],
    ] {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        let r = env.run(&all);
        assert_eq!(r.code, 5, "{args:?}: {}", r.stderr);
        assert!(
            r.error().1.contains("longer than"),
            "{args:?}: {}",
            r.stderr
        );
    }
}
