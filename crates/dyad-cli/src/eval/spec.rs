//! What is compared: gold events compiled for matching ([`GoldSpec`]),
//! predicted events reduced to what scoring needs ([`Pred`]), and the
//! comparison at each [`Level`].
//!
//! An absent gold field matches anything. A level needs some fields; a gold
//! event that does not give them is not *scored* at that level, but it
//! still takes part in matching (with the missing fields as wildcards) so a
//! prediction of it is not counted as false.

use dyad_types::{Event, Mode, Span};
use serde_json::Value;

use crate::gold::record::GoldEvent;

/// Which part of the event code a level compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelPart {
    None,
    Penta,
    Root,
    Cameo,
}

/// How a level compares actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorPart {
    None,
    /// The code's first three letters (country, or IGO/NGO/...).
    Block,
    /// The whole code.
    Full,
    /// The predicted actor's span overlaps a gold span.
    Span,
    /// The source's block only (to tell source errors from target errors).
    SourceBlock,
    /// The target's block only.
    TargetBlock,
}

/// One matching level.
#[derive(Debug, Clone, Copy)]
pub struct Level {
    pub name: &'static str,
    pub label: LabelPart,
    pub actors: ActorPart,
}

const fn level(name: &'static str, label: LabelPart, actors: ActorPart) -> Level {
    Level { name, label, actors }
}

/// Every level scored, in report order.
pub const LEVELS: &[Level] = &[
    level("event", LabelPart::None, ActorPart::None),
    level("penta", LabelPart::Penta, ActorPart::None),
    level("root", LabelPart::Root, ActorPart::None),
    level("cameo", LabelPart::Cameo, ActorPart::None),
    level("actors_country", LabelPart::None, ActorPart::Block),
    level("actors_full", LabelPart::None, ActorPart::Full),
    level("actor_spans", LabelPart::None, ActorPart::Span),
    level("penta_actor_spans", LabelPart::Penta, ActorPart::Span),
    level("root_actors_country", LabelPart::Root, ActorPart::Block),
    level("root_source_country", LabelPart::Root, ActorPart::SourceBlock),
    level("root_target_country", LabelPart::Root, ActorPart::TargetBlock),
    level("root_actors_full", LabelPart::Root, ActorPart::Full),
    level("cameo_actors_full", LabelPart::Cameo, ActorPart::Full),
];

/// The label-only level of a label part.
pub fn label_level(part: LabelPart) -> Level {
    let name = match part {
        LabelPart::None => "event",
        LabelPart::Penta => "penta",
        LabelPart::Root => "root",
        LabelPart::Cameo => "cameo",
    };
    level(name, part, ActorPart::None)
}

/// A gold `cameo` alternative.
#[derive(Debug, Clone, PartialEq)]
enum CodePattern {
    Exact(String),
    /// `18*`: every code starting with `18`.
    Prefix(String),
}

impl CodePattern {
    fn matches(&self, code: &str) -> bool {
        match self {
            CodePattern::Exact(c) => c == code,
            CodePattern::Prefix(p) => code.starts_with(p.as_str()),
        }
    }

    fn text(&self) -> &str {
        match self {
            CodePattern::Exact(c) | CodePattern::Prefix(c) => c,
        }
    }
}

/// A gold event ready for matching.
#[derive(Debug, Clone, Default)]
pub struct GoldSpec {
    pub label: Option<String>,
    cameo: Option<Vec<CodePattern>>,
    /// Given, or derived from `cameo` when every alternative has a CAMEO root.
    roots: Option<Vec<String>>,
    /// Given, or derived from the roots.
    pentas: Option<Vec<u8>>,
    source: Option<String>,
    target: Option<String>,
    source_spans: Option<Vec<Span>>,
    target_spans: Option<Vec<Span>>,
}

