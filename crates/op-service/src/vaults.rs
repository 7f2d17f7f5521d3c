//! Vault permissions computed from access records, and the rules on creating vaults and managing
//! access to them.

use op_core::wire::{VaultType, permissions};
use op_store::{AccessRecord, VaultRecord};

use crate::{Actor, Service, ServiceError};

/// What an actor may do in one vault, as the records say now: the vault, the grants through which
/// the actor reaches it (its direct grant and its groups' grants; the client opens the key through
/// one of them), and the union of their permission bits after the account's rules.
#[derive(Debug, Clone)]
pub struct VaultAccessView {
    /// The vault.
    pub vault: VaultRecord,
    /// The actor's grants on it (direct first, then groups).
    pub grants: Vec<AccessRecord>,
    /// The permission bits the actor holds.
    pub permissions: u32,
}

/// The permissions that change a vault (anything beyond reading it). A service account created
/// with any of them somewhere gets the account right to create vaults; a read-only one does not.
pub const WRITE_PERMISSIONS: u32 = permissions::CREATE_ITEMS
    | permissions::UPDATE_ITEMS
    | permissions::ARCHIVE_ITEMS
    | permissions::DELETE_ITEMS
    | permissions::IMPORT_ITEMS
    | permissions::MANAGE_VAULT;

/// Whether a service account created with `grants` (permission bits per vault) gets the account
/// right to create vaults: only when it may write somewhere.
pub fn may_create_vaults_by_default(grants: impl IntoIterator<Item = u32>) -> bool {
    grants.into_iter().any(|bits| bits & WRITE_PERMISSIONS != 0)
}

pub(crate) fn is_personal(vault: &VaultRecord) -> bool {
    vault.vault_type == VaultType::Personal.as_str()
}

/// The permissions `actor` holds through `grants` in `vault`. A service account holds nothing in a
/// Personal vault, whatever the records say: the rule sits in the computation, so a grant that got
/// in by any path (a group granted the vault, a membership, a tampered file) opens nothing.
pub fn effective_permissions(actor: &Actor, vault: &VaultRecord, grants: &[AccessRecord]) -> u32 {
    if actor.is_service_account() && is_personal(vault) {
        return 0;
    }
    grants
        .iter()
        .filter(|g| g.vault_id == vault.id)
        .fold(0, |acc, g| acc | g.permissions)
}

fn vault_not_found(vault_id: &str) -> ServiceError {
    ServiceError::not_found(format!(
        "no vault {vault_id:?} is accessible with these credentials: check the id, or ask an owner to grant access"
    ))
}

impl Service {
    /// The actor's access to every vault it can see, in the store's vault order.
    pub fn accessible_vaults(&self, actor: &Actor) -> Result<Vec<VaultAccessView>, ServiceError> {
        let mut grants = self.store.access_for(&actor.id)?;
        let mut out = Vec::new();
        for vault in self.store.vaults()? {
            let (mine, rest): (Vec<AccessRecord>, Vec<AccessRecord>) =
                grants.into_iter().partition(|g| g.vault_id == vault.id);
            grants = rest;
            let permissions = effective_permissions(actor, &vault, &mine);
            if permissions != 0 {
                out.push(VaultAccessView {
                    vault,
                    grants: direct_first(actor, mine),
                    permissions,
                });
            }
        }
        Ok(out)
    }

    /// The actor's access to one vault. A vault it holds nothing in is reported as not found, like
    /// a missing one: a principal must not learn that a vault it cannot see exists.
    pub fn vault_access(
        &self,
        actor: &Actor,
        vault_id: &str,
    ) -> Result<VaultAccessView, ServiceError> {
        let grants: Vec<AccessRecord> = self
            .store
            .access_for(&actor.id)?
            .into_iter()
            .filter(|g| g.vault_id == vault_id)
            .collect();
        if grants.is_empty() {
            return Err(vault_not_found(vault_id));
        }
        let vault = self
            .store
            .vault(vault_id)?
            .ok_or_else(|| vault_not_found(vault_id))?;
        let permissions = effective_permissions(actor, &vault, &grants);
        if permissions == 0 {
            return Err(vault_not_found(vault_id));
        }
        Ok(VaultAccessView {
            vault,
            grants: direct_first(actor, grants),
            permissions,
        })
    }

    /// [`Service::vault_access`], failing with `PermissionDenied` unless the actor holds every bit
    /// of `needed`; `action` says what was attempted ("create items").
    pub fn authorize_vault(
        &self,
        actor: &Actor,
        vault_id: &str,
        needed: u32,
        action: &str,
    ) -> Result<VaultAccessView, ServiceError> {
        let view = self.vault_access(actor, vault_id)?;
        require(actor, vault_id, view.permissions, needed, action)?;
        Ok(view)
    }

    /// Whether the actor may create vaults (the account-level right). A read-only service account
    /// does not have it, so it cannot plant a vault whose name shadows one the owner's references
    /// use.
    pub fn authorize_create_vault(&self, actor: &Actor) -> Result<(), ServiceError> {
        if actor.owner || actor.may_create_vaults {
            return Ok(());
        }
        Err(ServiceError::denied(format!(
            "the {} {:?} may not create vaults: that account right is given to service accounts created with write access; ask an owner",
            actor.what(),
            actor.name
        )))
    }

    /// The actor's access to a vault whose grants it wants to change: `manage_vault`, and for a
    /// service account only on vaults it created.
    pub fn authorize_manage_access(
        &self,
        actor: &Actor,
        vault_id: &str,
        action: &str,
    ) -> Result<VaultAccessView, ServiceError> {
        let view = self.authorize_vault(actor, vault_id, permissions::MANAGE_VAULT, action)?;
        if actor.is_service_account() && view.vault.created_by != actor.id {
            return Err(ServiceError::denied(format!(
                "a service account can manage permissions only on vaults it created; vault {vault_id} was created by someone else"
            )));
        }
        Ok(view)
    }
}

/// Direct grants first: opening through one's own grant needs no group key.
fn direct_first(actor: &Actor, mut grants: Vec<AccessRecord>) -> Vec<AccessRecord> {
    grants.sort_by_key(|g| {
        !(g.accessor_type == op_store::AccessorType::User && g.accessor_id == actor.id)
    });
    grants
}

/// Fails with `PermissionDenied` unless `held` includes every bit of `needed`, naming the missing
/// permissions.
pub fn require(
    actor: &Actor,
    vault_id: &str,
    held: u32,
    needed: u32,
    action: &str,
) -> Result<(), ServiceError> {
    let missing = needed & !held;
    if missing == 0 {
        return Ok(());
    }
    Err(ServiceError::denied(format!(
        "the {} {:?} does not have permission to {action} in vault {vault_id}: it lacks {}; \
         ask an owner to grant it (e.g. `opkit service-account create --vault {vault_id}:write`)",
        actor.what(),
        actor.name,
        op_core::access::names(missing).join(", ")
    )))
}
