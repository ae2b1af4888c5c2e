//! `dyad code` end to end: the real binary on files in a temporary
//! directory.

mod support;

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;
use support::{dyad, Run};

/// A sentence the coder codes (Putin visiting Tehran), with a distinct
/// document number in it.
fn news(i: usize) -> String {
    format!("Russian President Vladimir Putin visited Tehran on Tuesday for talks number {i}.")
}

fn jsonl_record(id: &str, text: &str) -> String {
    serde_json::json!({"id": id, "text": text}).to_string()
}

fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, content).unwrap();
}

/// Every stdout line parses as a JSON object.
fn assert_jsonl(run: &Run) -> Vec<Value> {
    run.stdout
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
            assert!(v.is_object(), "{l}");
            v
        })
        .collect()
}

#[test]
fn bad_records_are_reported_and_the_rest_coded() {
    let dir = tempfile::tempdir().unwrap();
    let mut input = Vec::new();
    let good = |i| format!("{}\n", jsonl_record(&format!("good{i}"), &news(i)));
    input.extend(good(1).bytes()); // line 1
    input.extend(b"{\"text\": \"unterminated\n"); // 2: invalid JSON
    input.extend(b"[\"an\", \"array\"]\n"); // 3
    input.extend(b"{\"id\": \"x\", \"title\": \"no text\"}\n"); // 4
    input.extend(b"{\"text\": \"\"}\n"); // 5: empty text
    input.extend(good(2).bytes()); // 6
    input.extend(b"{\"text\": \"caf\xe9 latin-1\"}\n"); // 7: invalid UTF-8
    input.extend(b"{\"text\": \"a\x00b\"}\n"); // 8: NUL bytes
    input.extend(b"\n"); // 9: blank lines are skipped quietly
    input.extend(good(3).bytes()); // 10
    write(dir.path(), "in.jsonl", &input);

    let run = dyad(dir.path(), &["code", "in.jsonl"], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for (line, what) in [
        (2, "invalid JSON"),
        (3, "expected a JSON object"),
        (4, "missing \"text\""),
        (5, "empty \"text\""),
        (7, "invalid UTF-8"),
        (8, "NUL"),
    ] {
        let want = format!("dyad: in.jsonl:{line}: {what}");
        assert!(run.stderr.contains(&want), "want {want:?} in\n{}", run.stderr);
    }
    for line in [1, 6, 9, 10] {
        assert!(!run.stderr.contains(&format!("in.jsonl:{line}:")), "{}", run.stderr);
    }
    assert_eq!(run.summary("documents"), 3);
    assert_eq!(run.summary("errors"), 6);
    let events = assert_jsonl(&run);
    let mut ids: Vec<&str> = events.iter().map(|e| e["doc_id"].as_str().unwrap()).collect();
    ids.dedup();
    assert_eq!(ids, ["good1", "good2", "good3"]);
}

#[test]
fn a_line_over_the_size_limit_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut input = format!("{}\n", jsonl_record("a", &news(1))).into_bytes();
    input.extend(b"{\"text\": \"");
    input.resize(input.len() + 51 * 1024 * 1024, b'x');
    input.extend(b"\"}\n");
    input.extend(format!("{}\n", jsonl_record("c", &news(3))).bytes());
    write(dir.path(), "big.jsonl", &input);
    drop(input);

    let run = dyad(dir.path(), &["code", "big.jsonl"], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("dyad: big.jsonl:2: line of"), "{}", run.stderr);
    assert!(run.stderr.contains("50 MiB limit"), "{}", run.stderr);
    assert_eq!(run.summary("documents"), 2);
}

#[test]
fn binary_text_file_is_a_bad_record() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bin.txt", b"Headline\nfine line\n\x00\x01\x02garbage\n");
    write(dir.path(), "ok.txt", news(1));
    let run = dyad(dir.path(), &["code", "bin.txt", "ok.txt"], None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("dyad: bin.txt:3: NUL bytes"), "{}", run.stderr);
    assert_eq!(run.summary("documents"), 1);
}

