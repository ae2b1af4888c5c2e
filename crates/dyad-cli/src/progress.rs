//! Progress and messages on stderr for long runs.

use std::io::{self, IsTerminal};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// Messages and the progress spinner on stderr, shared by the commands that
/// code documents (`code`, `ingest`, `recode`). Messages are printed with the
/// spinner suspended so the two never garble each other.
pub struct Reporter {
    quiet: bool,
    what: &'static str,
    bar: Option<ProgressBar>,
}

impl Reporter {
    pub fn new(quiet: bool, what: &'static str) -> Reporter {
        Reporter { quiet, what, bar: None }
    }

    /// Shows a spinner once more than one document is seen, when stderr is
    /// a terminal.
    pub fn start_if_many(&mut self, docs_seen: usize) {
        if self.bar.is_some() || self.quiet || docs_seen < 2 || !io::stderr().is_terminal() {
            return;
        }
        let bar = ProgressBar::new_spinner();
        if let Ok(style) =
            ProgressStyle::with_template(&format!("{{spinner}} {{human_pos}} {}, {{elapsed}}", self.what))
        {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(200));
        self.bar = Some(bar);
    }

    pub fn inc(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    pub fn error(&self, message: &str) {
        self.print(message);
    }

    pub fn notice(&self, message: &str) {
        if !self.quiet {
            self.print(message);
        }
    }

    pub fn print(&self, message: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("dyad: {message}")),
            None => eprintln!("dyad: {message}"),
        }
    }

    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
