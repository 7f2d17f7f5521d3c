//! Exact entropy of a recipe: log2 of the number of passwords it can produce, all equally likely.

use super::alphabet::{
    PIN_DIGITS, RANDOM_DIGITS, RANDOM_LETTERS, RANDOM_SYMBOLS, SEPARATOR_DIGITS,
    SEPARATOR_DIGITS_AND_SYMBOLS, SYLLABLE_COUNT, THREE_LETTERS_COUNT,
};
use super::error::GeneratorError;
use super::options::{MemorableOptions, PasswordOptions, PinOptions, RandomOptions};
use super::recipe::{PasswordRecipe, SeparatorType, WordListType};
use super::words::FULL_WORDS_COUNT;

/// Entropy in bits of passwords generated from `recipe`, or the validation error it would get.
pub fn recipe_entropy_bits(recipe: &PasswordRecipe) -> Result<f64, GeneratorError> {
    PasswordOptions::from_recipe(recipe).map(|options| options.entropy_bits())
}

impl PasswordOptions {
    /// Entropy in bits of passwords generated with these options.
    pub fn entropy_bits(&self) -> f64 {
        match self {
            Self::Random(o) => random_bits(o),
            Self::Pin(o) => pin_bits(o),
            Self::Memorable(o) => memorable_bits(o),
        }
    }
}

/// Strings of length n over the chosen alphabet (size a) that contain every required class, by
/// inclusion-exclusion: a^n - (a-d)^n - (a-s)^n + (a-d-s)^n. Factoring out a^n keeps every term
/// within f64 range up to length 100 and the subtraction well-conditioned.
fn random_bits(o: &RandomOptions) -> f64 {
    let letters = count(RANDOM_LETTERS);
    let digits = if o.include_digits {
        count(RANDOM_DIGITS)
    } else {
        0.0
    };
    let symbols = if o.include_symbols {
        count(RANDOM_SYMBOLS)
    } else {
        0.0
    };
    let size = letters + digits + symbols;
    let n = f64::from(u32::try_from(o.length).unwrap_or(u32::MAX));
    let share = |excluded: f64| ((size - excluded) / size).powf(n);
    let mut fraction = 1.0;
    if o.include_digits {
        fraction -= share(digits);
    }
    if o.include_symbols {
        fraction -= share(symbols);
    }
    if o.include_digits && o.include_symbols {
        fraction += share(digits + symbols);
    }
    n * size.log2() + fraction.log2()
}

fn pin_bits(o: &PinOptions) -> f64 {
    o.length as f64 * count(PIN_DIGITS).log2()
}

fn memorable_bits(o: &MemorableOptions) -> f64 {
    let chunks = o.word_count as f64;
    let list_size = match o.word_list {
        WordListType::FullWords => FULL_WORDS_COUNT,
        WordListType::Syllables => SYLLABLE_COUNT,
        WordListType::ThreeLetters => THREE_LETTERS_COUNT,
    } as f64;
    let separator_bits = match o.separator {
        SeparatorType::Digits => count(SEPARATOR_DIGITS).log2(),
        SeparatorType::DigitsAndSymbols => count(SEPARATOR_DIGITS_AND_SYMBOLS).log2(),
        _ => 0.0,
    };
    // Chunks are lower-case letters and separators never are, so (chunks, separators, capitalised
    // index) maps to distinct strings and the parts add up.
    let capital_bits = if o.capitalize { chunks.log2() } else { 0.0 };
    chunks * list_size.log2() + (chunks - 1.0) * separator_bits + capital_bits
}

fn count(alphabet: &str) -> f64 {
    alphabet.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generator::recipe::*;

    fn random(length: u32, include_digits: bool, include_symbols: bool) -> f64 {
        let recipe = PasswordRecipe::Random(PasswordRecipeRandomInner {
            include_digits,
            include_symbols,
            length,
        });
        recipe_entropy_bits(&recipe).unwrap()
    }

    /// Brute-force count over a tiny alphabet model is impossible at length 8 (61^8), so check the
    /// inclusion-exclusion against an independent exact integer computation instead.
    #[test]
    fn random_matches_exact_integer_count() {
        for length in [8u32, 9, 10] {
            let n = length;
            let (a, d, s) = (61u128, 7u128, 6u128);
            let exact = a.pow(n) - (a - d).pow(n) - (a - s).pow(n) + (a - d - s).pow(n);
            let expected = (exact as f64).log2();
            assert!((random(length, true, true) - expected).abs() < 1e-9);
        }
        assert!((random(8, false, false) - 8.0 * 48f64.log2()).abs() < 1e-12);
        let only_digits = (55f64.powi(8) - 48f64.powi(8)).log2();
        assert!((random(8, true, false) - only_digits).abs() < 1e-9);
    }

    #[test]
    fn pin_and_memorable_add_up() {
        let pin = recipe_entropy_bits(&PasswordRecipe::Pin(PasswordRecipePinInner { length: 6 }))
            .unwrap();
        assert!((pin - 6.0 * 10f64.log2()).abs() < 1e-12);
        let memorable =
            recipe_entropy_bits(&PasswordRecipe::Memorable(PasswordRecipeMemorableInner {
                separator_type: SeparatorType::DigitsAndSymbols,
                capitalize: true,
                word_list_type: WordListType::FullWords,
                word_count: 4,
            }))
            .unwrap();
        assert!((memorable - (4.0 * 13.0 + 3.0 * 4.0 + 2.0)).abs() < 1e-12);
    }

    #[test]
    fn invalid_recipe_has_no_entropy() {
        assert!(
            recipe_entropy_bits(&PasswordRecipe::Pin(PasswordRecipePinInner { length: 2 }))
                .is_err()
        );
    }
}
