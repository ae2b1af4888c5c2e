//! `dyad validate`: a small PETRARCH-style suite written here (a PETRARCH-1
//! verb file, an actor file and records), whose figures are known by
//! construction; and the field's three suites from the shared data, which
//! must stay at or above their floors in eval/floors.toml. Both go through
//! the same comparison the `validate` command runs.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use support::dyad;

const VERBS: &str = "\
<!-- a PETRARCH-1 verb file -->
&TIES_
+RELATIONS
+TIES

--- RESTORE [064] ---
RESTORE
- * &TIES [065]
- NOT_* [---]

--- DEPART [032] ---
DEPART
LEAVE {LEFT LEAVING LEAVES}
";

const ACTORS: &str = "\
ARNOR [ARN]
GONDOR [GON]
THE_SHIRE [FRO/SAM]
";

const AGENTS: &str = "\
POLICE [~COP]
";

/// Four records: two coded right, one missed (no verb for "praised"), one
/// no-event record given an event, one record left out.
const RECORDS: &str = r#"{"id": "DEMO-01", "category": "DEMO", "date": "2001-01-01", "text": "Arnor restored relations with Gondor.", "expected_events": [{"source": "ARN", "target": "GON", "code": "065"}], "expectation": "events"}
{"id": "COMPOUND-01", "category": "COMPOUND", "date": "2001-01-01", "text": "The Shire left Gondor on Monday.", "expected_events": [{"source": "FRO", "target": "GON", "code": "032"}, {"source": "SAM", "target": "GON", "code": "032"}], "expectation": "events"}
{"id": "VERB-01", "category": "VERB", "date": "2001-01-01", "text": "Arnor praised Gondor.", "expected_events": [{"source": "ARN", "target": "GON", "code": "041"}], "expectation": "events"}
{"id": "VERB-02", "category": "VERB", "date": "2001-01-01", "text": "Arnor departed from Gondor.", "expected_events": [], "expectation": "no_events"}
{"id": "ERROR-01", "category": "ERROR", "date": "2001-01-01", "text": "Arnor restored ties.", "expected_events": [], "expectation": "error_or_discard", "expected_error": "bad_input_parse"}
"#;

fn suite(dir: &Path) {
    fs::write(dir.join("test.verbs.txt"), VERBS).unwrap();
    fs::write(dir.join("test.actors.txt"), ACTORS).unwrap();
    fs::write(dir.join("test.agents.txt"), AGENTS).unwrap();
    fs::write(dir.join("records.jsonl"), RECORDS).unwrap();
}

const DICTS: &[&str] = &["--dict", "test.verbs.txt", "--dict", "test.actors.txt", "--dict", "test.agents.txt"];

