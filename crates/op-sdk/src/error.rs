//! The SDK's errors: one enum whose variants map onto the protocol's error names (docs/protocol.md §5.1).
//!
//! Messages say what happened and what to do, and never contain a secret value. The protocol's
//! error `name` is the contract with the official wrappers; every error also carries a typed
//! [`ErrorReason`] (sent as the envelope's extra `reason` key) so programs and tests match on why a
//! call failed, never on message text.

pub use op_core::wire::ErrorReason;
use op_core::wire::{ErrorEnvelope, ErrorName, invalid_user_input};

/// Why an SDK call failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The configuration or a recipe broke one or more rules (all listed).
    #[error("{}", invalid_user_input(.0))]
    InvalidConfiguration(Vec<String>),
    /// The config asks for a way of authenticating opkit does not offer (protocol name
    /// `InvalidConfiguration`, with this one reason and nothing else).
    #[error("{}", invalid_user_input(&[.0.reason().to_owned()]))]
    UnsupportedAuthentication(UnsupportedAuth),
    /// The service-account token could not be read.
    #[error(
        "invalid service account token, please make sure you provide a valid service account token as parameter: {0}"
    )]
    ServiceAccountTokenParsing(String),
    /// Authentication failed (revoked token, wrong password, unknown principal).
    #[error("authentication failed: {1}")]
    Auth(ErrorReason, String),
    /// An item, vault or Environment operation failed.
    #[error("{1}")]
    ItemApi(ErrorReason, String),
    /// A reference could not be resolved.
    #[error("error resolving secret reference: {1}")]
    ResolvingSecretReference(ErrorReason, String),
    /// `GroupsGet` failed.
    #[error("{1}")]
    GettingGroup(ErrorReason, String),
    /// `VaultsGrantGroupPermissions` or `VaultsUpdateGroupPermissions` failed.
    #[error("{1}")]
    UpdatingGroupVaultPermissions(ErrorReason, String),
    /// `VaultsRevokeGroupPermissions` failed.
    #[error("{1}")]
    RevokingGroupVaultPermissions(ErrorReason, String),
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

/// A way of authenticating the official SDKs offer and opkit does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum UnsupportedAuth {
    /// `DesktopAuth` / `WithDesktopAppIntegration`: requests relayed through the 1Password app.
    DesktopApp,
    /// `oidcFetcher` with `workloadDetails` (JS): workload identity through an OIDC provider.
    WorkloadIdentity,
}

impl UnsupportedAuth {
    /// The one reason every language shows.
    pub fn reason(self) -> &'static str {
        match self {
            Self::DesktopApp => {
                "desktop app authentication (DesktopAuth, WithDesktopAppIntegration) is not supported: opkit has no 1Password desktop app to connect to; authenticate with a service account token from `opkit service-account create`"
            }
            Self::WorkloadIdentity => {
                "workload identity (oidcFetcher, workloadDetails) is not supported: opkit has no identity provider to exchange tokens with; authenticate with a service account token from `opkit service-account create`"
            }
        }
    }
}

impl Error {
    /// The protocol's error name.
    pub fn name(&self) -> ErrorName {
        match self {
            Self::InvalidConfiguration(_) | Self::UnsupportedAuthentication(_) => {
                ErrorName::InvalidConfiguration
            }
            Self::ServiceAccountTokenParsing(_) => ErrorName::ServiceAccountTokenParsing,
            Self::Auth(..) => ErrorName::Auth,
            Self::ItemApi(..) => ErrorName::ItemApi,
            Self::ResolvingSecretReference(..) => ErrorName::ResolvingSecretReference,
            Self::GettingGroup(..) => ErrorName::GettingGroup,
            Self::UpdatingGroupVaultPermissions(..) => {
                ErrorName::UpdatingGroupVaultPermissionsError
            }
            Self::RevokingGroupVaultPermissions(..) => {
                ErrorName::RevokingGroupVaultPermissionsError
            }
            Self::ParsingSecretReference(_) => ErrorName::ParsingSecretReference,
            Self::GeneratingPassword(_) => ErrorName::GeneratingPassword,
            Self::ParsingPrivateKey(_) => ErrorName::ParsingPrivateKey,
            Self::Internal(_) => ErrorName::Internal,
        }
    }

