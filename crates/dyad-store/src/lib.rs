//! The dyad event store: coded articles, their event reports ("mentions")
//! and the real-world events merged from them, in one SQLite file.
//!
//! Analysts count events; news repeats them. One abduction told by 366
//! articles must count once, with 366 mentions. The store keeps every
//! mention (with its article, sentence and spans, as [`dyad_types::Event`])
//! and groups the mentions of one event into a [`MergedEvent`] with
//! GDELT-style counts: `num_mentions`, `num_articles` and `num_sources`.
//!
//! # Overview
//!
//! - [`Store::open`] opens or creates a database (WAL journal, schema
//!   migrated to [`SCHEMA_VERSION`]).
//! - [`Store::begin_run`] records which dyad and which dictionaries are
//!   coding; [`Store::ingest`] stores a batch of coded articles
//!   ([`NewArticle`]) in one transaction and re-merges the events they
//!   touch. Articles already stored (same [`article_id`]) are skipped.
//! - [`Store::replace_mentions`] swaps an article's mentions for new ones
//!   (recoding), [`Store::delete_articles`] removes articles.
//! - [`Store::events`] lists merged events matching an [`EventFilter`];
//!   [`Store::count_by`], [`Store::quad_counts`], [`Store::top_actors`] and
//!   [`Store::top_dyads`] aggregate them.
//!
//! A [`Store`] wraps one SQLite connection: it is `Send` but not `Sync`.
//! Threads that read at the same time open a store each (WAL lets readers
//! run beside the one writer).
//!
//! # Merging
//!
//! Two mentions are reports of one event when
//!
//! 1. they have the same source actor code, the same target actor code (or
//!    both none), the same CAMEO root and the same mode ([`merge_key`]).
//!    Mode is part of the key so a denial ("Russia did not attack") never
//!    adds to the count of a real attack; events of every mode are stored
//!    and `--mode asserted` counts only the asserted ones. Symmetric events
//!    reported with the actors the other way round ("A met B", "B met A")
//!    are not merged;
//! 2. their CAMEO codes are compatible: one refines the other (`19` or
//!    `190` "not specified" and `193`), after trailing "not specified"
//!    zeros are dropped ([`merge::specific_part`]);
//! 3. their days lie within [`merge::DAY_WINDOW`] (1) day of the event's
//!    first mention; a mention's day is its event date when that is a full
//!    day, else the article's publication date ([`merge::effective_day`]);
//!    mentions with neither merge only with each other;
//! 4. their place countries agree: equal, or unknown on either side.
//!
//! The groups are computed from the stored mentions of one merge key at a
//! time, in a canonical order (day, article id, position in the article):
//! each mention joins the first open group it fits, else starts one. The
//! result depends only on the set of stored mentions, never on the order
//! or parallelism of ingest; after every ingest, recode or delete the
//! groups of the merge keys it touched are recomputed, from the earliest
//! day it changed less [`merge::DAY_WINDOW`] on (earlier groups cannot
//! change), which gives exactly what a full recomputation gives. The representative
//! mention, whose codes, actors, date and place stand for the event, is the
//! first in that order among those with the most specific code. An event's
//! id is a hash of its representative mention (article id and position), so
//! it is the same in two stores built from the same articles in any order,
//! and it fits in 53 bits for JavaScript clients.
//!
//! `num_sources` counts outlets: articles with the same `source` name are
//! one source, and so are near-identical texts (syndicated copies) whatever
//! their outlet: the [`minhash`] signatures of the article bodies (without
//! titles) agree in at least [`NEAR_DUPLICATE_SIMILARITY`] of positions,
//! an estimate of the share of three-word shingles they have in common. Copies still count
//! in `num_articles` and `num_mentions`, and their mentions are kept.
//! Articles with no outlet name are each their own source unless they are
//! copies.
//!
//! Merging can be turned off per store ([`Store::set_merge`]); each mention
//! is then its own event.
//!
//! # Schema
//!
//! See [`schema`]: `articles`, `mentions` (one per coded event, with the
//! event JSON), `events` (merged, with the representative's fields as
//! indexed columns), `sentence_fts` (FTS5 over every sentence), `runs`
//! (dyad version and dictionary fingerprint of each coding run; every
//! article and mention points at its run) and `meta` (settings).
//!
//! # Crash safety
//!
//! Every [`Store::ingest`] call is one transaction: an article is stored
//! with all its mentions, sentences and re-merged events, or not at all.
//! A killed process loses at most the batch in flight, and a rerun skips
//! what was committed.

#![deny(missing_docs)]

