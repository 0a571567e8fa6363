//! `rapport generate --contacts N --interactions M [--seed S] --out FILE`: write a realistic
//! synthetic data file, the same for the same seed. Refuses to overwrite an existing file.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::store;
use crate::synth;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// How many contacts to create
    #[arg(long, value_name = "N")]
    pub contacts: usize,
    /// How many interactions to log among them
    #[arg(long, value_name = "M")]
    pub interactions: usize,
    /// The random seed; the same seed gives the same file
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// The file to write (must not exist yet)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

pub fn run(args: &Args) -> Result<ExitCode, String> {
    let path = args.out.display();
    if args.out.is_dir() {
        return Err(format!(
            "{path}: it is a folder, not a file; name the file to write"
        ));
    }
    let _lock =
        store::lock(&args.out, "rapport generate", store::CLI_WAIT).map_err(|e| e.to_string())?;
    if args.out.exists() {
        return Err(format!(
            "{path}: the file already exists; generate never overwrites, so choose another name \
             or remove it first"
        ));
    }
    let spec = synth::Spec::new(args.contacts, args.interactions, args.seed);
    let data = synth::generate(&spec).map_err(|e| format!("{path}: {e}"))?;
    let doc = store::Document::new(data);
    store::save(&doc, &args.out).map_err(|e| e.to_string())?;
    let data = &doc.data;
    println!(
        "{path}: wrote {} contacts, {} channels, {} interactions (seed {})",
        data.contacts().len(),
        data.channels().len(),
        data.interactions().len(),
        args.seed
    );
    Ok(ExitCode::SUCCESS)
}
