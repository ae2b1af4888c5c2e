//! `dyad export` end to end: articles ingested into a store, exported in
//! every format, and the exports checked against what `dyad query` says is
//! stored (event and mention counts, filters, column layout).

mod support;

use std::fs;
use std::path::Path;

use serde_json::Value;
use support::dyad;

/// Articles whose sentences the default dictionaries code; two outlets tell
/// the first story, so one merged event has two mentions.
fn store(dir: &Path) {
    let lines = [
        ("a1", "Wire", "Turkish troops attacked Kurdish fighters in northern Syria on Monday."),
        (
            "a2",
            "Daily",
            "Turkish troops attacked Kurdish fighters in northern Syria on Monday, officials said, as fighting spread.",
        ),
        ("a3", "Wire", "Russian President Vladimir Putin visited Tehran on Tuesday."),
        ("a4", "Wire", "Israeli police arrested dozens of Palestinian protesters in Jerusalem."),
    ];
    let input: String = lines
        .iter()
        .map(|(id, source, text)| {
            serde_json::json!({"id": id, "source": source, "url": format!("https://example.org/{id}"), "date": "2022-07-19", "text": text}).to_string() + "\n"
        })
        .collect();
    fs::write(dir.join("in.jsonl"), input).unwrap();
    let run = dyad(dir, &["ingest", "in.jsonl", "--db", "ev.sqlite"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// The stored events as `dyad query` gives them, with the given filters.
fn queried(dir: &Path, filters: &[&str]) -> Vec<Value> {
    let mut args = vec!["query", "--db", "ev.sqlite", "--format", "jsonl"];
    args.extend_from_slice(filters);
    let run = dyad(dir, &args, None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn every_format_exports_what_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    store(dir.path());
    let events = queried(dir.path(), &[]);
    assert!(events.len() >= 3, "{events:?}");
    let mentions: u64 = events.iter().map(|e| e["num_mentions"].as_u64().unwrap()).sum();
    assert!(mentions > events.len() as u64, "the two reports of the attack should merge: {events:?}");

    let gdelt = dyad(dir.path(), &["export", "--db", "ev.sqlite", "--format", "gdelt"], None);
    assert_eq!(gdelt.code, 0, "{}", gdelt.stderr);
    let rows: Vec<Vec<&str>> = gdelt.stdout.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), events.len());
    for (row, event) in rows.iter().zip(&events) {
        assert_eq!(row.len(), 61, "{row:?}");
        assert_eq!(row[0], event["id"].to_string(), "GLOBALEVENTID");
        assert_eq!(row[26], event["event"]["cameo"].as_str().unwrap(), "EventCode");
        assert_eq!(row[31], event["num_mentions"].to_string(), "NumMentions");
        assert!(row[60].starts_with("https://example.org/"), "SOURCEURL {:?}", row[60]);
    }

    let gm = dyad(dir.path(), &["export", "--db", "ev.sqlite", "--format", "gdelt-mentions"], None);
    assert_eq!(gm.code, 0, "{}", gm.stderr);
    assert_eq!(gm.stdout.lines().count() as u64, mentions, "one row per mention");
    assert!(gm.stdout.lines().all(|l| l.split('\t').count() == 16));

    let plover = dyad(dir.path(), &["export", "--db", "ev.sqlite", "--format", "plover"], None);
    assert_eq!(plover.code, 0, "{}", plover.stderr);
    let records: Vec<Value> = plover.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), events.len());
    assert!(records.iter().all(|r| r.get("dyad").is_some()), "provenance kept");

    let csv = dyad(dir.path(), &["export", "--db", "ev.sqlite", "--format", "csv", "-o", "ev.csv"], None);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    assert_eq!(fs::read_to_string(dir.path().join("ev.csv")).unwrap().lines().count(), events.len() + 1);

    let parquet = dyad(dir.path(), &["export", "--db", "ev.sqlite", "--format", "parquet", "-o", "ev.parquet"], None);
    assert_eq!(parquet.code, 0, "{}", parquet.stderr);
    assert!(parquet.stderr.contains(&format!("{} events written as parquet", events.len())), "{}", parquet.stderr);
    let bytes = fs::read(dir.path().join("ev.parquet")).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"), "a Parquet file");

    let parts = dyad(
        dir.path(),
        &["export", "--db", "ev.sqlite", "--format", "parquet", "--partition-by", "date", "-o", "parts"],
        None,
    );
    assert_eq!(parts.code, 0, "{}", parts.stderr);
    assert!(dir.path().join("parts").read_dir().unwrap().any(|e| e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .starts_with("date=")));
}

#[test]
fn filters_are_those_of_query() {
    let dir = tempfile::tempdir().unwrap();
    store(dir.path());
    let attacks = queried(dir.path(), &["--cameo", "19"]);
    assert!(!attacks.is_empty() && attacks.len() < queried(dir.path(), &[]).len());
    let run = dyad(dir.path(), &["export", "--db", "ev.sqlite", "--format", "gdelt", "--cameo", "19"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ids: Vec<String> = run.stdout.lines().map(|l| l.split('\t').next().unwrap().to_string()).collect();
    let want: Vec<String> = attacks.iter().map(|e| e["id"].to_string()).collect();
    assert_eq!(ids, want);
}

#[test]
fn bad_requests_are_refused_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dyad(dir.path(), &["export", "--db", "none.sqlite", "--format", "csv"], None);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("none.sqlite: no such database"), "{}", missing.stderr);
    assert!(!dir.path().join("none.sqlite").exists(), "export must not create a database");
    store(dir.path());
    let stdout_parquet = dyad(dir.path(), &["export", "--db", "ev.sqlite", "--format", "parquet"], None);
    assert_eq!(stdout_parquet.code, 2);
    assert!(stdout_parquet.stderr.contains("needs an output path"), "{}", stdout_parquet.stderr);
    let csv_parts = dyad(
        dir.path(),
        &["export", "--db", "ev.sqlite", "--format", "csv", "--partition-by", "date", "-o", "x"],
        None,
    );
    assert_eq!(csv_parts.code, 2);
    assert!(csv_parts.stderr.contains("parquet format only"), "{}", csv_parts.stderr);
    assert!(!dir.path().join("x").exists());
}
