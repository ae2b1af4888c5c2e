//! The Parquet export read by real outside readers: pyarrow, pandas
//! and DuckDB, all from PyPI (`.ci/run` installs them). Each test
//! skips with a message when python3 or the package is missing.
//!
//! The Python side prints what it read as JSON; the assertions are here.

use std::path::Path;
use std::process::Command;

use dyad_types::MergedEvent;
use serde_json::Value;

use crate::test_support::coded_events;
use crate::{export, Destination, ExportOptions, Format, PartitionedParquetWriter, UNKNOWN_DATE_PARTITION};

/// Runs `script` with `args` under python3 if `module` imports; None (and a
/// message) when it cannot.
fn python(module: &str, script: &str, args: &[&Path]) -> Option<Value> {
    let probe = Command::new("python3").args(["-c", &format!("import {module}")]).output();
    match probe {
        Ok(out) if out.status.success() => {}
        Ok(_) => {
            eprintln!("SKIPPED: python3 has no `{module}` (python3 -m pip install {module})");
            return None;
        }
        Err(e) => {
            eprintln!("SKIPPED: python3 not found ({e})");
            return None;
        }
    }
    let out = Command::new("python3").arg("-c").arg(script).args(args).output().expect("python3 runs");
    assert!(out.status.success(), "{module} failed to read the export:\n{}", String::from_utf8_lossy(&out.stderr));
    Some(serde_json::from_slice(&out.stdout).expect("the script prints JSON"))
}

/// The test events, one without a date, written as a file and as a
/// partitioned folder.
fn write_both(dir: &Path) -> (Vec<MergedEvent>, std::path::PathBuf, std::path::PathBuf) {
    let mut events = coded_events();
    events[0].event.date = None;
    let file = dir.join("events.parquet");
    let folder = dir.join("events");
    for (dest, partition) in [(&file, false), (&folder, true)] {
        let items = events.iter().cloned().map(Ok::<_, String>);
        let options = ExportOptions { partition_by_date: partition };
        let report = export(Format::Parquet, items, Destination::Path(dest.clone()), &options).unwrap();
        assert_eq!(report.written as usize, events.len());
    }
    (events, file, folder)
}

/// The partition date of each event as the readers should see it: the
/// day, or `unknown`.
fn expected_partition_dates(events: &[MergedEvent]) -> Vec<(i64, String)> {
    let mut dates: Vec<(i64, String)> = events
        .iter()
        .map(|e| {
            let key = PartitionedParquetWriter::partition_of(e).unwrap();
            (e.id, key.trim_start_matches("date=").to_string())
        })
        .collect();
    dates.sort();
    assert!(dates.iter().any(|(_, d)| d == UNKNOWN_DATE_PARTITION), "the tests need an undated event");
    dates
}

const PYARROW_SCRIPT: &str = r#"
import json, sys
import pyarrow.parquet as pq
t = pq.read_table(sys.argv[1])
rows = t.to_pylist()
p = pq.read_table(sys.argv[2])  # a folder: Hive partitions are discovered
print(json.dumps({
    "rows": t.num_rows,
    "columns": t.column_names,
    "types": {f.name: str(f.type) for f in t.schema},
    "ids": [r["id"] for r in rows],
    "cameo": [r["cameo"] for r in rows],
    "event_date": [None if r["event_date"] is None else r["event_date"].isoformat() for r in rows],
    "date_added": [r["date_added"].isoformat() for r in rows],
    "mention_urls": [[m["url"] for m in r["mentions"]] for r in rows],
    "part_rows": p.num_rows,
    "part_columns": p.column_names,
    "part_dates": sorted([r["id"], str(r["date"])] for r in p.select(["id", "date"]).to_pylist()),
}))
"#;

