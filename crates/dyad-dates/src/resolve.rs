//! Resolution rules: how a relative or incomplete expression becomes a date,
//! given the publication date. Kept apart from the finder so that each news
//! convention is stated (and tested) once.

use crate::civil::{add_months, Date, Weekday};
use crate::Resolved;

/// Which occurrence of a weekday (or month) an expression means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The most recent one, counting the publication day itself: the news
    /// default for a bare "on Thursday" (a Thursday in a Friday article is
    /// yesterday; "on Friday" in a Friday article is today).
    PastOrSame,
    /// The most recent one strictly before the publication day ("last Friday").
    Past,
    /// The first one on or after the publication day (bare weekday with a
    /// future cue: "will meet on Monday").
    FutureOrSame,
    /// The first one strictly after the publication day ("next Monday").
    Future,
}

/// The date of `weekday` relative to `publication`, in `direction`.
///
/// `find_dates` uses [`Direction::PastOrSame`] for a bare or "this" weekday,
/// [`Direction::Past`] for "last", [`Direction::Future`] for "next"/"coming",
/// and [`Direction::FutureOrSame`] for a bare weekday shortly after a future
/// cue such as "will" or "is due to".
pub fn resolve_weekday(publication: Date, weekday: Weekday, direction: Direction) -> Date {
    let back = (publication.weekday().index() as i64 - weekday.index() as i64).rem_euclid(7);
    let ahead = (7 - back) % 7;
    let offset = match direction {
        Direction::PastOrSame => -back,
        Direction::Past => -(if back == 0 { 7 } else { back }),
        Direction::FutureOrSame => ahead,
        Direction::Future => {
            if ahead == 0 {
                7
            } else {
                ahead
            }
        }
    };
    publication.add_days(offset)
}

/// A month named without a year ("in March"): the publication year's month
/// unless that lies after the publication month (then the year before), or,
/// looking forward, the next such month.
pub(crate) fn resolve_month(publication: Date, month: u8, direction: Direction) -> Resolved {
    let pm = publication.month;
    let year = match direction {
        Direction::PastOrSame => publication.year - i32::from(month > pm),
        Direction::Past => publication.year - i32::from(month >= pm),
        Direction::FutureOrSame => publication.year + i32::from(month < pm),
        Direction::Future => publication.year + i32::from(month <= pm),
    };
    Resolved::Month { year, month }
}

/// How far after the publication date a year-less day may lie before we take
/// it to mean the previous year ("Feb. 24" in a January article is last
/// February, in a February one it may be a coming meeting).
const FUTURE_WINDOW_DAYS: i64 = 31;

/// How far before publication a date announced as future may lie.
const STALE_FUTURE_DAYS: i64 = 7;

/// A day and month without a year: the latest such date that is at most
/// [`FUTURE_WINDOW_DAYS`] after the publication date. Checking the following
/// year first lets "Jan. 3" in a Dec. 30 article mean the coming January.
/// Looking forward (a future cue: "will meet on April 14") it is instead the
/// first such date no more than [`STALE_FUTURE_DAYS`] before the publication
/// date: wire copy filed a day late still says "will".
pub(crate) fn resolve_day_month(publication: Date, month: u8, day: u8, direction: Direction) -> Resolved {
    let pub_days = publication.to_days();
    if matches!(direction, Direction::FutureOrSame | Direction::Future) {
        // Eight years ahead reaches the next Feb. 29 even across 2100.
        for year in publication.year..=publication.year + 8 {
            let recent = |d: &Date| d.to_days() >= pub_days - STALE_FUTURE_DAYS;
            if let Some(d) = Date::new(year, month, day).filter(recent) {
                return Resolved::Day(d);
            }
        }
        return Resolved::Unresolved;
    }
    let limit = pub_days + FUTURE_WINDOW_DAYS;
    // Eight years back reaches the previous Feb. 29 even across 1900/2100.
    for year in (publication.year - 8..=publication.year + 1).rev() {
        if let Some(d) = Date::new(year, month, day) {
            if d.to_days() <= limit {
                return Resolved::Day(d);
            }
        }
    }
    // Only an impossible day ("Feb. 30") gets here.
    Resolved::Unresolved
}

/// "the 24th": that day of the publication month, or of the month before if
/// the day is still to come. Days the month lacks stay unresolved.
pub(crate) fn resolve_day_of_month(publication: Date, day: u8) -> Resolved {
    let (year, month) = if day > publication.day {
        add_months(publication.year, publication.month, -1)
    } else {
        (publication.year, publication.month)
    };
    Date::new(year, month, day).map_or(Resolved::Unresolved, Resolved::Day)
}

