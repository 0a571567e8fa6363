//! Parses the command line; runs a command or opens the window. Nothing else.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = rapport::cli::Cli::parse();
    match cli.command {
        Some(command) => rapport::cli::run(command),
        None => rapport::app::run(cli.file),
    }
}
