//! dyad's dictionaries: parse, validate and compile.
//!
//! Every dictionary is a human-editable text file (see `dict/README.md` at
//! the repository root). Loading checks every line and reports *all*
//! problems as `FILE:LINE: message` ([`DictErrors`]). The built-in set is
//! compiled into the binary, so a fresh build needs no files at run time;
//! [`Dictionaries::from_dir`] loads an edited copy instead.

mod actors;
mod cameo;
pub mod convert;
mod error;
pub mod formats;
mod inflect;
mod modality;
mod phrase;
mod set;
mod verbs;

use std::collections::HashSet;
use std::path::Path;

pub use actors::{ActorDict, ActorEntry, ActorKind, DatedCode, Person};
pub use cameo::{CodeInfo, Codebook};
pub use error::{DictError, DictErrors};
pub use inflect::{noun_forms, regular_forms, Inflector, VerbForms};
pub use modality::Modality;
pub use phrase::{phrase_tokens, Phrase, PhraseTable};
pub use set::{DictFormat, DictOptions};
pub use verbs::{parse_pattern, Elem, Rule, TargetKind, TriggerKind, VerbDict};

/// The names of the files that make up a dictionary set, in load order.
pub const FILES: &[&str] = &[
    "cameo.tsv",
    "irregular_verbs.txt",
    "countries.txt",
    "agents.txt",
    "organisations.txt",
    "people.txt",
    "verbs.txt",
    "modality.txt",
    "discards.txt",
    "symmetric.txt",
    "reject.txt",
    "implicit_agents.txt",
];

/// The built-in dictionary files, compiled in.
const BUILTIN: &[(&str, &str)] = &[
    ("cameo.tsv", include_str!("../../../dict/cameo.tsv")),
    ("irregular_verbs.txt", include_str!("../../../dict/irregular_verbs.txt")),
    ("countries.txt", include_str!("../../../dict/countries.txt")),
    ("agents.txt", include_str!("../../../dict/agents.txt")),
    ("organisations.txt", include_str!("../../../dict/organisations.txt")),
    ("people.txt", include_str!("../../../dict/people.txt")),
    ("verbs.txt", include_str!("../../../dict/verbs.txt")),
    ("modality.txt", include_str!("../../../dict/modality.txt")),
    ("discards.txt", include_str!("../../../dict/discards.txt")),
    ("symmetric.txt", include_str!("../../../dict/symmetric.txt")),
    ("reject.txt", include_str!("../../../dict/reject.txt")),
    ("implicit_agents.txt", include_str!("../../../dict/implicit_agents.txt")),
];

/// A complete, compiled dictionary set. Immutable once built; share it
/// across threads.
#[derive(Debug, Clone, Default)]
pub struct Dictionaries {
    pub codebook: Codebook,
    pub inflector: Inflector,
    pub actors: ActorDict,
    pub verbs: VerbDict,
    pub modality: Modality,
    pub discards: PhraseTable<String>,
    /// Trigger lemmas whose events hold in both directions when two
    /// coordinated actors do them together ("Putin and Raisi met").
    pub symmetric: HashSet<String>,
    /// Event code prefix → REJECT code, for refused events, with the
    /// `file:line` of each entry.
    pub reject: Vec<(String, String, String)>,
    /// Verb lemma → the role understood as the doer of an agentless
    /// passive ("were arrested": COP).
    pub implicit_agents: std::collections::HashMap<String, String>,
    /// Issue phrases and their codes (PETRARCH issue dictionaries).
    pub issues: Vec<(String, String)>,
    /// A short fingerprint of the files' contents, to tell which
    /// dictionaries coded an event.
    pub fingerprint: String,
    /// Set when the set comes from a TABARI project: its coding options,
    /// under which the coder reads sentences the way TABARI does (see
    /// `dyad-coder`'s shallow reading). `None` for dyad's own reading.
    pub tabari: Option<formats::tabari::Options>,
    /// Set when a PETRARCH-1 verb file is loaded: the coder then reads
    /// actor phrases and conjoined verb phrases the way PETRARCH's parse
    /// does where dyad's own reading differs (see `dyad-coder`).
    pub petrarch1: bool,
}

