//! The account secret key: 128 random bits a person keeps on their devices (and on paper).
//!
//! Format (version `K1`): `K1-XXXXXX-XXXXXX-XXXXX-XXXXX-XXXXX-XXXXX`, 32 characters of Crockford
//! base32 (digits and capital letters without I, L, O, U) encoding 20 bytes: the 16 key bytes and a
//! 4-byte check, the start of `SHA-256("opkit/v1/account-secret-key/check" || key)`. The check turns a
//! mistyped key into a clear "check failed" error instead of a wrong-password error later.
//! Parsing ignores case, spaces and dashes, and reads `O` as `0` and `I`/`L` as `1`.

use std::fmt;

use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

use crate::CryptoError;
use crate::kdf::info;
use crate::random::random_array;
use op_core::SecretString;

/// Number of random bytes in an account secret key.
pub const ACCOUNT_SECRET_KEY_LEN: usize = 16;
/// The version prefix of the formatted key.
pub const ACCOUNT_SECRET_KEY_PREFIX: &str = "K1";

const CHECK_LEN: usize = 4;
const PAYLOAD_LEN: usize = ACCOUNT_SECRET_KEY_LEN + CHECK_LEN;
const SYMBOLS: usize = PAYLOAD_LEN * 8 / 5;
const GROUPS: [usize; 6] = [6, 6, 5, 5, 5, 5];
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A person's account secret key. Wiped on drop; `Debug` and `Display` print `[REDACTED]`; the
/// formatted key is available through [`AccountSecretKey::expose_formatted`].
pub struct AccountSecretKey(Box<[u8; ACCOUNT_SECRET_KEY_LEN]>);

impl AccountSecretKey {
    /// A fresh random key from the process CSPRNG.
    pub fn generate() -> Result<Self, CryptoError> {
        let bytes = random_array::<ACCOUNT_SECRET_KEY_LEN>()?;
        Ok(Self::from_array(&bytes))
    }

    /// Takes ownership of `bytes`; the argument's copy is wiped.
    pub fn from_bytes(mut bytes: [u8; ACCOUNT_SECRET_KEY_LEN]) -> Self {
        let key = Self::from_array(&bytes);
        bytes.zeroize();
        key
    }

    /// The raw key bytes.
    pub fn expose_bytes(&self) -> &[u8; ACCOUNT_SECRET_KEY_LEN] {
        &self.0
    }

    /// The key as people read and type it, e.g. `K1-8Z1G3C-…`.
    pub fn expose_formatted(&self) -> SecretString {
        let mut payload = Zeroizing::new([0u8; PAYLOAD_LEN]);
        for (dst, src) in payload
            .iter_mut()
            .zip(self.0.iter().chain(check(&self.0).iter()))
        {
            *dst = *src;
        }
        let symbols = encode(&payload);
        let mut out =
            String::with_capacity(ACCOUNT_SECRET_KEY_PREFIX.len() + SYMBOLS + GROUPS.len());
        out.push_str(ACCOUNT_SECRET_KEY_PREFIX);
        let mut rest = symbols.as_str();
        for len in GROUPS {
            let (group, tail) = rest.split_at(len.min(rest.len()));
            out.push('-');
            out.push_str(group);
            rest = tail;
        }
        SecretString::new(out)
    }

    /// Reads a formatted key, ignoring case, spaces and dashes.
    pub fn parse(text: &str) -> Result<Self, CryptoError> {
        let chars: Zeroizing<Vec<char>> = Zeroizing::new(
            text.chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .map(alias)
                .collect(),
        );
        let (prefix, symbols) = chars.split_at(chars.len().min(2));
        match prefix {
            ['K', '1'] => {}
            ['A', '3'] => {
                return Err(invalid(
                    "this is a 1Password secret key (A3-...), not an opkit account secret key"
                        .into(),
                ));
            }
            _ => return Err(invalid("it must start with K1".into())),
        }
        if symbols.len() != SYMBOLS {
            return Err(invalid(format!(
                "{} characters after K1, expected {SYMBOLS}",
                symbols.len()
            )));
        }
        let mut values = Zeroizing::new(Vec::with_capacity(SYMBOLS));
        for (position, c) in symbols.iter().enumerate() {
            let value = decode_symbol(*c).ok_or_else(|| {
                invalid(format!(
                    "character {} after K1 is not one of 0-9 and A-Z without U",
                    position + 1
                ))
            })?;
            values.push(value);
        }
        let payload = decode(&values).ok_or_else(|| invalid("wrong length".into()))?;
        let (key, found_check) = payload.split_at(ACCOUNT_SECRET_KEY_LEN);
        let key: [u8; ACCOUNT_SECRET_KEY_LEN] =
            key.try_into().map_err(|_| invalid("wrong length".into()))?;
        let key = Self::from_bytes(key);
        if check(&key.0).as_slice() != found_check {
            return Err(invalid(
                "the check failed, so a character is mistyped".into(),
            ));
        }
        Ok(key)
    }

