//! Items as ciphertext: the overview (what lists show) and the details, each bound to the vault,
//! item and version, under the vault key generation that wrote them.

use op_core::validate::fill_read_details;
use op_core::wire::{Item, ItemOverview, ItemState};
use op_store::{ItemRecord, ItemState as StoredState, ItemSummary};

use super::format::{OverviewPayload, item_details_aad, item_overview_aad};
use super::keys::VaultKey;
use super::{crypto_error, now_seconds, timestamp};
use crate::error::{Error, ErrorReason, Result};

pub(crate) fn encode(
    vault: &VaultKey,
    item: &Item,
    state: StoredState,
    deleted_at: Option<i64>,
) -> Result<ItemRecord> {
    let overview = OverviewPayload {
        title: item.title.clone(),
        category: item.category.clone(),
        websites: item.websites.clone(),
        tags: item.tags.clone(),
    };
    let overview_json = serde_json::to_vec(&overview)
        .map_err(|e| Error::Internal(format!("item overview: {e}")))?;
    let details_json = zeroize::Zeroizing::new(
        serde_json::to_vec(item).map_err(|e| Error::Internal(format!("item details: {e}")))?,
    );
    let overview = op_crypto::encrypt(
        vault.key(),
        &overview_json,
        &item_overview_aad(&item.vault_id, &item.id, item.version),
    )
    .map_err(crypto_error("an item overview"))?;
    let details = op_crypto::encrypt(
        vault.key(),
        &details_json,
        &item_details_aad(&item.vault_id, &item.id, item.version),
    )
    .map_err(crypto_error("an item"))?;
    Ok(ItemRecord {
        vault_id: item.vault_id.clone(),
        id: item.id.clone(),
        version: item.version,
        state,
        overview,
        details,
        title_index: op_crypto::blind_index(vault.index_key(), &item.title).to_vec(),
        key_generation: vault.generation(),
        created_at: item.created_at.unix_micros(),
        updated_at: item.updated_at.unix_micros(),
        deleted_at,
    })
}

/// The key of `generation`, or an error when the vault was re-keyed after `vault` was opened.
fn key_at<'a>(
    vault: &'a VaultKey,
    vault_id: &str,
    generation: u32,
) -> Result<&'a op_crypto::SymmetricKey> {
    vault.key_for(generation).ok_or_else(|| {
        Error::ItemApi(ErrorReason::KeyRotated, format!(
            "vault {vault_id} was re-keyed while this call ran (someone's access was revoked); retry"
        ))
    })
}

pub(crate) fn decode(vault: &VaultKey, record: &ItemRecord) -> Result<Item> {
    let json = op_crypto::decrypt(
        key_at(vault, &record.vault_id, record.key_generation)?,
        &record.details,
        &item_details_aad(&record.vault_id, &record.id, record.version),
    )
    .map_err(|_| tampered(&record.vault_id, &record.id))?;
    let mut item: Item =
        serde_json::from_slice(&json).map_err(|_| tampered(&record.vault_id, &record.id))?;
    if item.id != record.id || item.vault_id != record.vault_id || item.version != record.version {
        return Err(tampered(&record.vault_id, &record.id));
    }
    fill_read_details(&mut item, now_seconds());
    Ok(item)
}

pub(crate) fn decode_overview(vault: &VaultKey, summary: &ItemSummary) -> Result<ItemOverview> {
    let json = op_crypto::decrypt(
        key_at(vault, &summary.vault_id, summary.key_generation)?,
        &summary.overview,
        &item_overview_aad(&summary.vault_id, &summary.id, summary.version),
    )
    .map_err(|_| tampered(&summary.vault_id, &summary.id))?;
    let o: OverviewPayload =
        serde_json::from_slice(&json).map_err(|_| tampered(&summary.vault_id, &summary.id))?;
    Ok(ItemOverview {
        id: summary.id.clone(),
        title: o.title,
        category: o.category,
        vault_id: summary.vault_id.clone(),
        websites: o.websites,
        tags: o.tags,
        created_at: timestamp(summary.created_at),
        updated_at: timestamp(summary.updated_at),
        state: if summary.state == StoredState::Archived {
            ItemState::Archived
        } else {
            ItemState::Active
        },
    })
}

fn tampered(vault_id: &str, item_id: &str) -> Error {
    Error::Internal(format!(
        "item {item_id} in vault {vault_id} failed its integrity check: the vault file was modified outside opkit; restore it from a backup"
    ))
}
