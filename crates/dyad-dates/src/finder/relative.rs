//! Shapes anchored on the publication day: weekdays, "yesterday", "last
//! week", "two days ago".

use super::{Finder, Hit};
use crate::civil::{add_months, Date, Weekday};
use crate::lexer::Kind;
use crate::lexicon;
use crate::resolve::{cover, resolve_weekday, week_start, Direction};
use crate::Resolved;

impl Finder<'_> {
    /// `[last|next|this|coming] Monday [morning][, Feb. 21[, 2022]]`.
    pub(super) fn weekday_phrase(&self, i: usize) -> Option<Hit> {
        let (direction, at) = match self.word(i)? {
            "last" | "past" => (Some(Direction::Past), i + 1),
            "next" | "coming" => (Some(Direction::Future), i + 1),
            "this" if self.is_word(i + 1, "coming") => (Some(Direction::Future), i + 2),
            "this" if self.is_word(i + 1, "past") => (Some(Direction::Past), i + 2),
            "this" => (None, i + 1),
            _ => (None, i),
        };
        let weekday = self.weekday_at(at)?;
        let holiday = self.word_before(i).is_some_and(lexicon::names_a_holiday);
        if at == i && i > 0 && self.toks[i - 1].is_cap_word() && holiday {
            return None;
        }
        if self.names_a_paper(i, at) {
            return None;
        }
        let end = self.with_day_part(at + 1);
        // "Monday, Feb. 21, 2022": the spelled-out date wins.
        let k = if self.tok(end).is_some_and(|t| t.is_punct(',')) { end + 1 } else { end };
        if let Some(abs) = self.month_first(k).or_else(|| self.day_first(k)) {
            return Some(Hit { start: i, end: abs.end, value: abs.value });
        }
        let direction = direction.unwrap_or_else(|| self.default_direction(i));
        let value = self.relative_to(|p| Resolved::Day(resolve_weekday(p, weekday, direction)));
        Some(Hit { start: i, end, value })
    }

    /// "the Sunday Times", "the Mail on Sunday", "Saturday Night Live".
    pub(super) fn names_a_paper(&self, i: usize, at: usize) -> bool {
        let next_is_title = self.tok(at + 1).is_some_and(|t| {
            t.is_cap_word()
                && matches!(
                    t.word(),
                    Some(
                        "times"
                            | "telegraph"
                            | "mirror"
                            | "express"
                            | "herald"
                            | "post"
                            | "independent"
                            | "mail"
                            | "tribune"
                            | "star"
                            | "people"
                            | "sport"
                            | "night"
                            | "observer"
                            | "standard"
                            | "review"
                            | "magazine"
                    )
                )
        });
        let mail_on = at == i
            && i >= 2
            && self.is_word(i - 1, "on")
            && self.toks[i - 2].is_cap_word()
            && matches!(self.word(i - 2), Some("mail" | "independent" | "observer"));
        next_is_title || mail_on
    }

    /// Words relative to the publication day: today, yesterday, last night,
    /// this morning, the day before yesterday, last week/month/year, the
    /// weekend, two days ago.
    pub(super) fn relative(&self, i: usize) -> Option<Hit> {
        let Some(w) = self.word(i) else {
            return self.ago(i);
        };
        let hit = |end: usize, value: Resolved| Some(Hit { start: i, end, value });
        match w {
            "today" | "tonight" if self.names_a_programme(i) => return None,
            "today" | "tonight" => return hit(i + 1, self.day_offset(0)),
            "yesterday" => return hit(self.with_day_part(i + 1), self.day_offset(-1)),
            "tomorrow" => return hit(self.with_day_part(i + 1), self.day_offset(1)),
            _ => {}
        }
        let w1 = self.word(i + 1);
        match (w, w1) {
            ("last", Some("night" | "evening")) => return hit(i + 2, self.day_offset(-1)),
            ("this", Some("morning" | "afternoon" | "evening")) => return hit(i + 2, self.day_offset(0)),
            ("the", Some("day")) => {
                let n = match (self.word(i + 2), self.word(i + 3)) {
                    (Some("before"), Some("yesterday")) => -2,
                    (Some("after"), Some("tomorrow")) => 2,
                    _ => return None,
                };
                return hit(self.with_day_part(i + 4), self.day_offset(n));
            }
            _ => {}
        }
        if let Some(h) = self.period(i) {
            return Some(h);
        }
        self.ago(i)
    }

    /// "Today" capitalised inside a sentence is a title: BBC Radio 4's
    /// Today programme, NBC's Today show, USA Today.
    pub(super) fn names_a_programme(&self, i: usize) -> bool {
        // All-caps wire copy ("REPORTED TODAY THAT") tells us nothing.
        let t = &self.toks[i];
        let title_case = self.text[t.start..t.end].chars().skip(1).all(char::is_lowercase);
        if !t.is_cap_word() || !title_case || i == 0 {
            return false;
        }
        let sentence_start = matches!(
            self.toks[i - 1].kind,
            Kind::Punct('.' | '!' | '?' | '"' | '“' | '\'' | '‘' | ':' | '(' | '[' | '—' | '-' | '\n')
        );
        !sentence_start || matches!(self.word(i + 1), Some("programme" | "program" | "show"))
    }

    /// `[earlier|later] this|last|next week|month|year|weekend`, `the weekend`.
    pub(super) fn period(&self, i: usize) -> Option<Hit> {
        let (edge, at) = match self.word(i)? {
            "earlier" | "later" if self.is_word(i + 1, "this") => (self.word(i), i + 1),
            _ => (None, i),
        };
        let which = self.word(at)?;
        if !matches!(which, "this" | "last" | "next" | "the") {
            return None;
        }
        let unit = self.word(at + 1)?;
        let value = match (which, unit) {
            ("the", "weekend") => {
                let sat = |p: Date| resolve_weekday(p, Weekday::Saturday, self.default_direction(i));
                self.relative_to(|p| cover(sat(p), sat(p).add_days(1)))
            }
            ("the", _) => return None,
            (_, "week") => self.relative_to(|p| {
                let mon = week_start(p);
                match (edge, which) {
                    (Some("earlier"), _) => cover(mon, p),
                    (Some(_), _) => cover(p, mon.add_days(6)),
                    (None, "this") => cover(mon, mon.add_days(6)),
                    (None, "last") => cover(mon.add_days(-7), mon.add_days(-1)),
                    _ => cover(mon.add_days(7), mon.add_days(13)),
                }
            }),
            (_, "weekend") if edge.is_none() => self.relative_to(|p| {
                let sat = week_start(p).add_days(match which {
                    "this" => 5,
                    "last" => -2,
                    _ => 12,
                });
                cover(sat, sat.add_days(1))
            }),
            (_, "month") => self.relative_to(|p| {
                let delta = match (edge, which) {
                    (None, "last") => -1,
                    (None, "next") => 1,
                    _ => 0,
                };
                let (year, month) = add_months(p.year, p.month, delta);
                Resolved::Month { year, month }
            }),
            (_, "year") => self.relative_to(|p| {
                Resolved::Year(match (edge, which) {
                    (None, "last") => p.year - 1,
                    (None, "next") => p.year + 1,
                    _ => p.year,
                })
            }),
            _ => return None,
        };
        if edge.is_some() && which != "this" {
            return None;
        }
        Some(Hit { start: i, end: at + 2, value })
    }

    /// `two days ago`, `3 weeks ago`, `a month ago`, `five years ago`.
    pub(super) fn ago(&self, i: usize) -> Option<Hit> {
        let t = self.tok(i)?;
        let n = match &t.kind {
            Kind::Num { value, digits } if *digits <= 3 && !self.is_number_fragment(i) => *value,
            Kind::Word { lower, .. } => lexicon::number_word(lower)?,
            _ => return None,
        };
        if !self.is_word(i + 2, "ago") {
            return None;
        }
        let n = n as i64;
        let value = match self.word(i + 1)? {
            "day" | "days" => self.day_offset(-n),
            "week" | "weeks" => self.day_offset(-7 * n),
            "month" | "months" => self.relative_to(|p| {
                let (year, month) = add_months(p.year, p.month, -(n as i32));
                Resolved::Month { year, month }
            }),
            "year" | "years" => self.relative_to(|p| Resolved::Year(p.year - n as i32)),
            _ => return None,
        };
        Some(Hit { start: i, end: i + 3, value })
    }
}
