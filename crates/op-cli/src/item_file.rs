//! `opkit item attach|read-file|delete-file`: files attached to items (and a Document item's
//! document), byte for byte. The core encrypts, verifies and checks permissions; this module only
//! finds the item and the file named on the command line.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use op_core::reference::matching::{Selection, select};
use op_core::wire::{Bytes, FileAttributes, FileCreateParams, Item};
use op_sdk::Client;
use serde_json::json;

use crate::Globals;
use crate::draft::{section_id, slug, unique};
use crate::exit::{CliError, CliResult, invalid};
use crate::locate;
use crate::outfile::{parse_mode, write_secret_file};
use crate::output::{Format, emit};

/// `opkit item attach` arguments.
#[derive(Debug, Args)]
pub struct AttachArgs {
    /// The item (id or title).
    item: String,
    /// The vault (id or title).
    #[arg(long)]
    vault: Option<String>,
    /// The file to attach (`-` for stdin, with --name).
    #[arg(long, value_name = "PATH")]
    file: PathBuf,
    /// The file's name in the item [default: the file name of PATH].
    #[arg(long)]
    name: Option<String>,
    /// The section of its field (title or id; created when missing) [default: none].
    #[arg(long)]
    section: Option<String>,
    /// The id of its field [default: made from the name].
    #[arg(long)]
    field: Option<String>,
}

/// `opkit item read-file` arguments.
#[derive(Debug, Args)]
pub struct ReadFileArgs {
    /// The item (id or title).
    item: String,
    /// The vault (id or title).
    #[arg(long)]
    vault: Option<String>,
    /// The file: its name or id (a Document item's document too).
    file: String,
    /// Write the content to this file (atomically, with --file-mode) instead of stdout.
    #[arg(short = 'o', long, value_name = "PATH")]
    out_file: Option<PathBuf>,
    /// The mode of the --out-file, in octal.
    #[arg(long, value_name = "MODE", default_value = "0600", value_parser = parse_mode)]
    file_mode: u32,
}

/// `opkit item delete-file` arguments.
#[derive(Debug, Args)]
pub struct DeleteFileArgs {
    /// The item (id or title).
    item: String,
    /// The vault (id or title).
    #[arg(long)]
    vault: Option<String>,
    /// The file: its name, id or field id.
    file: String,
}

/// The bytes of `path` (`-`: stdin) and the name they get by default. At most one byte more
/// than the SDK's file limit is read, so `/dev/zero` or a huge file fails at the limit instead
/// of filling memory first.
pub fn load(path: &Path) -> CliResult<(Bytes, Option<String>)> {
    let doing = || format!("could not read {}", path.display());
    if path == Path::new("-") {
        let content = read_limited(std::io::stdin().lock(), "stdin", MAX_FILE_SIZE)
            .map_err(|e| e.unwrap_or_else(|e| CliError::io("could not read stdin", &e)))?;
        return Ok((Bytes::new(content), None));
    }
    let file = std::fs::File::open(path).map_err(|e| CliError::io(doing(), &e))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let content = read_limited(file, &path.display().to_string(), MAX_FILE_SIZE)
        .map_err(|e| e.unwrap_or_else(|e| CliError::io(doing(), &e)))?;
    Ok((Bytes::new(content), name))
}

/// The largest file the SDK stores (its message limit).
pub const MAX_FILE_SIZE: usize = op_sdk::protocol::MESSAGE_LIMIT;

/// All of `input` if it is at most `limit` bytes; `Err(Ok(_))` (the SDK's `TooLarge` item
/// error) as soon as byte `limit + 1` arrives, `Err(Err(_))` when reading fails.
fn read_limited(
    input: impl Read,
    what: &str,
    limit: usize,
) -> Result<Vec<u8>, Result<CliError, std::io::Error>> {
    let mut content = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    input.take(cap).read_to_end(&mut content).map_err(Err)?;
    if content.len() > limit {
        return Err(Ok(CliError::Sdk(op_sdk::Error::ItemApi(
            op_sdk::error::ErrorReason::TooLarge,
            format!(
                "{what} is larger than {limit} bytes, the limit for a file (50 MiB, the protocol's message limit); nothing was stored"
            ),
        ))));
    }
    Ok(content)
}

/// A field id for a new file named `name`, unused by the item's fields and files.
pub fn free_field_id(item_fields: &[&str], name: &str) -> String {
    unique(slug(name), |id| item_fields.contains(&id))
}

