//! Export throughput: events per second for each format, on synthetic
//! merged events derived from really coded text.
//!
//! ```sh
//! cargo run --release -p dyad-export --example export_bench [-- EVENTS]
//! ```
//!
//! The repository's `examples/article.txt` is coded with the default
//! dictionaries; its events, each given two mentions (two outlets), are
//! cycled with fresh ids and dates spread over a year (in date order, as a
//! store query sorted by date gives them) until EVENTS (default 100,000)
//! have been written. Output goes to files in the system temp folder, so
//! the figures include real file I/O. Each run checks what it wrote (line
//! counts, Parquet row counts) so a fast but wrong writer fails.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::time::Instant;

use dyad_coder::{Article, Coder};
use dyad_export::{export, Destination, ExportOptions, Format};
use dyad_types::{Mention, MergedEvent};

fn main() {
    let n: usize = std::env::args().nth(1).map(|s| s.parse().expect("EVENTS is a number")).unwrap_or(100_000);
    let pool = coded_pool();
    assert!(!pool.is_empty(), "the example article codes no events");
    let dir = std::env::temp_dir().join(format!("dyad-export-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp folder");
    println!("{n} merged events (2 mentions each) cycled from {} coded events of examples/article.txt", pool.len());
    println!("{:<22} {:>9} {:>14} {:>12}", "format", "seconds", "events/s", "output MB");
    let runs: [(&str, Format, bool, &str); 6] = [
        ("gdelt", Format::Gdelt, false, "events.tsv"),
        ("gdelt-mentions", Format::GdeltMentions, false, "mentions.tsv"),
        ("plover", Format::Plover, false, "events.jsonl"),
        ("csv", Format::Csv, false, "events.csv"),
        ("parquet", Format::Parquet, false, "events.parquet"),
        ("parquet --partition", Format::Parquet, true, "partitions"),
    ];
    // What producing the owned events alone costs, to read the rows below
    // against.
    let start = Instant::now();
    let made = synthetic(&pool, n).filter(|e| e.as_ref().is_ok_and(|e| e.id >= 0)).count();
    assert_eq!(made, n);
    let secs = start.elapsed().as_secs_f64();
    println!("{:<22} {secs:>9.3} {:>14.0} {:>12}", "(making events only)", n as f64 / secs, "-");
    for (name, format, partition, file) in runs {
        let path = dir.join(file);
        let events = synthetic(&pool, n);
        let options = ExportOptions { partition_by_date: partition };
        let start = Instant::now();
        let report = export(format, events, Destination::Path(path.clone()), &options).expect("export");
        let secs = start.elapsed().as_secs_f64();
        assert_eq!(report.written as usize, n, "{name}: {:?}", report.failures.first());
        check(format, partition, &path, n);
        let mb = size(&path) as f64 / 1e6;
        println!("{name:<22} {secs:>9.3} {:>14.0} {mb:>12.1}", n as f64 / secs);
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// The example article's events as merged events with two mentions each.
fn coded_pool() -> Vec<MergedEvent> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/article.txt");
    let text = std::fs::read_to_string(&root).expect("examples/article.txt");
    let coder = Coder::with_default_dictionaries().expect("default dictionaries");
    let article = Article { id: "article".into(), text: text.clone(), date: Some("2022-07-20".into()) };
    coder
        .code(&article)
        .events
        .into_iter()
        .map(|event| {
            let mention = |outlet: &str| Mention {
                event_id: 0,
                article_id: format!("{outlet}-article"),
                url: Some(format!("https://{outlet}.example/2022/07/20/putin-tehran")),
                source_name: Some(outlet.to_string()),
                article_date: Some("2022-07-20".into()),
                date_added: "2026-11-29T10:57:38Z".into(),
                doc_len: text.chars().count(),
                event: event.clone(),
            };
            MergedEvent {
                id: 0,
                date_added: "2026-11-29T10:57:38Z".into(),
                num_mentions: 2,
                num_sources: 2,
                num_articles: 2,
                mentions: vec![mention("reuters"), mention("bbc")],
                event,
            }
        })
        .collect()
}

/// `n` events cycled from `pool`, with ids 0.. and dates over 2022 in
/// order (a clone per event, as a store hands out owned events).
fn synthetic(pool: &[MergedEvent], n: usize) -> impl Iterator<Item = Result<MergedEvent, String>> + '_ {
    (0..n).map(move |i| {
        let mut e = pool[i % pool.len()].clone();
        e.id = i as i64;
        let day = i * 365 / n;
        let (month, dom) = month_day(day);
        e.event.date = Some(format!("2022-{month:02}-{dom:02}"));
        Ok(e)
    })
}

fn month_day(day_of_year: usize) -> (usize, usize) {
    const LENGTHS: [usize; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut d = day_of_year;
    for (m, len) in LENGTHS.iter().enumerate() {
        if d < *len {
            return (m + 1, d + 1);
        }
        d -= len;
    }
    (12, 31)
}

fn check(format: Format, partition: bool, path: &Path, n: usize) {
    let lines = || BufReader::new(File::open(path).unwrap()).lines().count();
    match format {
        Format::Gdelt | Format::Plover => assert_eq!(lines(), n),
        Format::GdeltMentions => assert_eq!(lines(), 2 * n),
        Format::Csv => assert_eq!(lines(), n + 1),
        Format::Parquet => {
            let files: Vec<PathBuf> = if partition {
                std::fs::read_dir(path)
                    .unwrap()
                    .flat_map(|d| std::fs::read_dir(d.unwrap().path()).unwrap())
                    .map(|f| f.unwrap().path())
                    .collect()
            } else {
                vec![path.to_path_buf()]
            };
            let rows: i64 = files
                .iter()
                .map(|f| {
                    let reader = parquet::file::reader::SerializedFileReader::new(File::open(f).unwrap()).unwrap();
                    parquet::file::reader::FileReader::metadata(&reader).file_metadata().num_rows()
                })
                .sum();
            assert_eq!(rows as usize, n);
        }
    }
}

fn size(path: &Path) -> u64 {
    if path.is_dir() {
        std::fs::read_dir(path).unwrap().map(|e| size(&e.unwrap().path())).sum()
    } else {
        std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
    }
}
