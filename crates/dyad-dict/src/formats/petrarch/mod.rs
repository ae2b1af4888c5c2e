//! PETRARCH-2 dictionaries (the Phoenix / CAMEO.2.0 set and files written
//! in the same syntax), compiled into dyad's own representation so that
//! researchers can code with them unchanged.
//!
//! | PETRARCH file | loader | compiled into |
//! |---|---|---|
//! | `*.actors.txt` | [`load_actors`] | [`ActorDict`] entries: persons with dated codes, organisations, countries |
//! | `*.agents.txt` | [`load_agents`] | [`ActorDict`] role (`Agent`) entries |
//! | `CAMEO.2.0.txt` (verbs) | [`load_verbs`] | [`Rule`]s in a [`VerbDict`] |
//! | `*.discards.txt` | [`load_discards`] | a [`PhraseTable`] of discard phrases |
//! | `*.IssueCoding.txt` | [`load_issues`] | a list of [`IssuePhrase`]s |
//!
//! Every loader reports the lines it cannot read at all as [`DictError`]s
//! (`FILE:LINE: message`) and keeps going. Things PETRARCH accepts but dyad
//! cannot express (verb transformations, passive-only codes, ...) are not
//! errors: they are listed in the returned [`LoadSummary`] so a user sees
//! what was left out, and the load succeeds.
//!
//! Comments follow PETRARCH's reader, not dyad's: a line starting with `<!`
//! is skipped, `<!-- ... -->` is removed, and `#` starts a comment anywhere
//! in a line (PETRARCH cuts at the first `#`, even inside a word).
//!
//! Event codes are carried verbatim (they need not be CAMEO). PETRARCH's
//! null code `---` ([`NULL_CODE`]) is kept too, on rules and actors: it
//! means "this phrase matches, but codes nothing", and the coder must drop
//! events or actors whose code is `---`.
//!
//! [`ActorDict`]: crate::ActorDict
//! [`Rule`]: crate::Rule
//! [`VerbDict`]: crate::VerbDict
//! [`PhraseTable`]: crate::PhraseTable
//! [`DictError`]: crate::DictError

mod actors;
mod lists;
#[cfg(test)]
mod real_files;
mod verbs;

use std::borrow::Cow;

pub use actors::{load_actors, load_agents};
pub use lists::{load_discards, load_issues, IssuePhrase};
pub use verbs::load_verbs;

/// PETRARCH's null code: the phrase or pattern matches but yields nothing.
pub const NULL_CODE: &str = "---";

/// What a loader compiled and what it had to leave out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadSummary {
    /// Rules pushed into the verb dictionary (one per trigger form family:
    /// a pattern of a block with five verbs gives five rules).
    pub rules: usize,
    /// Patterns and other verb-file lines that dyad cannot express:
    /// `(file:line, why)`.
    pub skipped_patterns: Vec<(String, String)>,
    /// Actor phrases compiled as organisations or countries.
    pub actors: usize,
    /// Persons (dated codes) added to `ActorDict::people`.
    pub people: usize,
    /// Agent (role) phrases, plurals and substitutions included.
    pub agents: usize,
    /// Discard phrases.
    pub discards: usize,
    /// Issue phrases, after expansion.
    pub issues: usize,
    /// Oddities PETRARCH tolerates and dyad accepted with a guess, or
    /// dropped: `(file:line, what)`.
    pub warnings: Vec<(String, String)>,
}

impl LoadSummary {
    /// Adds another loader's counts and lists to this one.
    pub fn merge(&mut self, other: LoadSummary) {
        self.rules += other.rules;
        self.skipped_patterns.extend(other.skipped_patterns);
        self.actors += other.actors;
        self.people += other.people;
        self.agents += other.agents;
        self.discards += other.discards;
        self.issues += other.issues;
        self.warnings.extend(other.warnings);
    }

    fn warn(&mut self, file: &str, line: usize, what: impl Into<String>) {
        self.warnings.push((format!("{file}:{line}"), what.into()));
    }

    fn skip(&mut self, file: &str, line: usize, why: impl Into<String>) {
        self.skipped_patterns.push((format!("{file}:{line}"), why.into()));
    }
}

/// The lines of a PETRARCH verb file outside its synset definitions (an
/// `&NAME` line and the `+word` lines under it), trimmed: the verb blocks
/// and their patterns. Both verb formats (PETRARCH-1 and -2) read synsets
/// in a first pass and blocks in this one.
pub(crate) fn outside_synsets<'a>(lines: &'a [(usize, Cow<'a, str>)]) -> impl Iterator<Item = (usize, &'a str)> + 'a {
    let mut in_synset = false;
    lines.iter().filter_map(move |(line_no, line)| {
        let line = line.trim();
        if line.starts_with('&') {
            in_synset = true;
            return None;
        }
        if in_synset && line.starts_with('+') {
            return None;
        }
        in_synset = false;
        Some((*line_no, line))
    })
}

