//! Building a dictionary set from the command line: dyad's built-in
//! dictionaries, plus (or instead of) files in the field's formats.
//!
//! Each `--dict FILE` is read in its format (TABARI, PETRARCH-1 verb
//! patterns, PETRARCH-2 or dyad's own; detected from the file when not
//! given) as the kind of dictionary its name says: verbs, actors, agents,
//! discards or issues. A dyad dictionary folder replaces the whole set. A
//! TABARI `.project` file names its own files.

use std::path::{Path, PathBuf};

use crate::formats::{petrarch, petrarch1, tabari};
use crate::{DictError, DictErrors, Dictionaries};

/// A dictionary file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DictFormat {
    /// dyad's own files (a folder like `dict/`).
    Dyad,
    /// TABARI `.verbs`, `.actors`, `.agents`.
    Tabari,
    /// PETRARCH-2 (`CAMEO.2.0.txt`, `Phoenix.*.txt`).
    Petrarch2,
    /// PETRARCH-1 verb patterns (`PETR.Validate.verbs.txt`); its actor,
    /// agent and discard files are read as PETRARCH-2's, whose syntax they
    /// share.
    Petrarch1,
}

impl DictFormat {
    /// Parses a format name as the command line gives it.
    pub fn parse(name: &str) -> Option<DictFormat> {
        match name.to_ascii_lowercase().as_str() {
            "dyad" => Some(DictFormat::Dyad),
            "tabari" => Some(DictFormat::Tabari),
            "petrarch2" | "petrarch" => Some(DictFormat::Petrarch2),
            "petrarch1" => Some(DictFormat::Petrarch1),
            _ => None,
        }
    }
}

/// What kind of dictionary a file holds, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Verbs,
    Actors,
    Agents,
    Discards,
    Issues,
}

fn kind_of(path: &Path) -> Option<Kind> {
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    if name.contains("verb") || name.starts_with("cameo.") {
        Some(Kind::Verbs)
    } else if name.contains("agent") {
        Some(Kind::Agents)
    } else if name.contains("actor")
        || name.contains("organisation")
        || name.contains("organization")
        || name.contains("people")
        || name.contains("countries")
    {
        Some(Kind::Actors)
    } else if name.contains("discard") {
        Some(Kind::Discards)
    } else if name.contains("issue") {
        Some(Kind::Issues)
    } else {
        None
    }
}

/// The format of a file, from its extension and first lines.
fn detect(path: &Path, text: &str) -> DictFormat {
    if path.is_dir() {
        return DictFormat::Dyad;
    }
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    if matches!(ext.as_str(), "verbs" | "actors" | "agents" | "options" | "project") {
        return DictFormat::Tabari;
    }
    // PETRARCH-2 verb files open blocks with "--- VERB [code] ---"; its
    // actor files carry `[CODE]` brackets. dyad's verbs.txt lines start
    // with a code and use `~`.
    let dyad_like = text.lines().filter(|l| !l.trim_start().starts_with('#')).take(200).any(|l| {
        let t = l.trim();
        t.split_whitespace().next().is_some_and(|c| c.bytes().all(|b| b.is_ascii_digit())) && t.contains('~')
    });
    if dyad_like {
        DictFormat::Dyad
    } else if kind_of(path) == Some(Kind::Verbs) && petrarch1::looks_like_petrarch1(text) {
        DictFormat::Petrarch1
    } else {
        DictFormat::Petrarch2
    }
}

/// The dictionary options of a command.
#[derive(Debug, Clone, Default)]
pub struct DictOptions {
    /// Extra dictionary files (or a dyad dictionary folder).
    pub files: Vec<PathBuf>,
    /// The format of `files`, when not detected.
    pub format: Option<DictFormat>,
    /// Leave dyad's built-in actors, patterns and discards out.
    pub no_default: bool,
    /// A TABARI `.project` file.
    pub project: Option<PathBuf>,
}

