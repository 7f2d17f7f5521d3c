//! `opkit run -- CMD`: the variables of Environments and dotenv files are added to the process
//! environment, values that are secret references are resolved in one batch, then CMD runs with
//! them, its output masked (resolved values and every Environment value).

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use op_cli::child_env::{self, CREDENTIALS};
use op_cli::{dotenv, template};
use op_core::SecretString;

use crate::Globals;
use crate::auth::{client, token};
use crate::child::{self, Launch};
use crate::exit::{CliResult, invalid};
use crate::resolve::{Wanted, in_context, resolve_many};
use crate::value_input;

/// `opkit run` arguments.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// An Environment (id) whose variables to add (repeatable; later ones win over earlier ones
    /// and over the process environment; --env-file files win over them).
    #[arg(long = "environment", value_name = "ID")]
    environments: Vec<String>,
    /// A dotenv file of variables to add (repeatable; later files win over earlier ones and over
    /// the environment).
    #[arg(long = "env-file", value_name = "PATH")]
    env_files: Vec<PathBuf>,
    /// Do not mask secrets in the command's output (and do not put it on a pseudo-terminal).
    #[arg(long)]
    no_masking: bool,
    /// Pass one of opkit's own credential variables (OP_SERVICE_ACCOUNT_TOKEN, OPKIT_PASSWORD,
    /// OPKIT_SECRET_KEY) through to the command (repeatable); by default the command gets none.
    #[arg(long = "pass-credential", value_name = "NAME")]
    pass_credentials: Vec<String>,
    /// Let an Environment set this variable although it could take over the command (LD_*,
    /// DYLD_*, PATH, interpreter options such as NODE_OPTIONS; repeatable).
    #[arg(long = "allow-variable", value_name = "NAME")]
    allow_variables: Vec<String>,
    /// The command and its arguments.
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        required = true,
        value_name = "CMD"
    )]
    command: Vec<OsString>,
}

const SCHEME: &str = "op://";

/// A variable for the child: its value, and whether it is a reference to resolve.
struct Var {
    value: OsString,
    /// `Some(origin)` when the value is a secret reference (expanded) to resolve.
    reference: Option<String>,
    /// The reference as written when `${VAR}` expansion changed it (errors quote this).
    written: Option<String>,
    /// The value comes from an Environment: it is masked even when it is not a reference.
    secret: bool,
}

/// Runs `opkit run`; the exit code is the command's.
pub async fn run(globals: &Globals, args: RunArgs) -> CliResult<ExitCode> {
    if let Some(name) = args
        .pass_credentials
        .iter()
        .find(|n| !child_env::is_credential(n))
    {
        return Err(invalid(format!(
            "--pass-credential {name:?} is not a credential variable of opkit; it takes one of {}",
            CREDENTIALS.join(", ")
        )));
    }
    // opkit's own credentials are masked whether or not they reach the command.
    let mut credentials: Vec<SecretString> = Vec::new();
    if let Some(token) = token(globals)? {
        credentials.push(token);
    }
    let mut vars: BTreeMap<OsString, Var> = BTreeMap::new();
    for (key, value) in std::env::vars_os() {
        if let Some(name) = key.to_str().filter(|k| child_env::is_credential(k)) {
            if let Some(text) = value.to_str().filter(|v| !v.is_empty()) {
                credentials.push(SecretString::new(text.to_owned()));
                credentials.push(SecretString::new(text.trim().to_owned()));
            }
            if !args.pass_credentials.iter().any(|p| p == name) {
                continue;
            }
        }
        let reference = value
            .to_str()
            .filter(|v| v.starts_with(SCHEME))
            .map(|_| format!("the environment variable {}", key.to_string_lossy()));
        vars.insert(
            key,
            Var {
                value,
                reference,
                written: None,
                secret: false,
            },
        );
    }
    // One client for the Environments and the references; none when nothing needs one.
    let sdk = if args.environments.is_empty() {
        None
    } else {
        Some(client(globals).await?)
    };
    if let Some(sdk) = &sdk {
        for id in &args.environments {
            let response = sdk
                .get_variables(id.clone())
                .await
                .map_err(|e| in_context(e, &format!("the Environment {id}")))?;
            for v in response.variables {
                if child_env::is_dangerous(&v.name) && !args.allow_variables.contains(&v.name) {
                    return Err(invalid(format!(
                        "the Environment {id} sets {name}, which can make the command run other code; nothing was run (pass --allow-variable {name} if that is intended)",
                        name = v.name
                    )));
                }
                let value = v.value.expose_secret();
                let reference = value
                    .starts_with(SCHEME)
                    .then(|| format!("the Environment {id} ({})", v.name));
                vars.insert(
                    v.name.into(),
                    Var {
                        value: value.into(),
                        reference,
                        written: None,
                        secret: true,
                    },
                );
            }
        }
    }
    for path in &args.env_files {
        let text = value_input::text_file(path, value_input::MAX_INPUT)?;
        let entries = dotenv::parse(text.expose_secret())
            .map_err(|e| invalid(format!("env file {}, {e}", path.display())))?;
        for entry in entries {
            let origin = format!("{}, line {} ({})", path.display(), entry.line, entry.key);
            let expandable = entry.value.starts_with(SCHEME) && !entry.literal;
            let written = (expandable && entry.value.contains("${")).then(|| entry.value.clone());
            let value = if expandable {
                let lookup = |name: &str| {
                    vars.get(&OsString::from(name))
                        .and_then(|v| v.value.to_str().map(str::to_owned))
                };
                template::expand(&entry.value, lookup)
                    .map_err(|m| invalid(format!("{origin}: {m}")))?
            } else {
                entry.value
            };
            let reference = value.starts_with(SCHEME).then_some(origin);
            vars.insert(
                entry.key.into(),
                Var {
                    value: value.into(),
                    reference,
                    written,
                    secret: false,
                },
            );
        }
    }
    let wanted: Vec<Wanted> = vars
        .values()
        .filter_map(|v| {
            let reference = v.value.to_str()?.to_owned();
            let written = v.written.clone().unwrap_or_else(|| reference.clone());
            Some(Wanted::new(reference, &written, v.reference.clone()?))
        })
        .collect();
    let values = match (&sdk, wanted.is_empty()) {
        (_, true) => Default::default(),
        (Some(sdk), false) => resolve_many(sdk, &wanted).await?,
        (None, false) => resolve_many(&client(globals).await?, &wanted).await?,
    };
    let mut secrets: Vec<SecretString> = credentials;
    let mut env: Vec<(OsString, OsString)> = Vec::with_capacity(vars.len());
    for (key, var) in vars {
        let resolved = var
            .reference
            .as_ref()
            .and_then(|_| var.value.to_str())
            .and_then(|r| values.get(r));
        match resolved {
            Some(secret) => {
                env.push((key, secret.expose_secret().into()));
                secrets.push(secret.clone());
            }
            None => {
                if var.secret
                    && let Some(value) = var.value.to_str()
                {
                    secrets.push(SecretString::new(value.to_owned()));
                }
                env.push((key, var.value));
            }
        }
    }
    let (program, program_args) = args
        .command
        .split_first()
        .ok_or_else(|| invalid("no command to run; write opkit run -- CMD [ARGS...]"))?;
    child::run(Launch {
        program,
        args: program_args,
        env,
        secrets: if args.no_masking { Vec::new() } else { secrets },
    })
    .await
}
