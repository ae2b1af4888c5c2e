//! Rule-based sentence splitting for English news text.
//!
//! The splitter scans the bytes once and looks only at candidate boundaries:
//! `.`, `?`, `!`, `…` and line breaks. At a stop it looks at the word before
//! and the word after:
//!
//! * titles (`Mr.`, `Gen.`, `Sen.`) never end a sentence;
//! * abbreviations that often end one (`U.S.`, `Inc.`, `a.m.`, initials)
//!   end it only when the next word is a common sentence starter (`The`,
//!   `He`, `But`, …), because "the U.S. Army" is far more frequent in news
//!   than "the U.S. The";
//! * any other word ends a sentence unless the next word starts in lower case.
//!
//! Line breaks: a blank line always ends a sentence. A single line break is
//! treated as a space in hard-wrapped text (MUC-style wire copy wrapped at 80
//! columns) unless the line is short, and as a boundary in text with one
//! paragraph per line; either way a line ending in a comma, dash or function
//! word ("THE\nDEPLOYMENT") is joined with the next.

use crate::normalize::is_unicode_space;

/// Titles that precede a name and so never end a sentence.
const TITLES: &[&str] = &[
    "adm", "brig", "capt", "cmdr", "col", "cpl", "dr", "fr", "gen", "gov", "hon", "lt", "maj", "messrs", "mme", "mr",
    "mrs", "ms", "mt", "pres", "prof", "pvt", "rep", "rev", "sen", "sgt", "st", "supt", "vs", "ft", "gens", "reps",
    "sens", "govs",
];

/// Abbreviations that end a sentence only before a sentence starter.
const ABBREVS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "etc", "inc", "corp", "co",
    "ltd", "jr", "sr", "bros", "approx", "dept", "est", "univ", "assn", "cf", "al", "ave", "blvd", "rd", "plc", "llc",
];

/// Words that commonly begin a sentence in news copy; after an ambiguous
/// abbreviation they tip the decision towards a boundary.
const STARTERS: &[&str] = &[
    "a",
    "about",
    "according",
    "after",
    "also",
    "although",
    "among",
    "an",
    "and",
    "another",
    "as",
    "at",
    "before",
    "both",
    "but",
    "by",
    "despite",
    "during",
    "each",
    "earlier",
    "even",
    "for",
    "from",
    "he",
    "her",
    "his",
    "however",
    "i",
    "if",
    "in",
    "it",
    "its",
    "last",
    "later",
    "many",
    "meanwhile",
    "more",
    "most",
    "mr",
    "mrs",
    "ms",
    "my",
    "no",
    "now",
    "officials",
    "on",
    "one",
    "our",
    "police",
    "since",
    "she",
    "so",
    "some",
    "such",
    "that",
    "the",
    "their",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "thus",
    "to",
    "today",
    "under",
    "we",
    "what",
    "when",
    "where",
    "while",
    "who",
    "why",
    "with",
    "yesterday",
    "yet",
    "you",
];

/// Words a line is unlikely to end with unless it was wrapped mid-sentence.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "between", "by", "for", "from", "in", "into", "of", "on", "or", "than", "that",
    "the", "to", "with", "which", "who", "whose", "its", "their", "his", "her", "was", "were", "is", "are", "has",
    "have", "had", "be", "been", "will", "would",
];

fn in_list(list: &[&str], word: &str) -> bool {
    word.len() <= 12 && {
        let mut buf = [0u8; 12];
        let lw = &mut buf[..word.len()];
        lw.copy_from_slice(word.as_bytes());
        lw.make_ascii_lowercase();
        list.iter().any(|w| w.as_bytes() == lw)
    }
}

/// How a word followed by a period behaves, shared with the tokenizer (which
/// keeps the period on abbreviations).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Abbrev {
    /// Not an abbreviation: the period is a full stop.
    None,
    /// A title: never sentence-final.
    Title,
    /// Abbreviation, acronym or initial: sentence-final only before a
    /// sentence starter.
    Ambiguous,
    /// "No." / "Nos." is an abbreviation only before a number.
    Number,
}

/// Classifies `word` (the text before a period, without it).
pub(crate) fn classify(word: &str) -> Abbrev {
    // In a compound only the last part counts: "anti-U.S.", "ex-Gen.".
    let word = match word.rfind('-') {
        Some(k) if k > 0 => &word[k + 1..],
        _ => word,
    };
    // "5p.m": a time glued to its number.
    let word = match word.trim_start_matches(|c: char| c.is_ascii_digit()) {
        rest if rest.len() < word.len() && rest.len() > 1 && rest.contains('.') => rest,
        _ => word,
    };
    let b = word.as_bytes();
    if b.is_empty() {
        return Abbrev::None;
    }
    if b.len() == 1 {
        return if b[0].is_ascii_uppercase() { Abbrev::Ambiguous } else { Abbrev::None };
    }
    if b.contains(&b'.') {
        // Acronyms with internal periods: U.S, a.m, J.R.R, Ph.D, e.g.
        let ok = word
            .split('.')
            .all(|seg| !seg.is_empty() && seg.len() <= 2 && seg.bytes().all(|c| c.is_ascii_alphabetic()));
        return if ok { Abbrev::Ambiguous } else { Abbrev::None };
    }
    if !b.iter().all(|c| c.is_ascii_alphabetic()) {
        return Abbrev::None;
    }
    if in_list(TITLES, word) {
        return Abbrev::Title;
    }
    if in_list(ABBREVS, word) {
        return Abbrev::Ambiguous;
    }
    if matches!(word, "No" | "NO" | "no" | "Nos" | "nos" | "NOS") {
        return Abbrev::Number;
    }
    Abbrev::None
}

