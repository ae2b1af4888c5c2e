//! The fixture runner: every `tests/fixtures/*.toml` file at the repository
//! root holds sentences with the events they must give (see
//! `tests/fixtures/README.md` for the format). One failing case does not
//! hide the others: all failures are listed, then the test fails.

use std::path::{Path, PathBuf};

use dyad_coder::{Article, Coder};
use dyad_dict::Dictionaries;
use dyad_types::Event;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    /// A TABARI `.project` file (relative to the repository root) whose
    /// dictionaries and options code the file's cases instead of dyad's.
    #[serde(default)]
    project: Option<String>,
    #[serde(rename = "case")]
    cases: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    #[serde(default)]
    date: Option<String>,
    /// Tags such as "passive", "coordination", "root-19", for coverage counts.
    #[serde(default)]
    tags: Vec<String>,
    events: Vec<Expected>,
    /// Optional: the note `explain` gives for a sentence with no event must
    /// contain this text.
    #[serde(default)]
    note: Option<String>,
    /// TABARI option commands applied before this case (files with a
    /// `project` only); each case starts from the project's options.
    #[serde(default)]
    options: Vec<String>,
    /// A known failure, with the reason: the case stays as the
    /// specification, its failure is reported but does not fail the run,
    /// and its passing does (so the marker is removed when it is fixed).
    #[serde(default)]
    known: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    source: String,
    #[serde(default)]
    target: Option<String>,
    cameo: String,
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    reported: Option<bool>,
    #[serde(default)]
    speaker: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    date_precision: Option<String>,
    #[serde(default)]
    source_text: Option<String>,
    #[serde(default)]
    target_text: Option<String>,
    #[serde(default)]
    trigger: Option<String>,
    #[serde(default)]
    sentence: Option<usize>,
    /// The event's place: its gazetteer name, or "-" for none.
    #[serde(default)]
    location: Option<String>,
    #[serde(default)]
    location_country: Option<String>,
    #[serde(default)]
    location_precision: Option<String>,
    #[serde(default)]
    location_from_actor: Option<bool>,
    #[serde(default)]
    historical: Option<bool>,
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// The key an expected event is matched on: source, target, code.
fn key(e: &Event) -> (String, String, String) {
    (e.source.code.clone(), e.target.as_ref().map_or(String::new(), |t| t.code.clone()), e.cameo.clone())
}

