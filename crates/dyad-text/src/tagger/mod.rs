//! Part-of-speech tagging with a greedy averaged perceptron.
//!
//! The model follows Collins (2002) and Honnibal's well-known short tagger:
//! for each word, left to right, sum the weights of about thirty hashed
//! features (the word, its affixes and shape, its neighbours, the two tags
//! already chosen) and take the best tag. Frequent words that almost always
//! carry one tag skip scoring through a tag dictionary.
//!
//! The English model ships inside the binary (`model/pos-en.bin`, trained on
//! UD English EWT and the news-like part of GUM; see `model/README.md`) and
//! is decoded once on first use by [`Tagger::embedded`]. The `train-tagger`
//! binary rebuilds it; [`train`] holds the training code.
//!
//! # Example
//!
//! ```
//! use dyad_text::{tagger::Tagger, Tag};
//! let tags = Tagger::embedded().tag(&["Police", "arrested", "protesters", "."]);
//! assert_eq!(tags[1], Tag::VBD);
//! ```

mod features;
mod model;
mod table;
pub mod train;

#[cfg(test)]
mod tests;

use std::sync::OnceLock;

use crate::{Tag, Token};
use features::{
    dynamic_features, finite_bits, finite_mask, hash_lower, static_features, CapsCount, Word, N_FEATURES, N_STATIC,
    START_TAG,
};
use table::Table;

pub use model::ModelError;

/// The most classes a model may have; scores live in a fixed stack array.
const MAX_CLASSES: usize = 64;

static EMBEDDED_BYTES: &[u8] = include_bytes!("../../model/pos-en.bin");

/// An averaged-perceptron part-of-speech tagger. Immutable once built, so
/// one instance can be shared by every thread.
pub struct Tagger {
    /// Model class index → tag. Tag features use class indices.
    classes: Box<[Tag]>,
    /// Weight quantisation step: stored `i16` × `scale` = trained weight.
    scale: f32,
    /// Exact word form hash → class (in the `start` field).
    dict: Table,
    /// Lower-cased word hash → bit set of classes seen in training, split
    /// over `start` (low half) and `len` (high half).
    lexicon: Table,
    /// Feature key → range of `entries`.
    weights: Table,
    /// Bit set of the finite-verb classes, for [`finite_bits`].
    finite: u64,
    /// One weight per (feature, class) kept: `class << 16 | weight as u16`.
    entries: Box<[u32]>,
}

