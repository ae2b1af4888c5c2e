//! dyad's embedded gazetteer: place names to countries and coordinates.
//!
//! The data (data/gazetteer.tsv, built by tools/build_gazetteer.py) is
//! compiled into the crate, so geocoding needs no files and no network:
//!
//! * every country (ISO alpha-3 as dyad uses it, FIPS 10-4 as GDELT uses it),
//! * first-level administrative regions (states, provinces, oblasts),
//! * every GeoNames city or town of 15,000+ people, with its Latin-script
//!   alternate names ("Kiev", "Lugansk", "Kharkov"),
//! * hand-written regions that are no administrative unit, with a
//!   representative point (Donbas, Kashmir, Gaza Strip, Red Sea, Sahel).
//!
//! Place data from GeoNames (<https://www.geonames.org>), CC BY 4.0.
//!
//! Finding place names in text is the caller's job: [`Gazetteer::lookup`]
//! answers for one candidate phrase (up to [`Gazetteer::max_name_tokens`]
//! words), [`Gazetteer::resolve`] picks one place using the document's
//! countries as [`Context`].
//!
//! # Matching text
//!
//! Lookup is case-insensitive and folds diacritics, apostrophes and hyphens
//! ([`name_key`]); if nothing matches, looser forms are tried
//! ([`compact_keys`]: "Deir Ezzor" finds Deir ez-Zor). The build drops
//! alternate names and small towns that are everyday English words ("From",
//! "Police"), but real places that are also words remain ("Nice", "Mobile",
//! "Split", "Reading", "Alliance"): callers should look up capitalised
//! phrases only and be wary of sentence-initial words.
//!
//! # Disambiguation
//!
//! [`Gazetteer::resolve`] scores each candidate as
//!
//! ```text
//! ln(1 + population) + kind bonus − alternate-name penalty + 10 × context share
//! ```
//!
//! * kind bonus: countries +8 ("Georgia" is the country by default),
//!   hand-written regions +16 (their population is unknown, and they exist
//!   because news means them), admin-1 regions −8 when a city of the same name
//!   in the same country competes ("Donetsk" is the city, as in GDELT);
//! * a city matched only by an alternate name that is not a spelling variant
//!   of its main name loses 5 ("Bethlehem" is not Belém; "Kiev" is Kyiv);
//! * context share: the share of the [`Context`] weight on the candidate's
//!   country (half of it for a region's other countries).
//!
//! The confidence is a softmax of the scores (temperature 1.5) over the
//! winner and the candidates more than 150 km away from it, so a city and
//! its own province do not count as rivals.
//!
//! # Example
//! ```
//! use dyad_geo::{Context, Gazetteer, PlaceKind};
//! let gaz = Gazetteer::embedded();
//! let (id, conf) = gaz.resolve("Kiev", &Context::new()).unwrap();
//! let kyiv = gaz.place(id);
//! assert_eq!((kyiv.name, kyiv.country), ("Kyiv", "UKR"));
//! assert!(conf > 0.9);
//!
//! // "Paris" is Paris, France, unless the document is about the US.
//! let texas = Context::new().with("USA", 3.0);
//! let (id, _) = gaz.resolve("Paris", &texas).unwrap();
//! assert_eq!(gaz.place(id).country, "USA");
//!
//! let georgia = gaz.place(gaz.resolve("Georgia", &Context::new()).unwrap().0);
//! assert_eq!(georgia.kind, PlaceKind::Country);
//! ```

mod format;
mod hash;
mod normalize;
mod place;
mod resolve;

use std::collections::HashMap;
use std::sync::OnceLock;

pub use format::{parse, write_place, FormatError};
pub use normalize::{compact_keys, name_key, name_key_into};
pub use place::{Place, PlaceId, PlaceKind};
pub use resolve::{distance_km, Context, CONTEXT_BONUS};

/// The embedded data file, as written by tools/build_gazetteer.py.
pub const EMBEDDED_TSV: &str = include_str!("../data/gazetteer.tsv");

/// Keys shorter than this are not indexed: "U.S." → "us" would match the
/// pronoun, and two-letter names are mostly codes.
const MIN_KEY_LEN: usize = 3;

/// A set of places with a name index, borrowing its text from the data
/// file it was parsed from.
#[derive(Debug)]
pub struct Gazetteer<'a> {
    places: Vec<Place<'a>>,
    names: NameIndex,
    /// Fallback index over [`compact_keys`] forms.
    compact: NameIndex,
    countries: HashMap<&'a str, PlaceId>,
}

