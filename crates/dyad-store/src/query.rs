//! Reading: filtered events, their mentions, and aggregates.
//!
//! Every filter value is bound as an SQL parameter; the SQL text is built
//! only from fixed fragments.

use dyad_types::{Event, Mention, MergedEvent, Mode};
use rusqlite::types::Value;
use serde::Serialize;

use crate::identity::day_number;
use crate::{Result, Store, StoreError};

/// Which events to read. Empty lists and `None` do not filter; values in
/// one list are alternatives (OR); different fields must all hold (AND).
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Actors on either side: an actor code prefix (`RUS` matches
    /// `RUSGOV`) or the actor's country (`RUS` also matches a code whose
    /// country block comes later).
    pub actor: Vec<String>,
    /// Source actor: code prefix or country.
    pub source: Vec<String>,
    /// Target actor: code prefix or country.
    pub target: Vec<String>,
    /// CAMEO codes or roots, matched as prefixes (`19` matches `193`).
    pub cameo: Vec<String>,
    /// PLOVER categories (case-insensitive).
    pub plover: Vec<String>,
    /// Quad classes (1–4).
    pub quad: Vec<u8>,
    /// Modes.
    pub mode: Vec<Mode>,
    /// First day, `YYYY-MM-DD`, inclusive (the event's merge day).
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`, inclusive.
    pub to: Option<String>,
    /// Place countries (CAMEO/ISO alpha-3).
    pub country: Vec<String>,
    /// An SQLite FTS5 query over sentences: events with a mention in a
    /// matching sentence.
    pub text: Option<String>,
    /// At most this many events ([`Store::events`] only).
    pub limit: Option<usize>,
    /// Skip this many events first ([`Store::events`] only).
    pub offset: usize,
}

/// Calendar periods for [`Store::count_by`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// `YYYY-MM-DD`.
    Day,
    /// Weeks from Monday, named by their Monday (`YYYY-MM-DD`).
    Week,
    /// `YYYY-MM`.
    Month,
}

/// Events of one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodCount {
    /// The period's name (see [`Period`]).
    pub period: String,
    /// Merged events.
    pub events: u64,
    /// Their mentions.
    pub mentions: u64,
    /// Sum of the events' Goldstein scores (each event once).
    pub goldstein: f64,
}

/// Events of one quad class.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuadCount {
    /// The quad class, None for codes outside CAMEO.
    pub quad_class: Option<u8>,
    /// Merged events.
    pub events: u64,
    /// Their mentions.
    pub mentions: u64,
    /// Sum of their Goldstein scores.
    pub goldstein: f64,
}

/// Events an actor takes part in (as source or target).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorCount {
    /// Actor code.
    pub actor: String,
    /// Merged events.
    pub events: u64,
}

/// Events of one source–target pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DyadCount {
    /// Source actor code.
    pub source: String,
    /// Target actor code.
    pub target: String,
    /// Merged events.
    pub events: u64,
    /// Their mentions.
    pub mentions: u64,
}

/// The `WHERE` clause (over `events e`) and its parameters.
fn where_clause(f: &EventFilter) -> Result<(String, Vec<Value>)> {
    let mut parts: Vec<String> = vec!["1".into()];
    let mut params: Vec<Value> = Vec::new();
    let text = |s: &str| Value::Text(s.to_string());

    let actor_side = |side: &str, values: &[String], params: &mut Vec<Value>| -> String {
        let alternatives: Vec<String> = values
            .iter()
            .map(|v| {
                params.extend([text(v), text(v), text(v)]);
                format!("(substr(e.{side}_code, 1, length(?)) = ? OR e.{side}_country = ?)")
            })
            .collect();
        alternatives.join(" OR ")
    };
    if !f.actor.is_empty() {
        let source = actor_side("source", &f.actor, &mut params);
        let target = actor_side("target", &f.actor, &mut params);
        parts.push(format!("({source} OR {target})"));
    }
    if !f.source.is_empty() {
        parts.push(format!("({})", actor_side("source", &f.source, &mut params)));
    }
    if !f.target.is_empty() {
        parts.push(format!("({})", actor_side("target", &f.target, &mut params)));
    }
    if !f.cameo.is_empty() {
        let alternatives: Vec<&str> = f
            .cameo
            .iter()
            .map(|c| {
                params.extend([text(c), text(c)]);
                "substr(e.cameo, 1, length(?)) = ?"
            })
            .collect();
        parts.push(format!("({})", alternatives.join(" OR ")));
    }
    let any_of = |column: &str, values: Vec<Value>, params: &mut Vec<Value>| -> String {
        let marks = vec!["?"; values.len()].join(", ");
        params.extend(values);
        format!("{column} IN ({marks})")
    };
    if !f.plover.is_empty() {
        let values = f.plover.iter().map(|p| text(&p.to_uppercase())).collect();
        parts.push(any_of("upper(e.plover)", values, &mut params));
    }
    if !f.quad.is_empty() {
        let values = f.quad.iter().map(|&q| Value::Integer(q as i64)).collect();
        parts.push(any_of("e.quad_class", values, &mut params));
    }
    if !f.mode.is_empty() {
        let values = f.mode.iter().map(|m| text(m.as_str())).collect();
        parts.push(any_of("e.mode", values, &mut params));
    }
    if !f.country.is_empty() {
        let values = f.country.iter().map(|c| text(c)).collect();
        parts.push(any_of("e.place_country", values, &mut params));
    }
    for (bound, op) in [(&f.from, ">="), (&f.to, "<=")] {
        if let Some(day) = bound {
            if day_number(day).is_none() {
                return Err(StoreError::Filter(format!("{day:?} is not a date of the form YYYY-MM-DD")));
            }
            parts.push(format!("e.date {op} ?"));
            params.push(text(day));
        }
    }
    if let Some(query) = &f.text {
        parts.push(
            "e.id IN (SELECT m.event_id FROM mentions m JOIN \
             (SELECT rowid AS r FROM sentence_fts WHERE sentence_fts MATCH ?) s \
             ON m.article_seq = (s.r >> 20) AND m.sentence = (s.r & 1048575))"
                .into(),
        );
        params.push(text(query));
    }
    Ok((parts.join(" AND "), params))
}

/// Turns an FTS5 syntax error into a filter error that says so.
fn text_error(f: &EventFilter, err: rusqlite::Error) -> StoreError {
    match (&f.text, &err) {
        // SQLITE_ERROR (not busy, corrupt, full...) with a text query is
        // the query's syntax.
        (Some(query), rusqlite::Error::SqliteFailure(e, Some(message))) if e.code == rusqlite::ErrorCode::Unknown => {
            StoreError::Filter(format!(
                "text search {query:?}: {message} (the query is SQLite FTS5 syntax; quote phrases with \"...\")"
            ))
        }
        _ => StoreError::Sqlite(err),
    }
}

impl Store {
    /// Merged events matching `filter`, by date then id, without their
    /// mentions (see [`Store::mentions`], [`Store::events_with_mentions`]).
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<MergedEvent>> {
        let (clause, mut params) = where_clause(filter)?;
        let sql = format!(
            "SELECT e.id, e.date_added, e.num_mentions, e.num_sources, e.num_articles, m.event_json
             FROM events e JOIN mentions m ON m.id = e.rep_mention
             WHERE {clause} ORDER BY e.date, e.id LIMIT ? OFFSET ?"
        );
        params.push(Value::Integer(filter.limit.map_or(-1, |l| l as i64)));
        params.push(Value::Integer(filter.offset as i64));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params), |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })
            .map_err(|e| text_error(filter, e))?;
        let mut events = Vec::new();
        for row in rows {
            let (id, date_added, num_mentions, num_sources, num_articles, json) =
                row.map_err(|e| text_error(filter, e))?;
            events.push(MergedEvent {
                id,
                event: serde_json::from_str::<Event>(&json)?,
                date_added,
                num_mentions: num_mentions as u32,
                num_sources: num_sources as u32,
                num_articles: num_articles as u32,
                mentions: Vec::new(),
            });
        }
        Ok(events)
    }

    /// Like [`Store::events`], with every event's mentions filled in.
    pub fn events_with_mentions(&self, filter: &EventFilter) -> Result<Vec<MergedEvent>> {
        let mut events = self.events(filter)?;
        for event in &mut events {
            event.mentions = self.mentions(event.id)?;
        }
        Ok(events)
    }

    /// One merged event by id, with its mentions.
    pub fn event(&self, id: i64) -> Result<Option<MergedEvent>> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT e.date_added, e.num_mentions, e.num_sources, e.num_articles, m.event_json
                 FROM events e JOIN mentions m ON m.id = e.rep_mention WHERE e.id = ?1",
            )?
            .query_row([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, String>(4)?,
                ))
            });
        let (date_added, num_mentions, num_sources, num_articles, json) = match row {
            Ok(row) => row,
            Err(rusqlite::Error::QueryReturnedNoRows) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        Ok(Some(MergedEvent {
            id,
            event: serde_json::from_str(&json)?,
            date_added,
            num_mentions: num_mentions as u32,
            num_sources: num_sources as u32,
            num_articles: num_articles as u32,
            mentions: self.mentions(id)?,
        }))
    }

    /// The mentions of a merged event, in the canonical merge order (day,
    /// article id, position in the article).
    pub fn mentions(&self, event_id: i64) -> Result<Vec<Mention>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.url, a.source_name, a.date, m.ingested_at, a.doc_len, m.event_json
             FROM mentions m JOIN articles a ON a.seq = m.article_seq
             WHERE m.event_id = ?1 ORDER BY m.day, a.id, m.ordinal",
        )?;
        let rows = stmt.query_map([event_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?;
        let mut mentions = Vec::new();
        for row in rows {
            let (article_id, url, source_name, article_date, date_added, doc_len, json) = row?;
            mentions.push(Mention {
                event_id,
                article_id,
                url,
                source_name,
                article_date,
                date_added,
                doc_len: doc_len as usize,
                event: serde_json::from_str(&json)?,
            });
        }
        Ok(mentions)
    }

    /// Events, mentions and Goldstein sums per day, week or month, for the
    /// events matching `filter` that have a date.
    pub fn count_by(&self, filter: &EventFilter, period: Period) -> Result<Vec<PeriodCount>> {
        let (clause, params) = where_clause(filter)?;
        let bucket = match period {
            Period::Day => "e.date",
            // The Monday on or before the date.
            Period::Week => "date(e.date, '-6 days', 'weekday 1')",
            Period::Month => "substr(e.date, 1, 7)",
        };
        let sql = format!(
            "SELECT {bucket} AS p, count(*), sum(e.num_mentions), total(e.goldstein)
             FROM events e WHERE e.date IS NOT NULL AND {clause} GROUP BY p ORDER BY p"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params), |r| {
                Ok(PeriodCount {
                    period: r.get(0)?,
                    events: r.get::<_, i64>(1)? as u64,
                    mentions: r.get::<_, i64>(2)? as u64,
                    goldstein: r.get(3)?,
                })
            })
            .map_err(|e| text_error(filter, e))?;
        rows.collect::<Result<_, _>>().map_err(|e| text_error(filter, e))
    }

    /// Events, mentions and Goldstein sums per quad class.
    pub fn quad_counts(&self, filter: &EventFilter) -> Result<Vec<QuadCount>> {
        let (clause, params) = where_clause(filter)?;
        let sql = format!(
            "SELECT e.quad_class, count(*), sum(e.num_mentions), total(e.goldstein)
             FROM events e WHERE {clause} GROUP BY e.quad_class ORDER BY e.quad_class"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params), |r| {
                Ok(QuadCount {
                    quad_class: r.get::<_, Option<i64>>(0)?.map(|q| q as u8),
                    events: r.get::<_, i64>(1)? as u64,
                    mentions: r.get::<_, i64>(2)? as u64,
                    goldstein: r.get(3)?,
                })
            })
            .map_err(|e| text_error(filter, e))?;
        rows.collect::<Result<_, _>>().map_err(|e| text_error(filter, e))
    }

    /// The `n` actor codes in most events (as source or target), most
    /// first, ties by code.
    pub fn top_actors(&self, filter: &EventFilter, n: usize) -> Result<Vec<ActorCount>> {
        let (clause, params) = where_clause(filter)?;
        let sql = format!(
            "SELECT code, count(*) AS c FROM (
                 SELECT e.id, e.source_code AS code FROM events e WHERE {clause}
                 UNION
                 SELECT e.id, e.target_code AS code FROM events e WHERE e.target_code IS NOT NULL AND {clause})
             GROUP BY code ORDER BY c DESC, code LIMIT ?"
        );
        let mut all = params.clone();
        all.extend(params);
        all.push(Value::Integer(n as i64));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(all), |r| {
                Ok(ActorCount { actor: r.get(0)?, events: r.get::<_, i64>(1)? as u64 })
            })
            .map_err(|e| text_error(filter, e))?;
        rows.collect::<Result<_, _>>().map_err(|e| text_error(filter, e))
    }

    /// The `n` source–target pairs with most events, most first, ties by
    /// codes. Events without a target are left out.
    pub fn top_dyads(&self, filter: &EventFilter, n: usize) -> Result<Vec<DyadCount>> {
        let (clause, mut params) = where_clause(filter)?;
        let sql = format!(
            "SELECT e.source_code, e.target_code, count(*) AS c, sum(e.num_mentions)
             FROM events e WHERE e.target_code IS NOT NULL AND {clause}
             GROUP BY e.source_code, e.target_code ORDER BY c DESC, e.source_code, e.target_code LIMIT ?"
        );
        params.push(Value::Integer(n as i64));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params), |r| {
                Ok(DyadCount {
                    source: r.get(0)?,
                    target: r.get(1)?,
                    events: r.get::<_, i64>(2)? as u64,
                    mentions: r.get::<_, i64>(3)? as u64,
                })
            })
            .map_err(|e| text_error(filter, e))?;
        rows.collect::<Result<_, _>>().map_err(|e| text_error(filter, e))
    }
}
