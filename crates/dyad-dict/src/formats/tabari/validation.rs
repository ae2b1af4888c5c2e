//! The TABARI validation suite as JSON Lines (`Validate.jsonl`, derived
//! from TABARI's `Validate.text`; see its README). One object per record:
//! `id`, `doc_id`, `date` (ISO), `date_raw`, `category`, `text`,
//! `expected_events` (`source`, `target`, `code`, optional `date`),
//! `expectation`, `comment_block`, `option_commands`,
//! `after_final_record`. The crate has no JSON dependency, so a small
//! reader for the JSON subset these files use lives here.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::DictError;

/// What a record expects of the coder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expectation {
    /// These events, in order.
    Events,
    /// No event (`{---}`).
    NoEvents,
    /// The record is discarded (`{###}`).
    Discard,
    /// Too complex: the coder should give up (`{+++}`).
    Complex,
    /// Not checked (`-{...}`).
    NotChecked,
    /// Changes options for the following records (`{ OPTION: ... }`).
    Option,
    /// The record after which only debugging cases follow.
    EndOfSuite,
    /// Any other value, as written.
    Other(String),
}

/// One expected event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedEvent {
    pub source: String,
    pub target: String,
    /// Verbatim (may be a test code such as `903` or `174K`).
    pub code: String,
    /// `YYMMDD` when the event's date differs from the record's.
    pub date: Option<String>,
}

/// One validation record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationRecord {
    pub id: String,
    pub doc_id: Option<String>,
    /// The ID's prefix (`DEMO`, `PATTERN`, `SYNSET`).
    pub category: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub text: String,
    pub expected: Vec<ExpectedEvent>,
    pub expectation: Expectation,
    /// The tester's explanation.
    pub comment: String,
    /// Options to apply before coding the following records.
    pub option_commands: Vec<String>,
    /// After `FINAL-01`: a debugging case, not part of the standard suite.
    pub after_final: bool,
    /// 1-based line in the `.jsonl` file.
    pub line: usize,
}

/// Reads `Validate.jsonl`.
pub fn read_validation(path: &Path) -> Result<Vec<ValidationRecord>, DictError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| DictError::new(&name, 0, e.to_string()))?;
    parse_validation(&name, &text)
}

/// Parses the text of a validation `.jsonl` file.
pub fn parse_validation(file: &str, text: &str) -> Result<Vec<ValidationRecord>, DictError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let err = |m: String| DictError::new(file, i + 1, m);
        let value = Json::parse(line).map_err(err)?;
        out.push(record(&value, i + 1).map_err(err)?);
    }
    Ok(out)
}

fn record(v: &Json, line: usize) -> Result<ValidationRecord, String> {
    let Json::Object(o) = v else { return Err("a record must be a JSON object".to_string()) };
    let string = |k: &str| o.get(k).and_then(Json::as_str).map(str::to_string);
    let id = string("id").ok_or("missing `id`")?;
    let text = string("text").ok_or("missing `text`")?;
    let mut expected = Vec::new();
    if let Some(Json::Array(events)) = o.get("expected_events") {
        for e in events {
            let Json::Object(e) = e else { return Err("an expected event must be an object".to_string()) };
            let field = |k: &str| e.get(k).and_then(Json::as_str).map(str::to_string);
            expected.push(ExpectedEvent {
                source: field("source").ok_or("event without `source`")?,
                target: field("target").ok_or("event without `target`")?,
                code: field("code").ok_or("event without `code`")?,
                date: field("date"),
            });
        }
    }
    let expectation = match string("expectation").as_deref() {
        Some("events") => Expectation::Events,
        Some("no_events") => Expectation::NoEvents,
        Some("discard") => Expectation::Discard,
        Some("complex_unresolvable") => Expectation::Complex,
        Some("not_checked") => Expectation::NotChecked,
        Some("option_record") => Expectation::Option,
        Some("end_of_standard_suite_marker") => Expectation::EndOfSuite,
        Some(other) => Expectation::Other(other.to_string()),
        None => Expectation::Other(String::new()),
    };
    let option_commands = match o.get("option_commands") {
        Some(Json::Array(a)) => a.iter().filter_map(Json::as_str).map(str::to_string).collect(),
        _ => Vec::new(),
    };
    Ok(ValidationRecord {
        id,
        doc_id: string("doc_id"),
        category: string("category"),
        date: string("date"),
        text,
        expected,
        expectation,
        comment: string("comment_block").unwrap_or_default(),
        option_commands,
        after_final: matches!(o.get("after_final_record"), Some(Json::Bool(true))),
        line,
    })
}

/// A JSON value; numbers are kept as written.
#[derive(Debug, Clone, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(BTreeMap<String, Json>),
}

impl Json {
    fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    fn parse(text: &str) -> Result<Json, String> {
        let mut p = Parser { s: text.as_bytes(), i: 0 };
        let v = p.value()?;
        p.ws();
        if p.i != p.s.len() {
            return Err(format!("unexpected text after the JSON value at column {}", p.i + 1));
        }
        Ok(v)
    }
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn err<T>(&self, what: &str) -> Result<T, String> {
        Err(format!("invalid JSON at column {}: {what}", self.i + 1))
    }

