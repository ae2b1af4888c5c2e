//! Training: CoNLL-U reading, the averaged perceptron, quantisation and
//! evaluation. Used by the `train-tagger` binary and by tests.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

use super::features::{
    dynamic_features, finite_bits, finite_mask, form_hash, static_features, CapsCount, Word, N_FEATURES, N_STATIC,
    START_TAG,
};
use super::{ModelError, Tagger};
use crate::Tag;

/// One sentence of words with their gold tags.
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedSentence {
    pub words: Vec<String>,
    pub tags: Vec<Tag>,
}

/// Reads FORM (column 2) and XPOS (column 5) from CoNLL-U text, skipping
/// comments, multiword-token ranges (`1-2`) and empty nodes (`1.1`). An
/// XPOS that is not a Penn Treebank tag becomes [`Tag::XX`].
pub fn parse_conllu(text: &str) -> Vec<TaggedSentence> {
    let mut out = Vec::new();
    let mut cur = TaggedSentence { words: Vec::new(), tags: Vec::new() };
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::replace(&mut cur, TaggedSentence { words: Vec::new(), tags: Vec::new() }));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(id), Some(form), _, _, Some(xpos)) =
            (cols.next(), cols.next(), cols.next(), cols.next(), cols.next())
        else {
            continue;
        };
        if id.contains(['-', '.']) {
            continue;
        }
        cur.words.push(form.to_string());
        cur.tags.push(Tag::from_name(xpos).unwrap_or(Tag::XX));
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    out
}

/// [`parse_conllu`] on a file.
pub fn read_conllu(path: &Path) -> std::io::Result<Vec<TaggedSentence>> {
    Ok(parse_conllu(&std::fs::read_to_string(path)?))
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Passes over the training data.
    pub iterations: usize,
    /// Seed for the per-pass shuffle of sentence order.
    pub seed: u64,
    /// A word form enters the tag dictionary if seen at least this often...
    pub dict_min_count: u32,
    /// ...with one tag at least this share of the time.
    pub dict_min_share: f64,
    /// A lower-cased word needs this many occurrences to get a lexicon
    /// entry (its set of seen tags); rarer words look unknown in training,
    /// as unseen words will when tagging.
    pub lexicon_min_count: u32,
    /// Every n-th sentence is also trained on in capitals (0: never), so
    /// all-capitals wire copy does not come out as a row of NNPs.
    pub caps_copy_every: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            iterations: 8,
            seed: 0x5eed,
            dict_min_count: 20,
            dict_min_share: 0.97,
            lexicon_min_count: 1,
            caps_copy_every: 5,
        }
    }
}

/// Keys are already mixed hashes; hashing them again would only cost time.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!("only u64 keys")
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// One weight with the running sum for averaging (Daumé's trick: the
/// average is `w - u / c` where each update adds `c × delta` to `u`).
#[derive(Clone, Copy)]
struct Param {
    class: u8,
    w: i32,
    u: i64,
}

/// Averaged weights, before quantisation.
pub struct Trained {
    dict: Vec<(u64, u8)>,
    lexicon: Vec<(u64, u64)>,
    weights: Vec<(u64, Vec<(u8, f64)>)>,
}

impl Trained {
    /// Number of features with any non-zero weight.
    pub fn feature_count(&self) -> usize {
        self.weights.len()
    }

    /// Quantises weights to `i16` and drops those with magnitude below
    /// `min_weight` (0 keeps every non-zero weight).
    pub fn to_tagger(&self, min_weight: f64) -> Result<Tagger, ModelError> {
        let max = self.weights.iter().flat_map(|(_, row)| row.iter().map(|&(_, w)| w.abs())).fold(0.0f64, f64::max);
        let scale = if max > 0.0 { max / i16::MAX as f64 } else { 1.0 };
        let mut feats = Vec::with_capacity(self.weights.len());
        for (key, row) in &self.weights {
            let q: Vec<(u8, i16)> = row
                .iter()
                .filter(|&&(_, w)| w.abs() >= min_weight)
                .map(|&(c, w)| (c, (w / scale).round() as i16))
                .filter(|&(_, q)| q != 0)
                .collect();
            if !q.is_empty() {
                feats.push((*key, q));
            }
        }
        let classes = (0..Tag::NAMES.len()).map(|i| Tag(i as u8)).collect();
        Tagger::from_parts(classes, scale as f32, &self.dict, &self.lexicon, feats)
    }
}

/// Folds for jackknifing the lexicon during training.
const LEXICON_FOLDS: usize = 10;

/// Progress after one pass: pass number (from 1) and accuracy on the
/// training data during that pass.
pub type Progress<'a> = &'a mut dyn FnMut(usize, f64);

