//! `opkit service-account create|revoke`, as the account owner.
//!
//! `--vault VAULT:PERMS` names a vault by id or by title (case-insensitive) and the permissions by
//! the protocol's snake_case names (`op_core::wire::permissions::ALL`) or the shorthands `read` and
//! `write`.

use clap::Subcommand;
use op_core::wire::{VaultOverview, permissions as p};
use serde_json::json;

use crate::Globals;
use crate::exit::{CliError, CliResult, invalid};
use crate::output::emit;
use crate::{owner, paths};

/// `read`: see items and reveal their concealed values.
pub const READ: u32 = p::READ_ITEMS | p::REVEAL_ITEM_PASSWORD;
/// `write`: `read` plus create, update, archive and delete items (and item history, which
/// updating depends on: see docs/permissions.md).
pub const WRITE: u32 = READ
    | p::UPDATE_ITEM_HISTORY
    | p::CREATE_ITEMS
    | p::UPDATE_ITEMS
    | p::ARCHIVE_ITEMS
    | p::DELETE_ITEMS;

/// `opkit service-account ...`
#[derive(Debug, Subcommand)]
pub enum ServiceAccountCommand {
    /// Create a service account with access to vaults; prints its id and token (once).
    Create {
        /// The service account's name.
        #[arg(long)]
        name: String,
        /// VAULT:PERMS, repeatable. VAULT is an id or a title; PERMS a comma list of permission
        /// names (read_items, reveal_item_password, create_items, ...) or `read` / `write`.
        #[arg(long = "vault", value_name = "VAULT:PERMS", required = true)]
        vaults: Vec<String>,
    },
    /// Revoke a service account: its tokens stop opening new clients.
    Revoke {
        /// The service account's id.
        id: String,
    },
}

/// Runs a service-account command.
pub fn run(globals: &Globals, command: ServiceAccountCommand) -> CliResult {
    let admin = owner::unlock(&paths::existing_db(globals.db.as_deref())?)?;
    match command {
        ServiceAccountCommand::Create { name, vaults } => {
            let known = admin.list_vaults()?;
            let grants = vaults
                .iter()
                .map(|arg| grant(arg, &known))
                .collect::<CliResult<Vec<_>>>()?;
            let (id, token) = admin.create_service_account(&name, &grants)?;
            let json = json!({"id": id, "token": token.expose_secret()});
            emit(globals.format, &json, || {
                format!(
                    "Created service account {name:?} ({id}).\n\
                     Its token, shown only this once (store it as a secret, e.g. OP_SERVICE_ACCOUNT_TOKEN):\n\n{}",
                    token.expose_secret()
                )
            })
        }
        ServiceAccountCommand::Revoke { id } => {
            let kept = admin.revoke_service_account(&id)?;
            emit(
                globals.format,
                &json!({"id": id, "revoked": true, "vaultsNotRekeyed": kept}),
                || {
                    let mut text = format!(
                        "Revoked service account {id}; its tokens no longer open new clients, and the vaults it could open have new keys."
                    );
                    if !kept.is_empty() {
                        text.push_str(&format!(
                            "\nNot re-keyed (the owner cannot open them): {}",
                            kept.join(", ")
                        ));
                    }
                    text
                },
            )
        }
    }
}

/// `VAULT:PERMS` → (vault id, permission bits).
fn grant(arg: &str, known: &[VaultOverview]) -> CliResult<(String, u32)> {
    // Titles may contain ':', permission names never do.
    let (vault, perms) = arg.rsplit_once(':').ok_or_else(|| {
        invalid(format!(
            "--vault {arg:?} must be VAULT:PERMS, e.g. Prod:read or Prod:read_items,create_items"
        ))
    })?;
    Ok((find_vault(vault, known)?, parse_permissions(perms)?))
}

/// A vault by exact id, else by title ignoring case; ambiguous titles list the candidates' ids.
pub fn find_vault(name: &str, known: &[VaultOverview]) -> CliResult<String> {
    if let Some(v) = known.iter().find(|v| v.id == name) {
        return Ok(v.id.clone());
    }
    let wanted = name.to_lowercase();
    let matches: Vec<&VaultOverview> = known
        .iter()
        .filter(|v| v.title.to_lowercase() == wanted)
        .collect();
    match matches.as_slice() {
        [one] => Ok(one.id.clone()),
        [] => Err(CliError::NotFound(format!(
            "no vault has the id or title {name:?}; `opkit vault list` shows them"
        ))),
        several => Err(invalid(format!(
            "{} vaults are titled {name:?} ({}); name one by its id",
            several.len(),
            several
                .iter()
                .map(|v| v.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// `read_items,create_items`, `read`, `write` → permission bits.
pub fn parse_permissions(list: &str) -> CliResult<u32> {
    let mut bits = 0;
    let mut unknown = Vec::new();
    for name in list.split(',').map(str::trim) {
        match name {
            "read" => bits |= READ,
            "write" => bits |= WRITE,
            _ => match p::ALL.iter().find(|(known, _)| *known == name) {
                Some((_, bit)) => bits |= bit,
                None => unknown.push(format!("{name:?}")),
            },
        }
    }
    if unknown.is_empty() && bits != 0 {
        return Ok(bits);
    }
    let valid: Vec<&str> = ["read", "write"]
        .into_iter()
        .chain(p::ALL.iter().map(|(name, _)| *name))
        .collect();
    Err(invalid(format!(
        "unknown permission {}; valid names: {}",
        if unknown.is_empty() {
            "list (it is empty)".to_owned()
        } else {
            unknown.join(", ")
        },
        valid.join(", ")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorthands_and_names_combine() {
        assert_eq!(parse_permissions("read").unwrap(), READ);
        assert_eq!(parse_permissions("write").unwrap(), WRITE);
        assert_eq!(
            parse_permissions("read_items, create_items").unwrap(),
            p::READ_ITEMS | p::CREATE_ITEMS
        );
        assert_eq!(
            parse_permissions("read,manage_vault").unwrap(),
            READ | p::MANAGE_VAULT
        );
        for (name, bit) in p::ALL {
            assert_eq!(parse_permissions(name).unwrap(), bit);
        }
    }

    #[test]
    fn unknown_and_empty_lists_name_the_valid_ones() {
        for bad in ["", "read,bogus", "READ", ",", "read_item"] {
            let err = parse_permissions(bad).unwrap_err().to_string();
            assert!(
                err.contains("valid names: read, write, recover_vault"),
                "{bad}: {err}"
            );
        }
        let err = parse_permissions("read,bogus").unwrap_err();
        assert!(err.to_string().contains("\"bogus\""));
        assert_eq!(err.exit_code(), 5);
    }
}