#[test]
fn missing_input_exits_2_after_coding_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "ok.txt", news(1));
    let run = dyad(dir.path(), &["code", "nope.jsonl", "ok.txt"], None);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("dyad: nope.jsonl: "), "{}", run.stderr);
    assert_eq!(run.summary("documents"), 1);
    assert_jsonl(&run);
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "ok.txt", news(1));
    for args in [
        &["code"][..],
        &["code", "--date", "2022-13-45", "ok.txt"],
        &["code", "--date", "19/07/2022", "ok.txt"],
        &["code", "--format", "xml", "ok.txt"],
        &["frobnicate"],
    ] {
        let run = dyad(dir.path(), args, None);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn help_and_version() {
    let dir = tempfile::tempdir().unwrap();
    let run = dyad(dir.path(), &["code", "--help"], None);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("50 MiB"), "the size limit is documented");
    assert!(run.stdout.contains("Exit status"));
    let run = dyad(dir.path(), &["--version"], None);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with("dyad "));
    let run = dyad(dir.path(), &["help"], None);
    assert!(run.stdout.contains("code"));
}

#[test]
fn directory_inputs_are_read_recursively_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write(&corpus, "z.txt", news(5));
    write(&corpus, "a.txt", news(1));
    write(&corpus, "sub/deeper/c.txt", news(4));
    write(
        &corpus,
        "sub/b.jsonl",
        format!("{}\n{}\n", jsonl_record("", &news(2)), serde_json::json!({"text": news(3)})),
    );
    write(&corpus, "sub/notes.md", "not an input");
    let run = dyad(dir.path(), &["code", "-f", "explain", "corpus"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.explain_ids(), ["a.txt", "sub/b.jsonl:1", "sub/b.jsonl:2", "sub/deeper/c.txt", "z.txt"]);
    assert_eq!(run.summary("documents"), 5);
}

#[test]
fn stdin_is_read_as_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let input = format!(
        "{}\n{}\n{}\n",
        serde_json::json!({"text": news(1)}),
        serde_json::json!({"id": 42, "text": news(2), "date": "2021-03-04T05:06:07Z"}),
        serde_json::json!({"id": "t", "title": "A headline", "text": news(3), "date": null}),
    );
    let run = dyad(dir.path(), &["code", "-f", "explain", "--date", "2022-07-19", "-"], Some(input.as_bytes()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.explain_ids(), ["-:1", "42", "t"]);
    assert!(run.stdout.contains("=== -:1 (date 2022-07-19,"), "{}", run.stdout);
    assert!(run.stdout.contains("=== 42 (date 2021-03-04,"), "{}", run.stdout);
    // The title is the first sentence of the document.
    assert!(run.stdout.contains("A headline"), "{}", run.stdout);
}

