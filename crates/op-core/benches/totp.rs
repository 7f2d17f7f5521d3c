//! `code_at` on a parsed SHA1/6/30 value against its floor, one raw HMAC-SHA1 over the same key and an
//! 8-byte message; plus `parse_field_value` of a typical URI (reported, no goal).

use std::hint::black_box;
use std::time::Instant;

use criterion::Criterion;
use hmac::{Hmac, Mac};
use op_core::totp::{Otp, parse_field_value};
use sha1::Sha1;

const URI: &str = "otpauth://totp/ACME%20Co:john.doe@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30";
const KEY: &[u8; 20] = b"12345678901234567890";
const T: u64 = 1_700_000_000;

fn parsed() -> Option<Otp> {
    parse_field_value(URI).ok()
}

fn raw_hmac(t: u64) -> u8 {
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(KEY) else {
        return 0;
    };
    mac.update(&(t / 30).to_be_bytes());
    mac.finalize().into_bytes().iter().fold(0, |a, b| a ^ b)
}

fn benches(c: &mut Criterion) {
    let Some(otp) = parsed() else {
        eprintln!("the benchmark URI does not parse");
        return;
    };
    let mut group = c.benchmark_group("totp");
    group.bench_function("baseline_raw_hmac_sha1", |b| {
        b.iter(|| raw_hmac(black_box(T)))
    });
    group.bench_function("code_at_sha1_6_30", |b| {
        b.iter(|| otp.code_at(black_box(T)))
    });
    group.bench_function("parse_field_value_uri", |b| {
        b.iter(|| parse_field_value(black_box(URI)).is_ok())
    });
    group.finish();
}

/// Average nanoseconds per call of `f` over `iterations` calls.
fn time_per_call<R>(iterations: u32, mut f: impl FnMut(u64) -> R) -> f64 {
    let start = Instant::now();
    for i in 0..iterations {
        black_box(f(black_box(T + u64::from(i))));
    }
    start.elapsed().as_secs_f64() * 1e9 / f64::from(iterations)
}

fn ratios() {
    let Some(otp) = parsed() else {
        return;
    };
    const N: u32 = 200_000;
    // Interleave and keep the best of several rounds: the machine is shared and noisy.
    let (mut base, mut code, mut parse) = (f64::MAX, f64::MAX, f64::MAX);
    for _ in 0..5 {
        base = base.min(time_per_call(N, raw_hmac));
        code = code.min(time_per_call(N, |t| otp.code_at(t)));
        parse = parse.min(time_per_call(N / 10, |_| {
            parse_field_value(black_box(URI)).is_ok()
        }));
    }
    println!(
        "raw HMAC-SHA1: {base:.0} ns, code_at SHA1/6/30: {code:.0} ns, parse_field_value: {parse:.0} ns"
    );
    println!(
        "ratio code_at / raw HMAC-SHA1: {:.2}x (goal <= 2x)",
        code / base
    );
    println!(
        "ratio parse_field_value / code_at: {:.2}x (report only)",
        parse / code
    );
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    benches(&mut criterion);
    criterion.final_summary();
    ratios();
}
