//! A vault's title and description, encrypted under its key and bound to its id.

use op_crypto::SymmetricKey;
use op_store::VaultRecord;

use super::crypto_error;
use super::format::{VaultAttrs, vault_attrs_aad};
use super::keys::VaultKey;
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
