//! A parsed one-time password: decoded key plus everything needed to compute codes and print a URI.

use std::fmt;

use zeroize::Zeroizing;

use super::{Algorithm, Digits, Period, TotpError, code, secret, uri};
use crate::SecretString;

/// Whether codes follow the clock (TOTP) or a counter (HOTP).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OtpKind {
    /// RFC 6238: the counter is the number of whole periods since the unix epoch.
    Totp {
        /// Length of one time step.
        period: Period,
    },
    /// RFC 4226: the counter is stored and advanced by the application.
    Hotp {
        /// The counter the next code is computed for.
        counter: u64,
    },
}

impl Default for OtpKind {
    fn default() -> Self {
        Self::Totp {
            period: Period::DEFAULT,
        }
    }
}

/// A TOTP or HOTP generator: the decoded key, its parameters and its label.
///
/// Parse it once ([`super::parse_field_value`], [`super::parse_uri`]) and call [`Otp::code_at`] as often
/// as needed: that is one HMAC and a truncation. The key is zeroized on drop and `Debug` never prints it.
///
/// The label parts are normalised on the way in (surrounding whitespace trimmed, an empty issuer is no
/// issuer), so a value printed with [`Otp::to_uri`] always parses back equal.
#[derive(Clone, PartialEq, Eq)]
pub struct Otp {
    key: Zeroizing<Vec<u8>>,
    algorithm: Algorithm,
    digits: Digits,
    kind: OtpKind,
    issuer: Option<String>,
    account: String,
}

impl Otp {
    /// A generator with `key` and the defaults (TOTP, SHA1, 6 digits, 30 seconds, no label).
    ///
    /// Fails with [`TotpError::EmptySecret`] for an empty key, which would make every code guessable.
    pub fn new(key: Zeroizing<Vec<u8>>) -> Result<Self, TotpError> {
        if key.is_empty() {
            return Err(TotpError::EmptySecret);
        }
        Ok(Self {
            key,
            algorithm: Algorithm::default(),
            digits: Digits::DEFAULT,
            kind: OtpKind::default(),
            issuer: None,
            account: String::new(),
        })
    }

    /// A TOTP generator (SHA1/6/30) from a base32 seed, tolerant of case, spaces, dashes and padding.
    pub fn from_base32(seed: &str) -> Result<Self, TotpError> {
        Self::new(secret::decode_base32(seed)?)
    }

    /// Sets the hash algorithm.
    #[must_use]
    pub fn with_algorithm(mut self, algorithm: Algorithm) -> Self {
        self.algorithm = algorithm;
        self
    }

    /// Sets the number of digits.
    #[must_use]
    pub fn with_digits(mut self, digits: Digits) -> Self {
        self.digits = digits;
        self
    }

    /// Sets TOTP or HOTP and its period or counter.
    #[must_use]
    pub fn with_kind(mut self, kind: OtpKind) -> Self {
        self.kind = kind;
        self
    }

    /// Sets the issuer (the service name); blank means none. Surrounding whitespace is trimmed.
    #[must_use]
    pub fn with_issuer(mut self, issuer: Option<&str>) -> Self {
        self.issuer = issuer
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
        self
    }

    /// Sets the account name (usually a user name or email). Surrounding whitespace is trimmed.
    #[must_use]
    pub fn with_account(mut self, account: &str) -> Self {
        account.trim().clone_into(&mut self.account);
        self
    }

    /// The hash algorithm.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The number of digits.
    pub fn digits(&self) -> Digits {
        self.digits
    }

    /// TOTP (with its period) or HOTP (with its counter).
    pub fn kind(&self) -> OtpKind {
        self.kind
    }

    /// The period, for TOTP.
    pub fn period(&self) -> Option<Period> {
        match self.kind {
            OtpKind::Totp { period } => Some(period),
            OtpKind::Hotp { .. } => None,
        }
    }

    /// The stored counter, for HOTP.
    pub fn counter(&self) -> Option<u64> {
        match self.kind {
            OtpKind::Totp { .. } => None,
            OtpKind::Hotp { counter } => Some(counter),
        }
    }

    /// The issuer, if any.
    pub fn issuer(&self) -> Option<&str> {
        self.issuer.as_deref()
    }

    /// The account name (may be empty).
    pub fn account(&self) -> &str {
        &self.account
    }

    /// The raw key bytes. Call sites of this function are where the key leaves the type.
    pub fn expose_key(&self) -> &[u8] {
        &self.key
    }

