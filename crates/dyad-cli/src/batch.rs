//! Reading documents in batches and coding each one safely: shared by the
//! commands that code (`code`, `ingest`, `recode`).

use std::panic::{self, AssertUnwindSafe};

use dyad_coder::{Article, CodedArticle, Coder};

use crate::input::{Inputs, Item};
use crate::lang;

/// How much one batch may hold. A batch is coded in parallel and then
/// written, so these bound memory however large the input is.
#[derive(Debug, Clone, Copy)]
pub struct BatchLimits {
    /// Most documents.
    pub docs: usize,
    /// Most items (documents plus messages), so a file of millions of bad
    /// lines is not held in memory before it is reported.
    pub items: usize,
    /// Most text, in bytes.
    pub bytes: usize,
}

impl BatchLimits {
    /// `docs` documents, four times as many items, and 64 MiB of text.
    pub const fn documents(docs: usize) -> BatchLimits {
        BatchLimits { docs, items: 4 * docs, bytes: 64 * 1024 * 1024 }
    }
}

/// Moves items from `inputs` into `batch` until it is full. False when the
/// inputs are exhausted.
pub fn fill_batch(inputs: &mut Inputs, batch: &mut Vec<Item>, limits: BatchLimits) -> bool {
    let (mut docs, mut bytes) = (0, 0);
    while docs < limits.docs && bytes < limits.bytes && batch.len() < limits.items {
        let Some(item) = inputs.next() else {
            return false;
        };
        if let Item::Doc(doc) = &item {
            docs += 1;
            bytes += doc.article.text.len();
        }
        batch.push(item);
    }
    true
}

/// What coding one document gave.
pub enum Outcome {
    Coded(CodedArticle),
    NonEnglish(&'static str),
    /// The coder panicked; the message is the panic payload.
    Failed(String),
}

/// Codes one article; non-English text is skipped when `lang_check` is on.
pub fn code_one(coder: &Coder, article: &Article, lang_check: bool) -> Outcome {
    if lang_check {
        if let Some(lang) = lang::non_english(&article.text) {
            return Outcome::NonEnglish(lang);
        }
    }
    // A coder bug must not take the whole run down: the document is
    // reported as failed and the rest are coded.
    match panic::catch_unwind(AssertUnwindSafe(|| coder.code(article))) {
        Ok(coded) => Outcome::Coded(coded),
        Err(payload) => Outcome::Failed(
            payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into()),
        ),
    }
}