    /// Why the call failed: a stable typed name to match on.
    pub fn reason(&self) -> ErrorReason {
        match self {
            Self::InvalidConfiguration(_)
            | Self::ServiceAccountTokenParsing(_)
            | Self::ParsingSecretReference(_)
            | Self::GeneratingPassword(_)
            | Self::ParsingPrivateKey(_) => ErrorReason::Invalid,
            Self::Auth(reason, _)
            | Self::ItemApi(reason, _)
            | Self::ResolvingSecretReference(reason, _)
            | Self::GettingGroup(reason, _)
            | Self::UpdatingGroupVaultPermissions(reason, _)
            | Self::RevokingGroupVaultPermissions(reason, _) => *reason,
            Self::UnsupportedAuthentication(_) => ErrorReason::NotImplemented,
            Self::Internal(_) => ErrorReason::Internal,
        }
    }

    /// The same error under the protocol name of the invocation that failed (`GettingGroup`,
    /// `UpdatingGroupVaultPermissionsError`, ...): item-level failures of group calls are reported
    /// under the group call's name; configuration and internal errors keep theirs.
    pub(crate) fn renamed(self, to: fn(ErrorReason, String) -> Self) -> Self {
        match self {
            Self::Auth(..)
            | Self::InvalidConfiguration(_)
            | Self::UnsupportedAuthentication(_)
            | Self::ServiceAccountTokenParsing(_)
            | Self::Internal(_) => self,
            other => {
                let reason = other.reason();
                let message = match &other {
                    Self::ItemApi(_, m)
                    | Self::ResolvingSecretReference(_, m)
                    | Self::GettingGroup(_, m)
                    | Self::UpdatingGroupVaultPermissions(_, m)
                    | Self::RevokingGroupVaultPermissions(_, m) => m.clone(),
                    _ => other.to_string(),
                };
                to(reason, message)
            }
        }
    }

    /// The `Internal` error a caught panic becomes, with the panic's message when it has one.
    ///
    /// Panic messages come from our own code (index checks, `unreachable!`), never from input
    /// values, so they are safe to show.
    pub fn from_panic(payload: Box<dyn std::any::Any + Send>) -> Self {
        Self::Internal(format!("panicked: {}", panic_message(payload.as_ref())))
    }

    /// The JSON error text a binding receives: `{"name": ..., "message": ..., "reason": ...}`.
    pub fn to_envelope(&self) -> String {
        let envelope = ErrorEnvelope {
            name: self.name(),
            message: self.to_string(),
            reason: Some(self.reason()),
        };
        serde_json::to_string(&envelope).unwrap_or_else(|_| {
            // Serialising two strings cannot fail; keep a valid envelope even so.
            format!(
                r#"{{"name":"{}","message":"error message could not be encoded","reason":"{}"}}"#,
                self.name(),
                self.reason()
            )
        })
    }
}

/// The message of a caught panic: the one place every entry point and binding reads it from.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
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
            r#"{"name":"InvalidConfiguration","message":"invalid user input: encountered the following errors: a; b","reason":"Invalid"}"#
        );
        let e = Error::ParsingSecretReference("x".into());
        assert_eq!(e.to_string(), "the secret reference could not be parsed: x");
        assert_eq!(
            Error::ResolvingSecretReference(ErrorReason::NotFound, "y".into()).to_string(),
            "error resolving secret reference: y"
        );
    }

    #[test]
    fn group_calls_report_their_own_names_with_the_reason_kept() {
        let e = Error::ItemApi(ErrorReason::PermissionDenied, "no".into())
            .renamed(Error::UpdatingGroupVaultPermissions);
        assert_eq!(
            e.to_envelope(),
            r#"{"name":"UpdatingGroupVaultPermissionsError","message":"no","reason":"PermissionDenied"}"#
        );
        let kept = Error::Internal("x".into()).renamed(Error::GettingGroup);
        assert_eq!(kept.name(), ErrorName::Internal);
    }
}
