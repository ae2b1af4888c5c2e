//! `dyad eval` and `dyad gold`: scoring on hand-made gold files with
//! hand-written predictions (so the expected figures do not move with the
//! coder), each converter on a few lines in its set's own format, and the
//! real sets end to end when the shared data is present.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use support::dyad;

fn write(dir: &Path, name: &str, lines: &[Value]) {
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    fs::write(dir.join(name), text).unwrap();
}

/// A predicted event in the shape `dyad code` writes (the fields scoring
/// reads).
fn event(
    doc: &str,
    cameo: &str,
    source: (&str, Option<&str>),
    target: Option<(&str, Option<&str>)>,
    mode: &str,
    at: usize,
) -> Value {
    let actor = |(code, country): (&str, Option<&str>)| json!({"code": code, "country": country, "span": [0, 3]});
    json!({
        "doc_id": doc, "sentence": 0, "text": format!("sentence of {doc}"),
        "cameo": cameo, "mode": mode, "reported": false,
        "source": actor(source), "target": target.map(actor),
        "trigger": {"text": "x", "span": [at, at + 1]}, "rule": format!("test:{cameo}"),
    })
}

fn report(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["eval", "--gold", "gold.jsonl", "--predictions", "pred.jsonl", "--json", "report.json"];
    all.extend_from_slice(args);
    let run = dyad(dir, &all, None);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    serde_json::from_str(&fs::read_to_string(dir.join("report.json")).unwrap()).unwrap()
}

/// (gold, predicted, matched, precision, recall) of a level; None when the
/// report leaves the level out.
fn level(report: &Value, name: &str) -> Option<(u64, u64, u64, f64, f64)> {
    let l = report["levels"].as_array().unwrap().iter().find(|l| l["level"] == name)?;
    Some((
        l["gold"].as_u64().unwrap(),
        l["predicted"].as_u64().unwrap(),
        l["matched"].as_u64().unwrap(),
        l["precision"].as_f64().unwrap(),
        l["recall"].as_f64().unwrap(),
    ))
}

/// Six records: exact matches, a `---` wildcard, a hypothetical event, a
/// false event in an `"events": []` record, a gold event giving only a root,
/// a record mixing a PentaClass-only gold event with a coded one, and a
/// true negative.
fn constructed_case(dir: &Path) {
    write(
        dir,
        "gold.jsonl",
        &[
            json!({"id": "r1", "text": "Russia consulted Iran.", "events": [{"cameo": "042", "source": "RUS", "target": "IRN"}]}),
            json!({"id": "r2", "text": "Somebody attacked Syria.", "events": [{"cameo": "190", "source": "---", "target": "SYR"}]}),
            json!({"id": "r3", "text": "Nothing happened.", "events": []}),
            json!({"id": "r4", "text": "Crowds protested.", "events": [{"root": "14"}]}),
            json!({"id": "r5", "text": "Police arrested an opposition leader who accused the government.",
               "events": [{"penta": 3}, {"cameo": "173", "source": "---COP"}]}),
            json!({"id": "r6", "text": "Quiet day.", "events": []}),
        ],
    );
    write(
        dir,
        "pred.jsonl",
        &[
            event("r1", "042", ("RUSGOV", Some("RUS")), Some(("IRNGOV", Some("IRN"))), "asserted", 7),
            // The hypothetical event comes first in the text; the main event is
            // still the asserted one.
            event("r2", "193", ("ISRMIL", Some("ISR")), None, "hypothetical", 2),
            event("r2", "190", ("ISRMIL", Some("ISR")), Some(("SYRMIL", Some("SYR"))), "asserted", 9),
            event("r3", "010", ("USAGOV", Some("USA")), None, "asserted", 1),
            event("r5", "173", ("INDCOP", Some("IND")), None, "asserted", 7),
            event("r5", "112", ("INDOPP", Some("IND")), Some(("INDGOV", Some("IND"))), "asserted", 40),
        ],
    );
}

