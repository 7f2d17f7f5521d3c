//! Who the workflow commands act as, like `op`: a service account when a token is given
//! (`--token-file`, else `OP_SERVICE_ACCOUNT_TOKEN`), else the owner of the local account
//! (password from `OPKIT_PASSWORD` or a prompt, secret key from the key file).

use op_core::SecretString;
use op_sdk::Client;

use crate::Globals;
use crate::exit::CliResult;
use crate::{owner, paths, value_input};

/// The largest token file read (a token is a few hundred bytes; as for `init_client` configs).
const MAX_TOKEN_FILE: usize = op_sdk::config::MAX_CONFIG_LEN;

/// Env var holding a service-account token, as for `op` and the official SDKs.
pub const ENV_TOKEN: &str = "OP_SERVICE_ACCOUNT_TOKEN";

/// The token to use, if any: `--token-file` wins over `OP_SERVICE_ACCOUNT_TOKEN`.
pub fn token(globals: &Globals) -> CliResult<Option<SecretString>> {
    if let Some(path) = &globals.token_file {
        let text = value_input::text_file(path, MAX_TOKEN_FILE)?;
        return Ok(Some(SecretString::new(
            text.expose_secret().trim().to_owned(),
        )));
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
