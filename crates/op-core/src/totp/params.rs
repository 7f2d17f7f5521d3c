//! Validated parameters of a one-time password: hash algorithm, number of digits, period.
//!
//! Each is a small type that can only hold an accepted value, so the code path never re-checks them.

use std::fmt;
use std::num::NonZeroU64;

use super::TotpError;

/// The HMAC hash function (RFC 6238 §1.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Algorithm {
    /// HMAC-SHA1, the default and by far the most common.
    #[default]
    Sha1,
    /// HMAC-SHA256.
    Sha256,
    /// HMAC-SHA512.
    Sha512,
}

impl Algorithm {
    /// The canonical spelling used in otpauth URIs (`SHA1`, `SHA256`, `SHA512`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sha1 => "SHA1",
            Self::Sha256 => "SHA256",
            Self::Sha512 => "SHA512",
        }
    }

    /// Parses an algorithm name, ignoring case and an optional dash (`sha256`, `SHA-256`).
    pub fn parse(name: &str) -> Result<Self, TotpError> {
        let compact: String = name
            .trim()
            .chars()
            .filter(|c| *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        match compact.as_str() {
            "SHA1" => Ok(Self::Sha1),
            "SHA256" => Ok(Self::Sha256),
            "SHA512" => Ok(Self::Sha512),
            _ => Err(TotpError::UnsupportedAlgorithm),
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Number of digits in a code: 6, 7 or 8.
///
/// The range matters beyond convention: a code is the 31-bit truncated HMAC modulo `10^digits`, so
/// more than 9 digits would not add entropy and 10 overflowed `u32` in other implementations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Digits(u8);

impl Digits {
    /// Fewest digits accepted.
    pub const MIN: u8 = 6;
    /// Most digits accepted.
    pub const MAX: u8 = 8;
    /// The default when a URI does not say (6).
    pub const DEFAULT: Self = Self(6);

    /// Validates a digit count.
    pub fn new(digits: u64) -> Result<Self, TotpError> {
        match u8::try_from(digits) {
            Ok(d) if (Self::MIN..=Self::MAX).contains(&d) => Ok(Self(d)),
            _ => Err(TotpError::InvalidDigits),
        }
    }

    /// The digit count.
    pub fn get(self) -> u8 {
        self.0
    }

    /// `10^digits`, the modulus of the code, computed in u64 so no digit count can overflow it.
    pub(crate) fn modulus(self) -> u64 {
        10_u64.pow(u32::from(self.0))
    }
}

impl Default for Digits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Length of a TOTP time step in seconds: at least 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period(NonZeroU64);

impl Period {
    /// The default when a URI does not say (30 seconds).
    pub const DEFAULT: Self = match NonZeroU64::new(30) {
        Some(seconds) => Self(seconds),
        None => Self(NonZeroU64::MIN),
    };

    /// Validates a period in seconds; zero is rejected.
    pub fn new(seconds: u64) -> Result<Self, TotpError> {
        NonZeroU64::new(seconds)
            .map(Self)
            .ok_or(TotpError::InvalidPeriod)
    }

    /// The period in seconds.
    pub fn get(self) -> u64 {
        self.0.get()
    }
}

impl Default for Period {
    fn default() -> Self {
        Self::DEFAULT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn algorithm_names_are_case_and_dash_tolerant() {
        assert_eq!(Algorithm::parse("sha1"), Ok(Algorithm::Sha1));
        assert_eq!(Algorithm::parse("Sha256"), Ok(Algorithm::Sha256));
        assert_eq!(Algorithm::parse("SHA-512"), Ok(Algorithm::Sha512));
        assert_eq!(
            Algorithm::parse("MD5"),
            Err(TotpError::UnsupportedAlgorithm)
        );
        assert_eq!(Algorithm::parse(""), Err(TotpError::UnsupportedAlgorithm));
        for a in [Algorithm::Sha1, Algorithm::Sha256, Algorithm::Sha512] {
            assert_eq!(Algorithm::parse(a.as_str()), Ok(a));
        }
    }

    #[test]
    fn digits_are_six_to_eight() {
        for d in 6..=8 {
            assert_eq!(Digits::new(d).map(Digits::get), Ok(d as u8));
        }
        for d in [0, 5, 9, 10, 256 + 6, u64::MAX] {
            assert_eq!(Digits::new(d), Err(TotpError::InvalidDigits));
        }
        assert_eq!(Digits::new(8).map(Digits::modulus), Ok(100_000_000));
    }

    #[test]
    fn period_rejects_zero_only() {
        assert_eq!(Period::new(0), Err(TotpError::InvalidPeriod));
        assert_eq!(Period::new(1).map(Period::get), Ok(1));
        assert_eq!(Period::new(u64::MAX).map(Period::get), Ok(u64::MAX));
        assert_eq!(Period::DEFAULT.get(), 30);
    }
}
