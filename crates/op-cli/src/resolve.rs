//! Resolving many references at once for `run` and `inject`: one `resolve_all` call (each item is
//! fetched and decrypted once), and a failure reported with the place it came from.

use std::collections::HashMap;

use op_core::SecretString;
use op_sdk::{Client, Error as SdkError};

use crate::exit::{CliError, CliResult};

/// One reference to resolve and where it came from, for errors.
#[derive(Clone, Debug)]
pub struct Wanted {
    /// The reference to resolve, `${VAR}`s expanded.
    pub reference: String,
    /// Where it came from (file and line, variable name).
    pub origin: String,
    /// The reference as written, when expanding `${VAR}`s changed it: an error then quotes
    /// this, never the expanded text (a variable may hold a token or a password).
    pub written: Option<String>,
}

impl Wanted {
    /// A reference that `expanded` was made from `written` (the same text when nothing was
    /// expanded).
    pub fn new(expanded: String, written: &str, origin: String) -> Self {
        let written = (expanded != written).then(|| written.to_owned());
        Self {
            reference: expanded,
            origin,
            written,
        }
    }
}

/// Resolves `references` (duplicates allowed).
pub async fn resolve_many(
    client: &Client,
    references: &[Wanted],
) -> CliResult<HashMap<String, SecretString>> {
    let mut unique: Vec<String> = references.iter().map(|w| w.reference.clone()).collect();
    unique.sort();
    unique.dedup();
    if unique.is_empty() {
        return Ok(HashMap::new());
    }
    let mut response = match client.resolve_all(unique).await {
        Ok(response) => response,
        Err(e) if references.iter().any(|w| w.written.is_some()) => {
            let name = e.name().as_str();
            return Err(CliError::Sdk(replace_message(
                e,
                format!(
                    "resolving the references failed ({name}); its message is left out because it could quote the values of expanded variables"
                ),
            )));
        }
        Err(e) => return Err(e.into()),
    };
    let mut values = HashMap::new();
    for wanted in references {
        let (reference, origin) = (&wanted.reference, &wanted.origin);
        let Some(outcome) = response.individual_responses.remove(reference) else {
            if values.contains_key(reference) {
                continue;
            }
            return Err(CliError::Sdk(SdkError::Internal(format!(
                "no result for the reference in {origin}"
            ))));
        };
        match outcome.content {
            Some(resolved) => {
                values.insert(reference.clone(), resolved.secret);
            }
            None => {
                // The single-reference call gives the core's own error name and message.
                let error = match client.resolve(reference).await {
                    Err(e) => e,
                    Ok(_) => SdkError::ResolvingSecretReference(
                        op_sdk::error::ErrorReason::Internal,
                        "it could not be resolved".into(),
                    ),
                };
                return Err(match &wanted.written {
                    None => in_context(error, origin),
                    Some(written) => {
                        let message = format!(
                            "{origin}: the reference {written} could not be resolved after expanding its variables (the reason is left out because it would quote their values)"
                        );
                        CliError::Sdk(replace_message(error, message))
                    }
                });
            }
        }
    }
    Ok(values)
}

/// Prefixes an SDK error's message with where the failing input came from, keeping its name.
pub fn in_context(error: SdkError, origin: &str) -> CliError {
    CliError::Sdk(map_message(error, |m| format!("{origin}: {m}")))
}

/// The same error (name and reason) with `message` instead of its own.
fn replace_message(error: SdkError, message: String) -> SdkError {
    match error {
        SdkError::InvalidConfiguration(_) => SdkError::InvalidConfiguration(vec![message]),
        other => map_message(other, |_| message.clone()),
    }
}

fn map_message(error: SdkError, at: impl Fn(String) -> String) -> SdkError {
    match error {
        SdkError::InvalidConfiguration(problems) => {
            SdkError::InvalidConfiguration(problems.into_iter().map(at).collect())
        }
        // One fixed reason, the same in every language: nothing to add.
        unsupported @ SdkError::UnsupportedAuthentication(_) => unsupported,
        SdkError::ServiceAccountTokenParsing(m) => SdkError::ServiceAccountTokenParsing(at(m)),
        SdkError::Auth(r, m) => SdkError::Auth(r, at(m)),
        SdkError::ItemApi(r, m) => SdkError::ItemApi(r, at(m)),
        SdkError::ResolvingSecretReference(r, m) => SdkError::ResolvingSecretReference(r, at(m)),
        SdkError::GettingGroup(r, m) => SdkError::GettingGroup(r, at(m)),
        SdkError::UpdatingGroupVaultPermissions(r, m) => {
            SdkError::UpdatingGroupVaultPermissions(r, at(m))
        }
        SdkError::RevokingGroupVaultPermissions(r, m) => {
            SdkError::RevokingGroupVaultPermissions(r, at(m))
        }
        SdkError::ParsingSecretReference(m) => SdkError::ParsingSecretReference(at(m)),
        SdkError::GeneratingPassword(m) => SdkError::GeneratingPassword(at(m)),
        SdkError::ParsingPrivateKey(m) => SdkError::ParsingPrivateKey(at(m)),
        SdkError::Internal(m) => SdkError::Internal(at(m)),
    }
}