/// Trains on `sentences`.
pub fn train(sentences: &[TaggedSentence], config: &TrainConfig, progress: Progress) -> Trained {
    let dict = tag_dictionary(sentences, config);
    let dict_map: IdMap<u8> = dict.iter().copied().collect();
    let full_lexicon = lexicon(sentences, config, |_| true);
    // Jackknifing: each sentence sees the lexicon of the other folds, so a
    // rare training word looks as unknown as a rare word at tagging time
    // and the model does not learn to trust the lexicon more than it should.
    let fold_lexicons: Vec<IdMap<u64>> = (0..LEXICON_FOLDS)
        .map(|k| lexicon(sentences, config, |i| i % LEXICON_FOLDS != k).into_iter().collect())
        .collect();

    // Static features never change between passes: extract them once.
    let all_tags: Vec<Tag> = (0..Tag::NAMES.len()).map(|i| Tag(i as u8)).collect();
    let finite = finite_mask(&all_tags);
    let mut statics: Vec<Vec<u64>> = Vec::with_capacity(sentences.len());
    let mut sentence_words: Vec<Vec<Word>> = Vec::with_capacity(sentences.len());
    let mut dicted: Vec<Vec<Option<u8>>> = Vec::with_capacity(sentences.len());
    let mut rights: Vec<Vec<u8>> = Vec::with_capacity(sentences.len());
    // The dictionary and lexicons count the original sentences only; a
    // capitals copy lands in its original's fold.
    let every = config.caps_copy_every;
    let copies: Vec<(usize, TaggedSentence)> = (0..sentences.len())
        .filter(|i| every > 0 && i % every == every - 1)
        .map(|i| {
            let s = &sentences[i];
            let words = s.words.iter().map(|w| w.to_uppercase()).collect();
            (i % LEXICON_FOLDS, TaggedSentence { words, tags: s.tags.clone() })
        })
        .collect();
    let sentences: Vec<(usize, &TaggedSentence)> = sentences
        .iter()
        .enumerate()
        .map(|(i, s)| (i % LEXICON_FOLDS, s))
        .chain(copies.iter().map(|(fold, s)| (*fold, s)))
        .collect();
    for &(fold, s) in &sentences {
        let lexicon_map = &fold_lexicons[fold];
        let mut caps = CapsCount::default();
        s.words.iter().for_each(|w| caps.add(w));
        let caps = caps.is_caps();
        let mut words = vec![Word::boundary(false); 2];
        words.extend(s.words.iter().map(|w| {
            let mut w = Word::new(w);
            w.classes = lexicon_map.get(&w.lower).copied().unwrap_or(0);
            w
        }));
        words.extend([Word::boundary(true); 2]);
        let mut right = vec![0u8; s.words.len()];
        for i in (0..s.words.len().saturating_sub(1)).rev() {
            right[i] = right[i + 1] | finite_bits(words[i + 3].classes, finite);
        }
        let mut feats = vec![0u64; s.words.len() * N_STATIC];
        for i in 0..s.words.len() {
            let win: &[Word; 5] = words[i..i + 5].try_into().expect("window of 5");
            static_features(win, i == 0, caps, &mut feats[i * N_STATIC..]);
        }
        dicted.push(words[2..2 + s.words.len()].iter().map(|w| dict_map.get(&w.form).copied()).collect());
        sentence_words.push(words[2..2 + s.words.len()].to_vec());
        statics.push(feats);
        rights.push(right);
    }

    let mut index: IdMap<u32> = IdMap::default();
    let mut rows: Vec<Vec<Param>> = Vec::new();
    let mut c: i64 = 1;
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = config.seed;
    let mut feats = [0u64; N_FEATURES];
    for pass in 1..=config.iterations {
        shuffle(&mut order, &mut rng);
        let (mut correct, mut total) = (0usize, 0usize);
        for &si in &order {
            let gold = &sentences[si].1.tags;
            let (mut t1, mut t2) = (START_TAG, START_TAG);
            let mut finite_left = 0u8;
            for i in 0..gold.len() {
                let truth = gold[i].0;
                let guess = match dicted[si][i] {
                    Some(class) => class,
                    None => {
                        feats[..N_STATIC].copy_from_slice(&statics[si][i * N_STATIC..(i + 1) * N_STATIC]);
                        let ctx = finite_left | rights[si][i] << 1;
                        dynamic_features(&sentence_words[si][i], t1, t2, ctx, &mut feats[N_STATIC..]);
                        let guess = predict(&index, &rows, &feats);
                        if guess != truth {
                            for &f in &feats {
                                let row = *index.entry(f).or_insert_with(|| {
                                    rows.push(Vec::new());
                                    (rows.len() - 1) as u32
                                });
                                update(&mut rows[row as usize], truth, 1, c);
                                update(&mut rows[row as usize], guess, -1, c);
                            }
                        }
                        c += 1;
                        guess
                    }
                };
                correct += (guess == truth) as usize;
                total += 1;
                t2 = t1;
                t1 = guess;
                finite_left |= (finite >> guess & 1) as u8;
            }
        }
        progress(pass, correct as f64 / total.max(1) as f64);
    }

    let c = c as f64;
    let mut weights: Vec<(u64, Vec<(u8, f64)>)> = index
        .into_iter()
        .map(|(key, row)| {
            let avg = rows[row as usize]
                .iter()
                .map(|p| (p.class, p.w as f64 - p.u as f64 / c))
                .filter(|&(_, w)| w != 0.0)
                .collect();
            (key, avg)
        })
        .filter(|(_, row): &(u64, Vec<(u8, f64)>)| !row.is_empty())
        .collect();
    weights.sort_unstable_by_key(|w| w.0);
    Trained { dict, lexicon: full_lexicon, weights }
}

