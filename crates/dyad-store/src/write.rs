//! Writing: ingest, recode (replace mentions), delete, and re-merging the
//! events those touch.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use dyad_types::Event;
use rusqlite::{params, OptionalExtension, Transaction};

use crate::identity::{content_hash, day_number, day_string, minhash, minhash_bytes, minhash_from_bytes, now_rfc3339};
use crate::merge::{cluster, effective_day, merge_key, MentionRow, DAY_WINDOW};
use crate::{Result, RunId, Store};

/// Sentence indices are packed into FTS rowids as `(seq << 20) | index`.
const SENTENCE_BITS: u32 = 20;

/// A coded article to store.
#[derive(Debug, Clone)]
pub struct NewArticle {
    /// The store id: see [`crate::article_id`]. The events' `doc_id` should
    /// be the same.
    pub id: String,
    /// Address of the article, when known.
    pub url: Option<String>,
    /// The outlet, when known (counts distinct sources).
    pub source_name: Option<String>,
    /// The headline, when given apart from the text.
    pub title: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The document text as coded (title + "\n\n" + body when there is a
    /// title).
    pub text: String,
    /// Keep the text in the store (needed for `recode`).
    pub store_text: bool,
    /// The document's sentences, `(index, text)`, for text search.
    pub sentences: Vec<(usize, String)>,
    /// The events coded from it, in document order.
    pub events: Vec<Event>,
}

impl NewArticle {
    /// The text without its headline, for near-duplicate detection: outlets
    /// retitle syndicated copies.
    fn body(&self) -> &str {
        match &self.title {
            Some(title) => {
                self.text.strip_prefix(title.as_str()).and_then(|rest| rest.strip_prefix("\n\n")).unwrap_or(&self.text)
            }
            None => &self.text,
        }
    }
}

/// What [`Store::ingest`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IngestReport {
    /// Articles stored.
    pub stored: usize,
    /// Articles skipped because they were already stored.
    pub skipped: usize,
    /// Mentions stored.
    pub mentions: usize,
}

/// What [`Store::delete_articles`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeleteReport {
    /// Articles deleted.
    pub deleted: usize,
    /// Ids that name no stored article.
    pub missing: Vec<String>,
    /// Mentions deleted with them.
    pub mentions: usize,
    /// Events before and after (the difference is what the articles alone
    /// supported, net of events split or joined by the re-merge).
    pub events_before: u64,
    /// See `events_before`.
    pub events_after: u64,
}

/// An article coded again ([`Store::replace_mentions`]).
#[derive(Debug, Clone)]
pub struct Recoded {
    /// The store id of the article.
    pub id: String,
    /// Its sentences, `(index, text)`.
    pub sentences: Vec<(usize, String)>,
    /// Its events as now coded.
    pub events: Vec<Event>,
}

/// A stored article, as recoding needs it.
#[derive(Debug, Clone)]
pub struct StoredArticle {
    /// Row number, for paging ([`Store::stored_articles`]).
    pub seq: i64,
    /// The store id.
    pub id: String,
    /// Publication date.
    pub date: Option<String>,
    /// The headline, when stored apart.
    pub title: Option<String>,
    /// The text, or None when it was not stored.
    pub text: Option<String>,
}

