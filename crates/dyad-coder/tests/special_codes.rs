//! The field's special event codes, as TABARI and PETRARCH dictionaries use
//! them: `---` and `+++` match but code nothing, `###` discards the
//! sentence, `A:B` codes the source's act A and the target's reply B.

use dyad_coder::{Article, Coder};
use dyad_dict::{parse_pattern, Dictionaries};

fn coder_with(rules: &[(&str, &str)]) -> Coder {
    let mut d = Dictionaries::builtin().unwrap();
    d.verbs = Default::default();
    for (i, (code, pattern)) in rules.iter().enumerate() {
        let rule = parse_pattern(code, pattern, format!("test:{}", i + 1)).unwrap();
        d.verbs.push(rule, &d.inflector.clone());
    }
    Coder::new(d)
}

fn codes(coder: &Coder, text: &str) -> Vec<(String, String, String)> {
    coder
        .code(&Article { id: "t".into(), text: text.into(), date: None })
        .events
        .iter()
        .map(|e| (e.source.code.clone(), e.target.as_ref().map_or("-".into(), |t| t.code.clone()), e.cameo.clone()))
        .collect()
}

#[test]
fn null_codes_block_general_rules() {
    let coder = coder_with(&[("190", "$ ~attack +"), ("---", "$ ~attack + with * words")]);
    assert_eq!(codes(&coder, "France attacked Germany."), vec![("FRA".into(), "DEU".into(), "190".into())]);
    assert!(
        codes(&coder, "France attacked Germany with harsh words.").is_empty(),
        "the `---` rule wins and codes nothing"
    );
}

#[test]
fn discard_code_drops_the_sentence() {
    let coder = coder_with(&[("190", "$ ~attack +"), ("###", "$ ~beat + in * football")]);
    let out = coder.code(&Article {
        id: "t".into(),
        text: "France beat Germany in the football final. France attacked Germany.".into(),
        date: None,
    });
    assert_eq!(out.events.len(), 1);
    assert!(out.sentences[0].note.as_deref().unwrap_or("").contains("discarded: pattern test:2"));
}

#[test]
fn paired_codes_code_both_directions() {
    let coder = coder_with(&[("032:033", "$ ~present * credentials to +")]);
    assert_eq!(
        codes(&coder, "France presented its credentials to Germany."),
        vec![("FRA".into(), "DEU".into(), "032".into()), ("DEU".into(), "FRA".into(), "033".into())]
    );
}

#[test]
fn issues_appear_when_an_issue_dictionary_is_loaded() {
    let mut d = Dictionaries::builtin().unwrap();
    let plain = Coder::new(d.clone());
    let text = "Russian troops attacked oil facilities in Syria.";
    let article = Article { id: "t".into(), text: text.into(), date: None };
    assert!(plain.code(&article).events.iter().all(|e| e.issues.is_empty()));
    d.issues = vec![("oil".into(), "OIL".into()), ("facilities".into(), "~".into())];
    let coder = Coder::new(d);
    let events = coder.code(&article).events;
    assert!(!events.is_empty());
    assert!(events.iter().all(|e| e.issues == vec!["OIL".to_string()]), "ignore phrases (`~`) add no issue");
}
