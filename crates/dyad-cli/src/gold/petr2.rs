//! UniversalPetrarch's English validation set
//! (`PETR2_GSR_validation.jsonl`): real news sentences with the events
//! PETRARCH-2 should code, as `{source, target, code}` with real CAMEO actor
//! codes (`---` for an unknown block).
//!
//! Records expecting events keep them all (`source`, `target`, `cameo`);
//! records marked "no events" become `"events": []`. Records expecting an
//! error or a discard, or saying nothing, are skipped. The parse trees are
//! dropped (dyad reads raw text), except where a record's text is empty
//! upstream: its text is then rebuilt from the parse's word forms.

use std::path::Path;

use serde_json::Value;

use super::record::{GoldEvent, GoldRecord, OneOrMany};
use super::{date_field, note_if, read_jsonl, str_field, Converted};

pub fn convert(path: &Path) -> anyhow::Result<Converted> {
    let mut records = Vec::new();
    let (mut skipped, mut rebuilt) = (0, 0);
    for (line, map) in read_jsonl(path)? {
        let id = str_field(&map, "id", path, line)?.to_string();
        let mut text = str_field(&map, "text", path, line)?.trim().to_string();
        if text.is_empty() {
            text = map.get("parse").and_then(Value::as_str).map(text_of_conllu).unwrap_or_default();
            rebuilt += 1;
        }
        let expectation = map.get("expectation").and_then(Value::as_str).unwrap_or("");
        let events = match expectation {
            "no_events" => Vec::new(),
            "events" => map
                .get("expected_events")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|e| {
                    let field = |k: &str| {
                        e.get(k).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
                    };
                    GoldEvent {
                        source: field("source"),
                        target: field("target"),
                        cameo: field("code").map(OneOrMany::One),
                        ..GoldEvent::default()
                    }
                })
                .collect(),
            _ => {
                skipped += 1;
                continue;
            }
        };
        records.push(GoldRecord { id, text, date: date_field(&map), events });
    }
    let mut notes = Vec::new();
    note_if(&mut notes, skipped, || "records expecting an error, a discard or nothing stated".into());
    if rebuilt > 0 {
        notes.push(format!("{rebuilt} records with an empty text: text rebuilt from the parse"));
    }
    Ok(Converted { records, notes })
}

/// The sentence a CoNLL-U parse was made from: word forms, joined by a
/// space unless the token says `SpaceAfter=No`.
fn text_of_conllu(parse: &str) -> String {
    let mut out = String::new();
    for line in parse.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        // Multi-word ranges (`1-2`) and empty nodes (`1.1`) repeat words.
        if cols.len() < 10 || !cols[0].bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        out.push_str(cols[1]);
        if !cols[9].split('|').any(|m| m == "SpaceAfter=No") {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}
