//! The gold file format read by `dyad eval` and written by `dyad gold`.
//!
//! JSON Lines, one record per line:
//! `{"id", "text", "date"?, "events": [{"label"?, "source"?, "target"?,
//! "cameo"?, "root"?, "penta"?, "source_span"?, "target_span"?}]}`.
//! A gold event may leave out any field; matching uses only the fields it
//! gives. `"events": []` says "no event here" and must be written out: a
//! record without `events` is an error, so a converter bug cannot turn into
//! silent negatives. `cameo`, `root` and `penta` take one value or a list of
//! alternatives; a `cameo` value ending in `*` matches every code that starts
//! with what comes before it. Spans take one `[start, end)` or a list of them
//! (any of them may be hit). EVALUATION.md documents the format for users.

use serde::{de::Error, Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// One gold record: a text and the events it reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldRecord {
    /// A string; a number is read as its decimal text.
    #[serde(deserialize_with = "string_or_number")]
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub events: Vec<GoldEvent>,
}

/// One gold event. Every field is optional; an absent field matches anything.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldEvent {
    /// A set-specific class name ("KILL", "verbal_conflict"), used for
    /// per-label scores; it takes no part in matching.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// CAMEO actor code; `---` is an unknown block and matches anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cameo: Option<OneOrMany<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root: Option<OneOrMany<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub penta: Option<OneOrMany<u8>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_span: Option<OneOrMany<[usize; 2]>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_span: Option<OneOrMany<[usize; 2]>>,
}

/// A value or a list of alternative values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<T: Clone> OneOrMany<T> {
    /// The alternatives as a list.
    pub fn to_vec(&self) -> Vec<T> {
        match self {
            OneOrMany::One(v) => vec![v.clone()],
            OneOrMany::Many(vs) => vs.clone(),
        }
    }

    /// One value as itself, several as a list.
    pub fn from_vec(mut values: Vec<T>) -> OneOrMany<T> {
        if values.len() == 1 {
            OneOrMany::One(values.remove(0))
        } else {
            OneOrMany::Many(values)
        }
    }
}

fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match Value::deserialize(d)? {
        Value::String(s) => Ok(s),
        Value::Number(n) => Ok(n.to_string()),
        _ => Err(D::Error::custom("\"id\" must be a string or a number")),
    }
}
