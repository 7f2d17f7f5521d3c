//! Random passwords: every character drawn uniformly and independently, and whole passwords that
//! miss a required class thrown away, so the result is uniform over all policy-satisfying strings.
//! (Inserting the required characters at chosen positions instead would skew the distribution.)

use rand::seq::IndexedRandom;
use rand::{CryptoRng, RngCore};
use zeroize::{Zeroize, Zeroizing};

use super::alphabet::{LETTERS, LETTERS_DIGITS, LETTERS_DIGITS_SYMBOLS, LETTERS_SYMBOLS};
use super::error::GeneratorError;
use super::options::RandomOptions;
use crate::secret::SecretString;

/// Draws after which a Random password still missing a required class is blamed on the RNG.
/// The worst valid recipe (length 8, digits and symbols) is accepted with probability about 1/3
/// per draw, so an honest generator fails this often with probability below 10^-170.
pub const RANDOM_MAX_ATTEMPTS: u32 = 1000;

pub(crate) fn generate<R: RngCore + CryptoRng + ?Sized>(
    rng: &mut R,
    options: &RandomOptions,
) -> Result<SecretString, GeneratorError> {
    let alphabet: &[u8] = match (options.include_digits, options.include_symbols) {
        (false, false) => &LETTERS,
        (true, false) => &LETTERS_DIGITS,
        (false, true) => &LETTERS_SYMBOLS,
        (true, true) => &LETTERS_DIGITS_SYMBOLS,
    };
    let mut password = Zeroizing::new(String::with_capacity(options.length));
    for _ in 0..RANDOM_MAX_ATTEMPTS {
        password.zeroize();
        let mut has_digit = false;
        let mut has_symbol = false;
        for _ in 0..options.length {
            let &byte = alphabet.choose(rng).ok_or_else(empty_alphabet)?;
            has_digit |= byte.is_ascii_digit();
            has_symbol |= !byte.is_ascii_alphanumeric();
            password.push(char::from(byte));
        }
        if (has_digit || !options.include_digits) && (has_symbol || !options.include_symbols) {
            // Moves the buffer out; the emptied `Zeroizing` wrapper has nothing left to wipe.
            return Ok(SecretString::new(std::mem::take(&mut *password)));
        }
    }
    Err(GeneratorError::RandomnessUnavailable(format!(
        "no password containing the required character classes after {RANDOM_MAX_ATTEMPTS} draws"
    )))
}

fn empty_alphabet() -> GeneratorError {
    GeneratorError::RandomnessUnavailable("no character to draw from".into())
}
