//! The place record and its kinds.

use std::fmt;

/// Index of a place in its [`Gazetteer`](crate::Gazetteer) (its line number
/// among the data lines). Stable only for one build of the data file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlaceId(pub u32);

impl PlaceId {
    /// The id as a `usize` index.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// What kind of place a record is, in GDELT's coarse terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    /// A country or dependent territory (GeoNames' country list).
    Country,
    /// A first-level administrative region (state, province, oblast).
    Adm1,
    /// A city or town (GeoNames populated place of 15,000+ people).
    City,
    /// A hand-written region that is not an administrative unit, or whose
    /// usual name is not the official one: Donbas, Kashmir, the Red Sea.
    Region,
}

impl PlaceKind {
    /// The name used in the data file.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Adm1 => "adm1",
            PlaceKind::City => "city",
            PlaceKind::Region => "region",
        }
    }

    /// Parses [`as_str`](Self::as_str) output.
    pub fn parse(s: &str) -> Option<PlaceKind> {
        Some(match s {
            "country" => PlaceKind::Country,
            "adm1" => PlaceKind::Adm1,
            "city" => PlaceKind::City,
            "region" => PlaceKind::Region,
            _ => return None,
        })
    }
}

impl fmt::Display for PlaceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One gazetteer entry, with the fields GDELT's geography columns need.
///
/// Text fields borrow from the data file (`'static` for
/// [`Gazetteer::embedded`](crate::Gazetteer::embedded)), which makes loading
/// several times faster than owning them.
#[derive(Clone, Debug, PartialEq)]
pub struct Place<'a> {
    /// Index of this place in the gazetteer.
    pub id: PlaceId,
    /// Preferred name (GeoNames' name, which may carry diacritics: "Khān Yūnis").
    pub name: &'a str,
    /// Other Latin-script names and spellings ("Kiev" for Kyiv).
    pub alt_names: Vec<&'a str>,
    pub kind: PlaceKind,
    /// Country code as dyad/CAMEO use it: ISO 3166 alpha-3, except `KSV`
    /// (Kosovo) and `TMP` (East Timor). Empty for regions that belong to no
    /// single state (seas, the Sahel); see `other_countries` for those.
    pub country: &'a str,
    /// Further countries a region touches or that dispute it (Kashmir: PAK,
    /// CHN). Empty for countries, admin-1 regions and cities.
    pub other_countries: Vec<&'a str>,
    /// FIPS 10-4 country code, as GDELT's `*Geo_CountryCode` (`UP` for
    /// Ukraine, `GZ` for the Gaza Strip).
    pub fips: Option<&'a str>,
    /// GDELT-style admin-1 code: FIPS country code + GeoNames admin-1 code
    /// (`UP14` Luhansk, `USGA` Georgia). For most countries GeoNames' admin-1
    /// codes are the FIPS ones GDELT uses; for the US they are postal codes,
    /// as in GDELT.
    pub adm1: Option<&'a str>,
    /// Name of the admin-1 region, where known.
    pub adm1_name: Option<&'a str>,
    /// Representative point: for cities the GeoNames point, for countries a
    /// rough centre, for admin-1 regions the mean of their towns, for
    /// hand-written regions a point chosen by hand.
    pub lat: f64,
    pub lon: f64,
    /// GeoNames feature id, where the place is a GeoNames feature.
    pub feature_id: Option<u32>,
    /// Population from GeoNames (cities, countries); for admin-1 regions a
    /// rough sum over their towns; 0 for hand-written regions.
    pub population: u64,
}

impl<'a> Place<'a> {
    /// All names of the place: the preferred one first.
    pub fn names(&self) -> impl Iterator<Item = &'a str> + '_ {
        std::iter::once(self.name).chain(self.alt_names.iter().copied())
    }

    /// Whether `code` (alpha-3) is the place's country or one of its other countries.
    pub fn in_country(&self, code: &str) -> bool {
        self.country == code || self.other_countries.contains(&code)
    }
}
