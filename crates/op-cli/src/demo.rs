//! `opkit demo`: every operation of the SDK, narrated, on a throwaway vault file in a temp dir.
//!
//! The account uses `Argon2Params::TESTING` (insecure, but the file lives for a few seconds); its
//! secrets are obviously fake. The temp dir is removed at the end, and also if a step fails.

mod access;
mod items;
mod secrets;
mod vaults;

use op_crypto::Argon2Params;
use op_sdk::{Admin, Client};
use serde::Serialize;

use crate::exit::{CliError, CliResult};
use crate::output::print_line;
use crate::service_account::WRITE;

/// The demo owner's password: fake, and shown on purpose.
const OWNER_PASSWORD: &str = "demo-owner-password";

/// Numbered steps, each with the SDK call, why it matters, and its result indented below.
pub(crate) struct Show {
    step: usize,
}

impl Show {
    /// Starts the next step.
    fn step(&mut self, call: &str, why: &str) -> CliResult {
        self.step += 1;
        print_line(&format!("\n{:>2}. {call}\n    {why}", self.step))
    }

    /// One line of a step's result.
    fn out(&self, text: impl AsRef<str>) -> CliResult {
        print_line(&format!("      {}", text.as_ref()))
    }

    /// An expected failure: its protocol name and message.
    fn refused(&self, error: &op_sdk::Error) -> CliResult {
        self.out(format!("-> refused as expected: {}: {error}", error.name()))
    }
}

/// The wire spelling of an enum value (`Login`, `archived`, ...).
fn wire_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => "?".into(),
    }
}

/// Runs the demo.
pub async fn run() -> CliResult {
    let dir = tempfile::Builder::new()
        .prefix("opkit-demo-")
        .tempdir()
        .map_err(|e| CliError::io("could not create a temp dir for the demo", &e))?;
    let path = dir.path().join("demo.opkit");
    print_line(&format!(
        "opkit demo: every SDK operation on a throwaway vault file.\n\
         Everything happens in {}; it is removed at the end. The secrets below are fake.",
        dir.path().display()
    ))?;
    let mut show = Show { step: 0 };
    let result = tour(&mut show, &path).await;
    let shown = path.display().to_string();
    let closed = dir.close();
    result?;
    closed.map_err(|e| CliError::io("could not remove the demo's temp dir", &e))?;
    print_line(&format!(
        "\nDone. The vault file was {shown}; it and its folder have been removed.\n\
         Next: `opkit account create --name NAME` for a real account (see docs/cli.md)."
    ))
}

async fn tour(show: &mut Show, path: &std::path::Path) -> CliResult {
    show.step(
        "Admin::create_account",
        "A new encrypted vault file, its owner and the owner's Personal vault. The demo uses \
         Argon2Params::TESTING so it starts instantly: INSECURE, fine for a file deleted in seconds; \
         `opkit account create` uses RECOMMENDED.",
    )?;
    let account = Admin::create_account(path, "Demo Co", OWNER_PASSWORD, Argon2Params::TESTING)?;
    let admin = account.admin;
    show.out(format!("file:           {}", path.display()))?;
    show.out(format!(
        "owner:          {} (password {OWNER_PASSWORD:?})",
        admin.principal_id()
    ))?;
    show.out(format!("Personal vault: {}", account.personal_vault.id))?;

    show.step(
        "Admin::create_vault + Admin::create_service_account",
        "A shared vault, and a service account allowed to read and write its items (`write`).",
    )?;
    let vault = admin.create_vault("Demo", "secrets of the demo app")?;
    let (sa_id, token) = admin.create_service_account("demo-app", &[(vault.id.clone(), WRITE)])?;
    show.out(format!("vault Demo:     {}", vault.id))?;
    show.out(format!("service account demo-app: {sa_id}"))?;
    let shown: String = token.expose_secret().chars().take(16).collect();
    show.out(format!("token:          {shown}... (ops_ + base64url; it names the file, the account and a 256-bit secret)"))?;

    show.step(
        "Client::authenticate(token, \"opkit demo\", version)",
        "What an application does: no password, no secret key, just the token.",
    )?;
    let client = Client::authenticate(
        token.expose_secret(),
        "opkit demo",
        env!("CARGO_PKG_VERSION"),
    )
    .await?;
    show.out("-> authenticated")?;

    vaults::tour(show, &client).await?;
    items::tour(show, &client, &vault.id).await?;
    secrets::tour(show, &client, &vault.id).await?;
    access::tour(show, &admin, &client, &sa_id, &vault.id).await?;
    Ok(())
}
