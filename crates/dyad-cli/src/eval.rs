//! `dyad eval`: codes the texts of a gold file and scores the events against
//! the gold events (precision, recall and F1 at several levels, main-event
//! accuracy, per-label scores, a confusion matrix and the worst errors).
//!
//! The gold format is in [`crate::gold::record`]; what is compared and how
//! matching works is in [`spec`] and [`score`]; EVALUATION.md explains both
//! for users.

pub(crate) mod floors;
mod report;
mod score;
mod spec;

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{anyhow, bail, Context};
use clap::Args;
use dyad_coder::{Article, SentenceReport};
use rayon::prelude::*;
use serde_json::Value;

use crate::gold::record::GoldRecord;
use crate::EXIT_RECORD_ERRORS;
use score::{Options, Outcome, RunInfo};
use spec::{GoldSpec, Pred};

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct EvalArgs {
    /// The gold file: JSON Lines, one {"id", "text", "date"?, "events": [...]}
    /// per line (see EVALUATION.md).
    #[arg(long, value_name = "FILE")]
    gold: PathBuf,

    /// Also write the whole report as JSON to REPORT.
    #[arg(long, value_name = "REPORT")]
    json: Option<PathBuf>,

    /// Evaluate only the first N records.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,

    /// Score these events instead of coding the texts: JSON Lines event
    /// records (as `dyad code` writes them) whose doc_id is the gold id.
    #[arg(long, value_name = "FILE")]
    predictions: Option<PathBuf>,

    /// Score events of every mode; normally only asserted events (reported
    /// or not) are scored and the others are counted apart.
    #[arg(long)]
    all_modes: bool,

    /// Score only events whose source matches CODE in full (`---COP`: any
    /// police), for sets that label one actor's actions only; the others
    /// are dropped before scoring and counted.
    #[arg(long, value_name = "CODE", allow_hyphen_values = true)]
    only_source: Option<String>,

    /// Check the headline figures against the floors for this set in FILE
    /// (eval/floors.toml); exit 1 when one is below its floor.
    #[arg(long, value_name = "FILE")]
    floors: Option<PathBuf>,

    /// The set's name: labels the report and picks its table in --floors
    /// (default: the gold file name without .gold/.jsonl).
    #[arg(long, value_name = "NAME")]
    set: Option<String>,

    /// Number of coding threads (default: one per CPU).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,

    /// Print only the summary line and the floors check, not the report.
    #[arg(short, long)]
    quiet: bool,

    #[command(flatten)]
    dicts: crate::dicts::DictArgs,
}

const AFTER_HELP: &str = "\
A gold event may give any of: label, source, target (CAMEO actor codes; `---`
matches anything), cameo, root, penta (one value or a list of alternatives; a
cameo ending in `*` is a prefix), source_span, target_span. Matching uses only
the fields given; \"events\": [] means the record reports no event.

Exit status: 0 success; 1 a figure is below its floor, or the coder failed on
a record; 2 usage error, unreadable or invalid gold file.";

