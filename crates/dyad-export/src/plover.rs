//! PLOVER JSON Lines: one event record per line, with the field names of
//! the PLOVER manual's "JSON Data Fields" chapter (id, date, source,
//! recipient, event, event_loc, event_text, quad_code, event_scale, text,
//! text_info, cite_info, coder, coded_date, coded_time) and its actor,
//! location, text and citation objects.
//!
//! PLOVER's `mode` and `context` are not written: they subdivide a PLOVER
//! category ("visit", "economic"), and dyad codes CAMEO, whose sub-codes
//! map to them only through a CC BY-SA table dyad does not ship. dyad's own
//! modality (asserted, negated, intended, hypothetical) is a different
//! notion and goes, with the provenance, under [`PLOVER_EXTENSION_KEY`], as
//! the manual invites ("providers should feel free to include named fields
//! beyond those provided").

use std::io::Write;

use dyad_types::{Actor, Location, MergedEvent};
use serde::Serialize;

use crate::dates::{EventDate, Timestamp};
use crate::{Error, EventWriter, DYAD_VERSION};

/// The key under which each record carries dyad's own fields: CAMEO code,
/// modality, counts and every mention with its spans and rule.
pub const PLOVER_EXTENSION_KEY: &str = "dyad";

/// Writes merged events as PLOVER JSON Lines.
pub struct PloverWriter<W: Write> {
    out: W,
    line: Vec<u8>,
    coder: String,
}

impl<W: Write> PloverWriter<W> {
    /// A writer onto `out` (buffer it).
    pub fn new(out: W) -> Self {
        PloverWriter { out, line: Vec::new(), coder: format!("dyad {DYAD_VERSION}") }
    }
}

impl<W: Write> EventWriter for PloverWriter<W> {
    fn write(&mut self, event: &MergedEvent) -> Result<(), Error> {
        let record = record(event, &self.coder)?;
        self.line.clear();
        serde_json::to_writer(&mut self.line, &record).map_err(|e| Error::invalid(event.id, e.to_string()))?;
        self.line.push(b'\n');
        self.out.write_all(&self.line).map_err(|e| Error::io("writing PLOVER JSON", e))
    }

    fn finish(mut self: Box<Self>) -> Result<(), Error> {
        self.out.flush().map_err(|e| Error::io("writing PLOVER JSON", e))
    }
}

/// One PLOVER record, keys in the manual's order. Borrowed from the event:
/// serialising it allocates nothing but the output line.
#[derive(Serialize)]
struct Record<'a> {
    id: String,
    /// PLOVER asks for YYYY-MM-DD; a month or year is written as the
    /// reduced-precision ISO 8601 date it is, never padded to a false day.
    date: Option<&'a str>,
    source: [PloverActor<'a>; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    recipient: Option<[PloverActor<'a>; 1]>,
    /// CAMEO 01 and 02 have no PLOVER category: an empty list, not a guess.
    event: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    event_loc: Option<PloverLocation<'a>>,
    event_text: [&'a str; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    quad_code: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    event_scale: Option<f64>,
    text: &'a str,
    text_info: TextInfo,
    cite_info: CiteInfo<'a>,
    coder: &'a str,
    coded_date: String,
    coded_time: String,
    dyad: Extension<'a>,
}

/// PLOVER's actor object: `code` is the three-letter top-level block,
/// `sector` the role; dyad adds the full CAMEO code.
#[derive(Serialize)]
struct PloverActor<'a> {
    code: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sector: Option<&'a str>,
    actor_text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier_text: Option<&'a str>,
    cameo_code: &'a str,
}

impl<'a> PloverActor<'a> {
    fn of(a: &'a Actor) -> Self {
        PloverActor {
            code: a.country.as_deref().or_else(|| a.code.get(..3)),
            sector: a.role.as_deref(),
            actor_text: &a.text,
            identifier_text: a.name.as_deref(),
            cameo_code: &a.code,
        }
    }
}

/// PLOVER's location object uses GeoNames' field names; `cc3` is PLOVER's
/// own ISO alpha-3 field. dyad adds its FIPS and GDELT ADM1 codes.
#[derive(Serialize)]
struct PloverLocation<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    geonameid: Option<u32>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    latitude: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    longitude: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cc3: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fips: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    adm1: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    precision: Option<&'a str>,
}

