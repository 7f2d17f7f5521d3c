//! Memorable passwords: chunks joined by separators, optionally with one chunk upper-cased.
//!
//! Draw order (pinned by the seeded snapshot tests): the capitalised chunk's index first, then for
//! each chunk its preceding separator (if random) and the chunk itself.

use rand::distr::{Distribution, Uniform, slice::Choose};
use rand::{CryptoRng, RngCore};
use zeroize::Zeroizing;

use super::alphabet::{
    SEPARATOR_DIGITS, SEPARATOR_DIGITS_AND_SYMBOLS, SYLLABLE_CONSONANTS, SYLLABLE_TAILS,
    SYLLABLE_VOWELS, THREE_LETTERS_ALPHABET,
};
use super::error::GeneratorError;
use super::options::MemorableOptions;
use super::recipe::{SeparatorType, WordListType};
use super::words::full_words;
use crate::secret::SecretString;

/// Longest chunk (a full word) plus one separator byte.
const MAX_CHUNK_WITH_SEPARATOR: usize = 9;

pub(crate) fn generate<R: RngCore + CryptoRng + ?Sized>(
    rng: &mut R,
    options: &MemorableOptions,
) -> Result<SecretString, GeneratorError> {
    let count = options.word_count;
    let capitalized = if options.capitalize {
        let index = Uniform::new(0, count).map_err(|_| nothing_to_draw("chunk to capitalise"))?;
        Some(index.sample(rng))
    } else {
        None
    };
    let mut password = Zeroizing::new(String::with_capacity(count * MAX_CHUNK_WITH_SEPARATOR));
    let mut chunk = Zeroizing::new(String::with_capacity(MAX_CHUNK_WITH_SEPARATOR));
    for index in 0..count {
        if index > 0 {
            password.push(separator(rng, options.separator)?);
        }
        chunk.clear();
        push_chunk(rng, options.word_list, &mut chunk)?;
        if capitalized == Some(index) {
            chunk.make_ascii_uppercase();
        }
        password.push_str(&chunk);
    }
    Ok(SecretString::new(std::mem::take(&mut *password)))
}

fn separator<R: RngCore + ?Sized>(
    rng: &mut R,
    kind: SeparatorType,
) -> Result<char, GeneratorError> {
    Ok(match kind {
        SeparatorType::Digits => pick(rng, SEPARATOR_DIGITS.as_bytes())?,
        SeparatorType::DigitsAndSymbols => pick(rng, SEPARATOR_DIGITS_AND_SYMBOLS.as_bytes())?,
        SeparatorType::Spaces => ' ',
        SeparatorType::Hyphens => '-',
        SeparatorType::Underscores => '_',
        SeparatorType::Periods => '.',
        SeparatorType::Commas => ',',
    })
}

fn push_chunk<R: RngCore + ?Sized>(
    rng: &mut R,
    list: WordListType,
    out: &mut String,
) -> Result<(), GeneratorError> {
    match list {
        WordListType::FullWords => {
            let words = Choose::new(full_words()).map_err(|_| nothing_to_draw("word"))?;
            out.push_str(words.sample(rng));
        }
        WordListType::Syllables => {
            // Onset, vowel, then one of 18 codas or none: each of the 18 * 5 * 19 syllables is
            // equally likely, which keeps the entropy formula exact.
            out.push(pick(rng, SYLLABLE_CONSONANTS.as_bytes())?);
            out.push(pick(rng, SYLLABLE_VOWELS.as_bytes())?);
            let tail = pick(rng, &SYLLABLE_TAILS)?;
            if tail != '\0' {
                out.push(tail);
            }
        }
        WordListType::ThreeLetters => {
            for _ in 0..3 {
                out.push(pick(rng, THREE_LETTERS_ALPHABET.as_bytes())?);
            }
        }
    }
    Ok(())
}

/// Exactly uniform (Lemire's method with rejection), unlike `IndexedRandom::choose`, whose
/// single-sample shortcut (Canon's method, without rand's `unbiased` feature) is very slightly biased.
fn pick<R: RngCore + ?Sized>(rng: &mut R, set: &[u8]) -> Result<char, GeneratorError> {
    let choice = Choose::new(set).map_err(|_| nothing_to_draw("character"))?;
    Ok(char::from(*choice.sample(rng)))
}

fn nothing_to_draw(what: &str) -> GeneratorError {
    GeneratorError::RandomnessUnavailable(format!("no {what} to draw from"))
}
