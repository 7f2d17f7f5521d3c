//! Wire types of `GeneratePassword` (docs/protocol.md §9.5, §9.6), spelled exactly as the official core does.
//!
//! Tags, keys and enum values are case-sensitive and every parameter is required; unknown keys are
//! ignored, as everywhere in the protocol.

use serde::{Deserialize, Serialize};

use crate::secret::SecretString;

/// What kind of password to generate: JSON `{"type": "...", "parameters": {...}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", content = "parameters")]
pub enum PasswordRecipe {
    /// Words or word-like chunks joined by separators.
    Memorable(PasswordRecipeMemorableInner),
    /// Decimal digits only.
    Pin(PasswordRecipePinInner),
    /// Characters drawn from an alphabet without look-alikes.
    Random(PasswordRecipeRandomInner),
}

/// Parameters of [`PasswordRecipe::Memorable`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PasswordRecipeMemorableInner {
    /// What goes between two chunks.
    pub separator_type: SeparatorType,
    /// Whether one whole chunk, chosen at random, is upper-cased.
    pub capitalize: bool,
    /// Where the chunks come from.
    pub word_list_type: WordListType,
    /// Number of chunks (3 to 15).
    pub word_count: u32,
}

/// Parameters of [`PasswordRecipe::Pin`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PasswordRecipePinInner {
    /// Number of digits (4 to 12).
    pub length: u32,
}

/// Parameters of [`PasswordRecipe::Random`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PasswordRecipeRandomInner {
    /// Whether the password contains at least one digit (and whether it may contain any).
    pub include_digits: bool,
    /// Whether the password contains at least one symbol (and whether it may contain any).
    pub include_symbols: bool,
    /// Number of characters (8 to 100).
    pub length: u32,
}

/// Separator placed between the chunks of a memorable password.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum SeparatorType {
    /// A random digit `0`-`9` in each gap.
    Digits,
    /// A random digit or one of `!*-.@_` in each gap.
    DigitsAndSymbols,
    /// A space.
    Spaces,
    /// `-`.
    Hyphens,
    /// `_`.
    Underscores,
    /// `.`.
    Periods,
    /// `,`.
    Commas,
}

/// Source of the chunks of a memorable password.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum WordListType {
    /// Dictionary words from opkit's word list.
    FullWords,
    /// Pronounceable syllables (consonant-vowel or consonant-vowel-consonant).
    Syllables,
    /// Three random lower-case letters.
    ThreeLetters,
}

/// Result of `GeneratePassword`: JSON `{"password": "..."}`. `Debug` prints `[REDACTED]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GeneratePasswordResponse {
    /// The generated password.
    pub password: SecretString,
}