#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

#[inline]
fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

#[inline]
pub(crate) fn is_sep(c: char) -> bool {
    is_unicode_space(c) || c.is_control()
}

#[inline]
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '}' | '\u{2019}' | '\u{201D}' | '\u{00BB}' | '\u{203A}')
}

#[inline]
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '(' | '[' | '{' | '\u{2018}' | '\u{201C}' | '\u{00AB}' | '\u{2039}' | '\u{00BF}' | '\u{00A1}'
    )
}

/// The next word after `i`: skips separators and opening quotes/brackets,
/// then returns the run of alphanumeric characters (may be empty).
fn next_word(text: &str, mut i: usize) -> &str {
    while let Some(c) = char_at(text, i) {
        if is_sep(c) || is_opener(c) {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    let start = i;
    while let Some(c) = char_at(text, i) {
        if c.is_alphanumeric() {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    &text[start..i]
}

fn starts_lower(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_lowercase())
}

/// True when the next word after `i` is a single capital letter with its
/// period: "A.".
fn next_is_initial(text: &str, mut i: usize) -> bool {
    while let Some(c) = char_at(text, i) {
        if !is_sep(c) {
            break;
        }
        i += c.len_utf8();
    }
    let b = text.as_bytes();
    i + 1 < b.len() && b[i].is_ascii_uppercase() && b[i + 1] == b'.'
}

fn is_starter(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase()) && in_list(STARTERS, word)
}

/// Facts about the document's line structure, computed in one pass.
struct Layout {
    /// Most lines are at most ~100 bytes: the text is hard-wrapped.
    wrapped: bool,
    /// Widest ordinary line, for deciding what counts as "short".
    width: usize,
    /// No lower-case ASCII letters: casing says nothing about headlines.
    all_caps: bool,
}

fn layout(text: &str) -> Layout {
    let (mut lines, mut long, mut width, mut cur) = (0usize, 0usize, 0usize, 0usize);
    let mut lower = false;
    for &b in text.as_bytes().iter().chain(std::iter::once(&b'\n')) {
        if b == b'\n' {
            if cur > 0 {
                lines += 1;
                if cur > 100 {
                    long += 1;
                } else {
                    width = width.max(cur);
                }
            }
            cur = 0;
        } else {
            cur += 1;
            lower |= b.is_ascii_lowercase();
        }
    }
    Layout { wrapped: lines >= 3 && long * 20 <= lines, width, all_caps: !lower }
}

/// Splits `text` into sentences, returned as byte ranges trimmed of
/// surrounding whitespace, in order and non-overlapping.
///
/// # Example
/// ```
/// let text = "Mr. Smith met U.S. officials at 9 a.m. on Monday. They talked.";
/// let s: Vec<&str> = dyad_text::split_sentences(text).iter().map(|&(a, b)| &text[a..b]).collect();
/// assert_eq!(s, ["Mr. Smith met U.S. officials at 9 a.m. on Monday.", "They talked."]);
/// ```
pub fn split_sentences(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut seg = 0;
    let mut line_start = 0;
    let mut lay: Option<Layout> = None;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                let mut j = i + 1;
                while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\r') {
                    j += 1;
                }
                if j < b.len() && b[j] == b'\n' {
                    push(text, &mut out, seg, i);
                    seg = i + 1;
                } else if seg < i {
                    let lay = lay.get_or_insert_with(|| layout(text));
                    if line_stands_alone(text, line_start.max(seg), i, lay) {
                        push(text, &mut out, seg, i);
                        seg = i + 1;
                    }
                }
                line_start = i + 1;
                i += 1;
            }
            b'.' | b'?' | b'!' => i = stop(text, i, &mut seg, &mut out),
            0xE2 if b.get(i + 1..i + 3) == Some(&[0x80, 0xA6]) => i = stop(text, i, &mut seg, &mut out),
            _ => i += 1,
        }
    }
    push(text, &mut out, seg, b.len());
    out
}

