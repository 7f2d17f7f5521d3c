//! `opkit item attach|read-file|delete-file` and `item create --file` against real vault files:
//! binary content round-trips byte for byte, permissions and names are enforced.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::os::unix::fs::PermissionsExt;

use common::Env;

/// Every byte value, NULs and invalid UTF-8, and more than one 1 MiB chunk of the core.
fn binary() -> Vec<u8> {
    (0..1_500_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .chain(0..=255u8)
        .collect()
}

#[test]
fn attached_binary_files_read_back_byte_exact() {
    let env = Env::new();
    env.workflows();
    let content = binary();
    let src = env.dir.path().join("blob.bin");
    std::fs::write(&src, &content).unwrap();
    let item = env
        .run(&[
            "item",
            "attach",
            "DB",
            "--vault",
            "Prod",
            "--file",
            src.to_str().unwrap(),
            "--format",
            "json",
        ])
        .ok()
        .json();
    assert_eq!(item["files"][0]["attributes"]["name"], "blob.bin");
    assert_eq!(item["files"][0]["attributes"]["size"], content.len());
    assert_eq!(item["files"][0]["fieldId"], "blob_bin");

    let out = env.raw(&["item", "read-file", "DB", "--vault", "Prod", "blob.bin"]);
    assert!(out.status.success());
    assert!(
        out.stdout == content,
        "stdout differs from the attached bytes"
    );

    let dest = env.dir.path().join("out.bin");
    let v = env
        .run(&[
            "item",
            "read-file",
            "DB",
            "BLOB.BIN",
            "-o",
            dest.to_str().unwrap(),
            "--format",
            "json",
        ])
        .ok()
        .json();
    assert_eq!(v["size"], content.len());
    assert!(std::fs::read(&dest).unwrap() == content);
    assert_eq!(
        std::fs::metadata(&dest).unwrap().permissions().mode() & 0o777,
        0o600
    );

    // json without -o: the protocol's bytes, an array of numbers.
    let small = env.dir.path().join("small");
    std::fs::write(&small, [0u8, 255, 10, 13]).unwrap();
    env.run(&[
        "item",
        "attach",
        "DB",
        "--file",
        small.to_str().unwrap(),
        "--name",
        "tiny key",
        "--section",
        "Certificates",
        "--field",
        "tiny",
    ])
    .ok();
    let v = env
        .run(&["item", "read-file", "DB", "tiny key", "--format", "json"])
        .ok()
        .json();
    assert_eq!(v["content"], serde_json::json!([0, 255, 10, 13]));
    let item = env
        .run(&["item", "get", "DB", "--format", "json"])
        .ok()
        .json();
    let sections = item["sections"].as_array().unwrap();
    assert!(sections.iter().any(|s| s["title"] == "Certificates"));
    let tiny = item["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["fieldId"] == "tiny")
        .unwrap();
    assert_eq!(tiny["sectionId"], "certificates");
}

#[test]
fn delete_file_removes_it_and_errors_have_their_codes() {
    let env = Env::new();
    env.workflows();
    let src = env.dir.path().join("notes.txt");
    std::fs::write(&src, "hello\n").unwrap();
    let src = src.to_str().unwrap();
    env.run(&["item", "attach", "DB", "--file", src]).ok();
    // Two files with one name: reading by name is ambiguous, by id it works.
    env.run(&["item", "attach", "DB", "--file", src]).ok();
    let r = env.run(&["item", "read-file", "DB", "notes.txt", "--format", "json"]);
    assert_eq!(r.code, 5, "{}", r.stderr);
    let item = env
        .run(&["item", "get", "DB", "--format", "json"])
        .ok()
        .json();
    let files = item["files"].as_array().unwrap().clone();
    assert_eq!(files.len(), 2);
    assert_eq!(files[1]["fieldId"], "notes_txt_2");
    let first = files[0]["attributes"]["id"].as_str().unwrap();
    let out = env.raw(&["item", "read-file", "DB", first]);
    assert_eq!(out.stdout, b"hello\n");

    let v = env
        .run(&["item", "delete-file", "DB", first, "--format", "json"])
        .ok()
        .json();
    assert_eq!(v["files"].as_array().unwrap().len(), 1);
    env.run(&["item", "delete-file", "DB", "notes_txt_2"]).ok();
    let r = env.run(&["item", "read-file", "DB", "notes.txt", "--format", "json"]);
    assert_eq!((r.code, r.error().0.as_str()), (4, "NotFound"));
    let r = env.run(&["item", "delete-file", "DB", "notes.txt", "--format", "json"]);
    assert_eq!(r.code, 4, "{}", r.stderr);

    let missing = env.dir.path().join("missing");
    let r = env.run(&[
        "item",
        "attach",
        "DB",
        "--file",
        missing.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!((r.code, r.error().0.as_str()), (1, "Io"));
    let r = env.run(&["item", "attach", "Nope", "--file", src, "--format", "json"]);
    assert_eq!(r.code, 4, "{}", r.stderr);
}

#[test]
fn service_accounts_need_write_access_to_attach() {
    let env = Env::new();
    env.workflows();
    let src = env.dir.path().join("cert.der");
    std::fs::write(&src, [0x30u8, 0x82, 0x00, 0xff]).unwrap();
    let src = src.to_str().unwrap();
    env.run(&["item", "attach", "DB", "--file", src]).ok();
    let (_, reader) = env.service_account("reader", &["Prod:read"]);
    let (_, writer) = env.service_account("writer", &["Prod:write"]);

    let mut cmd = env.command(&["item", "read-file", "DB", "cert.der"]);
    cmd.env("OP_SERVICE_ACCOUNT_TOKEN", &reader);
    let out = cmd.output().unwrap();
    assert_eq!(out.stdout, [0x30u8, 0x82, 0x00, 0xff]);

    let mut cmd = env.command(&["item", "attach", "DB", "--file", src, "--format", "json"]);
    cmd.env("OP_SERVICE_ACCOUNT_TOKEN", &reader);
    let r = Env::run_cmd(cmd);
    assert_eq!(r.code, 4, "{}", r.stderr);

    let mut cmd = env.command(&["item", "delete-file", "DB", "cert.der"]);
    cmd.env("OP_SERVICE_ACCOUNT_TOKEN", &writer);
    Env::run_cmd(cmd).ok();
}

#[test]
fn document_items_are_created_from_a_file() {
    let env = Env::new();
    env.workflows();
    let content = binary();
    let src = env.dir.path().join("report.pdf");
    std::fs::write(&src, &content).unwrap();
    let item = env
        .run(&[
            "item",
            "create",
            "--vault",
            "Prod",
            "--category",
            "Document",
            "--title",
            "Report",
            "--file",
            src.to_str().unwrap(),
            "--format",
            "json",
        ])
        .ok()
        .json();
    assert_eq!(item["document"]["name"], "report.pdf");
    let out = env.raw(&["item", "read-file", "Report", "report.pdf"]);
    assert!(out.stdout == content);
    let r = env.run(&[
        "item",
        "delete-file",
        "Report",
        "report.pdf",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 5, "{}", r.stderr);
    // A Document item needs its file.
    let r = env.run(&[
        "item",
        "create",
        "--vault",
        "Prod",
        "--category",
        "Document",
        "--title",
        "Empty",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    // Other categories get their --file attached as a file field.
    let item = env
        .run(&[
            "item",
            "create",
            "--vault",
            "Prod",
            "--title",
            "With file",
            "--file",
            src.to_str().unwrap(),
            "--format",
            "json",
        ])
        .ok()
        .json();
    assert_eq!(item["files"][0]["attributes"]["name"], "report.pdf");
}
