//! Base32 seeds (RFC 4648) as people paste them: lowercase, grouped with spaces or dashes, padded,
//! and of any length.
//!
//! Every buffer that holds secret material here is zeroized on drop, including the cleaned-up text.

use data_encoding::BASE32_NOPAD;
use zeroize::{Zeroize, Zeroizing};

use super::TotpError;

/// The value of one base32 symbol (`A-Z` then `2-7`), or `None` for anything else.
fn symbol_value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'2'..=b'7' => Some(c - b'2' + 26),
        _ => None,
    }
}

/// Decodes a base32 seed into key bytes, as leniently as the official core and authenticator apps.
///
/// Whitespace and dashes anywhere are dropped, letters are upper-cased and trailing `=` padding is
/// removed. Any number of characters is accepted: the bits of a last character that do not fill a
/// whole byte are dropped (the official SDK examples use a 17-character seed, 85 bits, 10 bytes).
/// A seed that decodes to no byte at all is [`TotpError::EmptySecret`].
pub(crate) fn decode_base32(text: &str) -> Result<Zeroizing<Vec<u8>>, TotpError> {
    let mut clean = Zeroizing::new(String::with_capacity(text.len()));
    clean.extend(
        text.chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase()),
    );
    let unpadded = clean.trim_end_matches('=');
    let mut out = Zeroizing::new(Vec::with_capacity(unpadded.len() * 5 / 8));
    let mut bits: u32 = 0;
    let mut count: u32 = 0;
    for (position, c) in unpadded.chars().enumerate() {
        let Some(value) = u8::try_from(c).ok().and_then(symbol_value) else {
            bits.zeroize();
            // Positions are counted in the cleaned text; say so, because spaces shift them.
            return Err(TotpError::InvalidSecret {
                reason: format!(
                    "character {} (counting without spaces and dashes) is not base32",
                    position + 1
                ),
            });
        };
        bits = (bits << 5) | u32::from(value);
        count += 5;
        if count >= 8 {
            count -= 8;
            // Truncation keeps exactly the eight bits above the `count` still pending.
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    bits.zeroize();
    if out.is_empty() {
        return Err(TotpError::EmptySecret);
    }
    Ok(out)
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
    fn any_length_drops_the_bits_that_do_not_fill_a_byte() {
        // The seed of the official SDKs' example programs: 17 characters, 85 bits, 10 bytes.
        let key = decode("jncrjgbdjnrncbjsr").unwrap();
        assert_eq!(key.len(), 10);
        assert_eq!(
            decode("JNCRJGBDJNRNCBJS").unwrap(),
            key,
            "the 17th character adds no byte"
        );
        // 3 and 6 characters (15 and 30 bits) are 1 and 3 bytes.
        assert_eq!(decode("GEZ"), Ok(b"1".to_vec()));
        assert_eq!(decode("GEZDGN"), Ok(b"123".to_vec()));
        assert_eq!(decode("GEZDGN=="), Ok(b"123".to_vec()));
    }

    #[test]
    fn empty_and_padding_only_are_empty() {
        // One character is 5 bits: not a byte, so nothing to compute a code from.
        for s in ["", "   ", "====", "- -", "A", "a=======", "\u{a0}"] {
            assert_eq!(decode(s), Err(TotpError::EmptySecret), "{s:?}");
        }
    }

    #[test]
    fn bad_characters_and_lengths_are_invalid_without_echoing_the_secret() {
        let err = decode("JBSWY3DP1HPK").unwrap_err();
        assert_eq!(err.name(), "InvalidSecret");
        assert!(err.to_string().contains("character 9"), "{err}");
        assert!(!err.to_string().contains("JBSW"));
        for s in ["JBSWY3D0", "AB=CD", "ABC\u{e9}", "GEZDGNBV1"] {
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
