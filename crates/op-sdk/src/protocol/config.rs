//! `ClientConfig`, what `init_client` receives (protocol §3), and its validation (§3.2).

use serde::Deserialize;

use crate::error::{Error, Result, UnsupportedAuth};

/// Longest integration name.
pub const MAX_INTEGRATION_NAME: usize = 40;
/// Longest integration version.
pub const MAX_INTEGRATION_VERSION: usize = 20;

/// The configuration every official wrapper sends. All keys are required (the service-account token
/// may be `""`); unknown keys are ignored.
///
/// The keys that ask for another way of authenticating are read so that the core, not each
/// wrapper, refuses them with one message: the desktop account name (`accountName` from JS,
/// `account_name` from Go, `null` there for service accounts) and JS's `workloadDetails`.
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
    /// The desktop-app account of `DesktopAuth` (JS spelling).
    #[serde(default)]
    pub account_name: Option<String>,
    /// The desktop-app account of `WithDesktopAppIntegration` (Go spelling; `null` without one).
    #[serde(default, rename = "account_name")]
    pub desktop_account_name: Option<String>,
    /// Workload-identity details (JS `oidcFetcher`); their content is never read.
    #[serde(default)]
    pub workload_details: Option<serde_json::Value>,
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

/// The longest `init_client` argument read. A real config is a few hundred bytes (the token is
/// the largest field); anything far past that is refused before it is parsed.
pub const MAX_CONFIG_LEN: usize = 64 * 1024;

/// Parses `init_client`'s argument. Schema failures are plain text (not JSON), as in the official core;
/// an argument over [`MAX_CONFIG_LEN`] is an `InvalidConfiguration` error.
pub fn parse_config(text: &str) -> std::result::Result<ClientConfigFields, String> {
    if text.len() > MAX_CONFIG_LEN {
        return Err(Error::InvalidConfiguration(vec![format!(
            "the client configuration is {} bytes; at most {MAX_CONFIG_LEN} are accepted",
            text.len()
        )])
        .to_envelope());
    }
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

/// The way of authenticating a config asks for that opkit does not offer, if any.
pub fn unsupported_auth(config: &ClientConfigFields) -> Option<UnsupportedAuth> {
    if config.account_name.is_some() || config.desktop_account_name.is_some() {
        Some(UnsupportedAuth::DesktopApp)
    } else if config
        .workload_details
        .as_ref()
        .is_some_and(|details| !details.is_null())
    {
        Some(UnsupportedAuth::WorkloadIdentity)
    } else {
        None
    }
}

/// The rules of §3.2, every violation reported at once as `InvalidConfiguration`.
///
/// A config for an authentication opkit does not offer gets that one reason alone
/// ([`Error::UnsupportedAuthentication`]), so every language shows the same message.
pub fn validate_config(config: &ClientConfigFields) -> Result<()> {
    if let Some(unsupported) = unsupported_auth(config) {
        return Err(Error::UnsupportedAuthentication(unsupported));
    }
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
        let huge = format!(
            r#"{{"serviceAccountToken": "ops_{}"}}"#,
            "x".repeat(MAX_CONFIG_LEN)
        );
        let err = parse_config(&huge).unwrap_err();
        assert!(err.contains("InvalidConfiguration"), "{err}");
        assert!(!err.contains("xxxx"), "the input is not quoted: {err}");
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
    fn desktop_and_workload_identity_configs_are_refused_with_one_message() {
        let with = |key: &str, value: serde_json::Value, token: &str| {
            let mut c: serde_json::Value =
                serde_json::from_str(&config(token, "My App", "1.0")).unwrap();
            c[key] = value;
            validate_config(&parse_config(&c.to_string()).unwrap())
        };
        let desktop = Error::UnsupportedAuthentication(UnsupportedAuth::DesktopApp);
        // JS sends `accountName` with an empty token, Go `account_name`; a token beside it changes
        // nothing, and bad integration info is not listed beside it.
        assert_eq!(with("accountName", json!("Acme"), ""), Err(desktop.clone()));
        assert_eq!(
            with("account_name", json!("Acme"), ""),
            Err(desktop.clone())
        );
        assert_eq!(
            with("account_name", json!(""), "ops_x"),
            Err(desktop.clone())
        );
        let text = desktop.to_string();
        assert!(
            text.starts_with("invalid user input: encountered the following errors: desktop app"),
            "{text}"
        );
        assert!(text.contains("opkit service-account create"), "{text}");
        assert_eq!(desktop.name().as_str(), "InvalidConfiguration");
        let workload = json!({"customerManagedSecret": "ops_x", "workloadUuid": "u"});
        assert_eq!(
            with("workloadDetails", workload, ""),
            Err(Error::UnsupportedAuthentication(
                UnsupportedAuth::WorkloadIdentity
            ))
        );
        // Go's service-account clients send `"account_name": null` (the helper's default).
        assert_eq!(with("workloadDetails", json!(null), "ops_x"), Ok(()));
    }

    #[test]
    fn good_configs_pass_and_debug_hides_the_token() {
        let c = parse_config(&config("ops_secret", "My App", "1.0.0-beta_2")).unwrap();
        validate_config(&c).unwrap();
        assert!(!format!("{c:?}").contains("ops_secret"));
    }
}
