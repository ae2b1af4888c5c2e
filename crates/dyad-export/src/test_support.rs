//! Merged events built from really coded text, for the writers' tests.
//!
//! Each article is coded twice, as two outlets' copies (Reuters with a URL,
//! a second outlet with another URL), and every event of the first copy
//! becomes one merged event whose two mentions are the two copies' reports,
//! as the store would merge them.

use std::sync::OnceLock;

use dyad_coder::{Article, Coder};
use dyad_types::{Mention, MergedEvent};

/// Wire-style sentences with a dated visit to a placed city, a threat, an
/// arrest, a negated attack and an appeal (CAMEO 02, which has no PLOVER
/// category).
pub(crate) const ARTICLES: &[(&str, &str, &str)] = &[
    (
        "wire-1",
        "2022-07-20",
        "Russian President Vladimir Putin visited Tehran on Tuesday to meet Iranian leaders. \
         Iran threatened to attack Israel.",
    ),
    (
        "wire-2",
        "2022-07-21",
        "Police arrested 30 protesters in Kiev on Wednesday. \
         The United Nations urged both sides to negotiate. \
         Ukrainian forces did not attack the town.",
    ),
];

fn coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| Coder::with_default_dictionaries().expect("dyad's default dictionaries load"))
}

/// The merged events of [`ARTICLES`], ids from 1001 in coding order.
pub(crate) fn coded_events() -> Vec<MergedEvent> {
    let mut out = Vec::new();
    for (doc, date, text) in ARTICLES {
        let outlets = [("reuters", "Reuters"), ("bbc", "BBC News")];
        let copies: Vec<_> = outlets
            .iter()
            .map(|(slug, _)| {
                let article =
                    Article { id: format!("{slug}-{doc}"), text: text.to_string(), date: Some(date.to_string()) };
                coder().code(&article).events
            })
            .collect();
        for (i, event) in copies[0].iter().enumerate() {
            let id = 1001 + out.len() as i64;
            let mentions = outlets
                .iter()
                .zip(&copies)
                .filter_map(|((slug, name), events)| {
                    let event = events.get(i)?.clone();
                    Some(Mention {
                        event_id: id,
                        article_id: event.doc_id.clone(),
                        url: Some(format!("https://{slug}.example/{doc}")),
                        source_name: Some(name.to_string()),
                        article_date: Some(date.to_string()),
                        date_added: "2026-11-29T10:57:38Z".into(),
                        doc_len: text.chars().count(),
                        event,
                    })
                })
                .collect::<Vec<_>>();
            out.push(MergedEvent {
                id,
                event: event.clone(),
                date_added: "2026-11-29T10:57:38Z".into(),
                num_mentions: mentions.len() as u32,
                num_sources: mentions.len() as u32,
                num_articles: mentions.len() as u32,
                mentions,
            });
        }
    }
    out
}

/// The first merged event with CAMEO code `cameo`.
pub(crate) fn find_event<'a>(events: &'a [MergedEvent], cameo: &str) -> &'a MergedEvent {
    events.iter().find(|e| e.event.cameo == cameo).unwrap_or_else(|| {
        let coded: Vec<_> = events.iter().map(|e| (&e.event.cameo, &e.event.text)).collect();
        panic!("no {cameo} event among the coded test sentences: {coded:?}")
    })
}
