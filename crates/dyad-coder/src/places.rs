//! Where events happen: place names found in the text, resolved with the
//! embedded gazetteer (`dyad-geo`) against the countries the document is
//! about, and the place that governs each event.
//!
//! The governing place of an event is, in order: a place phrase ("in
//! Donetsk", "near the border town of Rafah") in the event's own stretch of
//! the sentence, nearest the trigger; else a place that is the event's
//! target ("shelled Kharkiv"); else a sentence-opening "In X," phrase or
//! another place phrase in the sentence; else a town or region named in the
//! trigger's clause without a preposition ("a Baghdad hotel"); else, for a
//! participle clause after a comma ("shelled Kharkiv, killing three"), a
//! town of the clause it continues; else the
//! document's main place (the place named most often), with precision
//! `document`. An actor's country is never used as the event's place.

use dyad_geo::{Context, Gazetteer, PlaceId, PlaceKind};
use dyad_text::{Tag, Token};
use dyad_types::{Location, Span};

use crate::mentions::Mention;

/// A place name found in a sentence.
#[derive(Debug, Clone)]
pub(crate) struct Toponym {
    /// Token range in the sentence.
    pub start: usize,
    pub end: usize,
    pub place: PlaceId,
    pub confidence: f32,
    /// Introduced by a preposition of place ("in", "near", "outside").
    pub locative: bool,
    /// In a phrase that opens the sentence ("In Hilla, ..."), which places
    /// the whole sentence.
    pub opening: bool,
    /// A state named as an actor ("Iraq captured ..."): a place of last
    /// resort, and flagged as such.
    pub actor: bool,
}

/// Prepositions and nouns that introduce where something happened.
const PLACE_INTRODUCERS: &[&str] =
    &["in", "at", "near", "outside", "inside", "across", "around", "throughout", "within", "into", "of"];

/// Words that may sit inside a place name ("Bosnia and Herzegovina" is one
/// name; "Rio de Janeiro", "Dar es Salaam").
const NAME_CONNECTORS: &[&str] = &["of", "de", "del", "da", "do", "es", "el", "al", "la", "and", "upon", "on"];

