//! Proleptic Gregorian civil dates and the little arithmetic the resolver
//! needs. Day counting uses Howard Hinnant's `days_from_civil` /
//! `civil_from_days` algorithms, which are exact for every `i32` year we care
//! about and need no tables.

use std::fmt;
use std::str::FromStr;

/// A civil (calendar) date. Displays as `YYYY-MM-DD`.
///
/// The fields are public for convenience; [`Date::new`] is the checked
/// constructor, and every date the finder returns is valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year; 1 BC is year 0 (astronomical numbering), as in ISO 8601.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
}

/// Day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// 0 for Monday … 6 for Sunday (ISO 8601 order).
    pub fn index(self) -> u8 {
        self as u8
    }

    /// Inverse of [`Weekday::index`], taken modulo 7.
    pub fn from_index(i: u8) -> Weekday {
        Weekday::ALL[(i % 7) as usize]
    }
}

/// True for Gregorian leap years.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` (1–12) of `year`; 0 for an invalid month.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Adds `delta` months to a (year, month) pair, carrying into the year.
pub fn add_months(year: i32, month: u8, delta: i32) -> (i32, u8) {
    let zero_based = year as i64 * 12 + (month as i64 - 1) + delta as i64;
    (zero_based.div_euclid(12) as i32, (zero_based.rem_euclid(12) + 1) as u8)
}

impl Date {
    /// A checked constructor: `None` unless the day exists in that month.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        (day >= 1 && day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn to_days(self) -> i64 {
        let y = self.year as i64 - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Inverse of [`Date::to_days`].
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The date `n` days later (earlier when `n` is negative).
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// Day of the week.
    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday (index 3).
        Weekday::from_index((self.to_days() + 3).rem_euclid(7) as u8)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Why a string is not a `YYYY-MM-DD` date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateParseError {
    input: String,
}

impl fmt::Display for DateParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a YYYY-MM-DD date (or RFC 3339 timestamp): {:?}", self.input)
    }
}

impl std::error::Error for DateParseError {}

impl FromStr for Date {
    type Err = DateParseError;

    /// Parses `YYYY-MM-DD`, or the date part of an RFC 3339 timestamp such
    /// as `2022-02-25T08:30:00Z` (the time and offset are ignored: a news
    /// item's publication day is what relative dates hang on).
    fn from_str(s: &str) -> Result<Date, DateParseError> {
        let err = || DateParseError { input: s.to_string() };
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(err());
        }
        if b.len() > 10 && !matches!(b[10], b'T' | b't' | b' ') {
            return Err(err());
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = &b[r];
            part.iter().all(u8::is_ascii_digit).then(|| part.iter().fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0')))
        };
        let (y, m, d) = (num(0..4), num(5..7), num(8..10));
        match (y, m, d) {
            (Some(y), Some(m), Some(d)) => Date::new(y as i32, m as u8, d as u8).ok_or_else(err),
            _ => Err(err()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn epoch_and_round_trip() {
        assert_eq!(d("1970-01-01").to_days(), 0);
        assert_eq!(d("2000-03-01").to_days(), 11_017);
        for n in -800_000..800_000i64 {
            if n % 37 == 0 {
                assert_eq!(Date::from_days(n).to_days(), n);
            }
        }
    }

    #[test]
    fn leap_years() {
        assert!(is_leap_year(2024) && is_leap_year(2000));
        assert!(!is_leap_year(1900) && !is_leap_year(2023));
        assert_eq!(d("2024-03-01").add_days(-1), d("2024-02-29"));
        assert_eq!(d("2023-03-01").add_days(-1), d("2023-02-28"));
        assert_eq!(d("1900-03-01").add_days(-1), d("1900-02-28"));
        assert_eq!(d("2000-02-28").add_days(1), d("2000-02-29"));
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
    }

    #[test]
    fn boundaries() {
        assert_eq!(d("2022-01-01").add_days(-1), d("2021-12-31"));
        assert_eq!(d("2022-12-31").add_days(1), d("2023-01-01"));
        assert_eq!(d("2022-04-30").add_days(1), d("2022-05-01"));
        assert_eq!(add_months(2022, 1, -1), (2021, 12));
        assert_eq!(add_months(2022, 12, 1), (2023, 1));
        assert_eq!(add_months(2022, 3, -27), (2019, 12));
    }

    #[test]
    fn weekdays() {
        assert_eq!(d("2022-02-25").weekday(), Weekday::Friday);
        assert_eq!(d("1970-01-01").weekday(), Weekday::Thursday);
        assert_eq!(d("2000-01-01").weekday(), Weekday::Saturday);
        assert_eq!(d("1969-12-29").weekday(), Weekday::Monday);
    }

    #[test]
    fn parse_and_display() {
        assert_eq!(d("2022-02-24").to_string(), "2022-02-24");
        assert_eq!(d("2022-02-25T08:30:00Z"), d("2022-02-25"));
        assert_eq!(d("2022-02-25t08:30:00+01:00"), d("2022-02-25"));
        for bad in ["2022-02-30", "2022-13-01", "22-02-24", "2022/02/24", "2022-02-24x", "", "2022-0é-01"] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
    }
}
