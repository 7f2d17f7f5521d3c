//! `otpauth://` URIs (the Google Authenticator key URI format) and TOTP field values.
//!
//! Parsing is tolerant of what real exporters and QR codes produce; printing is canonical (uppercase
//! unpadded base32 secret, every parameter spelled out, label and issuer percent-encoded) and always
//! parses back to an equal [`Otp`].

use std::borrow::Cow;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use url::form_urlencoded;
use zeroize::Zeroizing;

use super::{Algorithm, Digits, Otp, OtpKind, Period, TotpError, secret};
use crate::SecretString;

const SCHEME: &str = "otpauth://";

/// Everything but RFC 3986 unreserved characters is encoded, so `:`, `/`, `?`, `&`, `+` and `#`
/// inside a label or issuer can never be mistaken for structure.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Parses an item's TOTP field value: an `otpauth://` URI, or a bare base32 seed (SHA1, 6 digits, 30s).
///
/// Anything with a `scheme://` or starting with `otpauth:` is treated as a URI, so a mistyped URI gets a
/// URI error rather than a confusing "not base32" one.
pub fn parse_field_value(value: &str) -> Result<Otp, TotpError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(TotpError::EmptySecret);
    }
    if value.contains("://") || strip_prefix_ignore_case(value, "otpauth:").is_some() {
        parse_uri(value)
    } else {
        Otp::from_base32(value)
    }
}

/// Parses an `otpauth://totp/...` or `otpauth://hotp/...` URI.
///
/// Accepted: any case in the scheme, type and algorithm; `Issuer:account` labels with a literal or
/// encoded colon and optional spaces; the issuer from the `issuer` parameter (preferred) or the label;
/// lowercase, spaced, dashed or `=`-padded secrets; unknown parameters (ignored); a `#fragment`.
/// Missing parameters default to SHA1, 6 digits, 30 seconds. HOTP requires `counter`.
pub fn parse_uri(uri: &str) -> Result<Otp, TotpError> {
    let rest = strip_prefix_ignore_case(uri.trim(), SCHEME).ok_or(TotpError::InvalidUri {
        reason: "it must start with otpauth://",
    })?;
    let rest = rest.split_once('#').map_or(rest, |(before, _)| before);
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (host, raw_label) = path.split_once('/').unwrap_or((path, ""));
    let is_totp = if host.eq_ignore_ascii_case("totp") {
        true
    } else if host.eq_ignore_ascii_case("hotp") {
        false
    } else {
        return Err(TotpError::UnsupportedType);
    };
    let label = percent_decode_str(raw_label)
        .decode_utf8()
        .map_err(|_| TotpError::InvalidUri {
            reason: "the label is not valid UTF-8 once percent-decoded",
        })?;
    let params = Params::parse(query);

    let key = secret::decode_base32(
        params
            .secret
            .as_deref()
            .ok_or(TotpError::MissingSecret)?
            .as_str(),
    )?;
    let algorithm = params
        .algorithm
        .as_deref()
        .map_or(Ok(Algorithm::default()), Algorithm::parse)?;
    let digits = match params.digits.as_deref() {
        None => Digits::DEFAULT,
        Some(text) => Digits::new(parse_number(text).ok_or(TotpError::InvalidDigits)?)?,
    };
    let kind = if is_totp {
        let period = match params.period.as_deref() {
            None => Period::DEFAULT,
            Some(text) => Period::new(parse_number(text).ok_or(TotpError::InvalidPeriod)?)?,
        };
        OtpKind::Totp { period }
    } else {
        let text = params.counter.as_deref().ok_or(TotpError::MissingCounter)?;
        OtpKind::Hotp {
            counter: parse_number(text).ok_or(TotpError::InvalidCounter)?,
        }
    };

    let issuer_param = params
        .issuer
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let (label_issuer, account) = split_label(&label, issuer_param);
    Ok(Otp::new(key)?
        .with_algorithm(algorithm)
        .with_digits(digits)
        .with_kind(kind)
        .with_issuer(issuer_param.or(label_issuer))
        .with_account(account))
}