fn predict(index: &IdMap<u32>, rows: &[Vec<Param>], feats: &[u64]) -> u8 {
    let mut scores = [0i64; 256];
    for f in feats {
        if let Some(&row) = index.get(f) {
            for p in &rows[row as usize] {
                scores[p.class as usize] += p.w as i64;
            }
        }
    }
    let mut best = 0;
    for c in 1..Tag::NAMES.len() {
        if scores[c] > scores[best] {
            best = c;
        }
    }
    best as u8
}

fn update(row: &mut Vec<Param>, class: u8, delta: i32, c: i64) {
    let p = match row.iter_mut().position(|p| p.class == class) {
        Some(i) => &mut row[i],
        None => {
            row.push(Param { class, w: 0, u: 0 });
            row.last_mut().expect("just pushed")
        }
    };
    p.w += delta;
    p.u += c * delta as i64;
}

/// Frequent, nearly unambiguous word forms and their tag, sorted by key.
fn tag_dictionary(sentences: &[TaggedSentence], config: &TrainConfig) -> Vec<(u64, u8)> {
    let mut counts: HashMap<&str, HashMap<u8, u32>> = HashMap::new();
    for s in sentences {
        for (w, t) in s.words.iter().zip(&s.tags) {
            *counts.entry(w.as_str()).or_default().entry(t.0).or_default() += 1;
        }
    }
    let mut dict: Vec<(u64, u8)> = counts
        .into_iter()
        .filter_map(|(w, tags)| {
            let n: u32 = tags.values().sum();
            let (&tag, &top) = tags.iter().max_by_key(|&(t, n)| (*n, std::cmp::Reverse(*t)))?;
            let ok = n >= config.dict_min_count && top as f64 / n as f64 >= config.dict_min_share;
            ok.then(|| (form_hash(w), tag))
        })
        .collect();
    dict.sort_unstable();
    dict
}

/// Lower-cased word hash → bit set of its training tags, sorted by key.
fn lexicon(sentences: &[TaggedSentence], config: &TrainConfig, keep: impl Fn(usize) -> bool) -> Vec<(u64, u64)> {
    let mut seen: IdMap<(u32, u64)> = IdMap::default();
    for (_, s) in sentences.iter().enumerate().filter(|(i, _)| keep(*i)) {
        for (w, t) in s.words.iter().zip(&s.tags) {
            let e = seen.entry(Word::new(w).lower).or_default();
            e.0 += 1;
            e.1 |= 1 << t.0;
        }
    }
    let mut lex: Vec<(u64, u64)> =
        seen.into_iter().filter(|(_, (n, _))| *n >= config.lexicon_min_count).map(|(k, (_, mask))| (k, mask)).collect();
    lex.sort_unstable();
    lex
}

/// Fisher–Yates with splitmix64, so a seed gives the same model everywhere.
fn shuffle(v: &mut [usize], state: &mut u64) {
    for i in (1..v.len()).rev() {
        *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        v.swap(i, (z % (i as u64 + 1)) as usize);
    }
}

/// Token accuracy of `tagger` on gold sentences.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Accuracy {
    pub correct: usize,
    pub total: usize,
}

impl Accuracy {
    /// Share of tokens tagged correctly, 0 for no tokens.
    pub fn rate(&self) -> f64 {
        self.correct as f64 / self.total.max(1) as f64
    }
}

/// Tags every sentence and counts matches with the gold tags.
pub fn evaluate(tagger: &Tagger, sentences: &[TaggedSentence]) -> Accuracy {
    let mut acc = Accuracy::default();
    let mut out = Vec::new();
    for s in sentences {
        tagger.tag_into(&s.words, &mut out);
        acc.correct += out.iter().zip(&s.tags).filter(|(a, b)| a == b).count();
        acc.total += s.tags.len();
    }
    acc
}