    fn from_array(bytes: &[u8; ACCOUNT_SECRET_KEY_LEN]) -> Self {
        let mut boxed = Box::new([0u8; ACCOUNT_SECRET_KEY_LEN]);
        boxed.copy_from_slice(bytes);
        Self(boxed)
    }
}

fn invalid(reason: String) -> CryptoError {
    CryptoError::InvalidSecretKey { reason }
}

fn check(key: &[u8; ACCOUNT_SECRET_KEY_LEN]) -> [u8; CHECK_LEN] {
    let digest = Sha256::new()
        .chain_update(info::ACCOUNT_SECRET_KEY_CHECK)
        .chain_update(key)
        .finalize();
    let mut out = [0u8; CHECK_LEN];
    for (dst, src) in out.iter_mut().zip(digest.iter()) {
        *dst = *src;
    }
    out
}

/// 20 bytes → 32 symbols, 5 bytes → 8 symbols at a time, most significant bits first.
fn encode(payload: &[u8; PAYLOAD_LEN]) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::with_capacity(SYMBOLS));
    for chunk in payload.chunks_exact(5) {
        let mut acc = Zeroizing::new(0u64);
        for byte in chunk {
            *acc = (*acc << 8) | u64::from(*byte);
        }
        for shift in (0..8).rev() {
            let index = ((*acc >> (shift * 5)) & 31) as usize;
            out.push(char::from(ALPHABET[index]));
        }
    }
    out
}

/// 32 symbol values → 20 bytes; `None` if a value is out of range (cannot happen after
/// [`decode_symbol`]) or the count is wrong.
fn decode(values: &[u8]) -> Option<Zeroizing<[u8; PAYLOAD_LEN]>> {
    if values.len() != SYMBOLS {
        return None;
    }
    let mut out = Zeroizing::new([0u8; PAYLOAD_LEN]);
    for (chunk, dst) in values.chunks_exact(8).zip(out.chunks_exact_mut(5)) {
        let mut acc = Zeroizing::new(0u64);
        for value in chunk {
            if *value > 31 {
                return None;
            }
            *acc = (*acc << 5) | u64::from(*value);
        }
        for (i, byte) in dst.iter_mut().enumerate() {
            *byte = (*acc >> ((4 - i) * 8)) as u8;
        }
    }
    Some(out)
}

/// Upper case, with Crockford's aliases: `O` reads as `0`, `I` and `L` as `1`.
fn alias(c: char) -> char {
    match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    }
}

/// The value of an (aliased) Crockford base32 symbol; `None` for anything else, including `U`.
fn decode_symbol(c: char) -> Option<u8> {
    let byte = u8::try_from(c).ok()?;
    ALPHABET
        .iter()
        .position(|s| *s == byte)
        .and_then(|p| u8::try_from(p).ok())
}

impl Drop for AccountSecretKey {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl zeroize::ZeroizeOnDrop for AccountSecretKey {}

impl fmt::Debug for AccountSecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl fmt::Display for AccountSecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_of_the_formatted_key() {
        let key = AccountSecretKey::generate().unwrap();
        let text = key.expose_formatted();
        let groups: Vec<usize> = text.expose_secret().split('-').map(str::len).collect();
        assert_eq!(groups, [2, 6, 6, 5, 5, 5, 5]);
        assert!(text.expose_secret().starts_with("K1-"));
        assert_eq!(format!("{key}"), "[REDACTED]");
        assert_eq!(format!("{key:?}"), "[REDACTED]");
    }

    #[test]
    fn parse_is_tolerant_and_round_trips() {
        let key = AccountSecretKey::from_bytes([0xA5; 16]);
        let text = key.expose_formatted();
        let text = text.expose_secret();
        let sloppy = text
            .to_lowercase()
            .replace('-', " ")
            .replace('0', "o")
            .replace('1', "l");
        for form in [text.to_owned(), sloppy, text.replace('-', "")] {
            let back = AccountSecretKey::parse(&form).unwrap();
            assert_eq!(back.expose_bytes(), key.expose_bytes(), "{form}");
        }
    }

    #[test]
    fn mistakes_are_reported_without_echoing_the_key() {
        let key = AccountSecretKey::from_bytes([0x3C; 16]);
        let text = key.expose_formatted().expose_secret().to_owned();
        // One changed symbol: the check catches it.
        let last = text.chars().last().unwrap();
        let swapped = if last == 'Z' { 'Y' } else { 'Z' };
        let typo = format!("{}{swapped}", &text[..text.len() - 1]);
        for bad in [
            typo.as_str(),
            "K1-123",
            "A3-ABCDEF-GHJKMN",
            "",
            "K1-UUUUUU",
            &text[3..],
        ] {
            let err = AccountSecretKey::parse(bad).unwrap_err();
            assert_eq!(err.name(), "InvalidSecretKey");
            let message = err.to_string();
            assert!(!message.contains(&text[3..9]), "{message}");
        }
    }
}
