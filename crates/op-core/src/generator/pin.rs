//! PINs: decimal digits drawn uniformly.

use rand::seq::IndexedRandom;
use rand::{CryptoRng, RngCore};
use zeroize::Zeroizing;

use super::alphabet::PIN_DIGITS;
use super::error::GeneratorError;
use super::options::PinOptions;
use crate::secret::SecretString;

pub(crate) fn generate<R: RngCore + CryptoRng + ?Sized>(
    rng: &mut R,
    options: &PinOptions,
) -> Result<SecretString, GeneratorError> {
    let digits = PIN_DIGITS.as_bytes();
    let mut pin = Zeroizing::new(String::with_capacity(options.length));
    for _ in 0..options.length {
        let &digit = digits
            .choose(rng)
            .ok_or_else(|| GeneratorError::RandomnessUnavailable("no digit to draw from".into()))?;
        pin.push(char::from(digit));
    }
    Ok(SecretString::new(std::mem::take(&mut *pin)))
}
