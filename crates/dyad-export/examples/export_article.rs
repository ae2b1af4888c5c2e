//! Codes a text file and exports its events, each as a merged event with
//! one mention, in the chosen format: a look at the exporters without a
//! store.
//!
//! ```sh
//! cargo run -p dyad-export --example export_article -- gdelt examples/article.txt
//! cargo run -p dyad-export --example export_article -- parquet examples/article.txt /tmp/article.parquet
//! cargo run -p dyad-export --example export_article -- parquet examples/article.txt /tmp/article-by-date --partition-by-date
//! ```

use dyad_coder::{Article, Coder};
use dyad_export::{export, Destination, ExportOptions, Format};
use dyad_types::{Mention, MergedEvent};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [format, input, rest @ ..] = args.as_slice() else {
        return Err("usage: export_article FORMAT FILE [OUTPUT [--partition-by-date]]".into());
    };
    let format: Format = format.parse()?;
    let text = std::fs::read_to_string(input)?;
    let coder = Coder::with_default_dictionaries()?;
    let article = Article { id: input.clone(), text: text.clone(), date: Some("2022-07-20".into()) };
    let events = coder.code(&article).events.into_iter().enumerate().map(|(i, event)| {
        let mention = Mention {
            event_id: i as i64 + 1,
            article_id: input.clone(),
            url: None,
            source_name: None,
            article_date: article.date.clone(),
            date_added: "2026-11-29T10:57:38Z".into(),
            doc_len: text.chars().count(),
            event: event.clone(),
        };
        Ok::<_, String>(MergedEvent {
            id: i as i64 + 1,
            event,
            date_added: "2026-11-29T10:57:38Z".into(),
            num_mentions: 1,
            num_sources: 1,
            num_articles: 1,
            mentions: vec![mention],
        })
    });
    let destination = match rest.first() {
        Some(path) => Destination::Path(path.into()),
        None => Destination::Writer(Box::new(std::io::stdout().lock())),
    };
    let options = ExportOptions { partition_by_date: rest.get(1).is_some_and(|a| a == "--partition-by-date") };
    let report = export(format, events, destination, &options)?;
    for failure in &report.failures {
        eprintln!("skipped {failure}");
    }
    eprintln!("{} events written", report.written);
    Ok(())
}
