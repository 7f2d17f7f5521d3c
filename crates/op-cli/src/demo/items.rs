//! The demo's item operations.

use op_core::wire::{
    Item, ItemCreateParams, ItemFieldDetails, ItemListFilter, ItemListFilterByStateInner,
};
use op_sdk::Client;
use serde_json::json;

use super::{Show, wire_name};
use crate::exit::{CliError, CliResult};

/// RFC 6238's published test seed ("12345678901234567890"): a code generator, not a secret.
pub(super) const DEMO_OTP: &str =
    "otpauth://totp/Demo:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Demo";

fn params(value: serde_json::Value) -> CliResult<ItemCreateParams> {
    serde_json::from_value(value)
        .map_err(|e| CliError::Sdk(op_sdk::Error::Internal(format!("demo item: {e}"))))
}

fn database_login(vault_id: &str) -> CliResult<ItemCreateParams> {
    params(json!({
        "category": "Login", "vaultId": vault_id, "title": "Database",
        "fields": [
            {"id": "username", "title": "username", "fieldType": "Text", "value": "alice"},
            {"id": "password", "title": "password", "fieldType": "Concealed", "value": "demo-password-1"},
            {"id": "otp", "title": "one-time password", "sectionId": "conn", "fieldType": "Totp", "value": DEMO_OTP},
            {"id": "host", "title": "host", "sectionId": "conn", "fieldType": "Text", "value": "db.demo.internal"}
        ],
        "sections": [{"id": "conn", "title": "Connection"}],
        "websites": [{"url": "https://demo.example", "label": "website", "autofillBehavior": "AnywhereOnWebsite"}],
        "tags": ["demo"]
    }))
}

fn simple(
    vault_id: &str,
    category: &str,
    title: &str,
    field: serde_json::Value,
) -> CliResult<ItemCreateParams> {
    params(json!({"category": category, "vaultId": vault_id, "title": title, "fields": [field]}))
}

fn describe(show: &Show, item: &Item) -> CliResult {
    show.out(format!(
        "{} {:?} ({}), version {}",
        item.id,
        item.title,
        wire_name(&item.category),
        item.version
    ))?;
    for field in &item.fields {
        let extra = match &field.details {
            Some(ItemFieldDetails::Otp(otp)) => {
                format!("  current code {}", otp.code.as_deref().unwrap_or("(none)"))
            }
            _ => String::new(),
        };
        let value = if field.title.contains("one-time") {
            "otpauth://totp/Demo:alice?secret=…".to_owned()
        } else {
            field.value.expose_secret().to_owned()
        };
        show.out(format!(
            "  {:<18} {:<10} {value}{extra}",
            field.title,
            wire_name(&field.field_type)
        ))?;
    }
    Ok(())
}