#[test]
fn scores_a_constructed_case_exactly() {
    let dir = tempfile::tempdir().unwrap();
    constructed_case(dir.path());
    let r = report(dir.path(), &[]);

    assert_eq!(r["records"], 6);
    assert_eq!(r["gold_events"], 5);
    assert_eq!(r["predicted_events"], 6);
    assert_eq!(r["scored_events"], 5, "the hypothetical event is not scored");
    let d = &r["detection"];
    assert_eq!([&d["true_positive"], &d["false_positive"], &d["false_negative"], &d["true_negative"]], [3, 1, 1, 1]);
    assert_eq!(d["precision"], 0.75);

    // Every gold event is scored at the event and penta levels (penta comes
    // from the code or root when not given): 4 of 5 found, 4 of 5 right.
    assert_eq!(level(&r, "event"), Some((5, 5, 4, 0.8, 0.8)));
    assert_eq!(level(&r, "penta"), Some((5, 5, 4, 0.8, 0.8)));
    // The PentaClass-only gold event of r5 is not scored at root level, and
    // the prediction it matches (112) is neither right nor false there.
    assert_eq!(level(&r, "root"), Some((4, 4, 3, 0.75, 0.75)));
    // At cameo level the root-only gold event of r4 drops out too.
    assert_eq!(level(&r, "cameo"), Some((3, 4, 3, 0.75, 1.0)));
    // Country blocks: `---` matches anything, SYRMIL is in SYR, INDCOP's
    // block against `---COP` is a wildcard.
    assert_eq!(level(&r, "actors_country"), Some((3, 4, 3, 0.75, 1.0)));
    assert_eq!(level(&r, "root_actors_country"), Some((3, 4, 3, 0.75, 1.0)));
    // Full codes: RUS is not RUSGOV, SYR is not SYRMIL; ---COP is INDCOP.
    assert_eq!(level(&r, "actors_full"), Some((3, 4, 1, 0.25, 0.3333)));
    assert_eq!(level(&r, "cameo_actors_full"), Some((3, 4, 1, 0.25, 0.3333)));
    // Target blocks alone: r5's coded gold event names no target, so it is
    // not scored there and its prediction is neither right nor false.
    assert_eq!(level(&r, "root_target_country"), Some((2, 3, 2, 0.6667, 1.0)));
    // No gold spans: the span levels are left out.
    assert_eq!(level(&r, "actor_spans"), None);

    let h = &r["headline"];
    assert_eq!(h["cameo_f1"], 0.8571);
    assert_eq!(h["actors_full_f1"], 0.2857);
    // One-gold-event records r1, r2, r4: the main events of r1 and r2 are
    // right, r4 has none; r4 gives no full code.
    assert_eq!(h["root_main_accuracy"], 0.6667);
    assert_eq!(h["cameo_main_accuracy"], 1.0);

    assert_eq!(r["primary_level"], "root");
    let e = &r["errors"];
    assert_eq!(e["missed_no_event"], 1);
    assert_eq!(e["false_in_no_event_record"], 1);
    assert_eq!(e["false_extra"], 0);
    let hypothetical = r["modes"].as_array().unwrap().iter().find(|m| m["mode"] == "hypothetical").unwrap();
    assert_eq!(hypothetical["events"], 1);
    assert_eq!(hypothetical["would_match"], 0, "r2's gold event was found by the asserted event");
    assert_eq!(r["false_events"][0]["rule"], "test:010");
    assert_eq!(r["confusion"]["rows"]["19"]["19"], 1);
    assert_eq!(r["confusion"]["rows"]["14"]["none"], 1);
}

#[test]
fn all_modes_scores_the_hypothetical_event() {
    let dir = tempfile::tempdir().unwrap();
    constructed_case(dir.path());
    let r = report(dir.path(), &["--all-modes"]);
    assert_eq!(r["scored_events"], 6);
    assert_eq!(level(&r, "event"), Some((5, 6, 4, 0.6667, 0.8)));
}

