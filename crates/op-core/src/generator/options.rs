//! Limits, and recipes validated into options that can no longer be out of range.

use super::error::GeneratorError;
use super::recipe::{PasswordRecipe, SeparatorType, WordListType};

/// Shortest Random password.
pub const RANDOM_MIN_LENGTH: u32 = 8;
/// Longest Random password.
pub const RANDOM_MAX_LENGTH: u32 = 100;
/// Shortest PIN. The official core accepts 3 despite its message (quirk Q10); see ADR 0003.
pub const PIN_MIN_LENGTH: u32 = 4;
/// Longest PIN.
pub const PIN_MAX_LENGTH: u32 = 12;
/// Fewest chunks of a Memorable password.
pub const MEMORABLE_MIN_WORDS: u32 = 3;
/// Most chunks of a Memorable password.
pub const MEMORABLE_MAX_WORDS: u32 = 15;

/// A recipe that passed validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordOptions {
    /// See [`RandomOptions`].
    Random(RandomOptions),
    /// See [`PinOptions`].
    Pin(PinOptions),
    /// See [`MemorableOptions`].
    Memorable(MemorableOptions),
}

/// A valid Random recipe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RandomOptions {
    pub(crate) length: usize,
    pub(crate) include_digits: bool,
    pub(crate) include_symbols: bool,
}

/// A valid PIN recipe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PinOptions {
    pub(crate) length: usize,
}

/// A valid Memorable recipe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemorableOptions {
    pub(crate) word_count: usize,
    pub(crate) separator: SeparatorType,
    pub(crate) capitalize: bool,
    pub(crate) word_list: WordListType,
}

impl PasswordOptions {
    /// Checks every limit of `recipe`; all violations are reported together, as the official core
    /// does, with its exact message fragments.
    pub fn from_recipe(recipe: &PasswordRecipe) -> Result<Self, GeneratorError> {
        let mut errors = Vec::new();
        let options = match recipe {
            PasswordRecipe::Random(p) => {
                check(
                    &mut errors,
                    p.length,
                    RANDOM_MIN_LENGTH,
                    RANDOM_MAX_LENGTH,
                    "Password length",
                );
                Self::Random(RandomOptions {
                    length: to_usize(p.length),
                    include_digits: p.include_digits,
                    include_symbols: p.include_symbols,
                })
            }
            PasswordRecipe::Pin(p) => {
                check(
                    &mut errors,
                    p.length,
                    PIN_MIN_LENGTH,
                    PIN_MAX_LENGTH,
                    "PIN length",
                );
                Self::Pin(PinOptions {
                    length: to_usize(p.length),
                })
            }
            PasswordRecipe::Memorable(p) => {
                check(
                    &mut errors,
                    p.word_count,
                    MEMORABLE_MIN_WORDS,
                    MEMORABLE_MAX_WORDS,
                    "Word count",
                );
                Self::Memorable(MemorableOptions {
                    word_count: to_usize(p.word_count),
                    separator: p.separator_type,
                    capitalize: p.capitalize,
                    word_list: p.word_list_type,
                })
            }
        };
        if errors.is_empty() {
            Ok(options)
        } else {
            Err(GeneratorError::InvalidRecipe(errors))
        }
    }
}

impl RandomOptions {
    /// Number of characters.
    pub fn length(&self) -> usize {
        self.length
    }
    /// Whether at least one digit is guaranteed (and any allowed).
    pub fn include_digits(&self) -> bool {
        self.include_digits
    }
    /// Whether at least one symbol is guaranteed (and any allowed).
    pub fn include_symbols(&self) -> bool {
        self.include_symbols
    }
}

impl PinOptions {
    /// Number of digits.
    pub fn length(&self) -> usize {
        self.length
    }
}

impl MemorableOptions {
    /// Number of chunks.
    pub fn word_count(&self) -> usize {
        self.word_count
    }
    /// What goes between chunks.
    pub fn separator(&self) -> SeparatorType {
        self.separator
    }
    /// Whether one chunk is upper-cased.
    pub fn capitalize(&self) -> bool {
        self.capitalize
    }
    /// Where chunks come from.
    pub fn word_list(&self) -> WordListType {
        self.word_list
    }
}

fn check(errors: &mut Vec<String>, value: u32, min: u32, max: u32, what: &str) {
    if !(min..=max).contains(&value) {
        errors.push(format!("{what} must be between {min} and {max}"));
    }
}

/// Values reaching here are either validated (at most 100) or about to be discarded with an error,
/// so saturating is never observable.
fn to_usize(value: u32) -> usize {
    usize::try_from(value).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generator::recipe::PasswordRecipePinInner;

    #[test]
    fn pin_of_three_is_rejected_unlike_the_official_core() {
        let err = PasswordOptions::from_recipe(&PasswordRecipe::Pin(PasswordRecipePinInner {
            length: 3,
        }));
        assert_eq!(
            err,
            Err(GeneratorError::InvalidRecipe(vec![
                "PIN length must be between 4 and 12".into()
            ]))
        );
    }
}