#[test]
fn pyarrow_reads_the_file_and_the_partitioned_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (events, file, folder) = write_both(dir.path());
    let Some(v) = python("pyarrow", PYARROW_SCRIPT, &[&file, &folder]) else { return };
    assert_eq!(v["rows"], events.len());
    let columns: Vec<&str> = v["columns"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    let schema = crate::arrow_schema();
    let want: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    assert_eq!(columns, want);
    assert_eq!(v["types"]["event_date"], "date32[day]");
    assert_eq!(v["types"]["date_added"], "timestamp[us, tz=UTC]");
    assert!(v["types"]["mentions"].as_str().unwrap().starts_with("list<item: struct<article_id: string"));
    for (i, m) in events.iter().enumerate() {
        assert_eq!(v["ids"][i], m.id);
        assert_eq!(v["cameo"][i], m.event.cameo.as_str());
        assert_eq!(v["event_date"][i].as_str(), m.event.date.as_deref());
        assert_eq!(v["date_added"][i], "2026-11-29T10:57:38+00:00");
        let urls: Vec<&str> = m.mentions.iter().map(|x| x.url.as_deref().unwrap()).collect();
        assert_eq!(v["mention_urls"][i], serde_json::json!(urls));
    }
    // The folder reads as one table, with `date` from the folder names.
    assert_eq!(v["part_rows"], events.len());
    let part_columns = v["part_columns"].as_array().unwrap();
    assert!(part_columns.iter().any(|c| c == "date") && part_columns.iter().any(|c| c == "mentions"));
    assert_eq!(v["part_dates"], serde_json::json!(expected_partition_dates(&events)));
}

const DUCKDB_SCRIPT: &str = r#"
import json, sys
import duckdb
con = duckdb.connect()
f, d = sys.argv[1], sys.argv[2]
n, mentions = con.execute(f"select count(*), sum(len(mentions)) from read_parquet('{f}')").fetchone()
root = con.execute(f"select cameo, place_name, mentions[1].url from read_parquet('{f}') where cameo = '042'").fetchone()
parts = con.execute(
    f"select id, cast(date as varchar) from read_parquet('{d}/*/*.parquet', hive_partitioning = true) order by id"
).fetchall()
print(json.dumps({"rows": n, "mentions": int(mentions), "visit": list(root) if root else None,
                  "part_dates": [list(p) for p in parts]}))
"#;

#[test]
fn duckdb_reads_the_file_and_the_partitioned_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (events, file, folder) = write_both(dir.path());
    let Some(v) = python("duckdb", DUCKDB_SCRIPT, &[&file, &folder]) else { return };
    assert_eq!(v["rows"], events.len());
    assert_eq!(v["mentions"], events.iter().map(|e| e.mentions.len()).sum::<usize>());
    let visit = crate::test_support::find_event(&events, "042");
    let place = visit.event.location.as_ref().map(|l| l.name.as_str());
    assert_eq!(v["visit"], serde_json::json!(["042", place, visit.mentions[0].url]));
    assert_eq!(v["part_dates"], serde_json::json!(expected_partition_dates(&events)));
}

const PANDAS_SCRIPT: &str = r#"
import json, sys
import pandas as pd
df = pd.read_parquet(sys.argv[1])
parts = pd.read_parquet(sys.argv[2])
print(json.dumps({
    "rows": len(df),
    "columns": list(df.columns),
    "mentions_per_row": [len(m) for m in df["mentions"]],
    "goldstein": [None if pd.isna(g) else float(g) for g in df["goldstein"]],
    "part_rows": len(parts),
    "part_dates": sorted([int(i), str(d)] for i, d in zip(parts["id"], parts["date"])),
}))
"#;

#[test]
fn pandas_reads_the_file_and_the_partitioned_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (events, file, folder) = write_both(dir.path());
    let Some(v) = python("pandas", PANDAS_SCRIPT, &[&file, &folder]) else { return };
    assert_eq!(v["rows"], events.len());
    assert_eq!(v["columns"].as_array().unwrap().len(), crate::arrow_schema().fields().len());
    let mentions: Vec<usize> = events.iter().map(|e| e.mentions.len()).collect();
    assert_eq!(v["mentions_per_row"], serde_json::json!(mentions));
    let goldstein: Vec<Option<f64>> = events.iter().map(|e| e.event.goldstein).collect();
    assert_eq!(v["goldstein"], serde_json::json!(goldstein));
    assert_eq!(v["part_rows"], events.len());
    assert_eq!(v["part_dates"], serde_json::json!(expected_partition_dates(&events)));
}
