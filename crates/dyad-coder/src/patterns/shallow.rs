//! TABARI's shallow reading of a sentence, used when the dictionaries come
//! from a TABARI project (`Dictionaries::tabari`).
//!
//! The field's TABARI dictionaries were written for a coder that does not
//! parse: a clause's verb is the first word with a verb entry, its source
//! the first actor of the clause, its target the first actor after the
//! verb; pattern words around the verb refine the code, and a pattern may
//! place the source (`$`), the target (`+`) or a compound actor (`%`, an
//! event between the members of a coordinated group). The TABARI
//! validation suite, and researchers' tuned TABARI dictionaries, assume
//! that reading; dyad's own reading (subjects, objects, passives, modality)
//! would code many of their records differently, so this module gives the
//! TABARI reading over dyad's tokens, actor mentions and compiled rules.
//!
//! What a clause is: the sentence is cut at conjunctions that open a new
//! verb phrase ("... condemned the attack and promised aid"); a clause
//! without an actor before its verb takes the source of the clause before
//! it. Under `SET: CODE BY SENTENCE` only the sentence's first event is
//! coded; under `SET: CODE ALL` every verb with a rule is.

use dyad_dict::formats::tabari::{CodeBy, Options};
use dyad_dict::{Elem, Rule};

use super::{Match, Matcher};

/// Words that join two clauses when a verb phrase follows them.
const CONJUNCTIONS: &[&str] = &["and", "but", "or", "while", "whereas", ";"];

/// Pronouns TABARI resolves to an actor of the sentence.
pub(crate) const PRONOUNS: &[&str] = &["it", "its", "he", "him", "his", "she", "her", "they", "them", "their"];

/// Regular endings TABARI allows on a verb.
const VERB_ENDINGS: &[&str] = &["es", "en", "s", "ed", "d", "ing"];

/// Codes that match but code nothing.
const NULL: &[&str] = &["---", "+++", "###"];

