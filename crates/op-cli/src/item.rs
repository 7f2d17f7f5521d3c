//! `opkit item create|get|edit|list|archive|delete|move|import|attach|read-file|delete-file`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use op_cli::assign;
use op_core::wire::{
    DocumentCreateParams, FileCreateParams, Item, ItemCategory, ItemCreateParams, ItemFieldDetails,
    ItemFieldType, ItemOverview,
};
use serde_json::json;

use crate::Globals;
use crate::auth::client;
use crate::draft::Draft;
use crate::exit::{CliError, CliResult, invalid};
use crate::generate::GenerateArgs;
use crate::output::{Format, emit};
use crate::{import, item_file, locate, value_input};

/// `opkit item ...`
#[derive(Debug, Subcommand)]
pub enum ItemCommand {
    /// Create an item from assignments such as username=alice 'DB.host[text]=db1'.
    Create {
        /// The vault (id or title).
        #[arg(long)]
        vault: String,
        /// The category: Login, Password, SecureNote, ApiCredentials, Database, Server, ...
        #[arg(long, default_value = "Login")]
        category: String,
        /// The title (or title=... as an assignment).
        #[arg(long)]
        title: Option<String>,
        /// A website address.
        #[arg(long)]
        url: Option<String>,
        /// Comma-separated tags.
        #[arg(long)]
        tags: Option<String>,
        /// Add a generated `password` field (recipe flags as for `opkit generate`).
        #[arg(long)]
        generate_password: bool,
        #[command(flatten)]
        recipe: GenerateArgs,
        /// A file to store with the item (repeatable): a Document's document (the first one),
        /// else attached as a file field.
        #[arg(long, value_name = "PATH")]
        file: Vec<PathBuf>,
        /// Read a field's value from a file: [section.]field[type]=PATH (repeatable).
        #[arg(long, value_name = "NAME=PATH")]
        value_file: Vec<String>,
        /// Assignments: [section.]field[type]=value, title=..., notes=..., tags=a,b, website=...;
        /// a value `-` is read from stdin.
        assignments: Vec<String>,
    },
    /// Show an item (text hides concealed values unless --reveal; json is the whole item).
    Get {
        /// The item (id or title).
        item: String,
        /// The vault (id or title) [default: search every vault].
        #[arg(long)]
        vault: Option<String>,
        /// Show concealed values.
        #[arg(long)]
        reveal: bool,
        /// Print only these fields' values (comma list of titles or ids), one per line.
        #[arg(long, value_delimiter = ',')]
        fields: Vec<String>,
        /// Print only the current one-time password of the item's TOTP field.
        #[arg(long)]
        otp: bool,
    },
    /// Change an item with assignments; [delete] removes a field.
    Edit {
        /// The item (id or title).
        item: String,
        /// The vault (id or title).
        #[arg(long)]
        vault: Option<String>,
        /// A new title.
        #[arg(long)]
        title: Option<String>,
        /// Read a field's value from a file: [section.]field[type]=PATH (repeatable).
        #[arg(long, value_name = "NAME=PATH")]
        value_file: Vec<String>,
        /// Assignments: [section.]field[type]=value, field[delete], title=..., notes=..., tags=...;
        /// a value `-` is read from stdin.
        assignments: Vec<String>,
    },
    /// List items (json: ItemOverview objects).
    List {
        /// Only this vault (id or title) [default: every vault].
        #[arg(long)]
        vault: Option<String>,
        /// Archived items too.
        #[arg(long)]
        include_archived: bool,
        /// Only these categories (comma list).
        #[arg(long, value_delimiter = ',')]
        categories: Vec<String>,
        /// Only items with one of these tags (comma list).
        #[arg(long, value_delimiter = ',')]
        tags: Vec<String>,
    },
    /// Archive an item: it leaves references and default lists.
    Archive {
        /// The item (id or title).
        item: String,
        /// The vault (id or title).
        #[arg(long)]
        vault: Option<String>,
    },
    /// Delete an item (to Recently Deleted, purged after 30 days).
    Delete {
        /// The item (id or title).
        item: String,
        /// The vault (id or title).
        #[arg(long)]
        vault: Option<String>,
        /// Archive instead of deleting.
        #[arg(long)]
        archive: bool,
    },
    /// Move an item to another vault (created there first, then deleted here).
    Move {
        /// The item (id or title).
        item: String,
        /// The vault it is in now (id or title).
        #[arg(long)]
        current_vault: Option<String>,
        /// The vault to move it to (id or title).
        #[arg(long)]
        destination_vault: String,
    },
    /// Create items from a file: JSON lines (ItemsCreate params, vaultId optional) or CSV (.csv).
    Import(ImportArgs),
    /// Attach a file to an item, byte for byte (json: the updated Item).
    Attach(item_file::AttachArgs),
    /// Print a file of an item byte for byte, or write it to -o PATH (mode 0600).
    ReadFile(item_file::ReadFileArgs),
    /// Remove a file from an item (json: the updated Item).
    DeleteFile(item_file::DeleteFileArgs),
}

