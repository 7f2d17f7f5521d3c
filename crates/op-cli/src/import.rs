//! `opkit item import FILE --vault V`: JSON lines (ItemsCreate params; `vaultId` optional) or CSV
//! (a header row: `title`, `category`, `username`, `password`, `url`, `notes`, `tags`, and any
//! other column named like an assignment, e.g. `DB.host[text]`). The whole file is checked before
//! anything is written; items go in batches through `ItemsCreateAll` (each batch atomic per item),
//! with a progress bar when stderr is a terminal.

use std::io::Read;

use op_cli::assign;
use op_core::wire::{ItemCreateParams, ItemUpdateFailureReason};
use op_sdk::Client;
use serde_json::{Value, json};

use crate::Globals;
use crate::draft::Draft;
use crate::exit::{CliError, CliResult, invalid};
use crate::item::{ImportArgs, category, params};
use crate::locate;
use crate::output::emit;

const BATCH: usize = 100;

/// Runs the import.
pub async fn run(globals: &Globals, client: &Client, args: ImportArgs) -> CliResult {
    let vault = locate::vault(client, &args.vault).await?;
    let stdin = args.file.as_os_str() == "-";
    let mut text = String::new();
    let read = if stdin {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::File::open(&args.file).and_then(|mut f| f.read_to_string(&mut text).map(|_| ()))
    };
    read.map_err(|e| CliError::io(format!("could not read {}", args.file.display()), &e))?;
    let csv = match args.input_format.as_deref() {
        Some(f) => f == "csv",
        None => args
            .file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv")),
    };
    let items = if csv {
        from_csv(&text, &vault.id)?
    } else {
        from_json_lines(&text, &vault.id)?
    };
    let total = items.len();
    let bar = indicatif::ProgressBar::new(u64::try_from(total).unwrap_or(u64::MAX));
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} items ({eta} left)")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut created = Vec::new();
    let mut failed = Vec::new();
    let mut rest = items;
    while !rest.is_empty() {
        let tail = rest.split_off(rest.len().min(BATCH));
        let batch = std::mem::replace(&mut rest, tail);
        let (lines, batch): (Vec<usize>, Vec<ItemCreateParams>) = batch.into_iter().unzip();
        let titles: Vec<String> = batch.iter().map(|p| p.title.clone()).collect();
        let response = client.create_items(vault.id.clone(), batch).await?;
        for ((outcome, line), title) in response
            .individual_responses
            .into_iter()
            .zip(lines)
            .zip(titles)
        {
            match (outcome.content, outcome.error) {
                (Some(item), None) => created.push(item.id),
                (_, error) => {
                    failed.push(json!({"line": line, "title": title, "error": reason(error)}))
                }
            }
        }
        bar.inc(u64::try_from(BATCH).unwrap_or(0));
    }
    bar.finish_and_clear();
    let summary =
        json!({"vaultId": vault.id, "created": created.len(), "failed": failed, "ids": created});
    emit(globals.format, &summary, || {
        let mut text = format!(
            "Imported {} of {total} items into {}",
            created.len(),
            vault.title
        );
        for f in &failed {
            text.push_str(&format!(
                "\n  line {}: {} ({})",
                f["line"], f["title"], f["error"]
            ));
        }
        text
    })?;
    if failed.is_empty() {
        Ok(())
    } else {
        Err(CliError::Sdk(op_sdk::Error::ItemApi(
            op_sdk::error::ErrorReason::Invalid,
            format!(
                "{} of {total} items were not imported (listed above); the others were",
                failed.len()
            ),
        )))
    }
}

fn reason(error: Option<ItemUpdateFailureReason>) -> String {
    match error {
        Some(ItemUpdateFailureReason::ItemValidationError(m)) => m,
        Some(ItemUpdateFailureReason::Internal(m)) => format!("internal error: {m}"),
        Some(other) => serde_json::to_value(other)
            .ok()
            .and_then(|v| v["type"].as_str().map(str::to_owned))
            .unwrap_or_else(|| "failed".into()),
        None => "failed".into(),
    }
}

/// One ItemsCreate object per line (blank lines skipped); `(line, params)`.
fn from_json_lines(text: &str, vault_id: &str) -> CliResult<Vec<(usize, ItemCreateParams)>> {
    let mut items = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let mut value: Value = serde_json::from_str(line)
            .map_err(|e| invalid(format!("line {n}: not JSON (column {})", e.column())))?;
        let object = value.as_object_mut().ok_or_else(|| {
            invalid(format!(
                "line {n}: expected an object with category, title, fields..."
            ))
        })?;
        object.insert("vaultId".into(), json!(vault_id));
        // serde's messages may quote a value (a secret); keep only the ones naming a member.
        let params: ItemCreateParams = serde_json::from_value(value).map_err(|e| {
            let message = e.to_string();
            let detail = if message.starts_with("missing field") {
                message
            } else {
                "a member has the wrong type or value".into()
            };
            invalid(format!("line {n}: not an item: {detail}"))
        })?;
        items.push((n, params));
    }
    Ok(items)
}

/// CSV with a header row.
fn from_csv(text: &str, vault_id: &str) -> CliResult<Vec<(usize, ItemCreateParams)>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| {
            invalid(format!(
                "the CSV header row is not valid: {}",
                csv_problem(&e)
            ))
        })?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    if !headers.iter().any(|h| h.eq_ignore_ascii_case("title")) {
        return Err(invalid("the CSV header row needs a title column"));
    }
    let mut items = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| invalid(format!("CSV: {}", csv_problem(&e))))?;
        let n = record
            .position()
            .map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
        let mut draft = Draft::default();
        let mut cat = "Login".to_owned();
        for (header, cell) in headers.iter().zip(record.iter()) {
            if cell.is_empty() {
                continue;
            }
            let name = header.to_ascii_lowercase();
            if name == "category" {
                cat = cell.to_owned();
                continue;
            }
            let assignment = match name.as_str() {
                "title" | "username" | "password" | "url" | "website" | "notes" | "tags" => {
                    format!("{name}={cell}")
                }
                _ => format!("{header}={cell}"),
            };
            let parsed =
                assign::parse(&assignment).map_err(|m| invalid(format!("line {n}: {m}")))?;
            draft
                .apply(parsed)
                .map_err(|e| invalid(format!("line {n}: {e}")))?;
        }
        if draft.title.is_empty() {
            return Err(invalid(format!("line {n}: the title is empty")));
        }
        let category = category(&cat).map_err(|e| invalid(format!("line {n}: {e}")))?;
        items.push((n, params(category, vault_id.to_owned(), draft)));
    }
    Ok(items)
}

/// A CSV error without the record's content.
fn csv_problem(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => format!(
            "line {} has {len} cells where the header has {expected_len}",
            pos.as_ref().map_or(0, |p| p.line())
        ),
        csv::ErrorKind::Utf8 { pos, .. } => format!(
            "line {} is not valid UTF-8",
            pos.as_ref().map_or(0, |p| p.line())
        ),
        _ => "it could not be read".into(),
    }
}
