//! Where things live: the vault file (`--db`, `OPKIT_DB`, or the per-user data dir) and the owner's
//! account secret key (`OPKIT_SECRET_KEY`, or one 0600 file per account in the per-user config dir).
//!
//! The key file is named by the account id (clear metadata in the vault file), not by the file's
//! path, so moving or copying the vault file keeps working on this device.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use op_crypto::AccountSecretKey;
use op_sdk::Error as SdkError;

use crate::exit::{CliError, CliResult, invalid};

/// Env var naming the vault file when `--db` is absent.
pub const ENV_DB: &str = "OPKIT_DB";
/// Env var replacing the per-user config dir (`<config dir>/opkit`), for tests and CI.
pub const ENV_CONFIG_DIR: &str = "OPKIT_CONFIG_DIR";
/// Env var holding the account secret key; it overrides the key file (for CI).
pub const ENV_SECRET_KEY: &str = "OPKIT_SECRET_KEY";

fn non_empty_env(name: &str) -> Option<std::ffi::OsString> {
    std::env::var_os(name).filter(|v| !v.is_empty())
}

/// The vault file: `--db`, else `OPKIT_DB`, else `<data dir>/opkit/vault.opkit`.
pub fn db_path(flag: Option<&Path>) -> CliResult<PathBuf> {
    if let Some(path) = flag {
        return Ok(path.to_path_buf());
    }
    if let Some(path) = non_empty_env(ENV_DB) {
        return Ok(PathBuf::from(path));
    }
    dirs::data_dir()
        .map(|dir| dir.join("opkit").join("vault.opkit"))
        .ok_or_else(|| {
            invalid(format!(
                "no per-user data directory is known on this system; pass --db PATH or set {ENV_DB}"
            ))
        })
}

/// The vault file, which must exist (every command but `account create`).
pub fn existing_db(flag: Option<&Path>) -> CliResult<PathBuf> {
    let path = db_path(flag)?;
    if path.is_file() {
        Ok(path)
    } else {
        Err(invalid(format!(
            "no opkit vault file at {}; create one with `opkit account create --name NAME`, or pass --db PATH / set {ENV_DB}",
            path.display()
        )))
    }
}

/// opkit's config dir: `OPKIT_CONFIG_DIR`, else `<config dir>/opkit`.
pub fn config_dir() -> CliResult<PathBuf> {
    if let Some(dir) = non_empty_env(ENV_CONFIG_DIR) {
        return Ok(PathBuf::from(dir));
    }
    dirs::config_dir()
        .map(|dir| dir.join("opkit"))
        .ok_or_else(|| {
            invalid(format!(
                "no per-user config directory is known on this system; set {ENV_CONFIG_DIR}"
            ))
        })
}

/// Where the secret key of `account_id` is kept.
pub fn secret_key_file(account_id: &str) -> CliResult<PathBuf> {
    // The id comes from the vault file; a tampered one must not steer the path elsewhere.
    if !op_core::id::is_valid_id(account_id) {
        return Err(CliError::Sdk(SdkError::Internal(format!(
            "the vault file's account id {account_id:?} is not an opkit id"
        ))));
    }
    Ok(config_dir()?.join("secret-keys").join(account_id))
}

/// Stores `key` for `account_id` in a new file readable by the user only. Never overwrites.
pub fn save_secret_key(account_id: &str, key: &AccountSecretKey) -> CliResult<PathBuf> {
    let path = secret_key_file(account_id)?;
    if let Some(dir) = path.parent() {
        create_private_dir(dir)?;
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let doing = || format!("could not write the secret key file {}", path.display());
    let mut file = options.open(&path).map_err(|e| CliError::io(doing(), &e))?;
    let formatted = key.expose_formatted();
    writeln!(file, "{}", formatted.expose_secret())
        .and_then(|()| file.sync_all())
        .map_err(|e| CliError::io(doing(), &e))?;
    Ok(path)
}

fn create_private_dir(dir: &Path) -> CliResult {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .map_err(|e| CliError::io(format!("could not create {}", dir.display()), &e))
}

/// The secret key of `account_id`: `OPKIT_SECRET_KEY`, else its key file.
pub fn load_secret_key(account_id: &str) -> CliResult<AccountSecretKey> {
    let parse = |text: &str, from: &str| {
        AccountSecretKey::parse(text.trim()).map_err(|e| {
            CliError::Sdk(SdkError::Auth(
                op_sdk::error::ErrorReason::Invalid,
                format!("the account secret key from {from} is not valid: {e}"),
            ))
        })
    };
    if let Ok(text) = std::env::var(ENV_SECRET_KEY)
        && !text.is_empty()
    {
        let text = op_core::SecretString::new(text);
        return parse(text.expose_secret(), ENV_SECRET_KEY);
    }
    let path = secret_key_file(account_id)?;
    match fs::read_to_string(&path) {
        Ok(text) => {
            let text = op_core::SecretString::new(text);
            parse(text.expose_secret(), &path.display().to_string())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(CliError::Sdk(SdkError::Auth(
            op_sdk::error::ErrorReason::NotFound,
            format!(
                "no account secret key for account {account_id} on this device (looked in {}); set {ENV_SECRET_KEY} or copy the key file there",
                path.display()
            ),
        ))),
        Err(e) => Err(CliError::io(
            format!("could not read the secret key file {}", path.display()),
            &e,
        )),
    }
}
