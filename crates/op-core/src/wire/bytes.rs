//! Binary content (files, documents) on the wire.
//!
//! Output is a JSON array of integers 0-255 (the only form the official Python SDK reads). Input is
//! that array or a standard base64 string, because Go's `encoding/json` sends `[]byte` as base64
//! (docs/protocol.md §9, quirk Q2 in §12). The buffer is wiped on drop: file content is usually secret.

use std::fmt;

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zeroize::Zeroizing;

/// Bytes that serialise as an array of u8, deserialise from an array or base64, and zeroize on drop.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Bytes(Zeroizing<Vec<u8>>);

impl Bytes {
    /// Wraps `data`.
    pub fn new(data: Vec<u8>) -> Self {
        Self(Zeroizing::new(data))
    }

    /// The content.
    pub fn as_slice(&self) -> &[u8] {
        &self.0
    }

    /// Number of bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no bytes.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<Vec<u8>> for Bytes {
    fn from(data: Vec<u8>) -> Self {
        Self::new(data)
    }
}

impl fmt::Debug for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} bytes>", self.0.len())
    }
}

// An array of u8 on output (base64 text also accepted on input); secret like every file (`x-bytes`).
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Bytes {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Bytes".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "array",
            "items": { "type": "integer", "minimum": 0, "maximum": 255 },
            "x-bytes": true,
            "x-secret": true,
        })
    }
}

impl Serialize for Bytes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter())
    }
}

struct BytesVisitor;

impl<'de> Visitor<'de> for BytesVisitor {
    type Value = Bytes;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of integers 0-255 or a base64 string")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Bytes, A::Error> {
        let mut data = Zeroizing::new(Vec::with_capacity(
            seq.size_hint().unwrap_or(0).min(1 << 20),
        ));
        while let Some(byte) = seq.next_element::<u8>()? {
            data.push(byte);
        }
        Ok(Bytes(data))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Bytes, E> {
        data_encoding::BASE64
            .decode(text.as_bytes())
            .map(Bytes::new)
            .map_err(|e| E::custom(format_args!("invalid base64 content: {e}")))
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Bytes, E> {
        Ok(Bytes::new(bytes.to_vec()))
    }
}

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(BytesVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_arrays_and_reads_arrays_or_base64() {
        let b = Bytes::new(b"hi".to_vec());
        assert_eq!(serde_json::to_string(&b).unwrap(), "[104,105]");
        assert_eq!(serde_json::from_str::<Bytes>("[104,105]").unwrap(), b);
        assert_eq!(serde_json::from_str::<Bytes>(r#""aGk=""#).unwrap(), b);
        assert_eq!(
            serde_json::from_str::<Bytes>("[]").unwrap(),
            Bytes::default()
        );
    }

    #[test]
    fn rejects_out_of_range_and_bad_base64() {
        assert!(serde_json::from_str::<Bytes>("[256]").is_err());
        assert!(serde_json::from_str::<Bytes>("[-1]").is_err());
        assert!(serde_json::from_str::<Bytes>(r#""not base64!""#).is_err());
    }

    #[test]
    fn debug_shows_only_the_length() {
        assert_eq!(format!("{:?}", Bytes::new(b"secret".to_vec())), "<6 bytes>");
    }
}
