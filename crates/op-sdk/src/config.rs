//! `ClientConfig`, what `init_client` receives (protocol §3), and its validation (§3.2).

use serde::Deserialize;

use crate::error::{Error, Result};

/// Longest integration name.
pub const MAX_INTEGRATION_NAME: usize = 40;
/// Longest integration version.
pub const MAX_INTEGRATION_VERSION: usize = 20;

/// The configuration every official wrapper sends. All keys are required (the service-account token
/// may be `""`); unknown keys, such as the desktop account name, are ignored.
#[derive(Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientConfigFields {
    /// The service-account token (`ops_...`).
    pub service_account_token: String,
    /// `Python`, `JS`, `Go`, `Rust`, ...
    pub programming_language: String,
    /// The wrapper's build number.
    pub sdk_version: String,
    /// The integration's name (1-40 characters of `[A-Za-z0-9 _.-]`).
    pub integration_name: String,
    /// The integration's version (1-20 characters of `[A-Za-z0-9 _.-]`).
    pub integration_version: String,
    /// HTTP library of the wrapper (informational).
    pub request_library_name: String,
    /// Its version (informational).
    pub request_library_version: String,
    /// Operating system (informational).
    pub os: String,
    /// Operating system version (informational).
    pub os_version: String,
    /// CPU architecture (informational).
    pub architecture: String,
}

impl std::fmt::Debug for ClientConfigFields {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientConfig")
            .field("service_account_token", &"[REDACTED]")
            .field("programming_language", &self.programming_language)
            .field("integration_name", &self.integration_name)
            .field("integration_version", &self.integration_version)
            .finish_non_exhaustive()
    }
}

// An untagged enum so that a config with a missing key fails with the same text as the official
// core: `data did not match any variant of untagged enum ClientConfig`.
#[derive(Deserialize)]
#[serde(untagged)]
enum ClientConfig {
    ServiceAccount(ClientConfigFields),
}

/// Parses `init_client`'s argument. Schema failures are plain text (not JSON), as in the official core.
pub fn parse_config(text: &str) -> std::result::Result<ClientConfigFields, String> {
    match serde_json::from_str::<ClientConfig>(text) {
        Ok(ClientConfig::ServiceAccount(fields)) => Ok(fields),
        Err(e) => Err(e.to_string()),
    }
}

fn allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, ' ' | '_' | '.' | '-')
}

fn check_integration(value: &str, what: &str, max: usize, problems: &mut Vec<String>) {
    if value.is_empty() {
        problems.push(format!("integration {what} was not specified"));
        return;
    }
    if value.chars().count() > max {
        problems.push(format!(
            "integration {what} was too long. Max allowed: {max} chars"
        ));
    }
    for c in value.chars().filter(|c| !allowed(*c)) {
        problems.push(format!(
            "integration {what} contained unallowed char: '{c}'"
        ));
    }
}

/// The rules of §3.2, every violation reported at once as `InvalidConfiguration`.
pub fn validate_config(config: &ClientConfigFields) -> Result<()> {
    let mut problems = Vec::new();
    let token = &config.service_account_token;
    if token.is_empty() {
        problems.push("service account token was not specified".to_owned());
    } else if !token.starts_with("ops_") {
        problems.push("service account token had invalid format".to_owned());
    }
    check_integration(
        &config.integration_name,
        "name",
        MAX_INTEGRATION_NAME,
        &mut problems,
    );
    check_integration(
        &config.integration_version,
        "version",
        MAX_INTEGRATION_VERSION,
        &mut problems,
    );
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::InvalidConfiguration(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn config(token: &str, name: &str, version: &str) -> String {
        json!({
            "serviceAccountToken": token, "programmingLanguage": "Rust", "sdkVersion": "0010000",
            "integrationName": name, "integrationVersion": version, "requestLibraryName": "none",
            "requestLibraryVersion": "none", "os": "linux", "osVersion": "0.0.0", "architecture": "x86_64",
            "account_name": null
        })
        .to_string()
    }

    #[test]
    fn missing_keys_fail_like_the_official_core() {
        let err = parse_config(r#"{"serviceAccountToken": "ops_x"}"#).unwrap_err();
        assert_eq!(
            err,
            "data did not match any variant of untagged enum ClientConfig"
        );
        assert!(parse_config("not json").is_err());
    }

    #[test]
    fn every_violation_is_reported_together() {
        let c = parse_config(&config("", "", "v@1!")).unwrap();
        let err = validate_config(&c).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid user input: encountered the following errors: service account token was not specified; \
             integration name was not specified; integration version contained unallowed char: '@'; \
             integration version contained unallowed char: '!'"
        );
        let c = parse_config(&config(" ops_x", &"n".repeat(41), &"1".repeat(21))).unwrap();
        let err = validate_config(&c).unwrap_err().to_string();
        assert!(
            err.contains("service account token had invalid format"),
            "{err}"
        );
        assert!(
            err.contains("integration name was too long. Max allowed: 40 chars"),
            "{err}"
        );
        assert!(
            err.contains("integration version was too long. Max allowed: 20 chars"),
            "{err}"
        );
    }

    #[test]
    fn good_configs_pass_and_debug_hides_the_token() {
        let c = parse_config(&config("ops_secret", "My App", "1.0.0-beta_2")).unwrap();
        validate_config(&c).unwrap();
        assert!(!format!("{c:?}").contains("ops_secret"));
    }
}
