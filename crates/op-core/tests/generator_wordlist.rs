//! The compiled-in `fullWords` list honours the build script's denylist.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use op_core::generator::{FULL_WORDS_COUNT, full_words};

const DENYLIST: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tools/wordlist/denylist.txt"
));

#[test]
fn no_denylisted_word_is_in_the_list() {
    let words = full_words();
    let mut checked = 0;
    for line in DENYLIST.lines() {
        let word = line.split('#').next().unwrap_or("").trim();
        if word.is_empty() {
            continue;
        }
        checked += 1;
        assert!(
            words.binary_search(&word).is_err(),
            "denylisted word {word} is in the list"
        );
    }
    assert!(checked > 100);
}

#[test]
fn list_is_a_power_of_two_above_the_diceware_size() {
    assert_eq!(FULL_WORDS_COUNT, 8192);
    assert!(full_words().len() > 7776);
}
