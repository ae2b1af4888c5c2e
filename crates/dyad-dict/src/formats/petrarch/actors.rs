//! PETRARCH actor files (`Phoenix.*.actors.txt`) and agent files
//! (`Phoenix.agents.txt`).
//!
//! Actors: a name line (`VLADIMIR_PUTIN_`), `+` synonym lines, and codes in
//! brackets, either at the end of a name line (`HAMAS [PSEREBHMS]`) or on
//! indented lines of their own (`\t[RUSGOV >080508]`). A code may carry a
//! date restriction: `[C 700101-990809]` (from the first date, before the
//! second), `[C >080508]` (from), `[C <061231]` (before). An entry with one
//! undated code becomes an organisation (or a country, for a bare
//! three-letter state code); any other entry becomes a person with dated
//! codes, the undated ones acting as defaults after the dated ones.
//!
//! Agents: `PHRASE {PLURAL} [~CODE]`. Without `{}`, the regular plural of
//! the last word is added; `{}` means no plural. `!NAME! = A, B, C` defines
//! a substitution set, and `CONGRESS!PERSON!` expands into one phrase per
//! member, with no plural formed (as PETRARCH does). `[CODE~]` (a code put
//! before the actor's, `NGO~`) is compiled as an ordinary role and noted.

use std::collections::HashMap;

use super::{day_before, petr_date, petr_lines, words_of, LoadSummary, NULL_CODE};
use crate::actors::{ActorDict, ActorEntry, ActorKind, DatedCode, Person};
use crate::error::DictError;
use crate::inflect::regular_forms;

/// CAMEO three-letter codes that are sectors or religions, not states: an
/// entry coded with one alone is an organisation, not a country.
const NON_STATE: &[&str] = &[
    "IGO", "NGO", "NGM", "MNC", "IMG", "UAF", "UIS", "REB", "SEP", "INS", "OPP", "GOV", "MIL", "COP", "JUD", "LEG",
    "ELI", "BUS", "MED", "EDU", "CVL", "HLH", "HRI", "LAB", "REF", "RAD", "AGR", "CRM", "SPY", "ENV", "PTY", "MOS",
    "CHR", "JEW", "BUD", "HIN", "REL", "ATH", "BAH", "CON", "DOX", "ITP", "JAN", "JAI", "SHI", "SUN", "SIK", "TAO",
    "ZRO", "PPL", "MOD",
];

/// One actor entry while it is being read.
struct Group {
    line: usize,
    names: Vec<(usize, String)>,
    codes: Vec<DatedCode>,
}

/// Loads a PETRARCH actor file into `dict`. Lines that cannot be read are
/// reported in `errors`; the rest is loaded.
pub fn load_actors(file: &str, text: &str, dict: &mut ActorDict, errors: &mut Vec<DictError>) -> LoadSummary {
    let mut sum = LoadSummary::default();
    let mut group: Option<Group> = None;
    for (line_no, line) in petr_lines(text) {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            let Some(g) = group.as_mut() else {
                errors.push(DictError::new(file, line_no, "a code line must follow an actor name"));
                continue;
            };
            read_codes(file, line_no, trimmed, &mut g.codes, errors, &mut sum);
            continue;
        }
        let (is_synonym, rest) = match trimmed.strip_prefix('+') {
            Some(r) => (true, r),
            None => (false, trimmed),
        };
        let (name_part, codes_part) = match rest.find('[') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        let name = display_name(name_part);
        if name.is_empty() {
            errors.push(DictError::new(file, line_no, "no actor name before the code"));
            continue;
        }
        if !is_synonym {
            finish(file, group.take(), dict, errors, &mut sum);
            group = Some(Group { line: line_no, names: Vec::new(), codes: Vec::new() });
        }
        let Some(g) = group.as_mut() else {
            errors.push(DictError::new(file, line_no, "a `+` synonym must follow an actor name"));
            continue;
        };
        g.names.push((line_no, name));
        if !codes_part.is_empty() {
            read_codes(file, line_no, codes_part, &mut g.codes, errors, &mut sum);
        }
    }
    finish(file, group.take(), dict, errors, &mut sum);
    sum
}

