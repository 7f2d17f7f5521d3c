//! Creating a service account: its token secret and key pair are made here, its private key is
//! sealed under the token's unlock key, and each granted vault's key is sealed to it. The backend
//! stores the account with its grants in one transaction.

use op_core::id::new_id;
use op_core::wire::permissions;
use op_crypto::{KeyPair, ServiceAccountSecret};
use op_store::{AccessRecord, AccessorType, PrincipalKind, PrincipalRecord, PrincipalState};

use super::VaultClient;
use super::unlock::seal_private_key;
use crate::codec::format::{UnlockParams, vault_key_aad};
use crate::codec::{crypto_error, now_micros};
use crate::error::{Error, Result};

impl VaultClient {
    /// Creates a service account named `name` with `grants` (vault id, permission bits); returns
    /// its id and the secret its token carries.
    pub(crate) fn create_service_account(
        &self,
        name: &str,
        grants: &[(String, u32)],
    ) -> Result<(String, ServiceAccountSecret)> {
        if name.trim().is_empty() {
            return Err(Error::InvalidConfiguration(vec![
                "a service account needs a name".into(),
            ]));
        }
        let mut problems = Vec::new();
        for (vault_id, bits) in grants {
            if *bits & !permissions::ALL_BITS != 0 {
                problems.push(format!("permissions {bits:#x} for vault {vault_id} are not a valid non-empty set of permission bits"));
            } else if let Err(e) = op_service::check_permission_set(*bits) {
                problems.push(format!("vault {vault_id}: {e}"));
            }
        }
        if !problems.is_empty() {
            return Err(Error::InvalidConfiguration(problems));
        }
        let id = new_id().map_err(|e| Error::Internal(e.to_string()))?;
        let secret = ServiceAccountSecret::generate().map_err(crypto_error("a token secret"))?;
        let keypair = KeyPair::generate().map_err(crypto_error("a key pair"))?;
        let principal = PrincipalRecord {
            id: id.clone(),
            kind: PrincipalKind::ServiceAccount,
            name: name.to_owned(),
            public_key: keypair.public_key().as_bytes().to_vec(),
            sealed_private_key: seal_private_key(
                &secret.unlock_key().map_err(crypto_error("an unlock key"))?,
                &id,
                &keypair,
            )?,
            unlock_params: serde_json::to_vec(&UnlockParams::ServiceAccount)
                .map_err(|e| Error::Internal(e.to_string()))?,
            auth_hash: Some(
                secret
                    .auth_hash()
                    .map_err(crypto_error("an auth key"))?
                    .to_vec(),
            ),
            state: PrincipalState::Active,
            created_by: Some(self.keyring.principal_id().to_owned()),
            created_at: now_micros(),
            // A service account created with write access somewhere may create vaults; a read-only
            // one may not (it could plant a vault whose name shadows one the owner's references use).
            may_create_vaults: op_service::may_create_vaults_by_default(
                grants.iter().map(|(_, bits)| *bits),
            ),
        };
        let mut access = Vec::with_capacity(grants.len());
        for (vault_id, bits) in grants {
            let managed = self.backend.managed_vault(vault_id)?;
            let key = self.keyring.key_for_detail(&managed.detail)?;
            let sealed = op_crypto::seal_key_to(
                &keypair.public_key(),
                key.key(),
                &vault_key_aad(vault_id, &id),
            )
            .map_err(crypto_error("a vault key"))?;
            access.push(AccessRecord {
                vault_id: vault_id.clone(),
                accessor_type: AccessorType::User,
                accessor_id: id.clone(),
                permissions: *bits,
                sealed_vault_key: sealed,
            });
        }
        self.backend.create_service_account(&principal, &access)?;
        Ok((id, secret))
    }
}
