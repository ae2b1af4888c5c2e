#!/usr/bin/env python3
"""Validate dyad's event dictionaries (stdlib only).

Checks dict/verbs.txt against the pattern language in dict/README.md and the
helper files dict/irregular_verbs.txt, dict/modality.txt and dict/discards.txt
against their formats. Errors are printed as FILE:LINE: message and make the
exit status 1, so the script can gate CI before the Rust engine exists.

Usage:
    python3 tools/check_verbs.py [--dict DIR] [--codebook TSV] [--quiet]
                                 [--doubling] [--self-test]

Without --quiet it also prints the number of patterns per CAMEO root and per
code, and the CAMEO codes that have no pattern (the coverage report).
--doubling lists verb triggers that may need a doubled consonant
("ban" -> "banned") and are missing from irregular_verbs.txt; it is a
heuristic, so it only warns. It also warns when two rules with different
codes can match the same words with the same number of literals (the engine's
"most literal words wins" rule cannot choose between them). --self-test runs
the checker's own tests. The codebook is dict/cameo.tsv when present.
"""

import argparse
import csv
import os
import re
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DICT = os.path.normpath(os.path.join(HERE, "..", "dict"))
DEFAULT_CODEBOOK = "/work/shared/data/cameo-codebook/cameo_event_codes.tsv"

CODE_RE = re.compile(r"^[0-9]{2,4}$")
# A word of a phrase: anything without spaces or the pattern metacharacters.
# Apostrophes, hyphens and dots occur in real tokens ("n't", "cease-fire", "U.S.").
WORD_RE = re.compile(r"^[^\s|$+*~^#]+$")
TRIGGER_RE = re.compile(r"^[a-z][a-z'\-]*$")
MODALITY_SECTIONS = {"report", "negate", "intend", "hypothetical", "deny", "refuse"}
REQUIRED_SECTIONS = {"report", "negate", "intend", "hypothetical"}


def match_key(word):
    """How the engine compares a literal: all-capital words of at most five
    letters ("US", "UN", "IAEA") are case-sensitive, everything else is not."""
    letters = [c for c in word if c.isalpha()]
    if letters and len(letters) <= 5 and all(c.isupper() for c in letters):
        return word
    return word.lower()


class Reporter:
    """Collects FILE:LINE messages; errors fail the run, warnings do not."""

    def __init__(self):
        self.errors = 0
        self.warnings = 0

    def error(self, path, line, msg):
        self.errors += 1
        print(f"{path}:{line}: error: {msg}")

    def warn(self, path, line, msg):
        self.warnings += 1
        print(f"{path}:{line}: warning: {msg}")


def strip_comment(line):
    """Drop a comment: '#' at the start or after whitespace; a '#' inside a word stays."""
    for i, ch in enumerate(line):
        if ch == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i]
    return line


def data_lines(path):
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            text = strip_comment(raw.rstrip("\n")).strip()
            if text:
                yield n, text


