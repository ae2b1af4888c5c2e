//! PETRARCH-2 verb dictionaries (`CAMEO.2.0.txt`).
//!
//! The file has synonym sets, then verb blocks:
//!
//! ```text
//! &CURRENCY                 a synset: `+` members, `_` joins words;
//! +DOLLAR                   plurals are added unless the member or the
//! +CASH_                    label ends with `_`
//!
//! ---  GRANT   [070]  ---   a block and its default code (`---`: none)
//! GRANT                     verbs: regular forms are generated,
//! GIVE {GAVE GIVEN GIVING}  or listed in `{ }`; a verb may have its own
//! PETITION [020]            code; `+ASK_FOR` / `RE_+ARREST` are verbs
//! - * &CURRENCY [0231]      with particles (`+` marks the verb word)
//! - $ * (TO +) AID [073]    patterns: `pre * post [code]`
//! ```
//!
//! How a pattern compiles into a [`Rule`], for every verb of its block:
//!
//! * `*` is the verb (the trigger); the words before it go into `before`,
//!   the words after into `after`.
//! * A plain word is a noun head: a literal (lower case). After the verb,
//!   PETRARCH matches heads anywhere in their phrase, so a gap ([`Elem::Gap`],
//!   up to three non-actor tokens) is put before each head, each `{ }` noun
//!   phrase and each `( )` prepositional phrase. Words inside `{ }` must be
//!   consecutive.
//! * `( )` marks a prepositional phrase: its first word is the preposition.
//! * `&NAME` becomes one [`Elem::Words`] with every one-word member (and
//!   plural); each multi-word member gives its own rule, as PETRARCH
//!   expands synsets into one pattern per member.
//! * `$` is the source, `+` the target, `^` a skipped phrase (a gap; a skip
//!   at the end of a pattern is dropped), `%` (a compound actor, source and
//!   target at once) compiles to the source: dyad codes coordinated actors
//!   both ways itself for the codes in `symmetric.txt`.
//! * `[active:passive]` codes keep the active code; the passive meaning is
//!   dropped (dyad derives passives itself). A passive-only code (`[:173]`)
//!   cannot be expressed and the pattern is skipped.
//! * A verb with a code of its own, or in a block whose code is not `---`,
//!   also gets a rule with no pattern around it.
//!
//! Skipped, and listed in [`LoadSummary::skipped_patterns`]: verb
//! transformations (`~ a (a b ATTACK) SAY = a b 015`), passive-only codes,
//! patterns with an undefined synset, unbalanced brackets, no or several
//! `*`, or more than one `$` or `+`.
//!
//! dyad's [`VerbDict`] indexes a rule by the inflections of its lemma. The
//! forms PETRARCH lists in `{ }` that dyad's inflector would not produce
//! ("sped", "hurries") are indexed by pushing the same rule again with that
//! form as its lemma.

use std::collections::HashMap;

use super::{outside_synsets, petr_lines, words_of, LoadSummary, NULL_CODE};
use crate::error::DictError;
use crate::inflect::{regular_forms, Inflector};
use crate::phrase::phrase_tokens;
use crate::verbs::{Elem, Rule, TriggerKind, VerbDict};

/// Above this many rules from one pattern (synsets with many multi-word
/// members), only the one-word members are kept.
const MAX_VARIANTS: usize = 128;

/// A synset: one-token members (with plurals) and multi-token members.
#[derive(Debug, Default)]
struct Synset {
    single: Vec<String>,
    multi: Vec<Vec<String>>,
}

/// A verb of a block.
#[derive(Debug)]
struct VerbSpec {
    line: usize,
    lemma: String,
    /// Forms listed in `{ }`, lower case.
    forms: Vec<String>,
    /// Particles before and after the verb word (`RE_+ARREST`, `+ASK_FOR`).
    front: Vec<String>,
    back: Vec<String>,
    code: Option<String>,
}

/// A pattern of a block, before it is compiled per verb.
#[derive(Debug)]
struct PatternSpec {
    line: usize,
    text: String,
    code: String,
    before: Vec<Unit>,
    after: Vec<Unit>,
}

/// One element of a PETRARCH pattern.
#[derive(Debug, Clone)]
enum Unit {
    Gap,
    Word(String),
    Syn(String),
    Source,
    Target,
}

#[derive(Default)]
struct Block {
    code: String,
    verbs: Vec<VerbSpec>,
    patterns: Vec<PatternSpec>,
}

