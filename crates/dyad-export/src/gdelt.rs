//! GDELT 2.0 Events (61 columns) and Mentions (16 columns) as
//! tab-separated lines, without a header, as GDELT publishes them.
//!
//! GDELT's files have no quoting or escape syntax: a tab or line break
//! inside a field would shift every later column. Such characters can only
//! come from names, URLs and source names, where they carry no meaning, so
//! each tab, carriage return and line feed inside a field is written as one
//! space. Nothing else is changed.
//!
//! The column mapping is documented in `docs/export.md`; in short, dyad
//! fills every column it has a value for and leaves the rest empty (never
//! a made-up zero): AvgTone, EthnicCode, Actor1Geo_* and Actor2Geo_* (dyad
//! places the action, not the actors), the ADM2 codes, and the mention
//! columns Confidence, MentionDocTone and MentionDocTranslationInfo.

use std::io::Write;

use dyad_types::{Actor, Location, MergedEvent};

use crate::actor_code::GdeltActorBlocks;
use crate::dates::{EventDate, Timestamp};
use crate::{Error, EventWriter};

/// The GDELT 2.0 Events columns, in order.
pub const GDELT_EVENT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// The GDELT 2.0 Mentions columns, in order.
pub const GDELT_MENTION_COLUMNS: [&str; 16] = [
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
];

/// One output line being built: fields joined by tabs, with tabs and line
/// breaks inside a field turned into spaces.
#[derive(Default)]
struct Line {
    text: String,
    fields: usize,
}

impl Line {
    fn clear(&mut self) {
        self.text.clear();
        self.fields = 0;
    }

    fn sep(&mut self) {
        if self.fields > 0 {
            self.text.push('\t');
        }
        self.fields += 1;
    }

    fn str(&mut self, s: &str) {
        self.sep();
        if s.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
            self.text.extend(s.chars().map(|c| if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c }));
        } else {
            self.text.push_str(s);
        }
    }

    fn opt(&mut self, s: Option<&str>) {
        self.str(s.unwrap_or(""));
    }

    fn int(&mut self, n: impl std::fmt::Display) {
        self.sep();
        use std::fmt::Write as _;
        let _ = write!(self.text, "{n}");
    }

    fn float(&mut self, x: Option<f64>) {
        match x {
            Some(x) if x.is_finite() => self.int(x),
            _ => self.str(""),
        }
    }

    fn empty(&mut self, n: usize) {
        for _ in 0..n {
            self.str("");
        }
    }

    fn end(&mut self) {
        self.text.push('\n');
    }
}

/// Writes merged events as GDELT 2.0 Events lines (61 tab-separated
/// columns, no header).
pub struct GdeltEventsWriter<W: Write> {
    out: W,
    line: Line,
}

impl<W: Write> GdeltEventsWriter<W> {
    /// A writer onto `out` (buffer it: one `write_all` per event).
    pub fn new(out: W) -> Self {
        GdeltEventsWriter { out, line: Line::default() }
    }

