//! TABARI `.verbs` files → dyad [`Rule`]s.
//!
//! A verb block is a verb line `VERB [CODE]`, an optional forms line
//! `{ FORM FORM ... }` and pattern lines `- WORDS * WORDS [CODE]`, where
//! `*` stands for the verb (any of its forms), `$` the source, `+` the
//! target, `^` skips a word or phrase, `%` is a compound actor,
//! `{ A | B C }` lists alternatives and `&NAME` names a synset from the
//! `<SYNSETS>` section. How each maps onto dyad's pattern language:
//!
//! * `*` → the trigger (a verb); its lemma is the verb line's first word. A
//!   multi-word verb (`BURN DOWN`, `CALLED_ON`, the form `BROKEN_DOWN_`)
//!   puts its other words right after the trigger.
//! * `$`, `+` → `Elem::Source`, `Elem::Target`.
//! * `^` → `Elem::Gap` (dyad's gap holds no actor, TABARI's skip may).
//! * words → `Elem::Words`, lower-cased. A word without a trailing `_` is a
//!   stem in TABARI; dyad matches whole words, so it becomes the word and its
//!   regular plural (`resolution|resolutions`). `WORD~` (any ending) becomes
//!   the word with `-s`, `-ly`, `-er`, `-est`.
//! * a space between two words after the verb → an `Elem::Gap` between them
//!   (TABARI lets other words come between; dyad's literals after the
//!   trigger already skip determiners and adjectives). Before the trigger
//!   dyad's literals must be adjacent, so no gap is added there.
//! * `{ A | B }`, `&SYNSET`: one `Elem::Words` when every alternative is one
//!   word; otherwise the pattern is expanded into one rule per combination
//!   (at most [`MAX_VARIANTS`]).
//! * `%` (compound actor) → `Elem::Source` before the verb (`Elem::Target`
//!   after it); the rule's `pattern` keeps the `%`, from which the TABARI
//!   reading of `dyad-coder` codes the event between the members of that
//!   compound. Patterns with two `*`, two `$`, two `+`, or `%` besides
//!   `$`/`+`, are skipped and listed in [`LoadSummary::skipped`].
//!
//! Codes are kept verbatim, including `A:B` (paired events: A for source →
//! target, B for target → source), `031!`, `025?`, `---` (a pattern that
//! matches but codes nothing: it blocks the verb's default), `###` (discard
//! the sentence) and `+++` (too complex, code nothing). A verb line coded
//! `---` pushes no rule of its own (only its patterns code). A verb line
//! coded `###` or `+++` (`FOOTBALL [###]`, `PLANETARY CUP [+++]`) names a
//! topic rather than a verb: it is listed in [`LoadSummary::discards`] /
//! [`LoadSummary::complex`] for the caller's discard list and pushes no rule.

use std::collections::HashMap;

use super::{phrase_words, strip_semicolon, Word};
use crate::error::{content_lines, DictError};
use crate::inflect::{noun_forms, Inflector};
use crate::verbs::{Elem, Rule, TriggerKind, VerbDict};

/// Patterns expand into at most this many rules; larger ones are skipped.
pub const MAX_VARIANTS: usize = 64;

/// What a `.verbs` file contributed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LoadSummary {
    /// Verb lines read.
    pub verbs: usize,
    /// Pattern lines read (outside skipped sections).
    pub patterns: usize,
    /// Rules pushed into the [`VerbDict`], counting every copy per form.
    pub rules: usize,
    /// Distinct rule ids (`file:line`) pushed.
    pub rule_ids: usize,
    /// Synsets read from `<SYNSETS>`.
    pub synsets: usize,
    /// Lines inside skipped sections (`<TIME>`, ...).
    pub section_lines_skipped: usize,
    /// Patterns dyad cannot express: `(file:line, reason)`.
    pub skipped: Vec<(String, String)>,
    /// Verb lines coded `###`: `(phrase, file:line)`, for the discard list.
    pub discards: Vec<(String, String)>,
    /// Verb lines coded `+++`: `(phrase, file:line)`.
    pub complex: Vec<(String, String)>,
}

/// A sequence of words (one alternative of `{ }` or of a synset).
type Phrase = Vec<Word>;

