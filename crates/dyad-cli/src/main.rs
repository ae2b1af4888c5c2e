//! The `dyad` command.
//!
//! Each subcommand lives in its own module and returns the process exit code;
//! `main` only parses arguments and turns errors into messages and codes.
//! Exit codes: 0 success, 1 some records could not be coded, 2 usage errors,
//! unreadable inputs or fatal errors.

mod batch;
mod code;
mod dict_cmd;
mod dicts;
mod eval;
mod eval_places;
mod explain;
mod export_cmd;
mod gold;
mod input;
mod lang;
mod output;
mod progress;
mod query_cmd;
mod serve;
mod store_cmd;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// dyad codes political events ("who did what to whom, when") in English
/// news text, using CAMEO codes.
#[derive(Debug, Parser)]
#[command(name = "dyad", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Code events in news articles.
    ///
    /// Reads .txt files, JSON Lines files, directories of them, or JSON
    /// Lines on standard input, and writes the events it finds.
    Code(code::CodeArgs),
    /// Measure coding accuracy against a gold file.
    ///
    /// Codes each gold record's text and compares the events with its gold
    /// events: precision, recall and F1 per level, main-event accuracy,
    /// per-label scores, a confusion matrix and the worst errors.
    Eval(eval::EvalArgs),
    /// Convert a public annotated set into a gold file for `dyad eval`.
    Gold(gold::GoldArgs),
    /// Measure how often dyad finds the place where an event happened
    /// (records in the format of the event_location set).
    EvalPlaces(eval_places::EvalPlacesArgs),
    /// Run a field validation suite from raw text with its own
    /// dictionaries (TABARI, PETRARCH unit tests, PETR2_GSR).
    Validate(validate::ValidateArgs),
    /// Work with dictionaries: `dyad dict check` validates a set and lists
    /// unreachable and conflicting entries.
    Dict(dict_cmd::DictCmdArgs),
    /// Code articles and store them, with merged events, in an event
    /// database (SQLite; default $DYAD_DB or ./dyad.sqlite).
    Ingest(store_cmd::IngestArgs),
    /// Query the event database: filtered events or aggregates.
    Query(query_cmd::QueryArgs),
    /// Export stored events: GDELT 2.0 events or mentions, PLOVER JSON
    /// Lines, CSV or Parquet.
    Export(export_cmd::ExportArgs),
    /// Re-code the stored articles with the current dictionaries.
    Recode(store_cmd::RecodeArgs),
    /// Delete articles (by id) from the event database, with their
    /// mentions and the events only they supported.
    Delete(store_cmd::DeleteArgs),
    /// Serve the HTTP API and the web UI (Explain and Explore).
    Serve(serve::ServeArgs),
}

/// Exit code for usage errors, unreadable inputs and fatal errors.
pub const EXIT_USAGE: u8 = 2;
/// Exit code when some records could not be coded.
pub const EXIT_RECORD_ERRORS: u8 = 1;

fn main() -> ExitCode {
    // clap prints its own usage errors and exits with 2 (0 for --help and
    // --version), which matches dyad's exit codes.
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(args) => code::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Gold(args) => gold::run(args),
        Command::EvalPlaces(args) => eval_places::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Dict(args) => dict_cmd::run(args),
        Command::Ingest(args) => store_cmd::run_ingest(args),
        Command::Query(args) => query_cmd::run(args),
        Command::Export(args) => export_cmd::run(args),
        Command::Recode(args) => store_cmd::run_recode(args),
        Command::Delete(args) => store_cmd::run_delete(args),
        Command::Serve(args) => serve::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => {
            // The reader went away (`dyad code x | head`): nothing more to
            // say and nobody to say it to.
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("dyad: {err:#}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// True when an error was caused by writing to a closed pipe.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
