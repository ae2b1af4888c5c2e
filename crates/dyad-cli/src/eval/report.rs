//! The evaluation report: what `--json` writes, and its text rendering.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

/// Everything one evaluation measured.
#[derive(Debug, Serialize)]
pub struct Report {
    pub set: String,
    pub gold_file: String,
    /// `dyad VERSION` when dyad coded the texts, else the predictions file.
    pub predictions: String,
    /// `--only-source`: only events whose source matches this code count.
    pub only_source: Option<String>,
    /// Events dropped by `--only-source`, not counted anywhere else.
    pub out_of_scope_events: usize,
    /// The modes whose events are scored.
    pub scored_modes: Vec<String>,
    pub records: usize,
    pub records_with_events: usize,
    /// Records the coder failed on (scored as having no events).
    pub failed_records: usize,
    pub gold_events: usize,
    pub predicted_events: usize,
    pub scored_events: usize,
    pub seconds: f64,
    pub detection: Detection,
    pub levels: Vec<LevelScore>,
    /// The level the error analysis uses: root when the set gives roots,
    /// else penta, else cameo, else event.
    pub primary_level: String,
    pub single_event: Vec<Accuracy>,
    pub labels: Vec<LabelScore>,
    pub confusion: Confusion,
    pub modes: Vec<ModeCount>,
    pub errors: ErrorKinds,
    pub worst_misses: Vec<MissGroup>,
    pub false_events: Vec<FalseGroup>,
    /// Flat `name -> value` figures; eval/floors.toml refers to these names.
    pub headline: BTreeMap<String, f64>,
}

/// Record-level: does the record carry an event at all?
#[derive(Debug, Default, Serialize)]
pub struct Detection {
    pub true_positive: usize,
    pub false_positive: usize,
    pub false_negative: usize,
    pub true_negative: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Event-level scores at one matching level.
#[derive(Debug, Serialize)]
pub struct LevelScore {
    pub level: String,
    /// Gold events scored at this level (those that give its fields).
    pub gold: usize,
    /// Scored predictions, less those matched to gold events this level
    /// cannot score.
    pub predicted: usize,
    pub matched: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Main-event and any-event accuracy on records with exactly one gold event.
#[derive(Debug, Serialize)]
pub struct Accuracy {
    pub level: String,
    pub records: usize,
    pub main_correct: usize,
    pub any_correct: usize,
    pub main_accuracy: f64,
    pub any_accuracy: f64,
}

/// Record-level scores of one gold label.
#[derive(Debug, Serialize)]
pub struct LabelScore {
    pub label: String,
    pub gold_records: usize,
    /// The finest level the label gives (the headline one).
    pub finest: String,
    pub levels: Vec<LabelLevel>,
}

#[derive(Debug, Serialize)]
pub struct LabelLevel {
    pub level: String,
    pub true_positive: usize,
    pub false_positive: usize,
    pub false_negative: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Gold class (rows) against the main event's root (columns), over records
/// with one gold event.
#[derive(Debug, Default, Serialize)]
pub struct Confusion {
    pub columns: Vec<String>,
    pub rows: BTreeMap<String, BTreeMap<String, usize>>,
}

/// Predicted events by mode.
#[derive(Debug, Serialize)]
pub struct ModeCount {
    pub mode: String,
    pub events: usize,
    pub reported: usize,
    pub scored: bool,
    /// Unscored events that would have matched a missed gold event at the
    /// primary level.
    pub would_match: usize,
}

/// Error kinds at the primary level.
#[derive(Debug, Default, Serialize)]
pub struct ErrorKinds {
    /// Missed: the record got no event at all.
    pub missed_no_event: usize,
    /// Those misses by what the coder saw (when dyad coded the texts):
    /// "trigger and actors, no pattern fitted", "trigger, no actor",
    /// "actors, no trigger", "discarded", "no actor, no trigger".
    pub no_event_causes: BTreeMap<String, usize>,
    /// Missed: the record got only negated, intended or hypothetical events.
    pub missed_only_unscored_modes: usize,
    /// Missed: the record got events, none with an agreeing code.
    pub missed_other_code: usize,
    /// Missed: an agreeing event exists but went to another gold event.
    pub missed_too_few_events: usize,
    /// False: in a record whose gold says "no event".
    pub false_in_no_event_record: usize,
    /// False: extra events in a record that has gold events.
    pub false_extra: usize,
}

/// One kind of miss: a gold class and why it was missed.
#[derive(Debug, Serialize)]
pub struct MissGroup {
    pub class: String,
    pub kind: String,
    pub count: usize,
    pub examples: Vec<Example>,
}

/// False events from one code and dictionary rule.
#[derive(Debug, Serialize)]
pub struct FalseGroup {
    pub cameo: String,
    pub rule: String,
    pub count: usize,
    pub examples: Vec<Example>,
}

#[derive(Debug, Serialize)]
pub struct Example {
    pub id: String,
    pub text: String,
    pub gold: String,
    pub predicted: String,
}

impl Report {
    /// The report for people.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let _ = self.render_into(&mut s);
        s
    }

