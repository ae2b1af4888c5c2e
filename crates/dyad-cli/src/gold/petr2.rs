//! UniversalPetrarch's English validation set
//! (`PETR2_GSR_validation.jsonl`): real news sentences with the events
//! PETRARCH-2 should code, as `{source, target, code}` with real CAMEO actor
//! codes (`---` for an unknown block).
//!
//! Records expecting events keep them all (`source`, `target`, `cameo`);
//! records marked "no events" become `"events": []`. Records expecting an
//! error or a discard, or saying nothing, are skipped. The parse trees are
//! dropped: dyad reads raw text.

use std::path::Path;

use serde_json::Value;

use super::record::{GoldEvent, GoldRecord, OneOrMany};
use super::{date_field, note_if, read_jsonl, str_field, Converted};

pub fn convert(path: &Path) -> anyhow::Result<Converted> {
    let mut records = Vec::new();
    let mut skipped = 0;
    for (line, map) in read_jsonl(path)? {
        let id = str_field(&map, "id", path, line)?.to_string();
        let text = str_field(&map, "text", path, line)?.to_string();
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
                        e.get(k)
                            .and_then(Value::as_str)
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .map(str::to_string)
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
    note_if(&mut notes, skipped, || {
        "records expecting an error, a discard or nothing stated".into()
    });
    Ok(Converted { records, notes })
}