/// `opkit item import` arguments.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file (`-` for stdin).
    pub file: PathBuf,
    /// The vault to create the items in (id or title).
    #[arg(long)]
    pub vault: String,
    /// The file's format [default: csv for *.csv, else jsonl].
    #[arg(long = "input-format", value_parser = ["jsonl", "csv"])]
    pub input_format: Option<String>,
}

/// A category from the command line: a wire spelling, any case, `-`/`_`/spaces ignored.
pub fn category(name: &str) -> CliResult<ItemCategory> {
    let squashed: String = name
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .collect();
    ItemCategory::suggest(&squashed)
        .filter(ItemCategory::is_creatable)
        .ok_or_else(|| {
            let known: Vec<&str> = ItemCategory::KNOWN
                .iter()
                .filter(|c| c.is_creatable())
                .map(|c| c.as_str())
                .collect();
            invalid(format!(
                "unknown category {name:?}; use one of: {}",
                known.join(", ")
            ))
        })
}

/// Applies command-line assignments to a draft: a value `-` is read from stdin (once per
/// command), `--value-file NAME=PATH` reads NAME's value from a file.
pub fn apply_all(draft: &mut Draft, assignments: &[String], value_files: &[String]) -> CliResult {
    let mut stdin_used = false;
    for text in assignments {
        let mut a = assign::parse(text).map_err(invalid)?;
        if a.value.as_deref() == Some(value_input::FROM_STDIN) {
            if stdin_used {
                return Err(invalid(
                    "only one assignment can read its value from stdin (NAME=-); use --value-file NAME=PATH for the others",
                ));
            }
            stdin_used = true;
            a.value = Some(value_input::from_stdin()?.expose_secret().to_owned());
        }
        draft.apply(a)?;
    }
    for spec in value_files {
        let mut a = assign::parse(spec).map_err(invalid)?;
        let path = a
            .value
            .take()
            .filter(|p| !p.is_empty())
            .ok_or_else(|| invalid("--value-file takes NAME=PATH, e.g. password=./pw.txt"))?;
        a.value = Some(
            value_input::from_file(std::path::Path::new(&path))?
                .expose_secret()
                .to_owned(),
        );
        draft.apply(a)?;
    }
    Ok(())
}

