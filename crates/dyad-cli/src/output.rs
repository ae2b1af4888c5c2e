//! Output formats for coded documents.

use std::io::{self, Write};

use clap::ValueEnum;
use dyad_coder::{Article, CodedArticle};
use dyad_types::{Actor, Event};

use crate::explain;

/// How events are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One event per line as JSON (schema/event.schema.json).
    Jsonl,
    /// One event per line, tab-separated, with a header row.
    Tsv,
    /// For people: every sentence with its actors and triggers marked, and
    /// why each event was coded.
    Explain,
}

/// Columns of the TSV format, in order.
pub const TSV_COLUMNS: &[&str] = &[
    "doc_id",
    "sentence",
    "date",
    "date_precision",
    "source_code",
    "source_text",
    "target_code",
    "target_text",
    "cameo",
    "root",
    "quad_class",
    "goldstein",
    "plover",
    "mode",
    "reported",
    "speaker_code",
    "trigger",
    "rule",
    "text",
];

/// Writes coded documents in one format.
pub struct EventWriter<W: Write> {
    out: W,
    format: Format,
}

impl<W: Write> EventWriter<W> {
    /// Starts the output (the TSV header).
    pub fn new(mut out: W, format: Format) -> io::Result<EventWriter<W>> {
        if format == Format::Tsv {
            writeln!(out, "{}", TSV_COLUMNS.join("\t"))?;
        }
        Ok(EventWriter { out, format })
    }

    /// Writes everything coded in one document.
    pub fn document(&mut self, article: &Article, coded: &CodedArticle) -> io::Result<()> {
        match self.format {
            Format::Jsonl => {
                for event in &coded.events {
                    serde_json::to_writer(&mut self.out, event)?;
                    self.out.write_all(b"\n")?;
                }
            }
            Format::Tsv => {
                for event in &coded.events {
                    write_tsv_row(&mut self.out, event)?;
                }
            }
            Format::Explain => explain::write_document(&mut self.out, article, coded)?,
        }
        Ok(())
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

fn write_tsv_row(out: &mut impl Write, ev: &Event) -> io::Result<()> {
    let code = |a: Option<&Actor>| a.map(|a| a.code.clone()).unwrap_or_default();
    let text = |a: Option<&Actor>| a.map(|a| a.text.clone()).unwrap_or_default();
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let fields: [String; 19] = [
        ev.doc_id.clone(),
        ev.sentence.to_string(),
        opt(&ev.date),
        ev.date_precision.as_str().to_string(),
        ev.source.code.clone(),
        ev.source.text.clone(),
        code(ev.target.as_ref()),
        text(ev.target.as_ref()),
        ev.cameo.clone(),
        opt(&ev.root),
        ev.quad_class.map(|q| q.to_string()).unwrap_or_default(),
        ev.goldstein.map(|g| g.to_string()).unwrap_or_default(),
        opt(&ev.plover),
        ev.mode.as_str().to_string(),
        ev.reported.to_string(),
        code(ev.speaker.as_ref()),
        ev.trigger.text.clone(),
        ev.rule.clone(),
        ev.text.clone(),
    ];
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.write_all(b"\t")?;
        }
        out.write_all(tsv_field(field).as_bytes())?;
    }
    out.write_all(b"\n")
}

/// A field with the characters that would break a TSV row made spaces.
fn tsv_field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use dyad_types::{DatePrecision, Mode, Trigger, SCHEMA_VERSION};

    /// A plausible event for format tests.
    pub(crate) fn sample_event() -> Event {
        Event {
            doc_id: "d1".into(),
            sentence: 0,
            text: "Russian President Vladimir Putin discussed\tgrain with Turkey.".into(),
            date: Some("2022-07-19".into()),
            date_precision: DatePrecision::Document,
            date_text: None,
            date_span: None,
            historical: false,
            source: Actor::from_code(
                "RUSGOV",
                Some("Vladimir Putin".into()),
                "Russian President Vladimir Putin".into(),
                [0, 32],
            ),
            target: Some(Actor::from_code("TUR", None, "Turkey".into(), [54, 60])),
            cameo: "040".into(),
            root: Some("04".into()),
            quad_class: Some(1),
            goldstein: Some(1.0),
            plover: Some("CONSULT".into()),
            mode: Mode::Asserted,
            reported: false,
            speaker: None,
            trigger: Trigger { text: "discussed".into(), span: [33, 42] },
            location: None,
            rule: "verbs.txt:1".into(),
            rule_pattern: Some("discuss * with".into()),
            schema_version: SCHEMA_VERSION,
            issues: Vec::new(),
        }
    }

    #[test]
    fn tsv_row_matches_header() {
        let mut out = Vec::new();
        write_tsv_row(&mut out, &sample_event()).unwrap();
        let row = String::from_utf8(out).unwrap();
        let fields: Vec<&str> = row.trim_end_matches('\n').split('\t').collect();
        assert_eq!(fields.len(), TSV_COLUMNS.len());
        assert_eq!(fields[0], "d1");
        assert_eq!(fields[4], "RUSGOV");
        assert_eq!(fields[6], "TUR");
        assert_eq!(fields[8], "040");
        assert_eq!(fields[15], "");
        // The tab inside the sentence became a space.
        assert!(fields[18].contains("discussed grain"));
    }
}
