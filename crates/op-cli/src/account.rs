//! `opkit account create`: a new vault file, its owner, the owner's secret key and Personal vault.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use op_sdk::Admin;
use serde_json::json;

use crate::Globals;
use crate::exit::{CliError, CliResult, invalid};
use crate::output::{Format, emit, warn};
use crate::{owner, paths};

/// `opkit account ...`
#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Create a new vault file with its owner (password from OPKIT_PASSWORD or a prompt) and the
    /// owner's Personal vault. The generated account secret key is saved in the config dir.
    Create {
        /// The account's name (also the owner's name).
        #[arg(long)]
        name: String,
    },
}

/// Runs an account command.
pub fn run(globals: &Globals, command: AccountCommand) -> CliResult {
    match command {
        AccountCommand::Create { name } => create(globals, &name),
    }
}

fn create(globals: &Globals, name: &str) -> CliResult {
    let path = paths::db_path(globals.db.as_deref())?;
    let path = std::path::absolute(&path)
        .map_err(|e| CliError::io(format!("bad vault file path {}", path.display()), &e))?;
    // Refuse before asking for a password the user would type for nothing.
    if path.exists() {
        return Err(invalid(format!(
            "{} already exists; opkit never overwrites a vault file (choose another --db path)",
            path.display()
        )));
    }
    if globals.db.is_none()
        && std::env::var_os(paths::ENV_DB).is_none()
        && let Some(dir) = path.parent()
    {
        std::fs::create_dir_all(dir)
            .map_err(|e| CliError::io(format!("could not create {}", dir.display()), &e))?;
    }
    let params = owner::kdf_params()?;
    let password = owner::password(true)?;
    let account = Admin::create_account(&path, name, password.expose_secret(), params)?;
    let owner_id = account.admin.principal_id().to_owned();
    let personal = account.personal_vault;
    let saved = Admin::account_id(&path)
        .map_err(CliError::from)
        .and_then(|id| paths::save_secret_key(&id, &account.secret_key).map(|file| (id, file)));
    let (account_id, key_file) = match saved {
        Ok(saved) => saved,
        // Without its stored key the new file can never be opened: remove it rather than leave a trap.
        Err(e) => {
            drop(account.admin);
            remove_vault_file(&path);
            return Err(e);
        }
    };
    let json = json!({
        "id": account_id, "name": name, "path": path, "ownerId": owner_id,
        "personalVaultId": personal.id, "secretKeyFile": key_file,
    });
    emit(globals.format, &json, || {
        let key = account.secret_key.expose_formatted();
        format!(
            "Created account {name:?} in {}\n  account id:     {account_id}\n  owner id:       {owner_id}\n  Personal vault: {}\n\n\
             Your account secret key (shown only this once):\n\n    {}\n\n\
             It is saved in {} (readable by you only). Keep a copy somewhere safe: opening this vault \
             file needs both your password and this key, and nobody can recover either.",
            path.display(),
            personal.id,
            key.expose_secret(),
            key_file.display()
        )
    })?;
    if globals.format == Format::Json {
        warn(&format!(
            "the account secret key was saved in {} and is not printed in json mode",
            key_file.display()
        ));
    }
    Ok(())
}

fn remove_vault_file(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        // Best effort: the error being reported matters more than a leftover file.
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}
