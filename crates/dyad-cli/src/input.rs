//! Input readers: `.txt` files, JSON Lines files, directories and stdin.
//!
//! [`Inputs`] turns the command-line inputs into a stream of [`Item`]s in
//! input order: documents to code, bad records to report (the rest are still
//! coded), warnings, and inputs that could not be read at all. Inputs are
//! opened one at a time and JSON Lines files are read line by line, so memory
//! stays bounded however large the corpus is.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use dyad_coder::Article;
use serde_json::{Map, Value};

/// Largest record dyad reads: one JSON Lines line, or one `.txt` file
/// (50 MiB). Longer records are reported and skipped without being held in
/// memory.
pub const MAX_RECORD_BYTES: usize = 50 * 1024 * 1024;

/// A document ready to be coded.
#[derive(Debug)]
pub struct Doc {
    pub article: Article,
    /// Where the document came from, for messages: `FILE:LINE` or `FILE`.
    pub origin: String,
    /// What the record said about the article besides its text.
    pub meta: DocMeta,
}

/// A JSON Lines record's article metadata (all empty for `.txt` files).
#[derive(Debug, Clone, Default)]
pub struct DocMeta {
    /// True when the record gave its own `id` (else the id is `FILE:LINE`).
    pub given_id: bool,
    pub url: Option<String>,
    /// The outlet (`source`).
    pub source: Option<String>,
    pub title: Option<String>,
}

/// One thing read from the inputs, in input order.
#[derive(Debug)]
pub enum Item {
    Doc(Doc),
    /// A record that cannot be coded; `origin` is `FILE:LINE` (or `FILE`).
    BadRecord {
        origin: String,
        message: String,
    },
    /// Something odd about a record that is still coded.
    Warning {
        origin: String,
        message: String,
    },
    /// An input that could not be opened, listed or read.
    Unreadable {
        path: String,
        message: String,
    },
}

/// An input still to be opened.
enum Source {
    /// A path as given on the command line (`-` is stdin).
    Arg(PathBuf),
    /// A file found in a directory; `name` is its path relative to that
    /// directory, used for document ids.
    Found { path: PathBuf, name: String },
}

/// The stream of items read from the command-line inputs.
pub struct Inputs {
    pending: VecDeque<Source>,
    queued: VecDeque<Item>,
    current: Option<JsonlReader>,
    default_date: Option<String>,
}

impl Inputs {
    /// Reads `paths` in order; `default_date` is the publication date of
    /// records that carry none.
    pub fn new(paths: &[PathBuf], default_date: Option<String>) -> Inputs {
        Inputs {
            pending: paths.iter().cloned().map(Source::Arg).collect(),
            queued: VecDeque::new(),
            current: None,
            default_date,
        }
    }

    fn open(&mut self, source: Source) {
        match source {
            Source::Arg(path) if path.as_os_str() == "-" => {
                let reader = Box::new(BufReader::with_capacity(1 << 16, io::stdin()));
                self.current = Some(JsonlReader::new(reader, "-".into(), "-".into()));
            }
            Source::Arg(path) => {
                let shown = path.display().to_string();
                match std::fs::metadata(&path) {
                    Err(err) => self.queued.push_back(unreadable(&shown, &err)),
                    Ok(meta) if meta.is_dir() => self.expand_dir(&path),
                    Ok(_) => self.open_file(&path, shown.clone(), shown),
                }
            }
            Source::Found { path, name } => {
                let shown = path.display().to_string();
                self.open_file(&path, shown, name)
            }
        }
    }

    /// Opens a file: JSON Lines by extension, anything else as one text
    /// document. `shown` names the file in messages, `name` in document ids.
    fn open_file(&mut self, path: &Path, shown: String, name: String) {
        if has_extension(path, "jsonl") {
            match File::open(path) {
                Ok(file) => {
                    let reader = Box::new(BufReader::with_capacity(1 << 16, file));
                    self.current = Some(JsonlReader::new(reader, shown, name));
                }
                Err(err) => self.queued.push_back(unreadable(&shown, &err)),
            }
        } else {
            let item = read_text_file(path, &shown, name, self.default_date.clone());
            self.queued.push_back(item);
        }
    }

