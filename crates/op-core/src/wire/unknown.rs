//! Keys a newer peer sent that this version does not know.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// JSON members kept verbatim through a read-modify-write, so an SDK older than the data never
/// deletes what it does not understand (the official Python SDK once did: python PR#30).
///
/// Flattened into the structs that users send back (`Item`, `ItemField`, `ItemSection`, ...). Debug
/// prints only the keys, since a value might be secret.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct UnknownFields(pub Map<String, Value>);

impl UnknownFields {
    /// Whether nothing unknown was received.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for UnknownFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.0.keys()).finish()
    }
}
