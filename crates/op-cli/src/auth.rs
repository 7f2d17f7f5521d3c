//! Who the workflow commands act as, like `op`: a service account when a token is given
//! (`--token-file`, else `OP_SERVICE_ACCOUNT_TOKEN`), else the owner of the local account
//! (password from `OPKIT_PASSWORD` or a prompt, secret key from the key file).

use op_core::SecretString;
use op_sdk::Client;

use crate::Globals;
use crate::exit::{CliError, CliResult};
use crate::{owner, paths};

/// Env var holding a service-account token, as for `op` and the official SDKs.
pub const ENV_TOKEN: &str = "OP_SERVICE_ACCOUNT_TOKEN";

/// The token to use, if any: `--token-file` wins over `OP_SERVICE_ACCOUNT_TOKEN`.
pub fn token(globals: &Globals) -> CliResult<Option<SecretString>> {
    if let Some(path) = &globals.token_file {
        let text = std::fs::read_to_string(path).map_err(|e| {
            CliError::io(
                format!("could not read the token file {}", path.display()),
                &e,
            )
        })?;
        return Ok(Some(SecretString::new(text.trim().to_owned())));
    }
    Ok(std::env::var(ENV_TOKEN)
        .ok()
        .filter(|t| !t.trim().is_empty())
        .map(|t| SecretString::new(t.trim().to_owned())))
}

/// The client every workflow command shares. A token names its own vault file, so `--db`
/// only matters for the owner.
pub async fn client(globals: &Globals) -> CliResult<Client> {
    if let Some(token) = token(globals)? {
        let client =
            Client::authenticate(token.expose_secret(), "opkit", env!("CARGO_PKG_VERSION")).await?;
        return Ok(client);
    }
    let admin = owner::unlock(&paths::existing_db(globals.db.as_deref())?)?;
    Ok(admin.into_client())
}
