//! `opkit read`, `inject`, `item ...`, `generate`, `totp` and `completion` against real vault
//! files, as the owner and as service accounts.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::os::unix::fs::PermissionsExt;

use common::{DB_PASSWORD, Env, PEM, TOTP_SEED};

#[test]
fn read_prints_values_byte_exact_with_and_without_newline() {
    let env = Env::new();
    env.workflows();
    let out = env.raw(&["read", "op://Prod/DB/password"]);
    assert_eq!(out.stdout, format!("{DB_PASSWORD}\n").as_bytes());
    let out = env.raw(&["read", "-n", "op://Prod/DB/key"]);
    assert_eq!(
        out.stdout,
        PEM.as_bytes(),
        "multi-line values, CRLF and tabs intact"
    );
    let out = env.raw(&["read", "--no-newline", "op://prod/db/Conn/host"]);
    assert_eq!(out.stdout, b"db1.internal");
    let v = env
        .run(&["read", "op://Prod/DB/key", "--format", "json"])
        .ok()
        .json();
    assert_eq!(v["value"], PEM);
}

#[test]
fn read_out_file_is_exact_and_private_by_default() {
    let env = Env::new();
    env.workflows();
    let path = env.dir.path().join("key.pem");
    let p = path.to_str().unwrap();
    env.run(&["read", "op://Prod/DB/key", "-o", p]).ok();
    assert_eq!(std::fs::read(&path).unwrap(), PEM.as_bytes());
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // Replacing an existing file gives it the requested mode, whatever it had.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).unwrap();
    env.run(&[
        "read",
        "op://Prod/DB/password",
        "--out-file",
        p,
        "--file-mode",
        "0640",
    ])
    .ok();
    assert_eq!(std::fs::read(&path).unwrap(), DB_PASSWORD.as_bytes());
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o640
    );
    let r = env.run(&[
        "read",
        "op://Prod/DB/password",
        "-o",
        p,
        "--file-mode",
        "999",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn read_and_totp_failures_have_their_exit_codes() {
    let env = Env::new();
    env.workflows();
    for (args, code, name) in [
        (
            vec!["read", "op://Prod/DB/nope"],
            4,
            "ResolvingSecretReference",
        ),
        (
            vec!["read", "op://Nope/DB/password"],
            4,
            "ResolvingSecretReference",
        ),
        (
            vec!["read", "not-a-reference"],
            4,
            "ResolvingSecretReference",
        ),
        (
            vec!["totp", "op://Prod/DB/password"],
            4,
            "ResolvingSecretReference",
        ),
        (vec!["totp", "DB"], 5, "InvalidConfiguration"),
    ] {
        let mut args = args.clone();
        args.extend(["--format", "json"]);
        let r = env.run(&args);
        assert_eq!(r.code, code, "{args:?}: {}", r.stderr);
        assert_eq!(r.error().0, name, "{args:?}");
        assert!(!r.stderr.contains(DB_PASSWORD));
    }
    let mut wrong = env.command(&["read", "op://Prod/DB/password"]);
    wrong.env("OPKIT_PASSWORD", "wrong");
    assert_eq!(Env::run_cmd(wrong).code, 3);
}

#[test]
fn totp_and_item_get_otp_give_the_current_code() {
    let env = Env::new();
    env.workflows();
    let code = env.run(&["totp", "op://Prod/DB/Conn/otp"]).ok().stdout;
    let code = code.trim();
    assert!(
        code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()),
        "{code}"
    );
    let json = env
        .run(&["item", "get", "DB", "--otp", "--format", "json"])
        .ok()
        .json();
    let other = json["code"].as_str().unwrap();
    assert_eq!(other.len(), 6);
    // Both come from the same seed and clock; they differ only across a 30 s boundary.
    let _ = TOTP_SEED;
}

#[test]
fn a_service_account_token_from_the_environment_or_a_file_is_used() {
    let env = Env::new();
    env.workflows();
    let (_, read_only) = env.service_account("ro", &["Prod:read"]);
    let mut cmd = env.command(&["read", "op://Prod/DB/password"]);
    cmd.env_remove("OPKIT_PASSWORD")
        .env("OP_SERVICE_ACCOUNT_TOKEN", &read_only);
    assert_eq!(Env::run_cmd(cmd).ok().stdout, format!("{DB_PASSWORD}\n"));
    // The token file wins over the environment; a read-only account cannot create items.
    let file = env.dir.path().join("token");
    std::fs::write(&file, format!("{read_only}\n")).unwrap();
    let mut cmd = env.command(&[
        "item",
        "create",
        "--vault",
        "Prod",
        "--title",
        "X",
        "--format",
        "json",
        "--token-file",
        file.to_str().unwrap(),
    ]);
    cmd.env_remove("OPKIT_PASSWORD")
        .env("OP_SERVICE_ACCOUNT_TOKEN", "ops_garbage");
    let r = Env::run_cmd(cmd);
    assert_eq!(r.code, 4, "{}", r.stderr);
    let mut cmd = env.command(&["read", "op://Prod/DB/password", "--format", "json"]);
    cmd.env_remove("OPKIT_PASSWORD")
        .env("OP_SERVICE_ACCOUNT_TOKEN", "ops_garbage");
    let r = Env::run_cmd(cmd);
    assert_eq!(
        (r.code, r.error().0.as_str()),
        (3, "ServiceAccountTokenParsing")
    );
    // A token only sees its vaults.
    let (_, staging_only) = env.service_account("st", &["Staging:read"]);
    let mut cmd = env.command(&["item", "list", "--format", "json"]);
    cmd.env("OP_SERVICE_ACCOUNT_TOKEN", &staging_only);
    assert_eq!(Env::run_cmd(cmd).ok().json().as_array().unwrap().len(), 0);
}

#[test]
fn inject_fills_braced_and_bare_references_byte_exact() {
    let env = Env::new();
    env.workflows();
    let template = "db:\n  user: {{ op://Prod/DB/username }}\n  pass: \"op://Prod/DB/password\"\n  host: op://${DB_VAULT}/DB/Conn/host\nkey: |\n{{op://Prod/DB/key}}\u{e9} plain {{ not a ref }} $HOME\n";
    let mut cmd = env.command(&["inject"]);
    cmd.env("DB_VAULT", "Prod");
    let out = pipe(cmd, template.as_bytes());
    let expected = format!(
        "db:\n  user: alice\n  pass: \"{DB_PASSWORD}\"\n  host: db1.internal\nkey: |\n{PEM}\u{e9} plain {{{{ not a ref }}}} $HOME\n"
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        expected,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // To a file: 0600 and the same bytes.
    let input = env.dir.path().join("t.tpl");
    let output = env.dir.path().join("t.out");
    std::fs::write(&input, template).unwrap();
    let mut cmd = env.command(&[
        "inject",
        "-i",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
        "--format",
        "json",
    ]);
    cmd.env("DB_VAULT", "Prod");
    let v = Env::run_cmd(cmd).ok().json();
    assert_eq!(v["references"], 4);
    assert_eq!(std::fs::read_to_string(&output).unwrap(), expected);
    assert_eq!(
        std::fs::metadata(&output).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn inject_errors_name_the_line_and_write_nothing() {
    let env = Env::new();
    env.workflows();
    let output = env.dir.path().join("never");
    for (template, code, needle) in [
        (
            "a\nop://${UNSET_VAR}/DB/password\n",
            5,
            "line 2: the variable UNSET_VAR",
        ),
        ("a\nb {{ op://Prod/DB/missing }}\n", 4, "line 2"),
        ("{{ op://Prod/DB/password\n", 5, "never closed"),
    ] {
        let cmd = env.command(&["inject", "-o", output.to_str().unwrap()]);
        let out = pipe(cmd, template.as_bytes());
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(code), "{template}: {stderr}");
        assert!(stderr.contains(needle), "{stderr}");
        assert!(!output.exists());
    }
}

#[test]
fn items_are_created_edited_listed_archived_moved_and_deleted() {
    let env = Env::new();
    let (id, staging) = env.workflows();
    let item = env
        .run(&["item", "get", "DB", "--vault", "prod", "--format", "json"])
        .ok()
        .json();
    assert_eq!(item["id"], id.as_str());
    assert_eq!(item["category"], "Login");
    let text = env.run(&["item", "get", &id]).ok().stdout;
    assert!(
        text.contains("username (Text): alice") && text.contains("host (Text): db1.internal"),
        "{text}"
    );
    assert!(
        !text.contains(DB_PASSWORD),
        "concealed values are hidden without --reveal"
    );
    assert!(
        env.run(&["item", "get", &id, "--reveal"])
            .ok()
            .stdout
            .contains(DB_PASSWORD)
    );
    let fields = env
        .run(&["item", "get", "DB", "--fields", "username,host"])
        .ok()
        .stdout;
    assert_eq!(fields, "alice\ndb1.internal\n");

    // Edit: change a value and a type, add to a new section, delete a field, rename.
    let edited = env
        .run(&[
            "item",
            "edit",
            "DB",
            "--format",
            "json",
            "password=new-pw",
            "Conn.host[url]=https://db1",
            "Extra.note=hi",
            "username[delete]",
            "title=Database",
            "tags=prod,db",
        ])
        .ok()
        .json();
    assert_eq!(edited["title"], "Database");
    assert_eq!(edited["version"], 2);
    assert_eq!(edited["tags"], serde_json::json!(["prod", "db"]));
    assert_eq!(
        env.run(&["read", "op://Prod/Database/password"])
            .ok()
            .stdout,
        "new-pw\n"
    );
    assert_eq!(
        env.run(&["read", "op://Prod/Database/Extra/note"])
            .ok()
            .stdout,
        "hi\n"
    );
    assert_eq!(env.run(&["read", "op://Prod/Database/username"]).code, 4);
    // The core validates values: a bad date is refused and nothing changes.
    let r = env.run(&[
        "item",
        "edit",
        "Database",
        "born[date]=31/12/2020",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(r.error().1.contains("YYYY-MM-DD"), "{}", r.error().1);

    // List with filters.
    env.run(&[
        "item",
        "create",
        "--vault",
        "Prod",
        "--category",
        "secure-note",
        "--title",
        "Memo",
        "notes=hello",
    ])
    .ok();
    let list = env.run(&["item", "list", "--format", "json"]).ok().json();
    assert_eq!(list.as_array().unwrap().len(), 2);
    let notes = env
        .run(&[
            "item",
            "list",
            "--categories",
            "SecureNote",
            "--format",
            "json",
        ])
        .ok()
        .json();
    assert_eq!(notes[0]["title"], "Memo");
    let tagged = env
        .run(&[
            "item", "list", "--tags", "db", "--vault", "Prod", "--format", "json",
        ])
        .ok()
        .json();
    assert_eq!(tagged.as_array().unwrap().len(), 1);

    // Archive: out of references and default lists.
    env.run(&["item", "archive", "Memo"]).ok();
    assert_eq!(
        env.run(&["item", "list", "--format", "json"])
            .ok()
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let all = env
        .run(&["item", "list", "--include-archived", "--format", "json"])
        .ok()
        .json();
    assert_eq!(all.as_array().unwrap().len(), 2);

    // Move: created in the destination, gone from the source, same values.
    let moved = env
        .run(&[
            "item",
            "move",
            "Database",
            "--destination-vault",
            "Staging",
            "--format",
            "json",
        ])
        .ok()
        .json();
    assert_eq!(moved["vaultId"], staging.as_str());
    assert_eq!(
        env.run(&["read", "op://Staging/Database/password"])
            .ok()
            .stdout,
        "new-pw\n"
    );
    assert_eq!(
        env.run(&["read", "op://Staging/Database/key", "-n"])
            .ok()
            .stdout,
        PEM
    );
    assert_eq!(env.run(&["read", "op://Prod/Database/password"]).code, 4);

    // Delete, and the errors of naming items.
    env.run(&["item", "delete", "Database"]).ok();
    let r = env.run(&["item", "get", "Database", "--format", "json"]);
    assert_eq!((r.code, r.error().0.as_str()), (4, "NotFound"));
    env.run(&[
        "item",
        "create",
        "--vault",
        "Prod",
        "--title",
        "Twin",
        "--category",
        "password",
        "password=a",
    ])
    .ok();
    env.run(&[
        "item",
        "create",
        "--vault",
        "Staging",
        "--title",
        "Twin",
        "--category",
        "password",
        "password=b",
    ])
    .ok();
    let r = env.run(&["item", "get", "twin", "--format", "json"]);
    assert_eq!(r.code, 5);
    assert!(
        r.error().1.contains("2 items are titled"),
        "{}",
        r.error().1
    );
    assert_eq!(
        env.run(&[
            "item", "get", "Twin", "--vault", "Staging", "--fields", "password"
        ])
        .ok()
        .stdout,
        "b\n"
    );
}

#[test]
fn item_arguments_are_checked_with_clear_errors() {
    let env = Env::new();
    env.workflows();
    for (args, code, needle) in [
        (
            vec![
                "item",
                "create",
                "--vault",
                "Prod",
                "--title",
                "X",
                "--category",
                "Spaceship",
            ],
            5,
            "unknown category",
        ),
        (
            vec![
                "item",
                "create",
                "--vault",
                "Prod",
                "--title",
                "X",
                "f[bogus]=1",
            ],
            5,
            "unknown field type",
        ),
        (
            vec!["item", "create", "--vault", "Prod", "novalue"],
            5,
            "has no '='",
        ),
        (
            vec!["item", "create", "--vault", "Prod", "username=x"],
            5,
            "needs a title",
        ),
        (
            vec!["item", "create", "--vault", "Nope", "--title", "X"],
            4,
            "no vault",
        ),
        (vec!["item", "edit", "DB", "nope[delete]"], 4, "no field"),
        (
            vec!["item", "move", "DB", "--destination-vault", "Prod"],
            5,
            "already in",
        ),
    ] {
        let mut args = args.clone();
        args.extend(["--format", "json"]);
        let r = env.run(&args);
        assert_eq!(r.code, code, "{args:?}: {}", r.stderr);
        assert!(r.error().1.contains(needle), "{args:?}: {}", r.error().1);
    }
    let r = env.run(&["item", "frobnicate"]);
    assert_eq!(r.code, 2);
}

#[test]
fn create_can_generate_a_password() {
    let env = Env::new();
    env.workflows();
    env.run(&[
        "item",
        "create",
        "--vault",
        "Prod",
        "--title",
        "Gen",
        "--generate-password",
        "--recipe",
        "pin",
        "--length",
        "8",
    ])
    .ok();
    let pin = env.run(&["read", "op://Prod/Gen/password"]).ok().stdout;
    assert!(
        pin.trim().len() == 8 && pin.trim().bytes().all(|b| b.is_ascii_digit()),
        "{pin}"
    );
}

#[test]
fn generate_covers_every_recipe_and_the_core_validates_it() {
    let env = Env::new();
    let random = env
        .run(&["generate", "--length", "40", "--no-symbols"])
        .ok()
        .stdout;
    assert_eq!(random.trim().len(), 40);
    assert!(random.trim().chars().all(|c| c.is_ascii_alphanumeric()));
    let pin = env
        .run(&["generate", "--recipe", "pin", "--format", "json"])
        .ok()
        .json();
    assert_eq!(pin["password"].as_str().unwrap().len(), 6);
    let words = env
        .run(&[
            "generate",
            "--recipe",
            "memorable",
            "--words",
            "5",
            "--separator",
            "periods",
            "--word-list",
            "three-letters",
        ])
        .ok()
        .stdout;
    assert_eq!(words.trim().split('.').count(), 5, "{words}");
    for list in ["full-words", "syllables"] {
        env.run(&[
            "generate",
            "--recipe",
            "memorable",
            "--word-list",
            list,
            "--capitalize",
            "--separator",
            "digits-and-symbols",
        ])
        .ok();
    }
    let r = env.run(&["generate", "--length", "3", "--format", "json"]);
    assert_eq!((r.code, r.error().0.as_str()), (5, "InvalidConfiguration"));
    assert_eq!(env.run(&["generate", "--recipe", "dice"]).code, 2);
}

#[test]
fn completions_for_each_shell() {
    let env = Env::new();
    for (shell, needle) in [
        ("bash", "_opkit()"),
        ("zsh", "#compdef opkit"),
        ("fish", "complete -c opkit"),
    ] {
        let out = env.run(&["completion", shell]).ok().stdout;
        assert!(out.contains(needle), "{shell}");
        assert!(out.contains("inject"), "{shell}: subcommands are completed");
    }
    assert_eq!(env.run(&["completion", "tcsh"]).code, 2);
}

#[test]
fn man_page_is_roff_naming_every_subcommand() {
    let env = Env::new();
    let page = env.run(&["man"]).ok().stdout;
    assert!(page.contains(".TH opkit 1"), "a section-1 roff page");
    for needle in [
        "read",
        "inject",
        "service\\-account", // roff escapes the hyphen
        "environment",
        "completion",
        "demo",
    ] {
        assert!(page.contains(needle), "{needle}");
    }
}

#[test]
fn help_documents_the_exit_codes_and_workflows() {
    let env = Env::new();
    let help = env.run(&["--help"]).ok().stdout;
    for needle in [
        "Exit codes",
        "read",
        "run",
        "inject",
        "item",
        "generate",
        "totp",
        "completion",
        "OP_SERVICE_ACCOUNT_TOKEN",
    ] {
        assert!(help.contains(needle), "{needle}");
    }
}

#[test]
fn import_json_lines_and_csv_with_per_item_failures() {
    let env = Env::new();
    env.workflows();
    let jsonl = env.dir.path().join("items.jsonl");
    std::fs::write(
        &jsonl,
        r#"{"category": "Login", "title": "J1", "fields": [{"id": "password", "title": "password", "fieldType": "Concealed", "value": "p1"}]}

{"category": "SecureNote", "title": "J2", "notes": "n2", "vaultId": "ignored"}
"#,
    )
    .unwrap();
    let v = env
        .run(&[
            "item",
            "import",
            jsonl.to_str().unwrap(),
            "--vault",
            "Staging",
            "--format",
            "json",
        ])
        .ok()
        .json();
    assert_eq!(v["created"], 2);
    assert_eq!(
        env.run(&["read", "op://Staging/J1/password"]).ok().stdout,
        "p1\n"
    );

    let csv = env.dir.path().join("items.csv");
    std::fs::write(
        &csv,
        "title,username,password,url,notes,tags,API.key[password],category\nC1,u1,p1,https://a.example,\"multi\nline\",\"a,b\",k1,\nC2,,,,,,k2,ApiCredentials\nC3,,,,,,,\"Login\"\nBad,,,,,,,,\n",
    )
    .unwrap();
    let r = env.run(&[
        "item",
        "import",
        csv.to_str().unwrap(),
        "--vault",
        "Staging",
        "--format",
        "json",
    ]);
    assert_eq!(
        r.code, 5,
        "a malformed row stops the import before anything is written: {}",
        r.stderr
    );
    assert!(r.error().1.contains("line 6"), "{}", r.error().1);
    assert_eq!(
        env.run(&["item", "list", "--vault", "Staging", "--format", "json"])
            .ok()
            .json()
            .as_array()
            .unwrap()
            .len(),
        2
    );

    std::fs::write(
        &csv,
        "title,username,password,url,notes,tags,API.key[password],category,when[date]\nC1,u1,p1,https://a.example,\"multi\nline\",\"a,b\",k1,,\nC2,,,,,,k2,ApiCredentials,2020-01-01\nC3,,,,,,,Login,not-a-date\n",
    )
    .unwrap();
    let r = env.run(&[
        "item",
        "import",
        csv.to_str().unwrap(),
        "--vault",
        "Staging",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 4, "one item failed validation: {}", r.stderr);
    let v = r.json();
    assert_eq!(v["created"], 2);
    assert_eq!(v["failed"][0]["title"], "C3");
    assert_eq!(v["failed"][0]["line"], 5, "the line a record starts on");
    assert_eq!(
        env.run(&["read", "op://Staging/C1/API/key"]).ok().stdout,
        "k1\n"
    );
    assert_eq!(
        env.run(&["read", "op://Staging/C1/notesPlain"]).ok().stdout,
        "multi\nline\n"
    );
    let c2 = env
        .run(&[
            "item", "get", "C2", "--vault", "Staging", "--format", "json",
        ])
        .ok()
        .json();
    assert_eq!(c2["category"], "ApiCredentials");
}

/// Runs `cmd` with `input` on stdin; returns the raw output.
fn pipe(mut cmd: std::process::Command, input: &[u8]) -> std::process::Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}
