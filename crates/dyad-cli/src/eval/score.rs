//! Scoring: coded records against their gold events.
//!
//! Matching is one-to-one within a record: a maximum bipartite matching
//! (augmenting paths, gold events and predictions taken in text order), so
//! a gold event with wildcards never takes the one prediction a more
//! specific gold event needed. Precision is matched predictions over scored
//! predictions, recall matched gold events over scored gold events.

use std::collections::{BTreeMap, BTreeSet};

use dyad_types::Mode;

use super::report::*;
use super::spec::{label_level, ActorPart, GoldSpec, LabelPart, Level, Pred, LEVELS};

/// One gold record with what was predicted for it.
pub struct Outcome {
    pub id: String,
    pub text: String,
    pub gold: Vec<GoldSpec>,
    /// Every predicted event, in text order.
    pub preds: Vec<Pred>,
    pub failed: bool,
    /// When dyad coded the record and found nothing: why, from its notes.
    pub why_none: Option<&'static str>,
}

impl Outcome {
    /// The main event: the first asserted one in text order, else the first.
    fn main(&self) -> Option<&Pred> {
        self.preds.iter().find(|p| p.mode == Mode::Asserted).or(self.preds.first())
    }
}

/// Which predictions are scored.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Score every mode, not only asserted events.
    pub all_modes: bool,
}

impl Options {
    fn scored(&self, pred: &Pred) -> bool {
        self.all_modes || pred.mode == Mode::Asserted
    }
}

/// How one record matched at one level.
struct RecordMatch {
    /// For each gold event, the index (into the scored predictions) it got.
    gold_to_pred: Vec<Option<usize>>,
    /// Scored predictions matched to gold events this level cannot score.
    exempt: Vec<bool>,
}

fn match_record(gold: &[GoldSpec], scored: &[&Pred], level: Level) -> RecordMatch {
    let mut taken = vec![false; scored.len()];
    let is_scored = |g: &GoldSpec| g.scored_at(level);
    let gold_to_pred = max_matching(gold, scored, level, &mut taken, is_scored);
    let before = taken.clone();
    max_matching(gold, scored, level, &mut taken, |g| !is_scored(g));
    let exempt = taken.iter().zip(&before).map(|(now, was)| *now && !was).collect();
    RecordMatch { gold_to_pred, exempt }
}

/// Maximum one-to-one matching between the gold events that pass `which`
/// and the predictions not yet `taken`; marks what it uses as taken.
fn max_matching(
    gold: &[GoldSpec],
    preds: &[&Pred],
    level: Level,
    taken: &mut [bool],
    which: impl Fn(&GoldSpec) -> bool,
) -> Vec<Option<usize>> {
    let free: Vec<bool> = taken.iter().map(|t| !t).collect();
    let mut owner: Vec<Option<usize>> = vec![None; preds.len()];
    for g in 0..gold.len() {
        if which(&gold[g]) {
            let mut seen = vec![false; preds.len()];
            augment(g, gold, preds, level, &free, &mut owner, &mut seen);
        }
    }
    let mut out = vec![None; gold.len()];
    for (p, o) in owner.iter().enumerate() {
        if let Some(g) = o {
            out[*g] = Some(p);
            taken[p] = true;
        }
    }
    out
}

