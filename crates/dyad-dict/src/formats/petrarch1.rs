//! PETRARCH-1 verb dictionaries (`PETR.Validate.verbs.txt`,
//! `CAMEO.verbpatterns.150430.txt`): TABARI-style patterns inside
//! PETRARCH's verb blocks, compiled into dyad [`Rule`]s.
//!
//! ```text
//! &CURRENCY                  a synset: `+` members; plurals are added
//! +DOLLARS                   unless the name or the member ends with `_`;
//! +SWISS FRANCS              a member may be several words or `&OTHER`
//!
//! --- GRANT [070] ---        a block and its default code (none: `---`)
//! GRANT                      verbs: regular forms, or all forms in `{ }`;
//! GIVE {GAVE GIVEN GIVING}   a verb may carry its own code; `_` joins the
//! WIRE_+TAP [1711]           words of a multi-word verb, `+` marks the verb
//! - * &CURRENCY [903]        patterns: `pre * post [code]`
//! - IN_* [075]               `_` joins words with nothing between them
//! ```
//!
//! How this differs from PETRARCH-2's `CAMEO.2.0.txt` (read by
//! [`super::petrarch`]): patterns are flat word sequences, not noun and
//! prepositional phrases in `{ }` and `( )`; a space between two words lets
//! other words stand between them while `_` does not (`IN_*`, `*_OUT`,
//! `NEW_&TIETYPES_RELATIONS`); there are no transformations; synsets may
//! hold other synsets. Every verb of a block shares the block's patterns,
//! as in PETRARCH (they all point to the block's first verb).
//!
//! How a pattern compiles, for every verb of its block (as the TABARI
//! front end does, since the pattern language is TABARI's):
//!
//! * `*` → the trigger; `$` → [`Elem::Source`]; `+` → [`Elem::Target`];
//!   `^` (skip a phrase) → [`Elem::Gap`].
//! * `%` (a compound actor) → the source before the verb, the target after
//!   it (the other way round when `$` or `+` already stands there). Before
//!   the verb the compound is both source and target ("Gondor and
//!   Osgiliath have delayed their meeting": each delays with the other):
//!   the block's verbs are returned in [`Loaded::reciprocal`], for dyad's
//!   list of verbs whose coordinated subjects act on each other.
//! * words → [`Elem::Words`], lower case, matched as written (PETRARCH does
//!   not stem). After the verb, a space before a word becomes two gaps
//!   (other words may come between: PETRARCH skips any words of the
//!   phrase); `_` does not. Before the verb a space is one gap (up to
//!   three words: "INDICATED WOULD *" against "indicated it would act"),
//!   and words such as `WILL NOT` or `HAVE` match where they stand.
//! * `&SYNSET` → one [`Elem::Words`] with every one-word member; each
//!   multi-word member gives a rule of its own (at most [`MAX_VARIANTS`]
//!   rules per pattern, then only the one-word members are kept).
//! * codes are kept verbatim (`[030:030]`, `[---]`, `[174K]`, `[def]`).
//! * a block's patterns are pushed before its verbs' own codes, and blocks
//!   whose verbs are written as irregular past forms (`LEFT`, `MET`)
//!   before the others: dyad keeps the first of equally specific matches,
//!   and PETRARCH tries patterns first and looks verbs up by the exact word.
//! * PETRARCH's actors need not be named: the source is the verb's
//!   subject, the target the first actor after the pattern. So a pattern
//!   with nothing before the verb gets `$` there (which lets dyad turn a
//!   passive around), and a pattern without `+` gets a twin ending with
//!   `+`: dyad prefers the twin when it finds a target and keeps the
//!   original for events without one.
//!
//! Left out and listed in [`LoadSummary::skipped_patterns`]: patterns with
//! `{ }` (TABARI disjunctions, which PETRARCH-1 skips too), with no or
//! several `*`, with two `$` or two `+`, or without a code (PETRARCH reads
//! an empty code). Lines that cannot be read at all (no block yet, an
//! undefined synset, a verb's unclosed `{`) are [`DictError`]s.
//!
//! [`Rule`]: crate::Rule
//! [`Elem::Source`]: crate::Elem::Source
//! [`Elem::Target`]: crate::Elem::Target
//! [`Elem::Gap`]: crate::Elem::Gap
//! [`Elem::Words`]: crate::Elem::Words
//! [`DictError`]: crate::DictError

use std::collections::{BTreeSet, HashMap};

use super::petrarch::{outside_synsets, petr_lines, LoadSummary, NULL_CODE};
use crate::error::DictError;
use crate::inflect::{noun_forms, Inflector};
use crate::phrase::phrase_tokens;
use crate::verbs::{Elem, Rule, TriggerKind, VerbDict};

/// A pattern expands into at most this many rules (one per combination of
/// multi-word synset members); beyond, only one-word members are kept.
pub const MAX_VARIANTS: usize = 64;

/// Prepositions that may stand before the implicit target of a pattern
/// without `+`.
const TARGET_PREPOSITIONS: &[&str] = &[
    "about", "across", "against", "among", "around", "at", "between", "by", "for", "from", "in", "inside", "into",
    "near", "of", "on", "outside", "over", "through", "to", "toward", "towards", "upon", "with", "within",
];