/// Reads every `[CODE dates]` on a line.
fn read_codes(
    file: &str,
    line_no: usize,
    mut s: &str,
    codes: &mut Vec<DatedCode>,
    errors: &mut Vec<DictError>,
    sum: &mut LoadSummary,
) {
    while let Some(open) = s.find('[') {
        let Some(close) = s[open..].find(']') else {
            errors.push(DictError::new(file, line_no, "`[` without a closing `]`"));
            return;
        };
        match parse_code(&s[open + 1..open + close]) {
            Ok((dc, odd)) => {
                if let Some(odd) = odd {
                    sum.warn(file, line_no, odd);
                }
                if !dc.code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) && dc.code != NULL_CODE {
                    sum.warn(file, line_no, format!("code `{}` is not in capitals; kept verbatim", dc.code));
                }
                codes.push(dc);
            }
            // PETRARCH itself fails on a date it cannot read; dropping the
            // one code keeps the rest of the entry usable.
            Err(msg) => sum.warn(file, line_no, format!("{msg}; this code was dropped")),
        }
        s = &s[open + close + 1..];
    }
}

/// `CODE`, `CODE a-b`, `CODE >a`, `CODE <a` or `CODE a` (read as `>a`).
/// Returns the code and a warning about the form, if any.
fn parse_code(inner: &str) -> Result<(DatedCode, Option<String>), String> {
    let mut parts = inner.split_whitespace();
    let code = parts.next().ok_or("empty `[]`")?.to_string();
    let range: String = parts.collect();
    let mut note = None;
    let mut date = |d: &str| -> Result<String, String> {
        let (iso, odd) = petr_date(d)?;
        if odd {
            note = Some(format!("date `{d}` has neither 6 nor 8 digits; read as {iso}, as PETRARCH does"));
        }
        Ok(iso)
    };
    let (from, until) = if range.is_empty() {
        (None, None)
    } else if let Some(d) = range.strip_prefix('>') {
        (Some(date(d)?), None)
    } else if let Some(d) = range.strip_prefix('<') {
        (None, Some(day_before(&date(d)?)))
    } else if let Some((a, b)) = range.split_once('-') {
        (Some(date(a)?), Some(day_before(&date(b)?)))
    } else {
        let iso = date(&range)?;
        note = Some(format!("bare date `{range}` read as `>{range}` (from {iso})"));
        (Some(iso), None)
    };
    Ok((DatedCode { code, from, until }, note))
}

fn finish(file: &str, group: Option<Group>, dict: &mut ActorDict, errors: &mut Vec<DictError>, sum: &mut LoadSummary) {
    let Some(mut g) = group else { return };
    if g.codes.is_empty() {
        sum.warn(file, g.line, format!("`{}` has no code; skipped", g.names[0].1));
        return;
    }
    let single = g.codes.len() == 1 && g.codes[0].from.is_none() && g.codes[0].until.is_none();
    let (kind, code, person) = if single {
        let code = g.codes.pop().map(|c| c.code).unwrap_or_default();
        let state =
            code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) && !NON_STATE.contains(&code.as_str());
        (if state { ActorKind::Country } else { ActorKind::Organisation }, code, None)
    } else {
        // Undated codes are PETRARCH's fallbacks: try the dated ones first.
        g.codes.sort_by_key(|c| c.from.is_none() && c.until.is_none());
        dict.people.push(Person { name: g.names[0].1.clone(), codes: std::mem::take(&mut g.codes) });
        sum.people += 1;
        (ActorKind::Person, String::new(), Some(dict.people.len() - 1))
    };
    for (line_no, name) in &g.names {
        let entry =
            ActorEntry { kind, code: code.clone(), person, source: format!("{file}:{line_no}"), lower_case: false };
        if dict.phrases.insert(name, entry) {
            if person.is_none() {
                sum.actors += 1;
            }
        } else {
            errors.push(DictError::new(file, *line_no, format!("name `{name}` has no words")));
        }
    }
}