impl<'a> Matcher<'a> {
    /// The events of the sentence under TABARI's reading.
    pub(crate) fn find_shallow(&self, options: &'a Options) -> Vec<Match<'a>> {
        let n = self.tokens.len();
        let mut out: Vec<Match<'a>> = Vec::new();
        // `SET: MINIMUM WORDS`: shorter sentences are not coded.
        let words =
            self.tokens.iter().filter(|t| t.lower.chars().any(char::is_alphanumeric) && t.lower != "'s").count();
        if words < options.minimum_words() as usize {
            return out;
        }
        let mut clause_start = 0;
        let mut inherited: Option<usize> = None;
        // The source and target of the last event, for pronouns.
        let mut prior: (Option<usize>, Option<usize>) = (None, None);
        let mut t = 0;
        while t < n {
            // Under `CODE ALL` every verb codes, but each still belongs to
            // its clause.
            if options.code_by == CodeBy::All {
                clause_start = (clause_start..t).rev().find(|&p| self.opens_clause(p)).map_or(clause_start, |p| p + 1);
            }
            let clause_end = self.clause_end(t);
            let Some(m) = self.shallow_event(t, clause_start, clause_end, (inherited, prior), options) else {
                t += 1;
                continue;
            };
            // A code marked `?` (`SAID [023?]`) is coded only when no
            // other verb of the clause codes.
            if m.rule.code.ends_with('?') {
                let other = (t + 1..clause_end).any(|u| {
                    self.shallow_event(u, clause_start, clause_end, (inherited, prior), options)
                        .is_some_and(|o| !o.rule.code.ends_with('?') && !NULL.contains(&o.rule.code.as_str()))
                });
                if other {
                    t += 1;
                    continue;
                }
            }
            if m.source.is_some() {
                inherited = m.source;
            }
            let resume = m.consumed.iter().copied().chain([t]).max().unwrap_or(t) + 1;
            let has_source = m.source.is_some() || m.implicit_source.is_some();
            let codes = has_source && (m.target.is_some() || m.implicit_target.is_some() || m.compound);
            if !codes && !NULL.contains(&m.rule.code.as_str()) {
                t += 1;
                continue;
            }
            if codes {
                prior = (m.source, m.target);
                out.push(m);
            }
            match options.code_by {
                CodeBy::Sentence if !out.is_empty() => break,
                CodeBy::All => t = resume,
                _ => {
                    // The next clause starts after a conjunction.
                    match (resume..n).find(|&p| self.opens_clause(p)) {
                        Some(p) => {
                            clause_start = p + 1;
                            t = p + 1;
                        }
                        None => break,
                    }
                }
            }
        }
        // A code marked `!` (`ATTEND [031!]`) is the sentence's dominant
        // event: under `CODE ALL` it is the only one coded.
        if options.code_by == CodeBy::All && out.iter().any(|m| m.rule.code.ends_with('!')) {
            out.retain(|m| m.rule.code.ends_with('!'));
        }
        out
    }

    /// The event of verb `t` with its source and target filled in, if a
    /// rule matches there (its code may be a null code).
    /// `context` is the source a clause without one inherits and the
    /// source and target of the last event (for pronouns).
    fn shallow_event(
        &self,
        t: usize,
        clause_start: usize,
        clause_end: usize,
        context: (Option<usize>, (Option<usize>, Option<usize>)),
        options: &'a Options,
    ) -> Option<Match<'a>> {
        let (inherited, prior) = context;
        if self.hidden[t] || !self.may_be_verb(t, options) {
            return None;
        }
        let mut m = self.best_shallow(t, clause_start, clause_end)?;
        if m.source.is_none() && m.implicit_source.is_none() {
            match m.target.filter(|&x| self.mentions[x].start < t) {
                // The pattern put its target before the verb ("+ WAS * DEAD"):
                // the source is another actor, after the verb if need be.
                Some(x) => {
                    let group = self.mentions[x].group;
                    let other = |y: usize| self.mentions[y].group != group;
                    m.source = (clause_start..t)
                        .filter(|&p| !self.hidden[p])
                        .filter_map(|p| self.mention_start[p])
                        .find(|&y| other(y))
                        .or_else(|| self.first_actor_after(t + 1, clause_end, other));
                }
                None => m.source = self.actor_or_pronoun(clause_start, t, || prior.0).or(inherited),
            }
        }
        let mut target_from = t + 1;
        if m.source.is_none() {
            // No actor before the verb: TABARI's default source, or
            // (without `PRIOR`) the first actor after the verb; or, under
            // `COMPLEX: NOACTPRIOR`, no event.
            match (&options.default_source, options.default_source_prior) {
                (Some(code), true) => m.implicit_source = Some(code.as_str()),
                _ if options.no_actor_prior => {}
                _ => {
                    m.source = self.first_actor_after(t + 1, clause_end, |_| true);
                    target_from = m.source.map_or(target_from, |s| self.mentions[s].end);
                }
            }
            if m.source.is_none() && m.implicit_source.is_none() {
                m.implicit_source = options.default_source.as_deref().filter(|_| !options.no_actor_prior);
            }
        }
        if m.target.is_none() && !m.compound {
            let source_group = m.source.map(|s| self.mentions[s].group);
            let after_source = target_from > t + 1;
            // A pronoun object stands for the last event's source, or its
            // target when that source is this event's own.
            let source = m.source;
            let referent = || match prior.0 {
                Some(s) if source.is_none_or(|x| self.mentions[x].group != self.mentions[s].group) => Some(s),
                _ => prior.1,
            };
            m.target = self
                .actor_or_pronoun(target_from, clause_end, referent)
                .filter(|&x| after_source || Some(self.mentions[x].group) != source_group)
                .or_else(|| {
                    self.first_actor_after(target_from, clause_end, |x| {
                        after_source || Some(self.mentions[x].group) != source_group
                    })
                });
            // Without `AFTER`, an actor after the source (its partner in a
            // compound) comes before the default target.
            if m.target.is_none() && options.default_target.is_some() && !options.default_target_after {
                let source_code = m.source.map(|s| self.mentions[s].code.clone());
                m.target = m.source.and_then(|s| {
                    self.first_actor_after(self.mentions[s].end, clause_end, |x| {
                        Some(&self.mentions[x].code) != source_code.as_ref()
                    })
                });
            }
            // No actor after the verb: the subject of a "that" clause
            // between the source and the verb ("it requested that Elrond
            // assist").
            if m.target.is_none() && options.default_target.is_none() {
                let from = m.source.map_or(clause_start, |s| self.mentions[s].end.max(clause_start));
                m.target = (from..t)
                    .find(|&q| !self.hidden[q] && self.tokens[q].lower == "that")
                    .and_then(|q| self.mention_start.get(q + 1).copied().flatten())
                    .filter(|&x| Some(self.mentions[x].group) != source_group);
            }
            if m.target.is_none() {
                m.implicit_target = options.default_target.as_deref();
            }
        }
        Some(m)
    }

