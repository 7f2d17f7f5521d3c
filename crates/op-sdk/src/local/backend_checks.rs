//! The rules `LocalBackend` keeps on what a client writes, beyond the service layer's
//! permissions: records that say what the call claims, and access changes a client may make.

use op_core::wire::{VaultType, permissions};
use op_service::{
    Actor, ENVIRONMENT_ALL, EnvironmentAction, check_environment_permission_set,
    check_permission_set,
};
use op_store::{
    AccessChanges, AccessRecord, AccessorType, EnvironmentAccessRecord, EnvironmentRecord,
    VaultRecord,
};

use super::backend::LocalBackend;
use super::service_error;
use super::store_error;
use crate::backend::Backend;
use crate::error::{Error, ErrorReason, Result};

impl LocalBackend {
    /// Refuses a new vault whose records do not say what `create_vault` promises: a vault of the
    /// caller's own, reachable through the caller's grant and at most the Administrators group's.
    pub(super) fn check_new_vault(
        &self,
        actor: &Actor,
        vault: &VaultRecord,
        grants: &[AccessRecord],
    ) -> Result<()> {
        let invalid = |what: &str| {
            Err(Error::ItemApi(
                ErrorReason::Invalid,
                format!("a new vault was refused: {what}"),
            ))
        };
        if vault.vault_type != VaultType::UserCreated.as_str() {
            return invalid("only user-created vaults can be created by a client");
        }
        if vault.created_by != actor.id || vault.key_generation != 0 {
            return invalid("it must be created by the caller, at key generation 0");
        }
        let admins = self.administrators()?.map(|g| g.id);
        let mine =
            |g: &AccessRecord| g.accessor_type == AccessorType::User && g.accessor_id == actor.id;
        let administrators = |g: &AccessRecord| {
            g.accessor_type == AccessorType::Group
                && Some(&g.accessor_id) == admins.as_ref()
                && g.permissions == permissions::MANAGE_VAULT
        };
        if !grants.iter().any(mine) {
            return invalid("the creator's own grant is missing");
        }
        if grants
            .iter()
            .any(|g| g.vault_id != vault.id || !(mine(g) || administrators(g)))
        {
            return invalid(
                "its first grants may name only the creator and the Administrators group",
            );
        }
        Ok(())
    }

    /// Refuses an access change the client API cannot make: only group grants on a vault the
    /// caller manages, with a permission set that can be granted, never on a Personal vault.
    fn check_group_grant(&self, vault: &VaultRecord, grant: &AccessRecord) -> Result<()> {
        if grant.accessor_type != AccessorType::Group || grant.vault_id != vault.id {
            return Err(Error::ItemApi(
                ErrorReason::Invalid,
                "a client grants vaults to groups only".into(),
            ));
        }
        self.service
            .check_group_grant(vault)
            .map_err(service_error)?;
        self.group(&grant.accessor_id)?;
        check_permission_set(grant.permissions).map_err(service_error)
    }

    /// Refuses a new Environment that is not the caller's own, at version 1, granted to the
    /// caller alone with every Environment permission.
    pub(super) fn check_new_environment(
        &self,
        actor: &Actor,
        record: &EnvironmentRecord,
        grants: &[EnvironmentAccessRecord],
    ) -> Result<()> {
        let own = |g: &EnvironmentAccessRecord| {
            g.environment_id == record.id
                && g.accessor_type == AccessorType::User
                && g.accessor_id == actor.id
                && g.permissions == ENVIRONMENT_ALL
        };
        if record.created_by != actor.id || record.version != 1 || !matches!(grants, [g] if own(g))
        {
            return Err(Error::ItemApi(
                ErrorReason::Invalid,
                "a new Environment must be the caller's, at version 1, granted to the caller alone"
                    .into(),
            ));
        }
        Ok(())
    }

    /// Refuses Environment grant changes the caller may not make: `grant access` for a grant,
    /// `revoke access` for a re-key, a re-key that adds an accessor, changes a permission or
    /// rewrites the Environment's origin.
    fn check_environment_changes(&self, actor: &Actor, changes: &AccessChanges) -> Result<()> {
        for grant in &changes.environment_grants {
            let access = self
                .service
                .environment_access(actor, &grant.environment_id)
                .map_err(service_error)?;
            self.service
                .authorize_environment(actor, &access, EnvironmentAction::GrantAccess)
                .map_err(service_error)?;
            check_environment_permission_set(grant.permissions).map_err(service_error)?;
            self.public_key(grant.accessor_type, &grant.accessor_id)?;
        }
        for rekey in &changes.environments {
            let id = &rekey.environment.id;
            let access = self
                .service
                .environment_access(actor, id)
                .map_err(service_error)?;
            self.service
                .authorize_environment(actor, &access, EnvironmentAction::RevokeAccess)
                .map_err(service_error)?;
            let stored = &access.record;
            if rekey.environment.created_by != stored.created_by
                || rekey.environment.created_at != stored.created_at
            {
                return Err(Error::ItemApi(
                    ErrorReason::Invalid,
                    format!("a re-key of Environment {id} may not change who created it or when"),
                ));
            }
            let existing = self.store().environment_access(id).map_err(store_error)?;
            for row in &rekey.access {
                let kept = existing.iter().any(|g| {
                    g.accessor_type == row.accessor_type
                        && g.accessor_id == row.accessor_id
                        && g.permissions == row.permissions
                        && row.environment_id == *id
                });
                if !kept {
                    return Err(Error::ItemApi(
                        ErrorReason::Invalid,
                        format!(
                            "a re-key of Environment {id} may drop accessors, not add or change {}",
                            row.accessor_id
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Refuses access changes a client may not make: administration (group re-keys, grants
    /// removed without a re-key), a vault or Environment it does not manage, a re-key that adds an
    /// accessor, or a grant the client API cannot make.
    pub(super) fn check_access_changes(&self, changes: &AccessChanges) -> Result<()> {
        let administration = !changes.groups.is_empty()
            || !changes.removed_grants.is_empty()
            || !changes.removed_environment_grants.is_empty();
        if administration {
            return Err(Error::ItemApi(
                ErrorReason::Invalid,
                "a client changes grants and re-keys vaults and Environments; group keys and bare grant removals are administration".into(),
            ));
        }
        let actor = self.who()?;
        self.check_environment_changes(&actor, changes)?;
        for grant in &changes.grants {
            let view = self
                .service
                .authorize_manage_access(&actor, &grant.access.vault_id, "grant access")
                .map_err(service_error)?;
            self.check_group_grant(&view.vault, &grant.access)?;
        }
        for rotation in &changes.vaults {
            let view = self
                .service
                .authorize_manage_access(&actor, &rotation.vault_id, "change access")
                .map_err(service_error)?;
            let existing = self
                .store()
                .vault_access(&rotation.vault_id)
                .map_err(store_error)?;
            for row in &rotation.access {
                let before = existing.iter().find(|g| {
                    g.accessor_type == row.accessor_type && g.accessor_id == row.accessor_id
                });
                match before {
                    None => {
                        return Err(Error::ItemApi(
                            ErrorReason::Invalid,
                            format!(
                                "a re-key of vault {} may drop accessors, not add {}",
                                rotation.vault_id, row.accessor_id
                            ),
                        ));
                    }
                    Some(g)
                        if g.permissions != row.permissions || row.vault_id != view.vault.id =>
                    {
                        self.check_group_grant(&view.vault, row)?;
                    }
                    Some(_) => {}
                }
            }
        }
        Ok(())
    }
}
