//! TABARI dictionary formats (Schrodt's KEDS/TABARI coder, 0.8): front ends
//! that compile `.verbs`, `.actors` and `.agents` files into dyad's own
//! [`Rule`](crate::Rule)s and [`ActorDict`](crate::ActorDict) entries,
//! plus readers for `.project`/`.options` files and the TABARI validation
//! suite (as JSON Lines).
//!
//! Researchers bring their TABARI dictionaries unchanged; event codes are
//! carried verbatim (the validation suite uses test codes such as `903`,
//! `174K`, paired codes `032:033` and the special codes `---`, `###`,
//! `+++`), so nothing here checks codes against CAMEO.
//!
//! Shared syntax of the three dictionary files, as far as dyad reads it:
//!
//! * `;` starts a comment; a line starting with `#` is commented out; a line
//!   starting with `~~` (`~~FINISH ...`) ends the file.
//! * `<SECTION>` ... `</SECTION>` blocks (`<SYNSETS>`, `<TIME>`, `<NOUN>`,
//!   `<ADJECTIVE>`): synsets are read, the others are skipped and counted.
//! * In phrases, `_` joins words that must be adjacent; a trailing `_` means
//!   "this exact word" (no endings); a word without it is a stem in TABARI.

mod actors;
mod project;
#[cfg(test)]
mod tests;
mod validation;
mod verbs;

pub use actors::{load_actors, load_agents, phrase_joins, word_lists, ActorSummary};
pub use project::{read_options, read_project, CodeBy, CommaLimits, Options, Project};
pub use validation::{parse_validation, read_validation, Expectation, ExpectedEvent, ValidationRecord};
pub use verbs::{load_verbs, LoadSummary};

/// Strips a TABARI comment (`;` to the end of the line) and trailing space.
fn strip_semicolon(line: &str) -> &str {
    line.split(';').next().unwrap_or("").trim_end()
}

/// Converts a TABARI date (`YYMMDD`, years 30-99 are 19YY; or `YYYYMMDD`)
/// to `YYYY-MM-DD`.
fn tabari_date(s: &str) -> Option<String> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let iso = match s.len() {
        6 => {
            let yy: u32 = s[..2].parse().ok()?;
            let century = if yy >= 30 { 19 } else { 20 };
            format!("{century}{}-{}-{}", &s[..2], &s[2..4], &s[4..6])
        }
        8 => format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..8]),
        _ => return None,
    };
    crate::actors::is_iso_date(&iso).then_some(iso)
}

/// The day before an ISO date, for TABARI's exclusive `<DATE` restriction.
fn day_before(iso: &str) -> String {
    let (y, m, d): (i32, u32, u32) =
        (iso[..4].parse().unwrap_or(0), iso[5..7].parse().unwrap_or(1), iso[8..10].parse().unwrap_or(1));
    if d > 1 {
        return format!("{y:04}-{m:02}-{:02}", d - 1);
    }
    let (y, m) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let last = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    format!("{y:04}-{m:02}-{last:02}")
}

/// One word of a TABARI phrase, lower-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    text: String,
    /// Written with a trailing `_`: this exact word, no endings.
    exact: bool,
    /// Joined to the previous word by `_` (must be adjacent to it).
    tight: bool,
}

/// Splits a TABARI phrase (`AL_GORE`, `BROKEN_DOWN_`, `RADAGAST THE_BROWN`)
/// into words.
fn phrase_words(phrase: &str) -> Vec<Word> {
    let mut out = Vec::new();
    for chunk in phrase.split_whitespace() {
        let parts: Vec<&str> = chunk.split('_').collect();
        let n = parts.len();
        for (i, p) in parts.iter().enumerate() {
            if p.is_empty() {
                continue;
            }
            let exact = i + 1 < n && parts[i + 1..].iter().all(|q| q.is_empty());
            out.push(Word { text: p.to_lowercase(), exact, tight: i > 0 });
        }
    }
    out
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(tabari_date("991201").as_deref(), Some("1999-12-01"));
        assert_eq!(tabari_date("010114").as_deref(), Some("2001-01-14"));
        assert_eq!(tabari_date("20010114").as_deref(), Some("2001-01-14"));
        assert_eq!(tabari_date("991301"), None);
        assert_eq!(tabari_date("99120"), None);
        assert_eq!(day_before("2000-03-01"), "2000-02-29");
        assert_eq!(day_before("1991-01-01"), "1990-12-31");
        assert_eq!(day_before("1991-12-26"), "1991-12-25");
    }

    #[test]
    fn words() {
        let w = phrase_words("BROKEN_DOWN_ RADAGAST THE_BROWN");
        let t: Vec<(&str, bool, bool)> = w.iter().map(|w| (w.text.as_str(), w.exact, w.tight)).collect();
        assert_eq!(
            t,
            vec![
                ("broken", false, false),
                ("down", true, true),
                ("radagast", false, false),
                ("the", false, false),
                ("brown", false, true)
            ]
        );
    }
}
