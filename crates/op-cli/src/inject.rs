//! `opkit inject`: fills `{{ op://... }}` and bare references in a template (`${VAR}` expanded
//! inside references from the environment), resolving them all in one batch.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use op_cli::template::{self, Segment};
use serde_json::json;

use crate::Globals;
use crate::auth::client;
use crate::exit::{CliError, CliResult, invalid};
use crate::outfile::{parse_mode, write_secret_file};
use crate::output::emit;
use crate::resolve::{Wanted, resolve_many};
use crate::value_input;

/// `opkit inject` arguments.
#[derive(Debug, Args)]
pub struct InjectArgs {
    /// The template [default: stdin].
    #[arg(short = 'i', long, value_name = "PATH")]
    in_file: Option<PathBuf>,
    /// Where to write the result (atomically, with --file-mode) [default: stdout].
    #[arg(short = 'o', long, value_name = "PATH")]
    out_file: Option<PathBuf>,
    /// The mode of the --out-file, in octal.
    #[arg(long, value_name = "MODE", default_value = "0600", value_parser = parse_mode)]
    file_mode: u32,
}

/// Runs `opkit inject`.
pub async fn run(globals: &Globals, args: InjectArgs) -> CliResult {
    let (input, source) = match &args.in_file {
        Some(path) => (
            value_input::read_file_bounded(path, value_input::MAX_INPUT)?,
            path.display().to_string(),
        ),
        None => (
            value_input::read_bounded(
                std::io::stdin().lock(),
                value_input::MAX_INPUT,
                "the template on stdin",
            )?,
            "stdin".to_owned(),
        ),
    };
    let segments = template::parse(&input).map_err(|e| invalid(format!("{source}, {e}")))?;
    let mut wanted = Vec::new();
    let mut expanded = Vec::with_capacity(segments.len());
    for segment in &segments {
        if let Segment::Reference { reference, span } = segment {
            let line = 1 + input[..span.start].iter().filter(|&&b| b == b'\n').count();
            let origin = format!("{source}, line {line}");
            let full = template::expand(reference, |name| std::env::var(name).ok())
                .map_err(|m| invalid(format!("{origin}: {m}")))?;
            wanted.push(Wanted::new(full.clone(), reference, origin));
            expanded.push(Some(full));
        } else {
            expanded.push(None);
        }
    }
    let values = if wanted.is_empty() {
        Default::default()
    } else {
        resolve_many(&client(globals).await?, &wanted).await?
    };
    let mut out = Vec::with_capacity(input.len());
    for (segment, reference) in segments.iter().zip(&expanded) {
        match (segment, reference) {
            (Segment::Text(range), _) => out.extend_from_slice(&input[range.clone()]),
            (Segment::Reference { .. }, Some(reference)) => {
                let value = values.get(reference).ok_or_else(|| {
                    CliError::Sdk(op_sdk::Error::Internal(
                        "a resolved value went missing".into(),
                    ))
                })?;
                out.extend_from_slice(value.expose_secret().as_bytes());
            }
            (Segment::Reference { .. }, None) => {}
        }
    }
    let out = zeroize::Zeroizing::new(out);
    match &args.out_file {
        Some(path) => {
            write_secret_file(path, &out, args.file_mode)?;
            emit(
                globals.format,
                &json!({"path": path, "references": wanted.len()}),
                || format!("wrote {} ({} references)", path.display(), wanted.len()),
            )
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(&out)
                .and_then(|()| stdout.flush())
                .map_err(|e| CliError::io("could not write to stdout", &e))
        }
    }
}