/// Runs `opkit item attach`.
pub async fn attach(globals: &Globals, client: &Client, args: AttachArgs) -> CliResult {
    let (content, default_name) = load(&args.file)?;
    let name = args
        .name
        .or(default_name)
        .ok_or_else(|| invalid("a file read from stdin needs a name: --name NAME"))?;
    let found = locate::item(client, args.vault.as_deref(), &args.item).await?;
    let mut item = client.get_item(found.vault_id, found.id).await?;
    let section = match &args.section {
        Some(title) => section_id(&mut item.sections, title),
        None => String::new(),
    };
    let field = match args.field {
        Some(field) => field,
        None => {
            let taken: Vec<&str> = item
                .fields
                .iter()
                .map(|f| f.id.as_str())
                .chain(item.files.iter().map(|f| f.field_id.as_str()))
                .collect();
            free_field_id(&taken, &name)
        }
    };
    let size = content.len();
    let params = FileCreateParams {
        name,
        content,
        section_id: section,
        field_id: field.clone(),
    };
    let item = client.attach_file(item, params).await?;
    emit(globals.format, &item, || {
        format!(
            "Attached {size} bytes to item {:?} ({}) as field {field:?}",
            item.title, item.id
        )
    })
}

/// The file named `name` among the item's files and document.
fn file<'a>(item: &'a Item, name: &str) -> CliResult<&'a FileAttributes> {
    let all: Vec<&FileAttributes> = item
        .files
        .iter()
        .map(|f| &f.attributes)
        .chain(item.document.as_ref())
        .collect();
    match select(all, name, |a| &a.id, |a| &a.name) {
        Selection::One(a) => Ok(a),
        Selection::None => Err(CliError::NotFound(format!(
            "item {:?} has no file with the name or id {name:?}",
            item.title
        ))),
        Selection::Many(ids) => Err(invalid(format!(
            "{} files of item {:?} are named {name:?} ({}); name one by its id",
            ids.len(),
            item.title,
            ids.join(", ")
        ))),
    }
}

/// Runs `opkit item read-file`.
pub async fn read(globals: &Globals, client: &Client, args: ReadFileArgs) -> CliResult {
    let found = locate::item(client, args.vault.as_deref(), &args.item).await?;
    let item = client.get_item(found.vault_id, found.id).await?;
    let attributes = file(&item, &args.file)?.clone();
    let content = client
        .read_file(item.vault_id.clone(), item.id.clone(), attributes.clone())
        .await?;
    if let Some(path) = &args.out_file {
        write_secret_file(path, content.as_slice(), args.file_mode)?;
        return emit(
            globals.format,
            &json!({"path": path, "name": attributes.name, "id": attributes.id, "size": content.len()}),
            || path.display().to_string(),
        );
    }
    match globals.format {
        // The protocol's form of bytes: an array of numbers, exact for any content.
        Format::Json => emit(
            globals.format,
            &json!({"name": attributes.name, "id": attributes.id, "content": content}),
            String::new,
        ),
        Format::Text => {
            let mut out = std::io::stdout().lock();
            out.write_all(content.as_slice())
                .and_then(|()| out.flush())
                .map_err(|e| CliError::io("could not write to stdout", &e))
        }
    }
}

/// Runs `opkit item delete-file`.
pub async fn delete(globals: &Globals, client: &Client, args: DeleteFileArgs) -> CliResult {
    let found = locate::item(client, args.vault.as_deref(), &args.item).await?;
    let item = client.get_item(found.vault_id, found.id).await?;
    let by_field = item
        .files
        .iter()
        .find(|f| f.field_id.eq_ignore_ascii_case(&args.file));
    let target = match by_field {
        Some(f) => f,
        None => {
            let attributes = file(&item, &args.file)?;
            item.files
                .iter()
                .find(|f| f.attributes.id == attributes.id)
                .ok_or_else(|| {
                    invalid(format!(
                        "{:?} is the document of the Document item {:?}, which cannot be removed; delete the item instead",
                        attributes.name, item.title
                    ))
                })?
        }
    };
    let (section, field, name) = (
        target.section_id.clone(),
        target.field_id.clone(),
        target.attributes.name.clone(),
    );
    let item = client.delete_file(item, section, field).await?;
    emit(globals.format, &item, || {
        format!(
            "Deleted the file {name:?} from item {:?} ({})",
            item.title, item.id
        )
    })
}