/// Runs an item command.
pub async fn run(globals: &Globals, command: ItemCommand) -> CliResult {
    let client = client(globals).await?;
    match command {
        ItemCommand::Create {
            vault,
            category: cat,
            title,
            url,
            tags,
            generate_password,
            recipe,
            file,
            value_file,
            assignments,
        } => {
            let vault = locate::vault(&client, &vault).await?;
            let mut draft = Draft {
                title: title.unwrap_or_default(),
                ..Draft::default()
            };
            let mut pre = Vec::new();
            if let Some(url) = url {
                pre.push(format!("website={url}"));
            }
            if let Some(tags) = tags {
                pre.push(format!("tags={tags}"));
            }
            apply_all(&mut draft, &pre, &[])?;
            if generate_password {
                let password = op_sdk::protocol::generate_password(&recipe.recipe())?;
                draft.apply(assign::Assignment {
                    section: None,
                    field: "password".into(),
                    kind: Some("password".into()),
                    value: Some(password.password.expose_secret().to_owned()),
                })?;
            }
            if file
                .iter()
                .any(|f| f.as_os_str() == value_input::FROM_STDIN)
                && assignments
                    .iter()
                    .any(|a| a.ends_with(&format!("={}", value_input::FROM_STDIN)))
            {
                return Err(invalid(
                    "stdin can hold either --file - or a value NAME=-, not both",
                ));
            }
            apply_all(&mut draft, &assignments, &value_file)?;
            if draft.title.is_empty() {
                return Err(invalid(
                    "an item needs a title: --title TITLE or title=TITLE",
                ));
            }
            let category = category(&cat)?;
            let is_document = category == ItemCategory::Document;
            let mut params = params(category, vault.id, draft);
            for path in &file {
                let (content, name) = item_file::load(path)?;
                let name =
                    name.ok_or_else(|| invalid("item create --file needs a file path, not stdin"))?;
                if is_document && params.document.is_none() {
                    params.document = Some(DocumentCreateParams { name, content });
                    continue;
                }
                let files = params.files.get_or_insert_with(Vec::new);
                let taken: Vec<&str> = params
                    .fields
                    .iter()
                    .flatten()
                    .map(|f| f.id.as_str())
                    .chain(files.iter().map(|f| f.field_id.as_str()))
                    .collect();
                let field_id = item_file::free_field_id(&taken, &name);
                files.push(FileCreateParams {
                    name,
                    content,
                    section_id: String::new(),
                    field_id,
                });
            }
            let item = client.create_item(params).await?;
            emit(globals.format, &item, || {
                format!(
                    "Created item {:?} ({}) in {}",
                    item.title, item.id, vault.title
                )
            })
        }
        ItemCommand::Get {
            item,
            vault,
            reveal,
            fields,
            otp,
        } => {
            let found = locate::item(&client, vault.as_deref(), &item).await?;
            let item = client.get_item(found.vault_id, found.id).await?;
            if otp {
                let code = otp_code(&item)?;
                return emit(globals.format, &json!({ "code": code }), || code.clone());
            }
            if !fields.is_empty() {
                return print_fields(globals.format, &item, &fields);
            }
            emit(globals.format, &item, || describe(&item, reveal))
        }
        ItemCommand::Edit {
            item,
            vault,
            title,
            value_file,
            assignments,
        } => {
            let found = locate::item(&client, vault.as_deref(), &item).await?;
            let mut item = client.get_item(found.vault_id, found.id).await?;
            let mut draft = Draft {
                title: title.unwrap_or_else(|| item.title.clone()),
                notes: item.notes.clone(),
                tags: std::mem::take(&mut item.tags),
                websites: std::mem::take(&mut item.websites),
                fields: std::mem::take(&mut item.fields),
                sections: std::mem::take(&mut item.sections),
            };
            apply_all(&mut draft, &assignments, &value_file)?;
            item.title = draft.title;
            item.notes = draft.notes;
            item.tags = draft.tags;
            item.websites = draft.websites;
            item.fields = draft.fields;
            item.sections = draft.sections;
            let item = client.put_item(item).await?;
            emit(globals.format, &item, || {
                format!(
                    "Updated item {:?} ({}), version {}",
                    item.title, item.id, item.version
                )
            })
        }
        ItemCommand::List {
            vault,
            include_archived,
            categories,
            tags,
        } => {
            let vaults = match vault {
                Some(v) => vec![locate::vault(&client, &v).await?],
                None => client.list_vaults().await?,
            };
            let categories = categories
                .iter()
                .map(|c| category(c))
                .collect::<CliResult<Vec<_>>>()?;
            let mut all: Vec<ItemOverview> = Vec::new();
            for v in &vaults {
                all.extend(locate::items(&client, &v.id, include_archived).await?);
            }
            all.retain(|i| {
                (categories.is_empty() || categories.contains(&i.category))
                    && (tags.is_empty() || i.tags.iter().any(|t| tags.contains(t)))
            });
            emit(globals.format, &all, || {
                let mut text = format!("{:<26}  {:<24}  {:<16}  TITLE", "ID", "VAULT", "CATEGORY");
                for i in &all {
                    let vault = vaults
                        .iter()
                        .find(|v| v.id == i.vault_id)
                        .map_or("", |v| v.title.as_str());
                    text.push_str(&format!(
                        "\n{:<26}  {:<24}  {:<16}  {}",
                        i.id,
                        vault,
                        i.category.as_str(),
                        i.title
                    ));
                }
                text
            })
        }
        ItemCommand::Archive { item, vault } => {
            let found = locate::item(&client, vault.as_deref(), &item).await?;
            client
                .archive_item(found.vault_id.clone(), found.id.clone())
                .await?;
            emit(
                globals.format,
                &json!({"id": found.id, "vaultId": found.vault_id, "archived": true}),
                || format!("Archived item {:?} ({})", found.title, found.id),
            )
        }
        ItemCommand::Delete {
            item,
            vault,
            archive,
        } => {
            let found = locate::item(&client, vault.as_deref(), &item).await?;
            if archive {
                client
                    .archive_item(found.vault_id.clone(), found.id.clone())
                    .await?;
            } else {
                client
                    .delete_item(found.vault_id.clone(), found.id.clone())
                    .await?;
            }
            let what = if archive { "archived" } else { "deleted" };
            emit(
                globals.format,
                &json!({"id": found.id, "vaultId": found.vault_id, what: true}),
                || {
                    format!(
                        "{} item {:?} ({})",
                        if archive { "Archived" } else { "Deleted" },
                        found.title,
                        found.id
                    )
                },
            )
        }
        ItemCommand::Move {
            item,
            current_vault,
            destination_vault,
        } => {
            let found = locate::item(&client, current_vault.as_deref(), &item).await?;
            let target = locate::vault(&client, &destination_vault).await?;
            if target.id == found.vault_id {
                return Err(invalid(format!(
                    "the item is already in the vault {:?}",
                    target.title
                )));
            }
            let item = client
                .get_item(found.vault_id.clone(), found.id.clone())
                .await?;
            if !item.files.is_empty() || item.document.is_some() {
                return Err(invalid(
                    "items with files cannot be moved by this version of opkit yet",
                ));
            }
            // Create first: if the process dies before the delete, the item exists twice, never zero times.
            let draft = Draft {
                title: item.title.clone(),
                notes: item.notes.clone(),
                tags: item.tags.clone(),
                websites: item.websites.clone(),
                fields: item.fields.clone(),
                sections: item.sections.clone(),
            };
            let moved = client
                .create_item(params(item.category.clone(), target.id.clone(), draft))
                .await?;
            client
                .delete_item(found.vault_id.clone(), found.id.clone())
                .await?;
            emit(globals.format, &moved, || {
                format!(
                    "Moved item {:?} to {} (new id {})",
                    moved.title, target.title, moved.id
                )
            })
        }
        ItemCommand::Import(args) => import::run(globals, &client, args).await,
        ItemCommand::Attach(args) => item_file::attach(globals, &client, args).await,
        ItemCommand::ReadFile(args) => item_file::read(globals, &client, args).await,
        ItemCommand::DeleteFile(args) => item_file::delete(globals, &client, args).await,
    }
}

