//! Debug tool: reads `publication<TAB>text` lines (publication `-` for none)
//! on stdin and prints every date expression found, one per line:
//! `line<TAB>start..end<TAB>text<TAB>value<TAB>precision`.
//!
//! ```text
//! printf '2022-02-25\tThey met on Thursday.\n' | cargo run -p dyad-dates --example scan
//! ```

use std::io::{self, BufRead, Write};

use dyad_dates::{find_dates, Date};

fn main() -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for (n, line) in io::stdin().lock().lines().enumerate() {
        let line = line?;
        let (publication, text) = match line.split_once('\t') {
            Some((d, t)) => (d.parse::<Date>().ok(), t),
            None => (None, line.as_str()),
        };
        for e in find_dates(text, publication) {
            let (value, precision) = e.value.to_string_precision();
            writeln!(out, "{}\t{}..{}\t{}\t{value}\t{precision}", n + 1, e.start, e.end, e.text)?;
        }
    }
    Ok(())
}