/// Finds the place names of one sentence. Person and organisation mentions
/// are skipped ("George Washington", "Amnesty International").
pub(crate) fn find(
    gazetteer: &Gazetteer<'static>,
    tokens: &[Token],
    mentions: &[Mention],
    context: &Context,
    lowercase_doc: bool,
) -> Vec<Toponym> {
    let mut blocked = vec![false; tokens.len()];
    let mut actor_state = vec![false; tokens.len()];
    for m in mentions {
        // People and organisations are no places; a state named as an actor
        // ("Iran condemned the sanctions") is not the event's place either,
        // unless a preposition makes it one. (Capitals stay: "a Baghdad
        // hotel" is a place as often as "Moscow said" is an actor.)
        let state_as_actor = !m.locative && !m.place && m.code.len() == 3 && m.person.is_none() && m.name.is_none();
        if state_as_actor {
            for a in actor_state.iter_mut().take(m.end).skip(m.start) {
                *a = true;
            }
        }
        if m.person.is_some() || (m.name.is_some() && !m.place) || m.resolved_from.is_some() {
            for b in blocked.iter_mut().take(m.end).skip(m.start) {
                *b = true;
            }
        }
    }
    let max_len = gazetteer.max_name_tokens().clamp(1, 6);
    let mut out = Vec::new();
    let mut phrase = String::new();
    let mut i = 0;
    while i < tokens.len() {
        if blocked[i] || !name_start(&tokens[i], lowercase_doc) {
            i += 1;
            continue;
        }
        let mut found = None;
        for n in (1..=max_len.min(tokens.len() - i)).rev() {
            let words = &tokens[i..i + n];
            let last = &words[n - 1];
            // Later words may carry a lower-case article: "Deir ez-Zor".
            let later_word = |t: &Token| {
                name_word(t, lowercase_doc) || t.norm.contains('-') && t.norm.chars().any(char::is_uppercase)
            };
            let inner_ok = words.iter().enumerate().all(|(k, t)| {
                !blocked[i + k]
                    && (k == 0 && name_word(t, lowercase_doc)
                        || k > 0 && later_word(t)
                        || k > 0 && k + 1 < n && NAME_CONNECTORS.contains(&t.lower.as_str()))
            });
            if !inner_ok || !later_word(last) {
                continue;
            }
            // A single word must be tagged as a proper noun, so that
            // "Police" or "Reading" at the start of a sentence stays a word.
            if n == 1
                && !lowercase_doc
                && !matches!(words[0].tag, Tag::NNP | Tag::NNPS)
                && !in_place_mention(mentions, i)
            {
                continue;
            }
            phrase.clear();
            for (k, t) in words.iter().enumerate() {
                if k > 0 {
                    phrase.push(' ');
                }
                phrase.push_str(&t.norm);
            }
            if let Some((place, confidence)) = gazetteer.resolve(&phrase, context) {
                found = Some((n, place, confidence));
                break;
            }
        }
        match found {
            Some((n, place, confidence)) => {
                let opening = opening_phrase(tokens, i);
                let actor = actor_state[i];
                out.push(Toponym {
                    start: i,
                    end: i + n,
                    place,
                    confidence,
                    locative: introduced(tokens, i),
                    opening,
                    actor,
                });
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

fn name_start(tok: &Token, lowercase_doc: bool) -> bool {
    name_word(tok, lowercase_doc) && tok.norm.chars().count() >= 3
}

fn name_word(tok: &Token, lowercase_doc: bool) -> bool {
    let first = tok.norm.chars().next();
    let letters = tok.norm.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '.');
    letters && (lowercase_doc || first.is_some_and(char::is_uppercase))
}

fn in_place_mention(mentions: &[Mention], i: usize) -> bool {
    mentions.iter().any(|m| m.start <= i && i < m.end && (m.place || m.code.len() == 3))
}

/// True when a preposition of place (possibly with "the", adjectives or "city
/// of") comes right before token `i`.
fn introduced(tokens: &[Token], i: usize) -> bool {
    let mut p = i;
    let mut steps = 0;
    while p > 0 && steps < 4 {
        p -= 1;
        steps += 1;
        let t = &tokens[p];
        if PLACE_INTRODUCERS.contains(&t.lower.as_str()) {
            // "the city of Kharkiv": "of" after a place noun counts; "the
            // president of Iran" does not.
            // A capitalised noun is part of a name ("the Islamic State of
            // Iraq"), not a place noun.
            if t.lower == "of" {
                return p > 0 && PLACE_NOUNS.contains(&tokens[p - 1].norm.as_str());
            }
            return true;
        }
        if !matches!(t.tag, Tag::DT | Tag::JJ | Tag::NN | Tag::NNP) {
            return false;
        }
    }
    false
}

/// True when token `i` is in an opening "In X," phrase of the sentence.
fn opening_phrase(tokens: &[Token], i: usize) -> bool {
    let first = tokens.iter().position(|t| !matches!(t.tag, Tag::LQUOTE | Tag::RQUOTE) && t.lower != "\"");
    let Some(first) = first else { return false };
    let opens = matches!(tokens[first].lower.as_str(), "in" | "at" | "near" | "outside" | "across");
    let comma = tokens.iter().position(|t| t.lower == ",");
    opens && i > first && comma.is_some_and(|c| i < c && c <= first + 8)
}

/// Nouns after which "of X" names a place.
const PLACE_NOUNS: &[&str] = &[
    "city",
    "town",
    "village",
    "province",
    "region",
    "district",
    "state",
    "port",
    "capital",
    "outskirts",
    "suburb",
    "suburbs",
    "area",
    "governorate",
    "oblast",
    "county",
    "north",
    "south",
    "east",
    "west",
    "centre",
    "center",
];

/// The place that governs an event whose trigger is token `trigger`, with
/// its token range, or None.
pub(crate) fn governing<'t>(
    gazetteer: &Gazetteer<'static>,
    all: &'t [Toponym],
    tokens: &[Token],
    trigger: usize,
    target: Option<&Mention>,
) -> Option<&'t Toponym> {
    let places: Vec<Toponym> = all.iter().filter(|t| !t.actor).cloned().collect();
    let found = governing_place(gazetteer, &places, tokens, trigger, target)
        .and_then(|t| all.iter().find(|a| a.start == t.start && a.end == t.end));
    if found.is_some() {
        return found;
    }
    // 5. last resort: a state named as an actor in the trigger's clause
    // ("Iraq captured Irbil"); the location says it came from an actor.
    let segment = |a: usize, b: usize| clause_breaks(&tokens[a.min(b)..a.max(b)]);
    all.iter().filter(|t| t.actor && segment(t.start, trigger) == 0).min_by_key(|t| {
        if t.start > trigger {
            t.start - trigger
        } else {
            trigger.saturating_sub(t.end)
        }
    })
}

fn governing_place<'t>(
    gazetteer: &Gazetteer<'static>,
    toponyms: &'t [Toponym],
    tokens: &[Token],
    trigger: usize,
    target: Option<&Mention>,
) -> Option<&'t Toponym> {
    let segment = |a: usize, b: usize| clause_breaks(&tokens[a.min(b)..a.max(b)]);
    let distance = |t: &Toponym| if t.start > trigger { t.start - trigger } else { trigger.saturating_sub(t.end) };
    // 1. a place phrase in the trigger's own stretch of the sentence; within
    // one phrase the most specific place ("the West Bank town of Tulkarm",
    // "Pakistan's port city of Karachi")
    if let Some(t) =
        toponyms.iter().filter(|t| t.locative && segment(t.start, trigger) == 0).min_by_key(|t| distance(t))
    {
        return Some(most_specific(gazetteer, toponyms, tokens, t));
    }
    // 2. the target, when it is a place
    if let Some(m) = target {
        if let Some(t) = toponyms.iter().find(|t| t.start >= m.start && t.end <= m.end) {
            return Some(t);
        }
    }
    // 3. an opening "In X," phrase, then any place phrase, nearest first
    if let Some(t) = toponyms.iter().find(|t| t.opening && t.start < trigger) {
        return Some(most_specific(gazetteer, toponyms, tokens, t));
    }
    if let Some(t) = toponyms.iter().filter(|t| t.locative).min_by_key(|t| (segment(t.start, trigger), distance(t))) {
        return Some(t);
    }
    // 4. a town or region named in the trigger's stretch without a
    // preposition ("a Baghdad hotel", "Gaza hospitals"); states are left
    // out, since a state named without "in" is mostly an actor
    let town = |t: &&Toponym| gazetteer.place(t.place).kind != PlaceKind::Country;
    if let Some(t) = toponyms.iter().filter(|t| segment(t.start, trigger) == 0).filter(town).min_by_key(|t| distance(t))
    {
        return Some(t);
    }
    // 5. a participle clause after a comma ("shelled Kharkiv on Monday,
    // killing three civilians") tells more of the clause before it, so it
    // happened where that clause did: its town, nearest first
    let participle = trigger >= 1 && tokens[trigger].tag == Tag::VBG && tokens[trigger - 1].lower == ",";
    if participle {
        return toponyms
            .iter()
            .filter(|t| t.end < trigger && segment(t.start, trigger - 1) == 0)
            .filter(town)
            .min_by_key(|t| distance(t));
    }
    None
}

