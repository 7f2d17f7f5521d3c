#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Files and documents against a real vault file on disk: every operation, its errors, tampering,
//! and what deleting an item or a vault leaves behind.

use op_core::wire::{
    Bytes, DocumentCreateParams, FileAttributes, FileCreateParams, Item, ItemCreateParams,
    ResolveReferenceError, permissions as p,
};
use op_crypto::Argon2Params;
use op_sdk::error::ErrorReason;
use op_sdk::{Admin, Client, Error};
use op_store::{SqliteStore, Store};
use serde_json::json;

struct Fixture {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    prod: String,
    writer: Client,
    reader: Client,
    owner: Client,
}

async fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.opkit");
    let account =
        Admin::create_account(&path, "Acme", "correct horse", Argon2Params::TESTING).unwrap();
    let admin = account.admin;
    let prod = admin.create_vault("Prod", "").unwrap().id;
    let write = p::READ_ITEMS
        | p::REVEAL_ITEM_PASSWORD
        | p::UPDATE_ITEM_HISTORY
        | p::CREATE_ITEMS
        | p::UPDATE_ITEMS
        | p::DELETE_ITEMS;
    let (_, writer) = admin
        .create_service_account("ci", &[(prod.clone(), write)])
        .unwrap();
    let (_, reader) = admin
        .create_service_account(
            "readonly",
            &[(prod.clone(), p::READ_ITEMS | p::REVEAL_ITEM_PASSWORD)],
        )
        .unwrap();
    let writer = Client::authenticate(writer.expose_secret(), "files", "1.0")
        .await
        .unwrap();
    let reader = Client::authenticate(reader.expose_secret(), "files", "1.0")
        .await
        .unwrap();
    Fixture {
        _dir: dir,
        path,
        prod,
        writer,
        reader,
        owner: admin.into_client(),
    }
}

fn file(name: &str, content: &[u8], section: &str, field: &str) -> FileCreateParams {
    FileCreateParams {
        name: name.into(),
        content: Bytes::new(content.to_vec()),
        section_id: section.into(),
        field_id: field.into(),
    }
}

fn document(name: &str, content: &[u8]) -> DocumentCreateParams {
    DocumentCreateParams {
        name: name.into(),
        content: Bytes::new(content.to_vec()),
    }
}

/// A Login item with a section `docs` and, optionally, files.
fn login(vault: &str, title: &str, files: Vec<FileCreateParams>) -> ItemCreateParams {
    let mut params: ItemCreateParams = serde_json::from_value(json!({
        "category": "Login", "vaultId": vault, "title": title,
        "fields": [{"id": "password", "title": "password", "fieldType": "Concealed", "value": "pw"}],
        "sections": [{"id": "docs", "title": "Documents"}]
    }))
    .unwrap();
    params.files = Some(files);
    params
}

fn document_item(vault: &str, title: &str, doc: DocumentCreateParams) -> ItemCreateParams {
    let mut params: ItemCreateParams = serde_json::from_value(json!({
        "category": "Document", "vaultId": vault, "title": title
    }))
    .unwrap();
    params.document = Some(doc);
    params
}

/// Bytes that are not text (every value 0-250).
fn binary(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 251) as u8).collect()
}

fn attributes(item: &Item, field_id: &str) -> FileAttributes {
    item.files
        .iter()
        .find(|f| f.field_id == field_id)
        .unwrap()
        .attributes
        .clone()
}

async fn read(client: &Client, item: &Item, attr: &FileAttributes) -> Result<Vec<u8>, Error> {
    client
        .read_file(item.vault_id.clone(), item.id.clone(), attr.clone())
        .await
        .map(|b| b.as_slice().to_vec())
}

/// The error of a read that must fail, without printing megabytes of content if it does not.
fn must_fail(result: Result<Vec<u8>, Error>) -> Error {
    match result {
        Ok(content) => panic!(
            "the read returned {} bytes instead of failing",
            content.len()
        ),
        Err(e) => e,
    }
}

