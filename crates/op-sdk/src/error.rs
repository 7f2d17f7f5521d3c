//! The SDK's errors: one enum whose variants map onto the protocol's error names (§5.1).
//!
//! Messages say what happened and what to do, and never contain a secret value.

use op_core::wire::{ErrorEnvelope, ErrorName, invalid_user_input};

/// Why an SDK call failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The configuration or a recipe broke one or more rules (all listed).
    #[error("{}", invalid_user_input(.0))]
    InvalidConfiguration(Vec<String>),
    /// The service-account token could not be read.
    #[error(
        "invalid service account token, please make sure you provide a valid service account token as parameter: {0}"
    )]
    ServiceAccountTokenParsing(String),
    /// Authentication failed (revoked token, wrong password, unknown principal).
    #[error("authentication failed: {0}")]
    Auth(String),
    /// An item operation failed.
    #[error("{0}")]
    ItemApi(String),
    /// A reference could not be resolved.
    #[error("error resolving secret reference: {0}")]
    ResolvingSecretReference(String),
    /// A reference did not parse.
    #[error("the secret reference could not be parsed: {0}")]
    ParsingSecretReference(String),
    /// A password could not be generated.
    #[error("{0}")]
    GeneratingPassword(String),
    /// An SSH private key could not be read.
    #[error("{0}")]
    ParsingPrivateKey(String),
    /// A bug or an unexpected state.
    #[error(
        "an internal error occurred in opkit, please report it with the steps that led to it: {0}"
    )]
    Internal(String),
}

impl Error {
    /// The protocol's error name.
    pub fn name(&self) -> ErrorName {
        match self {
            Self::InvalidConfiguration(_) => ErrorName::InvalidConfiguration,
            Self::ServiceAccountTokenParsing(_) => ErrorName::ServiceAccountTokenParsing,
            Self::Auth(_) => ErrorName::Auth,
            Self::ItemApi(_) => ErrorName::ItemApi,
            Self::ResolvingSecretReference(_) => ErrorName::ResolvingSecretReference,
            Self::ParsingSecretReference(_) => ErrorName::ParsingSecretReference,
            Self::GeneratingPassword(_) => ErrorName::GeneratingPassword,
            Self::ParsingPrivateKey(_) => ErrorName::ParsingPrivateKey,
            Self::Internal(_) => ErrorName::Internal,
        }
    }

    /// The JSON error text a binding receives: `{"name": ..., "message": ...}`.
    pub fn to_envelope(&self) -> String {
        let envelope = ErrorEnvelope {
            name: self.name(),
            message: self.to_string(),
        };
        serde_json::to_string(&envelope).unwrap_or_else(|_| {
            // Serialising two strings cannot fail; keep a valid envelope even so.
            format!(
                r#"{{"name":"{}","message":"error message could not be encoded"}}"#,
                self.name()
            )
        })
    }
}

/// Results of the SDK.
pub type Result<T, E = Error> = std::result::Result<T, E>;

const _: fn() = || {
    fn assert_bounds<T: Send + Sync + 'static>() {}
    assert_bounds::<Error>();
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelopes_carry_the_official_names_and_prefixes() {
        let e = Error::InvalidConfiguration(vec!["a".into(), "b".into()]);
        assert_eq!(
            e.to_envelope(),
            r#"{"name":"InvalidConfiguration","message":"invalid user input: encountered the following errors: a; b"}"#
        );
        let e = Error::ParsingSecretReference("x".into());
        assert_eq!(e.to_string(), "the secret reference could not be parsed: x");
        assert_eq!(
            Error::ResolvingSecretReference("y".into()).to_string(),
            "error resolving secret reference: y"
        );
    }
}
