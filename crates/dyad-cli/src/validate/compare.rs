//! The comparison every validation suite shares: code each case from its
//! raw text, match dyad's asserted events (source, target, code) against
//! the expected ones as multisets, and tally the results overall, per
//! record category and per record-ID prefix.

use std::collections::BTreeMap;
use std::io::Write;

use dyad_coder::{Article, Coder, Forwarded};
use dyad_types::Mode;
use serde::Serialize;

/// One event as the suites write them: source, target (`---` for none)
/// and code.
pub type Triple = (String, String, String);

/// One record of a suite, ready to code.
#[derive(Debug, Clone)]
pub struct Case {
    pub id: String,
    /// The record's category as the suite gives it (`COMPOUND`, `MODIFY`).
    pub category: String,
    pub text: String,
    /// `YYYY-MM-DD`: date restrictions of actors depend on it.
    pub date: Option<String>,
    /// Empty for a record that must code nothing.
    pub expected: Vec<Triple>,
    /// The suite's `require_dyad` option: events need both a source and a
    /// target (PETRARCH drops the others before writing them).
    pub require_dyad: bool,
    /// The modes of dyad's events that count as coded. TABARI's suite
    /// marks what it does not code; PETRARCH has no modality at all and
    /// codes "is about to restore ties" or "could attack" like any other
    /// match, so its suites count intended and hypothetical events too.
    pub modes: &'static [Mode],
    /// How the suite writes actor codes.
    pub codes: CodeStyle,
    /// False for a record that is not scored but still matters for the
    /// ones after it (a TABARI option record).
    pub scored: bool,
    /// TABARI option commands (`COMMAND: arguments`) that change how the
    /// records after this one are coded; applied once it is coded, as
    /// TABARI does.
    pub options_after: Vec<String>,
    /// Where the record came from (`FILE:LINE`), for errors.
    pub origin: String,
}

/// How a suite writes the actor codes of its events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeStyle {
    /// dyad's codes as they are (the TABARI suite).
    Verbatim,
    /// PETRARCH's output conventions: an agent found without an actor is
    /// written after the null code (`---GOV`), a dictionary code naming
    /// several actors (`FRO/BIL/SAM`) gives one event per actor, and an
    /// event is written once per sentence.
    Petrarch,
}

impl CodeStyle {
    /// The codes an actor of dyad's stands for in the suite's output.
    fn codes(self, actor: Option<&dyad_types::Actor>) -> Vec<String> {
        let Some(a) = actor else { return vec!["---".to_string()] };
        match self {
            CodeStyle::Verbatim => vec![a.code.clone()],
            CodeStyle::Petrarch => {
                let agent_only =
                    a.country.is_none() && a.name.is_none() && a.role.as_deref().is_some_and(|r| a.code.starts_with(r));
                if agent_only {
                    vec![format!("---{}", a.code)]
                } else {
                    a.code.split('/').map(str::to_string).collect()
                }
            }
        }
    }
}

/// Only events told as having happened.
pub const ASSERTED: &[Mode] = &[Mode::Asserted];
/// Every event that is not negated.
pub const NOT_NEGATED: &[Mode] = &[Mode::Asserted, Mode::Intended, Mode::Hypothetical];

/// Counts over a group of cases.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Tally {
    pub records: usize,
    pub expected: usize,
    pub reproduced: usize,
    pub extra: usize,
    /// Records whose events are exactly the expected ones.
    pub exact_records: usize,
}

impl Tally {
    /// The share of expected events reproduced.
    pub fn reproduced_share(&self) -> f64 {
        share(self.reproduced, self.expected)
    }
    /// The share of records coded exactly as expected.
    pub fn exact_share(&self) -> f64 {
        share(self.exact_records, self.records)
    }
    /// Extra events as a share of the expected count.
    pub fn extra_share(&self) -> f64 {
        share(self.extra, self.expected)
    }
    fn add(&mut self, expected: usize, reproduced: usize, extra: usize) {
        self.records += 1;
        self.expected += expected;
        self.reproduced += reproduced;
        self.extra += extra;
        self.exact_records += usize::from(reproduced == expected && extra == 0);
    }
}

fn share(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// A record whose events differ from the expected ones.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    pub id: String,
    pub category: String,
    pub text: String,
    pub expected: Vec<Triple>,
    /// Expected events dyad did not give.
    pub missed: Vec<Triple>,
    /// Events dyad gave that were not expected.
    pub extra: Vec<Triple>,
}

/// The result of a run.
#[derive(Debug, Default, Serialize)]
pub struct Outcome {
    pub total: Tally,
    pub by_category: BTreeMap<String, Tally>,
    /// By the record ID's prefix (`PASSIVE-03` → `PASSIVE`), which some
    /// suites use for finer features than the category.
    pub by_prefix: BTreeMap<String, Tally>,
    pub misses: Vec<Miss>,
}

/// The ID's alphabetic prefix, or the category when the ID has none
/// (`AFP0808020625_4`).
fn prefix(case: &Case) -> String {
    match case.id.split_once('-') {
        Some((p, _)) if !p.is_empty() && p.chars().all(|c| c.is_ascii_alphabetic()) => p.to_string(),
        _ => case.category.clone(),
    }
}

/// The story a record belongs to: its id up to the last `-`
/// (`DEMO-03b` and `DEMO-03c` are sentences of one story).
fn story_key(id: &str) -> &str {
    id.rsplit_once('-').map_or(id, |(k, _)| k)
}

