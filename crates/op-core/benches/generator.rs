//! Password generation cost against the floor of drawing the same number of uniform indices.
//!
//! Goal: Random 20 with digits and symbols within 3x of 20 `random_range(0..60)` draws from the same
//! RNG type. The remainder is the class check, occasional redraws (about one password in five at
//! length 20), wiping the candidate buffer and the `SecretString` allocation.

use std::hint::black_box;
use std::time::Instant;

use criterion::Criterion;
use op_core::generator::{
    PasswordRecipe, PasswordRecipeMemorableInner, PasswordRecipePinInner,
    PasswordRecipeRandomInner, SeparatorType, WordListType, generate_with_rng,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha20Rng;

const RANDOM_20: PasswordRecipe = PasswordRecipe::Random(PasswordRecipeRandomInner {
    include_digits: true,
    include_symbols: true,
    length: 20,
});
const MEMORABLE_4: PasswordRecipe = PasswordRecipe::Memorable(PasswordRecipeMemorableInner {
    separator_type: SeparatorType::Hyphens,
    capitalize: true,
    word_list_type: WordListType::FullWords,
    word_count: 4,
});
const PIN_6: PasswordRecipe = PasswordRecipe::Pin(PasswordRecipePinInner { length: 6 });

fn baseline(rng: &mut ChaCha20Rng) -> usize {
    let mut acc = 0usize;
    for _ in 0..20 {
        acc = acc.wrapping_add(rng.random_range(0..60usize));
    }
    acc
}

fn generate(rng: &mut ChaCha20Rng, recipe: &PasswordRecipe) -> usize {
    match generate_with_rng(rng, recipe) {
        Ok(password) => password.len(),
        Err(_) => 0,
    }
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("generator");
    let mut rng = ChaCha20Rng::seed_from_u64(1);
    group.bench_function("baseline_20_random_range_0_60", |b| {
        b.iter(|| black_box(baseline(&mut rng)))
    });
    group.bench_function("random_20_digits_symbols", |b| {
        b.iter(|| black_box(generate(&mut rng, black_box(&RANDOM_20))))
    });
    group.bench_function("memorable_4_full_words", |b| {
        b.iter(|| black_box(generate(&mut rng, black_box(&MEMORABLE_4))))
    });
    group.bench_function("pin_6", |b| {
        b.iter(|| black_box(generate(&mut rng, black_box(&PIN_6))))
    });
    group.finish();
}

/// Mean nanoseconds per call of `f` over `iterations` calls.
fn time_ns(iterations: u32, mut f: impl FnMut() -> usize) -> f64 {
    let start = Instant::now();
    for _ in 0..iterations {
        black_box(f());
    }
    start.elapsed().as_nanos() as f64 / f64::from(iterations)
}

fn ratios() {
    const ITERATIONS: u32 = 200_000;
    let mut rng = ChaCha20Rng::seed_from_u64(2);
    // Interleave a warm-up of both so neither gets a cold cache the other did not.
    time_ns(ITERATIONS / 10, || {
        baseline(&mut rng) + generate(&mut rng, &RANDOM_20)
    });
    // Best of several interleaved rounds: the machine is shared and noisy.
    let (mut base, mut random, mut memorable, mut pin) = (f64::MAX, f64::MAX, f64::MAX, f64::MAX);
    for _ in 0..5 {
        base = base.min(time_ns(ITERATIONS, || baseline(&mut rng)));
        random = random.min(time_ns(ITERATIONS, || generate(&mut rng, &RANDOM_20)));
        memorable = memorable.min(time_ns(ITERATIONS, || generate(&mut rng, &MEMORABLE_4)));
        pin = pin.min(time_ns(ITERATIONS, || generate(&mut rng, &PIN_6)));
    }
    println!("baseline 20 x random_range(0..60): {base:.1} ns");
    println!(
        "ratio random 20 digits+symbols / baseline: {:.2}x (goal <= 3x)",
        random / base
    );
    println!(
        "memorable 4 fullWords: {memorable:.1} ns ({:.2}x baseline, report only)",
        memorable / base
    );
    println!(
        "pin 6: {pin:.1} ns ({:.2}x baseline, report only)",
        pin / base
    );
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    benches(&mut criterion);
    criterion.final_summary();
    ratios();
}