impl GoldSpec {
    /// Compiles a gold event; an error says which field is wrong.
    pub fn new(event: &GoldEvent) -> Result<GoldSpec, String> {
        let cameo = match &event.cameo {
            None => None,
            Some(codes) => {
                let mut out = Vec::new();
                for code in codes.to_vec() {
                    let code = code.trim().to_string();
                    out.push(match code.strip_suffix('*') {
                        Some("") => return Err("\"cameo\": a lone `*`; leave the field out".into()),
                        Some(prefix) => CodePattern::Prefix(prefix.to_string()),
                        None if code.is_empty() => return Err("\"cameo\": empty code".into()),
                        None => CodePattern::Exact(code),
                    });
                }
                non_empty(out, "cameo")?
            }
        };
        let roots = match &event.root {
            Some(roots) => non_empty(roots.to_vec().iter().map(|r| r.trim().to_string()).collect(), "root")?,
            None => cameo
                .as_ref()
                .and_then(|codes| codes.iter().map(|c| cameo_root(c.text())).collect::<Option<Vec<_>>>())
                .map(dedup),
        };
        let pentas = match &event.penta {
            Some(pentas) => {
                let pentas = pentas.to_vec();
                if let Some(bad) = pentas.iter().find(|&&p| p > 4) {
                    return Err(format!("\"penta\": {bad} is not 0-4"));
                }
                non_empty(pentas, "penta")?
            }
            None => roots
                .as_ref()
                .and_then(|roots| roots.iter().map(|r| penta_of_root(r)).collect::<Option<Vec<_>>>())
                .map(dedup),
        };
        let spans = |s: &Option<crate::gold::record::OneOrMany<[usize; 2]>>, name: &str| match s {
            None => Ok(None),
            Some(list) => {
                let list = list.to_vec();
                if let Some(bad) = list.iter().find(|[a, b]| a >= b) {
                    return Err(format!("\"{name}\": [{}, {}] is empty", bad[0], bad[1]));
                }
                non_empty(list, name)
            }
        };
        let actor = |a: &Option<String>| a.as_ref().map(|s| s.trim().to_uppercase()).filter(|s| !s.is_empty());
        Ok(GoldSpec {
            label: event.label.clone(),
            cameo,
            roots,
            pentas,
            source: actor(&event.source),
            target: actor(&event.target),
            source_spans: spans(&event.source_span, "source_span")?,
            target_spans: spans(&event.target_span, "target_span")?,
        })
    }

    /// True when the gold event gives what `level` compares.
    pub fn scored_at(&self, level: Level) -> bool {
        let label = match level.label {
            LabelPart::None => true,
            LabelPart::Penta => self.pentas.is_some(),
            LabelPart::Root => self.roots.is_some(),
            LabelPart::Cameo => self.cameo.is_some(),
        };
        let actors = match level.actors {
            ActorPart::None => true,
            ActorPart::Block | ActorPart::Full => self.source.is_some() || self.target.is_some(),
            ActorPart::Span => self.source_spans.is_some() || self.target_spans.is_some(),
            ActorPart::SourceBlock => self.source.is_some(),
            ActorPart::TargetBlock => self.target.is_some(),
        };
        label && actors
    }

    /// True when `pred` agrees with every field this gold event gives that
    /// `level` compares.
    pub fn matches(&self, pred: &Pred, level: Level) -> bool {
        let label = match level.label {
            LabelPart::None => true,
            LabelPart::Penta => any_of(&self.pentas, |p| pred.penta == Some(*p)),
            LabelPart::Root => any_of(&self.roots, |r| pred.root.as_deref() == Some(r.as_str())),
            LabelPart::Cameo => any_of(&self.cameo, |c| c.matches(&pred.cameo)),
        };
        label
            && match level.actors {
                ActorPart::None => true,
                ActorPart::Block | ActorPart::Full => {
                    let full = level.actors == ActorPart::Full;
                    actor_code_matches(self.source.as_deref(), pred.source.as_ref(), full)
                        && actor_code_matches(self.target.as_deref(), pred.target.as_ref(), full)
                }
                ActorPart::SourceBlock => actor_code_matches(self.source.as_deref(), pred.source.as_ref(), false),
                ActorPart::TargetBlock => actor_code_matches(self.target.as_deref(), pred.target.as_ref(), false),
                ActorPart::Span => {
                    actor_span_matches(self.source_spans.as_deref(), pred.source.as_ref())
                        && actor_span_matches(self.target_spans.as_deref(), pred.target.as_ref())
                }
            }
    }

