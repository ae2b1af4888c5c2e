//! Table-driven tokenisation cases (expected `norm` forms), plus offset
//! checks: slicing the original text at a token's span and normalising it
//! must give back the token.

use dyad_text::{analyze, normalize_token, tokenize, CharIndex};

const CASES: &[(&str, &[&str])] = &[
    // words and final punctuation
    ("Troops withdrew.", &["Troops", "withdrew", "."]),
    ("Is it over?", &["Is", "it", "over", "?"]),
    ("Yes, no; maybe: fine!", &["Yes", ",", "no", ";", "maybe", ":", "fine", "!"]),
    ("", &[]),
    ("   ", &[]),
    // clitics, ASCII and curly apostrophes
    ("don't", &["do", "n't"]),
    ("can't won't", &["ca", "n't", "wo", "n't"]),
    ("Russia's army", &["Russia", "'s", "army"]),
    ("they're we've I'll he'd I'm", &["they", "'re", "we", "'ve", "I", "'ll", "he", "'d", "I", "'m"]),
    ("Russia’s army didn’t", &["Russia", "'s", "army", "did", "n't"]),
    ("DON'T", &["DO", "N'T"]),
    ("the soldiers' families", &["the", "soldiers", "'", "families"]),
    ("O'Brien and Qur'an", &["O'Brien", "and", "Qur'an"]),
    // abbreviations and acronyms
    ("U.S. forces", &["U.S.", "forces"]),
    ("Gen. Smith", &["Gen.", "Smith"]),
    ("at 9 a.m. today", &["at", "9", "a.m.", "today"]),
    ("troops left the U.S.", &["troops", "left", "the", "U.S."]),
    ("Mr. and Mrs. Jones", &["Mr.", "and", "Mrs.", "Jones"]),
    ("George W. Bush", &["George", "W.", "Bush"]),
    ("J.R.R. Tolkien", &["J.R.R.", "Tolkien"]),
    ("Acme Inc. said", &["Acme", "Inc.", "said"]),
    ("No. 10 and said no.", &["No.", "10", "and", "said", "no", "."]),
    ("U.S.-led coalition", &["U.S.-led", "coalition"]),
    ("rising anti-U.S. anger", &["rising", "anti-U.S.", "anger"]),
    ("Lt.-Col. Smith met U.N.-backed forces", &["Lt.-Col.", "Smith", "met", "U.N.-backed", "forces"]),
    ("a Ph.D. in law, i.e. a doctorate", &["a", "Ph.D.", "in", "law", ",", "i.e.", "a", "doctorate"]),
    ("at 5p.m. on", &["at", "5p.m.", "on"]),
    // hyphens and dashes (en/em dashes normalise to "-")
    ("al-Qaeda pro-Russian Mosul-based well-known", &["al-Qaeda", "pro-Russian", "Mosul-based", "well-known"]),
    ("war — again", &["war", "-", "again"]),
    ("war—again", &["war", "-", "again"]),
    ("war--again", &["war", "--", "again"]),
    ("1990–1991", &["1990", "-", "1991"]),
    ("pre- and post-war", &["pre", "-", "and", "post-war"]),
    // numbers, currency, percent
    ("1,200 troops", &["1,200", "troops"]),
    ("3.5 percent", &["3.5", "percent"]),
    ("$10bn (£7.6bn)", &["$", "10bn", "(", "£", "7.6bn", ")"]),
    ("up 10% or 3.5%.", &["up", "10", "%", "or", "3.5", "%", "."]),
    ("at 10:30, 3-2 win", &["at", "10:30", ",", "3-2", "win"]),
    ("€5 and ¥100", &["€", "5", "and", "¥", "100"]),
    // URLs and e-mail
    ("See https://example.com/a?b=1.", &["See", "https://example.com/a?b=1", "."]),
    ("(www.bbc.co.uk/news)", &["(", "www.bbc.co.uk/news", ")"]),
    ("mail press@un.org now", &["mail", "press@un.org", "now"]),
    // quotes and brackets
    ("\"We will win,\" he said.", &["\"", "We", "will", "win", ",", "\"", "he", "said", "."]),
    ("“We will win,” he said.", &["\"", "We", "will", "win", ",", "\"", "he", "said", "."]),
    ("``Yes,'' he said", &["``", "Yes", ",", "''", "he", "said"]),
    ("the ‘volcano’ camp", &["the", "'", "volcano", "'", "camp"]),
    ("[sic] {x}", &["[", "sic", "]", "{", "x", "}"]),
    // ellipsis
    ("Wait... no…", &["Wait", "...", "no", "..."]),
    // Unicode
    ("Zürich café naïve", &["Zürich", "café", "naïve"]),
    ("مرحبا بالعالم", &["مرحبا", "بالعالم"]),
    ("great 😀!", &["great", "😀", "!"]),
    ("10\u{a0}km away", &["10", "km", "away"]),
    ("co\u{ad}operate", &["cooperate"]),
    // wire sentences
    (
        "KYIV, Ukraine (AP) — Russian forces shelled Kharkiv on Monday.",
        &["KYIV", ",", "Ukraine", "(", "AP", ")", "-", "Russian", "forces", "shelled", "Kharkiv", "on", "Monday", "."],
    ),
    (
        "Syria’s north-east, which one former senior US official described as a “volcano”.",
        &[
            "Syria",
            "'s",
            "north-east",
            ",",
            "which",
            "one",
            "former",
            "senior",
            "US",
            "official",
            "described",
            "as",
            "a",
            "\"",
            "volcano",
            "\"",
            ".",
        ],
    ),
    (
        "THE FMLN'S URBAN COMMANDOS KILLED 3 SOLDIERS.",
        &["THE", "FMLN", "'S", "URBAN", "COMMANDOS", "KILLED", "3", "SOLDIERS", "."],
    ),
];

