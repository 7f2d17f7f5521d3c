//! `opkit demo`.

use crate::exit::CliResult;

/// Runs the demo.
pub async fn run() -> CliResult {
    Ok(())
}