    /// The class a record with this single gold event belongs to, for the
    /// confusion matrix: its label, else its root(s), else its PentaClass.
    pub fn class(&self) -> String {
        if let Some(label) = &self.label {
            return label.clone();
        }
        if let Some(roots) = &self.roots {
            return roots.join("/");
        }
        if let Some(pentas) = &self.pentas {
            let list: Vec<String> = pentas.iter().map(|p| format!("penta {p}")).collect();
            return list.join("/");
        }
        "event".into()
    }

    /// A short description for error listings: codes and actors given.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(label) = &self.label {
            parts.push(label.clone());
        }
        if let Some(codes) = &self.cameo {
            let list: Vec<String> = codes
                .iter()
                .map(|c| match c {
                    CodePattern::Exact(c) => c.clone(),
                    CodePattern::Prefix(p) => format!("{p}*"),
                })
                .collect();
            parts.push(list.join("|"));
        } else if let Some(roots) = &self.roots {
            parts.push(format!("root {}", roots.join("|")));
        } else if let Some(pentas) = &self.pentas {
            let list: Vec<String> = pentas.iter().map(u8::to_string).collect();
            parts.push(format!("penta {}", list.join("|")));
        }
        if self.source.is_some() || self.target.is_some() {
            parts.push(format!(
                "{} -> {}",
                self.source.as_deref().unwrap_or("?"),
                self.target.as_deref().unwrap_or("?")
            ));
        }
        parts.join(" ")
    }

    /// True when the event names actor codes (not only spans).
    pub fn has_actor_codes(&self) -> bool {
        self.source.is_some() || self.target.is_some()
    }

    /// The most specific label part this gold event gives.
    pub fn finest_label(&self) -> LabelPart {
        if self.cameo.is_some() {
            LabelPart::Cameo
        } else if self.roots.is_some() {
            LabelPart::Root
        } else if self.pentas.is_some() {
            LabelPart::Penta
        } else {
            LabelPart::None
        }
    }
}

/// True when the field is absent (a wildcard) or one alternative passes.
fn any_of<T>(field: &Option<Vec<T>>, pass: impl Fn(&T) -> bool) -> bool {
    match field {
        None => true,
        Some(alternatives) => alternatives.iter().any(pass),
    }
}

fn non_empty<T>(list: Vec<T>, name: &str) -> Result<Option<Vec<T>>, String> {
    if list.is_empty() {
        Err(format!("\"{name}\": empty list; leave the field out"))
    } else {
        Ok(Some(list))
    }
}