#[test]
fn labels_main_events_and_alternatives() {
    let dir = tempfile::tempdir().unwrap();
    let kill = json!({"label": "KILL", "source": "---COP", "cameo": ["18*", "19*", "20*", "175"]});
    let arrest = json!({"label": "ARREST", "source": "---COP", "cameo": "173"});
    write(
        dir.path(),
        "gold.jsonl",
        &[
            json!({"id": "a", "text": "police shot two rioters.", "events": [kill]}),
            json!({"id": "b", "text": "police fired.", "events": [kill, arrest]}),
            json!({"id": "c", "text": "police will arrest them.", "events": [arrest]}),
            json!({"id": "d", "text": "rioters killed a man.", "events": []}),
        ],
    );
    write(
        dir.path(),
        "pred.jsonl",
        &[
            event("a", "1831", ("COP", None), None, "asserted", 0),
            event("b", "173", ("INDCOP", Some("IND")), None, "asserted", 0),
            // Only an intended event: it is still the main event.
            event("c", "173", ("COP", None), None, "intended", 0),
            // Right code, wrong source: no KILL.
            event("d", "190", ("INDCVL", Some("IND")), None, "asserted", 0),
        ],
    );
    let r = report(dir.path(), &[]);
    let label = |name: &str| r["labels"].as_array().unwrap().iter().find(|l| l["label"] == name).unwrap();
    let kill = label("KILL");
    assert_eq!(kill["finest"], "cameo");
    let cameo = kill["levels"].as_array().unwrap().iter().find(|l| l["level"] == "cameo").unwrap();
    assert_eq!([&cameo["true_positive"], &cameo["false_positive"], &cameo["false_negative"]], [1, 0, 1]);
    // ARREST: found in b; c's event is intended, so not scored.
    assert_eq!(r["headline"]["label_ARREST_recall"], 0.5);
    assert_eq!(r["headline"]["label_ARREST_precision"], 1.0);
    // Records a and c have one gold event: a's main event 1831 is KILL, c's
    // main event (the intended arrest) is ARREST.
    assert_eq!(r["headline"]["cameo_main_accuracy"], 1.0);
    // Record d's event is no police event: false at event level, unless
    // only police events count.
    assert_eq!(r["detection"]["false_positive"], 1);
    let police = report(dir.path(), &["--only-source", "---COP"]);
    assert_eq!(police["out_of_scope_events"], 1);
    assert_eq!(police["detection"]["false_positive"], 0);
    assert_eq!(police["headline"]["label_KILL_f1"], r["headline"]["label_KILL_f1"]);
}

#[test]
fn matching_is_maximal_not_greedy() {
    // Taking gold events in order, the wildcard one would take the ISR
    // event and leave the ISR gold event without a match.
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "gold.jsonl",
        &[json!({"id": "m", "text": "Fighting.", "events": [
            {"root": "19", "source": "---"}, {"root": "19", "source": "ISR"}]})],
    );
    write(
        dir.path(),
        "pred.jsonl",
        &[
            event("m", "190", ("ISRMIL", Some("ISR")), None, "asserted", 1),
            event("m", "190", ("SYRMIL", Some("SYR")), None, "asserted", 5),
        ],
    );
    let r = report(dir.path(), &[]);
    assert_eq!(level(&r, "root"), Some((2, 2, 2, 1.0, 1.0)));
    assert_eq!(level(&r, "root_actors_country"), Some((2, 2, 2, 1.0, 1.0)));
}

