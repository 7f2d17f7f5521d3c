//! `opkit environment create|list|set|unset|read|grant|revoke`. `read` authenticates like the
//! workflow commands (a service-account token, else the owner); the others are owner-only.

use clap::Subcommand;
use op_sdk::{Accessor, ENVIRONMENT_MANAGE, ENVIRONMENT_READ, ENVIRONMENT_WRITE};
use serde_json::json;

use crate::Globals;
use crate::auth::client;
use crate::exit::{CliResult, invalid};
use crate::output::emit;
use crate::{owner, paths, value_input};
use op_core::SecretString;

/// `opkit environment ...`
#[derive(Debug, Subcommand)]
pub enum EnvironmentCommand {
    /// Create an Environment (json: id, name).
    Create {
        /// Its name, e.g. production.
        name: String,
    },
    /// List the Environments.
    List,
    /// Set (add or replace) a variable: NAME=- reads the value from stdin, NAME --value-file
    /// PATH from a file (a value on the command line is visible in `ps` and shell history).
    Set {
        /// Environment id.
        environment: String,
        /// NAME=- (value from stdin), NAME with --value-file, or NAME=VALUE.
        assignment: String,
        /// Read the value from this file (one trailing newline is removed).
        #[arg(long, value_name = "PATH")]
        value_file: Option<std::path::PathBuf>,
        /// Hide the value by default when shown.
        #[arg(long)]
        masked: bool,
    },
    /// Remove a variable.
    Unset {
        /// Environment id.
        environment: String,
        /// The variable's name.
        name: String,
    },
    /// Print the variables (text: NAME=VALUE lines; json: the GetVariablesResponse); with a
    /// token, as that service account (it needs a read grant).
    Read {
        /// Environment id.
        environment: String,
    },
    /// Grant a service account, person or group access: read (default), write or manage.
    Grant {
        /// Environment id.
        environment: String,
        /// A principal id, or `group:GROUP_ID`.
        to: String,
        /// read, write (read + set/unset) or manage (write + grant/revoke).
        #[arg(long, default_value = "read")]
        permission: String,
    },
    /// Revoke a grant; the Environment gets a new key.
    Revoke {
        /// Environment id.
        environment: String,
        /// A principal id, or `group:GROUP_ID`.
        from: String,
    },
}

fn accessor(text: &str) -> Accessor {
    match text.strip_prefix("group:") {
        Some(group) => Accessor::Group(group.to_owned()),
        None => Accessor::Principal(text.to_owned()),
    }
}

fn permission(text: &str) -> CliResult<u32> {
    match text {
        "read" => Ok(ENVIRONMENT_READ),
        "write" => Ok(ENVIRONMENT_READ | ENVIRONMENT_WRITE),
        "manage" => Ok(ENVIRONMENT_READ | ENVIRONMENT_WRITE | ENVIRONMENT_MANAGE),
        other => Err(invalid(format!(
            "--permission {other:?} is not known; use read, write or manage"
        ))),
    }
}

/// Runs an environment command.
pub async fn run(globals: &Globals, command: EnvironmentCommand) -> CliResult {
    if let EnvironmentCommand::Read { environment } = command {
        return read(globals, environment).await;
    }
    let admin = owner::unlock(&paths::existing_db(globals.db.as_deref())?)?;
    match command {
        EnvironmentCommand::Create { name } => {
            let env = admin.create_environment(&name)?;
            emit(globals.format, &env, || {
                format!("Created Environment {:?} ({})", env.name, env.id)
            })
        }
        EnvironmentCommand::List => {
            let envs = admin.list_environments()?;
            emit(globals.format, &envs, || {
                let mut text = format!("{:<26}  {:>4}  NAME", "ID", "VARS");
                for e in &envs {
                    text.push_str(&format!(
                        "\n{:<26}  {:>4}  {}",
                        e.id, e.variable_count, e.name
                    ));
                }
                text
            })
        }
        EnvironmentCommand::Set {
            environment,
            assignment,
            value_file,
            masked,
        } => {
            // The argument is not echoed: without its '=' it may be a bare value.
            let (name, value) = match (assignment.split_once('='), &value_file) {
                (None, Some(path)) => (assignment.as_str(), value_input::from_file(path)?),
                (Some(_), Some(_)) => {
                    return Err(invalid(
                        "with --value-file give only the variable's NAME, not NAME=VALUE",
                    ));
                }
                (Some((name, value_input::FROM_STDIN)), None) => (name, value_input::from_stdin()?),
                (Some((name, value)), None) => (name, SecretString::new(value.to_owned())),
                (None, None) => {
                    return Err(invalid(
                        "the assignment must be NAME=- (value from stdin), NAME --value-file PATH or NAME=VALUE",
                    ));
                }
            };
            admin.set_variable(&environment, name, value.expose_secret(), masked)?;
            emit(
                globals.format,
                &json!({"environment": environment, "set": name}),
                || format!("Set {name} in Environment {environment}"),
            )
        }
        EnvironmentCommand::Unset { environment, name } => {
            admin.unset_variable(&environment, &name)?;
            emit(
                globals.format,
                &json!({"environment": environment, "unset": name}),
                || format!("Removed {name} from Environment {environment}"),
            )
        }
        EnvironmentCommand::Read { environment } => read(globals, environment).await,
        EnvironmentCommand::Grant {
            environment,
            to,
            permission: level,
        } => {
            admin.grant_environment(&environment, &accessor(&to), permission(&level)?)?;
            emit(
                globals.format,
                &json!({"environment": environment, "granted": to, "permission": level}),
                || format!("Granted {to} {level} access to Environment {environment}"),
            )
        }
        EnvironmentCommand::Revoke { environment, from } => {
            admin.revoke_environment(&environment, &accessor(&from))?;
            emit(
                globals.format,
                &json!({"environment": environment, "revoked": from}),
                || {
                    format!(
                        "Revoked {from}'s access to Environment {environment}; it has a new key"
                    )
                },
            )
        }
    }
}

/// `environment read`, as the token's service account or the owner (like `op`).
async fn read(globals: &Globals, environment: String) -> CliResult {
    let vars = client(globals).await?.get_variables(environment).await?;
    emit(globals.format, &vars, || {
        vars.variables
            .iter()
            .map(|v| format!("{}={}", v.name, v.value.expose_secret()))
            .collect::<Vec<_>>()
            .join("\n")
    })
}
