//! Reading the two date shapes of a [`MergedEvent`](dyad_types::MergedEvent):
//! the event date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) and the RFC 3339
//! timestamps of `date_added`.
//!
//! Both are checked strictly: a malformed date would otherwise land as a
//! wrong number in a GDELT column or a wrong Parquet partition, which is
//! worse than skipping the record with a message.

/// An event date and how much of it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EventDate {
    pub year: i32,
    /// 1–12, or None for a year-only date.
    pub month: Option<u32>,
    /// 1–31, or None for a month- or year-only date.
    pub day: Option<u32>,
}

impl EventDate {
    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub fn parse(s: &str) -> Result<EventDate, String> {
        let bad = || format!("date `{s}` is not YYYY-MM-DD, YYYY-MM or YYYY");
        let mut parts = s.split('-');
        let year = number(parts.next(), 4).ok_or_else(bad)? as i32;
        let month = parts.next().map(|m| number(Some(m), 2).ok_or_else(bad)).transpose()?;
        let day = parts.next().map(|d| number(Some(d), 2).ok_or_else(bad)).transpose()?;
        if parts.next().is_some() {
            return Err(bad());
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(bad());
            }
            if let Some(d) = day {
                if d < 1 || d > days_in_month(year, m) {
                    return Err(bad());
                }
            }
        }
        Ok(EventDate { year, month, day })
    }

    /// The first day of the period the date names (the date itself for a
    /// full date), as days since 1970-01-01: Arrow's Date32.
    pub fn first_day_epoch(self) -> i32 {
        days_from_civil(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// GDELT's FractionDate: the year plus the share of the year gone by at
    /// the start of the day, to four decimals. Only for full dates.
    pub fn fraction(self) -> Option<f64> {
        let (m, d) = (self.month?, self.day?);
        let day_of_year = days_from_civil(self.year, m, d) - days_from_civil(self.year, 1, 1);
        let len = if is_leap(self.year) { 366.0 } else { 365.0 };
        Some(self.year as f64 + f64::from(day_of_year) / len)
    }

    /// `YYYY-MM-DD` of [`first_day_epoch`](Self::first_day_epoch).
    pub fn first_day_iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }
}

/// A UTC timestamp read from RFC 3339 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Timestamp {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    /// Microseconds within the second.
    pub micros: u32,
    /// Offset east of UTC, in seconds, as written.
    pub offset_seconds: i32,
}

impl Timestamp {
    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; a space may stand
    /// for the `T`, as SQLite writes it, and a missing zone means UTC.
    pub fn parse(s: &str) -> Result<Timestamp, String> {
        let bad = || format!("`{s}` is not an RFC 3339 timestamp (YYYY-MM-DDTHH:MM:SSZ)");
        let b = s.as_bytes();
        if b.len() < 19 || !(b[10] == b'T' || b[10] == b't' || b[10] == b' ') {
            return Err(bad());
        }
        let date = EventDate::parse(&s[..10]).map_err(|_| bad())?;
        let (Some(month), Some(day)) = (date.month, date.day) else { return Err(bad()) };
        if b[13] != b':' || b[16] != b':' {
            return Err(bad());
        }
        let hour = number(s.get(11..13), 2).ok_or_else(bad)?;
        let minute = number(s.get(14..16), 2).ok_or_else(bad)?;
        let second = number(s.get(17..19), 2).ok_or_else(bad)?;
        if hour > 23 || minute > 59 || second > 60 {
            return Err(bad());
        }
        let mut rest = &s[19..];
        let mut micros = 0;
        if let Some(frac) = rest.strip_prefix('.') {
            let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return Err(bad());
            }
            let kept = &frac[..digits.min(6)];
            micros = kept.parse::<u32>().map_err(|_| bad())? * 10u32.pow(6 - kept.len() as u32);
            rest = &frac[digits..];
        }
        let offset_seconds = match rest {
            "" | "Z" | "z" => 0,
            _ => {
                let sign = match rest.as_bytes()[0] {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return Err(bad()),
                };
                let (h, m) = (number(rest.get(1..3), 2), number(rest.get(4..6), 2));
                match (h, m, rest.len(), rest.as_bytes().get(3)) {
                    (Some(h), Some(m), 6, Some(b':')) if h < 24 && m < 60 => sign * (h * 3600 + m * 60) as i32,
                    _ => return Err(bad()),
                }
            }
        };
        Ok(Timestamp { year: date.year, month, day, hour, minute, second: second.min(59), micros, offset_seconds })
    }

    /// Microseconds since 1970-01-01T00:00:00Z.
    pub fn epoch_micros(self) -> i64 {
        let days = i64::from(days_from_civil(self.year, self.month, self.day));
        let secs = days * 86_400 + i64::from(self.hour * 3600 + self.minute * 60 + self.second)
            - i64::from(self.offset_seconds);
        secs * 1_000_000 + i64::from(self.micros)
    }

    /// The same instant in UTC.
    pub fn to_utc(self) -> Timestamp {
        if self.offset_seconds == 0 {
            return self;
        }
        let secs = self.epoch_micros().div_euclid(1_000_000);
        let days = secs.div_euclid(86_400);
        let in_day = secs.rem_euclid(86_400) as u32;
        let (year, month, day) = civil_from_days(days as i32);
        Timestamp {
            year,
            month,
            day,
            hour: in_day / 3600,
            minute: in_day / 60 % 60,
            second: in_day % 60,
            micros: self.micros,
            offset_seconds: 0,
        }
    }

    /// GDELT's `YYYYMMDDHHMMSS`, in UTC.
    pub fn gdelt(self) -> String {
        let t = self.to_utc();
        format!("{:04}{:02}{:02}{:02}{:02}{:02}", t.year, t.month, t.day, t.hour, t.minute, t.second)
    }

    /// `YYYY-MM-DD` and `HH:MM:SSZ` in UTC (PLOVER's coded_date and
    /// coded_time).
    pub fn utc_date_and_time(self) -> (String, String) {
        let t = self.to_utc();
        (
            format!("{:04}-{:02}-{:02}", t.year, t.month, t.day),
            format!("{:02}:{:02}:{:02}Z", t.hour, t.minute, t.second),
        )
    }
}

