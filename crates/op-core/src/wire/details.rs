//! `ItemFieldDetails`: the typed extras of a field (docs/protocol.md §9.1), tag `type`, content key `content`.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::unknown::UnknownFields;

/// The current one-time code of a TOTP field, or why it could not be computed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct OtpFieldDetails {
    /// The current code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(extend("x-secret" = true)))]
    pub code: Option<String>,
    /// Why no code could be computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
}

/// What the core derives from an SSH private key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct SshKeyAttributes {
    /// The OpenSSH public key, e.g. `ssh-ed25519 AAAA...`.
    pub public_key: String,
    /// `SHA256:` and the unpadded base64 digest, as `ssh-keygen -l` prints it.
    pub fingerprint: String,
    /// `Ed25519`, `RSA, 2048-bit`, `ECDSA, 256-bit`, ...
    pub key_type: String,
}

/// The parts of a postal address.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AddressFieldDetails {
    /// Street and number.
    #[serde(default)]
    pub street: String,
    /// City.
    #[serde(default)]
    pub city: String,
    /// Country.
    #[serde(default)]
    pub country: String,
    /// Postal code.
    #[serde(default)]
    pub zip: String,
    /// State or region.
    #[serde(default)]
    pub state: String,
    /// Members this version does not know.
    #[serde(flatten)]
    pub unknown: UnknownFields,
}

impl AddressFieldDetails {
    /// The one-line form stored as the field's value: the non-empty parts joined by `, `.
    pub fn formatted(&self) -> String {
        [
            &self.street,
            &self.city,
            &self.state,
            &self.zip,
            &self.country,
        ]
        .iter()
        .map(|part| part.trim())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
    }
}

/// Typed extras of a field. Open: a details type this version does not know round-trips unchanged.
#[derive(Clone, Debug, PartialEq)]
pub enum ItemFieldDetails {
    /// `"Otp"`: details of a `Totp` field.
    Otp(OtpFieldDetails),
    /// `"SshKey"`: details of an `SshKey` field (`content` may be null).
    SshKey(Option<SshKeyAttributes>),
    /// `"Address"`: details of an `Address` field (`content` may be null).
    Address(Option<AddressFieldDetails>),
    /// A details type this version does not know, kept verbatim.
    Unknown {
        /// The `type` tag.
        kind: String,
        /// The `content`, if any.
        content: Option<Value>,
    },
}

// The known details types with their content, and any other `type` (kept verbatim).
#[cfg(feature = "schema")]
impl schemars::JsonSchema for ItemFieldDetails {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ItemFieldDetails".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let otp = generator.subschema_for::<OtpFieldDetails>();
        let ssh = generator.subschema_for::<Option<SshKeyAttributes>>();
        let address = generator.subschema_for::<Option<AddressFieldDetails>>();
        schemars::json_schema!({
            "description": "Typed extras of a field. Open: a details type this version does not know round-trips unchanged.",
            "x-union": { "tag": "type", "content": "content", "open": true },
            "oneOf": [
                { "type": "object", "properties": { "type": { "const": "Otp" }, "content": otp }, "required": ["type", "content"] },
                { "type": "object", "properties": { "type": { "const": "SshKey" }, "content": ssh }, "required": ["type"] },
                { "type": "object", "properties": { "type": { "const": "Address" }, "content": address }, "required": ["type"] },
            ],
        })
    }
}

#[derive(Serialize, Deserialize)]
struct Tagged<T> {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    content: Option<T>,
}

impl Serialize for ItemFieldDetails {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Out<'a, T: Serialize> {
            #[serde(rename = "type")]
            kind: &'a str,
            content: T,
        }
        match self {
            Self::Otp(d) => Out {
                kind: "Otp",
                content: d,
            }
            .serialize(serializer),
            Self::SshKey(d) => Out {
                kind: "SshKey",
                content: d,
            }
            .serialize(serializer),
            Self::Address(d) => Out {
                kind: "Address",
                content: d,
            }
            .serialize(serializer),
            Self::Unknown { kind, content } => Tagged {
                kind: kind.clone(),
                content: content.clone(),
            }
            .serialize(serializer),
        }
    }
}

fn from_value<T: serde::de::DeserializeOwned, E: serde::de::Error>(value: Value) -> Result<T, E> {
    serde_json::from_value(value).map_err(E::custom)
}

impl<'de> Deserialize<'de> for ItemFieldDetails {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Tagged::<Value>::deserialize(deserializer)?;
        let content = raw.content.filter(|v| !v.is_null());
        Ok(match raw.kind.as_str() {
            "Otp" => match content {
                Some(v) => Self::Otp(from_value(v)?),
                None => return Err(D::Error::custom("`Otp` details need a `content` object")),
            },
            "SshKey" => Self::SshKey(content.map(from_value).transpose()?),
            "Address" => Self::Address(content.map(from_value).transpose()?),
            _ => Self::Unknown {
                kind: raw.kind,
                content,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_match_the_protocol() {
        let otp = ItemFieldDetails::Otp(OtpFieldDetails {
            code: Some("123456".into()),
            error_message: None,
        });
        assert_eq!(
            serde_json::to_string(&otp).unwrap(),
            r#"{"type":"Otp","content":{"code":"123456"}}"#
        );
        assert_eq!(
            serde_json::to_string(&ItemFieldDetails::SshKey(None)).unwrap(),
            r#"{"type":"SshKey","content":null}"#
        );
        let back: ItemFieldDetails = serde_json::from_str(r#"{"type":"Address","content":{"street":"1 Main St","city":"X","country":"US","zip":"1","state":"CA"}}"#).unwrap();
        match back {
            ItemFieldDetails::Address(Some(a)) => {
                assert_eq!(a.formatted(), "1 Main St, X, CA, 1, US")
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(serde_json::from_str::<ItemFieldDetails>(r#"{"type":"Otp"}"#).is_err());
    }

    #[test]
    fn unknown_details_round_trip() {
        let raw = r#"{"type":"Passkey","content":{"rpId":"example.com"}}"#;
        let d: ItemFieldDetails = serde_json::from_str(raw).unwrap();
        assert!(matches!(d, ItemFieldDetails::Unknown { .. }));
        assert_eq!(serde_json::to_string(&d).unwrap(), raw);
    }
}