/// The query parameters we understand, first occurrence winning; the secret is held zeroized.
#[derive(Default)]
struct Params<'a> {
    secret: Option<Zeroizing<String>>,
    issuer: Option<Cow<'a, str>>,
    algorithm: Option<Cow<'a, str>>,
    digits: Option<Cow<'a, str>>,
    period: Option<Cow<'a, str>>,
    counter: Option<Cow<'a, str>>,
}

impl<'a> Params<'a> {
    fn parse(query: &'a str) -> Self {
        let mut params = Self::default();
        for (name, value) in form_urlencoded::parse(query.as_bytes()) {
            let slot = match name.to_ascii_lowercase().as_str() {
                "secret" => {
                    // Wrap every secret value, even a duplicate we ignore, so none is freed unwiped.
                    let value = Zeroizing::new(value.into_owned());
                    params.secret.get_or_insert(value);
                    continue;
                }
                "issuer" => &mut params.issuer,
                "algorithm" => &mut params.algorithm,
                "digits" => &mut params.digits,
                "period" => &mut params.period,
                "counter" => &mut params.counter,
                _ => continue,
            };
            slot.get_or_insert(value);
        }
        params
    }
}

/// Splits a decoded label into an optional issuer prefix and the account.
///
/// When the issuer parameter is known, a label that starts with exactly `issuer:` is split there, so
/// an issuer that itself contains a colon survives; otherwise the first colon separates.
fn split_label<'l>(label: &'l str, issuer_param: Option<&str>) -> (Option<&'l str>, &'l str) {
    if let Some(account) =
        issuer_param.and_then(|issuer| label.strip_prefix(issuer)?.strip_prefix(':'))
    {
        return (None, account);
    }
    match label.split_once(':') {
        Some((prefix, account)) => (Some(prefix), account),
        None => (None, label),
    }
}

/// A whole decimal number; surrounding spaces are tolerated, signs and fractions are not.
fn parse_number(text: &str) -> Option<u64> {
    let text = text.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn strip_prefix_ignore_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        text.get(prefix.len()..)
    } else {
        None
    }
}

