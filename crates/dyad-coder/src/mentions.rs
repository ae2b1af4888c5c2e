//! Actor mentions: dictionary matches composed into noun phrases
//! ("Iranian President Ebrahim Raisi" → IRNGOV), coordination ("Putin and
//! Raisi"), and references resolved against earlier sentences ("he", "the
//! two", "the minister").

use dyad_dict::{ActorKind, Dictionaries};
use dyad_text::{Tag, Token};

/// One actor mention in a sentence, over tokens `[start, end)`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    /// Full CAMEO code; for a person, the code of the latest entry until an
    /// event date picks another (see [`Mention::person`]).
    pub code: String,
    /// Canonical name of a known person or organisation, or a name read
    /// from the text next to a role word.
    pub name: Option<String>,
    /// A dictionary person, whose code depends on the date.
    pub person: Option<usize>,
    /// In a place phrase ("in Donetsk"): a location rather than a
    /// participant.
    pub locative: bool,
    /// Refers to several actors ("troops", "Russians", "they").
    pub plural: bool,
    /// A human individual (a person or a singular role word).
    pub individual: bool,
    /// A place inside a country, not the state or its people.
    pub place: bool,
    /// A lone adjective or demonym ("Russian" in "Russian missiles").
    pub adjective: bool,
    /// Index of the coordination group this mention belongs to.
    pub group: usize,
    /// The dictionary entry that gave the head of the mention.
    pub source: String,
    /// A pronoun or definite description resolved to an earlier actor.
    pub resolved_from: Option<String>,
    /// A role word in front of a known person ("President Biden"): the
    /// text says the person holds that role now, which overrides a dated
    /// entry that has them out of office.
    pub title_role: Option<String>,
    /// A role word with no actor of its own ("the police", "a senior
    /// official").
    pub lone_agent: bool,
}

/// Prepositions after which a place names where something happened rather
/// than who took part.
const LOCATIVE: &[&str] =
    &["in", "at", "near", "outside", "inside", "across", "around", "throughout", "from", "within", "over", "off"];

/// Words that may sit between a country word and a role word, or before a
/// role word, without breaking the phrase ("Russian Deputy Foreign
/// Minister", "Iran's top diplomat").
const TITLE_MODIFIERS: &[&str] = &[
    "deputy",
    "vice",
    "acting",
    "chief",
    "senior",
    "top",
    "former",
    "interim",
    "new",
    "then",
    "incoming",
    "outgoing",
    "de",
    "facto",
    "self-proclaimed",
    "caretaker",
    "first",
    "assistant",
    "regional",
    "local",
    "federal",
    "national",
    "state",
    "state-run",
    "pro-government",
    "anti-government",
    "armed",
    "elite",
    "unidentified",
    "suspected",
    "alleged",
    "masked",
];

/// Words that short all-capital names spell ("WHO", "IS"), which in text
/// written wholly in capitals are the words.
const CAPS_WORDS: &[&str] = &[
    "us", "who", "it", "is", "in", "at", "as", "an", "or", "so", "on", "no", "am", "if", "by", "to", "do", "go", "he",
    "we", "me", "my", "be", "of", "up", "aid", "all", "can", "era", "art",
];

/// True when the sentence has letters and none of them is lower case.
fn uppercase_text(tokens: &[Token]) -> bool {
    let mut letters = tokens.iter().flat_map(|t| t.norm.chars()).filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(|c| !c.is_lowercase())
}

/// Priority among entries of the same phrase: the most specific reading
/// wins ("Georgia" the state over a place of that name).
fn kind_rank(kind: ActorKind) -> u8 {
    match kind {
        ActorKind::Person => 0,
        ActorKind::Organisation => 1,
        ActorKind::Seat => 2,
        ActorKind::Country => 3,
        ActorKind::Adjective => 4,
        ActorKind::Place => 5,
        ActorKind::Agent => 6,
    }
}

/// A raw dictionary match before composition.
#[derive(Debug, Clone)]
struct Raw {
    start: usize,
    end: usize,
    kind: ActorKind,
    code: String,
    person: Option<usize>,
    source: String,
    lower_case: bool,
}

/// True for a word whose parts are joined by `_`, the field's dictionary
/// convention for one name of several words ("Dol_Amroth"), which some
/// texts (the PETRARCH and TABARI test records) also use.
fn underscore_joined(tok: &Token) -> bool {
    let parts: Vec<&str> = tok.norm.split('_').collect();
    parts.len() > 1 && parts.iter().all(|p| p.chars().any(char::is_alphabetic))
}

/// Finds the raw dictionary matches in a sentence, longest first and
/// non-overlapping. A word written with `_` ("Dol_Amroth") is read as its
/// parts, so the dictionary's "PRINCE OF DOL AMROTH" names "the Prince of
/// Dol_Amroth"; a match must cover whole words of the text.
fn raw_matches(dict: &Dictionaries, tokens: &[Token]) -> Vec<Raw> {
    if !tokens.iter().any(underscore_joined) {
        return raw_matches_of(dict, tokens);
    }
    let mut parts: Vec<Token> = Vec::new();
    let mut owner: Vec<usize> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if underscore_joined(t) {
            for w in t.norm.split('_') {
                parts.push(Token { norm: w.to_string(), lower: w.to_lowercase(), ..t.clone() });
                owner.push(i);
            }
        } else {
            parts.push(t.clone());
            owner.push(i);
        }
    }
    raw_matches_of(dict, &parts)
        .into_iter()
        .filter_map(|r| {
            let (first, last) = (owner[r.start], owner[r.end - 1]);
            let whole = (r.start == 0 || owner[r.start - 1] != first) && owner.get(r.end).is_none_or(|&o| o != last);
            whole.then(|| Raw { start: first, end: last + 1, ..r })
        })
        .collect()
}

