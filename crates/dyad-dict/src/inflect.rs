//! English verb and noun inflection, so that a dictionary names a lemma once
//! and matches every form of it.

use std::collections::HashMap;

use crate::error::{content_lines, DictError};

/// Forms of one verb.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbForms {
    pub base: String,
    pub third: String,
    pub past: String,
    pub participle: String,
    pub gerund: String,
}

impl VerbForms {
    /// All distinct forms.
    pub fn all(&self) -> Vec<String> {
        let mut v = vec![
            self.base.clone(),
            self.third.clone(),
            self.past.clone(),
            self.participle.clone(),
            self.gerund.clone(),
        ];
        v.sort();
        v.dedup();
        v
    }
}

/// Irregular verbs from `irregular_verbs.txt`, keyed by base form.
#[derive(Debug, Clone, Default)]
pub struct Inflector {
    irregular: HashMap<String, VerbForms>,
}

/// Prefixes that keep the stem's irregular forms.
const PREFIXES: &[&str] = &["re", "over", "under", "with", "out", "mis", "fore", "up", "un", "be"];

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

impl Inflector {
    /// Parses `base | 3sg | past | past participle | gerund` lines; empty
    /// fields fall back to the regular rule.
    pub fn parse(file: &str, text: &str) -> Result<Inflector, Vec<DictError>> {
        let mut irregular = HashMap::new();
        let mut errors = Vec::new();
        for (line_no, line) in content_lines(text) {
            let fields: Vec<&str> = line.split('|').map(str::trim).collect();
            if fields.len() != 5 {
                errors.push(DictError::new(
                    file,
                    line_no,
                    format!("expected 5 fields `base | 3sg | past | participle | gerund`, found {}", fields.len()),
                ));
                continue;
            }
            let base = fields[0].to_lowercase();
            if base.is_empty() || base.contains(' ') {
                errors.push(DictError::new(file, line_no, "the base form must be one word"));
                continue;
            }
            let regular = regular_forms(&base);
            let pick = |s: &str, d: String| if s.is_empty() { d } else { s.to_lowercase() };
            let forms = VerbForms {
                third: pick(fields[1], regular.third),
                past: pick(fields[2], regular.past),
                participle: pick(fields[3], regular.participle),
                gerund: pick(fields[4], regular.gerund),
                base: base.clone(),
            };
            if irregular.insert(base.clone(), forms).is_some() {
                errors.push(DictError::new(file, line_no, format!("`{base}` is listed twice")));
            }
        }
        if errors.is_empty() {
            Ok(Inflector { irregular })
        } else {
            Err(errors)
        }
    }

    /// Every form of the verb `base`. A prefixed irregular verb inflects
    /// like its stem: rewrite → rewrote, withhold → withheld.
    pub fn verb(&self, base: &str) -> VerbForms {
        if let Some(f) = self.irregular.get(base) {
            return f.clone();
        }
        for prefix in PREFIXES {
            if let Some(stem) = base.strip_prefix(prefix) {
                if let Some(f) = self.irregular.get(stem) {
                    let p = |s: &str| format!("{prefix}{s}");
                    return VerbForms {
                        base: base.to_string(),
                        third: p(&f.third),
                        past: p(&f.past),
                        participle: p(&f.participle),
                        gerund: p(&f.gerund),
                    };
                }
            }
        }
        regular_forms(base)
    }

    /// Maps every known form of every irregular verb back to its base.
    pub fn irregular_bases(&self) -> impl Iterator<Item = (&str, &VerbForms)> {
        self.irregular.iter().map(|(k, v)| (k.as_str(), v))
    }
}

/// The regular inflections: -s/-es/-ies, -ed/-d/-ied, -ing with silent-e
/// dropping. Consonant doubling is never guessed (list such verbs as
/// irregular).
pub fn regular_forms(base: &str) -> VerbForms {
    let chars: Vec<char> = base.chars().collect();
    let last = chars.last().copied().unwrap_or(' ');
    let before_last = if chars.len() >= 2 { chars[chars.len() - 2] } else { ' ' };
    let stem_y = last == 'y' && !is_vowel(before_last);
    let third = if stem_y {
        format!("{}ies", &base[..base.len() - 1])
    } else if base.ends_with('s')
        || base.ends_with('x')
        || base.ends_with('z')
        || base.ends_with("ch")
        || base.ends_with("sh")
        || base.ends_with('o')
    {
        format!("{base}es")
    } else {
        format!("{base}s")
    };
    let past = if stem_y {
        format!("{}ied", &base[..base.len() - 1])
    } else if last == 'e' {
        format!("{base}d")
    } else {
        format!("{base}ed")
    };
    let gerund = if base.ends_with("ie") {
        format!("{}ying", &base[..base.len() - 2])
    } else if last == 'e' && !(base.ends_with("ee") || base.ends_with("ye") || base.ends_with("oe")) && chars.len() > 2
    {
        format!("{}ing", &base[..base.len() - 1])
    } else {
        format!("{base}ing")
    };
    VerbForms { base: base.to_string(), third, participle: past.clone(), past, gerund }
}

/// Singular and plural of a noun (regular rule only; irregular plurals are
/// written out in the dictionaries).
pub fn noun_forms(noun: &str) -> Vec<String> {
    let plural = regular_forms(noun).third;
    if noun.ends_with('s') {
        // Nouns already in -s ("talks", "sanctions") are usually listed in
        // the plural; do not invent "talkses".
        vec![noun.to_string()]
    } else {
        vec![noun.to_string(), plural]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_verbs() {
        let f = regular_forms("attack");
        assert_eq!((f.third.as_str(), f.past.as_str(), f.gerund.as_str()), ("attacks", "attacked", "attacking"));
        let f = regular_forms("release");
        assert_eq!((f.third.as_str(), f.past.as_str(), f.gerund.as_str()), ("releases", "released", "releasing"));
        let f = regular_forms("rally");
        assert_eq!((f.third.as_str(), f.past.as_str()), ("rallies", "rallied"));
        let f = regular_forms("condemn");
        assert_eq!(f.past, "condemned");
        let f = regular_forms("agree");
        assert_eq!((f.past.as_str(), f.gerund.as_str()), ("agreed", "agreeing"));
        let f = regular_forms("reach");
        assert_eq!(f.third, "reaches");
        let f = regular_forms("die");
        assert_eq!(f.gerund, "dying");
    }

    #[test]
    fn irregular_file() {
        let inf = Inflector::parse("irr.txt", "meet | | met | met |\nban | | banned | banned | banning\n").unwrap();
        assert_eq!(inf.verb("meet").past, "met");
        assert_eq!(inf.verb("meet").third, "meets");
        assert_eq!(inf.verb("ban").gerund, "banning");
        assert_eq!(inf.verb("attack").past, "attacked");
        assert_eq!(inf.verb("remeet").past, "remet", "prefixed irregular verbs keep the stem's forms");
        let err = Inflector::parse("irr.txt", "meet | met\n").unwrap_err();
        assert_eq!(
            err[0].to_string(),
            "irr.txt:1: expected 5 fields `base | 3sg | past | participle | gerund`, found 2"
        );
    }

    #[test]
    fn nouns() {
        assert_eq!(noun_forms("attack"), vec!["attack", "attacks"]);
        assert_eq!(noun_forms("talks"), vec!["talks"]);
    }
}
