//! The character sets of every recipe (docs/protocol.md §11.1), as public constants so docs, tests and
//! bindings can refer to them.

/// Letters of Random passwords: no `I`, `O`, `S` or `l`, which are easily mistaken for `1`, `0`, `5`.
pub const RANDOM_LETTERS: &str = "ABCDEFGHJKLMNPQRTUVWXYZabcdefghijkmnopqrstuvwxyz";
/// Digits of Random passwords: no `0`, `1` or `5`, for the same reason.
pub const RANDOM_DIGITS: &str = "2346789";
/// Symbols of Random passwords.
pub const RANDOM_SYMBOLS: &str = "!*-.@_";
/// Digits of PINs.
pub const PIN_DIGITS: &str = "0123456789";
/// Choices for one `digits` separator of a Memorable password.
pub const SEPARATOR_DIGITS: &str = "0123456789";
/// Choices for one `digitsAndSymbols` separator of a Memorable password.
pub const SEPARATOR_DIGITS_AND_SYMBOLS: &str = "0123456789!*-.@_";
/// Consonants of `syllables` chunks (no `q`, `x`, `y`, which make unpronounceable pairs).
pub const SYLLABLE_CONSONANTS: &str = "bcdfghjklmnprstvwz";
/// Vowels of `syllables` chunks.
pub const SYLLABLE_VOWELS: &str = "aeiou";
/// Letters of `threeLetters` chunks.
pub const THREE_LETTERS_ALPHABET: &str = "abcdefghijklmnopqrstuvwxyz";

/// Number of distinct `syllables` chunks: consonant-vowel plus consonant-vowel-consonant.
pub const SYLLABLE_COUNT: usize =
    SYLLABLE_CONSONANTS.len() * SYLLABLE_VOWELS.len() * (1 + SYLLABLE_CONSONANTS.len());
/// Number of distinct `threeLetters` chunks.
pub const THREE_LETTERS_COUNT: usize = THREE_LETTERS_ALPHABET.len().pow(3);

/// Random alphabets for each combination of classes, built at compile time so drawing a character
/// is one uniform sample from a slice.
pub(crate) const LETTERS: [u8; 48] = join([RANDOM_LETTERS, "", ""]);
pub(crate) const LETTERS_DIGITS: [u8; 55] = join([RANDOM_LETTERS, RANDOM_DIGITS, ""]);
pub(crate) const LETTERS_SYMBOLS: [u8; 54] = join([RANDOM_LETTERS, RANDOM_SYMBOLS, ""]);
pub(crate) const LETTERS_DIGITS_SYMBOLS: [u8; 61] =
    join([RANDOM_LETTERS, RANDOM_DIGITS, RANDOM_SYMBOLS]);

/// Tail of a syllable: a closing consonant, or `0` for none. Drawing uniformly from these 19 makes
/// every one of the [`SYLLABLE_COUNT`] syllables equally likely.
pub(crate) const SYLLABLE_TAILS: [u8; 19] = join([SYLLABLE_CONSONANTS, "\0", ""]);

/// Concatenates three strings into an array; a wrong `N` is a compile error, not a runtime one.
const fn join<const N: usize>(parts: [&str; 3]) -> [u8; N] {
    let mut out = [0u8; N];
    let mut at = 0;
    let mut p = 0;
    while p < parts.len() {
        let bytes = parts[p].as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            out[at] = bytes[i];
            at += 1;
            i += 1;
        }
        p += 1;
    }
    assert!(at == N, "alphabet length does not match its declared size");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_alphabet_has_no_look_alikes() {
        for c in ['I', 'O', 'S', 'l', '0', '1', '5'] {
            assert!(!LETTERS_DIGITS_SYMBOLS.contains(&(c as u8)), "{c}");
        }
        assert_eq!(LETTERS_DIGITS_SYMBOLS.len(), 61);
    }

    #[test]
    fn alphabets_have_no_duplicates() {
        for set in [
            &LETTERS_DIGITS_SYMBOLS[..],
            SEPARATOR_DIGITS_AND_SYMBOLS.as_bytes(),
            &SYLLABLE_TAILS[..],
        ] {
            let mut sorted = set.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), set.len());
        }
        assert_eq!(SYLLABLE_COUNT, 1710);
        assert_eq!(THREE_LETTERS_COUNT, 17_576);
    }
}