fn raw_matches_of(dict: &Dictionaries, tokens: &[Token]) -> Vec<Raw> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let all = dict.actors.phrases.matches_at(tokens, i);
        let Some(&(longest, _)) = all.first() else {
            i += 1;
            continue;
        };
        // When a later phrase overlapping this one reaches further
        // ("President Xi" vs "Xi Jinping" in "President Xi Jinping"), keep
        // only the part before it here, so the longer name wins.
        let limit = (i + 1..i + longest)
            .find(|&j| dict.actors.phrases.matches_at(tokens, j).first().is_some_and(|&(m, _)| j + m > i + longest))
            .map_or(longest, |j| j - i);
        let fitting: Vec<_> = all.iter().filter(|(n, _)| *n <= limit).collect();
        let Some(&&(n, _)) = fitting.first() else {
            i += 1;
            continue;
        };
        let best = fitting.iter().filter(|(m, _)| *m == n).map(|(_, e)| *e).min_by_key(|e| kind_rank(e.kind));
        if let Some(e) = best {
            out.push(Raw {
                start: i,
                end: i + n,
                kind: e.kind,
                code: e.code.clone(),
                person: e.person,
                source: e.source.clone(),
                lower_case: e.lower_case,
            });
            i += n;
            continue;
        }
        i += 1;
    }
    out
}

fn is_capitalised(tok: &Token) -> bool {
    tok.norm.chars().next().is_some_and(|c| c.is_uppercase())
}

/// A run of capitalised words that is a name: proper-noun tags, or
/// capitalised words in the middle of a sentence.
fn name_run(tokens: &[Token], from: usize, taken: &[bool]) -> usize {
    let mut j = from;
    while j < tokens.len()
        && !taken[j]
        && is_capitalised(&tokens[j])
        && (tokens[j].tag.is_proper() || tokens[j].tag == Tag::FW)
        && tokens[j].norm.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.' || c == '\'')
    {
        j += 1;
    }
    j - from
}

/// Role words that refer to several actors.
fn plural_word(tok: &Token) -> bool {
    matches!(tok.tag, Tag::NNS | Tag::NNPS)
        || matches!(
            tok.lower.as_str(),
            "police" | "military" | "government" | "army" | "forces" | "people" | "authorities"
        )
}