/// The meaningful lines of a PETRARCH file, with 1-based numbers, comments
/// removed the way PETRARCH's `read_FIN_line` does, trailing space trimmed.
pub(crate) fn petr_lines(text: &str) -> Vec<(usize, Cow<'_, str>)> {
    let mut out = Vec::new();
    let mut in_comment = false;
    for (i, raw) in text.lines().enumerate() {
        if in_comment {
            in_comment = !raw.contains("-->");
            continue;
        }
        if raw.starts_with("<!") {
            continue;
        }
        let mut line: Cow<'_, str> = Cow::Borrowed(raw);
        if let Some(start) = line.find("<!--") {
            match line[start..].find("-->") {
                Some(len) => line = Cow::Owned(format!("{}{}", &line[..start], &line[start + len + 3..])),
                None => {
                    in_comment = true;
                    line = Cow::Owned(line[..start].to_string());
                }
            }
        }
        if let Some(hash) = line.find('#') {
            line = match line {
                Cow::Borrowed(s) => Cow::Borrowed(&s[..hash]),
                Cow::Owned(s) => Cow::Owned(s[..hash].to_string()),
            };
        }
        let trimmed_len = line.trim_end().len();
        if line.trim().is_empty() {
            continue;
        }
        let line = match line {
            Cow::Borrowed(s) => Cow::Borrowed(&s[..trimmed_len]),
            Cow::Owned(s) => Cow::Owned(s[..trimmed_len].to_string()),
        };
        out.push((i + 1, line));
    }
    out
}

/// PETRARCH words are joined with `_` ("VLADIMIR_PUTIN"); a trailing `_`
/// (TABARI's "no stem match") means nothing to a whole-word matcher.
fn words_of(s: &str) -> Vec<&str> {
    s.split(|c: char| c == '_' || c.is_whitespace()).filter(|w| !w.is_empty()).collect()
}

/// A PETRARCH date as `YYYY-MM-DD`. PETRARCH reads the first eight digits
/// as YYYYMMDD when there are more than seven, else the first six as
/// YYMMDD with YY ≤ 30 meaning 20YY. The flag is true when the length was
/// neither 6 nor 8 (accepted the same way, but worth a warning).
fn petr_date(s: &str) -> Result<(String, bool), String> {
    if s.len() < 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`{s}` is not a YYMMDD or YYYYMMDD date"));
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let (year, month, day) = if s.len() > 7 {
        (num(0..4), num(4..6), num(6..8))
    } else {
        let yy = num(0..2);
        (if yy <= 30 { 2000 + yy } else { 1900 + yy }, num(2..4), num(4..6))
    };
    if !(1..=12).contains(&month) || day == 0 || day > month_len(year, month) {
        return Err(format!("`{s}` is not a valid date"));
    }
    Ok((format!("{year:04}-{month:02}-{day:02}"), s.len() != 6 && s.len() != 8))
}

fn month_len(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The day before an ISO date. PETRARCH's upper bounds are exclusive
/// (`curdate < end`), dyad's inclusive.
fn day_before(iso: &str) -> String {
    let y: u32 = iso[0..4].parse().unwrap_or(0);
    let m: u32 = iso[5..7].parse().unwrap_or(1);
    let d: u32 = iso[8..10].parse().unwrap_or(1);
    let (y, m, d) = if d > 1 {
        (y, m, d - 1)
    } else if m > 1 {
        (y, m - 1, month_len(y, m - 1))
    } else {
        (y.saturating_sub(1), 12, 31)
    };
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_like_petrarch() {
        let text = "<!-- header -->\nA [X] # c\nB#C\n<!--\n  \nD <!-- x --> E\nF <!-- open\nG\nH -->\nI\n";
        let lines: Vec<(usize, String)> = petr_lines(text).into_iter().map(|(n, l)| (n, l.into_owned())).collect();
        assert_eq!(
            lines,
            vec![(2, "A [X]".into()), (3, "B".into()), (6, "D  E".into()), (7, "F".into()), (10, "I".into())]
        );
    }

    #[test]
    fn dates() {
        assert_eq!(petr_date("991231").unwrap(), ("1999-12-31".into(), false));
        assert_eq!(petr_date("080507").unwrap(), ("2008-05-07".into(), false));
        assert_eq!(petr_date("20120229").unwrap(), ("2012-02-29".into(), false));
        assert_eq!(petr_date("9008223").unwrap(), ("1990-08-22".into(), true));
        assert!(petr_date("20130229").is_err());
        assert!(petr_date("12ab56").is_err());
        assert_eq!(day_before("2000-03-01"), "2000-02-29");
        assert_eq!(day_before("2001-01-01"), "2000-12-31");
        assert_eq!(day_before("2001-05-20"), "2001-05-19");
    }
}
