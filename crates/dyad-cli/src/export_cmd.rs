//! `dyad export`: merged events from the store in the formats the field
//! reads (GDELT 2.0 events and mentions, PLOVER JSON Lines, CSV, Parquet).
//!
//! The format work is `dyad-export`'s; this module pages events (with their
//! mentions) out of the store so that memory stays bounded by one page,
//! however large the database.

use std::io::{self, BufWriter};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;
use clap::{Args, ValueEnum};
use dyad_export::{Destination, ExportOptions, Format};
use dyad_store::{EventFilter, MergedEvent, Store};

use crate::query_cmd::FilterArgs;
use crate::store_cmd::DbArg;

/// Events read from the store per query.
const PAGE: usize = 2_000;

#[derive(Debug, Args)]
#[command(after_help = EXPORT_AFTER_HELP)]
pub struct ExportArgs {
    #[command(flatten)]
    db: DbArg,

    /// Output format.
    #[arg(short, long, value_enum)]
    format: ExportFormat,

    /// Write to PATH instead of standard output (required for parquet: a
    /// file, or a folder with --partition-by date).
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,

    /// Parquet only: a folder of Hive-style date partitions
    /// (date=YYYY-MM-DD/part-N.parquet; undated events under date=unknown).
    #[arg(long, value_enum, value_name = "KEY")]
    partition_by: Option<PartitionKey>,

    #[command(flatten)]
    filter: FilterArgs,
}

const EXPORT_AFTER_HELP: &str = "\
One row per merged event (gdelt-mentions: one row per report). Columns dyad
has no value for (AvgTone, actor locations, ...) are left empty; see
docs/export.md for every column. The filters are those of `dyad query`.

Examples:
  dyad export --format gdelt > events.tsv
  dyad export --format gdelt-mentions --from 2024-01-01 > mentions.tsv
  dyad export --format plover --mode asserted -o events.jsonl
  dyad export --format parquet --partition-by date -o events/";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// GDELT 2.0 Events: 61 tab-separated columns, no header.
    Gdelt,
    /// GDELT 2.0 Mentions: one row per report of an event.
    GdeltMentions,
    /// PLOVER JSON Lines, with dyad's provenance under "dyad".
    Plover,
    /// A flat table with a header row.
    Csv,
    /// Apache Parquet (Arrow schema in docs/export.md).
    Parquet,
}

impl ExportFormat {
    fn format(self) -> Format {
        match self {
            ExportFormat::Gdelt => Format::Gdelt,
            ExportFormat::GdeltMentions => Format::GdeltMentions,
            ExportFormat::Plover => Format::Plover,
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Parquet => Format::Parquet,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PartitionKey {
    /// The event's date.
    Date,
}

/// Merged events with their mentions, read page by page.
struct Pages<'a> {
    store: &'a Store,
    filter: EventFilter,
    page: std::vec::IntoIter<MergedEvent>,
    done: bool,
}

impl Iterator for Pages<'_> {
    type Item = Result<MergedEvent, dyad_store::StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(event) = self.page.next() {
            return Some(Ok(event));
        }
        if self.done {
            return None;
        }
        let filter = EventFilter { limit: Some(PAGE), ..self.filter.clone() };
        match self.store.events_with_mentions(&filter) {
            Ok(events) => {
                self.done = events.len() < PAGE;
                self.filter.offset += events.len();
                self.page = events.into_iter();
                self.page.next().map(Ok)
            }
            Err(err) => {
                self.done = true;
                Some(Err(err))
            }
        }
    }
}

/// Runs `dyad export`.
pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let format = args.format.format();
    let partition_by_date = args.partition_by == Some(PartitionKey::Date);
    // Refuse before touching the database or the output.
    if partition_by_date && format != Format::Parquet {
        bail!("--partition-by date applies to the parquet format only");
    }
    if format.needs_path() && args.output.is_none() {
        bail!("the parquet format needs an output path (--output PATH)");
    }
    let store = args.db.open_existing()?;
    let pages = Pages { store: &store, filter: args.filter.to_filter(), page: Vec::new().into_iter(), done: false };
    let destination = match &args.output {
        Some(path) => Destination::Path(path.clone()),
        None => Destination::Writer(Box::new(BufWriter::new(io::stdout().lock()))),
    };
    let report = dyad_export::export(format, pages, destination, &ExportOptions { partition_by_date })?;
    for failure in &report.failures {
        eprintln!("dyad export: skipped {failure}");
    }
    eprintln!(
        "dyad export: {} events written as {format}{}",
        report.written,
        if report.failures.is_empty() { String::new() } else { format!(", {} skipped", report.failures.len()) }
    );
    if report.failures.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::from(crate::EXIT_RECORD_ERRORS))
    }
}
