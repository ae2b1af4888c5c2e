//! [`EventStore`] over dyad's SQLite store (`dyad-store`).
//!
//! A `dyad_store::Store` is one SQLite connection: `Send` but not `Sync`.
//! Requests run on several threads at once, so reads borrow a connection
//! from a small pool of read-only ones (WAL lets them read while a write
//! goes on) and writes take the one writing connection in turn.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use dyad_coder::{Article, Coder};
use dyad_store::{NewArticle, RunInfo, Store};
use dyad_types::{MergedEvent, Mode};

use crate::store::{AggregateKind, AggregateRow, ArticleIn, EventFilter, EventStore, IngestReport, Period, StoreError};

/// Most idle read connections kept open.
const MAX_IDLE_READERS: usize = 8;

/// The SQLite event store, shared by the server's threads.
pub struct SqliteStore {
    path: PathBuf,
    writer: Mutex<Store>,
    readers: Mutex<Vec<Store>>,
    coder: Arc<Coder>,
}

impl SqliteStore {
    /// Opens (or creates) the database at `path`; `coder` codes the
    /// articles posted to `/v1/articles`.
    pub fn open(path: &Path, coder: Arc<Coder>) -> Result<SqliteStore, dyad_store::StoreError> {
        let writer = Store::open(path)?;
        Ok(SqliteStore { path: path.to_path_buf(), writer: Mutex::new(writer), readers: Mutex::new(Vec::new()), coder })
    }

    /// Runs `f` with a read connection from the pool.
    fn read<T>(&self, f: impl FnOnce(&Store) -> dyad_store::Result<T>) -> Result<T, StoreError> {
        let idle = lock(&self.readers)?.pop();
        let reader = match idle {
            Some(reader) => reader,
            None => Store::open_read_only(&self.path).map_err(failed)?,
        };
        let result = f(&reader).map_err(failed);
        let mut idle = lock(&self.readers)?;
        if idle.len() < MAX_IDLE_READERS {
            idle.push(reader);
        }
        result
    }
}

fn lock<T>(m: &Mutex<T>) -> Result<MutexGuard<'_, T>, StoreError> {
    // A panic while holding the lock leaves the connection as SQLite left
    // it (transactions roll back on drop), so the poison can be ignored.
    Ok(m.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
}

fn failed(e: dyad_store::StoreError) -> StoreError {
    match e {
        dyad_store::StoreError::Filter(message) => StoreError::BadInput(message),
        other => StoreError::Failed(other.to_string()),
    }
}

/// The store's filter for the API's.
fn store_filter(f: &EventFilter) -> Result<dyad_store::EventFilter, StoreError> {
    let list = EventFilter::list;
    let quad = list(&f.quad)
        .iter()
        .map(|q| q.parse::<u8>().map_err(|_| StoreError::BadInput(format!("quad {q:?} must be 1, 2, 3 or 4"))))
        .collect::<Result<_, _>>()?;
    let mode = list(&f.mode)
        .iter()
        .map(|m| {
            serde_json::from_value::<Mode>(serde_json::Value::String(m.clone()))
                .map_err(|_| StoreError::BadInput(format!("mode {m:?} is not a mode")))
        })
        .collect::<Result<_, _>>()?;
    Ok(dyad_store::EventFilter {
        actor: list(&f.actor),
        source: list(&f.source),
        target: list(&f.target),
        cameo: list(&f.cameo),
        plover: list(&f.plover),
        quad,
        mode,
        from: f.from.clone(),
        to: f.to.clone(),
        country: list(&f.country),
        text: f.text.clone().filter(|t| !t.trim().is_empty()),
        limit: None,
        offset: 0,
    })
}

impl EventStore for SqliteStore {
    fn events(
        &self,
        filter: &EventFilter,
        offset: usize,
        limit: usize,
        mentions: bool,
    ) -> Result<Vec<MergedEvent>, StoreError> {
        let mut f = store_filter(filter)?;
        f.offset = offset;
        f.limit = Some(limit);
        self.read(|s| if mentions { s.events_with_mentions(&f) } else { s.events(&f) })
    }

    fn event(&self, id: i64) -> Result<Option<MergedEvent>, StoreError> {
        self.read(|s| {
            Ok(match s.event(id)? {
                Some(mut event) => {
                    event.mentions = s.mentions(id)?;
                    Some(event)
                }
                None => None,
            })
        })
    }

    fn aggregate(
        &self,
        filter: &EventFilter,
        kind: AggregateKind,
        by: Period,
        max_rows: usize,
    ) -> Result<Vec<AggregateRow>, StoreError> {
        let f = store_filter(filter)?;
        let period = match by {
            Period::Day => dyad_store::Period::Day,
            Period::Week => dyad_store::Period::Week,
            Period::Month => dyad_store::Period::Month,
        };
        self.read(|s| {
            Ok(match kind {
                AggregateKind::Timeline => s
                    .count_by(&f, period)?
                    .into_iter()
                    .map(|r| AggregateRow {
                        key: r.period,
                        events: r.events,
                        mentions: Some(r.mentions),
                        goldstein: Some(r.goldstein),
                    })
                    .collect(),
                AggregateKind::QuadClass => s
                    .quad_counts(&f)?
                    .into_iter()
                    .map(|r| AggregateRow {
                        key: r.quad_class.map_or_else(|| "none".to_string(), |q| q.to_string()),
                        events: r.events,
                        mentions: Some(r.mentions),
                        goldstein: Some(r.goldstein),
                    })
                    .collect(),
                AggregateKind::TopActors => s
                    .top_actors(&f, max_rows)?
                    .into_iter()
                    .map(|r| AggregateRow { key: r.actor, events: r.events, mentions: None, goldstein: None })
                    .collect(),
                AggregateKind::TopDyads => s
                    .top_dyads(&f, max_rows)?
                    .into_iter()
                    .map(|r| AggregateRow {
                        key: format!("{}>{}", r.source, r.target),
                        events: r.events,
                        mentions: Some(r.mentions),
                        goldstein: None,
                    })
                    .collect(),
            })
        })
    }

    fn ingest(&self, articles: Vec<ArticleIn>) -> Result<IngestReport, StoreError> {
        let received = articles.len();
        let mut coded = Vec::with_capacity(received);
        for a in articles {
            let text = Article::document_text(a.title.as_deref(), &a.text);
            let id = dyad_store::article_id(a.id.as_deref(), &text);
            let date = a.date.as_deref().and_then(crate::code::date_part);
            let article = Article { id: id.clone(), text, date: date.clone() };
            let result = self.coder.code(&article);
            coded.push(NewArticle {
                sentences: result.sentences.iter().map(|s| (s.index, s.text.clone())).collect(),
                events: result.events,
                id,
                url: a.url,
                source_name: a.source,
                title: a.title.filter(|t| !t.trim().is_empty()),
                date,
                text: article.text,
                store_text: true,
            });
        }
        let info = RunInfo {
            dyad_version: env!("CARGO_PKG_VERSION").to_string(),
            dict_fingerprint: self.coder.dictionaries().fingerprint.clone(),
            command: "serve".to_string(),
        };
        let mut writer = lock(&self.writer)?;
        let run = writer.begin_run(&info).map_err(failed)?;
        let report = writer.ingest(run, &coded).map_err(failed)?;
        Ok(IngestReport { articles: received, stored: report.stored, mentions: report.mentions })
    }

    fn delete_article(&self, id: &str) -> Result<bool, StoreError> {
        let mut writer = lock(&self.writer)?;
        let report = writer.delete_articles(&[id.to_string()]).map_err(failed)?;
        Ok(report.deleted > 0)
    }
}