/// Parses exactly `width` ASCII digits.
fn number(s: Option<&str>, width: usize) -> Option<u32> {
    let s = s?;
    (s.len() == width && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400) as u32;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe as i32 - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097) as u32;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe as i32 + era * 400 + i32::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_dates_of_every_precision() {
        let d = EventDate::parse("2022-07-19").unwrap();
        assert_eq!((d.year, d.month, d.day), (2022, Some(7), Some(19)));
        assert_eq!(d.first_day_epoch(), 19_192);
        assert_eq!(EventDate::parse("1970-01-01").unwrap().first_day_epoch(), 0);
        assert_eq!(EventDate::parse("2022-07").unwrap().first_day_iso(), "2022-07-01");
        assert_eq!(EventDate::parse("2022").unwrap().first_day_iso(), "2022-01-01");
        assert_eq!(EventDate::parse("2022").unwrap().fraction(), None);
        for bad in ["", "22-07-19", "2022-13", "2022-02-30", "2022-7-19", "2022-07-19-1", "last Tuesday"] {
            assert!(EventDate::parse(bad).is_err(), "{bad} should not parse");
        }
        assert!(EventDate::parse("2024-02-29").is_ok());
    }

    #[test]
    fn fraction_date_is_the_share_of_the_year_gone() {
        assert_eq!(EventDate::parse("2022-01-01").unwrap().fraction(), Some(2022.0));
        let f = EventDate::parse("2022-07-02").unwrap().fraction().unwrap();
        assert!((f - (2022.0 + 182.0 / 365.0)).abs() < 1e-9, "{f}");
    }

    #[test]
    fn timestamps_in_rfc3339_and_sqlite_forms() {
        let t = Timestamp::parse("2026-11-29T10:57:38Z").unwrap();
        assert_eq!(t.gdelt(), "20261129105738");
        assert_eq!(Timestamp::parse("2026-11-29 10:57:38").unwrap().gdelt(), "20261129105738");
        let t = Timestamp::parse("2026-11-29T01:30:00.25+02:00").unwrap();
        assert_eq!(t.gdelt(), "20261128233000");
        assert_eq!(t.micros, 250_000);
        assert_eq!(Timestamp::parse("1970-01-01T00:00:01Z").unwrap().epoch_micros(), 1_000_000);
        assert_eq!(
            Timestamp::parse("2026-11-29T10:57:38Z").unwrap().utc_date_and_time(),
            ("2026-11-29".to_string(), "10:57:38Z".to_string())
        );
        for bad in ["2026-11-29", "2026-11-29T25:00:00Z", "2026-11-29T10:57:38+2", "yesterday", "2026-11-29T10:57:38.Z"]
        {
            assert!(Timestamp::parse(bad).is_err(), "{bad} should not parse");
        }
    }

    #[test]
    fn civil_days_round_trip() {
        for days in [-800_000, -1, 0, 1, 19_192, 60_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