/// Loads a PETRARCH-2 verb dictionary into `verbs`.
pub fn load_verbs(
    file: &str,
    text: &str,
    inflector: &Inflector,
    verbs: &mut VerbDict,
    errors: &mut Vec<DictError>,
) -> LoadSummary {
    let mut sum = LoadSummary::default();
    let lines = petr_lines(text);
    let synsets = read_synsets(&lines);
    let start_rules = verbs.rules.len();
    let mut block: Option<Block> = None;
    for (line_no, line) in outside_synsets(&lines) {
        if line.starts_with("---") {
            if let Some(b) = block.take() {
                compile_block(file, b, &synsets, inflector, verbs, &mut sum);
            }
            let code = bracketed(line).map(|(c, _)| c.trim().to_string()).unwrap_or_default();
            block =
                Some(Block { code: if code.is_empty() { NULL_CODE.to_string() } else { code }, ..Block::default() });
            continue;
        }
        if line.starts_with('~') {
            sum.skip(file, line_no, "verb transformation: dyad has no equivalent");
            continue;
        }
        let Some(b) = block.as_mut() else {
            errors.push(DictError::new(
                file,
                line_no,
                "a verb or pattern must follow a `--- NAME [CODE] ---` block header",
            ));
            continue;
        };
        if let Some(rest) = line.strip_prefix('-') {
            match parse_pattern_line(rest, &synsets) {
                Ok(Some(p)) => b.patterns.push(PatternSpec { line: line_no, ..p }),
                Ok(None) => {}
                Err(why) => sum.skip(file, line_no, why),
            }
        } else {
            match parse_verb_line(line) {
                Ok(Some(v)) => b.verbs.push(VerbSpec { line: line_no, ..v }),
                Ok(None) => {}
                Err(why) => errors.push(DictError::new(file, line_no, why)),
            }
        }
    }
    if let Some(b) = block.take() {
        compile_block(file, b, &synsets, inflector, verbs, &mut sum);
    }
    sum.rules = verbs.rules.len() - start_rules;
    sum
}

