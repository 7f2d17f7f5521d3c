//! A principal's private key on the client: sealed under a key only the client can derive (from
//! the token's secret, or from the password and account secret key), and opened here.

use op_crypto::{KeyPair, SymmetricKey};
use op_store::PrincipalRecord;

use crate::codec::format::principal_key_aad;
use crate::error::{Error, ErrorReason, Result};

/// `principal`'s key pair, opened with `unlock_key` and checked against its public key.
pub(crate) fn open_keypair(
    principal: &PrincipalRecord,
    unlock_key: &SymmetricKey,
) -> Result<KeyPair> {
    let secret = op_crypto::decrypt(
        unlock_key,
        &principal.sealed_private_key,
        &principal_key_aad(&principal.id),
    )
    .map_err(|_| {
        Error::Auth(
            ErrorReason::PermissionDenied,
            "wrong password or secret key, or the principal's key was tampered with".into(),
        )
    })?;
    let bytes: [u8; 32] = secret
        .as_slice()
        .try_into()
        .map_err(|_| Error::Internal("a stored private key has the wrong length".into()))?;
    let keypair = KeyPair::from_secret_bytes(bytes);
    if keypair.public_key().as_bytes().as_slice() != principal.public_key.as_slice() {
        return Err(Error::Internal(
            "a stored private key does not match its public key".into(),
        ));
    }
    Ok(keypair)
}

/// `keypair`'s private key sealed under `unlock`, bound to `principal_id`.
pub(crate) fn seal_private_key(
    unlock: &SymmetricKey,
    principal_id: &str,
    keypair: &KeyPair,
) -> Result<Vec<u8>> {
    op_crypto::encrypt(
        unlock,
        keypair.secret_bytes().as_slice(),
        &principal_key_aad(principal_id),
    )
    .map_err(crate::codec::crypto_error("a private key"))
}
