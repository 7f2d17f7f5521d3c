//! Random bytes for keys, nonces and salts, drawn from `op_core::random` (the one source of randomness)
//! straight into zeroizing buffers.

use zeroize::Zeroizing;

use crate::CryptoError;

/// `N` bytes from the process CSPRNG, wiped when dropped.
pub(crate) fn random_array<const N: usize>() -> Result<Zeroizing<[u8; N]>, CryptoError> {
    let mut out = Zeroizing::new([0u8; N]);
    op_core::random::fill_bytes(out.as_mut())?;
    Ok(out)
}