    /// TABARI's deletion of comma-delimited clauses (`COMMA:`): short
    /// asides between two commas, after the last comma or before the
    /// first are not read ("Osgiliath, the state's fiercest foe, could").
    /// A clause that holds part of a compound ("Mordor, the awful
    /// Fornost, and Gondor") stays.
    pub(crate) fn hide_comma_clauses(&mut self, options: &Options) {
        let Some(limits) = options.comma_limits() else { return };
        let n = self.tokens.len();
        let end =
            if self.tokens.last().is_some_and(|t| matches!(t.lower.as_str(), "." | "!" | "?")) { n - 1 } else { n };
        let commas: Vec<usize> = (0..end).filter(|&p| self.tokens[p].lower == ",").collect();
        let words = |a: usize, b: usize| {
            self.tokens[a..b].iter().filter(|t| t.lower.chars().any(char::is_alphanumeric)).count()
        };
        let compound_inside = |a: usize, b: usize| {
            (a..b).filter_map(|p| self.in_mention[p]).any(|x| {
                let g = self.mentions[x].group;
                self.mentions.iter().any(|o| o.group == g && (o.end <= a || o.start >= b))
            })
        };
        let within = |w: usize, (lo, hi): (usize, usize)| w >= lo && w <= hi;
        let mut hide: Vec<(usize, usize)> = Vec::new();
        if let Some(&first) = commas.first() {
            if within(words(0, first), limits.initial) && !compound_inside(0, first) {
                hide.push((0, first + 1));
            }
        }
        for pair in commas.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if within(words(a + 1, b), limits.internal) && !compound_inside(a + 1, b) {
                hide.push((a, b + 1));
            }
        }
        if let Some(&last) = commas.last() {
            let covered = hide.iter().any(|&(a, b)| a <= last && last < b);
            if !covered && within(words(last + 1, end), limits.terminal) && !compound_inside(last + 1, end) {
                hide.push((last, end));
            }
        }
        for (a, b) in hide {
            for h in &mut self.hidden[a..b] {
                *h = true;
            }
        }
    }

    /// The end (exclusive) of the clause holding token `t`.
    fn clause_end(&self, t: usize) -> usize {
        (t + 1..self.tokens.len()).find(|&p| self.opens_clause(p)).unwrap_or(self.tokens.len())
    }

    /// True when the conjunction at `p` opens a new clause: a verb with a
    /// rule follows it, and it does not join the members of a compound
    /// ("Gondor and Osgiliath have renewed").
    fn opens_clause(&self, p: usize) -> bool {
        if self.hidden[p] || !CONJUNCTIONS.contains(&self.tokens[p].lower.as_str()) {
            return false;
        }
        let before = (0..p).rev().find(|&q| !self.hidden[q]).and_then(|q| self.in_mention[q]);
        let after = self.mention_start.get(p + 1).copied().flatten();
        if let (Some(a), Some(b)) = (before, after) {
            if self.mentions[a].group == self.mentions[b].group {
                return false;
            }
        }
        // The verb comes within a few words, or right after a new subject.
        let n = self.tokens.len();
        let is_verb = |q: usize| self.dict.verbs.rules_for(&self.tokens[q].lower).next().is_some();
        let verb_near =
            |from: usize| (from..n.min(from + 4)).take_while(|&q| self.in_mention[q].is_none()).any(is_verb);
        if verb_near(p + 1) {
            return true;
        }
        // "... and then it requested": a subject pronoun opens a clause.
        let after = if self.tokens.get(p + 1).is_some_and(|x| x.lower == "then") { p + 2 } else { p + 1 };
        if self.tokens.get(after).is_some_and(|x| matches!(x.lower.as_str(), "it" | "he" | "she" | "they")) {
            return true;
        }
        let subject = (p + 1..n.min(p + 4)).find_map(|q| self.mention_start[q]);
        subject.is_some_and(|x| verb_near(self.group_end(x).max(self.mentions[x].end)))
    }

    /// TABARI's noun/verb disambiguation: a verb word right after "the",
    /// "a" or "an", written with a capital inside the sentence, followed
    /// by "'s", or listed in the `<NOUN>` section is a noun.
    fn may_be_verb(&self, t: usize, options: &Options) -> bool {
        let tok = &self.tokens[t];
        let prev = (0..t).rev().find(|&q| !self.hidden[q]).map(|q| self.tokens[q].lower.as_str());
        let all_caps = !self.tokens.iter().any(|x| x.norm.chars().any(char::is_lowercase));
        let capital = t > 0 && !all_caps && tok.norm.chars().next().is_some_and(char::is_uppercase);
        let possessive = self.tokens.get(t + 1).is_some_and(|n| n.lower == "'s" && n.start == tok.end);
        !(matches!(prev, Some("the" | "a" | "an")) || capital || possessive || options.nouns.contains(&tok.lower))
    }

    /// When token `q` is one of `alts`, the end of the word: TABARI reads
    /// "didn't" as one word where dyad has "did" "n't".
    fn word_at(&self, q: usize, alts: &[String]) -> Option<usize> {
        let tok = &self.tokens[q].lower;
        if alts.contains(tok) {
            return Some(q + 1);
        }
        // A word written without `_` is a stem ("REVOLUTION" names
        // "revolutionary"); the front end lists such a word with its
        // endings, which tells it from a word written exact.
        let stem = |a: &String| a.len() >= 3 && alts.iter().any(|b| b.len() > a.len() && b.starts_with(a.as_str()));
        if alts.iter().any(|a| tok.starts_with(a.as_str()) && stem(a)) {
            return Some(q + 1);
        }
        // Tokens written together ("did" "n't", "anti" "-").
        let next = self.tokens.get(q + 1).filter(|n| n.start == self.tokens[q].end)?;
        let joined = format!("{tok}{}", next.lower);
        alts.contains(&joined).then_some(q + 2)
    }

    /// True when verb `t` is a passive participle ("was (fiercely) opposed").
    fn shallow_passive(&self, t: usize) -> bool {
        let mut p = t;
        while p > 0 {
            p -= 1;
            match self.tokens[p].lower.as_str() {
                "was" | "were" | "is" | "are" | "been" | "be" | "being" => {
                    return !self.tokens[t].lower.ends_with("ing")
                }
                w if w.ends_with("ly") || w == "not" => continue,
                _ => return false,
            }
        }
        false
    }

    /// The first actor in `[from, to)`, as the first member of its group;
    /// a pronoun before it stands for `referent`. TABARI resolves
    /// pronouns within the sentence: a subject pronoun to the last
    /// event's source, an object pronoun to the last event's other actor.
    fn actor_or_pronoun(&self, from: usize, to: usize, referent: impl Fn() -> Option<usize>) -> Option<usize> {
        for p in (from..to).filter(|&p| !self.hidden[p]) {
            if let Some(m) = self.in_mention[p] {
                return Some(self.group_first(m));
            }
            if PRONOUNS.contains(&self.tokens[p].lower.as_str()) {
                if let Some(r) = referent() {
                    return Some(self.group_first(r));
                }
            }
        }
        None
    }

    /// The first actor in `[from, to)`, as the first member of its group.
    fn first_actor(&self, from: usize, to: usize) -> Option<usize> {
        (from..to).filter(|&p| !self.hidden[p]).find_map(|p| self.in_mention[p]).map(|m| self.group_first(m))
    }

    /// The first actor starting in `[from, to)` that `ok` accepts.
    fn first_actor_after(&self, from: usize, to: usize, ok: impl Fn(usize) -> bool) -> Option<usize> {
        (from..to).filter(|&p| !self.hidden[p]).filter_map(|p| self.mention_start[p]).find(|&x| ok(x))
    }

    /// The most specific rule that matches at verb `t`.
    fn best_shallow(&self, t: usize, start: usize, end: usize) -> Option<Match<'a>> {
        if self.in_mention[t].is_some() {
            return None;
        }
        let mut best: Option<Match<'a>> = None;
        // TABARI's regular verb endings: "departes", "departen".
        let word = self.tokens[t].lower.as_str();
        // A verb written with `=` (`BAN=`) takes no endings.
        let takes_endings = |f: &str| !self.dict.verbs.rules_for(f).any(|r| r.pattern.ends_with('='));
        // A verb written without `_` is a stem: "RESUM" names "resumption".
        let is_stem = |f: &str| {
            self.dict.verbs.rules_for(f).any(|r| !r.pattern.contains('*') && r.pattern.eq_ignore_ascii_case(f))
        };
        let form = std::iter::once(word)
            .chain(
                VERB_ENDINGS.iter().filter_map(|e| word.strip_suffix(e)).filter(|s| s.len() >= 3 && takes_endings(s)),
            )
            .find(|f| self.dict.verbs.rules_for(f).next().is_some())
            .or_else(|| {
                word.char_indices().map(|(k, _)| &word[..k]).filter(|f| f.len() >= 3).rev().find(|f| is_stem(f))
            })?;
        for rule in self.dict.verbs.rules_for(form) {
            let Some(m) = self.try_shallow(rule, t, start, end) else { continue };
            let better = best
                .as_ref()
                .is_none_or(|b| shallow_score(&m, &self.tokens[t].lower) > shallow_score(b, &self.tokens[t].lower));
            if better {
                best = Some(m);
            }
        }
        best
    }

    /// Matches one rule at verb `t` within the clause `[start, end)`.
    fn try_shallow(&self, rule: &'a Rule, t: usize, start: usize, end: usize) -> Option<Match<'a>> {
        let compound = rule.pattern.split(|c: char| c.is_whitespace() || c == '_').any(|w| w == "%");
        let mut m = Match { compound, ..Match::start(rule, t) };
        // Before the verb, right to left; each word may have others between
        // it and what follows it.
        let mut p = t;
        for elem in rule.before.iter().rev() {
            match elem {
                Elem::Words(alts) => {
                    let (q, _) = (start..p)
                        .rev()
                        .filter(|&q| !self.hidden[q] && self.in_mention[q].is_none())
                        .find_map(|q| {
                            // A contraction ends at `q`: "did" "n't".
                            let joined = q > start
                                && self.tokens[q].lower.contains('\'')
                                && self.word_at(q - 1, alts) == Some(q + 1);
                            if joined {
                                Some((q - 1, q + 1))
                            } else {
                                self.word_at(q, alts).filter(|&e| e <= p).map(|e| (q, e))
                            }
                        })?;
                    m.stem_words +=
                        usize::from(!alts.contains(&self.tokens[q].lower) && self.word_at(q, alts) == Some(q + 1));
                    m.consumed.push(q);
                    p = q;
                }
                Elem::Source | Elem::Target => {
                    // An actor, or a pronoun standing for the actor
                    // before it ("said he regretted").
                    let q = (start..p).rev().find(|&q| {
                        !self.hidden[q]
                            && (self.in_mention[q].is_some() || PRONOUNS.contains(&self.tokens[q].lower.as_str()))
                    })?;
                    let x = match self.in_mention[q] {
                        Some(x) => self.group_first(x),
                        None => self.group_first((0..q).rev().find_map(|r| self.in_mention[r])?),
                    };
                    if *elem == Elem::Source {
                        m.source = Some(x);
                    } else {
                        m.target = Some(x);
                    }
                    p = if self.in_mention[q].is_some() { self.mentions[x].start } else { q };
                }
                Elem::Gap => {}
            }
        }
        // After the verb, left to right: a word right after the one before
        // it, unless a gap (a space in TABARI) lets others come between.
        let mut p = t + 1;
        let mut loose = false;
        for elem in &rule.after {
            match elem {
                Elem::Gap => loose = true,
                Elem::Words(alts) => {
                    let (q, e) = if loose {
                        (p..end).filter(|&q| !self.hidden[q]).find_map(|q| self.word_at(q, alts).map(|e| (q, e)))?
                    } else {
                        let q = (p..end).find(|&q| !self.hidden[q])?;
                        (q, self.word_at(q, alts)?)
                    };
                    m.stem_words += usize::from(!alts.contains(&self.tokens[q].lower) && e == q + 1);
                    m.consumed.push(q);
                    p = e;
                    loose = false;
                }
                Elem::Source | Elem::Target => {
                    // `^ +`: each `^` right before the slot skips an actor.
                    let mut starts = (p..end).filter(|&q| !self.hidden[q]).filter_map(|q| self.mention_start[q]);
                    let skips = if *elem == Elem::Target { skips_before_target(&rule.pattern) } else { 0 };
                    let mut skipped_to = p;
                    for _ in 0..skips {
                        let s = starts.next()?;
                        skipped_to = self.group_end(s).max(self.mentions[s].end);
                    }
                    let x =
                        (skipped_to.max(p)..end).filter(|&q| !self.hidden[q]).find_map(|q| self.mention_start[q])?;
                    if *elem == Elem::Source {
                        m.source = Some(x);
                    } else {
                        m.target = Some(x);
                    }
                    p = self.group_end(x).max(self.mentions[x].end);
                    loose = false;
                }
            }
        }
        // "Eriador was opposed by Osgiliath": the actor after "by" is the
        // source, the clause's subject the target.
        if m.source.is_none() && m.target.is_none() && self.shallow_passive(t) {
            let by = (t + 1..end.min(t + 4)).find(|&q| self.tokens[q].lower == "by");
            let agent = by.and_then(|by| (by + 1..end.min(by + 4)).find_map(|q| self.mention_start[q]));
            if let (Some(agent), Some(patient)) = (agent, self.first_actor(start, t)) {
                m.source = Some(agent);
                m.target = Some(patient);
                m.passive = true;
            }
        }
        if compound {
            // `%`: the event is between the members of the group the
            // pattern names; that group is the source.
            let x = m.source.or(m.target)?;
            let first = self.group_first(x);
            let members = self.mentions.iter().filter(|o| o.group == self.mentions[first].group).count();
            if members < 2 {
                return None;
            }
            m.source = Some(first);
            m.target = None;
        }
        Some(m)
    }
}

