//! `opkit environment read` as a service account and `opkit run --environment`, against real
//! vault files: grants decide who reads, variables reach the command, their values are masked.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{DB_PASSWORD, Env};

const MASK: &str = "<concealed by opkit>";

/// The workflow account, a read-only service account on Prod, and an Environment holding a plain
/// value and a reference; returns (env, environment id, service-account id, token).
fn setup() -> (Env, String, String, String) {
    let env = Env::new();
    env.workflows();
    let (sa, token) = env.service_account("ci", &["Prod:read"]);
    let id = env
        .run(&["environment", "create", "production", "--format", "json"])
        .ok()
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    env.run(&["environment", "set", &id, "API_KEY=plain-api-key-1234"])
        .ok();
    env.run(&[
        "environment",
        "set",
        &id,
        "DB_PW=op://Prod/DB/password",
        "--masked",
    ])
    .ok();
    (env, id, sa, token)
}

#[test]
fn environment_read_with_a_token_needs_a_grant() {
    let (env, id, sa, token) = setup();
    let token_file = env.dir.path().join("token");
    std::fs::write(&token_file, format!("{token}\n")).unwrap();
    let token_file = token_file.to_str().unwrap();

    let mut cmd = env.command(&["environment", "read", &id, "--format", "json"]);
    cmd.env("OP_SERVICE_ACCOUNT_TOKEN", &token);
    let denied = Env::run_cmd(cmd);
    assert_eq!(denied.code, 4, "{}", denied.stderr);
    assert_eq!(denied.error().0, "ItemApi");
    assert!(
        !denied.stderr.contains("plain-api-key"),
        "{}",
        denied.stderr
    );

    env.run(&["environment", "grant", &id, &sa]).ok();
    let mut cmd = env.command(&["environment", "read", &id]);
    cmd.env("OP_SERVICE_ACCOUNT_TOKEN", &token);
    let text = Env::run_cmd(cmd).ok().stdout;
    assert_eq!(
        text,
        "API_KEY=plain-api-key-1234\nDB_PW=op://Prod/DB/password\n"
    );
    let json = env
        .run(&[
            "--token-file",
            token_file,
            "environment",
            "read",
            &id,
            "--format",
            "json",
        ])
        .ok()
        .json();
    assert_eq!(json["variables"][0]["name"], "API_KEY");
    assert_eq!(json["variables"][1]["masked"], true);

    env.run(&["environment", "revoke", &id, &sa]).ok();
    let revoked = env.run(&["--token-file", token_file, "environment", "read", &id]);
    assert_eq!(revoked.code, 4, "{}", revoked.stderr);
    // The owner still reads it without a token.
    env.run(&["environment", "read", &id]).ok();
}

#[test]
fn run_adds_environment_variables_resolves_references_and_masks_every_value() {
    let (env, id, sa, token) = setup();
    env.run(&["environment", "grant", &id, &sa]).ok();
    let script = "echo \"$API_KEY $DB_PW $KEEP\"; \
        test \"$DB_PW\" = 'hunter2-Very-Secret' && echo resolved; \
        test \"$API_KEY\" = 'plain-api-key-1234' && echo plain";
    let mut cmd = env.command(&["run", "--environment", &id, "--", "sh", "-c", script]);
    cmd.env("OP_SERVICE_ACCOUNT_TOKEN", &token)
        .env("API_KEY", "from the process")
        .env("KEEP", "kept");
    let r = Env::run_cmd(cmd).ok();
    assert_eq!(r.stdout, format!("{MASK} {MASK} kept\nresolved\nplain\n"));

    // A later Environment wins over an earlier one; an env file wins over both.
    let second = env
        .run(&["environment", "create", "overrides", "--format", "json"])
        .ok()
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    env.run(&["environment", "set", &second, "API_KEY=second-api-key-5678"])
        .ok();
    let dotenv = env.dir.path().join(".env");
    std::fs::write(&dotenv, "DB_PW=from-the-file\n").unwrap();
    let r = env
        .run(&[
            "run",
            "--environment",
            &id,
            "--environment",
            &second,
            "--env-file",
            dotenv.to_str().unwrap(),
            "--no-masking",
            "--",
            "sh",
            "-c",
            "echo \"$API_KEY $DB_PW\"",
        ])
        .ok();
    assert_eq!(r.stdout, "second-api-key-5678 from-the-file\n");
    assert!(!r.stdout.contains(DB_PASSWORD));
}

#[test]
fn run_with_an_unreadable_environment_does_not_start_the_command() {
    let (env, id, _sa, token) = setup();
    let marker = env.dir.path().join("ran");
    let script = format!("touch {}", marker.display());
    let mut cmd = env.command(&[
        "run",
        "--environment",
        &id,
        "--format",
        "json",
        "--",
        "sh",
        "-c",
        &script,
    ]);
    cmd.env("OP_SERVICE_ACCOUNT_TOKEN", &token);
    let r = Env::run_cmd(cmd);
    assert_eq!(r.code, 4, "{}", r.stderr);
    let (name, message) = r.error();
    assert_eq!(name, "ItemApi");
    assert!(message.contains(&id), "{message}");
    let r = env.run(&["run", "--environment", "nope", "--", "sh", "-c", &script]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(!marker.exists(), "the command must not run");

    // A reference that does not resolve names the Environment and the variable.
    env.run(&["environment", "set", &id, "BAD=op://Prod/DB/nope"])
        .ok();
    let r = env.run(&[
        "run",
        "--environment",
        &id,
        "--format",
        "json",
        "--",
        "true",
    ]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(r.error().1.contains("BAD"), "{}", r.stderr);
}
