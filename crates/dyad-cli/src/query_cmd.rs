//! `dyad query`: merged events from the store, filtered, as a table, JSON
//! Lines or CSV, or aggregated (counts per period, quad classes, top actors
//! and dyads).

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::bail;
use clap::{Args, ValueEnum};
use dyad_store::{EventFilter, MergedEvent, Period, Store};
use dyad_types::Mode;
use serde::Serialize;

use crate::input;
use crate::store_cmd::DbArg;

/// The event filters shared by `dyad query` and `dyad export`.
#[derive(Debug, Clone, Args)]
pub struct FilterArgs {
    /// Actor on either side: a code prefix (RUS, RUSGOV) or a country.
    /// Repeatable; comma-separated lists work too.
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    actor: Vec<String>,
    /// Source actor: a code prefix or a country.
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    source: Vec<String>,
    /// Target actor: a code prefix or a country.
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    target: Vec<String>,
    /// CAMEO codes or roots, as prefixes (19 matches 190-196).
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    cameo: Vec<String>,
    /// PLOVER categories (ASSAULT, PROTEST, ...).
    #[arg(long, value_name = "CATEGORY", value_delimiter = ',')]
    plover: Vec<String>,
    /// Quad classes: 1 verbal cooperation, 2 material cooperation, 3 verbal
    /// conflict, 4 material conflict.
    #[arg(long, value_name = "N", value_delimiter = ',', value_parser = clap::value_parser!(u8).range(1..=4))]
    quad: Vec<u8>,
    /// Modes: asserted, negated, intended, hypothetical (default: all).
    #[arg(long, value_name = "MODE", value_delimiter = ',', value_parser = parse_mode)]
    mode: Vec<Mode>,
    /// First day (YYYY-MM-DD), inclusive.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = input::parse_date_arg)]
    from: Option<String>,
    /// Last day (YYYY-MM-DD), inclusive.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = input::parse_date_arg)]
    to: Option<String>,
    /// Country of the event's place (ISO alpha-3: SYR).
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    country: Vec<String>,
    /// Full-text search over the sentences (SQLite FTS5 syntax: words,
    /// "a phrase", OR, NOT, prefix*): events with a mention in a matching
    /// sentence.
    #[arg(long, value_name = "QUERY")]
    text: Option<String>,
}

impl FilterArgs {
    /// The store filter these options describe (no limit, no offset).
    pub fn to_filter(&self) -> EventFilter {
        EventFilter {
            actor: self.actor.clone(),
            source: self.source.clone(),
            target: self.target.clone(),
            cameo: self.cameo.clone(),
            plover: self.plover.clone(),
            quad: self.quad.clone(),
            mode: self.mode.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            country: self.country.clone(),
            text: self.text.clone(),
            limit: None,
            offset: 0,
        }
    }
}

#[derive(Debug, Args)]
#[command(after_help = QUERY_AFTER_HELP)]
pub struct QueryArgs {
    #[command(flatten)]
    db: DbArg,

    #[command(flatten)]
    filter: FilterArgs,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = QueryFormat::Table)]
    format: QueryFormat,
    /// Include every event's mentions (JSON Lines: a "mentions" array;
    /// table and CSV: one row per mention after its event).
    #[arg(long)]
    mentions: bool,
    /// At most N events.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,

    /// Instead of events: events, mentions and Goldstein sums per period.
    #[arg(long, value_enum, value_name = "PERIOD", group = "aggregate")]
    count_by: Option<PeriodArg>,
    /// Instead of events: events, mentions and Goldstein sums per quad
    /// class.
    #[arg(long, group = "aggregate")]
    quad_counts: bool,
    /// Instead of events: the N actors in most events.
    #[arg(long, value_name = "N", group = "aggregate")]
    top_actors: Option<usize>,
    /// Instead of events: the N source-target pairs with most events.
    #[arg(long, value_name = "N", group = "aggregate")]
    top_dyads: Option<usize>,
}

