//! What the API needs from an event store, and the handlers that use it.
//!
//! The handlers speak to the store through [`EventStore`], a narrow trait
//! with the four operations the API offers (page through merged events,
//! aggregate them, ingest articles, delete an article). The SQLite store of
//! `dyad-store` implements it (see `sqlite.rs`); tests can implement it in
//! memory. All SQL lives in the store: the API passes typed filters, never
//! strings to splice into a statement.
//!
//! Store calls block (SQLite), so they run on tokio's blocking pool.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::Json;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use dyad_types::MergedEvent;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::error::{ApiError, ErrorCode};
use crate::extract::{ApiJson, ApiQuery};
use crate::AppState;

/// Filters over merged events, as given in the query string; the same
/// filters as `dyad query`, under the same names. Lists are
/// comma-separated; values in one list are alternatives, different
/// parameters must all hold.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
pub struct EventFilter {
    /// Actors on either side: code prefixes (`RUS`, `USAGOV`) or countries.
    pub actor: Option<String>,
    /// Source actors: code prefixes or countries.
    pub source: Option<String>,
    /// Target actors: code prefixes or countries.
    pub target: Option<String>,
    /// CAMEO codes or roots, as prefixes (`19` matches `190`–`196`).
    pub cameo: Option<String>,
    /// PLOVER categories (`ASSAULT`).
    pub plover: Option<String>,
    /// Quad classes, 1–4.
    pub quad: Option<String>,
    /// Modes: asserted, negated, intended, hypothetical.
    pub mode: Option<String>,
    /// First day, `YYYY-MM-DD`, inclusive.
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`, inclusive.
    pub to: Option<String>,
    /// Countries (alpha-3) of the event's place.
    pub country: Option<String>,
    /// Full-text search over the sentences (SQLite FTS5 syntax).
    pub text: Option<String>,
}

impl EventFilter {
    /// The comma-separated values of a list parameter, trimmed, without
    /// empty items.
    pub fn list(value: &Option<String>) -> Vec<String> {
        value.as_deref().unwrap_or("").split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
    }

    /// Checks the values that have a fixed form, so a typo is a
    /// `bad_request` naming the parameter rather than an empty result.
    pub fn validate(&self) -> Result<(), ApiError> {
        for q in EventFilter::list(&self.quad) {
            if !matches!(q.as_str(), "1" | "2" | "3" | "4") {
                return Err(ApiError::bad_request(format!("quad {q:?} must be 1, 2, 3 or 4")));
            }
        }
        for m in EventFilter::list(&self.mode) {
            if !matches!(m.as_str(), "asserted" | "negated" | "intended" | "hypothetical") {
                return Err(ApiError::bad_request(format!(
                    "mode {m:?} must be asserted, negated, intended or hypothetical"
                )));
            }
        }
        for c in EventFilter::list(&self.cameo) {
            if !(2..=4).contains(&c.len()) || !c.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ApiError::bad_request(format!("cameo {c:?} is not a CAMEO code or root (2–4 digits)")));
            }
        }
        for (name, value) in [("from", &self.from), ("to", &self.to)] {
            if let Some(date) = value {
                if crate::code::date_part(date).as_deref() != Some(date.as_str()) {
                    return Err(ApiError::bad_request(format!("{name} {date:?} is not a YYYY-MM-DD date")));
                }
            }
        }
        Ok(())
    }
}

/// Which aggregate to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AggregateKind {
    /// Event counts and Goldstein sums per period (`by`).
    Timeline,
    /// Event counts per quad class.
    QuadClass,
    /// The actors in most events.
    TopActors,
    /// The (source, target) pairs in most events.
    TopDyads,
}

/// The period of a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Day,
    #[default]
    Week,
    Month,
}

/// One row of an aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AggregateRow {
    /// The period (`2024-05-06` for a day or the Monday of a week,
    /// `2024-05` for a month), the quad class (`"1"`, or `"none"` for codes
    /// outside CAMEO), the actor code, or `SOURCE>TARGET` for a dyad.
    pub key: String,
    /// Merged events.
    pub events: u64,
    /// Their mentions, when the aggregate counts them.
    pub mentions: Option<u64>,
    /// Sum of their Goldstein scores, when the aggregate sums them.
    pub goldstein: Option<f64>,
}

/// One article to ingest: the JSON Lines record of `dyad code` input.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleIn {
    #[serde(default)]
    pub id: Option<String>,
    pub text: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
}

/// What an ingest did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IngestReport {
    /// Articles received.
    pub articles: usize,
    /// Articles stored (the others were already in the store).
    pub stored: usize,
    /// Event mentions coded from the stored articles.
    pub mentions: usize,
}

/// Why a store call failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The caller's input cannot be used (a bad filter value, a bad article).
    #[error("{0}")]
    BadInput(String),
    /// The store failed.
    #[error("{0}")]
    Failed(String),
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match e {
            StoreError::BadInput(m) => ApiError::bad_request(m),
            StoreError::Failed(m) => ApiError::internal(format!("store: {m}")),
        }
    }
}

/// The operations of an event store that the API offers.
pub trait EventStore: Send + Sync + 'static {
    /// Merged events matching `filter` in a stable order (the store's:
    /// date, then id), skipping `offset`, at most `limit`, with their
    /// mentions when `mentions` is true.
    fn events(
        &self,
        filter: &EventFilter,
        offset: usize,
        limit: usize,
        mentions: bool,
    ) -> Result<Vec<MergedEvent>, StoreError>;

    /// One merged event with all its mentions, or None.
    fn event(&self, id: i64) -> Result<Option<MergedEvent>, StoreError>;

    /// The rows of an aggregate over the events matching `filter`, in a
    /// stable order (periods ascending; counts descending), at most
    /// `max_rows` of them for the top lists.
    fn aggregate(
        &self,
        filter: &EventFilter,
        kind: AggregateKind,
        by: Period,
        max_rows: usize,
    ) -> Result<Vec<AggregateRow>, StoreError>;

    /// Codes and stores articles; an article already stored is skipped.
    fn ingest(&self, articles: Vec<ArticleIn>) -> Result<IngestReport, StoreError>;

    /// Deletes an article with its mentions and the events only it
    /// supported. False when there is no such article.
    fn delete_article(&self, id: &str) -> Result<bool, StoreError>;
}

/// Default and largest page sizes.
pub const DEFAULT_LIMIT: usize = 100;
pub const MAX_LIMIT: usize = 1000;

/// Opaque cursors: base64url of `o<offset>` (aggregate rows) or
/// `e<offset>.<id>` (events: the offset of the next page and the id of the
/// last event before it). Clients must not build them; the format may
/// change.
fn encode_cursor(kind: char, offset: usize, last_id: Option<i64>) -> String {
    let text = match last_id {
        Some(id) => format!("{kind}{offset}.{id}"),
        None => format!("{kind}{offset}"),
    };
    URL_SAFE_NO_PAD.encode(text)
}

/// The offset and (for events) the last id of a cursor.
fn decode_cursor(cursor: &str, kind: char) -> Result<(usize, Option<i64>), ApiError> {
    let bad = || ApiError::bad_request("`cursor` is not a cursor this endpoint returned");
    let bytes = URL_SAFE_NO_PAD.decode(cursor.trim()).map_err(|_| bad())?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    let rest = text.strip_prefix(kind).ok_or_else(bad)?;
    let (offset, id) = match rest.split_once('.') {
        Some((offset, id)) => (offset, Some(id.parse::<i64>().map_err(|_| bad())?)),
        None => (rest, None),
    };
    Ok((offset.parse::<usize>().map_err(|_| bad())?, id))
}

fn page_size(limit: Option<usize>) -> Result<usize, ApiError> {
    match limit {
        None => Ok(DEFAULT_LIMIT),
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        Some(n) => Err(ApiError::bad_request(format!("limit {n} must be between 1 and {MAX_LIMIT}"))),
    }
}

fn store_of(state: &AppState) -> Result<Arc<dyn EventStore>, ApiError> {
    state.inner.store.clone().ok_or_else(|| {
        ApiError::new(ErrorCode::NoStore, "this server has no event store (start it with `dyad serve --db PATH`)")
    })
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::internal(format!("store task failed: {e}")))?
        .map_err(ApiError::from)
}

/// Query string of `GET /v1/events`.
#[derive(Debug, Deserialize)]
pub struct EventsQuery {
    #[serde(flatten)]
    pub filter: EventFilter,
    pub mentions: Option<bool>,
    pub limit: Option<usize>,
    pub cursor: Option<String>,
}

/// `GET /v1/events`.
///
/// Pages are offsets into the store's stable order (date, then id). To
/// make sure no event is skipped or repeated when the store changes
/// between two pages, the cursor remembers the id of the last event
/// served: the next page is read from one event earlier, and if that event
/// is no longer the same the client gets `stale_cursor` (409) and starts
/// again, instead of a silently shifted page.
pub async fn events(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<Vec<(String, String)>>,
) -> Result<Json<Value>, ApiError> {
    let query: EventsQuery = parse_query(query, &["mentions", "limit", "cursor"])?;
    query.filter.validate()?;
    let limit = page_size(query.limit)?;
    let (offset, last_id) = match query.cursor.as_deref() {
        Some(c) => decode_cursor(c, 'e')?,
        None => (0, None),
    };
    let store = store_of(&state)?;
    let filter = query.filter.clone();
    let mentions = query.mentions.unwrap_or(false);
    let overlap = usize::from(last_id.is_some() && offset > 0);
    // The overlap event, the page, and one more to tell whether another
    // page follows.
    let mut events = blocking(move || store.events(&filter, offset - overlap, limit + 1 + overlap, mentions)).await?;
    if overlap == 1 {
        if events.first().map(|e| e.id) != last_id {
            return Err(ApiError::new(
                ErrorCode::StaleCursor,
                "the store changed since the previous page was served; start again without a cursor",
            ));
        }
        events.remove(0);
    }
    let next = if events.len() > limit {
        events.truncate(limit);
        Some(encode_cursor('e', offset + limit, events.last().map(|e| e.id)))
    } else {
        None
    };
    Ok(Json(json!({ "events": events, "next_cursor": next })))
}

/// `GET /v1/events/{id}`: one event with every mention.
pub async fn event(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<MergedEvent>, ApiError> {
    let id: i64 = id.parse().map_err(|_| ApiError::bad_request(format!("event id {id:?} is not a number")))?;
    let store = store_of(&state)?;
    blocking(move || store.event(id))
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("no event with id {id}")))
}

/// Query string of `GET /v1/aggregates`.
#[derive(Debug, Deserialize)]
pub struct AggregatesQuery {
    #[serde(flatten)]
    pub filter: EventFilter,
    pub kind: AggregateKind,
    #[serde(default)]
    pub by: Period,
    pub limit: Option<usize>,
    pub cursor: Option<String>,
}

/// `GET /v1/aggregates`.
pub async fn aggregates(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<Vec<(String, String)>>,
) -> Result<Json<Value>, ApiError> {
    let query: AggregatesQuery = parse_query(query, &["kind", "by", "limit", "cursor"])?;
    query.filter.validate()?;
    let limit = page_size(query.limit)?;
    let offset = match query.cursor.as_deref() {
        Some(c) => decode_cursor(c, 'o')?.0,
        None => 0,
    };
    let store = store_of(&state)?;
    let (filter, kind, by) = (query.filter.clone(), query.kind, query.by);
    let max_rows = offset.saturating_add(limit).saturating_add(1);
    let rows = blocking(move || store.aggregate(&filter, kind, by, max_rows)).await?;
    let end = rows.len().min(offset.saturating_add(limit));
    let page: Vec<AggregateRow> = rows.get(offset..end).map(<[_]>::to_vec).unwrap_or_default();
    let next = (end < rows.len()).then(|| encode_cursor('o', end, None));
    Ok(Json(json!({ "kind": kind, "by": by, "rows": page, "next_cursor": next })))
}

/// Parses a query string into `T`, naming unknown parameters. Filters and
/// paging parameters live in two structs (one flattened into the other),
/// and serde cannot reject unknown keys through `flatten`, so the check is
/// done here against the filter's own fields plus `extra`.
fn parse_query<T: serde::de::DeserializeOwned>(pairs: Vec<(String, String)>, extra: &[&str]) -> Result<T, ApiError> {
    let known: Vec<String> = match serde_json::to_value(EventFilter::default()) {
        Ok(Value::Object(map)) => map.keys().cloned().collect(),
        _ => Vec::new(),
    };
    let mut object = serde_json::Map::new();
    for (key, value) in pairs {
        if !known.contains(&key) && !extra.contains(&key.as_str()) {
            return Err(ApiError::bad_request(format!("unknown parameter `{key}`")));
        }
        if object.contains_key(&key) {
            return Err(ApiError::bad_request(format!(
                "parameter `{key}` is given twice (use a comma-separated list)"
            )));
        }
        let value = match key.as_str() {
            "limit" => value
                .parse::<u64>()
                .map(Value::from)
                .map_err(|_| ApiError::bad_request(format!("limit {value:?} is not a number")))?,
            "mentions" => match value.as_str() {
                "true" | "1" => Value::Bool(true),
                "false" | "0" => Value::Bool(false),
                _ => return Err(ApiError::bad_request(format!("mentions {value:?} must be true or false"))),
            },
            _ => Value::String(value),
        };
        object.insert(key, value);
    }
    serde_json::from_value(Value::Object(object)).map_err(|e| ApiError::bad_request(format!("bad parameters: {e}")))
}

/// The body of `POST /v1/articles`: one article or `{"articles": [...]}`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum IngestBody {
    Many { articles: Vec<ArticleIn> },
    One(ArticleIn),
}

/// Checks the bearer token of a write request.
fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(expected) = state.inner.write_token.as_deref() else {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "write endpoints are disabled: start the server with --write-token (or DYAD_WRITE_TOKEN)",
        ));
    };
    let given = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    match given {
        Some(token) if constant_time_eq(token.as_bytes(), expected.as_bytes()) => Ok(()),
        Some(_) => Err(ApiError::new(ErrorCode::Unauthorized, "the bearer token is not the server's write token")),
        None => Err(ApiError::new(ErrorCode::Unauthorized, "write endpoints need `Authorization: Bearer TOKEN`")),
    }
}

/// Compares without an early exit, so response times do not tell how much
/// of a guessed token was right.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `POST /v1/articles`.
pub async fn ingest(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<ApiJson<IngestBody>, ApiError>,
) -> Result<Json<IngestReport>, ApiError> {
    authorize(&state, &headers)?;
    let articles = match body?.0 {
        IngestBody::Many { articles } => articles,
        IngestBody::One(article) => vec![article],
    };
    for (i, article) in articles.iter().enumerate() {
        if article.text.trim().is_empty() {
            return Err(ApiError::bad_request(format!("article {i}: `text` is empty")));
        }
        if let Some(date) = &article.date {
            if crate::code::date_part(date).is_none() {
                return Err(ApiError::bad_request(format!(
                    "article {i}: `date` {date:?} is not YYYY-MM-DD or RFC 3339"
                )));
            }
        }
    }
    let store = store_of(&state)?;
    let permit = state
        .inner
        .coding
        .clone()
        .acquire_owned()
        .await
        .map_err(|_| ApiError::internal("the coding pool is closed"))?;
    Ok(Json(
        blocking(move || {
            let _permit = permit;
            store.ingest(articles)
        })
        .await?,
    ))
}

/// `DELETE /v1/articles/{id}`.
pub async fn delete_article(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    authorize(&state, &headers)?;
    let store = store_of(&state)?;
    let key = id.clone();
    if blocking(move || store.delete_article(&key)).await? {
        Ok(Json(json!({ "deleted": id })))
    } else {
        Err(ApiError::not_found(format!("no article with id {id:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_foreign_input() {
        let c = encode_cursor('e', 42, Some(-7));
        assert_eq!(decode_cursor(&c, 'e').unwrap(), (42, Some(-7)));
        assert!(decode_cursor(&c, 'o').is_err(), "an events cursor is not an aggregates cursor");
        let c = encode_cursor('o', 3, None);
        assert_eq!(decode_cursor(&c, 'o').unwrap(), (3, None));
        assert!(decode_cursor("not base64!", 'e').is_err());
        assert!(decode_cursor(&URL_SAFE_NO_PAD.encode("ex"), 'e').is_err());
    }

    #[test]
    fn filters_name_the_bad_parameter() {
        let f = EventFilter { quad: Some("1,5".into()), ..Default::default() };
        assert!(f.validate().unwrap_err().message.contains("quad \"5\""));
        let f = EventFilter { from: Some("2024-02-30".into()), ..Default::default() };
        assert!(f.validate().unwrap_err().message.contains("from"));
        let f = EventFilter { cameo: Some("19, 0421".into()), mode: Some("negated".into()), ..Default::default() };
        assert!(f.validate().is_ok());
    }

    #[test]
    fn unknown_and_repeated_parameters_are_refused() {
        let pairs = |v: &[(&str, &str)]| v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect::<Vec<_>>();
        let q: EventsQuery = parse_query(
            pairs(&[("actor", "RUS"), ("limit", "5"), ("mentions", "true")]),
            &["mentions", "limit", "cursor"],
        )
        .unwrap();
        assert_eq!(q.filter.actor.as_deref(), Some("RUS"));
        assert_eq!((q.limit, q.mentions), (Some(5), Some(true)));
        let err = parse_query::<EventsQuery>(pairs(&[("actr", "RUS")]), &["limit"]).unwrap_err();
        assert!(err.message.contains("actr"));
        let err = parse_query::<EventsQuery>(pairs(&[("actor", "RUS"), ("actor", "UKR")]), &[]).unwrap_err();
        assert!(err.message.contains("twice"));
    }

    #[test]
    fn token_comparison() {
        assert!(constant_time_eq(b"secret", b"secret"));
        assert!(!constant_time_eq(b"secret", b"secreT"));
        assert!(!constant_time_eq(b"secret", b"secret2"));
    }
}
