//! Penn-Treebank-style tokenisation of one sentence, keeping original
//! byte offsets.
//!
//! A hand-written scanner rather than a regex: it walks the sentence once,
//! and each token costs exactly two allocations (`norm` and `lower`).
//!
//! Words may contain internal hyphens (`al-Qaeda`), periods (`U.S`, `3.5`,
//! `example.com`), digit-separating commas and colons (`1,200`, `10:30`),
//! slashes, ampersands and `@` (`AT&T`, e-mail addresses). English clitics
//! are split off (`do|n't`, `Russia|'s`), a word's final period is kept only
//! on abbreviations and initials, and everything else that is not a letter,
//! digit or space is a token of its own, except runs of periods (`...`) and
//! hyphens (`--`) and the doubled quotes ``` `` ``` and `''`.

use crate::normalize::{lower, normalize_token};
use crate::sentence::{classify, is_sep, Abbrev};
use crate::{Tag, Token};

/// Non-ASCII characters that are punctuation or symbols, i.e. break words.
/// Everything else non-ASCII (letters of any script, combining marks,
/// emoji, joiners, soft hyphens) counts as part of a word, so the scanner
/// never separates a base character from its marks.
#[inline]
fn is_nonascii_punct(c: char) -> bool {
    let u = c as u32;
    match u {
        0xA1..=0xBF => !c.is_alphanumeric() && u != 0xAD,
        0xD7 | 0xF7 => true,
        0x2010..=0x2027 | 0x2030..=0x205E => true,
        0x20A0..=0x20CF => true, // currency symbols
        0x2190..=0x21FF | 0x2212 => true,
        0x3001..=0x3003 | 0x3008..=0x3011 => true,
        0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 => true,
        _ => false,
    }
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        !is_nonascii_punct(c) && !is_sep(c)
    }
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Cursor over `text[..end]`.
struct Scan<'a> {
    text: &'a str,
    end: usize,
}

impl Scan<'_> {
    #[inline]
    fn at(&self, i: usize) -> Option<char> {
        if i >= self.end {
            return None;
        }
        let b = *self.text.as_bytes().get(i)?;
        if b < 0x80 {
            Some(b as char)
        } else {
            self.text.get(i..self.end)?.chars().next()
        }
    }

    #[inline]
    fn word_at(&self, i: usize) -> bool {
        self.at(i).is_some_and(is_word_char)
    }

    /// Scans a word starting at `i` (a word character). Returns the end of
    /// the word proper and, if a clitic was split off, its span.
    fn word(&self, i: usize) -> (usize, Option<(usize, usize)>) {
        let mut j = i;
        while let Some(c) = self.at(j) {
            let n = j + c.len_utf8();
            if is_word_char(c) {
                j = n;
                continue;
            }
            match c {
                '-' | '\u{2010}' | '\u{2011}' if self.word_at(n) => j = n,
                '.' if self.at(n).is_some_and(|c| c.is_alphanumeric()) => j = n,
                // "U.S.-led": keep the acronym's period inside the compound.
                '.' if self.at(n) == Some('-') && self.word_at(n + 1) => j = n + 1,
                ',' | ':'
                    if self.text[..j].ends_with(|c: char| c.is_ascii_digit())
                        && self.at(n).is_some_and(|c| c.is_ascii_digit()) =>
                {
                    j = n
                }
                '/' | '&' | '@' if self.word_at(n) => j = n,
                c if is_apostrophe(c) => {
                    let mut m = n;
                    while self.at(m).is_some_and(|c| c.is_ascii_alphabetic()) {
                        m += 1;
                    }
                    if m == n {
                        break; // "soldiers'" or a closing quote
                    }
                    let clitic_ends = !self.word_at(m);
                    let suffix = &self.text[n..m];
                    if clitic_ends {
                        let is = |w: &str| suffix.eq_ignore_ascii_case(w);
                        if is("s") || is("re") || is("ve") || is("ll") || is("d") || is("m") {
                            return (j, Some((j, m)));
                        }
                        if is("t") && j > i + 1 && self.text[..j].ends_with(['n', 'N']) {
                            return (j - 1, Some((j - 1, m)));
                        }
                    }
                    j = n; // O'Brien, rock'n'roll
                }
                _ => break,
            }
        }
        (j, None)
    }

    /// Scans a run of punctuation that forms one token, starting at `i`.
    fn punct(&self, i: usize, c: char) -> usize {
        let n = i + c.len_utf8();
        match c {
            '.' | '-' => {
                let mut j = n;
                while self.at(j) == Some(c) {
                    j += 1;
                }
                j
            }
            '`' | '\'' if self.at(n) == Some(c) => n + 1,
            _ => n,
        }
    }

    /// Length of a URL starting at `i`, if one does.
    fn url(&self, i: usize) -> Option<usize> {
        let rest = self.text.get(i..self.end)?.as_bytes();
        let head = |p: &[u8]| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
        if !(head(b"http://") || head(b"https://") || head(b"ftp://") || head(b"www.")) {
            return None;
        }
        let mut j = i;
        while let Some(c) = self.at(j) {
            if is_sep(c) {
                break;
            }
            j += c.len_utf8();
        }
        // Trailing sentence punctuation and closing quotes are not part of
        // the address.
        while j > i {
            let last = self.text[..j].chars().next_back()?;
            if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | ')' | ']' | '}' | '>')
                || (!last.is_ascii() && is_nonascii_punct(last))
            {
                j -= last.len_utf8();
            } else {
                break;
            }
        }
        (j > i).then_some(j)
    }
}