    /// Formats one event as a line (with its newline) without writing it.
    fn format(&mut self, m: &MergedEvent) -> Result<(), Error> {
        let ev = &m.event;
        let date = ev.date.as_deref().map(EventDate::parse).transpose().map_err(|e| Error::invalid(m.id, e))?;
        let added = Timestamp::parse(&m.date_added).map_err(|e| Error::invalid(m.id, format!("date_added {e}")))?;
        let l = &mut self.line;
        l.clear();
        l.int(m.id);
        match date {
            Some(d) => {
                match (d.month, d.day) {
                    (Some(mo), Some(day)) => l.int(format_args!("{:04}{mo:02}{day:02}", d.year)),
                    _ => l.str(""),
                }
                match d.month {
                    Some(mo) => l.int(format_args!("{:04}{mo:02}", d.year)),
                    None => l.str(""),
                }
                l.int(format_args!("{:04}", d.year));
                match d.fraction() {
                    Some(f) => l.int(format_args!("{f:.4}")),
                    None => l.str(""),
                }
            }
            None => l.empty(4),
        }
        actor_columns(l, Some(&ev.source));
        actor_columns(l, ev.target.as_ref());
        let is_root = ev.sentence == 0 || m.mentions.iter().any(|x| x.event.sentence == 0);
        l.int(u8::from(is_root));
        l.str(&ev.cameo);
        match ev.root {
            Some(_) => l.str(ev.cameo.get(..3).unwrap_or(&ev.cameo)),
            None => l.str(&ev.cameo),
        }
        l.opt(ev.root.as_deref());
        match ev.quad_class {
            Some(q) => l.int(q),
            None => l.str(""),
        }
        l.float(ev.goldstein);
        l.int(m.num_mentions);
        l.int(m.num_sources);
        l.int(m.num_articles);
        l.str(""); // AvgTone: dyad measures no tone.
        l.empty(8); // Actor1Geo: dyad places the action, not the actors.
        l.empty(8); // Actor2Geo
        geo_columns(l, ev.location.as_ref());
        l.str(&added.gdelt());
        l.str(source_url(m));
        l.end();
        debug_assert_eq!(l.fields, GDELT_EVENT_COLUMNS.len());
        Ok(())
    }
}

impl<W: Write> EventWriter for GdeltEventsWriter<W> {
    fn write(&mut self, event: &MergedEvent) -> Result<(), Error> {
        self.format(event)?;
        self.out.write_all(self.line.text.as_bytes()).map_err(|e| Error::io("writing GDELT events", e))
    }

    fn finish(mut self: Box<Self>) -> Result<(), Error> {
        self.out.flush().map_err(|e| Error::io("writing GDELT events", e))
    }
}

/// Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code,
/// Religion2Code, Type1Code, Type2Code, Type3Code.
fn actor_columns(l: &mut Line, actor: Option<&Actor>) {
    let Some(a) = actor else {
        l.empty(10);
        return;
    };
    let b = GdeltActorBlocks::of(a);
    l.str(&a.code);
    l.str(a.name.as_deref().unwrap_or(&a.text));
    l.opt(b.country.as_deref());
    l.opt(b.known_group.as_deref());
    l.opt(b.ethnic.as_deref());
    l.opt(b.religion1.as_deref());
    l.opt(b.religion2.as_deref());
    for t in &b.types {
        l.opt(t.as_deref());
    }
}

/// GDELT's Geo_Type: 1 country, 2 US state, 3 US city, 4 world city,
/// 5 world state (ADM1). Regions ("Donbas", "the Red Sea") have no GDELT
/// type. A place dyad took from the document as a whole keeps no kind, so
/// it counts as a country without an ADM1 code and as a state with one:
/// never more precise than known.
pub(crate) fn geo_type(loc: &Location) -> Option<u8> {
    let us = loc.country.as_deref() == Some("USA") || loc.fips.as_deref() == Some("US");
    match loc.precision.as_deref() {
        Some("country") => Some(1),
        Some("adm1") => Some(if us { 2 } else { 5 }),
        Some("city") => Some(if us { 3 } else { 4 }),
        Some("region") => None,
        _ if loc.adm1.is_some() => Some(if us { 2 } else { 5 }),
        _ if loc.fips.is_some() || loc.country.is_some() => Some(1),
        _ => None,
    }
}

/// Type, FullName, CountryCode (FIPS), ADM1Code, ADM2Code, Lat, Long,
/// FeatureID.
fn geo_columns(l: &mut Line, loc: Option<&Location>) {
    let Some(loc) = loc else {
        l.empty(8);
        return;
    };
    let kind = geo_type(loc);
    match kind {
        Some(k) => l.int(k),
        None => l.str(""),
    }
    l.str(&loc.name);
    l.opt(loc.fips.as_deref());
    // GDELT repeats the country code in ADM1Code for country-level places.
    match (&loc.adm1, kind) {
        (Some(adm1), _) => l.str(adm1),
        (None, Some(1)) => l.opt(loc.fips.as_deref()),
        (None, _) => l.str(""),
    }
    l.str(""); // ADM2Code: dyad's gazetteer stops at ADM1.
    l.float(loc.lat);
    l.float(loc.lon);
    match loc.feature_id {
        Some(id) => l.int(id),
        None => l.str(""),
    }
}

