//! Prints what the coder sees in a sentence: tokens with tags, then the
//! events. `cargo run -p dyad-coder --example trace -- "Text" [YYYY-MM-DD]`
use dyad_coder::{Article, Coder};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text = args.first().cloned().unwrap_or_default();
    let date = args.get(1).cloned();
    let tagger = dyad_text::tagger::Tagger::embedded();
    for mut s in dyad_text::analyze(&text) {
        tagger.tag_tokens(&mut s.tokens);
        let line: Vec<String> = s.tokens.iter().map(|t| format!("{}/{}", t.norm, t.tag)).collect();
        println!("{}", line.join(" "));
    }
    let coder = Coder::with_default_dictionaries().unwrap_or_else(|e| panic!("{e}"));
    let out = coder.code(&Article { id: "trace".into(), text, date });
    for s in &out.sentences {
        let actors: Vec<String> = s.actors.iter().map(|a| format!("[{}]{}", a.text, a.code)).collect();
        println!("sentence {}: actors {}", s.index, actors.join(" "));
        if let Some(n) = &s.note {
            println!("  note: {n}");
        }
    }
    for e in &out.events {
        println!(
            "{} {} -> {} {} mode={} reported={} speaker={} date={:?}/{} trigger={} rule={} `{}`",
            e.sentence,
            e.source.code,
            e.target.as_ref().map_or("-", |t| t.code.as_str()),
            e.cameo,
            e.mode.as_str(),
            e.reported,
            e.speaker.as_ref().map_or("-", |s| s.code.as_str()),
            e.date,
            e.date_precision.as_str(),
            e.trigger.text,
            e.rule,
            e.rule_pattern.as_deref().unwrap_or("")
        );
    }
}
