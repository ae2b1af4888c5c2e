//! Actor dictionaries: states, roles, people and organisations.

use std::collections::HashMap;

use crate::error::{content_lines, is_actor_code, DictError};
use crate::phrase::PhraseTable;

/// What a dictionary phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActorKind {
    /// A state by name ("Russia").
    Country,
    /// An adjective or demonym ("Russian", "Russians").
    Adjective,
    /// A capital or building standing for the government ("the Kremlin").
    Seat,
    /// A city or region inside a state ("Donetsk").
    Place,
    /// A role word ("president", "troops").
    Agent,
    /// A named person.
    Person,
    /// An international organisation or non-state group.
    Organisation,
}

/// One actor phrase and what it codes.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorEntry {
    pub kind: ActorKind,
    /// Country code (Country, Adjective, Seat, Place), role (Agent), or the
    /// organisation's full code. Empty for a person.
    pub code: String,
    /// Index into [`ActorDict::people`] for a person.
    pub person: Option<usize>,
    /// `file:line` of the entry.
    pub source: String,
    /// The phrase is written in lower case ("the world body"), so it needs
    /// no capital letter in the text to match.
    pub lower_case: bool,
}

/// A code that holds over a range of dates (both ends inclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    pub code: String,
    /// `YYYY-MM-DD`, or None for an open start.
    pub from: Option<String>,
    /// `YYYY-MM-DD`, or None for an open end.
    pub until: Option<String>,
}

impl DatedCode {
    fn holds_on(&self, date: &str) -> bool {
        self.from.as_deref().is_none_or(|f| f <= date) && self.until.as_deref().is_none_or(|u| date <= u)
    }
}

/// A named person with dated codes.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// Canonical name (the first one listed).
    pub name: String,
    pub codes: Vec<DatedCode>,
}

impl Person {
    /// The code for an event: the entry that holds on the event date, else
    /// on the publication date, else the most recent entry. Dates are
    /// `YYYY-MM-DD` or a prefix of it (`YYYY-MM`, `YYYY`), which are padded
    /// to the middle of their period.
    pub fn code_on(&self, event_date: Option<&str>, publication: Option<&str>) -> &str {
        for date in [event_date, publication].into_iter().flatten() {
            let full = pad_date(date);
            if let Some(c) = self.codes.iter().find(|c| c.holds_on(&full)) {
                return &c.code;
            }
        }
        self.most_recent()
    }

    /// The code of the entry with the latest start.
    pub fn most_recent(&self) -> &str {
        self.codes
            .iter()
            .max_by(|a, b| {
                let ka = (a.until.is_none(), a.from.clone().unwrap_or_default());
                let kb = (b.until.is_none(), b.from.clone().unwrap_or_default());
                ka.cmp(&kb)
            })
            .map(|c| c.code.as_str())
            .unwrap_or("")
    }
}

fn pad_date(date: &str) -> String {
    match date.len() {
        4 => format!("{date}-07-01"),
        7 => format!("{date}-15"),
        _ => date.to_string(),
    }
}

/// True for `YYYY-MM-DD` with a plausible month and day.
pub(crate) fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return false;
    }
    let month: u32 = s[5..7].parse().unwrap_or(0);
    let day: u32 = s[8..10].parse().unwrap_or(0);
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// All actor dictionaries, compiled into one phrase table.
#[derive(Debug, Clone, Default)]
pub struct ActorDict {
    pub phrases: PhraseTable<ActorEntry>,
    pub people: Vec<Person>,
    /// Seats of power and names per country code, for explanations.
    pub country_names: HashMap<String, String>,
}