/// SOURCEURL: the first mention's URL, else the representative article's
/// id (GDELT too puts a citation there for sources without a URL).
fn source_url(m: &MergedEvent) -> &str {
    m.mentions.iter().find_map(|x| x.url.as_deref()).unwrap_or(&m.event.doc_id)
}

/// Writes the mentions of merged events as GDELT 2.0 Mentions lines (16
/// tab-separated columns, no header), one line per mention.
pub struct GdeltMentionsWriter<W: Write> {
    out: W,
    line: Line,
    lines: String,
}

impl<W: Write> GdeltMentionsWriter<W> {
    /// A writer onto `out` (buffer it).
    pub fn new(out: W) -> Self {
        GdeltMentionsWriter { out, line: Line::default(), lines: String::new() }
    }

    fn format(&mut self, m: &MergedEvent) -> Result<(), Error> {
        if m.mentions.is_empty() {
            return Err(Error::invalid(m.id, "has no mentions: the store must be asked to load them"));
        }
        let event_time =
            Timestamp::parse(&m.date_added).map_err(|e| Error::invalid(m.id, format!("date_added {e}")))?.gdelt();
        self.lines.clear();
        for (i, x) in m.mentions.iter().enumerate() {
            let seen = Timestamp::parse(&x.date_added)
                .map_err(|e| Error::invalid(m.id, format!("mention {} date_added {e}", i + 1)))?;
            let l = &mut self.line;
            l.clear();
            l.int(m.id);
            l.str(&event_time);
            l.str(&seen.gdelt());
            // 1 = WEB (a URL); 2 = CITATIONONLY (no URL: the identifier is
            // the article's id).
            l.int(if x.url.is_some() { 1 } else { 2 });
            l.str(x.source_name.as_deref().or_else(|| x.url.as_deref().and_then(host)).unwrap_or(""));
            l.str(x.url.as_deref().unwrap_or(&x.article_id));
            l.int(x.event.sentence + 1); // GDELT counts sentences from 1.
            l.int(x.event.source.span[0]);
            match &x.event.target {
                Some(t) => l.int(t.span[0]),
                None => l.int(-1),
            }
            l.int(x.event.trigger.span[0]);
            l.int(1); // InRawText: dyad codes the text as written.
            l.str(""); // Confidence: dyad gives no per-mention confidence.
            l.int(x.doc_len);
            l.str(""); // MentionDocTone
            l.str(""); // MentionDocTranslationInfo: English text only.
            let extras = serde_json::json!({
                "cameo": x.event.cameo,
                "mode": x.event.mode.as_str(),
                "reported": x.event.reported,
                "rule": x.event.rule,
            });
            l.str(&extras.to_string());
            l.end();
            debug_assert_eq!(l.fields, GDELT_MENTION_COLUMNS.len());
            self.lines.push_str(&l.text);
        }
        Ok(())
    }
}

/// The host of an `http(s)://host/...` URL.
fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?;
    let host = host.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

impl<W: Write> EventWriter for GdeltMentionsWriter<W> {
    fn write(&mut self, event: &MergedEvent) -> Result<(), Error> {
        self.format(event)?;
        self.out.write_all(self.lines.as_bytes()).map_err(|e| Error::io("writing GDELT mentions", e))
    }

