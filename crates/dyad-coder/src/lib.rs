//! dyad's event coder.
//!
//! [`Coder::code`] takes one [`Article`] and returns every event it reports,
//! with a per-sentence report that says why a sentence gave nothing.
//!
//! The stages, per sentence: split and tokenise (`dyad-text`), tag parts of
//! speech, recognise actor mentions and resolve references to earlier ones
//! ([`mentions`]), match event patterns at trigger words ([`patterns`]),
//! then decide each event's factuality and attribution ([`modality`]) and
//! its date (`dyad-dates`).

pub mod check;
mod mentions;
mod modality;
mod patterns;
mod places;

use std::fmt;

use dyad_dict::{DictErrors, Dictionaries};
use dyad_text::{tagger::Tagger, CharIndex, Token};
use dyad_types::{Actor, DatePrecision, Event, Location, Mode, Span, Trigger, SCHEMA_VERSION};

use crate::mentions::{Antecedent, Mention};
use crate::patterns::{Match, Matcher};

/// One document to code.
#[derive(Debug, Clone)]
pub struct Article {
    /// The document id reported in every event.
    pub id: String,
    /// The document text. Spans are code-point offsets into it.
    pub text: String,
    /// Publication date as `YYYY-MM-DD`, when known.
    pub date: Option<String>,
}

impl Article {
    /// The text of a document with a headline: `title + "\n\n" + body`, or
    /// the body alone when the title is missing or blank. Every input path
    /// (JSON Lines, the HTTP API) builds documents this way, so spans count
    /// from the same place whichever way an article arrives.
    pub fn document_text(title: Option<&str>, body: &str) -> String {
        match title {
            Some(title) if !title.trim().is_empty() => format!("{title}\n\n{body}"),
            _ => body.to_string(),
        }
    }
}

/// The `YYYY-MM-DD` part of a date or an RFC 3339 timestamp
/// (`2022-07-19T10:00:00Z`, also with a space or `t` for the `T`), when it
/// is a real calendar day. The text is taken as it is, without trimming.
pub fn date_part(s: &str) -> Option<String> {
    let day = s.get(..10)?;
    let rest = &s[10..];
    (is_iso_day(day) && (rest.is_empty() || rest.starts_with(['T', 't', ' ']))).then(|| day.to_string())
}

/// True for a real calendar day written `YYYY-MM-DD`.
pub fn is_iso_day(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = &s[range];
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
    };
    match (num(0..4), num(5..7), num(8..10)) {
        // Two digits fit a u8; the year 0000 is no publication date.
        (Some(year), Some(month), Some(day)) => {
            year > 0 && dyad_dates::Date::new(year as i32, month as u8, day as u8).is_some()
        }
        _ => false,
    }
}

/// What coding one article produced.
#[derive(Debug, Clone, Default)]
pub struct CodedArticle {
    pub events: Vec<Event>,
    pub sentences: Vec<SentenceReport>,
}

/// What the coder saw in one sentence, for `explain`.
#[derive(Debug, Clone)]
pub struct SentenceReport {
    /// 0-based index of the sentence.
    pub index: usize,
    /// Span of the sentence in the document (code points).
    pub span: Span,
    /// The sentence text.
    pub text: String,
    /// Every actor recognised in the sentence.
    pub actors: Vec<Actor>,
    /// Indices into [`CodedArticle::events`] of this sentence's events.
    pub events: Vec<usize>,
    /// Why the sentence gave no event although it looks political
    /// (an actor or a trigger word was seen), else None.
    pub note: Option<String>,
}

/// Why a coder could not be built.
#[derive(Debug)]
pub enum CoderError {
    /// The dictionaries have errors (each with file and line).
    Dictionaries(DictErrors),
}

impl fmt::Display for CoderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CoderError::Dictionaries(e) => write!(f, "dictionary errors:\n{e}"),
        }
    }
}

impl std::error::Error for CoderError {}

/// The coder: dictionaries compiled once, shared read-only across threads.
pub struct Coder {
    dict: Dictionaries,
    tagger: &'static Tagger,
    gazetteer: &'static dyad_geo::Gazetteer<'static>,
    geocode: bool,
    /// Issue phrases compiled for lookup.
    issues: dyad_dict::PhraseTable<String>,
    /// Actor phrases read TABARI's looser way (TABARI projects only).
    loose_actors: mentions::LooseActors,
}