/// One slot of a parsed TABARI pattern.
#[derive(Debug, Clone, PartialEq)]
enum Slot {
    Verb,
    Source,
    Target,
    Compound,
    Skip,
    /// Alternatives, each a phrase of one or more words. A plain word is a
    /// single alternative of one word.
    Alts(Vec<Vec<Word>>, bool),
}

/// Loads a TABARI `.verbs` file. Rules get `id` `FILE:LINE` of their
/// pattern line (or verb line), the code verbatim and the pattern as
/// written; every form the block lists is indexed (see the module docs).
pub fn load_verbs(
    file: &str,
    text: &str,
    inflector: &Inflector,
    verbs: &mut VerbDict,
    errors: &mut Vec<DictError>,
) -> LoadSummary {
    let mut sum = LoadSummary::default();
    let mut synsets: HashMap<String, Vec<String>> = HashMap::new();
    let mut section: Option<String> = None;
    let mut current_synset: Option<String> = None;
    let mut block: Option<Block> = None;
    for (line_no, raw) in content_lines(text) {
        let line = strip_semicolon(raw).trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with("~~") {
            break;
        }
        if line.starts_with("</") {
            section = None;
            current_synset = None;
            continue;
        }
        if line.starts_with('<') && line.ends_with('>') {
            section = Some(line[1..line.len() - 1].to_uppercase());
            continue;
        }
        match section.as_deref() {
            Some("SYNSETS") => {
                if let Some(name) = line.strip_prefix('&') {
                    let name = name.trim().to_uppercase();
                    synsets.entry(name.clone()).or_default();
                    current_synset = Some(name);
                    sum.synsets += 1;
                } else if let Some(member) = line.strip_prefix('+') {
                    match &current_synset {
                        Some(s) => synsets.get_mut(s).expect("declared").push(member.trim().to_string()),
                        None => errors.push(DictError::new(file, line_no, "synset member before any `&NAME` line")),
                    }
                } else {
                    errors.push(DictError::new(file, line_no, "expected `&NAME` or `+PHRASE` in <SYNSETS>"));
                }
                continue;
            }
            Some(_) => {
                sum.section_lines_skipped += 1;
                continue;
            }
            None => {}
        }
        if let Some(rest) = line.strip_prefix('-') {
            sum.patterns += 1;
            let Some(b) = block.as_mut() else {
                errors.push(DictError::new(file, line_no, "pattern before any verb line"));
                continue;
            };
            match split_code(rest) {
                Ok((pattern, code)) => b.patterns.push((line_no, pattern.to_string(), code.to_string())),
                Err(msg) => errors.push(DictError::new(file, line_no, msg)),
            }
        } else if let Some(rest) = line.strip_prefix('{') {
            let Some(b) = block.as_mut() else {
                errors.push(DictError::new(file, line_no, "verb forms before any verb line"));
                continue;
            };
            let Some(inner) = rest.trim_end().strip_suffix('}') else {
                errors.push(DictError::new(file, line_no, "verb forms must end with `}`"));
                continue;
            };
            let forms: Vec<Vec<Word>> = inner.split_whitespace().map(phrase_words).filter(|w| !w.is_empty()).collect();
            if forms.is_empty() {
                errors.push(DictError::new(file, line_no, "no verb forms inside `{ }`"));
            }
            b.forms.extend(forms);
        } else {
            if let Some(b) = block.take() {
                b.flush(file, inflector, &synsets, verbs, &mut sum, errors);
            }
            sum.verbs += 1;
            match split_code(line) {
                Ok((phrase, code)) => {
                    let written = phrase.trim().to_string();
                    let words = phrase_words(&written.replace('=', " "));
                    if words.is_empty() {
                        errors.push(DictError::new(file, line_no, "verb line without a verb"));
                        continue;
                    }
                    block = Some(Block {
                        line: line_no,
                        written,
                        code: code.to_string(),
                        verb: words,
                        forms: Vec::new(),
                        patterns: Vec::new(),
                    });
                }
                Err(msg) => errors.push(DictError::new(file, line_no, msg)),
            }
        }
    }
    if let Some(b) = block.take() {
        b.flush(file, inflector, &synsets, verbs, &mut sum, errors);
    }
    sum
}

