//! Environments as the API names them: permission bits, a listed Environment, who a grant names.
//!
//! The backend (today the local vault file, `local/environments.rs`) does the work.

use serde::Serialize;

/// Read the variables (`EnvironmentsGetVariables`).
pub const ENVIRONMENT_READ: u32 = 1;
/// Set and unset variables (needs read).
pub const ENVIRONMENT_WRITE: u32 = 2;
/// Grant and revoke access (needs read and write).
pub const ENVIRONMENT_MANAGE: u32 = 4;
/// Every Environment permission: what its creator gets.
pub const ENVIRONMENT_ALL: u32 = ENVIRONMENT_READ | ENVIRONMENT_WRITE | ENVIRONMENT_MANAGE;

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
