//! Parsing a secret reference against its floor, one pass over the reference's bytes (a byte-class
//! check of every character, what any validator must do at least once).

use std::hint::black_box;
use std::time::Instant;

use criterion::Criterion;
use op_core::reference::SecretReference;

const REFS: [&str; 4] = [
    "op://Private/GitHub/password",
    "op://dev/Database Credentials/connection/url",
    "op://vhn2qfnmizg6rw4iqottczq3fy/vhn2qfnmizg6rw4iqottczq3fy/one-time password?attribute=otp",
    "op://Infra/deploy key/ssh/private key?ssh-format=openssh",
];

/// The floor: classify every byte once, as the character rule needs.
fn one_pass(text: &str) -> usize {
    text.bytes()
        .filter(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-' | b' ' | b'/'))
        .count()
}

fn parse(text: &str) -> bool {
    SecretReference::parse(text).is_ok()
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("reference");
    group.bench_function("baseline_one_pass", |b| {
        b.iter(|| REFS.iter().map(|r| one_pass(black_box(r))).sum::<usize>())
    });
    group.bench_function("parse", |b| {
        b.iter(|| REFS.iter().filter(|r| parse(black_box(r))).count())
    });
    group.finish();
}

fn time_per_round<R>(rounds: u32, mut f: impl FnMut(&str) -> R) -> f64 {
    let start = Instant::now();
    for _ in 0..rounds {
        for r in REFS {
            black_box(f(black_box(r)));
        }
    }
    start.elapsed().as_secs_f64() * 1e9 / f64::from(rounds) / REFS.len() as f64
}

fn ratios() {
    const ROUNDS: u32 = 500_000;
    // Best of several interleaved rounds: the machine is shared and noisy.
    let (mut base, mut parsed) = (f64::MAX, f64::MAX);
    for _ in 0..5 {
        base = base.min(time_per_round(ROUNDS, one_pass));
        parsed = parsed.min(time_per_round(ROUNDS, parse));
    }
    println!(
        "one pass over the bytes: {base:.1} ns, SecretReference::parse: {parsed:.1} ns (mean of {} references)",
        REFS.len()
    );
    println!("ratio parse / one pass: {:.2}x (goal <= 5x)", parsed / base);
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    benches(&mut criterion);
    criterion.final_summary();
    ratios();
}
