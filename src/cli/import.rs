//! `rapport import SRC... --into FILE [--format ...] [--dry-run] [--merge-weak]`: reads each source, prints
//! what is added, merged and skipped (with reasons and line numbers), and saves FILE once,
//! atomically. A source that cannot be read leaves FILE untouched.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::formats::{Format, ImportChoices, ImportPlan, read_source};
use crate::store::{self, Document};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files to import (vCard, contact CSV, interactions CSV or another Rapport file)
    #[arg(required = true, value_name = "SRC")]
    pub sources: Vec<PathBuf>,
    /// The Rapport data file to import into (created if missing)
    #[arg(long, value_name = "FILE")]
    pub into: PathBuf,
    /// The format of the sources; `auto` detects it from each file's content
    #[arg(long, default_value = "auto", value_parser = parse_format)]
    pub format: FormatChoice,
    /// Print what would happen; change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Also make the proposed merges (same name alone, or a shared phone or email under
    /// different names); without it they are listed and the contacts added separately
    #[arg(long)]
    pub merge_weak: bool,
}

/// `auto` or one format.
#[derive(Clone, Copy, Debug)]
pub struct FormatChoice(pub Option<Format>);

fn parse_format(s: &str) -> Result<FormatChoice, String> {
    if s.eq_ignore_ascii_case("auto") {
        return Ok(FormatChoice(None));
    }
    s.parse().map(|f| FormatChoice(Some(f))).map_err(|_| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        format!("expected auto, {}", names.join(", "))
    })
}

/// Prints a line; a closed stdout (`rapport import ... | head`) must not stop the import, so write
/// errors are ignored.
fn say(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

pub fn run(args: &Args) -> Result<ExitCode, String> {
    let mut doc = if args.into.exists() {
        store::load(&args.into).map_err(|e| e.to_string())?
    } else {
        Document::default()
    };
    // Read every source first: one that fails changes nothing.
    let mut parsed = Vec::with_capacity(args.sources.len());
    for src in &args.sources {
        parsed.push((
            src,
            read_source(src, args.format.0).map_err(|e| e.to_string())?,
        ));
    }
    let mut changed = false;
    for (src, p) in &parsed {
        let choices = ImportChoices {
            merge_weak: args.merge_weak,
            ..ImportChoices::default()
        };
        let plan = ImportPlan::with_choices(&doc.data, p, &choices);
        say(&format!(
            "{} ({}): {}\n{}",
            src.display(),
            plan.format.label(),
            plan.summary(),
            plan.report()
        ));
        if !plan.is_empty() {
            doc.data.apply(plan.to_edit()).map_err(|e| {
                format!(
                    "{}: the import breaks a rule of the data file: {e}",
                    src.display()
                )
            })?;
            changed = true;
        }
    }
    if args.dry_run {
        say(&format!(
            "dry run: {} was not changed\n",
            args.into.display()
        ));
    } else if changed || !args.into.exists() {
        store::save(&doc, &args.into).map_err(|e| e.to_string())?;
        say(&format!("saved {}\n", args.into.display()));
    } else {
        say(&format!("nothing to change in {}\n", args.into.display()));
    }
    Ok(ExitCode::SUCCESS)
}
