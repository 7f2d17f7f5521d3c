//! `EnvironmentsGetVariables`: an Environment's key opened through the caller's grants, its
//! content decrypted here.

use op_core::wire::GetVariablesResponse;

use super::VaultClient;
use crate::codec::environments::decrypt_content;
use crate::codec::format::environment_key_aad;
use crate::error::{Error, ErrorReason, Result};

impl VaultClient {
    /// `EnvironmentsGetVariables`.
    pub(crate) fn get_variables(&self, id: &str) -> Result<GetVariablesResponse> {
        let detail = self.backend.environment(id)?;
        let rows = detail.grants.iter().map(|g| {
            (
                g.accessor_type,
                g.accessor_id.as_str(),
                g.sealed_key.as_slice(),
            )
        });
        // A grant none of whose keys opens for this principal (a group grant without a
        // membership of its own) is as good as no access.
        let key = self
            .keyring
            .open_granted_key(rows, &detail.group_keys, |accessor| {
                environment_key_aad(id, accessor)
            })?
            .ok_or_else(|| {
                Error::ItemApi(
                    ErrorReason::NotFound,
                    format!(
                        "no Environment {id:?} is accessible with these credentials: check the id, or ask an owner to grant access"
                    ),
                )
            })?;
        let content = decrypt_content(&key, &detail.record)?;
        Ok(GetVariablesResponse {
            variables: content.variables,
        })
    }
}