impl<'a> PloverLocation<'a> {
    fn of(loc: &'a Location) -> Self {
        PloverLocation {
            geonameid: loc.feature_id,
            name: &loc.name,
            latitude: loc.lat,
            longitude: loc.lon,
            cc3: loc.country.as_deref(),
            fips: loc.fips.as_deref(),
            adm1: loc.adm1.as_deref(),
            precision: loc.precision.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct TextInfo {
    sequence: usize,
}

#[derive(Serialize)]
struct CiteInfo<'a> {
    citation: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publication: Option<&'a str>,
    language: &'static str,
    coder: &'a str,
    codebook: &'static str,
}

#[derive(Serialize)]
struct SpanText<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

impl<'a> SpanText<'a> {
    fn of(text: &'a str, span: [usize; 2]) -> Self {
        SpanText { text, start: span[0], end: span[1] }
    }
}

/// dyad's fields that PLOVER has no name for.
#[derive(Serialize)]
struct Extension<'a> {
    cameo: &'a str,
    cameo_root: Option<&'a str>,
    mode: &'static str,
    reported: bool,
    speaker: Option<&'a str>,
    date_precision: &'static str,
    historical: bool,
    num_mentions: u32,
    num_sources: u32,
    num_articles: u32,
    date_added: &'a str,
    rule: &'a str,
    mentions: Vec<MentionRecord<'a>>,
}

#[derive(Serialize)]
struct MentionRecord<'a> {
    article_id: &'a str,
    url: Option<&'a str>,
    source_name: Option<&'a str>,
    article_date: Option<&'a str>,
    sentence: usize,
    text: &'a str,
    cameo: &'a str,
    mode: &'static str,
    reported: bool,
    speaker: Option<&'a str>,
    rule: &'a str,
    source: SpanText<'a>,
    target: Option<SpanText<'a>>,
    trigger: SpanText<'a>,
    date_text: Option<&'a str>,
}

