//! Properties of every valid recipe, and the exact rejection of every invalid one.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use op_core::generator::*;
use proptest::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha20Rng;

const SEPARATORS: [SeparatorType; 7] = [
    SeparatorType::Digits,
    SeparatorType::DigitsAndSymbols,
    SeparatorType::Spaces,
    SeparatorType::Hyphens,
    SeparatorType::Underscores,
    SeparatorType::Periods,
    SeparatorType::Commas,
];
const LISTS: [WordListType; 3] = [
    WordListType::FullWords,
    WordListType::Syllables,
    WordListType::ThreeLetters,
];

fn separator() -> impl Strategy<Value = SeparatorType> {
    proptest::sample::select(&SEPARATORS[..])
}

fn word_list() -> impl Strategy<Value = WordListType> {
    proptest::sample::select(&LISTS[..])
}

fn generate_seeded(recipe: &PasswordRecipe, seed: u64) -> String {
    let mut rng = ChaCha20Rng::seed_from_u64(seed);
    generate_with_rng(&mut rng, recipe)
        .unwrap()
        .expose_secret()
        .to_owned()
}

/// Splits a memorable password into chunks (runs of letters) and separators (everything else).
fn chunks_and_separators(password: &str) -> (Vec<&str>, Vec<char>) {
    let chunks = password.split(|c: char| !c.is_ascii_alphabetic()).collect();
    let separators = password
        .chars()
        .filter(|c| !c.is_ascii_alphabetic())
        .collect();
    (chunks, separators)
}

