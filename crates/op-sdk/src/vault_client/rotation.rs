//! Re-keying a vault when someone loses access: a new key sealed to every remaining accessor, the
//! older keys wrapped under it, the attributes re-encrypted. Whoever lost access keeps what they
//! could already read, but cannot decrypt any version written afterwards.

use std::collections::HashMap;

use op_crypto::{PublicKeyBytes, SymmetricKey};
use op_store::{AccessRecord, AccessorType, VaultKeyRotation, VaultRecord};

use crate::codec::crypto_error;
use crate::codec::format::{vault_history_aad, vault_key_aad};
use crate::codec::keys::VaultKey;
use crate::codec::vault_attrs::{decrypt_attrs, encrypt_attrs};
use crate::error::{Error, ErrorReason, Result};

/// A stored public key as the type sealing needs; `what` names its owner for the error.
pub(crate) fn public_key(bytes: &[u8], what: &str) -> Result<PublicKeyBytes> {
    let array: [u8; 32] = bytes
        .try_into()
        .map_err(|_| Error::Internal(format!("{what} has a malformed public key")))?;
    Ok(PublicKeyBytes(array))
}

/// A new key for `record`, opened as `key`: every grant of `grants` except those in `drop`
/// re-sealed to it (to the public key `recipient` gives, or for groups in `new_group_keys` to their
/// new one), older keys wrapped under it, attributes re-encrypted.
pub(crate) fn rotate(
    record: &VaultRecord,
    key: &VaultKey,
    grants: Vec<AccessRecord>,
    drop: &[(AccessorType, &str)],
    new_group_keys: &HashMap<String, PublicKeyBytes>,
    recipient: impl Fn(&AccessRecord) -> Result<PublicKeyBytes>,
) -> Result<VaultKeyRotation> {
    let vault_id = record.id.as_str();
    if record.key_generation != key.generation() {
        return Err(Error::ItemApi(
            ErrorReason::KeyRotated,
            format!("vault {vault_id} was re-keyed by someone else meanwhile; retry"),
        ));
    }
    let attrs = decrypt_attrs(key, record)?;
    let new_key = SymmetricKey::generate().map_err(crypto_error("a new vault key"))?;
    let mut history = Vec::new();
    for generation in 0..=key.generation() {
        let old = key.key_for(generation).ok_or_else(|| {
            Error::Internal(format!("vault {vault_id} lost key generation {generation}"))
        })?;
        let wrapped = op_crypto::wrap_key(&new_key, old, &vault_history_aad(vault_id, generation))
            .map_err(crypto_error("a vault key"))?;
        history.push((generation, wrapped));
    }
    let mut access = Vec::new();
    for grant in grants {
        if drop
            .iter()
            .any(|(t, id)| *t == grant.accessor_type && *id == grant.accessor_id)
        {
            continue;
        }
        let to = match new_group_keys.get(&grant.accessor_id) {
            Some(k) if grant.accessor_type == AccessorType::Group => PublicKeyBytes(*k.as_bytes()),
            _ => recipient(&grant)?,
        };
        let sealed =
            op_crypto::seal_key_to(&to, &new_key, &vault_key_aad(vault_id, &grant.accessor_id))
                .map_err(crypto_error("a vault key"))?;
        access.push(AccessRecord {
            sealed_vault_key: sealed,
            ..grant
        });
    }
    Ok(VaultKeyRotation {
        vault_id: vault_id.to_owned(),
        from_generation: key.generation(),
        attrs: encrypt_attrs(&new_key, vault_id, &attrs)?,
        history,
        access,
    })
}
