//! The stream filter of `opkit run`: replaces every occurrence of a secret in a child's output by
//! [`MASK`], also when the secret arrives split across several writes.
//!
//! It holds back only the shortest tail that could still be the start of a secret (so nothing is
//! delayed once it can no longer be part of one) and flushes everything at end of stream.

/// What a secret is replaced with.
pub const MASK: &[u8] = b"<concealed by opkit>";

/// Lines of a multi-line secret at least this long are masked on their own too, so a PEM key
/// printed line by line (or with other line endings) does not leak.
const MIN_LINE: usize = 8;

/// A masking filter over one output stream.
pub struct Masker {
    /// The byte strings to mask, longest first (so the longest wins at one position).
    patterns: Vec<Vec<u8>>,
    /// `starts[b]`: some pattern begins with byte `b` (a fast reject for most positions).
    starts: [bool; 256],
    /// Bytes received but not yet released.
    pending: Vec<u8>,
}

impl std::fmt::Debug for Masker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Masker")
            .field("patterns", &self.patterns.len())
            .finish_non_exhaustive()
    }
}

impl Masker {
    /// A filter masking each non-empty secret (and each long line of a multi-line one).
    pub fn new<'a>(secrets: impl IntoIterator<Item = &'a [u8]>) -> Self {
        let mut patterns: Vec<Vec<u8>> = Vec::new();
        for secret in secrets {
            if secret.is_empty() {
                continue;
            }
            patterns.push(secret.to_vec());
            if secret.contains(&b'\n') {
                for line in secret.split(|&b| b == b'\n') {
                    let line = line.strip_suffix(b"\r").unwrap_or(line);
                    if line.len() >= MIN_LINE {
                        patterns.push(line.to_vec());
                    }
                }
            }
        }
        patterns.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        patterns.dedup();
        let mut starts = [false; 256];
        for p in &patterns {
            if let Some(&first) = p.first() {
                starts[usize::from(first)] = true;
            }
        }
        Self {
            patterns,
            starts,
            pending: Vec::new(),
        }
    }

    /// Whether there is anything to mask at all.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Feeds `input`; returns the bytes that can be released now (masked).
    pub fn push(&mut self, input: &[u8]) -> Vec<u8> {
        self.pending.extend_from_slice(input);
        self.drain(false)
    }

    /// End of stream: releases everything still held back (masked).
    pub fn finish(&mut self) -> Vec<u8> {
        self.drain(true)
    }

    fn drain(&mut self, at_end: bool) -> Vec<u8> {
        let buf = std::mem::take(&mut self.pending);
        let mut out = Vec::with_capacity(buf.len());
        let mut i = 0;
        let mut released = 0;
        while i < buf.len() {
            if !self.starts[usize::from(buf[i])] {
                i += 1;
                continue;
            }
            let rest = &buf[i..];
            // Longest match wins across writes: while a longer secret could still complete
            // here, even a full match of a shorter one waits (it would otherwise be masked and
            // the longer secret's tail released in clear).
            if !at_end
                && self
                    .patterns
                    .iter()
                    .any(|p| p.len() > rest.len() && p.starts_with(rest))
            {
                out.extend_from_slice(&buf[released..i]);
                self.pending = buf[i..].to_vec();
                return out;
            }
            if let Some(p) = self.patterns.iter().find(|p| rest.starts_with(p)) {
                out.extend_from_slice(&buf[released..i]);
                out.extend_from_slice(MASK);
                i += p.len();
                released = i;
                continue;
            }
            i += 1;
        }
        out.extend_from_slice(&buf[released..]);
        out
    }
}

