//! Loads the real PETRARCH-2 dictionaries from the shared data folder, when
//! it is there: counts, no panic, and the load time and memory the issue
//! asks for (under 2 s and 200 MB). Run alone for a clean memory figure:
//! `cargo test --release -p dyad-dict petrarch_real -- --nocapture`.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use super::*;
use crate::{ActorDict, Dictionaries, PhraseTable, VerbDict};

/// The shared data beside the repository (as in CI).
const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/petrarch2-dictionaries");

/// Resident and peak memory of this process in kB, from /proc (Linux).
fn memory_kb() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

#[test]
fn petrarch_real_dictionaries_load() {
    let dir = Path::new(DIR);
    if !dir.is_dir() {
        eprintln!("skipped: {DIR} is not there");
        return;
    }
    let read = |name: &str| std::fs::read(dir.join(name)).map(|b| String::from_utf8_lossy(&b).into_owned());
    let names = [
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
        "Phoenix.agents.txt",
        "CAMEO.2.0.txt",
        "Phoenix.discards.txt",
        "Phoenix.IssueCoding.txt",
    ];
    let texts: Vec<(String, String)> = names.iter().map(|n| (n.to_string(), read(n).expect("readable file"))).collect();
    let inflector = Dictionaries::builtin().map(|d| d.inflector).unwrap_or_default();
    let (rss_before, _) = memory_kb();
    let start = Instant::now();
    let mut errors = Vec::new();
    let mut sum = LoadSummary::default();
    let mut actors = ActorDict::default();
    let mut verbs = VerbDict::default();
    let mut discards = PhraseTable::default();
    for (name, text) in &texts[..3] {
        sum.merge(load_actors(name, text, &mut actors, &mut errors));
    }
    sum.merge(load_agents(&texts[3].0, &texts[3].1, &mut actors, &mut errors));
    sum.merge(load_verbs(&texts[4].0, &texts[4].1, &inflector, &mut verbs, &mut errors));
    sum.merge(load_discards(&texts[5].0, &texts[5].1, &mut discards, &mut errors));
    let (issues, issue_sum) = load_issues(&texts[6].0, &texts[6].1, &mut errors);
    sum.merge(issue_sum);
    let elapsed = start.elapsed();
    let (rss_after, peak) = memory_kb();

    eprintln!(
        "PETRARCH-2 load: {:.2} s, RSS +{} MB (now {} MB, peak {} MB)",
        elapsed.as_secs_f64(),
        (rss_after.saturating_sub(rss_before)) / 1024,
        rss_after / 1024,
        peak / 1024
    );
    eprintln!(
        "rules {}, actor phrases {}, people {}, agent phrases {}, discards {}, issue phrases {}, warnings {}, errors {}",
        sum.rules,
        sum.actors,
        sum.people,
        sum.agents,
        sum.discards,
        issues.len(),
        sum.warnings.len(),
        errors.len()
    );
    // How many rules the coder has to try for one verb form, at worst.
    let busiest = verbs.lemma_of.keys().map(|f| (verbs.rules_for(f).count(), f)).max();
    eprintln!("most rules for one form: {busiest:?}");
    let mut why: BTreeMap<String, usize> = BTreeMap::new();
    for (_, w) in &sum.skipped_patterns {
        let key = w.split('`').next().unwrap_or(w).to_string();
        *why.entry(key).or_default() += 1;
    }
    eprintln!("skipped {}: {why:#?}", sum.skipped_patterns.len());
    for (at, w) in sum.skipped_patterns.iter().filter(|(_, w)| !w.starts_with("passive-only")).take(20) {
        eprintln!("  {at}: {w}");
    }
    for r in verbs.rules_for("rushed").filter(|r| r.pattern.contains("BORDER")) {
        eprintln!("  {} [{}] {} -> {:?} ~{} {:?}", r.id, r.code, r.pattern, r.before, r.lemma, r.after);
    }
    let mut warn: BTreeMap<String, usize> = BTreeMap::new();
    for (_, w) in &sum.warnings {
        let key = w.split('`').next().unwrap_or(w).to_string() + w.rsplit('`').next().unwrap_or("");
        *warn.entry(key).or_default() += 1;
    }
    eprintln!("warnings: {warn:#?}");
    for e in errors.iter().take(20) {
        eprintln!("error: {e}");
    }

    assert!(errors.is_empty(), "{} errors in the PETRARCH-2 files", errors.len());
    assert!(sum.rules > 20_000, "only {} rules", sum.rules);
    assert!(sum.actors > 10_000 && sum.people > 10_000, "{} actors, {} people", sum.actors, sum.people);
    assert!(sum.agents > 3_000, "{} agent phrases", sum.agents);
    assert!(sum.discards > 400 && issues.len() > 3_000);
    assert!(sum.skipped_patterns.len() < 300, "{} patterns skipped", sum.skipped_patterns.len());
    // Spot checks on well-known entries.
    let toks = dyad_text::tokenize("Vladimir Putin", 0, 14);
    let putin = actors.phrases.longest_at(&toks, 0).expect("Putin is in the actors");
    let p = &actors.people[putin.1[0].person.expect("a person")];
    assert_eq!(p.code_on(Some("2015-06-01"), None), "RUSGOV");
    assert!(verbs.rules_for("attacked").count() > 10);
}

/// The small validation dictionaries (actors, agents, discards; their
/// verbs are in PETRARCH-1 format, which this module does not read).
#[test]
fn petrarch_real_validation_dictionaries_load() {
    let dir = Path::new("/work/shared/data/petrarch2-validation");
    if !dir.is_dir() {
        eprintln!("skipped: {} is not there", dir.display());
        return;
    }
    let read = |name: &str| std::fs::read(dir.join(name)).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap();
    let mut errors = Vec::new();
    let mut actors = ActorDict::default();
    let mut sum = load_actors("PETR.Validate.actors.txt", &read("PETR.Validate.actors.txt"), &mut actors, &mut errors);
    sum.merge(load_agents("PETR.Validate.agents.txt", &read("PETR.Validate.agents.txt"), &mut actors, &mut errors));
    let mut discards = PhraseTable::default();
    sum.merge(load_discards(
        "PETR.Validate.discards.txt",
        &read("PETR.Validate.discards.txt"),
        &mut discards,
        &mut errors,
    ));
    for e in &errors {
        eprintln!("error: {e}");
    }
    for w in &sum.warnings {
        eprintln!("warning: {w:?}");
    }
    eprintln!(
        "validation: {} actors, {} people, {} agents, {} discards",
        sum.actors, sum.people, sum.agents, sum.discards
    );
    assert!(errors.is_empty());
    assert!(sum.actors > 100 && sum.agents > 50 && sum.discards >= 5);
    let toks = dyad_text::tokenize("congressmen", 0, 11);
    assert!(actors.phrases.longest_at(&toks, 0).is_some(), "!PERSON! substitution");
}
