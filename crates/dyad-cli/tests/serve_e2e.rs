//! `dyad serve` end to end: the real binary on a free loopback port over a
//! store made by `dyad ingest`, driven in Debian's headless Chromium by
//! web/e2e/run.mjs (playwright-core). Screenshots of each view are saved in
//! target/e2e-screenshots/.
//!
//! Skips with a message when node, the npm packages (`npm ci --prefix
//! web/e2e`) or /usr/bin/chromium are missing; .ci/run installs them.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

fn node_works() -> bool {
    Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Why the browser test cannot run here, if it cannot.
fn missing() -> Option<String> {
    if !node_works() {
        return Some("node is not installed".into());
    }
    if !repo().join("web/e2e/node_modules/playwright-core").is_dir() {
        return Some("playwright-core is not installed (npm ci --prefix web/e2e)".into());
    }
    if !chromium().exists() {
        return Some(format!("{} is missing (apt-get install chromium)", chromium().display()));
    }
    None
}

/// A running `dyad serve`, stopped when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `dyad serve` on port 0 and reads the address it bound from its
/// first line on stderr.
fn start_server(db: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(db)
        .env("DYAD_WRITE_TOKEN", "e2e-token")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dyad serve starts");
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("dyad: serving ") {
                let url = rest.split_whitespace().next().unwrap_or("").trim_end_matches('/').to_string();
                let _ = tx.send(url);
            }
        }
    });
    let url = rx.recv_timeout(Duration::from_secs(60)).expect("dyad serve prints its address");
    Server { child, url }
}

#[test]
fn the_web_ui_in_headless_chromium() {
    if let Some(why) = missing() {
        eprintln!("skipping the browser test: {why}");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("events.sqlite");
    let articles = repo().join("crates/dyad-server/tests/data/articles.jsonl");
    let ingest = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .arg("ingest")
        .arg(&articles)
        .arg("--db")
        .arg(&db)
        .arg("--quiet")
        .output()
        .unwrap();
    assert!(ingest.status.success(), "dyad ingest: {}", String::from_utf8_lossy(&ingest.stderr));

    let server = start_server(&db);
    let shots = repo().join("target/e2e-screenshots");
    let started = Instant::now();
    let run = Command::new("node")
        .arg(repo().join("web/e2e/run.mjs"))
        .arg(&server.url)
        .arg(&shots)
        .env("CHROMIUM", chromium())
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let out: Value = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
        panic!("run.mjs printed no JSON ({e}): {stdout}\nstderr: {}", String::from_utf8_lossy(&run.stderr))
    });
    eprintln!("browser run took {:.1} s; screenshots in {}", started.elapsed().as_secs_f64(), shots.display());
    assert!(out["failure"].is_null(), "the browser run failed: {}", out["failure"]);
    assert_eq!(out["errors"], Value::Array(vec![]), "the page logged errors");

    // Explain: every event of the API is on the page, and the highlighted
    // words are the actors and triggers the API gives, although astral
    // characters before them make UTF-16 and code-point offsets differ.
    let api = out["api"].as_array().unwrap();
    assert!(api.len() >= 2, "{api:?}");
    assert_eq!(out["explain"]["events"].as_u64().unwrap() as usize, api.len());
    let marked = |role: &str| -> Vec<String> {
        out["explain"][role].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect()
    };
    for event in api {
        assert!(
            marked("triggers").contains(&event["trigger"].as_str().unwrap().to_string()),
            "trigger {} not highlighted: {:?}",
            event["trigger"],
            marked("triggers")
        );
        assert!(
            marked("sources").contains(&event["source"].as_str().unwrap().to_string()),
            "source {} not highlighted: {:?}",
            event["source"],
            marked("sources")
        );
    }
    let names = out["explain"]["codeNames"].as_array().unwrap();
    for (event, name) in api.iter().zip(names) {
        let name = name.as_str().unwrap();
        assert!(name.starts_with(event["cameo"].as_str().unwrap()) && name.len() > 5, "code name {name}");
    }
    assert!(out["explain"]["rules"].as_array().unwrap().iter().all(|r| r.as_str().unwrap().contains("verbs.txt:")));
    assert!(out["explain"]["focused"].as_u64().unwrap() >= 2, "clicking an event outlines its spans");
    assert_eq!(out["upload"]["title"], "Israel strikes Gaza", "an uploaded file's first line is its headline");
    assert!(out["upload"]["text"].as_str().unwrap().starts_with("Israeli aircraft"));
    assert!(out["upload"]["triggers"].as_array().unwrap().iter().any(|t| t == "struck"), "{}", out["upload"]);

    // Explore: the timeline has a bar per week from the first to the last
    // stored week, the network has edges in more than one quad-class
    // colour, the map has countries and places, and a place leads to an
    // event and its mentions with their sentences.
    let keys = out["timeline"]["keys"].as_array().unwrap();
    assert_eq!(keys.first().unwrap(), "2024-03-04");
    assert_eq!(keys.last().unwrap(), "2024-06-24");
    assert_eq!(keys.len(), 17, "every week from 4 March to 24 June");
    assert_eq!(out["timeline"]["goldsteinBars"].as_u64().unwrap() as usize, keys.len());
    assert!(out["timeline"]["negativeBars"].as_u64().unwrap() >= 1, "conflict weeks have negative Goldstein sums");
    assert!(out["network"]["edges"].as_u64().unwrap() >= 5);
    assert!(out["network"]["colours"].as_array().unwrap().len() >= 2);
    assert!(out["map"]["countries"].as_u64().unwrap() > 150, "the base map is drawn");
    let places: Vec<&str> = out["map"]["places"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    assert!(
        places.iter().any(|p| p.starts_with("Kharkiv")) && places.iter().any(|p| p.starts_with("Nairobi")),
        "{places:?}"
    );
    assert!(out["placeEvents"].as_u64().unwrap() >= 1);
    assert!(out["mentions"]["count"].as_u64().unwrap() >= 1);
    assert!(!out["mentions"]["sentences"][0].as_str().unwrap().is_empty());
    assert_eq!(out["emptyFilter"], "0 events");
    // The Russia → Ukraine dyad: only the March Kharkiv shelling weeks.
    let dyad_keys = out["dyad"]["keys"].as_array().unwrap();
    assert_eq!(dyad_keys.first().unwrap(), "2024-03-04", "{}", out["dyad"]);
    assert!(dyad_keys.len() < keys.len(), "the dyad's timeline is narrower: {}", out["dyad"]);
    assert!(!out["dyad"]["status"].as_str().unwrap().starts_with("22 "), "{}", out["dyad"]);
    for view in ["explain", "timeline", "network", "map", "mentions", "dyad-timeline"] {
        let png = shots.join(format!("{view}.png"));
        let size = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
        assert!(size > 10_000, "{} is missing or blank ({size} bytes)", png.display());
    }
}

#[test]
fn the_ui_helpers_pass_their_node_tests() {
    if !node_works() {
        eprintln!("skipping the UI unit tests: node is not installed");
        return;
    }
    let run = Command::new("node").arg("--test").arg(repo().join("web/e2e/unit.test.mjs")).output().unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "node --test web/e2e/unit.test.mjs failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout.contains("# fail 0"), "{stdout}");
}