/// dyad's asserted events of one case, as triples. `story` carries the
/// actors pronouns may refer to from the story's earlier records (TABARI's
/// `FORWARD`); it stays empty otherwise.
pub fn coded_triples(coder: &Coder, case: &Case, story: &mut Forwarded) -> Vec<Triple> {
    let coded =
        coder.code_in_story(&Article { id: case.id.clone(), text: case.text.clone(), date: case.date.clone() }, story);
    let mut triples = coded
        .events
        .iter()
        .filter(|e| case.modes.contains(&e.mode))
        .filter(|e| !case.require_dyad || e.target.is_some())
        .flat_map(|e| {
            // TABARI marks some codes `!` or `?` in its dictionary; the
            // suites' expectations do not carry the marks.
            let code = e.cameo.trim_end_matches(['?', '!']).to_string();
            let targets = case.codes.codes(e.target.as_ref());
            case.codes
                .codes(Some(&e.source))
                .into_iter()
                .flat_map(move |s| targets.clone().into_iter().map(move |t| (s.clone(), t)))
                .map(move |(s, t)| (s, t, code.clone()))
        })
        .collect::<Vec<Triple>>();
    // PETRARCH writes an event once per sentence, however many times it
    // was found.
    if case.codes == CodeStyle::Petrarch {
        let mut seen = std::collections::HashSet::new();
        triples.retain(|t| seen.insert(t.clone()));
    }
    triples
}

/// Codes every case in order and compares. Option commands between
/// records change the coder's TABARI options for the records after them,
/// so the coder is borrowed mutably and the cases run one by one.
pub fn run(coder: &mut Coder, cases: &[Case]) -> anyhow::Result<Outcome> {
    let mut out = Outcome::default();
    let mut story = (String::new(), Forwarded::default());
    for case in cases {
        let forward = coder.tabari_options_mut().is_some_and(|o| o.forward);
        let key = story_key(&case.id);
        if !forward || story.0 != key {
            story = (key.to_string(), Forwarded::default());
        }
        let got = case.scored.then(|| coded_triples(coder, case, &mut story.1));
        for command in &case.options_after {
            if let Some(options) = coder.tabari_options_mut() {
                options.apply(command).map_err(|e| anyhow::anyhow!("{}: {e}", case.origin))?;
            }
        }
        let Some(mut got) = got else { continue };
        let mut missed = Vec::new();
        for x in &case.expected {
            match got.iter().position(|g| g == x) {
                Some(i) => {
                    got.remove(i);
                }
                None => missed.push(x.clone()),
            }
        }
        let reproduced = case.expected.len() - missed.len();
        for t in [
            &mut out.total,
            out.by_category.entry(case.category.clone()).or_default(),
            out.by_prefix.entry(prefix(case)).or_default(),
        ] {
            t.add(case.expected.len(), reproduced, got.len());
        }
        if !missed.is_empty() || !got.is_empty() {
            out.misses.push(Miss {
                id: case.id.clone(),
                category: case.category.clone(),
                text: case.text.clone(),
                expected: case.expected.clone(),
                missed,
                extra: got,
            });
        }
    }
    Ok(out)
}

/// Writes one table: a row per group and the ALL row.
fn table(out: &mut impl Write, label: &str, groups: &BTreeMap<String, Tally>, total: &Tally) -> std::io::Result<()> {
    writeln!(out, "{label:<12} {:>7} {:>8} {:>10} {:>7} {:>7}", "records", "expected", "reproduced", "extra", "exact")?;
    for (name, t) in groups.iter().chain([(&"ALL".to_string(), total)]) {
        writeln!(
            out,
            "{name:<12} {:>7} {:>8} {:>9.1}% {:>6.1}% {:>6.1}%",
            t.records,
            t.expected,
            100.0 * t.reproduced_share(),
            100.0 * t.extra_share(),
            100.0 * t.exact_share()
        )?;
    }
    Ok(())
}

impl Outcome {
    /// The text report: with `verbose`, each record that differs; the
    /// table by ID prefix when it groups differently from the categories;
    /// the table by category last, ending with the ALL row.
    pub fn write_text(&self, out: &mut impl Write, verbose: bool) -> std::io::Result<()> {
        if verbose {
            for m in &self.misses {
                let fmt = |v: &[Triple]| v.iter().map(|g| format!("{} {} {}", g.0, g.1, g.2)).collect::<Vec<_>>();
                writeln!(out, "{}: missing {:?}, extra {:?}\n    {}", m.id, fmt(&m.missed), fmt(&m.extra), m.text)?;
            }
        }
        if self.by_prefix.keys().ne(self.by_category.keys()) {
            table(out, "id prefix", &self.by_prefix, &self.total)?;
            writeln!(out)?;
        }
        table(out, "category", &self.by_category, &self.total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_types::Actor;

    fn actor(code: &str, name: Option<&str>) -> Actor {
        Actor::from_code(code, name.map(str::to_string), String::new(), [0, 0])
    }

    #[test]
    fn petrarch_writes_agents_alone_after_the_null_code_and_splits_actor_lists() {
        let p = CodeStyle::Petrarch;
        assert_eq!(p.codes(Some(&actor("GOV", None))), vec!["---GOV"]);
        assert_eq!(p.codes(Some(&actor("ARNGOV", None))), vec!["ARNGOV"]);
        assert_eq!(p.codes(Some(&actor("FRO/BIL/SAM", None))), vec!["FRO", "BIL", "SAM"]);
        assert_eq!(p.codes(Some(&actor("IGOUNO", None))), vec!["IGOUNO"], "not a role: no null code");
        assert_eq!(p.codes(None), vec!["---"]);
        assert_eq!(CodeStyle::Verbatim.codes(Some(&actor("GOV", None))), vec!["GOV"]);
        assert_eq!(CodeStyle::Verbatim.codes(Some(&actor("FRO/SAM", None))), vec!["FRO/SAM"]);
    }
}
