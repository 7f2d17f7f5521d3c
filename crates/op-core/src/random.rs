//! The one source of randomness in opkit.
//!
//! Every random value (ids, passwords, salts, nonces in the crates above) comes through this module.
//! It keeps one ChaCha20 generator per thread, seeded with 256 bits from the operating system
//! (`getrandom`), so a password costs one seed per thread rather than one system call per character.
//! A process that forks gets a fresh seed in the child (the parent's stream is never replayed), and
//! the generator reseeds itself after [`RESEED_AFTER_BYTES`] bytes of output.
//!
//! Code that needs to be testable takes `&mut impl CryptoRng` instead (see [`CoreRng`]) and is
//! called with [`with_rng`] in production and with a seeded generator in tests.

use std::cell::RefCell;

use rand::{CryptoRng, RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;

/// The generator type handed out by [`with_rng`].
pub type CoreRng = ChaCha20Rng;

/// Output after which the per-thread generator takes a fresh seed from the OS.
pub const RESEED_AFTER_BYTES: u64 = 1 << 30;

/// Why the operating system refused to provide randomness.
#[derive(Debug, thiserror::Error)]
#[error("the operating system's random number generator is unavailable: {0}")]
pub struct RandomnessUnavailable(String);

struct ThreadRng {
    rng: CoreRng,
    pid: u32,
    words_at_seed: u128,
}

thread_local! {
    static THREAD_RNG: RefCell<Option<ThreadRng>> = const { RefCell::new(None) };
}

fn seeded() -> Result<ThreadRng, RandomnessUnavailable> {
    let mut seed = zeroize::Zeroizing::new([0u8; 32]);
    getrandom::fill(seed.as_mut()).map_err(|e| RandomnessUnavailable(e.to_string()))?;
    let rng = CoreRng::from_seed(*seed);
    Ok(ThreadRng {
        rng,
        pid: std::process::id(),
        words_at_seed: 0,
    })
}

/// Runs `f` with this thread's OS-seeded CSPRNG.
///
/// Do not call `with_rng` from inside `f`: the generator is borrowed for the duration of the call.
/// Nested use is reported as [`RandomnessUnavailable`] rather than a panic.
pub fn with_rng<T>(f: impl FnOnce(&mut CoreRng) -> T) -> Result<T, RandomnessUnavailable> {
    THREAD_RNG.with(|cell| {
        let mut slot = cell
            .try_borrow_mut()
            .map_err(|_| RandomnessUnavailable("with_rng was called re-entrantly".into()))?;
        let stale = match slot.as_ref() {
            None => true,
            Some(state) => {
                state.pid != std::process::id()
                    || state.rng.get_word_pos().saturating_sub(state.words_at_seed)
                        > u128::from(RESEED_AFTER_BYTES / 4)
            }
        };
        if stale {
            let fresh = seeded()?;
            *slot = Some(fresh);
        }
        match slot.as_mut() {
            Some(state) => Ok(f(&mut state.rng)),
            None => Err(RandomnessUnavailable(
                "generator missing after seeding".into(),
            )),
        }
    })
}

/// Fills `buf` with random bytes from [`with_rng`].
pub fn fill_bytes(buf: &mut [u8]) -> Result<(), RandomnessUnavailable> {
    with_rng(|rng| rng.fill_bytes(buf))
}

/// Compile-time proof that the handed-out generator is cryptographically secure.
const _: fn() = || {
    fn assert_crypto<R: CryptoRng>() {}
    assert_crypto::<CoreRng>();
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_draws_differ() {
        let mut a = [0u8; 32];
        let mut b = [0u8; 32];
        fill_bytes(&mut a).unwrap();
        fill_bytes(&mut b).unwrap();
        assert_ne!(a, b);
    }

    #[test]
    fn threads_get_independent_streams() {
        let here = with_rng(|r| r.next_u64()).unwrap();
        let there = std::thread::spawn(|| with_rng(|r| r.next_u64()).unwrap())
            .join()
            .unwrap();
        assert_ne!(here, there);
    }

    #[test]
    fn reentrant_use_is_an_error_not_a_panic() {
        let inner = with_rng(|_| with_rng(|r| r.next_u32())).unwrap();
        assert!(inner.is_err());
    }
}