impl Tagger {
    /// The English model compiled into the binary, decoded on first use.
    ///
    /// # Panics
    ///
    /// If the embedded model file is corrupt, which a unit test rules out.
    pub fn embedded() -> &'static Tagger {
        static TAGGER: OnceLock<Tagger> = OnceLock::new();
        TAGGER.get_or_init(|| {
            Tagger::from_bytes(EMBEDDED_BYTES).unwrap_or_else(|e| panic!("embedded model/pos-en.bin is unusable: {e}"))
        })
    }

    /// Decodes a model written by [`Tagger::to_bytes`].
    ///
    /// # Errors
    ///
    /// Any [`ModelError`] when `bytes` is not a complete, intact model of a
    /// supported format version.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        model::decode(bytes)
    }

    /// Encodes the model; the output is the same for the same model.
    pub fn to_bytes(&self) -> Vec<u8> {
        model::encode(self)
    }

    /// Builds a tagger from quantised weights.
    pub(crate) fn from_parts(
        classes: Vec<Tag>,
        scale: f32,
        dict: &[(u64, u8)],
        lexicon: &[(u64, u64)],
        mut features: Vec<(u64, Vec<(u8, i16)>)>,
    ) -> Result<Tagger, ModelError> {
        if classes.is_empty() || classes.len() > MAX_CLASSES {
            return Err(ModelError::BadClassCount(classes.len()));
        }
        let n = classes.len();
        let bad_class = |c: u8| (c as usize) >= n;
        let mut dict_table = Table::with_capacity(dict.len());
        for &(key, class) in dict {
            if bad_class(class) {
                return Err(ModelError::BadClass(class));
            }
            if !dict_table.insert(key, class as u32, 0) {
                return Err(ModelError::DuplicateKey(key));
            }
        }
        let mut lexicon_table = Table::with_capacity(lexicon.len());
        for &(key, mask) in lexicon {
            if n < 64 && mask >> n != 0 {
                return Err(ModelError::BadValue);
            }
            if !lexicon_table.insert(key, mask as u32, (mask >> 32) as u32) {
                return Err(ModelError::DuplicateKey(key));
            }
        }
        // Sorting fixes the entry layout, so encoding is deterministic.
        features.sort_unstable_by_key(|f| f.0);
        let total: usize = features.iter().map(|f| f.1.len()).sum();
        let mut entries = Vec::with_capacity(total);
        let mut weights = Table::with_capacity(features.len());
        for (key, row) in &features {
            let start = entries.len() as u32;
            for &(class, w) in row {
                if bad_class(class) {
                    return Err(ModelError::BadClass(class));
                }
                entries.push((class as u32) << 16 | (w as u16 as u32));
            }
            if !weights.insert(*key, start, row.len() as u32) {
                return Err(ModelError::DuplicateKey(*key));
            }
        }
        Ok(Tagger {
            finite: finite_mask(&classes),
            classes: classes.into_boxed_slice(),
            scale,
            dict: dict_table,
            lexicon: lexicon_table,
            weights,
            entries: entries.into_boxed_slice(),
        })
    }

    /// Number of features with at least one weight.
    pub fn feature_count(&self) -> usize {
        self.weights.len()
    }

    /// Number of words in the tag dictionary.
    pub fn dictionary_len(&self) -> usize {
        self.dict.len()
    }

    /// Tags one sentence of words (case kept, as tokenised).
    pub fn tag(&self, words: &[&str]) -> Vec<Tag> {
        let mut out = Vec::with_capacity(words.len());
        self.tag_into(words, &mut out);
        out
    }

    /// Like [`Tagger::tag`], but writes into `out` (cleared first), so a
    /// reused buffer makes tagging allocation-free. Accepts `&[&str]`,
    /// `&[String]` and the like.
    pub fn tag_into<S: AsRef<str>>(&self, words: &[S], out: &mut Vec<Tag>) {
        self.tag_with(words.len(), |i| words[i].as_ref(), out);
    }

    /// Tags tokens in place from their normalised forms.
    pub fn tag_tokens(&self, tokens: &mut [Token]) {
        let mut tags = Vec::with_capacity(tokens.len());
        self.tag_with(tokens.len(), |i| tokens[i].norm.as_str(), &mut tags);
        for (token, tag) in tokens.iter_mut().zip(tags) {
            token.tag = tag;
        }
    }

    /// The tagging loop over a sentence of `len` words given by `word`.
    pub fn tag_with<'a>(&self, len: usize, word: impl Fn(usize) -> &'a str, out: &mut Vec<Tag>) {
        out.clear();
        out.reserve(len);
        // Until word i is tagged, out[i] holds the finite-verb bits of the
        // words after it; this keeps the extra pass allocation-free.
        let mut caps = CapsCount::default();
        for j in 0..len {
            let w = word(j);
            caps.add(w);
            out.push(Tag(finite_bits(self.known_classes(hash_lower(w)), self.finite)));
        }
        let caps = caps.is_caps();
        let mut right = 0u8;
        for slot in out.iter_mut().rev() {
            let bits = slot.0;
            *slot = Tag(right);
            right |= bits;
        }
        let at = |j: usize| {
            if j >= len {
                return Word::boundary(true);
            }
            let mut w = Word::new(word(j));
            w.classes = self.known_classes(w.lower);
            w
        };
        let start = Word::boundary(false);
        // The window holds words i-2..=i+2 and slides one word per step.
        let mut win = [start, start, at(0), at(1), at(2)];
        let (mut t1, mut t2) = (START_TAG, START_TAG);
        let mut finite_left = 0u8;
        let mut feats = [0u64; N_FEATURES];
        for (i, slot) in out.iter_mut().enumerate() {
            let class = match self.dict.get(win[2].form) {
                Some((class, _)) => class as u8,
                None => {
                    static_features(&win, i == 0, caps, &mut feats);
                    let finite = finite_left | slot.0 << 1;
                    dynamic_features(&win[2], t1, t2, finite, &mut feats[N_STATIC..]);
                    self.best(&feats)
                }
            };
            *slot = self.classes[class as usize];
            finite_left |= (self.finite >> class & 1) as u8;
            t2 = t1;
            t1 = class;
            win.rotate_left(1);
            win[4] = at(i + 3);
        }
    }

    /// Classes seen with this lower-cased word hash in training, or 0.
    #[inline]
    pub(crate) fn known_classes(&self, lower: u64) -> u64 {
        self.lexicon.get(lower).map_or(0, |(lo, hi)| (hi as u64) << 32 | lo as u64)
    }

    /// The class with the highest summed weight; the lowest index wins ties.
    #[inline]
    fn best(&self, feats: &[u64]) -> u8 {
        let mut scores = [0i32; MAX_CLASSES];
        for &f in feats {
            if let Some((start, len)) = self.weights.get(f) {
                let (start, len) = (start as usize, len as usize);
                for &e in &self.entries[start..start + len] {
                    scores[(e >> 16) as usize & (MAX_CLASSES - 1)] += e as u16 as i16 as i32;
                }
            }
        }
        let mut best = 0;
        for c in 1..self.classes.len() {
            if scores[c] > scores[best] {
                best = c;
            }
        }
        best as u8
    }
}