/// Kuhn's augmenting path from gold event `g`.
fn augment(
    g: usize,
    gold: &[GoldSpec],
    preds: &[&Pred],
    level: Level,
    free: &[bool],
    owner: &mut [Option<usize>],
    seen: &mut [bool],
) -> bool {
    for p in 0..preds.len() {
        if !free[p] || seen[p] || !gold[g].matches(preds[p], level) {
            continue;
        }
        seen[p] = true;
        let reassigned = match owner[p] {
            None => true,
            Some(other) => augment(other, gold, preds, level, free, owner, seen),
        };
        if reassigned {
            owner[p] = Some(g);
            return true;
        }
    }
    false
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Rounds a figure for the report (4 decimals).
fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Facts about the run that scoring does not compute.
pub struct RunInfo {
    pub set: String,
    pub gold_file: String,
    pub predictions: String,
    pub only_source: Option<String>,
    pub out_of_scope: usize,
    pub seconds: f64,
}

/// Scores every record.
pub fn score(outcomes: &[Outcome], options: Options, info: RunInfo) -> Report {
    let scored: Vec<Vec<&Pred>> =
        outcomes.iter().map(|o| o.preds.iter().filter(|p| options.scored(p)).collect()).collect();

    // Detection.
    let mut d = Detection::default();
    for (o, s) in outcomes.iter().zip(&scored) {
        match (!o.gold.is_empty(), !s.is_empty()) {
            (true, true) => d.true_positive += 1,
            (false, true) => d.false_positive += 1,
            (true, false) => d.false_negative += 1,
            (false, false) => d.true_negative += 1,
        }
    }
    d.precision = round(ratio(d.true_positive, d.true_positive + d.false_positive));
    d.recall = round(ratio(d.true_positive, d.true_positive + d.false_negative));
    d.f1 = round(f1(d.precision, d.recall));

    let mut headline = BTreeMap::new();
    headline.insert("detection_precision".to_string(), d.precision);
    headline.insert("detection_recall".to_string(), d.recall);
    headline.insert("detection_f1".to_string(), d.f1);

    // Levels.
    let mut levels = Vec::new();
    for &level in LEVELS {
        let (mut gold, mut predicted, mut matched) = (0, 0, 0);
        for (o, s) in outcomes.iter().zip(&scored) {
            let m = match_record(&o.gold, s, level);
            gold += o.gold.iter().filter(|g| g.scored_at(level)).count();
            matched += m.gold_to_pred.iter().zip(&o.gold).filter(|(p, g)| p.is_some() && g.scored_at(level)).count();
            predicted += s.len() - m.exempt.iter().filter(|e| **e).count();
        }
        if gold == 0 {
            continue;
        }
        let (p, r) = (ratio(matched, predicted), ratio(matched, gold));
        let score = LevelScore {
            level: level.name.to_string(),
            gold,
            predicted,
            matched,
            precision: round(p),
            recall: round(r),
            f1: round(f1(p, r)),
        };
        headline.insert(format!("{}_precision", level.name), score.precision);
        headline.insert(format!("{}_recall", level.name), score.recall);
        headline.insert(format!("{}_f1", level.name), score.f1);
        levels.push(score);
    }
    let has_level = |name: &str| levels.iter().any(|l| l.level == name);
    let primary = ["root", "penta", "cameo", "event"].into_iter().find(|n| has_level(n)).unwrap_or("event");
    let primary_level = *LEVELS.iter().find(|l| l.name == primary).expect("a known level");

    // Records with one gold event.
    let mut single_event = Vec::new();
    for part in [LabelPart::Penta, LabelPart::Root, LabelPart::Cameo] {
        let level = label_level(part);
        let (mut n, mut main, mut any) = (0, 0, 0);
        for o in outcomes {
            let [g] = o.gold.as_slice() else { continue };
            if !g.scored_at(level) {
                continue;
            }
            n += 1;
            main += usize::from(o.main().is_some_and(|p| g.matches(p, level)));
            any += usize::from(o.preds.iter().any(|p| g.matches(p, level)));
        }
        if n == 0 {
            continue;
        }
        let a = Accuracy {
            level: level.name.to_string(),
            records: n,
            main_correct: main,
            any_correct: any,
            main_accuracy: round(ratio(main, n)),
            any_accuracy: round(ratio(any, n)),
        };
        headline.insert(format!("{}_main_accuracy", level.name), a.main_accuracy);
        headline.insert(format!("{}_any_accuracy", level.name), a.any_accuracy);
        single_event.push(a);
    }

    let labels = label_scores(outcomes, &scored, &mut headline);
    let confusion = confusion(outcomes);
    let (errors, worst_misses, false_events, would_match) = errors_at(outcomes, &scored, primary_level, options);

    let mut modes = Vec::new();
    for mode in [Mode::Asserted, Mode::Negated, Mode::Intended, Mode::Hypothetical] {
        let of_mode = outcomes.iter().flat_map(|o| &o.preds).filter(|p| p.mode == mode);
        let (events, reported) = of_mode.fold((0, 0), |(n, r), p| (n + 1, r + usize::from(p.reported)));
        modes.push(ModeCount {
            mode: mode.as_str().to_string(),
            events,
            reported,
            scored: options.all_modes || mode == Mode::Asserted,
            would_match: would_match.get(mode.as_str()).copied().unwrap_or(0),
        });
    }

    Report {
        set: info.set,
        gold_file: info.gold_file,
        predictions: info.predictions,
        only_source: info.only_source,
        out_of_scope_events: info.out_of_scope,
        scored_modes: modes.iter().filter(|m| m.scored).map(|m| m.mode.clone()).collect(),
        records: outcomes.len(),
        records_with_events: outcomes.iter().filter(|o| !o.gold.is_empty()).count(),
        failed_records: outcomes.iter().filter(|o| o.failed).count(),
        gold_events: outcomes.iter().map(|o| o.gold.len()).sum(),
        predicted_events: outcomes.iter().map(|o| o.preds.len()).sum(),
        scored_events: scored.iter().map(Vec::len).sum(),
        seconds: (info.seconds * 100.0).round() / 100.0,
        detection: d,
        levels,
        primary_level: primary.to_string(),
        single_event,
        labels,
        confusion,
        modes,
        errors,
        worst_misses,
        false_events,
        headline,
    }
}

/// Record-level precision, recall and F1 of each gold label: a record is
/// gold-positive when one of its gold events has the label, and
/// predicted-positive when one of its scored events agrees with the label's
/// first gold event (its code at the level, and its actor codes in full).
fn label_scores(outcomes: &[Outcome], scored: &[Vec<&Pred>], headline: &mut BTreeMap<String, f64>) -> Vec<LabelScore> {
    let mut specs: Vec<&GoldSpec> = Vec::new();
    for g in outcomes.iter().flat_map(|o| &o.gold) {
        if g.label.is_some() && !specs.iter().any(|s| s.label == g.label) {
            specs.push(g);
        }
    }
    specs.sort_by(|a, b| a.label.cmp(&b.label));
    let mut out = Vec::new();
    for spec in specs {
        let label = spec.label.clone().unwrap_or_default();
        let actors = if spec.has_actor_codes() { ActorPart::Full } else { ActorPart::None };
        let mut levels = Vec::new();
        for part in [LabelPart::None, LabelPart::Penta, LabelPart::Root, LabelPart::Cameo] {
            let level = Level { actors, ..label_level(part) };
            if !spec.scored_at(level) {
                continue;
            }
            let (mut tp, mut fp, mut fn_) = (0, 0, 0);
            for (o, s) in outcomes.iter().zip(scored) {
                let gold = o.gold.iter().any(|g| g.label.as_deref() == Some(label.as_str()));
                let pred = s.iter().any(|p| spec.matches(p, level));
                match (gold, pred) {
                    (true, true) => tp += 1,
                    (false, true) => fp += 1,
                    (true, false) => fn_ += 1,
                    (false, false) => {}
                }
            }
            let (p, r) = (ratio(tp, tp + fp), ratio(tp, tp + fn_));
            levels.push(LabelLevel {
                level: level.name.to_string(),
                true_positive: tp,
                false_positive: fp,
                false_negative: fn_,
                precision: round(p),
                recall: round(r),
                f1: round(f1(p, r)),
            });
        }
        let finest = label_level(spec.finest_label()).name.to_string();
        if let Some(l) = levels.iter().find(|l| l.level == finest) {
            headline.insert(format!("label_{label}_precision"), l.precision);
            headline.insert(format!("label_{label}_recall"), l.recall);
            headline.insert(format!("label_{label}_f1"), l.f1);
        }
        let gold_records =
            outcomes.iter().filter(|o| o.gold.iter().any(|g| g.label.as_deref() == Some(label.as_str()))).count();
        out.push(LabelScore { label, gold_records, finest, levels });
    }
    out
}

/// Gold class against the main event's root, over records with one gold
/// event.
fn confusion(outcomes: &[Outcome]) -> Confusion {
    let mut c = Confusion::default();
    let mut columns = BTreeSet::new();
    for o in outcomes {
        let [g] = o.gold.as_slice() else { continue };
        let column = o.main().map_or_else(|| "none".to_string(), Pred::root_or_code);
        *c.rows.entry(g.class()).or_default().entry(column.clone()).or_default() += 1;
        columns.insert(column);
    }
    let none = columns.remove("none");
    c.columns = columns.into_iter().collect();
    if none {
        c.columns.push("none".into());
    }
    c
}

/// Most examples kept per group, and most groups listed.
const EXAMPLES: usize = 3;
const TOP: usize = 10;

type ErrorLists = (ErrorKinds, Vec<MissGroup>, Vec<FalseGroup>, BTreeMap<&'static str, usize>);

/// Misses and false events at `level`, grouped; and how many unscored
/// events would have matched a missed gold event, by mode.
fn errors_at(outcomes: &[Outcome], scored: &[Vec<&Pred>], level: Level, options: Options) -> ErrorLists {
    let mut kinds = ErrorKinds::default();
    let mut misses: BTreeMap<(String, &'static str), (usize, Vec<Example>)> = BTreeMap::new();
    let mut falses: BTreeMap<(String, String), (usize, Vec<Example>)> = BTreeMap::new();
    let mut would_match: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (o, s) in outcomes.iter().zip(scored) {
        let m = match_record(&o.gold, s, level);
        let gold_text = if o.gold.is_empty() {
            "no event".to_string()
        } else {
            o.gold.iter().map(GoldSpec::describe).collect::<Vec<_>>().join("; ")
        };
        let got = describe_preds(&o.preds);
        let mut missed = Vec::new();
        for (g, p) in o.gold.iter().zip(&m.gold_to_pred) {
            if p.is_some() || !g.scored_at(level) {
                continue;
            }
            missed.push(g.clone());
            let kind = if o.preds.is_empty() {
                kinds.missed_no_event += 1;
                let why = o.why_none.unwrap_or("no event");
                if let Some(why) = o.why_none {
                    *kinds.no_event_causes.entry(why.to_string()).or_default() += 1;
                }
                why
            } else if s.is_empty() {
                kinds.missed_only_unscored_modes += 1;
                "only unscored modes"
            } else if s.iter().any(|p| g.matches(p, level)) {
                kinds.missed_too_few_events += 1;
                "too few events"
            } else {
                kinds.missed_other_code += 1;
                "other code"
            };
            let entry = misses.entry((g.class(), kind)).or_default();
            entry.0 += 1;
            if entry.1.len() < EXAMPLES && entry.1.iter().all(|x| x.id != o.id) {
                entry.1.push(Example {
                    id: o.id.clone(),
                    text: truncate(&o.text, 240),
                    gold: g.describe(),
                    predicted: got.clone(),
                });
            }
        }
        let matched: BTreeSet<usize> = m.gold_to_pred.iter().flatten().copied().collect();
        for (i, p) in s.iter().enumerate() {
            if matched.contains(&i) || m.exempt[i] {
                continue;
            }
            if o.gold.is_empty() {
                kinds.false_in_no_event_record += 1;
            } else {
                kinds.false_extra += 1;
            }
            let entry = falses.entry((p.cameo.clone(), p.rule.clone())).or_default();
            entry.0 += 1;
            if entry.1.len() < EXAMPLES && entry.1.iter().all(|x| x.id != o.id) {
                let text = if p.text.is_empty() { &o.text } else { &p.text };
                entry.1.push(Example {
                    id: o.id.clone(),
                    text: truncate(text, 240),
                    gold: gold_text.clone(),
                    predicted: describe_pred(p),
                });
            }
        }
        // Would an unscored event have found a missed gold event?
        if !options.all_modes && !missed.is_empty() {
            let unscored: Vec<&Pred> = o.preds.iter().filter(|p| !options.scored(p)).collect();
            let mut taken = vec![false; unscored.len()];
            let got = max_matching(&missed, &unscored, level, &mut taken, |_| true);
            for p in got.into_iter().flatten() {
                *would_match.entry(unscored[p].mode.as_str()).or_default() += 1;
            }
        }
    }
    let mut misses: Vec<MissGroup> = misses
        .into_iter()
        .map(|((class, kind), (count, examples))| MissGroup { class, kind: kind.to_string(), count, examples })
        .collect();
    misses.sort_by_key(|m| std::cmp::Reverse(m.count));
    misses.truncate(TOP);
    let mut falses: Vec<FalseGroup> = falses
        .into_iter()
        .map(|((cameo, rule), (count, examples))| FalseGroup { cameo, rule, count, examples })
        .collect();
    falses.sort_by_key(|f| std::cmp::Reverse(f.count));
    falses.truncate(TOP);
    (kinds, misses, falses, would_match)
}

fn describe_pred(p: &Pred) -> String {
    let code = |a: &Option<super::spec::PredActor>| a.as_ref().map_or("-".to_string(), |a| a.code.clone());
    let mut s = format!("{} {} -> {}", p.cameo, code(&p.source), code(&p.target));
    if p.mode != Mode::Asserted {
        s.push_str(&format!(" ({})", p.mode.as_str()));
    }
    s
}

fn describe_preds(preds: &[Pred]) -> String {
    if preds.is_empty() {
        return "nothing".into();
    }
    let mut list: Vec<String> = preds.iter().take(4).map(describe_pred).collect();
    if preds.len() > 4 {
        list.push(format!("+{} more", preds.len() - 4));
    }
    list.join("; ")
}
