//! Exporters for merged events: GDELT 2.0 Events and Mentions TSV, PLOVER
//! JSON Lines, CSV and Parquet.
//!
//! The store (`dyad-store`) hands out [`MergedEvent`]s one at a time; every
//! writer here takes them one at a time too ([`EventWriter::write`]) and
//! keeps a bounded amount in memory (one TSV/JSON line; one Parquet batch
//! and row group per open file, at most 16 files when partitioning), so an
//! export of millions of events runs in bounded memory. [`export`] drives
//! a writer from any iterator of events and keeps going past bad records.
//!
//! # Overview
//!
//! | format | writer | destination |
//! |---|---|---|
//! | [`Format::Gdelt`] | [`GdeltEventsWriter`]: GDELT 2.0 Events, 61 tab-separated columns, no header | any `io::Write` |
//! | [`Format::GdeltMentions`] | [`GdeltMentionsWriter`]: GDELT 2.0 Mentions, 16 columns, one row per mention | any `io::Write` |
//! | [`Format::Plover`] | [`PloverWriter`]: one PLOVER JSON object per line | any `io::Write` |
//! | [`Format::Csv`] | [`CsvWriter`]: a flat table with a header row (RFC 4180) | any `io::Write` |
//! | [`Format::Parquet`] | [`ParquetWriter`] (one file) or [`PartitionedParquetWriter`] (a Hive-style `date=YYYY-MM-DD/` folder) | a path |
//!
//! The column-by-column mappings (which dyad field fills which GDELT column,
//! which columns stay empty and why, the PLOVER keys, the Arrow schema) are
//! in `docs/export.md` at the repository root, and on each writer.
//!
//! # Example: GDELT events to a buffer
//!
//! ```
//! use dyad_export::{export, Destination, ExportOptions, Format};
//! # fn events() -> Vec<Result<dyad_types::MergedEvent, std::convert::Infallible>> { Vec::new() }
//! let mut out = Vec::new();
//! let report = export(Format::Gdelt, events(), Destination::Writer(Box::new(&mut out)), &ExportOptions::default())?;
//! assert_eq!(report.written, 0);
//! assert!(report.failures.is_empty());
//! # Ok::<(), dyad_export::Error>(())
//! ```
//!
//! # Errors
//!
//! Two kinds, kept apart because the caller treats them differently
//! ([`Error::is_record_error`]): a record that cannot be written (a malformed
//! date, say) is skipped and reported, and the export goes on; a failing
//! destination (disk full, closed pipe, a Parquet encoding failure) stops
//! the export, since nothing after it could be written either.

#![deny(missing_docs)]

use std::fmt;
use std::io::{self, Write};
use std::path::PathBuf;
use std::str::FromStr;

pub use dyad_types::{Mention, MergedEvent};

mod actor_code;
mod csv_table;
mod dates;
mod gdelt;
mod parquet_out;
mod plover;
#[cfg(test)]
mod reader_tests;
#[cfg(test)]
mod test_support;

pub use actor_code::GdeltActorBlocks;
pub use csv_table::{CsvWriter, CSV_COLUMNS};
pub use gdelt::{GdeltEventsWriter, GdeltMentionsWriter, GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS};
pub use parquet_out::{arrow_schema, ParquetWriter, PartitionedParquetWriter, UNKNOWN_DATE_PARTITION};
pub use plover::{PloverWriter, PLOVER_EXTENSION_KEY};

/// The dyad version written into exports that record their coder.
pub const DYAD_VERSION: &str = env!("CARGO_PKG_VERSION");

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// GDELT 2.0 Events table: 61 tab-separated columns, no header.
    Gdelt,
    /// GDELT 2.0 Mentions table: 16 tab-separated columns, one row per
    /// mention, no header.
    GdeltMentions,
    /// PLOVER JSON Lines, one event per line.
    Plover,
    /// A flat CSV table with a header row.
    Csv,
    /// Apache Parquet (needs a path).
    Parquet,
}

impl Format {
    /// Every format, in the order the CLI lists them.
    pub const ALL: [Format; 5] = [Format::Gdelt, Format::GdeltMentions, Format::Plover, Format::Csv, Format::Parquet];

    /// The name the CLI uses (`gdelt`, `gdelt-mentions`, `plover`, `csv`,
    /// `parquet`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Gdelt => "gdelt",
            Format::GdeltMentions => "gdelt-mentions",
            Format::Plover => "plover",
            Format::Csv => "csv",
            Format::Parquet => "parquet",
        }
    }

    /// True when the format needs a file path rather than a stream: Parquet
    /// is binary (never for a terminal) and may be a folder of partitions.
    pub fn needs_path(self) -> bool {
        self == Format::Parquet
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = Error;

    fn from_str(s: &str) -> Result<Format, Error> {
        Format::ALL.into_iter().find(|f| f.name() == s).ok_or_else(|| Error::UnknownFormat(s.to_string()))
    }
}

