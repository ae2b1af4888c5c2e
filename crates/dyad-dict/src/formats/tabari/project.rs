//! TABARI `.project` and `.options` files.
//!
//! A project file starts with a title line, then `<tag> value` lines naming
//! the files of the project (`<actorsfile>`, `<verbsfile>`, `<agentsfile>`,
//! `<optionsfile>`, `<textfile>`, `<eventfile>`, ...; actors, verbs, agents
//! and text may be given several times) and `<session ...>` log lines,
//! which are ignored.
//!
//! Options lines are `COMMAND: arguments`; `//` starts a comment and a
//! line starting with `~~` ends the file. The same commands appear in the
//! validation suite's `{ OPTION: ... }` records, applied with
//! [`Options::apply`]. Read, because they change what is coded:
//!
//! * `COMPLEX: VERBS[n] CONJ[n] NOACTPRIOR ...` → [`Options::complex_verbs`],
//!   [`Options::complex_conj`], [`Options::no_actor_prior`];
//! * `DEFAULT: SOURCE [X] PRIOR TARGET [Y] AFTER` / `DEFAULT: OFF` →
//!   [`Options::default_source`], [`Options::default_target`];
//! * `SET: CODE BY CLAUSE|SENTENCE`, `SET: CODE ALL` → [`Options::code_by`];
//! * `SET: MINIMUM WORDS = n`, `SET: CONVERT AGENT = TRUE|FALSE`,
//!   `SET: TIME SHIFT = ...`, `SET: YYYY = ...` and every other `SET:` →
//!   [`Options::set`] (upper-cased name → value), typed accessors for the
//!   first two;
//! * `COMMA: ...` → [`Options::comma`] (raw, `None` after `COMMA: OFF`);
//! * `LABEL: CODE=TEXT` → [`Options::labels`] (output only).
//!
//! * `FORWARD: FORMAT [OFF]` → [`Options::forward`] (the format of record
//!   ids is not read: a story is the records whose ids agree up to the last
//!   `-`).
//!
//! Ignored (output and input formatting only), kept in
//! [`Options::ignored`]: `OUTPUT:` and any unknown command.

use std::path::{Path, PathBuf};

use crate::error::DictError;

/// How much of a record one event may span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CodeBy {
    /// TABARI's default: events are coded per clause.
    #[default]
    Clause,
    Sentence,
    /// Every verb, even several per clause.
    All,
}

/// Coding options from a TABARI `.options` file (see the module docs).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    pub complex_verbs: Option<u32>,
    pub complex_conj: Option<u32>,
    pub no_actor_prior: bool,
    pub default_source: Option<String>,
    pub default_target: Option<String>,
    /// `SOURCE [X] PRIOR`: the default source stands in when no actor
    /// comes before the verb. Without it, a clause whose actors all follow
    /// the verb takes the first of them as its source.
    pub default_source_prior: bool,
    /// `TARGET [Y] AFTER`: the default target stands in when no actor
    /// follows the verb (or the source).
    pub default_target_after: bool,
    pub code_by: CodeBy,
    /// `SET: NAME = VALUE`, name upper-cased, in order (later wins).
    pub set: Vec<(String, String)>,
    pub comma: Option<String>,
    /// `FORWARD: FORMAT` (until `FORWARD: FORMAT OFF`): the records of one
    /// story forward pronouns from sentence to sentence.
    pub forward: bool,
    /// `COMMA: OFF`: no comma-delimited clause is deleted.
    pub comma_off: bool,
    pub labels: Vec<(String, String)>,
    /// Words of the actors files' `<NOUN>` section: nouns that are never
    /// verbs ("leader", "forces").
    pub nouns: Vec<String>,
    /// Words of the actors files' `<ADJECTIVE>` section: adjectives that
    /// may stand inside a list of actors ("the evil Mordor and Gondor").
    pub adjectives: Vec<String>,
    /// Phrases of the actors and agents files with, per word, whether `_`
    /// ties it to the word before (see [`super::phrase_joins`]).
    pub phrase_joins: Vec<(String, Vec<bool>)>,
    /// Commands not acted on, as written.
    pub ignored: Vec<String>,
}

