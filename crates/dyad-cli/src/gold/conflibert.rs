//! ConfliBERT CAMEO data (`conflibert-cameo/`): `cameo_class_train.tsv`
//! (`sentence<TAB>PentaClass`) and, when given, `cameo_ner_train.txt`
//! (one `token TAG` per line, B/I-S source, B/I-T target, B/I-R reciprocal,
//! a blank line between sentences).
//!
//! Each sentence becomes one gold event with `penta` and its class `label`.
//! The token file holds no offsets and not every sentence in the same
//! order, so a tagged sentence is found by its ASCII letters and digits
//! (lower-cased) and its spans are placed on the class sentence by walking
//! those characters. ASCII only, because the two files spell apostrophes
//! and some letters differently. Reciprocal spans are alternatives for both
//! source and target, as in the Multi-CoPED converter.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use anyhow::Context;

use super::multi_coped::{spans, PENTA_LABELS};
use super::record::{GoldEvent, GoldRecord, OneOrMany};
use super::{note_if, Converted};

pub fn convert(path: &Path, ner: Option<&Path>) -> anyhow::Result<Converted> {
    let text = fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
    let tagged = match ner {
        Some(ner) => read_ner(ner)?,
        None => HashMap::new(),
    };
    let mut records = Vec::new();
    let (mut bad, mut without_spans) = (0, 0);
    for (i, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let Some((sentence, label)) = line.rsplit_once('\t') else {
            bad += 1;
            continue;
        };
        let Some(penta) = label.trim().parse::<u8>().ok().filter(|&p| p <= 4) else {
            bad += 1;
            continue;
        };
        let mut event = GoldEvent {
            label: Some(PENTA_LABELS[penta as usize].to_string()),
            penta: Some(OneOrMany::One(penta)),
            ..GoldEvent::default()
        };
        match tagged.get(&ascii_key(sentence)) {
            Some(tokens) => {
                let (sources, targets) = place_spans(sentence, tokens);
                event.source_span = spans(sources);
                event.target_span = spans(targets);
            }
            None => without_spans += 1,
        }
        records.push(GoldRecord {
            id: format!("conflibert-train-{i:04}"),
            text: sentence.to_string(),
            date: None,
            events: vec![event],
        });
    }
    let mut notes = Vec::new();
    note_if(&mut notes, bad, || "lines without a PentaClass 0-4".into());
    if ner.is_some() && without_spans > 0 {
        notes.push(format!("{without_spans} sentences have no tagged twin in the token file: no actor spans"));
    }
    if ner.is_none() {
        notes.push("no token file: no actor spans".into());
    }
    Ok(Converted { records, notes })
}

/// A tagged sentence: tokens with their tags.
type Tagged = Vec<(String, String)>;

/// Reads the token file, keyed by each sentence's ASCII letters and digits.
fn read_ner(path: &Path) -> anyhow::Result<HashMap<String, Tagged>> {
    let text = fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
    let mut out = HashMap::new();
    let mut current: Tagged = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !current.is_empty() {
                let words: String = current.iter().map(|(w, _)| w.as_str()).collect();
                out.entry(ascii_key(&words)).or_insert(std::mem::take(&mut current));
                current.clear();
            }
            continue;
        }
        let (word, tag) = line.rsplit_once(' ').unwrap_or((line, "O"));
        current.push((word.to_string(), tag.to_string()));
    }
    Ok(out)
}

fn ascii_key(text: &str) -> String {
    text.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// Source and target spans (code points into `sentence`) of a tagged twin.
fn place_spans(sentence: &str, tokens: &Tagged) -> (Vec<[usize; 2]>, Vec<[usize; 2]>) {
    // Code-point offset of each ASCII letter or digit of the sentence.
    let positions: Vec<usize> =
        sentence.chars().enumerate().filter(|(_, c)| c.is_ascii_alphanumeric()).map(|(i, _)| i).collect();
    // Each token's range in `positions`, when it has letters or digits.
    let mut next = 0;
    let ranges: Vec<Option<(usize, usize)>> = tokens
        .iter()
        .map(|(word, _)| {
            let n = word.chars().filter(char::is_ascii_alphanumeric).count();
            let range = (n > 0).then(|| (next, next + n - 1));
            next += n;
            range
        })
        .collect();
    let (mut sources, mut targets) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < tokens.len() {
        let Some(role) = tokens[i].1.strip_prefix("B-").or(tokens[i].1.strip_prefix("I-")) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < tokens.len() && tokens[j].1 == format!("I-{role}") {
            j += 1;
        }
        let inside: Vec<(usize, usize)> = ranges[i..j].iter().flatten().copied().collect();
        if let (Some(first), Some(last)) = (inside.first(), inside.last()) {
            let span = [positions[first.0], positions[last.1] + 1];
            match role {
                "S" => sources.push(span),
                "T" => targets.push(span),
                "R" => {
                    sources.push(span);
                    targets.push(span);
                }
                _ => {}
            }
        }
        i = j;
    }
    (sources, targets)
}
