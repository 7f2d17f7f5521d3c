//! What the codec encrypts, and the associated data that binds each ciphertext to its place.
//!
//! Every blob's AAD names its purpose and the ids (and, for items, the version) it belongs to, so a
//! ciphertext moved to another row, another vault or another version fails to decrypt.

use op_core::wire::{ItemCategory, Website};
use op_crypto::{Argon2Params, aad};
use serde::{Deserialize, Serialize};

pub(crate) fn principal_key_aad(principal_id: &str) -> Vec<u8> {
    aad(&[b"opkit/principal-key", principal_id.as_bytes()])
}

pub(crate) fn vault_key_aad(vault_id: &str, accessor_id: &str) -> Vec<u8> {
    aad(&[
        b"opkit/vault-key",
        vault_id.as_bytes(),
        accessor_id.as_bytes(),
    ])
}

/// An older vault key wrapped under the current one.
pub(crate) fn vault_history_aad(vault_id: &str, generation: u32) -> Vec<u8> {
    aad(&[
        b"opkit/vault-key-history",
        vault_id.as_bytes(),
        &generation.to_be_bytes(),
    ])
}

/// A group's private key sealed to a holder (a member, or the Administrators group).
pub(crate) fn group_key_aad(group_id: &str, holder_id: &str) -> Vec<u8> {
    aad(&[
        b"opkit/group-key",
        group_id.as_bytes(),
        holder_id.as_bytes(),
    ])
}

/// An Environment's key sealed to an accessor.
pub(crate) fn environment_key_aad(environment_id: &str, accessor_id: &str) -> Vec<u8> {
    aad(&[
        b"opkit/environment-key",
        environment_id.as_bytes(),
        accessor_id.as_bytes(),
    ])
}

/// An Environment's name and variables at one version.
pub(crate) fn environment_content_aad(environment_id: &str, version: u32) -> Vec<u8> {
    aad(&[
        b"opkit/environment",
        environment_id.as_bytes(),
        &version.to_be_bytes(),
    ])
}

pub(crate) fn vault_attrs_aad(vault_id: &str) -> Vec<u8> {
    aad(&[b"opkit/vault-attrs", vault_id.as_bytes()])
}

pub(crate) fn item_overview_aad(vault_id: &str, item_id: &str, version: u32) -> Vec<u8> {
    aad(&[
        b"opkit/item-overview",
        vault_id.as_bytes(),
        item_id.as_bytes(),
        &version.to_be_bytes(),
    ])
}

pub(crate) fn item_details_aad(vault_id: &str, item_id: &str, version: u32) -> Vec<u8> {
    aad(&[
        b"opkit/item-details",
        vault_id.as_bytes(),
        item_id.as_bytes(),
        &version.to_be_bytes(),
    ])
}

/// A vault's title and description, encrypted under the vault key.
#[derive(Serialize, Deserialize)]
pub(crate) struct VaultAttrs {
    pub(crate) title: String,
    pub(crate) description: String,
}

/// What a principal needs to re-derive its unlock key (stored in clear: it holds no secret).
#[derive(Serialize, Deserialize)]
#[serde(tag = "kdf")]
pub(crate) enum UnlockParams {
    /// A person: Argon2id of the password, combined with the account secret key.
    #[serde(rename = "argon2id+secret-key")]
    Person {
        /// Base64 of the salt.
        salt: String,
        /// Argon2 cost.
        params: Argon2Params,
    },
    /// A service account: HKDF of the token's 256-bit secret.
    #[serde(rename = "hkdf-sha256")]
    ServiceAccount,
}

/// The part of an item that lists show, encrypted separately so listing never decrypts details.
#[derive(Serialize, Deserialize)]
pub(crate) struct OverviewPayload {
    pub(crate) title: String,
    pub(crate) category: ItemCategory,
    pub(crate) websites: Vec<Website>,
    pub(crate) tags: Vec<String>,
}
