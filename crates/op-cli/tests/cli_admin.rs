#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `opkit account|vault|service-account` against real vault files: output shapes, refusals and
//! exit codes.

mod common;

use common::{Env, PASSWORD};

#[test]
fn account_create_prints_the_account_and_stores_the_key_privately() {
    let env = Env::new();
    let run = env
        .run(&["account", "create", "--name", "Test", "--format", "json"])
        .ok();
    let account = run.json();
    for key in [
        "id",
        "name",
        "path",
        "ownerId",
        "personalVaultId",
        "secretKeyFile",
    ] {
        assert!(account[key].is_string(), "{key} missing in {account}");
    }
    assert_eq!(account["name"], "Test");
    assert_eq!(account["path"], env.db.to_str().unwrap());
    assert!(!run.stdout.contains(PASSWORD) && !run.stdout.contains("K1-"));
    assert!(run.stderr.contains("OPKIT_KDF=testing") && run.stderr.contains("NO protection"));

    let key_file = std::path::PathBuf::from(account["secretKeyFile"].as_str().unwrap());
    assert_eq!(
        key_file,
        env.config
            .join("secret-keys")
            .join(account["id"].as_str().unwrap())
    );
    assert!(
        std::fs::read_to_string(&key_file)
            .unwrap()
            .starts_with("K1-")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    assert!(
        !env.dir.path().join("home").exists(),
        "nothing went to the user's dirs"
    );

    // Never overwrite.
    let again = env.run(&["account", "create", "--name", "Other", "--format", "json"]);
    assert_eq!(again.code, 5);
    let (name, message) = again.error();
    assert_eq!(name, "InvalidConfiguration");
    assert!(message.contains("already exists"), "{message}");
}

#[test]
fn text_mode_shows_the_secret_key_once_and_it_can_replace_the_key_file() {
    let env = Env::new();
    let run = env.run(&["account", "create", "--name", "Text"]).ok();
    assert!(
        run.stdout.contains("shown only this once"),
        "{}",
        run.stdout
    );
    let key = run
        .stdout
        .split_whitespace()
        .find(|w| w.starts_with("K1-"))
        .unwrap()
        .to_owned();
    assert!(!run.stdout.contains(PASSWORD));

    // Without the key file, the owner cannot unlock (exit 3) unless OPKIT_SECRET_KEY is set.
    std::fs::remove_dir_all(env.config.join("secret-keys")).unwrap();
    let denied = env.run(&["vault", "list", "--format", "json"]);
    assert_eq!(denied.code, 3, "{}", denied.stderr);
    assert!(denied.error().1.contains("OPKIT_SECRET_KEY"));
    let mut cmd = env.command(&["vault", "list", "--format", "json"]);
    cmd.env("OPKIT_SECRET_KEY", &key);
    let listed = Env::run_cmd(cmd).ok().json();
    assert_eq!(listed[0]["title"], "Personal");
}

#[test]
fn vaults_are_created_and_listed_as_wire_objects() {
    let env = Env::new();
    let (account, _) = env.bootstrap("Prod");
    let created = env
        .run(&[
            "vault",
            "create",
            "Staging",
            "--description",
            "pre-prod",
            "--format",
            "json",
        ])
        .ok()
        .json();
    assert_eq!(created["title"], "Staging");
    assert_eq!(created["description"], "pre-prod");
    assert_eq!(created["vaultType"], "userCreated");

    let list = env.run(&["vault", "list", "--format", "json"]).ok().json();
    let titles: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), 3);
    for title in ["Personal", "Prod", "Staging"] {
        assert!(titles.contains(&title), "{titles:?}");
    }
    for v in list.as_array().unwrap() {
        for key in [
            "id",
            "vaultType",
            "activeItemCount",
            "contentVersion",
            "createdAt",
            "updatedAt",
        ] {
            assert!(!v[key].is_null(), "{key} missing in {v}");
        }
    }
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|v| v["id"] == account["personalVaultId"])
    );

    let text = env.run(&["vault", "list"]).ok();
    assert!(text.stdout.starts_with("ID") && text.stdout.contains("Staging"));
}

