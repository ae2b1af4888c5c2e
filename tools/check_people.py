#!/usr/bin/env python3
"""Validate dict/people.txt (stdlib only).

Usage: python3 tools/check_people.py [PEOPLE_TXT] [--codes COUNTRY_CODES_TSV] [--quiet] [--selftest]

Checks, reported as FILE:LINE: message:
  errors
    * a code line before any name line; an empty name; a malformed line
    * a code that is not blocks of three capitals, or whose first block is
      neither a country code (from the CAMEO country table, when it can be
      read) nor a transnational prefix (IGO IMG NGO NGM INT MNC UIS) nor a
      CAMEO region code
    * a bad date, FROM after UNTIL, ranges of one person out of order or
      overlapping, an undated code mixed with dated ones, a person with no code
    * the same name twice for one person, or one name (case-insensitively)
      listed for two persons
  warnings
    * a gap between two ranges of one person (the coder then falls back to
      the most recent entry, which is rarely what was meant)
    * a one-word name that is also the last word of another person's name
      (an ambiguous surname), unless the name line carries the comment
      "shared-surname-ok"
Prints counts at the end; exits 1 when there are errors.
"""
import argparse
import datetime as dt
import os
import re
import sys

TRANSNATIONAL = {"IGO", "IMG", "NGO", "NGM", "INT", "MNC", "UIS"}
# CAMEO transnational region codes (manual, "Regional codes"); they are
# legitimate first blocks for groups such as AFRREB or MEAREB.
REGIONS = {
    "AFR", "ASA", "BLK", "CRB", "CAU", "CFR", "CAS", "CEU", "EIN", "EAF", "EEU",
    "EUR", "LAM", "MEA", "MDT", "NAF", "NMR", "PGS", "SCN", "SAS", "SEA", "SAF",
    "WAF", "WST",
}
DEFAULT_CODES = "/work/shared/data/cameo-codebook/cameo_country_codes.tsv"
CODE_RE = re.compile(r"^(?:[A-Z]{3})+$")
RANGE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})?\.\.(\d{4}-\d{2}-\d{2})?$")
HEADER_RE = re.compile(r"^#\s*---\s*(.+?)\s*---\s*$")


def strip_comment(line):
    """Split off a comment: '#' at the line start or after whitespace."""
    for i, ch in enumerate(line):
        if ch == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i], line[i + 1:]
    return line, ""


def load_countries(path):
    """First blocks allowed by the CAMEO country table, or None if unreadable."""
    try:
        with open(path, encoding="utf-8") as f:
            rows = f.read().splitlines()[1:]
    except OSError:
        return None
    codes = set()
    for row in rows:
        cols = row.split("\t")
        if len(cols) >= 2 and re.fullmatch(r"[A-Z]{3,}", cols[1]):
            codes.add(cols[1][:3])
    return codes


def surname_key(word):
    """Compare surnames without case or an Arabic article ("al-Assad" ~ "Assad")."""
    k = word.casefold()
    for art in ("al-", "el-", "al ", "el "):
        if k.startswith(art) and len(k) > len(art) + 2:
            return k[len(art):]
    return k


def parse_date(s):
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        return None


class Person:
    def __init__(self, lineno, names, shared_ok):
        self.lineno = lineno
        self.names = names
        self.shared_ok = shared_ok
        self.codes = []  # (lineno, code, from, until, dated)


def check(path, countries):
    errors, warnings = [], []
    persons, headers = [], []
    cur = None

    def err(n, msg):
        errors.append(f"{path}:{n}: {msg}")

    def warn(n, msg):
        warnings.append(f"{path}:{n}: warning: {msg}")

    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for n, raw in enumerate(lines, 1):
        m = HEADER_RE.match(raw.strip())
        if m and not raw[:1].isspace():
            headers.append(m.group(1))
        body, comment = strip_comment(raw)
        if not body.strip():
            continue
        if not raw[0].isspace():
            names = [x.strip() for x in body.split(";")]
            if any(not x for x in names):
                err(n, "empty name in the name list")
            names = [x for x in names if x]
            cur = Person(n, names, "shared-surname-ok" in comment)
            persons.append(cur)
            continue
        if cur is None:
            err(n, "code line before any name line")
            continue
        toks = body.split()
        if len(toks) > 2:
            err(n, f"expected 'CODE [FROM..UNTIL]', got {body.strip()!r}")
            continue
        code = toks[0]
        if not CODE_RE.match(code):
            err(n, f"code {code!r} is not blocks of three capitals")
            continue
        first = code[:3]
        if first not in TRANSNATIONAL and first not in REGIONS:
            if countries is not None and first not in countries:
                err(n, f"code {code!r}: {first} is not a CAMEO country code")
        frm = until = None
        dated = False
        if len(toks) == 2:
            m = RANGE_RE.match(toks[1])
            if not m or not (m.group(1) or m.group(2)):
                err(n, f"bad date range {toks[1]!r}")
                continue
            dated = True
            if m.group(1):
                frm = parse_date(m.group(1))
                if frm is None:
                    err(n, f"bad date {m.group(1)!r}")
                    continue
            if m.group(2):
                until = parse_date(m.group(2))
                if until is None:
                    err(n, f"bad date {m.group(2)!r}")
                    continue
            if frm and until and frm > until:
                err(n, f"range starts after it ends: {toks[1]}")
                continue
        cur.codes.append((n, code, frm, until, dated))

    # Per-person checks: ranges ordered, disjoint, not mixed with undated.
    one = dt.timedelta(days=1)
    for p in persons:
        if not p.codes:
            err(p.lineno, f"{p.names[0]!r} has no code line")
            continue
        dated = [c for c in p.codes if c[4]]
        if dated and len(dated) != len(p.codes):
            err(p.lineno, f"{p.names[0]!r} mixes undated and dated code lines")
        if not dated and len(p.codes) > 1:
            err(p.lineno, f"{p.names[0]!r} has several undated code lines")
        for a, b in zip(dated, dated[1:]):
            a_end, b_start = a[3], b[2]
            if a_end is None or b_start is None:
                err(b[0], "ranges overlap (an open end before another range)")
            elif b_start <= a_end:
                err(b[0], f"range overlaps or precedes the one on line {a[0]}")
            elif b_start > a_end + one:
                warn(b[0], f"gap in {p.names[0]!r} between {a_end} and {b_start}")
        seen = set()
        for name in p.names:
            k = name.casefold()
            if k in seen:
                err(p.lineno, f"name {name!r} listed twice for the same person")
            seen.add(k)

    # Cross-person checks.
    owner = {}
    for p in persons:
        for name in p.names:
            k = name.casefold()
            if k in owner and owner[k] is not p:
                err(p.lineno, f"name {name!r} also belongs to {owner[k].names[0]!r} "
                              f"(line {owner[k].lineno})")
            owner.setdefault(k, p)
    last_words = {}
    for p in persons:
        for name in p.names:
            words = name.split()
            if len(words) > 1:
                last_words.setdefault(surname_key(words[-1]), set()).add(id(p))
    for p in persons:
        if p.shared_ok:
            continue
        for name in p.names:
            if len(name.split()) != 1:
                continue
            others = last_words.get(surname_key(name), set()) - {id(p)}
            if others:
                who = [q.names[0] for q in persons if id(q) in others]
                warn(p.lineno, f"one-word name {name!r} is also the surname of "
                               f"{', '.join(who[:3])}")
    return persons, headers, errors, warnings


