//! The error envelope of the protocol (docs/protocol.md §5.1): `{"name": "<ErrorName>", "message": "<text>"}`.

use serde::{Deserialize, Serialize};

macro_rules! error_names {
    ($( $(#[$m:meta])* $variant:ident, )+) => {
        /// The stable error names of the protocol. Bindings map each to a typed exception.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        pub enum ErrorName {
            $( $(#[$m])* $variant, )+
        }

        impl ErrorName {
            /// Every name.
            pub const ALL: &'static [ErrorName] = &[ $( ErrorName::$variant, )+ ];

            /// The wire spelling.
            pub fn as_str(&self) -> &'static str {
                match self {
                    $( ErrorName::$variant => stringify!($variant), )+
                }
            }
        }
    };
}

error_names! {
    /// An invalid service-account token.
    ServiceAccountTokenParsing,
    /// A bad workload-identity secret.
    CustomerManagedSecretParsing,
    /// A workload-identity keyset failure.
    WorkloadKeysetDecryption,
    /// Authentication failed.
    Auth,
    /// The session or token expired.
    AuthExpired,
    /// An item operation failed.
    ItemApi,
    /// A secret reference could not be resolved.
    ResolvingSecretReference,
    /// A secret reference did not parse.
    ParsingSecretReference,
    /// A password could not be generated.
    GeneratingPassword,
    /// An SSH private key did not parse.
    ParsingPrivateKey,
    /// Invalid configuration or recipe.
    InvalidConfiguration,
    /// A group's vault permissions could not be updated.
    UpdatingGroupVaultPermissionsError,
    /// A group's vault permissions could not be revoked.
    RevokingGroupVaultPermissionsError,
    /// A group could not be read.
    GettingGroup,
    /// The desktop app's authorisation expired.
    DesktopSessionExpired,
    /// Too many requests.
    RateLimitExceeded,
    /// A bug or an unexpected state.
    Internal,
}

impl std::fmt::Display for ErrorName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The JSON error text the core hands to a binding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ErrorEnvelope {
    /// Which error.
    pub name: ErrorName,
    /// What happened and what to do, never containing a secret.
    pub message: String,
    /// Why, as a stable typed name (an opkit extension the official wrappers ignore); absent in
    /// envelopes from cores that do not send it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<super::ErrorReason>,
}

/// Prefix of every `InvalidConfiguration` message (docs/protocol.md §3.2).
pub const INVALID_USER_INPUT_PREFIX: &str =
    "invalid user input: encountered the following errors: ";

/// Formats a list of violations the way the official core reports them, all at once, joined by `; `.
pub fn invalid_user_input(violations: &[String]) -> String {
    format!("{INVALID_USER_INPUT_PREFIX}{}", violations.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_shape() {
        let e = ErrorEnvelope {
            name: ErrorName::ParsingSecretReference,
            message: "x".into(),
            reason: None,
        };
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"name":"ParsingSecretReference","message":"x"}"#
        );
        let typed = ErrorEnvelope {
            reason: Some(super::super::ErrorReason::Invalid),
            ..e
        };
        let text = serde_json::to_string(&typed).unwrap();
        assert_eq!(
            text,
            r#"{"name":"ParsingSecretReference","message":"x","reason":"Invalid"}"#
        );
        assert_eq!(serde_json::from_str::<ErrorEnvelope>(&text).unwrap(), typed);
        assert_eq!(ErrorName::ALL.len(), 17);
        assert_eq!(
            invalid_user_input(&["a".into(), "b".into()]),
            "invalid user input: encountered the following errors: a; b"
        );
    }
}