impl<'a> Gazetteer<'a> {
    /// The gazetteer compiled into this crate, parsed on first use (about
    /// 40 ms in a release build) and shared afterwards.
    pub fn embedded() -> &'static Gazetteer<'static> {
        static GAZ: OnceLock<Gazetteer<'static>> = OnceLock::new();
        GAZ.get_or_init(|| {
            Gazetteer::from_tsv(EMBEDDED_TSV).expect("embedded gazetteer.tsv is valid (checked by tests)")
        })
    }

    /// Parses a gazetteer file (format in data/README.md and [`write_place`]).
    pub fn from_tsv(text: &'a str) -> Result<Gazetteer<'a>, FormatError> {
        Ok(Gazetteer::from_places(parse(text)?))
    }

    /// Builds the indexes over `places`; their ids are reset to their positions.
    pub fn from_places(mut places: Vec<Place<'a>>) -> Gazetteer<'a> {
        let mut countries = HashMap::new();
        for (i, p) in places.iter_mut().enumerate() {
            p.id = PlaceId(i as u32);
            if p.kind == PlaceKind::Country {
                countries.entry(p.country).or_insert(p.id);
            }
        }
        let (names, compact) = NameIndex::build_pair(&places);
        Gazetteer { places, names, compact, countries }
    }

    /// All places, in id order.
    pub fn places(&self) -> &[Place<'a>] {
        &self.places
    }

    /// The place with this id. Panics if `id` is out of range (an id from
    /// another gazetteer).
    pub fn place(&self, id: PlaceId) -> &Place<'a> {
        &self.places[id.index()]
    }

    /// Ids of all places one of whose names has the same [`name_key`] as
    /// `name`, in file order (countries, admin-1, regions, then cities by
    /// falling population). Empty if none, and for keys under three bytes.
    ///
    /// If no name has the same key, looser forms are tried (see
    /// [`compact_keys`]): "Deir Ezzor" finds Deir ez-Zor, "Diwaniyah" finds
    /// Al Diwaniyah.
    pub fn lookup(&self, name: &str) -> &[PlaceId] {
        self.lookup_key(&name_key(name))
    }

    fn lookup_key(&self, key: &str) -> &[PlaceId] {
        let exact = self.names.get(key);
        if !exact.is_empty() {
            return exact;
        }
        compact_keys(key).map(|k| self.compact.get(&k)).find(|ids| !ids.is_empty()).unwrap_or(&[])
    }

    /// Places for `name`, as references.
    pub fn candidates(&self, name: &str) -> impl Iterator<Item = &Place<'a>> {
        self.lookup(name).iter().map(|&id| self.place(id))
    }

    /// The country record for an alpha-3 code (dyad's `KSV`/`TMP` or ISO's
    /// `XKX`/`TLS`; case-insensitive). Its point is a rough centre.
    pub fn country(&self, alpha3: &str) -> Option<&Place<'a>> {
        let code = alpha3.to_ascii_uppercase();
        let id = self.countries.get(resolve::canonical_country(&code))?;
        Some(self.place(*id))
    }

    /// Picks the most likely place for `name` given the document `context`,
    /// with a confidence in (0, 1] that is lower when other, distant
    /// candidates score close to the winner. `None` if the name is unknown.
    /// The scoring is described in the [crate docs](crate#disambiguation).
    pub fn resolve(&self, name: &str, context: &Context) -> Option<(PlaceId, f32)> {
        let key = name_key(name);
        let cands: Vec<&Place<'a>> = self.lookup_key(&key).iter().map(|&id| self.place(id)).collect();
        resolve::choose(&cands, &key, context).map(|(i, conf)| (cands[i].id, conf))
    }

    /// Greatest number of space-separated words in any indexed name key:
    /// phrases longer than this never match.
    pub fn max_name_tokens(&self) -> usize {
        self.names.max_tokens
    }

    /// Number of distinct name keys in the index.
    pub fn name_count(&self) -> usize {
        self.names.keys
    }
}

/// Name key → place ids, stored as key hashes sorted next to their ids, so
/// that a key's places are one contiguous slice. Keys themselves are not
/// kept; building checks that no two distinct keys share a hash (and picks
/// another seed if they do).
#[derive(Debug)]
struct NameIndex {
    seed: u64,
    hashes: Vec<u64>,
    /// Second hash of each entry's key, to reject unindexed keys that collide.
    checks: Vec<u32>,
    ids: Vec<PlaceId>,
    keys: usize,
    max_tokens: usize,
}

/// One indexed key: (hash, place, check hash, word count).
type Entry = (u64, PlaceId, u32, u32);

