//! `opkit vault create|list`, as the account owner.

use clap::Subcommand;

use crate::Globals;
use crate::exit::CliResult;
use crate::output::emit;
use crate::{owner, paths};

/// `opkit vault ...`
#[derive(Debug, Subcommand)]
pub enum VaultCommand {
    /// Create a vault owned by the account owner.
    Create {
        /// The vault's title.
        title: String,
        /// A description.
        #[arg(long, default_value = "")]
        description: String,
    },
    /// List the vaults the owner can open (json: an array of VaultOverview objects).
    List,
}

/// Runs a vault command.
pub fn run(globals: &Globals, command: VaultCommand) -> CliResult {
    let admin = owner::unlock(&paths::existing_db(globals.db.as_deref())?)?;
    match command {
        VaultCommand::Create { title, description } => {
            let vault = admin.create_vault(&title, &description)?;
            emit(globals.format, &vault, || {
                format!("Created vault {:?} ({})", vault.title, vault.id)
            })
        }
        VaultCommand::List => {
            let vaults = admin.list_vaults()?;
            emit(globals.format, &vaults, || {
                let mut text = format!("{:<26}  {:<12}  {:>5}  TITLE", "ID", "TYPE", "ITEMS");
                for v in &vaults {
                    text.push_str(&format!(
                        "\n{:<26}  {:<12}  {:>5}  {}",
                        v.id,
                        v.vault_type.as_str(),
                        v.active_item_count,
                        v.title
                    ));
                }
                text
            })
        }
    }
}
