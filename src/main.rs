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
        None => {
            eprintln!("rapport: the desktop app is not built yet; see `rapport --help`");
            ExitCode::from(2)
        }
    }
}
