//! A vault's title and description, encrypted under its key and bound to its id, and the
//! overview a client shows from them.

use op_core::wire::{Vault, VaultAccess, VaultOverview, VaultType};
use op_crypto::SymmetricKey;
use op_store::VaultRecord;

use super::format::{VaultAttrs, vault_attrs_aad};
use super::keys::VaultKey;
use super::{crypto_error, timestamp};
use crate::error::{Error, ErrorReason, Result};

pub(crate) fn decrypt_attrs(vault: &VaultKey, record: &VaultRecord) -> Result<VaultAttrs> {
    let key = vault.key_for(record.key_generation).ok_or_else(|| {
        Error::ItemApi(
            ErrorReason::KeyRotated,
            format!(
                "vault {} was re-keyed while this call ran (someone's access was revoked); retry",
                record.id
            ),
        )
    })?;
    let json = op_crypto::decrypt(key, &record.attrs, &vault_attrs_aad(&record.id))
        .map_err(crypto_error("a vault title"))?;
    serde_json::from_slice(&json)
        .map_err(|e| Error::Internal(format!("vault {} attributes: {e}", record.id)))
}

pub(crate) fn encrypt_attrs(
    key: &SymmetricKey,
    vault_id: &str,
    attrs: &VaultAttrs,
) -> Result<Vec<u8>> {
    let json = serde_json::to_vec(attrs).map_err(|e| Error::Internal(e.to_string()))?;
    op_crypto::encrypt(key, &json, &vault_attrs_aad(vault_id))
        .map_err(crypto_error("a vault title"))
}

pub(crate) fn vault_type(record: &VaultRecord) -> VaultType {
    VaultType::ALL
        .iter()
        .copied()
        .find(|t| t.as_str() == record.vault_type)
        .unwrap_or(VaultType::Unsupported)
}

/// The overview of `record`: its clear counters and its decrypted title and description.
pub(crate) fn decode_vault_overview(
    vault: &VaultKey,
    record: &VaultRecord,
) -> Result<VaultOverview> {
    let attrs = decrypt_attrs(vault, record)?;
    Ok(VaultOverview {
        id: record.id.clone(),
        title: attrs.title,
        description: attrs.description,
        vault_type: vault_type(record),
        active_item_count: record.active_item_count,
        content_version: record.content_version,
        attribute_version: record.attribute_version,
        created_at: timestamp(record.created_at),
        updated_at: timestamp(record.updated_at),
    })
}

/// A `Vault` from its overview and, when asked for, who can access it.
pub(crate) fn to_vault(o: VaultOverview, access: Option<Vec<VaultAccess>>) -> Vault {
    Vault {
        id: o.id,
        title: o.title,
        description: o.description,
        vault_type: o.vault_type,
        active_item_count: o.active_item_count,
        content_version: o.content_version,
        attribute_version: o.attribute_version,
        access,
    }
}