impl Options {
    /// Parses an options file's text.
    pub fn parse(file: &str, text: &str) -> Result<Options, DictError> {
        let mut o = Options::default();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.split("//").next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if line.starts_with("~~") {
                break;
            }
            o.apply(line).map_err(|m| DictError::new(file, i + 1, m))?;
        }
        Ok(o)
    }

    /// Applies one `COMMAND: arguments` line.
    pub fn apply(&mut self, command: &str) -> Result<(), String> {
        let Some((cmd, args)) = command.split_once(':') else {
            return Err(format!("expected `COMMAND: arguments`, found `{command}`"));
        };
        let args = args.trim();
        match cmd.trim().to_uppercase().as_str() {
            "COMPLEX" => {
                self.complex_verbs = bracket_number(args, "VERBS");
                self.complex_conj = bracket_number(args, "CONJ");
                self.no_actor_prior = args.to_uppercase().split_whitespace().any(|w| w == "NOACTPRIOR");
            }
            "DEFAULT" => {
                if args.eq_ignore_ascii_case("OFF") {
                    self.default_source = None;
                    self.default_target = None;
                    self.default_source_prior = false;
                    self.default_target_after = false;
                } else {
                    self.default_source = bracket_after(args, "SOURCE");
                    self.default_target = bracket_after(args, "TARGET");
                    let words: Vec<String> = args.to_uppercase().split_whitespace().map(str::to_string).collect();
                    self.default_source_prior = words.iter().any(|w| w == "PRIOR");
                    self.default_target_after = words.iter().any(|w| w == "AFTER");
                }
            }
            "SET" => {
                let up = args.to_uppercase();
                let (name, value) = match up.split_once('=') {
                    Some((n, v)) => (n.trim().to_string(), v.trim().to_string()),
                    None => (up.trim().to_string(), String::new()),
                };
                match name.as_str() {
                    "CODE BY CLAUSE" => self.code_by = CodeBy::Clause,
                    "CODE BY SENTENCE" => self.code_by = CodeBy::Sentence,
                    "CODE ALL" => self.code_by = CodeBy::All,
                    _ if value.is_empty() => return Err(format!("`SET: {args}` needs `= VALUE`")),
                    _ => self.set.push((name, value)),
                }
            }
            "COMMA" => {
                self.comma = (!args.eq_ignore_ascii_case("OFF")).then(|| args.to_string());
                self.comma_off = self.comma.is_none();
            }
            "FORWARD" => self.forward = !args.split_whitespace().last().is_some_and(|w| w.eq_ignore_ascii_case("OFF")),
            "LABEL" => match args.split_once('=') {
                Some((c, l)) => self.labels.push((c.trim().to_string(), l.trim().to_string())),
                None => return Err(format!("expected `LABEL: CODE=TEXT`, found `{command}`")),
            },
            _ => self.ignored.push(command.to_string()),
        }
        Ok(())
    }

    /// The last value given to `SET: NAME = VALUE`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.set.iter().rev().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// `SET: MINIMUM WORDS` (TABARI's default is 8).
    pub fn minimum_words(&self) -> u32 {
        self.get("MINIMUM WORDS").and_then(|v| v.parse().ok()).unwrap_or(8)
    }

    /// The lengths (in words) of comma-delimited clauses TABARI deletes
    /// before coding, from `COMMA: MIN = 2 MAX = 10 EMIN = 2 EMAX = 10
    /// BMIN = 255 BMAX = 0` (those are the defaults: internal and terminal
    /// clauses of 2 to 10 words, no initial clause); `None` after
    /// `COMMA: OFF`.
    pub fn comma_limits(&self) -> Option<CommaLimits> {
        if self.comma_off {
            return None;
        }
        let mut l = CommaLimits { internal: (2, 10), terminal: (2, 10), initial: (255, 0) };
        let up = self.comma.as_deref().unwrap_or("").to_uppercase().replace('=', " = ");
        let words: Vec<&str> = up.split_whitespace().collect();
        for w in words.windows(3) {
            let (Some(n), true) = (w[2].parse::<usize>().ok(), w[1] == "=") else { continue };
            match w[0] {
                "MIN" => l.internal.0 = n,
                "MAX" => l.internal.1 = n,
                "EMIN" => l.terminal.0 = n,
                "EMAX" => l.terminal.1 = n,
                "BMIN" => l.initial.0 = n,
                "BMAX" => l.initial.1 = n,
                _ => {}
            }
        }
        Some(l)
    }

    /// `SET: CONVERT AGENT = TRUE`.
    pub fn convert_agent(&self) -> bool {
        self.get("CONVERT AGENT").is_some_and(|v| v == "TRUE")
    }
}