fn raw(path: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

fn chunk_rows(path: &std::path::Path, file_id: &str) -> i64 {
    raw(path)
        .query_row(
            "SELECT count(*) FROM file_chunks WHERE file_id = ?1",
            [file_id],
            |r| r.get(0),
        )
        .unwrap()
}

fn internal_naming(err: &Error, name: &str) -> bool {
    matches!(err, Error::Internal(m) if m.contains("integrity") && m.contains(name))
}

#[tokio::test]
async fn items_are_created_with_files_and_documents() {
    let f = fixture().await;
    let big = binary((1 << 20) + 12_345);
    let item = f
        .writer
        .create_item(login(
            &f.prod,
            "Server",
            vec![
                file("notes.txt", b"hello files", "docs", "notes"),
                file("blob.bin", &big, "docs", "blob"),
                file("empty.txt", b"", "", "empty"),
            ],
        ))
        .await
        .unwrap();
    assert_eq!(item.files.len(), 3);
    let notes = attributes(&item, "notes");
    assert_eq!((notes.name.as_str(), notes.size), ("notes.txt", 11));
    assert_eq!(attributes(&item, "blob").size as usize, big.len());
    // A file in the unnamed section declares it, as for fields.
    assert!(item.sections.iter().any(|s| s.id.is_empty()));

    let got = f
        .writer
        .get_item(f.prod.clone(), item.id.clone())
        .await
        .unwrap();
    assert_eq!(got.files, item.files);
    assert_eq!(read(&f.writer, &got, &notes).await.unwrap(), b"hello files");
    assert!(
        read(&f.reader, &got, &attributes(&got, "blob"))
            .await
            .unwrap()
            == big,
        "the content read back differs"
    );
    assert_eq!(
        read(&f.writer, &got, &attributes(&got, "empty"))
            .await
            .unwrap(),
        b""
    );

    let doc = f
        .writer
        .create_item(document_item(
            &f.prod,
            "Contract",
            document("contract.pdf", b"%PDF-1.7"),
        ))
        .await
        .unwrap();
    let attr = doc.document.clone().unwrap();
    assert_eq!((attr.name.as_str(), attr.size), ("contract.pdf", 8));
    assert!(doc.files.is_empty());
    assert_eq!(read(&f.reader, &doc, &attr).await.unwrap(), b"%PDF-1.7");

    // Bulk creation stores files too, and a bad item stores nothing of its own.
    let bulk = f
        .writer
        .create_items(
            f.prod.clone(),
            vec![
                login(&f.prod, "Bulk", vec![file("a.txt", b"a", "docs", "a")]),
                login(&f.prod, "Bad", vec![file("b.txt", b"b", "nowhere", "b")]),
            ],
        )
        .await
        .unwrap();
    let created = bulk.individual_responses[0].content.clone().unwrap();
    assert_eq!(
        read(&f.writer, &created, &attributes(&created, "a"))
            .await
            .unwrap(),
        b"a"
    );
    assert!(bulk.individual_responses[1].error.is_some());
}

#[tokio::test]
async fn create_rejects_bad_files_and_documents() {
    let f = fixture().await;
    let cases = [
        login(&f.prod, "No section", vec![file("a", b"1", "nowhere", "a")]),
        login(&f.prod, "No name", vec![file(" ", b"1", "docs", "a")]),
        login(
            &f.prod,
            "Twice",
            vec![file("a", b"1", "docs", "a"), file("b", b"2", "docs", "a")],
        ),
        login(&f.prod, "Clash", vec![file("a", b"1", "docs", "password")]),
        document_item(&f.prod, "Doc", document("", b"x")),
    ];
    for params in cases {
        let title = params.title.clone();
        let err = f.writer.create_item(params).await.unwrap_err();
        assert!(matches!(err, Error::ItemApi(..)), "{title}: {err}");
    }
    let mut not_a_document = login(&f.prod, "Login with a document", Vec::new());
    not_a_document.document = Some(document("d.txt", b"x"));
    let err = f.writer.create_item(not_a_document).await.unwrap_err();
    assert!(
        matches!(&err, Error::ItemApi(_, m) if m.contains("document")),
        "{err}"
    );
    let mut missing = document_item(&f.prod, "Empty Document", document("d", b""));
    missing.document = None;
    let err = f.writer.create_item(missing).await.unwrap_err();
    assert!(
        matches!(&err, Error::ItemApi(_, m) if m.contains("document")),
        "{err}"
    );
    let listed = f
        .writer
        .list_items(f.prod.clone(), Vec::new())
        .await
        .unwrap();
    assert!(listed.is_empty());
}

#[tokio::test]
async fn attach_read_and_delete_files() {
    let f = fixture().await;
    let item = f
        .writer
        .create_item(login(&f.prod, "Server", Vec::new()))
        .await
        .unwrap();
    let content = binary((1 << 20) + 1);
    let item = f
        .writer
        .attach_file(item, file("key.bin", &content, "docs", "key"))
        .await
        .unwrap();
    assert_eq!(item.version, 2);
    let key = attributes(&item, "key");
    assert_eq!(key.size as usize, content.len());
    assert!(
        read(&f.reader, &item, &key).await.unwrap() == content,
        "the content read back differs"
    );

    // A second attach keeps the first file; other edits made to the item are saved with it.
    let mut edited = item.clone();
    edited.title = "Server (renamed)".into();
    let item = f
        .writer
        .attach_file(edited, file("readme.txt", b"read me", "docs", "readme"))
        .await
        .unwrap();
    assert_eq!(item.title, "Server (renamed)");
    assert_eq!(item.files.len(), 2);

    // A put keeps the files even when the caller's copy lists none.
    let mut without = item.clone();
    without.files.clear();
    without.notes = "updated".into();
    let item = f.writer.put_item(without).await.unwrap();
    assert_eq!(item.files.len(), 2);

    let readme = attributes(&item, "readme");
    let item = f
        .writer
        .delete_file(item, "docs".into(), "readme".into())
        .await
        .unwrap();
    assert_eq!(item.files.len(), 1);
    assert_eq!(chunk_rows(&f.path, &readme.id), 0);
    let err = must_fail(read(&f.writer, &item, &readme).await);
    assert!(
        matches!(&err, Error::ItemApi(_, m) if m.contains(&readme.id)),
        "{err}"
    );
    assert!(
        read(&f.writer, &item, &key).await.unwrap() == content,
        "the content read back differs"
    );

    let err = f
        .writer
        .delete_file(item.clone(), "docs".into(), "readme".into())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::ItemApi(ErrorReason::NotFound, _)),
        "{err}"
    );
}

