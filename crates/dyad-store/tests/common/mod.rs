//! A synthetic corpus of coded articles for the store tests and for the
//! schema fixture (`examples/make_v1_fixture.rs`). `corpus_v1` must never
//! change: `tests/data/schema_v1.sqlite` was built from it.

#![allow(dead_code)]

use dyad_store::NewArticle;
use dyad_types::{Actor, DatePrecision, Event, Location, Mode, Trigger, SCHEMA_VERSION};

/// An event as the coder would write it, with only what the store reads
/// set meaningfully.
#[allow(clippy::too_many_arguments)] // a table row, read positionally
pub fn event(
    doc: &str,
    sentence: usize,
    source: &str,
    target: Option<&str>,
    cameo: &str,
    date: Option<&str>,
    country: Option<&str>,
    mode: Mode,
) -> Event {
    let root = cameo.get(..2).map(str::to_string);
    let root_num: u8 = root.as_deref().and_then(|r| r.parse().ok()).unwrap_or(0);
    let quad = match root_num {
        1..=5 => Some(1),
        6..=8 => Some(2),
        9..=13 => Some(3),
        14..=20 => Some(4),
        _ => None,
    };
    Event {
        doc_id: doc.into(),
        sentence,
        text: format!("Sentence {sentence} of {doc}: {source} {cameo} {}.", target.unwrap_or("-")),
        date: date.map(str::to_string),
        date_precision: if date.is_some() { DatePrecision::Day } else { DatePrecision::Document },
        date_text: None,
        date_span: None,
        historical: false,
        source: Actor::from_code(source, None, source.to_lowercase(), [0, 3]),
        target: target.map(|t| Actor::from_code(t, None, t.to_lowercase(), [10, 13])),
        cameo: cameo.into(),
        root,
        quad_class: quad,
        goldstein: Some(if quad.unwrap_or(1) >= 3 { -(root_num as f64) / 2.0 } else { root_num as f64 / 2.0 }),
        plover: Some(if root_num >= 18 { "ASSAULT".into() } else { "CONSULT".into() }),
        mode,
        reported: false,
        speaker: None,
        trigger: Trigger { text: "did".into(), span: [4, 7] },
        location: country.map(|c| Location {
            name: c.into(),
            country: Some(c.into()),
            lat: Some(1.0),
            lon: Some(2.0),
            text: None,
            span: None,
            precision: Some("country".into()),
            fips: None,
            adm1: None,
            feature_id: None,
            confidence: None,
            from_actor: false,
        }),
        rule: "test:1".into(),
        rule_pattern: None,
        schema_version: SCHEMA_VERSION,
        issues: Vec::new(),
    }
}

/// An article with a distinct body (so it is no near-duplicate of another)
/// unless `body` is given.
pub fn article(id: &str, source: Option<&str>, date: &str, body: Option<&str>, events: Vec<Event>) -> NewArticle {
    let text = match body {
        Some(b) => b.to_string(),
        None => (0..60).map(|i| format!("{id}word{i}")).collect::<Vec<_>>().join(" "),
    };
    let mut sentences: Vec<(usize, String)> = events.iter().map(|e| (e.sentence, e.text.clone())).collect();
    sentences.sort();
    sentences.dedup();
    NewArticle {
        id: id.into(),
        url: Some(format!("https://news.example/{id}")),
        source_name: source.map(str::to_string),
        title: None,
        date: Some(date.into()),
        text,
        store_text: true,
        sentences,
        events,
    }
}

/// A long wire story, for syndicated copies.
pub const WIRE_STORY: &str = "Turkish forces shelled Kurdish positions near the Syrian town of Afrin on Sunday, \
the Syrian Observatory for Human Rights said, as Ankara pressed on with an offensive it says targets militants \
on its southern border. The monitor said at least a dozen fighters were killed in the strikes, which hit \
villages north and west of the town, and that hundreds of families had fled towards Aleppo. Turkey's military \
said its jets had destroyed shelters, ammunition depots and weapons positions, and that it was taking every \
care to avoid harming civilians. Kurdish officials accused Ankara of targeting homes and a water station.";

