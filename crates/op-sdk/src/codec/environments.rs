//! An Environment's name and variables: one ciphertext under the Environment's key, bound to its id
//! and version.

use op_core::wire::EnvironmentVariable;
use op_crypto::SymmetricKey;
use op_store::EnvironmentRecord;
use serde::{Deserialize, Serialize};

use super::crypto_error;
use super::format::environment_content_aad;
use crate::error::{Error, Result};

/// What an Environment's ciphertext holds.
#[derive(Serialize, Deserialize)]
pub(crate) struct Content {
    pub(crate) name: String,
    pub(crate) variables: Vec<EnvironmentVariable>,
}

pub(crate) fn encrypt_content(
    key: &SymmetricKey,
    id: &str,
    version: u32,
    content: &Content,
) -> Result<Vec<u8>> {
    let json = zeroize::Zeroizing::new(
        serde_json::to_vec(content).map_err(|e| Error::Internal(format!("environment: {e}")))?,
    );
    op_crypto::encrypt(key, &json, &environment_content_aad(id, version))
        .map_err(crypto_error("an Environment"))
}

/// The content of `record` at its version.
pub(crate) fn decrypt_content(key: &SymmetricKey, record: &EnvironmentRecord) -> Result<Content> {
    let json = op_crypto::decrypt(
        key,
        &record.content,
        &environment_content_aad(&record.id, record.version),
    )
    .map_err(crypto_error("an Environment"))?;
    serde_json::from_slice(&json)
        .map_err(|e| Error::Internal(format!("Environment {}: {e}", record.id)))
}