impl Store {
    /// Of `ids`, those already stored.
    pub fn stored_ids<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?;
        let mut found = Vec::new();
        for id in ids {
            if stmt.exists([id])? {
                found.push(id.to_string());
            }
        }
        Ok(found)
    }

    /// Stores a batch of coded articles in one transaction, skipping those
    /// already stored (by id), and re-merges the events they touch.
    pub fn ingest(&mut self, run: RunId, articles: &[NewArticle]) -> Result<IngestReport> {
        let now = now_rfc3339();
        let tx = self.conn.transaction()?;
        let mut report = IngestReport::default();
        let mut changes = Changes::new();
        for article in articles {
            let inserted = tx.prepare_cached(
                "INSERT OR IGNORE INTO articles (id, content_hash, url, source_name, title, date, text, doc_len, minhash, ingested_at, run_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                article.id,
                content_hash(&article.text),
                article.url,
                article.source_name,
                article.title,
                article.date,
                article.store_text.then_some(article.text.as_str()),
                article.text.chars().count() as i64,
                minhash_bytes(&minhash(article.body())),
                now,
                run.0,
            ])?;
            if inserted == 0 {
                report.skipped += 1;
                continue;
            }
            let seq = tx.last_insert_rowid();
            report.stored += 1;
            report.mentions += insert_coded(
                &tx,
                seq,
                article.date.as_deref(),
                article.store_text,
                &article.sentences,
                &article.events,
                run,
                &now,
                &mut changes,
            )?;
        }
        recompute(&tx, &changes, self.merge)?;
        tx.commit()?;
        Ok(report)
    }

    /// A page of stored articles in storage order, after row `after_seq`
    /// (start with 0), at most `limit`.
    pub fn stored_articles(&self, after_seq: i64, limit: usize) -> Result<Vec<StoredArticle>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT seq, id, date, title, text FROM articles WHERE seq > ?1 ORDER BY seq LIMIT ?2")?;
        let rows = stmt.query_map(params![after_seq, limit as i64], |r| {
            Ok(StoredArticle { seq: r.get(0)?, id: r.get(1)?, date: r.get(2)?, title: r.get(3)?, text: r.get(4)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Replaces the mentions (and sentences) of stored articles with newly
    /// coded ones, in one transaction, and re-merges the events touched
    /// before and after. Unknown ids are ignored. Returns the number of
    /// mentions stored.
    pub fn replace_mentions(&mut self, run: RunId, coded: &[Recoded]) -> Result<usize> {
        let now = now_rfc3339();
        let tx = self.conn.transaction()?;
        let mut changes = Changes::new();
        let mut stored = 0;
        for Recoded { id, sentences, events } in coded {
            let Some((seq, date, has_text)) = tx
                .query_row("SELECT seq, date, text IS NOT NULL FROM articles WHERE id = ?1", [id], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, bool>(2)?))
                })
                .optional()?
            else {
                continue;
            };
            collect_changes(&tx, seq, &mut changes)?;
            remove_coded(&tx, seq)?;
            tx.execute("UPDATE articles SET run_id = ?1 WHERE seq = ?2", params![run.0, seq])?;
            stored += insert_coded(&tx, seq, date.as_deref(), has_text, sentences, events, run, &now, &mut changes)?;
        }
        recompute(&tx, &changes, self.merge)?;
        tx.commit()?;
        Ok(stored)
    }

    /// Deletes articles by id with their mentions and sentences, in one
    /// transaction; events only they supported disappear and the others
    /// are re-merged and recounted.
    pub fn delete_articles(&mut self, ids: &[String]) -> Result<DeleteReport> {
        let tx = self.conn.transaction()?;
        let mut report = DeleteReport {
            events_before: tx.query_row("SELECT count(*) FROM events", [], |r| r.get::<_, i64>(0))? as u64,
            ..DeleteReport::default()
        };
        let mut changes = Changes::new();
        for id in ids {
            let seq: Option<i64> =
                tx.query_row("SELECT seq FROM articles WHERE id = ?1", [id], |r| r.get(0)).optional()?;
            let Some(seq) = seq else {
                report.missing.push(id.clone());
                continue;
            };
            collect_changes(&tx, seq, &mut changes)?;
            report.mentions += remove_coded(&tx, seq)?;
            tx.execute("DELETE FROM articles WHERE seq = ?1", [seq])?;
            report.deleted += 1;
        }
        recompute(&tx, &changes, self.merge)?;
        report.events_after = tx.query_row("SELECT count(*) FROM events", [], |r| r.get::<_, i64>(0))? as u64;
        tx.commit()?;
        Ok(report)
    }
}

/// Inserts an article's mentions and sentences; adds their merge keys to
/// `keys`. Returns the number of mentions.
#[allow(clippy::too_many_arguments)]
fn insert_coded(
    tx: &Transaction,
    seq: i64,
    article_date: Option<&str>,
    all_sentences: bool,
    sentences: &[(usize, String)],
    events: &[Event],
    run: RunId,
    now: &str,
    changes: &mut Changes,
) -> Result<usize> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO mentions (article_seq, ordinal, sentence, merge_key, cameo, day, place_country, run_id, ingested_at, event_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (ordinal, event) in events.iter().enumerate() {
        let key = merge_key(event);
        let day = effective_day(event, article_date);
        changes.entry(key.clone()).or_default().touch(day.as_deref());
        insert.execute(params![
            seq,
            ordinal as i64,
            event.sentence as i64,
            key,
            event.cameo,
            day,
            event.location.as_ref().and_then(|l| l.country.as_deref()),
            run.0,
            now,
            serde_json::to_string(event)?,
        ])?;
    }
    // Without stored text only the sentences that carry events are
    // searchable: their text is in the mentions anyway.
    let mut fts = tx.prepare_cached("INSERT INTO sentence_fts (rowid, text) VALUES (?1, ?2)")?;
    for (index, text) in sentences {
        if *index >= 1 << SENTENCE_BITS {
            continue;
        }
        if !all_sentences && !events.iter().any(|e| e.sentence == *index) {
            continue;
        }
        fts.execute(params![seq << SENTENCE_BITS | *index as i64, text])?;
    }
    Ok(events.len())
}

