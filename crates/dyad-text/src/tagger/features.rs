//! Feature extraction shared by training and tagging.
//!
//! Every feature is a `u64` hash of a template id and the values it looks at
//! (word strings, shapes, previous tags). Strings are hashed byte by byte as
//! they are read, so extracting features never allocates. Training and
//! tagging call exactly the same functions, which is what keeps a model file
//! meaningful: changing a template or the hash changes every key, so such a
//! change must bump the model format version.

/// FxHash's multiplier: one multiply per byte is plenty for short words.
const K: u64 = 0x517c_c1b7_2722_0a95;

#[inline]
fn fx(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(K)
}

/// MurmurHash3's finaliser. Fx leaves the low bits weak; the feature tables
/// index by low bits, so every key goes through this once.
#[inline]
fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// A finished key; 0 marks an empty slot in [`super::table::Table`].
#[inline]
fn finish(h: u64) -> u64 {
    match fmix(h) {
        0 => 1,
        k => k,
    }
}

#[inline]
fn hash_bytes(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h = fx(h, b as u64);
    }
    // The length ends the string, so "ab"+"c" and "a"+"bc" differ in pairs.
    fx(h, bytes.len() as u64 | 0x100)
}

/// Hash of `s` with ASCII letters lowered, byte by byte.
#[inline]
fn hash_ascii_lower(s: &str) -> u64 {
    let mut h = 0x9e37_79b9_7f4a_7c15;
    for &b in s.as_bytes() {
        h = fx(h, b.to_ascii_lowercase() as u64);
    }
    fx(h, s.len() as u64 | 0x100)
}

/// Hash of `s` in full Unicode lower case.
pub(crate) fn hash_lower(s: &str) -> u64 {
    if s.is_ascii() {
        return hash_ascii_lower(s);
    }
    let mut h = 0x9e37_79b9_7f4a_7c15;
    let mut n = 0u64;
    let mut buf = [0u8; 4];
    for c in s.chars().flat_map(char::to_lowercase) {
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h = fx(h, b as u64);
            n += 1;
        }
    }
    fx(h, n | 0x100)
}

/// Exact hash of a word form, case kept. Also the tag-dictionary key.
#[inline]
pub(crate) fn form_hash(s: &str) -> u64 {
    finish(hash_bytes(0x2545_f491_4f6c_dd1d, s.as_bytes()))
}

const FLAG_CAP: u8 = 1; // first character upper case
const FLAG_UPPER: u8 = 2; // has letters, all upper case
const FLAG_DIGIT: u8 = 4;
const FLAG_HYPHEN: u8 = 8;
const FLAG_ALPHA: u8 = 16;
const FLAG_PERIOD: u8 = 32;

/// What the templates need to know about one word, hashed once per token.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Word {
    pub form: u64,
    pub lower: u64,
    /// Lower-cased suffixes of 1 to 4 characters.
    pub suffix: [u64; 4],
    /// Lower-cased prefixes of 1 to 3 characters.
    pub prefix: [u64; 3],
    /// Character classes with runs capped at four: "Kyiv" → Xxxx, "10bn" → ddxx.
    pub shape: u64,
    /// Character classes with runs collapsed: "U.S." → X.X., "Kyiv" → Xx.
    pub short_shape: u64,
    pub flags: u8,
    /// Bit set of the classes this word (lower-cased) had in training;
    /// 0 for words the model does not know. Filled in by the caller.
    pub classes: u64,
}