/// What the TABARI reading carries from one sentence of a story to the
/// next: the actor codes of the last sentence's first event, and whether
/// its source was itself carried over.
#[derive(Debug, Clone, Default)]
pub struct Forwarded {
    source: Option<String>,
    target: Option<String>,
    source_forwarded: bool,
}

impl Forwarded {
    /// The sentence's mentions with a pronoun that opens it (no actor
    /// before it) read as the actor carried over: the last sentence's
    /// source, or its target when that source was carried over itself.
    /// Only the actor is carried, not its agent ("President X" → X's
    /// state). Also returns the pronoun's position.
    fn apply(&self, tokens: &[Token], mentions: &[Mention]) -> (Vec<Mention>, Option<usize>) {
        let mut out = mentions.to_vec();
        let first_actor = mentions.iter().map(|m| m.start).min().unwrap_or(tokens.len());
        let referent = if self.source_forwarded { self.target.as_ref() } else { self.source.as_ref() };
        let pronoun = (0..first_actor).find(|&p| patterns::PRONOUNS.contains(&tokens[p].lower.as_str()));
        let (Some(p), Some(code)) = (pronoun, referent) else { return (out, None) };
        let actor = if code.len() > 3 && code.len() % 3 == 0 { &code[..3] } else { code.as_str() };
        out.insert(0, Mention::forwarded(p, actor, &tokens[p].norm));
        (out, Some(p))
    }
}

/// Event codes of the field's dictionaries that match but code nothing.
const NULL_CODES: &[&str] = &["---", "+++"];

/// Event code of the field's dictionaries that discards the sentence.
const DISCARD_CODE: &str = "###";

/// The most members of one coordinated group that are paired into events.
const MAX_GROUP: usize = 8;

/// How many sentences back a pronoun may look for its antecedent.
const COREF_SENTENCES: usize = 3;

impl Coder {
    /// A coder with dyad's built-in dictionaries.
    pub fn with_default_dictionaries() -> Result<Coder, CoderError> {
        Ok(Coder::new(Dictionaries::builtin().map_err(CoderError::Dictionaries)?))
    }

    /// A coder with the given dictionaries.
    pub fn new(dict: Dictionaries) -> Coder {
        let mut issues = dyad_dict::PhraseTable::default();
        for (phrase, code) in &dict.issues {
            issues.insert(phrase, code.clone());
        }
        let loose_actors =
            if dict.tabari.is_some() { mentions::LooseActors::new(&dict) } else { mentions::LooseActors::default() };
        Coder {
            dict,
            tagger: Tagger::embedded(),
            gazetteer: dyad_geo::Gazetteer::embedded(),
            geocode: true,
            issues,
            loose_actors,
        }
    }

    /// Turns place finding on or off (on by default); off, events carry no
    /// location. For measuring what geocoding costs.
    pub fn with_geocoding(mut self, on: bool) -> Coder {
        self.geocode = on;
        self
    }

    /// The dictionaries in use.
    pub fn dictionaries(&self) -> &Dictionaries {
        &self.dict
    }

    /// The TABARI options the coder reads sentences under, when its
    /// dictionaries come from a TABARI project: the validation suite's
    /// option records change them between records.
    pub fn tabari_options_mut(&mut self) -> Option<&mut dyad_dict::formats::tabari::Options> {
        self.dict.tabari.as_mut()
    }

    /// Codes one article.
    pub fn code(&self, article: &Article) -> CodedArticle {
        self.code_in_story(article, &mut Forwarded::default())
    }

