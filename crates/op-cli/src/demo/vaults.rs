//! The demo's vault operations.

use op_core::wire::{VaultCreateParams, VaultGetParams, VaultUpdateParams};
use op_sdk::Client;

use super::{Show, wire_name};
use crate::exit::CliResult;

pub(super) async fn tour(show: &mut Show, client: &Client) -> CliResult {
    show.step(
        "client.vaults.list()",
        "The vaults this service account was granted; a Personal vault is never among them.",
    )?;
    for v in client.list_vaults().await? {
        show.out(format!(
            "{}  {:?} ({}, {} items)",
            v.id,
            v.title,
            wire_name(&v.vault_type),
            v.active_item_count
        ))?;
    }

    show.step(
        "client.vaults.create({title: \"Scratch\"})",
        "A service account may create vaults; it gets full access to the ones it creates.",
    )?;
    let scratch = client
        .create_vault(VaultCreateParams {
            title: "Scratch".into(),
            description: Some("created by the demo app".into()),
            allow_admins_access: None,
        })
        .await?;
    show.out(format!("-> {} {:?}", scratch.id, scratch.title))?;

    show.step(
        "client.vaults.get(id, {accessors: true})",
        "The vault with who can open it and with which permission bits.",
    )?;
    let got = client
        .get_vault(
            scratch.id.clone(),
            VaultGetParams {
                accessors: Some(true),
            },
        )
        .await?;
    show.out(format!("{:?}: {:?}", got.title, got.description))?;
    for access in got.access.unwrap_or_default() {
        show.out(format!(
            "accessor {} ({}) permissions {:#x}",
            access.accessor_uuid,
            wire_name(&access.accessor_type),
            access.permissions
        ))?;
    }

    show.step(
        "client.vaults.update(id, {title, description})",
        "Renaming needs manage_vault.",
    )?;
    let updated = client
        .update_vault(
            scratch.id.clone(),
            VaultUpdateParams {
                title: Some("Scratch (renamed)".into()),
                description: Some("renamed by the demo".into()),
            },
        )
        .await?;
    show.out(format!(
        "-> {:?}, attribute version {}",
        updated.title, updated.attribute_version
    ))?;

    show.step("client.vaults.delete(id)", "Gone for good (it is empty).")?;
    client.delete_vault(scratch.id.clone()).await?;
    show.out(format!(
        "-> deleted; {} vault(s) left",
        client.list_vaults().await?.len()
    ))
}
