//! Finding vaults and items named on the command line, by id or by title (ASCII case ignored),
//! with the core's matching rules (`op_core::reference::matching::select`): several items with
//! one title are an error listing their ids, as in `op`.

use op_core::reference::matching::{Selection, select};
use op_core::wire::{ItemListFilter, ItemListFilterByStateInner, ItemOverview, VaultOverview};
use op_sdk::Client;

use crate::exit::{CliError, CliResult, invalid};

/// The vault named `name` among those the client can see.
pub async fn vault(client: &Client, name: &str) -> CliResult<VaultOverview> {
    let vaults = client.list_vaults().await?;
    match select(&vaults, name, |v| &v.id, |v| &v.title) {
        Selection::One(v) => Ok(v.clone()),
        Selection::None => Err(CliError::NotFound(format!(
            "no vault you can access has the id or title {name:?}"
        ))),
        Selection::Many(ids) => Err(invalid(format!(
            "{} vaults are titled {name:?} ({}); name one by its id",
            ids.len(),
            ids.join(", ")
        ))),
    }
}

/// Items of a vault, archived ones too when `archived`.
pub async fn items(
    client: &Client,
    vault_id: &str,
    archived: bool,
) -> CliResult<Vec<ItemOverview>> {
    let filters = vec![ItemListFilter::ByState(ItemListFilterByStateInner {
        active: true,
        archived,
    })];
    Ok(client.list_items(vault_id.to_owned(), filters).await?)
}

/// The item named `name`, in `vault` if given, else in any vault the client can see.
/// Archived items are found by id or title too (so they can be deleted or moved).
pub async fn item(client: &Client, vault: Option<&str>, name: &str) -> CliResult<ItemOverview> {
    let vault_ids = match vault {
        Some(v) => vec![self::vault(client, v).await?.id],
        None => client
            .list_vaults()
            .await?
            .into_iter()
            .map(|v| v.id)
            .collect(),
    };
    let mut all = Vec::new();
    for id in vault_ids {
        all.extend(items(client, &id, true).await?);
    }
    match select(&all, name, |i| &i.id, |i| &i.title) {
        Selection::One(i) => Ok(i.clone()),
        Selection::None => Err(CliError::NotFound(format!(
            "no item has the id or title {name:?}{}",
            vault
                .map(|v| format!(" in the vault {v:?}"))
                .unwrap_or_default()
        ))),
        Selection::Many(ids) => Err(invalid(format!(
            "{} items are titled {name:?} ({}); name one by its id{}",
            ids.len(),
            ids.join(", "),
            if vault.is_none() {
                " or pass --vault"
            } else {
                ""
            }
        ))),
    }
}
