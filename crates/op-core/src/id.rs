//! Object ids: 26 lowercase base32 characters (RFC 4648 alphabet `a-z2-7`) carrying 128 random bits,
//! the same shape as the ids of the official service (`vhn2qfnmizg6rw4iqottczq3fy`).

use rand::{CryptoRng, RngCore};

use crate::random::{RandomnessUnavailable, with_rng};

/// Length of every id.
pub const ID_LEN: usize = 26;

const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

/// Generates an id from the process CSPRNG.
pub fn new_id() -> Result<String, RandomnessUnavailable> {
    with_rng(new_id_with_rng)
}

/// Generates an id from `rng`: 128 random bits, base32 without padding (26 characters; the last
/// character carries 3 bits, so it is always one of `a e i m q u y 4`).
pub fn new_id_with_rng<R: RngCore + CryptoRng + ?Sized>(rng: &mut R) -> String {
    let mut bytes = [0u8; 16];
    rng.fill_bytes(&mut bytes);
    let bits = u128::from_be_bytes(bytes);
    (0..ID_LEN)
        .map(|i| {
            // 26 * 5 = 130 bits: the 128 bits followed by two zero bits, as RFC 4648 pads.
            let shift = 123_i32 - 5 * i as i32;
            let index = if shift >= 0 {
                (bits >> shift) & 31
            } else {
                (bits << (-shift)) & 31
            };
            char::from(ALPHABET[index as usize])
        })
        .collect()
}

/// Whether `s` has the shape of an id: exactly 26 characters of `a-z` and `0-9`.
///
/// Digits outside `2-7` are accepted because ids minted by other services (imports, the official
/// service) use the wider alphabet; only the length and the lowercase alphanumerics are checked.
pub fn is_valid_id(s: &str) -> bool {
    s.len() == ID_LEN
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha20Rng;

    #[test]
    fn ids_are_26_lowercase_base32_chars() {
        for _ in 0..1000 {
            let id = new_id().unwrap();
            assert_eq!(id.len(), ID_LEN);
            assert!(id.bytes().all(|b| ALPHABET.contains(&b)), "{id}");
            assert!(is_valid_id(&id));
        }
    }

    #[test]
    fn matches_rfc4648_base32_of_the_same_bits() {
        let mut rng = ChaCha20Rng::seed_from_u64(7);
        let mut probe = rng.clone();
        let mut bytes = [0u8; 16];
        probe.fill_bytes(&mut bytes);
        let expected = data_encoding::BASE32_NOPAD.encode(&bytes).to_lowercase();
        assert_eq!(new_id_with_rng(&mut rng), expected);
    }

    #[test]
    fn rejects_wrong_shapes() {
        assert!(!is_valid_id("short"));
        assert!(!is_valid_id("VHN2QFNMIZG6RW4IQOTTCZQ3FY"));
        assert!(!is_valid_id("vhn2qfnmizg6rw4iqottczq3f-"));
        assert!(is_valid_id("vhn2qfnmizg6rw4iqottczq3fy"));
    }
}