/// Runs `dyad eval`.
pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    if let Some(threads) = args.threads {
        // Fails only when the global pool already exists, which it cannot
        // here.
        let _ = rayon::ThreadPoolBuilder::new().num_threads(threads).build_global();
    }
    // Read the floors first: a broken floors file should not cost a run.
    let floors = match &args.floors {
        Some(path) => {
            let text = fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
            Some(floors::parse(&text).map_err(|e| anyhow!("{}: {e}", path.display()))?)
        }
        None => None,
    };
    let set = args.set.clone().unwrap_or_else(|| set_name(&args.gold));
    let gold = read_gold(&args.gold, args.limit)?;

    let (predictions, outcomes) = match &args.predictions {
        Some(path) => (path.display().to_string(), from_file(path, gold)?),
        None => (format!("dyad {}", env!("CARGO_PKG_VERSION")), code_all(gold, &args.dicts)?),
    };
    let mut outcomes = outcomes;
    let mut out_of_scope = 0;
    if let Some(code) = &args.only_source {
        let code = code.trim().to_uppercase();
        for o in &mut outcomes {
            let before = o.preds.len();
            o.preds.retain(|p| spec::actor_code_matches(Some(&code), p.source.as_ref(), true));
            out_of_scope += before - o.preds.len();
        }
    }
    let failed = outcomes.iter().filter(|o| o.failed).count();
    let info = RunInfo {
        set: set.clone(),
        gold_file: args.gold.display().to_string(),
        predictions,
        only_source: args.only_source.clone(),
        out_of_scope,
        seconds: started.elapsed().as_secs_f64(),
    };
    let report = score::score(&outcomes, Options { all_modes: args.all_modes }, info);

    if !args.quiet {
        print!("{}", report.render());
    }
    if let Some(path) = &args.json {
        let file = File::create(path).with_context(|| format!("{}", path.display()))?;
        let mut out = BufWriter::new(file);
        serde_json::to_writer_pretty(&mut out, &report)?;
        out.write_all(b"\n")?;
        out.flush().with_context(|| format!("{}", path.display()))?;
    }
    eprintln!("dyad eval: {}", summary(&report));

    let mut code = ExitCode::SUCCESS;
    if failed > 0 {
        eprintln!("dyad eval: the coder failed on {failed} records (scored as no event; please report)");
        code = ExitCode::from(EXIT_RECORD_ERRORS);
    }
    if let Some(floors) = floors {
        let Some(mine) = floors.get(&set) else {
            eprintln!("dyad eval: no floors for set {set:?}");
            return Ok(code);
        };
        let checked = floors::check(mine, &report.headline);
        let parts: Vec<String> = checked
            .iter()
            .map(|c| match c.value {
                Some(v) => format!("{} {v:.4} (floor {}) {}", c.name, c.floor, if c.passed() { "ok" } else { "BELOW" }),
                None => format!("{} not measured (floor {}) BELOW", c.name, c.floor),
            })
            .collect();
        println!("floors {set}: {}", parts.join("; "));
        if !checked.iter().all(floors::Checked::passed) {
            code = ExitCode::from(EXIT_RECORD_ERRORS);
        }
    }
    Ok(code)
}

/// The default set name: the gold file's name without `.jsonl` and `.gold`.
fn set_name(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let name = name.strip_suffix(".jsonl").unwrap_or(&name);
    name.strip_suffix(".gold").unwrap_or(name).to_string()
}

/// One line: the figures that say most about the set.
fn summary(report: &report::Report) -> String {
    let mut parts = vec![format!("{}: {} records", report.set, report.records)];
    for key in [
        "detection_recall",
        "event_f1",
        "penta_main_accuracy",
        "root_main_accuracy",
        "root_f1",
        "root_actors_country_f1",
    ] {
        if let Some(v) = report.headline.get(key) {
            parts.push(format!("{key} {v:.3}"));
        }
    }
    parts.push(format!("{:.1} s", report.seconds));
    parts.join(", ")
}

/// Most gold-file errors listed before giving up.
const MAX_ERRORS: usize = 10;

