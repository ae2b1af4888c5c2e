//! Events as the store keeps them: one merged event per real-world event,
//! with every report ("mention") of it.
//!
//! The store (`dyad-store`) produces these and the exporters (GDELT, PLOVER,
//! Parquet, CSV) and the HTTP API read them, so they live here, beside
//! [`Event`], where neither side owns the other.

use serde::{Deserialize, Serialize};

use crate::Event;

/// One real-world event, merged from all the reports of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergedEvent {
    /// Stable id in the store (GDELT's GLOBALEVENTID).
    pub id: i64,
    /// The representative report, whose codes, actors, date and place
    /// stand for the event: in `dyad-store`, the first mention in the
    /// canonical merge order (day, article id, position in the article)
    /// among those with the most specific CAMEO code, so it does not depend
    /// on ingest order.
    pub event: Event,
    /// When the event was first stored, RFC 3339 UTC (GDELT's DATEADDED).
    pub date_added: String,
    /// Number of mentions (reports) of the event, across all articles.
    pub num_mentions: u32,
    /// Number of distinct sources (outlets); syndicated copies of one
    /// article count once.
    pub num_sources: u32,
    /// Number of distinct articles that report the event.
    pub num_articles: u32,
    /// Every report of the event; empty when the caller did not ask for
    /// mentions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<Mention>,
}

/// One report of an event: where an article told it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// The merged event this mention belongs to.
    pub event_id: i64,
    /// The article's id (as given at ingest, or its content hash).
    pub article_id: String,
    /// The article's address, when the input gave one.
    pub url: Option<String>,
    /// The outlet that published the article, when known.
    pub source_name: Option<String>,
    /// The article's publication date, `YYYY-MM-DD`, when known.
    pub article_date: Option<String>,
    /// When the mention was stored, RFC 3339 UTC.
    pub date_added: String,
    /// Length of the article text in code points (GDELT's MentionDocLen).
    pub doc_len: usize,
    /// The event exactly as coded from this article: its sentence, spans,
    /// trigger, rule, mode and speaker.
    pub event: Event,
}
