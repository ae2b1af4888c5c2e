//! The database schema and its migrations.
//!
//! The schema version lives in SQLite's `PRAGMA user_version`. `MIGRATIONS`
//! holds one step per version: step `i` takes a database from version `i`
//! to `i + 1` (step 0 creates the schema in an empty file). `migrate` runs
//! the missing steps, each in its own transaction, when a store is opened,
//! so a database written by any earlier dyad opens with a newer one. A
//! database from a newer dyad is refused rather than misread.
//!
//! Rules for future versions: append a step, never edit a released one;
//! add columns with defaults rather than rename them; and keep the version 1
//! fixture (`tests/data/schema_v1.sqlite`) opening in the tests.

use rusqlite::Connection;

use crate::StoreError;

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Step `i` migrates a database from version `i` to version `i + 1`.
const MIGRATIONS: &[&str] = &[V1, V2];

/// Version 1: articles, mentions, merged events, sentence search, runs and
/// settings.
const V1: &str = r#"
-- Settings of the store as a whole (`merge` = on|off, `created_by`).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per coding run (ingest or recode): which dyad and which
-- dictionaries coded the mentions that point at it.
CREATE TABLE runs (
    id               INTEGER PRIMARY KEY,
    dyad_version     TEXT NOT NULL,
    dict_fingerprint TEXT NOT NULL,
    command          TEXT NOT NULL,
    started_at       TEXT NOT NULL
);

-- One row per stored article. `id` is the input's id or, when it had none,
-- `sha256:` and the first 32 hex digits of the text's SHA-256.
CREATE TABLE articles (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    url          TEXT,
    source_name  TEXT,
    title        TEXT,
    date         TEXT,
    text         TEXT,            -- NULL when stored with --no-store-text
    doc_len      INTEGER NOT NULL,
    minhash      BLOB NOT NULL,    -- near-duplicate signature of the body
    ingested_at  TEXT NOT NULL,
    run_id       INTEGER NOT NULL
);
CREATE INDEX articles_content_hash ON articles(content_hash);

-- One row per coded event of an article (a report of an event).
CREATE TABLE mentions (
    id            INTEGER PRIMARY KEY,
    article_seq   INTEGER NOT NULL,
    ordinal       INTEGER NOT NULL, -- index among the article's events
    sentence      INTEGER NOT NULL,
    merge_key     TEXT NOT NULL,    -- source|target|root|mode
    cameo         TEXT NOT NULL,
    day           TEXT,             -- event day, else publication day
    place_country TEXT,
    event_id      INTEGER,          -- the merged event
    run_id        INTEGER NOT NULL,
    ingested_at   TEXT NOT NULL,
    event_json    TEXT NOT NULL,    -- the dyad_types::Event as coded
    UNIQUE (article_seq, ordinal)
);
CREATE INDEX mentions_merge_key ON mentions(merge_key);
CREATE INDEX mentions_event ON mentions(event_id);

-- One row per merged event; the columns are the representative mention's.
CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    merge_key      TEXT NOT NULL,
    source_code    TEXT NOT NULL,
    source_country TEXT,
    target_code    TEXT,
    target_country TEXT,
    cameo          TEXT NOT NULL,
    root           TEXT,
    quad_class     INTEGER,
    goldstein      REAL,
    plover         TEXT,
    mode           TEXT NOT NULL,
    date           TEXT,
    place_country  TEXT,
    lat            REAL,
    lon            REAL,
    num_mentions   INTEGER NOT NULL,
    num_sources    INTEGER NOT NULL,
    num_articles   INTEGER NOT NULL,
    date_added     TEXT NOT NULL,
    rep_mention    INTEGER NOT NULL
);
CREATE INDEX events_merge_key ON events(merge_key);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_source_code ON events(source_code);
CREATE INDEX events_target_code ON events(target_code);
CREATE INDEX events_source_country ON events(source_country);
CREATE INDEX events_target_country ON events(target_country);
CREATE INDEX events_cameo ON events(cameo);
CREATE INDEX events_place_country ON events(place_country);

-- Full-text search over every sentence of every article; the rowid is
-- (article seq << 20) | sentence index.
CREATE VIRTUAL TABLE sentence_fts USING fts5(text);

INSERT INTO meta (key, value) VALUES ('merge', 'on');
"#;

/// Version 2: re-merging reads a merge key's mentions from a day on
/// (`write::recompute`), so mentions are indexed by key and day.
const V2: &str = r#"
CREATE INDEX mentions_merge_key_day ON mentions(merge_key, day);
DROP INDEX mentions_merge_key;
"#;

/// Brings the database to [`SCHEMA_VERSION`]. `shown` names the database in
/// errors.
pub(crate) fn migrate(conn: &mut Connection, shown: &str) -> Result<(), StoreError> {
    let found: u32 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew { path: shown.to_string(), found, supported: SCHEMA_VERSION });
    }
    for (step, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", step as u32 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