SELFTEST_CASES = [
    # (people.txt text, substring expected in some error/warning, or None for clean)
    ("A B; B\n    RUSGOV ..2000-01-01\n    RUSELI 2000-01-02..\n", None),
    ("A B\n    RUSGOV ..2000-01-05\n    RUSELI 2000-01-05..\n", "overlaps"),
    ("A B\n    RUSGOV 2000-01-05..2000-01-01\n", "starts after it ends"),
    ("A B\n    RUSGOV 2000-02-30..\n", "bad date"),
    ("A B\n    XXXGOV\n", "not a CAMEO country code"),
    ("A B\n    RUSGO\n", "blocks of three capitals"),
    ("A B\n    RUSGOV\n    RUSELI 2000-01-01..\n", "mixes undated"),
    ("A B; B\nC B; B\n    RUSGOV\n", "also belongs to"),
    ("A B\n    RUSGOV\nC B; B\n    RUSGOV\n", "also the surname"),
    ("A B\n    RUSGOV\nC B; B  # shared-surname-ok: reason\n    RUSGOV\n", None),
    ("    RUSGOV\n", "before any name line"),
    ("A B\n    RUSGOV ..2000-01-01\n    RUSELI 2000-03-01..\n", "gap in"),
    ("A B\n", "has no code line"),
]


def selftest():
    """Run the checker on small inputs that must (or must not) be flagged."""
    import tempfile
    failures = 0
    for text, expect in SELFTEST_CASES:
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False,
                                         encoding="utf-8") as f:
            f.write(text)
        try:
            _, _, errors, warnings = check(f.name, {"RUS"})
        finally:
            os.unlink(f.name)
        found = errors + warnings
        ok = (not found) if expect is None else any(expect in m for m in found)
        if not ok:
            failures += 1
            print(f"selftest FAILED for {text!r}: expected {expect!r}, got {found}")
    print(f"selftest: {len(SELFTEST_CASES) - failures}/{len(SELFTEST_CASES)} passed")
    return 1 if failures else 0


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=os.path.join(here, "..", "dict", "people.txt"))
    ap.add_argument("--codes", default=DEFAULT_CODES,
                    help="CAMEO country code table (TSV, code in column 2)")
    ap.add_argument("--quiet", action="store_true", help="do not print warnings")
    ap.add_argument("--selftest", action="store_true",
                    help="check the checker on built-in samples and exit")
    args = ap.parse_args()
    if args.selftest:
        return selftest()
    countries = load_countries(args.codes)
    if countries is None:
        print(f"note: {args.codes} unreadable; country codes not checked", file=sys.stderr)
    persons, headers, errors, warnings = check(args.path, countries)
    for e in errors:
        print(e)
    if not args.quiet:
        for w in warnings:
            print(w)
    code_lines = sum(len(p.codes) for p in persons)
    dated_lines = sum(1 for p in persons for c in p.codes if c[4])
    names = sum(len(p.names) for p in persons)
    codes = {c[1] for p in persons for c in p.codes}
    firsts = {c[1][:3] for p in persons for c in p.codes}
    state_firsts = firsts - TRANSNATIONAL - REGIONS
    print(f"persons: {len(persons)}")
    print(f"names (incl. variants): {names}")
    print(f"code lines: {code_lines} ({dated_lines} dated)")
    print(f"distinct codes: {len(codes)}")
    print(f"country prefixes used: {len(state_firsts)}; transnational prefixes: "
          f"{', '.join(sorted(firsts & TRANSNATIONAL)) or '-'}")
    print(f"section headers: {len(headers)}")
    print(f"errors: {len(errors)}, warnings: {len(warnings)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
