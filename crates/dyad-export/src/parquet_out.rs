//! Parquet: one file, or a folder of Hive-style date partitions.
//!
//! The schema ([`arrow_schema()`]) is flat typed columns for the event plus
//! one `mentions` column, a list of structs, so that nothing of a merged
//! event is lost and a reader that wants only counts never reads the
//! mentions. Events are gathered into Arrow batches of [`BATCH_ROWS`] and
//! Parquet row groups of [`ROW_GROUP_ROWS`], ZSTD-compressed: memory stays
//! bounded by one row group whatever the size of the export.
//!
//! # Date partitions
//!
//! [`PartitionedParquetWriter`] writes `ROOT/date=YYYY-MM-DD/part-N.parquet`,
//! the layout Spark, DuckDB (`hive_partitioning`), pyarrow and pandas read
//! as one table with a `date` column taken from the folder names. An event
//! dated to a month or a year goes into the partition of the period's first
//! day (its `date_precision` column says so); an event with no date goes
//! into `date=unknown` ([`UNKNOWN_DATE_PARTITION`]). Hive's own null
//! partition, `__HIVE_DEFAULT_PARTITION__`, would give a typed date column
//! with nulls in Spark and DuckDB, but pandas cannot read it (pyarrow
//! 26: "Cannot yet unify dictionaries with nulls"), so the folder-name
//! `date` is a string in every reader; the files hold the typed date as
//! `event_date` (Date32, null when unknown). The partition column and a file
//! column never share a name because Spark refuses a
//! data column with the partition column's name. Input sorted by date
//! gives one file per partition; otherwise at most [`MAX_OPEN_PARTITIONS`]
//! files are open at once and a partition seen again after its file was
//! closed gets a new `part-N` file.

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Float64Builder, Int32Builder, Int64Builder, StringBuilder,
    TimestampMicrosecondBuilder,
};
use arrow_array::{ArrayRef, ListArray, RecordBatch, StructArray};
use arrow_buffer::OffsetBuffer;
use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef, TimeUnit};
use dyad_types::{Actor, MergedEvent};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;

use crate::dates::{EventDate, Timestamp};
use crate::{Error, EventWriter, DYAD_VERSION};

/// Events per Arrow batch handed to the Parquet encoder.
pub const BATCH_ROWS: usize = 8192;
/// Events per Parquet row group of a single file.
pub const ROW_GROUP_ROWS: usize = 65_536;
/// Events per row group in a partition file (smaller, as several
/// partitions may be open at once).
const PARTITION_ROW_GROUP_ROWS: usize = 16_384;
/// Partition files open at once in a [`PartitionedParquetWriter`].
pub const MAX_OPEN_PARTITIONS: usize = 16;
/// The partition value of events without a date (see the module docs for
/// why not Hive's `__HIVE_DEFAULT_PARTITION__`).
pub const UNKNOWN_DATE_PARTITION: &str = "unknown";

fn utc_micros() -> DataType {
    DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()))
}

fn mention_fields() -> Fields {
    use DataType::*;
    Fields::from(vec![
        Field::new("article_id", Utf8, false),
        Field::new("url", Utf8, true),
        Field::new("source_name", Utf8, true),
        Field::new("article_date", Date32, true),
        Field::new("date_added", utc_micros(), false),
        Field::new("doc_len", Int64, false),
        Field::new("sentence", Int32, false),
        Field::new("text", Utf8, false),
        Field::new("cameo", Utf8, false),
        Field::new("mode", Utf8, false),
        Field::new("reported", Boolean, false),
        Field::new("speaker_code", Utf8, true),
        Field::new("rule", Utf8, false),
        Field::new("source_text", Utf8, false),
        Field::new("source_start", Int64, false),
        Field::new("source_end", Int64, false),
        Field::new("target_text", Utf8, true),
        Field::new("target_start", Int64, true),
        Field::new("target_end", Int64, true),
        Field::new("trigger_text", Utf8, false),
        Field::new("trigger_start", Int64, false),
        Field::new("trigger_end", Int64, false),
    ])
}

