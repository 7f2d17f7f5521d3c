//! Resolving many references at once for `run` and `inject`: one `resolve_all` call (each item is
//! fetched and decrypted once), and a failure reported with the place it came from.

use std::collections::HashMap;

use op_core::SecretString;
use op_sdk::{Client, Error as SdkError};

use crate::exit::{CliError, CliResult};

/// Resolves `references` (duplicates allowed; `origin` names where each came from for errors).
pub async fn resolve_many(
    client: &Client,
    references: &[(String, String)],
) -> CliResult<HashMap<String, SecretString>> {
    let mut unique: Vec<String> = references.iter().map(|(r, _)| r.clone()).collect();
    unique.sort();
    unique.dedup();
    if unique.is_empty() {
        return Ok(HashMap::new());
    }
    let mut response = client.resolve_all(unique).await?;
    let mut values = HashMap::new();
    for (reference, origin) in references {
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
                return Err(in_context(error, origin));
            }
        }
    }
    Ok(values)
}

/// Prefixes an SDK error's message with where the failing input came from, keeping its name.
pub fn in_context(error: SdkError, origin: &str) -> CliError {
    let at = |m: String| format!("{origin}: {m}");
    CliError::Sdk(match error {
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
    })
}
