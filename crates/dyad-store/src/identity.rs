//! Stable fingerprints: article identity, near-duplicate text, days.
//!
//! Everything here must give the same answer in every dyad version, since
//! the values are stored: the content hash is SHA-256, the near-duplicate
//! fingerprint is a MinHash signature over FNV-1a hashes of word shingles,
//! both spelled out below.

use sha2::{Digest, Sha256};

/// The content hash of an article text: the first 32 hex digits (128 bits)
/// of the SHA-256 of its UTF-8 bytes.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// The store id of an article: its own id when the input gave one, else
/// `sha256:` and its [`content_hash`]. Re-ingesting the same text without an
/// id therefore finds the stored copy.
pub fn article_id(given_id: Option<&str>, text: &str) -> String {
    match given_id {
        Some(id) if !id.is_empty() => id.to_string(),
        _ => format!("sha256:{}", content_hash(text)),
    }
}

/// Least share of MinHash positions two texts must agree in to be taken
/// for copies of one article (syndicated or lightly edited): an estimate of
/// the Jaccard similarity of their sets of word shingles. Articles on the
/// same story by different writers share few three-word shingles (well
/// under 0.2); copies with a changed headline, byline or sentence share
/// most.
pub const NEAR_DUPLICATE_SIMILARITY: f64 = 0.7;

/// Words per shingle in [`minhash`].
const SHINGLE_WORDS: usize = 3;

/// Hashes per MinHash signature.
pub const MINHASH_LEN: usize = 64;

/// MinHash signature (Broder 1997) of a text, [`MINHASH_LEN`] values: the
/// text is lower-cased and cut into words (runs of alphanumeric
/// characters); every run of three consecutive words, joined by single
/// spaces, is hashed with 64-bit FNV-1a; signature value `i` is the
/// minimum over the shingles of the low 32 bits of
/// `splitmix64(shingle_hash ^ SEEDS[i])`, where `SEEDS[i]` is
/// `splitmix64(i + 1)`. Texts of fewer than three words are one shingle.
pub fn minhash(text: &str) -> Vec<u32> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    // FNV-1a of the words joined by spaces, without building the string.
    let joined_hash = |ws: &[&str]| -> u64 {
        let mut h = FNV_OFFSET;
        for (i, w) in ws.iter().enumerate() {
            let space: &[u8] = if i == 0 { b"" } else { b" " };
            for &b in space.iter().chain(w.as_bytes()) {
                h = (h ^ b as u64).wrapping_mul(FNV_PRIME);
            }
        }
        h
    };
    let mut shingles: Vec<u64> = if words.len() < SHINGLE_WORDS {
        vec![joined_hash(&words)]
    } else {
        words.windows(SHINGLE_WORDS).map(joined_hash).collect()
    };
    shingles.sort_unstable();
    shingles.dedup();
    let seeds: Vec<u64> = (0..MINHASH_LEN as u64).map(|i| splitmix64(i + 1)).collect();
    seeds.iter().map(|&seed| shingles.iter().map(|&h| splitmix64(h ^ seed) as u32).min().unwrap_or(u32::MAX)).collect()
}

/// Packs a signature as little-endian bytes, as stored.
pub(crate) fn minhash_bytes(signature: &[u32]) -> Vec<u8> {
    signature.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// Reads a stored signature.
pub(crate) fn minhash_from_bytes(bytes: &[u8]) -> Vec<u32> {
    bytes.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect()
}

/// True when two MinHash signatures agree in at least
/// [`NEAR_DUPLICATE_SIMILARITY`] of their positions.
pub fn near_duplicates(a: &[u32], b: &[u32]) -> bool {
    if a.is_empty() || a.len() != b.len() {
        return false;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 >= NEAR_DUPLICATE_SIMILARITY * a.len() as f64
}

/// splitmix64's output function (Steele, Lea and Flood 2014).
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// 64-bit FNV-1a.
#[cfg(test)]
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |h, &b| (h ^ b as u64).wrapping_mul(FNV_PRIME))
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date, or None when `s` is not
/// one.
pub fn day_number(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = s[0..4].parse().ok()?;
    let m: i64 = s[5..7].parse().ok()?;
    let d: i64 = s[8..10].parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The `YYYY-MM-DD` date of a day number (days since 1970-01-01): the
/// inverse of [`day_number`].
pub fn day_string(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Howard Hinnant's civil_from_days.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// The current time as RFC 3339 UTC with seconds (`2026-11-29T10:57:38Z`).
pub fn now_rfc3339() -> String {
    let secs =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem / 60 % 60, rem % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable() {
        // Stored values: these must never change between versions.
        assert_eq!(content_hash("abc"), "ba7816bf8f01cfea414140de5dae2223");
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(article_id(Some("x1"), "t"), "x1");
        assert_eq!(article_id(None, "abc"), "sha256:ba7816bf8f01cfea414140de5dae2223");
    }

    #[test]
    fn minhash_tells_copies_from_other_articles() {
        let story = "Syrian Democratic Forces fighters captured the town of Baghouz on Saturday after weeks \
                     of fighting, a spokesman said, adding that hundreds of Islamic State militants had \
                     surrendered and that civilians were being evacuated to camps in the north of the country.";
        let copy = story.replace("a spokesman said", "a spokesman told reporters");
        let other = "The European Union agreed on Monday to extend sanctions against Russia for another six \
                     months, diplomats said, as ministers met in Brussels to discuss the war in Ukraine and \
                     the bloc's energy supplies ahead of the winter months and rising prices.";
        assert!(near_duplicates(&minhash(story), &minhash(&copy)));
        assert!(!near_duplicates(&minhash(story), &minhash(other)));
        assert_eq!(minhash(story), minhash(&story.to_uppercase()));
        let signature = minhash(story);
        assert_eq!(minhash_from_bytes(&minhash_bytes(&signature)), signature);
        // Stored values: must never change between versions.
        assert_eq!(splitmix64(1), 0x910a_2dec_8902_5cc1);
        assert_eq!(minhash("alpha beta gamma")[0], splitmix64(fnv1a(b"alpha beta gamma") ^ splitmix64(1)) as u32);
        assert_eq!(minhash("Alpha, beta.")[3], splitmix64(fnv1a(b"alpha beta") ^ splitmix64(4)) as u32);
    }

    #[test]
    fn days() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
        assert_eq!(day_number("2024-03-01").unwrap() - day_number("2024-02-28").unwrap(), 2);
        assert_eq!(day_number("2024-13-01"), None);
        assert_eq!(day_number("2024-01"), None);
        assert_eq!(now_rfc3339().len(), 20);
        for day in ["1970-01-01", "2000-02-29", "2024-12-31", "1899-03-01"] {
            assert_eq!(day_string(day_number(day).unwrap()), day);
        }
    }
}