/// Splits `TEXT [CODE]` into its text and code.
fn split_code(line: &str) -> Result<(&str, &str), String> {
    let Some(open) = line.rfind('[') else { return Err("missing `[CODE]`".to_string()) };
    let Some(close) = line[open..].find(']') else { return Err("missing `]` after the code".to_string()) };
    let code = line[open + 1..open + close].trim();
    if code.is_empty() {
        return Err("empty code in `[ ]`".to_string());
    }
    if code.contains(char::is_whitespace) {
        return Err(format!("code `{code}` contains a space"));
    }
    Ok((line[..open].trim(), code))
}

/// One verb block, flushed when the next verb line starts.
struct Block {
    line: usize,
    written: String,
    code: String,
    /// The verb line's words: the trigger, then words that follow it.
    verb: Vec<Word>,
    /// Forms from `{ }`, each a phrase.
    forms: Vec<Vec<Word>>,
    /// `(line, pattern, code)`.
    patterns: Vec<(usize, String, String)>,
}

impl Block {
    fn flush(
        self,
        file: &str,
        inflector: &Inflector,
        synsets: &HashMap<String, Vec<String>>,
        verbs: &mut VerbDict,
        sum: &mut LoadSummary,
        errors: &mut Vec<DictError>,
    ) {
        let id = format!("{file}:{}", self.line);
        match self.code.as_str() {
            "###" => {
                sum.discards.push((self.written.replace('_', " ").to_lowercase(), id));
                return;
            }
            "+++" => {
                sum.complex.push((self.written.replace('_', " ").to_lowercase(), id));
                return;
            }
            _ => {}
        }
        let heads = self.heads(inflector);
        if self.code != "---" {
            let slots = vec![(Slot::Verb, false)];
            push_variants(&id, &self.code, &self.written, &slots, &heads, inflector, verbs, sum);
        }
        for (line, pattern, code) in &self.patterns {
            let pid = format!("{file}:{line}");
            match parse_slots(pattern, synsets) {
                Ok(slots) => {
                    if let Some(reason) = unsupported(&slots) {
                        sum.skipped.push((pid, reason));
                        continue;
                    }
                    push_variants(&pid, code, pattern, &slots, &heads, inflector, verbs, sum);
                }
                Err(msg) => {
                    // Undeclared synsets and bad braces are the user's to fix.
                    errors.push(DictError::new(file, *line, msg));
                }
            }
        }
    }

    /// Every `(trigger lemma, words after it)` the block's verb and forms
    /// stand for. A TABARI stem (`RESTOR`, `CONTRIBUT`) has no English
    /// base form, so likely bases are added: the regular inflections of
    /// `restor` give "restored", "restoring"; those of `restore` add
    /// "restore", "restores". A listed form is pushed as its own lemma
    /// unless the inflections already cover it (`ACTING_` under `ACT_`).
    fn heads(&self, inflector: &Inflector) -> Vec<(String, Vec<Word>)> {
        let mut out: Vec<(String, Vec<Word>)> = Vec::new();
        let mut covered: Vec<String> = Vec::new();
        let add = |lemma: String, tail: Vec<Word>, covered: &mut Vec<String>, out: &mut Vec<(String, Vec<Word>)>| {
            let forms = inflector.verb(&lemma).all();
            if tail.is_empty() && out.iter().any(|(_, t)| t.is_empty()) && forms.iter().all(|f| covered.contains(f)) {
                return;
            }
            if tail.is_empty() {
                covered.extend(forms);
            }
            out.push((lemma, tail));
        };
        let head = &self.verb[0];
        let tail: Vec<Word> = self.verb[1..].to_vec();
        add(head.text.clone(), tail.clone(), &mut covered, &mut out);
        if !head.exact {
            for guess in stem_guesses(&head.text) {
                add(guess, tail.clone(), &mut covered, &mut out);
            }
        }
        for form in &self.forms {
            let mut tail: Vec<Word> = form[1..].to_vec();
            // The verb line's own extra words follow every form too.
            tail.extend(self.verb[1..].iter().cloned());
            if tail.is_empty() && covered.contains(&form[0].text) {
                continue;
            }
            add(form[0].text.clone(), tail, &mut covered, &mut out);
        }
        out
    }
}