impl Dictionaries {
    /// dyad's built-in dictionaries.
    pub fn builtin() -> Result<Dictionaries, DictErrors> {
        Dictionaries::from_texts(BUILTIN.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect())
    }

    /// Loads the files named in [`FILES`] from a folder (an edited copy of
    /// `dict/`).
    pub fn from_dir(dir: &Path) -> Result<Dictionaries, DictErrors> {
        let mut texts = Vec::new();
        let mut errors = Vec::new();
        for name in FILES {
            let path = dir.join(name);
            match std::fs::read_to_string(&path) {
                Ok(t) => texts.push((path.display().to_string(), t)),
                Err(e) => errors.push(DictError::new(&path.display().to_string(), 0, e.to_string())),
            }
        }
        if !errors.is_empty() {
            return Err(DictErrors(errors));
        }
        Dictionaries::from_texts(texts)
    }

    /// Compiles a set given as `(file name, content)` pairs in [`FILES`]
    /// order.
    fn from_texts(texts: Vec<(String, String)>) -> Result<Dictionaries, DictErrors> {
        let mut errors = Vec::new();
        let get = |i: usize| (texts[i].0.as_str(), texts[i].1.as_str());
        let mut d = Dictionaries::default();
        let (f, t) = get(0);
        match Codebook::parse(f, t) {
            Ok(c) => d.codebook = c,
            Err(e) => errors.extend(e),
        }
        let (f, t) = get(1);
        match Inflector::parse(f, t) {
            Ok(i) => d.inflector = i,
            Err(e) => errors.extend(e),
        }
        let (f, t) = get(2);
        d.actors.add_countries(f, t, &mut errors);
        let (f, t) = get(3);
        d.actors.add_agents(f, t, &mut errors);
        let (f, t) = get(4);
        d.actors.add_organisations(f, t, &mut errors);
        let (f, t) = get(5);
        d.actors.add_people(f, t, &mut errors);
        let (f, t) = get(6);
        let codebook = (!d.codebook.is_empty()).then(|| d.codebook.clone());
        d.verbs.add_file(f, t, &d.inflector, codebook.as_ref(), &mut errors);
        let (f, t) = get(7);
        match Modality::parse(f, t, &d.inflector) {
            Ok(m) => d.modality = m,
            Err(e) => errors.extend(e),
        }
        let (f, t) = get(8);
        d.discards = modality::parse_discards(f, t, &mut errors);
        let (_, t) = get(9);
        d.symmetric = t
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim().to_lowercase())
            .filter(|l| !l.is_empty())
            .collect();
        let (f, t) = get(10);
        d.reject = parse_reject(f, t, &d.codebook, &mut errors);
        let (f, t) = get(11);
        d.implicit_agents = parse_implicit_agents(f, t, &mut errors);
        d.fingerprint = fingerprint(&texts);
        if errors.is_empty() {
            Ok(d)
        } else {
            Err(DictErrors(errors))
        }
    }
}

/// Parses `reject.txt`: `event code prefix | REJECT code` lines.
fn parse_reject(
    file: &str,
    text: &str,
    codebook: &Codebook,
    errors: &mut Vec<DictError>,
) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (line_no, line) in error::content_lines(text) {
        let Some((prefix, code)) = line.split_once('|') else {
            errors.push(DictError::new(file, line_no, "expected `event code prefix | REJECT code`"));
            continue;
        };
        let (prefix, code) = (prefix.trim(), code.trim());
        if codebook.get(prefix).is_none() {
            errors.push(DictError::new(file, line_no, format!("`{prefix}` is not a CAMEO event code")));
            continue;
        }
        if !code.starts_with("12") || codebook.get(code).is_none() {
            errors.push(DictError::new(file, line_no, format!("`{code}` is not a CAMEO REJECT (12x) code")));
            continue;
        }
        out.push((prefix.to_string(), code.to_string(), format!("{file}:{line_no}")));
    }
    out
}

