//! Multi-word phrase lookup over token sequences.
//!
//! Dictionary phrases are tokenised with the same tokenizer as the text
//! (`dyad_text::tokenize`), so "U.S." or "al-Qaeda" split the same way on
//! both sides. Matching is on lower-cased tokens; a phrase written wholly in
//! capitals of at most five letters ("US", "UN", "IS") also demands the same
//! capitals in the text, so the pronoun "us" is not the United States.

use std::collections::HashMap;

use dyad_text::Token;

/// One phrase of a table, with its payload.
#[derive(Debug, Clone)]
pub struct Phrase<T> {
    /// Lower-cased tokens.
    pub tokens: Vec<String>,
    /// Tokens as written, for the case-sensitive check.
    pub exact: Option<Vec<String>>,
    /// The phrase as written in its dictionary.
    pub written: String,
    pub value: T,
}

/// A table of phrases indexed by their first token.
#[derive(Debug, Clone)]
pub struct PhraseTable<T> {
    by_first: HashMap<String, Vec<Phrase<T>>>,
    len: usize,
}

impl<T> Default for PhraseTable<T> {
    fn default() -> Self {
        PhraseTable { by_first: HashMap::new(), len: 0 }
    }
}

/// Tokenises a dictionary phrase the way text is tokenised. Returns the
/// tokens as written (normalised, case kept).
pub fn phrase_tokens(phrase: &str) -> Vec<String> {
    dyad_text::tokenize(phrase, 0, phrase.len()).into_iter().map(|t| t.norm).collect()
}

/// British style writes acronyms in title case ("Nato", "Farc", "Isis"):
/// accept that, unless the word is a common English word ("Us", "Who",
/// "It" at the start of a sentence).
fn titlecase_acronym(acronym: &str, word: &str) -> bool {
    const WORDS: &[&str] = &[
        "us", "who", "it", "is", "in", "at", "as", "an", "or", "so", "on", "no", "am", "if", "by", "to", "do", "go",
        "he", "we", "me", "my", "be", "of", "up", "aid", "all", "can", "era", "art", "ira",
    ];
    let mut chars = word.chars();
    let Some(first) = chars.next() else { return false };
    let rest: String = chars.collect();
    word.len() >= 3
        && first.is_uppercase()
        && rest.chars().all(char::is_lowercase)
        && word.eq_ignore_ascii_case(acronym)
        && !WORDS.contains(&word.to_lowercase().as_str())
}

fn needs_exact_case(phrase: &str) -> bool {
    let letters: Vec<char> = phrase.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.len() <= 5 && letters.iter().all(|c| c.is_uppercase())
}

impl<T> PhraseTable<T> {
    /// Adds a phrase. Returns false when the phrase has no tokens.
    pub fn insert(&mut self, phrase: &str, value: T) -> bool {
        let written = phrase_tokens(phrase);
        if written.is_empty() {
            return false;
        }
        let tokens: Vec<String> = written.iter().map(|t| t.to_lowercase()).collect();
        let exact = needs_exact_case(phrase).then_some(written);
        self.by_first.entry(tokens[0].clone()).or_default().push(Phrase {
            tokens,
            exact,
            written: phrase.to_string(),
            value,
        });
        self.len += 1;
        true
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the table holds no phrase.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every phrase that matches the tokens starting at `at`, longest first.
    pub fn matches_at<'a>(&'a self, tokens: &[Token], at: usize) -> Vec<(usize, &'a T)> {
        let mut out = Vec::new();
        let Some(first) = tokens.get(at) else { return out };
        let Some(cands) = self.by_first.get(first.lower.as_str()) else { return out };
        for p in cands {
            let n = p.tokens.len();
            if at + n > tokens.len() {
                continue;
            }
            let ok = p.tokens.iter().zip(&tokens[at..at + n]).all(|(a, t)| *a == t.lower)
                && p.exact.as_ref().is_none_or(|ex| {
                    ex.iter().zip(&tokens[at..at + n]).all(|(a, t)| *a == t.norm || titlecase_acronym(a, &t.norm))
                });
            if ok {
                out.push((n, &p.value));
            }
        }
        out.sort_by(|a, b| b.0.cmp(&a.0));
        out
    }

    /// The longest phrase matching at `at`: its length in tokens and every
    /// value stored for phrases of that length.
    pub fn longest_at<'a>(&'a self, tokens: &[Token], at: usize) -> Option<(usize, Vec<&'a T>)> {
        let all = self.matches_at(tokens, at);
        let n = all.first()?.0;
        Some((n, all.into_iter().take_while(|(m, _)| *m == n).map(|(_, v)| v).collect()))
    }

    /// Iterates over every phrase.
    pub fn iter(&self) -> impl Iterator<Item = &Phrase<T>> {
        self.by_first.values().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Token> {
        dyad_text::tokenize(s, 0, s.len())
    }

    #[test]
    fn longest_match_and_case() {
        let mut t = PhraseTable::default();
        t.insert("United States", 1);
        t.insert("United States of America", 2);
        t.insert("US", 3);
        let s = toks("The United States of America and US troops told us");
        assert_eq!(t.longest_at(&s, 1).map(|(n, v)| (n, *v[0])), Some((4, 2)));
        assert_eq!(t.longest_at(&s, 6).map(|(n, v)| (n, *v[0])), Some((1, 3)));
        assert!(t.longest_at(&s, 9).is_none(), "lower-case `us` is not the US");
        assert!(t.longest_at(&s, 0).is_none());
        let mut t = PhraseTable::default();
        t.insert("FARC", 1);
        t.insert("WHO", 2);
        let s = toks("Farc and Who and farc and who");
        assert!(t.longest_at(&s, 0).is_some(), "title-case acronyms match (British style)");
        assert!(t.longest_at(&s, 2).is_none(), "but not when they are common words");
        assert!(t.longest_at(&s, 4).is_none() && t.longest_at(&s, 6).is_none());
    }
}