/// Every synset of the file (PETRARCH wants them defined before use; dyad
/// reads them all first, which accepts the same files and more).
fn read_synsets(lines: &[(usize, std::borrow::Cow<'_, str>)]) -> HashMap<String, Synset> {
    let mut out: HashMap<String, Synset> = HashMap::new();
    let mut current: Option<(String, bool)> = None;
    for (_, line) in lines {
        let line = line.trim();
        if let Some(label) = line.strip_prefix('&') {
            let label = label.split_whitespace().next().unwrap_or("").to_string();
            let no_plural = label.ends_with('_');
            out.entry(label.clone()).or_default();
            current = Some((label, no_plural));
            continue;
        }
        let (Some((label, no_plural)), Some(member)) = (current.as_ref(), line.strip_prefix('+')) else {
            current = None;
            continue;
        };
        let member = member.trim();
        let plural = !no_plural && !member.ends_with('_');
        let mut tokens = literal_tokens(member);
        let Some(set) = out.get_mut(label) else { continue };
        let mut add = |t: &Vec<String>| {
            if t.len() == 1 {
                if !set.single.contains(&t[0]) {
                    set.single.push(t[0].clone());
                }
            } else if !t.is_empty() && !set.multi.contains(t) {
                set.multi.push(t.clone());
            }
        };
        add(&tokens);
        if plural {
            if let Some(last) = tokens.last_mut() {
                if !last.ends_with('s') && last.chars().all(char::is_alphabetic) {
                    *last = regular_forms(last).third;
                    add(&tokens);
                }
            }
        }
    }
    // A label is referred to with or without its no-plural `_`.
    let aliases: Vec<String> = out.keys().filter(|k| k.ends_with('_')).cloned().collect();
    for k in aliases {
        let alias = k.trim_end_matches('_').to_string();
        if !out.contains_key(&alias) {
            let s = &out[&k];
            let copy = Synset { single: s.single.clone(), multi: s.multi.clone() };
            out.insert(alias, copy);
        }
    }
    out
}

/// Lower-case tokens of a literal as dyad's tokenizer splits text.
fn literal_tokens(s: &str) -> Vec<String> {
    let joined = words_of(s).join(" ");
    phrase_tokens(&joined).into_iter().map(|t| t.to_lowercase()).collect()
}

/// The text inside the last `[...]` of a line, and what comes before it.
fn bracketed(line: &str) -> Option<(&str, &str)> {
    let open = line.rfind('[')?;
    let close = line[open..].find(']')? + open;
    Some((&line[open + 1..close], &line[..open]))
}

/// A verb line: `VERB {FORMS} [CODE]`.
fn parse_verb_line(line: &str) -> Result<Option<VerbSpec>, String> {
    let (code, rest) = match bracketed(line) {
        Some((c, r)) => (Some(c.trim().to_string()).filter(|c| !c.is_empty()), r),
        None => (None, line),
    };
    let (head, forms) = match rest.find('{') {
        Some(b) => {
            let e = rest[b..].find('}').ok_or("`{` without a closing `}`")? + b;
            (&rest[..b], rest[b + 1..e].split_whitespace().collect::<Vec<_>>())
        }
        None => (rest, Vec::new()),
    };
    let Some(head) = head.split_whitespace().next() else { return Ok(None) };
    let (lemma, front, back) = split_compound(head)?;
    let forms =
        forms.into_iter().filter_map(|f| split_compound(f).ok().map(|(v, _, _)| v)).filter(|f| *f != lemma).collect();
    Ok(Some(VerbSpec { line: 0, lemma, forms, front, back, code }))
}

/// `+ASK_FOR` → ("ask", [], ["for"]); `RE_+ARREST` → ("arrest", ["re"], []).
fn split_compound(head: &str) -> Result<(String, Vec<String>, Vec<String>), String> {
    let parts: Vec<&str> = head.split('_').filter(|p| !p.is_empty()).collect();
    if parts.len() <= 1 {
        let v = head.trim_matches(|c| c == '+' || c == '_').to_lowercase();
        if v.is_empty() {
            return Err(format!("`{head}` has no verb"));
        }
        return Ok((v, Vec::new(), Vec::new()));
    }
    let at = parts
        .iter()
        .position(|p| p.starts_with('+'))
        .ok_or_else(|| format!("multi-word verb `{head}` must mark its verb word with `+`"))?;
    let low = |ps: &[&str]| ps.iter().map(|p| p.to_lowercase()).collect::<Vec<_>>();
    Ok((parts[at][1..].to_lowercase(), low(&parts[..at]), low(&parts[at + 1..])))
}

/// A pattern line after its `-`. `Ok(None)` for an empty line.
fn parse_pattern_line(rest: &str, synsets: &HashMap<String, Synset>) -> Result<Option<PatternSpec>, String> {
    let (code, body) = bracketed(rest).ok_or("pattern without a `[code]`")?;
    let (active, passive) = match code.split_once(':') {
        Some((a, p)) => (a.trim(), p.trim()),
        None => (code.trim(), ""),
    };
    if active.is_empty() {
        return Err(format!("passive-only code `[:{passive}]`: dyad derives passives itself"));
    }
    let text = body.split_whitespace().collect::<Vec<_>>().join(" ");
    let stars = body.matches('*').count();
    if stars != 1 {
        return Err(format!("a pattern needs exactly one `*` (the verb), found {stars}"));
    }
    let (pre, post) = body.split_once('*').unwrap_or((body, ""));
    let before = parse_side(pre, false, synsets)?;
    let after = parse_side(post, true, synsets)?;
    Ok(Some(PatternSpec { line: 0, text, code: active.to_string(), before, after }))
}

/// One side of the `*`. After the verb, gaps go before each phrase head.
fn parse_side(s: &str, after_verb: bool, synsets: &HashMap<String, Synset>) -> Result<Vec<Unit>, String> {
    let mut out = Vec::new();
    let (mut paren, mut brace) = (0i32, 0i32);
    for raw in s.split_whitespace() {
        let mut w = raw;
        let (mut opens_pp, mut opens_np) = (false, false);
        loop {
            if let Some(r) = w.strip_prefix('(') {
                paren += 1;
                opens_pp = true;
                w = r;
            } else if let Some(r) = w.strip_prefix('{') {
                brace += 1;
                opens_np = true;
                w = r;
            } else {
                break;
            }
        }
        let core = w.trim_end_matches([')', '}']);
        let closes = &w[core.len()..];
        if paren > 1 || brace > 1 {
            return Err("nested brackets in a pattern".to_string());
        }
        let in_np = brace > 0 && !opens_np;
        // `FIGHTER_&AIRCRAFT`: words joined to a synset are consecutive.
        let pieces: Vec<&str> = if core.contains('&') && !core.starts_with('&') {
            core.split('_').filter(|p| !p.is_empty()).collect()
        } else {
            vec![core]
        };
        for (n, piece) in pieces.iter().enumerate() {
            let unit = match *piece {
                "" => None,
                "$" | "%" => Some(Unit::Source),
                "+" => Some(Unit::Target),
                "^" => Some(Unit::Gap),
                c if c.starts_with('&') => {
                    if !synsets.contains_key(&c[1..]) {
                        return Err(format!("undefined synset `{c}`"));
                    }
                    Some(Unit::Syn(c[1..].to_string()))
                }
                c if c.contains(['(', ')', '{', '}', '[', ']', '|', '$', '&']) => {
                    return Err(format!("cannot read `{raw}`"));
                }
                c => Some(Unit::Word(c.to_string())),
            };
            if let Some(u) = unit {
                let head = matches!(u, Unit::Word(_) | Unit::Syn(_));
                if after_verb && head && n == 0 && (!in_np || opens_pp) {
                    out.push(Unit::Gap);
                }
                out.push(u);
            }
        }
        for c in closes.chars() {
            if c == ')' {
                paren -= 1;
            } else {
                brace -= 1;
            }
        }
        if paren < 0 || brace < 0 {
            return Err("unbalanced brackets in a pattern".to_string());
        }
    }
    if paren != 0 || brace != 0 {
        return Err("unbalanced brackets in a pattern".to_string());
    }
    Ok(out)
}

fn compile_block(
    file: &str,
    block: Block,
    synsets: &HashMap<String, Synset>,
    inflector: &Inflector,
    verbs: &mut VerbDict,
    sum: &mut LoadSummary,
) {
    for v in &block.verbs {
        let code = v.code.clone().unwrap_or_else(|| block.code.clone());
        if code == NULL_CODE {
            continue;
        }
        let rule = make_rule(file, v.line, &code, String::new(), v, Vec::new(), Vec::new());
        push_rule(verbs, rule, v, inflector);
    }
    for p in &block.patterns {
        let variants = match expand(&p.before, &p.after, synsets) {
            Ok(v) => v,
            Err(why) => {
                sum.skip(file, p.line, why);
                continue;
            }
        };
        if variants.len() == 1 && variants[0].2 {
            sum.warn(
                file,
                p.line,
                format!("more than {MAX_VARIANTS} synset combinations: multi-word members left out"),
            );
        }
        for (before, after, _) in variants {
            for v in &block.verbs {
                let rule = make_rule(file, p.line, &p.code, p.text.clone(), v, before.clone(), after.clone());
                push_rule(verbs, rule, v, inflector);
            }
        }
    }
}

fn make_rule(
    file: &str,
    line: usize,
    code: &str,
    pattern: String,
    v: &VerbSpec,
    mut before: Vec<Elem>,
    after: Vec<Elem>,
) -> Rule {
    before.extend(v.front.iter().map(|w| Elem::Words(vec![w.clone()])));
    let mut all_after: Vec<Elem> = v.back.iter().map(|w| Elem::Words(vec![w.clone()])).collect();
    all_after.extend(after);
    let literals = before.iter().chain(&all_after).filter(|e| matches!(e, Elem::Words(_))).count();
    Rule {
        id: format!("{file}:{line}"),
        code: code.to_string(),
        pattern,
        before,
        trigger_kind: TriggerKind::Verb,
        lemma: v.lemma.clone(),
        after: all_after,
        literals,
        target_kind: None,
        source_kind: None,
    }
}

/// Pushes the rule under its lemma, then once more for each listed form
/// the inflector does not produce.
fn push_rule(verbs: &mut VerbDict, rule: Rule, v: &VerbSpec, inflector: &Inflector) {
    let known = inflector.verb(&v.lemma).all();
    for form in v.forms.iter().filter(|f| !known.contains(f)) {
        let mut r = rule.clone();
        r.lemma = form.clone();
        verbs.push(r, inflector);
    }
    verbs.push(rule, inflector);
}

type Variant = (Vec<Elem>, Vec<Elem>, bool);

/// The element lists of a pattern, one per combination of multi-word
/// synset members. The flag says multi-word members were left out.
fn expand(before: &[Unit], after: &[Unit], synsets: &HashMap<String, Synset>) -> Result<Vec<Variant>, String> {
    // Each synset use, and whether a gap comes before it. After a gap, a
    // multi-word member whose last word is also a one-word member adds
    // nothing: the gap already lets "machine" stand before "gun", which
    // is PETRARCH's own head-noun matching.
    let mut syns: Vec<(&Synset, bool)> = Vec::new();
    for side in [before, after] {
        for (i, u) in side.iter().enumerate() {
            if let Unit::Syn(n) = u {
                if let Some(s) = synsets.get(n) {
                    syns.push((s, i > 0 && matches!(side[i - 1], Unit::Gap)));
                }
            }
        }
    }
    let multi_opts = |s: &Synset, gap: bool| -> Vec<usize> {
        (0..s.multi.len()).filter(|&i| !(gap && s.multi[i].last().is_some_and(|w| s.single.contains(w)))).collect()
    };
    let total: usize =
        syns.iter().map(|(s, gap)| usize::from(!s.single.is_empty()) + multi_opts(s, *gap).len()).product();
    let trimmed = total > MAX_VARIANTS;
    // Choice per synset: None = the one-word members, Some(i) = multi[i].
    let mut choices: Vec<Vec<Option<usize>>> = vec![Vec::new()];
    for (s, gap) in &syns {
        let mut opts: Vec<Option<usize>> = Vec::new();
        if !s.single.is_empty() {
            opts.push(None);
        }
        if !trimmed {
            opts.extend(multi_opts(s, *gap).into_iter().map(Some));
        }
        if opts.is_empty() {
            return Err("synset has no usable member".to_string());
        }
        choices = choices
            .iter()
            .flat_map(|c| {
                opts.iter().map(move |o| {
                    let mut c = c.clone();
                    c.push(*o);
                    c
                })
            })
            .collect();
    }
    let mut out = Vec::new();
    for choice in choices {
        let mut k = 0;
        let mut build = |units: &[Unit]| -> Result<Vec<Elem>, String> {
            let mut elems: Vec<Elem> = Vec::new();
            for u in units {
                match u {
                    Unit::Gap => {
                        if elems.last() != Some(&Elem::Gap) {
                            elems.push(Elem::Gap);
                        }
                    }
                    Unit::Source => elems.push(Elem::Source),
                    Unit::Target => elems.push(Elem::Target),
                    Unit::Word(w) => {
                        let toks = literal_tokens(w);
                        if toks.is_empty() {
                            return Err(format!("`{w}` has no word"));
                        }
                        elems.extend(toks.into_iter().map(|t| Elem::Words(vec![t])));
                    }
                    Unit::Syn(_) => {
                        let s = syns[k].0;
                        match choice[k] {
                            None => elems.push(Elem::Words(s.single.clone())),
                            Some(i) => elems.extend(s.multi[i].iter().map(|t| Elem::Words(vec![t.clone()]))),
                        }
                        k += 1;
                    }
                }
            }
            Ok(elems)
        };
        let mut b = build(before)?;
        let mut a = build(after)?;
        while b.first() == Some(&Elem::Gap) {
            b.remove(0);
        }
        while a.last() == Some(&Elem::Gap) {
            a.pop();
        }
        let count = |e: &Elem| b.iter().chain(&a).filter(|x| *x == e).count();
        if count(&Elem::Source) > 1 || count(&Elem::Target) > 1 {
            return Err("more than one `$` (or `%`) or `+`".to_string());
        }
        out.push((b, a, trimmed));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
&CURRENCY
+DOLLAR
+CASH_
+SWISS_FRANC
+US_DOLLAR

####### VERB PATTERNS #######
---  GRANT   [070]  ---
GRANT
GIVE {GAVE GIVEN GIVING }  # jw
SPEED {SPEEDING SPEEDS SPED }
PETITION [020]
+HAND_OVER
- * &CURRENCY   [071]   # note
- $ * (TO +) {HUMANITARIAN AID}  [0233:073]
- * (BEFORE COURT)   [:173]
- * &NOPE [071]
~ a (a b GRANT) SAY = a b 015
---  ALLEVIATE   [---]  ---
ALLEVIATE
- * (IN ^) [---]
";

    fn load(text: &str) -> (VerbDict, LoadSummary, Vec<DictError>) {
        let inf = Inflector::parse("i", "give | | gave | given |\n").unwrap();
        let mut d = VerbDict::default();
        let mut errs = Vec::new();
        let sum = load_verbs("v.txt", text, &inf, &mut d, &mut errs);
        (d, sum, errs)
    }

    fn words(ws: &[&str]) -> Elem {
        Elem::Words(ws.iter().map(|w| w.to_string()).collect())
    }

    #[test]
    fn blocks_synsets_and_patterns() {
        let (d, sum, errs) = load(SAMPLE);
        assert!(errs.is_empty(), "{errs:?}");
        let skipped: Vec<&str> = sum.skipped_patterns.iter().map(|(at, _)| at.as_str()).collect();
        assert_eq!(skipped, vec!["v.txt:16", "v.txt:17", "v.txt:18"]);
        assert!(sum.skipped_patterns[0].1.contains("passive-only"));
        assert!(sum.skipped_patterns[1].1.contains("undefined synset `&NOPE`"));
        // The currency pattern: one-word members with plurals in one rule,
        // each multi-word member (and its plural) in another, for each of the five verbs.
        let grant: Vec<&Rule> = d.rules_for("granted").filter(|r| r.id == "v.txt:14").collect();
        // "us dollar" adds nothing to "dollar" after a gap: no rule of its own.
        assert_eq!(grant.len(), 3, "{grant:#?}");
        assert_eq!(grant[0].after, vec![Elem::Gap, words(&["dollar", "dollars", "cash"])]);
        assert_eq!(grant[1].after, vec![Elem::Gap, words(&["swiss"]), words(&["franc"])]);
        assert_eq!(grant[2].after, vec![Elem::Gap, words(&["swiss"]), words(&["francs"])]);
        assert_eq!(grant[0].code, "071");
        // `(TO +) {HUMANITARIAN AID}`; the passive half of the code is dropped.
        let r = d.rules_for("gave").find(|r| r.id == "v.txt:15").unwrap();
        assert_eq!(r.before, vec![Elem::Source]);
        assert_eq!(
            r.after,
            vec![Elem::Gap, words(&["to"]), Elem::Target, Elem::Gap, words(&["humanitarian"]), words(&["aid"])]
        );
        assert_eq!((r.code.as_str(), r.lemma.as_str(), r.literals), ("0233", "give", 3));
        assert_eq!(r.pattern, "$ * (TO +) {HUMANITARIAN AID}");
        // Listed forms the inflector does not know are indexed too.
        assert!(d.rules_for("sped").any(|r| r.id == "v.txt:15"));
        // Verbs alone: the block code, or the verb's own.
        assert_eq!(d.rules_for("grants").find(|r| r.pattern.is_empty()).map(|r| r.code.as_str()), Some("070"));
        assert_eq!(d.rules_for("petitioned").find(|r| r.pattern.is_empty()).map(|r| r.code.as_str()), Some("020"));
        // Words joined to a synset with `_` are consecutive.
        let d2 = load("&C\n+DOLLAR\n--- X [070] ---\nGRANT\n- * US_&C [071]\n").0;
        let r = d2.rules_for("granted").find(|r| r.code == "071").unwrap();
        assert_eq!(r.after, vec![Elem::Gap, words(&["us"]), words(&["dollar", "dollars"])]);
        // A particle verb: "handed over".
        let r = d.rules_for("handed").find(|r| r.id == "v.txt:14").unwrap();
        assert_eq!(r.after[0], words(&["over"]));
        // Null codes are kept verbatim; a trailing skip is dropped.
        let r = d.rules_for("alleviated").find(|r| r.id == "v.txt:21").unwrap();
        assert_eq!((r.code.as_str(), r.after.clone()), (NULL_CODE, vec![Elem::Gap, words(&["in"])]));
        assert!(d.rules_for("alleviated").all(|r| !r.pattern.is_empty()), "a `---` block has no verb-alone rule");
    }

    #[test]
    fn errors_name_the_line() {
        let (_, sum, errs) = load("ATTACK\n---  X [190] ---\nWIRE_TAP\n- * (ON {A B) [190]\n- * [190] * [191]\n");
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            msgs,
            vec![
                "v.txt:1: a verb or pattern must follow a `--- NAME [CODE] ---` block header",
                "v.txt:3: multi-word verb `WIRE_TAP` must mark its verb word with `+`",
            ]
        );
        assert_eq!(sum.skipped_patterns.len(), 2);
        assert!(sum.skipped_patterns[0].1.contains("unbalanced") || sum.skipped_patterns[0].1.contains("nested"));
    }
}