/// Masks a whole buffer at once.
pub fn mask_all<'a>(secrets: impl IntoIterator<Item = &'a [u8]>, input: &[u8]) -> Vec<u8> {
    let mut m = Masker::new(secrets);
    let mut out = m.push(input);
    out.extend(m.finish());
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    fn contains(hay: &[u8], needle: &[u8]) -> bool {
        !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn masks_whole_and_split_secrets() {
        let secrets: [&[u8]; 2] = [b"hunter2", b"s3cr3t-value"];
        assert_eq!(
            mask_all(secrets, b"a hunter2 b s3cr3t-value c"),
            b"a <concealed by opkit> b <concealed by opkit> c".to_vec()
        );
        let mut m = Masker::new(secrets);
        let mut out = m.push(b"pass: hun");
        assert_eq!(out, b"pass: ".to_vec(), "the possible start is held back");
        out.extend(m.push(b"ter2!\n"));
        out.extend(m.finish());
        assert_eq!(out, b"pass: <concealed by opkit>!\n".to_vec());
    }

    #[test]
    fn releases_what_can_no_longer_be_a_secret() {
        let mut m = Masker::new([b"abcdef".as_slice()]);
        assert_eq!(m.push(b"xxabc"), b"xx".to_vec());
        assert_eq!(m.push(b"x"), b"abcx".to_vec());
        assert_eq!(m.push(b"ab"), Vec::<u8>::new());
        assert_eq!(m.finish(), b"ab".to_vec());
    }

    #[test]
    fn longest_secret_wins_and_pem_lines_are_masked() {
        let pem = b"-----BEGIN KEY-----\nAAAABBBBCCCC\n-----END KEY-----\n";
        let out = mask_all([pem.as_slice(), b"-----"], b"AAAABBBBCCCC\r\n");
        assert_eq!(out, b"<concealed by opkit>\r\n".to_vec());
        assert_eq!(
            mask_all([pem.as_slice()], pem),
            MASK.to_vec(),
            "the whole key is one mask"
        );
        assert_eq!(
            mask_all([b"ab".as_slice(), b"abc"], b"abcd"),
            [MASK, b"d"].concat()
        );
    }

    #[test]
    fn nothing_to_mask_passes_bytes_through() {
        let mut m = Masker::new([b"".as_slice()]);
        assert!(m.is_empty());
        assert_eq!(m.push(b"\x00\xffplain"), b"\x00\xffplain".to_vec());
    }

    #[test]
    fn a_secret_that_is_a_prefix_of_another_waits_for_the_longer_one() {
        let secrets: [&[u8]; 2] = [b"hunter22", b"hunter22-and-the-rest-XYZ"];
        let mut m = Masker::new(secrets);
        let mut out = m.push(b"hunter22");
        out.extend(m.push(b"-and-the-rest-XYZ"));
        out.extend(m.finish());
        assert_eq!(out, MASK.to_vec());
        // Every split point of the longer secret, and the shorter one alone.
        let long = b"<hunter22-and-the-rest-XYZ>";
        for cut in 0..=long.len() {
            let mut m = Masker::new(secrets);
            let mut out = m.push(&long[..cut]);
            out.extend(m.push(&long[cut..]));
            out.extend(m.finish());
            assert_eq!(out, [b"<", MASK, b">"].concat(), "cut at {cut}");
        }
        assert_eq!(mask_all(secrets, b"hunter22-and"), [MASK, b"-and"].concat());
    }

    proptest! {
        /// A secret that is a prefix of another: whatever the writes, the longest match wins
        /// and the output equals masking it in one piece.
        #[test]
        fn nested_secrets_longest_match_wins_across_writes(
            short in proptest::collection::vec(128u8..=255, 1..8),
            tail in proptest::collection::vec(128u8..=255, 1..8),
            noise in proptest::collection::vec(0u8..128, 0..20),
            cuts in proptest::collection::vec(0usize..60, 0..6),
            at in 0usize..20,
            which in any::<bool>(),
        ) {
            let long = [short.clone(), tail].concat();
            let secrets = [short.as_slice(), long.as_slice()];
            let planted = if which { &long } else { &short };
            let at = at.min(noise.len());
            let text = [&noise[..at], planted.as_slice(), &noise[at..]].concat();
            let whole = mask_all(secrets, &text);
            prop_assert_eq!(&whole, &[&noise[..at], MASK, &noise[at..]].concat());
            let mut m = Masker::new(secrets);
            let mut out = Vec::new();
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(text.len())).collect();
            cuts.sort_unstable();
            let mut start = 0;
            for c in cuts.into_iter().chain([text.len()]) {
                out.extend(m.push(&text[start..c]));
                start = c;
            }
            out.extend(m.finish());
            prop_assert_eq!(&out, &whole);
        }

        /// However the output is cut into writes, no secret gets through, and the result is the
        /// same as masking it in one piece.
        #[test]
        fn split_writes_never_leak(
            // Secret bytes outside ASCII cannot combine with the (ASCII) mask text into a secret.
            secret in proptest::collection::vec(128u8..=255, 1..12),
            noise in proptest::collection::vec(any::<u8>(), 0..40),
            cuts in proptest::collection::vec(0usize..100, 0..6),
            at in 0usize..40,
        ) {
            let at = at.min(noise.len());
            let mut text = noise[..at].to_vec();
            text.extend_from_slice(&secret);
            text.extend_from_slice(&noise[at..]);
            let whole = mask_all([secret.as_slice()], &text);
            let mut m = Masker::new([secret.as_slice()]);
            let mut out = Vec::new();
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(text.len())).collect();
            cuts.sort_unstable();
            let mut start = 0;
            for c in cuts.into_iter().chain([text.len()]) {
                out.extend(m.push(&text[start..c]));
                start = c;
            }
            out.extend(m.finish());
            prop_assert_eq!(&out, &whole);
            prop_assert!(contains(&out, MASK));
            prop_assert!(!contains(&out, &secret));
        }

        /// Output with no secret in it comes out unchanged.
        #[test]
        fn unrelated_output_is_unchanged(text in proptest::collection::vec(1u8..=255, 0..200)) {
            prop_assert_eq!(mask_all([b"\x00secret".as_slice()], &text), text);
        }
    }
}