    fn eat(&mut self, lit: &str) -> bool {
        if self.s[self.i..].starts_with(lit.as_bytes()) {
            self.i += lit.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Result<Json, String> {
        self.ws();
        match self.s.get(self.i) {
            None => self.err("unexpected end"),
            Some(b'{') => {
                self.i += 1;
                let mut map = BTreeMap::new();
                self.ws();
                if self.eat("}") {
                    return Ok(Json::Object(map));
                }
                loop {
                    self.ws();
                    let key = self.string()?;
                    self.ws();
                    if !self.eat(":") {
                        return self.err("expected `:`");
                    }
                    let v = self.value()?;
                    map.insert(key, v);
                    self.ws();
                    if self.eat(",") {
                        continue;
                    }
                    if self.eat("}") {
                        return Ok(Json::Object(map));
                    }
                    return self.err("expected `,` or `}`");
                }
            }
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.eat("]") {
                    return Ok(Json::Array(items));
                }
                loop {
                    items.push(self.value()?);
                    self.ws();
                    if self.eat(",") {
                        continue;
                    }
                    if self.eat("]") {
                        return Ok(Json::Array(items));
                    }
                    return self.err("expected `,` or `]`");
                }
            }
            Some(b'"') => self.string().map(Json::String),
            Some(b't') if self.eat("true") => Ok(Json::Bool(true)),
            Some(b'f') if self.eat("false") => Ok(Json::Bool(false)),
            Some(b'n') if self.eat("null") => Ok(Json::Null),
            Some(c) if *c == b'-' || c.is_ascii_digit() => {
                let start = self.i;
                while self.i < self.s.len() && matches!(self.s[self.i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    self.i += 1;
                }
                Ok(Json::Number(String::from_utf8_lossy(&self.s[start..self.i]).into_owned()))
            }
            Some(_) => self.err("unexpected character"),
        }
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let h = self.s.get(self.i..self.i + 4).and_then(|h| std::str::from_utf8(h).ok());
        let Some(v) = h.and_then(|h| u32::from_str_radix(h, 16).ok()) else { return self.err("bad \\u escape") };
        self.i += 4;
        Ok(v)
    }

    fn string(&mut self) -> Result<String, String> {
        if !self.eat("\"") {
            return self.err("expected a string");
        }
        let mut out: Vec<u8> = Vec::new();
        loop {
            let Some(&c) = self.s.get(self.i) else { return self.err("unterminated string") };
            self.i += 1;
            match c {
                b'"' => return String::from_utf8(out).map_err(|_| "invalid UTF-8 in a string".to_string()),
                b'\\' => {
                    let Some(&e) = self.s.get(self.i) else { return self.err("unterminated escape") };
                    self.i += 1;
                    let ch = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let mut cp = self.hex4()?;
                            if (0xD800..0xDC00).contains(&cp) && self.eat("\\u") {
                                let low = self.hex4()?;
                                cp = 0x10000 + ((cp - 0xD800) << 10) + (low.wrapping_sub(0xDC00) & 0x3FF);
                            }
                            char::from_u32(cp).unwrap_or('\u{FFFD}')
                        }
                        _ => return self.err("unknown escape"),
                    };
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                }
                _ => out.push(c),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_records_and_reports_line() {
        let text = concat!(
            r#"{"id": "DEMO-04", "doc_id": null, "date": "1995-01-01", "category": "DEMO", "text": "Dagolath arrived in \"Gondor\" \u00e9", "#,
            r#""expected_events": [{"source": "DAG", "target": "GON", "code": "032", "date": "950103"}, {"source": "GON", "target": "DAG", "code": "174K"}], "#,
            r#""expectation": "events", "comment_block": "x", "n": -1.5e3}"#,
            "\n\n",
            r#"{"id": "X", "text": "t", "expected_events": [], "expectation": "option_record", "option_commands": ["SET: CODE ALL"], "after_final_record": true}"#,
            "\n{\"id\": \"bad\", \n"
        );
        let err = parse_validation("v.jsonl", text).unwrap_err();
        assert!(err.to_string().starts_with("v.jsonl:4: invalid JSON"), "{err}");
        let recs = parse_validation("v.jsonl", &text[..text.rfind("\n{").unwrap()]).unwrap();
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0].text, "Dagolath arrived in \"Gondor\" é");
        assert_eq!(recs[0].expected[1].code, "174K");
        assert_eq!(recs[0].expected[0].date.as_deref(), Some("950103"));
        assert_eq!(recs[0].doc_id, None);
        assert_eq!(recs[1].expectation, Expectation::Option);
        assert_eq!(recs[1].option_commands, vec!["SET: CODE ALL"]);
        assert!(recs[1].after_final && !recs[0].after_final);
        assert_eq!(recs[1].line, 3);
    }
}
