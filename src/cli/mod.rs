//! The command line: one file per command, each printing what the library computes.
//! The names and flags are a contract (see ../README.md and docs); keep them stable.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod check;
mod due;
mod export;
mod generate;
mod import;
mod merge;
mod stats;
mod sync;

/// Rapport: a relationship manager that scores ties by the quality of interactions, online or
/// offline.
#[derive(Debug, Parser)]
#[command(
    name = "rapport",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A data file to open in the app (the bundled demo data when none is given)
    pub file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a data file; print a one-line summary; exit 0 valid, 1 invalid
    Check(check::Args),
    /// Write a realistic synthetic data file (deterministic for a seed)
    Generate(generate::Args),
    /// Import contacts or interactions into a data file (created if missing)
    Import(import::Args),
    /// Merge other copies of the data (a synced device's, a conflict copy) into FILE, record by
    /// record; print what came from where
    Merge(merge::Args),
    /// Two-way contact sync with a CardDAV address book (password from the system keyring or
    /// the environment)
    Sync(sync::Args),
    /// Export a data file to another format
    Export(export::Args),
    /// Relationship statistics: engagement online and offline, tie strength and tier
    Stats(stats::Args),
    /// Who is due for contact, with a suggested channel
    Due(due::Args),
}

/// What `rapport` with no command says when this build has no window (built without the `gui`
/// feature, or the console binary `rapport-cli`).
pub const NO_WINDOW: &str = "rapport: this build has no window (it was built without the `gui` \
                             feature); run a command such as `rapport stats FILE`, or see \
                             `rapport --help`";

/// The file to open in the window when `rapport` runs with no command, or the exit code when the
/// argument is a mistyped command (`rapport frobnicate`) rather than a file: a new data file must
/// end in `.json`.
pub fn window_file(file: Option<PathBuf>) -> Result<Option<PathBuf>, ExitCode> {
    match file {
        Some(f)
            if !f.exists()
                && !f
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("json")) =>
        {
            eprintln!(
                "rapport: \"{}\" is neither a command nor an existing file (a new data file \
                 must end in .json); see `rapport --help`",
                f.display()
            );
            Err(ExitCode::from(2))
        }
        file => Ok(file),
    }
}

/// Exit code for bad data (usage errors exit 2 through clap).
pub const EXIT_BAD_DATA: u8 = 1;

/// Runs a command-line command and returns the process exit code.
#[must_use]
pub fn run(command: Command) -> ExitCode {
    let result = match command {
        Command::Check(a) => check::run(&a),
        Command::Generate(a) => generate::run(&a),
        Command::Import(a) => import::run(&a),
        Command::Merge(a) => merge::run(&a),
        Command::Sync(a) => sync::run(&a),
        Command::Export(a) => export::run(&a),
        Command::Stats(a) => stats::run(&a),
        Command::Due(a) => due::run(&a),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("rapport: {}", visible(&message));
            ExitCode::from(EXIT_BAD_DATA)
        }
    }
}

/// `text` with every control character made visible as `\u{..}` (line breaks and tabs kept), so
/// that a name carrying a terminal escape sequence cannot retitle or clear the user's terminal
/// when it is printed. Bidirectional overrides are shown too: they reorder what is displayed.
#[must_use]
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.contains(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if hidden(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(super::visible("Ada\nBo\tCy"), "Ada\nBo\tCy");
        assert_eq!(
            super::visible("Eve\u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}"),
            "Eve\\u{1b}]0;pwned\\u{7}\\u{9b}2J\\u{202e}"
        );
    }
}