/// Thirteen articles over four days with overlapping reports of a few events,
/// a syndicated copy, a denial and an undated report.
pub fn corpus_v1() -> Vec<NewArticle> {
    use Mode::*;
    let copy = WIRE_STORY.replace("on Sunday", "on Sunday, January 21");
    vec![
        article(
            "a1",
            Some("Reuters"),
            "2018-01-21",
            Some(WIRE_STORY),
            vec![
                event("a1", 0, "TURMIL", Some("SYRREB"), "190", None, Some("SYR"), Asserted),
                event("a1", 2, "TURMIL", None, "195", None, Some("SYR"), Asserted),
            ],
        ),
        {
            let mut a = article(
                "a2",
                Some("Daily Star"),
                "2018-01-21",
                Some(&copy),
                vec![event("a2", 0, "TURMIL", Some("SYRREB"), "190", None, Some("SYR"), Asserted)],
            );
            a.title = Some("Turkey shells Afrin".into());
            a.text = format!("Turkey shells Afrin\n\n{copy}");
            a
        },
        article(
            "a3",
            Some("AFP"),
            "2018-01-22",
            None,
            vec![
                event("a3", 1, "TURMIL", Some("SYRREB"), "193", Some("2018-01-21"), None, Asserted),
                event("a3", 3, "TURMIL", Some("SYRREB"), "190", None, Some("SYR"), Negated),
            ],
        ),
        article(
            "a4",
            Some("Reuters"),
            "2018-01-22",
            None,
            vec![
                event("a4", 0, "TURMIL", Some("SYRREB"), "19", None, None, Asserted),
                event("a4", 1, "USAGOV", Some("TURGOV"), "042", None, None, Asserted),
            ],
        ),
        article(
            "a5",
            None,
            "2018-01-25",
            None,
            vec![
                event("a5", 0, "TURMIL", Some("SYRREB"), "190", None, Some("SYR"), Asserted),
                event("a5", 4, "USAGOV", Some("TURGOV"), "040", None, Some("TUR"), Asserted),
            ],
        ),
        article(
            "a6",
            Some("AP"),
            "2018-01-25",
            None,
            vec![
                event("a6", 2, "USAGOV", Some("TURGOV"), "043", None, Some("TUR"), Asserted),
                event("a6", 3, "RUSGOV", Some("SYRGOV"), "051", None, None, Asserted),
            ],
        ),
        article(
            "a7",
            Some("AP"),
            "2018-01-26",
            None,
            vec![
                event("a7", 0, "RUSGOV", Some("SYRGOV"), "05", Some("2018-01-25"), None, Asserted),
                event("a7", 1, "RUSGOV", Some("SYRGOV"), "051", None, None, Intended),
            ],
        ),
        article(
            "a8",
            Some("TASS"),
            "2018-01-26",
            None,
            vec![
                event("a8", 0, "RUSGOV", Some("SYRGOV"), "051", None, Some("RUS"), Asserted),
                event("a8", 1, "SYRGOV", None, "111", None, None, Asserted),
            ],
        ),
        article(
            "a9",
            Some("SANA"),
            "2018-01-27",
            None,
            vec![
                event("a9", 0, "SYRGOV", None, "111", None, None, Asserted),
                event("a9", 1, "SYRGOV", Some("TURMIL"), "112", Some("2018-01-26"), None, Asserted),
            ],
        ),
        article(
            "a10",
            Some("Reuters"),
            "2018-01-28",
            None,
            vec![
                event("a10", 0, "IRNGOV", Some("SYRGOV"), "0831", None, None, Asserted),
                event("a10", 1, "IRNGOV", Some("SYRGOV"), "083", None, None, Asserted),
            ],
        ),
        article(
            "a11",
            Some("AFP"),
            "2018-01-28",
            None,
            vec![event("a11", 0, "IRNGOV", Some("SYRGOV"), "0832", None, None, Asserted)],
        ),
        {
            let mut a = article(
                "a12",
                Some("AFP"),
                "2018-01-28",
                None,
                vec![event("a12", 0, "SYRGOV", None, "111", None, None, Asserted)],
            );
            a.date = None;
            a
        },
        article("a13", Some("AFP"), "2018-01-28", None, vec![]),
    ]
}