/// Endings after which an English verb's silent `e` is usually what the
/// stem dropped (`CONTRIBUT`, `FINANC`, `OPPOS`, `RESTOR`, `EXCHANG`). A
/// wrong guess only adds forms that never occur in text ("repeate"); short
/// words (`CUT`, `SHUT`) and `-ing` words are not guessed at.
const E_DROPPED: &[&str] =
    &["ut", "at", "nc", "uc", "os", "us", "or", "um", "om", "ul", "ng", "iv", "ur", "rg", "dg", "ag", "ic"];

/// Likely English bases for a TABARI stem.
fn stem_guesses(stem: &str) -> Vec<String> {
    let mut out = Vec::new();
    if stem.ends_with("if") {
        out.push(format!("{stem}y"));
    } else if stem.ends_with('i') {
        out.push(format!("{stem}ze"));
        out.push(format!("{stem}se"));
    } else if stem.len() >= 5 && !stem.ends_with("ing") && E_DROPPED.iter().any(|end| stem.ends_with(end)) {
        out.push(format!("{stem}e"));
    }
    out
}

/// Parses the text of a pattern line (between `-` and `[`).
fn parse_slots(pattern: &str, synsets: &HashMap<String, Vec<String>>) -> Result<Vec<(Slot, bool)>, String> {
    parse_slots_depth(pattern, synsets, 0)
}

fn parse_slots_depth(
    pattern: &str,
    synsets: &HashMap<String, Vec<String>>,
    depth: usize,
) -> Result<Vec<(Slot, bool)>, String> {
    if depth > 4 {
        return Err("synsets nested too deeply (or recursive)".to_string());
    }
    // Braces and bars are their own tokens, whether or not `_` joins them.
    let spaced = pattern.replace('{', " { ").replace('}', " } ").replace('|', " | ");
    let mut slots: Vec<(Slot, bool)> = Vec::new();
    // Inside `{ }`: the finished alternatives, and the phrases the current
    // one may still be (several when it holds a synset).
    let mut group: Option<(Vec<Phrase>, Vec<Phrase>)> = None;
    let mut group_tight = false;
    let mut prev_tight_end = false;
    for chunk in spaced.split_whitespace() {
        match chunk {
            "{" => {
                if group.is_some() {
                    return Err("nested `{` in a pattern".to_string());
                }
                group = Some((Vec::new(), vec![Vec::new()]));
                group_tight = prev_tight_end;
                continue;
            }
            "|" => {
                match group.as_mut() {
                    Some((done, cur)) => done.append(&mut std::mem::replace(cur, vec![Vec::new()])),
                    None => return Err("`|` outside `{ }`".to_string()),
                }
                continue;
            }
            "}" => {
                let Some((mut g, mut cur)) = group.take() else { return Err("`}` without `{`".to_string()) };
                g.append(&mut cur);
                if g.iter().any(|a| a.is_empty()) {
                    return Err("empty alternative in `{ }`".to_string());
                }
                slots.push((Slot::Alts(g, false), group_tight));
                prev_tight_end = false;
                continue;
            }
            _ => {}
        }
        let starts_tight = chunk.starts_with('_');
        prev_tight_end = chunk.ends_with('_');
        let parts: Vec<&str> = chunk.split('_').collect();
        let n = parts.len();
        for (i, part) in parts.iter().enumerate() {
            if part.is_empty() {
                continue;
            }
            let tight = i > 0 || starts_tight;
            let exact = i + 1 < n && parts[i + 1..].iter().all(|q| q.is_empty());
            let slot = match *part {
                "*" => Slot::Verb,
                "$" => Slot::Source,
                "+" => Slot::Target,
                "%" => Slot::Compound,
                "^" => Slot::Skip,
                p if p.starts_with('&') => {
                    let name = p[1..].to_uppercase();
                    let Some(members) = synsets.get(&name) else { return Err(format!("undeclared synset `&{name}`")) };
                    let mut alts = Vec::new();
                    for m in members {
                        for variant in expand(&parse_slots_depth(m, synsets, depth + 1)?)? {
                            // Every sequence of words the member stands for:
                            // a nested synset (`&TIETYPES_MEMOS`) gives one
                            // per alternative.
                            let mut phrases: Vec<Vec<Word>> = vec![Vec::new()];
                            for (slot, tight) in variant {
                                let Slot::Alts(options, _) = slot else { continue };
                                let mut next = Vec::new();
                                for partial in &phrases {
                                    for option in &options {
                                        let mut words = option.clone();
                                        if let Some(first) = words.first_mut() {
                                            first.tight = tight;
                                        }
                                        let mut p = partial.clone();
                                        p.extend(words);
                                        next.push(p);
                                    }
                                }
                                if next.len() > MAX_VARIANTS {
                                    return Err(format!(
                                        "synset `&{name}` expands into more than {MAX_VARIANTS} phrases"
                                    ));
                                }
                                phrases = next;
                            }
                            alts.extend(phrases.into_iter().filter(|w| !w.is_empty()));
                        }
                    }
                    if alts.is_empty() {
                        return Err(format!("synset `&{name}` has no usable member"));
                    }
                    Slot::Alts(alts, false)
                }
                p => {
                    let (text, tilde) = match p.strip_suffix('~') {
                        Some(t) => (t, true),
                        None => (p, false),
                    };
                    Slot::Alts(vec![vec![Word { text: text.to_lowercase(), exact, tight: false }]], tilde)
                }
            };
            match group.as_mut() {
                Some((_, cur)) => match slot {
                    Slot::Alts(alts, _) => {
                        let mut next = Vec::new();
                        for partial in cur.iter() {
                            for alt in &alts {
                                let mut p = partial.clone();
                                let mut words = alt.clone();
                                if let Some(first) = words.first_mut() {
                                    first.tight = tight && !partial.is_empty();
                                }
                                p.extend(words);
                                next.push(p);
                            }
                        }
                        if next.len() > MAX_VARIANTS {
                            return Err(format!("`{{ }}` expands into more than {MAX_VARIANTS} phrases"));
                        }
                        *cur = next;
                    }
                    _ => return Err("only words and synsets may appear inside `{ }`".to_string()),
                },
                None => slots.push((slot, tight)),
            }
        }
    }
    if group.is_some() {
        return Err("`{` without `}`".to_string());
    }
    Ok(slots)
}

