//! PETRARCH validation records in the JSON Lines form of the shared data
//! (`PETR.UnitTest.records.jsonl`, `PETR2_GSR_validation.jsonl`): one
//! object per `<Sentence>` with `id`, `category`, `date`, `text`,
//! `expected_events` [{source, target, code}], `expectation` and
//! `active_config`. Only the text is coded; the parse trees are never read.

use std::path::Path;

use serde_json::Value;

use super::compare::Case;

/// The records of a file. Records that test what raw text cannot show are
/// left out, with the reason: parse-tree errors (`bad_input_parse`), a
/// dateline error, and a record with no expectation at all. Discard
/// records (`storydiscard`, `sentencediscard`) are kept: they must code
/// nothing. Lines that cannot be read are returned as `FILE:LINE` errors;
/// the other records are still read.
pub struct Records {
    pub cases: Vec<Case>,
    pub left_out: Vec<(String, String)>,
    pub errors: Vec<String>,
}

pub fn read(path: &Path) -> std::io::Result<Records> {
    let text = std::fs::read_to_string(path)?;
    Ok(parse(&path.display().to_string(), &text))
}

pub fn parse(file: &str, text: &str) -> Records {
    let mut out = Records { cases: Vec::new(), left_out: Vec::new(), errors: Vec::new() };
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                out.errors.push(format!("{file}:{}: {e}", i + 1));
                continue;
            }
        };
        match case(&value) {
            Ok(Ok(c)) => out.cases.push(Case { origin: format!("{file}:{}", i + 1), ..c }),
            Ok(Err((id, why))) => out.left_out.push((id, why)),
            Err(msg) => out.errors.push(format!("{file}:{}: {msg}", i + 1)),
        }
    }
    out
}

type LeftOut = (String, String);

fn case(v: &Value) -> Result<Result<Case, LeftOut>, String> {
    let str_of = |k: &str| v.get(k).and_then(Value::as_str);
    let id = str_of("id").ok_or("record without an `id`")?.to_string();
    let text = str_of("text").ok_or_else(|| format!("{id}: record without a `text`"))?.to_string();
    let expectation = str_of("expectation").unwrap_or("events");
    match expectation {
        "events" | "no_events" => {}
        "error_or_discard" => {
            let why = str_of("expected_error").unwrap_or("");
            if !why.ends_with("discard") {
                return Ok(Err((id, format!("expects the input error `{why}`, which raw text cannot show"))));
            }
        }
        other => return Ok(Err((id, format!("expectation `{other}`: nothing to compare")))),
    }
    let mut expected = Vec::new();
    if expectation == "events" {
        let events = v
            .get("expected_events")
            .and_then(Value::as_array)
            .ok_or_else(|| format!("{id}: `expected_events` must be a list"))?;
        for e in events {
            let field = |k: &str| {
                e.get(k).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).unwrap_or("---").to_string()
            };
            if e.get("code").and_then(Value::as_str).is_none() {
                return Err(format!("{id}: an expected event without a `code`"));
            }
            expected.push((field("source"), field("target"), field("code")));
        }
    }
    // PETRARCH's default is true; the records' `<Config>` may turn it off.
    let require_dyad = v
        .get("active_config")
        .and_then(|c| c.get("require_dyad"))
        .and_then(Value::as_str)
        .is_none_or(|s| !s.eq_ignore_ascii_case("false"));
    Ok(Ok(Case {
        category: str_of("category").filter(|c| !c.is_empty()).unwrap_or("OTHER").to_string(),
        date: str_of("date").map(str::to_string),
        id,
        text,
        expected,
        require_dyad,
        modes: super::compare::NOT_NEGATED,
        codes: super::compare::CodeStyle::Petrarch,
        scored: true,
        options_after: Vec::new(),
        origin: String::new(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_records_and_leaves_out_what_text_cannot_show() {
        let text = r#"{"id": "DEMO-00", "category": "DEMO", "date": "1995-01-01", "text": "Arnor met Gondor.", "expected_events": [{"source": "ARN", "target": "GON", "code": "031"}], "expectation": "events", "active_config": {"require_dyad": "True"}}
{"id": "COMPOUND-03", "category": "COMPOUND", "text": "Arnor left.", "expected_events": [{"source": "ARN", "target": "---", "code": "032"}], "expectation": "events", "active_config": {"require_dyad": "false"}}
{"id": "DISCARD-01", "category": "ERROR", "text": "A typhoon.", "expected_events": [], "expectation": "error_or_discard", "expected_error": "storydiscard"}
{"id": "ERROR-02", "category": "ERROR", "text": "Bad parse.", "expected_events": [], "expectation": "error_or_discard", "expected_error": "bad_input_parse"}
not json
{"id": "X-1", "text": "No code.", "expected_events": [{"source": "A"}], "expectation": "events"}
"#;
        let r = parse("u.jsonl", text);
        let ids: Vec<&str> = r.cases.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, vec!["DEMO-00", "COMPOUND-03", "DISCARD-01"]);
        assert_eq!(r.cases[0].expected, vec![("ARN".to_string(), "GON".to_string(), "031".to_string())]);
        assert_eq!((r.cases[0].require_dyad, r.cases[1].require_dyad), (true, false));
        assert_eq!(r.cases[1].expected[0].1, "---");
        assert_eq!(r.cases[1].category, "COMPOUND");
        assert!(r.cases[2].expected.is_empty(), "a discard must code nothing");
        assert_eq!(r.left_out.len(), 1);
        assert_eq!(r.left_out[0].0, "ERROR-02");
        assert_eq!(r.errors.len(), 2, "{:?}", r.errors);
        assert!(r.errors[0].starts_with("u.jsonl:5: "), "{:?}", r.errors);
        assert!(r.errors[1].starts_with("u.jsonl:6: X-1"), "{:?}", r.errors);
    }
}
