//! `POST /v1/code`: code one article and return its events, as `dyad code`
//! writes them, with what the coder saw in each sentence.
//!
//! Coding is CPU-bound (tens of milliseconds for an article), so it runs on
//! tokio's blocking pool, never on the async workers that accept requests.
//! A semaphore with one permit per core keeps a burst of requests from
//! starting more coding threads than there are cores: the extra requests wait
//! for a permit (and time out under the server's time limit) instead of
//! slowing every request down together.

use std::panic::{self, AssertUnwindSafe};

use axum::extract::State;
use axum::Json;
use dyad_coder::{Article, CodedArticle, SentenceReport};
use dyad_types::{Actor, Event, Span};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::AppState;

/// The request body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeRequest {
    /// The article text.
    pub text: String,
    /// Publication date, `YYYY-MM-DD` or RFC 3339 (the date part is kept).
    #[serde(default)]
    pub date: Option<String>,
    /// The headline; the coded document is `title + "\n\n" + text`, as for
    /// JSON Lines input to `dyad code`, so spans count from the title.
    #[serde(default)]
    pub title: Option<String>,
    /// The document id reported in every event (default `request`).
    #[serde(default)]
    pub id: Option<String>,
}

/// The response body.
#[derive(Debug, Serialize)]
pub struct CodeResponse {
    /// The events, exactly as `dyad code --format jsonl` writes them.
    pub events: Vec<Event>,
    /// Every sentence with the actors seen in it, for highlighting.
    pub sentences: Vec<SentenceView>,
    /// The document text the spans point into (title + "\n\n" + text when
    /// a title was given).
    pub text: String,
}

/// What the coder saw in one sentence.
#[derive(Debug, Serialize)]
pub struct SentenceView {
    pub index: usize,
    pub span: Span,
    pub text: String,
    pub actors: Vec<Actor>,
    /// Indices into `events` of this sentence's events.
    pub events: Vec<usize>,
    /// Why the sentence gave no event although it looks political.
    pub note: Option<String>,
}

impl From<SentenceReport> for SentenceView {
    fn from(s: SentenceReport) -> SentenceView {
        SentenceView { index: s.index, span: s.span, text: s.text, actors: s.actors, events: s.events, note: s.note }
    }
}

/// Turns a request into the article the coder reads.
pub fn article_of(request: CodeRequest) -> Result<Article, ApiError> {
    if request.text.trim().is_empty() {
        return Err(ApiError::bad_request("`text` is empty"));
    }
    let date = match request.date.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(date) => Some(
            date_part(date)
                .ok_or_else(|| ApiError::bad_request(format!("`date` {date:?} is not YYYY-MM-DD or RFC 3339")))?,
        ),
    };
    let text = Article::document_text(request.title.as_deref(), &request.text);
    Ok(Article { id: request.id.unwrap_or_else(|| "request".into()), text, date })
}

/// The `YYYY-MM-DD` part of a date or RFC 3339 timestamp, when it is a real
/// calendar day (the rule of `dyad code`'s JSON Lines reader).
pub use dyad_coder::date_part;

/// Codes an article on the blocking pool, at most one per core at a time.
pub async fn code_article(state: &AppState, article: Article) -> Result<(Article, CodedArticle), ApiError> {
    // The permit moves into the blocking task: when a request times out its
    // future is dropped but the coding goes on, and must keep its core.
    let permit = state
        .inner
        .coding
        .clone()
        .acquire_owned()
        .await
        .map_err(|_| ApiError::internal("the coding pool is closed"))?;
    let coder = state.inner.coder.clone();
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        // A coder bug must not take the server down: the request fails with
        // `internal` and the others go on.
        let coded = panic::catch_unwind(AssertUnwindSafe(|| coder.code(&article)))
            .map_err(|_| ApiError::internal("the coder failed on this text (please report it)"))?;
        Ok((article, coded))
    })
    .await
    .map_err(|e| ApiError::internal(format!("coding task failed: {e}")))?
}

/// The handler.
pub async fn handle(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<CodeRequest>,
) -> Result<Json<CodeResponse>, ApiError> {
    let article = article_of(request)?;
    let (article, coded) = code_article(&state, article).await?;
    Ok(Json(CodeResponse {
        events: coded.events,
        sentences: coded.sentences.into_iter().map(SentenceView::from).collect(),
        text: article.text,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_against_the_calendar() {
        assert_eq!(date_part("2024-02-29").as_deref(), Some("2024-02-29"));
        assert_eq!(date_part("2024-05-01T10:00:00Z").as_deref(), Some("2024-05-01"));
        assert_eq!(date_part("2023-02-29"), None);
        assert_eq!(date_part("2024-13-01"), None);
        assert_eq!(date_part("01/05/2024"), None);
        assert_eq!(date_part("2024-05-01x"), None);
        assert_eq!(date_part("2024-5-1"), None);
        assert_eq!(date_part("0000-01-01"), None, "the year 0000 is no publication date");
    }

    #[test]
    fn a_title_comes_first_with_a_blank_line() {
        let request = CodeRequest { text: "Body.".into(), date: None, title: Some("Head".into()), id: None };
        assert_eq!(article_of(request).unwrap().text, "Head\n\nBody.");
        let blank = CodeRequest { text: "  ".into(), date: None, title: None, id: None };
        assert!(article_of(blank).is_err());
    }
}
