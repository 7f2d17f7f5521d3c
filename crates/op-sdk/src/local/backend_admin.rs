//! The administration calls of `LocalBackend`: listing groups and members, creating a group,
//! adding a member, adding the built-in groups, creating a service account, purging. Each is the account owner's.

use op_core::wire::{GroupState, GroupType, permissions};
use op_store::{
    AccessRecord, AccessorType, GroupRecord, PrincipalKind, PrincipalRecord, PrincipalState,
};

use super::backend::LocalBackend;
use super::service_error;
use super::{now_micros, store_error};
use crate::backend::{Backend, NewGroup};
use crate::error::{Error, ErrorReason, Result};

impl LocalBackend {
    pub(super) fn owner(&self) -> Result<op_service::Actor> {
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

    pub(super) fn store_builtin_groups(&self, groups: &[NewGroup]) -> Result<()> {
        self.owner()?;
        let mut types: Vec<String> = self
            .store()
            .groups()
            .map_err(store_error)?
            .into_iter()
            .map(|g| g.group_type)
            .collect();
        for new in groups {
            let group = &new.group;
            let administrators = group.group_type == GroupType::Administrators.as_str();
            if group.group_type == GroupType::UserDefined.as_str()
                || group.state != GroupState::Active.as_str()
                || types.contains(&group.group_type)
                || (!administrators && group.sealed_admin_key.is_none())
            {
                return Err(Error::ItemApi(
                    ErrorReason::Invalid,
                    format!(
                        "built-in group {:?} was refused: it must be active, of a built-in type the account lacks, and (but for the Administrators) sealed to the Administrators",
                        group.title
                    ),
                ));
            }
            self.store().insert_group(group).map_err(store_error)?;
            self.store()
                .add_group_member(&group.id, &self.principal_id, &new.sealed_to_owner)
                .map_err(store_error)?;
            types.push(group.group_type.clone());
        }
        Ok(())
    }

    pub(super) fn purge(&self) -> Result<usize> {
        let actor = self.owner()?;
        self.service
            .purge_deleted(&actor, now_micros())
            .map_err(service_error)
    }

    pub(super) fn store_new_service_account(
        &self,
        principal: &PrincipalRecord,
        grants: &[AccessRecord],
    ) -> Result<()> {
        let actor = self.who()?;
        self.service
            .authorize_administration(&actor)
            .map_err(service_error)?;
        let invalid = |what: String| Err(Error::ItemApi(ErrorReason::Invalid, what));
        let may_create_vaults =
            op_service::may_create_vaults_by_default(grants.iter().map(|g| g.permissions));
        if principal.kind != PrincipalKind::ServiceAccount
            || principal.state != PrincipalState::Active
            || principal.created_by.as_deref() != Some(actor.id.as_str())
            || principal.auth_hash.is_none()
            || principal.may_create_vaults != may_create_vaults
        {
            return invalid(
                "a new service account must be active, created by the caller, with an auth hash and the right to create vaults exactly when it may write somewhere".into(),
            );
        }
        for grant in grants {
            if grant.accessor_type != AccessorType::User || grant.accessor_id != principal.id {
                return invalid(format!(
                    "the grants of service account {} must all be its own",
                    principal.id
                ));
            }
            if grant.permissions & !permissions::ALL_BITS != 0 {
                return invalid(format!(
                    "permissions {:#x} for vault {} are not a valid non-empty set of permission bits",
                    grant.permissions, grant.vault_id
                ));
            }
            op_service::check_permission_set(grant.permissions).map_err(service_error)?;
            let view = self
                .service
                .authorize_manage_access(&actor, &grant.vault_id, "grant access")
                .map_err(service_error)?;
            self.service
                .check_direct_grant(&view.vault, principal)
                .map_err(service_error)?;
        }
        self.store()
            .insert_principal_with_access(principal, grants)
            .map_err(store_error)
    }
}
