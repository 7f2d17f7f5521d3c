//! The hot paths of the key hierarchy, each against the bare primitive it wraps (report only):
//! AEAD decrypt of 1 KiB vs raw XChaCha20-Poly1305, sealed-box open vs one X25519 exchange, HKDF vs
//! one HMAC-SHA256, and `person_unlock_key` with RECOMMENDED parameters vs raw Argon2id.

use std::hint::black_box;
use std::time::Instant;

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::XChaCha20Poly1305;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use criterion::Criterion;
use hmac::{Hmac, Mac};
use op_crypto::*;
use sha2::Sha256;
use x25519_dalek::{PublicKey, StaticSecret};

const KEY: [u8; 32] = [0x42; 32];
const NONCE: [u8; 24] = [0x24; 24];
const AAD: &[u8] = b"vault-1/item-1/1/details";
const SALT: [u8; 16] = [0x5a; 16];

struct Fixture {
    key: SymmetricKey,
    blob: Vec<u8>,
    raw_ciphertext: Vec<u8>,
    pair: KeyPair,
    sealed: Vec<u8>,
    peer: [u8; 32],
    account_key: AccountSecretKey,
}

fn fixture() -> Option<Fixture> {
    let key = SymmetricKey::from_bytes(KEY);
    let plaintext = vec![0xabu8; 1024];
    let blob = encrypt(&key, &plaintext, AAD).ok()?;
    let raw_ciphertext = XChaCha20Poly1305::new(&KEY.into())
        .encrypt(
            &NONCE.into(),
            Payload {
                msg: &plaintext,
                aad: AAD,
            },
        )
        .ok()?;
    let pair = KeyPair::from_secret_bytes([0x11; 32]);
    let sealed = seal_key_to(&pair.public_key(), &key, AAD).ok()?;
    let peer = KeyPair::from_secret_bytes([0x22; 32]).public_key().0;
    Some(Fixture {
        key,
        blob,
        raw_ciphertext,
        pair,
        sealed,
        peer,
        account_key: AccountSecretKey::from_bytes([0x33; 16]),
    })
}

fn raw_decrypt(ct: &[u8]) -> usize {
    XChaCha20Poly1305::new(&KEY.into())
        .decrypt(&NONCE.into(), Payload { msg: ct, aad: AAD })
        .map_or(0, |p| p.len())
}

fn raw_x25519(peer: [u8; 32]) -> u8 {
    let secret = StaticSecret::from([0x11; 32]);
    secret.diffie_hellman(&PublicKey::from(peer)).as_bytes()[0]
}

fn raw_hmac() -> u8 {
    let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(&KEY) else {
        return 0;
    };
    mac.update(kdf::info::TITLE_INDEX);
    mac.finalize().into_bytes()[0]
}

fn raw_argon2() -> u8 {
    let p = Argon2Params::RECOMMENDED;
    let Ok(params) = Params::new(p.memory_kib, p.iterations, p.parallelism, Some(32)) else {
        return 0;
    };
    let mut out = [0u8; 32];
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    argon
        .hash_password_into(b"correct horse battery staple", &SALT, &mut out)
        .map_or(0, |()| out[0])
}

fn unlock(f: &Fixture) -> u8 {
    person_unlock_key(
        b"correct horse battery staple",
        &f.account_key,
        &SALT,
        Argon2Params::RECOMMENDED,
    )
    .map_or(0, |k| k.expose_bytes()[0])
}

fn benches(c: &mut Criterion, f: &Fixture) {
    let mut group = c.benchmark_group("crypto");
    group.bench_function("baseline_raw_xchacha_decrypt_1k", |b| {
        b.iter(|| raw_decrypt(black_box(&f.raw_ciphertext)))
    });
    group.bench_function("decrypt_1k", |b| {
        b.iter(|| decrypt(&f.key, black_box(&f.blob), AAD).map(|p| p.len()))
    });
    group.bench_function("baseline_raw_x25519", |b| {
        b.iter(|| raw_x25519(black_box(f.peer)))
    });
    group.bench_function("open_sealed_key", |b| {
        b.iter(|| open_sealed_key(&f.pair, black_box(&f.sealed), AAD).is_ok())
    });
    group.bench_function("baseline_raw_hmac_sha256", |b| b.iter(raw_hmac));
    group.bench_function("hkdf_sha256", |b| {
        b.iter(|| hkdf_sha256(black_box(&KEY), &[], kdf::info::TITLE_INDEX).is_ok())
    });
    group.finish();

    let mut slow = c.benchmark_group("crypto_slow");
    slow.sample_size(10);
    slow.bench_function("baseline_raw_argon2id_recommended", |b| b.iter(raw_argon2));
    slow.bench_function("person_unlock_key_recommended", |b| b.iter(|| unlock(f)));
    slow.finish();
}

/// Best-of-five average nanoseconds per call of `g` over `iterations` calls.
fn ns_per_call<R>(iterations: u32, mut g: impl FnMut() -> R) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..5 {
        let start = Instant::now();
        for _ in 0..iterations {
            black_box(g());
        }
        best = best.min(start.elapsed().as_secs_f64() * 1e9 / f64::from(iterations));
    }
    best
}

fn report(name: &str, ours: f64, baseline_name: &str, baseline: f64) {
    println!(
        "{name}: {ours:.0} ns/op; {baseline_name}: {baseline:.0} ns/op; ratio {:.2}x (report only)",
        ours / baseline
    );
}

fn ratios(f: &Fixture) {
    let raw_aead = ns_per_call(20_000, || raw_decrypt(&f.raw_ciphertext));
    let aead = ns_per_call(20_000, || decrypt(&f.key, &f.blob, AAD).map(|p| p.len()));
    report("decrypt 1 KiB", aead, "raw XChaCha20-Poly1305", raw_aead);
    let dh = ns_per_call(2_000, || raw_x25519(f.peer));
    let open = ns_per_call(2_000, || open_sealed_key(&f.pair, &f.sealed, AAD).is_ok());
    report("open_sealed_key", open, "raw X25519", dh);
    let mac = ns_per_call(50_000, raw_hmac);
    let hkdf = ns_per_call(50_000, || {
        hkdf_sha256(&KEY, &[], kdf::info::TITLE_INDEX).is_ok()
    });
    report("hkdf_sha256", hkdf, "raw HMAC-SHA256", mac);
    let argon = ns_per_call(1, raw_argon2);
    let person = ns_per_call(1, || unlock(f));
    report(
        "person_unlock_key RECOMMENDED",
        person,
        "raw Argon2id 64 MiB t=3",
        argon,
    );
}

fn main() {
    let Some(f) = fixture() else {
        eprintln!("benchmark fixture could not be built");
        return;
    };
    let mut criterion = Criterion::default().configure_from_args();
    benches(&mut criterion, &f);
    criterion.final_summary();
    ratios(&f);
}
