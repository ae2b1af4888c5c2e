//! Matching event patterns around trigger words.
//!
//! A rule is anchored at its trigger. Elements after the trigger are
//! matched rightwards, allowing determiners and modifiers before literal
//! words ("held *fresh* talks with"); elements before it are matched
//! leftwards, where `$` means the subject of the clause: the nearest actor
//! to the left that is not the object of a verb or preposition and not
//! behind a clause boundary. Passives ("was attacked by") swap the roles.

use dyad_dict::{Dictionaries, Elem, Rule, TargetKind, TriggerKind};
use dyad_text::{Tag, Token};

use crate::mentions::Mention;

mod shallow;

pub(crate) use shallow::PRONOUNS;

/// A rule that matched at a trigger.
#[derive(Debug, Clone)]
pub(crate) struct Match<'a> {
    pub rule: &'a Rule,
    pub trigger: usize,
    /// Mention index of the source (its coordination group is expanded
    /// later), if found.
    pub source: Option<usize>,
    pub target: Option<usize>,
    /// Token positions used by the pattern's literal words.
    pub consumed: Vec<usize>,
    pub passive: bool,
    /// First token of the verb group (after the subject), for modality.
    pub group_start: usize,
    /// The trigger is an infinitive whose subject is another verb's object
    /// ("urged Iran to release ..."): the event is asked for, not done.
    pub controlled: bool,
    /// An agentless passive's source that goes without saying ("were
    /// arrested": police), as a role code.
    pub implicit_source: Option<&'a str>,
    /// A target that stands for no words: TABARI's default target
    /// (`DEFAULT: TARGET [X] AFTER`), as a code.
    pub implicit_target: Option<&'a str>,
    /// Pattern words the TABARI reading matched as stems of longer words,
    /// which make a match less specific.
    pub stem_words: usize,
    /// TABARI's `%`: the event is between the members of the source's
    /// coordinated group, each way.
    pub compound: bool,
}

impl<'a> Match<'a> {
    /// A match of `rule` at trigger `t` before any slot is filled.
    pub(crate) fn start(rule: &'a Rule, t: usize) -> Match<'a> {
        Match {
            rule,
            trigger: t,
            source: None,
            target: None,
            consumed: Vec::new(),
            passive: false,
            group_start: t,
            controlled: false,
            implicit_source: None,
            implicit_target: None,
            stem_words: 0,
            compound: false,
        }
    }

    fn score(&self) -> (usize, bool, bool, bool) {
        // A rule that constrains its target kind is more specific.
        let constraints = usize::from(self.rule.target_kind.is_some()) + usize::from(self.rule.source_kind.is_some());
        // On a tie, a rule that names its target explains the event better
        // than one whose target was picked up after it.
        (
            self.rule.literals + constraints,
            self.target.is_some(),
            self.rule.has_target(),
            self.source.is_some() || self.implicit_source.is_some(),
        )
    }
}

/// Words of a verb group that may stand between a subject and its verb.
fn is_aux_or_adverb(tok: &Token) -> bool {
    matches!(tok.tag, Tag::MD | Tag::RB | Tag::RBR | Tag::TO)
        || matches!(
            tok.lower.as_str(),
            "has"
                | "have"
                | "had"
                | "'s"
                | "'ve"
                | "'d"
                | "is"
                | "are"
                | "was"
                | "were"
                | "be"
                | "been"
                | "being"
                | "did"
                | "does"
                | "do"
                | "not"
                | "n't"
                | "to"
                | "will"
                | "would"
                | "'ll"
                | "get"
                | "got"
        )
}

/// Tokens that may be skipped before a literal word or an actor: "the",
/// "a", "fresh", "its", "two".
fn is_filler(tok: &Token) -> bool {
    matches!(tok.tag, Tag::DT | Tag::PRPS | Tag::JJ | Tag::JJR | Tag::JJS | Tag::CD | Tag::RB | Tag::PDT)
        || tok.lower == "'s"
}

/// A token that ends a clause for the subject search.
fn is_boundary(tok: &Token) -> bool {
    matches!(
        tok.lower.as_str(),
        ";" | ":"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "because"
            | "while"
            | "whereas"
            | "although"
            | "though"
            | "but"
            | "--"
            | "\""
    ) || matches!(tok.tag, Tag::LQUOTE | Tag::RQUOTE)
}

/// Words tagged as prepositions that open a clause with its own subject
/// ("if Iran attacks", "after Russia invaded").
const SUBORDINATORS: &[&str] = &[
    "if", "unless", "because", "while", "although", "though", "whereas", "as", "after", "before", "since", "when",
    "once", "until", "whether", "that", "so", "than",
];

/// How far after a passive verb its "by" phrase may be: "was abducted on
/// Friday near the border by ...".
const PASSIVE_BY_WINDOW: usize = 9;

/// Prepositions after which an actor is the target of an event whose
/// pattern names none: "fired tear gas at protesters".
const TARGET_PREPS: &[&str] = &["at", "on", "against", "to", "into", "toward", "towards", "upon", "with", "of"];

/// How far left of its verb a subject may be, in tokens. Real subjects sit
/// much closer; the bound keeps pathological run-on sentences linear.
const MAX_SUBJECT_DISTANCE: usize = 60;

/// Prepositions that may follow a direct object before the target:
/// "extradited X to", "expelled X from", "handed X over to".
const OBJECT_PREPS: &[&str] = &["to", "from", "into", "for", "over", "back", "with", "against", "on"];

/// Prepositions of place.
const LOCATIVE_PREPS: &[&str] = &["in", "at", "near", "across", "outside", "inside", "around"];

/// Nouns of time that follow an actor without modifying it: "attacked
/// Israel yesterday".
const TIME_NOUNS: &[&str] = &[
    "yesterday",
    "today",
    "tonight",
    "tomorrow",
    "morning",
    "afternoon",
    "evening",
    "night",
    "week",
    "weekend",
    "month",
    "year",
    "overnight",
];

/// Nouns for a state's own places and people: under PETRARCH-1's reading
/// "attacked the Ithilen villages" concerns Ithilen, where "the Ukraine
/// war" only names a topic.
const PART_NOUNS: &[&str] = &[
    "village",
    "villages",
    "town",
    "towns",
    "city",
    "cities",
    "people",
    "population",
    "populations",
    "citizens",
    "civilians",
    "residents",
    "villagers",
];

/// Prepositions that link an object noun to the actor it concerns.
const NOUN_PREPS: &[&str] =
    &["to", "for", "on", "against", "in", "at", "with", "into", "toward", "towards", "near", "across", "of", "by"];

/// The per-sentence matching context.
pub(crate) struct Matcher<'a> {
    pub dict: &'a Dictionaries,
    pub tokens: &'a [Token],
    pub mentions: &'a [Mention],
    /// `mention_start[i]` = index of the mention starting at token `i`.
    mention_start: Vec<Option<usize>>,
    /// `in_mention[i]` = index of the mention covering token `i`.
    in_mention: Vec<Option<usize>>,
    /// Token positions of report verbs ("said"), which bound subjects.
    pub report_verbs: Vec<bool>,
    /// Set while matching a consultation rule (root 04).
    consult: std::cell::Cell<bool>,
    /// Per mention: the first mention of its group and the group's end token.
    group_bounds: Vec<(usize, usize)>,
    /// Tokens the TABARI reading does not read (deleted comma clauses).
    hidden: Vec<bool>,
}

