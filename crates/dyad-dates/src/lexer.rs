//! A tiny tokenizer tuned for date spotting. It is deliberately separate from
//! `dyad-text`'s tokenizer: dates need digits, ordinals and punctuation kept
//! apart exactly (`Feb.`, `24th`, `2022-02-24`, `2,000`), and this crate must
//! work on raw text with no tagger.

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    /// A run of letters, lower-cased; `cap` when its first letter is upper case.
    Word { lower: String, cap: bool },
    /// A run of ASCII digits with its value and digit count.
    Num { value: u32, digits: u8 },
    /// A number with an ordinal suffix: `24th`, `1st`.
    Ord(u32),
    /// One punctuation character.
    Punct(char),
    /// Anything we never use (long digit runs, `1990s`, `5km`).
    Other,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// Whitespace (or the start of the text) right before this token.
    pub space_before: bool,
}

pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut space_before = true;
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            space_before = true;
            continue;
        }
        let mut end = start + c.len_utf8();
        chars.next();
        let kind = if c.is_alphabetic() {
            while let Some(&(i, c2)) = chars.peek() {
                if !c2.is_alphabetic() {
                    break;
                }
                end = i + c2.len_utf8();
                chars.next();
            }
            let word = &text[start..end];
            Kind::Word { lower: word.to_lowercase(), cap: c.is_uppercase() }
        } else if c.is_ascii_digit() {
            while let Some(&(i, c2)) = chars.peek() {
                if !c2.is_ascii_digit() {
                    break;
                }
                end = i + 1;
                chars.next();
            }
            let digits = &text[start..end];
            let num_end = end;
            // A letter suffix glued to the digits: an ordinal or a unit.
            while let Some(&(i, c2)) = chars.peek() {
                if !c2.is_alphabetic() {
                    break;
                }
                end = i + c2.len_utf8();
                chars.next();
            }
            let value = if digits.len() <= 9 { digits.parse::<u32>().ok() } else { None };
            let suffix = text[num_end..end].to_lowercase();
            // RFC 3339's `2022-02-25T08:30`: split the `T` off so the date
            // part stays a plain number.
            let timestamp = suffix == "t" && chars.peek().is_some_and(|(_, c)| c.is_ascii_digit());
            if let (Some(value), true) = (value, timestamp) {
                let digits = digits.len() as u8;
                out.push(Token { kind: Kind::Num { value, digits }, start, end: num_end, space_before });
                let kind = Kind::Word { lower: suffix, cap: false };
                out.push(Token { kind, start: num_end, end, space_before: false });
                space_before = false;
                continue;
            }
            match (value, suffix.as_str()) {
                (Some(value), "") => Kind::Num { value, digits: digits.len() as u8 },
                (Some(value), "st" | "nd" | "rd" | "th") => Kind::Ord(value),
                _ => Kind::Other,
            }
        } else {
            Kind::Punct(c)
        };
        out.push(Token { kind, start, end, space_before });
        space_before = false;
    }
    out
}

impl Token {
    pub fn word(&self) -> Option<&str> {
        match &self.kind {
            Kind::Word { lower, .. } => Some(lower),
            _ => None,
        }
    }

    pub fn is_word(&self, w: &str) -> bool {
        self.word() == Some(w)
    }

    pub fn is_cap_word(&self) -> bool {
        matches!(self.kind, Kind::Word { cap: true, .. })
    }

    pub fn is_punct(&self, p: char) -> bool {
        self.kind == Kind::Punct(p)
    }

    /// Value of a plain number with at most `max_digits` digits.
    pub fn num(&self, max_digits: u8) -> Option<u32> {
        match self.kind {
            Kind::Num { value, digits } if digits <= max_digits => Some(value),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_offsets() {
        let text = "On Feb. 24th, 2,000 troops — 1990s é 25T08";
        let toks = tokenize(text);
        let shown: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
        let want = ["On", "Feb", ".", "24th", ",", "2", ",", "000", "troops", "—", "1990s", "é", "25", "T", "08"];
        assert_eq!(shown, want);
        assert_eq!(toks[3].kind, Kind::Ord(24));
        assert_eq!(toks[7].kind, Kind::Num { value: 0, digits: 3 });
        assert_eq!(toks[10].kind, Kind::Other);
        assert!(toks[1].space_before && !toks[2].space_before);
    }
}