#[test]
fn service_accounts_accept_ids_titles_and_every_permission_form() {
    let env = Env::new();
    let (_, prod) = env.bootstrap("Prod");
    env.run(&["vault", "create", "Dev", "--format", "json"])
        .ok();
    for grant in [
        format!("{prod}:read"),
        "prod:write".to_owned(),
        "PROD:read_items,reveal_item_password".to_owned(),
        "Prod:read, create_items,manage_vault".to_owned(),
        "Prod:read,write".to_owned(),
    ] {
        let (id, token) = env.service_account("ci", &[&grant]);
        assert_eq!(id.len(), 26, "{grant}");
        assert!(token.starts_with("ops_"), "{grant}");
    }
    let (_, token) = env.service_account("two", &["Prod:read", "Dev:write"]);
    assert!(token.starts_with("ops_"));
    let text = env
        .run(&[
            "service-account",
            "create",
            "--name",
            "t",
            "--vault",
            "Prod:read",
        ])
        .ok();
    assert!(text.stdout.contains("ops_") && text.stdout.contains("shown only this once"));
}

#[test]
fn bad_service_account_arguments_are_refused_with_their_exit_codes() {
    let env = Env::new();
    let (account, _) = env.bootstrap("Prod");
    env.run(&["vault", "create", "prod", "--format", "json"])
        .ok();
    env.run(&["vault", "create", "Dev", "--format", "json"])
        .ok();
    let personal = account["personalVaultId"].as_str().unwrap();
    let cases: [(&str, i32, &str, &str); 6] = [
        (
            "Dev:bogus",
            5,
            "InvalidConfiguration",
            "valid names: read, write, recover_vault",
        ),
        (
            "Dev:read,READ_ITEMS",
            5,
            "InvalidConfiguration",
            "\"READ_ITEMS\"",
        ),
        ("Dev", 5, "InvalidConfiguration", "VAULT:PERMS"),
        (
            "Nope:read",
            4,
            "NotFound",
            "no vault has the id or title \"Nope\"",
        ),
        (
            "PROD:read",
            5,
            "InvalidConfiguration",
            "2 vaults are titled \"PROD\"",
        ),
        (&format!("{personal}:read"), 4, "ItemApi", "Personal vault"),
    ];
    for (grant, code, name, needle) in cases {
        let run = env.run(&[
            "service-account",
            "create",
            "--name",
            "x",
            "--vault",
            grant,
            "--format",
            "json",
        ]);
        assert_eq!(run.code, code, "{grant}: {}", run.stderr);
        let (got_name, message) = run.error();
        assert_eq!(got_name, name, "{grant}");
        assert!(message.contains(needle), "{grant}: {message}");
        assert!(run.stdout.is_empty());
    }
    // The ambiguity error lists both ids.
    let list = env.run(&["vault", "list", "--format", "json"]).ok().json();
    let run = env.run(&[
        "service-account",
        "create",
        "--name",
        "x",
        "--vault",
        "prod:read",
        "--format",
        "json",
    ]);
    for v in list
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["title"].as_str().unwrap().eq_ignore_ascii_case("prod"))
    {
        assert!(run.error().1.contains(v["id"].as_str().unwrap()));
    }
    // A service account needs at least one vault (clap usage error).
    assert_eq!(
        env.run(&["service-account", "create", "--name", "x"]).code,
        2
    );
}

