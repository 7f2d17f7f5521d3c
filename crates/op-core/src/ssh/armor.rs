//! Finding the one PEM block in pasted text and decoding its body.
//!
//! Framing is done here rather than with `pem-rfc7468` because that crate (and so `ssh-key`'s own
//! PEM reader) insists on the exact line width of the tool that wrote the file. Keys arrive pasted
//! from web forms, environment variables and password managers, re-wrapped or joined on one line, so
//! the body is decoded ignoring all whitespace; the binary parsers underneath stay strict.

use data_encoding::BASE64;
use zeroize::Zeroizing;

use super::error::{MAX_INPUT_LEN, SshKeyError};

/// The decoded body of a private-key PEM block, tagged with its container format.
pub(crate) enum Armored {
    /// `-----BEGIN OPENSSH PRIVATE KEY-----`: the `openssh-key-v1` binary format.
    OpenSsh(Zeroizing<Vec<u8>>),
    /// `-----BEGIN RSA PRIVATE KEY-----`: DER `RSAPrivateKey`.
    Pkcs1(Zeroizing<Vec<u8>>),
    /// `-----BEGIN PRIVATE KEY-----`: DER `PrivateKeyInfo`.
    Pkcs8(Zeroizing<Vec<u8>>),
    /// `-----BEGIN EC PRIVATE KEY-----`: DER `ECPrivateKey`.
    Sec1(Zeroizing<Vec<u8>>),
}

/// Labels of PEM blocks that hold a private key we can decode.
enum Container {
    OpenSsh,
    Pkcs1,
    Pkcs8,
    Sec1,
}

/// Strips the PEM armour from `text` and base64-decodes the body.
pub(crate) fn unarmor(text: &str) -> Result<Armored, SshKeyError> {
    if text.len() > MAX_INPUT_LEN {
        return Err(SshKeyError::TooLarge {
            limit: MAX_INPUT_LEN,
        });
    }
    let text = text.trim_start_matches('\u{feff}').trim();
    if text.is_empty() {
        return Err(SshKeyError::Empty);
    }
    refuse_other_formats(text)?;

    let (mut label, mut after) = split_begin(text)?;
    // `openssl ecparam -genkey` without `-noout` writes the curve parameters first.
    if label == "EC PARAMETERS" {
        let (_, rest) = split_end(after, label)?;
        (label, after) = split_begin(rest.trim_start())?;
    }
    let container = container_for(label)?;
    let (body, rest) = split_end(after, label)?;
    if !rest.trim().is_empty() {
        return Err(SshKeyError::malformed("unexpected text after the END line"));
    }
    let der = decode_body(body)?;
    Ok(match container {
        Container::OpenSsh => Armored::OpenSsh(der),
        Container::Pkcs1 => Armored::Pkcs1(der),
        Container::Pkcs8 => Armored::Pkcs8(der),
        Container::Sec1 => Armored::Sec1(der),
    })
}

/// Recognises the things people paste instead of a PEM private key, to say what to do instead.
fn refuse_other_formats(text: &str) -> Result<(), SshKeyError> {
    const PUBLIC_PREFIXES: [&str; 4] = ["ssh-", "ecdsa-sha2-", "sk-ssh-", "sk-ecdsa-"];
    if PUBLIC_PREFIXES.iter().any(|p| text.starts_with(p)) {
        return Err(SshKeyError::PublicKey);
    }
    if text.starts_with("PuTTY-User-Key-File-") {
        return Err(SshKeyError::UnsupportedFormat { format: "PuTTY" });
    }
    if let Some(rest) = text.strip_prefix("---- BEGIN SSH2 ") {
        if rest.starts_with("PUBLIC KEY") {
            return Err(SshKeyError::PublicKey);
        }
        return Err(SshKeyError::UnsupportedFormat {
            format: "SSH2 (ssh.com)",
        });
    }
    Ok(())
}

/// Splits `-----BEGIN <label>-----<rest>` into the label and the rest.
fn split_begin(text: &str) -> Result<(&str, &str), SshKeyError> {
    let after = text
        .strip_prefix("-----BEGIN ")
        .ok_or(SshKeyError::NotPem)?;
    let (label, rest) = after.split_once("-----").ok_or(SshKeyError::NotPem)?;
    let label_ok = !label.is_empty()
        && label
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b' ');
    if label_ok {
        Ok((label, rest))
    } else {
        Err(SshKeyError::NotPem)
    }
}

/// Splits `<body>-----END <label>-----<rest>` into the body and the rest.
fn split_end<'t>(text: &'t str, label: &str) -> Result<(&'t str, &'t str), SshKeyError> {
    let end = format!("-----END {label}-----");
    text.split_once(end.as_str()).ok_or(SshKeyError::malformed(
        "the -----END ...----- line is missing",
    ))
}

fn container_for(label: &str) -> Result<Container, SshKeyError> {
    match label {
        "OPENSSH PRIVATE KEY" => Ok(Container::OpenSsh),
        "RSA PRIVATE KEY" => Ok(Container::Pkcs1),
        "PRIVATE KEY" => Ok(Container::Pkcs8),
        "EC PRIVATE KEY" => Ok(Container::Sec1),
        "ENCRYPTED PRIVATE KEY" => Err(SshKeyError::Encrypted),
        "DSA PRIVATE KEY" => Err(SshKeyError::unsupported("DSA")),
        _ if label.ends_with("PUBLIC KEY") => Err(SshKeyError::PublicKey),
        _ => Err(SshKeyError::UnsupportedFormat {
            format: "a PEM block that holds no private key",
        }),
    }
}

