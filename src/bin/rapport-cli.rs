//! `rapport-cli`: the command line alone, as a console program on every platform. On Windows,
//! release builds of `rapport` are GUI programs (no console window behind the app), so their
//! output never reaches cmd.exe or PowerShell; this binary runs the same commands (the same
//! `rapport::cli` code) and prints where the terminal can see it. It never opens the window.

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

fn main() -> ExitCode {
    let matches = rapport::cli::Cli::command()
        .name("rapport-cli")
        .bin_name("rapport-cli")
        .get_matches();
    let cli = match rapport::cli::Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    match cli.command {
        Some(command) => rapport::cli::run(command),
        None => {
            eprintln!(
                "rapport-cli: give a command (check, generate, import, export, stats or due); \
                 `rapport-cli --help` lists them, and `rapport` opens the window"
            );
            ExitCode::from(2)
        }
    }
}
