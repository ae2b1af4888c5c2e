//! Tests of the TABARI front ends on small inline samples and, when the
//! shared data folder exists, on the TABARI validation suite's own files.

use std::path::Path;

use super::*;
use crate::verbs::{Elem, VerbDict};
use crate::{ActorDict, ActorKind, Inflector};

fn words(ws: &[&str]) -> Elem {
    Elem::Words(ws.iter().map(|w| w.to_string()).collect())
}

const VERBS: &str = "\
<SYNSETS>
&TIES
+MILITARY
+TRADE_LINKS
</SYNSETS>
<TIME>
LAST_WEEK [-7]
</TIME>
BREAK_ [1717] ; a verb with listed forms
{ BROKE_ BROKEN_DOWN_ }
- * OFF_ WITH +  [195]
- $ ^ SAID * TREATY  [161]
- % *  [031]
RESTOR  [064]
- * &TIES  [903]
CALL  [---]
- * FOR { SANCTIONS | TOTAL_BOYCOTT }  [172:173]
FOOTBALL  [###]
";

#[test]
fn verb_block_with_forms_and_patterns() {
    let inf = Inflector::default();
    let mut d = VerbDict::default();
    let mut errs = Vec::new();
    let sum = load_verbs("demo.verbs", VERBS, &inf, &mut d, &mut errs);
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!((sum.verbs, sum.patterns, sum.synsets, sum.section_lines_skipped), (4, 5, 1, 1));
    // `%` (a compound actor) takes the source's place; the pattern as
    // written keeps the `%` for the TABARI reading.
    assert!(sum.skipped.is_empty(), "{:?}", sum.skipped);
    let compound: Vec<_> = d.rules.iter().filter(|r| r.code == "031").collect();
    assert!(
        !compound.is_empty() && compound.iter().all(|r| r.before == vec![Elem::Source] && r.pattern == "% *"),
        "{compound:#?}"
    );
    assert_eq!(sum.discards, vec![("football".to_string(), "demo.verbs:18".to_string())]);

    // The base verb and each listed form index the pattern.
    let off: Vec<_> = d.rules.iter().filter(|r| r.code == "195").collect();
    assert_eq!(off.len(), 3, "break, broke, broken down: {off:#?}");
    assert!(off.iter().all(|r| r.id == "demo.verbs:11" && r.pattern == "* OFF_ WITH +"));
    assert_eq!(off[0].lemma, "break");
    // A space after the verb lets other words come between (a gap).
    assert_eq!(off[0].after, vec![Elem::Gap, words(&["off"]), Elem::Gap, words(&["with"]), Elem::Target]);
    // "broken down" puts its second word right after the trigger.
    let broken = off.iter().find(|r| r.lemma == "broken").expect("a rule for `broken down`");
    assert_eq!(broken.after[..2], [words(&["down"]), Elem::Gap]);
    assert_eq!(d.rules_for("broke").filter(|r| r.code == "195").count(), 1);
    assert_eq!(d.rules_for("breaking").filter(|r| r.code == "195").count(), 1);

    // `$ ^ SAID *`: source, a skip, a literal before the trigger.
    let treaty = d.rules.iter().find(|r| r.code == "161").unwrap();
    assert_eq!(treaty.before, vec![Elem::Source, Elem::Gap, words(&["said"])]);
    assert_eq!(treaty.after, vec![Elem::Gap, words(&["treaty", "treaties"])]);
    assert_eq!(treaty.literals, 2);

    // A stem: "restored" from `restor`, "restores" from the guessed `restore`.
    assert!(d.rules_for("restored").any(|r| r.code == "064"));
    assert!(d.rules_for("restores").any(|r| r.code == "064"));
    // Synset with a two-word member: expanded into one rule per member.
    let ties: Vec<_> = d.rules.iter().filter(|r| r.code == "903" && r.lemma == "restor").collect();
    assert_eq!(ties.len(), 2);
    assert_eq!(ties[1].after, vec![Elem::Gap, words(&["trade", "trades"]), words(&["links"])]);

    // `[---]` verbs code only through their patterns; paired codes verbatim.
    assert!(d.rules_for("call").all(|r| r.code == "172:173"));
    assert_eq!(d.rules_for("call").count(), 2, "{{ SANCTIONS | TOTAL_BOYCOTT }} expands");
    assert!(d.rules_for("football").next().is_none());
}

#[test]
fn verb_errors_name_file_and_line() {
    let inf = Inflector::default();
    let mut d = VerbDict::default();
    let mut errs = Vec::new();
    let text = "- * ORPHAN [010]\nATTACK 223\nHIT [190]\n- * HARD\n- * &NOSUCH [190]\n- * { A | [190]\n";
    load_verbs("bad.verbs", text, &inf, &mut d, &mut errs);
    let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        msgs,
        vec![
            "bad.verbs:1: pattern before any verb line",
            "bad.verbs:2: missing `[CODE]`",
            "bad.verbs:4: missing `[CODE]`",
            "bad.verbs:5: undeclared synset `&NOSUCH`",
            "bad.verbs:6: `{` without `}`",
        ]
    );
    assert_eq!(d.rules_for("hit").count(), 1, "the good verb still loads");
}