#[tokio::test]
async fn attach_errors_change_nothing() {
    let f = fixture().await;
    let item = f
        .writer
        .create_item(login(
            &f.prod,
            "Server",
            vec![file("a.txt", b"a", "docs", "a")],
        ))
        .await
        .unwrap();
    let cases = [
        file("b.txt", b"b", "nowhere", "b"),
        file("", b"b", "docs", "b"),
        file("b.txt", b"b", "docs", "a"),
        file("b.txt", b"b", "docs", "password"),
    ];
    for params in cases {
        let err = f
            .writer
            .attach_file(item.clone(), params)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::ItemApi(..)), "{err}");
    }
    let files_stored: i64 = raw(&f.path)
        .query_row("SELECT count(*) FROM file_headers", [], |r| r.get(0))
        .unwrap();
    assert_eq!(files_stored, 1);

    // A stale copy of the item is refused, as by put.
    let newer = f
        .writer
        .attach_file(item.clone(), file("b.txt", b"b", "docs", "b"))
        .await
        .unwrap();
    let err = f
        .writer
        .attach_file(item.clone(), file("c.txt", b"c", "docs", "c"))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::ItemApi(ErrorReason::VersionConflict, _)),
        "{err}"
    );
    assert_eq!(
        f.writer
            .get_item(f.prod.clone(), item.id.clone())
            .await
            .unwrap()
            .files,
        newer.files
    );

    // Past the protocol's message limit: a clear error naming the file and the limit.
    let huge = vec![b'x'; op_sdk::MESSAGE_LIMIT + 1];
    let err = f
        .writer
        .attach_file(newer, file("huge.iso", &huge, "docs", "huge"))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::ItemApi(ErrorReason::TooLarge, m) if m.contains("huge.iso")),
        "{err}"
    );
}