/// The Arrow schema of dyad's Parquet export (documented column by column
/// in `docs/export.md`).
pub fn arrow_schema() -> SchemaRef {
    static SCHEMA: OnceLock<SchemaRef> = OnceLock::new();
    SCHEMA
        .get_or_init(|| {
            use DataType::*;
            let mention = Field::new("item", Struct(mention_fields()), false);
            let actor = |prefix: &str, nullable: bool| {
                vec![
                    Field::new(format!("{prefix}_code"), Utf8, nullable),
                    Field::new(format!("{prefix}_country"), Utf8, true),
                    Field::new(format!("{prefix}_role"), Utf8, true),
                    Field::new(format!("{prefix}_name"), Utf8, true),
                    Field::new(format!("{prefix}_text"), Utf8, nullable),
                ]
            };
            let mut fields = vec![
                Field::new("id", Int64, false),
                Field::new("event_date", Date32, true),
                Field::new("date_text", Utf8, true),
                Field::new("date_precision", Utf8, false),
                Field::new("historical", Boolean, false),
            ];
            fields.extend(actor("source", false));
            fields.extend(actor("target", true));
            fields.extend([
                Field::new("cameo", Utf8, false),
                Field::new("root", Utf8, true),
                Field::new("quad_class", Int32, true),
                Field::new("goldstein", Float64, true),
                Field::new("plover", Utf8, true),
                Field::new("mode", Utf8, false),
                Field::new("reported", Boolean, false),
                Field::new("speaker_code", Utf8, true),
                Field::new("speaker_name", Utf8, true),
                Field::new("trigger", Utf8, false),
                Field::new("place_name", Utf8, true),
                Field::new("place_country", Utf8, true),
                Field::new("place_fips", Utf8, true),
                Field::new("place_adm1", Utf8, true),
                Field::new("place_precision", Utf8, true),
                Field::new("place_lat", Float64, true),
                Field::new("place_lon", Float64, true),
                Field::new("place_feature_id", Int64, true),
                Field::new("num_mentions", Int32, false),
                Field::new("num_sources", Int32, false),
                Field::new("num_articles", Int32, false),
                Field::new("date_added", utc_micros(), false),
                Field::new("source_url", Utf8, true),
                Field::new("doc_id", Utf8, false),
                Field::new("sentence", Int32, false),
                Field::new("text", Utf8, false),
                Field::new("rule", Utf8, false),
                Field::new("mentions", List(Arc::new(mention)), false),
            ]);
            Arc::new(Schema::new(fields))
        })
        .clone()
}

/// Arrow builders for one actor's five columns.
struct ActorColumns {
    code: StringBuilder,
    country: StringBuilder,
    role: StringBuilder,
    name: StringBuilder,
    text: StringBuilder,
}

impl ActorColumns {
    fn new() -> Self {
        ActorColumns {
            code: StringBuilder::new(),
            country: StringBuilder::new(),
            role: StringBuilder::new(),
            name: StringBuilder::new(),
            text: StringBuilder::new(),
        }
    }

    fn push(&mut self, a: Option<&Actor>) {
        self.code.append_option(a.map(|a| &a.code));
        self.country.append_option(a.and_then(|a| a.country.as_ref()));
        self.role.append_option(a.and_then(|a| a.role.as_ref()));
        self.name.append_option(a.and_then(|a| a.name.as_ref()));
        self.text.append_option(a.map(|a| &a.text));
    }

    fn finish(&mut self, out: &mut Vec<ArrayRef>) {
        for b in [&mut self.code, &mut self.country, &mut self.role, &mut self.name, &mut self.text] {
            out.push(Arc::new(b.finish()));
        }
    }
}

/// Arrow builders for the mention struct's children.
struct MentionColumns {
    article_id: StringBuilder,
    url: StringBuilder,
    source_name: StringBuilder,
    article_date: Date32Builder,
    date_added: TimestampMicrosecondBuilder,
    doc_len: Int64Builder,
    sentence: Int32Builder,
    text: StringBuilder,
    cameo: StringBuilder,
    mode: StringBuilder,
    reported: BooleanBuilder,
    speaker_code: StringBuilder,
    rule: StringBuilder,
    source_text: StringBuilder,
    source_start: Int64Builder,
    source_end: Int64Builder,
    target_text: StringBuilder,
    target_start: Int64Builder,
    target_end: Int64Builder,
    trigger_text: StringBuilder,
    trigger_start: Int64Builder,
    trigger_end: Int64Builder,
}

impl MentionColumns {
    fn new() -> Self {
        MentionColumns {
            article_id: StringBuilder::new(),
            url: StringBuilder::new(),
            source_name: StringBuilder::new(),
            article_date: Date32Builder::new(),
            date_added: TimestampMicrosecondBuilder::new().with_timezone("UTC"),
            doc_len: Int64Builder::new(),
            sentence: Int32Builder::new(),
            text: StringBuilder::new(),
            cameo: StringBuilder::new(),
            mode: StringBuilder::new(),
            reported: BooleanBuilder::new(),
            speaker_code: StringBuilder::new(),
            rule: StringBuilder::new(),
            source_text: StringBuilder::new(),
            source_start: Int64Builder::new(),
            source_end: Int64Builder::new(),
            target_text: StringBuilder::new(),
            target_start: Int64Builder::new(),
            target_end: Int64Builder::new(),
            trigger_text: StringBuilder::new(),
            trigger_start: Int64Builder::new(),
            trigger_end: Int64Builder::new(),
        }
    }

