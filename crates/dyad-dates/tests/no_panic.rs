//! `find_dates` must never panic and must always return valid, ordered,
//! non-overlapping spans on char boundaries, whatever the input.

use dyad_dates::{find_dates, Date};
use proptest::prelude::*;

fn check(text: &str, publication: Option<Date>) {
    let found = find_dates(text, publication);
    let mut last_end = 0;
    for f in &found {
        assert!(f.start < f.end && f.end <= text.len());
        assert!(f.start >= last_end, "overlapping spans in {text:?}");
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        assert_eq!(&text[f.start..f.end], f.text);
        last_end = f.end;
    }
}

fn any_date() -> impl Strategy<Value = Option<Date>> {
    prop::option::of((-3000i64..200_000).prop_map(Date::from_days))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000)))]

    #[test]
    fn arbitrary_strings(text in any::<String>(), publication in any_date()) {
        check(&text, publication);
    }

    /// Strings built from date-ish pieces reach much deeper into the matcher
    /// than random Unicode does.
    #[test]
    fn date_shaped_strings(
        parts in prop::collection::vec(prop::sample::select(vec![
            "on", "the", "last", "next", "this", "Monday", "Friday", "morning", "Feb", ".", ",",
            "24", "24th", "31st", "0", "99", "2022", "1999", "9999", "-", "/", "May", "March",
            "Sept", "of", "in", "since", "end", "mid", "ago", "days", "week", "weekend", "a",
            "yesterday", "tomorrow", "day", "before", "after", "é", "日", "\u{301}", "$", "%",
            "earlier", "later", "year", "month", "will", "said", "02", "13", "29",
        ]), 0..14),
        seps in prop::collection::vec(prop::sample::select(vec!["", " ", "  ", "\n"]), 14),
        publication in any_date(),
    ) {
        let mut text = String::new();
        for (p, s) in parts.iter().zip(&seps) {
            text.push_str(p);
            text.push_str(s);
        }
        check(&text, publication);
    }
}

#[test]
fn extreme_publication_dates() {
    for publication in [Date { year: -9999, month: 1, day: 1 }, Date { year: 9999, month: 12, day: 31 }] {
        check("last month, next year, on the 31st, Feb. 29, two years ago, next Monday", Some(publication));
    }
}
