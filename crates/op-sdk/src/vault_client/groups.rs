//! `GroupsGet`: a group's clear record and, when asked, its grants on the vaults this principal
//! can see.

use op_core::wire::{Group, GroupGetParams, GroupState, GroupType, VaultAccess, VaultAccessorType};
use op_store::{AccessRecord, AccessorType};

use super::VaultClient;
use crate::error::Result;

pub(crate) fn wire_access(a: AccessRecord) -> VaultAccess {
    VaultAccess {
        vault_uuid: a.vault_id,
        accessor_type: match a.accessor_type {
            AccessorType::User => VaultAccessorType::User,
            AccessorType::Group => VaultAccessorType::Group,
        },
        accessor_uuid: a.accessor_id,
        permissions: a.permissions,
    }
}

impl VaultClient {
    /// `GroupsGet`: with `vaultAccess` when `vault_permissions` is set.
    pub(crate) fn get_group(&self, group_id: &str, params: &GroupGetParams) -> Result<Group> {
        let record = self.backend.group(group_id)?;
        let vault_access = if params.vault_permissions == Some(true) {
            Some(
                self.backend
                    .group_vault_access(group_id)?
                    .into_iter()
                    .map(wire_access)
                    .collect(),
            )
        } else {
            None
        };
        Ok(Group {
            id: record.id,
            title: record.title,
            description: record.description,
            group_type: GroupType::ALL
                .iter()
                .copied()
                .find(|t| t.as_str() == record.group_type)
                .unwrap_or(GroupType::Unsupported),
            state: GroupState::ALL
                .iter()
                .copied()
                .find(|s| s.as_str() == record.state)
                .unwrap_or(GroupState::Unsupported),
            vault_access,
        })
    }
}