def load_codebook(path):
    codes = {}
    with open(path, encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t")
        header = next(reader)
        code_col = 0
        name_col = 1
        for i, h in enumerate(header):
            if h in ("cameo_code", "code"):
                code_col = i
            if h == "name":
                name_col = i
        for row in reader:
            if row and row[code_col].strip():
                codes[row[code_col].strip()] = row[name_col].strip() if len(row) > name_col else ""
    return codes


KIND = re.compile(r"^[$+]@(place|people|[A-Z]{3})$")


def check_pattern(tokens):
    """Return (errors, canonical form) for one pattern's tokens."""
    errs = []
    # `$@OPP`, `+@place`: an actor slot with a kind constraint counts as the
    # slot for the syntax checks, and keeps its kind for duplicate detection.
    written = tokens
    tokens = [t[0] if KIND.match(t) else t for t in tokens]
    triggers = [t for t in tokens if t[0] in "~^"]
    if len(triggers) != 1:
        errs.append(f"pattern needs exactly one trigger (~verb or ^noun), found {len(triggers)}")
    for t in tokens:
        if t in ("$", "+", "*"):
            continue
        if t[0] in "~^":
            body = t[1:]
            if "|" in body:
                errs.append(f"trigger '{t}' may not be an alternation (one trigger word per rule)")
            elif not TRIGGER_RE.match(body):
                errs.append(f"trigger '{t}' must be one lower-case word")
            continue
        parts = t.split("|")
        for p in parts:
            if not p:
                errs.append(f"empty alternative in '{t}'")
            elif not WORD_RE.match(p):
                errs.append(f"bad literal '{p}' in '{t}'")
        if len(set(match_key(x) for x in parts)) != len(parts):
            errs.append(f"repeated alternative in '{t}'")
    if tokens.count("$") > 1:
        errs.append("more than one source '$'")
    if tokens.count("+") > 1:
        errs.append("more than one target '+'")
    if tokens and (tokens[0] == "*" or tokens[-1] == "*"):
        errs.append("a gap '*' must sit between two elements")
    for a, b in zip(tokens, tokens[1:]):
        if a == "*" and b == "*":
            errs.append("two gaps '* *' in a row")
        if {a, b} == {"$", "+"}:
            errs.append("'$' and '+' next to each other")
    if tokens and tokens[0] == "+" and "$" not in tokens:
        pass  # target before the trigger is legal (matched leftwards)
    # Canonical form for duplicate detection: lower case, alternatives sorted.
    canon = []
    for t in written:
        if KIND.match(t):
            canon.append(t)
        elif "|" in t and t[0] not in "~^":
            canon.append("|".join(sorted(match_key(x) for x in t.split("|"))))
        elif t[0] in "~^":
            canon.append(t.lower())
        else:
            canon.append(match_key(t))
    return errs, " ".join(canon)


def check_verbs(path, codebook, rep):
    per_code = Counter()
    seen = {}
    triggers = Counter()
    parsed = []
    for n, text in data_lines(path):
        fields = text.split(None, 1)
        if len(fields) < 2:
            rep.error(path, n, "expected 'CODE  PATTERN'")
            continue
        code, pattern = fields
        if not CODE_RE.match(code):
            rep.error(path, n, f"bad event code '{code}'")
            continue
        if code not in codebook:
            rep.error(path, n, f"code {code} is not in the CAMEO codebook")
            continue
        if len(code) == 2:
            rep.warn(path, n, f"root code {code}: prefer a 3- or 4-digit code")
        tokens = pattern.split()
        errs, canon = check_pattern(tokens)
        for e in errs:
            rep.error(path, n, e)
        if errs:
            continue
        if canon in seen:
            prev_line, prev_code = seen[canon]
            rep.error(path, n, f"duplicate of line {prev_line} (code {prev_code}): {pattern}")
            continue
        seen[canon] = (n, code)
        parsed.append((n, code, tokens))
        per_code[code] += 1
        for t in tokens:
            if t[0] in "~^":
                triggers[t] += 1
    report_ties(path, parsed, rep)
    return per_code, triggers


def report_ties(path, parsed, rep):
    """Warn when two rules with different codes can match the same words with
    the same number of literals: the engine's "most literal words" rule cannot
    choose between them."""
    groups = defaultdict(list)
    for n, code, tokens in parsed:
        skeleton = tuple(t if t in ("$", "+", "*") or t[0] in "~^" else "L" for t in tokens)
        groups[(tuple(t.lower() for t in tokens if t[0] in "~^"), skeleton)].append((n, code, tokens))
    for items in groups.values():
        for i, (n1, c1, t1) in enumerate(items):
            for n2, c2, t2 in items[i + 1:]:
                if c1 == c2:
                    continue
                if all(a == b if a in ("$", "+", "*") or a[0] in "~^" else
                       bool({match_key(x) for x in a.split("|")} & {match_key(x) for x in b.split("|")})
                       for a, b in zip(t1, t2)):
                    rep.warn(path, n2, f"ties with line {n1} (codes {c1} and {c2}): same words, same literal count")


def self_test():
    """Checks of the checker itself; exits non-zero on failure."""
    good = ["$ ~attack +", "$ ~launch * attack|attacks on +", "^shelling of +",
            "$ ~call on|upon + to", "phone|telephone ^call with +", "$ ~protest"]
    bad = ["$ attack +", "$ ~attack ~hit +", "$ ~attack|hit +", "$ ~attack + +",
           "* ~attack +", "$ ~attack * * on +", "$ ~attack a||b +", "$ ~attack US|us|US +"]
    failures = []
    for p in good:
        errs, _ = check_pattern(p.split())
        if errs:
            failures.append(f"expected valid: {p!r}: {errs}")
    for p in bad:
        errs, _ = check_pattern(p.split())
        if not errs:
            failures.append(f"expected invalid: {p!r}")
    if check_pattern("$ ~hit beta|gamma +".split())[1] != check_pattern("$ ~hit Gamma|Beta +".split())[1]:
        failures.append("canonical form must ignore order and case of alternatives")
    if check_pattern("$ ~hit US +".split())[1] == check_pattern("$ ~hit us +".split())[1]:
        failures.append("short all-capital words are case-sensitive")
    forms = {"ban": ("bans", "baned", "baning"), "carry": ("carries", "carried", "carrying"),
             "release": ("releases", "released", "releasing"), "free": ("frees", "freed", "freeing"),
             "push": ("pushes", "pushed", "pushing"), "veto": ("vetoes", "vetoed", "vetoing")}
    for base, want in forms.items():
        if regular_forms(base) != want:
            failures.append(f"regular_forms({base!r}) = {regular_forms(base)}, want {want}")
    for f in failures:
        print("self-test:", f)
    print("self-test:", "FAILED" if failures else "ok")
    return 1 if failures else 0


def check_irregular(path, rep):
    bases = {}
    for n, text in data_lines(path):
        fields = [f.strip() for f in text.split("|")]
        if len(fields) != 5:
            rep.error(path, n, f"expected 5 fields 'base | 3sg | past | participle | gerund', got {len(fields)}")
            continue
        if not fields[0]:
            rep.error(path, n, "empty base form")
            continue
        for f in fields:
            # A field may list spelling variants: "cancelled; canceled".
            for form in (x.strip() for x in f.split(";")) if f else ():
                if not re.match(r"^[a-z][a-z'\-]*$", form):
                    rep.error(path, n, f"bad form '{form}'")
        if fields[0] in bases:
            rep.error(path, n, f"'{fields[0]}' already listed on line {bases[fields[0]]}")
        bases[fields[0]] = n
    return set(bases)


def check_modality(path, rep):
    sections = {}
    for n, text in data_lines(path):
        if "|" not in text:
            rep.error(path, n, "expected 'section | phrase; phrase; ...'")
            continue
        name, rest = (x.strip() for x in text.split("|", 1))
        if not re.match(r"^[a-z_]+$", name):
            rep.error(path, n, f"'{name}' is not a section name (lower-case letters and '_')")
        elif name not in MODALITY_SECTIONS:
            rep.warn(path, n, f"section '{name}' is not one of {', '.join(sorted(MODALITY_SECTIONS))}")
        sections.setdefault(name, n)  # a section may span several lines
        phrases = [p.strip() for p in rest.split(";")]
        seen = set()
        for p in phrases:
            if not p:
                rep.error(path, n, "empty phrase (stray ';')")
            elif p.lower() in seen:
                rep.error(path, n, f"repeated phrase '{p}'")
            seen.add(p.lower())
    for s in REQUIRED_SECTIONS - set(sections):
        rep.warn(path, 0, f"section '{s}' missing")


def check_discards(path, rep):
    seen = {}
    for n, text in data_lines(path):
        if "|" in text or ";" in text:
            rep.error(path, n, "one phrase per line, no '|' or ';'")
        key = " ".join(text.lower().split())
        if key in seen:
            rep.error(path, n, f"duplicate of line {seen[key]}")
        seen[key] = n
    return len(seen)


def regular_forms(base):
    """The README's generator rule, to spot verbs whose regular forms are wrong."""
    if re.search(r"[^aeiou]y$", base):
        s3, past = base[:-1] + "ies", base[:-1] + "ied"
    else:
        s3 = base + ("es" if re.search(r"(s|x|z|ch|sh|o)$", base) else "s")
        past = base + ("d" if base.endswith("e") else "ed")
    if base.endswith("e") and not re.search(r"(ee|ye|oe)$", base):
        ger = base[:-1] + "ing"
    else:
        ger = base + "ing"
    return s3, past, ger


def doubling_suspects(triggers, irregular):
    """Single-syllable consonant-vowel-consonant verbs usually double ("ban")."""
    out = []
    for t in triggers:
        if t[0] != "~":
            continue
        base = t[1:]
        if base in irregular:
            continue
        if re.search(r"[^aeiou][aeiou][^aeiouwxy]$", base) and len(re.findall(r"[aeiouy]+", base)) == 1:
            out.append(base)
    return sorted(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dict", default=DEFAULT_DICT)
    ap.add_argument("--codebook", default=None)
    ap.add_argument("--quiet", action="store_true", help="only print problems")
    ap.add_argument("--doubling", action="store_true", help="warn about verbs that may need doubled consonants")
    ap.add_argument("--self-test", action="store_true", help="test the checker itself and exit")
    args = ap.parse_args()
    if args.self_test:
        return self_test()

    codebook_path = args.codebook
    if codebook_path is None:
        local = os.path.join(args.dict, "cameo.tsv")
        codebook_path = local if os.path.exists(local) else DEFAULT_CODEBOOK
    codebook = load_codebook(codebook_path)
    rep = Reporter()

    verbs = os.path.join(args.dict, "verbs.txt")
    per_code, triggers = check_verbs(verbs, codebook, rep)
    irregular = set()
    irr_path = os.path.join(args.dict, "irregular_verbs.txt")
    if os.path.exists(irr_path):
        irregular = check_irregular(irr_path, rep)
    mod_path = os.path.join(args.dict, "modality.txt")
    if os.path.exists(mod_path):
        check_modality(mod_path, rep)
    disc_path = os.path.join(args.dict, "discards.txt")
    n_disc = check_discards(disc_path, rep) if os.path.exists(disc_path) else 0

    if args.doubling:
        for base in doubling_suspects(triggers, irregular):
            rep.warn(irr_path, 0, f"'{base}' may double its last consonant; list it if so")

    if not args.quiet:
        total = sum(per_code.values())
        per_root = Counter()
        for code, n in per_code.items():
            per_root[code[:2]] += n
        print(f"\n{total} patterns, {len(per_code)} codes used, "
              f"{len(triggers)} distinct triggers, {len(irregular)} irregular verbs, {n_disc} discards")
        print("\npatterns per root:")
        for root in sorted(k for k in codebook if len(k) == 2):
            print(f"  {root} {per_root.get(root, 0):5d}  {codebook[root]}")
        print("\npatterns per code:")
        for code in sorted(per_code):
            print(f"  {code:<5} {per_code[code]:4d}  {codebook.get(code, '')}")
        missing = [c for c in sorted(codebook) if len(c) > 2 and c not in per_code]
        print(f"\ncodes with no pattern ({len(missing)}):")
        for c in missing:
            print(f"  {c:<5} {codebook[c]}")
    print(f"\n{rep.errors} errors, {rep.warnings} warnings")
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main())