#[test]
fn actors_with_dated_codes_and_agents() {
    let mut d = ActorDict::default();
    let mut errs = Vec::new();
    let actors = "\
<NOUN>
SHEEP
</NOUN>
ARNOR  [ARN] ;comment
IMF  [IMF]
GOLLUM ; a person
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 950601 - 990815]
\t[HOBREB > 990816]
AXNOR  [AR1 <911226] [AR2]
";
    let sum = load_actors("demo.actors", actors, &mut d, &mut errs);
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!((sum.entries, sum.people, sum.undated, sum.section_lines_skipped), (4, 2, 2, 1));
    let g = &d.people[0];
    assert_eq!(g.name, "Gollum");
    assert_eq!(g.codes[0].until.as_deref(), Some("1995-05-31"), "`<` excludes its day");
    assert_eq!(g.code_on(Some("1995-06-01"), None), "HOBGOV");
    assert_eq!(g.code_on(Some("2003-01-01"), None), "HOBREB");
    let a = &d.people[1];
    assert_eq!(a.code_on(Some("1990-01-01"), None), "AR1");
    assert_eq!(a.code_on(Some("1995-01-01"), None), "AR2", "the undated block is the default");
    let toks = dyad_text::tokenize("Smeagol met Arnors and the IMF", 0, 30);
    let (_, v) = d.phrases.longest_at(&toks, 0).expect("synonym");
    assert_eq!((v[0].kind, v[0].person), (ActorKind::Person, Some(0)));
    assert_eq!(v[0].source, "demo.actors:6");
    let (_, v) = d.phrases.longest_at(&toks, 2).expect("plural noun ending");
    assert_eq!(
        (v[0].kind, v[0].code.as_str()),
        (ActorKind::Country, "ARN"),
        "a bare three-letter code is a state, which composes with agents"
    );
    assert!(d.phrases.longest_at(&toks, 5).is_some());

    let agents = "PRESIDENT_  [ ~GOVPRS] ;ns\nHUMAN_RIGHTS_BODY_   [  NGO~]\n";
    let sum = load_agents("demo.agents", agents, &mut d, &mut errs);
    assert!(errs.is_empty(), "{errs:?}");
    let toks = dyad_text::tokenize("the president and a human rights body", 0, 38);
    let (_, v) = d.phrases.longest_at(&toks, 1).expect("agent");
    assert_eq!((v[0].kind, v[0].code.as_str()), (ActorKind::Agent, "GOVPRS"));
    assert!(d.phrases.longest_at(&toks, 1).is_some());
    assert_eq!(sum.prefix_agents, vec![("human rights body".to_string(), "NGO".to_string())]);
    // An exact (`_`) name gets no plural.
    let toks = dyad_text::tokenize("presidents", 0, 10);
    assert!(d.phrases.longest_at(&toks, 0).is_none());
}

#[test]
fn actor_errors_name_file_and_line() {
    let mut d = ActorDict::default();
    let mut errs = Vec::new();
    let text = "\t[XXX]\nALBRIGHZ  [991201-010114]\nALBRIGHT  [USAGOV 991301-010114]\nNOBODY\nBAD [AAA950601-990815]\nOPEN [ABC\n";
    load_actors("bad.actors", text, &mut d, &mut errs);
    let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        msgs,
        vec![
            "bad.actors:1: code line before any entry",
            "bad.actors:2: code block `[991201-010114]` has a date but no code",
            "bad.actors:3: `991301` is not a YYMMDD date",
            "bad.actors:4: `NOBODY` has no `[CODE]`",
            "bad.actors:5: code `AAA950601-990815` runs into its date: separate them with a space",
            "bad.actors:6: missing `]`",
        ]
    );
}

