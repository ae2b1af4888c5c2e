//! `dyad eval-places`: does dyad find the place where an event happened?
//!
//! Reads records in the format of `../shared/data/event_location`
//! (`{"id", "text", "date"?, "gold": {"verb": {"start", "end"},
//! "locations": [{"start", "end", "text"}]}}`, character offsets), asks the
//! coder for the place that governs the gold verb ([`Coder::locate`]) and
//! compares it with the gold places:
//!
//! * **found**: dyad's place comes from words that overlap a gold place
//!   span, or is the place a gold place names (same gazetteer entry or same
//!   name: "Baghdad" read from another mention of Baghdad in the sentence,
//!   or the document's main place);
//! * gold places that no gazetteer entry names are counted, since no coder
//!   working from this gazetteer can find them;
//! * for records whose gold says "no place for this event", how often dyad
//!   names one in the sentence anyway.

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context as _};
use clap::Args;
use dyad_coder::{Article, Coder};
use rayon::prelude::*;
use serde::Deserialize;

#[derive(Debug, Args)]
pub struct EvalPlacesArgs {
    /// Records with a gold verb and gold locations (JSON Lines).
    #[arg(long, value_name = "FILE")]
    input: PathBuf,
    /// Write the figures as JSON to this file.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Fail (exit 1) when the share of found places is below this.
    #[arg(long, value_name = "SHARE")]
    floor: Option<f64>,
    /// Print this many records where a gold place the gazetteer knows was
    /// missed, with dyad's answer.
    #[arg(long, value_name = "N", default_value_t = 0)]
    misses: usize,

    #[command(flatten)]
    dicts: crate::dicts::DictArgs,
}

#[derive(Debug, Deserialize)]
struct Record {
    id: String,
    text: String,
    #[serde(default)]
    date: Option<String>,
    gold: Gold,
}

#[derive(Debug, Deserialize)]
struct Gold {
    verb: SpanText,
    #[serde(default)]
    locations: Vec<SpanText>,
}

#[derive(Debug, Deserialize)]
struct SpanText {
    start: usize,
    end: usize,
    #[serde(default)]
    text: String,
}

/// What happened to one record.
#[derive(Debug, Default, Clone, Copy)]
struct Outcome {
    has_gold: bool,
    found: bool,
    found_in_sentence: bool,
    placed: bool,
    placed_in_sentence: bool,
    unknown_gold_places: usize,
    gold_places: usize,
}

