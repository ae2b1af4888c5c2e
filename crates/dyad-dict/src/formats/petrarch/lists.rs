//! PETRARCH discard lists (`Phoenix.discards.txt`) and issue files
//! (`Phoenix.IssueCoding.txt`).
//!
//! Discards: one phrase a line; a leading `+` makes it a story-level
//! discard in PETRARCH. dyad discards by sentence, so story-level phrases go
//! into the same table, their value marked ` (story)` so the coder can
//! widen them later.
//!
//! Issues: `PHRASE [CODE]` lines inside `<ISSUE CATEGORY="...">` blocks.
//! In a phrase, `n:word` adds the plural, `v:word` the regular verb forms,
//! and `a+b` stands for both "a b" and "a-b". `~PHRASE` and `~~PHRASE` are
//! PETRARCH's ignore phrases (sentence and story); they are returned with
//! the code `~` and `~~`.

use super::{petr_lines, words_of, LoadSummary};
use crate::error::DictError;
use crate::inflect::regular_forms;
use crate::phrase::PhraseTable;

/// One issue phrase after expansion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuePhrase {
    /// Lower case, words separated by single spaces.
    pub phrase: String,
    /// The issue code verbatim, or `~` / `~~` for ignore phrases.
    pub code: String,
    /// The enclosing `<ISSUE CATEGORY="...">`, when there is one.
    pub category: Option<String>,
    /// `file:line`.
    pub source: String,
}

/// Loads a PETRARCH discard list into `table`; each value is `file:line`,
/// followed by ` (story)` for story-level discards.
pub fn load_discards(
    file: &str,
    text: &str,
    table: &mut PhraseTable<String>,
    errors: &mut Vec<DictError>,
) -> LoadSummary {
    let mut sum = LoadSummary::default();
    for (line_no, line) in petr_lines(text) {
        let line = line.trim();
        let (story, phrase) = match line.strip_prefix('+') {
            Some(p) => (true, p),
            None => (false, line),
        };
        let written = words_of(phrase).join(" ").to_lowercase();
        let value = if story { format!("{file}:{line_no} (story)") } else { format!("{file}:{line_no}") };
        if table.insert(&written, value) {
            sum.discards += 1;
        } else {
            errors.push(DictError::new(file, line_no, "discard phrase has no words"));
        }
    }
    sum
}

/// Reads a PETRARCH issue file. Lines without a code are skipped (as
/// PETRARCH does) and listed as warnings in the summary.
pub fn load_issues(file: &str, text: &str, errors: &mut Vec<DictError>) -> (Vec<IssuePhrase>, LoadSummary) {
    let mut sum = LoadSummary::default();
    let mut out = Vec::new();
    let mut category: Option<String> = None;
    for (line_no, line) in petr_lines(text) {
        let line = line.trim();
        if line.starts_with("</") {
            category = None;
            continue;
        }
        if line.starts_with('<') {
            category = line.split_once("CATEGORY=\"").and_then(|(_, r)| r.split_once('"')).map(|(c, _)| c.to_string());
            continue;
        }
        let (target, code) = if let Some(t) = line.strip_prefix("~~") {
            (t, "~~".to_string())
        } else if let Some(t) = line.strip_prefix('~') {
            (t, "~".to_string())
        } else {
            let (Some(open), Some(close)) = (line.find('['), line.find(']')) else {
                sum.warn(file, line_no, "issue phrase without a `[CODE]`; skipped, as PETRARCH does");
                continue;
            };
            let code = line[open + 1..close.max(open + 1)].trim().to_string();
            if code.is_empty() {
                errors.push(DictError::new(file, line_no, "empty issue code"));
                continue;
            }
            (&line[..open], code)
        };
        let forms = expand_issue(&target.to_lowercase());
        if forms.iter().all(|f| f.is_empty()) {
            errors.push(DictError::new(file, line_no, "issue phrase has no words"));
            continue;
        }
        for phrase in forms {
            out.push(IssuePhrase {
                phrase,
                code: code.clone(),
                category: category.clone(),
                source: format!("{file}:{line_no}"),
            });
        }
    }
    sum.issues = out.len();
    (out, sum)
}

