//! Event patterns (`verbs.txt`): parse, validate and index by trigger form.
//!
//! A pattern is a sequence of elements around exactly one trigger; see
//! `dict/README.md` for the language. Patterns from other dictionary formats
//! (TABARI, PETRARCH) compile into the same [`Rule`] representation.

use std::collections::HashMap;

use crate::cameo::Codebook;
use crate::error::{content_lines, DictError};
use crate::inflect::{noun_forms, Inflector};

/// One element of a pattern, other than the trigger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Elem {
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// A literal word or alternatives (`on|at`), lower case.
    Words(Vec<String>),
    /// `*`: up to three tokens that hold no actor.
    Gap,
}

/// What kind of actor a `+` accepts: `+@place` a state or place named as
/// such ("captured Mosul"), `+@people` people, groups and institutions
/// ("captured the rebel commander").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    Place,
    People,
    /// `+@IGO`, `+@NGO`, `+@MIL`: the target's code has this block.
    Block([u8; 3]),
}

/// Whether the trigger is a verb or a noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TriggerKind {
    Verb,
    Noun,
}

/// A compiled event rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// `file:line`.
    pub id: String,
    /// The event code, verbatim.
    pub code: String,
    /// The pattern as written.
    pub pattern: String,
    /// Elements before the trigger, in text order.
    pub before: Vec<Elem>,
    pub trigger_kind: TriggerKind,
    /// The trigger's lemma as written.
    pub lemma: String,
    /// Elements after the trigger, in text order.
    pub after: Vec<Elem>,
    /// Number of literal words (used to prefer specific rules).
    pub literals: usize,
    /// The kind of target `+` accepts, when the pattern says (`+@place`).
    pub target_kind: Option<TargetKind>,
    /// The kind of source `$` accepts (`$@OPP`: protesters storming an
    /// embassy is a violent protest, troops storming it an assault).
    pub source_kind: Option<TargetKind>,
}

impl Rule {
    /// True when the pattern names the source explicitly.
    pub fn has_source(&self) -> bool {
        self.before.iter().chain(&self.after).any(|e| *e == Elem::Source)
    }
    /// True when the pattern names the target explicitly.
    pub fn has_target(&self) -> bool {
        self.before.iter().chain(&self.after).any(|e| *e == Elem::Target)
    }
}

/// All rules, indexed by every inflected form of their triggers.
#[derive(Debug, Clone, Default)]
pub struct VerbDict {
    pub rules: Vec<Rule>,
    by_form: HashMap<String, Vec<u32>>,
    /// Every verb form of every trigger lemma mapped to its lemma.
    pub lemma_of: HashMap<String, String>,
}

impl VerbDict {
    /// Rules whose trigger has this (lower-case) form.
    pub fn rules_for(&self, form: &str) -> impl Iterator<Item = &Rule> {
        self.by_form.get(form).into_iter().flatten().map(|&i| &self.rules[i as usize])
    }

    /// Adds the rules of one file. Codes are checked against `codebook`
    /// when one is given (dyad's own files); other formats carry their
    /// codes verbatim.
    pub fn add_file(
        &mut self,
        file: &str,
        text: &str,
        inflector: &Inflector,
        codebook: Option<&Codebook>,
        errors: &mut Vec<DictError>,
    ) {
        let mut seen: HashMap<(String, String), usize> = HashMap::new();
        for (line_no, line) in content_lines(text) {
            let line = line.trim();
            let (code, pattern) = match line.split_once(char::is_whitespace) {
                Some((c, p)) => (c.trim(), p.trim()),
                None => {
                    errors.push(DictError::new(file, line_no, "expected `CODE  PATTERN`"));
                    continue;
                }
            };
            if let Some(book) = codebook {
                if book.get(code).is_none() {
                    errors.push(DictError::new(file, line_no, format!("`{code}` is not a CAMEO event code")));
                    continue;
                }
            }
            let id = format!("{file}:{line_no}");
            match parse_pattern(code, pattern, id) {
                Ok(rule) => {
                    let key = (code.to_string(), rule.pattern.clone());
                    if let Some(prev) = seen.insert(key, line_no) {
                        errors.push(DictError::new(file, line_no, format!("duplicate of line {prev}")));
                        continue;
                    }
                    self.push(rule, inflector);
                }
                Err(msg) => errors.push(DictError::new(file, line_no, msg)),
            }
        }
    }

    /// Adds one compiled rule and indexes its trigger forms.
    pub fn push(&mut self, rule: Rule, inflector: &Inflector) {
        let idx = self.rules.len() as u32;
        let forms = match rule.trigger_kind {
            TriggerKind::Verb => {
                let forms = inflector.verb(&rule.lemma).all();
                for f in &forms {
                    self.lemma_of.entry(f.clone()).or_insert_with(|| rule.lemma.clone());
                }
                forms
            }
            TriggerKind::Noun => noun_forms(&rule.lemma),
        };
        for f in forms {
            let list = self.by_form.entry(f).or_default();
            if !list.contains(&idx) {
                list.push(idx);
            }
        }
        self.rules.push(rule);
    }
}

