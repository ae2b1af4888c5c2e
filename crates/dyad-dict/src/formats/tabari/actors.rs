//! TABARI `.actors` and `.agents` files → [`ActorDict`] entries.
//!
//! An entry is `NAME [CODE]` on one line, or a name line followed by `+NAME`
//! synonym lines and indented `[CODE ...]` lines. A code block may carry a
//! date restriction: `[CODE <YYMMDD]` (before that day), `[CODE >YYMMDD]`
//! (from that day), `[CODE YYMMDD-YYMMDD]` (both ends inclusive; spaces
//! around `<`, `>`, `-` are allowed); two-digit years 30-99 are 19YY, and
//! eight-digit `YYYYMMDD` dates are read too. An entry with any dated
//! block becomes a [`Person`] with [`DatedCode`]s (undated blocks last, as
//! the default); one without becomes an [`ActorKind::Organisation`] whose
//! code is the first block's, verbatim (TABARI codes are not always CAMEO
//! blocks of three: `YEMNO`, `ELR/GAL`, and the special `---` known but
//! uncoded, `###` discard the sentence, `+++` too complex).
//!
//! Agents are `NAME [~CODE]` (the code follows the actor's: `~GOV`) or
//! `NAME [CODE~]` (it comes first: `NGO~`); the `~` is stripped and the
//! entry is an [`ActorKind::Agent`]; prefix agents are listed in
//! [`ActorSummary::prefix_agents`].
//!
//! Phrases: `_` and spaces both become single spaces (dyad matches names
//! as consecutive tokens; TABARI lets space-separated words have words
//! between them). Names are matched case-insensitively (lower-cased, with
//! `lower_case` set), except one-word names of at most four capitals
//! (`UN`, `IMF`, `USSR`), kept as written so that dyad's acronym rule
//! applies. A name whose last word has no trailing `_` also gets its
//! regular plural (TABARI's noun endings: "Libyas", "radios"). When the
//! same phrase is listed twice the first entry wins and the second is
//! listed in [`ActorSummary::duplicates`] (`AL_GORE` / `AL GORE`).

use std::collections::HashMap;

use super::{day_before, phrase_words, strip_semicolon, tabari_date};
use crate::actors::{ActorDict, ActorEntry, ActorKind, DatedCode, Person};
use crate::error::{content_lines, DictError};
use crate::inflect::noun_forms;

/// What an actors or agents file contributed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActorSummary {
    /// Entries read (a name line with its synonyms and codes).
    pub entries: usize,
    /// Phrases inserted into the phrase table (names, synonyms, plurals).
    pub phrases: usize,
    /// Entries that became people (dated codes).
    pub people: usize,
    /// Entries that became organisations (actors) or agents.
    pub undated: usize,
    /// Entries whose code is `---`, `###` or `+++`.
    pub special_codes: usize,
    /// Lines inside skipped sections (`<NOUN>`, `<ADJECTIVE>`).
    pub section_lines_skipped: usize,
    /// Phrases already listed earlier in the file: `(phrase, file:line)`.
    pub duplicates: Vec<(String, String)>,
    /// Agents whose code goes before the actor's (`NGO~`): `(phrase, code)`.
    pub prefix_agents: Vec<(String, String)>,
}

/// Loads a TABARI `.actors` file.
pub fn load_actors(file: &str, text: &str, dict: &mut ActorDict, errors: &mut Vec<DictError>) -> ActorSummary {
    load(file, text, dict, errors, false)
}

/// Loads a TABARI `.agents` file.
pub fn load_agents(file: &str, text: &str, dict: &mut ActorDict, errors: &mut Vec<DictError>) -> ActorSummary {
    load(file, text, dict, errors, true)
}

/// An entry being read.
struct Entry {
    line: usize,
    names: Vec<String>,
    /// `(line, block text)`.
    blocks: Vec<(usize, String)>,
}

