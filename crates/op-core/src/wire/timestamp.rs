//! Timestamps as the protocol writes them.
//!
//! Input is any RFC 3339 timestamp (`Z` or a numeric offset, up to nanosecond fractions). Output is
//! always UTC with a `Z` and exactly six fractional digits, because the official Python SDK parses
//! only `%Y-%m-%dT%H:%M:%S.%fZ` and fails on nine digits or an offset (docs/protocol.md §9, quirk Q9 in §12). The
//! value is truncated to microseconds when it is made, so what is written is what is held.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

/// A UTC instant with microsecond precision.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(OffsetDateTime);

impl Timestamp {
    /// The instant `unix_micros` microseconds after the Unix epoch, if representable.
    pub fn from_unix_micros(unix_micros: i64) -> Option<Self> {
        OffsetDateTime::from_unix_timestamp_nanos(i128::from(unix_micros) * 1_000)
            .ok()
            .map(Self)
    }

    /// Converts any instant to UTC and drops sub-microsecond digits.
    pub fn from_datetime(value: OffsetDateTime) -> Self {
        let utc = value.to_offset(UtcOffset::UTC);
        let micros = utc.nanosecond() / 1_000 * 1_000;
        Self(utc.replace_nanosecond(micros).unwrap_or(utc))
    }

    /// Parses RFC 3339 text.
    pub fn parse(text: &str) -> Result<Self, time::error::Parse> {
        OffsetDateTime::parse(text, &Rfc3339).map(Self::from_datetime)
    }

    /// Microseconds since the Unix epoch.
    pub fn unix_micros(&self) -> i64 {
        (self.0.unix_timestamp_nanos() / 1_000) as i64
    }

    /// Whole seconds since the Unix epoch.
    pub fn unix_seconds(&self) -> i64 {
        self.0.unix_timestamp()
    }

    /// The underlying UTC date-time.
    pub fn as_datetime(&self) -> OffsetDateTime {
        self.0
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let format = format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z"
        );
        match self.0.format(&format) {
            Ok(text) => f.write_str(&text),
            Err(_) => Err(fmt::Error),
        }
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

// RFC 3339 text on the wire; the bindings revive it as their date type (`x-timestamp`).
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Timestamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Timestamp".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date-time", "x-timestamp": true })
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Self::parse(&text).map_err(|e| {
            serde::de::Error::custom(format_args!("invalid RFC 3339 timestamp {text:?}: {e}"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(text: &str) -> String {
        serde_json::to_string(&serde_json::from_str::<Timestamp>(&format!("\"{text}\"")).unwrap())
            .unwrap()
    }

    #[test]
    fn output_is_utc_z_with_six_digits() {
        assert_eq!(
            round("2024-01-02T03:04:05Z"),
            r#""2024-01-02T03:04:05.000000Z""#
        );
        assert_eq!(
            round("2024-01-02T03:04:05.123456789Z"),
            r#""2024-01-02T03:04:05.123456Z""#
        );
        assert_eq!(
            round("2024-01-02T05:04:05.5+02:00"),
            r#""2024-01-02T03:04:05.500000Z""#
        );
        assert_eq!(
            round("2024-01-01T23:30:00-01:00"),
            r#""2024-01-02T00:30:00.000000Z""#
        );
    }

    #[test]
    fn rejects_non_rfc3339() {
        assert!(serde_json::from_str::<Timestamp>(r#""2024-01-02""#).is_err());
        assert!(serde_json::from_str::<Timestamp>(r#""yesterday""#).is_err());
    }

    #[test]
    fn micros_round_trip() {
        let t = Timestamp::from_unix_micros(1_700_000_000_123_456).unwrap();
        assert_eq!(t.unix_micros(), 1_700_000_000_123_456);
        assert_eq!(Timestamp::parse(&t.to_string()).unwrap(), t);
    }
}
