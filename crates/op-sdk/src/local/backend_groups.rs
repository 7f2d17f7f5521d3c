//! The group calls of `LocalBackend` that administration makes: listing groups and members,
//! creating a group and adding a member. Each is the account owner's.

use op_core::wire::{GroupState, GroupType};
use op_store::{GroupRecord, PrincipalState};

use super::backend::LocalBackend;
use super::session::service_error;
use super::{now_micros, store_error};
use crate::backend::Backend;
use crate::error::{Error, ErrorReason, Result};

impl LocalBackend {
    fn owner(&self) -> Result<op_service::Actor> {
        self.service
            .owner(&self.principal_id)
            .map_err(service_error)
    }

    pub(super) fn account_groups(&self) -> Result<Vec<GroupRecord>> {
        self.owner()?;
        Ok(self
            .store()
            .groups()
            .map_err(store_error)?
            .into_iter()
            .filter(|g| g.state == GroupState::Active.as_str())
            .collect())
    }

    pub(super) fn members_of(&self, group_id: &str) -> Result<Vec<String>> {
        self.owner()?;
        self.group(group_id)?;
        self.store().group_members(group_id).map_err(store_error)
    }

    pub(super) fn store_new_group(&self, group: &GroupRecord) -> Result<()> {
        self.owner()?;
        let admins = self.administrators()?;
        // Built-in groups come with the account; a client adds user-defined ones, active, and
        // sealed to the Administrators so that they can manage it.
        let sealed_for_admins = group.sealed_admin_key.is_some() || admins.is_none();
        if group.group_type != GroupType::UserDefined.as_str()
            || group.state != GroupState::Active.as_str()
            || !sealed_for_admins
        {
            return Err(Error::ItemApi(
                ErrorReason::Invalid,
                "a new group must be an active user-defined group whose key is sealed to the Administrators".into(),
            ));
        }
        self.store().insert_group(group).map_err(store_error)
    }

    pub(super) fn add_member(
        &self,
        group_id: &str,
        principal_id: &str,
        sealed: &[u8],
    ) -> Result<()> {
        self.owner()?;
        self.group(group_id)?;
        let principal = self
            .store()
            .principal(principal_id)
            .map_err(store_error)?
            .filter(|p| p.state == PrincipalState::Active)
            .ok_or_else(|| {
                Error::InvalidConfiguration(vec![format!(
                    "no active person or service account {principal_id:?} in this account"
                )])
            })?;
        self.service
            .check_membership(group_id, &principal)
            .map_err(service_error)?;
        self.store()
            .add_group_member(group_id, principal_id, sealed)
            .map_err(store_error)
    }

    pub(super) fn purge(&self) -> Result<usize> {
        let actor = self.owner()?;
        self.service
            .purge_deleted(&actor, now_micros())
            .map_err(service_error)
    }
}