/// Where an export goes.
pub enum Destination<'a> {
    /// A stream (stdout, a file opened by the caller, a buffer). Text
    /// formats only.
    Writer(Box<dyn Write + 'a>),
    /// A file path (any format); with
    /// [`ExportOptions::partition_by_date`], a folder for Parquet.
    Path(PathBuf),
}

impl fmt::Debug for Destination<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Destination::Writer(_) => f.write_str("Writer(..)"),
            Destination::Path(p) => f.debug_tuple("Path").field(p).finish(),
        }
    }
}

/// Settings of one export.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Parquet only: write a folder of Hive-style date partitions
    /// (`date=YYYY-MM-DD/part-N.parquet`) instead of one file.
    pub partition_by_date: bool,
}

/// A record the export skipped, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordFailure {
    /// The event's id, when the record got as far as being an event.
    pub event_id: Option<i64>,
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for RecordFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.event_id {
            Some(id) => write!(f, "event {id}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// What an export did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExportReport {
    /// Events written.
    pub written: u64,
    /// Records skipped; the caller should exit non-zero when this is not
    /// empty.
    pub failures: Vec<RecordFailure>,
}

/// Errors of the exporters.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// One event cannot be written in the format (the rest can).
    #[error("event {id}: {reason}")]
    InvalidEvent {
        /// The event's id.
        id: i64,
        /// What is wrong with it.
        reason: String,
    },
    /// The format name is not one of [`Format::ALL`].
    #[error("unknown export format `{0}` (expected gdelt, gdelt-mentions, plover, csv or parquet)")]
    UnknownFormat(String),
    /// Parquet was asked for without a path.
    #[error("the parquet format needs an output path (--output PATH)")]
    NeedsPath,
    /// Date partitions were asked for a format other than Parquet.
    #[error("--partition-by date applies to the parquet format only, not {0}")]
    PartitionNeedsParquet(Format),
    /// Reading or writing a file or stream failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done, and on which path.
        context: String,
        /// The I/O error.
        #[source]
        source: io::Error,
    },
    /// The CSV writer failed.
    #[error("writing CSV: {0}")]
    Csv(#[from] csv::Error),
    /// Building an Arrow batch failed.
    #[error("building an Arrow batch: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
    /// Encoding Parquet failed.
    #[error("writing Parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
}

impl Error {
    /// True when only one record is at fault and the export can go on.
    pub fn is_record_error(&self) -> bool {
        matches!(self, Error::InvalidEvent { .. })
    }

    pub(crate) fn io(context: impl Into<String>, source: io::Error) -> Error {
        Error::Io { context: context.into(), source }
    }

    pub(crate) fn invalid(id: i64, reason: impl Into<String>) -> Error {
        Error::InvalidEvent { id, reason: reason.into() }
    }
}

/// A sink for merged events in one format.
///
/// `write` checks and formats the whole record before it writes a byte, so a
/// record that fails with [`Error::InvalidEvent`] leaves the output as it
/// was. `finish` flushes buffers and writes trailers (the Parquet footer);
/// an export that is not finished is not complete.
pub trait EventWriter {
    /// Writes one event.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidEvent`] when this event cannot be written (nothing was
    /// written); any other error when the destination failed.
    fn write(&mut self, event: &MergedEvent) -> Result<(), Error>;

    /// Flushes and closes the output.
    ///
    /// # Errors
    ///
    /// When the destination fails.
    fn finish(self: Box<Self>) -> Result<(), Error>;
}

/// Opens a writer for `format` on `destination`.
///
/// Streams are wrapped in a `BufWriter`; pass the raw stdout lock.
///
/// # Errors
///
/// [`Error::NeedsPath`] for Parquet on a stream,
/// [`Error::PartitionNeedsParquet`] for date partitions of a text format,
/// [`Error::Io`] when the path cannot be created.
pub fn writer<'a>(
    format: Format,
    destination: Destination<'a>,
    options: &ExportOptions,
) -> Result<Box<dyn EventWriter + 'a>, Error> {
    if options.partition_by_date && format != Format::Parquet {
        return Err(Error::PartitionNeedsParquet(format));
    }
    let stream: Box<dyn Write + 'a> = match destination {
        Destination::Path(path) if format == Format::Parquet => {
            return Ok(if options.partition_by_date {
                Box::new(PartitionedParquetWriter::create(path)?)
            } else {
                Box::new(ParquetWriter::create(path)?)
            });
        }
        Destination::Writer(_) if format == Format::Parquet => return Err(Error::NeedsPath),
        Destination::Path(path) => {
            let file =
                std::fs::File::create(&path).map_err(|e| Error::io(format!("creating {}", path.display()), e))?;
            Box::new(file)
        }
        Destination::Writer(w) => w,
    };
    let stream = io::BufWriter::with_capacity(1 << 16, stream);
    Ok(match format {
        Format::Gdelt => Box::new(GdeltEventsWriter::new(stream)),
        Format::GdeltMentions => Box::new(GdeltMentionsWriter::new(stream)),
        Format::Plover => Box::new(PloverWriter::new(stream)),
        Format::Csv => Box::new(CsvWriter::new(stream)),
        Format::Parquet => unreachable!("handled above"),
    })
}

