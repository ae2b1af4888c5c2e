//! The public data types of dyad.
//!
//! [`Event`] is the record `dyad code` writes, one JSON object per line. Its
//! keys are a public contract: keys may be added, never renamed. The JSON
//! Schema in `schema/event.schema.json` (at the repository root) describes the
//! same record and carries [`SCHEMA_VERSION`].
//!
//! All spans are `[start, end)` offsets in Unicode code points into the
//! document text (for JSON Lines input: `title + "\n\n" + text` when a title
//! is given, else `text`).

use serde::{Deserialize, Serialize};

mod stored;
pub use stored::{Mention, MergedEvent};

/// Version of the event record layout; bumped when a key is added.
pub const SCHEMA_VERSION: u32 = 2;

/// A `[start, end)` range of Unicode code points in the document text.
pub type Span = [usize; 2];

/// One coded event: who did what to whom, when, where, and why dyad says so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// The document's id (see the README for how it is chosen).
    pub doc_id: String,
    /// 0-based index of the sentence in the document.
    pub sentence: usize,
    /// The sentence text, as it stands in the document.
    pub text: String,
    /// Resolved event date: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, or null.
    pub date: Option<String>,
    /// How precise `date` is.
    pub date_precision: DatePrecision,
    /// The date expression the event's date came from, when there is one.
    #[serde(default)]
    pub date_text: Option<String>,
    /// Span of `date_text`.
    #[serde(default)]
    pub date_span: Option<Span>,
    /// True when the event date lies more than a year before publication:
    /// background ("in 2014 Russia annexed Crimea"), not news.
    #[serde(default)]
    pub historical: bool,
    /// The actor who acts.
    pub source: Actor,
    /// The actor acted upon, when the event has one.
    pub target: Option<Actor>,
    /// CAMEO event code, with its leading zeros (`"041"`), or a dictionary's
    /// own code carried verbatim.
    pub cameo: String,
    /// The CAMEO root (`"04"`), or null for codes outside CAMEO.
    pub root: Option<String>,
    /// GDELT QuadClass: 1 verbal cooperation (01–05), 2 material
    /// cooperation (06–08), 3 verbal conflict (09–13), 4 material conflict
    /// (14–20).
    pub quad_class: Option<u8>,
    /// Goldstein conflict–cooperation score.
    pub goldstein: Option<f64>,
    /// PLOVER event category, or null (01x and 02x have none).
    pub plover: Option<String>,
    /// Factuality of the event.
    pub mode: Mode,
    /// True when the text attributes the event to someone ("X said ...").
    pub reported: bool,
    /// Who the event is attributed to, when `reported`.
    pub speaker: Option<Actor>,
    /// The words that signal the event.
    pub trigger: Trigger,
    /// Where the event took place, when known.
    pub location: Option<Location>,
    /// Id of the dictionary entry or rule that coded the event
    /// (`verbs.txt:57`).
    pub rule: String,
    /// The rule's pattern as written in its dictionary, for `explain`.
    #[serde(default)]
    pub rule_pattern: Option<String>,
    /// Version of this record's layout ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// Issue codes (PETRARCH issue dictionaries) the sentence raises; only
    /// present when an issue dictionary is loaded and one matched.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<String>,
}

/// An actor as it appears in an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Full CAMEO actor code (`RUSGOV`, `IGOWSTNAT`).
    pub code: String,
    /// The code's 3-letter country block, or null for international,
    /// regional or unknown actors.
    pub country: Option<String>,
    /// The code's first role block (`GOV`, `MIL`, ...), or null.
    pub role: Option<String>,
    /// Canonical name of a known person or organisation, else null.
    pub name: Option<String>,
    /// The words in the text that name the actor.
    pub text: String,
    /// Span of `text`.
    pub span: Span,
}

/// The words that trigger an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trigger {
    pub text: String,
    pub span: Span,
}

/// A place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub name: String,
    /// ISO 3166-1 alpha-3 (CAMEO) country code.
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// The words the place came from, when it was read in the sentence.
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub span: Option<Span>,
    /// city, adm1, region, country or document (the document's main
    /// place, when the sentence names none for the event).
    #[serde(default)]
    pub precision: Option<String>,
    /// FIPS 10-4 country code, as GDELT's geography columns use.
    #[serde(default)]
    pub fips: Option<String>,
    /// GDELT-style admin-1 code (FIPS country + admin-1 code: `UP14`).
    #[serde(default)]
    pub adm1: Option<String>,
    /// GeoNames feature id, where the place is a GeoNames feature.
    #[serde(default)]
    pub feature_id: Option<u32>,
    /// How sure the place's reading is (0–1): lower when other places of
    /// the same name compete ("Paris", "Georgia", "Tripoli").
    #[serde(default)]
    pub confidence: Option<f32>,
    /// True when the place is a state the sentence names as an actor ("Iraq
    /// captured Irbil"), used because the sentence names no other place.
    #[serde(default)]
    pub from_actor: bool,
}

/// Factuality of an event, following the field's conventions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Told as having happened (or happening).
    Asserted,
    /// Told as not having happened ("did not attack").
    Negated,
    /// Planned, promised or threatened ("plans to visit", "will meet").
    Intended,
    /// Conditional or possible ("could strike", "if ... attacks").
    Hypothetical,
}