#[test]
fn output_file_and_formats() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", news(1));

    let run = dyad(dir.path(), &["code", "--output", "out.jsonl", "a.txt"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let written = fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
    let events: Vec<Value> = written.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(events.len(), run.summary("events"));
    assert!(events.iter().all(|e| e["doc_id"] == "a.txt"));

    let run = dyad(dir.path(), &["code", "--format", "tsv", "a.txt"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut lines = run.stdout.lines();
    assert_eq!(
        lines.next(),
        Some(
            "doc_id\tsentence\tdate\tdate_precision\tsource_code\tsource_text\ttarget_code\t\
             target_text\tcameo\troot\tquad_class\tgoldstein\tplover\tmode\treported\t\
             speaker_code\ttrigger\trule\ttext"
        )
    );
    for row in lines {
        assert_eq!(row.split('\t').count(), 19, "{row}");
    }

    let run = dyad(dir.path(), &["code", "--format", "explain", "a.txt"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.explain_ids(), ["a.txt"]);
    // The sentence text is printed (with marks around actors and triggers
    // once the coder finds them, so look for words between them).
    assert!(run.stdout.contains("on Tuesday for talks number 1."), "{}", run.stdout);
}

#[test]
fn non_english_text_is_skipped_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let french = "Le président russe Vladimir Poutine a rencontré mardi à Téhéran son \
                  homologue turc pour discuter des exportations de céréales et de la Syrie.";
    let spanish = "El presidente ruso se reunió el martes en Teherán con su homólogo turco \
                   para hablar de las exportaciones de cereales y de la guerra en Siria.";
    let input =
        format!("{}\n{}\n{}\n", jsonl_record("fr", french), jsonl_record("en", &news(1)), jsonl_record("es", spanish));
    write(dir.path(), "mixed.jsonl", input);
    let run = dyad(dir.path(), &["code", "-f", "explain", "mixed.jsonl"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("dyad: mixed.jsonl:1: skipped"), "{}", run.stderr);
    assert!(run.stderr.contains("French"), "{}", run.stderr);
    assert!(run.stderr.contains("dyad: mixed.jsonl:3: skipped"), "{}", run.stderr);
    assert_eq!(run.explain_ids(), ["en"]);
    assert_eq!(run.summary("skipped"), 2);
    assert_eq!(run.summary("errors"), 0);
}

#[test]
fn output_follows_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let ids: Vec<String> = (0..300).map(|i| format!("d{i:03}")).collect();
    // Reverse-sorted ids, so sorting by id cannot pass for input order, and
    // texts of very different lengths, so threads finish out of order.
    let input: String = ids
        .iter()
        .rev()
        .enumerate()
        .map(|(i, id)| {
            let text = (0..1 + (i * 7) % 23).map(|_| news(i)).collect::<Vec<_>>().join(" ");
            format!("{}\n", jsonl_record(id, &text))
        })
        .collect();
    write(dir.path(), "many.jsonl", input);
    let want: Vec<&str> = ids.iter().rev().map(String::as_str).collect();

    let run = dyad(dir.path(), &["code", "-j", "2", "-f", "explain", "many.jsonl"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.explain_ids(), want);

    let run = dyad(dir.path(), &["code", "-j", "2", "many.jsonl"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut got: Vec<String> = assert_jsonl(&run).iter().map(|e| e["doc_id"].as_str().unwrap().to_string()).collect();
    got.dedup();
    // Every document yields an event from the coder; if one day some do
    // not, the order of the rest must still hold.
    let mut expected: Vec<&str> = want.clone();
    expected.retain(|id| got.iter().any(|g| g == id));
    assert!(!got.is_empty(), "no events coded");
    assert_eq!(got, expected);
}

#[test]
fn broken_pipe_exits_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let input: String = (0..3000).map(|i| format!("{}\n", jsonl_record(&i.to_string(), &news(i)))).collect();
    write(dir.path(), "many.jsonl", input);
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["code", "-f", "explain", "many.jsonl"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout); // like `| head -c 16`
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("Broken pipe") && !stderr.contains("panicked"), "{stderr}");
}

#[test]
fn warnings_do_not_fail_the_run() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("empty")).unwrap();
    let input = format!("{}\n", serde_json::json!({"id": "a", "text": news(1), "date": "July 2022"}));
    let run =
        dyad(dir.path(), &["code", "-f", "explain", "--date", "2022-07-19", "-", "empty"], Some(input.as_bytes()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("dyad: -:1: warning: ignoring date \"July 2022\""), "{}", run.stderr);
    assert!(run.stderr.contains("dyad: empty: warning: no .txt or .jsonl files"), "{}", run.stderr);
    // The unusable date falls back to --date.
    assert!(run.stdout.contains("=== a (date 2022-07-19,"), "{}", run.stdout);
}

#[test]
fn quiet_keeps_errors_only() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "in.jsonl", format!("{}\n[]\n", jsonl_record("a", &news(1))));
    let run = dyad(dir.path(), &["code", "-q", "in.jsonl"], None);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "dyad: in.jsonl:2: expected a JSON object, found an array\n");
}