/// What a write changed under one merge key, so that re-merging reads only
/// what it must.
#[derive(Debug, Default)]
pub(crate) struct Change {
    /// Recompute every mention of the key.
    pub full: bool,
    /// An undated mention was added or removed.
    pub undated: bool,
    /// The earliest day (number) of a dated mention added or removed.
    pub from_day: Option<i64>,
    /// Events that lost mentions.
    pub removed_from: BTreeSet<i64>,
}

impl Change {
    fn touch(&mut self, day: Option<&str>) {
        match day.and_then(day_number) {
            Some(d) => self.from_day = Some(self.from_day.map_or(d, |f| f.min(d))),
            None => self.undated = true,
        }
    }
}

/// Changes by merge key.
pub(crate) type Changes = BTreeMap<String, Change>;

/// Records the merge keys, days and events of an article's mentions before
/// they are removed.
fn collect_changes(tx: &Transaction, seq: i64, changes: &mut Changes) -> Result<()> {
    let mut stmt = tx.prepare_cached("SELECT merge_key, day, event_id FROM mentions WHERE article_seq = ?1")?;
    let rows = stmt.query_map([seq], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, Option<i64>>(2)?))
    })?;
    for row in rows {
        let (key, day, event) = row?;
        let change = changes.entry(key).or_default();
        change.touch(day.as_deref());
        change.removed_from.extend(event);
    }
    Ok(())
}

/// Deletes an article's mentions and sentences; returns the mentions
/// deleted.
fn remove_coded(tx: &Transaction, seq: i64) -> Result<usize> {
    let mentions = tx.execute("DELETE FROM mentions WHERE article_seq = ?1", [seq])?;
    tx.execute(
        "DELETE FROM sentence_fts WHERE rowid >= ?1 AND rowid < ?2",
        params![seq << SENTENCE_BITS, (seq + 1) << SENTENCE_BITS],
    )?;
    Ok(mentions)
}

/// Largest event id: ids are 53-bit so JavaScript numbers hold them.
const ID_MASK: u64 = (1 << 53) - 1;

/// The id of an event whose representative is mention `ordinal` of article
/// `article_id`: FNV-1a of the two, masked to 53 bits, never 0.
fn event_id(article_id: &str, ordinal: i64) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in article_id.bytes().chain([0]).chain(ordinal.to_le_bytes()) {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    ((h & ID_MASK).max(1)) as i64
}