fn load(file: &str, text: &str, dict: &mut ActorDict, errors: &mut Vec<DictError>, agents: bool) -> ActorSummary {
    let mut sum = ActorSummary::default();
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut in_section = false;
    let mut entry: Option<Entry> = None;
    for (line_no, raw) in content_lines(text) {
        let line = strip_semicolon(raw);
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.starts_with("~~") {
            break;
        }
        if trimmed.starts_with("</") {
            in_section = false;
            continue;
        }
        if trimmed.starts_with('<') && trimmed.ends_with('>') {
            in_section = true;
            continue;
        }
        if in_section {
            sum.section_lines_skipped += 1;
            continue;
        }
        if let Some(syn) = trimmed.strip_prefix('+') {
            match entry.as_mut() {
                Some(e) => {
                    let (name, blocks) = split_blocks(syn);
                    e.names.push(name.to_string());
                    e.blocks.extend(blocks.into_iter().map(|b| (line_no, b)));
                }
                None => errors.push(DictError::new(file, line_no, "synonym `+NAME` before any entry")),
            }
            continue;
        }
        let indented = line.starts_with(' ') || line.starts_with('\t') || trimmed.starts_with('[');
        if indented {
            let Some(e) = entry.as_mut() else {
                errors.push(DictError::new(file, line_no, "code line before any entry"));
                continue;
            };
            let (rest, blocks) = split_blocks(trimmed);
            if !rest.is_empty() || blocks.is_empty() {
                errors.push(DictError::new(file, line_no, "an indented line must hold `[CODE]` blocks only"));
                continue;
            }
            e.blocks.extend(blocks.into_iter().map(|b| (line_no, b)));
            continue;
        }
        if let Some(e) = entry.take() {
            finish(file, e, dict, errors, agents, &mut seen, &mut sum);
        }
        let (name, blocks) = split_blocks(trimmed);
        if name.is_empty() {
            errors.push(DictError::new(file, line_no, "entry without a name"));
            continue;
        }
        entry = Some(Entry {
            line: line_no,
            names: vec![name.to_string()],
            blocks: blocks.into_iter().map(|b| (line_no, b)).collect(),
        });
    }
    if let Some(e) = entry.take() {
        finish(file, e, dict, errors, agents, &mut seen, &mut sum);
    }
    sum
}

/// Splits `NAME [A] [B <990101]` into the name and the blocks' contents.
/// An unclosed `[` keeps its text as a block so that it is reported.
fn split_blocks(s: &str) -> (&str, Vec<String>) {
    let Some(open) = s.find('[') else { return (s.trim(), Vec::new()) };
    let mut blocks = Vec::new();
    let mut rest = &s[open..];
    while let Some(start) = rest.find('[') {
        match rest[start..].find(']') {
            Some(end) => {
                blocks.push(rest[start + 1..start + end].to_string());
                rest = &rest[start + end + 1..];
            }
            None => {
                blocks.push(format!("{}\u{0}", &rest[start + 1..]));
                break;
            }
        }
    }
    (s[..open].trim(), blocks)
}

/// A code block's contents: the code and its date range.
fn parse_block(block: &str) -> Result<DatedCode, String> {
    if block.ends_with('\u{0}') {
        return Err("missing `]`".to_string());
    }
    let block = block.trim();
    let mut parts = block.splitn(2, char::is_whitespace);
    let code = parts.next().unwrap_or("");
    if code.is_empty() {
        return Err("empty code block `[ ]`".to_string());
    }
    if code.starts_with(|c: char| c.is_ascii_digit() || c == '<' || c == '>') {
        return Err(format!("code block `[{block}]` has a date but no code"));
    }
    if code.bytes().filter(u8::is_ascii_digit).count() >= 6 {
        return Err(format!("code `{code}` runs into its date: separate them with a space"));
    }
    let range: String = parts.next().unwrap_or("").chars().filter(|c| !c.is_whitespace()).collect();
    let date = |d: &str| tabari_date(d).ok_or_else(|| format!("`{d}` is not a YYMMDD date"));
    let (from, until) = if range.is_empty() {
        (None, None)
    } else if let Some(d) = range.strip_prefix('<') {
        (None, Some(day_before(&date(d)?)))
    } else if let Some(d) = range.strip_prefix('>') {
        (Some(date(d)?), None)
    } else if let Some((f, u)) = range.split_once('-') {
        let (f, u) = (date(f)?, date(u)?);
        if f > u {
            return Err(format!("range `{range}` ends before it starts"));
        }
        (Some(f), Some(u))
    } else {
        return Err(format!("date restriction `{range}` must be <DATE, >DATE or DATE-DATE"));
    };
    Ok(DatedCode { code: code.to_string(), from, until })
}

