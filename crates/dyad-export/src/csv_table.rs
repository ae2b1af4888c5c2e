//! A flat CSV table of merged events, one row per event, with a header row
//! and RFC 4180 quoting (the `csv` crate's: fields holding a comma, quote
//! or line break are quoted, quotes doubled), so spreadsheets, R and pandas
//! read it as it is. Mentions are not in it (use gdelt-mentions, PLOVER or
//! Parquet for those); `source_url` is the first mention's URL.

use std::io::Write;

use dyad_types::{Actor, MergedEvent};

use crate::dates::{EventDate, Timestamp};
use crate::{Error, EventWriter};

/// The CSV header, in column order.
pub const CSV_COLUMNS: [&str; 33] = [
    "id",
    "date",
    "date_precision",
    "source_code",
    "source_country",
    "source_role",
    "source_name",
    "source_text",
    "target_code",
    "target_country",
    "target_role",
    "target_name",
    "target_text",
    "cameo",
    "root",
    "quad_class",
    "goldstein",
    "plover",
    "mode",
    "reported",
    "num_mentions",
    "num_sources",
    "num_articles",
    "place_name",
    "place_country",
    "place_lat",
    "place_lon",
    "source_url",
    "date_added",
    "doc_id",
    "sentence",
    "text",
    "rule",
];

/// Writes merged events as CSV rows under [`CSV_COLUMNS`].
pub struct CsvWriter<W: Write> {
    out: csv::Writer<W>,
    header_written: bool,
    row: Vec<String>,
}

impl<W: Write> CsvWriter<W> {
    /// A writer onto `out`; the header is written with the first row (or
    /// by `finish` when there are none).
    pub fn new(out: W) -> Self {
        CsvWriter { out: csv::Writer::from_writer(out), header_written: false, row: Vec::new() }
    }

    fn header(&mut self) -> Result<(), Error> {
        if !self.header_written {
            self.out.write_record(CSV_COLUMNS)?;
            self.header_written = true;
        }
        Ok(())
    }
}

fn text(v: Option<impl ToString>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn actor_cells(row: &mut Vec<String>, a: Option<&Actor>) {
    row.push(text(a.map(|a| &a.code)));
    row.push(text(a.and_then(|a| a.country.as_ref())));
    row.push(text(a.and_then(|a| a.role.as_ref())));
    row.push(text(a.and_then(|a| a.name.as_ref())));
    row.push(text(a.map(|a| &a.text)));
}

impl<W: Write> EventWriter for CsvWriter<W> {
    fn write(&mut self, m: &MergedEvent) -> Result<(), Error> {
        let ev = &m.event;
        if let Some(d) = &ev.date {
            EventDate::parse(d).map_err(|e| Error::invalid(m.id, e))?;
        }
        Timestamp::parse(&m.date_added).map_err(|e| Error::invalid(m.id, format!("date_added {e}")))?;
        let loc = ev.location.as_ref();
        let r = &mut self.row;
        r.clear();
        r.push(m.id.to_string());
        r.push(text(ev.date.as_ref()));
        r.push(ev.date_precision.as_str().to_string());
        actor_cells(r, Some(&ev.source));
        actor_cells(r, ev.target.as_ref());
        r.push(ev.cameo.clone());
        r.push(text(ev.root.as_ref()));
        r.push(text(ev.quad_class));
        r.push(text(ev.goldstein.filter(|g| g.is_finite())));
        r.push(text(ev.plover.as_ref()));
        r.push(ev.mode.as_str().to_string());
        r.push(ev.reported.to_string());
        r.push(m.num_mentions.to_string());
        r.push(m.num_sources.to_string());
        r.push(m.num_articles.to_string());
        r.push(text(loc.map(|l| &l.name)));
        r.push(text(loc.and_then(|l| l.country.as_ref())));
        r.push(text(loc.and_then(|l| l.lat).filter(|x| x.is_finite())));
        r.push(text(loc.and_then(|l| l.lon).filter(|x| x.is_finite())));
        r.push(text(m.mentions.iter().find_map(|x| x.url.as_ref())));
        r.push(m.date_added.clone());
        r.push(ev.doc_id.clone());
        r.push(ev.sentence.to_string());
        r.push(ev.text.clone());
        r.push(ev.rule.clone());
        debug_assert_eq!(r.len(), CSV_COLUMNS.len());
        self.header()?;
        self.out.write_record(&self.row)?;
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<(), Error> {
        self.header()?;
        self.out.flush().map_err(|e| Error::io("writing CSV", e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{coded_events, find_event};

    fn write_all(events: &[MergedEvent]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut w = Box::new(CsvWriter::new(&mut out));
        for e in events {
            w.write(e).unwrap();
        }
        w.finish().unwrap();
        out
    }

    #[test]
    fn round_trips_through_the_csv_reader() {
        let mut events = coded_events();
        // Quotes, commas and a line break must survive.
        events[0].event.text = "He said, \"no\".\nThen left.".into();
        let bytes = write_all(&events);
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, CSV_COLUMNS);
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), events.len());
        let at = |name: &str| CSV_COLUMNS.iter().position(|c| *c == name).unwrap();
        for (row, m) in rows.iter().zip(&events) {
            assert_eq!(row.len(), CSV_COLUMNS.len());
            assert_eq!(row[at("id")].parse::<i64>().unwrap(), m.id);
            assert_eq!(&row[at("source_code")], m.event.source.code);
            assert_eq!(&row[at("cameo")], m.event.cameo);
            assert_eq!(&row[at("text")], m.event.text);
            assert_eq!(&row[at("mode")], m.event.mode.as_str());
            assert_eq!(row[at("num_mentions")].parse::<u32>().unwrap(), m.num_mentions);
            assert_eq!(&row[at("source_url")], m.mentions[0].url.as_deref().unwrap());
        }
        let visit = find_event(&events, "042");
        let row = rows.iter().find(|r| r[at("id")] == visit.id.to_string()).unwrap();
        let loc = visit.event.location.as_ref().unwrap();
        assert_eq!(&row[at("place_name")], loc.name);
        assert_eq!(row[at("place_lat")].parse::<f64>().unwrap(), loc.lat.unwrap());
        assert_eq!(row[at("goldstein")].parse::<f64>().unwrap(), visit.event.goldstein.unwrap());
        assert_eq!(&row[at("plover")], "CONSULT");
    }

    #[test]
    fn an_empty_export_still_has_its_header() {
        let bytes = write_all(&[]);
        assert_eq!(String::from_utf8(bytes).unwrap().trim_end(), CSV_COLUMNS.join(","));
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use crate::test_support::coded_events;
    use proptest::prelude::*;

    proptest! {
        /// Any sentence text and name survive the CSV round trip exactly.
        #[test]
        fn any_text_round_trips(text in "\\PC*|[\t\n\r\",; a-z]*", name in "[\"\n,a-z ]*") {
            let mut m = coded_events().swap_remove(0);
            m.event.text = text.clone();
            m.event.source.name = Some(name.clone());
            let mut out = Vec::new();
            let mut w = Box::new(CsvWriter::new(&mut out));
            w.write(&m).unwrap();
            w.finish().unwrap();
            let mut reader = csv::Reader::from_reader(out.as_slice());
            let row = reader.records().next().unwrap().unwrap();
            let at = |c: &str| CSV_COLUMNS.iter().position(|x| *x == c).unwrap();
            prop_assert_eq!(&row[at("text")], text.as_str());
            prop_assert_eq!(&row[at("source_name")], name.as_str());
            prop_assert_eq!(row.len(), CSV_COLUMNS.len());
        }
    }
}