    /// Queues every `.txt` and `.jsonl` file under `dir`, in sorted path
    /// order.
    fn expand_dir(&mut self, dir: &Path) {
        let mut files = Vec::new();
        walk_dir(dir, &mut files, &mut self.queued);
        if files.is_empty() {
            self.queued.push_back(Item::Warning {
                origin: dir.display().to_string(),
                message: "no .txt or .jsonl files in this directory".into(),
            });
        }
        files.sort();
        for path in files.into_iter().rev() {
            let rel = path.strip_prefix(dir).unwrap_or(&path);
            let name = rel.display().to_string();
            self.pending.push_front(Source::Found { path, name });
        }
    }
}

impl Iterator for Inputs {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.queued.pop_front() {
                return Some(item);
            }
            if let Some(reader) = &mut self.current {
                if !reader.read_next(self.default_date.as_deref(), &mut self.queued) {
                    self.current = None;
                }
                continue;
            }
            let source = self.pending.pop_front()?;
            self.open(source);
        }
    }
}

fn unreadable(path: &str, err: &io::Error) -> Item {
    Item::Unreadable { path: path.to_string(), message: err.to_string() }
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// Collects the `.txt` and `.jsonl` files under `dir`. Symbolic links to
/// files are followed; symbolic links to directories are not, so a link loop
/// cannot make the walk endless.
fn walk_dir(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut VecDeque<Item>) {
    let shown = dir.display().to_string();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => return errors.push_back(unreadable(&shown, &err)),
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                errors.push_back(unreadable(&shown, &err));
                continue;
            }
        };
        let path = entry.path();
        let is_file = match entry.file_type() {
            Ok(t) if t.is_dir() => {
                walk_dir(&path, files, errors);
                continue;
            }
            Ok(t) if t.is_symlink() => std::fs::metadata(&path).is_ok_and(|m| m.is_file()),
            Ok(t) => t.is_file(),
            Err(err) => {
                errors.push_back(unreadable(&path.display().to_string(), &err));
                continue;
            }
        };
        if is_file && (has_extension(&path, "txt") || has_extension(&path, "jsonl")) {
            files.push(path);
        }
    }
}

/// Reads a `.txt` file as one document whose text is the file content.
fn read_text_file(path: &Path, shown: &str, name: String, date: Option<String>) -> Item {
    let mut bytes = Vec::new();
    let read = File::open(path).and_then(|f| f.take(MAX_RECORD_BYTES as u64 + 1).read_to_end(&mut bytes));
    if let Err(err) = read {
        return unreadable(shown, &err);
    }
    let bad = |line: usize, message: String| Item::BadRecord { origin: format!("{shown}:{line}"), message };
    if bytes.len() > MAX_RECORD_BYTES {
        return Item::BadRecord {
            origin: shown.to_string(),
            message: format!("file is larger than the {} MiB limit", MAX_RECORD_BYTES >> 20),
        };
    }
    let line_of = |byte: usize| 1 + bytes[..byte].iter().filter(|&&b| b == b'\n').count();
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return bad(line_of(pos), "NUL bytes in a text file (binary data?)".into());
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let pos = err.utf8_error().valid_up_to();
            let line = 1 + err.as_bytes()[..pos].iter().filter(|&&b| b == b'\n').count();
            return bad(line, "invalid UTF-8".into());
        }
    };
    // A byte-order mark is an encoding artefact, not text.
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if text.trim().is_empty() {
        return bad(1, "empty text".into());
    }
    Item::Doc(Doc { article: Article { id: name, text, date }, origin: shown.to_string(), meta: DocMeta::default() })
}

/// Reads JSON Lines one record at a time.
struct JsonlReader {
    reader: Box<dyn BufRead + Send>,
    /// The file as named in messages.
    shown: String,
    /// The file as named in default document ids (`NAME:LINE`).
    name: String,
    line_no: usize,
    buf: Vec<u8>,
}

impl JsonlReader {
    fn new(reader: Box<dyn BufRead + Send>, shown: String, name: String) -> JsonlReader {
        JsonlReader { reader, shown, name, line_no: 0, buf: Vec::new() }
    }