/// Tokenizes the sentence at `text[start..end]`; token offsets are byte
/// offsets into `text`. Out-of-range or mid-character bounds are clamped
/// rather than panicking.
///
/// # Example
/// ```
/// let text = "Russia's army didn't enter al-Qaeda's U.S. base.";
/// let toks: Vec<String> = dyad_text::tokenize(text, 0, text.len()).into_iter().map(|t| t.norm).collect();
/// assert_eq!(toks, ["Russia", "'s", "army", "did", "n't", "enter", "al-Qaeda", "'s", "U.S.", "base", "."]);
/// ```
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token> {
    let mut end = end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut i = start.min(end);
    while !text.is_char_boundary(i) {
        i += 1;
    }
    let s = Scan { text, end };
    let mut out = Vec::with_capacity((end - i) / 5 + 1);
    let push = |out: &mut Vec<Token>, a: usize, b: usize| {
        if a < b {
            let norm = normalize_token(&text[a..b]);
            if !norm.is_empty() {
                let lower = lower(&norm);
                out.push(Token { start: a, end: b, norm, lower, tag: Tag::default() });
            }
        }
    };
    while let Some(c) = s.at(i) {
        if is_sep(c) {
            i += c.len_utf8();
            continue;
        }
        if is_word_char(c) {
            if let Some(j) = s.url(i) {
                push(&mut out, i, j);
                i = j;
                continue;
            }
            let (j, clitic) = s.word(i);
            let mut word_end = j;
            if clitic.is_none() && s.at(j) == Some('.') && s.at(j + 1) != Some('.') {
                let keep = match classify(&text[i..j]) {
                    Abbrev::None => false,
                    Abbrev::Title | Abbrev::Ambiguous => true,
                    Abbrev::Number => {
                        let mut k = j + 1;
                        while let Some(c) = s.at(k).filter(|&c| is_sep(c)) {
                            k += c.len_utf8();
                        }
                        s.at(k).is_some_and(|c| c.is_ascii_digit())
                    }
                };
                if keep {
                    word_end = j + 1;
                }
            }
            push(&mut out, i, word_end);
            i = word_end;
            if let Some((a, b)) = clitic {
                push(&mut out, a, b);
                i = b;
            }
            continue;
        }
        let j = s.punct(i, c);
        push(&mut out, i, j);
        i = j;
    }
    out
}
