//! `opkit read REF` and `opkit totp REF`: one secret, printed or written to a file byte for byte.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use serde_json::json;

use crate::Globals;
use crate::auth::client;
use crate::exit::{CliError, CliResult, invalid};
use crate::outfile::{parse_mode, write_secret_file};
use crate::output::{Format, emit};

/// `opkit read` arguments.
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// The secret reference, e.g. op://Prod/Database/password.
    reference: String,
    /// Print the value without a trailing newline.
    #[arg(short = 'n', long)]
    no_newline: bool,
    /// Write the value to this file (atomically, with --file-mode) instead of stdout.
    #[arg(short = 'o', long, value_name = "PATH")]
    out_file: Option<PathBuf>,
    /// The mode of the --out-file, in octal.
    #[arg(long, value_name = "MODE", default_value = "0600", value_parser = parse_mode)]
    file_mode: u32,
}

/// `opkit totp` arguments.
#[derive(Debug, Args)]
pub struct TotpArgs {
    /// A reference to a one-time password field, e.g. op://Prod/GitHub/one-time password
    /// (`?attribute=otp` is added when the reference has no query).
    reference: String,
}

/// Runs `opkit read`.
pub async fn read(globals: &Globals, args: ReadArgs) -> CliResult {
    let client = client(globals).await?;
    let secret = client.resolve(&args.reference).await?;
    let value = secret.expose_secret();
    if let Some(path) = &args.out_file {
        // The file holds exactly the value: no newline is added (a PEM key stays byte-exact).
        write_secret_file(path, value.as_bytes(), args.file_mode)?;
        return emit(globals.format, &json!({ "path": path }), || {
            path.display().to_string()
        });
    }
    match globals.format {
        Format::Json => emit(globals.format, &json!({ "value": value }), String::new),
        Format::Text => {
            let mut out = std::io::stdout().lock();
            out.write_all(value.as_bytes())
                .and_then(|()| {
                    if args.no_newline {
                        Ok(())
                    } else {
                        out.write_all(b"\n")
                    }
                })
                .and_then(|()| out.flush())
                .map_err(|e| CliError::io("could not write to stdout", &e))
        }
    }
}

/// Runs `opkit totp`.
pub async fn totp(globals: &Globals, args: TotpArgs) -> CliResult {
    if !args.reference.starts_with("op://") {
        return Err(invalid(format!(
            "{:?} is not a secret reference; pass op://vault/item/field of a one-time password field",
            args.reference
        )));
    }
    let reference = if args.reference.contains('?') {
        args.reference
    } else {
        format!("{}?attribute=otp", args.reference)
    };
    let code = client(globals).await?.resolve(&reference).await?;
    let code = code.expose_secret();
    emit(globals.format, &json!({ "code": code }), || code.to_owned())
}