/// Recognises the actor mentions of one sentence.
pub(crate) fn recognise(dict: &Dictionaries, tokens: &[Token], lowercase_doc: bool) -> Vec<Mention> {
    let raws: Vec<Raw> = raw_matches(dict, tokens)
        .into_iter()
        // A name written in lower case amid normal capitals is a common
        // word ("turkey", "china", "chad"); wholly lower-case documents
        // (some wires, police records) still code.
        .filter(|r| {
            lowercase_doc
                || r.lower_case
                || tokens[r.start..r.end].iter().any(|t| t.norm.chars().any(char::is_uppercase))
        })
        // In text written wholly in capitals ("IT IS", "WHO SAID"), a short
        // name that is also a common word is the word.
        .filter(|r| {
            !(uppercase_text(tokens) && r.end - r.start == 1 && CAPS_WORDS.contains(&tokens[r.start].lower.as_str()))
        })
        .collect();
    let mut taken = vec![false; tokens.len()];
    for r in &raws {
        for t in taken.iter_mut().take(r.end).skip(r.start) {
            *t = true;
        }
    }
    // Under the TABARI reading an agent attaches to the actor right before
    // it ("Dagolath's first Deputy Prime Minister Telemar" is Dagolath).
    let modifier = |t: &Token| dict.tabari.is_none() && TITLE_MODIFIERS.contains(&t.lower.as_str());
    let mut mentions: Vec<Mention> = Vec::new();
    let mut k = 0;
    while k < raws.len() {
        // Compose: [country-ish ('s)?] [modifiers] [agent]+ [of country] [name]
        let first = &raws[k];
        let mut start = first.start;
        let mut end = first.end;
        let mut country: Option<String> = None;
        let mut role: Option<String> = None;
        let mut person: Option<usize> = None;
        let mut org: Option<String> = None;
        let mut place = false;
        let mut source = first.source.clone();
        let mut has_agent = first.kind == ActorKind::Agent;
        let mut plural = false;
        let mut individual = false;
        let mut j = k;
        let absorb = |r: &Raw,
                      country: &mut Option<String>,
                      role: &mut Option<String>,
                      person: &mut Option<usize>,
                      org: &mut Option<String>,
                      place: &mut bool| {
            match r.kind {
                ActorKind::Country | ActorKind::Adjective => {
                    country.get_or_insert_with(|| r.code.clone());
                }
                ActorKind::Place => {
                    if country.is_none() {
                        *place = true;
                    }
                    country.get_or_insert_with(|| r.code.clone());
                }
                ActorKind::Seat => {
                    country.get_or_insert_with(|| r.code.clone());
                    role.get_or_insert_with(|| "GOV".to_string());
                }
                ActorKind::Agent => *role = Some(r.code.clone()),
                ActorKind::Person => *person = r.person,
                ActorKind::Organisation => *org = Some(r.code.clone()),
            }
        };
        absorb(first, &mut country, &mut role, &mut person, &mut org, &mut place);
        if first.kind == ActorKind::Agent {
            plural = plural_word(&tokens[first.end - 1]);
            individual = !plural;
        }
        if first.kind == ActorKind::Adjective && tokens[first.end - 1].tag == Tag::NNPS
            || tokens[first.end - 1].lower.ends_with("ians")
            || tokens[first.end - 1].lower.ends_with("ans") && first.kind == ActorKind::Adjective
        {
            plural = true;
        }
        // Extend to the right while the next raw match continues the phrase.
        while j + 1 < raws.len() {
            let next = &raws[j + 1];
            let gap = &tokens[end..next.start];
            let cur_kind = raws[j].kind;
            let joins = match (cur_kind, next.kind) {
                // "Russian troops", "Iran's foreign minister", "Russian Deputy Foreign Minister"
                (ActorKind::Country | ActorKind::Adjective | ActorKind::Seat | ActorKind::Place, ActorKind::Agent) => {
                    gap.iter().all(|t| t.lower == "'s" || t.lower == "'" || modifier(t))
                }
                // "government troops", "riot police"
                (ActorKind::Agent, ActorKind::Agent) => gap.iter().all(modifier),
                // "the president of Iran", "the foreign minister of Russia"
                // "soldiers from Gondor": where they come from (PETRARCH-1's
                // reading of a subject phrase).
                (ActorKind::Agent, ActorKind::Country | ActorKind::Seat) if !gap.is_empty() => {
                    gap.len() == 1 && gap[0].lower == "of"
                        || gap.len() == 2 && gap[0].lower == "of" && gap[1].lower == "the"
                        || gap.len() == 1
                            && matches!(gap[0].lower.as_str(), "from" | "in")
                            && dict.petrarch1
                            && subject_phrase(tokens, start)
                }
                // "President Putin", "Russian President Vladimir Putin"
                (ActorKind::Agent, ActorKind::Person) => gap.is_empty(),
                // "Bree Prime Minister Romendacil", where the person is
                // listed with a bare state code (PETRARCH's actor files):
                // under PETRARCH-1's reading the title composes with the
                // state ("BREGOV").
                (ActorKind::Agent, ActorKind::Country) => {
                    dict.petrarch1 && next.end - next.start == 1 && tokens[next.start].tag.is_proper()
                }
                // "NATO Secretary-General Jens Stoltenberg": title words between.
                (ActorKind::Organisation | ActorKind::Country | ActorKind::Adjective, ActorKind::Person) => {
                    gap.len() <= 3
                        && gap
                            .iter()
                            .all(|t| is_capitalised(t) && t.norm.chars().all(|c| c.is_alphabetic() || c == '-'))
                }

                // "UN Secretary-General Antonio Guterres", "Hamas leader Yahya Sinwar"
                (ActorKind::Organisation, ActorKind::Agent) => gap.iter().all(|t| t.lower == "'s" || modifier(t)),
                (ActorKind::Agent, ActorKind::Organisation) => gap.len() == 1 && gap[0].lower == "of",
                _ => false,
            };
            if !joins {
                break;
            }
            absorb(next, &mut country, &mut role, &mut person, &mut org, &mut place);
            if next.kind == ActorKind::Agent {
                has_agent = true;
                plural = plural_word(&tokens[next.end - 1]);
                individual = !plural;
            }
            if matches!(next.kind, ActorKind::Agent | ActorKind::Person) {
                source = next.source.clone();
            }
            end = next.end;
            j += 1;
        }
        // "President Ebrahim Raisi": a role word followed by an unknown name.
        // A place name inside the name ("President Santiago Pena") is part
        // of the name when more capitalised words follow it.
        let mut name: Option<String> = None;
        if raws[j].kind == ActorKind::Agent && person.is_none() {
            let mut free = taken.clone();
            let mut q = j + 1;
            while q < raws.len()
                && raws[q].start == end.max(raws[q].start)
                && matches!(raws[q].kind, ActorKind::Place | ActorKind::Seat)
            {
                let after = raws[q].end;
                let more = after < tokens.len()
                    && !taken[after]
                    && is_capitalised(&tokens[after])
                    && tokens[after].tag.is_proper();
                if raws[q].start != end || !more {
                    break;
                }
                for f in free.iter_mut().take(after).skip(raws[q].start) {
                    *f = false;
                }
                q += 1;
            }
            let n = name_run(tokens, end, &free);
            if q > j + 1 && n > 0 && raws[q - 1].end <= end + n {
                // The place words were a name: skip those raw matches.
                j = q - 1;
            }
            if n > 0 && n <= 4 {
                name = Some(tokens[end..end + n].iter().map(|t| t.norm.as_str()).collect::<Vec<_>>().join(" "));
                end += n;
                individual = true;
                plural = false;
            }
        }
        // A definite article directly before belongs to the phrase.
        if start > 0 && matches!(tokens[start - 1].lower.as_str(), "the") {
            start -= 1;
        }
        let person_entry = person.map(|p| &dict.actors.people[p]);
        let code = if let Some(p) = person_entry {
            p.most_recent().to_string()
        } else if let Some(o) = &org {
            // "Hamas leader" keeps the group's code.
            o.clone()
        } else {
            let mut c = country.clone().unwrap_or_default();
            if let Some(r) = &role {
                c.push_str(r);
            }
            c
        };
        if person_entry.is_some() {
            individual = true;
            plural = false;
            name = person_entry.map(|p| p.name.clone());
        } else if org.is_some() && name.is_none() {
            name =
                Some(tokens[raws[k].start..raws[k].end].iter().map(|t| t.norm.as_str()).collect::<Vec<_>>().join(" "));
        }
        if !code.is_empty() {
            // "in Minsk", "in northern Nigeria", "in the south of Lebanon"
            let mut p = start;
            while p > 0 && matches!(tokens[p - 1].tag, Tag::JJ | Tag::DT) && p + 3 > start {
                p -= 1;
            }
            let locative = p > 0
                && LOCATIVE.contains(&tokens[p - 1].lower.as_str())
                && !has_agent
                && person.is_none()
                && org.is_none();
            mentions.push(Mention {
                start,
                end,
                code,
                name,
                person,
                locative,
                plural,
                individual,
                place: place && role.is_none(),
                adjective: j == k && raws[k].kind == ActorKind::Adjective,
                group: mentions.len(),
                source,
                resolved_from: None,
                title_role: if person.is_some() && has_agent { role.clone() } else { None },
                lone_agent: has_agent && country.is_none() && person.is_none() && org.is_none(),
            });
        }
        k = j + 1;
    }
    distribute_roles(tokens, &mut mentions);
    group_coordination(tokens, &mut mentions, dict.petrarch1);
    if dict.petrarch1 {
        share_composed_role(&mut mentions);
    }
    mentions
}