/// How TABARI prefers one match to another at the same verb: a pattern
/// over the verb's own code, then the pattern with more words and actor
/// slots, then the one with fewer words matched as stems, then a verb
/// entry written as this very word (`LEFT_` over the
/// forms of `LEAVE`), then the pattern listed first.
fn shallow_score(m: &Match<'_>, word: &str) -> (bool, usize, std::cmp::Reverse<usize>, bool, std::cmp::Reverse<usize>) {
    let rule = m.rule;
    let slots = rule.before.iter().chain(&rule.after).filter(|e| !matches!(e, Elem::Gap)).count();
    (
        rule.pattern.contains('*'),
        slots,
        std::cmp::Reverse(m.stem_words),
        rule.lemma == word,
        std::cmp::Reverse(line_of(rule)),
    )
}

/// How many `^` stand right before the `+` after the verb in a pattern as
/// written (`* IFTAR AT ^ ^ +`): each skips one actor.
fn skips_before_target(pattern: &str) -> usize {
    let words: Vec<&str> = pattern.split(|c: char| c.is_whitespace() || c == '_').filter(|w| !w.is_empty()).collect();
    let Some(verb) = words.iter().position(|w| *w == "*") else { return 0 };
    let Some(plus) = words[verb..].iter().position(|w| *w == "+").map(|p| p + verb) else { return 0 };
    words[verb..plus].iter().rev().take_while(|w| **w == "^").count()
}

/// The line of a rule's `file:line` id, for TABARI's order of patterns.
fn line_of(rule: &Rule) -> usize {
    rule.id.rsplit(':').next().and_then(|l| l.parse().ok()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::skips_before_target;

    #[test]
    fn skips_count_the_carets_right_before_the_target() {
        assert_eq!(skips_before_target("* IFTAR AT ^ ^ +"), 2);
        assert_eq!(skips_before_target("* AT ^ +"), 1);
        assert_eq!(skips_before_target("$ ^ * +"), 0, "a ^ before the verb skips nothing after it");
        assert_eq!(skips_before_target("* EID AT ^ WITH +"), 0, "a word stands between ^ and +");
        assert_eq!(skips_before_target("* TIES"), 0);
    }
}
