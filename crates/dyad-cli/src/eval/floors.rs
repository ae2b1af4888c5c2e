//! Evaluation floors: the least each headline figure may reach.
//!
//! The file is a small TOML subset, one table per set:
//!
//! ```toml
//! [multi_coped_en]
//! penta_main_accuracy = 0.35   # comment
//! ```
//!
//! Names are headline names of the report. A name the report lacks fails
//! the check, so a misspelt floor cannot pass silently.

use std::collections::BTreeMap;

/// Floors per set, in file order within a set.
pub type Floors = BTreeMap<String, Vec<(String, f64)>>;

/// Parses a floors file; errors name the line.
pub fn parse(text: &str) -> Result<Floors, String> {
    let mut out = Floors::new();
    let mut section: Option<String> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let at = |msg: &str| format!("line {}: {msg}", i + 1);
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let name = name.trim().trim_matches('"');
            if name.is_empty() {
                return Err(at("empty table name"));
            }
            out.entry(name.to_string()).or_default();
            section = Some(name.to_string());
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            return Err(at("expected `name = number` or `[set]`"));
        };
        let Some(set) = &section else {
            return Err(at("a floor before any `[set]` table"));
        };
        let key = key.trim().trim_matches('"');
        let value: f64 = value.trim().parse().map_err(|_| at("the value is not a number"))?;
        let floors = out.entry(set.clone()).or_default();
        if floors.iter().any(|(k, _)| k == key) {
            return Err(at(&format!("`{key}` given twice")));
        }
        floors.push((key.to_string(), value));
    }
    Ok(out)
}

/// One floor checked.
pub struct Checked {
    pub name: String,
    pub floor: f64,
    /// None when the report has no such figure.
    pub value: Option<f64>,
}

impl Checked {
    pub fn passed(&self) -> bool {
        // Figures are rounded to 4 decimals; a tolerance keeps a floor equal
        // to the figure from failing on float noise.
        self.value.is_some_and(|v| v + 1e-9 >= self.floor)
    }
}

/// Checks a set's floors against a report's headline figures.
pub fn check(floors: &[(String, f64)], headline: &BTreeMap<String, f64>) -> Vec<Checked> {
    floors
        .iter()
        .map(|(name, floor)| Checked { name: name.clone(), floor: *floor, value: headline.get(name).copied() })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tables_comments_and_reports_bad_lines() {
        let floors = parse("# top\n[a]\nx = 0.5 # why\n\n[b]\ny=1\n").unwrap();
        assert_eq!(floors["a"], [("x".to_string(), 0.5)]);
        assert_eq!(floors["b"], [("y".to_string(), 1.0)]);
        assert_eq!(parse("x = 1\n").unwrap_err(), "line 1: a floor before any `[set]` table");
        assert_eq!(parse("[a]\nx = high\n").unwrap_err(), "line 2: the value is not a number");
        assert!(parse("[a]\nx = 1\nx = 2\n").is_err());
    }

    #[test]
    fn missing_figures_fail() {
        let mut headline = BTreeMap::new();
        headline.insert("x".to_string(), 0.5);
        let floors = [("x".to_string(), 0.5), ("y".to_string(), 0.1), ("x".to_string(), 0.6)];
        let passed: Vec<bool> = check(&floors, &headline).iter().map(Checked::passed).collect();
        assert_eq!(passed, [true, false, false]);
    }
}