/// Parses one pattern. The error is a message for the caller to locate.
pub fn parse_pattern(code: &str, pattern: &str, id: String) -> Result<Rule, String> {
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut trigger: Option<(TriggerKind, String)> = None;
    let mut literals = 0;
    let mut target_kind = None;
    let mut source_kind = None;
    for word in pattern.split_whitespace() {
        let elem = match word {
            "$" => Elem::Source,
            w if w.starts_with("$@") => {
                source_kind = Some(parse_kind(&w[2..]).ok_or_else(|| {
                    format!("unknown source kind `{w}`: use `$@place`, `$@people` or a code block such as `$@OPP`")
                })?);
                Elem::Source
            }
            "+" => Elem::Target,
            w if w.starts_with("+@") => {
                target_kind = Some(parse_kind(&w[2..]).ok_or_else(|| {
                    format!("unknown target kind `{w}`: use `+@place`, `+@people` or a code block such as `+@IGO`")
                })?);
                Elem::Target
            }
            "*" => Elem::Gap,
            w if w.starts_with('~') || w.starts_with('^') => {
                if trigger.is_some() {
                    return Err(format!("second trigger `{w}`: a pattern has exactly one `~verb` or `^noun`"));
                }
                let kind = if w.starts_with('~') { TriggerKind::Verb } else { TriggerKind::Noun };
                let lemma = w[1..].to_lowercase();
                if lemma.is_empty() || !lemma.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'') {
                    return Err(format!("trigger `{w}` must be one word"));
                }
                trigger = Some((kind, lemma));
                continue;
            }
            w => {
                let alts: Vec<String> = w.split('|').map(|a| a.to_lowercase()).collect();
                if alts.iter().any(|a| a.is_empty()) {
                    return Err(format!("empty alternative in `{w}`"));
                }
                if alts.iter().any(|a| a.contains(['$', '+', '*', '~', '^'])) {
                    return Err(format!("`{w}` mixes a literal with pattern symbols; separate them with spaces"));
                }
                literals += 1;
                Elem::Words(alts)
            }
        };
        if trigger.is_some() {
            after.push(elem);
        } else {
            before.push(elem);
        }
    }
    let Some((trigger_kind, lemma)) = trigger else {
        return Err("no trigger: a pattern needs one `~verb` or `^noun`".to_string());
    };
    let count = |e: &Elem| before.iter().chain(&after).filter(|x| *x == e).count();
    if count(&Elem::Source) > 1 || count(&Elem::Target) > 1 {
        return Err("`$` and `+` may each appear once".to_string());
    }
    if matches!(after.last(), Some(Elem::Gap)) || matches!(before.first(), Some(Elem::Gap)) {
        return Err("a pattern cannot start or end with `*`".to_string());
    }
    Ok(Rule {
        id,
        code: code.to_string(),
        pattern: pattern.split_whitespace().collect::<Vec<_>>().join(" "),
        before,
        trigger_kind,
        lemma,
        after,
        literals,
        target_kind,
        source_kind,
    })
}

/// `place`, `people`, or a block of three capitals (`IGO`, `OPP`).
fn parse_kind(s: &str) -> Option<TargetKind> {
    match s {
        "place" => Some(TargetKind::Place),
        "people" => Some(TargetKind::People),
        b if b.len() == 3 && b.bytes().all(|c| c.is_ascii_uppercase()) => {
            let b = b.as_bytes();
            Some(TargetKind::Block([b[0], b[1], b[2]]))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_elements() {
        let r = parse_pattern("190", "$ ~launch * attack|attacks on +", "v:1".into()).unwrap();
        assert_eq!(r.before, vec![Elem::Source]);
        assert_eq!(r.lemma, "launch");
        assert_eq!(
            r.after,
            vec![
                Elem::Gap,
                Elem::Words(vec!["attack".into(), "attacks".into()]),
                Elem::Words(vec!["on".into()]),
                Elem::Target
            ]
        );
        assert_eq!(r.literals, 2);
        assert!(r.has_source() && r.has_target());
    }

    #[test]
    fn rejects_bad_patterns() {
        let e = |p: &str| parse_pattern("190", p, "v:1".into()).unwrap_err();
        assert!(e("$ attack +").contains("no trigger"));
        assert!(e("$ ~attack ~hit +").contains("second trigger"));
        assert!(e("$ ~attack + +").contains("once"));
        assert!(e("$ ~attack *").contains("`*`"));
        assert!(e("$ ~attack on+").contains("separate"));
        assert!(e("$ ~capture +@town").contains("unknown target kind"));
        let r = parse_pattern("192", "$ ~capture +@place", "v:1".into()).unwrap();
        assert_eq!(r.target_kind, Some(TargetKind::Place));
        let r = parse_pattern("1661", "$ ~expel +@IGO", "v:1".into()).unwrap();
        assert_eq!(r.target_kind, Some(TargetKind::Block(*b"IGO")));
        assert!(e("$ ~expel +@igo").contains("unknown target kind"));
        let r = parse_pattern("145", "$@OPP ~storm +", "v:1".into()).unwrap();
        assert_eq!(r.source_kind, Some(TargetKind::Block(*b"OPP")));
        assert_eq!(r.before, vec![Elem::Source]);
        assert!(e("$@x ~storm +").contains("unknown source kind"));
        assert!(r.has_target());
    }

    #[test]
    fn file_errors_and_index() {
        let inf = Inflector::parse("i", "meet | | met | met |\n").unwrap();
        let mut d = VerbDict::default();
        let mut errs = Vec::new();
        d.add_file("verbs.txt", "043 $ ~meet with +\n043 $ ~meet with +\nbad\n", &inf, None, &mut errs);
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(msgs, vec!["verbs.txt:2: duplicate of line 1", "verbs.txt:3: expected `CODE  PATTERN`"]);
        assert_eq!(d.rules_for("met").count(), 1);
        assert_eq!(d.rules_for("meeting").count(), 1);
        assert_eq!(d.lemma_of["met"], "meet");
    }
}