/// Reads and compiles the gold file. Any bad record is fatal: a score on a
/// silently shrunken gold set would mislead.
fn read_gold(path: &Path, limit: Option<usize>) -> anyhow::Result<Vec<(GoldRecord, Vec<GoldSpec>)>> {
    let file = File::open(path).with_context(|| format!("{}", path.display()))?;
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in BufReader::new(file).lines().enumerate() {
        if limit.is_some_and(|n| out.len() >= n) || errors.len() >= MAX_ERRORS {
            break;
        }
        let line = line.with_context(|| format!("{}:{}", path.display(), i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let at = |msg: String| format!("{}:{}: {msg}", path.display(), i + 1);
        let record: GoldRecord = match serde_json::from_str(&line) {
            Ok(r) => r,
            Err(e) => {
                errors.push(at(e.to_string()));
                continue;
            }
        };
        let specs: Result<Vec<GoldSpec>, String> = record.events.iter().map(GoldSpec::new).collect();
        match specs {
            Ok(specs) => out.push((record, specs)),
            Err(e) => errors.push(at(e)),
        }
    }
    if !errors.is_empty() {
        bail!("invalid gold file:\n{}", errors.join("\n"));
    }
    Ok(out)
}

/// Codes every gold text, in parallel, keeping record order.
fn code_all(gold: Vec<(GoldRecord, Vec<GoldSpec>)>, dicts: &crate::dicts::DictArgs) -> anyhow::Result<Vec<Outcome>> {
    let coder = dicts.coder()?;
    Ok(gold
        .into_par_iter()
        .map(|(record, specs)| {
            let article = Article { id: record.id.clone(), text: record.text.clone(), date: record.date.clone() };
            // A coder bug must not end the evaluation: the record counts as
            // coded with no event, and the run says so.
            let coded = panic::catch_unwind(AssertUnwindSafe(|| coder.code(&article)));
            let (preds, failed, why) = match coded {
                Ok(coded) => (
                    coded.events.iter().map(Pred::from_event).collect(),
                    false,
                    coded.events.is_empty().then(|| why_none(&coded.sentences)),
                ),
                Err(_) => (Vec::new(), true, None),
            };
            let mut outcome = outcome(record, specs, preds, failed);
            outcome.why_none = why;
            outcome
        })
        .collect())
}

/// Why the coder found no event in a record, from its sentence notes, the
/// nearest miss first. This reads the wording of dyad-coder's notes; notes
/// worded otherwise fall under "other note".
fn why_none(sentences: &[SentenceReport]) -> &'static str {
    let notes: Vec<&str> = sentences.iter().filter_map(|s| s.note.as_deref()).collect();
    let any = |words: &str| notes.iter().any(|n| n.contains(words));
    if any("no pattern fitted") {
        "trigger and actors, no pattern fitted"
    } else if any("no actor was recognised") {
        "trigger, no actor"
    } else if any("no event pattern matched") {
        "actors, no trigger"
    } else if notes.iter().any(|n| n.starts_with("discarded")) {
        "discarded"
    } else if notes.is_empty() {
        "no actor, no trigger"
    } else {
        "other note"
    }
}

/// Pairs gold records with events read from a file, by document id.
fn from_file(path: &Path, gold: Vec<(GoldRecord, Vec<GoldSpec>)>) -> anyhow::Result<Vec<Outcome>> {
    let file = File::open(path).with_context(|| format!("{}", path.display()))?;
    let mut by_doc: HashMap<String, Vec<Pred>> = HashMap::new();
    for (i, line) in BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("{}:{}", path.display(), i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(&line).with_context(|| format!("{}:{}", path.display(), i + 1))?;
        let doc = match value.get("doc_id") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => bail!("{}:{}: no \"doc_id\"", path.display(), i + 1),
        };
        let pred = Pred::from_json(&value).map_err(|e| anyhow!("{}:{}: {e}", path.display(), i + 1))?;
        by_doc.entry(doc).or_default().push(pred);
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(gold.len());
    for (record, specs) in gold {
        if !seen.insert(record.id.clone()) {
            bail!("gold id {:?} appears twice: predictions cannot be paired", record.id);
        }
        let preds = by_doc.remove(&record.id).unwrap_or_default();
        out.push(outcome(record, specs, preds, false));
    }
    Ok(out)
}

fn outcome(record: GoldRecord, gold: Vec<GoldSpec>, mut preds: Vec<Pred>, failed: bool) -> Outcome {
    // Text order; the sort is stable, so the coder's order breaks ties.
    preds.sort_by_key(|p| (p.sentence, p.start));
    Outcome { id: record.id, text: record.text, gold, preds, failed, why_none: None }
}
