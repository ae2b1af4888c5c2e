//! Property tests (the fuzz target of the coder): any text codes without a
//! panic, and every span in every event slices the text back to the words
//! it names. `PROPTEST_CASES=100000 cargo test --release -p dyad-coder
//! --test props` runs a long fuzzing session.

use std::sync::OnceLock;

use dyad_coder::{Article, Coder};
use proptest::prelude::*;

fn coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| Coder::with_default_dictionaries().unwrap_or_else(|e| panic!("{e}")))
}

fn check(text: &str, date: Option<String>) {
    let out = coder().code(&Article { id: "p".into(), text: text.to_string(), date });
    let chars: Vec<char> = text.chars().collect();
    let slice = |s: [usize; 2]| -> String {
        assert!(s[0] <= s[1] && s[1] <= chars.len(), "span {s:?} out of bounds ({} chars)", chars.len());
        chars[s[0]..s[1]].iter().collect()
    };
    for e in &out.events {
        assert_eq!(slice(e.source.span), e.source.text);
        assert_eq!(slice(e.trigger.span), e.trigger.text);
        if let Some(t) = &e.target {
            assert_eq!(slice(t.span), t.text);
        }
        if let (Some(s), Some(t)) = (e.date_span, &e.date_text) {
            assert_eq!(&slice(s), t);
        }
        assert!(e.sentence < out.sentences.len());
    }
    for s in &out.sentences {
        assert_eq!(slice(s.span), s.text);
    }
}

/// News-like fragments, so that random texts reach the deep paths
/// (actors, triggers, passives, dates, pronouns).
const PIECES: &[&str] = &[
    "Russia",
    "Russian troops",
    "attacked",
    "was attacked by",
    "Ukraine",
    "President Putin",
    "said",
    "on Monday",
    "Kyiv",
    "the Kremlin",
    "and",
    ",",
    ".",
    "\"",
    "they",
    "he",
    "the two",
    "did not",
    "will",
    "if",
    "refused to",
    "release",
    "held talks with",
    "Iran's foreign minister",
    "NATO",
    "U.S.",
    "’s",
    "—",
    "yesterday",
    "24 Feb.",
    "police",
    "arrested",
    "protesters",
    "in",
    "Minsk",
    "\n",
    "\n\n",
    "é",
    "🙂",
    "Hamas",
    "according to",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1500)))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        check(&text, None);
    }

    #[test]
    fn news_like_text_keeps_spans(parts in prop::collection::vec(0..PIECES.len(), 0..40), dated in any::<bool>()) {
        let text = parts.iter().map(|&i| PIECES[i]).collect::<Vec<_>>().join(" ");
        check(&text, dated.then(|| "2022-02-25".to_string()));
    }
}

#[test]
fn pathological_inputs() {
    for text in [
        String::new(),
        " ".repeat(10_000),
        "a".repeat(100_000),
        ".".repeat(20_000),
        "Russia attacked Ukraine and ".repeat(2_000),
        "\u{0}\u{1}\u{7f}".repeat(100),
        "Putin and ".repeat(500) + "Raisi met.",
    ] {
        check(&text, Some("2022-02-25".into()));
    }
}
