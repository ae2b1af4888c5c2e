//! The model file format.
//!
//! All integers little-endian:
//!
//! ```text
//! magic      8 bytes  "DYADPOS\0"
//! version    u32      FORMAT_VERSION
//! classes    u16 count, then per class: u8 length + tag name (UTF-8)
//! scale      f32      quantisation step of the weights
//! dictionary u32 count, then per word: u64 form hash + u8 class
//! lexicon    u32 count, then per word: u64 lower-case hash + u64 class bit set
//! features   u32 count, then per feature: u64 key + u8 n + n × (u8 class, i16 weight)
//! checksum   u64      hash of every byte before it
//! ```
//!
//! Tags are stored by name, so the file does not depend on the order of
//! `Tag::NAMES`. The version must change whenever feature extraction does,
//! because the keys are hashes of the templates.

use std::fmt;

use super::Tagger;
use crate::Tag;

const MAGIC: &[u8; 8] = b"DYADPOS\0";
const FORMAT_VERSION: u32 = 1;

/// Why a model could not be decoded.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ModelError {
    /// The bytes do not start with the model magic.
    BadMagic,
    /// A format version this build cannot read.
    UnsupportedVersion(u32),
    /// The data ends in the middle of a field.
    Truncated,
    /// Bytes follow the checksum.
    TrailingBytes,
    /// The checksum does not match the content.
    Checksum,
    /// A class name that is not a Penn Treebank tag.
    UnknownTag(String),
    /// No classes, or more than the tagger supports.
    BadClassCount(usize),
    /// A weight or dictionary entry names a class the model does not have.
    BadClass(u8),
    /// A feature with no weights, or a non-finite or non-positive scale.
    BadValue,
    /// The same key appears twice.
    DuplicateKey(u64),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::BadMagic => f.write_str("not a dyad tagger model (bad magic)"),
            ModelError::UnsupportedVersion(v) => {
                write!(f, "model format version {v} is not supported (want {FORMAT_VERSION})")
            }
            ModelError::Truncated => f.write_str("model data is truncated"),
            ModelError::TrailingBytes => f.write_str("unexpected bytes after the model checksum"),
            ModelError::Checksum => f.write_str("model checksum mismatch (corrupt file)"),
            ModelError::UnknownTag(t) => write!(f, "model uses unknown tag {t:?}"),
            ModelError::BadClassCount(n) => write!(f, "model has an unusable class count {n}"),
            ModelError::BadClass(c) => write!(f, "model refers to missing class {c}"),
            ModelError::BadValue => f.write_str("model contains an invalid value"),
            ModelError::DuplicateKey(k) => write!(f, "model repeats key {k:#018x}"),
        }
    }
}

impl std::error::Error for ModelError {}

/// FNV-1a over 8-byte words; catches truncation and bit flips cheaply.
pub(super) fn checksum(bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = (h ^ u64::from_le_bytes(c.try_into().unwrap())).wrapping_mul(0x0100_0000_01b3);
    }
    for &b in chunks.remainder() {
        h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
    }
    h ^ bytes.len() as u64
}