/// Why dyad cannot express these slots, if it cannot.
fn unsupported(slots: &[(Slot, bool)]) -> Option<String> {
    let count = |x: &Slot| slots.iter().filter(|(s, _)| s == x).count();
    if count(&Slot::Compound) > 1 || count(&Slot::Compound) == 1 && count(&Slot::Source) + count(&Slot::Target) > 0 {
        return Some("`%` (compound actor) with another `%`, `$` or `+`".to_string());
    }
    match count(&Slot::Verb) {
        0 => return Some("no `*` (verb position)".to_string()),
        1 => {}
        _ => return Some("more than one `*`".to_string()),
    }
    if count(&Slot::Source) > 1 || count(&Slot::Target) > 1 {
        return Some("`$` or `+` appears twice".to_string());
    }
    None
}

/// Expands multi-word alternatives into separate slot lists, each with
/// only one-word alternatives.
fn expand(slots: &[(Slot, bool)]) -> Result<Vec<Vec<(Slot, bool)>>, String> {
    let mut variants: Vec<Vec<(Slot, bool)>> = vec![Vec::new()];
    for (slot, tight) in slots {
        match slot {
            Slot::Alts(alts, tilde) if alts.iter().any(|a| a.len() != 1) => {
                let mut next = Vec::new();
                for v in &variants {
                    for alt in alts {
                        let mut nv = v.clone();
                        for (i, w) in alt.iter().enumerate() {
                            let t = if i == 0 { *tight } else { w.tight };
                            nv.push((Slot::Alts(vec![vec![w.clone()]], *tilde), t));
                        }
                        next.push(nv);
                    }
                }
                variants = next;
                if variants.len() > MAX_VARIANTS {
                    return Err(format!("expands into more than {MAX_VARIANTS} rules"));
                }
            }
            s => variants.iter_mut().for_each(|v| v.push((s.clone(), *tight))),
        }
    }
    Ok(variants)
}