/// Word counts `(least, most)` of the comma-delimited clauses deleted
/// before coding: between two commas, from a comma to the end of the
/// sentence, from its start to the first comma.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommaLimits {
    pub internal: (usize, usize),
    pub terminal: (usize, usize),
    pub initial: (usize, usize),
}

/// `VERBS[5]` → 5.
fn bracket_number(args: &str, key: &str) -> Option<u32> {
    let up = args.to_uppercase();
    let at = up.find(&format!("{key}["))? + key.len() + 1;
    let end = up[at..].find(']')? + at;
    up[at..end].trim().parse().ok()
}

/// `SOURCE [DEFSRC]` → DEFSRC.
fn bracket_after(args: &str, key: &str) -> Option<String> {
    let up = args.to_uppercase();
    let at = up.find(key)? + key.len();
    let open = up[at..].find('[')? + at;
    let close = up[open..].find(']')? + open;
    Some(args[open + 1..close].trim().to_string())
}

/// Reads an options file.
pub fn read_options(path: &Path) -> Result<Options, DictError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| DictError::new(&name, 0, e.to_string()))?;
    Options::parse(&name, &text)
}

/// A TABARI project: its files, resolved against the project's folder.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Project {
    pub path: PathBuf,
    /// The first line.
    pub title: String,
    pub actors: Vec<PathBuf>,
    pub verbs: Vec<PathBuf>,
    pub agents: Vec<PathBuf>,
    pub options_file: Option<PathBuf>,
    /// Text files to code (TABARI's own record format).
    pub text: Vec<PathBuf>,
    pub events_file: Option<PathBuf>,
    pub coder: Option<String>,
    /// The options file's content, or the defaults when the project names
    /// none.
    pub options: Options,
}

/// Reads a `.project` file and the options file it names.
pub fn read_project(path: &Path) -> Result<Project, DictError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| DictError::new(&name, 0, e.to_string()))?;
    let dir = path.parent().unwrap_or(Path::new(""));
    let mut p = Project { path: path.to_path_buf(), ..Project::default() };
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if i == 0 && !line.starts_with('<') {
            p.title = line.to_string();
            continue;
        }
        let Some(rest) = line.strip_prefix('<') else { continue };
        let Some((tag, value)) = rest.split_once('>') else {
            return Err(DictError::new(&name, i + 1, "expected `<tag> value`"));
        };
        let value = value.trim();
        let file = || dir.join(value);
        match tag.trim().to_lowercase().as_str() {
            "actorsfile" => p.actors.push(file()),
            "verbsfile" => p.verbs.push(file()),
            "agentsfile" => p.agents.push(file()),
            "optionsfile" => p.options_file = Some(file()),
            "textfile" => p.text.push(file()),
            "eventfile" => p.events_file = Some(file()),
            "coder" => p.coder = Some(value.to_string()),
            _ => {}
        }
    }
    if p.actors.is_empty() || p.verbs.is_empty() {
        return Err(DictError::new(&name, 0, "a project needs an <actorsfile> and a <verbsfile>"));
    }
    if let Some(o) = &p.options_file {
        p.options = read_options(o)?;
    }
    Ok(p)
}