#[test]
fn a_small_suite_is_scored_per_category() {
    let dir = tempfile::tempdir().unwrap();
    suite(dir.path());
    let mut args = vec!["validate", "petrarch", "--records", "records.jsonl", "--json", "report.json", "--verbose"];
    args.extend_from_slice(DICTS);
    let run = dyad(dir.path(), &args, None);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let r: Value = serde_json::from_str(&fs::read_to_string(dir.path().join("report.json")).unwrap()).unwrap();
    // 4 expected events, 3 reproduced (the Shire's two actors each leave
    // Gondor); one extra (VERB-02 expects none).
    assert_eq!(r["total"]["records"], 4);
    assert_eq!(r["total"]["expected"], 4);
    assert_eq!(r["total"]["reproduced"], 3, "{}", run.stdout);
    assert_eq!(r["total"]["extra"], 1, "{}", run.stdout);
    assert_eq!(r["total"]["exact_records"], 2);
    assert_eq!(r["by_category"]["COMPOUND"]["reproduced"], 2);
    assert_eq!(r["by_category"]["VERB"]["reproduced"], 0);
    assert_eq!(r["left_out"][0]["id"], "ERROR-01");
    let missed: Vec<&str> = r["misses"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(missed, vec!["VERB-01", "VERB-02"]);
    // The text report ends with the category table's ALL row.
    let last = run.stdout.lines().last().unwrap();
    assert!(last.starts_with("ALL ") && last.contains("75.0%"), "{}", run.stdout);
    assert!(run.stdout.contains("VERB-01: missing [\"ARN GON 041\"]"), "{}", run.stdout);
}

#[test]
fn the_dictionary_format_can_be_named() {
    let dir = tempfile::tempdir().unwrap();
    suite(dir.path());
    // Without a `_` tie the verb file reads as PETRARCH-2 (the default),
    // where an actor after "from" is a place, not a target; named
    // PETRARCH-1, the next actor is the target.
    fs::write(dir.path().join("test.verbs.txt"), VERBS.replace("NOT_*", "NOT *")).unwrap();
    let score = |extra: &[&str]| {
        let mut args = vec!["validate", "petrarch", "--records", "records.jsonl", "--json", "r.json"];
        args.extend_from_slice(DICTS);
        args.extend_from_slice(extra);
        let run = dyad(dir.path(), &args, None);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let r: Value = serde_json::from_str(&fs::read_to_string(dir.path().join("r.json")).unwrap()).unwrap();
        (r["total"]["reproduced"].as_u64().unwrap(), r["total"]["extra"].as_u64().unwrap())
    };
    assert_eq!(score(&["--dict-format", "petrarch1"]), (3, 1));
    assert_eq!(score(&[]).1, 0, "read as PETRARCH-2, \"departed from Gondor\" has no target");
}

#[test]
fn floors_fail_the_run_and_bad_lines_are_named() {
    let dir = tempfile::tempdir().unwrap();
    suite(dir.path());
    fs::write(dir.path().join("floors.toml"), "[validate_petrarch]\nreproduced_share = 0.9\nexact_share = 0.1\n")
        .unwrap();
    let mut args = vec!["validate", "petrarch", "--records", "records.jsonl", "--floors", "floors.toml"];
    args.extend_from_slice(DICTS);
    let run = dyad(dir.path(), &args, None);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("floors validate_petrarch: reproduced_share 0.7500 BELOW 0.9000; exact_share 0.5000 >= 0.1000"),
        "{}",
        run.stdout
    );
    // A record that cannot be read is named; the others are still scored.
    fs::write(dir.path().join("records.jsonl"), format!("{RECORDS}{{\"id\": \"BAD\"\n")).unwrap();
    let mut args = vec!["validate", "petrarch", "--records", "records.jsonl"];
    args.extend_from_slice(DICTS);
    let run = dyad(dir.path(), &args, None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("records.jsonl:6: "), "{}", run.stderr);
    assert!(run.stdout.lines().last().unwrap().contains("75.0%"), "{}", run.stdout);
    // Without dictionaries or data there is nothing to run.
    let run = dyad(dir.path(), &["validate", "gsr", "--records", "records.jsonl"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--data DIR"), "{}", run.stderr);
}

/// The shared data folder, when this machine has it.
fn shared_data() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    [PathBuf::from("/work/shared/data"), root.join("../shared/data")].into_iter().find(|p| p.is_dir())
}

#[test]
fn the_field_suites_stay_above_their_floors() {
    let Some(data) = shared_data() else {
        eprintln!("skipped: no shared data (../shared/data) on this machine");
        return;
    };
    let floors = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../eval/floors.toml");
    let floors_text = fs::read_to_string(&floors).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let suites = [
        ("petrarch", "petrarch2-validation/PETR.UnitTest.records.jsonl", 280),
        ("gsr", "universalpetrarch-validation/PETR2_GSR_validation.jsonl", 78),
        ("tabari", "tabari-validation/Validate.jsonl", 410),
    ];
    for (suite, records, count) in suites {
        if !data.join(records).is_file() {
            eprintln!("skipped {suite}: no {}", data.join(records).display());
            continue;
        }
        let json = format!("{suite}.json");
        let mut args = vec!["validate", suite, "--data", data.to_str().unwrap(), "--json", &json];
        // Each suite with a `[validate_SUITE]` table is held to it (TABARI's
        // floor is still an argument in eval/run.sh).
        if floors_text.contains(&format!("[validate_{suite}]")) {
            args.extend(["--floors", floors.to_str().unwrap()]);
        }
        let run = dyad(dir.path(), &args, None);
        assert_eq!(run.code, 0, "{suite}: below its floors or failed:\n{}\n{}", run.stdout, run.stderr);
        let r: Value = serde_json::from_str(&fs::read_to_string(dir.path().join(&json)).unwrap()).unwrap();
        assert_eq!(r["total"]["records"], count, "{suite}");
        assert!(r["total"]["reproduced"].as_u64().unwrap() > 0, "{suite}: nothing reproduced");
    }
}