#[test]
fn token_cases() {
    assert!(CASES.len() >= 40, "{} cases", CASES.len());
    let mut failed = Vec::new();
    for (text, want) in CASES {
        let toks = tokenize(text, 0, text.len());
        let got: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        if got != *want {
            failed.push(format!("input: {text:?}\n  want: {want:?}\n  got:  {got:?}"));
        }
    }
    assert!(failed.is_empty(), "{} of {} cases failed:\n{}", failed.len(), CASES.len(), failed.join("\n"));
}

/// Every token's original span normalises to its `norm`, spans are in order,
/// and `lower` is `norm` lower-cased.
fn check_offsets(text: &str) {
    for s in analyze(text) {
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        let mut prev = s.start;
        for t in &s.tokens {
            assert!(t.start >= prev && t.end <= s.end && t.start < t.end, "{t:?} in {s:?}");
            let src = &text[t.start..t.end];
            assert_eq!(normalize_token(src), t.norm, "span {src:?}");
            assert_eq!(t.norm.to_lowercase(), t.lower);
            prev = t.end;
        }
    }
}

#[test]
fn offsets_slice_back() {
    for (text, _) in CASES {
        check_offsets(text);
    }
    let text = "  Leading space.\n\nRussia’s “army” — didn’t… leave.  Mr. O'Brien said.";
    check_offsets(text);
    let s = analyze(text);
    assert_eq!(s.len(), 3);
    let t = &s[1].tokens[1];
    assert_eq!((&text[t.start..t.end], t.norm.as_str()), ("’s", "'s"));
}

#[test]
fn offsets_in_real_wire_text() {
    // Only runs when the shared benchmark data is present.
    for path in
        ["/work/shared/data/news_bench/guardian_sdf_sample.jsonl", "/work/shared/data/news_bench/muc4_docs.jsonl"]
    {
        let Ok(data) = std::fs::read_to_string(path) else { continue };
        for line in data.lines().take(60) {
            // Crude extraction of the "text" field is enough: the JSON
            // escapes only make the text different, not invalid.
            check_offsets(line);
        }
    }
}

#[test]
fn char_offsets_for_spans() {
    let text = "Syria’s “army” 😀 left.";
    let idx = CharIndex::new(text);
    for s in analyze(text) {
        for t in &s.tokens {
            let want = text[..t.start].chars().count();
            assert_eq!(idx.char_offset(t.start), want);
        }
    }
    assert_eq!(idx.char_len(), text.chars().count());
}
