//! Character normalisation with a map back to the original text.
//!
//! News text mixes typographic and ASCII punctuation freely (`’` and `'`,
//! `—` and `--`), and dictionaries are written in ASCII. Normalisation folds
//! the typographic forms to ASCII so that later stages compare like with
//! like. It never changes letters or case.
//!
//! Two entry points share one character table:
//! * [`normalize_token`] for a single token (what [`crate::Token::norm`]
//!   holds). Tokens never contain whitespace, because the tokenizer splits on
//!   it, so the only difference from the whole-text form is that Unicode
//!   spaces would be dropped rather than turned into `' '`.
//! * [`normalize`] for a whole document, returning a [`Normalized`] that maps
//!   every byte offset of the normalised copy back to the original, so a
//!   regex run over normalised text can still report original spans.

/// What one original character becomes after normalisation, or `None` when
/// it stays as it is.
#[inline]
pub(crate) fn replacement(c: char) -> Option<&'static str> {
    if c.is_ascii() {
        return None;
    }
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => "\"",
        // hyphen, non-breaking hyphen, figure dash, en dash, em dash,
        // horizontal bar, minus sign, small/full-width hyphen-minus
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' | '\u{FE63}'
        | '\u{FF0D}' => "-",
        '\u{2026}' => "...",
        // Soft hyphens are invisible line-break hints; they must not split or
        // change a word.
        '\u{00AD}' => "",
        c if is_unicode_space(c) => " ",
        _ => return None,
    })
}

/// Whitespace-like characters beyond ASCII: everything Rust calls
/// whitespace, plus zero-width and byte-order marks that act as separators.
#[inline]
pub(crate) fn is_unicode_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Normalises the text of one token. Unicode spaces are removed (a token
/// produced by [`crate::tokenize`] never contains any).
pub fn normalize_token(s: &str) -> String {
    if s.is_ascii() {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match replacement(c) {
            Some(" ") => {}
            Some(r) => out.push_str(r),
            None => out.push(c),
        }
    }
    out
}

/// Lower-cases a normalised token, with an ASCII fast path.
pub(crate) fn lower(norm: &str) -> String {
    if norm.is_ascii() {
        let mut s = norm.to_owned();
        s.make_ascii_lowercase();
        s
    } else {
        norm.to_lowercase()
    }
}

/// A normalised copy of a document plus the map back to original offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// Sorted by `norm`: the start of every run where the two texts differ
    /// and of every run where they agree again. Between anchors the mapping
    /// is either the identity shift (`same`) or a single replaced character.
    anchors: Vec<Anchor>,
    /// Length of the original text, for offsets at the very end.
    orig_len: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Anchor {
    norm: usize,
    orig: usize,
    /// Length of the original span for a replacement; 0 for an identity run.
    orig_len: usize,
    same: bool,
}

/// Normalises a whole document: typographic quotes, dashes, ellipses and
/// Unicode spaces become ASCII (each Unicode space becomes one `' '`), and
/// soft hyphens are dropped.
///
/// # Example
/// ```
/// let n = dyad_text::normalize("He said “no” — twice");
/// assert_eq!(n.text, "He said \"no\" - twice");
/// let at = n.text.find('-').unwrap();
/// assert_eq!(n.to_original(at), "He said “no” ".len());
/// ```
pub fn normalize(text: &str) -> Normalized {
    let mut out = String::with_capacity(text.len());
    let mut anchors = Vec::new();
    let mut run_start: Option<usize> = None; // original offset of current identity run
    for (i, c) in text.char_indices() {
        match replacement(c) {
            None => {
                if run_start.is_none() {
                    anchors.push(Anchor { norm: out.len(), orig: i, orig_len: 0, same: true });
                    run_start = Some(i);
                }
                out.push(c);
            }
            Some(r) => {
                run_start = None;
                anchors.push(Anchor { norm: out.len(), orig: i, orig_len: c.len_utf8(), same: false });
                out.push_str(r);
            }
        }
    }
    Normalized { text: out, anchors, orig_len: text.len() }
}

impl Normalized {
    /// Original byte offset of the character at normalised byte offset
    /// `pos` (a start offset). Offsets inside a replacement map to the start
    /// of the original character; `pos >= text.len()` maps to the end.
    pub fn to_original(&self, pos: usize) -> usize {
        if pos >= self.text.len() {
            return self.orig_len;
        }
        // The last anchor starting at or before `pos`. A removed character
        // (soft hyphen) makes an empty anchor that shares its `norm` with the
        // next one; taking the last keeps us on the non-empty run.
        let idx = self.anchors.partition_point(|a| a.norm <= pos);
        match idx.checked_sub(1).map(|k| self.anchors[k]) {
            Some(a) if a.same => a.orig + (pos - a.norm),
            Some(a) => a.orig,
            None => 0,
        }
    }

    /// Original byte offset for an exclusive end offset `pos`: an end that
    /// falls inside or right after a replacement maps to the end of the
    /// original character, so `to_original(s)..to_original_end(e)` always
    /// covers whole original characters.
    pub fn to_original_end(&self, pos: usize) -> usize {
        if pos == 0 {
            return 0;
        }
        if pos > self.text.len() {
            return self.orig_len;
        }
        let idx = self.anchors.partition_point(|a| a.norm < pos);
        match idx.checked_sub(1).map(|k| self.anchors[k]) {
            Some(a) if a.same => a.orig + (pos - a.norm),
            Some(a) => a.orig + a.orig_len,
            None => 0,
        }
    }

    /// Maps a normalised byte range back to the original text. Both ends
    /// should be character boundaries of [`Normalized::text`]; the result
    /// then is a range of whole characters of the original.
    pub fn to_original_range(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.to_original(start);
        (s, self.to_original_end(end).max(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_forms() {
        assert_eq!(normalize_token("don’t"), "don't");
        assert_eq!(normalize_token("“"), "\"");
        assert_eq!(normalize_token("—"), "-");
        assert_eq!(normalize_token("…"), "...");
        assert_eq!(normalize_token("co\u{AD}operate"), "cooperate");
        assert_eq!(normalize_token("Zürich"), "Zürich");
        assert_eq!(lower("ÉTAT"), "état");
    }

    #[test]
    fn offsets_map_back() {
        let src = "A\u{A0}“quote”… then—x\u{AD}y";
        let n = normalize(src);
        assert_eq!(n.text, "A \"quote\"... then-xy");
        // every normalised char maps into the original at a char boundary
        for (i, _) in n.text.char_indices() {
            let o = n.to_original(i);
            assert!(src.is_char_boundary(o), "{i} -> {o}");
        }
        let q = n.text.find("quote").unwrap();
        let (s, e) = n.to_original_range(q, q + 5);
        assert_eq!(&src[s..e], "quote");
        let d = n.text.find("...").unwrap();
        let (s, e) = n.to_original_range(d, d + 3);
        assert_eq!(&src[s..e], "…");
        let (s, e) = n.to_original_range(d + 1, d + 2);
        assert_eq!(&src[s..e], "…");
        let x = n.text.find("xy").unwrap();
        let (s, e) = n.to_original_range(x, x + 2);
        assert_eq!(&src[s..e], "x\u{AD}y");
        assert_eq!(n.to_original(n.text.len()), src.len());
    }

    #[test]
    fn empty() {
        let n = normalize("");
        assert_eq!(n.text, "");
        assert_eq!(n.to_original_range(0, 0), (0, 0));
    }
}
