//! Re-keying a vault or an Environment when someone loses access: a new key sealed to every
//! remaining accessor (for a vault, the older keys wrapped under it and the attributes
//! re-encrypted; for an Environment, its content re-encrypted at the next version). Whoever lost access keeps what they
//! could already read, but cannot decrypt any version written afterwards.

use std::collections::HashMap;

use op_crypto::{PublicKeyBytes, SymmetricKey};
use op_store::{
    AccessRecord, AccessorType, EnvironmentAccessRecord, EnvironmentRecord, EnvironmentRekey,
    VaultKeyRotation, VaultRecord,
};

use crate::codec::environments::{Content, encrypt_content};
use crate::codec::format::{environment_key_aad, vault_history_aad, vault_key_aad};
use crate::codec::keys::VaultKey;
use crate::codec::vault_attrs::{decrypt_attrs, encrypt_attrs};
use crate::codec::{crypto_error, now_micros};
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

/// The public key the backend sent for `grant`'s accessor among `keys` (`(type, id, key)`), for
/// re-sealing Environment `id`'s new key to it.
pub(crate) fn accessor_key(
    keys: &[(AccessorType, String, Vec<u8>)],
    grant: &EnvironmentAccessRecord,
    id: &str,
) -> Result<PublicKeyBytes> {
    let (_, _, bytes) = keys
        .iter()
        .find(|(t, a, _)| *t == grant.accessor_type && *a == grant.accessor_id)
        .ok_or_else(|| {
            Error::Internal(format!(
                "no public key came with accessor {} of Environment {id}",
                grant.accessor_id
            ))
        })?;
    public_key(bytes, "an accessor")
}

/// A new key for the Environment `record` (holding `content`): every grant of `grants` except
/// `drop` re-sealed to it (groups in `new_group_keys` to their new public key), the content
/// re-encrypted at the next version.
pub(crate) fn rekey_environment(
    record: &EnvironmentRecord,
    content: &Content,
    grants: Vec<EnvironmentAccessRecord>,
    drop: Option<(AccessorType, &str)>,
    new_group_keys: &HashMap<String, PublicKeyBytes>,
    recipient: impl Fn(&EnvironmentAccessRecord) -> Result<PublicKeyBytes>,
) -> Result<EnvironmentRekey> {
    let id = record.id.as_str();
    let key = SymmetricKey::generate().map_err(crypto_error("an Environment key"))?;
    let mut access = Vec::new();
    for grant in grants {
        if drop.is_some_and(|(t, a)| t == grant.accessor_type && a == grant.accessor_id) {
            continue;
        }
        let to = match new_group_keys.get(&grant.accessor_id) {
            Some(k) if grant.accessor_type == AccessorType::Group => PublicKeyBytes(*k.as_bytes()),
            _ => recipient(&grant)?,
        };
        let sealed =
            op_crypto::seal_key_to(&to, &key, &environment_key_aad(id, &grant.accessor_id))
                .map_err(crypto_error("an Environment key"))?;
        access.push(EnvironmentAccessRecord {
            sealed_key: sealed,
            ..grant
        });
    }
    let version = record.version.saturating_add(1);
    let environment = EnvironmentRecord {
        content: encrypt_content(&key, id, version, content)?,
        version,
        updated_at: now_micros(),
        ..record.clone()
    };
    Ok(EnvironmentRekey {
        environment,
        access,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::sync::Arc;

    use op_crypto::{KeyPair, SymmetricKey};
    use op_store::{AccessRecord, AccessorType, VaultRecord};

    use super::rotate;
    use crate::codec::format::{VaultAttrs, vault_history_aad, vault_key_aad};
    use crate::codec::keys::{KeyMaterial, VaultKey};
    use crate::codec::vault_attrs::{decrypt_attrs, encrypt_attrs};

    fn grant(accessor_type: AccessorType, id: &str) -> AccessRecord {
        AccessRecord {
            vault_id: "v".into(),
            accessor_type,
            accessor_id: id.into(),
            permissions: 1,
            sealed_vault_key: Vec::new(),
        }
    }

    #[test]
    fn a_re_key_drops_accessors_seals_to_the_rest_and_keeps_every_generation() {
        let old = SymmetricKey::generate().unwrap();
        let attrs = VaultAttrs {
            title: "Prod".into(),
            description: String::new(),
        };
        let record = VaultRecord {
            id: "v".into(),
            vault_type: "USER_CREATED".into(),
            attrs: encrypt_attrs(&old, "v", &attrs).unwrap(),
            created_by: "alice".into(),
            content_version: 1,
            attribute_version: 1,
            active_item_count: 0,
            key_generation: 0,
            created_at: 0,
            updated_at: 0,
        };
        let key = VaultKey {
            material: Arc::new(KeyMaterial::from_current_key("v", old, &[]).unwrap()),
            permissions: 0,
        };
        let alice = KeyPair::generate().unwrap();
        let group_now = KeyPair::generate().unwrap();
        let group_next = KeyPair::generate().unwrap();
        let grants = vec![
            grant(AccessorType::User, "alice"),
            grant(AccessorType::User, "bob"),
            grant(AccessorType::Group, "g"),
        ];
        let new_group_keys = HashMap::from([("g".to_owned(), group_next.public_key())]);
        let rotation = rotate(
            &record,
            &key,
            grants,
            &[(AccessorType::User, "bob")],
            &new_group_keys,
            |g| match g.accessor_id.as_str() {
                "alice" => Ok(alice.public_key()),
                _ => Ok(group_now.public_key()),
            },
        )
        .unwrap();
        let ids: Vec<&str> = rotation
            .access
            .iter()
            .map(|a| a.accessor_id.as_str())
            .collect();
        assert_eq!(ids, ["alice", "g"]);
        let new_key = op_crypto::open_sealed_key(
            &alice,
            &rotation.access[0].sealed_vault_key,
            &vault_key_aad("v", "alice"),
        )
        .unwrap();
        assert!(
            op_crypto::open_sealed_key(
                &group_next,
                &rotation.access[1].sealed_vault_key,
                &vault_key_aad("v", "g"),
            )
            .is_ok(),
            "a group being re-keyed gets the vault key under its new public key"
        );
        assert_eq!(rotation.history.len(), 1);
        assert!(
            op_crypto::unwrap_key(&new_key, &rotation.history[0].1, &vault_history_aad("v", 0))
                .is_ok()
        );
        let rotated = VaultRecord {
            attrs: rotation.attrs.clone(),
            key_generation: 1,
            ..record.clone()
        };
        let reopened = VaultKey {
            material: Arc::new(
                KeyMaterial::from_current_key("v", new_key, &rotation.history).unwrap(),
            ),
            permissions: 0,
        };
        assert_eq!(decrypt_attrs(&reopened, &rotated).unwrap().title, "Prod");

        let moved_on = VaultRecord {
            key_generation: 1,
            ..record
        };
        let stale = rotate(
            &moved_on,
            &key,
            Vec::new(),
            &[],
            &HashMap::new(),
            |_| unreachable!(),
        );
        assert!(stale.is_err(), "a re-key from an old generation is refused");
    }
}
