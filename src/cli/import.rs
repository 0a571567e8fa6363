//! `rapport import SRC... --into FILE [--format ...] [--dry-run] [--merge-weak]`: reads each source, prints
//! what is added, merged and skipped (with reasons and line numbers), and saves FILE once,
//! atomically. A source that cannot be read leaves FILE untouched.
//!
//! Capture sources (calendars, mail, chats, call logs; see docs/CAPTURE.md) become interactions
//! through `formats::capture`: `--me` tells who the user is, `--add-people` adds the people who
//! are not contacts yet and have at least two captured interactions.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::formats::capture::{self, Capture, CaptureOptions, CapturePlan, Clock};
use crate::formats::{Format, ImportChoices, ImportPlan, Parsed, read_source};
use crate::model::Edit;
use crate::store::{self, Document};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files to import (vCard, contact CSV, interactions CSV, another Rapport file, or a calendar,
    /// mailbox, .eml folder, chat export or call log)
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
    /// One of your own email addresses, phone numbers or chat names (repeatable); kept in the
    /// data file's settings, so captured mail, meetings and chats can tell you from others
    #[arg(long = "me", value_name = "ADDRESS")]
    pub me: Vec<String>,
    /// Add the people who are not contacts and have at least two captured interactions
    #[arg(long)]
    pub add_people: bool,
    /// Also make the proposed merges (same name alone, or a shared phone or email under
    /// different names); without it they are listed and the contacts added separately
    #[arg(long)]
    pub merge_weak: bool,
}

/// "reading FILE: 42%" on stderr while a big capture source is read, when stderr is a terminal.
struct Progress {
    name: String,
    shown: Option<u64>,
    terminal: bool,
}

impl Progress {
    fn new(src: &std::path::Path) -> Self {
        Self {
            name: src.display().to_string(),
            shown: None,
            terminal: std::io::IsTerminal::is_terminal(&std::io::stderr()),
        }
    }

    /// Always continues (the command line is stopped with Ctrl+C).
    fn show(&mut self, done: u64, total: u64) -> bool {
        if self.terminal && total >= 32 << 20 {
            let percent = done.saturating_mul(100) / total.max(1);
            if self.shown != Some(percent) {
                self.shown = Some(percent);
                eprint!("\rreading {}: {percent}%", self.name);
            }
        }
        true
    }

    fn finish(&self) {
        if self.shown.is_some() {
            eprintln!();
        }
    }
}

/// A source read and waiting to be planned.
enum Read {
    Contacts(Parsed),
    Capture(Box<Capture>),
}

/// Whether a source is a capture source: named so with --format, a folder (of .eml files), or
/// detected as one from its first bytes.
fn is_capture(src: &std::path::Path, format: Option<Format>) -> bool {
    if let Some(f) = format {
        return f.is_capture();
    }
    if src.is_dir() {
        return true;
    }
    let mut head = Vec::new();
    let read = std::fs::File::open(src)
        .and_then(|f| std::io::Read::read_to_end(&mut std::io::Read::take(f, 1 << 16), &mut head));
    read.is_ok() && capture::detect(&head).is_some()
}

/// `auto` or one format.
#[derive(Clone, Copy, Debug)]
pub struct FormatChoice(pub Option<Format>);

fn parse_format(s: &str) -> Result<FormatChoice, String> {
    if s.eq_ignore_ascii_case("auto") {
        return Ok(FormatChoice(None));
    }
    s.parse().map(|f| FormatChoice(Some(f))).map_err(|_| {
        let names: Vec<&str> = Format::ALL
            .iter()
            .chain(&Format::CAPTURE)
            .map(|f| f.name())
            .collect();
        format!("expected auto, {}", names.join(", "))
    })
}

/// Prints a line; a closed stdout (`rapport import ... | head`) must not stop the import, so write
/// errors are ignored.
fn say(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(super::visible(text).as_bytes());
    let _ = out.flush();
}

pub fn run(args: &Args) -> Result<ExitCode, String> {
    // Held from reading FILE to saving it, so a second writer cannot slip in between and lose
    // this run's changes or its own.
    let _lock = if args.dry_run {
        None
    } else {
        Some(
            store::lock(&args.into, "rapport import", store::CLI_WAIT)
                .map_err(|e| e.to_string())?,
        )
    };
    let mut doc = if args.into.exists() {
        store::load(&args.into).map_err(|e| e.to_string())?
    } else {
        Document::default()
    };
    let mut changed = false;
    let mut settings = doc.data.settings().clone();
    let mut new_me = false;
    for me in &args.me {
        new_me |= settings.me.add(me);
    }
    if new_me {
        say(&format!(
            "me: {}\n",
            settings
                .me
                .emails
                .iter()
                .chain(&settings.me.phones)
                .chain(&settings.me.names)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        ));
        doc.data
            .apply(Edit::SetSettings(settings.clone()))
            .map_err(|e| format!("{}: {e}", args.into.display()))?;
        changed = true;
    }
    // Read every source first: one that fails changes nothing.
    let clock = Clock::system();
    let mut parsed = Vec::with_capacity(args.sources.len());
    for src in &args.sources {
        let read = if is_capture(src, args.format.0) {
            let mut progress = Progress::new(src);
            let cap =
                capture::read_capture(src, args.format.0, &settings.me, &clock, &mut |d, t| {
                    progress.show(d, t)
                });
            progress.finish();
            Read::Capture(Box::new(cap.map_err(|e| e.to_string())?))
        } else {
            Read::Contacts(read_source(src, args.format.0).map_err(|e| e.to_string())?)
        };
        parsed.push((src, read));
    }
    for (src, read) in &parsed {
        let p = match read {
            Read::Contacts(p) => p,
            Read::Capture(cap) => {
                let mut options = CaptureOptions::for_format(cap.format);
                let mut plan = CapturePlan::new(&doc.data, cap, &options);
                if args.add_people {
                    options.add = plan.frequent_strangers(2);
                    plan = CapturePlan::new(&doc.data, cap, &options);
                }
                say(&format!(
                    "{} ({}): {}\n{}",
                    src.display(),
                    cap.format.label(),
                    plan.summary(),
                    plan.report(&doc.data)
                ));
                if !plan.strangers.is_empty() && !args.add_people {
                    say(
                        "  (people who are not contacts are not added; --add-people adds those with at least two interactions)\n",
                    );
                }
                if !plan.is_empty() {
                    doc.data.apply(plan.to_edit()).map_err(|e| {
                        format!(
                            "{}: the import breaks a rule of the data file: {e}",
                            src.display()
                        )
                    })?;
                    changed = true;
                }
                continue;
            }
        };
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
