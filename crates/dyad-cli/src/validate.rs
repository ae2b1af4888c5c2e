//! `dyad validate SUITE`: runs one of the field's validation suites from
//! raw text with the suite's own dictionaries (issue 4).
//!
//! | suite | records | dictionaries |
//! |---|---|---|
//! | `tabari` | `tabari-validation/Validate.jsonl` | `Validate.project` |
//! | `petrarch` | `petrarch2-validation/PETR.UnitTest.records.jsonl` | `PETR.Validate.{verbs,actors,agents,discards}.txt` |
//! | `gsr` | `universalpetrarch-validation/PETR2_GSR_validation.jsonl` | `petrarch2-dictionaries/PETR_config.ini` |
//!
//! `--data DIR` (the shared data folder) finds them all; `--records`,
//! `--project` and `--dict` name them one by one. Each record's text is
//! coded (never its parse tree) and dyad's asserted events (source,
//! target, code) are compared with the expected ones as multisets
//! ([`compare`]). Reported: the share of expected events reproduced, the
//! extra events, and the records coded exactly, overall, per record
//! category and per record-ID prefix.

mod compare;
mod petrarch;
mod tabari;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{anyhow, bail, Context as _};
use clap::{Args, ValueEnum};
use dyad_coder::Coder;
use dyad_dict::{DictFormat, DictOptions, Dictionaries};
use serde_json::json;

use compare::Case;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Suite {
    /// The TABARI 0.8 validation records (Validate.jsonl) with the suite's
    /// project file.
    Tabari,
    /// PETRARCH's unit-test records (PETR.UnitTest.records.jsonl) with the
    /// PETR.Validate dictionaries.
    Petrarch,
    /// UniversalPetrarch's PETR2_GSR_validation.jsonl (real news
    /// sentences) with the PETRARCH-2 dictionaries.
    Gsr,
}

/// Where a suite's files sit in the shared data folder.
struct Layout {
    records: &'static str,
    project: Option<&'static str>,
    dicts: &'static [&'static str],
}

impl Suite {
    fn layout(self) -> Layout {
        match self {
            Suite::Tabari => Layout {
                records: "tabari-validation/Validate.jsonl",
                project: Some("tabari-validation/Validate.project"),
                dicts: &[],
            },
            Suite::Petrarch => Layout {
                records: "petrarch2-validation/PETR.UnitTest.records.jsonl",
                project: None,
                dicts: &[
                    "petrarch2-validation/PETR.Validate.verbs.txt",
                    "petrarch2-validation/PETR.Validate.actors.txt",
                    "petrarch2-validation/PETR.Validate.agents.txt",
                    "petrarch2-validation/PETR.Validate.discards.txt",
                ],
            },
            Suite::Gsr => Layout {
                records: "universalpetrarch-validation/PETR2_GSR_validation.jsonl",
                project: Some("petrarch2-dictionaries/PETR_config.ini"),
                dicts: &[],
            },
        }
    }

    fn name(self) -> &'static str {
        match self {
            Suite::Tabari => "tabari",
            Suite::Petrarch => "petrarch",
            Suite::Gsr => "gsr",
        }
    }
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Which suite.
    #[arg(value_enum)]
    suite: Suite,
    /// The shared data folder (e.g. ../shared/data): the suite's records
    /// and dictionaries are taken from their places in it, unless given
    /// with --records, --project or --dict.
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// The suite's project file: a TABARI .project (Validate.project) or a
    /// PETRARCH config (PETR_config.ini).
    #[arg(long, value_name = "FILE")]
    project: Option<PathBuf>,
    /// A dictionary file of the suite (repeatable; format and kind told
    /// from the file), instead of --project.
    #[arg(long = "dict", value_name = "FILE")]
    dicts: Vec<PathBuf>,
    /// The format of the --dict files, when it cannot be told from them:
    /// tabari, petrarch1, petrarch2 or dyad.
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    dict_format: Option<DictFormat>,
    /// The validation records (TABARI: Validate.jsonl; PETRARCH: the
    /// .jsonl form of the XML records).
    #[arg(long, value_name = "FILE")]
    records: Option<PathBuf>,
    /// Print the records whose events differ.
    #[arg(long)]
    verbose: bool,
    /// Count only events told as having happened (the PETRARCH suites
    /// count intended and hypothetical events too, as PETRARCH has no
    /// modality).
    #[arg(long)]
    asserted_only: bool,
    /// Fail (exit 1) when the share of expected events reproduced is below
    /// this.
    #[arg(long, value_name = "SHARE")]
    floor: Option<f64>,
    /// Fail (exit 1) when the extra events exceed this share of the
    /// expected events.
    #[arg(long, value_name = "SHARE")]
    max_extra: Option<f64>,
    /// Check the floors of table `validate_SUITE` in FILE (eval/floors.toml):
    /// `reproduced_share`, `exact_share`; exit 1 when one is missed.
    #[arg(long, value_name = "FILE")]
    floors: Option<PathBuf>,
    /// Also write the report as JSON to this file (with every record that
    /// differs).
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
}

fn parse_format(s: &str) -> Result<DictFormat, String> {
    DictFormat::parse(s)
        .ok_or_else(|| format!("unknown dictionary format `{s}` (tabari, petrarch1, petrarch2 or dyad)"))
}