pub(super) async fn tour(show: &mut Show, client: &Client, vault_id: &str) -> CliResult {
    let vault = vault_id.to_owned();
    show.step(
        "client.items.create(params)",
        "A Login with a password, a TOTP seed and a section; values are encrypted before they reach the file.",
    )?;
    let db = client.create_item(database_login(vault_id)?).await?;
    describe(show, &db)?;

    show.step(
        "client.items.create_all(vault, [params...])",
        "Several items at once, each written or refused on its own: here one has an impossible date.",
    )?;
    let batch = vec![
        simple(
            vault_id,
            "ApiCredentials",
            "Payments API",
            json!({"id": "credential", "title": "credential", "fieldType": "Concealed", "value": "demo-api-key-0000"}),
        )?,
        simple(
            vault_id,
            "SecureNote",
            "Bad date",
            json!({"id": "d", "title": "expires", "fieldType": "Date", "value": "2023-02-30"}),
        )?,
        simple(
            vault_id,
            "Password",
            "Wi-Fi",
            json!({"id": "password", "title": "password", "fieldType": "Concealed", "value": "demo-wifi-password"}),
        )?,
    ];
    let created = client.create_items(vault.clone(), batch).await?;
    let mut ids = Vec::new();
    for response in created.individual_responses {
        match (response.content, response.error) {
            (Some(item), _) => {
                show.out(format!("ok     {} {:?}", item.id, item.title))?;
                ids.push(item.id);
            }
            (None, Some(error)) => show.out(format!("failed {}", wire_name(&error)))?,
            (None, None) => show.out("failed without a reason")?,
        }
    }
    let [api_id, wifi_id] = ids.as_slice() else {
        return Err(CliError::Sdk(op_sdk::Error::Internal(
            "create_all did not create the two valid demo items".into(),
        )));
    };

    show.step(
        "client.items.get(vault, id)",
        "Decrypted on read; the TOTP field carries its current code.",
    )?;
    let fetched = client.get_item(vault.clone(), db.id.clone()).await?;
    describe(show, &fetched)?;

    show.step(
        "client.items.get_all(vault, [ids...])",
        "One answer per id; an unknown id is reported, not fatal.",
    )?;
    let unknown = "zzzzzzzzzzzzzzzzzzzzzzzzzz".to_owned();
    let all = client
        .get_items(vault.clone(), vec![db.id.clone(), api_id.clone(), unknown])
        .await?;
    for response in all.individual_responses {
        match (response.content, response.error) {
            (Some(item), _) => show.out(format!("ok     {:?}", item.title))?,
            (None, error) => show.out(format!(
                "error  {}",
                error.as_ref().map(wire_name).unwrap_or_default()
            ))?,
        }
    }

    show.step(
        "client.items.put(item)",
        "Change the password and write the item back; the version goes up. Writing the OLD copy again \
         is refused, so a concurrent change is never silently lost.",
    )?;
    let mut edited = fetched.clone();
    if let Some(field) = edited.fields.iter_mut().find(|f| f.id == "password") {
        field.value = "demo-password-2".into();
    }
    let updated = client.put_item(edited).await?;
    show.out(format!(
        "-> version {} -> {}",
        fetched.version, updated.version
    ))?;
    let mut stale = fetched.clone();
    stale.title = "Database (stale edit)".into();
    match client.put_item(stale).await {
        Err(error) => show.refused(&error)?,
        Ok(_) => show.out("!! the stale put was accepted")?,
    }

    show.step(
        "client.items.list(vault)",
        "Overviews only: titles, categories, state; no secret is decrypted.",
    )?;
    for overview in client.list_items(vault.clone(), vec![]).await? {
        show.out(format!(
            "{} {:<14} {:<16} {}",
            overview.id,
            wire_name(&overview.category),
            format!("{:?}", overview.title),
            wire_name(&overview.state)
        ))?;
    }

    show.step(
        "client.items.archive(vault, id)",
        "Archived items leave references and default lists, but a ByState filter still finds them.",
    )?;
    client.archive_item(vault.clone(), wifi_id.clone()).await?;
    let active = client.list_items(vault.clone(), vec![]).await?.len();
    let both = ItemListFilter::ByState(ItemListFilterByStateInner {
        active: true,
        archived: true,
    });
    let everything = client.list_items(vault.clone(), vec![both]).await?.len();
    show.out(format!(
        "-> default list: {active} items; active + archived: {everything}"
    ))?;

    show.step(
        "client.items.delete(vault, id)",
        "Moves the item to Recently Deleted (purged after 30 days).",
    )?;
    client.delete_item(vault.clone(), wifi_id.clone()).await?;
    match client.get_item(vault.clone(), wifi_id.clone()).await {
        Err(error) => show.refused(&error)?,
        Ok(_) => show.out("!! the deleted item can still be read")?,
    }

    show.step(
        "client.items.delete_all(vault, [ids...])",
        "One answer per id.",
    )?;
    let deleted = client
        .delete_items(
            vault.clone(),
            vec![api_id.clone(), "zzzzzzzzzzzzzzzzzzzzzzzzzz".into()],
        )
        .await?;
    for (id, response) in deleted.individual_responses {
        let verdict = response
            .error
            .as_ref()
            .map_or_else(|| "deleted".to_owned(), wire_name);
        show.out(format!("{id}: {verdict}"))?;
    }
    Ok(())
}