/// The dyad words one TABARI word matches.
fn word_forms(w: &Word, tilde: bool) -> Vec<String> {
    if tilde {
        let t = &w.text;
        return vec![t.clone(), format!("{t}s"), format!("{t}ly"), format!("{t}er"), format!("{t}est")];
    }
    let t = w.text.as_str();
    let not_noun = FUNCTION_WORDS.contains(&t) || t.ends_with("ly") || t.ends_with("ed") || t.ends_with("ing");
    if w.exact || not_noun || !t.chars().all(char::is_alphabetic) {
        return vec![w.text.clone()];
    }
    noun_forms(t)
}

/// Words whose TABARI noun endings would be nonsense ("withs").
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "against", "all", "an", "and", "any", "are", "as", "at", "back", "be", "been", "between",
    "but", "by", "can", "could", "did", "do", "does", "down", "ever", "for", "from", "had", "has", "have", "he", "her",
    "his", "if", "in", "into", "is", "it", "its", "may", "might", "more", "most", "must", "new", "no", "not", "now",
    "of", "off", "on", "only", "or", "out", "over", "said", "say", "says", "she", "should", "some", "than", "that",
    "the", "their", "them", "they", "this", "to", "under", "until", "up", "upon", "was", "we", "were", "when", "which",
    "will", "with", "would",
];

/// Builds and pushes one rule per expansion variant and per head.
#[allow(clippy::too_many_arguments)]
fn push_variants(
    id: &str,
    code: &str,
    written: &str,
    slots: &[(Slot, bool)],
    heads: &[(String, Vec<Word>)],
    inflector: &Inflector,
    verbs: &mut VerbDict,
    sum: &mut LoadSummary,
) {
    let variants = match expand(slots) {
        Ok(v) => v,
        Err(reason) => {
            sum.skipped.push((id.to_string(), reason));
            return;
        }
    };
    let mut pushed = false;
    for variant in &variants {
        for (lemma, tail) in heads {
            let mut before: Vec<Elem> = Vec::new();
            let mut after: Vec<Elem> = Vec::new();
            let mut seen_verb = false;
            // Whether the previous element after the trigger was a word or
            // the trigger itself (a space after one becomes a gap).
            let mut prev_wordlike = false;
            for (slot, tight) in variant {
                let side = if seen_verb { &mut after } else { &mut before };
                match slot {
                    Slot::Verb => {
                        seen_verb = true;
                        prev_wordlike = true;
                        for w in tail {
                            if !w.tight && prev_wordlike {
                                push_gap(&mut after);
                            }
                            after.push(Elem::Words(word_forms(w, false)));
                        }
                    }
                    Slot::Source | Slot::Target => {
                        side.push(if *slot == Slot::Source { Elem::Source } else { Elem::Target });
                        prev_wordlike = false;
                    }
                    Slot::Skip => {
                        push_gap(side);
                        prev_wordlike = false;
                    }
                    // `%`: a compound actor where the source would be; the
                    // pattern as written keeps the `%`, which the shallow
                    // reading turns into events between its members.
                    Slot::Compound => {
                        side.push(if seen_verb { Elem::Target } else { Elem::Source });
                        prev_wordlike = false;
                    }
                    Slot::Alts(alts, tilde) => {
                        if seen_verb && !*tight && prev_wordlike {
                            push_gap(side);
                        }
                        let mut forms: Vec<String> = alts.iter().flat_map(|a| word_forms(&a[0], *tilde)).collect();
                        forms.dedup();
                        side.push(Elem::Words(forms));
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
            let literals = before.iter().chain(&after).filter(|e| matches!(e, Elem::Words(_))).count();
            let rule = Rule {
                id: id.to_string(),
                code: code.to_string(),
                pattern: written.split_whitespace().collect::<Vec<_>>().join(" "),
                before,
                trigger_kind: TriggerKind::Verb,
                lemma: lemma.clone(),
                after,
                literals,
                target_kind: None,
                source_kind: None,
            };
            verbs.push(rule, inflector);
            sum.rules += 1;
            pushed = true;
        }
    }
    if pushed {
        sum.rule_ids += 1;
    }
}

fn push_gap(side: &mut Vec<Elem>) {
    if !matches!(side.last(), Some(Elem::Gap)) {
        side.push(Elem::Gap);
    }
}