    /// Reads one line and queues what it gave. False at the end of input.
    fn read_next(&mut self, default_date: Option<&str>, out: &mut VecDeque<Item>) -> bool {
        let status = match read_line_limited(&mut *self.reader, &mut self.buf, MAX_RECORD_BYTES) {
            Ok(status) => status,
            Err(err) => {
                out.push_back(unreadable(&self.shown, &err));
                return false;
            }
        };
        self.line_no += 1;
        let origin = format!("{}:{}", self.shown, self.line_no);
        match status {
            LineStatus::Eof => return false,
            LineStatus::TooLong(len) => out.push_back(Item::BadRecord {
                origin,
                message: format!("line of {len} bytes is longer than the {} MiB limit", MAX_RECORD_BYTES >> 20),
            }),
            LineStatus::Line => {
                let default_id = format!("{}:{}", self.name, self.line_no);
                let mut warnings = Vec::new();
                match parse_record_meta(&self.buf, self.line_no == 1, default_id, default_date, &mut warnings) {
                    Ok(None) => {}
                    Ok(Some((article, meta))) => {
                        for message in warnings {
                            out.push_back(Item::Warning { origin: origin.clone(), message });
                        }
                        out.push_back(Item::Doc(Doc { article, origin, meta }));
                    }
                    Err(message) => out.push_back(Item::BadRecord { origin, message }),
                }
            }
        }
        true
    }
}

/// What [`read_line_limited`] read.
#[derive(Debug, PartialEq)]
enum LineStatus {
    /// No more input.
    Eof,
    /// A line is in the buffer, without its line ending.
    Line,
    /// The line (of this many bytes, line ending included) was longer than
    /// the limit and was discarded.
    TooLong(u64),
}

/// Reads one `\n`-terminated line into `buf`, like `read_until(b'\n')`, but
/// stops storing bytes once the line is known to exceed `limit`, so a huge
/// line costs no more than `limit` bytes of memory.
fn read_line_limited(reader: &mut dyn BufRead, buf: &mut Vec<u8>, limit: usize) -> io::Result<LineStatus> {
    buf.clear();
    let mut total: u64 = 0;
    let mut too_long = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if chunk.is_empty() {
            break;
        }
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        // Room for `limit` bytes plus the newline.
        if !too_long {
            if buf.len() + take <= limit + 1 {
                buf.extend_from_slice(&chunk[..take]);
            } else {
                too_long = true;
                buf.clear();
                buf.shrink_to(1 << 16);
            }
        }
        total += take as u64;
        reader.consume(take);
        if done {
            break;
        }
    }
    if total == 0 {
        return Ok(LineStatus::Eof);
    }
    if too_long {
        return Ok(LineStatus::TooLong(total));
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
    }
    if buf.len() > limit {
        let len = buf.len() as u64;
        buf.clear();
        return Ok(LineStatus::TooLong(len));
    }
    Ok(LineStatus::Line)
}

/// Parses one JSON Lines record. `Ok(None)` for a blank line; `Err` names
/// what is wrong with a bad record. `warnings` collects problems that do not
/// stop the record from being coded.
#[cfg(test)]
fn parse_record(
    line: &[u8],
    first_line: bool,
    default_id: String,
    default_date: Option<&str>,
    warnings: &mut Vec<String>,
) -> Result<Option<Article>, String> {
    parse_record_meta(line, first_line, default_id, default_date, warnings)
        .map(|record| record.map(|(article, _)| article))
}