    fn render_into(&self, s: &mut String) -> std::fmt::Result {
        writeln!(
            s,
            "== {} ({}): {} records ({} with gold events, {} failed), {} gold events; {} predicted events, {} scored ({}); {:.1} s",
            self.set,
            self.gold_file,
            self.records,
            self.records_with_events,
            self.failed_records,
            self.gold_events,
            self.predicted_events,
            self.scored_events,
            self.scored_modes.join("+"),
            self.seconds
        )?;
        if let Some(code) = &self.only_source {
            writeln!(s, "only events with source {code} count; {} others dropped", self.out_of_scope_events)?;
        }
        let d = &self.detection;
        writeln!(
            s,
            "\ndetection (record has an event): P {:.3}  R {:.3}  F1 {:.3}   (tp {}, fp {}, fn {}, tn {})",
            d.precision, d.recall, d.f1, d.true_positive, d.false_positive, d.false_negative, d.true_negative
        )?;
        writeln!(
            s,
            "\n{:<20} {:>6} {:>6} {:>6} {:>9} {:>7} {:>6}",
            "level", "gold", "pred", "match", "precision", "recall", "F1"
        )?;
        for l in &self.levels {
            writeln!(
                s,
                "{:<20} {:>6} {:>6} {:>6} {:>9.3} {:>7.3} {:>6.3}",
                l.level, l.gold, l.predicted, l.matched, l.precision, l.recall, l.f1
            )?;
        }
        if !self.single_event.is_empty() {
            writeln!(
                s,
                "\nrecords with one gold event: main event (first asserted) / any scored event carries the label"
            )?;
            for a in &self.single_event {
                writeln!(
                    s,
                    "  {:<6} main {:.3} ({}/{})   any {:.3} ({}/{})",
                    a.level, a.main_accuracy, a.main_correct, a.records, a.any_accuracy, a.any_correct, a.records
                )?;
            }
        }
        if !self.labels.is_empty() {
            writeln!(s, "\nper label (record level, finest level the label gives)")?;
            writeln!(
                s,
                "  {:<30} {:>6} {:>6} {:>5} {:>5} {:>5} {:>9} {:>7} {:>6}",
                "label", "level", "gold", "tp", "fp", "fn", "precision", "recall", "F1"
            )?;
            for label in &self.labels {
                if let Some(l) = label.levels.iter().find(|l| l.level == label.finest) {
                    writeln!(
                        s,
                        "  {:<30} {:>6} {:>6} {:>5} {:>5} {:>5} {:>9.3} {:>7.3} {:>6.3}",
                        label.label,
                        l.level,
                        label.gold_records,
                        l.true_positive,
                        l.false_positive,
                        l.false_negative,
                        l.precision,
                        l.recall,
                        l.f1
                    )?;
                }
            }
        }
        if !self.confusion.rows.is_empty() {
            writeln!(s, "\nconfusion: gold class (rows) by main event root (columns)")?;
            let width = self.confusion.rows.keys().map(|k| k.chars().count()).max().unwrap_or(5).min(30);
            write!(s, "  {:<width$}", "")?;
            for c in &self.confusion.columns {
                write!(s, " {:>4}", truncate(c, 4))?;
            }
            writeln!(s)?;
            for (row, cells) in &self.confusion.rows {
                write!(s, "  {:<width$}", truncate(row, width))?;
                for c in &self.confusion.columns {
                    match cells.get(c) {
                        Some(n) => write!(s, " {n:>4}")?,
                        None => write!(s, " {:>4}", ".")?,
                    }
                }
                writeln!(s)?;
            }
        }
        writeln!(s, "\npredicted events by mode (would match: unscored events that agree with a missed gold event)")?;
        for m in &self.modes {
            writeln!(
                s,
                "  {:<13} {:>6} events, {:>5} reported, {}, would match {}",
                m.mode,
                m.events,
                m.reported,
                if m.scored { "scored  " } else { "unscored" },
                m.would_match
            )?;
        }
        let e = &self.errors;
        writeln!(s, "\nerrors at level {}", self.primary_level)?;
        writeln!(s, "  missed, no event at all:            {}", e.missed_no_event)?;
        for (why, n) in &e.no_event_causes {
            writeln!(s, "    {why:<38} {n}")?;
        }
        writeln!(s, "  missed, only unscored modes:        {}", e.missed_only_unscored_modes)?;
        writeln!(s, "  missed, events with another code:   {}", e.missed_other_code)?;
        writeln!(s, "  missed, too few events:             {}", e.missed_too_few_events)?;
        writeln!(s, "  false, in a no-event record:        {}", e.false_in_no_event_record)?;
        writeln!(s, "  false, extra in an event record:    {}", e.false_extra)?;
        writeln!(s, "\nworst misses")?;
        for m in &self.worst_misses {
            writeln!(s, "  {:>5}  {} ({})", m.count, m.class, m.kind)?;
            for x in &m.examples {
                writeln!(s, "         {}: {}\n           gold {} | got {}", x.id, x.text, x.gold, x.predicted)?;
            }
        }
        writeln!(s, "\nfalse events")?;
        for f in &self.false_events {
            writeln!(s, "  {:>5}  {} from {}", f.count, f.cameo, f.rule)?;
            for x in &f.examples {
                writeln!(s, "         {}: {}\n           gold {} | got {}", x.id, x.text, x.gold, x.predicted)?;
            }
        }
        Ok(())
    }
}

/// At most `max` characters of `text`, with an ellipsis when cut.
pub fn truncate(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let mut out: String = flat.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}
