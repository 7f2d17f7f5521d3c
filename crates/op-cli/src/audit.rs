//! `opkit audit`: the changes recorded in the vault file, newest first, as the account owner.

use clap::Args;

use crate::Globals;
use crate::exit::CliResult;
use crate::output::emit;
use crate::{owner, paths};

/// `opkit audit [--limit N]`
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// How many of the newest changes to show.
    #[arg(long, default_value_t = 100)]
    limit: usize,
}

/// Prints the audit trail (json: an array of entries).
pub fn run(globals: &Globals, args: &AuditArgs) -> CliResult {
    let admin = owner::unlock(&paths::existing_db(globals.db.as_deref())?)?;
    let events = admin.audit_events(args.limit)?;
    emit(globals.format, &events, || {
        let mut text = format!(
            "{:<27}  {:<26}  {:<20}  {:<26}  {:<26}  SUBJECT",
            "AT", "WHO", "ACTION", "VAULT", "ITEM"
        );
        for e in &events {
            text.push_str(&format!(
                "\n{:<27}  {:<26}  {:<20}  {:<26}  {:<26}  {}",
                e.at.to_string(),
                e.principal_id,
                e.action,
                e.vault_id.as_deref().unwrap_or("-"),
                e.item_id.as_deref().unwrap_or("-"),
                e.subject.as_deref().unwrap_or("-"),
            ));
        }
        text
    })
}
