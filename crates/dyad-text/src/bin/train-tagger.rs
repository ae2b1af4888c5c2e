//! Trains the part-of-speech model from UD English and writes the model file.
//!
//! ```text
//! cargo run --release -p dyad-text --bin train-tagger -- \
//!     --data /work/shared/data/ud-english --out crates/dyad-text/model/pos-en.bin
//! ```
//!
//! Options: `--iterations N` (default 8), `--seed N`, `--min-weight X`
//! (prune averaged weights below X; default 1.0), `--eval-only` (skip
//! training and evaluate the model at `--out`), `--tag TEXT` (tag
//! whitespace-separated TEXT with the model at `--out`; repeatable),
//! `--confusions` (list the commonest errors on EWT dev),
//! `--caps-copy-every N` (train on every N-th sentence in capitals too;
//! 0 turns it off), `--lexicon-min-count N`, `--dict-min-count N`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use dyad_text::tagger::train::{evaluate, read_conllu, train, TaggedSentence, TrainConfig};
use dyad_text::tagger::Tagger;
use dyad_text::Tag;

struct Args {
    data: PathBuf,
    out: PathBuf,
    config: TrainConfig,
    min_weight: f64,
    eval_only: bool,
    confusions: bool,
    tag: Vec<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        data: PathBuf::from("/work/shared/data/ud-english"),
        out: PathBuf::from("crates/dyad-text/model/pos-en.bin"),
        config: TrainConfig::default(),
        min_weight: 1.0,
        eval_only: false,
        confusions: false,
        tag: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--data" => args.data = value()?.into(),
            "--out" => args.out = value()?.into(),
            "--iterations" => args.config.iterations = value()?.parse().map_err(|e| format!("--iterations: {e}"))?,
            "--seed" => args.config.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--min-weight" => args.min_weight = value()?.parse().map_err(|e| format!("--min-weight: {e}"))?,
            "--lexicon-min-count" => {
                args.config.lexicon_min_count = value()?.parse().map_err(|e| format!("--lexicon-min-count: {e}"))?
            }
            "--dict-min-count" => {
                args.config.dict_min_count = value()?.parse().map_err(|e| format!("--dict-min-count: {e}"))?
            }
            "--caps-copy-every" => {
                args.config.caps_copy_every = value()?.parse().map_err(|e| format!("--caps-copy-every: {e}"))?
            }
            "--tag" => args.tag.push(value()?),
            "--confusions" => args.confusions = true,
            "--eval-only" => args.eval_only = true,
            _ => return Err(format!("unknown argument {flag}")),
        }
    }
    Ok(args)
}

