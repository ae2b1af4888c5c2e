//! `dyad ingest`, `dyad recode` and `dyad delete`: coding articles into the
//! event store (crate `dyad-store`) and keeping it current.
//!
//! Ingest reads documents exactly as `dyad code` does, in batches. Each
//! batch is coded in parallel with rayon while a single writer thread
//! stores the batch before it in one SQLite transaction, so storage runs
//! beside coding instead of after it. A killed ingest loses at most the
//! batches in flight; already stored articles are skipped before they are
//! coded, so the next run resumes where the last one stopped.

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use clap::Args;
use dyad_coder::{Article, CodedArticle, Coder};
use dyad_store::{IngestReport, NewArticle, Recoded, RunId, RunInfo, Store};
use rayon::prelude::*;

use crate::batch::{code_one, fill_batch, BatchLimits, Outcome};
use crate::input::{self, Inputs, Item};
use crate::progress::Reporter;
use crate::{EXIT_RECORD_ERRORS, EXIT_USAGE};

/// Most documents coded (and stored in one transaction) per batch: small
/// enough that a killed ingest loses little, large enough that rayon keeps
/// both cores busy and commits stay rare.
const LIMITS: BatchLimits = BatchLimits::documents(64);

/// The database used when `--db` is not given and `DYAD_DB` is not set.
pub const DEFAULT_DB: &str = "dyad.sqlite";

/// The `--db` option shared by the store commands.
#[derive(Debug, Clone, Args)]
pub struct DbArg {
    /// The event database (SQLite). Default: $DYAD_DB, else dyad.sqlite in
    /// the current directory.
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
}

impl DbArg {
    /// The database path: `--db`, else `$DYAD_DB`, else [`DEFAULT_DB`].
    pub fn path(&self) -> PathBuf {
        self.db
            .clone()
            .or_else(|| std::env::var_os("DYAD_DB").filter(|v| !v.is_empty()).map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from(DEFAULT_DB))
    }

    /// Opens an existing database; a missing file is an error, not a new
    /// empty store.
    pub fn open_existing(&self) -> anyhow::Result<Store> {
        let path = self.path();
        if !path.exists() {
            bail!("{}: no such database (create it with `dyad ingest`)", path.display());
        }
        Ok(Store::open(&path)?)
    }
}

#[derive(Debug, Args)]
#[command(after_help = INGEST_AFTER_HELP)]
pub struct IngestArgs {
    /// Input files or directories, as for `dyad code`: .txt files, .jsonl
    /// files (one article per line), directories of them, `-` for JSON
    /// Lines on standard input.
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<PathBuf>,

    #[command(flatten)]
    db: DbArg,

    /// Publication date (YYYY-MM-DD) of inputs that carry none.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = input::parse_date_arg)]
    date: Option<String>,

    /// Do not keep article texts in the database (sentences with events
    /// stay searchable; `dyad recode` will not be possible).
    #[arg(long)]
    no_store_text: bool,

    /// Keep one event per mention in this database from now on (re-merges
    /// what is stored).
    #[arg(long, conflicts_with = "merge")]
    no_merge: bool,

    /// Merge mentions into events again after --no-merge.
    #[arg(long)]
    merge: bool,

    /// Code text even when it looks non-English.
    #[arg(long)]
    no_lang_check: bool,

    #[command(flatten)]
    coding: crate::dicts::CodingArgs,

    /// No progress bar, notices or summary; errors are still printed.
    #[arg(short, long)]
    quiet: bool,
}

const INGEST_AFTER_HELP: &str = "\
An article is identified by its JSON Lines \"id\"; without one (and for .txt
files) by the SHA-256 of its text (id `sha256:<32 hex digits>`). Articles
already in the database are skipped, so rerunning an interrupted ingest
resumes it. JSON Lines \"url\", \"source\" (the outlet) and \"title\" are
stored with the article.

Bad records are reported on stderr as `dyad: FILE:LINE: message` and
skipped; the others are still stored.

Exit status: 0 success; 1 some records could not be coded; 2 usage error or
an input could not be read.";

/// Counts for the summary line.
#[derive(Debug, Default)]
struct Stats {
    read: usize,
    stored: usize,
    already: usize,
    mentions: usize,
    errors: usize,
    skipped: usize,
    unreadable: usize,
}

/// The dyad version stored with every run.
fn run_info(coder: &Coder, command: &str) -> RunInfo {
    RunInfo {
        dyad_version: env!("CARGO_PKG_VERSION").to_string(),
        dict_fingerprint: coder.dictionaries().fingerprint.clone(),
        command: command.to_string(),
    }
}

