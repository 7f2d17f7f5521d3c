//! `opkit`: account, vault and service-account administration, the invocation protocol over
//! stdin (`opkit invoke`, what binding test suites drive), and a guided demo of the SDK.

mod account;
mod demo;
mod environment;
mod exit;
mod group;
mod invoke;
mod output;
mod owner;
mod paths;
mod service_account;
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
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
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
    };
    match run(&globals, cli.command).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report_error(globals.format, e.name(), &e.to_string());
            e.exit()
        }
    }
}

async fn run(globals: &Globals, command: Command) -> CliResult {
    match command {
        Command::Account(c) => account::run(globals, c),
        Command::Vault(c) => vault::run(globals, c),
        Command::ServiceAccount(c) => service_account::run(globals, c),
        Command::Group(c) => group::run(globals, c),
        Command::Environment(c) => environment::run(globals, c),
        Command::Invoke => invoke::run().await,
        Command::Demo => demo::run().await,
    }
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