/// Recomputes the merged events of the changed merge keys from the stored
/// mentions. Only events whose members, counts or representative changed
/// are rewritten.
///
/// A change at day `d` cannot alter events that started before
/// `d - DAY_WINDOW` (they were closed before `d` in the canonical order),
/// so only mentions from that day on are clustered again, less those that
/// belong to such earlier events. Clustering from there on is exactly what
/// a full recomputation gives: mentions of the earlier events never join
/// the later ones. Ingesting news in date order therefore re-merges only
/// the last days of a busy key, not its whole history.
pub(crate) fn recompute(tx: &Transaction, changes: &Changes, merge: bool) -> Result<()> {
    const COLUMNS: &str = "SELECT m.id, a.id, m.ordinal, m.cameo, m.day, m.place_country, a.source_name, a.minhash, m.ingested_at, m.event_id
         FROM mentions m JOIN articles a ON a.seq = m.article_seq";
    let mut select_all = tx.prepare_cached(&format!("{COLUMNS} WHERE m.merge_key = ?1"))?;
    let mut select_undated = tx.prepare_cached(&format!("{COLUMNS} WHERE m.merge_key = ?1 AND m.day IS NULL"))?;
    let mut select_from = tx.prepare_cached(&format!("{COLUMNS} WHERE m.merge_key = ?1 AND m.day >= ?2"))?;
    let mut first_day = tx.prepare_cached("SELECT min(day) FROM mentions WHERE event_id = ?1")?;
    let mut events_of_key = tx.prepare_cached(
        "SELECT id, num_mentions, num_sources, num_articles, rep_mention, date_added FROM events WHERE merge_key = ?1",
    )?;
    let mut event_by_id = tx.prepare_cached(
        "SELECT id, num_mentions, num_sources, num_articles, rep_mention, date_added FROM events WHERE id = ?1 AND merge_key = ?2",
    )?;
    let mut delete = tx.prepare_cached("DELETE FROM events WHERE id = ?1")?;
    let mut taken = tx.prepare_cached("SELECT 1 FROM events WHERE id = ?1")?;
    let mut event_json = tx.prepare_cached("SELECT event_json FROM mentions WHERE id = ?1")?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO events (id, merge_key, source_code, source_country, target_code, target_country, cameo, root,
             quad_class, goldstein, plover, mode, date, place_country, lat, lon, num_mentions, num_sources,
             num_articles, date_added, rep_mention)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
    )?;
    let mut assign = tx.prepare_cached("UPDATE mentions SET event_id = ?1 WHERE id = ?2")?;
    let to_row = |r: &rusqlite::Row| -> rusqlite::Result<MentionRow> {
        Ok(MentionRow {
            id: r.get(0)?,
            article_id: r.get(1)?,
            ordinal: r.get(2)?,
            cameo: r.get(3)?,
            day: r.get(4)?,
            place_country: r.get(5)?,
            source_name: r.get(6)?,
            minhash: minhash_from_bytes(&r.get::<_, Vec<u8>>(7)?),
            ingested_at: r.get(8)?,
            event_id: r.get(9)?,
        })
    };
    type Stored = (i64, i64, i64, i64, String);
    let to_event = |r: &rusqlite::Row| -> rusqlite::Result<(i64, Stored)> {
        Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
    };
    for (key, change) in changes {
        let key = key.as_str();
        // id -> (num_mentions, num_sources, num_articles, rep_mention, date_added)
        let mut existing: HashMap<i64, Stored> = HashMap::new();
        let mut rows: Vec<MentionRow> = Vec::new();
        if change.full {
            rows = select_all.query_map([key], to_row)?.collect::<Result<_, _>>()?;
            existing = events_of_key.query_map([key], to_event)?.collect::<Result<_, _>>()?;
        } else {
            if change.undated {
                rows.extend(select_undated.query_map([key], to_row)?.collect::<Result<Vec<_>, _>>()?);
            }
            if let Some(day) = change.from_day {
                let from = day_string(day - DAY_WINDOW);
                let change_day = day_string(day);
                let dated: Vec<MentionRow> =
                    select_from.query_map(params![key, from], to_row)?.collect::<Result<_, _>>()?;
                // Events that started before `from` are final: leave their
                // mentions out.
                let mut started_before: HashMap<i64, bool> = HashMap::new();
                for row in &dated {
                    if let (Some(event), Some(day)) = (row.event_id, &row.day) {
                        if *day < change_day && !started_before.contains_key(&event) {
                            let first: Option<String> = first_day.query_row([event], |r| r.get(0))?;
                            started_before.insert(event, first.is_some_and(|f| f < from));
                        }
                    }
                }
                rows.extend(
                    dated.into_iter().filter(|r| !r.event_id.is_some_and(|e| started_before.get(&e) == Some(&true))),
                );
            }
            let ids: BTreeSet<i64> =
                rows.iter().filter_map(|r| r.event_id).chain(change.removed_from.iter().copied()).collect();
            for id in ids {
                if let Some((id, stored)) = event_by_id.query_row(params![id, key], to_event).optional()? {
                    existing.insert(id, stored);
                }
            }
        }
        let mut kept: HashSet<i64> = HashSet::new();
        for c in cluster(&mut rows, merge) {
            let rep = &rows[c.representative];
            // A hash collision (about one in 10^5 at a million events)
            // moves to the next free id.
            let mut id = event_id(&rep.article_id, rep.ordinal);
            while kept.contains(&id) || (!existing.contains_key(&id) && taken.exists([id])?) {
                id = (id + 1) & ID_MASK as i64;
            }
            kept.insert(id);
            let now =
                (c.members.len() as i64, c.num_sources as i64, c.num_articles as i64, rep.id, c.date_added.clone());
            let unchanged = existing.get(&id) == Some(&now) && c.members.iter().all(|&m| rows[m].event_id == Some(id));
            if unchanged {
                continue;
            }
            if existing.contains_key(&id) {
                delete.execute([id])?;
            }
            let json: String = event_json.query_row([rep.id], |r| r.get(0))?;
            let event: Event = serde_json::from_str(&json)?;
            let location = event.location.as_ref();
            let target = event.target.as_ref();
            insert.execute(params![
                id,
                key,
                event.source.code,
                event.source.country,
                target.map(|t| t.code.as_str()),
                target.and_then(|t| t.country.as_deref()),
                event.cameo,
                event.root,
                event.quad_class,
                event.goldstein,
                event.plover,
                event.mode.as_str(),
                rep.day,
                location.and_then(|l| l.country.as_deref()),
                location.and_then(|l| l.lat),
                location.and_then(|l| l.lon),
                now.0,
                now.1,
                now.2,
                now.4,
                rep.id,
            ])?;
            for &m in &c.members {
                if rows[m].event_id != Some(id) {
                    assign.execute(params![id, rows[m].id])?;
                }
            }
        }
        for id in existing.keys().filter(|id| !kept.contains(id)) {
            delete.execute([id])?;
        }
    }
    Ok(())
}