fn dedup<T: PartialEq>(list: Vec<T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(list.len());
    for item in list {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// The CAMEO root (`"01"`..`"20"`) of a code or code prefix, or None for
/// codes outside CAMEO.
pub fn cameo_root(code: &str) -> Option<String> {
    let root = code.get(..2)?;
    let n: u8 = root.parse().ok()?;
    (root.bytes().all(|b| b.is_ascii_digit()) && (1..=20).contains(&n)).then(|| root.to_string())
}

/// PentaClass of a CAMEO root: 0 statement (01–02), 1 verbal cooperation
/// (03–05), 2 material cooperation (06–08), 3 verbal conflict (09–13, 16),
/// 4 material conflict (14–15, 17–20).
pub fn penta_of_root(root: &str) -> Option<u8> {
    let n: u8 = root.parse().ok()?;
    Some(match n {
        1..=2 => 0,
        3..=5 => 1,
        6..=8 => 2,
        9..=13 | 16 => 3,
        14 | 15 | 17..=20 => 4,
        _ => return None,
    })
}

/// Gold actor code against a predicted actor.
///
/// A missing gold actor and `---` match anything. At block level the first
/// three letters are compared (the predicted actor's country when it has
/// one). At full level the codes must be equal, except that a gold code
/// starting with `---` only fixes what follows the block (`---REB` matches
/// `SYRREB`, `---REB` and `REB`).
pub fn actor_code_matches(gold: Option<&str>, pred: Option<&PredActor>, full: bool) -> bool {
    let Some(gold) = gold else { return true };
    if gold == "---" {
        return true;
    }
    let Some(pred) = pred else { return false };
    if !full {
        let block = gold.get(..3).unwrap_or(gold);
        return block == "---" || pred.block() == block;
    }
    match gold.strip_prefix("---") {
        Some(rest) => pred.after_block() == rest,
        None => pred.code == gold,
    }
}

fn actor_span_matches(gold: Option<&[Span]>, pred: Option<&PredActor>) -> bool {
    let Some(gold) = gold else { return true };
    let Some(span) = pred.and_then(|p| p.span) else {
        return false;
    };
    gold.iter().any(|g| span[0] < g[1] && g[0] < span[1])
}

/// A predicted actor.
#[derive(Debug, Clone, PartialEq)]
pub struct PredActor {
    pub code: String,
    pub country: Option<String>,
    pub span: Option<Span>,
}

impl PredActor {
    /// The first block: the country when known, else the code's first three
    /// letters (`IGO`, `NGO`, `---`, or a role when the country is unknown).
    fn block(&self) -> &str {
        match &self.country {
            Some(c) => c,
            None => self.code.get(..3).unwrap_or(&self.code),
        }
    }

    /// The code without its country block (or `---`).
    fn after_block(&self) -> &str {
        if let Some(country) = &self.country {
            if let Some(rest) = self.code.strip_prefix(country.as_str()) {
                return rest;
            }
        }
        self.code.strip_prefix("---").unwrap_or(&self.code)
    }
}

/// A predicted event, as scoring sees it.
#[derive(Debug, Clone)]
pub struct Pred {
    pub sentence: usize,
    pub cameo: String,
    pub root: Option<String>,
    pub penta: Option<u8>,
    pub mode: Mode,
    pub reported: bool,
    pub source: Option<PredActor>,
    pub target: Option<PredActor>,
    /// Where the trigger starts, for text order.
    pub start: usize,
    pub rule: String,
    /// The sentence, for error listings.
    pub text: String,
}

impl Pred {
    /// From an event dyad coded.
    pub fn from_event(event: &Event) -> Pred {
        let actor =
            |a: &dyad_types::Actor| PredActor { code: a.code.clone(), country: a.country.clone(), span: Some(a.span) };
        let root = event.root.clone().or_else(|| cameo_root(&event.cameo));
        Pred {
            sentence: event.sentence,
            cameo: event.cameo.clone(),
            penta: root.as_deref().and_then(penta_of_root),
            root,
            mode: event.mode,
            reported: event.reported,
            source: Some(actor(&event.source)),
            target: event.target.as_ref().map(actor),
            start: event.trigger.span[0],
            rule: event.rule.clone(),
            text: event.text.clone(),
        }
    }

    /// From a JSON event record (`dyad code` output, or another system's
    /// output in the same shape). Only `cameo` is required; `mode` defaults
    /// to asserted.
    pub fn from_json(value: &Value) -> Result<Pred, String> {
        let str_of = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        let cameo = str_of(value, "cameo").ok_or("no string \"cameo\"")?;
        let mode = match value.get("mode") {
            None | Some(Value::Null) => Mode::Asserted,
            Some(m) => serde_json::from_value(m.clone()).map_err(|e| format!("\"mode\": {e}"))?,
        };
        let span_of = |v: &Value| -> Option<Span> {
            let list = v.get("span")?.as_array()?;
            Some([list.first()?.as_u64()? as usize, list.get(1)?.as_u64()? as usize])
        };
        let actor = |k: &str| -> Option<PredActor> {
            let a = value.get(k)?;
            let code = match a {
                Value::String(s) => s.clone(),
                _ => str_of(a, "code")?,
            };
            Some(PredActor { code, country: str_of(a, "country"), span: span_of(a) })
        };
        let root = str_of(value, "root").or_else(|| cameo_root(&cameo));
        Ok(Pred {
            sentence: value.get("sentence").and_then(Value::as_u64).unwrap_or(0) as usize,
            penta: root.as_deref().and_then(penta_of_root),
            root,
            cameo,
            mode,
            reported: value.get("reported").and_then(Value::as_bool).unwrap_or(false),
            source: actor("source"),
            target: actor("target"),
            start: value.get("trigger").and_then(span_of).map_or(0, |s| s[0]),
            rule: str_of(value, "rule").unwrap_or_default(),
            text: str_of(value, "text").unwrap_or_default(),
        })
    }

    /// Root, or the code itself when it is outside CAMEO: the column of the
    /// confusion matrix.
    pub fn root_or_code(&self) -> String {
        self.root.clone().unwrap_or_else(|| self.cameo.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pred(code: &str, source: &str, country: Option<&str>) -> Pred {
        Pred::from_json(&serde_json::json!({
            "cameo": code,
            "source": {"code": source, "country": country, "span": [0, 5]},
        }))
        .unwrap()
    }

    #[test]
    fn roots_and_pentas_follow_the_codebook() {
        assert_eq!(cameo_root("0352").as_deref(), Some("03"));
        assert_eq!(cameo_root("18*").as_deref(), Some("18"), "a prefix pattern has a root");
        assert_eq!(cameo_root("1*"), None);
        assert_eq!(cameo_root("18").as_deref(), Some("18"));
        assert_eq!(cameo_root("21"), None);
        assert_eq!(cameo_root("X12"), None);
        let pentas: Vec<Option<u8>> =
            ["01", "02", "03", "05", "06", "08", "09", "13", "14", "15", "16", "17", "20", "00"]
                .iter()
                .map(|r| penta_of_root(r))
                .collect();
        let want = [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 3, 4, 4];
        assert_eq!(pentas[..13], want.map(Some));
        assert_eq!(pentas[13], None);
    }

    #[test]
    fn unknown_blocks_fix_only_the_roles() {
        let gold =
            |source: &str| GoldSpec::new(&GoldEvent { source: Some(source.into()), ..GoldEvent::default() }).unwrap();
        let full = label_level(LabelPart::None);
        let full = Level { actors: ActorPart::Full, ..full };
        let block = Level { actors: ActorPart::Block, ..full };
        let syrreb = pred("190", "SYRREB", Some("SYR"));
        assert!(gold("---REB").matches(&syrreb, full));
        assert!(gold("---REB").matches(&pred("190", "REB", None), full));
        assert!(!gold("---REB").matches(&pred("190", "SYRGOV", Some("SYR")), full));
        assert!(gold("SYR").matches(&syrreb, block));
        assert!(!gold("SYR").matches(&syrreb, full));
        assert!(gold("---").matches(&syrreb, full));
        assert!(gold("IGOUNO").matches(&pred("190", "IGOUNOKFR", None), block));
        // A gold target against a prediction without one.
        let target = GoldSpec::new(&GoldEvent { target: Some("USA".into()), ..GoldEvent::default() }).unwrap();
        assert!(!target.matches(&syrreb, block));
    }

    #[test]
    fn prefixes_alternatives_and_derived_fields() {
        let kill = GoldSpec::new(&GoldEvent {
            cameo: Some(crate::gold::record::OneOrMany::Many(vec!["18*".into(), "175".into()])),
            ..GoldEvent::default()
        })
        .unwrap();
        let cameo = label_level(LabelPart::Cameo);
        assert!(kill.matches(&pred("1823", "COP", None), cameo));
        assert!(kill.matches(&pred("175", "COP", None), cameo));
        assert!(!kill.matches(&pred("173", "COP", None), cameo));
        assert!(kill.scored_at(label_level(LabelPart::Root)));
        assert!(kill.scored_at(label_level(LabelPart::Penta)));
        let odd = GoldSpec::new(&GoldEvent {
            cameo: Some(crate::gold::record::OneOrMany::One("PROTEST".into())),
            ..GoldEvent::default()
        })
        .unwrap();
        assert!(odd.scored_at(cameo));
        assert!(!odd.scored_at(label_level(LabelPart::Root)));
        assert!(odd.matches(&pred("PROTEST", "USA", Some("USA")), cameo));
        assert!(GoldSpec::new(&GoldEvent {
            penta: Some(crate::gold::record::OneOrMany::One(5)),
            ..GoldEvent::default()
        })
        .is_err());
    }
}