/// How many clause boundaries lie in `tokens`: commas, semicolons and
/// words that open a clause ("talks in Geneva ended when rebels attacked
/// Aleppo": Geneva does not place the attack).
fn clause_breaks(tokens: &[Token]) -> usize {
    tokens
        .iter()
        .filter(|t| {
            matches!(
                t.lower.as_str(),
                "," | ";"
                    | "when"
                    | "while"
                    | "after"
                    | "before"
                    | "because"
                    | "which"
                    | "who"
                    | "whereas"
                    | "although"
                    | "but"
            )
        })
        .count()
}

/// A place named right after `t` in the same phrase ("the West Bank town
/// of Tulkarm", "Yala's Betong district") is more specific than `t`.
fn most_specific<'t>(
    gazetteer: &Gazetteer<'static>,
    toponyms: &'t [Toponym],
    tokens: &[Token],
    t: &'t Toponym,
) -> &'t Toponym {
    let rank = |k: PlaceKind| match k {
        PlaceKind::Country => 0,
        PlaceKind::Region => 1,
        PlaceKind::Adm1 => 2,
        PlaceKind::City => 3,
    };
    let outer = gazetteer.place(t.place);
    toponyms
        .iter()
        .find(|u| {
            let inner = gazetteer.place(u.place);
            u.start >= t.end
                && u.start <= t.end + 6
                && rank(inner.kind) > rank(outer.kind)
                && (outer.country.is_empty() || inner.in_country(outer.country) || outer.in_country(inner.country))
                && tokens[t.end..u.start].iter().all(|x| x.lower != "," && x.lower != "and" && !x.tag.is_verb())
        })
        .unwrap_or(t)
}

/// The record of a place; `text`/`span` say which words it came from.
pub(crate) fn location(
    gazetteer: &Gazetteer<'static>,
    place: PlaceId,
    confidence: f32,
    text: Option<String>,
    span: Option<Span>,
    document_level: bool,
    from_actor: bool,
) -> Location {
    let p = gazetteer.place(place);
    let precision = if document_level {
        "document"
    } else {
        match p.kind {
            PlaceKind::City => "city",
            PlaceKind::Adm1 => "adm1",
            PlaceKind::Region => "region",
            PlaceKind::Country => "country",
        }
    };
    Location {
        name: p.name.to_string(),
        country: (!p.country.is_empty()).then(|| p.country.to_string()),
        lat: Some(p.lat),
        lon: Some(p.lon),
        text,
        span,
        precision: Some(precision.to_string()),
        fips: p.fips.map(str::to_string),
        adm1: p.adm1.map(str::to_string),
        feature_id: p.feature_id,
        confidence: Some((confidence * 100.0).round() / 100.0),
        from_actor,
    }
}
