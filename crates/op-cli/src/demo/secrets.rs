//! The demo's secret references, password recipes and reference validation.

use op_core::wire::PasswordRecipe;
use op_sdk::Client;
use op_sdk::protocol::{generate_password, validate_reference};
use serde_json::json;

use super::{Show, wire_name};
use crate::exit::{CliError, CliResult};

pub(super) async fn tour(show: &mut Show, client: &Client, vault_id: &str) -> CliResult {
    show.step(
        "client.secrets.resolve(reference)",
        "op://vault/item/[section/]field, by title or id; ?attribute=otp gives the current code.",
    )?;
    let references = [
        "op://Demo/Database/password".to_owned(),
        "op://Demo/Database/Connection/host".to_owned(),
        format!("op://{vault_id}/Database/username"),
        "op://Demo/Database/one-time password?attribute=otp".to_owned(),
    ];
    for reference in &references {
        let secret = client.resolve(reference).await?;
        show.out(format!("{reference:<55} -> {}", secret.expose_secret()))?;
    }
    show.out("op://Demo/No such item/password")?;
    match client.resolve("op://Demo/No such item/password").await {
        Err(error) => show.refused(&error)?,
        Ok(_) => show.out("!! resolved an item that does not exist")?,
    }

    show.step(
        "client.secrets.resolve_all([references...])",
        "One answer per reference; each item is decrypted once however many of its fields are asked for.",
    )?;
    let batch = vec![
        "op://Demo/Database/password".to_owned(),
        "op://Demo/Database/username".to_owned(),
        "op://Demo/Database/password?attribute=otp".to_owned(),
        "op://Demo/Missing/password".to_owned(),
        "op://Demo/Database".to_owned(),
    ];
    let resolved = client.resolve_all(batch).await?;
    for (reference, response) in resolved.individual_responses {
        let verdict = match (response.content, response.error) {
            (Some(found), _) => found.secret.expose_secret().to_owned(),
            (None, error) => format!(
                "error {}",
                error.as_ref().map(wire_name).unwrap_or_default()
            ),
        };
        show.out(format!("{reference:<42} -> {verdict}"))?;
    }

    show.step(
        "Secrets.generate_password(recipe)",
        "Synchronous, no client needed: random, memorable and PIN recipes; bad recipes say what is wrong.",
    )?;
    let recipes = [
        json!({"type": "Random", "parameters": {"includeDigits": true, "includeSymbols": true, "length": 24}}),
        json!({"type": "Memorable", "parameters": {"separatorType": "hyphens", "capitalize": true, "wordListType": "fullWords", "wordCount": 4}}),
        json!({"type": "Pin", "parameters": {"length": 6}}),
        json!({"type": "Random", "parameters": {"includeDigits": true, "includeSymbols": false, "length": 0}}),
    ];
    for value in recipes {
        let label = value.to_string();
        let recipe: PasswordRecipe = serde_json::from_value(value)
            .map_err(|e| CliError::Sdk(op_sdk::Error::Internal(format!("demo recipe: {e}"))))?;
        show.out(label)?;
        match generate_password(&recipe) {
            Ok(generated) => show.out(format!("-> {}", generated.password.expose_secret()))?,
            Err(error) => show.refused(&error)?,
        }
    }

    show.step(
        "Secrets.validate_secret_reference(reference)",
        "Checks the grammar only, without a client: good before storing a reference in a config file.",
    )?;
    for reference in ["op://Demo/Database/password", "op://Demo/Database"] {
        show.out(reference)?;
        match validate_reference(reference) {
            Ok(()) => show.out("-> valid")?,
            Err(error) => show.refused(&error)?,
        }
    }
    Ok(())
}
