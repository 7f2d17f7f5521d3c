#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `opkit group|vault grant|revoke|access|environment` against real vault files.

mod common;

use common::Env;
use serde_json::Value;

fn setup() -> (Env, String, String) {
    let env = Env::new();
    env.run(&["account", "create", "--name", "Acme"]).ok();
    env.run(&["vault", "create", "Other"]).ok();
    let vault = env
        .run(&["vault", "create", "Shared", "--format", "json"])
        .ok()
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let sa = env
        .run(&[
            "service-account",
            "create",
            "--name",
            "ci",
            "--vault",
            "Other:read",
            "--format",
            "json",
        ])
        .ok()
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    (env, vault, sa)
}

#[test]
fn groups_are_created_listed_and_granted_vaults() {
    let (env, vault, sa) = setup();
    let listed = env.run(&["group", "list", "--format", "json"]).ok().json();
    let types: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["groupType"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["administrators", "owners", "teamMembers"]);

    let group = env
        .run(&["group", "create", "Backend", "--format", "json"])
        .ok()
        .json();
    assert_eq!(group["groupType"], "userDefined");
    env.run(&["group", "add-member", "Backend", &sa]).ok();
    env.run(&[
        "vault",
        "grant",
        "Shared",
        "--group",
        "backend",
        "--permissions",
        "write",
    ])
    .ok();
    let shown = env
        .run(&["group", "get", "Backend", "--format", "json"])
        .ok()
        .json();
    assert_eq!(shown["members"], serde_json::json!([sa]));
    assert_eq!(
        shown["group"]["vaultAccess"][0]["vaultUuid"],
        vault.as_str()
    );
    let access = env
        .run(&["vault", "access", "Shared", "--format", "json"])
        .ok()
        .json();
    assert!(
        access
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["accessorType"] == "group" && a["accessorUuid"] == group["id"])
    );

    // A permission without its dependencies is refused with the names (exit code 5).
    env.run(&["group", "create", "Frontend"]).ok();
    let run = env.run(&[
        "vault",
        "grant",
        "Shared",
        "--group",
        "Frontend",
        "--permissions",
        "read_items,delete_items",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 5, "{}", run.stderr);
    let (name, message) = run.error();
    assert_eq!(name, "InvalidConfiguration");
    assert!(message.contains("delete_items also needs"), "{message}");

    env.run(&["vault", "revoke", "Shared", "--group", "Backend"])
        .ok();
    let shown = env
        .run(&["group", "get", "Backend", "--format", "json"])
        .ok()
        .json();
    assert_eq!(shown["group"]["vaultAccess"], serde_json::json!([]));
    env.run(&["group", "remove-member", "Backend", &sa]).ok();
    let run = env.run(&["group", "remove-member", "Backend", &sa, "--format", "json"]);
    assert_ne!(run.code, 0);
    let run = env.run(&["group", "get", "Nope", "--format", "json"]);
    assert_eq!(run.error().0, "NotFound");
}

#[test]
fn environments_hold_variables_and_grants() {
    let (env, _vault, sa) = setup();
    let created = env
        .run(&["environment", "create", "production", "--format", "json"])
        .ok()
        .json();
    let id = created["id"].as_str().unwrap().to_owned();
    env.run(&["environment", "set", &id, "DATABASE_URL=postgres://db?a=b"])
        .ok();
    env.run(&["environment", "set", &id, "API_KEY=s3cr3t", "--masked"])
        .ok();
    let text = env.run(&["environment", "read", &id]).ok().stdout;
    assert_eq!(text, "DATABASE_URL=postgres://db?a=b\nAPI_KEY=s3cr3t\n");
    let json: Value = env
        .run(&["environment", "read", &id, "--format", "json"])
        .ok()
        .json();
    assert_eq!(json["variables"][1]["masked"], true);
    env.run(&["environment", "unset", &id, "DATABASE_URL"]).ok();
    env.run(&["environment", "grant", &id, &sa]).ok();
    env.run(&["environment", "revoke", &id, &sa]).ok();
    let listed = env
        .run(&["environment", "list", "--format", "json"])
        .ok()
        .json();
    assert_eq!(listed[0]["variable_count"], 1);
    let bad = env.run(&[
        "environment",
        "set",
        &id,
        "hunter2secret",
        "--format",
        "json",
    ]);
    assert_eq!(bad.code, 5);
    assert!(
        !bad.stderr.contains("hunter2secret"),
        "the argument is not echoed"
    );
    let bad = env.run(&[
        "environment",
        "grant",
        &id,
        &sa,
        "--permission",
        "admin",
        "--format",
        "json",
    ]);
    assert_eq!(bad.code, 5);
}
