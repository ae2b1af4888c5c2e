//! `dyad code`: read documents, code them in parallel, write events in input
//! order.
//!
//! Documents are read in batches ([`LIMITS`]: at most 256 documents or
//! 64 MiB of text); a batch is coded with rayon, which keeps results
//! in input order, then written before the next batch is read. Output order
//! is therefore deterministic and memory stays bounded on huge inputs.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use rayon::prelude::*;

use crate::batch::{code_one, fill_batch, BatchLimits, Outcome};
use crate::input::{self, Inputs, Item};
use crate::output::{EventWriter, Format};
use crate::progress::Reporter;
use crate::{EXIT_RECORD_ERRORS, EXIT_USAGE};

/// A batch is coded in parallel, then written before the next is read.
const LIMITS: BatchLimits = BatchLimits::documents(256);

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct CodeArgs {
    /// Input files or directories: a .txt file is one article (its first
    /// line is the headline); a .jsonl file holds one article per line; a
    /// directory means every .txt and .jsonl file in it, recursively, in
    /// sorted path order; `-` reads JSON Lines from standard input.
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<PathBuf>,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,

    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Publication date (YYYY-MM-DD) of inputs that carry none.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = input::parse_date_arg)]
    date: Option<String>,

    /// Code text even when it looks non-English (normally such documents
    /// are skipped with a notice).
    #[arg(long)]
    no_lang_check: bool,

    #[command(flatten)]
    coding: crate::dicts::CodingArgs,

    /// No progress bar, notices or summary; errors are still printed.
    #[arg(short, long)]
    quiet: bool,
}

const AFTER_HELP: &str = "\
JSON Lines records: an object with \"text\" (required) and optional \"id\"
(string or number), \"title\", \"date\" (YYYY-MM-DD or RFC 3339; the date part is
kept), \"url\" and \"source\". The document text is title + \"\\n\\n\" + text when a
title is given, else text. A record without an id is named FILE:LINE.
Records longer than 50 MiB (one line, or one .txt file) are skipped.

Bad records are reported on stderr as `dyad: FILE:LINE: message` and skipped;
the others are still coded. Non-English documents are skipped with a notice.

Exit status: 0 success; 1 some records could not be coded; 2 usage error or
an input could not be read.";

/// Counts for the summary line.
#[derive(Debug, Default)]
struct Stats {
    documents: usize,
    sentences: usize,
    events: usize,
    errors: usize,
    skipped: usize,
    unreadable: usize,
}

/// Runs `dyad code`.
pub fn run(args: CodeArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let coder = args.coding.coder()?;

    let out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(File::create(path).with_context(|| format!("{}", path.display()))?),
        None => Box::new(io::stdout().lock()),
    };
    let mut writer = EventWriter::new(BufWriter::with_capacity(1 << 16, out), args.format)?;

    let mut reporter = Reporter::new(args.quiet, "documents coded");
    let mut stats = Stats::default();
    let mut inputs = Inputs::new(&args.inputs, args.date.clone());
    let mut batch = Vec::with_capacity(LIMITS.docs);
    loop {
        let more = fill_batch(&mut inputs, &mut batch, LIMITS);
        reporter.start_if_many(stats.documents + stats.skipped + count_docs(&batch));
        let outcomes: Vec<Option<Outcome>> = batch
            .par_iter()
            .map(|item| match item {
                Item::Doc(doc) => Some(code_one(&coder, &doc.article, !args.no_lang_check)),
                _ => None,
            })
            .collect();
        for (item, outcome) in batch.drain(..).zip(outcomes) {
            emit(item, outcome, &mut writer, &mut reporter, &mut stats)?;
        }
        writer.flush()?;
        if !more {
            break;
        }
    }
    reporter.finish();
    if !args.quiet {
        eprintln!(
            "dyad: {} documents, {} sentences, {} events, {} errors, {} skipped (non-English), {:.2} s",
            stats.documents,
            stats.sentences,
            stats.events,
            stats.errors + stats.unreadable,
            stats.skipped,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if stats.unreadable > 0 {
        ExitCode::from(EXIT_USAGE)
    } else if stats.errors > 0 {
        ExitCode::from(EXIT_RECORD_ERRORS)
    } else {
        ExitCode::SUCCESS
    })
}

fn count_docs(batch: &[Item]) -> usize {
    batch.iter().filter(|item| matches!(item, Item::Doc(_))).count()
}

fn emit<W: Write>(
    item: Item,
    outcome: Option<Outcome>,
    writer: &mut EventWriter<W>,
    reporter: &mut Reporter,
    stats: &mut Stats,
) -> anyhow::Result<()> {
    match (item, outcome) {
        (Item::Doc(doc), Some(Outcome::Coded(coded))) => {
            stats.documents += 1;
            stats.sentences += coded.sentences.len();
            stats.events += coded.events.len();
            writer.document(&doc.article, &coded)?;
            reporter.inc();
        }
        (Item::Doc(doc), Some(Outcome::NonEnglish(lang))) => {
            stats.skipped += 1;
            reporter.notice(&format!("{}: skipped: text looks {lang}, not English", doc.origin));
            reporter.inc();
        }
        (Item::Doc(doc), failed) => {
            let why = match failed {
                Some(Outcome::Failed(message)) => message,
                _ => "not coded".into(),
            };
            stats.errors += 1;
            reporter.error(&format!("{}: internal error while coding (please report): {why}", doc.origin));
            reporter.inc();
        }
        (Item::BadRecord { origin, message }, _) => {
            stats.errors += 1;
            reporter.error(&format!("{origin}: {message}"));
        }
        (Item::Warning { origin, message }, _) => {
            reporter.notice(&format!("{origin}: warning: {message}"));
        }
        (Item::Unreadable { path, message }, _) => {
            stats.unreadable += 1;
            reporter.error(&format!("{path}: {message}"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::MAX_RECORD_BYTES;

    #[test]
    fn help_states_the_record_size_limit() {
        let limit = format!("{} MiB", MAX_RECORD_BYTES >> 20);
        assert!(AFTER_HELP.contains(&limit), "update AFTER_HELP to say {limit}");
    }
}