/// "VLADIMIR_V._PUTIN_" → "Vladimir V. Putin". Short all-capital names
/// ("US", "UN", "IAEA", "U.S.") stay as written, so that dyad's phrase table
/// demands the capitals in the text ("us" is not the USA).
fn display_name(raw: &str) -> String {
    let words = words_of(raw);
    let letters: Vec<char> = words.iter().flat_map(|w| w.chars()).filter(|c| c.is_alphabetic()).collect();
    if letters.len() <= 5 && letters.iter().all(|c| c.is_uppercase()) {
        return words.join(" ");
    }
    let title = |w: &str| {
        let mut out = String::with_capacity(w.len());
        for (i, c) in w.chars().enumerate() {
            if i == 0 {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
        }
        out
    };
    words.iter().map(|w| title(w)).collect::<Vec<_>>().join(" ")
}

/// Loads a PETRARCH agents file into `dict` as role (`Agent`) entries.
pub fn load_agents(file: &str, text: &str, dict: &mut ActorDict, errors: &mut Vec<DictError>) -> LoadSummary {
    let mut sum = LoadSummary::default();
    let mut markers: HashMap<String, Vec<String>> = HashMap::new();
    for (line_no, line) in petr_lines(text) {
        let line = line.trim();
        if line.contains('!') && line.contains('=') {
            match define_marker(line) {
                Some((name, items)) => {
                    markers.insert(name, items);
                }
                None => {
                    errors.push(DictError::new(file, line_no, "substitution set must look like `!NAME! = A, B, C`"))
                }
            }
            continue;
        }
        // PETRARCH skips a line without a code, with a warning.
        let Some(open) = line.find('[') else {
            sum.warn(file, line_no, "agent without a `[CODE]`; skipped, as PETRARCH does");
            continue;
        };
        // PETRARCH reads up to `]` or the end of the line (`[~ENV}` is ENV).
        let close = line[open..].find(']').map_or(line.len(), |c| c + open);
        let raw_code: String =
            line[open + 1..close].chars().filter(|c| !c.is_whitespace() && !matches!(c, '{' | '}')).collect();
        let prefix = raw_code.ends_with('~') && !raw_code.starts_with('~');
        let code = raw_code.trim_matches('~').to_string();
        if code.is_empty() {
            errors.push(DictError::new(file, line_no, "empty agent code"));
            continue;
        }
        if prefix {
            sum.warn(
                file,
                line_no,
                format!("`{raw_code}` goes before the actor's code in PETRARCH; compiled as the role `{code}`"),
            );
        }
        let phrase = &line[..open];
        let mut forms: Vec<String> = Vec::new();
        if let Some(start) = phrase.find('!') {
            let Some(len) = phrase[start + 1..].find('!') else {
                errors.push(DictError::new(file, line_no, "substitution marker without its closing `!`"));
                continue;
            };
            let name = &phrase[start + 1..start + 1 + len];
            let Some(items) = markers.get(name) else {
                errors.push(DictError::new(file, line_no, format!("substitution set `!{name}!` is not defined above")));
                continue;
            };
            let (head, tail) = (&phrase[..start], &phrase[start + len + 2..]);
            let tail = tail.split('{').next().unwrap_or("");
            forms.extend(items.iter().map(|it| format!("{head}{it}{tail}")));
        } else if let Some(b) = phrase.find('{') {
            let Some(e) = phrase[b..].find('}') else {
                errors.push(DictError::new(file, line_no, "`{` without a closing `}`"));
                continue;
            };
            forms.push(phrase[..b].to_string());
            let plural = phrase[b + 1..b + e].trim();
            if !plural.is_empty() {
                forms.push(plural.to_string());
            }
        } else {
            forms.push(phrase.to_string());
            let words = words_of(phrase);
            if let Some((last, rest)) = words.split_last() {
                let plural = regular_forms(&last.to_lowercase()).third;
                let mut w: Vec<String> = rest.iter().map(|s| s.to_string()).collect();
                w.push(plural);
                forms.push(w.join(" "));
            }
        }
        for form in forms {
            let written = words_of(&form).join(" ").to_lowercase();
            if written.is_empty() {
                errors.push(DictError::new(file, line_no, "agent phrase has no words"));
                continue;
            }
            let entry = ActorEntry {
                kind: ActorKind::Agent,
                code: code.clone(),
                person: None,
                source: format!("{file}:{line_no}"),
                lower_case: true,
            };
            if dict.phrases.insert(&written, entry) {
                sum.agents += 1;
            }
        }
    }
    sum
}

fn define_marker(line: &str) -> Option<(String, Vec<String>)> {
    let start = line.find('!')?;
    let len = line[start + 1..].find('!')?;
    let name = line[start + 1..start + 1 + len].to_string();
    let (_, items) = line.split_once('=')?;
    let items: Vec<String> = items.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
    (!name.is_empty() && !items.is_empty()).then_some((name, items))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes_of<'a>(d: &'a ActorDict, phrase: &str) -> Vec<&'a ActorEntry> {
        let toks = dyad_text::tokenize(phrase, 0, phrase.len());
        d.phrases.longest_at(&toks, 0).map(|(_, v)| v).unwrap_or_default()
    }

    #[test]
    fn person_with_dated_codes_and_organisations() {
        let text = "\
# comment
VLADIMIR_PUTIN_  # CountryInfo.txt
+PUTIN_
\t[RUSELI 700101-990809]
\t[RUSGOV >20080508]
\t[RUSELI]
HAMAS [PSEREBHMS]
RUSSIA_ [RUS]
US [USA]
INDIAN_OCEAN [---]
";
        let mut d = ActorDict::default();
        let mut errs = Vec::new();
        let sum = load_actors("a.txt", text, &mut d, &mut errs);
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!((sum.people, sum.actors), (1, 4));
        let p = &d.people[0];
        assert_eq!(p.name, "Vladimir Putin");
        assert_eq!(
            p.codes[0],
            DatedCode { code: "RUSELI".into(), from: Some("1970-01-01".into()), until: Some("1999-08-08".into()) }
        );
        assert_eq!(p.codes[1].from.as_deref(), Some("2008-05-08"));
        assert_eq!(p.code_on(Some("1995-01-01"), None), "RUSELI");
        assert_eq!(p.code_on(Some("2010-01-01"), None), "RUSGOV");
        // Not covered by a dated code: the undated default.
        assert_eq!(p.code_on(Some("2003-01-01"), None), "RUSELI");
        let e = codes_of(&d, "Putin");
        assert_eq!((e[0].kind, e[0].person, e[0].source.as_str()), (ActorKind::Person, Some(0), "a.txt:3"));
        let e = codes_of(&d, "Hamas");
        assert_eq!((e[0].kind, e[0].code.as_str()), (ActorKind::Organisation, "PSEREBHMS"));
        assert_eq!(codes_of(&d, "Russia")[0].kind, ActorKind::Country);
        assert_eq!(codes_of(&d, "Indian Ocean")[0].code, NULL_CODE);
        assert!(codes_of(&d, "us").is_empty(), "short all-capital names keep their case");
        assert_eq!(codes_of(&d, "US")[0].code, "USA");
    }

    #[test]
    fn actor_errors_and_warnings_name_the_line() {
        let text = "\t[RUSGOV]\nBORIS_ [RUSGOV 991301-000101]\nGANDALF [IST\nFRODO\n";
        let mut d = ActorDict::default();
        let mut errs = Vec::new();
        let sum = load_actors("a.txt", text, &mut d, &mut errs);
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(msgs, vec!["a.txt:1: a code line must follow an actor name", "a.txt:3: `[` without a closing `]`"]);
        assert!(sum.warnings.iter().any(|(at, w)| at == "a.txt:2" && w.contains("`991301` is not a valid date")));
        assert!(sum.warnings.iter().any(|(at, w)| at == "a.txt:4" && w.contains("no code")));
    }

    #[test]
    fn agents_plurals_and_substitutions() {
        let text = "\
!PERSON! = MAN, MEN, WOMAN
FOREIGN_MINISTER [~GOVFRM] # note
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]
POLICE {} [ ~COP]
ARMY [~MIL]
CONGRESS!PERSON! [~LEG]
HUMAN_RIGHTS_BODY  [NGO~]
PEACEKEEPER
DEPARMENT_OF_ENVIRONMENT [~ENV}
!NOPE!_OF_X [~GOV]
";
        let mut d = ActorDict::default();
        let mut errs = Vec::new();
        let sum = load_agents("ag.txt", text, &mut d, &mut errs);
        assert!(sum.warnings.iter().any(|(at, w)| at == "ag.txt:8" && w.contains("without a `[CODE]`")));
        let role = |p: &str| codes_of(&d, p).first().map(|e| (e.kind, e.code.clone()));
        assert_eq!(role("foreign ministers"), Some((ActorKind::Agent, "GOVFRM".into())));
        assert_eq!(role("Foreign Minister"), Some((ActorKind::Agent, "GOVFRM".into())));
        assert_eq!(role("attorneys general").map(|r| r.1), Some("GOV".into()));
        assert_eq!(role("armies").map(|r| r.1), Some("MIL".into()));
        assert_eq!(role("police").map(|r| r.1), Some("COP".into()));
        assert!(role("polices").is_none(), "`{{}}` means no plural");
        assert_eq!(role("congresswoman").map(|r| r.1), Some("LEG".into()));
        assert!(role("congresspersons").is_none(), "substitutions form no plural");
        assert_eq!(role("human rights body").map(|r| r.1), Some("NGO".into()));
        assert_eq!(role("deparment of environment").map(|r| r.1), Some("ENV".into()));
        assert_eq!(sum.agents, 2 + 2 + 1 + 2 + 3 + 2 + 2);
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(msgs, vec!["ag.txt:10: substitution set `!NOPE!` is not defined above"]);
        assert!(sum.warnings.iter().any(|(at, _)| at == "ag.txt:7"));
    }
}
