//! A `ClientConfig` becomes an authenticated client: `init_client`'s work, and the Rust SDK's
//! `Client::authenticate`, which builds the same config so both paths validate alike.

use super::config::{ClientConfigFields, parse_config, validate_config};
use crate::client::Client;
use crate::error::{Error, Result};
use crate::token::ServiceAccountToken;

impl Client {
    /// Authenticates with a service-account token, as the official SDKs' `Client.authenticate`.
    pub async fn authenticate(
        token: &str,
        integration_name: &str,
        integration_version: &str,
    ) -> Result<Self> {
        let config = serde_json::json!({
            "serviceAccountToken": token, "programmingLanguage": "Rust", "sdkVersion": env!("CARGO_PKG_VERSION"),
            "integrationName": integration_name, "integrationVersion": integration_version,
            "requestLibraryName": "none", "requestLibraryVersion": "none", "os": std::env::consts::OS,
            "osVersion": "0.0.0", "architecture": std::env::consts::ARCH,
        });
        let fields = parse_config(&config.to_string()).map_err(Error::Internal)?;
        Self::from_config(fields).await
    }

    /// `init_client`'s work: parse and validate the config, then open and unlock the account.
    pub(crate) async fn from_config_json(text: &str) -> std::result::Result<Self, String> {
        let fields = parse_config(text)?;
        Self::from_config(fields).await.map_err(|e| e.to_envelope())
    }

    /// A client from a parsed `ClientConfig`: validate it, then open and unlock the account.
    async fn from_config(fields: ClientConfigFields) -> Result<Self> {
        validate_config(&fields)?;
        let token = ServiceAccountToken::parse(&fields.service_account_token)
            .map_err(|e| Error::ServiceAccountTokenParsing(e.to_string()))?;
        Self::from_token(token).await
    }
}
