//! Walks `tests/data/expressions.tsv`: each line gives a publication date,
//! a text, and every date expression `find_dates` must report in it.
//!
//! Format (tab-separated, `#` starts a comment line):
//!
//! ```text
//! publication <TAB> text <TAB> expected
//! ```
//!
//! `publication` is `YYYY-MM-DD` or `-` for none. `expected` is `-` when
//! nothing may be found, else `span => value` items joined by ` | `, where
//! `value` is `YYYY-MM-DD` (day), `YYYY-MM` (month), `YYYY` (year) or
//! `unresolved`.

use dyad_dates::{find_dates, Date};

const FIXTURES: &str = include_str!("data/expressions.tsv");

fn shown(value: &dyad_dates::Resolved) -> String {
    let (s, precision) = value.to_string_precision();
    if precision == "unresolved" {
        "unresolved".to_string()
    } else {
        s
    }
}

#[test]
fn expressions_fixture() {
    let mut failures = Vec::new();
    let (mut lines, mut expressions, mut negatives) = (0, 0, 0);
    for (n, line) in FIXTURES.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "line {}: want 3 tab-separated columns: {line:?}", n + 1);
        let publication = match cols[0] {
            "-" => None,
            d => Some(d.parse::<Date>().unwrap_or_else(|e| panic!("line {}: {e}", n + 1))),
        };
        let text = cols[1];
        let want: Vec<(String, String)> = if cols[2] == "-" {
            negatives += 1;
            Vec::new()
        } else {
            cols[2]
                .split(" | ")
                .map(|item| {
                    let (span, value) =
                        item.split_once(" => ").unwrap_or_else(|| panic!("line {}: bad item {item:?}", n + 1));
                    (span.to_string(), value.to_string())
                })
                .collect()
        };
        lines += 1;
        expressions += want.len();
        let found = find_dates(text, publication);
        for f in &found {
            assert_eq!(&text[f.start..f.end], f.text, "line {}: offsets do not slice to the text", n + 1);
        }
        let got: Vec<(String, String)> = found.iter().map(|f| (f.text.clone(), shown(&f.value))).collect();
        if got != want {
            failures.push(format!(
                "line {}: {text:?} (published {})\n   want {want:?}\n    got {got:?}",
                n + 1,
                cols[0]
            ));
        }
    }
    eprintln!(
        "{lines} fixture lines, {expressions} expected expressions, {negatives} negative lines, {} failing lines",
        failures.len()
    );
    assert!(expressions >= 120, "the fixture should hold at least 120 expressions");
    assert!(failures.is_empty(), "{} fixture lines failed:\n{}", failures.len(), failures.join("\n"));
}
