//! The dictionary options shared by every command that codes.

use std::path::PathBuf;

use anyhow::anyhow;
use clap::Args;
use dyad_coder::Coder;
use dyad_dict::{DictFormat, DictOptions, Dictionaries};

#[derive(Debug, Clone, Args)]
pub struct DictArgs {
    /// An extra dictionary file in the field's formats (TABARI .verbs,
    /// .actors, .agents; PETRARCH-2 CAMEO.2.0.txt, Phoenix.*.txt) or dyad's;
    /// the file name says its kind (verbs, actors, agents, discards,
    /// issues). A dyad dictionary folder replaces the built-in set.
    /// Repeatable.
    #[arg(long = "dict", value_name = "FILE")]
    dicts: Vec<PathBuf>,
    /// The format of the --dict files, when it cannot be told from them:
    /// tabari, petrarch1, petrarch2 or dyad.
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    dict_format: Option<DictFormat>,
    /// Use only the given dictionaries: leave dyad's built-in actors,
    /// patterns and discards out.
    #[arg(long)]
    no_default_dict: bool,
    /// A TABARI .project file or a PETRARCH config (.ini): the dictionaries
    /// it names are used instead of dyad's.
    #[arg(long, value_name = "FILE")]
    project: Option<PathBuf>,
}

fn parse_format(s: &str) -> Result<DictFormat, String> {
    DictFormat::parse(s)
        .ok_or_else(|| format!("unknown dictionary format `{s}` (tabari, petrarch1, petrarch2 or dyad)"))
}

impl DictArgs {
    /// The coder these options describe.
    pub fn coder(&self) -> anyhow::Result<Coder> {
        let options = DictOptions {
            files: self.dicts.clone(),
            format: self.dict_format,
            no_default: self.no_default_dict,
            project: self.project.clone(),
        };
        let dict = Dictionaries::from_options(&options).map_err(|e| anyhow!("loading dictionaries:\n{e}"))?;
        Ok(Coder::new(dict))
    }
}

/// The options of the commands that code many documents (`code`, `ingest`,
/// `recode`): dictionaries, geocoding and the number of coding threads.
#[derive(Debug, Clone, Args)]
pub struct CodingArgs {
    /// Do not look for places: events carry no location (faster; used to
    /// measure what geocoding costs).
    #[arg(long)]
    no_geocode: bool,

    #[command(flatten)]
    dicts: DictArgs,

    /// Number of coding threads (default: one per CPU).
    #[arg(short = 'j', long, value_name = "N")]
    threads: Option<usize>,
}

impl CodingArgs {
    /// Sizes rayon's global pool and builds the coder these options describe.
    pub fn coder(&self) -> anyhow::Result<Coder> {
        if let Some(threads) = self.threads {
            // Fails only when the global pool already exists, which it
            // cannot before the first coding; ignore rather than abort.
            let _ = rayon::ThreadPoolBuilder::new().num_threads(threads).build_global();
        }
        Ok(self.dicts.coder()?.with_geocoding(!self.no_geocode))
    }
}