impl Word {
    pub fn new(s: &str) -> Word {
        let mut w = Word { form: form_hash(s), lower: hash_lower(s), ..Word::default() };
        // Suffixes and prefixes are cut at character boundaries; a word with
        // fewer characters just repeats its whole self.
        let mut n = 0;
        for (i, _) in s.char_indices().rev().take(4) {
            w.suffix[n] = hash_ascii_lower(&s[i..]);
            n += 1;
        }
        for k in n..4 {
            w.suffix[k] = w.suffix[n.saturating_sub(1)];
        }
        let mut ends = s.char_indices().skip(1).map(|(i, _)| i).chain(std::iter::once(s.len()));
        for k in 0..3 {
            let end = ends.next().unwrap_or(s.len());
            w.prefix[k] = hash_ascii_lower(&s[..end]);
        }

        let (mut shape, mut short) = (0x1234_5678_u64, 0x8765_4321_u64);
        let (mut last, mut run) = ('\0', 0);
        let (mut upper, mut lower) = (false, false);
        for (i, c) in s.chars().enumerate() {
            let class = if c.is_uppercase() {
                upper = true;
                if i == 0 {
                    w.flags |= FLAG_CAP;
                }
                'X'
            } else if c.is_lowercase() {
                lower = true;
                'x'
            } else if c.is_ascii_digit() {
                w.flags |= FLAG_DIGIT;
                'd'
            } else if c.is_alphabetic() {
                'a'
            } else if c.is_ascii() {
                match c {
                    '-' => w.flags |= FLAG_HYPHEN,
                    '.' => w.flags |= FLAG_PERIOD,
                    _ => {}
                }
                c
            } else {
                'o'
            };
            if class == last {
                run += 1;
            } else {
                run = 1;
                short = fx(short, class as u64);
            }
            if run <= 4 {
                shape = fx(shape, class as u64);
            }
            last = class;
        }
        if upper || lower {
            w.flags |= FLAG_ALPHA;
        }
        if upper && !lower {
            w.flags |= FLAG_UPPER;
        }
        w.shape = shape;
        w.short_shape = short;
        w
    }

    /// The padding word before the sentence start (`end == false`) or after its end.
    pub fn boundary(end: bool) -> Word {
        let v = if end { 0xe0d } else { 0x57a7 };
        Word {
            form: v,
            lower: v,
            suffix: [v; 4],
            prefix: [v; 3],
            shape: v,
            short_shape: v,
            flags: 0,
            classes: if end { u64::MAX } else { u64::MAX - 1 },
        }
    }
}

/// Class index standing for "no tag yet" before the sentence start.
pub(crate) const START_TAG: u8 = 255;

/// How many features [`static_features`] writes.
pub(crate) const N_STATIC: usize = 30;
/// How many features [`dynamic_features`] writes.
pub(crate) const N_DYNAMIC: usize = 8;
pub(crate) const N_FEATURES: usize = N_STATIC + N_DYNAMIC;

#[inline]
fn key1(template: u64, a: u64) -> u64 {
    finish(fx(fx(0, template), a))
}

#[inline]
fn key2(template: u64, a: u64, b: u64) -> u64 {
    finish(fx(fx(fx(0, template), a), b))
}

/// Features that do not depend on earlier predictions. `win` is the words at
/// offsets -2..=2 around the current one (`win[2]`).
/// Counts words for [`CapsCount::is_caps`]: wire copy and old test suites
/// come in all capitals, where case stops meaning "proper noun".
#[derive(Default)]
pub(crate) struct CapsCount {
    upper: u32,
    lower: u32,
}

impl CapsCount {
    #[inline]
    pub fn add(&mut self, s: &str) {
        let (mut up, mut low) = (false, false);
        if s.is_ascii() {
            for b in s.bytes() {
                up |= b.is_ascii_uppercase();
                low |= b.is_ascii_lowercase();
            }
        } else {
            for c in s.chars() {
                up |= c.is_uppercase();
                low |= c.is_lowercase();
            }
        }
        self.lower += low as u32;
        self.upper += (up && !low) as u32;
    }

    /// At least three all-capital words and under one word in ten with
    /// lower case ("No.4" in a capitals cable still counts as capitals).
    pub fn is_caps(&self) -> bool {
        self.upper >= 3 && self.lower * 10 < self.upper
    }
}

/// Bit set of the finite-verb classes (VBD, VBZ, VBP, MD) among `classes`.
pub(crate) fn finite_mask(classes: &[crate::Tag]) -> u64 {
    use crate::Tag;
    let mut mask = 0;
    for (i, t) in classes.iter().enumerate() {
        if matches!(*t, Tag::VBD | Tag::VBZ | Tag::VBP | Tag::MD) {
            mask |= 1 << i;
        }
    }
    mask
}

/// What a word's known classes say about it being a finite verb: bit 0 if
/// it can be one, bit 1 if it can only be one ("was", "will").
#[inline]
pub(crate) fn finite_bits(classes: u64, finite: u64) -> u8 {
    let can = (classes & finite != 0) as u8;
    let only = (classes != 0 && classes & !finite == 0) as u8;
    can | only << 1
}

