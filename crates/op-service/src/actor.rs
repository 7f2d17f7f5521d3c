//! Who is calling: the principal as the store records it now, checked on every call.

use op_core::wire::ErrorReason;
use op_store::{PrincipalKind, PrincipalRecord, PrincipalState};

use crate::{Service, ServiceError};

/// An active principal, read from the store for one call. Holding an `Actor` proves the principal
/// was active when the call began; it is never cached across calls.
#[derive(Debug, Clone)]
pub struct Actor {
    /// The principal's id.
    pub id: String,
    /// Display name (for messages).
    pub name: String,
    /// Person or service account.
    pub kind: PrincipalKind,
    /// The account owner: the person who created the file (no creator of its own).
    pub owner: bool,
    /// The account-level right to create vaults.
    pub may_create_vaults: bool,
}

impl Actor {
    fn from_record(p: &PrincipalRecord) -> Self {
        Self {
            id: p.id.clone(),
            name: p.name.clone(),
            kind: p.kind,
            owner: p.kind == PrincipalKind::Person && p.created_by.is_none(),
            may_create_vaults: p.may_create_vaults,
        }
    }

    /// Whether this is a service account.
    pub fn is_service_account(&self) -> bool {
        self.kind == PrincipalKind::ServiceAccount
    }

    /// "service account" or "user", for messages.
    pub fn what(&self) -> &'static str {
        if self.is_service_account() {
            "service account"
        } else {
            "user"
        }
    }
}

impl Service {
    /// The principal `id`, if it exists and is active. A revoked principal fails with reason
    /// `Revoked`, naming the revocation, whenever it calls: revocation applies to open clients too.
    pub fn actor(&self, id: &str) -> Result<Actor, ServiceError> {
        let principal = self.store.principal(id)?.ok_or_else(|| {
            ServiceError::not_found(format!(
                "principal {id} no longer exists in this account; ask an owner for new credentials"
            ))
        })?;
        if principal.state == PrincipalState::Revoked {
            let what = match principal.kind {
                PrincipalKind::ServiceAccount => "service account",
                PrincipalKind::Person => "user",
            };
            return Err(ServiceError::new(
                ErrorReason::Revoked,
                format!(
                    "the {what} {:?} ({}) has been revoked: its credentials no longer work; ask an owner for a new token",
                    principal.name, principal.id
                ),
            ));
        }
        Ok(Actor::from_record(&principal))
    }

    /// [`Service::actor`], additionally refusing anyone but the account owner.
    pub fn owner(&self, id: &str) -> Result<Actor, ServiceError> {
        let actor = self.actor(id)?;
        if actor.owner {
            Ok(actor)
        } else {
            Err(ServiceError::denied(format!(
                "only the account owner may do this; the {} {:?} is not the owner",
                actor.what(),
                actor.name
            )))
        }
    }
}