impl Dictionaries {
    /// The dictionary set the options describe.
    pub fn from_options(options: &DictOptions) -> Result<Dictionaries, DictErrors> {
        if let Some(project) = &options.project {
            let is_ini = project.extension().is_some_and(|e| e.eq_ignore_ascii_case("ini"));
            let mut d = if is_ini {
                Dictionaries::from_petrarch_config(project)?
            } else {
                Dictionaries::from_tabari_project(project)?
            };
            d.add_files(&options.files, options.format)?;
            return Ok(d);
        }
        let mut d =
            if options.no_default { Dictionaries::builtin_without_entries()? } else { Dictionaries::builtin()? };
        d.add_files(&options.files, options.format)?;
        Ok(d)
    }

    /// A dictionary set from a PETRARCH config file (`PETR_config.ini`):
    /// the verbs, actors, agents, discards and issues its `[Dictionaries]`
    /// section names, read from the config's folder, replace dyad's.
    /// Options of other sections (parser settings) do not apply to dyad.
    pub fn from_petrarch_config(path: &Path) -> Result<Dictionaries, DictErrors> {
        let shown = path.display().to_string();
        let text =
            std::fs::read_to_string(path).map_err(|e| DictErrors(vec![DictError::new(&shown, 0, e.to_string())]))?;
        let dir = path.parent().unwrap_or(Path::new("."));
        let mut files = Vec::new();
        let mut section = String::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.starts_with('[') && line.ends_with(']') {
                section = line[1..line.len() - 1].to_ascii_lowercase();
                continue;
            }
            if section != "dictionaries" || line.is_empty() {
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                return Err(DictErrors(vec![DictError::new(&shown, i + 1, "expected `key = value`")]));
            };
            if matches!(
                key.trim(),
                "verbfile_name" | "actorfile_list" | "agentfile_name" | "discardfile_name" | "issuefile_name"
            ) {
                files.extend(value.split(',').map(str::trim).filter(|v| !v.is_empty()).map(|v| dir.join(v)));
            }
        }
        let mut d = Dictionaries::builtin_without_entries()?;
        d.add_files(&files, Some(DictFormat::Petrarch2))?;
        Ok(d)
    }

    /// Adds dictionary files to this set; a dyad folder replaces it.
    pub fn add_files(&mut self, files: &[PathBuf], format: Option<DictFormat>) -> Result<(), DictErrors> {
        let mut errors = Vec::new();
        for path in files {
            if path.is_dir() {
                *self = Dictionaries::from_dir(path)?;
                continue;
            }
            self.add_file(path, format, None, &mut errors);
        }
        self.fingerprint = format!("{}+{}", self.fingerprint, files.len());
        if errors.is_empty() {
            Ok(())
        } else {
            Err(DictErrors(errors))
        }
    }

    /// Adds one dictionary file: `format` and `kind` are told from the file
    /// when not given.
    pub(crate) fn add_file(
        &mut self,
        path: &Path,
        format: Option<DictFormat>,
        kind: Option<Kind>,
        errors: &mut Vec<DictError>,
    ) {
        let shown = path.display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                errors.push(DictError::new(&shown, 0, e.to_string()));
                return;
            }
        };
        let format = format.unwrap_or_else(|| detect(path, &text));
        let Some(kind) = kind.or_else(|| kind_of(path)) else {
            errors.push(DictError::new(&shown, 0, "cannot tell the kind of dictionary from the file name (it should say verbs, actors, agents, discards or issues)"));
            return;
        };
        match (format, kind) {
            (DictFormat::Tabari, Kind::Verbs) => {
                let summary = tabari::load_verbs(&shown, &text, &self.inflector, &mut self.verbs, errors);
                for (phrase, source) in summary.discards {
                    self.discards.insert(&phrase, source);
                }
            }
            (DictFormat::Tabari, Kind::Actors) => {
                tabari::load_actors(&shown, &text, &mut self.actors, errors);
            }
            (DictFormat::Tabari, Kind::Agents) => {
                tabari::load_agents(&shown, &text, &mut self.actors, errors);
            }
            (DictFormat::Petrarch1, Kind::Verbs) => {
                // PETRARCH-1 says itself which verbs make events among a
                // compound subject (`% *` patterns). dyad's own list names
                // CAMEO codes and its own verbs: it stays only beside
                // dyad's patterns.
                if self.verbs.rules.is_empty() {
                    self.symmetric.clear();
                }
                let loaded = petrarch1::load_verbs(&shown, &text, &self.inflector, &mut self.verbs, errors);
                self.symmetric.extend(loaded.reciprocal);
                self.petrarch1 = true;
            }
            (DictFormat::Petrarch1, Kind::Actors) => {
                petrarch::load_actors(&shown, &text, &mut self.actors, errors);
            }
            (DictFormat::Petrarch1, Kind::Agents) => {
                petrarch::load_agents(&shown, &text, &mut self.actors, errors);
            }
            (DictFormat::Petrarch1, Kind::Discards) => {
                petrarch::load_discards(&shown, &text, &mut self.discards, errors);
            }
            (DictFormat::Petrarch1, Kind::Issues) => {
                let (issues, _) = petrarch::load_issues(&shown, &text, errors);
                self.issues.extend(issues.into_iter().map(|i| (i.phrase, i.code)));
            }
            (DictFormat::Petrarch2, Kind::Verbs) => {
                petrarch::load_verbs(&shown, &text, &self.inflector, &mut self.verbs, errors);
            }
            (DictFormat::Petrarch2, Kind::Actors) => {
                petrarch::load_actors(&shown, &text, &mut self.actors, errors);
            }
            (DictFormat::Petrarch2, Kind::Agents) => {
                petrarch::load_agents(&shown, &text, &mut self.actors, errors);
            }
            (DictFormat::Petrarch2, Kind::Discards) => {
                petrarch::load_discards(&shown, &text, &mut self.discards, errors);
            }
            (DictFormat::Petrarch2, Kind::Issues) => {
                let (issues, _) = petrarch::load_issues(&shown, &text, errors);
                self.issues.extend(issues.into_iter().map(|i| (i.phrase, i.code)));
            }
            // Codes outside CAMEO are carried verbatim here (a converted
            // TABARI file uses test codes); only the built-in set is
            // checked against the codebook.
            (DictFormat::Dyad, Kind::Verbs) => self.verbs.add_file(&shown, &text, &self.inflector, None, errors),
            (DictFormat::Dyad, Kind::Actors) => {
                let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
                if name.contains("people") {
                    self.actors.add_people(&shown, &text, errors);
                } else if name.contains("countries") {
                    self.actors.add_countries(&shown, &text, errors);
                } else {
                    self.actors.add_organisations(&shown, &text, errors);
                }
            }
            (DictFormat::Dyad, Kind::Agents) => self.actors.add_agents(&shown, &text, errors),
            (DictFormat::Dyad, Kind::Discards) => {
                let extra = crate::modality::parse_discards(&shown, &text, errors);
                for p in extra.iter() {
                    self.discards.insert(&p.written, p.value.clone());
                }
            }
            (f, k) => errors.push(DictError::new(
                &shown,
                0,
                format!("{k:?} dictionaries in the {f:?} format are not supported yet"),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_kinds() {
        assert_eq!(DictFormat::parse("TABARI"), Some(DictFormat::Tabari));
        assert_eq!(DictFormat::parse("petrarch2"), Some(DictFormat::Petrarch2));
        assert!(DictFormat::parse("cobol").is_none());
        assert_eq!(kind_of(Path::new("x/CAMEO.2.0.txt")), Some(Kind::Verbs));
        assert_eq!(kind_of(Path::new("Phoenix.agents.txt")), Some(Kind::Agents));
        assert_eq!(kind_of(Path::new("Phoenix.Countries.actors.txt")), Some(Kind::Actors));
        assert_eq!(kind_of(Path::new("notes.txt")), None);
        assert_eq!(detect(Path::new("a.verbs"), ""), DictFormat::Tabari);
        assert_eq!(detect(Path::new("verbs.txt"), "# x\n190 $ ~attack +\n"), DictFormat::Dyad);
        assert_eq!(detect(Path::new("v.txt"), "--- ATTACK [190] ---\n"), DictFormat::Petrarch2);
        assert_eq!(DictFormat::parse("petrarch1"), Some(DictFormat::Petrarch1));
        let flat = "--- ACCORD [---] ---\nACCORD\n- IN_* [075]\n- * WITH % [031]\n";
        assert_eq!(detect(Path::new("x.verbs.txt"), flat), DictFormat::Petrarch1);
        assert_eq!(detect(Path::new("x.actors.txt"), flat), DictFormat::Petrarch2, "only verb files differ");
    }

    #[test]
    fn petrarch_config_names_its_files() {
        let dir = std::env::temp_dir().join(format!("dyad-petr-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("my.verbs.txt"),
            "####### VERB PATTERNS #######\n---  ZAP   [190]  ---\nZAP\n- $ * + [190]\n",
        )
        .unwrap();
        std::fs::write(dir.join("my.actors.txt"), "ARNOR [ARN]\nGONDOR [GON]\n").unwrap();
        let config = dir.join("PETR_config.ini");
        std::fs::write(
            &config,
            "[Dictionaries]\nverbfile_name = my.verbs.txt\nactorfile_list = my.actors.txt\n[Options]\nx = 1\n",
        )
        .unwrap();
        let d = Dictionaries::from_options(&DictOptions { project: Some(config), ..Default::default() }).unwrap();
        assert!(d.verbs.rules_for("zaps").any(|r| r.code == "190"));
        assert!(!d.actors.phrases.is_empty());
        assert!(d.verbs.rules_for("attacks").next().is_none(), "the config's dictionaries replace dyad's");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn petrarch1_verbs_say_which_verbs_are_reciprocal() {
        let dir = std::env::temp_dir().join(format!("dyad-petr1-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let verbs = dir.join("p1.verbs.txt");
        std::fs::write(&verbs, "--- DELAY [120] ---\nDELAY\n- % HAVE_* [191]\n- * TALKS_ON [031]\n").unwrap();
        let only = Dictionaries::from_options(&DictOptions {
            files: vec![verbs.clone()],
            no_default: true,
            ..Default::default()
        })
        .unwrap();
        assert!(only.symmetric.contains("delay"));
        assert!(
            !only.symmetric.contains("meet") && !only.symmetric.contains("041"),
            "dyad's list does not apply to a PETRARCH-1-only set"
        );
        let beside = Dictionaries::from_options(&DictOptions { files: vec![verbs], ..Default::default() }).unwrap();
        assert!(
            beside.symmetric.contains("delay") && beside.symmetric.contains("meet"),
            "beside dyad's patterns, dyad's list stays"
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn extra_dyad_verbs_and_unknown_kinds() {
        let dir = std::env::temp_dir().join(format!("dyad-set-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let verbs = dir.join("my.verbs.txt");
        std::fs::write(&verbs, "190 $ ~zap +\n").unwrap();
        let other = dir.join("notes.txt");
        std::fs::write(&other, "x").unwrap();
        let d = Dictionaries::from_options(&DictOptions { files: vec![verbs.clone()], ..Default::default() }).unwrap();
        assert!(d.verbs.rules_for("zaps").any(|r| r.code == "190"));
        let d = Dictionaries::from_options(&DictOptions { files: vec![verbs], no_default: true, ..Default::default() })
            .unwrap();
        assert_eq!(d.verbs.rules.len(), 1, "--no-default-dict keeps only the given patterns");
        let err = Dictionaries::from_options(&DictOptions { files: vec![other], ..Default::default() }).unwrap_err();
        assert!(err.to_string().contains("notes.txt"), "{err}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