fn load(data: &Path, name: &str) -> Result<Vec<TaggedSentence>, String> {
    let path = data.join(name);
    read_conllu(&path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The sentences in capitals, as in old wire copy.
fn upper(mut sents: Vec<TaggedSentence>) -> Vec<TaggedSentence> {
    for s in &mut sents {
        s.words.iter_mut().for_each(|w| *w = w.to_uppercase());
    }
    sents
}

/// The most frequent (gold, predicted) confusions, with example words.
fn confusions(tagger: &Tagger, sents: &[TaggedSentence]) {
    let mut seen: HashMap<(Tag, Tag), (usize, Vec<&str>)> = HashMap::new();
    let mut out = Vec::new();
    for s in sents {
        tagger.tag_into(&s.words, &mut out);
        for ((&gold, &got), word) in s.tags.iter().zip(&out).zip(&s.words) {
            if gold != got {
                let e = seen.entry((gold, got)).or_default();
                e.0 += 1;
                if e.1.len() < 6 {
                    e.1.push(word);
                }
            }
        }
    }
    let mut seen: Vec<_> = seen.into_iter().collect();
    seen.sort_by_key(|(pair, (n, _))| (std::cmp::Reverse(*n), *pair));
    for ((gold, got), (n, words)) in seen.iter().take(20) {
        println!("{n:>5} gold {gold:<5} tagged {got:<5} e.g. {words:?}");
    }
}

fn report(label: &str, tagger: &Tagger, sets: &[(&str, Vec<TaggedSentence>)]) {
    for (name, sents) in sets {
        let acc = evaluate(tagger, sents);
        println!("{label:>10} {name:<16} {:.2}% ({}/{})", acc.rate() * 100.0, acc.correct, acc.total);
    }
}

/// Tokens per second on one thread, tagging every set a few times.
fn speed(tagger: &Tagger, sets: &[(&str, Vec<TaggedSentence>)]) -> f64 {
    let sents: Vec<Vec<&str>> =
        sets.iter().flat_map(|(_, s)| s).map(|s| s.words.iter().map(String::as_str).collect()).collect();
    let mut out = Vec::new();
    let (mut tokens, start) = (0usize, Instant::now());
    for _ in 0..5 {
        for s in &sents {
            tagger.tag_into(s, &mut out);
            tokens += out.len();
        }
    }
    tokens as f64 / start.elapsed().as_secs_f64()
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    if !args.tag.is_empty() {
        let bytes = std::fs::read(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
        let tagger = Tagger::from_bytes(&bytes).map_err(|e| format!("{}: {e}", args.out.display()))?;
        for text in &args.tag {
            let words: Vec<&str> = text.split_whitespace().collect();
            let tagged: Vec<String> = words.iter().zip(tagger.tag(&words)).map(|(w, t)| format!("{w}/{t}")).collect();
            println!("{}", tagged.join(" "));
        }
        return Ok(());
    }
    let eval_sets = [
        ("ewt-dev", load(&args.data, "en_ewt-ud-dev.conllu")?),
        ("ewt-test", load(&args.data, "en_ewt-ud-test.conllu")?),
        ("gum-news-dev", load(&args.data, "en_gum-news-ud-dev.conllu")?),
        ("gum-news-test", load(&args.data, "en_gum-news-ud-test.conllu")?),
        ("gum-test-CAPS", upper(load(&args.data, "en_gum-news-ud-test.conllu")?)),
    ];
    let tagger = if args.eval_only {
        let bytes = std::fs::read(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
        let start = Instant::now();
        let tagger = Tagger::from_bytes(&bytes).map_err(|e| format!("{}: {e}", args.out.display()))?;
        println!("decoded {} bytes in {:.1?}", bytes.len(), start.elapsed());
        tagger
    } else {
        let mut sents = load(&args.data, "en_ewt-ud-train.conllu")?;
        sents.extend(load(&args.data, "en_gum-news-ud-train.conllu")?);
        let tokens: usize = sents.iter().map(|s| s.words.len()).sum();
        println!("training on {} sentences, {tokens} tokens, {:?}", sents.len(), args.config);
        let start = Instant::now();
        let trained = train(&sents, &args.config, &mut |pass, acc| {
            println!("pass {pass}: train accuracy {:.2}% ({:.1?})", acc * 100.0, start.elapsed());
        });
        println!("{} features with weights", trained.feature_count());
        let full = trained.to_tagger(0.0).map_err(|e| e.to_string())?;
        println!("unpruned: {} features, {} bytes", full.feature_count(), full.to_bytes().len());
        report("unpruned", &full, &eval_sets);
        let pruned = trained.to_tagger(args.min_weight).map_err(|e| e.to_string())?;
        let bytes = pruned.to_bytes();
        std::fs::write(&args.out, &bytes).map_err(|e| format!("{}: {e}", args.out.display()))?;
        println!(
            "wrote {} ({} bytes, {} features, {} dictionary words)",
            args.out.display(),
            bytes.len(),
            pruned.feature_count(),
            pruned.dictionary_len()
        );
        pruned
    };
    report("model", &tagger, &eval_sets);
    if args.confusions {
        println!("confusions on {}:", eval_sets[0].0);
        confusions(&tagger, &eval_sets[0].1);
    }
    println!("speed: {:.0} tokens/s (one thread)", speed(&tagger, &eval_sets));
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train-tagger: {e}");
            ExitCode::FAILURE
        }
    }
}