/// Issue 4: the field's dictionary formats on the command line. The
/// TABARI files here are written for the test (a fictional state, a verb
/// block with its forms, an agent).
#[test]
fn tabari_dictionaries_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "test.actors", "ARNOR [ARN]\nGONDOR [GON]\n");
    write(dir.path(), "test.agents", "SOLDIERS [~MIL]\n");
    write(dir.path(), "test.verbs", "SHELLED [---]\n- $ * + [194]\n");
    write(dir.path(), "in.txt", "Arnor soldiers shelled Gondor.\n");
    let run = dyad(
        dir.path(),
        &[
            "code",
            "in.txt",
            "--no-default-dict",
            "--dict",
            "test.actors",
            "--dict",
            "test.agents",
            "--dict",
            "test.verbs",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let events = assert_jsonl(&run);
    assert_eq!(events.len(), 1, "{}", run.stdout);
    assert_eq!(events[0]["source"]["code"], "ARNMIL");
    assert_eq!(events[0]["target"]["code"], "GON");
    assert_eq!(events[0]["cameo"], "194");
    assert!(events[0]["rule"].as_str().unwrap().starts_with("test.verbs:"));

    // A dictionary error names the file and line, and exits 2.
    write(dir.path(), "bad.verbs", "SHELLED [---]\n- $ * + [194\n");
    let run = dyad(dir.path(), &["code", "in.txt", "--dict", "bad.verbs"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("bad.verbs:2"), "{}", run.stderr);

    // An unknown format is a usage error.
    let run = dyad(dir.path(), &["code", "in.txt", "--dict", "test.verbs", "--dict-format", "cobol"], None);
    assert_eq!(run.code, 2);
}

/// Issue 4: `dyad dict check` reports what a dictionary set cannot do.
#[test]
fn dict_check_reports_unreachable_patterns() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "my.verbs.txt", "190 $ ~attack +\n190 ^xyzzy of +\n");
    let run = dyad(dir.path(), &["dict", "check", "--no-default-dict", "--dict", "my.verbs.txt"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("event rules"), "{}", run.stdout);
    assert!(run.stdout.contains("unreachable patterns: "), "{}", run.stdout);
    // A loading error names its line and exits 2.
    write(dir.path(), "bad.verbs.txt", "190 $ attack +\n");
    let run = dyad(dir.path(), &["dict", "check", "--dict", "bad.verbs.txt"], None);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("bad.verbs.txt:1"), "{}", run.stderr);
}

/// Issue 4: `dyad dict convert` writes dyad's format, which loads back and
/// codes the same event.
#[test]
fn dict_convert_round_trips_tabari_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "test.actors", "ARNOR [ARN]\nGONDOR [GON]\n");
    write(dir.path(), "test.verbs", "SHELLED [---]\n- $ * + [194]\n");
    write(dir.path(), "in.txt", "Arnor shelled Gondor.\n");
    let run = dyad(
        dir.path(),
        &["dict", "convert", "--no-default-dict", "--dict", "test.actors", "--dict", "test.verbs", "-o", "conv"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let verbs = fs::read_to_string(dir.path().join("conv/verbs.txt")).unwrap();
    assert!(verbs.contains("194   $ ~shell"), "{verbs}");
    let run = dyad(
        dir.path(),
        &[
            "code",
            "in.txt",
            "--no-default-dict",
            "--dict",
            "conv/verbs.txt",
            "--dict",
            "conv/organisations.txt",
            "--dict-format",
            "dyad",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let events = assert_jsonl(&run);
    assert_eq!(events.len(), 1, "{}", run.stdout);
    assert_eq!((events[0]["source"]["code"].as_str(), events[0]["cameo"].as_str()), (Some("ARN"), Some("194")));
}
