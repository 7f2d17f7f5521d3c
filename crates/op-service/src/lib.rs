#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod actor;
mod environments;
mod error;
mod grants;
mod purge;
mod vaults;

pub use actor::Actor;
pub use environments::{
    ENVIRONMENT_ALL, ENVIRONMENT_MANAGE, ENVIRONMENT_READ, ENVIRONMENT_WRITE, EnvironmentAccess,
    EnvironmentAction, check_environment_permission_set, environment_permission_problems,
};
pub use error::ServiceError;
pub use grants::check_permission_set;
pub use purge::DELETED_RETENTION_MICROS;
pub use vaults::{
    VaultAccessView, WRITE_PERMISSIONS, effective_permissions, may_create_vaults_by_default,
    require,
};

use std::sync::Arc;

use op_store::Store;

/// The rules over one store. Cheap to clone: it holds the store and nothing else (no keys, no cache
/// of decisions: every call reads the records it decides from, so a change applies at once).
#[derive(Clone)]
pub struct Service {
    store: Arc<dyn Store>,
}

impl std::fmt::Debug for Service {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Service").finish_non_exhaustive()
    }
}

impl Service {
    /// The service layer over `store`.
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self { store }
    }

    /// The store the rules are checked against.
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }
}