/// Writes every event of `events` in `format` to `destination`.
///
/// Records that fail (an `Err` from the iterator, or an event the format
/// cannot hold) are skipped and listed in the report; the rest are written.
///
/// # Errors
///
/// When the writer cannot be opened, or the destination fails.
pub fn export<'a, I, E>(
    format: Format,
    events: I,
    destination: Destination<'a>,
    options: &ExportOptions,
) -> Result<ExportReport, Error>
where
    I: IntoIterator<Item = Result<MergedEvent, E>>,
    E: fmt::Display,
{
    let mut out = writer(format, destination, options)?;
    let mut report = ExportReport::default();
    for item in events {
        let event = match item {
            Ok(event) => event,
            Err(e) => {
                report.failures.push(RecordFailure { event_id: None, message: e.to_string() });
                continue;
            }
        };
        match out.write(&event) {
            Ok(()) => report.written += 1,
            Err(e) if e.is_record_error() => {
                report.failures.push(RecordFailure { event_id: Some(event.id), message: e.to_string() })
            }
            Err(e) => return Err(e),
        }
    }
    out.finish()?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::coded_events;

    #[test]
    fn format_names_round_trip() {
        for f in Format::ALL {
            assert_eq!(f.name().parse::<Format>().unwrap(), f);
        }
        assert!(matches!("tsv".parse::<Format>(), Err(Error::UnknownFormat(s)) if s == "tsv"));
    }

    #[test]
    fn parquet_needs_a_path_and_partitions_need_parquet() {
        let err = writer(Format::Parquet, Destination::Writer(Box::new(Vec::new())), &ExportOptions::default());
        assert!(matches!(err, Err(Error::NeedsPath)));
        let opts = ExportOptions { partition_by_date: true };
        let err = writer(Format::Csv, Destination::Writer(Box::new(Vec::new())), &opts);
        assert!(matches!(err, Err(Error::PartitionNeedsParquet(Format::Csv))));
    }

    #[test]
    fn text_formats_write_to_a_path() {
        let dir = tempfile::tempdir().unwrap();
        let events = coded_events();
        for format in [Format::Gdelt, Format::GdeltMentions, Format::Plover, Format::Csv] {
            let path = dir.path().join(format.name());
            let items = events.iter().cloned().map(Ok::<_, String>);
            let report = export(format, items, Destination::Path(path.clone()), &ExportOptions::default()).unwrap();
            assert_eq!(report.written as usize, events.len());
            let lines = std::fs::read_to_string(&path).unwrap().lines().count();
            let want = match format {
                Format::GdeltMentions => events.iter().map(|e| e.mentions.len()).sum(),
                Format::Csv => events.len() + 1,
                _ => events.len(),
            };
            assert_eq!(lines, want, "{format}");
        }
        let missing = dir.path().join("no/such/folder/out.tsv");
        let err = export(
            Format::Gdelt,
            Vec::<Result<MergedEvent, String>>::new(),
            Destination::Path(missing),
            &ExportOptions::default(),
        );
        assert!(matches!(err, Err(Error::Io { .. })));
    }

    #[test]
    fn export_skips_bad_records_and_writes_the_rest() {
        let mut events = coded_events();
        assert!(events.len() >= 3, "the test sentences should code at least three events");
        events[1].date_added = "yesterday".into();
        let bad_id = events[1].id;
        let mut items: Vec<Result<MergedEvent, String>> = events.into_iter().map(Ok).collect();
        items.push(Err("store: row 17 is corrupt".into()));
        let total = items.len();
        let mut out = Vec::new();
        let report =
            export(Format::Gdelt, items, Destination::Writer(Box::new(&mut out)), &ExportOptions::default()).unwrap();
        assert_eq!(report.written as usize, total - 2);
        assert_eq!(report.failures.len(), 2);
        assert_eq!(report.failures[0].event_id, Some(bad_id));
        assert!(report.failures[0].message.contains("date_added"), "{}", report.failures[0]);
        assert_eq!(report.failures[1].to_string(), "store: row 17 is corrupt");
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), total - 2);
        assert!(!text.lines().any(|l| l.starts_with(&format!("{bad_id}\t"))));
    }
}
