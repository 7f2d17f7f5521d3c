//! `opkit`: secrets workflows like `op` (`read`, `run`, `inject`, `item`, `generate`, `totp`),
//! account, vault and service-account administration, the invocation protocol over stdin
//! (`opkit invoke`, what binding test suites drive), and a guided demo of the SDK.

mod account;
mod audit;
mod auth;
mod child;
mod completion;
mod demo;
mod draft;
mod environment;
mod exit;
mod generate;
mod group;
mod import;
mod inject;
mod invoke;
mod item;
mod item_file;
mod locate;
mod manpage;
mod outfile;
mod output;
mod owner;
mod paths;
#[cfg(unix)]
mod pty;
mod read;
mod resolve;
mod run;
mod service_account;
mod value_input;
mod vault;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::exit::{CliResult, EXIT_CODES_HELP};
use crate::output::{Format, report_error};

/// opkit: secrets in an encrypted local vault, with the programming model of the 1Password SDKs.
#[derive(Debug, Parser)]
#[command(name = "opkit", version, after_help = EXIT_CODES_HELP)]
struct Cli {
    /// The vault file [default: $OPKIT_DB, else DATA_DIR/opkit/vault.opkit].
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Output: text for people, or exactly one JSON document on stdout.
    #[arg(long, global = true, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Act as the service account of the token in this file [default: $OP_SERVICE_ACCOUNT_TOKEN,
    /// else the account owner].
    #[arg(long, global = true, value_name = "PATH")]
    token_file: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print one secret: opkit read op://vault/item/[section/]field[?attribute=otp|ssh-format=openssh].
    Read(read::ReadArgs),
    /// Run a command with secret references in its environment resolved, its output masked.
    Run(run::RunArgs),
    /// Fill {{ op://... }} and bare op:// references in a template.
    Inject(inject::InjectArgs),
    /// Create, show, edit, list, archive, delete, move and import items; attach and read files.
    #[command(subcommand)]
    Item(item::ItemCommand),
    /// Generate a password (random, memorable or PIN); needs no account.
    Generate(generate::GenerateArgs),
    /// Print the current one-time password of a TOTP field.
    Totp(read::TotpArgs),
    /// Print a shell completion script: opkit completion bash > /etc/bash_completion.d/opkit
    Completion {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): opkit man > opkit.1; man -l opkit.1
    Man,
    /// Create an account (a new vault file and its owner).
    #[command(subcommand)]
    Account(account::AccountCommand),
    /// Create and list vaults.
    #[command(subcommand)]
    Vault(vault::VaultCommand),
    /// Create and revoke service accounts and their tokens.
    #[command(subcommand)]
    ServiceAccount(service_account::ServiceAccountCommand),
    /// Create groups and manage their members.
    #[command(subcommand)]
    Group(group::GroupCommand),
    /// Environments: named sets of variables with their own access grants.
    #[command(subcommand)]
    Environment(environment::EnvironmentCommand),
    /// The changes recorded in the vault file (who, what, which vault or item, when), newest
    /// first, as the account owner.
    Audit(audit::AuditArgs),
    /// Speak the invocation protocol: one JSON request per stdin line, one reply per stdout line.
    Invoke,
    /// Walk through every SDK operation on a throwaway vault file.
    Demo,
}

/// What every command may read: the global flags.
#[derive(Debug)]
pub struct Globals {
    /// `--db`.
    pub db: Option<PathBuf>,
    /// `--format`.
    pub format: Format,
    /// `--token-file`.
    pub token_file: Option<PathBuf>,
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    let globals = Globals {
        db: cli.db,
        format: cli.format,
        token_file: cli.token_file,
    };
    match run(&globals, cli.command).await {
        Ok(code) => code,
        Err(e) => {
            report_error(globals.format, e.name(), &e.to_string());
            e.exit()
        }
    }
}

async fn run(globals: &Globals, command: Command) -> CliResult<ExitCode> {
    let done = match command {
        Command::Run(args) => return run::run(globals, args).await,
        Command::Read(args) => read::read(globals, args).await,
        Command::Inject(args) => inject::run(globals, args).await,
        Command::Item(c) => item::run(globals, c).await,
        Command::Generate(args) => generate::run(globals, &args),
        Command::Totp(args) => read::totp(globals, args).await,
        Command::Completion { shell } => completion::run(shell),
        Command::Man => manpage::run(),
        Command::Account(c) => account::run(globals, c),
        Command::Vault(c) => vault::run(globals, c),
        Command::ServiceAccount(c) => service_account::run(globals, c),
        Command::Group(c) => group::run(globals, c),
        Command::Environment(c) => environment::run(globals, c).await,
        Command::Audit(args) => audit::run(globals, &args),
        Command::Invoke => invoke::run().await,
        Command::Demo => demo::run().await,
    };
    done.map(|()| ExitCode::SUCCESS)
}

/// Help and version exit 0; other clap errors exit 2, with the JSON envelope too if json was asked.
fn usage_error(e: &clap::Error) -> ExitCode {
    let _ = e.print();
    if !e.use_stderr() {
        return ExitCode::SUCCESS;
    }
    let args: Vec<String> = std::env::args().collect();
    let json = args.iter().any(|a| a == "--format=json")
        || args
            .windows(2)
            .any(|w| matches!(w, [flag, value] if flag == "--format" && value == "json"));
    if json {
        let rendered = e.to_string();
        let message = rendered
            .lines()
            .next()
            .map(|line| line.trim_start_matches("error: "))
            .unwrap_or("invalid command line");
        report_error(Format::Json, "Usage", message);
    }
    ExitCode::from(exit::USAGE)
}
