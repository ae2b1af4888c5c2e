//! Helpers shared by the integration tests: running the real `dyad` binary,
//! and a small JSON Schema validator.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

pub mod schema;

/// What one run of `dyad` gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The summary line's count for `what` (`documents`, `events`, ...).
    pub fn summary(&self, what: &str) -> usize {
        let line = self
            .stderr
            .lines()
            .rev()
            .find(|l| l.starts_with("dyad: ") && l.ends_with(" s") && l.contains(" documents, "))
            .unwrap_or_else(|| panic!("no summary line in stderr:\n{}", self.stderr));
        for part in line.trim_start_matches("dyad: ").split(", ") {
            let mut words = part.split(' ');
            let n = words.next().unwrap();
            if words.next() == Some(what) {
                return n.parse().unwrap();
            }
        }
        panic!("no {what:?} in summary line {line:?}")
    }

    /// The document ids of `--format explain` headers, in output order.
    pub fn explain_ids(&self) -> Vec<String> {
        self.stdout
            .lines()
            .filter_map(|l| l.strip_prefix("=== "))
            .map(|l| l.rsplit_once(" (date ").expect("header with a date").0.to_string())
            .collect()
    }
}

/// Runs `dyad ARGS` in `dir`, feeding `stdin` when given.
pub fn dyad(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .current_dir(dir)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run dyad");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        let input = input.to_vec();
        // Written from a thread so a large input cannot deadlock against
        // dyad's output filling its pipe.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&input);
        });
    }
    let out = child.wait_with_output().expect("wait for dyad");
    Run {
        code: out.status.code().expect("dyad exited by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Path of the repository's event schema.
pub fn schema_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema/event.schema.json")
}
