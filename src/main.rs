//! Parses the command line; runs a command or opens the window. Nothing else.

// Release builds on Windows are GUI programs: no console window opens behind the app. The CLI
// commands still print when run from a terminal that attaches one; debug builds keep the console.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = rapport::cli::Cli::parse();
    match cli.command {
        Some(command) => rapport::cli::run(command),
        None => match cli.file {
            // `rapport frobnicate`: a mistyped command, not a file to create.
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
                ExitCode::from(2)
            }
            file => rapport::app::run(file),
        },
    }
}