/// Title case for a canonical person name ("GOLLUM" → "Gollum").
fn title_case(words: &[String]) -> String {
    words
        .iter()
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[allow(clippy::too_many_arguments)]
fn finish(
    file: &str,
    e: Entry,
    dict: &mut ActorDict,
    errors: &mut Vec<DictError>,
    agents: bool,
    seen: &mut HashMap<String, String>,
    sum: &mut ActorSummary,
) {
    sum.entries += 1;
    let source = format!("{file}:{}", e.line);
    let mut codes = Vec::new();
    let mut prefix_agent = false;
    for (line, block) in &e.blocks {
        let mut b = block.trim().to_string();
        if agents {
            prefix_agent |= b.ends_with('~');
            b = b.replace('~', "");
        }
        match parse_block(&b) {
            Ok(dc) => codes.push(dc),
            Err(msg) => errors.push(DictError::new(file, *line, msg)),
        }
    }
    if codes.is_empty() {
        if e.blocks.is_empty() {
            errors.push(DictError::new(file, e.line, format!("`{}` has no `[CODE]`", e.names[0])));
        }
        return;
    }
    if codes.iter().any(|c| matches!(c.code.as_str(), "---" | "###" | "+++")) {
        sum.special_codes += 1;
    }
    let dated = codes.iter().any(|c| c.from.is_some() || c.until.is_some());
    let (kind, code, person) = if dated && !agents {
        // Undated blocks are the default: put them after the dated ones so
        // that a dated block that holds wins.
        codes.sort_by_key(|c| c.from.is_none() && c.until.is_none());
        let words: Vec<String> = phrase_words(&e.names[0].replace('=', " ")).into_iter().map(|w| w.text).collect();
        dict.people.push(Person { name: title_case(&words), codes });
        sum.people += 1;
        (ActorKind::Person, String::new(), Some(dict.people.len() - 1))
    } else {
        sum.undated += 1;
        // A bare three-letter code is a state, which composes with agents
        // ("Calenardhon government" → CALGOV) as TABARI does; longer codes
        // are organisations and keep their code.
        let kind = if agents {
            ActorKind::Agent
        } else if codes[0].code.len() == 3 && codes[0].code.bytes().all(|b| b.is_ascii_uppercase()) {
            ActorKind::Country
        } else {
            ActorKind::Organisation
        };
        (kind, codes[0].code.clone(), None)
    };
    for name in &e.names {
        for phrase in phrases_for(name) {
            let key = phrase.to_lowercase();
            if let Some(prev) = seen.get(&key) {
                sum.duplicates.push((phrase.clone(), format!("{source} (first at {prev})")));
                continue;
            }
            seen.insert(key, source.clone());
            let lower_case = !phrase.chars().any(char::is_uppercase);
            let entry = ActorEntry { kind, code: code.clone(), person, source: source.clone(), lower_case };
            if dict.phrases.insert(&phrase, entry) {
                sum.phrases += 1;
                if agents && prefix_agent {
                    sum.prefix_agents.push((phrase.clone(), code.clone()));
                }
            } else {
                errors.push(DictError::new(file, e.line, format!("phrase `{name}` has no words")));
            }
        }
    }
}

/// The dyad phrases a TABARI name stands for (see the module docs).
fn phrases_for(name: &str) -> Vec<String> {
    let words = phrase_words(&name.replace('=', " "));
    let Some(last) = words.last() else { return Vec::new() };
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    let acronym = words.len() == 1 && letters.len() <= 4 && letters.iter().all(|c| c.is_uppercase());
    if acronym {
        return vec![name.trim_end_matches(['_', '=']).replace('_', " ")];
    }
    let text: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
    let mut out = vec![text.join(" ")];
    if !last.exact && last.text.chars().all(char::is_alphabetic) {
        for plural in noun_forms(&last.text).into_iter().skip(1) {
            let mut t = text[..text.len() - 1].to_vec();
            t.push(&plural);
            out.push(t.join(" "));
        }
    }
    out
}

/// The `<NOUN>` and `<ADJECTIVE>` word lists of an actors file (TABARI
/// uses them to tell nouns from verbs and to read lists of actors), lower
/// case, with `_` and `~` marks removed.
pub fn word_lists(text: &str) -> (Vec<String>, Vec<String>) {
    let (mut nouns, mut adjectives) = (Vec::new(), Vec::new());
    let mut section: Option<bool> = None;
    for (_, raw) in content_lines(text) {
        let line = strip_semicolon(raw).trim();
        match line.to_uppercase().as_str() {
            "<NOUN>" => section = Some(true),
            "<ADJECTIVE>" => section = Some(false),
            l if l.starts_with("</") => section = None,
            _ if line.is_empty() => {}
            _ => match section {
                Some(noun) => {
                    let word = line.trim_end_matches(['_', '~']).replace('_', " ").to_lowercase();
                    if noun {
                        nouns.push(word);
                    } else {
                        adjectives.push(word);
                    }
                }
                None => {}
            },
        }
    }
    (nouns, adjectives)
}

/// For every phrase of several words in an actors or agents file: the
/// phrase as dyad stores it (lower case, words joined by spaces) and, per
/// word, whether `_` ties it to the word before (TABARI lets other words
/// come between words written with a space: "PRINCE DOL_AMROTH" names
/// "the Prince of Dol_Amroth").
pub fn phrase_joins(text: &str) -> Vec<(String, Vec<bool>)> {
    let mut out = Vec::new();
    let mut in_section = false;
    for (_, raw) in content_lines(text) {
        let line = strip_semicolon(raw).trim();
        if line.starts_with('<') {
            in_section = !line.starts_with("</") && !line.eq_ignore_ascii_case("<SYNSETS>") && line.ends_with('>');
            continue;
        }
        if in_section || line.starts_with('#') {
            continue;
        }
        let name = line.split('[').next().unwrap_or("").trim().trim_start_matches('+').trim();
        let words = phrase_words(&name.replace('=', " "));
        if words.len() > 1 {
            let key = words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
            out.push((key, words.iter().map(|w| w.tight).collect()));
        }
    }
    out
}