    fn finish(mut self: Box<Self>) -> Result<(), Error> {
        self.out.flush().map_err(|e| Error::io("writing GDELT mentions", e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{coded_events, find_event};

    fn col(name: &str) -> usize {
        GDELT_EVENT_COLUMNS.iter().position(|c| *c == name).unwrap()
    }

    fn mcol(name: &str) -> usize {
        GDELT_MENTION_COLUMNS.iter().position(|c| *c == name).unwrap()
    }

    fn events_tsv(events: &[MergedEvent]) -> String {
        let mut out = Vec::new();
        let mut w = Box::new(GdeltEventsWriter::new(&mut out));
        for e in events {
            w.write(e).unwrap();
        }
        w.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn every_event_line_has_61_columns_in_gdelt_order() {
        let events = coded_events();
        let text = events_tsv(&events);
        assert_eq!(text.lines().count(), events.len());
        for (line, m) in text.lines().zip(&events) {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 61, "{line}");
            assert_eq!(f[col("GLOBALEVENTID")], m.id.to_string());
            assert_eq!(f[col("Actor1Code")], m.event.source.code);
            assert_eq!(f[col("EventCode")], m.event.cameo);
            assert_eq!(f[col("EventRootCode")], m.event.root.as_deref().unwrap_or(""));
            assert_eq!(f[col("NumMentions")], m.num_mentions.to_string());
            assert_eq!(f[col("NumSources")], m.num_sources.to_string());
            assert_eq!(f[col("NumArticles")], m.num_articles.to_string());
            assert_eq!(f[col("AvgTone")], "");
            assert_eq!(f[col("DATEADDED")].len(), 14);
            assert!(f[col("DATEADDED")].bytes().all(|b| b.is_ascii_digit()));
            assert!(f[col("Actor1Geo_Type")..=col("Actor2Geo_FeatureID")].iter().all(|x| x.is_empty()));
            assert_eq!(f[col("SOURCEURL")], m.mentions[0].url.as_deref().unwrap());
        }
    }

    #[test]
    fn values_land_in_their_columns() {
        let events = coded_events();
        // "Russian President Vladimir Putin visited Tehran on Tuesday ..."
        let visit = find_event(&events, "042");
        let line = events_tsv(std::slice::from_ref(visit));
        let f: Vec<&str> = line.trim_end_matches('\n').split('\t').collect();
        let date = visit.event.date.as_deref().unwrap().replace('-', "");
        assert_eq!(f[col("SQLDATE")], date);
        assert_eq!(f[col("MonthYear")], &date[..6]);
        assert_eq!(f[col("Year")], &date[..4]);
        assert!(f[col("FractionDate")].starts_with(&date[..4]) && f[col("FractionDate")].len() == 9);
        assert_eq!(f[col("Actor1CountryCode")], "RUS");
        assert_eq!(f[col("Actor1Type1Code")], visit.event.source.role.as_deref().unwrap_or(""));
        assert_eq!(f[col("EventBaseCode")], "042");
        assert_eq!(f[col("QuadClass")], visit.event.quad_class.unwrap().to_string());
        assert_eq!(f[col("GoldsteinScale")].parse::<f64>().unwrap(), visit.event.goldstein.unwrap());
        let loc = visit.event.location.as_ref().expect("the visit is placed in Tehran");
        assert_eq!(f[col("ActionGeo_FullName")], loc.name);
        assert_eq!(f[col("ActionGeo_CountryCode")], loc.fips.as_deref().unwrap());
        assert_eq!(f[col("ActionGeo_CountryCode")], "IR");
        assert_eq!(f[col("ActionGeo_Type")], "4", "Tehran is a world city");
        assert_eq!(f[col("ActionGeo_Lat")].parse::<f64>().unwrap(), loc.lat.unwrap());
        assert_eq!(f[col("ActionGeo_Long")].parse::<f64>().unwrap(), loc.lon.unwrap());
        assert_eq!(f[col("ActionGeo_ADM2Code")], "");
        assert_eq!(f[col("Actor2Code")], visit.event.target.as_ref().map(|t| t.code.as_str()).unwrap_or(""));
    }

    #[test]
    fn actor_blocks_and_root_events_from_coded_text() {
        let events = coded_events();
        // "The United Nations urged both sides to negotiate." (second
        // sentence of its article): IGOUNO.
        let appeal = find_event(&events, "026");
        assert_eq!(appeal.event.source.code, "IGOUNO");
        let line = events_tsv(std::slice::from_ref(appeal));
        let f: Vec<&str> = line.trim_end().split('\t').collect();
        assert_eq!(f[col("Actor1CountryCode")], "");
        assert_eq!(f[col("Actor1KnownGroupCode")], "UNO");
        assert_eq!(f[col("Actor1Type1Code")], "IGO");
        assert_eq!(f[col("Actor1EthnicCode")], "");
        assert_eq!(f[col("IsRootEvent")], "0");
        let lead = events.iter().find(|e| e.event.sentence == 0).unwrap();
        let line = events_tsv(std::slice::from_ref(lead));
        assert_eq!(line.split('\t').nth(col("IsRootEvent")), Some("1"));
    }

    #[test]
    fn tabs_and_line_breaks_inside_fields_become_spaces() {
        let mut m = coded_events().remove(0);
        m.event.source.name = Some("Name\twith\ttabs\nand\r\nbreaks".into());
        m.mentions[0].url = Some("https://example.org/a\tb".into());
        m.mentions[0].source_name = Some("The\nTimes".into());
        let line = events_tsv(std::slice::from_ref(&m));
        assert_eq!(line.lines().count(), 1);
        let f: Vec<&str> = line.trim_end().split('\t').collect();
        assert_eq!(f.len(), 61);
        assert_eq!(f[col("Actor1Name")], "Name with tabs and  breaks");
        assert_eq!(f[col("SOURCEURL")], "https://example.org/a b");

        let mut out = Vec::new();
        let mut w = Box::new(GdeltMentionsWriter::new(&mut out));
        w.write(&m).unwrap();
        w.finish().unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), m.mentions.len());
        let f: Vec<&str> = text.lines().next().unwrap().split('\t').collect();
        assert_eq!(f.len(), 16);
        assert_eq!(f[mcol("MentionSourceName")], "The Times");
    }

    #[test]
    fn mentions_have_16_columns_and_point_into_the_text() {
        let events = coded_events();
        let mut out = Vec::new();
        let mut w = Box::new(GdeltMentionsWriter::new(&mut out));
        for e in &events {
            w.write(e).unwrap();
        }
        w.finish().unwrap();
        let text = String::from_utf8(out).unwrap();
        let mentions: Vec<_> = events.iter().flat_map(|e| e.mentions.iter().map(move |x| (e, x))).collect();
        assert_eq!(text.lines().count(), mentions.len());
        for (line, (m, x)) in text.lines().zip(&mentions) {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 16, "{line}");
            assert_eq!(f[mcol("GLOBALEVENTID")], m.id.to_string());
            assert_eq!(f[mcol("MentionType")], "1");
            assert_eq!(f[mcol("MentionIdentifier")], x.url.as_deref().unwrap());
            assert_eq!(f[mcol("MentionSourceName")], x.source_name.as_deref().unwrap());
            assert_eq!(f[mcol("SentenceID")], (x.event.sentence + 1).to_string());
            let offset: usize = f[mcol("Actor1CharOffset")].parse().unwrap();
            assert_eq!(offset, x.event.source.span[0]);
            let action: usize = f[mcol("ActionCharOffset")].parse().unwrap();
            let sentence_start = x.event.text.as_str();
            assert!(sentence_start.contains(x.event.trigger.text.as_str()));
            assert_eq!(action, x.event.trigger.span[0]);
            assert_eq!(f[mcol("MentionDocLen")], x.doc_len.to_string());
            let extras: serde_json::Value = serde_json::from_str(f[mcol("Extras")]).unwrap();
            assert_eq!(extras["rule"], x.event.rule.as_str());
            assert_eq!(extras["mode"], x.event.mode.as_str());
        }
    }

