//! dyad's text front end.
//!
//! The pipeline is `normalize → split sentences → tokenize → tag`. Every
//! stage keeps byte offsets into the *original* document text, so that an
//! event found in the last stage can always be traced back to the exact
//! characters it came from. Normalisation (curly quotes, dashes, odd spaces)
//! never rewrites the document: each [`Token`] carries its original span and a
//! normalised form side by side.
//!
//! # Overview
//!
//! * [`analyze`] — split a document into [`Sentence`]s of [`Token`]s (tags
//!   left at their default).
//! * [`split_sentences`] — sentence byte ranges only.
//! * [`tokenize`] — tokens of one byte range.
//! * [`normalize`] — a normalised copy of a whole document with a map back to
//!   original offsets ([`Normalized`]); [`normalize_token`] is the per-token
//!   form stored in [`Token::norm`].
//! * [`CharIndex`] — byte offsets to code-point offsets, for reporting spans.
//!
//! # Example
//! ```
//! let text = "KYIV, Ukraine (AP) — Russia’s army didn’t leave. U.S. officials said so.";
//! let sentences = dyad_text::analyze(text);
//! assert_eq!(sentences.len(), 2);
//! let t = &sentences[0].tokens[8];
//! assert_eq!((&text[t.start..t.end], t.norm.as_str()), ("’s", "'s"));
//! let idx = dyad_text::CharIndex::new(text);
//! assert_eq!(idx.char_offset(sentences[1].start), 49);
//! ```

pub mod normalize;
pub mod sentence;
pub mod tag;
pub mod tagger;
pub mod tokenize;

pub use normalize::{normalize, normalize_token, Normalized};
pub use sentence::split_sentences;
pub use tag::Tag;
pub use tokenize::tokenize;

/// One token of a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Byte offset of the first byte of the token in the document text.
    pub start: usize,
    /// Byte offset one past the token's last byte in the document text.
    pub end: usize,
    /// Normalised form: typographic quotes, dashes and spaces replaced by
    /// their ASCII equivalents; case kept.
    pub norm: String,
    /// `norm` in lower case, for dictionary matching.
    pub lower: String,
    /// Part-of-speech tag (Penn Treebank tag set).
    pub tag: Tag,
}

/// One sentence: its byte range in the document and its tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub tokens: Vec<Token>,
}

/// Splits `text` into sentences and tokenizes each one. Tags are left at
/// [`Tag::default`]; tagging is a later stage. Sentences without any token
/// (e.g. only soft hyphens) are dropped.
///
/// # Example
/// ```
/// let s = dyad_text::analyze("Gen. Smith arrived. He left.");
/// assert_eq!(s.len(), 2);
/// assert_eq!(s[0].tokens[0].norm, "Gen.");
/// ```
pub fn analyze(text: &str) -> Vec<Sentence> {
    split_sentences(text)
        .into_iter()
        .filter_map(|(start, end)| {
            let tokens = tokenize(text, start, end);
            (!tokens.is_empty()).then_some(Sentence { start, end, tokens })
        })
        .collect()
}

/// Converts byte offsets of one text into Unicode code-point offsets, which
/// is how event spans are reported.
///
/// It stores only the multi-byte characters, so it costs nothing for ASCII
/// text; a lookup is a binary search over them, O(log n).
#[derive(Debug, Clone, Default)]
pub struct CharIndex {
    /// For every multi-byte character, in order: its byte offset and the
    /// number of continuation bytes in the text up to and including it.
    wide: Vec<(usize, usize)>,
    len: usize,
}

impl CharIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> CharIndex {
        let mut wide = Vec::new();
        if !text.is_ascii() {
            let mut extra = 0;
            for (i, c) in text.char_indices() {
                let n = c.len_utf8();
                if n > 1 {
                    extra += n - 1;
                    wide.push((i, extra));
                }
            }
        }
        CharIndex { wide, len: text.len() }
    }

    /// Code-point offset of byte offset `byte`. A byte inside a multi-byte
    /// character maps to that character; offsets past the end map to the
    /// number of characters.
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.len);
        let k = self.wide.partition_point(|&(start, _)| start < byte);
        match k.checked_sub(1).map(|k| (self.wide[k], k)) {
            None => byte,
            Some(((start, extra), k)) => {
                let before = if k == 0 { 0 } else { self.wide[k - 1].1 };
                let width = extra - before + 1;
                if byte < start + width {
                    start - before // inside the character
                } else {
                    byte - extra
                }
            }
        }
    }

    /// Number of code points in the text.
    pub fn char_len(&self) -> usize {
        self.char_offset(self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_matches_naive() {
        for text in ["", "abc", "é", "a€b😀c", "😀😀 x ü"] {
            let idx = CharIndex::new(text);
            for b in 0..=text.len() + 2 {
                let naive = text.char_indices().take_while(|&(i, c)| i + c.len_utf8() <= b).count();
                assert_eq!(idx.char_offset(b), naive.min(text.chars().count()), "{text:?} @ {b}");
            }
            assert_eq!(idx.char_len(), text.chars().count());
        }
    }
}
