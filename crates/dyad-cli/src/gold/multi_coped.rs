//! Multi-CoPED English (`multi_coped_en/train.jsonl`): one sentence, the
//! PentaClass of its main event, and source/target/reciprocal actor spans.
//!
//! Each record becomes one gold event with `penta`, a `label` naming the
//! class, and the spans: every source span is an alternative `source_span`,
//! every target span a `target_span`. A reciprocal span (both parties of a
//! meeting) is an alternative for both. Spans whose offsets could not be
//! aligned upstream are dropped; records without a PentaClass are skipped.

use std::path::Path;

use anyhow::Context;
use serde_json::Value;

use super::record::{GoldEvent, GoldRecord, OneOrMany};
use super::{date_field, note_if, read_jsonl, str_field, Converted};

/// Label names of PentaClass 0–4.
pub const PENTA_LABELS: [&str; 5] =
    ["statement", "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"];

pub fn convert(path: &Path) -> anyhow::Result<Converted> {
    let mut records = Vec::new();
    let (mut unlabelled, mut unaligned) = (0, 0);
    for (line, map) in read_jsonl(path)? {
        let id = str_field(&map, "id", path, line)?.to_string();
        let text = str_field(&map, "text", path, line)?.to_string();
        let gold = map
            .get("gold")
            .and_then(Value::as_object)
            .with_context(|| format!("{}:{line}: no \"gold\" object", path.display()))?;
        let Some(penta) = gold.get("pentaclass").and_then(Value::as_u64).filter(|&p| p <= 4) else {
            unlabelled += 1;
            continue;
        };
        let (mut sources, mut targets) = (Vec::new(), Vec::new());
        for span in gold.get("spans").and_then(Value::as_array).into_iter().flatten() {
            let offsets = (span.get("start").and_then(Value::as_u64), span.get("end").and_then(Value::as_u64));
            let (Some(start), Some(end)) = offsets else {
                unaligned += 1;
                continue;
            };
            let range = [start as usize, end as usize];
            match span.get("role").and_then(Value::as_str) {
                Some("source") => sources.push(range),
                Some("target") => targets.push(range),
                Some("reciprocal") => {
                    sources.push(range);
                    targets.push(range);
                }
                _ => {}
            }
        }
        let event = GoldEvent {
            label: Some(PENTA_LABELS[penta as usize].to_string()),
            penta: Some(OneOrMany::One(penta as u8)),
            source_span: spans(sources),
            target_span: spans(targets),
            ..GoldEvent::default()
        };
        records.push(GoldRecord { id, text, date: date_field(&map), events: vec![event] });
    }
    let mut notes = Vec::new();
    note_if(&mut notes, unlabelled, || "records without a PentaClass".into());
    note_if(&mut notes, unaligned, || "actor spans without character offsets".into());
    Ok(Converted { records, notes })
}

/// A span list as a gold field: None when empty.
pub fn spans(mut list: Vec<[usize; 2]>) -> Option<OneOrMany<[usize; 2]>> {
    list.dedup();
    (!list.is_empty()).then(|| OneOrMany::from_vec(list))
}