impl<'a> Matcher<'a> {
    pub fn new(dict: &'a Dictionaries, tokens: &'a [Token], mentions: &'a [Mention]) -> Matcher<'a> {
        let mut mention_start = vec![None; tokens.len() + 1];
        let mut in_mention = vec![None; tokens.len() + 1];
        for (i, m) in mentions.iter().enumerate() {
            if mention_start[m.start].is_none() {
                mention_start[m.start] = Some(i);
            }
            for slot in in_mention.iter_mut().take(m.end).skip(m.start) {
                slot.get_or_insert(i);
            }
        }
        // Verbs of saying and of denying both attribute what follows to
        // their subject ("X denied that Y attacked").
        let mut report_verbs = vec![false; tokens.len()];
        for section in ["report", "deny"] {
            if let Some(table) = dict.modality.section(section) {
                for (i, t) in tokens.iter().enumerate() {
                    if t.tag.is_verb() && table.longest_at(tokens, i).is_some() {
                        report_verbs[i] = true;
                    }
                }
            }
        }
        let mut first_of: std::collections::HashMap<usize, (usize, usize)> = std::collections::HashMap::new();
        for (i, m) in mentions.iter().enumerate() {
            let e = first_of.entry(m.group).or_insert((i, m.end));
            e.1 = e.1.max(m.end);
        }
        let group_bounds = mentions.iter().map(|m| first_of[&m.group]).collect();
        Matcher {
            dict,
            tokens,
            mentions,
            mention_start,
            in_mention,
            report_verbs,
            consult: std::cell::Cell::new(false),
            group_bounds,
            hidden: vec![false; tokens.len()],
        }
    }

    /// The actor right after token `t` (its object, for a verb), if any.
    pub fn object_after(&self, t: usize) -> Option<usize> {
        self.actor_near(t + 1, false).map(|(m, _)| m)
    }

    /// True when token `i` is part of an actor mention.
    pub fn is_in_mention(&self, i: usize) -> bool {
        self.in_mention[i].is_some()
    }

    /// The last mention of a coordination group starting with mention `m`.
    fn group_end(&self, m: usize) -> usize {
        self.group_bounds[m].1
    }

    /// The first mention of mention `m`'s coordination group.
    fn group_first(&self, m: usize) -> usize {
        self.group_bounds[m].0
    }

    /// The subject of the clause ending at token `t`: the nearest actor to
    /// the left that is neither locative nor an object, without crossing a
    /// clause boundary or a verb of saying.
    pub fn subject_before(&self, t: usize) -> Option<usize> {
        let mut i = t;
        let limit = t.saturating_sub(MAX_SUBJECT_DISTANCE);
        while i > limit {
            i -= 1;
            let tok = &self.tokens[i];
            if let Some(m) = self.in_mention[i] {
                let men = &self.mentions[m];
                // Jump to the first member of the coordination group.
                let first = self.group_first(m);
                let first_start = self.mentions[first].start;
                if !men.locative && !self.is_object(first_start) {
                    return Some(first);
                }
                i = first_start.min(men.start);
                continue;
            }
            // "denied attacking": a gerund right after a verb of saying or
            // denying shares its subject.
            let gerund_complement = self.report_verbs[i] && i + 1 == t && self.tokens[t].tag == Tag::VBG;
            // "Trump announced (renewed) sanctions against Iran": the noun
            // event is the object of the verb of saying, which shares its
            // subject.
            let noun_object = self.report_verbs[i]
                && self.tokens[t].tag.is_noun()
                && self.tokens[i + 1..t].iter().all(|x| is_filler(x) || x.tag == Tag::VBN);
            let gerund_complement = gerund_complement || noun_object;
            // "Ruto, who arrived in Washington, met Biden": skip the
            // relative clause; inside it, the antecedent is the subject.
            if tok.lower == "," && i >= 1 {
                if let Some(open) = self.relative_clause_start(i) {
                    i = open;
                    continue;
                }
            }
            if matches!(tok.lower.as_str(), "who" | "which") && i >= 2 && self.tokens[i - 1].lower == "," {
                if let Some(m) = self.in_mention[i - 2] {
                    let first = self.group_first(m);
                    return Some(first);
                }
            }
            // "praised Jordan but did not criticise Israel": a second verb
            // phrase after "but" shares the first one's subject. Under
            // PETRARCH-1's reading so does one after "and" ("condemned an
            // attack in south Ithilen and promised aid"): the subject is
            // the first verb's.
            let coordinated_vp = tok.lower == "but" && self.tokens[i + 1..t].iter().all(is_aux_or_adverb);
            let conjoined_vp =
                self.dict.petrarch1 && tok.lower == "and" && self.tokens[i + 1..t].iter().all(is_aux_or_adverb);
            if conjoined_vp {
                let first_verb = (limit..i).rev().find(|&j| {
                    matches!(self.tokens[j].tag, Tag::VBD | Tag::VBZ | Tag::VBP) && self.in_mention[j].is_none()
                });
                if let Some(s) = first_verb.and_then(|j| self.subject_before(j)) {
                    return Some(s);
                }
            }
            if (is_boundary(tok) && !coordinated_vp) || self.report_verbs[i] && !gerund_complement {
                return None;
            }
        }
        None
    }

    /// "Several villages in the Sumy region were shelled": the place in the
    /// subject phrase stands for the patient.
    fn locative_subject(&self, t: usize) -> Option<usize> {
        let clause_start = self.tokens[..t].iter().rposition(is_boundary).map_or(0, |p| p + 1);
        self.mentions.iter().position(|m| m.locative && m.start >= clause_start && m.end <= t)
    }

    /// For a comma at `close`, the position of the comma that opens a
    /// relative clause (", who ...,") ending there, if any.
    fn relative_clause_start(&self, close: usize) -> Option<usize> {
        let mut j = close;
        while j > 0 {
            j -= 1;
            let w = self.tokens[j].lower.as_str();
            if w == ";" || w == ":" {
                return None;
            }
            if w == "," {
                let opens = self.tokens.get(j + 1).is_some_and(|x| matches!(x.lower.as_str(), "who" | "which"));
                return opens.then_some(j);
            }
        }
        None
    }

    /// True when the phrase starting at `start` follows a verb or a
    /// preposition, i.e. is an object rather than a subject.
    fn is_object(&self, start: usize) -> bool {
        let mut p = start;
        while p > 0 && is_filler(&self.tokens[p - 1]) && self.in_mention[p - 1].is_none() {
            p -= 1;
        }
        if p == 0 {
            return false;
        }
        let prev = &self.tokens[p - 1];
        // "Dozens of opposition supporters were arrested": a quantity
        // before "of" heads the subject.
        if prev.lower == "of"
            && p >= 2
            && matches!(self.tokens[p - 2].tag, Tag::NNS | Tag::CD)
            && (p < 3 || !self.tokens[p - 3].tag.is_verb() && !matches!(self.tokens[p - 3].tag, Tag::IN | Tag::TO))
        {
            return false;
        }
        // After a verb of saying, a phrase starts the reported clause
        // ("radio stations reported the guerrillas attacked ...").
        (prev.tag.is_verb() && !self.report_verbs[p - 1])
            || matches!(prev.tag, Tag::IN | Tag::TO) && !SUBORDINATORS.contains(&prev.lower.as_str())
    }

    /// The actor starting within a few filler tokens of `pos`. With
    /// `topic_check`, a bare state name before a noun ("the Ukraine war")
    /// is a topic, not an actor; patterns that go on after the actor
    /// ("provided Germany aid") turn that check off.
    fn actor_near(&self, pos: usize, allow_locative: bool) -> Option<(usize, usize)> {
        self.actor_near_with(pos, allow_locative, true)
    }

    fn actor_near_with(&self, pos: usize, allow_locative: bool, topic_check: bool) -> Option<(usize, usize)> {
        let mut p = pos;
        let mut via_noun = false;
        for _ in 0..=5 {
            if p >= self.tokens.len() {
                return None;
            }
            if let Some(m) = self.mention_start[p] {
                if topic_check && self.is_noun_modifier(m) {
                    return None;
                }
                if allow_locative || via_noun || !self.mentions[m].locative {
                    return Some((m, self.group_end(m)));
                }
                return None;
            }
            let tok = &self.tokens[p];
            let next = self.tokens.get(p + 1).map_or("", |n| n.lower.as_str());
            // "the city of Kharkiv", "dozens of protesters"
            let quantity_of = matches!(tok.tag, Tag::NN | Tag::NNS | Tag::CD) && next == "of";
            // At the end of a pattern, the actor may follow the object noun:
            // "condemned the coup in Gabon", "delivered supplies to Gaza".
            // (Not for consultations: "discussed the war in Ukraine" names
            // a topic, and their targets are the people consulted.)
            let noun_prep = topic_check
                && matches!(tok.tag, Tag::NN | Tag::NNS)
                && NOUN_PREPS.contains(&next)
                && !(self.consult.get() && LOCATIVE_PREPS.contains(&next));
            if noun_prep {
                via_noun = true;
                p += 2;
                continue;
            }
            // PETRARCH-1's reading: the verb phrase goes on into a "that"
            // clause ("allowed that Mordor isn't a pleasant place").
            let complementizer = self.dict.petrarch1 && p == pos && tok.lower == "that";
            if !(is_filler(tok) || quantity_of || tok.lower == "of" && p > pos || complementizer) {
                return None;
            }
            p += 1;
        }
        None
    }

    /// The actor after a pattern that names no `+`: like [`Self::actor_near`],
    /// but a place reached through a noun ("laid a wreath at the memorial in
    /// Warsaw") is where it happened, not a target.
    fn implicit_target(&self, pos: usize, allow_locative: bool) -> Option<usize> {
        let (m, _) = self.actor_near(pos, allow_locative)?;
        let via_locative_noun = (pos..self.mentions[m].start).any(|p| {
            self.tokens[p].tag.is_noun()
                && self.tokens.get(p + 1).is_some_and(|n| LOCATIVE_PREPS.contains(&n.lower.as_str()))
        });
        (!via_locative_noun).then_some(m)
    }

    /// A bare state or place name used as a modifier of a common noun
    /// ("the Ukraine war", "the Iran deal") names a topic, not an actor.
    ///
    /// Under PETRARCH-1's reading a name after "anti-" ("an anti- Gondor
    /// parade" is against Gondor) or before a noun for its own places and
    /// people ("the Ithilen villages") is the actor the event concerns.
    fn is_noun_modifier(&self, m: usize) -> bool {
        let men = &self.mentions[m];
        let word = |back: usize| men.start.checked_sub(back).map_or("", |p| self.tokens[p].lower.as_str());
        let petrarch1 = self.dict.petrarch1;
        if petrarch1 && (matches!(word(1), "anti-" | "anti") || word(1) == "-" && word(2) == "anti") {
            return false;
        }
        let bare = !men.adjective
            && dyad_types::split_code(&men.code).1.is_none()
            && men.person.is_none()
            && men.name.is_none();
        bare && self.tokens.get(men.end).is_some_and(|t| {
            matches!(t.tag, Tag::NN | Tag::NNS)
                && self.in_mention[men.end].is_none()
                && !TIME_NOUNS.contains(&t.lower.as_str())
                && !(petrarch1 && PART_NOUNS.contains(&t.lower.as_str()))
        })
    }

    /// Matches `elems` rightwards from `pos`. On success returns the end
    /// position and fills the slots.
    fn match_right(&self, elems: &[Elem], pos: usize, m: &mut Match<'_>, after_literal: bool) -> Option<usize> {
        let Some((first, rest)) = elems.split_first() else { return Some(pos) };
        match first {
            Elem::Words(alts) => {
                let mut p = pos;
                for _ in 0..=3 {
                    let tok = self.tokens.get(p)?;
                    // A literal may be a role word ("military aid", "embassy"):
                    // the pattern then uses it as a word, not as an actor.
                    if alts.contains(&tok.lower) {
                        let saved = m.consumed.len();
                        m.consumed.push(p);
                        if let Some(end) = self.match_right(rest, p + 1, m, true) {
                            return Some(end);
                        }
                        m.consumed.truncate(saved);
                    }
                    if !is_filler(tok) || self.in_mention[p].is_some() {
                        return None;
                    }
                    p += 1;
                }
                None
            }
            Elem::Target | Elem::Source => {
                match self.actor_near_with(pos, after_literal, rest.is_empty()) {
                    Some((mi, end)) => {
                        let saved = (m.source, m.target);
                        if *first == Elem::Target {
                            m.target = Some(mi);
                        } else {
                            m.source = Some(mi);
                        }
                        if let Some(e) = self.match_right(rest, end, m, false) {
                            return Some(e);
                        }
                        (m.source, m.target) = saved;
                        None
                    }
                    // A `+` must be filled: "helped find a solution" is no aid
                    // event. Verbs that code without a target have their own
                    // patterns without `+` ("$ ~attack").
                    None => None,
                }
            }
            Elem::Gap => {
                // Before a later `+`, the gap may hold another actor, the
                // object: "extradited a Russian businessman to the United
                // States". Otherwise it holds none.
                let object_allowed = rest.contains(&Elem::Target)
                    && matches!(rest.first(), Some(Elem::Words(alts)) if alts.iter().all(|a| OBJECT_PREPS.contains(&a.as_str())));
                let max = if object_allowed { 5 } else { 3 };
                // PETRARCH-1's reading: a pattern's words may stand anywhere
                // in the verb phrase, a "that" clause included, and when the
                // pattern names no target the first actor they pass over is
                // the target ("allowed that Mordor isn't a really pleasant
                // place": `* REALLY_PLEASANT`).
                let crossing = self.dict.petrarch1
                    && m.target.is_none()
                    && !rest.contains(&Elem::Target)
                    && rest.iter().any(|e| matches!(e, Elem::Words(_)));
                for g in 0..=max {
                    if pos + g > self.tokens.len() {
                        break;
                    }
                    if (pos..pos + g)
                        .any(|p| is_boundary(&self.tokens[p]) && !(crossing && self.tokens[p].lower == "that"))
                    {
                        break;
                    }
                    let actors = (pos..pos + g).any(|p| self.in_mention[p].is_some());
                    if crossing && actors {
                        let cut = pos + g < self.tokens.len()
                            && g > 0
                            && self.in_mention[pos + g].is_some()
                            && self.in_mention[pos + g] == self.in_mention[pos + g - 1];
                        if cut {
                            continue;
                        }
                        let first = (pos..pos + g).find_map(|p| self.in_mention[p]).map(|x| self.group_first(x));
                        let saved = m.target;
                        m.target = first;
                        if let Some(end) = self.match_right(rest, pos + g, m, false) {
                            return Some(end);
                        }
                        m.target = saved;
                        continue;
                    }
                    // "defended China's handling": a possessive actor in the
                    // gap is whom the event concerns.
                    let possessive_actor = |p: usize| match self.in_mention[p] {
                        Some(x) => self.tokens.get(self.mentions[x].end).is_some_and(|n| n.lower == "'s"),
                        None => true,
                    };
                    let possessive = actors && (pos..pos + g).all(possessive_actor);
                    if actors && !object_allowed && !possessive || !actors && g > 3 {
                        break;
                    }
                    // The possessive's "'s" must be inside the gap too.
                    let cut_possessive = possessive && self.in_mention[pos + g - 1].is_some();
                    if cut_possessive && !object_allowed {
                        continue;
                    }
                    if let Some(end) = self.match_right(rest, pos + g, m, false) {
                        return Some(end);
                    }
                }
                None
            }
        }
    }

    /// Matches the elements before the trigger, right to left from `t`.
    ///
    /// The verb group's auxiliaries, adverbs and negation may stand before
    /// each element and are skipped, unless the element is itself such a
    /// word: a pattern that writes them (`will not ~attack`, PETRARCH's
    /// `&NEGATVAUXVRB *`) matches them where they stand. A gap lets up to
    /// three words of the clause stand between two elements (PETRARCH-1's
    /// space before the verb: `INDICATED WOULD *` against "indicated it
    /// would act").
    fn match_left(&self, elems: &[Elem], t: usize, m: &mut Match<'_>) -> bool {
        let Some((elem, rest)) = elems.split_last() else { return true };
        let skip_aux = |mut p: usize| {
            while p > 0 && is_aux_or_adverb(&self.tokens[p - 1]) && self.in_mention[p - 1].is_none() {
                p -= 1;
            }
            p
        };
        match elem {
            Elem::Words(alts) => {
                let fits = |p: usize| p > 0 && alts.iter().any(|a| *a == self.tokens[p - 1].lower);
                let skipped = skip_aux(t);
                let mut at = vec![t];
                if skipped != t {
                    at.push(skipped);
                }
                for p in at {
                    if !fits(p) {
                        continue;
                    }
                    let saved = m.consumed.len();
                    m.consumed.push(p - 1);
                    if self.match_left(rest, p - 1, m) {
                        return true;
                    }
                    m.consumed.truncate(saved);
                }
                false
            }
            Elem::Source | Elem::Target => {
                let p = skip_aux(t);
                let Some(s) = self.subject_before(p) else { return false };
                let saved = (m.group_start, m.source, m.target);
                m.group_start = self.group_end(s);
                if *elem == Elem::Source {
                    m.source = Some(s);
                } else {
                    m.target = Some(s);
                }
                if self.match_left(rest, self.mentions[s].start, m) {
                    return true;
                }
                (m.group_start, m.source, m.target) = saved;
                false
            }
            Elem::Gap => {
                if rest.is_empty() {
                    return true;
                }
                for g in 0..=3 {
                    if g > t
                        || (t - g..t).any(|p| {
                            is_boundary(&self.tokens[p])
                                || self.in_mention[p].is_some_and(|_| !rest.iter().all(|e| matches!(e, Elem::Words(_))))
                        })
                    {
                        break;
                    }
                    if self.match_left(rest, t - g, m) {
                        return true;
                    }
                }
                false
            }
        }
    }

    /// For an infinitive trigger right after an object ("urged Iran to
    /// release"), the object, which is the infinitive's subject.
    fn controller(&self, t: usize) -> Option<usize> {
        let infinitive = self.tokens[t].tag == Tag::VB && t >= 2 && self.tokens[t - 1].lower == "to";
        if !infinitive {
            return None;
        }
        let m = self.in_mention[t - 2]?;
        let first = self.group_first(m);
        (self.mentions[m].end == t - 1 && self.is_object(self.mentions[first].start)).then_some(first)
    }

    /// "accused Russia of shelling Kharkiv": the gerund's subject is the
    /// object of the accusing verb, whose subject made the claim.
    pub fn accused(&self, t: usize) -> Option<usize> {
        if t < 2 || self.tokens[t - 1].lower != "of" || self.tokens[t].tag != Tag::VBG {
            return None;
        }
        let m = self.in_mention[t - 2]?;
        let first = self.group_first(m);
        (self.mentions[m].end == t - 1 && self.is_object(self.mentions[first].start)).then_some(first)
    }

    /// True when the trigger at `t` is a passive participle: "was attacked".
    fn is_passive(&self, t: usize) -> bool {
        if !matches!(self.tokens[t].tag, Tag::VBN | Tag::VBD) {
            return false;
        }
        // A participle right after a noun, with no object of its own, is a
        // reduced relative: "the group captured over five years", "fighters
        // killed by airstrikes".
        // After an actor, a "participle" is more often a mis-tagged past
        // verb ("the opposition called on ..."), so actors are excluded.
        let by_follows = (t + 1..(t + 4).min(self.tokens.len())).any(|p| self.tokens[p].lower == "by");
        if self.tokens[t].tag == Tag::VBN
            && t > 0
            && self.tokens[t - 1].tag.is_noun()
            && (self.in_mention[t - 1].is_none() || by_follows)
        {
            let object_follows = self
                .tokens
                .get(t + 1)
                .is_some_and(|n| matches!(n.tag, Tag::DT | Tag::PRPS | Tag::CD) || self.mention_start[t + 1].is_some());
            if !object_follows {
                return true;
            }
        }
        let mut p = t;
        for _ in 0..4 {
            if p == 0 {
                return false;
            }
            p -= 1;
            let w = self.tokens[p].lower.as_str();
            if matches!(w, "was" | "were" | "is" | "are" | "been" | "being" | "be" | "got" | "get" | "gets") {
                return true;
            }
            let adverbial =
                matches!(self.tokens[p].tag, Tag::RB | Tag::RBR) || matches!(w, "either" | "neither" | "both" | "all");
            if !adverbial {
                return false;
            }
        }
        false
    }

    /// True when the token at `t` may serve as this kind of trigger.
    fn trigger_fits(&self, t: usize, kind: TriggerKind) -> bool {
        let tag = self.tokens[t].tag;
        if self.in_mention[t].is_some() {
            return false;
        }
        match kind {
            // "the jailed activists", "an exiled leader": a participle used
            // as an adjective is no event.
            TriggerKind::Verb
                if matches!(tag, Tag::VBN | Tag::JJ)
                    && t > 0
                    && matches!(self.tokens[t - 1].tag, Tag::DT | Tag::PRPS) =>
            {
                false
            }
            TriggerKind::Verb => {
                tag.is_verb()
                    // A past form right after its subject, tagged as an
                    // adjective ("France relaxed curfews").
                    || tag == Tag::JJ && t > 0 && self.in_mention[t - 1].is_some() && self.tokens[t].lower.ends_with("ed")
                    // Headlines: "Russia attacks Ukraine" is often tagged as a
                    // plural noun between two actors.
                    || matches!(tag, Tag::NNS | Tag::NN | Tag::NNP | Tag::NNPS | Tag::JJ)
                        && t > 0
                        && self.in_mention[t - 1].is_some()
                        && self.actor_near(t + 1, false).is_some()
            }
            TriggerKind::Noun => tag.is_noun() || tag == Tag::VBG || tag == Tag::JJ,
        }
    }

    /// Tries one rule at trigger `t`.
    fn try_rule(&self, rule: &'a Rule, t: usize) -> Option<Match<'a>> {
        self.consult.set(rule.code.starts_with("04"));
        if !self.trigger_fits(t, rule.trigger_kind) {
            return None;
        }
        let mut m = Match::start(rule, t);
        let passive = rule.trigger_kind == TriggerKind::Verb && self.is_passive(t);
        if passive && rule.before == [Elem::Source] {
            // "Kyiv was attacked by Russia": the subject is the target and
            // the source follows "by". Without a by-phrase ("two aid
            // workers were killed") the doer is unknown: no event.
            let after: Vec<Elem> = rule.after.iter().filter(|e| **e != Elem::Target).cloned().collect();
            let end = self.match_right(&after, t + 1, &mut m, false)?;
            let by = (end..(end + PASSIVE_BY_WINDOW).min(self.tokens.len()))
                .take_while(|&p| !is_boundary(&self.tokens[p]) && !(self.tokens[p].tag.is_verb() && p > end))
                .find(|&p| self.tokens[p].lower == "by");
            match by.and_then(|by| self.actor_near(by + 1, false)) {
                Some((s, _)) => m.source = Some(s),
                // "Three men were arrested": some verbs have an agent that
                // goes without saying (implicit_agents.txt), coded as that
                // role with no words of its own.
                None => m.implicit_source = Some(self.dict.implicit_agents.get(&rule.lemma)?.as_str()),
            }
            // The patient may be no actor ("schoolgirls were kidnapped by
            // Boko Haram"): the event then has no target.
            let subj = self.subject_before(t).or_else(|| self.locative_subject(t));
            // A pattern with `+` needs its target here too: "any action
            // taken by the UK" is no occupation.
            if subj.is_none() && rule.has_target() {
                return None;
            }
            if let Some(subj) = subj {
                m.group_start = self.group_end(subj);
            }
            m.target = subj;
            m.passive = true;
            return self.target_fits(&m).then_some(m);
        }
        if let Some(obj) = self.controller(t) {
            if rule.before == [Elem::Source] || rule.before.is_empty() {
                m.source = Some(obj);
                m.controlled = true;
            }
        } else if let Some(obj) = self.accused(t) {
            if rule.before == [Elem::Source] || rule.before.is_empty() {
                m.source = Some(obj);
                m.controlled = true;
            }
        }
        if !m.controlled && !self.match_left(&rule.before, t, &mut m) {
            return None;
        }
        let end = self.match_right(&rule.after, t + 1, &mut m, false)?;
        if m.source.is_none() {
            m.source = match rule.trigger_kind {
                TriggerKind::Noun => self.noun_source(t, end),
                TriggerKind::Verb => {
                    let s = self.subject_before(t);
                    if let Some(s) = s {
                        m.group_start = self.group_end(s);
                    }
                    s
                }
            };
        }
        // A possessive actor inside the pattern ("defended China's
        // handling") is the target of a pattern that names no `+`.
        if !rule.has_target() && m.target.is_none() {
            m.target = (t + 1..end).filter_map(|p| self.in_mention[p]).find(|&x| {
                self.tokens.get(self.mentions[x].end).is_some_and(|n| n.lower == "'s") && Some(x) != m.source
            });
        }
        // A literal that is itself an actor ("arrested dozens of
        // protesters") is the target of a pattern that names no `+`.
        // A state's own forces named in the pattern ("placed its army on
        // alert", "deployed riot police") are its instrument, not a target.
        if !rule.has_target() && m.target.is_none() {
            let own_forces = |x: usize| {
                let (c, r) = dyad_types::split_code(&self.mentions[x].code);
                let source_country = m.source.and_then(|s| dyad_types::split_code(&self.mentions[s].code).0);
                // A bare force ("riot police") in the source's pattern is its own.
                let same = c.is_none() || c == source_country;
                same && r.is_some_and(|r| matches!(r, "MIL" | "COP" | "GOV" | "SPY"))
            };
            m.target = m
                .consumed
                .iter()
                .filter_map(|&p| self.in_mention[p])
                .find(|&x| Some(x) != m.source && !self.mentions[x].locative && !own_forces(x));
        }
        let after_complementizer = end > 0 && matches!(self.tokens[end - 1].lower.as_str(), "that" | "whether" | "if");
        if !rule.has_target() && m.target.is_none() && rule.trigger_kind == TriggerKind::Verb && !after_complementizer {
            // No `+`: the first actor right after the pattern, if any.
            // "fired tear gas at protesters": the actor may follow a
            // preposition.
            let at = if self.tokens.get(end).is_some_and(|x| TARGET_PREPS.contains(&x.lower.as_str())) {
                end + 1
            } else {
                end
            };
            m.target = self
                .implicit_target(at, at > end)
                .filter(|&x| m.source.is_none_or(|s| self.mentions[s].code != self.mentions[x].code));
        }
        m.source?;
        if m.source == m.target {
            return None;
        }
        self.target_fits(&m).then_some(m)
    }

    /// True when the target is of the kind the rule asks for (`+@place`,
    /// `+@people`, `+@IGO`), or the rule asks for none.
    fn target_fits(&self, m: &Match<'_>) -> bool {
        let fits = |kind: Option<TargetKind>, actor: Option<usize>| {
            let Some(kind) = kind else { return true };
            let Some(a) = actor.map(|t| &self.mentions[t]) else { return false };
            let place =
                a.person.is_none() && a.name.is_none() && dyad_types::split_code(&a.code).1.is_none() && !a.plural;
            match kind {
                TargetKind::Place => place,
                TargetKind::People => !place,
                TargetKind::Block(block) => a.code.as_bytes().chunks(3).any(|c| c == block),
            }
        };
        fits(m.rule.target_kind, m.target) && fits(m.rule.source_kind, m.source)
    }

    /// The source of a noun event: "by X" after it, "X's" or an adjective
    /// actor right before it, else the subject of the clause.
    fn noun_source(&self, t: usize, end: usize) -> Option<usize> {
        if let Some(by) = (end..(end + 3).min(self.tokens.len())).find(|&p| self.tokens[p].lower == "by") {
            if let Some((s, _)) = self.actor_near(by + 1, false) {
                return Some(s);
            }
        }
        let mut p = t;
        while p > 0
            && (matches!(self.tokens[p - 1].tag, Tag::JJ | Tag::POS) || self.tokens[p - 1].lower == "'s")
            && self.in_mention[p - 1].is_none()
        {
            p -= 1;
        }
        if p > 0 {
            if let Some(m) = self.in_mention[p - 1] {
                return Some(m);
            }
        }
        self.subject_before(t)
    }

    /// Every event match in the sentence: the best rule per trigger, with
    /// words used by a more specific rule not reused as triggers.
    pub fn find(&self) -> (Vec<Match<'a>>, Vec<(usize, &'a Rule)>) {
        let mut best: Vec<Match<'a>> = Vec::new();
        let mut unmatched: Vec<(usize, &'a Rule)> = Vec::new();
        for t in 0..self.tokens.len() {
            let mut top: Option<Match<'a>> = None;
            let mut first_rule: Option<&'a Rule> = None;
            for rule in self.dict.verbs.rules_for(&self.tokens[t].lower) {
                first_rule.get_or_insert(rule);
                if let Some(m) = self.try_rule(rule, t) {
                    if top.as_ref().is_none_or(|b| m.score() > b.score()) {
                        top = Some(m);
                    }
                }
            }
            match top {
                Some(m) => best.push(m),
                None => {
                    if let Some(r) = first_rule {
                        if self.trigger_fits(t, r.trigger_kind) {
                            unmatched.push((t, r));
                        }
                    }
                }
            }
        }
        best.sort_by(|a, b| b.score().cmp(&a.score()).then(a.trigger.cmp(&b.trigger)));
        let mut accepted: Vec<Match<'a>> = Vec::new();
        for m in best {
            let clash = accepted.iter().any(|a| a.consumed.contains(&m.trigger) || m.consumed.contains(&a.trigger));
            if !clash {
                accepted.push(m);
            }
        }
        accepted.sort_by_key(|m| m.trigger);
        // "Russia shells Kharkiv, killing two": a participle after a comma
        // with no target of its own tells the result of the event before
        // it, not a second event.
        let mut kept: Vec<Match<'a>> = Vec::new();
        for m in accepted {
            let result_clause = m.target.is_none()
                && self.tokens[m.trigger].tag == Tag::VBG
                && m.trigger > 0
                && self.tokens[m.trigger - 1].lower == ","
                && kept.iter().any(|k| k.source == m.source && k.target.is_some());
            if !result_clause {
                kept.push(m);
            }
        }
        (kept, unmatched)
    }
}
