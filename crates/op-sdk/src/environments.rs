//! Environments as the API names them: permission bits, a listed Environment, who a grant names.
//!
//! The backend (today the local vault file, `local/environments.rs`) does the work.

use serde::Serialize;

// The permission bits are the service layer's (it decides with them); re-exported here so the
// public path stays `op_sdk::ENVIRONMENT_*`.
pub use op_service::{ENVIRONMENT_ALL, ENVIRONMENT_MANAGE, ENVIRONMENT_READ, ENVIRONMENT_WRITE};

/// An Environment as listed: id, name and how many variables it holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EnvironmentSummary {
    /// Environment id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Number of variables.
    pub variable_count: usize,
    /// This principal's permission bits on it.
    pub permissions: u32,
}

/// Who a grant names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Accessor {
    /// A person or service account, by id.
    Principal(String),
    /// A group, by id.
    Group(String),
}
