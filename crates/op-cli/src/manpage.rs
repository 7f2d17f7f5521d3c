//! `opkit man`: the manual page in roff, generated from the command definitions that `--help`
//! prints, so the page the release archive ships cannot drift from the command.

use clap::CommandFactory;

use crate::Cli;
use crate::exit::{CliError, CliResult};

/// Prints the manual page on stdout.
pub fn run() -> CliResult {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|e| CliError::io("could not render the manual page", &e))?;
    std::io::Write::write_all(&mut std::io::stdout().lock(), &out)
        .map_err(|e| CliError::io("could not write to stdout", &e))
}