/// The dictionary options and records file the arguments name.
fn resolve(args: &ValidateArgs) -> anyhow::Result<(DictOptions, PathBuf)> {
    let layout = args.suite.layout();
    let in_data = |rel: &str| args.data.as_ref().map(|d| d.join(rel));
    let records = match (&args.records, in_data(layout.records)) {
        (Some(r), _) => r.clone(),
        (None, Some(r)) => r,
        (None, None) => bail!("give --records FILE or --data DIR (the shared data folder)"),
    };
    let (project, files) = if args.project.is_some() || !args.dicts.is_empty() {
        (args.project.clone(), args.dicts.clone())
    } else if args.data.is_some() {
        (layout.project.and_then(in_data), layout.dicts.iter().filter_map(|d| in_data(d)).collect())
    } else {
        bail!("give the suite's dictionaries with --project or --dict, or --data DIR (the shared data folder)")
    };
    // The suites are coded with their own dictionaries only.
    Ok((DictOptions { files, format: args.dict_format, no_default: true, project }, records))
}

/// The cases of a records file, the records left out (id, why) and the
/// lines that could not be read.
type ReadCases = (Vec<Case>, Vec<(String, String)>, Vec<String>);

fn read_cases(suite: Suite, records: &Path) -> anyhow::Result<ReadCases> {
    match suite {
        Suite::Tabari => Ok((tabari::cases(records)?, Vec::new(), Vec::new())),
        Suite::Petrarch | Suite::Gsr => {
            let r = petrarch::read(records).with_context(|| records.display().to_string())?;
            Ok((r.cases, r.left_out, r.errors))
        }
    }
}

pub fn run(args: ValidateArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    // Read the floors first: a broken floors file should not cost a run.
    let table = format!("validate_{}", args.suite.name());
    let floors = match &args.floors {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
            let all = crate::eval::floors::parse(&text).map_err(|e| anyhow!("{}: {e}", path.display()))?;
            Some(all.get(&table).cloned().ok_or_else(|| anyhow!("{}: no [{table}] table", path.display()))?)
        }
        None => None,
    };
    let (options, records) = resolve(&args)?;
    let dict = Dictionaries::from_options(&options).map_err(|e| anyhow!("loading dictionaries:\n{e}"))?;
    let mut coder = Coder::new(dict).with_geocoding(false);
    let (mut cases, left_out, errors) = read_cases(args.suite, &records)?;
    if args.asserted_only {
        cases.iter_mut().for_each(|c| c.modes = compare::ASSERTED);
    }
    for e in &errors {
        eprintln!("dyad validate: {e}");
    }
    let outcome = compare::run(&mut coder, &cases)?;
    outcome.write_text(&mut std::io::stdout().lock(), args.verbose)?;
    let name = args.suite.name();
    let reproduced = outcome.total.reproduced_share();
    eprintln!(
        "dyad validate: {name}: {} records, {:.1}% of {} expected events reproduced, extras {:.1}%, {} records left out, {:.1} s",
        outcome.total.records,
        100.0 * reproduced,
        outcome.total.expected,
        100.0 * outcome.total.extra_share(),
        left_out.len(),
        started.elapsed().as_secs_f64()
    );
    if let Some(path) = &args.json {
        let report = json!({
            "suite": name,
            "records_file": records.display().to_string(),
            "reproduced_share": reproduced,
            "extra_share": outcome.total.extra_share(),
            "floor": args.floor,
            "exact_share": outcome.total.exact_share(),
            "total": outcome.total,
            "by_category": outcome.by_category,
            "by_prefix": outcome.by_prefix,
            "left_out": left_out.iter().map(|(id, why)| json!({"id": id, "why": why})).collect::<Vec<_>>(),
            "unreadable": errors,
            "misses": outcome.misses,
        });
        std::fs::write(path, serde_json::to_string_pretty(&report)? + "\n")
            .with_context(|| path.display().to_string())?;
    }
    let mut below = false;
    if let Some(floor) = args.floor {
        if reproduced < floor {
            eprintln!("dyad: reproduced {reproduced:.3} is below the floor {floor:.3}");
            below = true;
        }
    }
    if let Some(ceiling) = args.max_extra {
        let extra = outcome.total.extra_share();
        if extra > ceiling {
            eprintln!("dyad: extra events {extra:.3} are above the ceiling {ceiling:.3}");
            below = true;
        }
    }
    if let Some(floors) = floors {
        let headline: std::collections::BTreeMap<String, f64> = [
            ("reproduced_share".to_string(), round4(reproduced)),
            ("exact_share".to_string(), round4(outcome.total.exact_share())),
        ]
        .into();
        let checked = crate::eval::floors::check(&floors, &headline);
        let parts: Vec<String> = checked
            .iter()
            .map(|c| match c.value {
                Some(v) => format!("{} {v:.4} {} {:.4}", c.name, if c.passed() { ">=" } else { "BELOW" }, c.floor),
                None => format!("{} missing (floor {:.4}) BELOW", c.name, c.floor),
            })
            .collect();
        println!("floors {table}: {}", parts.join("; "));
        below |= !checked.iter().all(crate::eval::floors::Checked::passed);
    }
    if below {
        return Ok(ExitCode::from(crate::EXIT_RECORD_ERRORS));
    }
    if !errors.is_empty() {
        return Ok(ExitCode::from(crate::EXIT_RECORD_ERRORS));
    }
    Ok(ExitCode::SUCCESS)
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
