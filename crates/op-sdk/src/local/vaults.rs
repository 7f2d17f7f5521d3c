//! The owner's Personal vault, created with the account. Not a client call: the backend refuses a
//! Personal vault through `create_vault` (ADR 0013: a service account must never get one).

use op_core::wire::{Vault, VaultCreateParams, VaultGetParams, VaultType};

use super::session::Session;
use super::store_error;
use crate::error::Result;

impl Session {
    /// Creates a vault of `vault_type` whose accessors are this principal, with every permission,
    /// and (unless Personal) the Administrators group.
    pub(crate) fn create_vault_as(
        &self,
        params: &VaultCreateParams,
        vault_type: VaultType,
    ) -> Result<Vault> {
        let (record, grants) = self.client.new_vault(params, vault_type)?;
        self.store
            .create_vault(&record, &grants)
            .map_err(store_error)?;
        self.client
            .get_vault(&record.id, &VaultGetParams::default())
    }
}
