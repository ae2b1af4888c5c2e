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
use serde_json::{json, Map, Value};

use crate::dates::{EventDate, Timestamp};
use crate::{Error, EventWriter, DYAD_VERSION};

/// The key under which each record carries dyad's own fields: CAMEO code,
/// modality, counts and every mention with its spans and rule.
pub const PLOVER_EXTENSION_KEY: &str = "dyad";

/// Writes merged events as PLOVER JSON Lines.
pub struct PloverWriter<W: Write> {
    out: W,
    line: Vec<u8>,
}

impl<W: Write> PloverWriter<W> {
    /// A writer onto `out` (buffer it).
    pub fn new(out: W) -> Self {
        PloverWriter { out, line: Vec::new() }
    }
}

impl<W: Write> EventWriter for PloverWriter<W> {
    fn write(&mut self, event: &MergedEvent) -> Result<(), Error> {
        let record = record(event)?;
        self.line.clear();
        serde_json::to_writer(&mut self.line, &record).map_err(|e| Error::invalid(event.id, e.to_string()))?;
        self.line.push(b'\n');
        self.out.write_all(&self.line).map_err(|e| Error::io("writing PLOVER JSON", e))
    }

    fn finish(mut self: Box<Self>) -> Result<(), Error> {
        self.out.flush().map_err(|e| Error::io("writing PLOVER JSON", e))
    }
}

/// The PLOVER record of one merged event.
pub(crate) fn record(m: &MergedEvent) -> Result<Value, Error> {
    let ev = &m.event;
    if let Some(d) = &ev.date {
        EventDate::parse(d).map_err(|e| Error::invalid(m.id, e))?;
    }
    let added = Timestamp::parse(&m.date_added).map_err(|e| Error::invalid(m.id, format!("date_added {e}")))?;
    let (coded_date, coded_time) = added.utc_date_and_time();
    let first = m.mentions.first();
    let mut r = Map::new();
    r.insert("id".into(), json!(m.id.to_string()));
    // PLOVER asks for YYYY-MM-DD; a month or year is written as the
    // reduced-precision ISO 8601 date it is, never padded to a false day.
    r.insert("date".into(), json!(ev.date));
    r.insert("source".into(), json!([actor(&ev.source)]));
    if let Some(t) = &ev.target {
        r.insert("recipient".into(), json!([actor(t)]));
    }
    // CAMEO 01 and 02 have no PLOVER category: an empty list, not a guess.
    r.insert("event".into(), json!(ev.plover.iter().collect::<Vec<_>>()));
    if let Some(loc) = &ev.location {
        r.insert("event_loc".into(), location(loc));
    }
    r.insert("event_text".into(), json!([ev.trigger.text]));
    if let Some(q) = ev.quad_class {
        r.insert("quad_code".into(), json!(q));
    }
    if let Some(g) = ev.goldstein {
        r.insert("event_scale".into(), json!(g));
    }
    r.insert("text".into(), json!(ev.text));
    r.insert("text_info".into(), json!({ "sequence": ev.sentence }));
    let mut cite = Map::new();
    cite.insert("citation".into(), json!(ev.doc_id));
    if let Some(url) = first.and_then(|x| x.url.as_deref()) {
        cite.insert("url".into(), json!(url));
    }
    if let Some(name) = first.and_then(|x| x.source_name.as_deref()) {
        cite.insert("publication".into(), json!(name));
    }
    cite.insert("language".into(), json!("en"));
    cite.insert("coder".into(), json!(format!("dyad {DYAD_VERSION}")));
    cite.insert("codebook".into(), json!("CAMEO 1.1b3 (PLOVER category by the CAMEO-PLOVER table)"));
    r.insert("cite_info".into(), Value::Object(cite));
    r.insert("coder".into(), json!(format!("dyad {DYAD_VERSION}")));
    r.insert("coded_date".into(), json!(coded_date));
    r.insert("coded_time".into(), json!(coded_time));
    r.insert(PLOVER_EXTENSION_KEY.into(), extension(m));
    Ok(Value::Object(r))
}

/// PLOVER's actor object: `code` is the three-letter top-level block,
/// `sector` the role; dyad adds the full CAMEO code.
fn actor(a: &Actor) -> Value {
    let top = a.country.clone().or_else(|| a.code.get(..3).map(str::to_string));
    let mut o = Map::new();
    o.insert("code".into(), json!(top));
    if let Some(role) = &a.role {
        o.insert("sector".into(), json!(role));
    }
    o.insert("actor_text".into(), json!(a.text));
    if let Some(name) = &a.name {
        o.insert("identifier_text".into(), json!(name));
    }
    o.insert("cameo_code".into(), json!(a.code));
    Value::Object(o)
}

/// PLOVER's location object uses GeoNames' field names; `cc3` is PLOVER's
/// own ISO alpha-3 field. dyad adds its FIPS and GDELT ADM1 codes.
fn location(loc: &Location) -> Value {
    let mut o = Map::new();
    if let Some(id) = loc.feature_id {
        o.insert("geonameid".into(), json!(id));
    }
    o.insert("name".into(), json!(loc.name));
    if let Some(lat) = loc.lat {
        o.insert("latitude".into(), json!(lat));
    }
    if let Some(lon) = loc.lon {
        o.insert("longitude".into(), json!(lon));
    }
    if let Some(c) = &loc.country {
        o.insert("cc3".into(), json!(c));
    }
    if let Some(f) = &loc.fips {
        o.insert("fips".into(), json!(f));
    }
    if let Some(a) = &loc.adm1 {
        o.insert("adm1".into(), json!(a));
    }
    if let Some(p) = &loc.precision {
        o.insert("precision".into(), json!(p));
    }
    Value::Object(o)
}

fn span_object(text: &str, span: [usize; 2]) -> Value {
    json!({ "text": text, "start": span[0], "end": span[1] })
}

/// dyad's fields that PLOVER has no name for.
fn extension(m: &MergedEvent) -> Value {
    let ev = &m.event;
    let mentions: Vec<Value> = m
        .mentions
        .iter()
        .map(|x| {
            let e = &x.event;
            json!({
                "article_id": x.article_id,
                "url": x.url,
                "source_name": x.source_name,
                "article_date": x.article_date,
                "sentence": e.sentence,
                "text": e.text,
                "cameo": e.cameo,
                "mode": e.mode.as_str(),
                "reported": e.reported,
                "speaker": e.speaker.as_ref().map(|s| &s.code),
                "rule": e.rule,
                "source": span_object(&e.source.text, e.source.span),
                "target": e.target.as_ref().map(|t| span_object(&t.text, t.span)),
                "trigger": span_object(&e.trigger.text, e.trigger.span),
                "date_text": e.date_text,
            })
        })
        .collect();
    json!({
        "cameo": ev.cameo,
        "cameo_root": ev.root,
        "mode": ev.mode.as_str(),
        "reported": ev.reported,
        "speaker": ev.speaker.as_ref().map(|s| &s.code),
        "date_precision": ev.date_precision.as_str(),
        "historical": ev.historical,
        "num_mentions": m.num_mentions,
        "num_sources": m.num_sources,
        "num_articles": m.num_articles,
        "date_added": m.date_added,
        "rule": ev.rule,
        "mentions": mentions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{coded_events, find_event};

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
