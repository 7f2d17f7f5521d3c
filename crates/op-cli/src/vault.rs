//! `opkit vault create|list|grant|revoke|access`, as the account owner.

use clap::Subcommand;
use op_core::wire::GroupAccess;
use serde_json::json;

use crate::Globals;
use crate::exit::CliResult;
use crate::group::find_group;
use crate::output::emit;
use crate::service_account::{find_vault, parse_permissions};
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
    /// Grant a group permissions on a vault (added to what it has). Permissions need their
    /// dependencies (docs/permissions.md); `read` and `write` include them.
    Grant {
        /// Vault id or title.
        vault: String,
        /// Group id or title.
        #[arg(long)]
        group: String,
        /// Comma list of permission names (read_items, reveal_item_password, ...) or read/write.
        #[arg(long, default_value = "read")]
        permissions: String,
    },
    /// Revoke a group's access to a vault; the vault gets a new key.
    Revoke {
        /// Vault id or title.
        vault: String,
        /// Group id or title.
        #[arg(long)]
        group: String,
    },
    /// Show who can open a vault and with which permissions.
    Access {
        /// Vault id or title.
        vault: String,
    },
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
        VaultCommand::Grant {
            vault,
            group,
            permissions,
        } => {
            let vault = find_vault(&vault, &admin.list_vaults()?)?;
            let group = find_group(&group, &admin.list_groups()?)?;
            let bits = parse_permissions(&permissions)?;
            admin.grant_group_permissions(
                &vault,
                &[GroupAccess {
                    group_id: group.clone(),
                    permissions: bits,
                }],
            )?;
            emit(
                globals.format,
                &json!({"vault": vault, "group": group, "permissions": bits}),
                || {
                    format!(
                        "Granted group {group} {} on vault {vault}",
                        op_core::access::names(bits).join(",")
                    )
                },
            )
        }
        VaultCommand::Revoke { vault, group } => {
            let vault = find_vault(&vault, &admin.list_vaults()?)?;
            let group = find_group(&group, &admin.list_groups()?)?;
            admin.revoke_group_permissions(&vault, &group)?;
            emit(
                globals.format,
                &json!({"vault": vault, "group": group, "revoked": true}),
                || {
                    format!(
                        "Revoked group {group}'s access to vault {vault}; the vault has a new key"
                    )
                },
            )
        }
        VaultCommand::Access { vault } => {
            let vault = find_vault(&vault, &admin.list_vaults()?)?;
            let access = admin.vault_access(&vault)?;
            emit(globals.format, &access, || {
                let mut text = format!("{:<6}  {:<26}  PERMISSIONS", "TYPE", "ID");
                for a in &access {
                    text.push_str(&format!(
                        "\n{:<6}  {:<26}  {}",
                        a.accessor_type.as_str(),
                        a.accessor_uuid,
                        op_core::access::names(a.permissions).join(",")
                    ));
                }
                text
            })
        }
    }
}