/// Runs `dyad ingest`.
pub fn run_ingest(args: IngestArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let coder = args.coding.coder()?;
    let path = args.db.path();
    let mut store = Store::open(&path)?;
    if args.no_merge {
        store.set_merge(false)?;
    } else if args.merge {
        store.set_merge(true)?;
    }
    let run = store.begin_run(&run_info(&coder, "ingest"))?;
    // A second connection tells which articles are already stored, so they
    // are not coded again; the writer's INSERT OR IGNORE stays the final
    // word.
    let lookup = Store::open(&path)?;

    let mut reporter = Reporter::new(args.quiet, "documents stored");
    let mut stats = Stats::default();
    let (batches, received) = mpsc::sync_channel::<Vec<NewArticle>>(1);
    let writer = std::thread::spawn(move || -> anyhow::Result<(IngestReport, Store, Duration)> {
        let mut total = IngestReport::default();
        let mut busy = Duration::ZERO;
        for batch in received {
            let started = Instant::now();
            let report = store.ingest(run, &batch)?;
            busy += started.elapsed();
            total.stored += report.stored;
            total.skipped += report.skipped;
            total.mentions += report.mentions;
        }
        Ok((total, store, busy))
    });

    let mut inputs = Inputs::new(&args.inputs, args.date.clone());
    let mut seen_this_run: HashSet<String> = HashSet::new();
    let mut batch = Vec::with_capacity(LIMITS.docs);
    let mut send_failed = false;
    loop {
        let more = fill_batch(&mut inputs, &mut batch, LIMITS);
        let mut docs = Vec::new();
        for item in batch.drain(..) {
            match item {
                Item::Doc(mut doc) => {
                    stats.read += 1;
                    let given = doc.meta.given_id.then_some(doc.article.id.as_str());
                    doc.article.id = dyad_store::article_id(given, &doc.article.text);
                    if !seen_this_run.insert(doc.article.id.clone())
                        || !lookup.stored_ids([doc.article.id.as_str()])?.is_empty()
                    {
                        stats.already += 1;
                        continue;
                    }
                    docs.push(doc);
                }
                Item::BadRecord { origin, message } => {
                    stats.errors += 1;
                    reporter.error(&format!("{origin}: {message}"));
                }
                Item::Warning { origin, message } => reporter.notice(&format!("{origin}: warning: {message}")),
                Item::Unreadable { path, message } => {
                    stats.unreadable += 1;
                    reporter.error(&format!("{path}: {message}"));
                }
            }
        }
        reporter.start_if_many(stats.read);
        let outcomes: Vec<Outcome> =
            docs.par_iter().map(|doc| code_one(&coder, &doc.article, !args.no_lang_check)).collect();
        let mut articles = Vec::with_capacity(docs.len());
        for (doc, outcome) in docs.into_iter().zip(outcomes) {
            match outcome {
                Outcome::Coded(coded) => {
                    reporter.inc();
                    articles.push(new_article(doc.article, doc.meta, coded, !args.no_store_text));
                }
                Outcome::NonEnglish(lang) => {
                    stats.skipped += 1;
                    reporter.notice(&format!("{}: skipped: text looks {lang}, not English", doc.origin));
                }
                Outcome::Failed(why) => {
                    stats.errors += 1;
                    reporter.error(&format!("{}: internal error while coding (please report): {why}", doc.origin));
                }
            }
        }
        if !articles.is_empty() && batches.send(articles).is_err() {
            // The writer stopped: its error is reported below.
            send_failed = true;
            break;
        }
        if !more {
            break;
        }
    }
    drop(batches);
    let (report, store, storing) = match writer.join() {
        Ok(result) => result.with_context(|| format!("{}: storing", path.display()))?,
        Err(_) => bail!("{}: the writer thread panicked", path.display()),
    };
    if send_failed {
        bail!("{}: storing stopped early", path.display());
    }
    reporter.finish();
    stats.stored = report.stored;
    stats.already += report.skipped;
    stats.mentions = report.mentions;
    if !args.quiet {
        let totals = store.stats()?;
        eprintln!(
            "dyad: {} documents read, {} stored ({} mentions), {} already stored, {} errors, {} skipped (non-English); {} now holds {} articles, {} events; {:.2} s (writer busy {:.2} s)",
            stats.read,
            stats.stored,
            stats.mentions,
            stats.already,
            stats.errors + stats.unreadable,
            stats.skipped,
            path.display(),
            totals.articles,
            totals.events,
            started.elapsed().as_secs_f64(),
            storing.as_secs_f64()
        );
    }
    Ok(exit_code(&stats))
}

