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
    /// Write a dictionary set (e.g. TABARI or PETRARCH files given with
    /// --dict) in dyad's own format: verbs.txt, agents.txt,
    /// organisations.txt, people.txt, discards.txt.
    Convert(ConvertArgs),
}

#[derive(Debug, Args)]
struct ConvertArgs {
    #[command(flatten)]
    dicts: crate::dicts::DictArgs,
    /// The folder to write (created if needed).
    #[arg(long, short = 'o', value_name = "DIR")]
    output: std::path::PathBuf,
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
    let args = match args.command {
        DictCommand::Check(a) => a,
        DictCommand::Convert(a) => return convert(a),
    };
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

fn convert(args: ConvertArgs) -> anyhow::Result<ExitCode> {
    use anyhow::Context as _;
    let coder = args.dicts.coder()?;
    std::fs::create_dir_all(&args.output).with_context(|| args.output.display().to_string())?;
    for (name, content) in dyad_dict::convert::to_dyad_files(coder.dictionaries()) {
        let path = args.output.join(&name);
        std::fs::write(&path, &content).with_context(|| path.display().to_string())?;
        eprintln!("dyad: wrote {} ({} lines)", path.display(), content.lines().count());
    }
    Ok(ExitCode::SUCCESS)
}
