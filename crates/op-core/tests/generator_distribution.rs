//! Chi-square checks that Random passwords are uniform over every policy-satisfying string, looked
//! at one position at a time. The helper is itself tested on deliberately biased samplers, so a
//! passing run means something.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use op_core::generator::*;
use rand::seq::IndexedRandom;
use rand::{Rng, RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;

/// Upper-tail probability at which a statistic counts as biased. Seeded generators make each run
/// deterministic; the small tail keeps an honest sampler far from the line.
const Z_UPPER_1E6: f64 = 4.753_424;

fn alphabet(include_digits: bool, include_symbols: bool) -> Vec<u8> {
    let mut out = RANDOM_LETTERS.as_bytes().to_vec();
    if include_digits {
        out.extend_from_slice(RANDOM_DIGITS.as_bytes());
    }
    if include_symbols {
        out.extend_from_slice(RANDOM_SYMBOLS.as_bytes());
    }
    out
}

/// Pearson's statistic of `observed` counts against category `probabilities`.
fn chi_square(observed: &[u64], probabilities: &[f64]) -> f64 {
    assert_eq!(observed.len(), probabilities.len());
    let total: u64 = observed.iter().sum();
    observed
        .iter()
        .zip(probabilities)
        .map(|(&o, &p)| {
            let expected = total as f64 * p;
            (o as f64 - expected).powi(2) / expected
        })
        .sum()
}

/// Wilson-Hilferty approximation of the chi-square quantile with `df` degrees of freedom at the
/// upper tail of [`Z_UPPER_1E6`]; accurate to well under 1% for df >= 10.
fn critical_value(df: usize) -> f64 {
    let k = df as f64;
    let a = 2.0 / (9.0 * k);
    k * (1.0 - a + Z_UPPER_1E6 * a.sqrt()).powi(3)
}

fn looks_uniform(observed: &[u64], probabilities: &[f64]) -> bool {
    chi_square(observed, probabilities) < critical_value(observed.len() - 1)
}

/// Number of length-`n` strings over the alphabet that contain the required classes.
fn satisfying(n: i32, need_digit: bool, need_symbol: bool, digits: bool, symbols: bool) -> f64 {
    let size = alphabet(digits, symbols).len() as f64;
    let d = RANDOM_DIGITS.len() as f64;
    let s = RANDOM_SYMBOLS.len() as f64;
    let mut count = size.powi(n);
    if need_digit {
        count -= (size - d).powi(n);
    }
    if need_symbol {
        count -= (size - s).powi(n);
    }
    if need_digit && need_symbol {
        count += (size - d - s).powi(n);
    }
    count
}

/// Exact probability of each alphabet character at any one position of a uniform policy-satisfying
/// string: fixing that position leaves the remaining n-1 characters to satisfy what is still needed.
fn exact_marginals(length: i32, digits: bool, symbols: bool) -> Vec<f64> {
    let all = satisfying(length, digits, symbols, digits, symbols);
    alphabet(digits, symbols)
        .iter()
        .map(|&c| {
            let is_digit = c.is_ascii_digit();
            let is_symbol = !c.is_ascii_alphanumeric();
            satisfying(
                length - 1,
                digits && !is_digit,
                symbols && !is_symbol,
                digits,
                symbols,
            ) / all
        })
        .collect()
}

/// Counts per position and character of `draws` passwords from `sample`.
fn position_counts(
    length: usize,
    digits: bool,
    symbols: bool,
    draws: usize,
    mut sample: impl FnMut() -> Vec<u8>,
) -> Vec<Vec<u64>> {
    let chars = alphabet(digits, symbols);
    let mut counts = vec![vec![0u64; chars.len()]; length];
    for _ in 0..draws {
        let password = sample();
        assert_eq!(password.len(), length);
        for (position, c) in password.iter().enumerate() {
            let index = chars
                .iter()
                .position(|x| x == c)
                .expect("character outside the alphabet");
            counts[position][index] += 1;
        }
    }
    counts
}

fn biased_positions(counts: &[Vec<u64>], marginals: &[f64]) -> Vec<(usize, f64)> {
    counts
        .iter()
        .enumerate()
        .filter(|(_, observed)| !looks_uniform(observed, marginals))
        .map(|(position, observed)| (position, chi_square(observed, marginals)))
        .collect()
}

fn check_generator(length: u32, digits: bool, symbols: bool, draws: usize, seed: u64) {
    let recipe = PasswordRecipe::Random(PasswordRecipeRandomInner {
        include_digits: digits,
        include_symbols: symbols,
        length,
    });
    let mut rng = ChaCha20Rng::seed_from_u64(seed);
    let counts = position_counts(length as usize, digits, symbols, draws, || {
        generate_with_rng(&mut rng, &recipe)
            .unwrap()
            .expose_secret()
            .as_bytes()
            .to_vec()
    });
    let marginals = exact_marginals(length as i32, digits, symbols);
    let biased = biased_positions(&counts, &marginals);
    assert!(
        biased.is_empty(),
        "positions with chi-square above {:.1}: {biased:?}",
        critical_value(marginals.len() - 1)
    );
}

#[test]
#[ignore = "statistical: 300,000 passwords; run by `cargo xtask test` with --ignored"]
fn random_generator_is_unbiased_per_position() {
    // Length 8 with both classes rejects two draws in three, where conditioning bias would show most.
    check_generator(8, true, true, 150_000, 1);
    check_generator(20, true, false, 100_000, 2);
    check_generator(12, false, false, 50_000, 3);
}

#[test]
fn marginals_sum_to_one() {
    for (length, digits, symbols) in [
        (8, true, true),
        (8, true, false),
        (20, false, true),
        (9, false, false),
    ] {
        let sum: f64 = exact_marginals(length, digits, symbols).iter().sum();
        assert!(
            (sum - 1.0).abs() < 1e-9,
            "{length} {digits} {symbols}: {sum}"
        );
    }
}

#[test]
fn chi_square_accepts_an_unbiased_sampler() {
    let mut rng = ChaCha20Rng::seed_from_u64(7);
    let chars = alphabet(true, true);
    let counts = position_counts(8, true, true, 20_000, || {
        (0..8).map(|_| *chars.choose(&mut rng).unwrap()).collect()
    });
    let uniform = vec![1.0 / chars.len() as f64; chars.len()];
    assert_eq!(biased_positions(&counts, &uniform), vec![]);
}

#[test]
fn chi_square_flags_modulo_bias() {
    // A byte reduced modulo 61 makes the first 256 % 61 = 12 characters 25% more likely.
    let mut rng = ChaCha20Rng::seed_from_u64(8);
    let chars = alphabet(true, true);
    let counts = position_counts(1, true, true, 100_000, || {
        let byte = (rng.next_u32() & 0xff) as usize;
        vec![chars[byte % chars.len()]]
    });
    let uniform = vec![1.0 / chars.len() as f64; chars.len()];
    let stat = chi_square(&counts[0], &uniform);
    assert!(
        !looks_uniform(&counts[0], &uniform),
        "modulo bias not detected: {stat}"
    );
    assert!(
        stat > 3.0 * critical_value(60),
        "modulo bias barely detected: {stat}"
    );
}

#[test]
fn chi_square_flags_inserting_required_characters() {
    // The common shortcut: draw the rest from the full alphabet, then overwrite one random position
    // with a digit and another with a symbol. Every password satisfies the policy, but digits and
    // symbols come out too often.
    let mut rng = ChaCha20Rng::seed_from_u64(9);
    let chars = alphabet(true, true);
    let counts = position_counts(8, true, true, 100_000, || {
        let mut password: Vec<u8> = (0..8).map(|_| *chars.choose(&mut rng).unwrap()).collect();
        let digit_at = rng.random_range(0..8);
        let symbol_at = (digit_at + rng.random_range(1..8)) % 8;
        password[digit_at] = *RANDOM_DIGITS.as_bytes().choose(&mut rng).unwrap();
        password[symbol_at] = *RANDOM_SYMBOLS.as_bytes().choose(&mut rng).unwrap();
        password
    });
    let biased = biased_positions(&counts, &exact_marginals(8, true, true));
    assert_eq!(biased.len(), 8, "only {biased:?} flagged");
}
