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

/// Filters over merged events, as given in the query string. Lists are
/// comma-separated. Every filter given must hold.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
pub struct EventFilter {
    /// Actor code prefixes (`RUS`, `USAGOV`) on either side.
    pub actor: Option<String>,
    /// Source actor code prefixes.
    pub source: Option<String>,
    /// Target actor code prefixes.
    pub target: Option<String>,
    /// Countries (alpha-3) of either actor.
    pub country: Option<String>,
    /// CAMEO codes or roots (`190`, `19`): an event matches a listed code or
    /// any code under a listed root.
    pub cameo: Option<String>,
    /// PLOVER categories (`ASSAULT`).
    pub plover: Option<String>,
    /// Quad classes, 1–4.
    pub quad_class: Option<String>,
    /// Modes: asserted, negated, intended, hypothetical.
    pub mode: Option<String>,
    /// First event date, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last event date, `YYYY-MM-DD`.
    pub to: Option<String>,
    /// Countries (alpha-3) of the event's place.
    pub place: Option<String>,
    /// Full-text search over the sentences.
    pub q: Option<String>,
}

impl EventFilter {
    /// The comma-separated values of a list parameter, trimmed, without
    /// empty items.
    pub fn list(value: &Option<String>) -> Vec<String> {
        value
            .as_deref()
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// Checks the values that have a fixed form, so a typo is a
    /// `bad_request` naming the parameter rather than an empty result.
    pub fn validate(&self) -> Result<(), ApiError> {
        for q in EventFilter::list(&self.quad_class) {
            if !matches!(q.as_str(), "1" | "2" | "3" | "4") {
                return Err(ApiError::bad_request(format!("quad_class {q:?} must be 1, 2, 3 or 4")));
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
    /// The period (`2024-05-06` for a day, the Monday of a week,
    /// `2024-05` for a month), quad class (`"1"`), actor code, or
    /// `SOURCE>TARGET` for a dyad.
    pub key: String,
    /// Number of merged events.
    pub count: u64,
    /// Sum of their Goldstein scores.
    pub goldstein: f64,
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
    /// Merged events matching `filter` with id greater than `after_id`, in
    /// ascending id order, at most `limit`, with their mentions when
    /// `mentions` is true.
    fn events(
        &self,
        filter: &EventFilter,
        after_id: Option<i64>,
        limit: usize,
        mentions: bool,
    ) -> Result<Vec<MergedEvent>, StoreError>;

    /// One merged event with all its mentions, or None.
    fn event(&self, id: i64) -> Result<Option<MergedEvent>, StoreError>;

    /// The rows of an aggregate over the events matching `filter`, in a
    /// stable order (periods ascending; counts descending then key).
    fn aggregate(&self, filter: &EventFilter, kind: AggregateKind, by: Period) -> Result<Vec<AggregateRow>, StoreError>;

    /// Codes and stores articles; an article already stored is skipped.
    fn ingest(&self, articles: Vec<ArticleIn>) -> Result<IngestReport, StoreError>;

    /// Deletes an article with its mentions and the events only it
    /// supported. False when there is no such article.
    fn delete_article(&self, id: &str) -> Result<bool, StoreError>;
}

/// Default and largest page sizes.
pub const DEFAULT_LIMIT: usize = 100;
pub const MAX_LIMIT: usize = 1000;

/// Opaque cursors: base64url of `e<id>` (the last event id of the page) or
/// `o<offset>` (aggregate rows). Clients must not build them; the format
/// may change.
fn encode_cursor(kind: char, n: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("{kind}{n}"))
}

fn decode_cursor(cursor: &str, kind: char) -> Result<i64, ApiError> {
    let bad = || ApiError::bad_request("`cursor` is not a cursor this endpoint returned");
    let bytes = URL_SAFE_NO_PAD.decode(cursor.trim()).map_err(|_| bad())?;
    let text = String::from_utf8(bytes).map_err(|_| bad())?;
    let rest = text.strip_prefix(kind).ok_or_else(bad)?;
    rest.parse::<i64>().map_err(|_| bad())
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

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T, StoreError> + Send + 'static) -> Result<T, ApiError> {
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
pub async fn events(State(state): State<AppState>, ApiQuery(query): ApiQuery<Vec<(String, String)>>) -> Result<Json<Value>, ApiError> {
    let query: EventsQuery = parse_query(query, &["mentions", "limit", "cursor"])?;
    query.filter.validate()?;
    let limit = page_size(query.limit)?;
    let after = query.cursor.as_deref().map(|c| decode_cursor(c, 'e')).transpose()?;
    let store = store_of(&state)?;
    let filter = query.filter.clone();
    let mentions = query.mentions.unwrap_or(false);
    // One more than a page tells whether another page follows.
    let mut events = blocking(move || store.events(&filter, after, limit + 1, mentions)).await?;
    let next = if events.len() > limit {
        events.truncate(limit);
        events.last().map(|e| encode_cursor('e', e.id))
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
pub async fn aggregates(State(state): State<AppState>, ApiQuery(query): ApiQuery<Vec<(String, String)>>) -> Result<Json<Value>, ApiError> {
    let query: AggregatesQuery = parse_query(query, &["kind", "by", "limit", "cursor"])?;
    query.filter.validate()?;
    let limit = page_size(query.limit)?;
    let offset = query.cursor.as_deref().map(|c| decode_cursor(c, 'o')).transpose()?.unwrap_or(0);
    let offset = usize::try_from(offset).map_err(|_| ApiError::bad_request("`cursor` is not a cursor this endpoint returned"))?;
    let store = store_of(&state)?;
    let (filter, kind, by) = (query.filter.clone(), query.kind, query.by);
    let rows = blocking(move || store.aggregate(&filter, kind, by)).await?;
    let end = rows.len().min(offset.saturating_add(limit));
    let page: Vec<AggregateRow> = rows.get(offset..end).map(<[_]>::to_vec).unwrap_or_default();
    let next = (end < rows.len()).then(|| encode_cursor('o', end as i64));
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
        if !known.iter().any(|k| *k == key) && !extra.contains(&key.as_str()) {
            return Err(ApiError::bad_request(format!("unknown parameter `{key}`")));
        }
        if object.contains_key(&key) {
            return Err(ApiError::bad_request(format!("parameter `{key}` is given twice (use a comma-separated list)")));
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
                return Err(ApiError::bad_request(format!("article {i}: `date` {date:?} is not YYYY-MM-DD or RFC 3339")));
            }
        }
    }
    let store = store_of(&state)?;
    let permit = state.inner.coding.clone().acquire_owned().await.map_err(|_| ApiError::internal("the coding pool is closed"))?;
    Ok(Json(
        blocking(move || {
            let _permit = permit;
            store.ingest(articles)
        })
        .await?,
    ))
}

/// `DELETE /v1/articles/{id}`.
pub async fn delete_article(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
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
        let c = encode_cursor('e', 42);
        assert_eq!(decode_cursor(&c, 'e').unwrap(), 42);
        assert!(decode_cursor(&c, 'o').is_err(), "an events cursor is not an aggregates cursor");
        assert!(decode_cursor("not base64!", 'e').is_err());
        assert!(decode_cursor(&URL_SAFE_NO_PAD.encode("ex"), 'e').is_err());
    }

    #[test]
    fn filters_name_the_bad_parameter() {
        let f = EventFilter { quad_class: Some("1,5".into()), ..Default::default() };
        assert!(f.validate().unwrap_err().message.contains("quad_class \"5\""));
        let f = EventFilter { from: Some("2024-02-30".into()), ..Default::default() };
        assert!(f.validate().unwrap_err().message.contains("from"));
        let f = EventFilter { cameo: Some("19, 0421".into()), mode: Some("negated".into()), ..Default::default() };
        assert!(f.validate().is_ok());
    }

    #[test]
    fn unknown_and_repeated_parameters_are_refused() {
        let pairs = |v: &[(&str, &str)]| v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect::<Vec<_>>();
        let q: EventsQuery = parse_query(pairs(&[("actor", "RUS"), ("limit", "5"), ("mentions", "true")]), &["mentions", "limit", "cursor"]).unwrap();
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