/// PETRARCH-1's reading of "Lawmakers in Fornost and Gondor": bare states
/// coordinated after a state + role phrase share its role (`FORLEG`,
/// `GONLEG`).
fn share_composed_role(mentions: &mut [Mention]) {
    for i in 1..mentions.len() {
        let (prev, this) = (&mentions[i - 1], &mentions[i]);
        if prev.group != this.group || this.person.is_some() || this.code.len() != 3 || this.adjective {
            continue;
        }
        let role = match dyad_types::split_code(&prev.code) {
            (Some(c), Some(r)) if prev.code.len() == 6 && prev.code.starts_with(c) && prev.person.is_none() => {
                r.to_string()
            }
            _ => continue,
        };
        if dyad_types::split_code(&this.code) != (Some(this.code.as_str()), None) {
            continue;
        }
        mentions[i].code = format!("{}{}", mentions[i].code, role);
    }
}

/// True when the phrase starting at `start` is not owned by a possessive
/// nor the object of a verb or preposition: "Soldiers from Gondor
/// cordoned off", not "recalled its ambassador from Belarus".
fn subject_phrase(tokens: &[Token], start: usize) -> bool {
    let before = tokens[..start].iter().rev().find(|t| !matches!(t.tag, Tag::DT | Tag::JJ | Tag::CD));
    before.is_none_or(|t| !(t.tag.is_verb() || matches!(t.tag, Tag::PRPS | Tag::IN | Tag::TO)))
}

/// "Indian and Chinese troops", "Iranian and American negotiators": a
/// lone adjective coordinated with an adjective + role phrase shares the
/// role.
fn distribute_roles(tokens: &[Token], mentions: &mut [Mention]) {
    // "the foreign ministers of Latvia, Lithuania and Estonia": the role
    // before "of" applies to every state in the list.
    for i in 0..mentions.len() {
        let composed_of = tokens[mentions[i].start..mentions[i].end].iter().any(|t| t.lower == "of");
        let (Some(country), Some(_)) = dyad_types::split_code(&mentions[i].code) else { continue };
        if !composed_of || mentions[i].person.is_some() {
            continue;
        }
        let role_part = mentions[i].code[country.len()..].to_string();
        let mut j = i + 1;
        while j < mentions.len() {
            let gap = &tokens[mentions[j - 1].end..mentions[j].start];
            let listed =
                !gap.is_empty() && gap.len() <= 2 && gap.iter().all(|t| matches!(t.lower.as_str(), "," | "and"));
            if !listed || mentions[j].code.len() != 3 || mentions[j].adjective {
                break;
            }
            mentions[j].code = format!("{}{role_part}", mentions[j].code);
            j += 1;
        }
    }
    for i in (0..mentions.len().saturating_sub(1)).rev() {
        let (a, b) = (&mentions[i], &mentions[i + 1]);
        let joined = b.start == a.end + 1 && matches!(tokens[a.end].lower.as_str(), "and" | "," | "or");
        if !(a.adjective && joined) {
            continue;
        }
        let (country_b, role_b) = dyad_types::split_code(&b.code);
        if let (Some(cb), Some(_)) = (country_b, role_b) {
            let role_part = b.code[cb.len()..].to_string();
            let new = format!("{}{}", mentions[i].code, role_part);
            let plural = mentions[i + 1].plural;
            let m = &mut mentions[i];
            m.code = new;
            m.plural = plural;
            m.adjective = false;
        }
    }
}

