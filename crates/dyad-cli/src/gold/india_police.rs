//! IndiaPoliceEvents (`india_police_events/sents.jsonl`): sentences of
//! Times of India articles (mostly lower-cased), each labelled with what
//! the police did in it.
//!
//! Every label but FAIL becomes a gold event whose source is the police
//! (`---COP`: police of any country):
//!
//! | label | gold event |
//! |---|---|
//! | ARREST | `cameo` 173 |
//! | KILL, FORCE | `cameo` 18x, 19x, 20x or 175 (`18*`, `19*`, `20*`, `175`) |
//! | ANY_ACTION | no code: any event by the police |
//!
//! FAIL (police failed to act) is an omission with no CAMEO code and is
//! dropped; a sentence left with no labels becomes `"events": []`.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use super::record::{GoldEvent, GoldRecord, OneOrMany};
use super::{date_field, read_jsonl, str_field, Converted};

/// The police, country unknown: the set names no country and dyad may or
/// may not fill in India.
const POLICE: &str = "---COP";

pub fn convert(path: &Path) -> anyhow::Result<Converted> {
    let mut records = Vec::new();
    let mut dropped: BTreeMap<String, usize> = BTreeMap::new();
    for (line, map) in read_jsonl(path)? {
        let id = str_field(&map, "id", path, line)?.to_string();
        let text = str_field(&map, "text", path, line)?.to_string();
        let labels = map
            .get("gold")
            .and_then(|g| g.get("labels"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str);
        let mut events = Vec::new();
        for label in labels {
            match gold_event(label) {
                Some(event) => events.push(event),
                None => *dropped.entry(label.to_string()).or_default() += 1,
            }
        }
        records.push(GoldRecord { id, text, date: date_field(&map), events });
    }
    let notes = dropped.iter().map(|(label, n)| format!("dropped {n} {label} labels (no CAMEO code)")).collect();
    Ok(Converted { records, notes })
}

/// The gold event of a label, or None for labels with no CAMEO code.
fn gold_event(label: &str) -> Option<GoldEvent> {
    let cameo: Option<Vec<&str>> = match label {
        "ARREST" => Some(vec!["173"]),
        "KILL" | "FORCE" => Some(vec!["18*", "19*", "20*", "175"]),
        "ANY_ACTION" => None,
        _ => return None,
    };
    Some(GoldEvent {
        label: Some(label.to_string()),
        source: Some(POLICE.to_string()),
        cameo: cameo.map(|c| OneOrMany::from_vec(c.into_iter().map(str::to_string).collect())),
        ..GoldEvent::default()
    })
}