#[tokio::test]
async fn documents_are_replaced_and_only_on_document_items() {
    let f = fixture().await;
    let doc = f
        .writer
        .create_item(document_item(
            &f.prod,
            "Contract",
            document("v1.txt", b"version one"),
        ))
        .await
        .unwrap();
    let old = doc.document.clone().unwrap();
    let doc = f
        .writer
        .replace_document(doc, document("v2.txt", b"version two, longer"))
        .await
        .unwrap();
    let new = doc.document.clone().unwrap();
    assert_ne!(new.id, old.id);
    assert_eq!((new.name.as_str(), new.size), ("v2.txt", 19));
    assert_eq!(
        read(&f.reader, &doc, &new).await.unwrap(),
        b"version two, longer"
    );
    assert!(matches!(
        read(&f.reader, &doc, &old).await,
        Err(Error::ItemApi(..))
    ));
    assert_eq!(chunk_rows(&f.path, &old.id), 0);

    let login_item = f
        .writer
        .create_item(login(&f.prod, "Login", Vec::new()))
        .await
        .unwrap();
    let err = f
        .writer
        .replace_document(login_item, document("x", b"x"))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::ItemApi(_, m) if m.contains("only Document items can have their document replaced")),
        "{err}"
    );
}

#[tokio::test]
async fn changing_files_needs_the_edit_permission_and_reading_needs_read() {
    let f = fixture().await;
    let item = f
        .writer
        .create_item(login(
            &f.prod,
            "Server",
            vec![file("a.txt", b"a", "docs", "a")],
        ))
        .await
        .unwrap();
    let doc = f
        .writer
        .create_item(document_item(&f.prod, "Doc", document("d.txt", b"d")))
        .await
        .unwrap();
    let denied = [
        f.reader
            .attach_file(item.clone(), file("b.txt", b"b", "docs", "b"))
            .await
            .unwrap_err(),
        f.reader
            .delete_file(item.clone(), "docs".into(), "a".into())
            .await
            .unwrap_err(),
        f.reader
            .replace_document(doc.clone(), document("e.txt", b"e"))
            .await
            .unwrap_err(),
    ];
    for err in denied {
        assert!(
            matches!(&err, Error::ItemApi(ErrorReason::PermissionDenied, m) if m.contains("update_items")),
            "{err}"
        );
    }
    assert_eq!(
        read(&f.reader, &item, &attributes(&item, "a"))
            .await
            .unwrap(),
        b"a"
    );

    // A vault the client was not granted does not exist for it.
    let mut elsewhere = attributes(&item, "a");
    elsewhere.id = "nope".into();
    let err = f
        .reader
        .read_file(
            "vvvvvvvvvvvvvvvvvvvvvvvvvv".into(),
            item.id.clone(),
            elsewhere.clone(),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::ItemApi(ErrorReason::NotFound, _)),
        "{err}"
    );
    let err = must_fail(read(&f.reader, &item, &elsewhere).await);
    assert!(
        matches!(&err, Error::ItemApi(ErrorReason::NotFound, _)),
        "{err}"
    );
}