    /// The key as canonical base32 (uppercase, unpadded).
    pub fn secret_base32(&self) -> SecretString {
        let mut out = String::with_capacity(secret::encoded_len(self.key.len()));
        secret::encode_base32_into(&self.key, &mut out);
        SecretString::new(out)
    }

    /// The code to show at `unix_time`: for TOTP the code of the current period, for HOTP the code of
    /// the stored counter (the time is then irrelevant).
    ///
    /// Codes are returned as plain strings: they are short-lived, displayed to users and carried as
    /// plain strings in the protocol's `OtpFieldDetails.code`.
    pub fn code_at(&self, unix_time: u64) -> String {
        match self.kind {
            OtpKind::Totp { period } => {
                code::totp(&self.key, self.algorithm, self.digits, period, unix_time)
            }
            OtpKind::Hotp { counter } => self.code_for_counter(counter),
        }
    }

    /// The HOTP code for an explicit counter (for TOTP: the code of time step `counter`).
    pub fn code_for_counter(&self, counter: u64) -> String {
        code::hotp(&self.key, self.algorithm, self.digits, counter)
    }

    /// Seconds until the TOTP code changes, in `1..=period`; `None` for HOTP, which has no clock.
    pub fn seconds_remaining(&self, unix_time: u64) -> Option<u64> {
        self.period()
            .map(|period| code::seconds_remaining(period, unix_time))
    }

    /// The canonical `otpauth://` URI. It contains the secret, hence the [`SecretString`].
    pub fn to_uri(&self) -> SecretString {
        uri::print(self)
    }
}

impl fmt::Debug for Otp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Otp")
            .field("key", &"[REDACTED]")
            .field("algorithm", &self.algorithm)
            .field("digits", &self.digits.get())
            .field("kind", &self.kind)
            .field("issuer", &self.issuer)
            .field("account", &self.account)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Otp {
        Otp::from_base32("JBSWY3DPEHPK3PXP").unwrap()
    }

    #[test]
    fn defaults_are_sha1_6_30() {
        let otp = sample();
        assert_eq!(otp.algorithm(), Algorithm::Sha1);
        assert_eq!(otp.digits().get(), 6);
        assert_eq!(otp.period().map(Period::get), Some(30));
        assert_eq!(otp.counter(), None);
        assert_eq!(otp.issuer(), None);
        assert_eq!(otp.account(), "");
    }

    #[test]
    fn debug_never_prints_the_key() {
        let otp = sample().with_issuer(Some("ACME")).with_account("a@b.c");
        let debug = format!("{otp:?}");
        assert!(debug.contains("[REDACTED]"));
        assert!(debug.contains("ACME"));
        assert!(!debug.contains("JBSW"));
        assert!(!debug.contains("72, 101"), "{debug}");
        assert_eq!(format!("{:?}", otp.secret_base32()), "[REDACTED]");
        assert_eq!(otp.secret_base32().expose_secret(), "JBSWY3DPEHPK3PXP");
    }

    #[test]
    fn empty_key_is_refused() {
        assert_eq!(
            Otp::new(Zeroizing::new(Vec::new())),
            Err(TotpError::EmptySecret)
        );
    }

    #[test]
    fn label_parts_are_normalised() {
        let otp = sample().with_issuer(Some("  ")).with_account("  me  ");
        assert_eq!(otp.issuer(), None);
        assert_eq!(otp.account(), "me");
        assert_eq!(sample().with_issuer(Some(" X ")).issuer(), Some("X"));
    }

    #[test]
    fn hotp_ignores_time_and_has_no_remaining() {
        let otp = Otp::new(Zeroizing::new(b"12345678901234567890".to_vec()))
            .unwrap()
            .with_kind(OtpKind::Hotp { counter: 1 });
        assert_eq!(otp.code_at(0), "287082");
        assert_eq!(otp.code_at(123_456), "287082");
        assert_eq!(otp.code_for_counter(2), "359152");
        assert_eq!(otp.seconds_remaining(5), None);
        assert_eq!(otp.counter(), Some(1));
        assert_eq!(otp.period(), None);
    }

    #[test]
    fn totp_code_and_remaining() {
        let otp = Otp::new(Zeroizing::new(b"12345678901234567890".to_vec()))
            .unwrap()
            .with_digits(Digits::new(8).unwrap());
        assert_eq!(otp.code_at(59), "94287082");
        assert_eq!(otp.seconds_remaining(59), Some(1));
        assert_eq!(otp.seconds_remaining(60), Some(30));
    }
}
