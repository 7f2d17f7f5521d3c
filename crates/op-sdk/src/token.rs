//! opkit service-account tokens: `ops_` + base64url of a JSON payload.
//!
//! They look like the official tokens but carry opkit's own payload (ARCHITECTURE.md §3): where the
//! account lives (`file:` path now, `https:` server later), the principal's id, and a 256-bit secret
//! from which the client derives its unlock and auth keys. A real 1Password.com token (its payload
//! has `signInAddress`) is recognised and refused with a message saying so.

use std::fmt;
use std::path::PathBuf;

use data_encoding::{BASE64, BASE64URL, BASE64URL_NOPAD};
use op_core::SecretString;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

/// Prefix of every service-account token.
pub const TOKEN_PREFIX: &str = "ops_";
/// Payload version this SDK writes and reads.
pub const TOKEN_VERSION: u32 = 1;

/// Where an account lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccountLocation {
    /// A local vault file.
    File(PathBuf),
}

impl AccountLocation {
    fn to_uri(&self) -> String {
        match self {
            Self::File(path) => format!("file:{}", path.display()),
        }
    }

    fn parse(text: &str) -> Result<Self, TokenError> {
        match text.split_once(':') {
            Some(("file", path)) if !path.is_empty() => Ok(Self::File(PathBuf::from(path))),
            Some((scheme, _)) => Err(TokenError::UnsupportedLocation(scheme.to_owned())),
            None => Err(TokenError::Malformed("the account location has no scheme")),
        }
    }
}

/// A parsed opkit service-account token.
#[derive(Clone, PartialEq, Eq)]
pub struct ServiceAccountToken {
    /// Where the account lives.
    pub location: AccountLocation,
    /// The service account's principal id.
    pub principal_id: String,
    secret: Zeroizing<[u8; 32]>,
}

impl fmt::Debug for ServiceAccountToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceAccountToken")
            .field("location", &self.location)
            .field("principal_id", &self.principal_id)
            .field("secret", &"[REDACTED]")
            .finish()
    }
}

/// Why a token could not be read. Messages never quote the token.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// Not `ops_` + base64url JSON of the expected shape.
    #[error(
        "service account deserialization failed ({0}), please create another token with `opkit service-account create`"
    )]
    Malformed(&'static str),
    /// A token issued by 1Password.com.
    #[error(
        "this is a 1Password.com service account token (for {0}); opkit cannot use it. \
         Create an opkit token with `opkit service-account create` for your opkit vault"
    )]
    OnePasswordCom(String),
    /// A payload version this SDK does not know.
    #[error(
        "the token has payload version {0}, but this opkit understands version {TOKEN_VERSION}; upgrade opkit"
    )]
    UnsupportedVersion(u32),
    /// A location scheme this SDK cannot reach.
    #[error(
        "the token points to a `{0}:` account, which this opkit cannot reach (only local `file:` vaults)"
    )]
    UnsupportedLocation(String),
}

impl TokenError {
    /// Stable variant name.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Malformed(_) => "Malformed",
            Self::OnePasswordCom(_) => "OnePasswordCom",
            Self::UnsupportedVersion(_) => "UnsupportedVersion",
            Self::UnsupportedLocation(_) => "UnsupportedLocation",
        }
    }
}

/// The one key of a 1Password.com token's payload that tells it apart.
#[derive(Deserialize)]
struct Probe {
    #[serde(rename = "signInAddress")]
    sign_in_address: Option<serde_json::Value>,
}

#[derive(Serialize, Deserialize)]
struct Payload {
    v: u32,
    location: String,
    principal: String,
    secret: String,
}

impl ServiceAccountToken {
    /// A token for `principal_id` at `location` with `secret`.
    pub fn new(location: AccountLocation, principal_id: String, secret: [u8; 32]) -> Self {
        Self {
            location,
            principal_id,
            secret: Zeroizing::new(secret),
        }
    }

    /// The 256-bit secret the client derives its keys from.
    pub fn expose_secret(&self) -> &[u8; 32] {
        &self.secret
    }

