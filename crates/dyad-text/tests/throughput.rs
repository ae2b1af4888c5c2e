//! Throughput of sentence splitting + tokenisation on real news text.
//!
//! Ignored by default (it needs the shared benchmark data and a release
//! build to mean anything). Run with:
//!
//! ```text
//! cargo test --release -p dyad-text --test throughput -- --ignored --nocapture
//! ```

use std::time::Instant;

const DATA: &str = "/work/shared/data/news_bench";

fn texts(file: &str) -> Option<Vec<String>> {
    let data = std::fs::read_to_string(format!("{DATA}/{file}")).ok()?;
    let texts = data
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text")?.as_str().map(str::to_owned))
        .collect();
    Some(texts)
}

fn measure(file: &str) {
    let Some(texts) = texts(file) else {
        eprintln!("{file}: not found, skipped");
        return;
    };
    let bytes: usize = texts.iter().map(String::len).sum();
    // Warm-up pass, also the reference counts for the timed passes.
    let count = |texts: &[String]| -> (usize, usize) {
        let (mut s, mut t) = (0, 0);
        for text in texts {
            for sent in dyad_text::analyze(text) {
                s += 1;
                t += sent.tokens.len();
            }
        }
        (s, t)
    };
    let want = count(&texts);
    assert!(want.0 > 0 && want.1 > want.0);
    let rounds = 10;
    let t0 = Instant::now();
    for _ in 0..rounds {
        assert_eq!(count(&texts), want);
    }
    let secs = t0.elapsed().as_secs_f64();
    let mbs = (bytes * rounds) as f64 / secs / 1e6;
    eprintln!(
        "{file}: {} docs, {bytes} bytes, {} sentences, {} tokens; {rounds} rounds in {secs:.3}s = {mbs:.1} MB/s",
        texts.len(),
        want.0,
        want.1
    );
}

#[test]
#[ignore]
fn throughput() {
    measure("guardian_sdf_sample.jsonl");
    measure("muc4_docs.jsonl");
}
