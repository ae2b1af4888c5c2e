//! The `explain` format: coded documents for people to read.
//!
//! Each document gets a `=== ID` header; each sentence is printed with its
//! index, actors marked `[words]{CODE}` and event triggers `<<words>>`; each
//! event follows as an indented block saying what was coded and which rule
//! coded it. Spans are code-point offsets into the document text, so marks
//! are placed by counting characters, never bytes.

use std::collections::HashSet;
use std::io::{self, Write};

use dyad_coder::{Article, CodedArticle, SentenceReport};
use dyad_types::{Actor, Event, Span};

/// Writes one document.
pub fn write_document(out: &mut dyn Write, article: &Article, coded: &CodedArticle) -> io::Result<()> {
    let date = article.date.as_deref().unwrap_or("unknown");
    writeln!(
        out,
        "=== {} (date {date}, {} sentences, {} events)",
        one_line(&article.id),
        coded.sentences.len(),
        coded.events.len()
    )?;
    let mut cursor = CharCursor::new(&article.text);
    let mut shown = HashSet::new();
    for report in &coded.sentences {
        let events: Vec<&Event> = report.events.iter().filter_map(|&i| coded.events.get(i)).collect();
        shown.extend(report.events.iter().copied());
        let marked = mark_sentence(&mut cursor, report, &events).unwrap_or_else(|| report.text.clone());
        writeln!(out, "[{}] {}", report.index, one_line(&marked))?;
        for event in &events {
            write_event(out, event)?;
        }
        if events.is_empty() {
            if let Some(note) = &report.note {
                writeln!(out, "    no event: {}", one_line(note))?;
            }
        }
    }
    if coded.sentences.is_empty() {
        writeln!(out, "(no sentences reported) {}", one_line(&article.text))?;
    }
    let orphans: Vec<&Event> =
        (0..coded.events.len()).filter(|i| !shown.contains(i)).map(|i| &coded.events[i]).collect();
    if !orphans.is_empty() {
        writeln!(out, "(events not tied to a reported sentence)")?;
        for event in orphans {
            writeln!(out, "[{}] {}", event.sentence, one_line(&event.text))?;
            write_event(out, event)?;
        }
    }
    writeln!(out)
}

fn write_event(out: &mut dyn Write, ev: &Event) -> io::Result<()> {
    let target = ev.target.as_ref().map_or("-", |t| t.code.as_str());
    let plover = ev.plover.as_deref().map(|p| format!(" {p}")).unwrap_or_default();
    writeln!(out, "    event {}{plover}: {} -> {target}", ev.cameo, ev.source.code)?;
    let mut scores = Vec::new();
    if let Some(q) = ev.quad_class {
        scores.push(format!("quad class {q}"));
    }
    if let Some(g) = ev.goldstein {
        scores.push(format!("goldstein {g}"));
    }
    if !scores.is_empty() {
        writeln!(out, "      scores:   {}", scores.join(", "))?;
    }
    writeln!(out, "      source:   {}", actor(&ev.source))?;
    if let Some(t) = &ev.target {
        writeln!(out, "      target:   {}", actor(t))?;
    }
    writeln!(out, "      mode:     {}", ev.mode.as_str())?;
    if ev.reported {
        let by = ev.speaker.as_ref().map_or("an unnamed speaker".to_string(), actor);
        writeln!(out, "      reported: by {by}")?;
    }
    let date = ev.date.as_deref().unwrap_or("unknown");
    let from = ev.date_text.as_deref().map(|t| format!(" from \"{}\"", one_line(t))).unwrap_or_default();
    writeln!(out, "      date:     {date} ({}){from}", ev.date_precision.as_str())?;
    writeln!(out, "      trigger:  \"{}\" {:?}", one_line(&ev.trigger.text), ev.trigger.span)?;
    match &ev.rule_pattern {
        Some(pattern) => writeln!(out, "      rule:     {}  {}", ev.rule, one_line(pattern))?,
        None => writeln!(out, "      rule:     {}", ev.rule)?,
    }
    if let Some(loc) = &ev.location {
        let country = loc.country.as_deref().map(|c| format!(" ({c})")).unwrap_or_default();
        writeln!(out, "      location: {}{country}", one_line(&loc.name))?;
    }
    Ok(())
}

fn actor(a: &Actor) -> String {
    let name = a.name.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
    format!("{} \"{}\"{name}", a.code, one_line(&a.text))
}

/// Text on one line: line breaks and tabs become spaces.
fn one_line(s: &str) -> String {
    s.replace(['\n', '\r', '\t'], " ")
}

/// One mark to insert into a sentence, in code points relative to the
/// sentence start.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Mark {
    start: usize,
    end: usize,
    open: &'static str,
    close: String,
}

/// The sentence with its actors and triggers marked, or None when its span
/// does not fit the document (then the caller prints the plain text).
fn mark_sentence(cursor: &mut CharCursor, report: &SentenceReport, events: &[&Event]) -> Option<String> {
    let [start, end] = report.span;
    if start > end {
        return None;
    }
    let from = cursor.byte_of(start)?;
    let to = cursor.byte_of(end)?;
    let sentence = &cursor.text[from..to];

    let mut marks = Vec::new();
    let mut add = |span: Span, open: &'static str, close: String| {
        let [s, e] = span;
        if s >= start && e <= end && s < e {
            marks.push(Mark { start: s - start, end: e - start, open, close });
        }
    };
    for a in report.actors.iter().chain(
        events.iter().flat_map(|ev| std::iter::once(&ev.source).chain(ev.target.as_ref()).chain(ev.speaker.as_ref())),
    ) {
        add(a.span, "[", format!("]{{{}}}", a.code));
    }
    for ev in events {
        add(ev.trigger.span, "<<", ">>".to_string());
    }
    Some(render_marks(sentence, marks))
}

