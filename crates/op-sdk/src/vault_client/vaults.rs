//! Reading vaults: `VaultsList`, `VaultsGetOverview`, `VaultsGet`.

use op_core::wire::{Vault, VaultAccess, VaultAccessorType, VaultGetParams, VaultOverview};
use op_store::AccessorType;

use super::VaultClient;
use crate::codec::vault_attrs::{decode_vault_overview, to_vault};
use crate::error::Result;

impl VaultClient {
    /// `VaultsList`.
    pub(crate) fn list_vaults(&self) -> Result<Vec<VaultOverview>> {
        self.backend
            .visible_vaults()?
            .iter()
            .map(|view| {
                let key = self.keyring.key_for_view(view)?;
                decode_vault_overview(&key, &view.vault)
            })
            .collect()
    }

    /// `VaultsGetOverview`.
    pub(crate) fn vault_overview(&self, vault_id: &str) -> Result<VaultOverview> {
        let detail = self.backend.vault(vault_id)?;
        let key = self.keyring.key_for_view(&detail.view)?;
        decode_vault_overview(&key, &detail.view.vault)
    }

    /// `VaultsGet`, with `access` when `params.accessors` is set.
    pub(crate) fn get_vault(&self, vault_id: &str, params: &VaultGetParams) -> Result<Vault> {
        let overview = self.vault_overview(vault_id)?;
        let access = if params.accessors == Some(true) {
            let rows = self.backend.vault_access_list(vault_id)?;
            Some(
                rows.into_iter()
                    .map(|a| VaultAccess {
                        vault_uuid: a.vault_id,
                        accessor_type: match a.accessor_type {
                            AccessorType::User => VaultAccessorType::User,
                            AccessorType::Group => VaultAccessorType::Group,
                        },
                        accessor_uuid: a.accessor_id,
                        permissions: a.permissions,
                    })
                    .collect(),
            )
        } else {
            None
        };
        Ok(to_vault(overview, access))
    }
}
