//! The Personal-vault rule on every path that could hand a Personal vault to someone else, and the
//! validity of permission sets.

use op_core::wire::ErrorReason;
use op_store::{AccessorType, PrincipalKind, PrincipalRecord, VaultRecord};

use crate::vaults::is_personal;
use crate::{Actor, Service, ServiceError};

fn personal_refused(vault_id: &str, to: &str) -> ServiceError {
    ServiceError::denied(format!(
        "vault {vault_id} is a Personal vault: it belongs to its owner alone and can never be granted to {to}"
    ))
}

impl Service {
    /// A direct grant of `vault` to `principal`: a Personal vault is never granted to anyone but
    /// its creator.
    pub fn check_direct_grant(
        &self,
        vault: &VaultRecord,
        principal: &PrincipalRecord,
    ) -> Result<(), ServiceError> {
        if is_personal(vault) && principal.id != vault.created_by {
            let to = match principal.kind {
                PrincipalKind::ServiceAccount => "a service account",
                PrincipalKind::Person => "another person",
            };
            return Err(personal_refused(&vault.id, to));
        }
        Ok(())
    }

    /// A grant of `vault` to a group: never a Personal vault (a service account could join the
    /// group later).
    pub fn check_group_grant(&self, vault: &VaultRecord) -> Result<(), ServiceError> {
        if is_personal(vault) {
            return Err(personal_refused(&vault.id, "a group"));
        }
        Ok(())
    }

    /// `principal` joining `group_id`: a service account may not join a group that holds a grant
    /// on a Personal vault (only a file written outside opkit has one, but the rule holds on every
    /// path).
    pub fn check_membership(
        &self,
        group_id: &str,
        principal: &PrincipalRecord,
    ) -> Result<(), ServiceError> {
        if principal.kind != PrincipalKind::ServiceAccount {
            return Ok(());
        }
        for vault in self.store.vaults()?.iter().filter(|v| is_personal(v)) {
            let granted = self
                .store
                .vault_access(&vault.id)?
                .iter()
                .any(|g| g.accessor_type == AccessorType::Group && g.accessor_id == group_id);
            if granted {
                return Err(ServiceError::denied(format!(
                    "service account {:?} cannot join group {group_id}: the group holds a grant on the Personal vault {}, which a service account may never reach",
                    principal.name, vault.id
                )));
            }
        }
        Ok(())
    }

    /// The actor may administer groups and accounts (add members, create service accounts): the
    /// owner only, in this version.
    pub fn authorize_administration(&self, actor: &Actor) -> Result<(), ServiceError> {
        if actor.owner {
            return Ok(());
        }
        Err(ServiceError::denied(format!(
            "only the account owner administers groups and service accounts; the {} {:?} is not the owner",
            actor.what(),
            actor.name
        )))
    }
}

/// A permission set that can be granted: defined bits only, and every dependency included. An empty
/// set is refused too (`NO_ACCESS` revokes; it is not a grant).
pub fn check_permission_set(bits: u32) -> Result<(), ServiceError> {
    if bits == 0 {
        return Err(ServiceError::new(
            ErrorReason::Invalid,
            "an empty permission set grants nothing; revoke the access instead",
        ));
    }
    op_core::access::check_dependencies(bits)
        .map_err(|e| ServiceError::new(ErrorReason::Invalid, e.to_string()))
}
