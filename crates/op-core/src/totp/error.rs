//! The one error type of the TOTP module.
//!
//! Messages are shown to end users as the `errorMessage` of an `Otp` field, so each one says what is
//! wrong and what is accepted. None of them echoes any part of the input: a malformed value may be a
//! secret pasted in the wrong place, and we cannot tell which part of it is secret.

/// Why a TOTP/HOTP value could not be parsed or built.
///
/// Variant names are stable codes (see [`TotpError::name`]); messages may be reworded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TotpError {
    /// The value looks like a URI but is not a well-formed `otpauth://` URI.
    #[error(
        "invalid otpauth URI: {reason}; expected otpauth://totp/Issuer:account?secret=BASE32SECRET&issuer=Issuer"
    )]
    InvalidUri {
        /// What is wrong, in words that never quote the input.
        reason: &'static str,
    },
    /// The URI names a one-time password type other than `totp` or `hotp`.
    #[error(
        "unsupported one-time password type in the otpauth URI; only otpauth://totp/ and otpauth://hotp/ are supported"
    )]
    UnsupportedType,
    /// The URI has no `secret` parameter.
    #[error("the otpauth URI has no secret parameter; add secret=<base32 seed>")]
    MissingSecret,
    /// The secret is not base32.
    #[error(
        "the secret is not valid base32 ({reason}); use the letters A-Z and digits 2-7 (spaces, dashes, '=' padding and lowercase are accepted)"
    )]
    InvalidSecret {
        /// What is wrong (a position or a length, never a character of the secret).
        reason: String,
    },
    /// The secret decodes to no bytes at all.
    #[error("the secret is empty; a one-time password needs a base32 seed or an otpauth:// URI")]
    EmptySecret,
    /// The `algorithm` parameter names a hash we do not support.
    #[error("unsupported algorithm in the otpauth URI; use SHA1, SHA256 or SHA512")]
    UnsupportedAlgorithm,
    /// The number of digits is not 6, 7 or 8.
    #[error("invalid number of digits; use 6, 7 or 8")]
    InvalidDigits,
    /// The period is zero or not a whole number of seconds.
    #[error("invalid period; use a whole number of seconds, at least 1 (30 is the usual value)")]
    InvalidPeriod,
    /// The HOTP counter is not a whole number in range.
    #[error("invalid counter; use a whole number from 0 to 18446744073709551615")]
    InvalidCounter,
    /// An `otpauth://hotp` URI without the `counter` parameter it requires.
    #[error("the otpauth://hotp URI has no counter parameter; add counter=<whole number>")]
    MissingCounter,
}

impl TotpError {
    /// The variant name, a stable code for bindings and the error envelope.
    pub fn name(&self) -> &'static str {
        match self {
            Self::InvalidUri { .. } => "InvalidUri",
            Self::UnsupportedType => "UnsupportedType",
            Self::MissingSecret => "MissingSecret",
            Self::InvalidSecret { .. } => "InvalidSecret",
            Self::EmptySecret => "EmptySecret",
            Self::UnsupportedAlgorithm => "UnsupportedAlgorithm",
            Self::InvalidDigits => "InvalidDigits",
            Self::InvalidPeriod => "InvalidPeriod",
            Self::InvalidCounter => "InvalidCounter",
            Self::MissingCounter => "MissingCounter",
        }
    }
}

// Errors cross threads and FFI boundaries; keep that a compile-time guarantee.
const _: fn() = || {
    fn assert_bounds<T: Send + Sync + 'static>() {}
    assert_bounds::<TotpError>();
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_variants() {
        let all = [
            TotpError::InvalidUri { reason: "x" },
            TotpError::UnsupportedType,
            TotpError::MissingSecret,
            TotpError::InvalidSecret {
                reason: "x".to_owned(),
            },
            TotpError::EmptySecret,
            TotpError::UnsupportedAlgorithm,
            TotpError::InvalidDigits,
            TotpError::InvalidPeriod,
            TotpError::InvalidCounter,
            TotpError::MissingCounter,
        ];
        for e in all {
            let debug = format!("{e:?}");
            assert!(debug.starts_with(e.name()), "{debug} vs {}", e.name());
            assert!(!e.to_string().is_empty());
        }
    }
}