    fn finish(&mut self) -> Result<StructArray, Error> {
        let children: Vec<ArrayRef> = vec![
            Arc::new(self.article_id.finish()),
            Arc::new(self.url.finish()),
            Arc::new(self.source_name.finish()),
            Arc::new(self.article_date.finish()),
            Arc::new(self.date_added.finish()),
            Arc::new(self.doc_len.finish()),
            Arc::new(self.sentence.finish()),
            Arc::new(self.text.finish()),
            Arc::new(self.cameo.finish()),
            Arc::new(self.mode.finish()),
            Arc::new(self.reported.finish()),
            Arc::new(self.speaker_code.finish()),
            Arc::new(self.rule.finish()),
            Arc::new(self.source_text.finish()),
            Arc::new(self.source_start.finish()),
            Arc::new(self.source_end.finish()),
            Arc::new(self.target_text.finish()),
            Arc::new(self.target_start.finish()),
            Arc::new(self.target_end.finish()),
            Arc::new(self.trigger_text.finish()),
            Arc::new(self.trigger_start.finish()),
            Arc::new(self.trigger_end.finish()),
        ];
        Ok(StructArray::try_new(mention_fields(), children, None)?)
    }
}

/// The values of one event that need checking, checked before any builder
/// is touched so that a bad record leaves the batch as it was.
struct Checked {
    event_date: Option<i32>,
    date_added: i64,
    sentence: i32,
    counts: [i32; 3],
    mentions: Vec<(Option<i32>, i64, i32)>,
}

fn to_i32(id: i64, what: &str, v: usize) -> Result<i32, Error> {
    i32::try_from(v).map_err(|_| Error::invalid(id, format!("{what} {v} does not fit a 32-bit column")))
}

fn check(m: &MergedEvent) -> Result<Checked, Error> {
    let event_date = m
        .event
        .date
        .as_deref()
        .map(EventDate::parse)
        .transpose()
        .map_err(|e| Error::invalid(m.id, e))?
        .map(EventDate::first_day_epoch);
    let date_added =
        Timestamp::parse(&m.date_added).map_err(|e| Error::invalid(m.id, format!("date_added {e}")))?.epoch_micros();
    let sentence = to_i32(m.id, "sentence", m.event.sentence)?;
    let counts = [
        to_i32(m.id, "num_mentions", m.num_mentions as usize)?,
        to_i32(m.id, "num_sources", m.num_sources as usize)?,
        to_i32(m.id, "num_articles", m.num_articles as usize)?,
    ];
    let mut mentions = Vec::with_capacity(m.mentions.len());
    for (i, x) in m.mentions.iter().enumerate() {
        let n = i + 1;
        let article_date = x
            .article_date
            .as_deref()
            .map(EventDate::parse)
            .transpose()
            .map_err(|e| Error::invalid(m.id, format!("mention {n} article_date: {e}")))?
            .map(EventDate::first_day_epoch);
        let added = Timestamp::parse(&x.date_added)
            .map_err(|e| Error::invalid(m.id, format!("mention {n} date_added {e}")))?
            .epoch_micros();
        mentions.push((article_date, added, to_i32(m.id, "mention sentence", x.event.sentence)?));
    }
    Ok(Checked { event_date, date_added, sentence, counts, mentions })
}

/// Gathers events into one Arrow record batch.
struct BatchBuilder {
    rows: usize,
    id: Int64Builder,
    event_date: Date32Builder,
    date_text: StringBuilder,
    date_precision: StringBuilder,
    historical: BooleanBuilder,
    source: ActorColumns,
    target: ActorColumns,
    cameo: StringBuilder,
    root: StringBuilder,
    quad_class: Int32Builder,
    goldstein: Float64Builder,
    plover: StringBuilder,
    mode: StringBuilder,
    reported: BooleanBuilder,
    speaker_code: StringBuilder,
    speaker_name: StringBuilder,
    trigger: StringBuilder,
    place_name: StringBuilder,
    place_country: StringBuilder,
    place_fips: StringBuilder,
    place_adm1: StringBuilder,
    place_precision: StringBuilder,
    place_lat: Float64Builder,
    place_lon: Float64Builder,
    place_feature_id: Int64Builder,
    num_mentions: Int32Builder,
    num_sources: Int32Builder,
    num_articles: Int32Builder,
    date_added: TimestampMicrosecondBuilder,
    source_url: StringBuilder,
    doc_id: StringBuilder,
    sentence: Int32Builder,
    text: StringBuilder,
    rule: StringBuilder,
    mention_counts: Vec<usize>,
    mentions: MentionColumns,
}