    #[test]
    fn mentions_without_url_cite_the_article_and_events_without_mentions_fail() {
        let mut m = coded_events().remove(0);
        m.mentions[0].url = None;
        m.mentions[0].source_name = None;
        let mut out = Vec::new();
        let mut w = GdeltMentionsWriter::new(&mut out);
        w.write(&m).unwrap();
        let text = String::from_utf8(out).unwrap();
        let f: Vec<&str> = text.lines().next().unwrap().split('\t').collect();
        assert_eq!(f[mcol("MentionType")], "2");
        assert_eq!(f[mcol("MentionIdentifier")], m.mentions[0].article_id);
        assert_eq!(f[mcol("MentionSourceName")], "");

        m.mentions.clear();
        let mut out = Vec::new();
        let err = GdeltMentionsWriter::new(&mut out).write(&m).unwrap_err();
        assert!(err.is_record_error() && err.to_string().contains("no mentions"), "{err}");
        assert!(out.is_empty());
    }

    #[test]
    fn coarse_and_missing_dates_leave_finer_columns_empty() {
        let mut m = coded_events().remove(0);
        m.event.date = Some("2022-07".into());
        let f_month = events_tsv(std::slice::from_ref(&m));
        let f: Vec<&str> = f_month.trim_end().split('\t').collect();
        assert_eq!(&f[1..5], &["", "202207", "2022", ""]);
        m.event.date = None;
        let f_none = events_tsv(std::slice::from_ref(&m));
        let f: Vec<&str> = f_none.trim_end().split('\t').collect();
        assert_eq!(&f[1..5], &["", "", "", ""]);
        m.event.date = Some("07/19/2022".into());
        let mut out = Vec::new();
        let err = GdeltEventsWriter::new(&mut out).write(&m).unwrap_err();
        assert!(err.is_record_error(), "{err}");
        assert!(out.is_empty(), "a bad record writes nothing");
    }

