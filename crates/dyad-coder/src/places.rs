//! Where events happen: place names found in the text, resolved with the
//! embedded gazetteer (`dyad-geo`) against the countries the document is
//! about, and the place that governs each event.
//!
//! The governing place of an event is, in order: a place phrase ("in
//! Donetsk", "near the border town of Rafah") in the event's own stretch of
//! the sentence, nearest the trigger; else a place that is the event's
//! target ("shelled Kharkiv"); else any place named in the sentence; else
//! the document's main place (the place named most often), with precision
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
}

/// Prepositions and nouns that introduce where something happened.
const PLACE_INTRODUCERS: &[&str] = &[
    "in", "at", "near", "outside", "inside", "across", "around", "throughout", "within", "into", "of",
];

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
    for m in mentions {
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
            let inner_ok = words.iter().enumerate().all(|(k, t)| {
                !blocked[i + k]
                    && (name_word(t, lowercase_doc) || k > 0 && k + 1 < n && NAME_CONNECTORS.contains(&t.lower.as_str()))
            });
            if !inner_ok || !name_word(last, lowercase_doc) {
                continue;
            }
            // A single word must be tagged as a proper noun, so that
            // "Police" or "Reading" at the start of a sentence stays a word.
            if n == 1 && !lowercase_doc && !matches!(words[0].tag, Tag::NNP | Tag::NNPS) && !in_place_mention(mentions, i) {
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
                out.push(Toponym { start: i, end: i + n, place, confidence, locative: introduced(tokens, i) });
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
            if t.lower == "of" {
                return p > 0 && PLACE_NOUNS.contains(&tokens[p - 1].lower.as_str());
            }
            return true;
        }
        if !matches!(t.tag, Tag::DT | Tag::JJ | Tag::NN | Tag::NNP) {
            return false;
        }
    }
    false
}

/// Nouns after which "of X" names a place.
const PLACE_NOUNS: &[&str] = &[
    "city", "town", "village", "province", "region", "district", "state", "port", "capital", "outskirts", "suburb",
    "suburbs", "area", "governorate", "oblast", "county", "north", "south", "east", "west", "centre", "center",
];

/// The place that governs an event whose trigger is token `trigger`, with
/// its token range, or None.
pub(crate) fn governing<'t>(
    toponyms: &'t [Toponym],
    tokens: &[Token],
    trigger: usize,
    target: Option<&Mention>,
) -> Option<&'t Toponym> {
    let segment = |a: usize, b: usize| tokens[a.min(b)..a.max(b)].iter().filter(|t| t.lower == "," || t.lower == ";").count();
    let distance = |t: &Toponym| if t.start > trigger { t.start - trigger } else { trigger.saturating_sub(t.end) };
    // 1. a place phrase in the trigger's own stretch of the sentence
    if let Some(t) = toponyms
        .iter()
        .filter(|t| t.locative && segment(t.start, trigger) == 0)
        .min_by_key(|t| distance(t))
    {
        return Some(t);
    }
    // 2. the target, when it is a place
    if let Some(m) = target {
        if let Some(t) = toponyms.iter().find(|t| t.start >= m.start && t.end <= m.end) {
            return Some(t);
        }
    }
    // 3. any place phrase in the sentence, nearest first
    toponyms.iter().filter(|t| t.locative).min_by_key(|t| (segment(t.start, trigger), distance(t)))
}

/// The record of a place; `text`/`span` say which words it came from.
pub(crate) fn location(
    gazetteer: &Gazetteer<'static>,
    place: PlaceId,
    confidence: f32,
    text: Option<String>,
    span: Option<Span>,
    document_level: bool,
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
    }
}