/// Every form of an issue phrase (lower case): `+` first (as PETRARCH
/// does), then `n:` and `v:` wherever they sit in a word.
fn expand_issue(target: &str) -> Vec<String> {
    let mut variants = vec![target.to_string()];
    while let Some(i) = variants.iter().position(|v| v.contains('+')) {
        let v = variants.remove(i);
        variants.push(v.replacen('+', " ", 1));
        variants.push(v.replacen('+', "-", 1));
    }
    let mut out = Vec::new();
    for variant in variants {
        let mut forms: Vec<Vec<String>> = vec![Vec::new()];
        for word in words_of(&variant) {
            let stem_empty = |i: usize| word[i + 2..].is_empty();
            let alts: Vec<String> = if word.find("n:").or(word.find("v:")).is_some_and(stem_empty) {
                vec![word.replace("n:", "").replace("v:", "")]
            } else if let Some(i) = word.find("n:") {
                let (pre, stem) = (&word[..i], &word[i + 2..]);
                let mut a = vec![format!("{pre}{stem}")];
                if !stem.ends_with('s') {
                    a.push(format!("{pre}{}", regular_forms(stem).third));
                }
                a
            } else if let Some(i) = word.find("v:") {
                let (pre, stem) = (&word[..i], &word[i + 2..]);
                regular_forms(stem).all().into_iter().map(|f| format!("{pre}{f}")).collect()
            } else {
                vec![word.to_string()]
            };
            forms = forms
                .iter()
                .flat_map(|f| {
                    alts.iter().map(move |a| {
                        let mut g = f.clone();
                        g.push(a.clone());
                        g
                    })
                })
                .collect();
        }
        out.extend(
            forms.into_iter().map(|f| f.iter().filter(|w| !w.is_empty()).cloned().collect::<Vec<_>>().join(" ")),
        );
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discards_sentence_and_story() {
        let mut t = PhraseTable::default();
        let mut errs = Vec::new();
        let sum = load_discards(
            "d.txt",
            "# c\nBASEBALL\n+Manchester United   # pas\nAFL_GRAND_FINAL_\n+\n",
            &mut t,
            &mut errs,
        );
        assert_eq!(sum.discards, 3);
        assert_eq!(errs[0].to_string(), "d.txt:5: discard phrase has no words");
        let toks = dyad_text::tokenize("manchester united won", 0, 21);
        assert_eq!(t.longest_at(&toks, 0).map(|(n, v)| (n, v[0].as_str())), Some((2, "d.txt:3 (story)")));
        let toks = dyad_text::tokenize("AFL grand final", 0, 15);
        assert_eq!(t.longest_at(&toks, 0).map(|(n, _)| n), Some(3));
    }

    #[test]
    fn issues_expand() {
        let text = "<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\nn:teacher [TEACHERS]\npre+k [EARLY]\npre+n:school [EARLY]\nethnic v:purge [ATROCITY]\n~a head start\n</ISSUE>\nno code here\n";
        let mut errs = Vec::new();
        let (v, sum) = load_issues("i.txt", text, &mut errs);
        let got: Vec<(&str, &str)> = v.iter().map(|i| (i.phrase.as_str(), i.code.as_str())).collect();
        assert!(got.contains(&("teachers", "TEACHERS")) && got.contains(&("teacher", "TEACHERS")));
        assert!(got.contains(&("pre k", "EARLY")) && got.contains(&("pre-k", "EARLY")));
        assert!(got.contains(&("pre-schools", "EARLY")) && got.contains(&("pre schools", "EARLY")));
        assert!(got.contains(&("ethnic purged", "ATROCITY")) && got.contains(&("ethnic purging", "ATROCITY")));
        assert!(got.contains(&("a head start", "~")));
        assert_eq!(v.last().map(|i| i.code.as_str()), Some("~"));
        assert_eq!(v[0].category.as_deref(), Some("EDUCATION"));
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(sum.issues, v.len());
        assert_eq!(sum.warnings[0].0, "i.txt:8");
        let (_, _) = load_issues("i.txt", "n: [X]\n", &mut errs);
        assert_eq!(errs[0].to_string(), "i.txt:1: issue phrase has no words");
    }
}