impl ActorDict {
    /// Adds `countries.txt`: `CODE | names | adjectives | seats | places`.
    pub fn add_countries(&mut self, file: &str, text: &str, errors: &mut Vec<DictError>) {
        const KINDS: [ActorKind; 4] = [ActorKind::Country, ActorKind::Adjective, ActorKind::Seat, ActorKind::Place];
        for (line_no, line) in content_lines(text) {
            let fields: Vec<&str> = line.split('|').map(str::trim).collect();
            if fields.len() != 5 {
                errors.push(DictError::new(
                    file,
                    line_no,
                    format!("expected 5 fields `CODE | names | adjectives | seats | places`, found {}", fields.len()),
                ));
                continue;
            }
            let code = fields[0];
            if !is_actor_code(code) {
                errors.push(DictError::new(
                    file,
                    line_no,
                    format!("`{code}` is not a country code (blocks of three capitals)"),
                ));
                continue;
            }
            if let Some(first) = split_list(fields[1]).next() {
                self.country_names.entry(code.to_string()).or_insert_with(|| first.to_string());
            }
            for (kind, field) in KINDS.iter().zip(&fields[1..]) {
                for phrase in split_list(field) {
                    self.insert(file, line_no, phrase, *kind, code, None, errors);
                }
            }
        }
    }

    /// Adds `agents.txt`: `ROLE | words`.
    pub fn add_agents(&mut self, file: &str, text: &str, errors: &mut Vec<DictError>) {
        self.add_code_list(file, text, ActorKind::Agent, errors);
    }

    /// Adds `organisations.txt`: `CODE | names`.
    pub fn add_organisations(&mut self, file: &str, text: &str, errors: &mut Vec<DictError>) {
        self.add_code_list(file, text, ActorKind::Organisation, errors);
    }

    fn add_code_list(&mut self, file: &str, text: &str, kind: ActorKind, errors: &mut Vec<DictError>) {
        for (line_no, line) in content_lines(text) {
            let Some((code, names)) = line.split_once('|') else {
                errors.push(DictError::new(file, line_no, "expected `CODE | phrase; phrase; ...`"));
                continue;
            };
            let code = code.trim();
            // `---` and `+++` are the field's special actor codes (a phrase
            // that is matched but names no actor); the TABARI and PETRARCH
            // front ends load them, so a converted set must load them back.
            if !is_actor_code(code) && code != "---" && code != "+++" {
                errors.push(DictError::new(
                    file,
                    line_no,
                    format!("`{code}` is not a CAMEO code (blocks of three capitals, or `---`/`+++`)"),
                ));
                continue;
            }
            let mut any = false;
            for phrase in split_list(names) {
                any = true;
                self.insert(file, line_no, phrase, kind, code, None, errors);
            }
            if !any {
                errors.push(DictError::new(file, line_no, "no phrase given"));
            }
        }
    }

    /// Adds `people.txt`: a names line, then indented `CODE [FROM..UNTIL]`
    /// lines.
    pub fn add_people(&mut self, file: &str, text: &str, errors: &mut Vec<DictError>) {
        let mut current: Option<(usize, usize, Vec<String>)> = None; // (line, person index, names)
        let finish = |this: &mut ActorDict, cur: Option<(usize, usize, Vec<String>)>, errors: &mut Vec<DictError>| {
            if let Some((line_no, idx, names)) = cur {
                if this.people[idx].codes.is_empty() {
                    errors.push(DictError::new(
                        file,
                        line_no,
                        format!("`{}` has no code line under it", this.people[idx].name),
                    ));
                }
                for n in names {
                    this.insert(file, line_no, &n, ActorKind::Person, "", Some(idx), errors);
                }
            }
        };
        for (line_no, line) in content_lines(text) {
            if line.starts_with(' ') || line.starts_with('\t') {
                let Some((_, idx, _)) = current.as_ref() else {
                    errors.push(DictError::new(file, line_no, "a code line must follow a names line"));
                    continue;
                };
                match parse_dated_code(line.trim()) {
                    Ok(dc) => self.people[*idx].codes.push(dc),
                    Err(msg) => errors.push(DictError::new(file, line_no, msg)),
                }
            } else {
                finish(self, current.take(), errors);
                let names: Vec<String> = split_list(line).map(str::to_string).collect();
                if names.is_empty() {
                    errors.push(DictError::new(file, line_no, "no name given"));
                    continue;
                }
                self.people.push(Person { name: names[0].clone(), codes: Vec::new() });
                current = Some((line_no, self.people.len() - 1, names));
            }
        }
        finish(self, current.take(), errors);
    }

