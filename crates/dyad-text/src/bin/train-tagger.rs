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
//! whitespace-separated TEXT with the model at `--out`; repeatable).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use dyad_text::tagger::train::{evaluate, read_conllu, train, TaggedSentence, TrainConfig};
use dyad_text::tagger::Tagger;

struct Args {
    data: PathBuf,
    out: PathBuf,
    config: TrainConfig,
    min_weight: f64,
    eval_only: bool,
    tag: Vec<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        data: PathBuf::from("/work/shared/data/ud-english"),
        out: PathBuf::from("crates/dyad-text/model/pos-en.bin"),
        config: TrainConfig::default(),
        min_weight: 1.0,
        eval_only: false,
        tag: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--data" => args.data = value()?.into(),
            "--out" => args.out = value()?.into(),
            "--iterations" => {
                args.config.iterations =
                    value()?.parse().map_err(|e| format!("--iterations: {e}"))?
            }
            "--seed" => args.config.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--min-weight" => {
                args.min_weight = value()?.parse().map_err(|e| format!("--min-weight: {e}"))?
            }
            "--lexicon-min-count" => {
                args.config.lexicon_min_count = value()?
                    .parse()
                    .map_err(|e| format!("--lexicon-min-count: {e}"))?
            }
            "--dict-min-count" => {
                args.config.dict_min_count = value()?
                    .parse()
                    .map_err(|e| format!("--dict-min-count: {e}"))?
            }
            "--tag" => args.tag.push(value()?),
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

fn report(label: &str, tagger: &Tagger, sets: &[(&str, Vec<TaggedSentence>)]) {
    if std::env::var_os("CONFUSION").is_some() {
        let mut conf = std::collections::HashMap::new();
        for s in &sets[0].1 {
            for ((g, p), w) in s
                .tags
                .iter()
                .zip(tagger.tag(&s.words.iter().map(String::as_str).collect::<Vec<_>>()))
                .zip(&s.words)
            {
                if *g != p {
                    *conf.entry((g.name(), p.name())).or_insert((0, Vec::new())) = {
                        let e = conf
                            .get(&(g.name(), p.name()))
                            .cloned()
                            .unwrap_or((0, Vec::new()));
                        let mut v: Vec<String> = e.1;
                        if v.len() < 8 {
                            v.push(w.clone());
                        }
                        (e.0 + 1, v)
                    };
                }
            }
        }
        let mut v: Vec<_> = conf.into_iter().collect();
        v.sort_by_key(|x| std::cmp::Reverse(x.1 .0));
        for ((g, p), (n, ws)) in v.iter().take(25) {
            println!("gold {g} pred {p}: {n} {ws:?}");
        }
    }
    for (name, sents) in sets {
        let acc = evaluate(tagger, sents);
        println!(
            "{label:>10} {name:<16} {:.2}% ({}/{})",
            acc.rate() * 100.0,
            acc.correct,
            acc.total
        );
    }
}

/// Tokens per second on one thread, tagging every set a few times.
fn speed(tagger: &Tagger, sets: &[(&str, Vec<TaggedSentence>)]) -> f64 {
    let sents: Vec<Vec<&str>> = sets
        .iter()
        .flat_map(|(_, s)| s)
        .map(|s| s.words.iter().map(String::as_str).collect())
        .collect();
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
        let tagger =
            Tagger::from_bytes(&bytes).map_err(|e| format!("{}: {e}", args.out.display()))?;
        for text in &args.tag {
            let words: Vec<&str> = text.split_whitespace().collect();
            let tagged: Vec<String> = words
                .iter()
                .zip(tagger.tag(&words))
                .map(|(w, t)| format!("{w}/{t}"))
                .collect();
            println!("{}", tagged.join(" "));
        }
        return Ok(());
    }
    let eval_sets = [
        ("ewt-dev", load(&args.data, "en_ewt-ud-dev.conllu")?),
        ("ewt-test", load(&args.data, "en_ewt-ud-test.conllu")?),
        (
            "gum-news-dev",
            load(&args.data, "en_gum-news-ud-dev.conllu")?,
        ),
        (
            "gum-news-test",
            load(&args.data, "en_gum-news-ud-test.conllu")?,
        ),
    ];
    let tagger = if args.eval_only {
        let bytes = std::fs::read(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
        let start = Instant::now();
        let tagger =
            Tagger::from_bytes(&bytes).map_err(|e| format!("{}: {e}", args.out.display()))?;
        println!("decoded {} bytes in {:.1?}", bytes.len(), start.elapsed());
        tagger
    } else {
        let mut sents = load(&args.data, "en_ewt-ud-train.conllu")?;
        sents.extend(load(&args.data, "en_gum-news-ud-train.conllu")?);
        let tokens: usize = sents.iter().map(|s| s.words.len()).sum();
        println!(
            "training on {} sentences, {tokens} tokens, {:?}",
            sents.len(),
            args.config
        );
        let start = Instant::now();
        let trained = train(&sents, &args.config, &mut |pass, acc| {
            println!(
                "pass {pass}: train accuracy {:.2}% ({:.1?})",
                acc * 100.0,
                start.elapsed()
            );
        });
        println!("{} features with weights", trained.feature_count());
        let full = trained.to_tagger(0.0).map_err(|e| e.to_string())?;
        println!(
            "unpruned: {} features, {} bytes",
            full.feature_count(),
            full.to_bytes().len()
        );
        report("unpruned", &full, &eval_sets);
        let pruned = trained
            .to_tagger(args.min_weight)
            .map_err(|e| e.to_string())?;
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
    println!(
        "speed: {:.0} tokens/s (one thread)",
        speed(&tagger, &eval_sets)
    );
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
