//! The code computation of RFC 4226 (HOTP) and RFC 6238 (TOTP) as pure functions.
//!
//! One HMAC of the 8-byte big-endian counter, dynamic truncation to 31 bits, then modulo
//! `10^digits` in u64 and zero-padding.

use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Sha256, Sha512};

use super::{Algorithm, Digits, Period};

/// The HOTP code for `counter` (RFC 4226 §5.3), zero-padded to exactly `digits` digits.
pub fn hotp(key: &[u8], algorithm: Algorithm, digits: Digits, counter: u64) -> String {
    let message = counter.to_be_bytes();
    let binary = match algorithm {
        Algorithm::Sha1 => truncated::<Hmac<Sha1>>(key, &message),
        Algorithm::Sha256 => truncated::<Hmac<Sha256>>(key, &message),
        Algorithm::Sha512 => truncated::<Hmac<Sha512>>(key, &message),
    };
    let value = u64::from(binary) % digits.modulus();
    format!("{value:0width$}", width = usize::from(digits.get()))
}

/// The TOTP code at `unix_time` seconds (RFC 6238 §4.2, with T0 = 0).
pub fn totp(
    key: &[u8],
    algorithm: Algorithm,
    digits: Digits,
    period: Period,
    unix_time: u64,
) -> String {
    hotp(key, algorithm, digits, time_step(period, unix_time))
}

/// The TOTP counter `T` for a time: whole periods since the epoch.
pub fn time_step(period: Period, unix_time: u64) -> u64 {
    unix_time / period.get()
}

/// Seconds until the code changes, always in `1..=period`.
pub fn seconds_remaining(period: Period, unix_time: u64) -> u64 {
    period.get() - unix_time % period.get()
}

/// HMAC of `message` under `key`, dynamically truncated to a 31-bit number (RFC 4226 §5.4).
fn truncated<M: Mac + hmac::digest::KeyInit>(key: &[u8], message: &[u8]) -> u32 {
    // HMAC takes keys of any length (RFC 2104 hashes long ones); hmac 0.12 never returns Err here.
    let Ok(mut mac) = <M as hmac::digest::KeyInit>::new_from_slice(key) else {
        return 0;
    };
    mac.update(message);
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest.last().copied().unwrap_or(0) & 0x0f);
    // Iterating rather than slicing keeps this panic-free; every supported digest is at least 20
    // bytes, so the four bytes at offset <= 15 always exist.
    let word = digest
        .iter()
        .skip(offset)
        .take(4)
        .fold(0_u32, |acc, byte| (acc << 8) | u32::from(*byte));
    word & 0x7fff_ffff
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(d: u64) -> Digits {
        Digits::new(d).unwrap()
    }

    #[test]
    fn rfc4226_appendix_d_first_values() {
        let key = b"12345678901234567890";
        let want = ["755224", "287082", "359152", "969429", "338314"];
        for (counter, code) in want.iter().enumerate() {
            assert_eq!(hotp(key, Algorithm::Sha1, digits(6), counter as u64), *code);
        }
    }

    #[test]
    fn rfc4226_truncation_intermediate() {
        // RFC 4226 Appendix D lists the truncated value for counter 0.
        assert_eq!(
            truncated::<Hmac<Sha1>>(b"12345678901234567890", &0_u64.to_be_bytes()),
            1_284_755_224
        );
    }

    #[test]
    fn any_key_length_gives_a_code() {
        for len in [0_usize, 1, 20, 64, 65, 128, 129, 300] {
            let key = vec![0xA5_u8; len];
            for alg in [Algorithm::Sha1, Algorithm::Sha256, Algorithm::Sha512] {
                let code = hotp(&key, alg, digits(8), 1);
                assert_eq!(code.len(), 8);
                assert!(code.bytes().all(|b| b.is_ascii_digit()));
            }
        }
    }

    #[test]
    fn codes_are_zero_padded() {
        // RFC 6238: SHA1, T = 1111111109 gives 07081804 with 8 digits.
        let key = b"12345678901234567890";
        let p = Period::new(30).unwrap();
        assert_eq!(
            totp(key, Algorithm::Sha1, digits(8), p, 1_111_111_109),
            "07081804"
        );
        assert_eq!(
            totp(key, Algorithm::Sha1, digits(6), p, 1_111_111_109),
            "081804"
        );
    }

    #[test]
    fn time_step_and_remaining() {
        let p = Period::new(30).unwrap();
        assert_eq!(time_step(p, 59), 1);
        assert_eq!(seconds_remaining(p, 0), 30);
        assert_eq!(seconds_remaining(p, 29), 1);
        assert_eq!(seconds_remaining(p, 30), 30);
        let one = Period::new(1).unwrap();
        assert_eq!(seconds_remaining(one, u64::MAX), 1);
        let max = Period::new(u64::MAX).unwrap();
        assert_eq!(time_step(max, u64::MAX), 1);
        assert_eq!(seconds_remaining(max, u64::MAX), u64::MAX);
    }
}
