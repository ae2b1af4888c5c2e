//! Word lists: month and weekday names, number words, and the small closed
//! classes of words that license a date reading.

use crate::civil::Weekday;

/// Month number for a full or abbreviated English month name (lower case).
/// `abbrev` tells whether the name was an abbreviation, which is only
/// trusted next to a day or year number.
pub(crate) fn month(word: &str) -> Option<(u8, bool)> {
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if let Some(i) = full.iter().position(|m| *m == word) {
        return Some((i as u8 + 1, false));
    }
    let m = match word {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" | "sept" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some((m, true))
}

/// Month names that are also common words or given names ("May", "March",
/// "April Ryan", "June Carter"): these need a stronger cue.
pub(crate) fn month_is_ambiguous(word: &str) -> bool {
    matches!(word, "may" | "march" | "april" | "june" | "august")
}

/// Month names that are also common lower-case words ("may", "march",
/// "august"): never read as months in lower case without a number.
pub(crate) fn month_is_common_word(word: &str) -> bool {
    matches!(word, "may" | "march" | "august")
}

pub(crate) fn weekday(word: &str) -> Option<Weekday> {
    Some(match word {
        "monday" => Weekday::Monday,
        "tuesday" => Weekday::Tuesday,
        "wednesday" => Weekday::Wednesday,
        "thursday" => Weekday::Thursday,
        "friday" => Weekday::Friday,
        "saturday" => Weekday::Saturday,
        "sunday" => Weekday::Sunday,
        _ => return None,
    })
}

/// Capitalised words that turn a weekday into the name of a holiday or a
/// historical event ("Good Friday", "Bloody Sunday", "Super Tuesday").
pub(crate) fn names_a_holiday(word: &str) -> bool {
    matches!(
        word,
        "good"
            | "black"
            | "bloody"
            | "super"
            | "ash"
            | "holy"
            | "palm"
            | "easter"
            | "cyber"
            | "maundy"
            | "shrove"
            | "whit"
            | "low"
            | "giving"
    )
}

/// Parts of the day that may follow a day expression and belong to it.
pub(crate) fn is_day_part(word: &str) -> bool {
    matches!(word, "morning" | "afternoon" | "evening" | "night" | "midday" | "noon" | "overnight")
}

/// Small cardinal numbers written as words ("two days ago", "a week ago").
pub(crate) fn number_word(word: &str) -> Option<u32> {
    Some(match word {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        _ => return None,
    })
}

/// Prepositions after which a bare capitalised month name or a four-digit
/// number is read as a date ("in March", "since 2014").
pub(crate) fn is_date_preposition(word: &str) -> bool {
    matches!(
        word,
        "in" | "by"
            | "since"
            | "until"
            | "till"
            | "through"
            | "during"
            | "from"
            | "before"
            | "after"
            | "early"
            | "late"
            | "mid"
            | "throughout"
            | "between"
    )
}

/// Nouns that make "of" a date preposition: "the end of 2014", "spring of 2015".
pub(crate) fn is_period_noun(word: &str) -> bool {
    matches!(
        word,
        "end"
            | "start"
            | "beginning"
            | "middle"
            | "half"
            | "quarter"
            | "spring"
            | "summer"
            | "autumn"
            | "fall"
            | "winter"
            | "months"
            | "part"
            | "rest"
            | "course"
            | "close"
    )
}

/// Words that, shortly before a weekday or month, point to the future
/// ("will meet on Monday", "is due to vote on Thursday").
pub(crate) fn is_future_cue(word: &str) -> bool {
    matches!(
        word,
        "will"
            | "ll"
            | "shall"
            | "due"
            | "scheduled"
            | "expected"
            | "plans"
            | "planned"
            | "upcoming"
            | "planning"
            | "intends"
    )
}
