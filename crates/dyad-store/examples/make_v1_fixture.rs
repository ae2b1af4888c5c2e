//! Writes `tests/data/schema_v1.sqlite`, the schema version 1 compatibility
//! fixture, from the synthetic corpus in `tests/common/mod.rs`.
//!
//! Run once, with the version 1 schema (commit 1dc64e4 and until schema
//! version 2), and commit the file; never regenerate it with a later schema
//! (its point is to be old):
//!
//! ```text
//! cargo run -p dyad-store --example make_v1_fixture
//! ```

#[path = "../tests/common/mod.rs"]
mod common;

use dyad_store::{RunInfo, Store};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    if dyad_store::SCHEMA_VERSION != 1 {
        // The fixture is the first schema's file; this build writes a later
        // one. Check out the commit that added the fixture to rebuild it.
        eprintln!(
            "make_v1_fixture: this build writes schema version {}, not 1; the fixture must stay as it is",
            dyad_store::SCHEMA_VERSION
        );
        std::process::exit(2);
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/schema_v1.sqlite");
    let _ = std::fs::remove_file(path);
    let mut store = Store::open(path)?;
    let run = store.begin_run(&RunInfo {
        dyad_version: "fixture".into(),
        dict_fingerprint: "v1".into(),
        command: "fixture".into(),
    })?;
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
