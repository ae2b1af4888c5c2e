//! `dyad ingest`, `query`, `recode` and `delete` end to end (issue 6): the
//! real binary on files in a temporary directory.

mod support;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use serde_json::Value;
use support::{dyad, Run};

fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) {
    fs::write(dir.join(name), content).unwrap();
}

fn record(id: Option<&str>, source: Option<&str>, date: &str, text: &str) -> String {
    let mut v = serde_json::json!({"text": text, "date": date});
    if let Some(id) = id {
        v["id"] = id.into();
    }
    if let Some(source) = source {
        v["source"] = source.into();
    }
    v.to_string() + "\n"
}

/// Sentences the default dictionaries code, one real event each.
const STORIES: &[&str] = &[
    "Russian President Vladimir Putin visited Tehran on Tuesday.",
    "Turkish troops attacked Kurdish fighters in northern Syria on Monday.",
    "Israeli police arrested dozens of Palestinian protesters in Jerusalem.",
    "The United States imposed sanctions on Iran over its nuclear programme.",
];

/// A paragraph of filler that differs per `seed`, so articles are not
/// near-duplicates of each other.
fn filler(seed: usize) -> String {
    (0..40).map(|i| format!("detail{seed}x{i}")).collect::<Vec<_>>().join(" ") + "."
}