pub fn run(args: EvalPlacesArgs) -> anyhow::Result<ExitCode> {
    let file = File::open(&args.input).with_context(|| format!("{}", args.input.display()))?;
    let mut records = Vec::new();
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("{}:{}", args.input.display(), n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let r: Record = serde_json::from_str(&line).with_context(|| format!("{}:{}", args.input.display(), n + 1))?;
        records.push(r);
    }
    if records.is_empty() {
        bail!("{}: no records", args.input.display());
    }
    // Places hang on actors and triggers, so the dictionaries matter: the
    // same options as `dyad code` let a user measure their own set.
    let coder = args.dicts.coder()?;
    let gazetteer = dyad_geo::Gazetteer::embedded();
    let start = std::time::Instant::now();
    let outcomes: Vec<Outcome> = records.par_iter().map(|r| score(&coder, gazetteer, r)).collect();
    let secs = start.elapsed().as_secs_f64();

    let with_gold: Vec<&Outcome> = outcomes.iter().filter(|o| o.has_gold).collect();
    let without: Vec<&Outcome> = outcomes.iter().filter(|o| !o.has_gold).collect();
    let share = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    let found = with_gold.iter().filter(|o| o.found).count();
    let found_sentence = with_gold.iter().filter(|o| o.found_in_sentence).count();
    let placed = with_gold.iter().filter(|o| o.placed).count();
    let reachable = with_gold.iter().filter(|o| o.unknown_gold_places < o.gold_places).count();
    let found_reachable = with_gold.iter().filter(|o| o.found && o.unknown_gold_places < o.gold_places).count();
    let gold_places: usize = with_gold.iter().map(|o| o.gold_places).sum();
    let unknown: usize = with_gold.iter().map(|o| o.unknown_gold_places).sum();
    let false_sentence = without.iter().filter(|o| o.placed_in_sentence).count();
    let found_share = share(found, with_gold.len());

    let mut out = std::io::stdout().lock();
    writeln!(out, "records: {} ({} with a gold place, {} without)", records.len(), with_gold.len(), without.len())?;
    writeln!(out, "found the governing place: {found} of {} = {:.3}", with_gold.len(), found_share)?;
    writeln!(
        out,
        "  from the sentence itself: {found_sentence} ({:.3}); from the document's main place: {}",
        share(found_sentence, with_gold.len()),
        found - found_sentence
    )?;
    writeln!(out, "  dyad named some place: {placed} ({:.3})", share(placed, with_gold.len()))?;
    writeln!(
        out,
        "gold place strings no gazetteer name matches: {unknown} of {gold_places} ({:.3})",
        share(unknown, gold_places)
    )?;
    writeln!(out, "  records whose gold places are all unknown: {}; found among the others: {found_reachable} of {reachable} = {:.3}", with_gold.len() - reachable, share(found_reachable, reachable))?;
    writeln!(
        out,
        "records with no gold place where dyad named one in the sentence: {false_sentence} of {} ({:.3})",
        without.len(),
        share(false_sentence, without.len())
    )?;
    writeln!(out, "{:.2} s", secs)?;
    let missed =
        records.iter().zip(&outcomes).filter(|(_, o)| o.has_gold && !o.found && o.unknown_gold_places < o.gold_places);
    for (r, _) in missed.take(args.misses) {
        let article = Article { id: r.id.clone(), text: r.text.clone(), date: r.date.clone() };
        let ours = coder.locate(&article, [r.gold.verb.start, r.gold.verb.end]);
        let gold: Vec<&str> = r.gold.locations.iter().map(|g| g.text.as_str()).collect();
        let verb: String = r.text.chars().skip(r.gold.verb.start).take(r.gold.verb.end - r.gold.verb.start).collect();
        let ours = ours.map_or("-".to_string(), |l| {
            format!("{} [{}] {}", l.name, l.text.unwrap_or_default(), l.precision.unwrap_or_default())
        });
        writeln!(out, "miss {}: verb `{verb}` gold {gold:?} ours {ours}\n    {}", r.id, r.text)?;
    }
    if let Some(path) = &args.json {
        let report = serde_json::json!({
            "records": records.len(),
            "with_gold_place": with_gold.len(),
            "found": found,
            "found_share": found_share,
            "found_in_sentence": found_sentence,
            "found_share_reachable": share(found_reachable, reachable),
            "gold_places": gold_places,
            "gold_places_unknown_to_gazetteer": unknown,
            "no_gold_place_but_placed_in_sentence": false_sentence,
            "seconds": secs,
        });
        std::fs::write(path, serde_json::to_string_pretty(&report)? + "\n")
            .with_context(|| format!("{}", path.display()))?;
    }
    if let Some(floor) = args.floor {
        if found_share < floor {
            eprintln!("dyad: found share {found_share:.3} is below the floor {floor:.3}");
            return Ok(ExitCode::from(crate::EXIT_RECORD_ERRORS));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn score(coder: &Coder, gazetteer: &dyad_geo::Gazetteer<'static>, r: &Record) -> Outcome {
    let article = Article { id: r.id.clone(), text: r.text.clone(), date: r.date.clone() };
    let loc = coder.locate(&article, [r.gold.verb.start, r.gold.verb.end]);
    let mut o = Outcome {
        has_gold: !r.gold.locations.is_empty(),
        gold_places: r.gold.locations.len(),
        unknown_gold_places: r.gold.locations.iter().filter(|g| gazetteer.lookup(&g.text).is_empty()).count(),
        ..Outcome::default()
    };
    let Some(loc) = loc else { return o };
    o.placed = true;
    o.placed_in_sentence = loc.span.is_some();
    let overlaps = |s: [usize; 2]| r.gold.locations.iter().any(|g| s[0] < g.end && g.start < s[1]);
    let same_name = r.gold.locations.iter().any(|g| {
        let key = dyad_geo::name_key(&g.text);
        gazetteer.lookup(&g.text).iter().any(|&id| gazetteer.place(id).name == loc.name)
            || key == dyad_geo::name_key(&loc.name)
    });
    // The same place read from another mention of it ("near a Baghdad hotel
    // complex in central Baghdad") is the same answer.
    o.found_in_sentence = loc.span.is_some_and(overlaps) || loc.span.is_some() && same_name;
    o.found = o.found_in_sentence || same_name;
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(text: &str, verb: &str, places: &[&str]) -> Record {
        let at = |w: &str| {
            let b = text.find(w).unwrap();
            let s = text[..b].chars().count();
            SpanText { start: s, end: s + w.chars().count(), text: w.to_string() }
        };
        Record {
            id: "t".into(),
            text: text.into(),
            date: None,
            gold: Gold { verb: at(verb), locations: places.iter().map(|p| at(p)).collect() },
        }
    }

    #[test]
    fn finds_the_governing_place() {
        let coder = Coder::with_default_dictionaries().unwrap();
        let gaz = dyad_geo::Gazetteer::embedded();
        let o = score(
            &coder,
            gaz,
            &record("Russian forces shelled a market in Donetsk on Monday.", "shelled", &["Donetsk"]),
        );
        assert!(o.found && o.found_in_sentence, "{o:?}");
        let o =
            score(&coder, gaz, &record("Talks in Geneva ended when rebels attacked Aleppo.", "attacked", &["Aleppo"]));
        assert!(o.found, "the target place governs the attack, not the talks' venue: {o:?}");
        let o = score(&coder, gaz, &record("Police arrested two men in Zzyzxville.", "arrested", &["Zzyzxville"]));
        assert_eq!(o.unknown_gold_places, 1);
        assert!(!o.found);
    }
}