fn exit_code(stats: &Stats) -> ExitCode {
    if stats.unreadable > 0 {
        ExitCode::from(EXIT_USAGE)
    } else if stats.errors > 0 {
        ExitCode::from(EXIT_RECORD_ERRORS)
    } else {
        ExitCode::SUCCESS
    }
}

fn sentences(coded: &CodedArticle) -> Vec<(usize, String)> {
    coded.sentences.iter().map(|s| (s.index, s.text.clone())).collect()
}

fn new_article(article: Article, meta: input::DocMeta, coded: CodedArticle, store_text: bool) -> NewArticle {
    NewArticle {
        sentences: sentences(&coded),
        events: coded.events,
        id: article.id,
        url: meta.url,
        source_name: meta.source,
        title: meta.title,
        date: article.date,
        text: article.text,
        store_text,
    }
}

#[derive(Debug, Args)]
pub struct RecodeArgs {
    #[command(flatten)]
    db: DbArg,

    #[command(flatten)]
    coding: crate::dicts::CodingArgs,

    /// No progress bar or summary.
    #[arg(short, long)]
    quiet: bool,
}

/// Runs `dyad recode`: codes every stored article again with the current
/// dictionaries and replaces its mentions.
pub fn run_recode(args: RecodeArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let path = args.db.path();
    let mut store = args.db.open_existing()?;
    let totals = store.stats()?;
    if totals.articles_without_text > 0 {
        bail!(
            "{}: {} of {} stored articles were ingested with --no-store-text; recoding needs their text (`dyad delete` them and ingest them again without --no-store-text)",
            path.display(),
            totals.articles_without_text,
            totals.articles
        );
    }
    let coder = args.coding.coder()?;
    let run: RunId = store.begin_run(&run_info(&coder, "recode"))?;
    let mut reporter = Reporter::new(args.quiet, "documents recoded");
    reporter.start_if_many(totals.articles as usize);
    let (mut after, mut articles, mut mentions, mut errors) = (0, 0, 0, 0);
    loop {
        let page = store.stored_articles(after, LIMITS.docs)?;
        let Some(last) = page.last() else {
            break;
        };
        after = last.seq;
        let outcomes: Vec<(String, Outcome)> = page
            .into_par_iter()
            .map(|stored| {
                let article = Article { id: stored.id, text: stored.text.unwrap_or_default(), date: stored.date };
                let outcome = code_one(&coder, &article, false);
                (article.id, outcome)
            })
            .collect();
        let mut coded = Vec::new();
        for (id, outcome) in outcomes {
            match outcome {
                Outcome::Coded(c) => {
                    reporter.inc();
                    coded.push(Recoded { id, sentences: sentences(&c), events: c.events });
                }
                Outcome::NonEnglish(_) => {}
                Outcome::Failed(why) => {
                    errors += 1;
                    reporter.error(&format!(
                        "{id}: internal error while coding (please report): {why}; its old events are kept"
                    ));
                }
            }
        }
        articles += coded.len();
        mentions += store.replace_mentions(run, &coded)?;
    }
    reporter.finish();
    if !args.quiet {
        eprintln!(
            "dyad: {articles} articles recoded, {mentions} mentions, {} events, {errors} errors, {:.2} s",
            store.stats()?.events,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if errors > 0 { ExitCode::from(EXIT_RECORD_ERRORS) } else { ExitCode::SUCCESS })
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    #[command(flatten)]
    db: DbArg,

    /// Ids of the articles to delete (as stored: the input's id or
    /// `sha256:...`).
    #[arg(value_name = "ID", required = true)]
    ids: Vec<String>,
}

/// Runs `dyad delete`.
pub fn run_delete(args: DeleteArgs) -> anyhow::Result<ExitCode> {
    let mut store = args.db.open_existing()?;
    let report = store.delete_articles(&args.ids)?;
    for id in &report.missing {
        eprintln!("dyad: {id}: no such article in {}", args.db.path().display());
    }
    eprintln!(
        "dyad: deleted {} articles, {} mentions; events {} -> {}",
        report.deleted, report.mentions, report.events_before, report.events_after
    );
    Ok(if report.missing.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(EXIT_RECORD_ERRORS) })
}
