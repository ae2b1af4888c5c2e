//! The gazetteer data file: one place per line, tab-separated.
//!
//! ```text
//! kind  country  other_countries  fips  adm1  adm1_name  lat  lon  geonames_id  population  name  alt_names
//! ```
//!
//! `other_countries` is `;`-separated, `alt_names` is `|`-separated; empty
//! fields mean "none". Lines starting with `#` and empty lines are comments.
//! tools/build_gazetteer.py writes it; [`write_place`] writes the same
//! bytes for a parsed place, so the two can be checked against each other.

use crate::place::{Place, PlaceId, PlaceKind};
use thiserror::Error;

/// A malformed line in a gazetteer file.
#[derive(Debug, Error, PartialEq)]
#[error("gazetteer line {line}: {message}")]
pub struct FormatError {
    /// 1-based line number in the file.
    pub line: usize,
    pub message: String,
}

const FIELDS: usize = 12;

/// Parses a whole gazetteer file; ids are assigned in file order.
pub fn parse(text: &str) -> Result<Vec<Place<'_>>, FormatError> {
    let mut places = Vec::with_capacity(text.len() / 100);
    for (i, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let id = PlaceId(places.len() as u32);
        let place = parse_line(line, id).map_err(|message| FormatError { line: i + 1, message })?;
        places.push(place);
    }
    Ok(places)
}

fn parse_line(line: &str, id: PlaceId) -> Result<Place<'_>, String> {
    let mut f = [""; FIELDS];
    let mut n = 0;
    for field in line.split('\t') {
        if n < FIELDS {
            f[n] = field;
        }
        n += 1;
    }
    if n != FIELDS {
        return Err(format!("expected {FIELDS} tab-separated fields, found {n}"));
    }
    let kind = PlaceKind::parse(f[0]).ok_or_else(|| format!("unknown kind {:?}", f[0]))?;
    let coord = |s: &str, what: &str, max: f64| -> Result<f64, String> {
        match s.parse::<f64>() {
            Ok(v) if v.is_finite() && v.abs() <= max => Ok(v),
            _ => Err(format!("bad {what} {s:?}")),
        }
    };
    let feature_id = match f[8] {
        "" => None,
        s => Some(s.parse::<u32>().map_err(|_| format!("bad geonames id {s:?}"))?),
    };
    let population = f[9].parse::<u64>().map_err(|_| format!("bad population {:?}", f[9]))?;
    if f[10].is_empty() {
        return Err("empty name".into());
    }
    Ok(Place {
        id,
        name: f[10],
        alt_names: split_list(f[11], '|'),
        kind,
        country: f[1],
        other_countries: split_list(f[2], ';'),
        fips: opt(f[3]),
        adm1: opt(f[4]),
        adm1_name: opt(f[5]),
        lat: coord(f[6], "latitude", 90.0)?,
        lon: coord(f[7], "longitude", 180.0)?,
        feature_id,
        population,
    })
}

fn opt(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

fn split_list(s: &str, sep: char) -> Vec<&str> {
    if s.is_empty() {
        Vec::new()
    } else {
        s.split(sep).collect()
    }
}

/// Writes one place as a data line (no newline), the inverse of parsing.
///
/// Coordinates are written with at most four decimals, trailing zeros
/// trimmed, as the build script does.
pub fn write_place(p: &Place<'_>) -> String {
    let fields = [
        p.kind.as_str().to_string(),
        p.country.to_string(),
        p.other_countries.join(";"),
        p.fips.unwrap_or_default().to_string(),
        p.adm1.unwrap_or_default().to_string(),
        p.adm1_name.unwrap_or_default().to_string(),
        fmt_coord(p.lat),
        fmt_coord(p.lon),
        p.feature_id.map(|v| v.to_string()).unwrap_or_default(),
        p.population.to_string(),
        p.name.to_string(),
        p.alt_names.join("|"),
    ];
    fields.join("\t")
}

fn fmt_coord(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = "city\tUKR\t\tUP\tUP14\tLuhansk\t48.567\t39.3171\t702658\t397677\tLuhansk\tLugansk|Luhans'k";

    #[test]
    fn parses_and_writes_back() {
        let text = format!("# comment\n\n{LINE}\n");
        let places = parse(&text).unwrap();
        assert_eq!(places.len(), 1);
        let p = &places[0];
        assert_eq!(p.kind, PlaceKind::City);
        assert_eq!(p.adm1, Some("UP14"));
        assert_eq!(p.alt_names, ["Lugansk", "Luhans'k"]);
        assert!(p.other_countries.is_empty());
        assert_eq!(write_place(p), LINE);
    }

    #[test]
    fn coordinates_format_like_the_script() {
        assert_eq!(fmt_coord(49.0), "49");
        assert_eq!(fmt_coord(-12.30), "-12.3");
        assert_eq!(fmt_coord(48.12824), "48.1282");
    }

    #[test]
    fn reports_bad_lines_with_numbers() {
        let bad = [
            "city\tUKR",
            "town\tUKR\t\t\t\t\t1\t1\t\t0\tX\t",
            "city\tUKR\t\t\t\t\t91\t1\t\t0\tX\t",
            "city\tUKR\t\t\t\t\tnan\t1\t\t0\tX\t",
            "city\tUKR\t\t\t\t\t1\t1\t-3\t0\tX\t",
            "city\tUKR\t\t\t\t\t1\t1\t\tmany\tX\t",
            "city\tUKR\t\t\t\t\t1\t1\t\t0\t\t",
        ];
        for b in bad {
            let err = parse(&format!("# header\n{b}\n")).unwrap_err();
            assert_eq!(err.line, 2, "{b}");
        }
    }
}
