//! `rapport check FILE`: validate a data file and print a one-line summary. Never writes.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::store;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The Rapport data file to validate
    pub file: PathBuf,
}

pub fn run(args: &Args) -> Result<ExitCode, String> {
    let doc = store::load(&args.file).map_err(|e| e.to_string())?;
    let path = args.file.display();
    if let Some(found) = doc.newer_version() {
        return Err(format!(
            "{path}: it was written by a newer Rapport (format version {found}; this build knows \
             version {}), so this build can read it but would not save it",
            store::VERSION
        ));
    }
    let data = &doc.data;
    println!(
        "{path}: valid Rapport file, {} contacts, {} channels, {} interactions",
        data.contacts().len(),
        data.channels().len(),
        data.interactions().len()
    );
    Ok(ExitCode::SUCCESS)
}