#[test]
fn floors_pass_fail_and_misspelt_names_fail() {
    let dir = tempfile::tempdir().unwrap();
    constructed_case(dir.path());
    let floors = dir.path().join("floors.toml");
    let run_with = |text: &str| {
        fs::write(&floors, text).unwrap();
        dyad(
            dir.path(),
            &[
                "eval",
                "--gold",
                "gold.jsonl",
                "--predictions",
                "pred.jsonl",
                "--quiet",
                "--floors",
                "floors.toml",
                "--set",
                "mine",
            ],
            None,
        )
    };
    let ok = run_with("[mine]\nroot_f1 = 0.75\nevent_recall = 0.8\n[other]\nroot_f1 = 0.99\n");
    assert_eq!(ok.code, 0, "{}{}", ok.stdout, ok.stderr);
    assert!(ok.stdout.contains("floors mine: root_f1 0.7500 (floor 0.75) ok"), "{}", ok.stdout);
    let below = run_with("[mine]\nroot_f1 = 0.76\n");
    assert_eq!(below.code, 1);
    assert!(below.stdout.contains("BELOW"), "{}", below.stdout);
    let misspelt = run_with("[mine]\nroot_fi = 0.1\n");
    assert_eq!(misspelt.code, 1);
    assert!(misspelt.stdout.contains("root_fi not measured"), "{}", misspelt.stdout);
    let broken = run_with("[mine]\nroot_f1 = high\n");
    assert_eq!(broken.code, 2);
    assert!(broken.stderr.contains("floors.toml: line 2"), "{}", broken.stderr);
}

#[test]
fn bad_gold_records_are_fatal_with_their_line() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("gold.jsonl"),
        "{\"id\": \"ok\", \"text\": \"x\", \"events\": []}\n\
         {\"id\": \"no-events\", \"text\": \"x\"}\n\
         {\"id\": \"typo\", \"text\": \"x\", \"events\": [{\"camoe\": \"042\"}]}\n\
         {\"id\": \"penta\", \"text\": \"x\", \"events\": [{\"penta\": 7}]}\n",
    )
    .unwrap();
    let run = dyad(dir.path(), &["eval", "--gold", "gold.jsonl"], None);
    assert_eq!(run.code, 2, "{}", run.stderr);
    for line in
        ["gold.jsonl:2: missing field `events`", "gold.jsonl:3: unknown field `camoe`", "gold.jsonl:4: \"penta\": 7"]
    {
        assert!(run.stderr.contains(line), "{line:?} not in {}", run.stderr);
    }
}

#[test]
fn eval_places_takes_the_dictionary_options() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("places.jsonl"),
        "{\"id\": \"r1\", \"text\": \"Police arrested protesters in Mosul on Monday.\", \
         \"gold\": {\"verb\": {\"start\": 7, \"end\": 15}, \"locations\": [{\"start\": 30, \"end\": 35, \"text\": \"Mosul\"}]}}\n",
    )
    .unwrap();
    let ok = dyad(dir.path(), &["eval-places", "--input", "places.jsonl", "--json", "r.json"], None);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    let report: Value = serde_json::from_str(&fs::read_to_string(dir.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(report["found"], 1, "{report}");
    // A broken --dict file must stop the run with its name and line, which
    // shows the option reaches the coder rather than being ignored.
    fs::write(dir.path().join("bad.verbs"), "ATTACK\n- * $ [190\n").unwrap();
    let bad = dyad(dir.path(), &["eval-places", "--input", "places.jsonl", "--dict", "bad.verbs"], None);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("bad.verbs:2"), "{}", bad.stderr);
}