/// Decodes the base64 body, ignoring whitespace, after checking for RFC 1421 headers.
fn decode_body(body: &str) -> Result<Zeroizing<Vec<u8>>, SshKeyError> {
    // OpenSSL marks legacy passphrase-protected PKCS#1 and SEC1 keys with `Proc-Type: 4,ENCRYPTED`.
    if let Some(proc_type) = body
        .lines()
        .find(|l| l.trim_start().starts_with("Proc-Type:"))
        && proc_type.contains("ENCRYPTED")
    {
        return Err(SshKeyError::Encrypted);
    }
    if body.contains(':') {
        return Err(SshKeyError::malformed("unexpected PEM header lines"));
    }
    // Capacity fixed up front so the buffer holding base64 key material never reallocates
    // (a reallocation would leave an unwiped copy behind).
    let mut compact = Zeroizing::new(String::with_capacity(body.len()));
    compact.extend(body.chars().filter(|c| !c.is_whitespace()));
    if compact.is_empty() {
        return Err(SshKeyError::malformed("the key body is empty"));
    }
    BASE64
        .decode(compact.as_bytes())
        .map(Zeroizing::new)
        .map_err(|_| SshKeyError::malformed("the key body is not valid base64"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> SshKeyError {
        match unarmor(text) {
            Ok(_) => panic!("expected an error for {text:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn decodes_a_body_split_any_way() {
        let text =
            "\r\n  -----BEGIN PRIVATE KEY-----\r\nAAEC\r\nAw==\r\n-----END PRIVATE KEY-----\r\n\n";
        let Ok(Armored::Pkcs8(der)) = unarmor(text) else {
            panic!("expected PKCS#8")
        };
        assert_eq!(der.as_slice(), [0, 1, 2, 3]);
        let one_line = "-----BEGIN RSA PRIVATE KEY----- AAEC Aw== -----END RSA PRIVATE KEY-----";
        assert!(matches!(unarmor(one_line), Ok(Armored::Pkcs1(_))));
    }

    #[test]
    fn skips_leading_ec_parameters() {
        let text = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n\
                    -----BEGIN EC PRIVATE KEY-----\nAAEC\n-----END EC PRIVATE KEY-----\n";
        assert!(matches!(unarmor(text), Ok(Armored::Sec1(_))));
    }

    #[test]
    fn names_what_it_got_instead() {
        assert_eq!(err(""), SshKeyError::Empty);
        assert_eq!(err(" \r\n\t"), SshKeyError::Empty);
        assert_eq!(err("hello"), SshKeyError::NotPem);
        assert_eq!(err("-----BEGIN private-----"), SshKeyError::NotPem);
        assert_eq!(
            err("ssh-ed25519 AAAAC3Nz user@host"),
            SshKeyError::PublicKey
        );
        assert_eq!(
            err("-----BEGIN PUBLIC KEY-----\nAA==\n-----END PUBLIC KEY-----"),
            SshKeyError::PublicKey
        );
        assert_eq!(
            err("---- BEGIN SSH2 PUBLIC KEY ----\nAA==\n---- END SSH2 PUBLIC KEY ----"),
            SshKeyError::PublicKey
        );
        assert_eq!(
            err("PuTTY-User-Key-File-3: ssh-ed25519").name(),
            "UnsupportedFormat"
        );
        assert_eq!(
            err("-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----").name(),
            "UnsupportedFormat"
        );
        assert_eq!(
            err("-----BEGIN DSA PRIVATE KEY-----\nAA==\n-----END DSA PRIVATE KEY-----").name(),
            "UnsupportedKeyType"
        );
        assert_eq!(err(&"A".repeat(MAX_INPUT_LEN + 1)).name(), "TooLarge");
    }

    #[test]
    fn refuses_encrypted_containers() {
        assert_eq!(
            err("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAA==\n-----END ENCRYPTED PRIVATE KEY-----"),
            SshKeyError::Encrypted
        );
        let legacy = "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\
                      DEK-Info: AES-256-CBC,00\n\nAA==\n-----END EC PRIVATE KEY-----";
        assert_eq!(err(legacy), SshKeyError::Encrypted);
    }

    #[test]
    fn reports_damage_without_quoting_the_input() {
        let cases = [
            "-----BEGIN PRIVATE KEY-----\nAAEC",
            "-----BEGIN PRIVATE KEY-----\n!!secret!!\n-----END PRIVATE KEY-----",
            "-----BEGIN PRIVATE KEY-----\n\n-----END PRIVATE KEY-----",
            "-----BEGIN PRIVATE KEY-----\nAA==\n-----END PRIVATE KEY-----\nsecret",
            "-----BEGIN PRIVATE KEY-----\nX-Header: secret\n\nAA==\n-----END PRIVATE KEY-----",
        ];
        for case in cases {
            let e = err(case);
            assert_eq!(e.name(), "Malformed", "{case}");
            assert!(!e.to_string().contains("secret"));
        }
    }
}
