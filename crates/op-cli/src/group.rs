//! `opkit group create|list|get|add-member|remove-member`, as the account owner.

use clap::Subcommand;
use op_core::wire::{Group, GroupGetParams};
use serde_json::json;

use crate::Globals;
use crate::exit::{CliError, CliResult};
use crate::output::emit;
use crate::{owner, paths};

/// `opkit group ...`
#[derive(Debug, Subcommand)]
pub enum GroupCommand {
    /// Create a group (json: the Group).
    Create {
        /// The group's title.
        title: String,
        /// A description.
        #[arg(long, default_value = "")]
        description: String,
    },
    /// List the account's groups: the built-in Administrators, Owners and Team Members, and yours.
    List,
    /// Show a group with its members and the vaults it can open.
    Get {
        /// Group id or title.
        group: String,
    },
    /// Add a person or service account (by id) to a group.
    AddMember {
        /// Group id or title.
        group: String,
        /// The principal's id (e.g. a service account id).
        member: String,
    },
    /// Remove a member; the group and every vault and Environment it opens get new keys.
    RemoveMember {
        /// Group id or title.
        group: String,
        /// The member's id.
        member: String,
    },
}

/// A group by exact id, else by title ignoring case.
pub fn find_group(name: &str, groups: &[Group]) -> CliResult<String> {
    if let Some(g) = groups.iter().find(|g| g.id == name) {
        return Ok(g.id.clone());
    }
    let matches: Vec<&Group> = groups
        .iter()
        .filter(|g| g.title.eq_ignore_ascii_case(name))
        .collect();
    match matches.as_slice() {
        [one] => Ok(one.id.clone()),
        [] => Err(CliError::NotFound(format!(
            "no group has the id or title {name:?}; `opkit group list` shows them"
        ))),
        several => Err(crate::exit::invalid(format!(
            "{} groups are titled {name:?}; name one by its id",
            several.len()
        ))),
    }
}

/// Runs a group command.
pub fn run(globals: &Globals, command: GroupCommand) -> CliResult {
    let admin = owner::unlock(&paths::existing_db(globals.db.as_deref())?)?;
    match command {
        GroupCommand::Create { title, description } => {
            let group = admin.create_group(&title, &description)?;
            emit(globals.format, &group, || {
                format!("Created group {:?} ({})", group.title, group.id)
            })
        }
        GroupCommand::List => {
            let groups = admin.list_groups()?;
            emit(globals.format, &groups, || {
                let mut text = format!("{:<26}  {:<16}  TITLE", "ID", "TYPE");
                for g in &groups {
                    text.push_str(&format!(
                        "\n{:<26}  {:<16}  {}",
                        g.id,
                        g.group_type.as_str(),
                        g.title
                    ));
                }
                text
            })
        }
        GroupCommand::Get { group } => {
            let id = find_group(&group, &admin.list_groups()?)?;
            let group = admin.get_group(
                &id,
                &GroupGetParams {
                    vault_permissions: Some(true),
                },
            )?;
            let members = admin.group_members(&id)?;
            let access = group.vault_access.clone().unwrap_or_default();
            emit(
                globals.format,
                &json!({"group": group, "members": members}),
                || {
                    let mut text = format!(
                        "{} ({}, {})\nmembers: {}",
                        group.title,
                        group.id,
                        group.group_type.as_str(),
                        members.join(", ")
                    );
                    for a in &access {
                        text.push_str(&format!(
                            "\nvault {}: {}",
                            a.vault_uuid,
                            op_core::access::names(a.permissions).join(",")
                        ));
                    }
                    text
                },
            )
        }
        GroupCommand::AddMember { group, member } => {
            let id = find_group(&group, &admin.list_groups()?)?;
            admin.add_group_member(&id, &member)?;
            emit(
                globals.format,
                &json!({"group": id, "added": member}),
                || format!("Added {member} to group {id}"),
            )
        }
        GroupCommand::RemoveMember { group, member } => {
            let id = find_group(&group, &admin.list_groups()?)?;
            admin.remove_group_member(&id, &member)?;
            emit(
                globals.format,
                &json!({"group": id, "removed": member}),
                || {
                    format!(
                        "Removed {member} from group {id}; the group and what it opens have new keys"
                    )
                },
            )
        }
    }
}