    #[allow(clippy::too_many_arguments)]
    fn insert(
        &mut self,
        file: &str,
        line_no: usize,
        phrase: &str,
        kind: ActorKind,
        code: &str,
        person: Option<usize>,
        errors: &mut Vec<DictError>,
    ) {
        let lower_case = !phrase.chars().any(char::is_uppercase);
        let entry =
            ActorEntry { kind, code: code.to_string(), person, source: format!("{file}:{line_no}"), lower_case };
        if !self.phrases.insert(phrase, entry) {
            errors.push(DictError::new(file, line_no, format!("phrase `{phrase}` has no words")));
        }
    }
}

fn split_list(field: &str) -> impl Iterator<Item = &str> {
    field.split(';').map(str::trim).filter(|s| !s.is_empty())
}

fn parse_dated_code(line: &str) -> Result<DatedCode, String> {
    let mut parts = line.split_whitespace();
    let code = parts.next().unwrap_or("");
    if !is_actor_code(code) {
        return Err(format!("`{code}` is not a CAMEO code (blocks of three capitals)"));
    }
    let (from, until) = match parts.next() {
        None => (None, None),
        Some(range) => {
            let Some((f, u)) = range.split_once("..") else {
                return Err(format!("date range `{range}` must look like FROM..UNTIL (either end may be empty)"));
            };
            for d in [f, u] {
                if !d.is_empty() && !is_iso_date(d) {
                    return Err(format!("`{d}` is not a YYYY-MM-DD date"));
                }
            }
            if !f.is_empty() && !u.is_empty() && f > u {
                return Err(format!("range `{range}` ends before it starts"));
            }
            ((!f.is_empty()).then(|| f.to_string()), (!u.is_empty()).then(|| u.to_string()))
        }
    };
    if let Some(extra) = parts.next() {
        return Err(format!("unexpected `{extra}` after the date range"));
    }
    Ok(DatedCode { code: code.to_string(), from, until })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_lists_take_the_special_codes_and_refuse_others() {
        let mut d = ActorDict::default();
        let mut errs = Vec::new();
        d.add_organisations(
            "organisations.txt",
            "--- | Isildur\n+++ | the Council\nIGOUNO | United Nations\nXY | Mordor\n",
            &mut errs,
        );
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!((errs[0].line, errs[0].message.contains("`XY`")), (4, true), "{errs:?}");
        assert_eq!(d.phrases.len(), 3);
    }

    #[test]
    fn people_dated_codes() {
        let mut d = ActorDict::default();
        let mut errs = Vec::new();
        d.add_people(
            "people.txt",
            "Volodymyr Zelensky; Zelensky\n    UKRELI ..2019-05-19\n    UKRGOV 2019-05-20..\n",
            &mut errs,
        );
        assert!(errs.is_empty(), "{errs:?}");
        let p = &d.people[0];
        assert_eq!(p.code_on(Some("2018-01-01"), None), "UKRELI");
        assert_eq!(p.code_on(None, Some("2022-02-24")), "UKRGOV");
        assert_eq!(p.code_on(None, None), "UKRGOV");
        assert_eq!(p.code_on(Some("2018"), None), "UKRELI");
        // A month or year alone stands for its middle.
        assert_eq!(p.code_on(Some("2019-05"), None), "UKRELI");
        assert_eq!(p.code_on(Some("2019-06"), None), "UKRGOV");
    }

    #[test]
    fn errors_name_file_and_line() {
        let mut d = ActorDict::default();
        let mut errs = Vec::new();
        d.add_people("people.txt", "  RUSGOV\nPutin\n    RUSGOV 2000-13-01..\nNobody\n", &mut errs);
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            msgs,
            vec![
                "people.txt:1: a code line must follow a names line",
                "people.txt:3: `2000-13-01` is not a YYYY-MM-DD date",
                "people.txt:2: `Putin` has no code line under it",
                "people.txt:4: `Nobody` has no code line under it",
            ]
        );
        errs.clear();
        d.add_countries("countries.txt", "RUS | Russia | Russian | Moscow\nru | x | | |\n", &mut errs);
        assert_eq!(
            errs[0].to_string(),
            "countries.txt:1: expected 5 fields `CODE | names | adjectives | seats | places`, found 4"
        );
        assert_eq!(errs[1].to_string(), "countries.txt:2: `ru` is not a country code (blocks of three capitals)");
    }
}
