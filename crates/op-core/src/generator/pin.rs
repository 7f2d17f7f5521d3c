//! PINs: decimal digits drawn uniformly.

use rand::distr::{Distribution, slice::Choose};
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
    let digits = Choose::new(PIN_DIGITS.as_bytes())
        .map_err(|_| GeneratorError::RandomnessUnavailable("no digit to draw from".into()))?;
    let mut pin = Zeroizing::new(String::with_capacity(options.length));
    for _ in 0..options.length {
        pin.push(char::from(*digits.sample(rng)));
    }
    Ok(SecretString::new(std::mem::take(&mut *pin)))
}