impl BatchBuilder {
    fn new() -> Self {
        BatchBuilder {
            rows: 0,
            id: Int64Builder::new(),
            event_date: Date32Builder::new(),
            date_text: StringBuilder::new(),
            date_precision: StringBuilder::new(),
            historical: BooleanBuilder::new(),
            source: ActorColumns::new(),
            target: ActorColumns::new(),
            cameo: StringBuilder::new(),
            root: StringBuilder::new(),
            quad_class: Int32Builder::new(),
            goldstein: Float64Builder::new(),
            plover: StringBuilder::new(),
            mode: StringBuilder::new(),
            reported: BooleanBuilder::new(),
            speaker_code: StringBuilder::new(),
            speaker_name: StringBuilder::new(),
            trigger: StringBuilder::new(),
            place_name: StringBuilder::new(),
            place_country: StringBuilder::new(),
            place_fips: StringBuilder::new(),
            place_adm1: StringBuilder::new(),
            place_precision: StringBuilder::new(),
            place_lat: Float64Builder::new(),
            place_lon: Float64Builder::new(),
            place_feature_id: Int64Builder::new(),
            num_mentions: Int32Builder::new(),
            num_sources: Int32Builder::new(),
            num_articles: Int32Builder::new(),
            date_added: TimestampMicrosecondBuilder::new().with_timezone("UTC"),
            source_url: StringBuilder::new(),
            doc_id: StringBuilder::new(),
            sentence: Int32Builder::new(),
            text: StringBuilder::new(),
            rule: StringBuilder::new(),
            mention_counts: Vec::new(),
            mentions: MentionColumns::new(),
        }
    }

    fn push(&mut self, m: &MergedEvent) -> Result<(), Error> {
        let c = check(m)?;
        let ev = &m.event;
        let loc = ev.location.as_ref();
        self.id.append_value(m.id);
        self.event_date.append_option(c.event_date);
        self.date_text.append_option(ev.date.as_ref());
        self.date_precision.append_value(ev.date_precision.as_str());
        self.historical.append_value(ev.historical);
        self.source.push(Some(&ev.source));
        self.target.push(ev.target.as_ref());
        self.cameo.append_value(&ev.cameo);
        self.root.append_option(ev.root.as_ref());
        self.quad_class.append_option(ev.quad_class.map(i32::from));
        self.goldstein.append_option(ev.goldstein);
        self.plover.append_option(ev.plover.as_ref());
        self.mode.append_value(ev.mode.as_str());
        self.reported.append_value(ev.reported);
        self.speaker_code.append_option(ev.speaker.as_ref().map(|s| &s.code));
        self.speaker_name.append_option(ev.speaker.as_ref().and_then(|s| s.name.as_ref()));
        self.trigger.append_value(&ev.trigger.text);
        self.place_name.append_option(loc.map(|l| &l.name));
        self.place_country.append_option(loc.and_then(|l| l.country.as_ref()));
        self.place_fips.append_option(loc.and_then(|l| l.fips.as_ref()));
        self.place_adm1.append_option(loc.and_then(|l| l.adm1.as_ref()));
        self.place_precision.append_option(loc.and_then(|l| l.precision.as_ref()));
        self.place_lat.append_option(loc.and_then(|l| l.lat));
        self.place_lon.append_option(loc.and_then(|l| l.lon));
        self.place_feature_id.append_option(loc.and_then(|l| l.feature_id).map(i64::from));
        self.num_mentions.append_value(c.counts[0]);
        self.num_sources.append_value(c.counts[1]);
        self.num_articles.append_value(c.counts[2]);
        self.date_added.append_value(c.date_added);
        self.source_url.append_option(m.mentions.iter().find_map(|x| x.url.as_ref()));
        self.doc_id.append_value(&ev.doc_id);
        self.sentence.append_value(c.sentence);
        self.text.append_value(&ev.text);
        self.rule.append_value(&ev.rule);
        self.mention_counts.push(m.mentions.len());
        let b = &mut self.mentions;
        for (x, (article_date, added, sentence)) in m.mentions.iter().zip(c.mentions) {
            let e = &x.event;
            b.article_id.append_value(&x.article_id);
            b.url.append_option(x.url.as_ref());
            b.source_name.append_option(x.source_name.as_ref());
            b.article_date.append_option(article_date);
            b.date_added.append_value(added);
            b.doc_len.append_value(x.doc_len as i64);
            b.sentence.append_value(sentence);
            b.text.append_value(&e.text);
            b.cameo.append_value(&e.cameo);
            b.mode.append_value(e.mode.as_str());
            b.reported.append_value(e.reported);
            b.speaker_code.append_option(e.speaker.as_ref().map(|s| &s.code));
            b.rule.append_value(&e.rule);
            b.source_text.append_value(&e.source.text);
            b.source_start.append_value(e.source.span[0] as i64);
            b.source_end.append_value(e.source.span[1] as i64);
            b.target_text.append_option(e.target.as_ref().map(|t| &t.text));
            b.target_start.append_option(e.target.as_ref().map(|t| t.span[0] as i64));
            b.target_end.append_option(e.target.as_ref().map(|t| t.span[1] as i64));
            b.trigger_text.append_value(&e.trigger.text);
            b.trigger_start.append_value(e.trigger.span[0] as i64);
            b.trigger_end.append_value(e.trigger.span[1] as i64);
        }
        self.rows += 1;
        Ok(())
    }

