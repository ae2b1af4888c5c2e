//! CASE 2021 task 2 (`case2021_task2/dev.jsonl`): news snippets, each with
//! one ACLED sub-event type (or one of five types outside ACLED), mapped to
//! CAMEO by `acled_case2021_to_cameo_plover.tsv`.
//!
//! Each snippet becomes one gold event with the type as `label` and, from
//! the mapping row, `cameo` (alternatives; `03x` becomes the prefix `03*`),
//! `root` (every two-digit root the row names, including the ones in its
//! parentheses) and `penta`. The mapping's own advice is followed: only
//! high- and medium-confidence rows are scored; types with low confidence
//! or no CAMEO code at all are skipped and counted. No actors are given.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use anyhow::{bail, Context};
use serde_json::Value;

use super::record::{GoldEvent, GoldRecord, OneOrMany};
use super::{date_field, read_jsonl, str_field, Converted};

/// One mapping row, or why its type is not scored.
enum Mapping {
    Scored(Box<GoldEvent>),
    NoCode,
    LowConfidence,
}

pub fn convert(path: &Path, mapping_path: &Path) -> anyhow::Result<Converted> {
    let mapping = read_mapping(mapping_path)?;
    let mut records = Vec::new();
    // Skipped records per type, per reason.
    let (mut no_code, mut low, mut unknown) = (BTreeMap::<String, usize>::new(), BTreeMap::new(), BTreeMap::new());
    for (line, map) in read_jsonl(path)? {
        let id = str_field(&map, "id", path, line)?.to_string();
        let text = str_field(&map, "text", path, line)?.to_string();
        let label = map
            .get("gold")
            .and_then(|g| g.get("label"))
            .and_then(Value::as_str)
            .with_context(|| format!("{}:{line}: no gold.label", path.display()))?;
        match mapping.get(label) {
            Some(Mapping::Scored(event)) => {
                records.push(GoldRecord { id, text, date: date_field(&map), events: vec![(**event).clone()] })
            }
            Some(Mapping::NoCode) => *no_code.entry(label.to_string()).or_default() += 1,
            Some(Mapping::LowConfidence) => *low.entry(label.to_string()).or_default() += 1,
            None => *unknown.entry(label.to_string()).or_default() += 1,
        }
    }
    let mut notes = Vec::new();
    for (counts, why) in [
        (&no_code, "of types that map to no CAMEO code"),
        (&low, "of types whose mapping has low confidence"),
        (&unknown, "of types missing from the mapping"),
    ] {
        let total: usize = counts.values().sum();
        if total > 0 {
            let list: Vec<String> = counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
            notes.push(format!("skipped {total} records {why}: {}", list.join(", ")));
        }
    }
    Ok(Converted { records, notes })
}

/// Reads the mapping file: a header row, then one row per type.
fn read_mapping(path: &Path) -> anyhow::Result<BTreeMap<String, Mapping>> {
    let text = fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
    let mut lines = text.lines().enumerate();
    let Some((_, header)) = lines.next() else {
        bail!("{}: empty mapping file", path.display());
    };
    let columns: Vec<&str> = header.split('\t').collect();
    let column = |name: &str| {
        columns
            .iter()
            .position(|c| c.trim() == name)
            .with_context(|| format!("{}:1: no column {name:?}", path.display()))
    };
    let (label_col, codes_col, root_col, penta_col, conf_col) = (
        column("case_label")?,
        column("cameo_codes")?,
        column("cameo_root")?,
        column("pentaclass")?,
        column("confidence")?,
    );
    let mut out = BTreeMap::new();
    for (i, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let cell = |c: usize| cells.get(c).map(|s| s.trim()).unwrap_or("");
        let label = cell(label_col);
        if label.is_empty() {
            bail!("{}:{}: no case_label", path.display(), i + 1);
        }
        let codes = cameo_codes(cell(codes_col));
        let mapping = if codes.is_empty() || cell(conf_col) == "none" {
            Mapping::NoCode
        } else if !matches!(cell(conf_col), "high" | "medium") {
            Mapping::LowConfidence
        } else {
            let roots = numbers(cell(root_col), 2);
            let pentas: Vec<u8> = numbers(cell(penta_col), 1).iter().filter_map(|p| p.parse().ok()).collect();
            Mapping::Scored(Box::new(GoldEvent {
                label: Some(label.to_string()),
                cameo: Some(OneOrMany::from_vec(codes)),
                root: (!roots.is_empty()).then(|| OneOrMany::from_vec(roots)),
                penta: (!pentas.is_empty()).then(|| OneOrMany::from_vec(pentas)),
                ..GoldEvent::default()
            }))
        };
        out.insert(label.to_string(), mapping);
    }
    Ok(out)
}

/// The CAMEO codes a mapping cell names: `"057; 03x"` gives `057` and
/// `03*`; words such as "(weak)" are ignored.
fn cameo_codes(cell: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in cell.split(|c: char| !c.is_ascii_alphanumeric()) {
        let digits = word.trim_end_matches('x');
        let is_code = (2..=4).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
        if !is_code {
            continue;
        }
        let code = if digits.len() < word.len() { format!("{digits}*") } else { digits.to_string() };
        if !out.contains(&code) {
            out.push(code);
        }
    }
    out
}

/// Every run of exactly `len` digits in `cell`, without repeats.
fn numbers(cell: &str, len: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in cell.split(|c: char| !c.is_ascii_digit()) {
        if word.len() == len && !out.iter().any(|w| w == word) {
            out.push(word.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapping_cells_give_codes_prefixes_and_roots() {
        assert_eq!(cameo_codes("057; 03x"), ["057", "03*"]);
        assert_eq!(cameo_codes("154 (weak)"), ["154"]);
        assert_eq!(cameo_codes("141 + 17x"), ["141", "17*"]);
        assert!(cameo_codes("-").is_empty());
        assert_eq!(numbers("18 (19/20 if military or mass killing)", 2), ["18", "19", "20"]);
        assert_eq!(numbers("0 or 3", 1), ["0", "3"]);
    }
}
