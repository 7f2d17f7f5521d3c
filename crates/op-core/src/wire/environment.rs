//! Environments (docs/protocol.md §9.5).

use serde::{Deserialize, Serialize};

use crate::secret::SecretString;

/// One variable of an Environment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EnvironmentVariable {
    /// Variable name.
    pub name: String,
    /// Value.
    pub value: SecretString,
    /// Whether the value is hidden by default.
    pub masked: bool,
}

/// What `EnvironmentsGetVariables` returns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GetVariablesResponse {
    /// The variables.
    pub variables: Vec<EnvironmentVariable>,
}