/// The PLOVER record of one merged event.
fn record<'a>(m: &'a MergedEvent, coder: &'a str) -> Result<Record<'a>, Error> {
    let ev = &m.event;
    if let Some(d) = &ev.date {
        EventDate::parse(d).map_err(|e| Error::invalid(m.id, e))?;
    }
    let added = Timestamp::parse(&m.date_added).map_err(|e| Error::invalid(m.id, format!("date_added {e}")))?;
    let (coded_date, coded_time) = added.utc_date_and_time();
    let first = m.mentions.first();
    let mentions = m
        .mentions
        .iter()
        .map(|x| {
            let e = &x.event;
            MentionRecord {
                article_id: &x.article_id,
                url: x.url.as_deref(),
                source_name: x.source_name.as_deref(),
                article_date: x.article_date.as_deref(),
                sentence: e.sentence,
                text: &e.text,
                cameo: &e.cameo,
                mode: e.mode.as_str(),
                reported: e.reported,
                speaker: e.speaker.as_ref().map(|s| s.code.as_str()),
                rule: &e.rule,
                source: SpanText::of(&e.source.text, e.source.span),
                target: e.target.as_ref().map(|t| SpanText::of(&t.text, t.span)),
                trigger: SpanText::of(&e.trigger.text, e.trigger.span),
                date_text: e.date_text.as_deref(),
            }
        })
        .collect();
    Ok(Record {
        id: m.id.to_string(),
        date: ev.date.as_deref(),
        source: [PloverActor::of(&ev.source)],
        recipient: ev.target.as_ref().map(|t| [PloverActor::of(t)]),
        event: ev.plover.as_deref().into_iter().collect(),
        event_loc: ev.location.as_ref().map(PloverLocation::of),
        event_text: [&ev.trigger.text],
        quad_code: ev.quad_class,
        event_scale: ev.goldstein,
        text: &ev.text,
        text_info: TextInfo { sequence: ev.sentence },
        cite_info: CiteInfo {
            citation: &ev.doc_id,
            url: first.and_then(|x| x.url.as_deref()),
            publication: first.and_then(|x| x.source_name.as_deref()),
            language: "en",
            coder,
            codebook: "CAMEO 1.1b3 (PLOVER category by the CAMEO-PLOVER table)",
        },
        coder,
        coded_date,
        coded_time,
        dyad: Extension {
            cameo: &ev.cameo,
            cameo_root: ev.root.as_deref(),
            mode: ev.mode.as_str(),
            reported: ev.reported,
            speaker: ev.speaker.as_ref().map(|s| s.code.as_str()),
            date_precision: ev.date_precision.as_str(),
            historical: ev.historical,
            num_mentions: m.num_mentions,
            num_sources: m.num_sources,
            num_articles: m.num_articles,
            date_added: &m.date_added,
            rule: &ev.rule,
            mentions,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{coded_events, find_event};
    use serde_json::{json, Value};

    #[test]
    fn the_extension_field_is_named_by_the_constant() {
        let m = coded_events().remove(0);
        let v = serde_json::to_value(record(&m, "dyad test").unwrap()).unwrap();
        assert!(v.get(PLOVER_EXTENSION_KEY).is_some(), "{v}");
    }

    fn lines(events: &[MergedEvent]) -> Vec<Value> {
        let mut out = Vec::new();
        let mut w = Box::new(PloverWriter::new(&mut out));
        for e in events {
            w.write(e).unwrap();
        }
        w.finish().unwrap();
        String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    }

    #[test]
    fn one_record_per_line_with_plover_keys() {
        let events = coded_events();
        let records = lines(&events);
        assert_eq!(records.len(), events.len());
        for (r, m) in records.iter().zip(&events) {
            for key in ["id", "date", "source", "event", "event_text", "text", "cite_info", "coder", "coded_date"] {
                assert!(r.get(key).is_some(), "missing PLOVER key {key} in {r}");
            }
            assert!(r.get("mode").is_none() && r.get("context").is_none(), "dyad has no PLOVER mode/context");
            assert_eq!(r["id"], m.id.to_string());
            assert_eq!(r["source"][0]["cameo_code"], m.event.source.code.as_str());
            assert_eq!(r["event"].as_array().unwrap().len(), usize::from(m.event.plover.is_some()));
            assert_eq!(r["recipient"].is_null(), m.event.target.is_none());
            let ext = &r[PLOVER_EXTENSION_KEY];
            assert_eq!(ext["cameo"], m.event.cameo.as_str());
            assert_eq!(ext["num_mentions"], m.num_mentions);
            assert_eq!(ext["mentions"].as_array().unwrap().len(), m.mentions.len());
            let first = &ext["mentions"][0];
            let (s, e) = (first["trigger"]["start"].as_u64().unwrap(), first["trigger"]["end"].as_u64().unwrap());
            assert_eq!([s as usize, e as usize], m.mentions[0].event.trigger.span);
            assert_eq!(first["rule"], m.mentions[0].event.rule.as_str());
            assert_eq!(r["cite_info"]["url"], m.mentions[0].url.as_deref().unwrap());
        }
    }

    #[test]
    fn the_visit_record_carries_category_place_and_actors() {
        let events = coded_events();
        let visit = find_event(&events, "042");
        let r = &lines(std::slice::from_ref(visit))[0];
        assert_eq!(r["event"], json!(["CONSULT"]));
        assert_eq!(r["date"], visit.event.date.as_deref().unwrap());
        assert_eq!(r["source"][0]["code"], "RUS");
        assert_eq!(r["event_loc"]["name"], visit.event.location.as_ref().unwrap().name.as_str());
        assert_eq!(r["event_loc"]["cc3"], "IRN");
        assert_eq!(r["quad_code"], visit.event.quad_class.unwrap());
        assert_eq!(r["event_scale"], visit.event.goldstein.unwrap());
        assert_eq!(r["coded_date"], "2026-11-29");
        assert_eq!(r["coded_time"], "10:57:38Z");
    }

    #[test]
    fn modality_goes_to_the_extension() {
        let events = coded_events();
        let negated = events.iter().find(|e| e.event.mode != dyad_types::Mode::Asserted);
        let m = negated.expect("the test sentences include a negated or intended event");
        let r = &lines(std::slice::from_ref(m))[0];
        assert_eq!(r[PLOVER_EXTENSION_KEY]["mode"], m.event.mode.as_str());
    }

    #[test]
    fn malformed_dates_fail_the_record_only() {
        let mut m = coded_events().remove(0);
        m.event.date = Some("19 July".into());
        let mut out = Vec::new();
        let err = PloverWriter::new(&mut out).write(&m).unwrap_err();
        assert!(err.is_record_error(), "{err}");
        assert!(out.is_empty());
    }
}