    /// The gathered events as a batch; the builder is empty afterwards.
    fn finish(&mut self) -> Result<RecordBatch, Error> {
        let mut cols: Vec<ArrayRef> = vec![
            Arc::new(self.id.finish()),
            Arc::new(self.event_date.finish()),
            Arc::new(self.date_text.finish()),
            Arc::new(self.date_precision.finish()),
            Arc::new(self.historical.finish()),
        ];
        self.source.finish(&mut cols);
        self.target.finish(&mut cols);
        cols.push(Arc::new(self.cameo.finish()));
        cols.push(Arc::new(self.root.finish()));
        cols.push(Arc::new(self.quad_class.finish()));
        cols.push(Arc::new(self.goldstein.finish()));
        cols.push(Arc::new(self.plover.finish()));
        cols.push(Arc::new(self.mode.finish()));
        cols.push(Arc::new(self.reported.finish()));
        cols.push(Arc::new(self.speaker_code.finish()));
        cols.push(Arc::new(self.speaker_name.finish()));
        cols.push(Arc::new(self.trigger.finish()));
        cols.push(Arc::new(self.place_name.finish()));
        cols.push(Arc::new(self.place_country.finish()));
        cols.push(Arc::new(self.place_fips.finish()));
        cols.push(Arc::new(self.place_adm1.finish()));
        cols.push(Arc::new(self.place_precision.finish()));
        cols.push(Arc::new(self.place_lat.finish()));
        cols.push(Arc::new(self.place_lon.finish()));
        cols.push(Arc::new(self.place_feature_id.finish()));
        cols.push(Arc::new(self.num_mentions.finish()));
        cols.push(Arc::new(self.num_sources.finish()));
        cols.push(Arc::new(self.num_articles.finish()));
        cols.push(Arc::new(self.date_added.finish()));
        cols.push(Arc::new(self.source_url.finish()));
        cols.push(Arc::new(self.doc_id.finish()));
        cols.push(Arc::new(self.sentence.finish()));
        cols.push(Arc::new(self.text.finish()));
        cols.push(Arc::new(self.rule.finish()));
        let schema = arrow_schema();
        let DataType::List(item) = schema.field_with_name("mentions")?.data_type().clone() else {
            unreachable!("mentions is a list column")
        };
        let offsets = OffsetBuffer::from_lengths(self.mention_counts.drain(..));
        let values = self.mentions.finish()?;
        cols.push(Arc::new(ListArray::try_new(item, offsets, Arc::new(values), None)?));
        self.rows = 0;
        Ok(RecordBatch::try_new(schema, cols)?)
    }
}

/// An I/O failure inside the encoder is reported as I/O on `path`.
fn parquet_error(path: &Path, e: parquet::errors::ParquetError) -> Error {
    use parquet::errors::ParquetError;
    match e {
        ParquetError::External(inner) => match inner.downcast::<std::io::Error>() {
            Ok(io) => Error::io(format!("writing {}", path.display()), *io),
            Err(other) => Error::Parquet(ParquetError::External(other)),
        },
        other => Error::Parquet(other),
    }
}

fn writer_properties(row_group_rows: usize) -> WriterProperties {
    WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::default()))
        .set_max_row_group_row_count(Some(row_group_rows))
        .set_created_by(format!("dyad {DYAD_VERSION} (parquet-rs)"))
        .build()
}

/// Writes merged events to one Parquet file under [`arrow_schema()`].
pub struct ParquetWriter {
    path: PathBuf,
    writer: ArrowWriter<File>,
    batch: BatchBuilder,
}

