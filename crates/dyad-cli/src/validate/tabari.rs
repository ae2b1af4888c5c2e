//! The TABARI 0.8 validation suite: `Validate.jsonl` with the suite's
//! `Validate.project`.

use std::path::Path;

use anyhow::{anyhow, Context as _};
use dyad_dict::formats::tabari::{self, Expectation};

use super::compare::Case;

/// The standard records (up to `FINAL-01`). Those that expect events or
/// none are scored; the others (discards, complex and unchecked records,
/// option records) are kept unscored, since their option commands change
/// how the records after them are coded.
pub fn cases(records: &Path) -> anyhow::Result<Vec<Case>> {
    let all =
        tabari::read_validation(records).map_err(|e| anyhow!("{e}")).with_context(|| records.display().to_string())?;
    Ok(all
        .into_iter()
        .filter(|r| !r.after_final)
        .map(|r| Case {
            scored: matches!(r.expectation, Expectation::Events | Expectation::NoEvents),
            options_after: r.option_commands.clone(),
            origin: format!("{}:{}", records.display(), r.line),
            category: r.category.clone().unwrap_or_else(|| "OTHER".into()),
            expected: r.expected.iter().map(|x| (x.source.clone(), x.target.clone(), x.code.clone())).collect(),
            id: r.id,
            text: r.text,
            date: r.date,
            require_dyad: false,
            modes: super::compare::ASSERTED,
            codes: super::compare::CodeStyle::Verbatim,
        })
        .collect())
}