/// The query's events as JSON, without the `date_added` timestamps (which
/// differ between runs).
fn events_json(dir: &Path, db: &str) -> Vec<Value> {
    let run = dyad(dir, &["query", "--db", db, "--format", "jsonl", "--mentions"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
        .lines()
        .map(|l| {
            let mut v: Value = serde_json::from_str(l).unwrap();
            v.as_object_mut().unwrap().remove("date_added");
            for m in v["mentions"].as_array_mut().unwrap() {
                m.as_object_mut().unwrap().remove("date_added");
            }
            v
        })
        .collect()
}

/// The numbers of `dyad ingest`'s summary line: `N documents read, S
/// stored (M mentions), K already stored, E errors`.
fn ingest_summary(run: &Run) -> (usize, usize, usize, usize) {
    let line = run
        .stderr
        .lines()
        .rev()
        .find(|l| l.contains(" documents read, "))
        .unwrap_or_else(|| panic!("no summary:\n{}", run.stderr));
    let n = |what: &str| -> usize {
        let before = line.split(what).next().unwrap();
        before.trim_end().rsplit([' ', '(']).next().unwrap().parse().unwrap_or_else(|_| panic!("{what} in {line}"))
    };
    (n(" documents read"), n(" stored ("), n(" already stored"), n(" errors"))
}

#[test]
fn ingest_stores_once_and_query_reads_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut input = String::new();
    for (i, story) in STORIES.iter().enumerate() {
        input += &record(Some(&format!("n{i}")), Some("Wire"), "2022-07-19", &format!("{story} {}", filler(i)));
    }
    // No id: identified by its text's hash.
    input += &record(None, None, "2022-07-19", &format!("{} {}", STORIES[0], filler(99)));
    write(dir.path(), "in.jsonl", &input);

    let run = dyad(dir.path(), &["ingest", "in.jsonl", "--db", "ev.sqlite"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(ingest_summary(&run), (5, 5, 0, 0));
    let events = events_json(dir.path(), "ev.sqlite");
    assert!(events.len() >= 4, "{events:?}");
    let mentions: u64 = events.iter().map(|e| e["num_mentions"].as_u64().unwrap()).sum();
    let listed: usize = events.iter().map(|e| e["mentions"].as_array().unwrap().len()).sum();
    assert_eq!(mentions as usize, listed);
    let hashed = events
        .iter()
        .flat_map(|e| e["mentions"].as_array().unwrap())
        .find(|m| m["article_id"].as_str().unwrap().starts_with("sha256:"))
        .expect("the record without an id is stored under its content hash");
    assert_eq!(hashed["article_id"].as_str().unwrap().len(), "sha256:".len() + 32);
    assert_eq!(hashed["event"]["doc_id"], hashed["article_id"]);

    // Again, and the id-less record from a file of another name: nothing new.
    write(dir.path(), "again.jsonl", record(None, None, "2022-07-19", &format!("{} {}", STORIES[0], filler(99))));
    let run = dyad(dir.path(), &["ingest", "in.jsonl", "again.jsonl", "--db", "ev.sqlite"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(ingest_summary(&run), (6, 0, 6, 0));
    assert_eq!(events_json(dir.path(), "ev.sqlite"), events);

    // DYAD_DB names the default database.
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["query", "--format", "csv"])
        .env("DYAD_DB", dir.path().join("ev.sqlite"))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), events.len() + 1);
    // A missing database is an error, not an empty answer.
    let run = dyad(dir.path(), &["query", "--db", "missing.sqlite"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("missing.sqlite"), "{}", run.stderr);
}

#[test]
fn bad_records_are_reported_and_the_rest_stored() {
    let dir = tempfile::tempdir().unwrap();
    let input = record(Some("ok1"), None, "2022-07-19", STORIES[0])
        + "{\"text\": 3}\n"
        + "not json\n"
        + &record(Some("ok2"), None, "2022-07-19", STORIES[1]);
    write(dir.path(), "in.jsonl", input);
    let run = dyad(dir.path(), &["ingest", "in.jsonl", "--db", "ev.sqlite"], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("in.jsonl:2: \"text\" must be a string"), "{}", run.stderr);
    assert!(run.stderr.contains("in.jsonl:3: invalid JSON"), "{}", run.stderr);
    assert_eq!(ingest_summary(&run), (2, 2, 0, 2));
}

#[test]
fn syndicated_copies_are_one_source_and_stay_as_mentions() {
    let dir = tempfile::tempdir().unwrap();
    let story = format!("{} {}", STORIES[1], filler(7));
    let edited = story.replace("detail7x3 ", "");
    let input = record(Some("wire"), Some("AP"), "2022-07-19", &story)
        + &record(Some("copy"), Some("Daily Bugle"), "2022-07-19", &edited)
        + &record(Some("own"), Some("BBC"), "2022-07-19", &format!("{} {}", STORIES[1], filler(8)));
    write(dir.path(), "in.jsonl", input);
    let run = dyad(dir.path(), &["ingest", "in.jsonl", "--db", "ev.sqlite"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let events = events_json(dir.path(), "ev.sqlite");
    let attack =
        events.iter().find(|e| e["event"]["root"] == "19").unwrap_or_else(|| panic!("no attack in {events:?}"));
    assert_eq!(attack["num_mentions"], 3);
    assert_eq!(attack["num_articles"], 3);
    assert_eq!(attack["num_sources"], 2, "the AP copy counts once");

    // With merging off, each mention is an event.
    let run = dyad(dir.path(), &["ingest", "in.jsonl", "--db", "ev.sqlite", "--no-merge"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let unmerged = events_json(dir.path(), "ev.sqlite");
    assert!(unmerged.iter().all(|e| e["num_mentions"] == 1));
    assert_eq!(unmerged.len() as u64, events.iter().map(|e| e["num_mentions"].as_u64().unwrap()).sum::<u64>());
}

#[test]
fn delete_removes_an_article_and_recounts_shared_events() {
    let dir = tempfile::tempdir().unwrap();
    let input = record(Some("a"), Some("AP"), "2022-07-19", &format!("{} {}", STORIES[1], filler(1)))
        + &record(Some("b"), Some("BBC"), "2022-07-19", &format!("{} {} {}", STORIES[1], STORIES[2], filler(2)));
    write(dir.path(), "in.jsonl", input);
    assert_eq!(dyad(dir.path(), &["ingest", "in.jsonl", "--db", "ev.sqlite"], None).code, 0);
    let before = events_json(dir.path(), "ev.sqlite");
    let shared = before.iter().find(|e| e["num_articles"] == 2).expect("an event both report");
    assert!(before.iter().any(|e| e["event"]["doc_id"] == "b" && e["num_articles"] == 1));

    let run = dyad(dir.path(), &["delete", "--db", "ev.sqlite", "b", "nosuch"], None);
    assert_eq!(run.code, 1, "an unknown id is reported: {}", run.stderr);
    assert!(run.stderr.contains("nosuch: no such article"), "{}", run.stderr);
    let after = events_json(dir.path(), "ev.sqlite");
    assert!(after.iter().all(|e| e["mentions"].as_array().unwrap().iter().all(|m| m["article_id"] == "a")));
    let same = after.iter().find(|e| e["event"]["cameo"] == shared["event"]["cameo"]).unwrap();
    assert_eq!((same["num_articles"].as_u64(), same["num_mentions"].as_u64()), (Some(1), Some(1)));
    assert_eq!(
        after.len(),
        before.iter().filter(|e| e["mentions"].as_array().unwrap().iter().any(|m| m["article_id"] == "a")).count()
    );
}

/// Issue 6: after a dictionary change, `recode` re-codes stored texts; with
/// `--no-store-text` it says it cannot.
#[test]
fn recode_after_a_dictionary_change() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "test.actors", "ARNOR [ARN]\nGONDOR [GON]\n");
    write(dir.path(), "test.agents", "SOLDIERS [~MIL]\n");
    write(dir.path(), "test.verbs", "SHELLED [---]\n- $ * + [194]\n");
    write(dir.path(), "in.jsonl", record(Some("g1"), None, "2022-07-19", "Arnor soldiers shelled Gondor."));
    let dicts = ["--no-default-dict", "--dict", "test.actors", "--dict", "test.agents"];
    let mut args = vec!["ingest", "in.jsonl", "--db", "ev.sqlite"];
    args.extend(dicts);
    assert_eq!(dyad(dir.path(), &args, None).code, 0);
    assert!(events_json(dir.path(), "ev.sqlite").is_empty(), "no verb, no event");

    let mut args = vec!["recode", "--db", "ev.sqlite", "--dict", "test.verbs"];
    args.extend(dicts);
    let run = dyad(dir.path(), &args, None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let events = events_json(dir.path(), "ev.sqlite");
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0]["event"]["cameo"], "194");
    assert_eq!(events[0]["event"]["source"]["code"], "ARNMIL");

    let mut args = vec!["ingest", "in.jsonl", "--db", "notext.sqlite", "--no-store-text"];
    args.extend(dicts);
    assert_eq!(dyad(dir.path(), &args, None).code, 0);
    let run = dyad(dir.path(), &["recode", "--db", "notext.sqlite"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--no-store-text"), "{}", run.stderr);
}

#[test]
fn ingest_order_and_threads_do_not_change_the_events() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = Vec::new();
    for i in 0..24 {
        let story = STORIES[i % STORIES.len()];
        let day = 18 + i % 3;
        lines.push(record(
            Some(&format!("d{i}")),
            Some(["AP", "BBC", "AFP"][i % 3]),
            &format!("2022-07-{day}"),
            &format!("{story} {}", filler(i)),
        ));
    }
    write(dir.path(), "forward.jsonl", lines.concat());
    lines.reverse();
    write(dir.path(), "backward.jsonl", lines.concat());
    assert_eq!(dyad(dir.path(), &["ingest", "forward.jsonl", "--db", "f.sqlite", "-j", "1"], None).code, 0);
    assert_eq!(dyad(dir.path(), &["ingest", "backward.jsonl", "--db", "b.sqlite", "-j", "2"], None).code, 0);
    let forward = events_json(dir.path(), "f.sqlite");
    assert!(forward.iter().any(|e| e["num_mentions"].as_u64().unwrap() > 1), "some reports merge");
    assert_eq!(events_json(dir.path(), "b.sqlite"), forward);
}

#[test]
fn aggregates_agree_with_the_events() {
    let dir = tempfile::tempdir().unwrap();
    let mut input = String::new();
    for i in 0..12 {
        input += &record(
            Some(&format!("d{i}")),
            Some("AP"),
            &format!("2022-{:02}-{:02}", 6 + i / 5, 1 + (i % 5) * 6),
            &format!("{} {}", STORIES[i % 4], filler(i)),
        );
    }
    write(dir.path(), "in.jsonl", input);
    assert_eq!(dyad(dir.path(), &["ingest", "in.jsonl", "--db", "ev.sqlite"], None).code, 0);
    let events = events_json(dir.path(), "ev.sqlite");
    let run = dyad(dir.path(), &["query", "--db", "ev.sqlite", "--count-by", "month", "--format", "jsonl"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let months: Vec<Value> = run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    for m in &months {
        let period = m["period"].as_str().unwrap();
        // An event's day: its own date when a full day ("on Tuesday"),
        // else its article's.
        let day = |e: &Value| match e["event"]["date"].as_str() {
            Some(d) if d.len() == 10 => d.to_string(),
            _ => e["mentions"][0]["article_date"].as_str().unwrap().to_string(),
        };
        let want = events.iter().filter(|e| day(e).starts_with(period)).count();
        assert_eq!(m["events"].as_u64().unwrap() as usize, want, "{period}");
    }
    assert_eq!(months.iter().map(|m| m["events"].as_u64().unwrap()).sum::<u64>() as usize, events.len());

    let run = dyad(dir.path(), &["query", "--db", "ev.sqlite", "--quad-counts", "--format", "csv"], None);
    let total: u64 = run.stdout.lines().skip(1).map(|l| l.split(',').nth(1).unwrap().parse::<u64>().unwrap()).sum();
    assert_eq!(total as usize, events.len());

    let run = dyad(dir.path(), &["query", "--db", "ev.sqlite", "--actor", "IRN", "--format", "jsonl"], None);
    let want = events
        .iter()
        .filter(|e| {
            [&e["event"]["source"], &e["event"]["target"]]
                .iter()
                .any(|a| a["code"].as_str().is_some_and(|c| c.starts_with("IRN")) || a["country"] == "IRN")
        })
        .count();
    assert_eq!(run.stdout.lines().count(), want);
    assert!(want > 0);

    let run =
        dyad(dir.path(), &["query", "--db", "ev.sqlite", "--text", "\"nuclear programme\"", "--format", "jsonl"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.lines().count(),
        events.iter().filter(|e| e["event"]["text"].as_str().unwrap().contains("nuclear programme")).count()
    );
    let run = dyad(dir.path(), &["query", "--db", "ev.sqlite", "--text", "\"unclosed"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("FTS5"), "{}", run.stderr);
}

/// Issue 6 target: SIGKILL the ingest at random points; the database must
/// open, pass `PRAGMA integrity_check`, and a rerun must end with exactly
/// the events of an uninterrupted run.
#[test]
fn killed_ingest_resumes_to_the_same_events() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/news_bench/muc4_docs.jsonl");
    if !corpus.exists() {
        eprintln!("skipping: {} is absent", corpus.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // The first 600 MUC-4 documents: long enough to be killed mid-way.
    let text = fs::read_to_string(&corpus).unwrap();
    write(dir.path(), "in.jsonl", text.lines().take(600).map(|l| format!("{l}\n")).collect::<String>());

    let started = Instant::now();
    let whole = dyad(dir.path(), &["ingest", "in.jsonl", "--db", "whole.sqlite", "-q"], None);
    assert_eq!(whole.code, 0, "{}", whole.stderr);
    let full_time = started.elapsed();
    let want = events_json(dir.path(), "whole.sqlite");
    assert!(want.len() > 100);

    // A small xorshift seeded from the clock; the seed is printed so a
    // failure can be replayed by hand.
    let mut seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1;
    eprintln!("crash test seed {seed}, uninterrupted ingest {full_time:?}");
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let db = dir.path().join("killed.sqlite");
    let mut kills = 0;
    for _ in 0..5 {
        // Runs resume, so later ones have less to do: kill early.
        let delay = full_time.mul_f64(0.05 + (next() % 450) as f64 / 1000.0);
        let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
            .args(["ingest", "in.jsonl", "--db", "killed.sqlite", "-q"])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        match child.try_wait().unwrap() {
            None => kills += 1,
            Some(status) => {
                let mut err = String::new();
                std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
                assert!(status.success(), "ingest failed before the kill: {err}");
            }
        }
        child.kill().unwrap(); // SIGKILL on unix
        child.wait().unwrap();
        let store = dyad_store::Store::open(&db).expect("the database opens after a kill");
        assert_eq!(store.integrity_check().unwrap(), "ok");
        eprintln!("killed after {delay:?}: {} articles stored", store.stats().unwrap().articles);
        drop(store);
    }
    assert!(kills > 0, "no run was still going when killed; the test proves nothing");
    let rerun = dyad(dir.path(), &["ingest", "in.jsonl", "--db", "killed.sqlite"], None);
    assert_eq!(rerun.code, 0, "{}", rerun.stderr);
    assert_eq!(events_json(dir.path(), "killed.sqlite"), want);
}