/// Features that do not depend on earlier predictions. `win` is the words at
/// offsets -2..=2 around the current one (`win[2]`).
#[inline]
pub(crate) fn static_features(win: &[Word; 5], initial: bool, caps: bool, out: &mut [u64]) {
    // In an all-capitals sentence shapes say little, so they get their own
    // weights there instead of dragging every word towards NNP.
    let cs = if caps { 0x9e37_79b9_7f4a_7c15 } else { 0 };
    let [m2, m1, w, p1, p2] = win;
    let f = [
        key1(1, 0),
        key1(2, w.lower),
        key1(3, w.form),
        key1(4, w.suffix[0]),
        key1(5, w.suffix[1]),
        key1(6, w.suffix[2]),
        key1(7, w.suffix[3]),
        key1(8, w.prefix[0]),
        key1(9, w.prefix[1]),
        key1(10, w.prefix[2]),
        key1(11, w.shape ^ cs),
        key1(12, w.short_shape ^ cs),
        key2(13, w.flags as u64, initial as u64 | (caps as u64) << 1),
        key1(14, m1.lower),
        key1(15, m1.suffix[2]),
        key1(16, m2.lower),
        key1(17, p1.lower),
        key1(18, p1.suffix[2]),
        key1(19, p2.lower),
        key1(20, p1.short_shape ^ cs),
        key1(21, m1.short_shape ^ cs),
        key2(22, m1.lower, w.lower),
        key2(23, w.lower, p1.lower),
        key2(24, w.short_shape ^ cs, p1.flags as u64),
        key2(25, m1.flags as u64, w.short_shape ^ cs),
        key1(26, w.classes),
        key1(27, p1.classes),
        key1(28, p2.classes),
        key2(29, w.classes, p1.classes),
        key2(30, w.classes, w.short_shape ^ cs),
    ];
    out[..N_STATIC].copy_from_slice(&f);
}

/// Features over the two previous predicted tags (model class indices) and
/// the clause context `finite`: bit 0 set if a finite verb was already
/// predicted in the sentence, bits 1–2 the union of [`finite_bits`] over
/// every later word. A greedy tagger cannot see far ahead, and whether the
/// clause already has or will have a finite verb is what tells a past tense
/// ("Police arrested protesters") from a participle ("Protesters arrested on
/// Monday were released").
#[inline]
pub(crate) fn dynamic_features(w: &Word, t1: u8, t2: u8, finite: u8, out: &mut [u64]) {
    let f = [
        key1(101, t1 as u64),
        key1(102, t2 as u64),
        key2(103, t1 as u64, t2 as u64),
        key2(104, t1 as u64, w.lower),
        key2(105, t1 as u64, w.suffix[2]),
        key2(106, t1 as u64, w.classes),
        key2(107, finite as u64, w.classes),
        key2(108, finite as u64, w.suffix[1]),
    ];
    out[..N_DYNAMIC].copy_from_slice(&f);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_hash_ignores_case_but_form_does_not() {
        assert_eq!(Word::new("Kyiv").lower, Word::new("KYIV").lower);
        assert_ne!(Word::new("Kyiv").form, Word::new("kyiv").form);
        assert_eq!(Word::new("Über").lower, Word::new("über").lower);
    }

    #[test]
    fn shapes_group_similar_words() {
        assert_eq!(Word::new("U.S.").short_shape, Word::new("U.K.").short_shape);
        assert_eq!(Word::new("Kyiv").shape, Word::new("Iran").shape);
        assert_ne!(Word::new("Kyiv").shape, Word::new("Moscow").shape);
        assert_eq!(Word::new("Kyiv").short_shape, Word::new("Moscow").short_shape);
        assert_ne!(Word::new("10bn").short_shape, Word::new("Kyiv").short_shape);
        assert_eq!(Word::new("troops").suffix[2], Word::new("loops").suffix[2]);
    }

    #[test]
    fn caps_sentences_are_recognised() {
        let count = |words: &[&str]| {
            let mut c = CapsCount::default();
            words.iter().for_each(|w| c.add(w));
            c.is_caps()
        };
        assert!(count(&["THE", "ARMY", "SAID", "IT", "KILLED", "3", "."]));
        assert!(!count(&["The", "U.S.", "and", "NATO", "said", "."]));
        assert!(!count(&["NATO", "IRA", "."]));
    }

    #[test]
    fn odd_words_do_not_panic() {
        for s in ["", "$", "n't", "'s", "é", "日本語", "a\u{301}b-c"] {
            let w = Word::new(s);
            let mut out = [0u64; N_FEATURES];
            static_features(&[w; 5], true, true, &mut out);
            dynamic_features(&w, START_TAG, START_TAG, 7, &mut out[N_STATIC..]);
            assert!(out.iter().all(|&k| k != 0));
        }
    }
}
