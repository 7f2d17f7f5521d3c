//! One-time passwords: HOTP (RFC 4226), TOTP (RFC 6238) and `otpauth://` URIs.
//!
//! An item's TOTP field holds either an `otpauth://totp/...` URI or a bare base32 seed.
//! [`parse_field_value`] accepts both and returns an [`Otp`] holding the decoded key (zeroized on drop,
//! never printed by `Debug`); computing a code from it is one HMAC and a truncation. Errors are
//! [`TotpError`]s whose messages are written to be shown to users (they become the `errorMessage` of
//! the field's `Otp` details) and never contain the secret.
//!
//! Supported: SHA1, SHA256 and SHA512; 6 to 8 digits; any period of at least one second. All
//! arithmetic is in u64, and time is unix seconds as u64 (there is no time before the epoch).
//!
//! ```
//! use op_core::totp::{parse_field_value, Algorithm};
//!
//! let otp = parse_field_value(
//!     "otpauth://totp/ACME%20Co:alice@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME%20Co&digits=8",
//! )?;
//! assert_eq!(otp.issuer(), Some("ACME Co"));
//! assert_eq!(otp.account(), "alice@example.com");
//! assert_eq!(otp.algorithm(), Algorithm::Sha1);
//!
//! // RFC 6238 Appendix B: SHA1 at T = 59 s.
//! assert_eq!(otp.code_at(59), "94287082");
//! assert_eq!(otp.seconds_remaining(59), Some(1));
//!
//! // A bare seed means SHA1, 6 digits, 30 seconds; lowercase and spaces are fine.
//! let seed = parse_field_value("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")?;
//! assert_eq!(seed.code_at(59), "287082");
//!
//! // Printing gives a canonical URI that parses back to the same value.
//! let uri = otp.to_uri();
//! assert_eq!(parse_field_value(uri.expose_secret())?, otp);
//! # Ok::<(), op_core::totp::TotpError>(())
//! ```

mod code;
mod error;
mod otp;
mod params;
mod secret;
mod uri;

pub use code::{hotp, seconds_remaining, time_step, totp};
pub use error::TotpError;
pub use otp::{Otp, OtpKind};
pub use params::{Algorithm, Digits, Period};
pub use uri::{parse_field_value, parse_uri};

impl std::str::FromStr for Otp {
    type Err = TotpError;

    /// Same as [`parse_field_value`].
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        parse_field_value(value)
    }
}
