//! Groups and re-keys for administration (revoking a service account, removing a group member):
//! the group records, and a vault's re-key with its accessors' public keys read from the store.
//! The client's own access calls are in `vault_client/access.rs`.

use std::collections::HashMap;

use op_core::wire::GroupState;
use op_crypto::PublicKeyBytes;
use op_store::{AccessorType, GroupRecord, VaultKeyRotation};

use super::session::{Session, VaultKey};
use super::store_error;
use crate::error::{Error, ErrorReason, Result};
use crate::vault_client::rotation::{public_key, rotate};

fn group_not_found(group_id: &str) -> Error {
    Error::ItemApi(
        ErrorReason::NotFound,
        format!("no group {group_id:?} in this account: check the id (`opkit group list`)"),
    )
}

impl Session {
    pub(crate) fn group_record(&self, group_id: &str) -> Result<GroupRecord> {
        self.store
            .group(group_id)
            .map_err(store_error)?
            .filter(|g| g.state == GroupState::Active.as_str())
            .ok_or_else(|| group_not_found(group_id))
    }

    /// A new key for `vault_id`: every grant except `drop` re-sealed to it (groups in `new_group_keys`
    /// sealed to their new public key), older keys wrapped under it, attributes re-encrypted.
    pub(crate) fn vault_rotation(
        &self,
        vault_id: &str,
        key: &VaultKey,
        drop: &[(AccessorType, &str)],
        new_group_keys: &HashMap<String, PublicKeyBytes>,
    ) -> Result<VaultKeyRotation> {
        let record = self
            .store
            .vault(vault_id)
            .map_err(store_error)?
            .ok_or_else(|| super::session::vault_not_found(vault_id))?;
        let grants = self.store.vault_access(vault_id).map_err(store_error)?;
        rotate(
            &record,
            key,
            grants,
            drop,
            new_group_keys,
            |grant| match grant.accessor_type {
                AccessorType::Group => {
                    let group = self
                        .store
                        .group(&grant.accessor_id)
                        .map_err(store_error)?
                        .ok_or_else(|| group_not_found(&grant.accessor_id))?;
                    public_key(&group.public_key, "a group")
                }
                AccessorType::User => {
                    let principal = self
                        .store
                        .principal(&grant.accessor_id)
                        .map_err(store_error)?
                        .ok_or_else(|| {
                            Error::Internal(format!(
                                "vault {vault_id} is granted to unknown principal {}",
                                grant.accessor_id
                            ))
                        })?;
                    public_key(&principal.public_key, "a principal")
                }
            },
        )
    }
}