/// How many gaps (of up to three words each) may stand before an implicit
/// target or its preposition.
const IMPLICIT_TARGET_GAPS: usize = 3;

/// How deep synsets may hold synsets.
const MAX_SYNSET_DEPTH: usize = 4;

/// One element of a pattern, with whether `_` ties it to the one before.
#[derive(Debug, Clone, PartialEq)]
enum Unit {
    Verb,
    Source,
    Target,
    Compound,
    Skip,
    /// One literal word, lower case.
    Word(String),
    /// A synset, by name (without `&`).
    Syn(String),
}

/// A synset as written: each member a list of tokens (words or `&NAME`),
/// and whether plurals are wanted.
#[derive(Debug, Default)]
struct RawSynset {
    members: Vec<(Vec<String>, bool)>,
}

/// A verb of a block: the trigger lemma, words tied before and after it,
/// forms listed in `{ }`, and its own code.
#[derive(Debug, Clone)]
struct VerbSpec {
    line: usize,
    lemma: String,
    front: Vec<String>,
    back: Vec<String>,
    forms: Vec<String>,
    code: Option<String>,
}

#[derive(Debug)]
struct PatternSpec {
    line: usize,
    written: String,
    code: String,
    units: Vec<(Unit, bool)>,
}

#[derive(Debug, Default)]
struct Block {
    code: String,
    verbs: Vec<VerbSpec>,
    patterns: Vec<PatternSpec>,
}

/// What a verb file gave besides its rules.
#[derive(Debug, Default)]
pub struct Loaded {
    pub summary: LoadSummary,
    /// Verbs (lemmas and listed forms) of blocks with a pattern that puts
    /// a compound actor before the verb (`% HAVE *`): their coordinated
    /// subjects act on each other.
    pub reciprocal: BTreeSet<String>,
}

/// Loads a PETRARCH-1 verb dictionary into `verbs`.
pub fn load_verbs(
    file: &str,
    text: &str,
    inflector: &Inflector,
    verbs: &mut VerbDict,
    errors: &mut Vec<DictError>,
) -> Loaded {
    let mut sum = LoadSummary::default();
    let mut reciprocal = BTreeSet::new();
    let lines = petr_lines(text);
    let raw = read_synsets(&lines);
    let synsets = resolve_synsets(&raw);
    let start = verbs.rules.len();
    let mut blocks: Vec<Block> = Vec::new();
    let mut block: Option<Block> = None;
    for (line_no, line) in outside_synsets(&lines) {
        if line.starts_with("---") {
            blocks.extend(block.take());
            let code = first_code(line).unwrap_or_default();
            block =
                Some(Block { code: if code.is_empty() { NULL_CODE.to_string() } else { code }, ..Block::default() });
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
            match parse_pattern(rest, &synsets) {
                Ok(Ok((written, code, units))) => b.patterns.push(PatternSpec { line: line_no, written, code, units }),
                Ok(Err(why)) => sum.skipped_patterns.push((format!("{file}:{line_no}"), why)),
                Err(msg) => errors.push(DictError::new(file, line_no, msg)),
            }
        } else {
            match parse_verb(line) {
                Ok(v) => b.verbs.push(VerbSpec { line: line_no, ..v }),
                Err(msg) => errors.push(DictError::new(file, line_no, msg)),
            }
        }
    }
    blocks.extend(block.take());
    // PETRARCH looks verbs up by the exact word: `LEFT` is the LEFT block's
    // (the LEAVE block's regular forms do not include it), while dyad's
    // inflector gives "left" to LEAVE too. Blocks whose verbs are written
    // as irregular past forms go first, so they win that word's ties.
    let inflected: std::collections::HashSet<String> =
        inflector.irregular_bases().flat_map(|(base, f)| f.all().into_iter().filter(move |x| x != base)).collect();
    let (first, rest): (Vec<Block>, Vec<Block>) =
        blocks.into_iter().partition(|b| b.verbs.iter().any(|v| inflected.contains(&v.lemma)));
    for b in first.into_iter().chain(rest) {
        compile_block(file, b, &synsets, inflector, verbs, &mut sum, &mut reciprocal);
    }
    sum.rules = verbs.rules.len() - start;
    Loaded { summary: sum, reciprocal }
}

/// The text between the first `[` and the next `]`, trimmed.
fn first_code(line: &str) -> Option<String> {
    let open = line.find('[')?;
    let close = line[open..].find(']')?;
    Some(line[open + 1..open + close].trim().to_string())
}