impl Mode {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Asserted => "asserted",
            Mode::Negated => "negated",
            Mode::Intended => "intended",
            Mode::Hypothetical => "hypothetical",
        }
    }
}

/// How precise an event's date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Day,
    Month,
    Year,
    /// The sentence gave no date: the publication date is used.
    Document,
    /// No date is known at all.
    Unknown,
}

impl DatePrecision {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
            DatePrecision::Document => "document",
            DatePrecision::Unknown => "unknown",
        }
    }
}

impl Actor {
    /// Builds an actor from a full code, splitting out its country and role
    /// blocks.
    pub fn from_code(code: &str, name: Option<String>, text: String, span: Span) -> Actor {
        let (country, role) = split_code(code);
        Actor {
            code: code.to_string(),
            country: country.map(str::to_string),
            role: role.map(str::to_string),
            name,
            text,
            span,
        }
    }
}

/// Codes whose first block is not a state: international, regional,
/// religious and generic blocks, per the CAMEO manual.
const NON_STATE_FIRST_BLOCKS: &[&str] = &[
    "IGO", "IMG", "INT", "MNC", "NGM", "NGO", "UIS", "---", "AFR", "ASA", "BLK", "CAF", "CAS", "CAU", "CFR", "CRB",
    "EAF", "EEU", "EIN", "EUR", "LAM", "MEA", "MDT", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SEA", "SCN", "WAF",
    "WST", "WSB", "GLF", "BAL", "CHR", "MOS", "JEW", "BUD", "HIN", "REL", "NON",
];

/// Role blocks the CAMEO manual defines (primary, secondary, tertiary) plus
/// the generic organisation blocks used after a country.
const ROLE_BLOCKS: &[&str] = &[
    "COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "AGR", "BUS", "CRM", "CVL", "DEV", "EDU",
    "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF", "MOD", "RAD", "PTY", "REL", "IGO", "NGO", "IMG", "MNC",
    "NGM", "UIS", "INT",
];

/// Splits a CAMEO actor code into its country block and its first role
/// block. `RUSGOV` → (`RUS`, `GOV`); `IGOWSTNAT` → (None, `IGO`) is not a
/// role, so (None, None); `PSEREBHMS` → (`PSE`, `REB`).
pub fn split_code(code: &str) -> (Option<&str>, Option<&str>) {
    let blocks: Vec<&str> = (0..code.len() / 3).filter_map(|i| code.get(i * 3..i * 3 + 3)).collect();
    let Some(first) = blocks.first().copied() else {
        return (None, None);
    };
    if NON_STATE_FIRST_BLOCKS.contains(&first) {
        return (None, None);
    }
    if ROLE_BLOCKS.contains(&first) {
        return (None, Some(first));
    }
    let role = blocks[1..].iter().copied().find(|b| ROLE_BLOCKS.contains(b));
    (Some(first), role)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_code_blocks() {
        assert_eq!(split_code("RUSGOV"), (Some("RUS"), Some("GOV")));
        assert_eq!(split_code("RUS"), (Some("RUS"), None));
        assert_eq!(split_code("IGOWSTNAT"), (None, None));
        assert_eq!(split_code("PSEREBHMS"), (Some("PSE"), Some("REB")));
        assert_eq!(split_code("COP"), (None, Some("COP")));
        assert_eq!(split_code(""), (None, None));
        assert_eq!(split_code("USAGOVPTY"), (Some("USA"), Some("GOV")));
    }

    #[test]
    fn event_json_keys_are_the_contract() {
        let actor = Actor::from_code("RUSGOV", Some("Vladimir Putin".into()), "Putin".into(), [0, 5]);
        let ev = Event {
            doc_id: "d".into(),
            sentence: 0,
            text: "Putin visited Tehran.".into(),
            date: Some("2022-07-19".into()),
            date_precision: DatePrecision::Document,
            date_text: None,
            date_span: None,
            historical: false,
            source: actor.clone(),
            target: None,
            cameo: "042".into(),
            root: Some("04".into()),
            quad_class: Some(1),
            goldstein: Some(1.9),
            plover: Some("CONSULT".into()),
            mode: Mode::Asserted,
            reported: false,
            speaker: None,
            trigger: Trigger { text: "visited".into(), span: [6, 13] },
            location: None,
            rule: "verbs.txt:1".into(),
            rule_pattern: None,
            schema_version: SCHEMA_VERSION,
            issues: Vec::new(),
        };
        let v = serde_json::to_value(&ev).unwrap();
        for key in [
            "doc_id",
            "sentence",
            "text",
            "date",
            "date_precision",
            "source",
            "target",
            "cameo",
            "root",
            "quad_class",
            "goldstein",
            "plover",
            "mode",
            "reported",
            "speaker",
            "trigger",
            "location",
            "rule",
        ] {
            assert!(v.get(key).is_some(), "missing key {key}");
        }
        assert_eq!(v["mode"], "asserted");
        assert_eq!(v["date_precision"], "document");
        assert_eq!(v["source"]["country"], "RUS");
        assert_eq!(v["source"]["span"], serde_json::json!([0, 5]));
        let back: Event = serde_json::from_value(v).unwrap();
        assert_eq!(back, ev);
    }
}
