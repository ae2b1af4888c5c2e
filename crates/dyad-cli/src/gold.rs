//! `dyad gold`: converts a public annotated set into dyad's gold format
//! ([`record`]), ready for `dyad eval`.
//!
//! One module per set; each reads the set's own files and says what it
//! dropped. The sets' contents are never part of the repository: converted
//! files are written at run time (eval/run.sh puts them under target/eval/).

mod case2021;
mod conflibert;
mod india_police;
mod multi_coped;
mod petr2;
pub mod record;

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use serde_json::Value;

use record::GoldRecord;

#[derive(Debug, Args)]
#[command(after_help = AFTER_HELP)]
pub struct GoldArgs {
    /// The set INPUT belongs to.
    #[arg(long, value_enum)]
    set: GoldSet,

    /// The set's file, or the folder holding it under its usual name.
    #[arg(long, value_name = "PATH")]
    input: PathBuf,

    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// case2021: the label-to-CAMEO mapping (default:
    /// acled_case2021_to_cameo_plover.tsv beside the input).
    #[arg(long, value_name = "FILE")]
    mapping: Option<PathBuf>,

    /// conflibert_cameo: the token file with actor tags (default:
    /// cameo_ner_train.txt beside the input, when it exists).
    #[arg(long, value_name = "FILE")]
    ner: Option<PathBuf>,
}

const AFTER_HELP: &str = "\
Sets and their usual file names (used when --input is a folder):
  multi_coped_en    train.jsonl                  PentaClass + source/target spans
  conflibert_cameo  cameo_class_train.tsv        PentaClass (+ spans from cameo_ner_train.txt)
  petr2_gsr         PETR2_GSR_validation.jsonl   CAMEO codes + actor codes
  case2021          dev.jsonl                    ACLED types mapped to CAMEO
  india_police      sents.jsonl                  police ARREST/KILL/FORCE/ANY_ACTION
What each converter keeps and drops is described in EVALUATION.md; the counts
of dropped records are printed on stderr.";

/// The sets dyad can convert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GoldSet {
    #[value(name = "multi_coped_en", alias = "multi-coped-en")]
    MultiCopedEn,
    #[value(name = "conflibert_cameo", alias = "conflibert-cameo")]
    ConflibertCameo,
    #[value(name = "petr2_gsr", alias = "petr2-gsr")]
    Petr2Gsr,
    #[value(name = "case2021")]
    Case2021,
    #[value(name = "india_police", alias = "india-police")]
    IndiaPolice,
}

impl GoldSet {
    /// The set's file name inside its folder.
    fn default_file(self) -> &'static str {
        match self {
            GoldSet::MultiCopedEn => "train.jsonl",
            GoldSet::ConflibertCameo => "cameo_class_train.tsv",
            GoldSet::Petr2Gsr => "PETR2_GSR_validation.jsonl",
            GoldSet::Case2021 => "dev.jsonl",
            GoldSet::IndiaPolice => "sents.jsonl",
        }
    }
}

/// What a converter produced.
pub struct Converted {
    pub records: Vec<GoldRecord>,
    /// What was dropped and why, one line each, for stderr.
    pub notes: Vec<String>,
}

/// Runs `dyad gold`.
pub fn run(args: GoldArgs) -> anyhow::Result<ExitCode> {
    let input = if args.input.is_dir() { args.input.join(args.set.default_file()) } else { args.input.clone() };
    let beside = |name: &str| input.parent().unwrap_or(Path::new(".")).join(name);
    let converted = match args.set {
        GoldSet::MultiCopedEn => multi_coped::convert(&input)?,
        GoldSet::ConflibertCameo => {
            let ner = match args.ner {
                Some(path) => Some(path),
                None => Some(beside("cameo_ner_train.txt")).filter(|p| p.is_file()),
            };
            conflibert::convert(&input, ner.as_deref())?
        }
        GoldSet::Petr2Gsr => petr2::convert(&input)?,
        GoldSet::Case2021 => {
            let mapping = args.mapping.unwrap_or_else(|| beside("acled_case2021_to_cameo_plover.tsv"));
            case2021::convert(&input, &mapping)?
        }
        GoldSet::IndiaPolice => india_police::convert(&input)?,
    };

    let out: Box<dyn Write> = match &args.output {
        Some(path) => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).with_context(|| format!("{}", dir.display()))?;
            }
            Box::new(File::create(path).with_context(|| format!("{}", path.display()))?)
        }
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::new(out);
    for record in &converted.records {
        serde_json::to_writer(&mut out, record)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    let events: usize = converted.records.iter().map(|r| r.events.len()).sum();
    eprintln!("dyad gold: {}: {} records, {} gold events", input.display(), converted.records.len(), events);
    for note in &converted.notes {
        eprintln!("dyad gold: {note}");
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads a JSON Lines file: each non-blank line with its 1-based number.
/// A line that is not a JSON object is an error naming FILE:LINE: the sets
/// are fixed files, so a bad line means the wrong file was given.
fn read_jsonl(path: &Path) -> anyhow::Result<Vec<(usize, serde_json::Map<String, Value>)>> {
    let file = File::open(path).with_context(|| format!("{}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("{}:{}", path.display(), i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(&line) {
            Ok(Value::Object(map)) => out.push((i + 1, map)),
            Ok(_) => bail!("{}:{}: not a JSON object", path.display(), i + 1),
            Err(e) => bail!("{}:{}: {e}", path.display(), i + 1),
        }
    }
    Ok(out)
}

/// A string field of a JSON record, or an error naming FILE:LINE.
fn str_field<'a>(
    map: &'a serde_json::Map<String, Value>,
    key: &str,
    path: &Path,
    line: usize,
) -> anyhow::Result<&'a str> {
    map.get(key).and_then(Value::as_str).with_context(|| format!("{}:{line}: no string \"{key}\"", path.display()))
}

/// The record's `date` when it is a string.
fn date_field(map: &serde_json::Map<String, Value>) -> Option<String> {
    map.get("date").and_then(Value::as_str).map(str::to_string)
}

/// "N records ..." notes only for counts above zero.
fn note_if(notes: &mut Vec<String>, count: usize, what: impl FnOnce() -> String) {
    if count > 0 {
        notes.push(format!("skipped {count} {}", what()));
    }
}
