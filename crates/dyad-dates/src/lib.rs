//! Date expressions in English news text.
//!
//! dyad codes "who did what to whom, **when**". The *when* of a news event is
//! usually written relative to the story's publication date ("on Thursday",
//! "yesterday", "last month") or with the year left out ("Feb. 24"). This
//! crate finds such expressions in a sentence or a whole document and
//! resolves them to a civil date, month or year.
//!
//! # Overview
//!
//! * [`find_dates`] scans text and returns every [`DateExpr`] in order, with
//!   byte offsets into the text you gave it.
//! * [`Resolved`] is the value: a [`Date`], a month, a year, or
//!   [`Resolved::Unresolved`] when the expression is relative and no
//!   publication date was given, or when no single day/month/year covers it
//!   honestly ("last week" straddling a new year).
//! * [`resolve_weekday`] exposes the weekday rule on its own.
//!
//! # Conventions
//!
//! * Spans hold the expression proper, without a leading preposition: in
//!   "on Monday morning" the span is `Monday morning`; in "last Friday" it is
//!   `last Friday` because "last" changes the date. Times of day are left out
//!   ("at 3 p.m. on Tuesday" gives `Tuesday`).
//! * A bare weekday means the most recent such day, the publication day
//!   included ([`Direction::PastOrSame`]), which is how news reports past
//!   events. A future cue a few words before it in the same clause ("will",
//!   "is due to", "scheduled") flips it to the next such day, unless a
//!   reporting verb ("said") intervenes.
//! * A day and month without a year take the publication year, or the year
//!   before when that would put them more than 31 days after publication
//!   (with a future cue: the next such date, allowing a week of staleness).
//!   A month without a year ("in March") is the most recent one, the
//!   publication month included, or the next one after a future cue.
//! * "next Monday" is the first Monday after the publication day, "last
//!   Friday" the most recent Friday before it.
//! * Month names must be capitalised, except full names next to a day or
//!   year ("march 15" in lower-cased copy) and, after a preposition, the
//!   names that are not also common words ("in january", never "in may").
//! * A bare four-digit year (1900–2099) needs a preposition ("in", "since",
//!   "by", "until", "the end of", "mid-") or a range partner ("2014 to
//!   2016"); "2,000 troops" and "a 2014 report" are not dates.
//! * Periods with no day or month precision of their own ("last week",
//!   "the weekend") get the most precise value that covers the whole period.
//!
//! # Example
//!
//! ```
//! use dyad_dates::{find_dates, Date};
//!
//! let published: Date = "2022-02-25".parse().unwrap();
//! let found = find_dates("Russian troops crossed the border on Thursday morning.", Some(published));
//! assert_eq!(found[0].text, "Thursday morning");
//! assert_eq!(found[0].value.to_string_precision(), ("2022-02-24".to_string(), "day"));
//! ```

#![deny(missing_docs)]

mod civil;
mod finder;
mod lexer;
mod lexicon;
mod resolve;

pub use civil::{add_months, days_in_month, is_leap_year, Date, DateParseError, Weekday};
pub use resolve::{resolve_weekday, Direction};

/// How precise a resolved expression is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Precision {
    /// A single day.
    Day,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
}

/// The value of a date expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Resolved {
    /// A single day.
    Day(Date),
    /// A calendar month.
    Month {
        /// The year.
        year: i32,
        /// The month, 1–12.
        month: u8,
    },
    /// A calendar year.
    Year(i32),
    /// A date expression whose value cannot be stated: relative with no
    /// publication date, or a period no single month or year covers.
    Unresolved,
}

impl Resolved {
    /// The precision, or `None` when unresolved.
    pub fn precision(&self) -> Option<Precision> {
        match self {
            Resolved::Day(_) => Some(Precision::Day),
            Resolved::Month { .. } => Some(Precision::Month),
            Resolved::Year(_) => Some(Precision::Year),
            Resolved::Unresolved => None,
        }
    }

    /// The value as text with its precision name: `("2022-02-24", "day")`,
    /// `("2022-02", "month")`, `("2022", "year")` or `("", "unresolved")`.
    pub fn to_string_precision(&self) -> (String, &'static str) {
        match self {
            Resolved::Day(d) => (d.to_string(), "day"),
            Resolved::Month { year, month } => (format!("{year:04}-{month:02}"), "month"),
            Resolved::Year(y) => (format!("{y:04}"), "year"),
            Resolved::Unresolved => (String::new(), "unresolved"),
        }
    }
}

/// One date expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateExpr {
    /// Byte offset of the expression's first byte in the text.
    pub start: usize,
    /// Byte offset one past the expression's last byte.
    pub end: usize,
    /// The expression as written, `&text[start..end]`.
    pub text: String,
    /// What it resolves to.
    pub value: Resolved,
}

/// Finds every date expression in `text`, in order of appearance, and
/// resolves the relative or year-less ones against `publication`.
///
/// Without a publication date, only expressions that carry their own year
/// ("24 February 2022", "in 2014", "2022-02-24") resolve; the others are
/// still reported, as [`Resolved::Unresolved`].
pub fn find_dates(text: &str, publication: Option<Date>) -> Vec<DateExpr> {
    finder::Finder::new(text, publication).find()
}