    /// Codes one article as the next part of a story: under the TABARI
    /// reading, a pronoun that opens a sentence stands for an actor of the
    /// sentence before it, which `forwarded` carries from one call to the
    /// next (TABARI's `FORWARD` over records of one story). dyad's own
    /// reading ignores it.
    pub fn code_in_story(&self, article: &Article, forwarded: &mut Forwarded) -> CodedArticle {
        let text = article.text.as_str();
        let chars = CharIndex::new(text);
        let span = |s: usize, e: usize| -> Span { [chars.char_offset(s), chars.char_offset(e)] };
        let publication = article.date.as_deref().and_then(|d| d.parse::<dyad_dates::Date>().ok());
        let analysis = self.analyse(text, article.date.as_deref());
        let mut out = CodedArticle::default();
        for (index, ((sentence, mentions), toponyms)) in analysis.sentences.iter().zip(&analysis.toponyms).enumerate() {
            let tokens = &sentence.tokens;
            let sent_text = &text[sentence.start..sentence.end];
            let mut report = SentenceReport {
                index,
                span: span(sentence.start, sentence.end),
                text: sent_text.to_string(),
                actors: mentions.iter().map(|m| self.actor(m, tokens, text, &span, None, publication)).collect(),
                events: Vec::new(),
                note: None,
            };
            if let Some((phrase, source)) = self.discarded(tokens) {
                report.note = Some(format!("discarded: contains \"{phrase}\" ({source})"));
                out.sentences.push(report);
                continue;
            }
            let forwarded_mentions;
            let mut mentions = mentions;
            let mut forwarded_at = None;
            if self.dict.tabari.is_some() {
                let (ms, at) = forwarded.apply(tokens, mentions);
                forwarded_mentions = ms;
                mentions = &forwarded_mentions;
                forwarded_at = at;
            }
            let mut matcher = Matcher::new(&self.dict, tokens, mentions);
            if let Some(options) = &self.dict.tabari {
                matcher.hide_comma_clauses(options);
            }
            let (matches, unmatched) = match &self.dict.tabari {
                Some(options) => (matcher.find_shallow(options), Vec::new()),
                None => matcher.find(),
            };
            // The field's dictionaries use `###` for a pattern that marks the
            // sentence as one to discard (TABARI, PETRARCH).
            if let Some(m) = matches.iter().find(|m| m.rule.code == DISCARD_CODE) {
                report.note = Some(format!("discarded: pattern {} `{}`", m.rule.id, m.rule.pattern));
                out.sentences.push(report);
                continue;
            }
            if let Some(first) = matches.first().filter(|_| self.dict.tabari.is_some()) {
                *forwarded = Forwarded {
                    source: first.source.map(|s| mentions[s].code.clone()),
                    target: first.target.map(|t| mentions[t].code.clone()),
                    source_forwarded: first.source.is_some_and(|s| Some(mentions[s].start) == forwarded_at),
                };
            }
            let dates = dyad_dates::find_dates(sent_text, publication);
            let place = Placing { toponyms, main: analysis.main_place };
            for m in &matches {
                for ev in
                    self.events_of(m, &matcher, article, sentence.start, &dates, publication, &span, index, &place)
                {
                    report.events.push(out.events.len());
                    out.events.push(ev);
                }
            }
            if report.events.is_empty() {
                report.note = explain_nothing(&report.actors, &unmatched, tokens);
            }
            out.sentences.push(report);
        }
        out
    }

    /// The place that governs the event whose trigger spans `trigger`
    /// (code points into `text`): what the `location` of an event there
    /// would be. For evaluating place finding on its own.
    pub fn locate(&self, article: &Article, trigger: Span) -> Option<Location> {
        let text = article.text.as_str();
        let chars = CharIndex::new(text);
        let span = |s: usize, e: usize| -> Span { [chars.char_offset(s), chars.char_offset(e)] };
        let analysis = self.analyse(text, article.date.as_deref());
        for ((sentence, mentions), toponyms) in analysis.sentences.iter().zip(&analysis.toponyms) {
            let tokens = &sentence.tokens;
            let overlaps = |tok: &Token| {
                let [s, e] = span(tok.start, tok.end);
                e > trigger[0] && s < trigger[1]
            };
            let Some(t) = tokens.iter().position(overlaps) else { continue };
            let matcher = Matcher::new(&self.dict, tokens, mentions);
            let target = matcher.object_after(t).map(|i| &mentions[i]);
            let placing = Placing { toponyms, main: analysis.main_place };
            return self.place_of(&placing, tokens, t, target, text, &span);
        }
        None
    }

