//! The account owner's credentials: the password (`OPKIT_PASSWORD` or a terminal prompt) and the
//! secret key (see `paths`), and unlocking the owner with them.

use std::io::IsTerminal;
use std::path::Path;

use op_core::SecretString;
use op_crypto::Argon2Params;
use op_sdk::{Admin, Error as SdkError};

use crate::exit::{CliError, CliResult, invalid};
use crate::output::warn;
use crate::paths;

/// Env var holding the owner's password (scripts and tests).
pub const ENV_PASSWORD: &str = "OPKIT_PASSWORD";
/// Env var selecting the Argon2 cost of new accounts: `recommended` (default) or `testing`.
pub const ENV_KDF: &str = "OPKIT_KDF";

/// The owner's password: `OPKIT_PASSWORD`, else a prompt on the terminal (twice when `confirm`).
/// Without either, fails at once instead of waiting for input that will never come.
pub fn password(confirm: bool) -> CliResult<SecretString> {
    if let Ok(text) = std::env::var(ENV_PASSWORD) {
        return Ok(SecretString::new(text));
    }
    // rpassword reads /dev/tty; a script with stdin redirected must not block on it.
    if !std::io::stdin().is_terminal() {
        return Err(CliError::Sdk(SdkError::Auth(
            op_sdk::error::ErrorReason::Invalid,
            format!(
                "the owner's password is needed but there is no terminal to ask on; set {ENV_PASSWORD}"
            ),
        )));
    }
    let ask = |prompt: &str| {
        rpassword::prompt_password(prompt)
            .map(SecretString::new)
            .map_err(|e| CliError::io("could not read the password from the terminal", &e))
    };
    let first = ask("Owner password: ")?;
    if confirm {
        let again = ask("Repeat the password: ")?;
        if again.expose_secret() != first.expose_secret() {
            return Err(invalid("the two passwords differ; nothing was created"));
        }
    }
    Ok(first)
}

/// The Argon2 cost for a new account, from `OPKIT_KDF`.
pub fn kdf_params() -> CliResult<Argon2Params> {
    match std::env::var(ENV_KDF).as_deref() {
        Err(_) | Ok("" | "recommended") => Ok(Argon2Params::RECOMMENDED),
        Ok("testing") => {
            warn(&format!(
                "{ENV_KDF}=testing: the password is stretched with tiny Argon2 parameters that offer NO protection against guessing; use it for throwaway test vaults only"
            ));
            Ok(Argon2Params::TESTING)
        }
        Ok(other) => Err(invalid(format!(
            "{ENV_KDF}={other:?} is not known; use `recommended` (the default) or `testing` (insecure, tests only)"
        ))),
    }
}

/// Unlocks the owner of the vault file `db` with the password and the stored secret key.
pub fn unlock(db: &Path) -> CliResult<Admin> {
    let account_id = Admin::account_id(db)?;
    let secret_key = paths::load_secret_key(&account_id)?;
    let password = password(false)?;
    Ok(Admin::unlock(db, password.expose_secret(), &secret_key)?)
}
