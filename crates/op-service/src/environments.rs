//! Who may read, change and grant an Environment, decided from its access records alone: the
//! caller opens the Environment's key only after one of these calls said yes.

use op_core::wire::ErrorReason;
use op_store::{EnvironmentAccessRecord, EnvironmentRecord};

use crate::{Actor, Service, ServiceError};

/// Read the variables (`EnvironmentsGetVariables`).
pub const ENVIRONMENT_READ: u32 = 1;
/// Set and unset variables (needs read).
pub const ENVIRONMENT_WRITE: u32 = 2;
/// Grant and revoke access (needs read and write).
pub const ENVIRONMENT_MANAGE: u32 = 4;
/// Every Environment permission: what its creator gets.
pub const ENVIRONMENT_ALL: u32 = ENVIRONMENT_READ | ENVIRONMENT_WRITE | ENVIRONMENT_MANAGE;

/// What an Environment call wants to do; each needs its own permission bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnvironmentAction {
    /// Read the name and variables.
    ReadVariables,
    /// Add or replace a variable.
    SetVariables,
    /// Remove a variable.
    UnsetVariables,
    /// Grant someone access.
    GrantAccess,
    /// Revoke someone's access (and re-key).
    RevokeAccess,
}

impl EnvironmentAction {
    /// The bits the action needs.
    pub fn needs(self) -> u32 {
        match self {
            Self::ReadVariables => ENVIRONMENT_READ,
            Self::SetVariables | Self::UnsetVariables => ENVIRONMENT_WRITE,
            Self::GrantAccess | Self::RevokeAccess => ENVIRONMENT_MANAGE,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Self::ReadVariables => "read variables",
            Self::SetVariables => "set variables",
            Self::UnsetVariables => "unset variables",
            Self::GrantAccess => "grant access",
            Self::RevokeAccess => "revoke access",
        }
    }
}

/// An actor's hold on one Environment: the record, the grants it can open the key through (direct
/// and through its groups) and the union of their bits.
#[derive(Clone, Debug)]
pub struct EnvironmentAccess {
    /// The Environment (ciphertext and version).
    pub record: EnvironmentRecord,
    /// The actor's grants on it; at least one.
    pub grants: Vec<EnvironmentAccessRecord>,
    /// The union of the grants' permission bits.
    pub permissions: u32,
}

fn not_found(id: &str) -> ServiceError {
    ServiceError::not_found(format!(
        "no Environment {id:?} is accessible with these credentials: check the id, or ask an owner to grant access"
    ))
}

impl Service {
    /// The actor's access to Environment `id`. An Environment the actor holds no grant on is
    /// reported as not found, so its existence is not revealed.
    pub fn environment_access(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<EnvironmentAccess, ServiceError> {
        let grants: Vec<EnvironmentAccessRecord> = self
            .store
            .environment_access_for(&actor.id)?
            .into_iter()
            .filter(|g| g.environment_id == id)
            .collect();
        if grants.is_empty() {
            return Err(not_found(id));
        }
        let record = self.store.environment(id)?.ok_or_else(|| not_found(id))?;
        let permissions = grants.iter().fold(0, |acc, g| acc | g.permissions);
        Ok(EnvironmentAccess {
            record,
            grants,
            permissions,
        })
    }

    /// The ids of the Environments the actor holds a grant on (each once, in the store's order).
    pub fn environments_of(&self, actor: &Actor) -> Result<Vec<String>, ServiceError> {
        let mut ids: Vec<String> = Vec::new();
        for grant in self.store.environment_access_for(&actor.id)? {
            if !ids.contains(&grant.environment_id) {
                ids.push(grant.environment_id);
            }
        }
        Ok(ids)
    }

    /// Fails unless `access` (what [`Self::environment_access`] returned for `actor`) allows
    /// `action`.
    pub fn authorize_environment(
        &self,
        actor: &Actor,
        access: &EnvironmentAccess,
        action: EnvironmentAction,
    ) -> Result<(), ServiceError> {
        let needed = action.needs();
        if access.permissions & needed == needed {
            return Ok(());
        }
        Err(ServiceError::denied(format!(
            "{:?} may not {} in Environment {}: ask someone who manages it for access",
            actor.name,
            action.describe(),
            access.record.id
        )))
    }
}

/// The reasons `bits` cannot be granted on an Environment; empty when it can: defined bits only, at
/// least one, and each bit's dependencies included (write needs read, manage needs both).
pub fn environment_permission_problems(bits: u32) -> Vec<String> {
    if bits == 0 || bits & !ENVIRONMENT_ALL != 0 {
        return vec![format!(
            "Environment permissions {bits:#x} are not a non-empty set of read (1), write (2), manage (4)"
        )];
    }
    let needs = [
        (ENVIRONMENT_WRITE, ENVIRONMENT_READ, "write needs read"),
        (
            ENVIRONMENT_MANAGE,
            ENVIRONMENT_READ | ENVIRONMENT_WRITE,
            "manage needs read and write",
        ),
    ];
    needs
        .iter()
        .filter(|(perm, need, _)| bits & perm != 0 && bits & need != *need)
        .map(|(_, _, why)| (*why).to_owned())
        .collect()
}

/// [`environment_permission_problems`] as a refusal with reason `Invalid`.
pub fn check_environment_permission_set(bits: u32) -> Result<(), ServiceError> {
    let problems = environment_permission_problems(bits);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ServiceError::new(ErrorReason::Invalid, problems.join("; ")))
    }
}