    /// The stages before event matching, over the whole document: sentences,
    /// tags, actors and references (pass 1); place names read against the
    /// countries of the document's actors, and the main place (pass 2).
    fn analyse(&self, text: &str, date: Option<&str>) -> Analysis {
        let lowercase_doc = !text.chars().any(char::is_uppercase);
        let mut history: Vec<Vec<Antecedent>> = Vec::new();
        let mut sentences: Vec<(dyad_text::Sentence, Vec<Mention>)> = Vec::new();
        for mut sentence in dyad_text::analyze(text) {
            self.tagger.tag_tokens(&mut sentence.tokens);
            let tokens = &sentence.tokens;
            let mut mentions = mentions::recognise(&self.dict, tokens, lowercase_doc);
            if let Some(options) = &self.dict.tabari {
                mentions::tabari_reading(&self.dict, &self.loose_actors, tokens, &mut mentions, options, date);
            }
            let recent: Vec<Antecedent> = history.iter().rev().take(COREF_SENTENCES).rev().flatten().cloned().collect();
            mentions::resolve_references(tokens, &mut mentions, &recent);
            if self.dict.tabari.is_some() {
                // TABARI resolves pronouns its own way: within the sentence
                // (the shallow reading) and from the sentence before
                // (`Forwarded`).
                mentions.retain(|m| m.resolved_from.is_none());
            }
            // TABARI codes are not CAMEO country + role blocks: no
            // country is filled in from the sentence.
            if self.dict.tabari.is_none() {
                mentions::fill_domestic_country(tokens, &mut mentions);
            }
            // New actors enter the history; pronouns and other references
            // point at actors already in it ("his counterpart" is new).
            let introduces = |m: &&Mention| m.resolved_from.as_deref().is_none_or(|r| r.ends_with("counterpart"));
            history.push(mentions.iter().filter(|m| !m.locative).filter(introduces).map(Mention::antecedent).collect());
            sentences.push((sentence, mentions));
        }
        let mut context = dyad_geo::Context::new();
        for m in sentences.iter().flat_map(|(_, ms)| ms) {
            context.add(&m.code, 1.0);
        }
        let toponyms: Vec<Vec<places::Toponym>> = sentences
            .iter()
            .map(|(s, mentions)| {
                if self.geocode {
                    places::find(self.gazetteer, &s.tokens, mentions, &context, lowercase_doc)
                } else {
                    Vec::new()
                }
            })
            .collect();
        let main_place = document_place(&toponyms, self.gazetteer);
        Analysis { sentences, toponyms, main_place }
    }

