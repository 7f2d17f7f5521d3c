//! The `fullWords` list, compiled into the binary from `words/fullwords.txt` (see `words/README.md`
//! for its sources, licences and how to rebuild it).

use std::sync::OnceLock;

const FULL_WORDS_TEXT: &str = include_str!("words/fullwords.txt");

/// Number of words in the `fullWords` list (each adds log2 of this many bits).
pub const FULL_WORDS_COUNT: usize = count_lines(FULL_WORDS_TEXT);

// A list shorter than a diceware list would silently weaken every fullWords password.
const _: () = assert!(FULL_WORDS_COUNT >= 7_776, "fullwords.txt is too short");

/// The `fullWords` list: sorted, unique, lower-case ASCII words of 3 to 8 letters.
pub fn full_words() -> &'static [&'static str] {
    static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| FULL_WORDS_TEXT.lines().filter(|w| !w.is_empty()).collect())
}

const fn count_lines(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut i = 0;
    let mut in_line = false;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            if in_line {
                count += 1;
            }
            in_line = false;
        } else if bytes[i] != b'\r' {
            in_line = true;
        }
        i += 1;
    }
    if in_line { count + 1 } else { count }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_unique_and_well_formed() {
        let words = full_words();
        assert_eq!(words.len(), FULL_WORDS_COUNT);
        assert!(words.len() >= 7_776);
        assert!(
            words.windows(2).all(|w| w[0] < w[1]),
            "not sorted or not unique"
        );
        for w in words {
            assert!((3..=8).contains(&w.len()), "{w}");
            assert!(w.bytes().all(|b| b.is_ascii_lowercase()), "{w}");
        }
    }

    #[test]
    fn counting_ignores_blank_lines_and_a_missing_final_newline() {
        assert_eq!(count_lines("a\nb\n"), 2);
        assert_eq!(count_lines("a\r\nb"), 2);
        assert_eq!(count_lines("a\n\n"), 1);
        assert_eq!(count_lines(""), 0);
    }
}