/// The most precise value that covers the whole inclusive range `a..=b`:
/// the day, else the month, else the year, else nothing. This is how we stay
/// honest about "last week" or "the weekend" without inventing a week type.
pub(crate) fn cover(a: Date, b: Date) -> Resolved {
    if a == b {
        Resolved::Day(a)
    } else if (a.year, a.month) == (b.year, b.month) {
        Resolved::Month { year: a.year, month: a.month }
    } else if a.year == b.year {
        Resolved::Year(a.year)
    } else {
        Resolved::Unresolved
    }
}

/// Monday of the week holding `d`.
pub(crate) fn week_start(d: Date) -> Date {
    d.add_days(-(d.weekday().index() as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn weekdays_from_a_friday() {
        let fri = d("2022-02-25");
        let r = |w, dir| resolve_weekday(fri, w, dir).to_string();
        assert_eq!(r(Weekday::Thursday, Direction::PastOrSame), "2022-02-24");
        assert_eq!(r(Weekday::Friday, Direction::PastOrSame), "2022-02-25");
        assert_eq!(r(Weekday::Saturday, Direction::PastOrSame), "2022-02-19");
        assert_eq!(r(Weekday::Friday, Direction::Past), "2022-02-18");
        assert_eq!(r(Weekday::Thursday, Direction::Past), "2022-02-24");
        assert_eq!(r(Weekday::Monday, Direction::Future), "2022-02-28");
        assert_eq!(r(Weekday::Friday, Direction::Future), "2022-03-04");
        assert_eq!(r(Weekday::Friday, Direction::FutureOrSame), "2022-02-25");
    }

    #[test]
    fn year_less_days() {
        let r = |p: &str, m, day| resolve_day_month(d(p), m, day, Direction::PastOrSame);
        assert_eq!(r("2022-02-25", 2, 24), Resolved::Day(d("2022-02-24")));
        assert_eq!(r("2022-02-25", 3, 20), Resolved::Day(d("2022-03-20")));
        assert_eq!(r("2022-02-25", 4, 20), Resolved::Day(d("2021-04-20")));
        assert_eq!(r("2022-12-30", 1, 3), Resolved::Day(d("2023-01-03")));
        assert_eq!(r("2023-03-10", 2, 29), Resolved::Day(d("2020-02-29")));
        let ahead = |p: &str, m, day| resolve_day_month(d(p), m, day, Direction::FutureOrSame);
        assert_eq!(ahead("2022-02-25", 4, 20), Resolved::Day(d("2022-04-20")));
        assert_eq!(ahead("2022-02-25", 2, 24), Resolved::Day(d("2022-02-24")));
        assert_eq!(ahead("2022-02-25", 2, 10), Resolved::Day(d("2023-02-10")));
        assert_eq!(ahead("2022-02-25", 2, 30), Resolved::Unresolved);
    }

    #[test]
    fn day_of_month_and_months() {
        assert_eq!(resolve_day_of_month(d("2022-03-10"), 31), Resolved::Unresolved);
        assert_eq!(resolve_day_of_month(d("2022-03-10"), 28), Resolved::Day(d("2022-02-28")));
        assert_eq!(resolve_day_of_month(d("2022-01-05"), 24), Resolved::Day(d("2021-12-24")));
        assert_eq!(resolve_month(d("2022-02-25"), 3, Direction::PastOrSame), Resolved::Month { year: 2021, month: 3 });
        assert_eq!(
            resolve_month(d("2022-02-25"), 3, Direction::FutureOrSame),
            Resolved::Month { year: 2022, month: 3 }
        );
        assert_eq!(resolve_month(d("2022-02-25"), 2, Direction::Past), Resolved::Month { year: 2021, month: 2 });
    }

    #[test]
    fn covers() {
        assert_eq!(cover(d("2022-02-21"), d("2022-02-24")), Resolved::Month { year: 2022, month: 2 });
        assert_eq!(cover(d("2022-02-28"), d("2022-03-06")), Resolved::Year(2022));
        assert_eq!(cover(d("2021-12-27"), d("2022-01-02")), Resolved::Unresolved);
        assert_eq!(week_start(d("2022-02-25")), d("2022-02-21"));
        assert_eq!(week_start(d("2022-02-21")), d("2022-02-21"));
    }
}