/// "Putin and Raisi", "Russia, China and Iran": adjacent mentions joined
/// by `and` or commas share a group.
///
/// Under PETRARCH-1's reading (`petrarch1`) the conjunction may also be
/// "nor" and be followed by an article and adjectives: "Fornost and the
/// evil awful Gondor", "the awful Fornost, and good Gondor".
fn group_coordination(tokens: &[Token], mentions: &mut [Mention], petrarch1: bool) {
    for i in 1..mentions.len() {
        let (a, b) = (&mentions[i - 1], &mentions[i]);
        let gap = &tokens[a.end..b.start];
        let joined = match gap.len() {
            1 => matches!(gap[0].lower.as_str(), "and" | ","),
            2 => gap[0].lower == "," && gap[1].lower == "and" || gap[0].lower == "and" && gap[1].lower == "the",
            _ => false,
        };
        let joined = joined
            || petrarch1 && {
                let conj = match gap {
                    [c, a, ..] if c.lower == "," && a.lower == "and" => 2,
                    [c, ..] if matches!(c.lower.as_str(), "and" | "," | "nor") => 1,
                    _ => 0,
                };
                let modifiers = &gap[conj.min(gap.len())..];
                conj > 0
                    && modifiers.len() <= 3
                    && modifiers.iter().enumerate().all(|(n, t)| {
                        n == 0 && matches!(t.lower.as_str(), "the" | "a" | "an")
                            || t.tag == Tag::JJ && t.lower.chars().all(char::is_alphabetic)
                    })
            };
        // (A comma-only run is undone below unless it ends in "and".)
        // "Russia attacked Ukraine and Belarus condemned it": an object
        // followed by "and" and a new subject starts another clause.
        let a_is_object = a.start > 0 && (tokens[a.start - 1].tag.is_verb() || tokens[a.start - 1].tag == Tag::IN);
        let b_starts_clause =
            tokens.get(b.end).is_some_and(|t| matches!(t.tag, Tag::VBD | Tag::VBZ | Tag::VBP | Tag::MD));
        if joined && a.locative == b.locative && !(a_is_object && b_starts_clause) {
            let g = mentions[i - 1].group;
            mentions[i].group = g;
        }
    }
    // Undo comma-only runs (appositions such as "Putin, Russia's
    // president"); the mention's own index is a group id no other uses.
    let mut i = 0;
    while i < mentions.len() {
        let g = mentions[i].group;
        let mut j = i;
        while j + 1 < mentions.len() && mentions[j + 1].group == g {
            j += 1;
        }
        if j > i {
            let last_gap = &tokens[mentions[j - 1].end..mentions[j].start];
            let has_and = last_gap.iter().any(|t| t.lower == "and");
            // "Japan, Philippines sign pact": a headline's comma list of
            // bare states is a coordination, not an apposition.
            let bare_states = mentions[i..=j]
                .iter()
                .all(|m| m.code.len() == 3 && m.person.is_none() && !m.adjective && !is_role_only(&m.code));
            if !has_and && !bare_states {
                for (n, m) in mentions.iter_mut().enumerate().take(j + 1).skip(i) {
                    m.group = n;
                }
            }
        }
        i = j + 1;
    }
}

/// An actor seen earlier in the document, for resolving references.
#[derive(Debug, Clone)]
pub(crate) struct Antecedent {
    pub code: String,
    pub name: Option<String>,
    pub person: Option<usize>,
    pub individual: bool,
    pub plural: bool,
}

