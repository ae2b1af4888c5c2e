//! The CAMEO event codebook (`cameo.tsv`): names, Goldstein scores,
//! QuadClass and PLOVER categories.

use std::collections::HashMap;

use crate::error::DictError;

/// Facts about one CAMEO event code.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeInfo {
    pub name: String,
    pub goldstein: Option<f64>,
    pub quad_class: Option<u8>,
    pub plover: Option<String>,
}

/// Every CAMEO code, keyed by the code with its leading zeros.
#[derive(Debug, Clone, Default)]
pub struct Codebook {
    codes: HashMap<String, CodeInfo>,
}

impl Codebook {
    /// Parses the tab-separated table with header
    /// `code name goldstein quad_class plover`.
    pub fn parse(file: &str, text: &str) -> Result<Codebook, Vec<DictError>> {
        let mut codes = HashMap::new();
        let mut errors = Vec::new();
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, h))
                if h.trim_end().split('\t').collect::<Vec<_>>()
                    == ["code", "name", "goldstein", "quad_class", "plover"] => {}
            _ => errors.push(DictError::new(
                file,
                1,
                "header must be `code<TAB>name<TAB>goldstein<TAB>quad_class<TAB>plover`",
            )),
        }
        for (i, line) in lines {
            let line_no = i + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').map(str::trim).collect();
            if f.len() != 5 {
                errors.push(DictError::new(
                    file,
                    line_no,
                    format!("expected 5 tab-separated fields, found {}", f.len()),
                ));
                continue;
            }
            let code = f[0];
            if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
                errors.push(DictError::new(file, line_no, format!("`{code}` is not a CAMEO code (2–4 digits)")));
                continue;
            }
            let goldstein = if f[2].is_empty() {
                None
            } else {
                match f[2].parse::<f64>() {
                    Ok(g) if (-10.0..=10.0).contains(&g) => Some(g),
                    _ => {
                        errors.push(DictError::new(
                            file,
                            line_no,
                            format!("goldstein `{}` is not a number in [-10, 10]", f[2]),
                        ));
                        continue;
                    }
                }
            };
            let quad_class = match f[3].parse::<u8>() {
                Ok(q) if (1..=4).contains(&q) => Some(q),
                _ if f[3].is_empty() => None,
                _ => {
                    errors.push(DictError::new(file, line_no, format!("quad_class `{}` must be 1–4", f[3])));
                    continue;
                }
            };
            let info = CodeInfo {
                name: f[1].to_string(),
                goldstein,
                quad_class,
                plover: (!f[4].is_empty()).then(|| f[4].to_string()),
            };
            if codes.insert(code.to_string(), info).is_some() {
                errors.push(DictError::new(file, line_no, format!("`{code}` is listed twice")));
            }
        }
        if errors.is_empty() {
            Ok(Codebook { codes })
        } else {
            Err(errors)
        }
    }

    /// Facts about a code, if it is a CAMEO code.
    pub fn get(&self, code: &str) -> Option<&CodeInfo> {
        self.codes.get(code)
    }

    /// Number of codes.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The root (`"19"`) of a CAMEO code, if it is one.
    pub fn root_of(&self, code: &str) -> Option<String> {
        self.get(code).map(|_| code[..2].to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_errors() {
        let ok =
            "code\tname\tgoldstein\tquad_class\tplover\n190\tUse force\t-10\t4\tASSAULT\n010\tMake statement\t0\t1\t\n";
        let b = Codebook::parse("cameo.tsv", ok).unwrap();
        assert_eq!(b.get("190").unwrap().goldstein, Some(-10.0));
        assert_eq!(b.get("010").unwrap().plover, None);
        assert_eq!(b.root_of("190").as_deref(), Some("19"));
        let bad = "code\tname\tgoldstein\tquad_class\tplover\n19x\ta\t1\t1\t\n190\ta\tlots\t4\t\n";
        let e = Codebook::parse("cameo.tsv", bad).unwrap_err();
        assert_eq!(e[0].to_string(), "cameo.tsv:2: `19x` is not a CAMEO code (2–4 digits)");
        assert_eq!(e[1].to_string(), "cameo.tsv:3: goldstein `lots` is not a number in [-10, 10]");
    }
}
