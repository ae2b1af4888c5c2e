//! How re-merging scales when every article reports under one merge key
//! (the worst case: each batch recomputes that key's events from all its
//! stored mentions).
//!
//! ```text
//! cargo run --release -p dyad-store --example bench_hot_key -- [ARTICLES] [scattered|ordered]
//! ```
//!
//! Ingests ARTICLES (default 20,000) synthetic articles in batches of 64,
//! each with one `USAGOV -> RUSGOV 042` mention dated on one of 2,000 days,
//! into a fresh database, and prints the time per 5,000 articles as the key
//! grows. `scattered` (default) sends the days in random order (a historical
//! backfill: each batch re-merges from its earliest day on, so most of the
//! key); `ordered` sends them in date order, as a daily news feed arrives
//! (each batch re-merges only its last days).

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;

use dyad_store::{RunInfo, Store};
use dyad_types::Mode;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let total: usize = std::env::args().nth(1).map(|a| a.parse()).transpose()?.unwrap_or(20_000);
    let ordered = std::env::args().nth(2).as_deref() == Some("ordered");
    let dir = std::env::temp_dir().join(format!("dyad-hot-key-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let mut store = Store::open(dir.join("hot.sqlite"))?;
    let run = store.begin_run(&RunInfo {
        dyad_version: "bench".into(),
        dict_fingerprint: "-".into(),
        command: "bench".into(),
    })?;
    let started = Instant::now();
    let mut last = Instant::now();
    for start in (0..total).step_by(64) {
        let batch: Vec<_> = (start..(start + 64).min(total))
            .map(|i| {
                // Over ~5.5 years, scattered or in order.
                let day = if ordered { i * 2000 / total } else { (i * 7919) % 2000 };
                // 28-day months, so that day order is date order.
                let date = format!("{}-{:02}-{:02}", 2015 + day / 336, 1 + day % 336 / 28, 1 + day % 28);
                let id = format!("h{i}");
                let e = common::event(&id, 0, "USAGOV", Some("RUSGOV"), "042", None, None, Mode::Asserted);
                common::article(&id, Some("Wire"), &date, None, vec![e])
            })
            .collect();
        store.ingest(run, &batch)?;
        if (start + 64) % 5_000 < 64 {
            println!("{:>6} articles: last 5,000 in {:.2} s", start + 64, last.elapsed().as_secs_f64());
            last = Instant::now();
        }
    }
    let stats = store.stats()?;
    println!(
        "{total} articles, {} events in {:.2} s ({:.0} articles/s)",
        stats.events,
        started.elapsed().as_secs_f64(),
        total as f64 / started.elapsed().as_secs_f64()
    );
    drop(store);
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