/// Parses `implicit_agents.txt`: `verb lemma | ROLE` lines.
fn parse_implicit_agents(
    file: &str,
    text: &str,
    errors: &mut Vec<DictError>,
) -> std::collections::HashMap<String, String> {
    let mut out = std::collections::HashMap::new();
    for (line_no, line) in error::content_lines(text) {
        let Some((lemma, role)) = line.split_once('|') else {
            errors.push(DictError::new(file, line_no, "expected `verb lemma | ROLE`"));
            continue;
        };
        let (lemma, role) = (lemma.trim().to_lowercase(), role.trim());
        if lemma.is_empty() || lemma.contains(' ') || !error::is_actor_code(role) {
            errors.push(DictError::new(
                file,
                line_no,
                format!("expected one verb lemma and a role code, found `{lemma}` and `{role}`"),
            ));
            continue;
        }
        if out.insert(lemma.clone(), role.to_string()).is_some() {
            errors.push(DictError::new(file, line_no, format!("`{lemma}` is listed twice")));
        }
    }
    out
}

impl Dictionaries {
    /// A dictionary set from a TABARI `.project` file: its actors, agents
    /// and verbs replace dyad's (TABARI's test dictionaries name fictional
    /// states), while dyad's codebook, inflections, modality cues and the
    /// rest stay. Event codes are carried verbatim.
    pub fn from_tabari_project(path: &Path) -> Result<Dictionaries, DictErrors> {
        let project = formats::tabari::read_project(path).map_err(|e| DictErrors(vec![e]))?;
        let mut d = Dictionaries::builtin_without_entries()?;
        let files = project
            .actors
            .iter()
            .map(|p| (p, set::Kind::Actors))
            .chain(project.agents.iter().map(|p| (p, set::Kind::Agents)))
            .chain(project.verbs.iter().map(|p| (p, set::Kind::Verbs)));
        let mut errors = Vec::new();
        for (p, kind) in files {
            d.add_file(p, Some(DictFormat::Tabari), Some(kind), &mut errors);
        }
        let mut options = project.options.clone();
        for path in project.actors.iter().chain(&project.agents) {
            if let Ok(text) = std::fs::read_to_string(path) {
                let (nouns, adjectives) = formats::tabari::word_lists(&text);
                options.nouns.extend(nouns);
                options.adjectives.extend(adjectives);
                options.phrase_joins.extend(formats::tabari::phrase_joins(&text));
            }
        }
        d.tabari = Some(options);
        if errors.is_empty() {
            Ok(d)
        } else {
            Err(DictErrors(errors))
        }
    }

    /// dyad's built-in set without its actors, patterns and discards: the
    /// codebook, inflections, modality cues and the rest, for use with
    /// other dictionaries.
    pub fn builtin_without_entries() -> Result<Dictionaries, DictErrors> {
        let mut d = Dictionaries::builtin()?;
        d.actors = ActorDict::default();
        d.verbs = VerbDict::default();
        d.discards = PhraseTable::default();
        Ok(d)
    }

    /// The REJECT code for refusing an event of this code, with the
    /// `file:line` of the entry: the longest matching prefix wins.
    pub fn reject_code(&self, code: &str) -> Option<(&str, &str)> {
        self.reject
            .iter()
            .filter(|(p, _, _)| code.starts_with(p.as_str()))
            .max_by_key(|(p, _, _)| p.len())
            .map(|(_, c, src)| (c.as_str(), src.as_str()))
    }
}

/// FNV-1a over every file's name and content, as 16 hex digits.
fn fingerprint(texts: &[(String, String)]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (_, t) in texts {
        for b in t.bytes().chain([0u8]) {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_dictionaries_load_without_errors() {
        let d = match Dictionaries::builtin() {
            Ok(d) => d,
            Err(e) => panic!("built-in dictionaries have errors:\n{e}"),
        };
        assert!(d.codebook.len() >= 300, "codebook has {} codes", d.codebook.len());
        assert!(d.verbs.rules.len() > 500, "only {} rules", d.verbs.rules.len());
        assert!(!d.actors.people.is_empty());
        for section in ["report", "negate", "intend", "hypothetical"] {
            assert!(d.modality.section(section).is_some(), "modality.txt lacks `{section}`");
        }
    }
}
