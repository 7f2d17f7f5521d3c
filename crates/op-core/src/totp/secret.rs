//! Base32 seeds (RFC 4648) as people paste them: lowercase, grouped with spaces or dashes, padded.
//!
//! Every buffer that holds secret material here is zeroized on drop, including the cleaned-up text.

use std::sync::LazyLock;

use data_encoding::{BASE32_NOPAD, DecodeKind, Encoding, Specification};
use zeroize::Zeroizing;

use super::TotpError;

/// Base32 without padding that ignores the unused low bits of the last character.
///
/// Seeds typed by hand or produced by lax generators sometimes leave those bits set; the bytes they
/// describe are unambiguous, so rejecting them would only lock a user out.
static LENIENT_BASE32: LazyLock<Result<Encoding, data_encoding::SpecificationError>> =
    LazyLock::new(|| {
        let mut spec = Specification::new();
        spec.symbols.push_str("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
        spec.check_trailing_bits = false;
        spec.encoding()
    });

/// Decodes a base32 seed into key bytes.
///
/// Whitespace and dashes anywhere are dropped, letters are upper-cased and trailing `=` padding is
/// removed before decoding. An empty result is [`TotpError::EmptySecret`].
pub(crate) fn decode_base32(text: &str) -> Result<Zeroizing<Vec<u8>>, TotpError> {
    let mut clean = Zeroizing::new(String::with_capacity(text.len()));
    clean.extend(
        text.chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase()),
    );
    let unpadded = clean.trim_end_matches('=');
    if unpadded.is_empty() {
        return Err(TotpError::EmptySecret);
    }
    let encoding = LENIENT_BASE32
        .as_ref()
        .map_err(|_| TotpError::InvalidSecret {
            reason: "the base32 decoder is unavailable".to_owned(),
        })?;
    let input = unpadded.as_bytes();
    let len = encoding
        .decode_len(input.len())
        .map_err(|_| invalid_length(input.len()))?;
    let mut out = Zeroizing::new(vec![0_u8; len]);
    let written =
        encoding
            .decode_mut(input, &mut out)
            .map_err(|partial| match partial.error.kind {
                DecodeKind::Length => invalid_length(input.len()),
                // Positions are counted in the cleaned text; say so, because spaces shift them.
                _ => TotpError::InvalidSecret {
                    reason: format!(
                        "character {} (counting without spaces and dashes) is not base32",
                        partial.error.position + 1
                    ),
                },
            })?;
    out.truncate(written);
    if out.is_empty() {
        return Err(TotpError::EmptySecret);
    }
    Ok(out)
}

fn invalid_length(len: usize) -> TotpError {
    TotpError::InvalidSecret {
        reason: format!(
            "{len} characters cannot be a whole number of bytes; a base32 seed never has 1, 3 or 6 characters left over after groups of 8"
        ),
    }
}

/// Appends the canonical form of `key` (uppercase, unpadded base32) to `out`.
///
/// Callers reserve room first so the secret is never left behind in a reallocated buffer.
pub(crate) fn encode_base32_into(key: &[u8], out: &mut String) {
    BASE32_NOPAD.encode_append(key, out);
}

/// Length of the canonical base32 form of a key of `len` bytes.
pub(crate) fn encoded_len(len: usize) -> usize {
    BASE32_NOPAD.encode_len(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(s: &str) -> Result<Vec<u8>, TotpError> {
        decode_base32(s).map(|k| k.to_vec())
    }

    #[test]
    fn lenient_encoding_builds() {
        assert!(LENIENT_BASE32.is_ok());
    }

    #[test]
    fn accepts_the_forms_people_paste() {
        let want = b"Hello!\xde\xad\xbe\xef".to_vec();
        assert_eq!(decode("JBSWY3DPEHPK3PXP"), Ok(want.clone()));
        assert_eq!(decode("jbswy3dpehpk3pxp"), Ok(want.clone()));
        assert_eq!(decode("JBSW Y3DP EHPK 3PXP"), Ok(want.clone()));
        assert_eq!(decode("jbsw-y3dp-ehpk-3pxp"), Ok(want.clone()));
        assert_eq!(decode("  JBSWY3DPEHPK3PXP\n"), Ok(want.clone()));
        assert_eq!(decode("GE======"), Ok(b"1".to_vec()));
        assert_eq!(decode("ge"), Ok(b"1".to_vec()));
    }

    #[test]
    fn ignores_set_trailing_bits() {
        // "GF" sets a bit past the one whole byte that "GE" encodes.
        assert_eq!(decode("GF"), Ok(b"1".to_vec()));
    }

    #[test]
    fn empty_and_padding_only_are_empty() {
        for s in ["", "   ", "====", "- -"] {
            assert_eq!(decode(s), Err(TotpError::EmptySecret), "{s:?}");
        }
    }

    #[test]
    fn bad_characters_and_lengths_are_invalid_without_echoing_the_secret() {
        let err = decode("JBSWY3DP1HPK").unwrap_err();
        assert_eq!(err.name(), "InvalidSecret");
        assert!(err.to_string().contains("character 9"), "{err}");
        assert!(!err.to_string().contains("JBSW"));
        for s in ["A", "ABC", "ABCDEF", "JBSWY3D0", "AB=CD"] {
            assert_eq!(
                decode(s).map_err(|e| e.name()),
                Err("InvalidSecret"),
                "{s:?}"
            );
        }
    }

    #[test]
    fn encodes_canonically() {
        let mut out = String::new();
        encode_base32_into(b"Hello!\xde\xad\xbe\xef", &mut out);
        assert_eq!(out, "JBSWY3DPEHPK3PXP");
        assert_eq!(encoded_len(10), 16);
        assert_eq!(encoded_len(1), 2);
    }
}