#[test]
fn limit_and_coding_with_dyad() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "gold.jsonl",
        &[
            json!({"id": "1", "text": "Russian President Vladimir Putin visited Tehran on Tuesday.", "date": "2022-07-19",
               "events": [{"root": "04", "source": "RUS", "target": "IRN"}]}),
            json!({"id": "2", "text": "More text.", "events": []}),
        ],
    );
    let run = dyad(dir.path(), &["eval", "--gold", "gold.jsonl", "--limit", "1", "--json", "r.json"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("detection (record has an event)"), "{}", run.stdout);
    let r: Value = serde_json::from_str(&fs::read_to_string(dir.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(r["records"], 1);
    assert!(r["predictions"].as_str().unwrap().starts_with("dyad "));
    // A miss with no event at all says what the coder saw.
    let gold = [json!({"id": 7, "text": "The weather was fine in the morning.", "events": [{"root": "04"}]})];
    write(dir.path(), "gold.jsonl", &gold);
    let run = dyad(dir.path(), &["eval", "--gold", "gold.jsonl", "--json", "r.json"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let r: Value = serde_json::from_str(&fs::read_to_string(dir.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(r["errors"]["missed_no_event"], 1);
    assert_eq!(r["worst_misses"][0]["examples"][0]["id"], "7", "numeric ids are read");
    let causes = r["errors"]["no_event_causes"].as_object().unwrap();
    assert_eq!(causes.values().map(|n| n.as_u64().unwrap()).sum::<u64>(), 1, "{causes:?}");
}

// ---- converters ---------------------------------------------------------

/// Runs `dyad gold` on `input` (written to `file`) and returns the records.
fn convert(set: &str, file: &str, input: &str, extra: &[(&str, &str)]) -> (Vec<Value>, String) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(file), input).unwrap();
    for (name, text) in extra {
        fs::write(dir.path().join(name), text).unwrap();
    }
    let run = dyad(dir.path(), &["gold", "--set", set, "--input", file, "-o", "out/gold.jsonl"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = fs::read_to_string(dir.path().join("out/gold.jsonl")).unwrap();
    (out.lines().map(|l| serde_json::from_str(l).unwrap()).collect(), run.stderr)
}

#[test]
fn multi_coped_gives_penta_and_spans() {
    let line1 = json!({"id": "m0", "text": "Rebels attacked the army.", "date": null, "gold": {"pentaclass": 4,
        "spans": [{"role": "source", "start": 0, "end": 6}, {"role": "target", "start": 16, "end": 24},
                  {"role": "target", "start": null, "end": null}]}});
    let line2 = json!({"id": "m1", "text": "Bush and Mubarak agreed.", "date": "2001-01-01", "gold": {"pentaclass": 1,
        "spans": [{"role": "reciprocal", "start": 0, "end": 4}, {"role": "reciprocal", "start": 9, "end": 16}]}});
    let line3 = json!({"id": "m2", "text": "No class.", "gold": {"pentaclass": null}});
    let (records, stderr) = convert("multi_coped_en", "train.jsonl", &format!("{line1}\n{line2}\n{line3}\n"), &[]);
    assert_eq!(records.len(), 2);
    assert_eq!(
        records[0]["events"],
        json!([{"label": "material_conflict", "penta": 4, "source_span": [0, 6], "target_span": [16, 24]}])
    );
    assert_eq!(records[1]["events"][0]["source_span"], json!([[0, 4], [9, 16]]));
    assert_eq!(records[1]["events"][0]["target_span"], json!([[0, 4], [9, 16]]));
    assert_eq!(records[1]["date"], "2001-01-01");
    assert!(stderr.contains("skipped 1 records without a PentaClass"), "{stderr}");
    assert!(stderr.contains("skipped 1 actor spans without character offsets"), "{stderr}");
}

#[test]
fn conflibert_places_token_spans_on_the_sentence() {
    let tsv = "Meanwhile, a Swiss court rejected the Croatian governmentʼs request.\t3\nNo twin here.\t1\nbad line\n";
    let ner = "Meanwhile O\n, O\na B-S\nSwiss I-S\ncourt I-S\nrejected O\nthe O\nCroatian B-T\ngovernment I-T\n's I-T\nrequest I-T\n. O\n";
    let (records, stderr) = convert("conflibert_cameo", "cameo_class_train.tsv", tsv, &[("cameo_ner_train.txt", ner)]);
    assert_eq!(records.len(), 2);
    let e = &records[0]["events"][0];
    assert_eq!(e["penta"], 3);
    assert_eq!(e["label"], "verbal_conflict");
    let text: Vec<char> = records[0]["text"].as_str().unwrap().chars().collect();
    let cut = |span: &Value| -> String {
        let (a, b) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
        text[a..b].iter().collect()
    };
    assert_eq!(cut(&e["source_span"]), "a Swiss court");
    assert_eq!(cut(&e["target_span"]), "Croatian governmentʼs request");
    assert!(records[1]["events"][0].get("source_span").is_none());
    assert!(stderr.contains("1 sentences have no tagged twin"), "{stderr}");
    assert!(stderr.contains("skipped 1 lines without a PentaClass"), "{stderr}");
}

#[test]
fn petr2_keeps_codes_and_no_event_records() {
    let lines = [
        json!({"id": "p1", "date": "2008-08-04", "text": "A", "expectation": "events",
               "expected_events": [{"source": "USA", "target": "CHN", "code": "042"}, {"source": "---REB", "target": "SYR", "code": "190"}]}),
        json!({"id": "p2", "text": "B", "expectation": "no_events", "expected_events": []}),
        json!({"id": "p3", "text": "C", "expectation": "error_or_discard", "expected_events": []}),
        json!({"id": "p4", "text": "", "expectation": "events", "expected_events": [{"source": "NGAREB", "target": "---", "code": "190"}],
               "parse": "1\tRebels\trebel\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n2\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_"}),
    ];
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let (records, stderr) = convert("petr2_gsr", "PETR2_GSR_validation.jsonl", &input, &[]);
    assert_eq!(records.len(), 3);
    assert_eq!(
        records[0]["events"],
        json!([{"source": "USA", "target": "CHN", "cameo": "042"}, {"source": "---REB", "target": "SYR", "cameo": "190"}])
    );
    assert_eq!(records[0]["date"], "2008-08-04");
    assert_eq!(records[1]["events"], json!([]));
    assert_eq!(records[2]["text"], "Rebels attacked.", "rebuilt from the parse");
    assert!(stderr.contains("skipped 1 records expecting"), "{stderr}");
    assert!(stderr.contains("1 records with an empty text"), "{stderr}");
}

#[test]
fn case2021_maps_types_and_skips_unmapped_ones() {
    let mapping = "case_label\tacled_event_type\tacled_sub_event_type\tcameo_codes\tcameo_root\tplover_2021\tpentaclass\tconfidence\tnotes\n\
        AGREEMENT\tx\tx\t057; 03x\t05 (signed) / 03 (intent)\tx\t1\tmedium\t\n\
        ATTACK\tx\tx\t180; 190\t18 (19/20 if military)\tx\t4\thigh\t\n\
        HQ_ESTABLISHED\tx\tx\t154 (weak)\t15\tx\t4\tlow\t\n\
        OTHER\tx\tx\t-\t-\t-\t-\tnone\t\n";
    let lines = [
        json!({"id": "c1", "text": "They agreed.", "date": null, "gold": {"label": "AGREEMENT"}}),
        json!({"id": "c2", "text": "Gunmen attacked.", "gold": {"label": "ATTACK"}}),
        json!({"id": "c3", "text": "A base.", "gold": {"label": "HQ_ESTABLISHED"}}),
        json!({"id": "c4", "text": "Other.", "gold": {"label": "OTHER"}}),
        json!({"id": "c5", "text": "Other.", "gold": {"label": "OTHER"}}),
    ];
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let (records, stderr) =
        convert("case2021", "dev.jsonl", &input, &[("acled_case2021_to_cameo_plover.tsv", mapping)]);
    assert_eq!(records.len(), 2);
    assert_eq!(
        records[0]["events"],
        json!([{"label": "AGREEMENT", "cameo": ["057", "03*"], "root": ["05", "03"], "penta": 1}])
    );
    assert_eq!(records[1]["events"][0]["root"], json!(["18", "19", "20"]));
    assert!(stderr.contains("skipped 2 records of types that map to no CAMEO code: OTHER 2"), "{stderr}");
    assert!(
        stderr.contains("skipped 1 records of types whose mapping has low confidence: HQ_ESTABLISHED 1"),
        "{stderr}"
    );
}

#[test]
fn india_police_gives_police_events() {
    let lines = [
        json!({"id": "i1", "doc_id": "d", "text": "police arrested five.", "date": "2002-03-01", "gold": {"labels": ["ANY_ACTION", "ARREST"]}}),
        json!({"id": "i2", "doc_id": "d", "text": "police shot two.", "date": "2002-03-01", "gold": {"labels": ["KILL"]}}),
        json!({"id": "i3", "doc_id": "d", "text": "police did nothing.", "date": "2002-03-01", "gold": {"labels": ["FAIL"]}}),
    ];
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let (records, stderr) = convert("india_police", "sents.jsonl", &input, &[]);
    assert_eq!(records.len(), 3);
    assert_eq!(
        records[0]["events"],
        json!([{"label": "ANY_ACTION", "source": "---COP"}, {"label": "ARREST", "source": "---COP", "cameo": "173"}])
    );
    assert_eq!(records[1]["events"][0]["cameo"], json!(["18*", "19*", "20*", "175"]));
    assert_eq!(records[2]["events"], json!([]), "FAIL has no code: the sentence says no event");
    assert!(stderr.contains("dropped 1 FAIL labels"), "{stderr}");
}

// ---- the real sets ------------------------------------------------------

/// The shared data folder, when this machine has it.
fn shared_data() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    [PathBuf::from("/work/shared/data"), root.join("../shared/data")].into_iter().find(|p| p.is_dir())
}

#[test]
fn real_sets_convert_and_evaluate() {
    let Some(data) = shared_data() else {
        eprintln!("skipped: no shared data (../shared/data) on this machine");
        return;
    };
    let sets = [
        ("multi_coped_en", "multi_coped_en", 1349),
        ("conflibert_cameo", "conflibert-cameo", 1349),
        ("petr2_gsr", "universalpetrarch-validation", 78),
        ("case2021", "case2021_task2", 246),
        ("india_police", "india_police_events", 14746),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (set, folder, records) in sets {
        let input = data.join(folder);
        if !input.is_dir() {
            eprintln!("skipped {set}: no {}", input.display());
            continue;
        }
        let gold = format!("{set}.gold.jsonl");
        let run = dyad(dir.path(), &["gold", "--set", set, "--input", input.to_str().unwrap(), "-o", &gold], None);
        assert_eq!(run.code, 0, "{set}: {}", run.stderr);
        let json = format!("{set}.json");
        let run = dyad(dir.path(), &["eval", "--gold", &gold, "--json", &json, "--quiet"], None);
        assert_eq!(run.code, 0, "{set}: {}", run.stderr);
        let r: Value = serde_json::from_str(&fs::read_to_string(dir.path().join(&json)).unwrap()).unwrap();
        assert_eq!(r["records"], records, "{set}");
        assert_eq!(r["failed_records"], 0, "{set}");
        if set == "petr2_gsr" {
            same_figures_from_saved_events(dir.path(), &gold, &r);
        }
        assert!(r["detection"]["true_positive"].as_u64().unwrap() > 0, "{set}: nothing found at all");
    }
}

/// Scoring `dyad code`'s saved output with --predictions gives the figures
/// of scoring the coder directly: the two ways of reading events agree.
fn same_figures_from_saved_events(dir: &Path, gold: &str, direct: &Value) {
    let run = dyad(dir, &["code", "--no-lang-check", "-q", gold, "-o", "saved.jsonl"], None);
    // A gold record with an empty text is a bad record for `dyad code`.
    assert!(run.code <= 1, "{}", run.stderr);
    let run = dyad(dir, &["eval", "--gold", gold, "--predictions", "saved.jsonl", "--json", "saved.json", "-q"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let saved: Value = serde_json::from_str(&fs::read_to_string(dir.join("saved.json")).unwrap()).unwrap();
    assert_eq!(saved["headline"], direct["headline"]);
    assert_eq!(saved["levels"], direct["levels"]);
}