#[test]
fn options_and_commands() {
    let text = "// comment\nCOMPLEX: VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN\nSET: MINIMUM WORDS = 5\nOUTPUT: ACTOR MATCH ID\nLABEL: 010=YIELD\n~~~~\nSET: junk\n";
    let mut o = Options::parse("v.options", text).unwrap();
    assert_eq!((o.complex_verbs, o.complex_conj, o.no_actor_prior), (Some(5), Some(4), true));
    assert_eq!(o.minimum_words(), 5);
    assert_eq!(o.ignored, vec!["OUTPUT: ACTOR MATCH ID"]);
    assert_eq!(o.labels, vec![("010".to_string(), "YIELD".to_string())]);
    o.apply("DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER").unwrap();
    assert_eq!((o.default_source.as_deref(), o.default_target.as_deref()), (Some("DEFSRC"), Some("DEFTAR")));
    o.apply("SET: CODE BY SENTENCE").unwrap();
    o.apply("SET: CONVERT AGENT = TRUE").unwrap();
    assert_eq!(o.code_by, CodeBy::Sentence);
    assert!(o.convert_agent());
    assert!(o.default_source_prior && o.default_target_after);
    o.apply("DEFAULT: OFF").unwrap();
    o.apply("DEFAULT: SOURCE [DEFSRC] TARGET [DEFTAR]").unwrap();
    assert!(!o.default_source_prior && !o.default_target_after);
    o.apply("DEFAULT: OFF").unwrap();
    assert_eq!((o.default_source.as_deref(), o.default_target.as_deref()), (None, None));
    let e = Options::parse("v.options", "SET: MINIMUM WORDS\n").unwrap_err();
    assert_eq!(e.to_string(), "v.options:1: `SET: MINIMUM WORDS` needs `= VALUE`");
}

#[test]
fn comma_limits_default_change_and_off() {
    let mut o = Options::default();
    let defaults = CommaLimits { internal: (2, 10), terminal: (2, 10), initial: (255, 0) };
    assert_eq!(o.comma_limits(), Some(defaults));
    o.apply("COMMA: MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX = 8").unwrap();
    assert_eq!(o.comma_limits(), Some(CommaLimits { internal: (4, 6), terminal: (3, 6), initial: (3, 8) }));
    o.apply("COMMA: OFF").unwrap();
    assert_eq!(o.comma_limits(), None);
    o.apply("COMMA: MIN=2 MAX=10 EMIN=2 EMAX=10 BMIN=255 BMAX=0").unwrap();
    assert_eq!(o.comma_limits(), Some(defaults));
}

#[test]
fn noun_and_adjective_lists() {
    let text =
        "<NOUN>\nBEES ;x\nFORCES_\nPOLITICAL_SCIENTISTS\n</NOUN>\n<ADJECTIVE>\nEVIL\n</ADJECTIVE>\nARNOR [ARN]\n";
    let (nouns, adjectives) = word_lists(text);
    assert_eq!(nouns, vec!["bees", "forces", "political scientists"]);
    assert_eq!(adjectives, vec!["evil"]);
}

/// The suite's own files, when the shared data folder is there.
#[test]
fn real_validation_files() {
    let dir = Path::new("/work/shared/data/tabari-validation");
    if !dir.join("Validate.project").exists() {
        eprintln!("skipping: {} not found", dir.display());
        return;
    }
    let project = read_project(&dir.join("Validate.project")).unwrap();
    assert_eq!(project.verbs, vec![dir.join("TABARI.Demo.verbs")]);
    assert_eq!(project.actors, vec![dir.join("TABARI.Demo.actors")]);
    assert_eq!(project.agents, vec![dir.join("Validate.agents")]);
    assert_eq!(project.options.complex_verbs, Some(5));
    assert!(project.options.labels.len() > 80);

    let read = |p: &Path| std::fs::read_to_string(p).unwrap();
    let inf = Inflector::default();
    let mut verbs = VerbDict::default();
    let mut errs = Vec::new();
    let vs = load_verbs("TABARI.Demo.verbs", &read(&project.verbs[0]), &inf, &mut verbs, &mut errs);
    let mut dict = ActorDict::default();
    let acs = load_actors("TABARI.Demo.actors", &read(&project.actors[0]), &mut dict, &mut errs);
    let ags = load_agents("Validate.agents", &read(&project.agents[0]), &mut dict, &mut errs);
    eprintln!("verbs: {vs:?}\nactors: {acs:?}\nagents: {ags:?}\nerrors: {errs:?}");
    assert!(errs.is_empty(), "{errs:?}");
    assert!(vs.verbs > 250 && vs.patterns > 400 && vs.rule_ids > 550, "{vs:?}");
    assert!(vs.skipped.len() < 20, "{:?}", vs.skipped);
    assert!(verbs.rules.iter().any(|r| r.code == "174K"), "test codes carried verbatim");
    assert!(acs.entries > 100 && acs.people >= 8 && ags.entries > 80, "{acs:?} {ags:?}");

    let recs = read_validation(&dir.join("Validate.jsonl")).unwrap();
    assert_eq!(recs.len(), 473);
    let standard: Vec<_> = recs.iter().filter(|r| !r.after_final).collect();
    assert_eq!(standard.len(), 465);
    assert_eq!(standard.iter().filter(|r| r.expectation == Expectation::Events).count(), 394);
    assert_eq!(standard.iter().map(|r| r.expected.len()).sum::<usize>(), 516);
    let mut o = project.options.clone();
    for r in &recs {
        for c in &r.option_commands {
            o.apply(c).unwrap();
        }
    }
}