    /// Reads `ops_...` text.
    pub fn parse(token: &str) -> Result<Self, TokenError> {
        let body = token
            .strip_prefix(TOKEN_PREFIX)
            .ok_or(TokenError::Malformed("the token does not start with ops_"))?;
        // The decoded JSON holds the secret: it lives only in zeroizing buffers, and is parsed
        // straight into the fields it needs (no `serde_json::Value` copy of it is left behind).
        let json = decode_base64(body.trim_end())
            .ok_or(TokenError::Malformed("the token is not base64url"))?;
        serde_json::from_slice::<serde::de::IgnoredAny>(&json)
            .map_err(|_| TokenError::Malformed("the token's payload is not JSON"))?;
        if let Ok(Probe {
            sign_in_address: Some(address),
        }) = serde_json::from_slice::<Probe>(&json)
        {
            let address = address.as_str().unwrap_or("a 1Password account");
            return Err(TokenError::OnePasswordCom(
                address.chars().take(100).collect(),
            ));
        }
        let payload: Payload = serde_json::from_slice(&json)
            .map_err(|_| TokenError::Malformed("the token's payload lacks opkit's fields"))?;
        let encoded_secret = Zeroizing::new(payload.secret);
        if payload.v != TOKEN_VERSION {
            return Err(TokenError::UnsupportedVersion(payload.v));
        }
        let secret_bytes = decode_base64(&encoded_secret)
            .ok_or(TokenError::Malformed("the token's secret is not base64url"))?;
        let secret: [u8; 32] = secret_bytes
            .as_slice()
            .try_into()
            .map_err(|_| TokenError::Malformed("the token's secret is not 256 bits"))?;
        if !op_core::id::is_valid_id(&payload.principal) {
            return Err(TokenError::Malformed("the token's principal is not an id"));
        }
        Ok(Self::new(
            AccountLocation::parse(&payload.location)?,
            payload.principal,
            secret,
        ))
    }

    /// The `ops_...` text.
    pub fn encode(&self) -> SecretString {
        let payload = Payload {
            v: TOKEN_VERSION,
            location: self.location.to_uri(),
            principal: self.principal_id.clone(),
            secret: BASE64URL_NOPAD.encode(self.secret.as_slice()),
        };
        let json = Zeroizing::new(serde_json::to_vec(&payload).unwrap_or_default());
        // The encoded secret inside the payload is wiped as the payload goes out of scope.
        drop(Zeroizing::new(payload.secret));
        let body = Zeroizing::new(BASE64URL_NOPAD.encode(&json));
        SecretString::new(format!("{TOKEN_PREFIX}{}", body.as_str()))
    }
}

/// Decodes into a zeroizing buffer, also when an encoding fails halfway (a plain `decode`
/// drops its partly filled output unwiped).
fn decode_base64(text: &str) -> Option<Zeroizing<Vec<u8>>> {
    for encoding in [&BASE64URL_NOPAD, &BASE64URL, &BASE64] {
        let Ok(len) = encoding.decode_len(text.len()) else {
            continue;
        };
        let mut out = Zeroizing::new(vec![0u8; len]);
        if let Ok(written) = encoding.decode_mut(text.as_bytes(), &mut out) {
            out.truncate(written);
            return Some(out);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ServiceAccountToken {
        ServiceAccountToken::new(
            AccountLocation::File(PathBuf::from("/tmp/x.opkit")),
            "vhn2qfnmizg6rw4iqottczq3fy".into(),
            [7; 32],
        )
    }

    #[test]
    fn round_trips() {
        let t = sample();
        let text = t.encode();
        assert!(text.expose_secret().starts_with("ops_"));
        assert_eq!(ServiceAccountToken::parse(text.expose_secret()).unwrap(), t);
        assert!(!format!("{t:?}").contains("7, 7"));
    }

    #[test]
    fn one_password_com_tokens_are_recognised() {
        let payload = serde_json::json!({"signInAddress": "my.1password.com", "email": "x", "secretKey": "A3-..."});
        let token = format!(
            "ops_{}",
            BASE64URL_NOPAD.encode(payload.to_string().as_bytes())
        );
        let err = ServiceAccountToken::parse(&token).unwrap_err();
        assert_eq!(err.name(), "OnePasswordCom");
        assert!(err.to_string().contains("my.1password.com"));
    }

    #[test]
    fn malformed_tokens_say_why() {
        for (token, why) in [
            ("ops_!!!", "not base64url"),
            ("ops_bm90IGpzb24", "not JSON"),
            ("ops_eyJ2IjoxfQ", "lacks opkit's fields"),
            ("nope", "does not start"),
        ] {
            let err = ServiceAccountToken::parse(token).unwrap_err();
            assert!(err.to_string().contains(why), "{token}: {err}");
        }
        let v2 = serde_json::json!({"v": 2, "location": "file:/x", "principal": "vhn2qfnmizg6rw4iqottczq3fy", "secret": ""});
        let token = format!("ops_{}", BASE64URL_NOPAD.encode(v2.to_string().as_bytes()));
        assert_eq!(
            ServiceAccountToken::parse(&token).unwrap_err(),
            TokenError::UnsupportedVersion(2)
        );
        let https = serde_json::json!({"v": 1, "location": "https://vault.example", "principal": "vhn2qfnmizg6rw4iqottczq3fy",
            "secret": BASE64URL_NOPAD.encode(&[1; 32])});
        let token = format!(
            "ops_{}",
            BASE64URL_NOPAD.encode(https.to_string().as_bytes())
        );
        assert_eq!(
            ServiceAccountToken::parse(&token).unwrap_err().name(),
            "UnsupportedLocation"
        );
    }
}