/// Inserts marks into `text`. Marks are kept only while they nest properly;
/// one that crosses an earlier mark's boundary is dropped, so the output
/// never has tangled brackets.
fn render_marks(text: &str, mut marks: Vec<Mark>) -> String {
    let mut seen = HashSet::new();
    marks.retain(|m| seen.insert(m.clone()));
    marks.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<Mark> = Vec::new();
    let mut open_ends: Vec<usize> = Vec::new();
    for m in marks {
        while open_ends.last().is_some_and(|&e| e <= m.start) {
            open_ends.pop();
        }
        if open_ends.last().is_some_and(|&e| e < m.end) {
            continue;
        }
        open_ends.push(m.end);
        kept.push(m);
    }

    let mut out = String::with_capacity(text.len() + kept.len() * 12);
    // Indices into `kept` of the marks open at the current position.
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0;
    let mut boundary = |pos: usize, out: &mut String| {
        while stack.last().is_some_and(|&m| kept[m].end == pos) {
            out.push_str(&kept[stack.pop().unwrap()].close);
        }
        while next < kept.len() && kept[next].start == pos {
            out.push_str(kept[next].open);
            stack.push(next);
            next += 1;
        }
    };
    let mut count = 0;
    for (i, c) in text.chars().enumerate() {
        boundary(i, &mut out);
        out.push(c);
        count = i + 1;
    }
    boundary(count, &mut out);
    // Spans were clipped to the sentence, so every mark has closed by now;
    // close anything left anyway so brackets always balance.
    while let Some(m) = stack.pop() {
        out.push_str(&kept[m].close);
    }
    out
}

/// Converts code-point offsets into byte offsets, walking forward from the
/// last position asked (sentences come in order, so this stays linear).
struct CharCursor<'a> {
    text: &'a str,
    chars: usize,
    bytes: usize,
}

impl<'a> CharCursor<'a> {
    fn new(text: &'a str) -> CharCursor<'a> {
        CharCursor { text, chars: 0, bytes: 0 }
    }

    /// Byte offset of code point `target`, or None past the end of the text.
    fn byte_of(&mut self, target: usize) -> Option<usize> {
        if target < self.chars {
            self.chars = 0;
            self.bytes = 0;
        }
        while self.chars < target {
            let c = self.text[self.bytes..].chars().next()?;
            self.bytes += c.len_utf8();
            self.chars += 1;
        }
        Some(self.bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::sample_event;

    fn mark(start: usize, end: usize, open: &'static str, close: &str) -> Mark {
        Mark { start, end, open, close: close.into() }
    }

    #[test]
    fn marks_nest_and_crossing_marks_are_dropped() {
        let text = "abcdef";
        let got = render_marks(
            text,
            vec![
                mark(0, 3, "[", "]{A}"),
                mark(1, 2, "<<", ">>"),
                mark(2, 5, "[", "]{X}"), // crosses [0,3): dropped
                mark(4, 6, "[", "]{B}"),
                mark(4, 6, "[", "]{B}"), // duplicate
            ],
        );
        assert_eq!(got, "[a<<b>>c]{A}d[ef]{B}");
    }

    #[test]
    fn spans_count_code_points_across_sentences() {
        // Two sentences; the second has non-ASCII text before the actor so
        // byte and code-point offsets differ.
        let text = "Héllo wörld. Ça va, Putin visited Ankara.";
        let s2_start = text.chars().position(|c| c == 'Ç').unwrap();
        let s2_end = text.chars().count();
        let putin = text.chars().collect::<String>().find("Putin").unwrap(); // bytes
        let putin = text[..putin].chars().count();
        let mut ev = sample_event();
        ev.source = Actor::from_code("RUSGOV", None, "Putin".into(), [putin, putin + 5]);
        ev.target = Some(Actor::from_code("TUR", None, "Ankara".into(), [putin + 14, putin + 20]));
        ev.trigger.span = [putin + 6, putin + 13];
        let article = Article { id: "d".into(), text: text.into(), date: None };
        let coded = CodedArticle {
            events: vec![ev],
            sentences: vec![
                SentenceReport {
                    index: 0,
                    span: [0, 12],
                    text: "Héllo wörld.".into(),
                    actors: vec![],
                    events: vec![],
                    note: Some("no verb".into()),
                },
                SentenceReport {
                    index: 1,
                    span: [s2_start, s2_end],
                    text: "Ça va, Putin visited Ankara.".into(),
                    actors: vec![],
                    events: vec![0],
                    note: None,
                },
            ],
        };
        let mut out = Vec::new();
        write_document(&mut out, &article, &coded).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.starts_with("=== d (date unknown, 2 sentences, 1 events)\n"), "{out}");
        assert!(out.contains("[0] Héllo wörld.\n    no event: no verb\n"), "{out}");
        assert!(out.contains("[1] Ça va, [Putin]{RUSGOV} <<visited>> [Ankara]{TUR}.\n"), "{out}");
        assert!(out.contains("    event 040 CONSULT: RUSGOV -> TUR\n"), "{out}");
        assert!(out.contains("rule:     verbs.txt:1  discuss * with"), "{out}");
    }

    #[test]
    fn bad_spans_fall_back_to_plain_text() {
        let article = Article { id: "d".into(), text: "Short.".into(), date: None };
        let coded = CodedArticle {
            events: vec![],
            sentences: vec![SentenceReport {
                index: 0,
                span: [0, 99],
                text: "Short.".into(),
                actors: vec![],
                events: vec![7],
                note: None,
            }],
        };
        let mut out = Vec::new();
        write_document(&mut out, &article, &coded).unwrap();
        assert!(String::from_utf8(out).unwrap().contains("[0] Short.\n"));
    }
}
