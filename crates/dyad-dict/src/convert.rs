//! Writing a dictionary set in dyad's own format (`dyad dict convert`):
//! whatever front end loaded the rules and actors, the result reads back
//! with [`Dictionaries::from_dir`]-style loaders.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::{ActorKind, Dictionaries, Elem, Rule, TargetKind, TriggerKind};

/// A rule's pattern in dyad's syntax.
pub fn dyad_pattern(rule: &Rule) -> String {
    let kind = |k: Option<TargetKind>| match k {
        None => String::new(),
        Some(TargetKind::Place) => "@place".into(),
        Some(TargetKind::People) => "@people".into(),
        Some(TargetKind::Block(b)) => format!("@{}", String::from_utf8_lossy(&b)),
    };
    let render = |e: &Elem| match e {
        Elem::Source => format!("${}", kind(rule.source_kind)),
        Elem::Target => format!("+{}", kind(rule.target_kind)),
        Elem::Words(alts) => alts.join("|"),
        Elem::Gap => "*".into(),
    };
    let mut parts: Vec<String> = rule.before.iter().map(render).collect();
    let sigil = if rule.trigger_kind == TriggerKind::Verb { '~' } else { '^' };
    parts.push(format!("{sigil}{}", rule.lemma));
    parts.extend(rule.after.iter().map(render));
    parts.join(" ")
}

/// The converted files: `(file name, content)`.
pub fn to_dyad_files(d: &Dictionaries) -> Vec<(String, String)> {
    // verbs.txt: one line per distinct (code, pattern); a pattern whose
    // trigger lemma is not a word (a form list item such as "broke_down")
    // is kept as written by the front end.
    let mut verbs = String::from("# Converted by `dyad dict convert`; each line keeps its origin.\n");
    let mut seen = std::collections::HashSet::new();
    for r in &d.verbs.rules {
        let line = format!("{:<6}{}", r.code, dyad_pattern(r));
        if r.lemma.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'') && seen.insert(line.clone()) {
            let _ = writeln!(verbs, "{line}    # {}", r.id);
        }
    }
    // Actors by kind and code.
    let mut by_code: BTreeMap<(u8, String), Vec<String>> = BTreeMap::new();
    let mut people: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for p in d.actors.phrases.iter() {
        let e = &p.value;
        match e.kind {
            ActorKind::Person => people.entry(e.person.unwrap_or(0)).or_default().push(p.written.clone()),
            ActorKind::Agent => by_code.entry((0, e.code.clone())).or_default().push(p.written.clone()),
            _ => by_code.entry((1, e.code.clone())).or_default().push(p.written.clone()),
        }
    }
    let mut agents = String::from("# Converted by `dyad dict convert`: ROLE | words\n");
    let mut orgs = String::from("# Converted by `dyad dict convert`: CODE | names\n");
    for ((k, code), mut names) in by_code {
        names.sort();
        names.dedup();
        let out = if k == 0 { &mut agents } else { &mut orgs };
        let _ = writeln!(out, "{code} | {}", names.join("; "));
    }
    let mut ppl = String::from("# Converted by `dyad dict convert`: names, then dated codes\n");
    for (idx, mut names) in people {
        let Some(person) = d.actors.people.get(idx) else { continue };
        names.sort();
        names.dedup();
        let _ = writeln!(ppl, "{}", names.join("; "));
        for c in &person.codes {
            let range = match (&c.from, &c.until) {
                (None, None) => String::new(),
                (f, u) => format!(" {}..{}", f.as_deref().unwrap_or(""), u.as_deref().unwrap_or("")),
            };
            let _ = writeln!(ppl, "    {}{range}", c.code);
        }
    }
    let mut discards = String::from("# Converted by `dyad dict convert`\n");
    let mut ds: Vec<&String> = d.discards.iter().map(|p| &p.written).collect();
    ds.sort();
    ds.dedup();
    for p in ds {
        let _ = writeln!(discards, "{p}");
    }
    vec![
        ("verbs.txt".into(), verbs),
        ("agents.txt".into(), agents),
        ("organisations.txt".into(), orgs),
        ("people.txt".into(), ppl),
        ("discards.txt".into(), discards),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_pattern;

    #[test]
    fn patterns_round_trip() {
        for p in [
            "$ ~attack +",
            "$@OPP ~storm +",
            "$ ~launch * attack|attacks on +",
            "^shelling of +@place",
            "phone ^call with +",
        ] {
            let r = parse_pattern("190", p, "t:1".into()).unwrap();
            let back = parse_pattern("190", &dyad_pattern(&r), "t:1".into()).unwrap();
            assert_eq!(
                (back.before, back.after, back.lemma, back.target_kind, back.source_kind),
                (r.before, r.after, r.lemma, r.target_kind, r.source_kind),
                "{p}"
            );
        }
    }

    #[test]
    fn converted_builtin_set_loads_back() {
        let d = Dictionaries::builtin().unwrap();
        let files = to_dyad_files(&d);
        let verbs = &files.iter().find(|(n, _)| n == "verbs.txt").unwrap().1;
        let mut back = crate::VerbDict::default();
        let mut errors = Vec::new();
        back.add_file("verbs.txt", verbs, &d.inflector, Some(&d.codebook), &mut errors);
        assert!(errors.is_empty(), "{:?}", &errors[..errors.len().min(5)]);
        assert!(back.rules.len() * 10 >= d.verbs.rules.len() * 9, "{} of {}", back.rules.len(), d.verbs.rules.len());
        let people = &files.iter().find(|(n, _)| n == "people.txt").unwrap().1;
        let mut actors = crate::ActorDict::default();
        actors.add_people("people.txt", people, &mut errors);
        assert!(errors.is_empty(), "{:?}", &errors[..errors.len().min(5)]);
        assert_eq!(actors.people.len(), d.actors.people.len());
    }
}