#[tokio::test]
async fn file_references_resolve_to_text_only() {
    let f = fixture().await;
    let item = f
        .writer
        .create_item(login(
            &f.prod,
            "Server",
            vec![
                file("notes.txt", "héllo\nworld".as_bytes(), "docs", "notes"),
                file("key.bin", &binary(300), "docs", "key"),
                file("latin1.txt", b"caf\xe9", "docs", "latin1"),
            ],
        ))
        .await
        .unwrap();
    f.writer
        .create_item(document_item(
            &f.prod,
            "Config",
            document("app.env", b"A=1\nB=2\n"),
        ))
        .await
        .unwrap();

    let text = f
        .reader
        .resolve("op://Prod/Server/notes.txt")
        .await
        .unwrap();
    assert_eq!(text.expose_secret(), "héllo\nworld");
    let text = f
        .reader
        .resolve("op://Prod/Server/docs/notes.txt")
        .await
        .unwrap();
    assert_eq!(text.expose_secret(), "héllo\nworld");
    let text = f.reader.resolve("op://Prod/Config/app.env").await.unwrap();
    assert_eq!(text.expose_secret(), "A=1\nB=2\n");
    for binary_ref in ["op://Prod/Server/key.bin", "op://Prod/Server/latin1.txt"] {
        let err = f.reader.resolve(binary_ref).await.unwrap_err();
        assert!(
            matches!(&err, Error::ResolvingSecretReference(ErrorReason::Invalid, m) if m.contains("unsupported file format")),
            "{err}"
        );
    }
    let all = f
        .reader
        .resolve_all(vec![
            "op://Prod/Server/notes.txt".into(),
            "op://Prod/Server/key.bin".into(),
        ])
        .await
        .unwrap();
    let ok = all.individual_responses["op://Prod/Server/notes.txt"]
        .content
        .clone()
        .unwrap();
    assert_eq!(
        (ok.secret.expose_secret(), ok.item_id.as_str()),
        ("héllo\nworld", item.id.as_str())
    );
    assert_eq!(
        all.individual_responses["op://Prod/Server/key.bin"].error,
        Some(ResolveReferenceError::UnsupportedFileFormat)
    );
}

