//! Choosing one place for an ambiguous name.
//!
//! A name like "Paris", "Georgia" or "Tripoli" has several candidates. The
//! document around it usually settles the question: an article about Texas
//! politics that says "Paris" means Paris, Texas. [`Context`] carries the
//! countries the document has already mentioned (through actors and other
//! places). The scoring is described in the crate docs, section
//! "Disambiguation"; the constants are here.

use std::collections::HashMap;

use crate::place::{Place, PlaceKind};

/// Weight given to the context, in units of ln(population): a full-weight
/// context country outweighs a population ratio of about e^10 ≈ 22,000.
pub const CONTEXT_BONUS: f64 = 10.0;
const COUNTRY_BONUS: f64 = 8.0;
const REGION_BONUS: f64 = 16.0;
/// Penalty of an admin-1 region that shares its name with a city of its country.
const ADM1_SHADOWED: f64 = 8.0;
/// Penalty of a city matched only through an alternate name (e^5 ≈ 150 in population).
const CITY_ALT_NAME: f64 = 5.0;
/// Softness of the confidence: a score lead of this much gives odds of e:1.
const TEMPERATURE: f64 = 1.5;
/// Candidates closer than this to the winner do not compete with it: they are
/// the same spot at the resolution GDELT-style output has (city vs province).
const SAME_SPOT_KM: f64 = 150.0;

/// Countries seen so far in a document, with weights (e.g. mention counts).
#[derive(Clone, Debug, Default)]
pub struct Context {
    weights: HashMap<String, f32>,
    total: f32,
}

impl Context {
    /// An empty context: resolution falls back to population and kind.
    pub fn new() -> Context {
        Context::default()
    }

    /// Adds `weight` for a country. `code` is an alpha-3 country code or a
    /// CAMEO actor code starting with one (`USAGOV` counts for `USA`); ISO
    /// `XKX` and `TLS` count as dyad's `KSV` and `TMP`. Codes that do not
    /// start with three ASCII letters, and non-positive weights, are ignored.
    pub fn add(&mut self, code: &str, weight: f32) {
        let Some(c) = code.get(..3) else { return };
        if !c.bytes().all(|b| b.is_ascii_alphabetic()) || !weight.is_finite() || weight <= 0.0 {
            return;
        }
        let c = canonical_country(&c.to_ascii_uppercase()).to_string();
        *self.weights.entry(c).or_insert(0.0) += weight;
        self.total += weight;
    }

    /// Builder form of [`add`](Self::add).
    pub fn with(mut self, code: &str, weight: f32) -> Context {
        self.add(code, weight);
        self
    }

    /// Whether no country has been added.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// Share (0..=1) of the total weight that falls on `code`.
    pub fn share(&self, code: &str) -> f32 {
        match self.weights.get(code) {
            Some(w) if self.total > 0.0 => w / self.total,
            _ => 0.0,
        }
    }

    /// Context support for a place: full share for its country, half for
    /// its other countries (a region shared between states).
    fn support(&self, p: &Place<'_>) -> f64 {
        let own = if p.country.is_empty() { 0.0 } else { self.share(p.country) };
        let others = p.other_countries.iter().map(|&c| self.share(c)).fold(0.0f32, f32::max);
        f64::from(own.max(others * 0.5))
    }
}

/// dyad's code for an ISO alpha-3 code where the two differ.
pub(crate) fn canonical_country(alpha3: &str) -> &str {
    match alpha3 {
        "XKX" => "KSV",
        "TLS" => "TMP",
        other => other,
    }
}

/// Scores candidates and picks the best, with a confidence in (0, 1].
///
/// `key` is the [`name_key`](crate::name_key) looked up: a city found only
/// through an alternate name that is not a spelling variant of its main name
/// is penalised, since GeoNames' alternates include old and foreign names
/// ("Bethlehem" for Belém) that news rarely means. Variants such as "Kiev"
/// (Kyiv), "Odessa" (Odesa) and "Lugansk" (Luhansk) are not.
pub(crate) fn choose(candidates: &[&Place<'_>], key: &str, ctx: &Context) -> Option<(usize, f32)> {
    if candidates.is_empty() {
        return None;
    }
    let scores: Vec<f64> = candidates
        .iter()
        .map(|p| {
            let kind_bonus = match p.kind {
                PlaceKind::Country => COUNTRY_BONUS,
                PlaceKind::Region => REGION_BONUS,
                PlaceKind::City => 0.0,
                PlaceKind::Adm1 => {
                    let shadowed = candidates.iter().any(|q| q.kind == PlaceKind::City && q.country == p.country);
                    if shadowed {
                        -ADM1_SHADOWED
                    } else {
                        0.0
                    }
                }
            };
            let foreign = p.kind == PlaceKind::City && !is_spelling_variant(key, &crate::name_key(p.name));
            let alt_penalty = if foreign { CITY_ALT_NAME } else { 0.0 };
            (1.0 + p.population as f64).ln() + kind_bonus - alt_penalty + CONTEXT_BONUS * ctx.support(p)
        })
        .collect();
    // Ties go to the earlier place in the file (countries, then admin-1,
    // regions, then cities by falling population).
    let best = (0..scores.len())
        .reduce(|a, b| {
            if scores[b] > scores[a] || (scores[b] == scores[a] && candidates[b].id < candidates[a].id) {
                b
            } else {
                a
            }
        })
        .unwrap_or(0);
    let winner = candidates[best];
    let rivals: f64 = (0..scores.len())
        .filter(|&i| i != best && distance_km(candidates[i], winner) > SAME_SPOT_KM)
        .map(|i| ((scores[i] - scores[best]) / TEMPERATURE).exp())
        .sum();
    Some((best, (1.0 / (1.0 + rivals)) as f32))
}

/// Whether two keys are the same name spelt differently: same first letter and
/// an edit distance of at most two, or of a third of the length.
fn is_spelling_variant(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.first() != b.first() {
        return false;
    }
    let allowed = (a.len().max(b.len()) / 3).max(2);
    if a.len().abs_diff(b.len()) > allowed {
        return false;
    }
    edit_distance(&a, &b) <= allowed
}

fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Great-circle distance between two places, in kilometres.
pub fn distance_km(a: &Place<'_>, b: &Place<'_>) -> f64 {
    let (la1, la2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = la2 - la1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::is_spelling_variant;

    #[test]
    fn spelling_variants() {
        for (a, b) in [("kiev", "kyiv"), ("odessa", "odesa"), ("kharkov", "kharkiv"), ("lugansk", "luhansk")] {
            assert!(is_spelling_variant(a, b), "{a} {b}");
        }
        for (a, b) in [("bethlehem", "belem"), ("bombay", "mumbai"), ("victoria", "asheville"), ("canton", "guangzhou")]
        {
            assert!(!is_spelling_variant(a, b), "{a} {b}");
        }
    }
}