const QUERY_AFTER_HELP: &str = "\
Events are merged: one row per real-world event, with the number of
mentions (reports), articles and sources (outlets, syndicated copies once)
that told it. Different filters must all hold; values of one filter are
alternatives. Counting conflict? Add --mode asserted: denied, intended and
hypothetical events are stored too (never merged with asserted ones).

Examples:
  dyad query --actor SYR --cameo 19 --from 2018-01-01 --format csv
  dyad query --source USA --target IRN --count-by month --mode asserted
  dyad query --text '\"chemical weapons\"' --mentions --format jsonl";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QueryFormat {
    /// Aligned columns for reading.
    Table,
    /// One JSON object per line (dyad_types::MergedEvent).
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    Day,
    Week,
    Month,
}

fn parse_mode(s: &str) -> Result<Mode, String> {
    match s.to_ascii_lowercase().as_str() {
        "asserted" => Ok(Mode::Asserted),
        "negated" => Ok(Mode::Negated),
        "intended" => Ok(Mode::Intended),
        "hypothetical" => Ok(Mode::Hypothetical),
        _ => Err(format!("unknown mode `{s}` (asserted, negated, intended or hypothetical)")),
    }
}

/// Runs `dyad query`.
pub fn run(args: QueryArgs) -> anyhow::Result<ExitCode> {
    let path = args.db.path();
    if !path.exists() {
        bail!("{}: no such database (create it with `dyad ingest`)", path.display());
    }
    let store = Store::open_read_only(&path)?;
    let filter = EventFilter { limit: args.limit, ..args.filter.to_filter() };
    let mut out = BufWriter::new(io::stdout().lock());
    if let Some(period) = args.count_by {
        let period = match period {
            PeriodArg::Day => Period::Day,
            PeriodArg::Week => Period::Week,
            PeriodArg::Month => Period::Month,
        };
        let rows = store.count_by(&filter, period)?;
        let cells = rows
            .iter()
            .map(|r| {
                vec![r.period.clone(), r.events.to_string(), r.mentions.to_string(), format!("{:.1}", r.goldstein)]
            })
            .collect();
        write_rows(&mut out, args.format, &["period", "events", "mentions", "goldstein"], cells, &rows)?;
    } else if args.quad_counts {
        let rows = store.quad_counts(&filter)?;
        let cells = rows
            .iter()
            .map(|r| {
                vec![
                    r.quad_class.map(|q| q.to_string()).unwrap_or_default(),
                    r.events.to_string(),
                    r.mentions.to_string(),
                    format!("{:.1}", r.goldstein),
                ]
            })
            .collect();
        write_rows(&mut out, args.format, &["quad_class", "events", "mentions", "goldstein"], cells, &rows)?;
    } else if let Some(n) = args.top_actors {
        let rows = store.top_actors(&filter, n)?;
        let cells = rows.iter().map(|r| vec![r.actor.clone(), r.events.to_string()]).collect();
        write_rows(&mut out, args.format, &["actor", "events"], cells, &rows)?;
    } else if let Some(n) = args.top_dyads {
        let rows = store.top_dyads(&filter, n)?;
        let cells = rows
            .iter()
            .map(|r| vec![r.source.clone(), r.target.clone(), r.events.to_string(), r.mentions.to_string()])
            .collect();
        write_rows(&mut out, args.format, &["source", "target", "events", "mentions"], cells, &rows)?;
    } else {
        let events = if args.mentions { store.events_with_mentions(&filter)? } else { store.events(&filter)? };
        write_events(&mut out, args.format, &events)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Columns of the event table and CSV.
const EVENT_COLUMNS: &[&str] = &[
    "id",
    "date",
    "source",
    "target",
    "cameo",
    "quad",
    "goldstein",
    "plover",
    "mode",
    "country",
    "mentions",
    "articles",
    "sources",
    "article",
    "sentence",
    "text",
];

fn event_cells(e: &MergedEvent) -> Vec<String> {
    let ev = &e.event;
    vec![
        e.id.to_string(),
        ev.date.clone().unwrap_or_default(),
        ev.source.code.clone(),
        ev.target.as_ref().map(|t| t.code.clone()).unwrap_or_default(),
        ev.cameo.clone(),
        ev.quad_class.map(|q| q.to_string()).unwrap_or_default(),
        ev.goldstein.map(|g| g.to_string()).unwrap_or_default(),
        ev.plover.clone().unwrap_or_default(),
        ev.mode.as_str().to_string(),
        ev.location.as_ref().and_then(|l| l.country.clone()).unwrap_or_default(),
        e.num_mentions.to_string(),
        e.num_articles.to_string(),
        e.num_sources.to_string(),
        ev.doc_id.clone(),
        ev.sentence.to_string(),
        ev.text.clone(),
    ]
}

fn write_events<W: Write>(out: &mut W, format: QueryFormat, events: &[MergedEvent]) -> io::Result<()> {
    if format == QueryFormat::Jsonl {
        for e in events {
            serde_json::to_writer(&mut *out, e)?;
            out.write_all(b"\n")?;
        }
        return Ok(());
    }
    let mut cells = Vec::new();
    for e in events {
        cells.push(event_cells(e));
        for m in &e.mentions {
            // A mention row: the event id, then where it was told.
            let mut row = vec![String::new(); EVENT_COLUMNS.len()];
            row[0] = format!("  {}", e.id);
            row[1] = m.event.date.clone().unwrap_or_default();
            row[2] = m.event.source.code.clone();
            row[3] = m.event.target.as_ref().map(|t| t.code.clone()).unwrap_or_default();
            row[4] = m.event.cameo.clone();
            row[12] = m.source_name.clone().unwrap_or_default();
            row[13] = m.article_id.clone();
            row[14] = m.event.sentence.to_string();
            row[15] = m.event.text.clone();
            cells.push(row);
        }
    }
    write_cells(out, format, EVENT_COLUMNS, cells)
}

fn write_rows<W: Write, T: Serialize>(
    out: &mut W,
    format: QueryFormat,
    header: &[&str],
    cells: Vec<Vec<String>>,
    rows: &[T],
) -> io::Result<()> {
    if format == QueryFormat::Jsonl {
        for row in rows {
            serde_json::to_writer(&mut *out, row)?;
            out.write_all(b"\n")?;
        }
        return Ok(());
    }
    write_cells(out, format, header, cells)
}

/// Longest text cell shown in a table, in characters.
const TABLE_TEXT_CHARS: usize = 80;

fn write_cells<W: Write>(out: &mut W, format: QueryFormat, header: &[&str], cells: Vec<Vec<String>>) -> io::Result<()> {
    match format {
        QueryFormat::Csv => {
            writeln!(out, "{}", header.join(","))?;
            for row in cells {
                let quoted: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
                writeln!(out, "{}", quoted.join(","))?;
            }
        }
        _ => {
            let cells: Vec<Vec<String>> = cells
                .into_iter()
                .map(|row| {
                    row.into_iter()
                        .map(|c| {
                            let c = c.replace(['\n', '\t'], " ");
                            if c.chars().count() > TABLE_TEXT_CHARS {
                                c.chars().take(TABLE_TEXT_CHARS - 1).chain(['…']).collect()
                            } else {
                                c
                            }
                        })
                        .collect()
                })
                .collect();
            let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
            for row in &cells {
                for (w, c) in widths.iter_mut().zip(row) {
                    *w = (*w).max(c.chars().count());
                }
            }
            let line = |row: Vec<String>| -> String {
                let last = row.len().saturating_sub(1);
                row.into_iter()
                    .enumerate()
                    .map(|(i, c)| if i == last { c } else { format!("{c:<w$}", w = widths[i]) })
                    .collect::<Vec<_>>()
                    .join("  ")
            };
            writeln!(out, "{}", line(header.iter().map(|h| h.to_string()).collect()))?;
            for row in cells {
                writeln!(out, "{}", line(row))?;
            }
        }
    }
    Ok(())
}

/// One CSV cell (RFC 4180 quoting).
fn csv_cell(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}
