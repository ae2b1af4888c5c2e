//! `dyad dict check`: loads a dictionary set (dyad's, or the field's files
//! given with the same options as `dyad code`), reports loading errors with
//! their FILE:LINE, event patterns the engine cannot reach from a sentence
//! of their own, and actor phrases listed under two codes.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct DictCmdArgs {
    #[command(subcommand)]
    command: DictCommand,
}

#[derive(Debug, Subcommand)]
enum DictCommand {
    /// Validate a dictionary set and report unreachable or conflicting
    /// entries.
    Check(CheckArgs),
}

#[derive(Debug, Args)]
struct CheckArgs {
    #[command(flatten)]
    dicts: crate::dicts::DictArgs,
    /// How many unreachable patterns and conflicts to list.
    #[arg(long, default_value_t = 40)]
    show: usize,
}

pub fn run(args: DictCmdArgs) -> anyhow::Result<ExitCode> {
    let DictCommand::Check(args) = args.command;
    // Loading errors (FILE:LINE) come back as an error and exit 2.
    let coder = args.dicts.coder()?;
    let dict = coder.dictionaries();
    let unreachable = dyad_coder::check::unreachable_patterns(&coder);
    let conflicts = dyad_coder::check::conflicting_actors(&coder);
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "loaded: {} event rules, {} actor phrases, {} people, {} discards",
        dict.verbs.rules.len(),
        dict.actors.phrases.len(),
        dict.actors.people.len(),
        dict.discards.len()
    )?;
    writeln!(out, "unreachable patterns: {} of {}", unreachable.len(), dict.verbs.rules.len())?;
    for u in unreachable.iter().take(args.show) {
        writeln!(out, "  {} `{}`: \"{}\" coded {:?}", u.rule, u.pattern, u.sentence, u.got)?;
    }
    writeln!(out, "actor phrases with two codes: {}", conflicts.len())?;
    for c in conflicts.iter().take(args.show) {
        writeln!(out, "  \"{}\": {:?}", c.phrase, c.entries)?;
    }
    Ok(ExitCode::SUCCESS)
}
