//! The pattern matcher: walks the token list once and, at each position,
//! tries the expression shapes from the most to the least specific. The
//! first shape that matches wins and the walk resumes after it, so spans
//! never overlap.

//!
//! Shapes anchored on the publication day (weekdays, "yesterday", "last
//! week") live in `relative`; calendar shapes ("Feb. 24", "in 2014") here.

mod relative;

use crate::civil::{Date, Weekday};
use crate::lexer::{tokenize, Kind, Token};
use crate::lexicon;
use crate::resolve::{resolve_day_month, resolve_day_of_month, resolve_month, Direction};
use crate::{DateExpr, Resolved};

/// When a lower-case month name counts (see `Finder::month_at`).
#[derive(Clone, Copy)]
enum Lower {
    /// A day number or year is required by the caller's shape.
    WithNumber,
    /// Only names that are not also common words.
    Unambiguous,
}

/// A match over tokens `start..end` (end exclusive).
struct Hit {
    start: usize,
    end: usize,
    value: Resolved,
}

pub(crate) struct Finder<'a> {
    text: &'a str,
    toks: Vec<Token>,
    publication: Option<Date>,
}

impl<'a> Finder<'a> {
    pub fn new(text: &'a str, publication: Option<Date>) -> Self {
        Finder { text, toks: tokenize(text), publication }
    }