fn is_syllable(chunk: &str) -> bool {
    let b = chunk.as_bytes();
    let consonant = |c: &u8| SYLLABLE_CONSONANTS.as_bytes().contains(c);
    let vowel = |c: &u8| SYLLABLE_VOWELS.as_bytes().contains(c);
    match b {
        [c, v] => consonant(c) && vowel(v),
        [c, v, k] => consonant(c) && vowel(v) && consonant(k),
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_passwords_follow_the_policy(
        length in RANDOM_MIN_LENGTH..=RANDOM_MAX_LENGTH,
        include_digits: bool,
        include_symbols: bool,
        seed: u64,
    ) {
        check_random(length, include_digits, include_symbols, seed)?;
    }

    #[test]
    fn pins_are_digits_of_the_requested_length(length in PIN_MIN_LENGTH..=PIN_MAX_LENGTH, seed: u64) {
        check_pin(length, seed)?;
    }

    #[test]
    fn memorable_passwords_have_the_requested_shape(
        word_count in MEMORABLE_MIN_WORDS..=MEMORABLE_MAX_WORDS,
        separator_type in separator(),
        word_list_type in word_list(),
        capitalize: bool,
        seed: u64,
    ) {
        check_memorable(word_count, separator_type, word_list_type, capitalize, seed)?;
    }

    #[test]
    fn out_of_range_random_lengths_are_rejected(
        length in prop_oneof![0..RANDOM_MIN_LENGTH, (RANDOM_MAX_LENGTH + 1)..=u32::MAX],
        include_digits: bool,
        include_symbols: bool,
    ) {
        let recipe = PasswordRecipe::Random(PasswordRecipeRandomInner { include_digits, include_symbols, length });
        expect_rejected(&recipe, "Password length must be between 8 and 100")?;
    }

    #[test]
    fn out_of_range_pin_lengths_are_rejected(
        length in prop_oneof![0..PIN_MIN_LENGTH, (PIN_MAX_LENGTH + 1)..=u32::MAX],
    ) {
        expect_rejected(&PasswordRecipe::Pin(PasswordRecipePinInner { length }), "PIN length must be between 4 and 12")?;
    }

    #[test]
    fn out_of_range_word_counts_are_rejected(
        word_count in prop_oneof![0..MEMORABLE_MIN_WORDS, (MEMORABLE_MAX_WORDS + 1)..=u32::MAX],
        separator_type in separator(),
        word_list_type in word_list(),
        capitalize: bool,
    ) {
        let recipe = PasswordRecipe::Memorable(PasswordRecipeMemorableInner {
            separator_type, capitalize, word_list_type, word_count,
        });
        expect_rejected(&recipe, "Word count must be between 3 and 15")?;
    }
}

fn expect_rejected(recipe: &PasswordRecipe, fragment: &str) -> Result<(), TestCaseError> {
    let expected = GeneratorError::InvalidRecipe(vec![fragment.to_owned()]);
    let mut rng = ChaCha20Rng::seed_from_u64(0);
    prop_assert_eq!(
        generate_with_rng(&mut rng, recipe).unwrap_err(),
        expected.clone()
    );
    prop_assert_eq!(generate(recipe).unwrap_err(), expected.clone());
    prop_assert_eq!(recipe_entropy_bits(recipe).unwrap_err(), expected.clone());
    prop_assert_eq!(
        expected.to_string(),
        format!("invalid user input: encountered the following errors: {fragment}")
    );
    prop_assert_eq!(expected.protocol_name(), "InvalidConfiguration");
    Ok(())
}

#[test]
fn every_boundary_is_exact() {
    let random = |length| {
        PasswordRecipe::Random(PasswordRecipeRandomInner {
            include_digits: true,
            include_symbols: true,
            length,
        })
    };
    let pin = |length| PasswordRecipe::Pin(PasswordRecipePinInner { length });
    let memorable = |word_count| {
        PasswordRecipe::Memorable(PasswordRecipeMemorableInner {
            separator_type: SeparatorType::Digits,
            capitalize: true,
            word_list_type: WordListType::FullWords,
            word_count,
        })
    };
    for (recipe, ok) in [
        (random(7), false),
        (random(8), true),
        (random(100), true),
        (random(101), false),
        (pin(3), false),
        (pin(4), true),
        (pin(12), true),
        (pin(13), false),
        (memorable(2), false),
        (memorable(3), true),
        (memorable(15), true),
        (memorable(16), false),
    ] {
        assert_eq!(generate(&recipe).is_ok(), ok, "{recipe:?}");
    }
}

#[test]
fn two_generated_passwords_differ() {
    let recipe = PasswordRecipe::Random(PasswordRecipeRandomInner {
        include_digits: true,
        include_symbols: true,
        length: 20,
    });
    let a = generate(&recipe).unwrap();
    let b = generate(&recipe).unwrap();
    assert_ne!(a.expose_secret(), b.expose_secret());
}

#[test]
fn invalid_configuration_message_joins_with_semicolons() {
    assert_eq!(
        invalid_configuration_message(&["PIN length must be between 4 and 12", "other"]),
        "invalid user input: encountered the following errors: PIN length must be between 4 and 12; other"
    );
}

fn check_random(
    length: u32,
    include_digits: bool,
    include_symbols: bool,
    seed: u64,
) -> Result<(), TestCaseError> {
    let recipe = PasswordRecipe::Random(PasswordRecipeRandomInner {
        include_digits,
        include_symbols,
        length,
    });
    let password = generate_seeded(&recipe, seed);
    prop_assert_eq!(password.len(), length as usize);
    let mut digits = 0;
    let mut symbols = 0;
    for c in password.chars() {
        if RANDOM_DIGITS.contains(c) {
            digits += 1;
        } else if RANDOM_SYMBOLS.contains(c) {
            symbols += 1;
        } else {
            prop_assert!(RANDOM_LETTERS.contains(c), "unexpected {:?}", c);
        }
    }
    prop_assert_eq!(digits > 0, include_digits);
    prop_assert_eq!(symbols > 0, include_symbols);
    Ok(())
}

fn check_pin(length: u32, seed: u64) -> Result<(), TestCaseError> {
    let password = generate_seeded(
        &PasswordRecipe::Pin(PasswordRecipePinInner { length }),
        seed,
    );
    prop_assert_eq!(password.len(), length as usize);
    prop_assert!(password.bytes().all(|b| b.is_ascii_digit()));
    Ok(())
}

fn check_memorable(
    word_count: u32,
    separator_type: SeparatorType,
    word_list_type: WordListType,
    capitalize: bool,
    seed: u64,
) -> Result<(), TestCaseError> {
    let recipe = PasswordRecipe::Memorable(PasswordRecipeMemorableInner {
        separator_type,
        capitalize,
        word_list_type,
        word_count,
    });
    let password = generate_seeded(&recipe, seed);
    let (chunks, separators) = chunks_and_separators(&password);
    prop_assert_eq!(chunks.len(), word_count as usize);
    prop_assert_eq!(separators.len(), word_count as usize - 1);
    for s in &separators {
        let ok = match separator_type {
            SeparatorType::Digits => SEPARATOR_DIGITS.contains(*s),
            SeparatorType::DigitsAndSymbols => SEPARATOR_DIGITS_AND_SYMBOLS.contains(*s),
            SeparatorType::Spaces => *s == ' ',
            SeparatorType::Hyphens => *s == '-',
            SeparatorType::Underscores => *s == '_',
            SeparatorType::Periods => *s == '.',
            SeparatorType::Commas => *s == ',',
        };
        prop_assert!(ok, "separator {:?} for {:?}", s, separator_type);
    }
    let upper = chunks
        .iter()
        .filter(|c| c.bytes().all(|b| b.is_ascii_uppercase()))
        .count();
    let lower = chunks
        .iter()
        .filter(|c| c.bytes().all(|b| b.is_ascii_lowercase()))
        .count();
    prop_assert_eq!(upper, usize::from(capitalize));
    prop_assert_eq!(lower + upper, chunks.len(), "a chunk mixes cases");
    for chunk in &chunks {
        let chunk = chunk.to_ascii_lowercase();
        let ok = match word_list_type {
            WordListType::FullWords => full_words().binary_search(&chunk.as_str()).is_ok(),
            WordListType::Syllables => is_syllable(&chunk),
            WordListType::ThreeLetters => chunk.len() == 3,
        };
        prop_assert!(ok, "chunk {:?} is not from {:?}", chunk, word_list_type);
    }
    Ok(())
}

/// Proptest samples the space; this walks all of it once (every length, flag, list and separator).
#[test]
fn every_valid_recipe_holds_its_invariants() {
    let mut seed = 0;
    let mut next = || {
        seed += 1;
        seed
    };
    for length in RANDOM_MIN_LENGTH..=RANDOM_MAX_LENGTH {
        for (digits, symbols) in [(false, false), (true, false), (false, true), (true, true)] {
            check_random(length, digits, symbols, next()).unwrap();
        }
    }
    for length in PIN_MIN_LENGTH..=PIN_MAX_LENGTH {
        check_pin(length, next()).unwrap();
    }
    for count in MEMORABLE_MIN_WORDS..=MEMORABLE_MAX_WORDS {
        for separator in SEPARATORS {
            for list in LISTS {
                for capitalize in [false, true] {
                    check_memorable(count, separator, list, capitalize, next()).unwrap();
                }
            }
        }
    }
}