    /// The issue codes whose phrases the sentence holds, in order, without
    /// repeats; `~` entries are phrases the issue dictionary says to ignore.
    fn issues_in(&self, tokens: &[Token]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        if self.issues.is_empty() {
            return out;
        }
        let mut i = 0;
        while i < tokens.len() {
            match self.issues.longest_at(tokens, i) {
                Some((n, codes)) => {
                    for c in codes {
                        if !c.starts_with('~') && !out.contains(c) {
                            out.push(c.clone());
                        }
                    }
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }

    /// The discard phrase found in the sentence, if any.
    fn discarded(&self, tokens: &[Token]) -> Option<(String, String)> {
        (0..tokens.len()).find_map(|i| {
            self.dict.discards.longest_at(tokens, i).map(|(n, v)| {
                let phrase = tokens[i..i + n].iter().map(|t| t.norm.as_str()).collect::<Vec<_>>().join(" ");
                (phrase, v[0].clone())
            })
        })
    }

    /// Builds the public actor record of a mention; a person's code is
    /// chosen by the event date, else the publication date.
    fn actor(
        &self,
        m: &Mention,
        tokens: &[Token],
        text: &str,
        span: &dyn Fn(usize, usize) -> Span,
        event_date: Option<&str>,
        publication: Option<dyad_dates::Date>,
    ) -> Actor {
        let (s, e) = (tokens[m.start].start, tokens[m.end - 1].end);
        let code = match m.person {
            Some(p) => {
                let pubs = publication.map(|d| d.to_string());
                let code = self.dict.actors.people[p].code_on(event_date, pubs.as_deref()).to_string();
                // "President Biden" in an undated text: the title says he is
                // in office, whatever the latest dated entry says.
                match (dyad_types::split_code(&code), &m.title_role) {
                    ((Some(country), Some("ELI")), Some(title)) if title != "ELI" => format!("{country}{title}"),
                    // PETRARCH-1: a person listed with a bare state code
                    // ("ROMENDACIL [BRE]") under a title takes its role.
                    ((Some(country), None), Some(title)) if self.dict.petrarch1 && code.len() == 3 => {
                        format!("{country}{title}")
                    }
                    _ => code,
                }
            }
            None => m.code.clone(),
        };
        Actor::from_code(&code, m.name.clone(), text[s..e].to_string(), span(s, e))
    }

    /// The events of one match: one per source × target pair of the
    /// coordinated groups, both ways for symmetric verbs without a target.
    #[allow(clippy::too_many_arguments)]
    fn events_of(
        &self,
        m: &Match<'_>,
        matcher: &Matcher<'_>,
        article: &Article,
        sent_start: usize,
        dates: &[dyad_dates::DateExpr],
        publication: Option<dyad_dates::Date>,
        span: &dyn Fn(usize, usize) -> Span,
        index: usize,
        placing: &Placing<'_>,
    ) -> Vec<Event> {
        let tokens = matcher.tokens;
        let mentions = matcher.mentions;
        let text = article.text.as_str();
        // Long lists ("Russia, China, Iran, ... and Syria") are coded pair
        // by pair, up to a bound that keeps a pathological sentence from
        // producing a quadratic flood of events.
        let group = |i: usize| -> Vec<usize> {
            let g = mentions[i].group;
            mentions.iter().enumerate().filter(|(_, x)| x.group == g).map(|(k, _)| k).take(MAX_GROUP).collect()
        };
        let targets: Vec<Option<usize>> = match m.target {
            Some(t) => group(t).into_iter().map(Some).collect(),
            None => vec![None],
        };
        // Sources are mentions, or an understood agent ("were arrested":
        // police), which has no words: `None` here.
        let mut pairs: Vec<(Option<usize>, Option<usize>)> = Vec::new();
        match (m.source, m.implicit_source) {
            (Some(src), _) => {
                let sources = group(src);
                let symmetric = m.compound || self.dict.tabari.is_none() && self.is_symmetric(m.rule);
                if m.target.is_none() && m.implicit_target.is_none() && sources.len() > 1 && symmetric {
                    for &a in &sources {
                        for &b in &sources {
                            if a != b {
                                pairs.push((Some(a), Some(b)));
                            }
                        }
                    }
                } else {
                    for &s in &sources {
                        for &t in &targets {
                            pairs.push((Some(s), t));
                        }
                    }
                }
            }
            (None, Some(_)) => pairs.extend(targets.iter().map(|&t| (None, t))),
            (None, None) => return Vec::new(),
        }

        // `---` and `+++` match (so a more general rule does not) but code
        // nothing: the field's way to say "not an event".
        if NULL_CODES.contains(&m.rule.code.as_str()) {
            return Vec::new();
        }
        // `A:B` codes the source's act as A and the target's reply as B
        // (TABARI's paired codes for meetings and exchanges).
        // Under the TABARI reading, a final `?` (code only when nothing
        // else codes) or `!` (the dominant event) has done its work in
        // the matcher and is not part of the code.
        let code = if self.dict.tabari.is_some() { m.rule.code.replace(['?', '!'], "") } else { m.rule.code.clone() };
        let (forward, backward) = match code.split_once(':') {
            Some((a, b)) if !a.is_empty() && !b.is_empty() => (a.to_string(), Some(b.to_string())),
            _ => (code.clone(), None),
        };
        if backward.is_some() {
            pairs = pairs
                .into_iter()
                .flat_map(|(s, t)| {
                    let back = t.zip(s).map(|(t, s)| (Some(t), Some(s)));
                    std::iter::once((s, t)).chain(back)
                })
                .collect();
        }
        let trig = &tokens[m.trigger];
        let (date, precision, date_text, date_span) =
            pick_date(&text[sent_start..], dates, trig.start - sent_start, publication, sent_start, span);
        // TABARI's dictionaries code negation and refusal with patterns
        // ("- NOT * [112]"); every event they give is asserted.
        let tabari = self.dict.tabari.is_some();
        let (mut mode, refused) = if tabari { (Mode::Asserted, false) } else { matcher.mode(m) };
        let mut cameo = forward.clone();
        let mut rule_id = m.rule.id.clone();
        if refused {
            if let Some((reject, source)) = self.dict.reject_code(&cameo) {
                cameo = reject.to_string();
                rule_id = format!("{rule_id}+{source}");
                mode = Mode::Asserted;
            }
        }
        let attribution = if tabari { None } else { matcher.attribution(m) };
        let location = self.place_of(placing, tokens, m.trigger, m.target.map(|t| &mentions[t]), text, span);
        let historical = is_historical(date.as_deref(), precision, publication);
        let issues = self.issues_in(tokens);
        let mut events = Vec::new();
        let trigger_point = span(trig.start, trig.start);
        let first_source = pairs.first().and_then(|p| p.0);
        for (s, t) in pairs {
            // In a paired code, the pairs whose source is the pattern's
            // target carry the second code.
            let cameo = match &backward {
                Some(b) if s != first_source => b.clone(),
                _ => cameo.clone(),
            };
            let info = self.dict.codebook.get(&cameo);
            let mut source = match s {
                Some(s) => self.actor(&mentions[s], tokens, text, span, date.as_deref(), publication),
                None => {
                    // Police act where the sentence places them ("in Minsk").
                    let role = m.implicit_source.unwrap_or_default();
                    let here = mentions.iter().find(|x| x.locative).and_then(|x| dyad_types::split_code(&x.code).0);
                    // TABARI's default source is a whole code.
                    let here = here.filter(|_| !tabari);
                    let code = here.map_or(role.to_string(), |c| format!("{c}{role}"));
                    Actor::from_code(&code, None, String::new(), trigger_point)
                }
            };
            let mut target = t.map(|t| self.actor(&mentions[t], tokens, text, span, date.as_deref(), publication));
            if target.is_none() {
                target = m.implicit_target.map(|code| Actor::from_code(code, None, String::new(), trigger_point));
            }
            if let Some(tg) = target.as_mut().filter(|_| !tabari) {
                share_domestic_country(&mut source, tg);
            }
            // An actor does not act on itself: identical codes on both sides
            // come from a misread clause, not from the text.
            if target.as_ref().is_some_and(|t| t.code == source.code) {
                continue;
            }
            let mut speaker = attribution
                .flatten()
                .map(|sp| self.actor(&mentions[sp], tokens, text, span, date.as_deref(), publication));
            // "..., the defence ministry said": an unnamed ministry or
            // official speaks for the source's own state.
            if let (Some(sp), Some(country)) = (speaker.as_mut(), source.country.clone()) {
                if sp.country.is_none()
                    && sp.role.as_deref().is_some_and(|r| r == "GOV" || r == "MIL")
                    && sp.code.starts_with(sp.role.as_deref().unwrap_or(""))
                {
                    *sp = Actor::from_code(&format!("{country}{}", sp.code), sp.name.clone(), sp.text.clone(), sp.span);
                }
            }
            events.push(Event {
                doc_id: article.id.clone(),
                sentence: index,
                text: text[tokens[0].start.min(sent_start)..tokens.last().map_or(sent_start, |t| t.end)].to_string(),
                date: date.clone(),
                date_precision: precision,
                date_text: date_text.clone(),
                date_span,
                historical,
                source,
                target,
                cameo: cameo.clone(),
                root: info.map(|_| cameo[..2].to_string()),
                quad_class: info.and_then(|i| i.quad_class),
                goldstein: info.and_then(|i| i.goldstein),
                plover: info.and_then(|i| i.plover.clone()),
                mode,
                reported: attribution.is_some(),
                speaker,
                trigger: Trigger { text: text[trig.start..trig.end].to_string(), span: span(trig.start, trig.end) },
                location: location.clone(),
                rule: rule_id.clone(),
                rule_pattern: Some(m.rule.pattern.clone()),
                schema_version: SCHEMA_VERSION,
                issues: issues.clone(),
            });
        }
        if tabari {
            events = Coder::expand_code_lists(events);
        }
        events
    }

    /// TABARI's code lists: an actor coded `FRO/BIL/SAM` stands for three
    /// actors, each in its own event. Events repeated by a compound and a
    /// paired code are kept once.
    fn expand_code_lists(events: Vec<Event>) -> Vec<Event> {
        let mut out: Vec<Event> = Vec::new();
        let split = |a: &Actor| -> Vec<Actor> {
            if !a.code.contains('/') {
                return vec![a.clone()];
            }
            a.code
                .split('/')
                .filter(|c| !c.is_empty())
                .map(|c| Actor::from_code(c, a.name.clone(), a.text.clone(), a.span))
                .collect()
        };
        for ev in events {
            for source in split(&ev.source) {
                let targets: Vec<Option<Actor>> = match &ev.target {
                    Some(t) => split(t).into_iter().map(Some).collect(),
                    None => vec![None],
                };
                for target in targets {
                    let key =
                        |e: &Event| (e.source.code.clone(), e.target.as_ref().map(|t| t.code.clone()), e.cameo.clone());
                    let e = Event { source: source.clone(), target, ..ev.clone() };
                    if !out.iter().any(|o| key(o) == key(&e)) {
                        out.push(e);
                    }
                }
            }
        }
        out
    }

    /// Symmetric events: by trigger lemma ("meet") or by code prefix
    /// ("046"), both listed in `symmetric.txt`.
    fn is_symmetric(&self, rule: &dyad_dict::Rule) -> bool {
        self.dict.symmetric.contains(&rule.lemma)
            || self
                .dict
                .symmetric
                .iter()
                .any(|s| s.bytes().all(|b| b.is_ascii_digit()) && rule.code.starts_with(s.as_str()))
    }

    /// The event's location: the place that governs its trigger in the
    /// sentence, else the document's main place.
    fn place_of(
        &self,
        placing: &Placing<'_>,
        tokens: &[Token],
        trigger: usize,
        target: Option<&Mention>,
        text: &str,
        span: &dyn Fn(usize, usize) -> Span,
    ) -> Option<Location> {
        if let Some(t) = places::governing(self.gazetteer, placing.toponyms, tokens, trigger, target) {
            let (s, e) = (tokens[t.start].start, tokens[t.end - 1].end);
            return Some(places::location(
                self.gazetteer,
                t.place,
                t.confidence,
                Some(text[s..e].to_string()),
                Some(span(s, e)),
                false,
                t.actor,
            ));
        }
        placing
            .main
            .map(|(place, confidence)| places::location(self.gazetteer, place, confidence, None, None, true, false))
    }
}

/// What [`Coder::analyse`] found in a document.
struct Analysis {
    sentences: Vec<(dyad_text::Sentence, Vec<Mention>)>,
    toponyms: Vec<Vec<places::Toponym>>,
    main_place: Option<(dyad_geo::PlaceId, f32)>,
}

/// The places of one sentence and the document's main place.
struct Placing<'a> {
    toponyms: &'a [places::Toponym],
    main: Option<(dyad_geo::PlaceId, f32)>,
}

/// The document's main place: the place named most often (cities and
/// regions before countries on ties), if any place is named at all.
fn document_place(
    toponyms: &[Vec<places::Toponym>],
    gazetteer: &dyad_geo::Gazetteer<'static>,
) -> Option<(dyad_geo::PlaceId, f32)> {
    let mut counts: std::collections::HashMap<dyad_geo::PlaceId, (usize, f32)> = std::collections::HashMap::new();
    for t in toponyms.iter().flatten().filter(|t| !t.actor) {
        let e = counts.entry(t.place).or_insert((0, 0.0));
        e.0 += 1;
        e.1 = e.1.max(t.confidence);
    }
    counts
        .into_iter()
        .max_by_key(|(id, (n, _))| {
            (*n, gazetteer.place(*id).kind != dyad_geo::PlaceKind::Country, std::cmp::Reverse(id.0))
        })
        .map(|(id, (_, c))| (id, c))
}

/// True when the event date lies more than a year before publication.
fn is_historical(date: Option<&str>, precision: DatePrecision, publication: Option<dyad_dates::Date>) -> bool {
    let (Some(date), Some(publication)) = (date, publication) else { return false };
    if precision == DatePrecision::Document || precision == DatePrecision::Unknown {
        return false;
    }
    // The end of the period the date names: 2014 → 2014-12-31.
    let end = match date.len() {
        4 => format!("{date}-12-31"),
        7 => format!("{date}-28"),
        _ => date.to_string(),
    };
    let Ok(end) = end.parse::<dyad_dates::Date>() else { return false };
    publication.to_days() - end.to_days() > 365
}

/// Domestic coercion and protest happen inside one country: "Georgian
/// police detained an opposition leader" codes the opposition as Georgian,
/// "Myanmar's junta threatened protesters" the protesters as Burmese. A
/// bare domestic role (police, opposition, civilians, a former president,
/// ...) takes the country of the actor facing it when that actor is a
/// state body or another domestic role. A place named in the sentence has
/// already given its country, which takes precedence (see
/// `mentions::fill_domestic_country`).
fn share_domestic_country(a: &mut Actor, b: &mut Actor) {
    const DOMESTIC: &[&str] = &[
        "COP", "JUD", "OPP", "CVL", "LEG", "EDU", "MED", "LAB", "REB", "INS", "CRM", "HRI", "REL", "BUS", "UAF", "SPY",
        "REF", "AGR", "HLH", "ELI", "GOV", "ENV",
    ];
    const STATE: &[&str] = &["GOV", "MIL", "COP", "JUD", "LEG", "SPY"];
    let role_in = |x: &Actor, set: &[&str]| x.role.as_deref().is_some_and(|r| set.contains(&r));
    let bare = |x: &Actor| {
        x.country.is_none() && x.role.as_deref().is_some_and(|r| x.code.starts_with(r)) && role_in(x, DOMESTIC)
    };
    let gives = |x: &Actor| x.country.is_some() && (role_in(x, DOMESTIC) || role_in(x, STATE));
    let fill = |from: &Actor, to: &mut Actor| {
        let country = from.country.clone().unwrap_or_default();
        *to = Actor::from_code(&format!("{country}{}", to.code), to.name.clone(), to.text.clone(), to.span);
    };
    if bare(b) && gives(a) {
        fill(&a.clone(), b);
    } else if bare(a) && gives(b) {
        fill(&b.clone(), a);
    }
}

/// The date of an event: the resolved date expression nearest its trigger,
/// else the publication date, else unknown.
fn pick_date(
    sentence_text: &str,
    dates: &[dyad_dates::DateExpr],
    trigger_offset: usize,
    publication: Option<dyad_dates::Date>,
    sent_start: usize,
    span: &dyn Fn(usize, usize) -> Span,
) -> (Option<String>, DatePrecision, Option<String>, Option<Span>) {
    // The expression in the trigger's own stretch between commas governs
    // it ("Ruto, who arrived on Monday, met Biden on Thursday" → Thursday);
    // then the nearest.
    let commas_between =
        |a: usize, b: usize| sentence_text.get(a.min(b)..a.max(b)).map_or(0, |t| t.matches(',').count());
    let nearest = dates.iter().filter(|d| d.value.precision().is_some()).min_by_key(|d| {
        let distance = if d.start >= trigger_offset { d.start - trigger_offset } else { trigger_offset - d.end };
        (commas_between(d.start, trigger_offset), distance)
    });
    if let Some(d) = nearest {
        let (value, p) = d.value.to_string_precision();
        let precision = match p {
            "day" => DatePrecision::Day,
            "month" => DatePrecision::Month,
            _ => DatePrecision::Year,
        };
        return (Some(value), precision, Some(d.text.clone()), Some(span(sent_start + d.start, sent_start + d.end)));
    }
    match publication {
        Some(p) => (Some(p.to_string()), DatePrecision::Document, None, None),
        None => (None, DatePrecision::Unknown, None, None),
    }
}

/// Why a sentence that looks political gave no event.
fn explain_nothing(mentions: &[Actor], unmatched: &[(usize, &dyad_dict::Rule)], tokens: &[Token]) -> Option<String> {
    // A verb of saying ("said") is in most sentences; name it only when no
    // other trigger was seen.
    let first =
        unmatched.iter().find(|(_, r)| !matches!(r.lemma.as_str(), "say" | "tell" | "add")).or(unmatched.first());
    if let Some((t, rule)) = first {
        let who = if mentions.is_empty() { "no actor was recognised" } else { "no pattern fitted its actors" };
        return Some(format!("trigger \"{}\" (e.g. {} `{}`) but {who}", tokens[*t].norm, rule.id, rule.pattern));
    }
    if !mentions.is_empty() {
        let codes: Vec<&str> = mentions.iter().map(|m| m.code.as_str()).collect();
        return Some(format!("actors {} but no event pattern matched", codes.join(", ")));
    }
    None
}

#[allow(dead_code)]
fn _assert_send_sync() {
    fn check<T: Send + Sync>() {}
    check::<Coder>();
    let _ = Mode::Asserted;
}