    #[test]
    fn geo_types_follow_gdelt() {
        let place = |precision: &str, country: &str, fips: &str, adm1: Option<&str>| Location {
            name: "x".into(),
            country: Some(country.into()),
            lat: None,
            lon: None,
            text: None,
            span: None,
            precision: Some(precision.into()),
            fips: Some(fips.into()),
            adm1: adm1.map(String::from),
            feature_id: None,
            confidence: None,
            from_actor: false,
        };
        assert_eq!(geo_type(&place("country", "UKR", "UP", None)), Some(1));
        assert_eq!(geo_type(&place("adm1", "USA", "US", Some("USTX"))), Some(2));
        assert_eq!(geo_type(&place("city", "USA", "US", Some("USTX"))), Some(3));
        assert_eq!(geo_type(&place("city", "UKR", "UP", Some("UP12"))), Some(4));
        assert_eq!(geo_type(&place("adm1", "UKR", "UP", Some("UP14"))), Some(5));
        assert_eq!(geo_type(&place("region", "UKR", "UP", None)), None);
        assert_eq!(geo_type(&place("document", "UKR", "UP", None)), Some(1));
        assert_eq!(geo_type(&place("document", "UKR", "UP", Some("UP14"))), Some(5));
    }

    #[test]
    fn hosts_of_urls() {
        assert_eq!(host("https://www.bbc.co.uk/news/1"), Some("www.bbc.co.uk"));
        assert_eq!(host("http://user@example.org:8080?q"), Some("example.org"));
        assert_eq!(host("not a url"), None);
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use crate::test_support::coded_events;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the text in names, URLs and outlet names, every event
        /// is one line of 61 fields and every mention one line of 16.
        #[test]
        fn any_text_keeps_the_columns(name in "\\PC*|[\t\n\r a-z]*", url in ".*", outlet in "[\t\n\r\"',;a-z]*") {
            let mut m = coded_events().swap_remove(0);
            m.event.source.name = Some(name);
            m.mentions[0].url = Some(url);
            m.mentions[0].source_name = Some(outlet);
            let mut out = Vec::new();
            GdeltEventsWriter::new(&mut out).write(&m).unwrap();
            let text = String::from_utf8(out).unwrap();
            prop_assert_eq!(text.matches('\n').count(), 1);
            prop_assert!(!text.contains('\r'));
            prop_assert_eq!(text.trim_end_matches('\n').split('\t').count(), 61);
            let mut out = Vec::new();
            GdeltMentionsWriter::new(&mut out).write(&m).unwrap();
            let text = String::from_utf8(out).unwrap();
            prop_assert_eq!(text.lines().count(), m.mentions.len());
            for line in text.lines() {
                prop_assert_eq!(line.split('\t').count(), 16);
            }
        }
    }
}