/// Every synset of the file, as written.
fn read_synsets(lines: &[(usize, std::borrow::Cow<'_, str>)]) -> HashMap<String, RawSynset> {
    let mut out: HashMap<String, RawSynset> = HashMap::new();
    let mut current: Option<(String, bool)> = None;
    for (_, line) in lines {
        let line = line.trim();
        if let Some(name) = line.strip_prefix('&') {
            let name = name.split_whitespace().next().unwrap_or("");
            let plural = !name.ends_with('_');
            let name = name.trim_end_matches('_').to_uppercase();
            out.entry(name.clone()).or_default();
            current = Some((name, plural));
            continue;
        }
        match (&current, line.strip_prefix('+')) {
            (Some((name, plural)), Some(member)) => {
                let member = member.trim();
                let plural = *plural && !member.ends_with('_');
                let tokens: Vec<String> = member
                    .split(|c: char| c == '_' || c.is_whitespace())
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect();
                if !tokens.is_empty() {
                    out.entry(name.clone()).or_default().members.push((tokens, plural));
                }
            }
            _ => current = None,
        }
    }
    out
}

/// Synsets with embedded synsets replaced by their members: each synset
/// becomes a list of phrases (lower-case token lists), plurals included.
fn resolve_synsets(raw: &HashMap<String, RawSynset>) -> HashMap<String, Vec<Vec<String>>> {
    fn phrases(name: &str, raw: &HashMap<String, RawSynset>, depth: usize) -> Vec<Vec<String>> {
        let Some(s) = raw.get(name) else { return Vec::new() };
        if depth > MAX_SYNSET_DEPTH {
            return Vec::new();
        }
        let mut out: Vec<Vec<String>> = Vec::new();
        for (tokens, plural) in &s.members {
            // A member is a sequence of words and synsets: expand it.
            let mut variants: Vec<Vec<String>> = vec![Vec::new()];
            for t in tokens {
                let alts: Vec<Vec<String>> = match t.strip_prefix('&') {
                    Some(inner) => phrases(&inner.trim_end_matches('_').to_uppercase(), raw, depth + 1),
                    None => vec![phrase_tokens(t).into_iter().map(|w| w.to_lowercase()).collect()],
                };
                variants = variants
                    .iter()
                    .flat_map(|v| alts.iter().map(move |a| v.iter().chain(a).cloned().collect::<Vec<_>>()))
                    .take(MAX_VARIANTS * 4)
                    .collect();
            }
            let embedded = tokens.iter().any(|t| t.starts_with('&'));
            for v in variants.into_iter().filter(|v| !v.is_empty()) {
                if *plural && !embedded {
                    let last = v.last().cloned().unwrap_or_default();
                    for form in noun_forms(&last).into_iter().skip(1) {
                        let mut p = v.clone();
                        *p.last_mut().expect("not empty") = form;
                        out.push(p);
                    }
                }
                out.push(v);
            }
        }
        out.sort();
        out.dedup();
        out
    }
    raw.keys().map(|name| (name.clone(), phrases(name, raw, 0))).collect()
}

/// Parses a verb line: `VERB`, `VERB {FORM FORM} [CODE]`, `+VERB_PARTICLE`,
/// `WORD_+VERB`.
fn parse_verb(line: &str) -> Result<VerbSpec, String> {
    let code = match line.find('[') {
        Some(_) => Some(first_code(line).ok_or("`[` without `]` after the verb's code")?),
        None => None,
    };
    let head_end = line.find(['{', '[']).unwrap_or(line.len());
    let head = line[..head_end].trim();
    let forms_text = match (line.find('{'), line.find('}')) {
        (Some(a), Some(b)) if a < b => &line[a + 1..b],
        (Some(_), _) => return Err("`{` without `}` in the verb's forms".to_string()),
        _ => "",
    };
    if head.is_empty() {
        return Err("verb line without a verb".to_string());
    }
    let (lemma, front, back) = split_multiword(head)?;
    let mut forms = Vec::new();
    for f in forms_text.split_whitespace() {
        // A multi-word verb lists its forms whole (`+BROKE_DOWN`): only
        // the verb word is a form of the trigger.
        let (form, _, _) = split_multiword(f)?;
        forms.push(form);
    }
    let code = code.filter(|c| !c.is_empty());
    Ok(VerbSpec { line: 0, lemma, front, back, forms, code })
}

/// Splits `KLM_NOP_+RST` into the verb word and the words tied before and
/// after it; a one-word verb has none.
fn split_multiword(head: &str) -> Result<(String, Vec<String>, Vec<String>), String> {
    let parts: Vec<&str> = head.split(|c: char| c == '_' || c.is_whitespace()).filter(|p| !p.is_empty()).collect();
    let low = |ps: &[&str]| ps.iter().map(|p| p.trim_start_matches('+').to_lowercase()).collect::<Vec<_>>();
    match parts.iter().position(|p| p.starts_with('+')) {
        Some(at) => {
            let verb = parts[at][1..].to_lowercase();
            if verb.is_empty() {
                return Err(format!("`+` marks no verb word in `{head}`"));
            }
            Ok((verb, low(&parts[..at]), low(&parts[at + 1..])))
        }
        None if parts.len() == 1 => Ok((parts[0].to_lowercase(), Vec::new(), Vec::new())),
        // "LASH OUT": PETRARCH takes the first word as the verb.
        None => Ok((parts[0].to_lowercase(), Vec::new(), low(&parts[1..]))),
    }
}

type ParsedPattern = (String, String, Vec<(Unit, bool)>);

/// Parses a pattern line after its `-`. The outer error is a line dyad
/// cannot read at all; the inner one a pattern it reads but cannot express.
fn parse_pattern(
    rest: &str,
    synsets: &HashMap<String, Vec<Vec<String>>>,
) -> Result<Result<ParsedPattern, String>, String> {
    // PETRARCH reads these with an empty code, which codes nothing; `#`
    // starts a comment even inside `[###]`.
    let Some(open) = rest.find('[') else { return Ok(Err("no `[CODE]`".to_string())) };
    let Some(code) = first_code(rest) else {
        return Ok(Err("no `]` after the code (`#` starts a comment, even in `[###]`)".to_string()));
    };
    if code.is_empty() {
        return Ok(Err("empty code in `[ ]`".to_string()));
    }
    let body = rest[..open].trim();
    let written = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if body.contains(['{', '}', '|']) {
        return Ok(Err("`{ | }` alternatives (TABARI): PETRARCH-1 skips these patterns too".to_string()));
    }
    // PETRARCH reads `WORD_ ` as an open match and drops a final `_`.
    let body = body.replace("_ ", " ");
    let body = body.trim_end_matches('_');
    let mut units: Vec<(Unit, bool)> = Vec::new();
    for chunk in body.split_whitespace() {
        let starts_tight = chunk.starts_with('_');
        for (i, part) in chunk.split('_').enumerate() {
            if part.is_empty() {
                continue;
            }
            let tight = i > 0 || starts_tight;
            let unit = match part {
                "*" => Unit::Verb,
                "$" => Unit::Source,
                "+" => Unit::Target,
                "%" => Unit::Compound,
                "^" => Unit::Skip,
                p if p.starts_with('&') => {
                    let name = p[1..].trim_end_matches('_').to_uppercase();
                    if !synsets.contains_key(&name) {
                        return Err(format!("undefined synset `&{name}`"));
                    }
                    Unit::Syn(name)
                }
                p if p.contains('*') => return Ok(Err(format!("cannot read `{p}`: `*` must stand alone"))),
                p => Unit::Word(p.to_lowercase()),
            };
            units.push((unit, tight));
        }
    }
    let count = |u: &Unit| units.iter().filter(|(x, _)| x == u).count();
    match count(&Unit::Verb) {
        0 => return Ok(Err("no `*` (verb position)".to_string())),
        1 => {}
        _ => return Ok(Err("more than one `*`".to_string())),
    }
    if count(&Unit::Source) > 1 || count(&Unit::Target) > 1 || count(&Unit::Compound) > 1 {
        return Ok(Err("`$`, `+` or `%` appears twice".to_string()));
    }
    Ok(Ok((written, code, units)))
}

fn compile_block(
    file: &str,
    block: Block,
    synsets: &HashMap<String, Vec<Vec<String>>>,
    inflector: &Inflector,
    verbs: &mut VerbDict,
    sum: &mut LoadSummary,
    reciprocal: &mut BTreeSet<String>,
) {
    let compound_subject = block.patterns.iter().any(|p| {
        let verb_at = p.units.iter().position(|(u, _)| *u == Unit::Verb).unwrap_or(0);
        p.units[..verb_at].iter().any(|(u, _)| *u == Unit::Compound)
    });
    if compound_subject {
        for v in &block.verbs {
            reciprocal.insert(v.lemma.clone());
            reciprocal.extend(v.forms.iter().cloned());
        }
    }
    // Patterns first: PETRARCH tries them before the verb's own code, and
    // dyad keeps the first of equally specific matches.
    for p in &block.patterns {
        for v in &block.verbs {
            push_variants(
                &format!("{file}:{}", p.line),
                &p.code,
                &p.written,
                &p.units,
                v,
                synsets,
                inflector,
                verbs,
                sum,
            );
        }
    }
    for v in &block.verbs {
        let code = v.code.clone().unwrap_or_else(|| block.code.clone());
        if code == NULL_CODE {
            continue;
        }
        let units = vec![(Unit::Verb, false)];
        push_variants(&format!("{file}:{}", v.line), &code, "", &units, v, synsets, inflector, verbs, sum);
    }
}

/// Pushes the rules of one pattern for one verb: one per combination of
/// multi-word synset members.
#[allow(clippy::too_many_arguments)]
fn push_variants(
    id: &str,
    code: &str,
    written: &str,
    units: &[(Unit, bool)],
    verb: &VerbSpec,
    synsets: &HashMap<String, Vec<Vec<String>>>,
    inflector: &Inflector,
    verbs: &mut VerbDict,
    sum: &mut LoadSummary,
) {
    let has_source = units.iter().any(|(u, _)| *u == Unit::Source);
    let has_target = units.iter().any(|(u, _)| *u == Unit::Target);
    let compound = units.iter().any(|(u, _)| *u == Unit::Compound);
    // Each synset use: its one-word members, and its multi-word members.
    let syn_uses: Vec<(Vec<String>, Vec<Vec<String>>)> = units
        .iter()
        .filter_map(|(u, _)| match u {
            Unit::Syn(n) => {
                let all = synsets.get(n).map(Vec::as_slice).unwrap_or(&[]);
                let single: Vec<String> = all.iter().filter(|p| p.len() == 1).map(|p| p[0].clone()).collect();
                let multi: Vec<Vec<String>> = all.iter().filter(|p| p.len() > 1).cloned().collect();
                Some((single, multi))
            }
            _ => None,
        })
        .collect();
    let total: usize = syn_uses.iter().map(|(s, m)| usize::from(!s.is_empty()) + m.len()).product();
    let trimmed = total > MAX_VARIANTS;
    if trimmed {
        sum.warnings.push((
            id.to_string(),
            format!("more than {MAX_VARIANTS} synset combinations: multi-word members left out"),
        ));
    }
    // A choice per synset use: None = the one-word members, Some(i) = multi[i].
    let mut choices: Vec<Vec<Option<usize>>> = vec![Vec::new()];
    for (single, multi) in &syn_uses {
        let mut opts: Vec<Option<usize>> = Vec::new();
        if !single.is_empty() {
            opts.push(None);
        }
        if !trimmed {
            opts.extend((0..multi.len()).map(Some));
        }
        if opts.is_empty() {
            sum.skipped_patterns.push((id.to_string(), "a synset of the pattern has no usable member".to_string()));
            return;
        }
        choices =
            choices.iter().flat_map(|c| opts.iter().map(move |o| c.iter().copied().chain([*o]).collect())).collect();
    }
    for choice in choices {
        let mut before: Vec<Elem> = Vec::new();
        let mut after: Vec<Elem> = Vec::new();
        let mut seen_verb = false;
        // Whether the element before is a word or the verb: a space after
        // one, before a word, lets other words come between (a gap).
        let mut prev_wordlike = false;
        let mut k = 0;
        for (unit, tight) in units {
            let side = if seen_verb { &mut after } else { &mut before };
            let open = seen_verb && !*tight && prev_wordlike;
            // Before the verb a space between two words (or a word and the
            // verb) is one gap: "INDICATED WOULD *" against "indicated it
            // would act", "&NEGATVAUXVRB EVER *" against "won't even ever
            // clash"; `_` keeps them adjacent.
            let open_before = !seen_verb
                && !*tight
                && prev_wordlike
                && !matches!(unit, Unit::Source | Unit::Target | Unit::Compound | Unit::Skip);
            if open_before {
                push_gap(side);
            }
            match unit {
                Unit::Verb => {
                    seen_verb = true;
                    prev_wordlike = true;
                    before.extend(verb.front.iter().map(|w| Elem::Words(vec![w.clone()])));
                    after.extend(verb.back.iter().map(|w| Elem::Words(vec![w.clone()])));
                }
                Unit::Source => {
                    side.push(Elem::Source);
                    prev_wordlike = false;
                }
                Unit::Target => {
                    side.push(Elem::Target);
                    prev_wordlike = false;
                }
                Unit::Compound => {
                    let source = if seen_verb { has_target } else { !has_source };
                    side.push(if source { Elem::Source } else { Elem::Target });
                    prev_wordlike = false;
                }
                Unit::Skip => {
                    push_gap(side);
                    prev_wordlike = false;
                }
                Unit::Word(w) => {
                    if open {
                        push_open(side);
                    }
                    side.extend(phrase_tokens(w).into_iter().map(|t| Elem::Words(vec![t.to_lowercase()])));
                    prev_wordlike = true;
                }
                Unit::Syn(_) => {
                    if open {
                        push_open(side);
                    }
                    let (single, multi) = &syn_uses[k];
                    match choice[k] {
                        None => side.push(Elem::Words(single.clone())),
                        Some(i) => side.extend(multi[i].iter().map(|t| Elem::Words(vec![t.clone()]))),
                    }
                    k += 1;
                    prev_wordlike = true;
                }
            }
        }
        // dyad patterns cannot start or end with a gap.
        while matches!(before.first(), Some(Elem::Gap)) {
            before.remove(0);
        }
        while matches!(after.last(), Some(Elem::Gap)) {
            after.pop();
        }
        let count = |e: &Elem| before.iter().chain(&after).filter(|x| *x == e).count();
        if count(&Elem::Source) > 1 || count(&Elem::Target) > 1 {
            sum.skipped_patterns.push((id.to_string(), "`%` and `$` (or `+`) fill the same slot".to_string()));
            return;
        }
        // PETRARCH's source is the verb's subject when the pattern names
        // none; saying so lets dyad turn it around in a passive ("Eriador
        // was opposed by Osgiliath").
        if before.is_empty() && count(&Elem::Source) == 0 {
            before.push(Elem::Source);
        }
        let literals = before.iter().chain(&after).filter(|e| matches!(e, Elem::Words(_))).count();
        let rule = Rule {
            id: id.to_string(),
            code: code.to_string(),
            pattern: written.to_string(),
            before,
            trigger_kind: TriggerKind::Verb,
            lemma: verb.lemma.clone(),
            after,
            literals,
            target_kind: None,
            source_kind: None,
        };
        // A pattern without `+` takes as target the first actor after it,
        // as in TABARI ("met Gondor", "fired artillery shells at Zealand",
        // "departed from Libya"): twin rules end with `+`, or with a
        // preposition and `+` (dyad reads an actor after a preposition as
        // a place unless the pattern names the preposition). The twins
        // count no more literals than the pattern, so they win only by
        // finding a target; the original codes a target-less event (kept
        // when `require_dyad` is off).
        if !rule.has_target() && !compound {
            // Right after a pattern ending with a word ("welcomed economic
            // memos from Bree"), as the pattern's own `+` would be.
            if matches!(rule.after.last(), Some(Elem::Words(_))) {
                let mut twin = rule.clone();
                twin.after.push(Elem::Target);
                push_rule(verbs, twin, verb, inflector);
            }
            for prep in [None, Some(TARGET_PREPOSITIONS)] {
                // The words before the target may be many ("the recent
                // closure of guest houses in Bree"); gaps never hold an
                // actor or cross a clause boundary.
                let mut twin = rule.clone();
                push_gap(&mut twin.after);
                twin.after.extend(std::iter::repeat_n(Elem::Gap, IMPLICIT_TARGET_GAPS - 1));
                if let Some(preps) = prep {
                    twin.after.push(Elem::Words(preps.iter().map(|p| p.to_string()).collect()));
                }
                twin.after.push(Elem::Target);
                push_rule(verbs, twin, verb, inflector);
            }
        }
        push_rule(verbs, rule, verb, inflector);
    }
}

/// Pushes the rule under its lemma, then once more for each listed form
/// the inflector does not produce ("sped", verbs written as past forms).
fn push_rule(verbs: &mut VerbDict, rule: Rule, v: &VerbSpec, inflector: &Inflector) {
    let known = inflector.verb(&v.lemma).all();
    for form in v.forms.iter().filter(|f| !known.contains(f)) {
        let mut r = rule.clone();
        r.lemma = form.clone();
        verbs.push(r, inflector);
    }
    verbs.push(rule, inflector);
}

/// What a space between two words after the verb allows: PETRARCH skips
/// any words of the phrase ("signed an 800 million ducat trade
/// protocol"); dyad's gaps are of three words, so two stand there.
fn push_open(side: &mut Vec<Elem>) {
    push_gap(side);
    side.push(Elem::Gap);
}

fn push_gap(side: &mut Vec<Elem>) {
    if !matches!(side.last(), Some(Elem::Gap)) {
        side.push(Elem::Gap);
    }
}

/// True when a verb file's patterns are written in PETRARCH-1's flat
/// syntax (`_` ties words, as in `IN_*`) rather than PETRARCH-2's phrase
/// groups (`( )`, `{ }`) and transformations (`~`).
pub fn looks_like_petrarch1(text: &str) -> bool {
    let (mut flat, mut grouped) = (0usize, 0usize);
    for (_, line) in petr_lines(text) {
        let line = line.trim();
        if line.starts_with('~') {
            grouped += 1;
        } else if let Some(rest) = line.strip_prefix('-') {
            let body = rest.split('[').next().unwrap_or("");
            if body.contains(['(', '{']) {
                grouped += 1;
            } else if body.contains('_') {
                flat += 1;
            }
        }
    }
    flat > grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
<!-- a test dictionary -->
&TIETYPES
+MILITARY
+ECONOMIC
&CURRENCY
+DOLLARS
+SWISS FRANCS
&PREP_
+IN
+ON
&ACCORDSYN
+&TIETYPES
+CLOSER

--- ABANDON  [345]  ---
ABANDON    # a comment
KLM_NOP_+RST [002]
- * NEW_&TIETYPES_RELATIONS [903]
- * EFFORT  [987]
- IN_*  [075]
- INCHING &ACCORDSYN *  [083]

--- GRANT [070] ---
GRANT
GIVE {GAVE GIVEN GIVING}
WIRE_+TAP {WIRE_+TAPPED WIRE_+TAPPING} [1711]
- * &CURRENCY [903]
- $ * &PREP + [071]
- % * [030:030]
- * WITH % [031]
- * { A | B } [072]

--- SAY [---] ---
SAY {SAID SAYING}
- * + ^ IN $ [---]
";

    fn load(text: &str) -> (VerbDict, LoadSummary, Vec<DictError>) {
        let inf = Inflector::parse("i", "give | | gave | given |\n").unwrap();
        let mut d = VerbDict::default();
        let mut errs = Vec::new();
        let loaded = load_verbs("v.txt", text, &inf, &mut d, &mut errs);
        (d, loaded.summary, errs)
    }

    fn words(ws: &[&str]) -> Elem {
        Elem::Words(ws.iter().map(|w| w.to_string()).collect())
    }

    /// True for the twin that adds the implicit target to a pattern
    /// without `+`.
    fn is_twin(r: &Rule) -> bool {
        !r.pattern.contains(['+', '%']) && r.after.last() == Some(&Elem::Target)
    }

    /// The rules of a line, twins left out.
    fn rule<'a>(d: &'a VerbDict, form: &str, line: usize) -> Vec<&'a Rule> {
        d.rules_for(form).filter(|r| r.id == format!("v.txt:{line}") && !is_twin(r)).collect()
    }

    #[test]
    fn blocks_verbs_and_codes() {
        let (d, sum, errs) = load(SAMPLE);
        assert!(errs.is_empty(), "{errs:?}");
        // Verbs alone: the block code, or the verb's own; `---` codes nothing.
        assert_eq!(rule(&d, "abandoned", 16).iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), vec!["345"]);
        let rst = rule(&d, "rsted", 17);
        assert_eq!(rst.len(), 1);
        assert_eq!((rst[0].code.as_str(), rst[0].before.clone()), ("002", vec![words(&["klm"]), words(&["nop"])]));
        // The subject is the source when the pattern names none; a pattern
        // without `+` has a twin that takes the next actor as its target.
        let all: Vec<&Rule> = d.rules_for("abandoned").filter(|r| r.id == "v.txt:16").collect();
        assert_eq!(all.len(), 3);
        assert!(all.iter().all(|r| r.before == vec![Elem::Source]));
        assert_eq!(all[0].after, vec![Elem::Gap, Elem::Gap, Elem::Gap, Elem::Target]);
        let preps = Elem::Words(TARGET_PREPOSITIONS.iter().map(|p| p.to_string()).collect());
        assert_eq!(all[1].after, vec![Elem::Gap, Elem::Gap, Elem::Gap, preps, Elem::Target]);
        assert!(all[2].after.is_empty());
        assert!(all.iter().all(|r| r.literals == 0), "twins win only by finding a target");
        let twins: Vec<Vec<Elem>> =
            d.rules_for("abandoned").filter(|r| r.id == "v.txt:19" && is_twin(r)).map(|r| r.after.clone()).collect();
        let effort = || vec![Elem::Gap, Elem::Gap, words(&["effort"])];
        assert_eq!(twins.len(), 3, "{twins:?}");
        assert_eq!(twins[0], [effort(), vec![Elem::Target]].concat(), "right after a final word");
        assert_eq!(twins[1], [effort(), vec![Elem::Gap, Elem::Gap, Elem::Gap, Elem::Target]].concat());
        assert!(
            d.rules_for("granted").filter(|r| r.id == "v.txt:28").all(|r| !is_twin(r)),
            "a pattern with `+` has no twin"
        );
        assert!(d.rules_for("said").all(|r| !r.pattern.is_empty()), "a `---` block's verb codes nothing alone");
        // A multi-word verb's listed forms index its trigger.
        let tap = rule(&d, "tapped", 26);
        assert_eq!(tap.len(), 1);
        assert_eq!((tap[0].code.as_str(), tap[0].before.clone()), ("1711", vec![words(&["wire"])]));
        // Every verb of the block shares its patterns; listed forms count.
        assert!(rule(&d, "gave", 27).iter().any(|r| r.code == "903"));
        assert!(rule(&d, "granted", 27).iter().any(|r| r.code == "903"));
        assert!(rule(&d, "rsted", 18).iter().any(|r| r.code == "903"), "KLM_NOP_+RST shares ABANDON's patterns");
        // TABARI disjunctions are skipped and listed, as PETRARCH-1 does.
        assert_eq!(sum.skipped_patterns.len(), 1, "{:?}", sum.skipped_patterns);
        assert_eq!(sum.skipped_patterns[0].0, "v.txt:31");
        assert_eq!(sum.rules, d.rules.len());
    }

    #[test]
    fn connectors_synsets_and_slots() {
        let (d, _, _) = load(SAMPLE);
        // `_` ties words: no gap; a space after the verb lets words between
        // (two of dyad's gaps).
        let r = rule(&d, "abandoned", 18);
        assert_eq!(
            r[0].after,
            vec![
                Elem::Gap,
                Elem::Gap,
                words(&["new"]),
                words(&["economic", "economics", "militaries", "military"]),
                words(&["relations"])
            ]
        );
        let r = rule(&d, "abandoned", 19);
        assert_eq!((r[0].after.clone(), r[0].literals), (vec![Elem::Gap, Elem::Gap, words(&["effort"])], 1));
        let r = rule(&d, "abandoned", 20);
        assert_eq!(r[0].before, vec![words(&["in"])], "no source is added before literals");
        // Embedded synsets are expanded; plurals added unless `&NAME_`.
        let r = rule(&d, "abandoned", 21);
        // Before the verb a space is one gap (PETRARCH lets words stand
        // there: "indicated it would act").
        assert_eq!(
            r[0].before,
            vec![
                words(&["inching"]),
                Elem::Gap,
                words(&["closer", "closers", "economic", "economics", "militaries", "military"]),
                Elem::Gap
            ]
        );
        // Multi-word members give rules of their own.
        let cur: Vec<Vec<Elem>> = rule(&d, "granted", 27).iter().map(|r| r.after.clone()).collect();
        assert_eq!(
            cur,
            vec![
                vec![Elem::Gap, Elem::Gap, words(&["dollars"])],
                vec![Elem::Gap, Elem::Gap, words(&["swiss"]), words(&["francs"])]
            ]
        );
        let r = rule(&d, "granted", 28);
        assert_eq!(
            (r[0].before.clone(), r[0].after.clone()),
            (vec![Elem::Source], vec![Elem::Gap, Elem::Gap, words(&["in", "on"]), Elem::Target])
        );
        // `%` is the source before the verb, the target after it.
        assert_eq!(rule(&d, "granted", 29)[0].before, vec![Elem::Source]);
        assert!(rule(&d, "granted", 29)[0].after.is_empty());
        assert_eq!(rule(&d, "granted", 29)[0].code, "030:030");
        assert_eq!(rule(&d, "granted", 30)[0].after, vec![Elem::Gap, Elem::Gap, words(&["with"]), Elem::Target]);
        assert!(
            d.rules_for("granted").filter(|r| r.id == "v.txt:29").all(|r| !is_twin(r)),
            "a compound needs no implicit target"
        );
        let mut errs = Vec::new();
        let loaded = load_verbs("v.txt", SAMPLE, &Inflector::default(), &mut VerbDict::default(), &mut errs);
        let reciprocal: Vec<&str> = loaded.reciprocal.iter().map(String::as_str).collect();
        assert_eq!(
            reciprocal,
            vec!["gave", "give", "given", "giving", "grant", "tap", "tapped", "tapping"],
            "GRANT's block has `% *`"
        );
        // `^` is a gap; null codes are kept.
        let r = rule(&d, "said", 35);
        assert_eq!(
            (r[0].code.as_str(), r[0].after.clone()),
            ("---", vec![Elem::Target, Elem::Gap, words(&["in"]), Elem::Source])
        );
    }

    #[test]
    fn errors_name_the_line() {
        let (_, sum, errs) =
            load("ATTACK\n--- X [190] ---\nWIRE_+ {A}\n- * &NOPE [190]\n- * ATTACK\n- * * [190]\nBAN {BANS\n");
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            msgs,
            vec![
                "v.txt:1: a verb or pattern must follow a `--- NAME [CODE] ---` block header",
                "v.txt:3: `+` marks no verb word in `WIRE_+`",
                "v.txt:4: undefined synset `&NOPE`",
                "v.txt:7: `{` without `}` in the verb's forms",
            ]
        );
        let skipped: Vec<(&str, &str)> = sum.skipped_patterns.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        assert_eq!(skipped, vec![("v.txt:5", "no `[CODE]`"), ("v.txt:6", "more than one `*`")]);
    }

    #[test]
    fn a_verb_written_as_a_past_form_comes_first_for_that_word() {
        let inf = Inflector::parse("i", "leave | | left | left |\n").unwrap();
        let mut d = VerbDict::default();
        let mut errs = Vec::new();
        load_verbs("v.txt", "--- LEAVE [012] ---\nLEAVE\n--- LEFT [032:033] ---\nLEFT\n", &inf, &mut d, &mut errs);
        assert!(errs.is_empty(), "{errs:?}");
        let codes = |form: &str| d.rules_for(form).map(|r| r.code.as_str()).collect::<Vec<_>>();
        assert_eq!(codes("left")[0], "032:033", "{:?}", codes("left"));
        assert!(codes("left").contains(&"012"), "dyad's inflector still gives the word to LEAVE");
        assert!(codes("leaves").iter().all(|c| *c == "012"));
    }

    /// The PETRARCH validation suite's own files, when the shared data is
    /// beside the repository (as in CI).
    #[test]
    fn the_validation_suite_files_load() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/petrarch2-validation");
        let Ok(verbs_text) = std::fs::read_to_string(format!("{dir}/PETR.Validate.verbs.txt")) else {
            eprintln!("skipped: {dir} is not there");
            return;
        };
        assert!(looks_like_petrarch1(&verbs_text));
        let inflector = crate::Dictionaries::builtin().unwrap().inflector;
        let mut verbs = VerbDict::default();
        let mut errors = Vec::new();
        let loaded = load_verbs("verbs", &verbs_text, &inflector, &mut verbs, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        let skipped: Vec<&str> = loaded.summary.skipped_patterns.iter().map(|(at, _)| at.as_str()).collect();
        // `[###]` loses its `]` to the comment sign; PETRARCH reads it with
        // an empty code too.
        assert_eq!(skipped, vec!["verbs:992"], "{:?}", loaded.summary.skipped_patterns);
        assert!(verbs.rules.len() > 2000, "{} rules", verbs.rules.len());
        assert!(verbs.rules_for("restored").any(|r| r.code == "064" && r.pattern == "* DIPLOMATIC"));
        assert!(loaded.reciprocal.contains("agree") && loaded.reciprocal.contains("delay"), "{:?}", loaded.reciprocal);
        // The actor, agent and discard files are PETRARCH-2's syntax.
        let mut actors = crate::ActorDict::default();
        for (name, agents) in [("actors", false), ("agents", true)] {
            let text = std::fs::read_to_string(format!("{dir}/PETR.Validate.{name}.txt")).unwrap();
            if agents {
                super::super::petrarch::load_agents(name, &text, &mut actors, &mut errors);
            } else {
                super::super::petrarch::load_actors(name, &text, &mut actors, &mut errors);
            }
        }
        let text = std::fs::read_to_string(format!("{dir}/PETR.Validate.discards.txt")).unwrap();
        let mut discards = crate::PhraseTable::default();
        super::super::petrarch::load_discards("discards", &text, &mut discards, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(discards.len(), 9);
    }

    #[test]
    fn tells_petrarch1_from_petrarch2() {
        assert!(looks_like_petrarch1(SAMPLE));
        assert!(!looks_like_petrarch1(
            "--- X [070] ---\nGRANT\n- * (TO +) {HUMANITARIAN AID} [073]\n- * US_&C [071]\n"
        ));
        assert!(!looks_like_petrarch1("--- X [070] ---\nGRANT\n"), "no patterns: PETRARCH-2, the default");
    }
}
