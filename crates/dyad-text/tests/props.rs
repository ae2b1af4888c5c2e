//! Property tests: arbitrary input never panics and always yields
//! well-formed sentence and token spans.

use dyad_text::{analyze, normalize, split_sentences, tokenize, CharIndex};
use proptest::prelude::*;

fn check(text: &str) {
    let sents = split_sentences(text);
    let mut prev = 0;
    for &(a, b) in &sents {
        assert!(prev <= a && a < b && b <= text.len(), "bad range {a}..{b} after {prev}");
        assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
        prev = b;
        let mut tprev = a;
        for t in tokenize(text, a, b) {
            assert!(tprev <= t.start && t.start < t.end && t.end <= b, "{t:?} in {a}..{b}");
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            let src = &text[t.start..t.end];
            assert!(!src.is_empty() && !src.chars().any(char::is_whitespace), "{src:?}");
            assert!(!t.norm.is_empty());
            tprev = t.end;
        }
    }
    // Out-of-range and mid-character bounds must not panic either.
    let _ = tokenize(text, 1, text.len() + 3);
    let _ = tokenize(text, text.len() + 5, 2);
    let n = normalize(text);
    for (i, c) in n.text.char_indices() {
        let (s, e) = n.to_original_range(i, i + c.len_utf8());
        assert!(s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e));
    }
    let idx = CharIndex::new(text);
    assert_eq!(idx.char_len(), text.chars().count());
    let _ = analyze(text);
}

/// Text built from the characters the splitter and tokenizer care about,
/// so interesting combinations come up far more often than in `\PC*`.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("U.S.".to_string()),
        Just("Mr.".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just(".".to_string()),
        Just("...".to_string()),
        Just("’".to_string()),
        Just("'s".to_string()),
        Just("n't".to_string()),
        Just("\"".to_string()),
        Just("—".to_string()),
        Just("-".to_string()),
        Just("$".to_string()),
        Just("http://".to_string()),
        Just("www.".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{ad}".to_string()),
        Just("é".to_string()),
        Just("😀".to_string()),
        "[A-Za-z0-9]{1,6}",
        "\\PC{1,3}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000)))]

    #[test]
    fn arbitrary_unicode(text in "\\PC{0,400}") {
        check(&text);
    }

    #[test]
    fn arbitrary_any_chars(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn newsy_text(text in newsy()) {
        check(&text);
    }
}

#[test]
fn pathological_inputs() {
    let long = "a".repeat(100_000);
    let dots = ".".repeat(50_000);
    let mixed = "U.S.".repeat(20_000);
    let apos = "'".repeat(10_000) + &"n't".repeat(10_000);
    for text in [
        "",
        " ",
        "\n\n\n",
        "\u{0}\u{1}\u{7f}",
        "\u{200b}\u{feff}",
        "\u{ad}\u{ad}",
        ".",
        "'",
        "a'",
        "n't",
        "x.\u{301}",
        "😀😀😀.",
        "שלום עולם. مرحبا.",
        long.as_str(),
        dots.as_str(),
        mixed.as_str(),
        apos.as_str(),
    ] {
        check(text);
    }
}
