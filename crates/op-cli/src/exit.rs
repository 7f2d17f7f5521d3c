//! The CLI's errors and their exit codes: the contract scripts and binding test suites rely on.
//!
//! Every SDK error keeps its protocol name; the CLI adds `NotFound` (a vault named on the command
//! line does not exist), `Io` (a file or stream the CLI itself reads or writes) and `Usage` (clap).

use std::process::ExitCode;

use op_sdk::Error as SdkError;

/// The exit-code table, shown by `opkit --help` and documented in `docs/cli.md`.
pub const EXIT_CODES_HELP: &str = "\
Exit codes (the error name is printed on stderr; with --format json as {\"error\": {\"name\", \"message\"}}):
  0  success
  1  Io: a file or stream the CLI reads or writes failed; any other unexpected failure
  2  Usage: unknown command or flag, missing or malformed argument (clap)
  3  Auth, ServiceAccountTokenParsing: wrong or missing password or secret key, revoked or bad token
  4  NotFound, ItemApi, ResolvingSecretReference: no such vault, item operation failed, reference not found
  5  InvalidConfiguration, ParsingSecretReference, GeneratingPassword, ParsingPrivateKey: invalid input
  6  Internal: a bug or a damaged vault file
`opkit run` exits with the command's own code (128+N when signal N ended it) once the command started.

Environment: OP_SERVICE_ACCOUNT_TOKEN (act as that service account), OPKIT_DB, OPKIT_PASSWORD,
OPKIT_SECRET_KEY, OPKIT_CONFIG_DIR, OPKIT_KDF=testing (INSECURE, tests only). See docs/cli.md.";

/// Exit code of a clap usage error.
pub const USAGE: u8 = 2;

/// Why a command failed. Messages never contain a secret.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The SDK refused or failed; its protocol error name is kept.
    #[error("{0}")]
    Sdk(#[from] SdkError),
    /// Something named on the command line does not exist.
    #[error("{0}")]
    NotFound(String),
    /// A file or stream the CLI itself reads or writes failed.
    #[error("{0}")]
    Io(String),
}

impl CliError {
    /// An [`CliError::Io`] saying what the CLI was doing.
    pub fn io(doing: impl std::fmt::Display, e: &std::io::Error) -> Self {
        Self::Io(format!("{doing}: {e}"))
    }

    /// The stable error name (the protocol's name for SDK errors).
    pub fn name(&self) -> &'static str {
        match self {
            Self::Sdk(e) => e.name().as_str(),
            Self::NotFound(_) => "NotFound",
            Self::Io(_) => "Io",
        }
    }

    /// The documented exit code of this error (see [`EXIT_CODES_HELP`]).
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Io(_) => 1,
            Self::Sdk(SdkError::Auth(..) | SdkError::ServiceAccountTokenParsing(_)) => 3,
            Self::NotFound(_)
            | Self::Sdk(
                SdkError::ItemApi(..)
                | SdkError::ResolvingSecretReference(..)
                | SdkError::GettingGroup(..)
                | SdkError::UpdatingGroupVaultPermissions(..)
                | SdkError::RevokingGroupVaultPermissions(..),
            ) => 4,
            Self::Sdk(
                SdkError::InvalidConfiguration(_)
                | SdkError::UnsupportedAuthentication(_)
                | SdkError::ParsingSecretReference(_)
                | SdkError::GeneratingPassword(_)
                | SdkError::ParsingPrivateKey(_),
            ) => 5,
            Self::Sdk(SdkError::Internal(_)) => 6,
        }
    }

    /// The process exit code.
    pub fn exit(&self) -> ExitCode {
        ExitCode::from(self.exit_code())
    }
}

/// An `InvalidConfiguration` error with one problem.
pub fn invalid(problem: impl Into<String>) -> CliError {
    CliError::Sdk(SdkError::InvalidConfiguration(vec![problem.into()]))
}

/// Results of the CLI.
pub type CliResult<T = ()> = Result<T, CliError>;

#[cfg(test)]
mod tests {
    use super::*;
    use op_sdk::error::ErrorReason;

    #[test]
    fn every_code_in_the_help_table_is_reachable() {
        let cases = [
            (CliError::Io("x".into()), 1, "Io"),
            (
                SdkError::Auth(ErrorReason::PermissionDenied, "x".into()).into(),
                3,
                "Auth",
            ),
            (
                SdkError::ServiceAccountTokenParsing("x".into()).into(),
                3,
                "ServiceAccountTokenParsing",
            ),
            (CliError::NotFound("x".into()), 4, "NotFound"),
            (
                SdkError::ItemApi(ErrorReason::NotFound, "x".into()).into(),
                4,
                "ItemApi",
            ),
            (invalid("x"), 5, "InvalidConfiguration"),
            (SdkError::Internal("x".into()).into(), 6, "Internal"),
        ];
        for (error, code, name) in cases {
            assert_eq!(error.exit_code(), code, "{name}");
            assert_eq!(error.name(), name);
            assert!(EXIT_CODES_HELP.contains(&format!("{code}  ")), "{code}");
            assert!(EXIT_CODES_HELP.contains(name), "{name}");
        }
    }
}