/// ItemsCreate parameters from a draft.
pub fn params(category: ItemCategory, vault_id: String, draft: Draft) -> ItemCreateParams {
    ItemCreateParams {
        category,
        vault_id,
        title: draft.title,
        fields: (!draft.fields.is_empty()).then_some(draft.fields),
        sections: (!draft.sections.is_empty()).then_some(draft.sections),
        notes: (!draft.notes.is_empty()).then_some(draft.notes),
        tags: (!draft.tags.is_empty()).then_some(draft.tags),
        websites: (!draft.websites.is_empty()).then_some(draft.websites),
        files: None,
        document: None,
    }
}

fn otp_code(item: &Item) -> CliResult<String> {
    let field = item
        .fields
        .iter()
        .find(|f| f.field_type == ItemFieldType::Totp)
        .ok_or_else(|| {
            CliError::NotFound(format!(
                "the item {:?} has no one-time password field",
                item.title
            ))
        })?;
    match &field.details {
        Some(ItemFieldDetails::Otp(otp)) => match (&otp.code, &otp.error_message) {
            (Some(code), _) => Ok(code.clone()),
            (None, message) => Err(invalid(format!(
                "the one-time password field {:?} cannot give a code: {}",
                field.title,
                message.as_deref().unwrap_or("no code")
            ))),
        },
        _ => Err(invalid(format!(
            "the one-time password field {:?} has no code",
            field.title
        ))),
    }
}

