//! `opkit generate`: every recipe of the core's password generator, which also validates them.

use clap::{Args, ValueEnum};
use op_core::generator::{
    PasswordRecipe, PasswordRecipeMemorableInner, PasswordRecipePinInner,
    PasswordRecipeRandomInner, SeparatorType, WordListType,
};
use serde_json::json;

use crate::Globals;
use crate::exit::CliResult;
use crate::output::emit;

/// Which recipe.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Recipe {
    /// Characters from an alphabet without look-alikes.
    Random,
    /// Words or word-like chunks joined by separators.
    Memorable,
    /// Digits only.
    Pin,
}

/// Separators of memorable passwords.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Separator {
    /// A random digit in each gap.
    Digits,
    /// A random digit or symbol in each gap.
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

/// Word lists of memorable passwords.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum WordList {
    /// Dictionary words.
    FullWords,
    /// Pronounceable syllables.
    Syllables,
    /// Three random letters.
    ThreeLetters,
}

/// `opkit generate` arguments.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// The recipe.
    #[arg(long, value_enum, default_value_t = Recipe::Random)]
    recipe: Recipe,
    /// Characters (random: 8-100, default 32) or digits (pin: 4-12, default 6).
    #[arg(long)]
    length: Option<u32>,
    /// Random: no digits.
    #[arg(long)]
    no_digits: bool,
    /// Random: no symbols.
    #[arg(long)]
    no_symbols: bool,
    /// Memorable: number of words (3-15).
    #[arg(long, default_value_t = 4)]
    words: u32,
    /// Memorable: what goes between words.
    #[arg(long, value_enum, default_value_t = Separator::Hyphens)]
    separator: Separator,
    /// Memorable: where the words come from.
    #[arg(long, value_enum, default_value_t = WordList::FullWords)]
    word_list: WordList,
    /// Memorable: upper-case one word.
    #[arg(long)]
    capitalize: bool,
}

impl GenerateArgs {
    /// The core recipe these flags describe.
    pub fn recipe(&self) -> PasswordRecipe {
        match self.recipe {
            Recipe::Random => PasswordRecipe::Random(PasswordRecipeRandomInner {
                include_digits: !self.no_digits,
                include_symbols: !self.no_symbols,
                length: self.length.unwrap_or(32),
            }),
            Recipe::Pin => PasswordRecipe::Pin(PasswordRecipePinInner {
                length: self.length.unwrap_or(6),
            }),
            Recipe::Memorable => PasswordRecipe::Memorable(PasswordRecipeMemorableInner {
                separator_type: match self.separator {
                    Separator::Digits => SeparatorType::Digits,
                    Separator::DigitsAndSymbols => SeparatorType::DigitsAndSymbols,
                    Separator::Spaces => SeparatorType::Spaces,
                    Separator::Hyphens => SeparatorType::Hyphens,
                    Separator::Underscores => SeparatorType::Underscores,
                    Separator::Periods => SeparatorType::Periods,
                    Separator::Commas => SeparatorType::Commas,
                },
                capitalize: self.capitalize,
                word_list_type: match self.word_list {
                    WordList::FullWords => WordListType::FullWords,
                    WordList::Syllables => WordListType::Syllables,
                    WordList::ThreeLetters => WordListType::ThreeLetters,
                },
                word_count: self.words,
            }),
        }
    }
}

/// Runs `opkit generate` (no account needed).
pub fn run(globals: &Globals, args: &GenerateArgs) -> CliResult {
    let response = op_sdk::protocol::generate_password(&args.recipe())?;
    let password = response.password.expose_secret();
    emit(globals.format, &json!({ "password": password }), || {
        password.to_owned()
    })
}
