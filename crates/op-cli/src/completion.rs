//! `opkit completion SHELL`: a completion script generated from the command definitions.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::Cli;
use crate::exit::{CliError, CliResult};

/// Prints the completion script for `shell` on stdout.
pub fn run(shell: Shell) -> CliResult {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "opkit", &mut out);
    std::io::Write::write_all(&mut std::io::stdout().lock(), &out)
        .map_err(|e| CliError::io("could not write to stdout", &e))
}
