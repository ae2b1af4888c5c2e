//! Checking a dictionary set against the engine: every event pattern is put
//! in a sentence of its own ("France attacked Germany.") and must code; an
//! actor phrase listed under two codes is a conflict. Used by `dyad dict
//! check` and by the tests that keep dyad's own dictionaries honest.

use dyad_dict::{ActorKind, Elem, Rule, TriggerKind};

use crate::{Article, Coder};

/// A pattern the engine cannot reach from its own synthetic sentence.
#[derive(Debug, Clone)]
pub struct Unreachable {
    /// `file:line` of the rule.
    pub rule: String,
    pub pattern: String,
    /// The sentence that was tried.
    pub sentence: String,
    /// What it coded instead (`code rule` per event).
    pub got: Vec<String>,
}

/// An actor phrase that two entries code differently.
#[derive(Debug, Clone)]
pub struct Conflict {
    pub phrase: String,
    /// `(code, file:line)` of each entry.
    pub entries: Vec<(String, String)>,
}

/// Builds "France <pattern> Germany." from a rule, with the trigger in the
/// past tense (verbs) or as a noun with its source after "by".
pub fn sentence_for(rule: &Rule, coder: &Coder) -> String {
    let dict = coder.dictionaries();
    let render = |e: &Elem| -> String {
        match e {
            Elem::Source => "France".into(),
            Elem::Target => "Germany".into(),
            Elem::Words(alts) => alts[0].clone(),
            Elem::Gap => String::new(),
        }
    };
    let mut words: Vec<String> = rule.before.iter().map(render).collect();
    if rule.before.is_empty() && rule.trigger_kind == TriggerKind::Verb {
        words.push("France".into());
    }
    match rule.trigger_kind {
        TriggerKind::Verb => words.push(dict.inflector.verb(&rule.lemma).past),
        TriggerKind::Noun => {
            if rule.before.is_empty() {
                words.push("the".into());
            }
            words.push(rule.lemma.clone());
        }
    }
    words.extend(rule.after.iter().map(render));
    if rule.trigger_kind == TriggerKind::Noun && !rule.has_source() {
        words.push("by France".into());
    }
    let s = words.into_iter().filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str() + ".",
        None => s,
    }
}

/// Every pattern of the coder's dictionaries whose synthetic sentence codes
/// neither its code nor its rule.
pub fn unreachable_patterns(coder: &Coder) -> Vec<Unreachable> {
    let mut out = Vec::new();
    for rule in &coder.dictionaries().verbs.rules {
        let sentence = sentence_for(rule, coder);
        let coded =
            coder.code(&Article { id: "check".into(), text: sentence.clone(), date: Some("2024-06-01".into()) });
        let ok = coded.events.iter().any(|e| e.cameo == rule.code || e.rule == rule.id);
        if !ok {
            out.push(Unreachable {
                rule: rule.id.clone(),
                pattern: rule.pattern.clone(),
                sentence,
                got: coded.events.iter().map(|e| format!("{} {}", e.cameo, e.rule)).collect(),
            });
        }
    }
    out
}

/// Actor phrases listed with different codes (people excluded: their codes
/// depend on dates).
pub fn conflicting_actors(coder: &Coder) -> Vec<Conflict> {
    let mut by_phrase: std::collections::BTreeMap<String, Vec<(String, String)>> = Default::default();
    for p in coder.dictionaries().actors.phrases.iter() {
        if p.value.kind == ActorKind::Person {
            continue;
        }
        let key = p.tokens.join(" ");
        let entry = (format!("{:?}:{}", p.value.kind, p.value.code), p.value.source.clone());
        by_phrase.entry(key).or_default().push(entry);
    }
    by_phrase
        .into_iter()
        .filter(|(_, e)| {
            let mut codes: Vec<&String> = e.iter().map(|(c, _)| c).collect();
            codes.sort();
            codes.dedup();
            codes.len() > 1
        })
        .map(|(phrase, entries)| Conflict { phrase, entries })
        .collect()
}