    pub fn find(&self) -> Vec<DateExpr> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            match self.hit_at(i) {
                Some(hit) => {
                    let (start, end) = (self.toks[hit.start].start, self.toks[hit.end - 1].end);
                    out.push(DateExpr { start, end, text: self.text[start..end].to_string(), value: hit.value });
                    i = hit.end;
                }
                None => i += 1,
            }
        }
        out
    }

    fn hit_at(&self, i: usize) -> Option<Hit> {
        self.iso(i)
            .or_else(|| self.slashed(i))
            .or_else(|| self.weekday_phrase(i))
            .or_else(|| self.relative(i))
            .or_else(|| self.month_first(i))
            .or_else(|| self.day_first(i))
            .or_else(|| self.the_ordinal(i))
            .or_else(|| self.month_only(i))
            .or_else(|| self.year_only(i))
    }

    // ---- token helpers -------------------------------------------------

    fn tok(&self, i: usize) -> Option<&Token> {
        self.toks.get(i)
    }

    fn word(&self, i: usize) -> Option<&str> {
        self.tok(i).and_then(Token::word)
    }

    fn is_word(&self, i: usize, w: &str) -> bool {
        self.word(i) == Some(w)
    }

    fn word_before(&self, i: usize) -> Option<&str> {
        i.checked_sub(1).and_then(|j| self.word(j))
    }

    /// Token `i` is punctuation `p` glued to the token before it.
    fn glued_punct(&self, i: usize, p: char) -> bool {
        self.tok(i).is_some_and(|t| t.is_punct(p) && !t.space_before)
    }

    /// True when the number at `i` continues into more digits ("2,000",
    /// "3.5", "10:30", "24/7") or follows such glue, so it is a quantity or
    /// a time, not a day or year.
    fn is_number_fragment(&self, i: usize) -> bool {
        let glue = |t: &Token| matches!(t.kind, Kind::Punct(',' | '.' | ':' | '/' | '-'));
        let is_num = |t: &Token| matches!(t.kind, Kind::Num { .. } | Kind::Other);
        // A hyphen after us starts a range ("Feb. 24-25", "2014-15"), which
        // keeps its first number; a hyphen before us makes us the range end.
        let after = match (self.tok(i + 1), self.tok(i + 2)) {
            (Some(p), Some(n)) => glue(p) && !p.is_punct('-') && !p.space_before && is_num(n) && !n.space_before,
            _ => false,
        };
        let before = i >= 2 && {
            let (n, p, me) = (&self.toks[i - 2], &self.toks[i - 1], &self.toks[i]);
            glue(p) && !p.space_before && is_num(n) && !me.space_before
        };
        let money = i >= 1 && matches!(self.toks[i - 1].kind, Kind::Punct('$' | '£' | '€' | '#'));
        let percent = self.glued_punct(i + 1, '%');
        after || before || money || percent
    }

    /// A month name at `i`, with the abbreviation's period consumed.
    /// Returns (month, abbreviated, next token).
    ///
    /// News capitalises months, so a capital is normally required. Lower
    /// case is let through for full names when `lower` says the caller has
    /// other evidence (a day number or year next to it), which keeps
    /// lower-cased corpora usable; "may", "march" and "august" additionally
    /// need that evidence whatever the caller says, being common words.
    fn month_at(&self, i: usize, lower: Lower) -> Option<(u8, bool, usize)> {
        let t = self.tok(i)?;
        let w = t.word()?;
        let (m, abbrev) = lexicon::month(w)?;
        if !t.is_cap_word() {
            let ok = match lower {
                Lower::WithNumber => !abbrev,
                Lower::Unambiguous => !abbrev && !lexicon::month_is_common_word(w),
            };
            if !ok {
                return None;
            }
        }
        let next = if abbrev && self.glued_punct(i + 1, '.') { i + 2 } else { i + 1 };
        Some((m, abbrev, next))
    }

    /// A day of the month (1–31, plain or ordinal) at `i`.
    fn day_at(&self, i: usize) -> Option<(u8, usize)> {
        let t = self.tok(i)?;
        let d = match t.kind {
            Kind::Num { value, digits } if digits <= 2 => value,
            Kind::Ord(value) => value,
            _ => return None,
        };
        ((1..=31).contains(&d) && !self.is_number_fragment(i)).then_some((d as u8, i + 1))
    }

    /// A four-digit year (1000–2999) at `i`, for dates that spell out a day
    /// or month next to it.
    fn year_at(&self, i: usize) -> Option<(i32, usize)> {
        let y = self.tok(i)?.num(4).filter(|y| (1000..=2999).contains(y))?;
        (!self.is_number_fragment(i)).then_some((y as i32, i + 1))
    }

    /// Weekday name at `i`, any case (no English word shares their spelling).
    fn weekday_at(&self, i: usize) -> Option<Weekday> {
        lexicon::weekday(self.word(i)?)
    }

    /// Is there a future cue ("will", "is due to") shortly before token `i`
    /// in the same clause, with no reporting verb in between?
    fn future_cue_before(&self, i: usize) -> bool {
        let mut words = 0;
        for j in (i.saturating_sub(16)..i).rev() {
            match &self.toks[j].kind {
                Kind::Punct('.' | '!' | '?' | ';' | '"') => return false,
                Kind::Word { lower, .. } => {
                    if matches!(
                        lower.as_str(),
                        "said"
                            | "says"
                            | "told"
                            | "announced"
                            | "reported"
                            | "added"
                            | "stated"
                            | "confirmed"
                            | "declared"
                            | "wrote"
                            | "was"
                            | "were"
                            | "had"
                    ) {
                        return false;
                    }
                    if lexicon::is_future_cue(lower) {
                        return true;
                    }
                    words += 1;
                    if words == 8 {
                        return false;
                    }
                }
                _ => {}
            }
        }
        false
    }

    fn default_direction(&self, i: usize) -> Direction {
        if self.future_cue_before(i) {
            Direction::FutureOrSame
        } else {
            Direction::PastOrSame
        }
    }

    /// `f(pub)` when there is a publication date, else unresolved.
    fn relative_to(&self, f: impl FnOnce(Date) -> Resolved) -> Resolved {
        self.publication.map_or(Resolved::Unresolved, f)
    }

    fn day_offset(&self, n: i64) -> Resolved {
        self.relative_to(|p| Resolved::Day(p.add_days(n)))
    }

    /// A day part word ("morning") at `i` extends the span.
    fn with_day_part(&self, i: usize) -> usize {
        if self.word(i).is_some_and(lexicon::is_day_part) {
            i + 1
        } else {
            i
        }
    }

    // ---- shapes ----------------------------------------------------------

    /// `2022-02-24` (the date part of ISO 8601 / RFC 3339).
    fn iso(&self, i: usize) -> Option<Hit> {
        let y = self.tok(i)?.num(4)?;
        let m = self.tok(i + 2).and_then(|t| t.num(2))?;
        let d = self.tok(i + 4).and_then(|t| t.num(2))?;
        let glued = (i + 1..=i + 4).all(|j| !self.toks[j].space_before);
        if !glued || !self.toks[i + 1].is_punct('-') || !self.toks[i + 3].is_punct('-') {
            return None;
        }
        let date = Date::new(y as i32, m as u8, d as u8)?;
        Some(Hit { start: i, end: i + 5, value: Resolved::Day(date) })
    }

    /// `24/02/2022` or `2/24/2022`: only when one part exceeds 12 (or both
    /// parts agree), since day-first and month-first writers both exist.
    fn slashed(&self, i: usize) -> Option<Hit> {
        let a = self.tok(i)?.num(2)?;
        let b = self.tok(i + 2).and_then(|t| t.num(2))?;
        let y = self.tok(i + 4).and_then(|t| t.num(4)).filter(|y| *y >= 1000)?;
        let glued = (i + 1..=i + 4).all(|j| !self.toks[j].space_before);
        let sep = match self.toks[i + 1].kind {
            Kind::Punct(c @ ('/' | '.')) if self.toks[i + 3].is_punct(c) => c,
            _ => return None,
        };
        if !glued {
            return None;
        }
        let (day, month) = match (a, b) {
            // Dotted dates ("24.02.2022") are day-first wherever they are used.
            _ if sep == '.' => (a, b),
            _ if a == b => (a, b),
            _ if a > 12 && b <= 12 => (a, b),
            _ if b > 12 && a <= 12 => (b, a),
            _ => return None,
        };
        let date = Date::new(y as i32, month as u8, day as u8)?;
        Some(Hit { start: i, end: i + 5, value: Resolved::Day(date) })
    }

    /// A capitalised month that could also be a name or a word ("Theresa
    /// May", "April Ryan") right after another capitalised word that is not
    /// a date word.
    fn month_looks_like_name(&self, i: usize) -> bool {
        let Some(w) = self.word(i) else { return false };
        if !lexicon::month_is_ambiguous(w) || i == 0 || !self.toks[i - 1].is_cap_word() {
            return false;
        }
        let prev = self.word_before(i).unwrap_or("");
        !(lexicon::is_date_preposition(prev)
            || lexicon::weekday(prev).is_some()
            || matches!(prev, "on" | "of" | "last" | "next" | "this" | "the" | "and" | "but" | "since"))
    }

    /// A year-less day and month, resolved by the publication date.
    fn day_month(&self, at: usize, month: u8, day: u8) -> Resolved {
        let direction = self.default_direction(at);
        self.relative_to(|p| resolve_day_month(p, month, day, direction))
    }

    /// `Feb. 24`, `February 24th, 2022`, `March 2014`.
    fn month_first(&self, i: usize) -> Option<Hit> {
        let (month, _, j) = self.month_at(i, Lower::WithNumber)?;
        // A day number settles it ("Between March 1"); the name check is for
        // the bare month and "Theresa May 2019"-like runs.
        if let Some((day, k)) = self.day_at(j) {
            return self.day_with_year(i, month, day, k);
        }
        // "April, 2002" only when the year ends the phrase: in "in May,
        // 2,000 people" or "in May, 2000 troops" the number is a quantity.
        let (year, end) = match self.year_at(j) {
            Some(found) => found,
            None if self.tok(j).is_some_and(|t| t.is_punct(',')) => {
                let (year, end) = self.year_at(j + 1)?;
                let closes = self.tok(end).is_none_or(|t| matches!(t.kind, Kind::Punct(_)));
                if !closes {
                    return None;
                }
                (year, end)
            }
            None => return None,
        };
        if self.month_looks_like_name(i) {
            return None;
        }
        Some(Hit { start: i, end, value: Resolved::Month { year, month } })
    }

    /// `24 February`, `24th of Feb. 2022`.
    fn day_first(&self, i: usize) -> Option<Hit> {
        let (day, j) = self.day_at(i)?;
        let j = if self.is_word(j, "of") { j + 1 } else { j };
        let (month, _, k) = self.month_at(j, Lower::WithNumber)?;
        if self.is_modal_may(j, k) {
            return None;
        }
        self.day_with_year(i, month, day, k)
    }

    /// A day and month that started at `i` and end at `k`, with the year
    /// that may follow (after a comma): "Feb. 24, 2022", "24 February 2022".
    /// Without a year, the day and month resolve against publication.
    fn day_with_year(&self, i: usize, month: u8, day: u8, k: usize) -> Option<Hit> {
        let y_at = if self.tok(k).is_some_and(|t| t.is_punct(',')) { k + 1 } else { k };
        if let Some((year, end)) = self.year_at(y_at) {
            let date = Date::new(year, month, day)?;
            return Some(Hit { start: i, end, value: Resolved::Day(date) });
        }
        Some(Hit { start: i, end: k, value: self.day_month(i, month, day) })
    }

    /// `on the 24th`: a day of the publication month. The span is `the 24th`.
    fn the_ordinal(&self, i: usize) -> Option<Hit> {
        if !self.is_word(i, "the") {
            return None;
        }
        let Kind::Ord(day) = self.tok(i + 1)?.kind else {
            return None;
        };
        let licensed = matches!(
            self.word_before(i),
            Some("on" | "by" | "since" | "until" | "till" | "before" | "after" | "from" | "through")
        );
        if !licensed || !(1..=31).contains(&day) {
            return None;
        }
        // "on the 3rd floor" is not a date; "the 24th of February" is handled
        // by `day_first` at the next token.
        let end = match self.tok(i + 2) {
            Some(t) if t.is_word("of") => return None,
            Some(t) if matches!(t.kind, Kind::Word { .. }) => {
                if !t.word().is_some_and(lexicon::is_day_part) {
                    return None;
                }
                i + 3
            }
            _ => i + 2,
        };
        let value = self.relative_to(|p| resolve_day_of_month(p, day as u8));
        Some(Hit { start: i, end, value })
    }

    /// Licence for a bare month name or year at `i`: a date preposition
    /// before it, "end of", "mid-", or a range partner ("March to May").
    fn licensed_bare(&self, i: usize, partner: impl Fn(usize) -> bool) -> bool {
        let Some(prev) = i.checked_sub(1).and_then(|j| self.tok(j)) else {
            return false;
        };
        if let Some(w) = prev.word() {
            if lexicon::is_date_preposition(w) {
                return true;
            }
            if w == "of" && i >= 2 && self.word(i - 2).is_some_and(lexicon::is_period_noun) {
                return true;
            }
            if matches!(w, "to" | "and" | "or") && i >= 2 && partner(i - 2) {
                return true;
            }
            return false;
        }
        // "mid-March", "late-2014"
        prev.is_punct('-') && i >= 2 && matches!(self.word(i - 2), Some("mid" | "early" | "late"))
    }

    /// `in March`, `last March`, `by May`; the month alone.
    fn month_only(&self, i: usize) -> Option<Hit> {
        let (direction, at) = match self.word(i)? {
            "last" => (Some(Direction::Past), i + 1),
            "next" => (Some(Direction::Future), i + 1),
            "this" => (None, i + 1),
            _ => (None, i),
        };
        let (month, _, end) = self.month_at(at, Lower::Unambiguous)?;
        if at == i {
            let partner = |j: usize| self.word(j).and_then(lexicon::month).is_some();
            if !self.licensed_bare(i, partner) || self.month_looks_like_name(i) {
                return None;
            }
        }
        // "in May last year", "in August this year", "in June that year".
        if at == i {
            if let Some((delta, k)) = self.year_reference(end) {
                let value = match delta {
                    Some(d) => self.relative_to(|p| Resolved::Month { year: p.year + d, month }),
                    None => Resolved::Unresolved,
                };
                return Some(Hit { start: i, end: k, value });
            }
        }
        if self.is_modal_may(at, end) {
            return None;
        }
        let value = match (self.word(i)?, direction) {
            // "this March" is the publication year's March, whichever side.
            ("this", _) => self.relative_to(|p| Resolved::Month { year: p.year, month }),
            (_, Some(d)) => self.relative_to(|p| resolve_month(p, month, d)),
            (_, None) => {
                let d = self.default_direction(i);
                self.relative_to(|p| resolve_month(p, month, d))
            }
        };
        Some(Hit { start: i, end, value })
    }

    /// "this May have been", "IN CASE MAY BE": the modal verb, spotted by
    /// what follows it. A month is followed by punctuation, a number, or a
    /// function word far more often than by a bare verb.
    fn is_modal_may(&self, at: usize, end: usize) -> bool {
        if !self.is_word(at, "may") {
            return false;
        }
        match self.word(end) {
            None => false,
            Some(w) => !matches!(
                w,
                "the"
                    | "a"
                    | "an"
                    | "in"
                    | "on"
                    | "at"
                    | "and"
                    | "or"
                    | "but"
                    | "when"
                    | "as"
                    | "after"
                    | "before"
                    | "to"
                    | "of"
                    | "for"
                    | "with"
                    | "he"
                    | "she"
                    | "it"
                    | "they"
                    | "we"
                    | "i"
                    | "this"
                    | "last"
                    | "next"
                    | "that"
                    | "while"
                    | "until"
            ),
        }
    }

    /// A year named relative to the publication year right after a month:
    /// `this year` (0), `last year` (-1), `next year` (+1), or one relative
    /// to some other date in the story (`that year`, `the following year`),
    /// which we cannot resolve (`None`). Returns the end token too.
    fn year_reference(&self, i: usize) -> Option<(Option<i32>, usize)> {
        match (self.word(i)?, self.word(i + 1)?, self.word(i + 2)) {
            ("this", "year", _) => Some((Some(0), i + 2)),
            ("last", "year", _) => Some((Some(-1), i + 2)),
            ("next", "year", _) => Some((Some(1), i + 2)),
            ("that", "year", _) => Some((None, i + 2)),
            ("the", "following" | "next" | "previous" | "same", Some("year")) => Some((None, i + 3)),
            _ => None,
        }
    }

    /// `in 2014`, `since 2011`, `the end of 2014`, `mid-2015`.
    fn year_only(&self, i: usize) -> Option<Hit> {
        let y = self.tok(i)?.num(4).filter(|y| (1900..=2099).contains(y))?;
        if self.is_number_fragment(i) {
            return None;
        }
        let partner = |j: usize| self.tok(j).and_then(|t| t.num(4)).is_some();
        if !self.licensed_bare(i, partner) {
            return None;
        }
        // "increased by 2000 votes", "from 1950 troops": quantities.
        let plural_next = self.tok(i + 1).is_some_and(|t| match &t.kind {
            Kind::Word { lower, cap: false } => lower.len() > 2 && lower.ends_with('s'),
            _ => false,
        });
        let quantity_prep = matches!(self.word_before(i), Some("by" | "from" | "between" | "to" | "and" | "or"));
        if plural_next && quantity_prep {
            return None;
        }
        Some(Hit { start: i, end: i + 1, value: Resolved::Year(y as i32) })
    }
}