pub(crate) fn encode(t: &Tagger) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + t.weights.len() * 12 + t.entries.len() * 3);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(t.classes.len() as u16).to_le_bytes());
    for tag in t.classes.iter() {
        let name = tag.name().as_bytes();
        out.push(name.len() as u8);
        out.extend_from_slice(name);
    }
    out.extend_from_slice(&t.scale.to_le_bytes());

    let mut dict: Vec<(u64, u32, u32)> = t.dict.iter().collect();
    dict.sort_unstable();
    out.extend_from_slice(&(dict.len() as u32).to_le_bytes());
    for (key, class, _) in dict {
        out.extend_from_slice(&key.to_le_bytes());
        out.push(class as u8);
    }

    let mut lexicon: Vec<(u64, u32, u32)> = t.lexicon.iter().collect();
    lexicon.sort_unstable();
    out.extend_from_slice(&(lexicon.len() as u32).to_le_bytes());
    for (key, lo, hi) in lexicon {
        out.extend_from_slice(&key.to_le_bytes());
        out.extend_from_slice(&((hi as u64) << 32 | lo as u64).to_le_bytes());
    }

    let mut feats: Vec<(u64, u32, u32)> = t.weights.iter().collect();
    feats.sort_unstable();
    out.extend_from_slice(&(feats.len() as u32).to_le_bytes());
    for (key, start, len) in feats {
        out.extend_from_slice(&key.to_le_bytes());
        out.push(len as u8);
        for &e in &t.entries[start as usize..(start + len) as usize] {
            out.push((e >> 16) as u8);
            out.extend_from_slice(&(e as u16).to_le_bytes());
        }
    }
    let sum = checksum(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or(ModelError::Truncated)?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        Ok(self.take(N)?.try_into().expect("take returns N bytes"))
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, ModelError> {
        self.array().map(u16::from_le_bytes)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        self.array().map(u32::from_le_bytes)
    }
    fn u64(&mut self) -> Result<u64, ModelError> {
        self.array().map(u64::from_le_bytes)
    }
    /// A count of items at least `min_size` bytes each, checked against
    /// the bytes left so a corrupt count cannot trigger a huge allocation.
    fn count(&mut self, min_size: usize) -> Result<usize, ModelError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_size) > self.bytes.len() - self.pos {
            return Err(ModelError::Truncated);
        }
        Ok(n)
    }
}

pub(crate) fn decode(bytes: &[u8]) -> Result<Tagger, ModelError> {
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(ModelError::BadMagic);
    }
    let mut r = Reader { bytes, pos: MAGIC.len() };
    let version = r.u32()?;
    if version != FORMAT_VERSION {
        return Err(ModelError::UnsupportedVersion(version));
    }
    if bytes.len() < r.pos + 8 {
        return Err(ModelError::Truncated);
    }
    let (body, sum) = bytes.split_at(bytes.len() - 8);
    if checksum(body) != u64::from_le_bytes(sum.try_into().expect("8 bytes")) {
        // A short file fails here too; say which, as it is the likelier story.
        return Err(ModelError::Checksum);
    }
    let mut r = Reader { bytes: body, pos: r.pos };

    let n_classes = r.u16()? as usize;
    let mut classes = Vec::with_capacity(n_classes.min(256));
    for _ in 0..n_classes {
        let len = r.u8()? as usize;
        let name = std::str::from_utf8(r.take(len)?).map_err(|_| ModelError::BadValue)?;
        classes.push(Tag::from_name(name).ok_or_else(|| ModelError::UnknownTag(name.into()))?);
    }
    let scale = f32::from_le_bytes(r.array()?);
    if !scale.is_finite() || scale <= 0.0 {
        return Err(ModelError::BadValue);
    }

    let n_dict = r.count(9)?;
    let mut dict = Vec::with_capacity(n_dict);
    for _ in 0..n_dict {
        dict.push((r.u64()?, r.u8()?));
    }

    let n_lexicon = r.count(16)?;
    let mut lexicon = Vec::with_capacity(n_lexicon);
    for _ in 0..n_lexicon {
        lexicon.push((r.u64()?, r.u64()?));
    }

    let n_feats = r.count(12)?;
    let mut feats = Vec::with_capacity(n_feats);
    for _ in 0..n_feats {
        let key = r.u64()?;
        let n = r.u8()? as usize;
        if n == 0 {
            return Err(ModelError::BadValue);
        }
        let mut row = Vec::with_capacity(n);
        for _ in 0..n {
            row.push((r.u8()?, r.u16()? as i16));
        }
        feats.push((key, row));
    }
    if r.pos != body.len() {
        return Err(ModelError::TrailingBytes);
    }
    Tagger::from_parts(classes, scale, &dict, &lexicon, feats)
}
