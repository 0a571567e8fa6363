//! `rapport merge FILE OTHER... [--base BASE]`: merge other copies of the data (a synced
//! device's, a sync tool's conflict copy) into FILE, record by record, and print what came from
//! where. FILE is saved atomically with its backup; conflict copies of FILE are moved into
//! `FILE.merged-copies/` once merged. On any error no file changes.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::sync::files;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The data file to merge into
    pub file: PathBuf,
    /// The other copies to merge in
    #[arg(required = true)]
    pub other: Vec<PathBuf>,
    /// The version both copies came from (a better merge: a field changed on one side only is
    /// never taken for a conflict)
    #[arg(long)]
    pub base: Option<PathBuf>,
}

pub fn run(args: &Args) -> Result<ExitCode, String> {
    let merges = files::merge_files(&args.file, &args.other, args.base.as_deref())?;
    for m in &merges {
        let what = match m.tool {
            Some(tool) => format!("{} conflict copy {}", tool.name(), m.source.display()),
            None => m.source.display().to_string(),
        };
        println!("from {what}: {}", m.report.summary());
        print!("{}", m.report);
        if let Some(to) = &m.moved_to {
            println!("  moved {} to {}", m.source.display(), to.display());
        }
    }
    println!("merged into {}", args.file.display());
    Ok(ExitCode::SUCCESS)
}