fn check(case: &Case, coder: &Coder) -> Result<(), String> {
    let out = coder.code(&Article { id: case.name.clone(), text: case.text.clone(), date: case.date.clone() });
    let mut problems = Vec::new();
    let mut unmatched: Vec<&Event> = out.events.iter().collect();
    for exp in &case.events {
        let want = (exp.source.clone(), exp.target.clone().unwrap_or_default(), exp.cameo.clone());
        let Some(pos) = unmatched.iter().position(|e| key(e) == want && exp.sentence.map_or(true, |s| s == e.sentence))
        else {
            problems.push(format!(
                "missing {} -> {} {}",
                want.0,
                if want.1.is_empty() { "-" } else { &want.1 },
                want.2
            ));
            continue;
        };
        let ev = unmatched.remove(pos);
        let mut field = |name: &str, want: Option<String>, got: String| {
            if let Some(w) = want {
                if w != got {
                    problems.push(format!("{} {}: {name} is `{got}`, expected `{w}`", want_label(exp), ev.cameo));
                }
            }
        };
        field("mode", exp.mode.clone(), ev.mode.as_str().to_string());
        field("reported", exp.reported.map(|b| b.to_string()), ev.reported.to_string());
        field("speaker", exp.speaker.clone(), ev.speaker.as_ref().map_or(String::new(), |s| s.code.clone()));
        field("date", exp.date.clone(), ev.date.clone().unwrap_or_default());
        field("date_precision", exp.date_precision.clone(), ev.date_precision.as_str().to_string());
        field("source_text", exp.source_text.clone(), ev.source.text.clone());
        field("target_text", exp.target_text.clone(), ev.target.as_ref().map_or(String::new(), |t| t.text.clone()));
        field("trigger", exp.trigger.clone(), ev.trigger.text.clone());
        let loc = ev.location.as_ref();
        field("location", exp.location.clone(), loc.map_or("-".to_string(), |l| l.name.clone()));
        field(
            "location_country",
            exp.location_country.clone(),
            loc.and_then(|l| l.country.clone()).unwrap_or_default(),
        );
        field(
            "location_precision",
            exp.location_precision.clone(),
            loc.and_then(|l| l.precision.clone()).unwrap_or_default(),
        );
        field(
            "location_from_actor",
            exp.location_from_actor.map(|b| b.to_string()),
            loc.is_some_and(|l| l.from_actor).to_string(),
        );
        field("historical", exp.historical.map(|b| b.to_string()), ev.historical.to_string());
        // Spans must point at the text they name.
        let chars: Vec<char> = case.text.chars().collect();
        let slice = |s: [usize; 2]| chars.get(s[0]..s[1]).map(|c| c.iter().collect::<String>()).unwrap_or_default();
        if slice(ev.source.span) != ev.source.text || slice(ev.trigger.span) != ev.trigger.text {
            problems.push(format!("span does not match text in {:?}", ev.trigger));
        }
    }
    for e in unmatched {
        problems.push(format!(
            "unexpected {} -> {} {} (trigger `{}`, {} `{}`)",
            e.source.code,
            e.target.as_ref().map_or("-", |t| t.code.as_str()),
            e.cameo,
            e.trigger.text,
            e.rule,
            e.rule_pattern.as_deref().unwrap_or("")
        ));
    }
    if let Some(note) = &case.note {
        let notes: Vec<&str> = out.sentences.iter().filter_map(|s| s.note.as_deref()).collect();
        if !notes.iter().any(|n| n.contains(note.as_str())) {
            problems.push(format!("no sentence note contains `{note}` (notes: {notes:?})"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n    "))
    }
}

fn want_label(e: &Expected) -> String {
    format!("{} -> {}", e.source, e.target.as_deref().unwrap_or("-"))
}

#[test]
fn fixtures() {
    let default_coder = Coder::with_default_dictionaries().unwrap_or_else(|e| panic!("{e}"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixture_dir())
        .expect("tests/fixtures exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixture files found");
    let (mut total, mut failed, mut known, mut fixed) = (0, Vec::new(), Vec::new(), Vec::new());
    let mut names = std::collections::HashSet::new();
    let only = std::env::var("DYAD_FIXTURE").ok();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let file: File = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // A file with a project codes with its own dictionaries.
        let mut project_coder = file.project.as_ref().map(|p| {
            let path = fixture_dir().join("../..").join(p);
            let dict = Dictionaries::from_tabari_project(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            Coder::new(dict).with_geocoding(false)
        });
        let base_options = project_coder.as_mut().and_then(|c| c.tabari_options_mut().cloned());
        for case in &file.cases {
            if let (Some(c), Some(base)) = (project_coder.as_mut(), &base_options) {
                let options = c.tabari_options_mut().expect("a TABARI project has options");
                *options = base.clone();
                for command in &case.options {
                    options.apply(command).unwrap_or_else(|e| panic!("{}: {}: {e}", path.display(), case.name));
                }
            } else {
                assert!(case.options.is_empty(), "{}: {}: `options` needs a `project`", path.display(), case.name);
            }
            let coder = project_coder.as_ref().unwrap_or(&default_coder);
            assert!(names.insert(case.name.clone()), "duplicate case name {}", case.name);
            if only.as_ref().is_some_and(|o| !case.name.contains(o.as_str())) {
                continue;
            }
            total += 1;
            let file = path.file_name().unwrap().to_string_lossy();
            match (check(case, coder), &case.known) {
                (Err(why), None) => {
                    failed.push(format!("{file}: {} ({:?})\n    {why}\n    text: {}", case.name, case.tags, case.text))
                }
                (Err(_), Some(reason)) => known.push(format!("{file}: {}: {reason}", case.name)),
                (Ok(()), Some(_)) => fixed.push(format!("{file}: {} passes now: remove its `known` marker", case.name)),
                (Ok(()), None) => {}
            }
        }
    }
    let passed = total - failed.len() - known.len() - fixed.len();
    eprintln!(
        "fixtures: {total} cases, {} passed, {} failed, {} known failures",
        passed + fixed.len(),
        failed.len(),
        known.len()
    );
    if std::env::var("DYAD_FIXTURE_KNOWN").is_ok() {
        eprintln!("known failures:\n  {}", known.join("\n  "));
    }
    failed.extend(fixed);
    if !failed.is_empty() {
        panic!("{} of {} fixture cases failed:\n{}", failed.len(), total, failed.join("\n"));
    }
}