#[test]
fn credentials_and_usage_errors_have_their_exit_codes() {
    let env = Env::new();
    // No vault file yet.
    let missing = env.run(&["vault", "list", "--format", "json"]);
    assert_eq!(missing.code, 5);
    assert!(missing.error().1.contains("opkit account create"));
    env.bootstrap("Prod");

    let mut wrong = env.command(&["vault", "list", "--format", "json"]);
    wrong.env("OPKIT_PASSWORD", "wrong password");
    let wrong = Env::run_cmd(wrong);
    assert_eq!(wrong.code, 3);
    assert_eq!(wrong.error().0, "Auth");
    assert!(!wrong.stderr.contains("wrong password\""));

    let mut bad_key = env.command(&["vault", "list"]);
    bad_key.env("OPKIT_SECRET_KEY", "K1-NOT-A-KEY");
    let bad_key = Env::run_cmd(bad_key);
    assert_eq!(bad_key.code, 3);
    assert!(
        bad_key.stderr.starts_with("error (Auth):"),
        "{}",
        bad_key.stderr
    );

    let usage = env.run(&["vault", "frobnicate", "--format", "json"]);
    assert_eq!(usage.code, 2);
    assert_eq!(usage.error().0, "Usage");
    assert_eq!(env.run(&["--format", "yaml", "vault", "list"]).code, 2);

    let empty_title = env.run(&["vault", "create", "", "--format", "json"]);
    assert_eq!(empty_title.code, 5);

    let unknown_kdf = {
        let other = Env::new();
        let mut cmd = other.command(&["account", "create", "--name", "x"]);
        cmd.env("OPKIT_KDF", "fast");
        Env::run_cmd(cmd)
    };
    assert_eq!(unknown_kdf.code, 5);
    assert!(unknown_kdf.stderr.contains("recommended"));

    let help = env.run(&["--help"]).ok();
    for line in [
        "0  success",
        "2  Usage",
        "3  Auth",
        "4  NotFound",
        "5  InvalidConfiguration",
        "6  Internal",
    ] {
        assert!(help.stdout.contains(line), "{line}");
    }
}

#[test]
fn without_a_password_or_a_terminal_opkit_refuses_instead_of_waiting() {
    let env = Env::new();
    let mut cmd = env.command(&["account", "create", "--name", "x", "--format", "json"]);
    cmd.env_remove("OPKIT_PASSWORD");
    let run = Env::run_cmd(cmd);
    assert_eq!(run.code, 3);
    let (name, message) = run.error();
    assert_eq!(name, "Auth");
    assert!(
        message.contains("OPKIT_PASSWORD") && message.contains("no terminal"),
        "{message}"
    );
    assert!(!env.db.exists(), "nothing was created");

    env.bootstrap("Prod");
    let mut cmd = env.command(&["vault", "list"]);
    cmd.env_remove("OPKIT_PASSWORD");
    assert_eq!(Env::run_cmd(cmd).code, 3);
}

#[test]
fn the_default_locations_follow_the_xdg_dirs() {
    let env = Env::new();
    let mut cmd = env.command(&["account", "create", "--name", "Default", "--format", "json"]);
    cmd.env_remove("OPKIT_DB").env_remove("OPKIT_CONFIG_DIR");
    let account = Env::run_cmd(cmd).ok().json();
    let home = env.dir.path().join("home");
    assert_eq!(
        account["path"],
        home.join(".local/share/opkit/vault.opkit")
            .to_str()
            .unwrap()
    );
    assert!(
        account["secretKeyFile"]
            .as_str()
            .unwrap()
            .starts_with(home.join(".config/opkit/secret-keys").to_str().unwrap())
    );
    // --db wins over OPKIT_DB.
    let other = env.dir.path().join("other.opkit");
    let mut cmd = env.command(&[
        "--db",
        other.to_str().unwrap(),
        "account",
        "create",
        "--name",
        "x",
        "--format",
        "json",
    ]);
    cmd.env("OPKIT_DB", "/nonexistent/ignored.opkit");
    assert_eq!(
        Env::run_cmd(cmd).ok().json()["path"],
        other.to_str().unwrap()
    );
}

#[test]
fn io_and_internal_failures_have_their_exit_codes() {
    // The config dir is a file: the key cannot be saved, so the new vault file is removed (exit 1).
    let env = Env::new();
    std::fs::write(&env.config, "not a directory").unwrap();
    let run = env.run(&["account", "create", "--name", "x", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.error().0, "Io");
    assert!(
        !env.db.exists(),
        "an account whose key was lost is not left behind"
    );
    assert!(run.stdout.is_empty());

    // A file that is not an opkit vault (exit 6: the store cannot read it).
    let env = Env::new();
    std::fs::write(&env.db, vec![0x42; 4096]).unwrap();
    let run = env.run(&["vault", "list", "--format", "json"]);
    assert_eq!(run.code, 6, "{}", run.stderr);
    assert_eq!(run.error().0, "Internal");
}
