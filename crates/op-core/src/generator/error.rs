//! Errors of the password generator.

use crate::random::RandomnessUnavailable;

/// Why no password was generated. Variant names are stable codes (see [`GeneratorError::name`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GeneratorError {
    /// The recipe breaks one or more limits. Each entry is the official core's message fragment,
    /// e.g. `Password length must be between 8 and 100`.
    #[error("{}", invalid_configuration_message(.0))]
    InvalidRecipe(Vec<String>),
    /// The random number generator failed or behaves so badly that no password could be drawn.
    #[error("the random number generator is unavailable: {0}")]
    RandomnessUnavailable(String),
}

impl GeneratorError {
    /// The variant name, a stable code for bindings and logs.
    pub fn name(&self) -> &'static str {
        match self {
            Self::InvalidRecipe(_) => "InvalidRecipe",
            Self::RandomnessUnavailable(_) => "RandomnessUnavailable",
        }
    }

    /// The error `name` the official protocol uses for this failure (docs/protocol.md §5.1): recipe violations are
    /// `InvalidConfiguration`, everything else `GeneratingPassword`.
    pub fn protocol_name(&self) -> &'static str {
        match self {
            Self::InvalidRecipe(_) => "InvalidConfiguration",
            Self::RandomnessUnavailable(_) => "GeneratingPassword",
        }
    }
}

impl From<RandomnessUnavailable> for GeneratorError {
    fn from(err: RandomnessUnavailable) -> Self {
        Self::RandomnessUnavailable(err.to_string())
    }
}

/// The official core's `InvalidConfiguration` message (docs/protocol.md §3.2):
/// `invalid user input: encountered the following errors: <e1>; <e2>`.
pub fn invalid_configuration_message<S: AsRef<str>>(fragments: &[S]) -> String {
    let joined: Vec<&str> = fragments.iter().map(AsRef::as_ref).collect();
    format!(
        "invalid user input: encountered the following errors: {}",
        joined.join("; ")
    )
}

const _: fn() = || {
    fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<GeneratorError>();
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_joins_fragments_like_the_official_core() {
        let err = GeneratorError::InvalidRecipe(vec!["a".into(), "b".into()]);
        assert_eq!(
            err.to_string(),
            "invalid user input: encountered the following errors: a; b"
        );
        assert_eq!(err.name(), "InvalidRecipe");
        assert_eq!(err.protocol_name(), "InvalidConfiguration");
    }

    #[test]
    fn randomness_failure_has_its_own_name() {
        let err = GeneratorError::RandomnessUnavailable("x".into());
        assert_eq!(err.name(), "RandomnessUnavailable");
        assert_eq!(err.protocol_name(), "GeneratingPassword");
    }
}