mod identity;
pub mod merge;
mod query;
pub mod schema;
mod write;

use std::path::Path;

use rusqlite::{Connection, OpenFlags, OptionalExtension};

pub use dyad_types::{Mention, MergedEvent};
pub use identity::{article_id, content_hash, minhash, near_duplicates, MINHASH_LEN, NEAR_DUPLICATE_SIMILARITY};
pub use merge::merge_key;
pub use query::{ActorCount, DyadCount, EventFilter, Period, PeriodCount, QuadCount};
pub use schema::SCHEMA_VERSION;
pub use write::{DeleteReport, IngestReport, NewArticle, Recoded, StoredArticle};

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The database file could not be opened or created.
    #[error("{path}: cannot open the database: {source}")]
    Open {
        /// The database path.
        path: String,
        /// Why.
        source: rusqlite::Error,
    },
    /// The database was written by a newer dyad.
    #[error("{path}: the database has schema version {found}, newer than this dyad supports ({supported}); use a newer dyad")]
    TooNew {
        /// The database path.
        path: String,
        /// The file's schema version.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The file is an SQLite database, but not one of dyad's.
    #[error("{path}: not a dyad event database (it has other tables and no dyad schema version)")]
    NotAStore {
        /// The database path.
        path: String,
    },
    /// An SQLite error.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored event could not be read back.
    #[error("stored event is unreadable: {0}")]
    Json(#[from] serde_json::Error),
    /// A filter value is not valid (a bad date, an FTS5 query SQLite
    /// rejects).
    #[error("{0}")]
    Filter(String),
}

/// Result type of this crate.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Identifies a coding run (see [`Store::begin_run`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunId(pub i64);

/// Which dyad and which dictionaries code a run.
#[derive(Debug, Clone)]
pub struct RunInfo {
    /// The dyad version (`CARGO_PKG_VERSION` of the binary).
    pub dyad_version: String,
    /// The dictionaries' fingerprint (`Dictionaries::fingerprint`).
    pub dict_fingerprint: String,
    /// The command that runs (`ingest`, `recode`).
    pub command: String,
}

/// Row counts of a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct StoreStats {
    /// Stored articles.
    pub articles: u64,
    /// Stored articles whose text was not kept.
    pub articles_without_text: u64,
    /// Stored mentions (coded events of articles).
    pub mentions: u64,
    /// Merged events.
    pub events: u64,
}

/// An event store in one SQLite file: one connection to it.
///
/// # Example
///
/// ```
/// use dyad_store::{EventFilter, RunInfo, Store};
///
/// let mut store = Store::open_in_memory()?;
/// let run = store.begin_run(&RunInfo {
///     dyad_version: "0.1.0".into(),
///     dict_fingerprint: "builtin".into(),
///     command: "example".into(),
/// })?;
/// store.ingest(run, &[])?;
/// assert!(store.events(&EventFilter::default())?.is_empty());
/// # Ok::<(), dyad_store::StoreError>(())
/// ```
pub struct Store {
    conn: Connection,
    merge: bool,
}