/// [`parse_record`] with the record's [`DocMeta`].
fn parse_record_meta(
    line: &[u8],
    first_line: bool,
    default_id: String,
    default_date: Option<&str>,
    warnings: &mut Vec<String>,
) -> Result<Option<(Article, DocMeta)>, String> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    if line.contains(&0) {
        return Err("NUL bytes in the line (binary data?)".into());
    }
    let mut line = std::str::from_utf8(line).map_err(|e| format!("invalid UTF-8 at byte {}", e.valid_up_to() + 1))?;
    if first_line {
        line = line.strip_prefix('\u{feff}').unwrap_or(line);
    }
    let value: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let Value::Object(record) = value else {
        return Err(format!("expected a JSON object, found {}", kind(&value)));
    };
    let text = match record.get("text") {
        None | Some(Value::Null) => return Err("missing \"text\"".into()),
        Some(Value::String(text)) if text.trim().is_empty() => return Err("empty \"text\"".into()),
        Some(Value::String(text)) => text,
        Some(other) => return Err(format!("\"text\" must be a string, found {}", kind(other))),
    };
    let mut meta = DocMeta::default();
    let id = match record.get("id") {
        None | Some(Value::Null) => default_id,
        Some(Value::String(id)) if id.is_empty() => default_id,
        Some(Value::String(id)) => {
            meta.given_id = true;
            id.clone()
        }
        Some(Value::Number(n)) => {
            meta.given_id = true;
            n.to_string()
        }
        Some(other) => return Err(format!("\"id\" must be a string or a number, found {}", kind(other))),
    };
    let title = optional_string(&record, "title")?;
    meta.title = title.filter(|t| !t.trim().is_empty()).map(str::to_string);
    // Only the store reads these; a malformed one is ignored rather than
    // failing a record that `dyad code` codes fine.
    meta.url = record.get("url").and_then(Value::as_str).map(str::to_string);
    meta.source = record.get("source").and_then(Value::as_str).map(str::to_string);
    let text = Article::document_text(title, text);
    if text.contains('\0') {
        return Err("NUL characters in the text (binary data?)".into());
    }
    let date = match record.get("date") {
        None | Some(Value::Null) => None,
        Some(Value::String(date)) => {
            let part = date_part(date);
            if part.is_none() {
                warnings.push(format!("ignoring date {date:?}: expected YYYY-MM-DD or RFC 3339"));
            }
            part
        }
        Some(other) => {
            warnings.push(format!("ignoring date: expected a string, found {}", kind(other)));
            None
        }
    };
    let date = date.or_else(|| default_date.map(str::to_string));
    Ok(Some((Article { id, text, date }, meta)))
}

fn optional_string<'a>(record: &'a Map<String, Value>, key: &str) -> Result<Option<&'a str>, String> {
    match record.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(format!("\"{key}\" must be a string, found {}", kind(other))),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Validates a `YYYY-MM-DD` date (a real calendar day).
pub fn parse_date_arg(s: &str) -> Result<String, String> {
    if dyad_coder::is_iso_day(s) {
        Ok(s.to_string())
    } else {
        Err(format!("{s:?} is not a valid date of the form YYYY-MM-DD"))
    }
}