fn print_fields(format: Format, item: &Item, wanted: &[String]) -> CliResult {
    let mut picked = Vec::new();
    for name in wanted {
        let field = item
            .fields
            .iter()
            .find(|f| f.id.eq_ignore_ascii_case(name) || f.title.eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                CliError::NotFound(format!("the item {:?} has no field {name:?}", item.title))
            })?;
        picked.push(field);
    }
    emit(format, &picked, || {
        picked
            .iter()
            .map(|f| f.value.expose_secret())
            .collect::<Vec<_>>()
            .join("\n")
    })
}

fn describe(item: &Item, reveal: bool) -> String {
    let mut text = format!(
        "ID:        {}\nTitle:     {}\nVault:     {}\nCategory:  {}\nVersion:   {}\nUpdated:   {}",
        item.id,
        item.title,
        item.vault_id,
        item.category.as_str(),
        item.version,
        serde_json::to_value(item.updated_at)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    );
    if !item.tags.is_empty() {
        text.push_str(&format!("\nTags:      {}", item.tags.join(", ")));
    }
    for w in &item.websites {
        text.push_str(&format!("\nWebsite:   {}", w.url));
    }
    let mut sections: Vec<Option<&str>> = vec![None];
    sections.extend(item.sections.iter().map(|s| Some(s.id.as_str())));
    for section in sections {
        let fields: Vec<_> = item
            .fields
            .iter()
            .filter(|f| f.section_id.as_deref().filter(|s| !s.is_empty()) == section)
            .collect();
        if fields.is_empty() {
            continue;
        }
        match section.and_then(|id| item.sections.iter().find(|s| s.id == id)) {
            Some(s) => text.push_str(&format!(
                "\n\n{}:",
                if s.title.is_empty() { &s.id } else { &s.title }
            )),
            None => text.push_str("\n\nFields:"),
        }
        for f in fields {
            let hidden = matches!(
                f.field_type,
                ItemFieldType::Concealed | ItemFieldType::SshKey | ItemFieldType::Totp
            ) && !reveal;
            let value = if hidden {
                "[concealed: --reveal shows it]".to_owned()
            } else {
                f.value.expose_secret().to_owned()
            };
            text.push_str(&format!(
                "\n  {} ({}): {}",
                f.title,
                f.field_type.as_str(),
                value
            ));
            if let Some(ItemFieldDetails::Otp(otp)) = &f.details
                && let Some(code) = &otp.code
            {
                text.push_str(&format!("\n  {} code: {code}", f.title));
            }
        }
    }
    if !item.notes.is_empty() {
        text.push_str(&format!(
            "\n\nNotes:\n{}",
            if reveal {
                item.notes.expose_secret()
            } else {
                "[concealed: --reveal shows it]"
            }
        ));
    }
    text
}
