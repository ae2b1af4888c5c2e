//! Writes `tests/data/schema_v1.sqlite`, the schema version 1 compatibility
//! fixture, from the synthetic corpus in `tests/common/mod.rs`.
//!
//! Run once, with the version 1 schema, and commit the file; never
//! regenerate it with a later schema (its point is to be old):
//!
//! ```text
//! cargo run -p dyad-store --example make_v1_fixture
//! ```

#[path = "../tests/common/mod.rs"]
mod common;

use dyad_store::{RunInfo, Store};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    assert_eq!(dyad_store::SCHEMA_VERSION, 1, "the fixture must be written by schema version 1");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/schema_v1.sqlite");
    let _ = std::fs::remove_file(path);
    let mut store = Store::open(path)?;
    let run = store.begin_run(&RunInfo { dyad_version: "fixture".into(), dict_fingerprint: "v1".into(), command: "fixture".into() })?;
    store.ingest(run, &common::corpus_v1())?;
    // One file, no WAL beside it.
    store.checkpoint()?;
    drop(store);
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{path}{suffix}"));
    }
    println!("wrote {path}");
    Ok(())
}
