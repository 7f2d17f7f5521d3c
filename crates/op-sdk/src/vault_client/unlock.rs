//! A principal's private key on the client: sealed under a key only the client can derive (from
//! the token's secret, or from the password and account secret key), and opened here.

use data_encoding::BASE64;
use op_crypto::{AccountSecretKey, KeyPair, SymmetricKey};
use op_store::PrincipalRecord;

use crate::codec::crypto_error;
use crate::codec::format::{UnlockParams, principal_key_aad};
use crate::error::{Error, ErrorReason, Result};

/// A person's unlock key, derived from its password and account secret key with the salt and
/// parameters stored with it.
pub(crate) fn person_unlock_key(
    person: &PrincipalRecord,
    password: &str,
    secret_key: &AccountSecretKey,
) -> Result<SymmetricKey> {
    let params: UnlockParams = serde_json::from_slice(&person.unlock_params).map_err(|e| {
        Error::Internal(format!(
            "unreadable unlock parameters for principal {}: {e}",
            person.id
        ))
    })?;
    let UnlockParams::Person { salt, params } = params else {
        return Err(Error::Internal(format!(
            "principal {} has service-account unlock parameters",
            person.id
        )));
    };
    let salt = BASE64
        .decode(salt.as_bytes())
        .map_err(|e| Error::Internal(format!("the salt of principal {}: {e}", person.id)))?;
    op_crypto::person_unlock_key(password.as_bytes(), secret_key, &salt, params)
        .map_err(crypto_error("an unlock key"))
}

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
    .map_err(crypto_error("a private key"))
}
