//! Random passwords: every character drawn uniformly and independently, and whole passwords that
//! miss a required class thrown away, so the result is uniform over all policy-satisfying strings.
//! (Inserting the required characters at chosen positions instead would skew the distribution.)

use rand::distr::{Distribution, Uniform};
use rand::{CryptoRng, RngCore};
use zeroize::Zeroize;

use super::alphabet::{LETTERS, LETTERS_DIGITS, LETTERS_DIGITS_SYMBOLS, LETTERS_SYMBOLS};
use super::error::GeneratorError;
use super::options::{RANDOM_MAX_LENGTH, RandomOptions};
use crate::secret::SecretString;

/// Draws after which a Random password still missing a required class is blamed on the RNG.
/// The worst valid recipe (length 8, digits and symbols) is accepted with probability about 1/3
/// per draw, so an honest generator fails this often with probability below 10^-170.
pub const RANDOM_MAX_ATTEMPTS: u32 = 1000;

const BUFFER_LEN: usize = RANDOM_MAX_LENGTH as usize;

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
    // `Uniform` precomputes Lemire's rejection threshold: exactly uniform, one multiply per draw.
    // (u32 rather than usize: rand inlines its u32 sampler, which makes this twice as fast.)
    let alphabet_len = u32::try_from(alphabet.len()).map_err(|_| nothing_to_draw())?;
    let indices = Uniform::new(0, alphabet_len).map_err(|_| nothing_to_draw())?;
    // Candidates live on the stack and are wiped on every exit, so rejected ones leave no copy.
    let mut storage = [0u8; BUFFER_LEN];
    let candidate = WipeOnDrop(storage.get_mut(..options.length).ok_or_else(too_long)?);
    for _ in 0..RANDOM_MAX_ATTEMPTS {
        for slot in candidate.0.iter_mut() {
            let index = usize::try_from(indices.sample(rng)).map_err(|_| nothing_to_draw())?;
            *slot = *alphabet.get(index).ok_or_else(nothing_to_draw)?;
        }
        let has_digit = candidate.0.iter().any(u8::is_ascii_digit);
        let has_symbol = candidate.0.iter().any(|b| !b.is_ascii_alphanumeric());
        if (has_digit || !options.include_digits) && (has_symbol || !options.include_symbols) {
            return ascii_secret(candidate.0);
        }
    }
    Err(GeneratorError::RandomnessUnavailable(format!(
        "no password containing the required character classes after {RANDOM_MAX_ATTEMPTS} draws"
    )))
}

/// Copies ASCII bytes into a `SecretString` with one exact-size allocation.
fn ascii_secret(bytes: &[u8]) -> Result<SecretString, GeneratorError> {
    String::from_utf8(bytes.to_vec())
        .map(SecretString::new)
        .map_err(|err| {
            err.into_bytes().zeroize();
            GeneratorError::RandomnessUnavailable("generated a non-ASCII character".into())
        })
}

struct WipeOnDrop<'a>(&'a mut [u8]);

impl Drop for WipeOnDrop<'_> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

fn nothing_to_draw() -> GeneratorError {
    GeneratorError::RandomnessUnavailable("no character to draw from".into())
}

fn too_long() -> GeneratorError {
    GeneratorError::InvalidRecipe(vec![format!(
        "Password length must be between 8 and {RANDOM_MAX_LENGTH}"
    )])
}