impl NameIndex {
    /// The exact index (every name's [`name_key`]) and the fallback index
    /// (their [`compact_keys`] forms), from one pass over the names.
    fn build_pair(places: &[Place<'_>]) -> (NameIndex, NameIndex) {
        let mut seeds = (0u64, 0u64);
        loop {
            let (exact, compact) = NameIndex::entries(places, seeds);
            match (NameIndex::try_build(exact, seeds.0), NameIndex::try_build(compact, seeds.1)) {
                (Some(e), Some(c)) => return (e, c),
                // A 64-bit collision between two distinct keys: practically
                // never, but then the colliding index gets another seed.
                (e, c) => seeds = (seeds.0 + u64::from(e.is_none()), seeds.1 + u64::from(c.is_none())),
            }
        }
    }

    /// (hash, place, check hash, word count) per indexed key, exact and
    /// compact; the keys themselves are never stored, which keeps loading fast.
    fn entries(places: &[Place<'_>], (seed, cseed): (u64, u64)) -> (Vec<Entry>, Vec<Entry>) {
        let mut exact: Vec<Entry> = Vec::with_capacity(places.len() * 5);
        let mut compact: Vec<Entry> = Vec::with_capacity(places.len() * 5);
        let (mut buf, mut joined, mut bare) = (String::new(), String::new(), String::new());
        for p in places {
            for name in p.names() {
                name_key_into(name, &mut buf);
                if buf.len() < MIN_KEY_LEN {
                    continue;
                }
                let words = buf.bytes().filter(|&b| b == b' ').count() as u32 + 1;
                exact.push((hash::key_hash(&buf, seed), p.id, check_hash(&buf, seed), words));
                let forms = normalize::compact_keys_into(&buf, &mut joined, &mut bare);
                for k in [&joined, &bare].into_iter().take(forms) {
                    compact.push((hash::key_hash(k, cseed), p.id, check_hash(k, cseed), words));
                }
            }
        }
        (exact, compact)
    }

    /// The index under `seed`, or `None` if two distinct keys (different
    /// check hashes) share a main hash.
    fn try_build(mut entries: Vec<Entry>, seed: u64) -> Option<NameIndex> {
        entries.sort_unstable();
        let mut hashes = Vec::with_capacity(entries.len());
        let mut checks = Vec::with_capacity(entries.len());
        let mut ids = Vec::with_capacity(entries.len());
        let (mut keys, mut max_tokens) = (0, 0);
        let mut prev: Option<(u64, PlaceId, u32)> = None;
        for (h, id, check, words) in entries {
            match prev {
                Some((ph, _, pc)) if ph == h && pc != check => return None,
                // One place may spell a key several ways ("Kyiv", "Kyïv").
                Some((ph, pid, _)) if ph == h && pid == id => continue,
                Some((ph, _, _)) if ph == h => {}
                _ => {
                    keys += 1;
                    max_tokens = max_tokens.max(words as usize);
                }
            }
            prev = Some((h, id, check));
            hashes.push(h);
            checks.push(check);
            ids.push(id);
        }
        Some(NameIndex { seed, hashes, checks, ids, keys, max_tokens })
    }

    fn get(&self, key: &str) -> &[PlaceId] {
        if key.len() < MIN_KEY_LEN {
            return &[];
        }
        let h = hash::key_hash(key, self.seed);
        let start = self.hashes.partition_point(|&x| x < h);
        let end = start + self.hashes[start..].partition_point(|&x| x == h);
        let ids = &self.ids[start..end];
        // A key that was never indexed can still share a hash with one that
        // was; a second, independent hash tells them apart.
        match self.checks.get(start) {
            Some(&c) if !ids.is_empty() && c != check_hash(key, self.seed) => &[],
            _ => ids,
        }
    }
}

fn check_hash(key: &str, seed: u64) -> u32 {
    (hash::key_hash(key, seed ^ 0x9e37_79b9_7f4a_7c15) >> 32) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colliding_keys_are_rejected_and_duplicates_merged() {
        // Same main hash, different check hash: two distinct keys collide.
        let clash = vec![(7, PlaceId(0), 1, 1), (7, PlaceId(1), 2, 1)];
        assert!(NameIndex::try_build(clash, 0).is_none());
        // One key spelt twice by place 1 ("Kyiv", "Kyïv") is listed once.
        let dup = vec![(7, PlaceId(1), 1, 2), (7, PlaceId(0), 1, 2), (7, PlaceId(1), 1, 2), (9, PlaceId(2), 3, 4)];
        let index = NameIndex::try_build(dup, 0).unwrap();
        assert_eq!(index.ids, [PlaceId(0), PlaceId(1), PlaceId(2)]);
        assert_eq!((index.keys, index.max_tokens), (2, 4));
    }
}
