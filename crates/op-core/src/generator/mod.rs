//! Password generator behind `GeneratePassword`: Random, PIN and Memorable recipes.
//!
//! A [`PasswordRecipe`] (the wire type) is validated into [`PasswordOptions`], with the official
//! core's limits and error messages, and then generated. Every character, chunk, separator and
//! capitalised position is drawn uniformly with rand's unbiased sampling, so the entropy reported by
//! [`recipe_entropy_bits`] is exact. `docs/passwords.md` lists the alphabets and typical entropies.
//!
//! [`generate`] uses the thread's OS-seeded generator ([`crate::random::with_rng`]);
//! [`generate_with_rng`] takes any cryptographic RNG, so tests can seed it.
//!
//! ```
//! use op_core::generator::{
//!     generate, recipe_entropy_bits, PasswordRecipe, PasswordRecipeMemorableInner,
//!     PasswordRecipeRandomInner, SeparatorType, WordListType,
//! };
//!
//! let recipe: PasswordRecipe = serde_json::from_str(
//!     r#"{"type":"Random","parameters":{"includeDigits":true,"includeSymbols":true,"length":20}}"#,
//! )?;
//! assert_eq!(
//!     recipe,
//!     PasswordRecipe::Random(PasswordRecipeRandomInner {
//!         include_digits: true,
//!         include_symbols: true,
//!         length: 20,
//!     })
//! );
//! let password = generate(&recipe)?;
//! assert_eq!(password.expose_secret().len(), 20);
//! assert!(recipe_entropy_bits(&recipe)? > 118.0);
//!
//! let memorable = PasswordRecipe::Memorable(PasswordRecipeMemorableInner {
//!     separator_type: SeparatorType::Hyphens,
//!     capitalize: true,
//!     word_list_type: WordListType::FullWords,
//!     word_count: 4,
//! });
//! assert_eq!(generate(&memorable)?.expose_secret().split('-').count(), 4);
//!
//! let too_short = serde_json::from_str(r#"{"type":"Pin","parameters":{"length":3}}"#)?;
//! let err = generate(&too_short).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "invalid user input: encountered the following errors: PIN length must be between 4 and 12"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod alphabet;
mod entropy;
mod error;
mod memorable;
mod options;
mod pin;
mod random_password;
mod recipe;
mod words;

use rand::{CryptoRng, RngCore};

use crate::secret::SecretString;

pub use alphabet::{
    PIN_DIGITS, RANDOM_DIGITS, RANDOM_LETTERS, RANDOM_SYMBOLS, SEPARATOR_DIGITS,
    SEPARATOR_DIGITS_AND_SYMBOLS, SYLLABLE_CONSONANTS, SYLLABLE_COUNT, SYLLABLE_VOWELS,
    THREE_LETTERS_ALPHABET, THREE_LETTERS_COUNT,
};
pub use entropy::recipe_entropy_bits;
pub use error::{GeneratorError, invalid_configuration_message};
pub use options::{
    MEMORABLE_MAX_WORDS, MEMORABLE_MIN_WORDS, MemorableOptions, PIN_MAX_LENGTH, PIN_MIN_LENGTH,
    PasswordOptions, PinOptions, RANDOM_MAX_LENGTH, RANDOM_MIN_LENGTH, RandomOptions,
};
pub use random_password::RANDOM_MAX_ATTEMPTS;
pub use recipe::{
    GeneratePasswordResponse, PasswordRecipe, PasswordRecipeMemorableInner, PasswordRecipePinInner,
    PasswordRecipeRandomInner, SeparatorType, WordListType,
};
pub use words::{FULL_WORDS_COUNT, full_words};

/// Generates a password for `recipe` with the thread's OS-seeded generator.
pub fn generate(recipe: &PasswordRecipe) -> Result<SecretString, GeneratorError> {
    let options = PasswordOptions::from_recipe(recipe)?;
    crate::random::with_rng(|rng| options.generate_with_rng(rng))?
}

/// Generates a password for `recipe` with `rng`; a seeded `rng` gives a reproducible password.
pub fn generate_with_rng<R: RngCore + CryptoRng + ?Sized>(
    rng: &mut R,
    recipe: &PasswordRecipe,
) -> Result<SecretString, GeneratorError> {
    PasswordOptions::from_recipe(recipe)?.generate_with_rng(rng)
}

impl PasswordOptions {
    /// Generates a password with these (already validated) options.
    pub fn generate_with_rng<R: RngCore + CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
    ) -> Result<SecretString, GeneratorError> {
        match self {
            Self::Random(o) => random_password::generate(rng, o),
            Self::Pin(o) => pin::generate(rng, o),
            Self::Memorable(o) => memorable::generate(rng, o),
        }
    }
}
