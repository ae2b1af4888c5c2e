//! Cue words for reported speech, negation, intention and conditionals
//! (`modality.txt`), and discard phrases (`discards.txt`).

use std::collections::HashMap;

use crate::error::{content_lines, DictError};
use crate::inflect::Inflector;
use crate::phrase::PhraseTable;

/// Sections whose phrases start with a verb lemma that is inflected
/// ("plan to" also matches "planned to", "plans to").
const VERB_SECTIONS: &[&str] = &["report", "intend", "deny", "refuse"];

/// Forms of "be", which no regular rule produces.
const BE_FORMS: &[&str] = &["be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re"];

/// Named lists of cue phrases.
#[derive(Debug, Clone, Default)]
pub struct Modality {
    sections: HashMap<String, PhraseTable<String>>,
}

impl Modality {
    /// Parses `section | phrase; phrase; ...` lines. A section may span
    /// several lines.
    pub fn parse(file: &str, text: &str, inflector: &Inflector) -> Result<Modality, Vec<DictError>> {
        let mut m = Modality::default();
        let mut errors = Vec::new();
        for (line_no, line) in content_lines(text) {
            let Some((name, items)) = line.split_once('|') else {
                errors.push(DictError::new(file, line_no, "expected `section | phrase; phrase; ...`"));
                continue;
            };
            let name = name.trim().to_lowercase();
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                errors.push(DictError::new(file, line_no, format!("`{name}` is not a section name")));
                continue;
            }
            let inflect = VERB_SECTIONS.contains(&name.as_str());
            let table = m.sections.entry(name).or_default();
            for item in items.split(';').map(str::trim).filter(|s| !s.is_empty()) {
                for form in expand(item, inflect, inflector) {
                    table.insert(&form, item.to_string());
                }
            }
        }
        if errors.is_empty() {
            Ok(m)
        } else {
            Err(errors)
        }
    }

    /// The phrases of a section (empty when the file has none).
    pub fn section(&self, name: &str) -> Option<&PhraseTable<String>> {
        self.sections.get(name)
    }

    /// Names of all sections.
    pub fn section_names(&self) -> impl Iterator<Item = &str> {
        self.sections.keys().map(String::as_str)
    }
}

/// Every surface form of a cue phrase: with `inflect`, the first word is
/// taken as a verb lemma and inflected.
fn expand(item: &str, inflect: bool, inflector: &Inflector) -> Vec<String> {
    let (first, rest) = match item.split_once(' ') {
        Some((f, r)) => (f, Some(r)),
        None => (item, None),
    };
    if !inflect || first.chars().any(|c| !c.is_alphabetic()) {
        return vec![item.to_string()];
    }
    let forms: Vec<String> =
        if first == "be" { BE_FORMS.iter().map(|s| s.to_string()).collect() } else { inflector.verb(first).all() };
    forms
        .into_iter()
        .map(|f| match rest {
            Some(r) => format!("{f} {r}"),
            None => f,
        })
        .collect()
}

/// Phrases that mark a sentence as not political, with their `file:line`.
pub fn parse_discards(file: &str, text: &str, errors: &mut Vec<DictError>) -> PhraseTable<String> {
    let mut t = PhraseTable::default();
    for (line_no, line) in content_lines(text) {
        let phrase = line.trim();
        if !t.insert(phrase, format!("{file}:{line_no}")) {
            errors.push(DictError::new(file, line_no, "phrase has no words"));
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflects_verb_sections() {
        let inf = Inflector::parse("i", "say | | said | said |\n").unwrap();
        let m = Modality::parse(
            "m",
            "report | say; according to\nnegate | not; never\nintend | plan to; be going to\n",
            &inf,
        )
        .unwrap();
        let toks = dyad_text::tokenize("He said they were going to", 0, 26);
        let report = m.section("report").unwrap();
        assert_eq!(report.longest_at(&toks, 1).map(|(n, v)| (n, v[0].as_str())), Some((1, "say")));
        let intend = m.section("intend").unwrap();
        assert_eq!(intend.longest_at(&toks, 3).map(|(n, _)| n), Some(3));
        assert!(m.section("negate").is_some());
        let e = Modality::parse("m", "report say\n", &inf).unwrap_err();
        assert_eq!(e[0].to_string(), "m:1: expected `section | phrase; phrase; ...`");
    }
}