/// Words that refer back to actors already mentioned.
pub(crate) fn resolve_references(tokens: &[Token], mentions: &mut Vec<Mention>, history: &[Antecedent]) {
    let taken: Vec<bool> = {
        let mut t = vec![false; tokens.len()];
        for m in mentions.iter() {
            for x in t.iter_mut().take(m.end).skip(m.start) {
                *x = true;
            }
        }
        t
    };
    let mut added: Vec<Mention> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if taken[i] {
            i += 1;
            continue;
        }
        let w = tokens[i].lower.as_str();
        let next = tokens.get(i + 1).map(|t| t.lower.as_str()).unwrap_or("");
        if !REFERRING_WORDS.contains(&w) {
            i += 1;
            continue;
        }
        // Earlier mentions in this same sentence count as antecedents too.
        let local: Vec<Antecedent> = mentions
            .iter()
            .chain(added.iter())
            .filter(|m| m.end <= i)
            .map(|m| Antecedent {
                code: m.code.clone(),
                name: m.name.clone(),
                person: m.person,
                individual: m.individual,
                plural: m.plural,
            })
            .collect();
        let pool: Vec<&Antecedent> = history.iter().chain(local.iter()).collect();
        let push = |start: usize, end: usize, ant: &Antecedent, group: Option<usize>, added: &mut Vec<Mention>| {
            // Group ids of references lie above those of the sentence's own
            // mentions (which use their indices), so they never merge.
            let grp = group.unwrap_or(mentions.len() + added.len() + 1000);
            added.push(Mention {
                start,
                end,
                code: ant.code.clone(),
                name: ant.name.clone(),
                person: ant.person,
                locative: false,
                plural: ant.plural,
                individual: ant.individual,
                place: false,
                adjective: false,
                group: grp,
                source: "coreference".to_string(),
                resolved_from: Some(tokens[start..end].iter().map(|t| t.norm.as_str()).collect::<Vec<_>>().join(" ")),
                title_role: None,
                lone_agent: false,
            });
        };
        match (w, next) {
            ("he" | "she", _) if tokens[i].tag == Tag::PRP => {
                if let Some(a) = pool.iter().rev().find(|a| a.individual) {
                    push(i, i + 1, a, None, &mut added);
                }
            }
            // An object pronoun does not refer to its own clause's subject
            // ("Bin Salman praised him"): look in earlier sentences first.
            ("him" | "her", _) if tokens[i].tag == Tag::PRP => {
                let earlier = history.iter().rev().find(|a| a.individual);
                if let Some(a) = earlier.or_else(|| pool.iter().rev().find(|a| a.individual).copied()) {
                    push(i, i + 1, a, None, &mut added);
                }
            }
            ("they" | "them", _) => {
                if let Some(a) = pool.iter().rev().find(|a| a.plural || !a.individual) {
                    push(i, i + 1, a, None, &mut added);
                }
            }
            ("it", _) if i > 0 => {
                // "it" is an actor only right after a verb of saying or as a
                // subject ("Russia said it would ..."); elsewhere it is too
                // often expletive.
                let prev = tokens[i - 1].lower.as_str();
                let subjectish = tokens.get(i + 1).is_some_and(|t| t.tag.is_verb() || t.tag == Tag::MD);
                if subjectish && (tokens[i - 1].tag.is_verb() || prev == "that" || prev == ",") {
                    if let Some(a) = pool.iter().rev().find(|a| !a.individual && !a.plural) {
                        push(i, i + 1, a, None, &mut added);
                    }
                }
            }
            ("the" | "both", "two" | "sides" | "leaders" | "countries" | "nations" | "presidents" | "ministers") => {
                // The two most recent distinct actors.
                let mut seen: Vec<&Antecedent> = Vec::new();
                for a in pool.iter().rev() {
                    if !seen.iter().any(|s| s.code == a.code && s.name == a.name) {
                        seen.push(a);
                    }
                    if seen.len() == 2 {
                        break;
                    }
                }
                if seen.len() == 2 {
                    let mut end = i + 2;
                    if tokens
                        .get(end)
                        .is_some_and(|t| matches!(t.lower.as_str(), "sides" | "leaders" | "countries" | "men"))
                    {
                        end += 1;
                    }
                    let g = mentions.len() + added.len() + 2000;
                    push(i, end, seen[1], Some(g), &mut added);
                    push(i, end, seen[0], Some(g), &mut added);
                    i = end;
                    continue;
                }
            }
            ("his" | "her" | "their", _) if is_adjective_counterpart(tokens, i, mentions) => {
                // "his Iranian counterpart": the country from the adjective,
                // the role of the person whose counterpart it is.
                let adj = mentions.iter().position(|m| m.start == i + 1).unwrap_or(0);
                if let Some(me) = pool.iter().rev().find(|a| a.individual) {
                    let role = dyad_types::split_code(&me.code).1.unwrap_or("GOV").to_string();
                    let country = mentions[adj].code.clone();
                    let ant = Antecedent {
                        code: format!("{country}{role}"),
                        name: None,
                        person: None,
                        individual: true,
                        plural: false,
                    };
                    let end = mentions[adj].end + 1;
                    // A name may follow: "his Chinese counterpart Wang Yi".
                    let named = mentions.iter().find(|m| m.start == end && m.person.is_some());
                    match named {
                        Some(n) => {
                            let a = n.antecedent();
                            push(i, n.end, &a, None, &mut added);
                            i = n.end;
                        }
                        None => {
                            push(i, end, &ant, None, &mut added);
                            i = end;
                        }
                    }
                    continue;
                }
            }
            ("his" | "her" | "their", "counterpart" | "counterparts") => {
                // The counterpart is the most recent actor of another country
                // than the nearest individual.
                let me = pool.iter().rev().find(|a| a.individual);
                if let Some(me) = me {
                    let my_country = &me.code[..me.code.len().min(3)];
                    if let Some(other) = pool.iter().rev().find(|a| a.code.len() >= 3 && &a.code[..3] != my_country) {
                        push(i, i + 2, other, None, &mut added);
                        i += 2;
                        continue;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    // Bare role words with "the" and no country ("the minister") take the
    // code of the latest actor with that role.
    for m in mentions.iter_mut() {
        if m.code.len() == 3
            && m.person.is_none()
            && m.start < tokens.len()
            && tokens[m.start].lower == "the"
            && is_role_only(&m.code)
        {
            if let Some(a) =
                history.iter().rev().find(|a| a.individual && a.code.len() > 3 && a.code.ends_with(&m.code))
            {
                m.resolved_from =
                    Some(tokens[m.start..m.end].iter().map(|t| t.norm.as_str()).collect::<Vec<_>>().join(" "));
                m.code = a.code.clone();
                m.name = a.name.clone();
                m.person = a.person;
            }
        }
    }
    // "its troops", "their police": the role belongs to the latest actor
    // with a country.
    for k in 0..mentions.len() {
        let m = &mentions[k];
        let possessive = m.start > 0 && matches!(tokens[m.start - 1].lower.as_str(), "its" | "their");
        if !possessive || m.person.is_some() || !is_role_only(&m.code) {
            continue;
        }
        // The owner is the latest state, organisation or group (not a
        // person, not a place phrase).
        let owner = mentions[..k]
            .iter()
            .rev()
            .filter(|x| !x.individual && !x.locative && !x.plural)
            .map(|x| x.code.clone())
            .chain(history.iter().rev().filter(|a| !a.individual && !a.plural).map(|a| a.code.clone()))
            .find(|c| !is_role_only(c));
        if let Some(owner) = owner {
            let m = &mut mentions[k];
            m.start -= 1;
            m.resolved_from =
                Some(tokens[m.start..m.end].iter().map(|t| t.norm.as_str()).collect::<Vec<_>>().join(" "));
            m.code = match dyad_types::split_code(&owner) {
                // A state's troops: RUS + MIL. A group's fighters are the group.
                (Some(country), None) => format!("{country}{}", m.code),
                (Some(country), Some(_)) if owner.len() == 6 => format!("{country}{}", m.code),
                _ => owner,
            };
        }
    }
    if !added.is_empty() {
        // A reference phrase ("the two leaders") replaces the role word
        // inside it.
        mentions.retain(|m| !added.iter().any(|a| m.start < a.end && a.start < m.end));
        mentions.extend(added);
        mentions.sort_by_key(|m| (m.start, m.end));
    }
}

/// "his Iranian counterpart": a possessive, an adjective actor, then
/// "counterpart".
fn is_adjective_counterpart(tokens: &[Token], i: usize, mentions: &[Mention]) -> bool {
    mentions.iter().any(|m| m.start == i + 1 && m.end == i + 2 && m.adjective)
        && tokens.get(i + 2).is_some_and(|t| t.lower == "counterpart" || t.lower == "counterparts")
}

/// Words that may start a reference to an earlier actor; only these are
/// examined, which keeps long sentences linear.
const REFERRING_WORDS: &[&str] = &["he", "she", "him", "her", "they", "them", "it", "the", "both", "his", "their"];

fn is_role_only(code: &str) -> bool {
    matches!(dyad_types::split_code(code), (None, Some(_)))
}

impl Mention {
    /// A pronoun read as an actor carried over from the sentence before
    /// (TABARI's forwarding).
    pub(crate) fn forwarded(at: usize, code: &str, pronoun: &str) -> Mention {
        Mention {
            start: at,
            end: at + 1,
            code: code.to_string(),
            name: None,
            person: None,
            locative: false,
            plural: false,
            individual: false,
            place: false,
            adjective: false,
            group: LOOSE_GROUP_BASE - 1,
            source: "forwarded".to_string(),
            resolved_from: Some(pronoun.to_string()),
            title_role: None,
            lone_agent: false,
        }
    }

    /// This mention as an antecedent for later sentences.
    pub(crate) fn antecedent(&self) -> Antecedent {
        Antecedent {
            code: self.code.clone(),
            name: self.name.clone(),
            person: self.person,
            individual: self.individual,
            plural: self.plural,
        }
    }
}

/// Roles that act where they live; armies and governments act abroad, so
/// they never take a country from a place.
const DOMESTIC_ROLES: &[&str] = &[
    "COP", "OPP", "CVL", "REB", "INS", "SEP", "JUD", "LEG", "EDU", "MED", "BUS", "LAB", "REF", "HLH", "AGR", "CRM",
    "UAF", "REL", "HRI", "ENV",
];

/// A role word with no country ("police", "protesters") takes the country
/// of the place the sentence names ("in Minsk"): domestic actors act where
/// they are. Without such a place the code stays the bare role.
pub(crate) fn fill_domestic_country(tokens: &[Token], mentions: &mut [Mention]) {
    // A place phrase ("in Minsk") first, else a city or region named in
    // the sentence ("shelled the city of Kharkiv, killing civilians").
    let Some(place_country) = mentions
        .iter()
        .find(|m| m.locative)
        .or_else(|| mentions.iter().find(|m| m.place))
        .and_then(|m| dyad_types::split_code(&m.code).0.map(str::to_string))
    else {
        return;
    };
    for m in mentions.iter_mut() {
        let possessed = m.start > 0 && matches!(tokens[m.start - 1].lower.as_str(), "its" | "their" | "his" | "her");
        let domestic = DOMESTIC_ROLES.iter().any(|r| m.code == *r);
        if domestic && !possessed && m.person.is_none() && !m.locative && m.resolved_from.is_none() {
            m.code = format!("{place_country}{}", m.code);
        }
    }
}

/// TABARI's reading of actor mentions (`Dictionaries::tabari`): a role
/// word with no actor is no actor, unless `SET: CONVERT AGENT = TRUE`,
/// which codes it as `~ROLE`; actors with only the `<ADJECTIVE>` list's
/// words, articles, commas and conjunctions between them form one
/// compound ("Fornost and the evil awful Gondor", "neither Galadriel nor
/// Gollum").
pub(crate) fn tabari_reading(
    dict: &Dictionaries,
    loose: &LooseActors,
    tokens: &[Token],
    mentions: &mut Vec<Mention>,
    options: &dyad_dict::formats::tabari::Options,
    date: Option<&str>,
) {
    loose.add_mentions(dict, tokens, mentions);
    // A dated actor's code on the record's date; an actor coded `---`
    // there is a noun ("Boromir [---]").
    for m in mentions.iter_mut() {
        if let Some(p) = m.person {
            m.code = dict.actors.people[p].code_on(None, date).to_string();
        }
    }
    mentions.retain(|m| m.code != "---");
    if options.convert_agent() {
        for m in mentions.iter_mut().filter(|m| m.lone_agent) {
            m.code = format!("~{}", m.code);
        }
    } else {
        mentions.retain(|m| !m.lone_agent);
    }
    for i in 1..mentions.len() {
        let gap = &tokens[mentions[i - 1].end..mentions[i].start];
        let joins =
            |t: &Token| matches!(t.lower.as_str(), "and" | "nor" | "or" | "&") || options.adjectives.contains(&t.lower);
        let fits = |t: &Token| joins(t) || matches!(t.lower.as_str(), "," | "the" | "a" | "an");
        if !gap.is_empty() && gap.iter().all(fits) && gap.iter().any(joins) {
            let (g, old) = (mentions[i - 1].group, mentions[i].group);
            for m in mentions.iter_mut().filter(|m| m.group == old) {
                m.group = g;
            }
        }
    }
}

/// TABARI's looser reading of actor phrases: a word written without `_`
/// is a stem ("ERIADOR" also names "Eriadori", "LIBYA" "Libyas"), and the
/// words of a phrase written with spaces may have others between them
/// ("PRINCE DOL_AMROTH" names "the Prince of Dol_Amroth", "ITHILEN
/// TELEVISION" "Ithilen state-run television"). Built once per coder from
/// the actor phrases.
#[derive(Debug, Default)]
pub(crate) struct LooseActors {
    /// Phrases by their first word: the words, and the entry.
    by_first: std::collections::HashMap<String, Vec<(Vec<String>, dyad_dict::ActorEntry)>>,
    /// Per phrase (words joined by spaces), which words `_` ties to the
    /// word before; a phrase not listed has all its words tied.
    joins: std::collections::HashMap<String, Vec<bool>>,
}

/// The most words that may stand between two words of a loose phrase.
const LOOSE_GAP: usize = 3;

/// Group ids of mentions the loose reading adds start here, above those
/// of the sentence's own mentions and of references.
const LOOSE_GROUP_BASE: usize = 10_000;

/// The shortest stem that matches longer words.
const MIN_STEM: usize = 3;

impl LooseActors {
    pub(crate) fn new(dict: &Dictionaries) -> LooseActors {
        let mut by_first: std::collections::HashMap<String, Vec<(Vec<String>, dyad_dict::ActorEntry)>> =
            std::collections::HashMap::new();
        for p in dict.actors.phrases.iter().filter(|p| !p.tokens.is_empty()) {
            by_first.entry(p.tokens[0].clone()).or_default().push((p.tokens.clone(), p.value.clone()));
        }
        let joins = dict.tabari.iter().flat_map(|o| o.phrase_joins.iter().cloned()).collect();
        LooseActors { by_first, joins }
    }

    /// Adds the mentions the loose reading finds and the strict one
    /// missed; a loose phrase replaces the shorter mentions inside it.
    fn add_mentions(&self, dict: &Dictionaries, tokens: &[Token], mentions: &mut Vec<Mention>) {
        // The words of the sentence: "Dol_Amroth" and "Al-Gore" are two
        // words of one token.
        let words: Vec<(usize, &str)> = tokens
            .iter()
            .enumerate()
            .flat_map(|(i, t)| t.lower.split(['_', '-']).filter(|w| !w.is_empty()).map(move |w| (i, w)))
            .collect();
        let covered = |mentions: &[Mention], i: usize| mentions.iter().any(|m| m.start <= i && i < m.end);
        let mut found: Vec<(usize, usize, &dyad_dict::ActorEntry)> = Vec::new();
        for (w0, &(i0, word)) in words.iter().enumerate() {
            let capital = tokens[i0].norm.chars().next().is_some_and(char::is_uppercase);
            // Whole-word entries first, then the longest stem of the word.
            let stems = std::iter::once(word).chain(
                word.char_indices()
                    .map(|(k, _)| &word[..k])
                    .filter(|s| s.len() >= MIN_STEM)
                    .rev()
                    .filter(move |_| capital),
            );
            'stems: for stem in stems {
                let Some(entries) = self.by_first.get(stem) else { continue };
                for (phrase, entry) in entries {
                    if phrase.len() == 1 {
                        if stem != word && !covered(mentions, i0) {
                            found.push((i0, i0 + 1, entry));
                            break 'stems;
                        }
                        continue;
                    }
                    // The other words in order: a word tied by `_` right
                    // after the one before, others within LOOSE_GAP words
                    // of the same clause.
                    let joins = self.joins.get(&phrase.join(" "));
                    let mut at = w0;
                    let mut ok = true;
                    for (k, next) in phrase.iter().enumerate().skip(1) {
                        let tied = joins.is_none_or(|j| j.get(k).copied().unwrap_or(true));
                        let reach = if tied { at + 2 } else { at + 2 + LOOSE_GAP };
                        let open = |q: usize| (at + 1..q).all(|g| words[g].1.chars().any(char::is_alphanumeric));
                        // The last word may take a regular ending ("Security forces").
                        let last = k + 1 == phrase.len();
                        let same = |w: &str| {
                            w == next || last && ["s", "es"].iter().any(|e| w.strip_suffix(e) == Some(next.as_str()))
                        };
                        match (at + 1..words.len().min(reach)).find(|&q| same(words[q].1) && open(q)) {
                            Some(k) => at = k,
                            None => {
                                ok = false;
                                break;
                            }
                        }
                    }
                    let end = words.get(at).map_or(i0 + 1, |w| w.0 + 1);
                    let already = mentions.iter().any(|m| m.start <= i0 && end <= m.end);
                    if ok && !already {
                        found.push((i0, end, entry));
                        break 'stems;
                    }
                }
            }
        }
        for (start, end, entry) in found {
            if mentions.iter().any(|m| m.start < end && start < m.end && (m.start < start || m.end > end)) {
                continue;
            }
            mentions.retain(|m| !(start <= m.start && m.end <= end));
            let code = match entry.person {
                Some(p) => dict.actors.people[p].most_recent().to_string(),
                None => entry.code.clone(),
            };
            let group = LOOSE_GROUP_BASE + start;
            mentions.push(Mention {
                start,
                end,
                code,
                name: None,
                person: entry.person,
                locative: false,
                plural: false,
                individual: false,
                place: false,
                adjective: false,
                group,
                source: entry.source.clone(),
                resolved_from: None,
                title_role: None,
                lone_agent: entry.kind == dyad_dict::ActorKind::Agent,
            });
        }
        mentions.sort_by_key(|m| m.start);
        // A stem read this way composes with a role word right after it,
        // as a whole name does ("the Kuwaiti government": KUWGOV).
        let mut i = 0;
        while i + 1 < mentions.len() {
            let (a, b) = (&mentions[i], &mentions[i + 1]);
            let gap = &tokens[a.end..b.start];
            let composes = a.group >= LOOSE_GROUP_BASE && b.lone_agent && gap.iter().all(|t| t.lower == "'s");
            if composes {
                let code = format!("{}{}", a.code, b.code);
                let end = b.end;
                mentions[i].code = code;
                mentions[i].end = end;
                mentions[i].person = None;
                mentions.remove(i + 1);
            }
            i += 1;
        }
    }
}
