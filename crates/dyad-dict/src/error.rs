use std::fmt;

/// A problem in a dictionary file, located by file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictError {
    /// The file name as the user knows it (`verbs.txt`, or a path).
    pub file: String,
    /// 1-based line number; 0 when the problem concerns the whole file.
    pub line: usize,
    pub message: String,
}

impl DictError {
    pub(crate) fn new(file: &str, line: usize, message: impl Into<String>) -> DictError {
        DictError { file: file.to_string(), line, message: message.into() }
    }
}

impl fmt::Display for DictError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

impl std::error::Error for DictError {}

/// Every problem found while loading a set of dictionaries. Loading reports
/// them all at once, so that a user fixing a file sees the whole list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictErrors(pub Vec<DictError>);

impl fmt::Display for DictErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DictErrors {}

/// Iterates over the meaningful lines of a dictionary file: comments
/// stripped, blank lines skipped, 1-based line numbers kept. Leading
/// whitespace is kept because `people.txt` uses indentation.
pub fn content_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter_map(|(i, raw)| {
        let line = strip_comment(raw).trim_end();
        if line.trim().is_empty() {
            None
        } else {
            Some((i + 1, line))
        }
    })
}

/// A `#` starts a comment unless it sits inside a word (`C#`).
fn strip_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && (i == 0 || bytes[i - 1].is_ascii_whitespace()) {
            return &line[..i];
        }
    }
    line
}

/// True for a CAMEO actor code: one or more blocks of three capitals or
/// digits (`RUSGOV`, `IGOWSTNAT`, `---` is not accepted here).
pub fn is_actor_code(code: &str) -> bool {
    !code.is_empty()
        && code.len().is_multiple_of(3)
        && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines() {
        let text = "# header\n\nRUS | Russia # trailing\n  C# | x\n";
        let lines: Vec<_> = content_lines(text).collect();
        assert_eq!(lines, vec![(3, "RUS | Russia"), (4, "  C# | x")]);
    }

    #[test]
    fn actor_codes() {
        assert!(is_actor_code("RUSGOV"));
        assert!(!is_actor_code("RUSGO"));
        assert!(!is_actor_code("rus"));
        assert!(!is_actor_code(""));
    }
}
