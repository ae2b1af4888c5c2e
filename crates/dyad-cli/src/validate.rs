//! `dyad validate tabari`: runs the TABARI validation suite from raw text
//! with the suite's own dictionaries (issue 4).
//!
//! Each standard record (up to `FINAL-01`) is coded with dictionaries built
//! from the project file, under the TABARI reading those dictionaries
//! select; its expected events (source, target, code) are compared with
//! dyad's asserted events as multisets. Option records (`{ OPTION: ... }`)
//! change the options for the records after them, in order; under
//! `FORWARD`, the records of one story are coded as its successive
//! sentences. Reported: the share of
//! expected events reproduced and the extra events, overall and per record
//! category (the ID's prefix: DEMO, PATTERN, SYNSET, ...).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, Context as _};
use clap::{Args, ValueEnum};
use dyad_coder::{Article, Coder, Forwarded};
use dyad_dict::formats::tabari::{self, Expectation};
use dyad_dict::Dictionaries;
use dyad_types::Mode;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Suite {
    /// The TABARI 0.8 validation records (Validate.jsonl) with the suite's
    /// project file.
    Tabari,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Which suite.
    #[arg(value_enum)]
    suite: Suite,
    /// The suite's project file (TABARI: Validate.project).
    #[arg(long, value_name = "FILE")]
    project: PathBuf,
    /// The validation records (TABARI: Validate.jsonl).
    #[arg(long, value_name = "FILE")]
    records: PathBuf,
    /// Print the records whose events differ.
    #[arg(long)]
    verbose: bool,
    /// Fail (exit 1) when the share of expected events reproduced is below
    /// this.
    #[arg(long, value_name = "SHARE")]
    floor: Option<f64>,
    /// Fail (exit 1) when the extra events exceed this share of the
    /// expected events.
    #[arg(long, value_name = "SHARE")]
    max_extra: Option<f64>,
}

#[derive(Default)]
struct Tally {
    records: usize,
    expected: usize,
    reproduced: usize,
    extra: usize,
    exact_records: usize,
}

pub fn run(args: ValidateArgs) -> anyhow::Result<ExitCode> {
    let Suite::Tabari = args.suite;
    let dict = Dictionaries::from_tabari_project(&args.project).map_err(|e| anyhow!("{e}"))?;
    let mut coder = Coder::new(dict).with_geocoding(false);
    let records = tabari::read_validation(&args.records).map_err(|e| anyhow!("{e}")).with_context(|| args.records.display().to_string())?;
    let mut total = Tally::default();
    let mut by_category: BTreeMap<String, Tally> = BTreeMap::new();
    let mut out = std::io::stdout().lock();
    let mut story = (String::new(), Forwarded::default());
    for r in records.iter().filter(|r| !r.after_final) {
        // `{ OPTION: ... }` changes how the records after this one are
        // coded (TABARI applies it once the record is read).
        // Under `FORWARD`, the records of one story (ids equal up to the
        // last `-`) forward pronouns from one to the next.
        let forward = coder.tabari_options_mut().is_some_and(|o| o.forward);
        let key = r.id.rsplit_once('-').map_or(r.id.as_str(), |(k, _)| k).to_string();
        if !forward || story.0 != key {
            story = (key, Forwarded::default());
        }
        let coded = matches!(r.expectation, Expectation::Events | Expectation::NoEvents)
            .then(|| coder.code_in_story(&Article { id: r.id.clone(), text: r.text.clone(), date: r.date.clone() }, &mut story.1));
        for command in &r.option_commands {
            if let Some(options) = coder.tabari_options_mut() {
                options.apply(command).map_err(|e| anyhow!("{}:{}: {e}", args.records.display(), r.line))?;
            }
        }
        let Some(coded) = coded else { continue };
        let mut got: Vec<(String, String, String)> = coded
            .events
            .iter()
            .filter(|e| e.mode == Mode::Asserted)
            // TABARI marks some codes `!` or `?` in its dictionary; the
            // suite's expectations do not carry the marks.
            .map(|e| (e.source.code.clone(), e.target.as_ref().map_or("---".into(), |t| t.code.clone()), e.cameo.trim_end_matches(['?', '!']).to_string()))
            .collect();
        let mut reproduced = 0;
        let mut missing = Vec::new();
        for x in &r.expected {
            if let Some(i) = got.iter().position(|g| g.0 == x.source && g.1 == x.target && g.2 == x.code) {
                got.remove(i);
                reproduced += 1;
            } else {
                missing.push(format!("{} {} {}", x.source, x.target, x.code));
            }
        }
        let cat = r.category.clone().unwrap_or_else(|| "OTHER".into());
        for t in [&mut total, by_category.entry(cat).or_default()] {
            t.records += 1;
            t.expected += r.expected.len();
            t.reproduced += reproduced;
            t.extra += got.len();
            t.exact_records += usize::from(reproduced == r.expected.len() && got.is_empty());
        }
        if args.verbose && (reproduced < r.expected.len() || !got.is_empty()) {
            let extra: Vec<String> = got.iter().map(|g| format!("{} {} {}", g.0, g.1, g.2)).collect();
            writeln!(out, "{}: missing {missing:?}, extra {extra:?}\n    {}", r.id, r.text)?;
        }
    }
    let share = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    writeln!(out, "{:<12} {:>7} {:>8} {:>10} {:>7} {:>7}", "category", "records", "expected", "reproduced", "extra", "exact")?;
    for (cat, t) in by_category.iter().chain([(&"ALL".to_string(), &total)]) {
        writeln!(
            out,
            "{cat:<12} {:>7} {:>8} {:>9.1}% {:>6.1}% {:>6.1}%",
            t.records,
            t.expected,
            100.0 * share(t.reproduced, t.expected),
            100.0 * share(t.extra, t.expected),
            100.0 * share(t.exact_records, t.records)
        )?;
    }
    let reproduced = share(total.reproduced, total.expected);
    let extra = share(total.extra, total.expected);
    let mut failed = false;
    if let Some(floor) = args.floor.filter(|&f| reproduced < f) {
        eprintln!("dyad: reproduced {reproduced:.3} is below the floor {floor:.3}");
        failed = true;
    }
    if let Some(ceiling) = args.max_extra.filter(|&c| extra > c) {
        eprintln!("dyad: extra events {extra:.3} are above the ceiling {ceiling:.3}");
        failed = true;
    }
    if failed {
        return Ok(ExitCode::from(crate::EXIT_RECORD_ERRORS));
    }
    Ok(ExitCode::SUCCESS)
}