impl ParquetWriter {
    /// Creates (or truncates) the file at `path`.
    ///
    /// # Errors
    ///
    /// When the file cannot be created.
    pub fn create(path: impl Into<PathBuf>) -> Result<Self, Error> {
        ParquetWriter::with_row_groups(path.into(), ROW_GROUP_ROWS)
    }

    fn with_row_groups(path: PathBuf, row_group_rows: usize) -> Result<Self, Error> {
        let file = File::create(&path).map_err(|e| Error::io(format!("creating {}", path.display()), e))?;
        let writer = ArrowWriter::try_new(file, arrow_schema(), Some(writer_properties(row_group_rows)))?;
        Ok(ParquetWriter { path, writer, batch: BatchBuilder::new() })
    }

    fn flush_batch(&mut self) -> Result<(), Error> {
        if self.batch.rows > 0 {
            let batch = self.batch.finish()?;
            self.writer.write(&batch).map_err(|e| parquet_error(&self.path, e))?;
        }
        Ok(())
    }

    fn close(mut self) -> Result<(), Error> {
        self.flush_batch()?;
        let ParquetWriter { path, writer, .. } = self;
        writer.close().map_err(|e| parquet_error(&path, e))?;
        Ok(())
    }
}

impl EventWriter for ParquetWriter {
    fn write(&mut self, event: &MergedEvent) -> Result<(), Error> {
        self.batch.push(event)?;
        if self.batch.rows >= BATCH_ROWS {
            self.flush_batch()?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<(), Error> {
        (*self).close()
    }
}

/// Writes merged events to a folder of Hive-style date partitions (see
/// the module docs for the layout and the partition of undated events).
pub struct PartitionedParquetWriter {
    root: PathBuf,
    open: HashMap<String, (ParquetWriter, u64)>,
    next_part: HashMap<String, u32>,
    clock: u64,
}

impl PartitionedParquetWriter {
    /// Creates the folder `root`, which must not exist or be empty: stale
    /// partitions of an earlier export would otherwise join the dataset.
    ///
    /// # Errors
    ///
    /// When `root` holds files, or cannot be created.
    pub fn create(root: impl Into<PathBuf>) -> Result<Self, Error> {
        let root = root.into();
        let context = || format!("creating the partition folder {}", root.display());
        if root.exists() {
            let mut entries = std::fs::read_dir(&root).map_err(|e| Error::io(context(), e))?;
            if entries.next().is_some() {
                let e = std::io::Error::new(std::io::ErrorKind::AlreadyExists, "it exists and is not empty");
                return Err(Error::io(context(), e));
            }
        }
        std::fs::create_dir_all(&root).map_err(|e| Error::io(context(), e))?;
        Ok(PartitionedParquetWriter { root, open: HashMap::new(), next_part: HashMap::new(), clock: 0 })
    }

    /// The partition folder of an event, relative to the root.
    pub fn partition_of(event: &MergedEvent) -> Result<String, Error> {
        let value = match &event.event.date {
            Some(d) => EventDate::parse(d).map_err(|e| Error::invalid(event.id, e))?.first_day_iso(),
            None => UNKNOWN_DATE_PARTITION.to_string(),
        };
        Ok(format!("date={value}"))
    }

    fn open_partition(&mut self, key: &str) -> Result<(), Error> {
        if self.open.len() >= MAX_OPEN_PARTITIONS {
            let oldest = self.open.iter().min_by_key(|(_, (_, used))| *used).map(|(k, _)| k.clone());
            if let Some(k) = oldest {
                let (w, _) = self.open.remove(&k).expect("the key was just found");
                w.close()?;
            }
        }
        let dir = self.root.join(key);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
        let n = self.next_part.entry(key.to_string()).or_insert(0);
        let path = dir.join(format!("part-{n}.parquet"));
        *n += 1;
        let w = ParquetWriter::with_row_groups(path, PARTITION_ROW_GROUP_ROWS)?;
        self.open.insert(key.to_string(), (w, self.clock));
        Ok(())
    }

    /// The folder the partitions are written under.
    pub fn root(&self) -> &Path {
        &self.root
    }
}

impl EventWriter for PartitionedParquetWriter {
    fn write(&mut self, event: &MergedEvent) -> Result<(), Error> {
        let key = Self::partition_of(event)?;
        // Check the record before a partition file is opened for it.
        check(event)?;
        if !self.open.contains_key(&key) {
            self.open_partition(&key)?;
        }
        self.clock += 1;
        let (w, used) = self.open.get_mut(&key).expect("the partition was just opened");
        *used = self.clock;
        w.write(event)
    }

    fn finish(self: Box<Self>) -> Result<(), Error> {
        let mut open: Vec<_> = self.open.into_iter().collect();
        open.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, (w, _)) in open {
            w.close()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{coded_events, find_event};
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Date32Type, Float64Type, Int32Type, Int64Type, TimestampMicrosecondType};
    use arrow_array::Array;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    fn read(path: &Path) -> Vec<RecordBatch> {
        let file = File::open(path).unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(file).unwrap().build().unwrap();
        reader.map(|b| b.unwrap()).collect()
    }

    fn write_file(path: &Path, events: &[MergedEvent]) {
        let mut w = Box::new(ParquetWriter::create(path).unwrap());
        for e in events {
            w.write(e).unwrap();
        }
        w.finish().unwrap();
    }

    #[test]
    fn a_file_reads_back_with_its_schema_and_values() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("events.parquet");
        let events = coded_events();
        write_file(&path, &events);
        let batches = read(&path);
        let rows: usize = batches.iter().map(RecordBatch::num_rows).sum();
        assert_eq!(rows, events.len());
        let b = &batches[0];
        assert_eq!(b.schema().fields(), arrow_schema().fields());
        let ids = b.column_by_name("id").unwrap().as_primitive::<Int64Type>();
        let cameo = b.column_by_name("cameo").unwrap().as_string::<i32>();
        let counts = b.column_by_name("num_mentions").unwrap().as_primitive::<Int32Type>();
        let mentions = b.column_by_name("mentions").unwrap().as_list::<i32>();
        for (i, m) in events.iter().enumerate().take(b.num_rows()) {
            assert_eq!(ids.value(i), m.id);
            assert_eq!(cameo.value(i), m.event.cameo);
            assert_eq!(counts.value(i) as u32, m.num_mentions);
            let list = mentions.value(i);
            let list = list.as_struct();
            assert_eq!(list.len(), m.mentions.len());
            let urls = list.column_by_name("url").unwrap().as_string::<i32>();
            assert_eq!(urls.value(1), m.mentions[1].url.as_deref().unwrap());
            let starts = list.column_by_name("trigger_start").unwrap().as_primitive::<Int64Type>();
            assert_eq!(starts.value(0) as usize, m.mentions[0].event.trigger.span[0]);
            let added = list.column_by_name("date_added").unwrap().as_primitive::<TimestampMicrosecondType>();
            assert_eq!(added.value(0), Timestamp::parse(&m.mentions[0].date_added).unwrap().epoch_micros());
        }
        let visit = find_event(&events, "042");
        let row = (0..b.num_rows()).find(|&i| ids.value(i) == visit.id).unwrap();
        let date = b.column_by_name("event_date").unwrap().as_primitive::<Date32Type>();
        let want = EventDate::parse(visit.event.date.as_deref().unwrap()).unwrap().first_day_epoch();
        assert_eq!(date.value(row), want);
        let lat = b.column_by_name("place_lat").unwrap().as_primitive::<Float64Type>();
        assert_eq!(lat.value(row), visit.event.location.as_ref().unwrap().lat.unwrap());
        let target = b.column_by_name("target_code").unwrap().as_string::<i32>();
        assert_eq!(target.is_null(row), visit.event.target.is_none());
    }

    #[test]
    fn batches_and_row_groups_bound_the_rows_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("many.parquet");
        let base = coded_events();
        let n = BATCH_ROWS * 2 + 5;
        let events: Vec<MergedEvent> = (0..n)
            .map(|i| {
                let mut e = base[i % base.len()].clone();
                e.id = i as i64;
                e
            })
            .collect();
        write_file(&path, &events);
        let file = File::open(&path).unwrap();
        let builder = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
        assert_eq!(builder.metadata().file_metadata().num_rows() as usize, n);
        let batches: Vec<_> = builder.build().unwrap().map(|b| b.unwrap()).collect();
        let ids: Vec<i64> = batches
            .iter()
            .flat_map(|b| b.column_by_name("id").unwrap().as_primitive::<Int64Type>().values().to_vec())
            .collect();
        assert_eq!(ids, (0..n as i64).collect::<Vec<_>>());
    }