/// The `YYYY-MM-DD` part of a date or an RFC 3339 timestamp, ignoring
/// spaces around it.
fn date_part(s: &str) -> Option<String> {
    dyad_coder::date_part(s.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], limit: usize) -> Vec<(LineStatus, Vec<u8>)> {
        // A tiny buffer capacity forces lines to span many fill_buf chunks.
        let mut reader = BufReader::with_capacity(3, input);
        let mut buf = Vec::new();
        let mut out = Vec::new();
        loop {
            let status = read_line_limited(&mut reader, &mut buf, limit).unwrap();
            if status == LineStatus::Eof {
                return out;
            }
            out.push((status, buf.clone()));
        }
    }

    #[test]
    fn limited_lines() {
        let got = lines(b"abc\ndefghij\r\nxy\n\nlast", 5);
        assert_eq!(
            got,
            vec![
                (LineStatus::Line, b"abc".to_vec()),
                (LineStatus::TooLong(9), vec![]),
                (LineStatus::Line, b"xy".to_vec()),
                (LineStatus::Line, b"".to_vec()),
                (LineStatus::Line, b"last".to_vec()),
            ]
        );
        // Exactly at the limit is fine, one byte over is not, with or
        // without a final newline.
        assert_eq!(lines(b"abcde\n", 5), vec![(LineStatus::Line, b"abcde".to_vec())]);
        assert_eq!(lines(b"abcde", 5), vec![(LineStatus::Line, b"abcde".to_vec())]);
        assert_eq!(lines(b"abcdef", 5), vec![(LineStatus::TooLong(6), vec![])]);
        assert_eq!(lines(b"abcdef\n", 5), vec![(LineStatus::TooLong(7), vec![])]);
    }

    fn parse(line: &str) -> Result<Option<Article>, String> {
        parse_record(line.as_bytes(), false, "f:1".into(), Some("2020-01-02"), &mut Vec::new())
    }

    #[test]
    fn records() {
        let a =
            parse(r#"{"id": 7, "title": "Head", "text": "Body.", "date": "2022-07-19T08:00:00Z"}"#).unwrap().unwrap();
        assert_eq!((a.id.as_str(), a.text.as_str()), ("7", "Head\n\nBody."));
        assert_eq!(a.date.as_deref(), Some("2022-07-19"));
        let a = parse(r#"{"text": " Body. ", "title": "", "date": null}"#).unwrap().unwrap();
        assert_eq!((a.id.as_str(), a.text.as_str()), ("f:1", " Body. "));
        assert_eq!(a.date.as_deref(), Some("2020-01-02"));
        assert_eq!(parse("   ").unwrap().map(|a| a.id), None);
    }

    #[test]
    fn bad_records() {
        for (line, want) in [
            ("{", "invalid JSON"),
            ("[1]", "expected a JSON object, found an array"),
            (r#"{"id": "x"}"#, "missing \"text\""),
            (r#"{"text": "  "}"#, "empty \"text\""),
            (r#"{"text": 3}"#, "\"text\" must be a string"),
            (r#"{"text": "a", "id": true}"#, "\"id\" must be a string or a number"),
            (r#"{"text": "a", "title": 1}"#, "\"title\" must be a string"),
            ("{\"text\": \"a\\u0000b\"}", "NUL characters"),
            ("{\"text\": \"a\0\"}", "NUL bytes"),
        ] {
            let err = parse(line).unwrap_err();
            assert!(err.contains(want), "{line}: {err}");
        }
        let err = parse_record(b"{\"text\": \"\xff\"}", false, "f".into(), None, &mut Vec::new());
        assert!(err.unwrap_err().contains("invalid UTF-8"));
    }

    #[test]
    fn bad_dates_warn() {
        let mut warnings = Vec::new();
        let a = parse_record(br#"{"text": "a", "date": "19/07/2022"}"#, false, "f".into(), None, &mut warnings)
            .unwrap()
            .unwrap();
        assert_eq!(a.date, None);
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn dates() {
        assert!(parse_date_arg("2024-02-29").is_ok());
        for bad in ["2023-02-29", "2022-13-01", "2022-7-19", "20220719", "0000-01-01", "2022-07-19x", ""] {
            assert!(parse_date_arg(bad).is_err(), "{bad}");
        }
        assert_eq!(date_part("2022-07-19 10:00").as_deref(), Some("2022-07-19"));
        assert_eq!(date_part("2022-07-19"), Some("2022-07-19".into()));
        assert_eq!(date_part("2022-07-19Z"), None);
        assert_eq!(date_part("2022-07-1é"), None);
    }
}

/// Property tests (the fuzz target of the input readers): arbitrary bytes in
/// a `.jsonl` or `.txt` file never panic, every line is accounted for, and a
/// line is either a document or a located bad record. `PROPTEST_CASES=N`
/// runs a longer session.
#[cfg(test)]
mod props {
    use std::io::Write;

    use proptest::prelude::*;

    use super::*;

    /// JSON-ish fragments, so random inputs reach the record parser's
    /// deeper branches.
    const PIECES: &[&[u8]] = &[
        b"{",
        b"}",
        b"\"text\"",
        b":",
        b"\"Russia attacked.\"",
        b",",
        b"\"id\"",
        b"1",
        b"null",
        b"\"date\"",
        b"\"2022-02-24\"",
        b"\"title\"",
        b"[",
        b"]",
        b"\n",
        b"\r\n",
        b"\xff",
        b"\0",
        b" ",
        b"\"\"",
        b"\\u0000",
    ];

    fn run(bytes: &[u8], ext: &str) -> Vec<Item> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("in.{ext}"));
        std::fs::File::create(&path).unwrap().write_all(bytes).unwrap();
        Inputs::new(&[path], Some("2024-01-01".into())).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(400)))]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
            for ext in ["jsonl", "txt"] {
                for item in run(&bytes, ext) {
                    if let Item::BadRecord { origin, .. } = item {
                        prop_assert!(origin.contains("in."), "bad record without its file: {origin}");
                    }
                }
            }
        }

        #[test]
        fn jsonl_like_lines_are_all_accounted_for(parts in prop::collection::vec(0..PIECES.len(), 0..60)) {
            let bytes: Vec<u8> = parts.iter().flat_map(|&i| PIECES[i].iter().copied()).collect();
            let items = run(&bytes, "jsonl");
            let lines = bytes.split(|&b| b == b'\n').filter(|l| !l.iter().all(|b| b.is_ascii_whitespace())).count();
            let accounted = items.iter().filter(|i| matches!(i, Item::Doc(_) | Item::BadRecord { .. })).count();
            prop_assert_eq!(accounted, lines, "every non-blank line is a document or a bad record");
        }
    }
}
