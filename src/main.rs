//! Parses the command line; runs a command or, with the `gui` feature, opens the window.
//! Nothing else.

// Release builds on Windows are GUI programs: no console window opens behind the app. The
// console binary `rapport-cli` (src/bin/rapport-cli.rs) is the one to run commands from cmd.exe
// or PowerShell; debug builds keep the console.
#![cfg_attr(
    all(windows, not(debug_assertions), feature = "gui"),
    windows_subsystem = "windows"
)]

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = rapport::cli::Cli::parse();
    match cli.command {
        Some(command) => rapport::cli::run(command),
        None => match rapport::cli::window_file(cli.file) {
            Ok(file) => open_window(file),
            Err(code) => code,
        },
    }
}

#[cfg(feature = "gui")]
fn open_window(file: Option<std::path::PathBuf>) -> ExitCode {
    rapport::app::run(file)
}

#[cfg(not(feature = "gui"))]
fn open_window(_file: Option<std::path::PathBuf>) -> ExitCode {
    eprintln!("{}", rapport::cli::NO_WINDOW);
    ExitCode::from(2)
}