/// Handles the run of stop characters starting at `i`; returns where to
/// continue scanning.
fn stop(text: &str, i: usize, seg: &mut usize, out: &mut Vec<(usize, usize)>) -> usize {
    let b = text.as_bytes();
    let (mut j, mut periods, mut strong, mut ellipsis) = (i, 0, false, false);
    loop {
        match b.get(j) {
            Some(b'.') => {
                periods += 1;
                j += 1
            }
            Some(b'?') | Some(b'!') => {
                strong = true;
                j += 1
            }
            Some(0xE2) if b.get(j + 1..j + 3) == Some(&[0x80, 0xA6]) => {
                ellipsis = true;
                j += 3
            }
            _ => break,
        }
    }
    let run_end = j;
    while let Some(c) = char_at(text, j) {
        if is_closer(c) {
            j += c.len_utf8();
        } else {
            break;
        }
    }
    let after = j;
    match char_at(text, after) {
        None => return after,
        Some(c) if !is_sep(c) => return run_end,
        _ => {}
    }
    let next = next_word(text, after);
    let boundary = if strong {
        !starts_lower(next)
    } else if ellipsis || periods > 1 {
        next.chars().next().is_some_and(|c| c.is_uppercase())
    } else {
        // One period: look at the word it ends.
        let mut ws = i;
        while let Some(c) = char_before(text, ws) {
            if is_sep(c) {
                break;
            }
            ws -= c.len_utf8();
        }
        let mut word = &text[ws..i];
        word = word.trim_start_matches(is_opener);
        match classify(word) {
            Abbrev::Title => false,
            Abbrev::Number => !next.bytes().next().is_some_and(|c| c.is_ascii_digit()),
            // An initial before another initial ("Karim A. A. Khan") is
            // inside a name, even when the next one is "A.".
            Abbrev::Ambiguous => is_starter(next) && !(word.len() == 1 && next_is_initial(text, after)),
            Abbrev::None => {
                // "1. The first point": a list number opening the segment.
                let list_item = !word.is_empty()
                    && word.len() <= 2
                    && word.bytes().all(|c| c.is_ascii_digit())
                    && text[*seg..ws].chars().all(is_sep);
                !list_item && !starts_lower(next)
            }
        }
    };
    if boundary {
        push(text, out, *seg, after);
        *seg = after;
    }
    after
}

/// Decides whether the line `start..end` (ending at a single newline) is a
/// sentence of its own, e.g. a headline or dateline without a final stop.
fn line_stands_alone(text: &str, start: usize, end: usize, lay: &Layout) -> bool {
    let line = text[start..end].trim_matches(is_sep);
    let Some(last) = line.chars().next_back() else { return false };
    // A line ending in a stop was already judged by `stop`.
    let core = line.trim_end_matches(is_closer);
    if core.ends_with(['.', '?', '!', '…']) {
        return false;
    }
    if matches!(last, ',' | ';' | ':' | '-' | '(' | '&' | '/' | '\u{2013}' | '\u{2014}') {
        return false;
    }
    let last_word = line.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    if in_list(FUNCTION_WORDS, last_word) {
        return false;
    }
    if starts_lower(next_word(text, end)) {
        return false;
    }
    if lay.wrapped {
        // Casing cannot tell a headline from a wrapped line in all-caps copy,
        // and such copy (MUC, FBIS) is wrapped at fixed width: join.
        !lay.all_caps && line.len() * 2 < lay.width
    } else {
        true
    }
}

/// Pushes `start..end` trimmed of separators, if anything is left.
fn push(text: &str, out: &mut Vec<(usize, usize)>, start: usize, end: usize) {
    let s = &text[start..end];
    let t = s.trim_start_matches(is_sep);
    let a = start + (s.len() - t.len());
    let t = t.trim_end_matches(is_sep);
    if !t.is_empty() {
        out.push((a, a + t.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_words() {
        assert_eq!(classify("Mr"), Abbrev::Title);
        assert_eq!(classify("U.S"), Abbrev::Ambiguous);
        assert_eq!(classify("W"), Abbrev::Ambiguous);
        assert_eq!(classify("Inc"), Abbrev::Ambiguous);
        assert_eq!(classify("No"), Abbrev::Number);
        assert_eq!(classify("said"), Abbrev::None);
        assert_eq!(classify("example.com"), Abbrev::None);
        assert_eq!(classify("3.5"), Abbrev::None);
        assert_eq!(classify("anti-U.S"), Abbrev::Ambiguous);
        assert_eq!(classify("Mosul-based"), Abbrev::None);
        assert_eq!(classify("-"), Abbrev::None);
    }

    #[test]
    fn layout_of_wire_copy() {
        let muc = "THE ARMY HAS REPORTED THAT ABOUT 50 PEASANTS OF VARIOUS AGES HAVE BEEN\n\
                   KIDNAPPED BY TERRORISTS OF THE FARABUNDO MARTI NATIONAL LIBERATION FRONT\n\
                   IN SAN MIGUEL.\n";
        let l = layout(muc);
        assert!(l.wrapped && l.all_caps);
    }
}