    #[test]
    fn partitions_by_date_with_a_null_partition_for_undated_events() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("events");
        let mut events = coded_events();
        events[0].event.date = None;
        let keys: Vec<String> = events.iter().map(|e| PartitionedParquetWriter::partition_of(e).unwrap()).collect();
        let mut w = Box::new(PartitionedParquetWriter::create(&root).unwrap());
        for e in &events {
            w.write(e).unwrap();
        }
        w.finish().unwrap();
        assert_eq!(keys[0], format!("date={UNKNOWN_DATE_PARTITION}"));
        let mut total = 0;
        for key in keys.iter().collect::<std::collections::BTreeSet<_>>() {
            let file = root.join(key).join("part-0.parquet");
            let batches = read(&file);
            let n: usize = batches.iter().map(RecordBatch::num_rows).sum();
            assert_eq!(n, keys.iter().filter(|k| *k == key).count(), "{key}");
            total += n;
        }
        assert_eq!(total, events.len());
        // An existing, non-empty folder is refused.
        assert!(PartitionedParquetWriter::create(&root).is_err());
    }

    #[test]
    fn a_partition_seen_again_after_eviction_gets_a_new_part() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("p");
        let base = coded_events().remove(0);
        let mut w = Box::new(PartitionedParquetWriter::create(&root).unwrap());
        // MAX_OPEN_PARTITIONS + 1 days, then the first day again.
        let days: Vec<u32> = (1..=MAX_OPEN_PARTITIONS as u32 + 1).chain([1]).collect();
        for (i, day) in days.iter().enumerate() {
            let mut e = base.clone();
            e.id = i as i64;
            e.event.date = Some(format!("2022-01-{day:02}"));
            w.write(&e).unwrap();
        }
        w.finish().unwrap();
        let first = root.join("date=2022-01-01");
        assert!(first.join("part-0.parquet").exists() && first.join("part-1.parquet").exists());
        let n: usize = ["part-0.parquet", "part-1.parquet"]
            .iter()
            .map(|p| read(&first.join(p)).iter().map(RecordBatch::num_rows).sum::<usize>())
            .sum();
        assert_eq!(n, 2);
    }

    #[test]
    fn a_bad_record_is_skipped_without_touching_the_batch() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("e.parquet");
        let mut events = coded_events();
        events[1].mentions[0].date_added = "soon".into();
        let mut w = Box::new(ParquetWriter::create(&path).unwrap());
        let mut failed = 0;
        for e in &events {
            if let Err(err) = w.write(e) {
                assert!(err.is_record_error() && err.to_string().contains("mention 1"), "{err}");
                failed += 1;
            }
        }
        w.finish().unwrap();
        assert_eq!(failed, 1);
        let rows: usize = read(&path).iter().map(RecordBatch::num_rows).sum();
        assert_eq!(rows, events.len() - 1);
    }
}