impl Store {
    /// Opens the database at `path`, creating it when missing, and migrates
    /// it to [`SCHEMA_VERSION`].
    ///
    /// # Errors
    ///
    /// [`StoreError::Open`] when the file cannot be opened or is not an
    /// SQLite database, [`StoreError::TooNew`] when a newer dyad wrote it.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        let shown = path.display().to_string();
        let conn = Connection::open(path).map_err(|source| StoreError::Open { path: shown.clone(), source })?;
        Store::setup(conn, &shown)
    }

    /// Opens an existing database read-only (for servers and queries). A
    /// database of an older schema is migrated first, which writes.
    ///
    /// # Errors
    ///
    /// As [`Store::open`], and [`StoreError::NotAStore`] for a file that is
    /// no dyad store.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        let shown = path.display().to_string();
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let open_err = |source| StoreError::Open { path: shown.clone(), source };
        let conn = Connection::open_with_flags(path, flags).map_err(open_err)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        let found: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(open_err)?;
        if found == 0 {
            return Err(StoreError::NotAStore { path: shown });
        }
        if found < SCHEMA_VERSION {
            // An older store: migrate it (which needs writing) once.
            drop(conn);
            return Store::open(path);
        }
        if found > SCHEMA_VERSION {
            return Err(StoreError::TooNew { path: shown, found, supported: SCHEMA_VERSION });
        }
        let merge = read_merge(&conn)?;
        Ok(Store { conn, merge })
    }

    /// A store in memory, for tests.
    pub fn open_in_memory() -> Result<Store> {
        Store::setup(Connection::open_in_memory()?, ":memory:")
    }

    fn setup(mut conn: Connection, shown: &str) -> Result<Store> {
        let open_err = |source| StoreError::Open { path: shown.to_string(), source };
        conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(open_err)?;
        // WAL: readers never block the writer, and a commit is one append,
        // which keeps per-batch commits cheap. NORMAL synchronous is durable
        // against process crashes (the WAL is written before commit
        // returns); only a power cut can lose the last commits.
        let _: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).map_err(open_err)?;
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(open_err)?;
        // Re-merging reads every mention of a merge key; a 64 MiB page
        // cache (instead of 2 MiB) keeps busy keys in memory.
        conn.pragma_update(None, "cache_size", -65_536).map_err(open_err)?;
        let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(open_err)?;
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0)).map_err(open_err)?;
        if version == 0 && tables > 0 {
            // Someone else's database: never write dyad's tables into it.
            return Err(StoreError::NotAStore { path: shown.to_string() });
        }
        schema::migrate(&mut conn, shown)?;
        conn.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('created_by', ?1)",
            [format!("dyad-store {}", env!("CARGO_PKG_VERSION"))],
        )?;
        let merge = read_merge(&conn)?;
        Ok(Store { conn, merge })
    }

    /// Whether mentions are merged into events (the default) or each
    /// mention is its own event.
    pub fn merging(&self) -> bool {
        self.merge
    }

    /// Turns merging on or off for this store and, when that changes it,
    /// recomputes every event.
    pub fn set_merge(&mut self, merge: bool) -> Result<()> {
        if merge == self.merge {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('merge', ?1)",
            [if merge { "on" } else { "off" }],
        )?;
        let keys: Vec<String> = {
            let mut stmt = tx.prepare("SELECT DISTINCT merge_key FROM mentions ORDER BY merge_key")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        let changes: write::Changes =
            keys.into_iter().map(|key| (key, write::Change { full: true, ..Default::default() })).collect();
        write::recompute(&tx, &changes, merge)?;
        tx.commit()?;
        self.merge = merge;
        Ok(())
    }

    /// Records the start of a coding run; the mentions stored with the
    /// returned id carry its dyad version and dictionary fingerprint.
    pub fn begin_run(&mut self, info: &RunInfo) -> Result<RunId> {
        self.conn.execute(
            "INSERT INTO runs (dyad_version, dict_fingerprint, command, started_at) VALUES (?1, ?2, ?3, ?4)",
            (&info.dyad_version, &info.dict_fingerprint, &info.command, identity::now_rfc3339()),
        )?;
        Ok(RunId(self.conn.last_insert_rowid()))
    }

    /// The run a stored mention's article was last coded by, as
    /// `(dyad_version, dict_fingerprint)`, or None for an unknown article.
    pub fn article_run(&self, article_id: &str) -> Result<Option<(String, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT r.dyad_version, r.dict_fingerprint FROM articles a JOIN runs r ON r.id = a.run_id WHERE a.id = ?1",
                [article_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// The run that coded a merged event's representative mention, as
    /// `(dyad_version, dict_fingerprint)`, or None for an unknown event.
    pub fn event_run(&self, event_id: i64) -> Result<Option<(String, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT r.dyad_version, r.dict_fingerprint FROM events e JOIN mentions m ON m.id = e.rep_mention
                 JOIN runs r ON r.id = m.run_id WHERE e.id = ?1",
                [event_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Row counts.
    pub fn stats(&self) -> Result<StoreStats> {
        let count = |sql: &str| -> Result<u64> { Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64) };
        Ok(StoreStats {
            articles: count("SELECT count(*) FROM articles")?,
            articles_without_text: count("SELECT count(*) FROM articles WHERE text IS NULL")?,
            mentions: count("SELECT count(*) FROM mentions")?,
            events: count("SELECT count(*) FROM events")?,
        })
    }

    /// Copies the write-ahead log into the database file and empties it
    /// (`PRAGMA wal_checkpoint(TRUNCATE)`), so the file alone holds
    /// everything (before copying it, for instance).
    pub fn checkpoint(&self) -> Result<()> {
        let _: (i64, i64, i64) =
            self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(())
    }

    /// Runs `PRAGMA integrity_check` and returns its first line (`ok` for a
    /// sound database).
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}

fn read_merge(conn: &Connection) -> Result<bool> {
    let value: Option<String> =
        conn.query_row("SELECT value FROM meta WHERE key = 'merge'", [], |r| r.get(0)).optional()?;
    Ok(value.as_deref() != Some("off"))
}
