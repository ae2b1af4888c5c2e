//! PETRARCH-1 conventions the engine serves when a PETRARCH-1 verb file and
//! PETRARCH actor and agent files are loaded (as `dyad validate petrarch`
//! does): patterns that write the auxiliaries and negation before the verb,
//! words between a pattern's words before the verb, titles composed with a
//! person listed with a bare state code, and the actor phrases the field's
//! test sentences use. Sentence in, (source, target, code, mode) out.

use std::fs;
use std::path::PathBuf;

use dyad_coder::{Article, Coder};
use std::sync::atomic::{AtomicUsize, Ordering};

use dyad_dict::{DictFormat, DictOptions, Dictionaries};

static NEXT_DIR: AtomicUsize = AtomicUsize::new(0);

const VERBS: &str = "\
&NEGATVAUXVRB
+DID N'T
+WO N'T
+WILL NOT

--- CLASH  [223] ---
CLASH
- &NEGATVAUXVRB EVER * OVER EFFORTS  [905]
- &NEGATVAUXVRB * OVER EFFORTS  [904]
- * OVER EFFORTS  [121]

--- ACT [100] ---
ACT
- INDICATED WOULD * NOW  [1010]

--- DELAY [191] ---
DELAY
- % HAVE *  [192]

--- TAP [1711] ---
WIRE_+TAP {WIRE_+TAPPED  WIRE_+TAPPING }
- WILL NOT * [081]

--- ALLOW  [080] ---
ALLOW
- * REALLY_PLEASANT  [024]

--- WELCOME  [041] ---
WELCOME

--- WARN [160] ---
WARN
- * THEIR ^ ABOUT +  [162]
";

const ACTORS: &str = "\
BREE [BRE]
ROMENDACIL [BRE]
ERIADOR [ERI]
ETHIOPIA [ETH]
LIBYA [LBY]
GONDOR [GON]
OSGILIATH [OSG]
FORNOST [FOR]
MORDOR [MOR]
ITHILEN [ITH]
PRINCE OF DOL AMROTH
	[DOL]
";

const AGENTS: &str = "\
PRIME_MINISTER  [~GOV]
LAWMAKER  [~LEG]
SOLDIER  [~MIL]
";

fn coder() -> Coder {
    let dir: PathBuf = std::env::temp_dir().join(format!(
        "dyad-petrarch1-conventions-{}-{}",
        std::process::id(),
        NEXT_DIR.fetch_add(1, Ordering::SeqCst)
    ));
    fs::create_dir_all(&dir).unwrap();
    let files: Vec<PathBuf> = [("test.verbs.txt", VERBS), ("test.actors.txt", ACTORS), ("test.agents.txt", AGENTS)]
        .iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            fs::write(&path, text).unwrap();
            path
        })
        .collect();
    let options = DictOptions { files, format: Some(DictFormat::Petrarch1), no_default: true, project: None };
    let dict = Dictionaries::from_options(&options).unwrap();
    fs::remove_dir_all(&dir).ok();
    Coder::new(dict)
}

fn events(coder: &Coder, text: &str) -> Vec<String> {
    coder
        .code(&Article { id: "t".into(), text: text.into(), date: None })
        .events
        .iter()
        .map(|e| {
            let target = e.target.as_ref().map_or("-".to_string(), |t| t.code.clone());
            format!("{} {} {} {:?}", e.source.code, target, e.cameo, e.mode).to_lowercase()
        })
        .collect()
}

#[test]
fn negation_written_in_the_pattern_is_its_code_and_asserted() {
    let c = coder();
    assert_eq!(
        events(&c, "Bree Prime Minister Romendacil clashed over the efforts of Eriador."),
        vec!["bregov eri 121 asserted"]
    );
    assert_eq!(
        events(&c, "Bree Prime Minister Romendacil didn't clash over the efforts of Eriador."),
        vec!["bregov eri 904 asserted"]
    );
    assert_eq!(
        events(&c, "Bree Prime Minister Romendacil will not clash over the efforts of Eriador."),
        vec!["bregov eri 904 asserted"]
    );
    // A space in the pattern lets words stand between: "even" before "ever".
    assert_eq!(
        events(&c, "Bree Prime Minister Romendacil won't even ever clash over the efforts of Eriador."),
        vec!["bregov eri 905 asserted"]
    );
}

#[test]
fn pattern_words_before_the_verb_may_have_words_between() {
    let c = coder();
    assert_eq!(events(&c, "Ethiopia indicated it would act now with Libya."), vec!["eth lby 1010 asserted"]);
    // "% HAVE *": the auxiliary written in the pattern matches.
    let mut both = events(&c, "Gondor and Osgiliath have delayed their meeting.");
    both.sort();
    assert_eq!(both, vec!["gon osg 192 asserted", "osg gon 192 asserted"]);
}

#[test]
fn agents_compose_with_the_state_they_come_from() {
    let c = coder();
    assert_eq!(
        events(&c, "Soldiers from Gondor will not wire tap the links leading into Mordor."),
        vec!["gonmil mor 081 asserted"]
    );
}

#[test]
fn coordinated_states_may_carry_adjectives_and_underscored_names_match() {
    let c = coder();
    let mut got =
        events(&c, "Ithilen and the evil awful Gondor warned their populations about the Prince of Dol_Amroth.");
    got.sort();
    assert_eq!(got, vec!["gon dol 162 asserted", "ith dol 162 asserted"]);
}

#[test]
fn a_role_in_a_subject_phrase_composes_and_is_shared_by_coordinated_states() {
    let c = coder();
    let mut got = events(&c, "Lawmakers in Fornost and Gondor welcomed a resumption of ties with Eriador.");
    got.sort();
    assert_eq!(got, vec!["forleg eri 041 asserted", "gonleg eri 041 asserted"]);
}

#[test]
fn the_verb_phrase_goes_on_into_a_that_clause() {
    let c = coder();
    // The pattern's words stand after the clause's subject, who is the target.
    assert_eq!(
        events(&c, "Ethiopia allowed that Mordor isn't a really pleasant place to visit."),
        vec!["eth mor 024 asserted"]
    );
    // Without the pattern's words, the verb's own code, same target.
    assert_eq!(events(&c, "Ethiopia allowed that Mordor isn't a nice place to visit."), vec!["eth mor 080 asserted"]);
}