#[cfg(test)]
mod schema_tests {
    use super::*;

    /// One line per column: `name: type` (`?` when nullable), nested
    /// fields indented.
    fn describe(fields: &Fields, indent: usize, out: &mut String) {
        for f in fields {
            let null = if f.is_nullable() { "?" } else { "" };
            match f.data_type() {
                DataType::List(item) => {
                    let DataType::Struct(children) = item.data_type() else { unreachable!("lists hold structs") };
                    out.push_str(&format!("{:indent$}{}: List<Struct>{null}\n", "", f.name()));
                    describe(children, indent + 2, out);
                }
                t => out.push_str(&format!("{:indent$}{}: {t}{null}\n", "", f.name())),
            }
        }
    }

    /// The layout is a contract with every notebook that reads the files:
    /// a change must be deliberate, so it must change this committed
    /// snapshot (and docs/export.md) too.
    #[test]
    fn the_schema_matches_its_committed_snapshot() {
        let mut got = String::new();
        describe(arrow_schema().fields(), 0, &mut got);
        let want = include_str!("../tests/parquet_schema.txt");
        assert_eq!(got, want, "the Parquet schema changed; if deliberate, update tests/parquet_schema.txt to:\n{got}");
    }

    #[test]
    fn docs_name_every_column() {
        let docs = include_str!("../../../docs/export.md");
        let schema = arrow_schema();
        let DataType::List(item) = schema.field_with_name("mentions").unwrap().data_type().clone() else {
            unreachable!()
        };
        let DataType::Struct(mention) = item.data_type().clone() else { unreachable!() };
        for f in schema.fields().iter().chain(mention.iter()) {
            assert!(docs.contains(&format!("`{}`", f.name())), "docs/export.md does not document `{}`", f.name());
        }
        for c in crate::GDELT_EVENT_COLUMNS.iter().chain(&crate::GDELT_MENTION_COLUMNS) {
            // The Actor2 block, the three Geo blocks and Type2/Type3 are
            // documented as ranges ("Actor2…", "ActionGeo_*", "… Type3Code").
            let range = match c.find("Geo_") {
                Some(i) => &c[..i + 4],
                None if c.starts_with("Actor2") => "Actor2…",
                None if c.ends_with("Type2Code") || c.ends_with("Type3Code") => "Type3Code",
                None => c,
            };
            let documented = docs.contains(c) || docs.contains(range);
            assert!(documented, "docs/export.md has no row for GDELT column {c}");
        }
    }
}