/// The canonical URI of `otp` (see the module docs).
pub(crate) fn print(otp: &Otp) -> SecretString {
    let account = utf8_percent_encode(otp.account(), COMPONENT).to_string();
    let (label, issuer_param) = match otp.issuer() {
        Some(issuer) => {
            let issuer = utf8_percent_encode(issuer, COMPONENT).to_string();
            (format!("{issuer}:{account}"), format!("&issuer={issuer}"))
        }
        // A leading colon marks "no issuer" so an account containing a colon is not split on reparse.
        None if otp.account().contains(':') => (format!(":{account}"), String::new()),
        None => (account, String::new()),
    };
    let (kind, tail) = match otp.kind() {
        OtpKind::Totp { period } => ("totp", format!("&period={}", period.get())),
        OtpKind::Hotp { counter } => ("hotp", format!("&counter={counter}")),
    };
    let params = format!(
        "{issuer_param}&algorithm={}&digits={}{tail}",
        otp.algorithm().as_str(),
        otp.digits().get()
    );
    let key = otp.expose_key();
    // Reserve everything up front: a reallocation would leave an unwiped copy of the secret behind.
    let capacity = SCHEME.len()
        + kind.len()
        + 1
        + label.len()
        + "?secret=".len()
        + secret::encoded_len(key.len())
        + params.len();
    let mut out = String::with_capacity(capacity);
    out.push_str(SCHEME);
    out.push_str(kind);
    out.push('/');
    out.push_str(&label);
    out.push_str("?secret=");
    secret::encode_base32_into(key, &mut out);
    out.push_str(&params);
    SecretString::new(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = "JBSWY3DPEHPK3PXP";

    fn parse(s: &str) -> Otp {
        parse_uri(s).unwrap()
    }

    fn err(s: &str) -> &'static str {
        parse_field_value(s).unwrap_err().name()
    }

    #[test]
    fn google_example() {
        let otp =
            parse("otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example");
        assert_eq!(otp.issuer(), Some("Example"));
        assert_eq!(otp.account(), "alice@google.com");
        assert_eq!(otp.algorithm(), Algorithm::Sha1);
        assert_eq!(otp.digits().get(), 6);
        assert_eq!(otp.period().map(Period::get), Some(30));
        assert_eq!(otp.secret_base32().expose_secret(), SEED);
    }

    #[test]
    fn all_parameters() {
        let otp = parse(
            "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60",
        );
        assert_eq!(otp.issuer(), Some("ACME Co"));
        assert_eq!(otp.account(), "john.doe@email.com");
        assert_eq!(otp.algorithm(), Algorithm::Sha256);
        assert_eq!(otp.digits().get(), 8);
        assert_eq!(otp.period().map(Period::get), Some(60));
    }

    #[test]
    fn hotp_with_counter() {
        let otp = parse(
            "otpauth://hotp/Svc:me?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=2&period=99",
        );
        assert_eq!(otp.counter(), Some(2));
        assert_eq!(otp.period(), None);
        assert_eq!(otp.code_at(0), "359152");
    }

    #[test]
    fn case_of_scheme_type_and_algorithm() {
        for uri in [
            "OTPAUTH://TOTP/x?secret=JBSWY3DPEHPK3PXP&algorithm=sha512",
            "otpauth://Totp/x?SECRET=JBSWY3DPEHPK3PXP&Algorithm=Sha512",
        ] {
            assert_eq!(parse(uri).algorithm(), Algorithm::Sha512, "{uri}");
        }
        assert_eq!(
            parse("otpauth://HOTP/x?secret=JBSWY3DPEHPK3PXP&counter=0").counter(),
            Some(0)
        );
    }

    #[test]
    fn secret_tolerances() {
        for secret in [
            "jbswy3dpehpk3pxp",
            "JBSW%20Y3DP%20EHPK%203PXP",
            "JBSW+Y3DP+EHPK+3PXP",
            "JBSW-Y3DP-EHPK-3PXP",
            "JBSWY3DPEHPK3PXP%3D%3D%3D",
            "JBSWY3DPEHPK3PXP===",
        ] {
            let otp = parse(&format!("otpauth://totp/x?secret={secret}"));
            assert_eq!(otp.secret_base32().expose_secret(), SEED, "{secret}");
        }
    }

    #[test]
    fn unknown_parameters_and_fragments_are_ignored() {
        let otp = parse(
            "otpauth://totp/x?image=https%3A%2F%2Fexample.com%2Fa.png&secret=JBSWY3DPEHPK3PXP&foo&color=red#frag",
        );
        assert_eq!(otp.secret_base32().expose_secret(), SEED);
    }

    #[test]
    fn first_parameter_wins() {
        let otp = parse("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=7&digits=9&secret=GE");
        assert_eq!(otp.digits().get(), 7);
        assert_eq!(otp.secret_base32().expose_secret(), SEED);
    }

    #[test]
    fn label_forms() {
        let cases = [
            ("Example:alice", None, Some("Example"), "alice"),
            ("Example%3Aalice", None, Some("Example"), "alice"),
            ("Example:%20%20alice", None, Some("Example"), "alice"),
            ("alice", Some("Example"), Some("Example"), "alice"),
            ("Old:alice", Some("New"), Some("New"), "alice"),
            ("A%3AB:alice", Some("A%3AB"), Some("A:B"), "alice"),
            ("alice", None, None, "alice"),
            ("", None, None, ""),
            (":a:b", None, None, "a:b"),
            ("a%2Fb/c", None, None, "a/b/c"),
        ];
        for (label, issuer, want_issuer, want_account) in cases {
            let issuer = issuer.map(|i| format!("&issuer={i}")).unwrap_or_default();
            let otp = parse(&format!("otpauth://totp/{label}?secret={SEED}{issuer}"));
            assert_eq!(otp.issuer(), want_issuer, "{label}");
            assert_eq!(otp.account(), want_account, "{label}");
        }
        let otp = parse(&format!("otpauth://totp?secret={SEED}"));
        assert_eq!(otp.account(), "");
        let otp = parse(&format!("otpauth://totp/x?secret={SEED}&issuer=A+B"));
        assert_eq!(otp.issuer(), Some("A B"));
    }

    #[test]
    fn field_value_accepts_bare_seeds_and_uris() {
        let bare = parse_field_value(" jbsw y3dp ehpk 3pxp ").unwrap();
        assert_eq!(bare.secret_base32().expose_secret(), SEED);
        assert_eq!(bare.period().map(Period::get), Some(30));
        assert_eq!(bare.digits().get(), 6);
        let uri = parse_field_value(&format!("  otpauth://totp/x?secret={SEED}\n")).unwrap();
        assert_eq!(uri.account(), "x");
    }

    #[test]
    fn every_error() {
        assert_eq!(err(""), "EmptySecret");
        assert_eq!(err("  "), "EmptySecret");
        assert_eq!(
            err("https://example.com/?secret=JBSWY3DPEHPK3PXP"),
            "InvalidUri"
        );
        assert_eq!(err("otpauth:totp/x?secret=JBSWY3DPEHPK3PXP"), "InvalidUri");
        assert_eq!(
            err("otpauth://totp/%FF?secret=JBSWY3DPEHPK3PXP"),
            "InvalidUri"
        );
        assert_eq!(
            err("otpauth://steam/x?secret=JBSWY3DPEHPK3PXP"),
            "UnsupportedType"
        );
        assert_eq!(
            err("otpauth:///x?secret=JBSWY3DPEHPK3PXP"),
            "UnsupportedType"
        );
        assert_eq!(err("otpauth://totp/x"), "MissingSecret");
        assert_eq!(err("otpauth://totp/x?issuer=A"), "MissingSecret");
        assert_eq!(err("otpauth://totp/x?secret="), "EmptySecret");
        assert_eq!(err("otpauth://totp/x?secret=%3D%3D"), "EmptySecret");
        assert_eq!(err("otpauth://totp/x?secret=JBSWY3DP0"), "InvalidSecret");
        assert_eq!(err("not base32!"), "InvalidSecret");
        assert_eq!(
            err(&format!("otpauth://totp/x?secret={SEED}&algorithm=MD5")),
            "UnsupportedAlgorithm"
        );
        for d in [
            "5",
            "9",
            "10",
            "-6",
            "6.0",
            "",
            "x",
            "99999999999999999999999",
        ] {
            assert_eq!(
                err(&format!("otpauth://totp/x?secret={SEED}&digits={d}")),
                "InvalidDigits",
                "{d}"
            );
        }
        for p in ["0", "-30", "30s", "", "1e3", "99999999999999999999999"] {
            assert_eq!(
                err(&format!("otpauth://totp/x?secret={SEED}&period={p}")),
                "InvalidPeriod",
                "{p}"
            );
        }
        for c in ["-1", "x", "", "18446744073709551616"] {
            assert_eq!(
                err(&format!("otpauth://hotp/x?secret={SEED}&counter={c}")),
                "InvalidCounter",
                "{c}"
            );
        }
        assert_eq!(
            err(&format!("otpauth://hotp/x?secret={SEED}")),
            "MissingCounter"
        );
    }

    #[test]
    fn errors_never_contain_the_secret() {
        for value in [
            "otpauth://totp/x?secret=JBSWY3DP0EHPK",
            "JBSWY3DP0EHPK",
            "otpauth://JBSWY3DPEHPK/x?secret=JBSWY3DP",
            "JBSWY3DPEHPK3P8",
        ] {
            let message = parse_field_value(value).unwrap_err().to_string();
            assert!(!message.contains("JBSWY3DP"), "{message}");
        }
    }

    #[test]
    fn printing_is_canonical() {
        let otp =
            parse("otpauth://totp/ACME%20Co:john?secret=jbsw-y3dp-ehpk-3pxp%3D&issuer=ACME%20Co");
        assert_eq!(
            otp.to_uri().expose_secret(),
            "otpauth://totp/ACME%20Co:john?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30"
        );
        let hotp = parse("otpauth://hotp/:a%3Ab?secret=GE&counter=7&digits=8&algorithm=sha256");
        assert_eq!(
            hotp.to_uri().expose_secret(),
            "otpauth://hotp/:a%3Ab?secret=GE&algorithm=SHA256&digits=8&counter=7"
        );
        assert_eq!(parse_uri(hotp.to_uri().expose_secret()), Ok(hotp));
        assert_eq!(format!("{:?}", otp.to_uri()), "[REDACTED]");
    }
}