#[tokio::test]
async fn tampered_file_blobs_are_detected_and_never_returned() {
    let f = fixture().await;
    let big = binary(2 * (1 << 20) + 5);
    let item = f
        .writer
        .create_item(login(
            &f.prod,
            "Server",
            vec![
                file("big.bin", &big, "docs", "big"),
                file("other.bin", &binary(1000), "docs", "other"),
            ],
        ))
        .await
        .unwrap();
    let attr = attributes(&item, "big");
    let other = attributes(&item, "other");
    let db = raw(&f.path);
    let snapshot = |db: &rusqlite::Connection| -> Vec<(u32, Vec<u8>)> {
        let mut stmt = db
            .prepare("SELECT idx, content FROM file_chunks WHERE file_id = ?1 ORDER BY idx")
            .unwrap();
        stmt.query_map([&attr.id], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let original = snapshot(&db);
    assert_eq!(original.len(), 3);
    let header: (Vec<u8>, u32) = db
        .query_row(
            "SELECT wrapped_key, chunk_count FROM file_headers WHERE id = ?1",
            [&attr.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let restore = |db: &rusqlite::Connection| {
        db.execute(
            "UPDATE file_headers SET wrapped_key = ?2, chunk_count = ?3 WHERE id = ?1",
            rusqlite::params![attr.id, header.0, header.1],
        )
        .unwrap();
        db.execute("DELETE FROM file_chunks WHERE file_id = ?1", [&attr.id])
            .unwrap();
        for (idx, content) in &original {
            db.execute(
                "INSERT INTO file_chunks (vault_id, item_id, file_id, idx, content) VALUES (?1, ?2, ?3, ?4, ?5)",
                rusqlite::params![f.prod, item.id, attr.id, idx, content],
            )
            .unwrap();
        }
    };
    let tampers: [(&str, &str); 7] = [
        (
            "a chunk that is not a blob",
            "UPDATE file_chunks SET content = 'text' WHERE file_id = ?1 AND idx = 0",
        ),
        (
            "a flipped byte",
            "UPDATE file_chunks SET content = CAST(substr(content, 1, 100) || 'tampered!!' || substr(content, 111) AS BLOB) WHERE file_id = ?1 AND idx = 1",
        ),
        (
            "a dropped last chunk",
            "DELETE FROM file_chunks WHERE file_id = ?1 AND idx = 2",
        ),
        (
            "a dropped middle chunk",
            "DELETE FROM file_chunks WHERE file_id = ?1 AND idx = 1",
        ),
        (
            "swapped chunks",
            "UPDATE file_chunks SET idx = 9 WHERE file_id = ?1 AND idx = 0; \
          UPDATE file_chunks SET idx = 0 WHERE file_id = ?1 AND idx = 1; \
          UPDATE file_chunks SET idx = 1 WHERE file_id = ?1 AND idx = 9",
        ),
        (
            "a lower chunk count",
            "UPDATE file_headers SET chunk_count = 2 WHERE id = ?1",
        ),
        (
            "a damaged key",
            "UPDATE file_headers SET wrapped_key = CAST(x'00' || substr(wrapped_key, 2) AS BLOB) WHERE id = ?1",
        ),
    ];
    for (what, sql) in tampers {
        for statement in sql.split(';') {
            db.execute(statement, [&attr.id]).unwrap();
        }
        let err = must_fail(read(&f.reader, &item, &attr).await);
        assert!(internal_naming(&err, "big.bin"), "{what}: {err}");
        restore(&db);
        assert!(
            read(&f.reader, &item, &attr).await.unwrap() == big,
            "after {what}"
        );
    }

    // A chunk of another file, or a whole other file's rows, moved in place of this one's.
    db.execute(
        "UPDATE file_chunks SET content = (SELECT content FROM file_chunks WHERE file_id = ?2 AND idx = 0) WHERE file_id = ?1 AND idx = 0",
        [&attr.id, &other.id],
    )
    .unwrap();
    let err = must_fail(read(&f.reader, &item, &attr).await);
    assert!(internal_naming(&err, "big.bin"), "{err}");
    restore(&db);
    // Resolution reports tampering the same way, not as a format problem.
    db.execute(
        "UPDATE file_chunks SET content = CAST(substr(content, 1, 100) || 'tampered!!' || substr(content, 111) AS BLOB) WHERE file_id = ?1 AND idx = 0",
        [&other.id],
    )
    .unwrap();
    let err = must_fail(read(&f.reader, &item, &other).await);
    assert!(internal_naming(&err, "other.bin"), "{err}");
    let err = f
        .reader
        .resolve("op://Prod/Server/other.bin")
        .await
        .unwrap_err();
    assert!(internal_naming(&err, "other.bin"), "{err}");
}

#[tokio::test]
async fn purging_a_deleted_item_or_deleting_its_vault_deletes_its_file_blobs() {
    let f = fixture().await;
    let keep = f
        .writer
        .create_item(login(
            &f.prod,
            "Keep",
            vec![file("k.txt", b"k", "docs", "k")],
        ))
        .await
        .unwrap();
    let gone = f
        .writer
        .create_item(login(
            &f.prod,
            "Gone",
            vec![file("g.txt", b"g", "docs", "g")],
        ))
        .await
        .unwrap();
    let gone_file = attributes(&gone, "g");
    f.writer
        .delete_item(f.prod.clone(), gone.id.clone())
        .await
        .unwrap();
    // Recently Deleted keeps the item and its file; the purge removes both.
    assert_eq!(chunk_rows(&f.path, &gone_file.id), 1);
    let store = SqliteStore::open_existing(&f.path).unwrap();
    assert_eq!(store.purge_deleted(i64::MAX).unwrap(), 1);
    assert_eq!(chunk_rows(&f.path, &gone_file.id), 0);
    let headers: i64 = raw(&f.path)
        .query_row(
            "SELECT count(*) FROM file_headers WHERE item_id = ?1",
            [&gone.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(headers, 0);
    assert_eq!(
        read(&f.writer, &keep, &attributes(&keep, "k"))
            .await
            .unwrap(),
        b"k"
    );
    store.integrity_check().unwrap();

    // Deleting the vault deletes every file in it.
    f.owner.delete_vault(f.prod.clone()).await.unwrap();
    let left: i64 = raw(&f.path)
        .query_row("SELECT count(*) FROM file_chunks", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
    store.integrity_check().unwrap();
}
