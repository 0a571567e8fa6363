//! `rapport export FILE --to OUT [--format ...]`: writes the data in another format, atomically.
//! The format follows from OUT's extension where that is unambiguous (.json, .vcf, .ics).
//! `--spreadsheet-safe` (an addition to the contract's flags) writes contacts and interactions
//! CSV cells that a spreadsheet would run as a formula with a leading `'`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::formats::{CsvCells, ExportError, ExportFormat, write_export};
use crate::store;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The Rapport data file to export
    pub file: PathBuf,
    /// The file to write
    #[arg(long, value_name = "OUT")]
    pub to: PathBuf,
    /// json, contacts-csv, interactions-csv, stats-csv, vcard (3.0; vcard4 for 4.0) or ics
    #[arg(long, value_parser = |s: &str| s.parse::<ExportFormat>())]
    pub format: Option<ExportFormat>,
    /// Contacts and interactions CSV: put a ' before cells a spreadsheet would run as a formula
    /// (phone numbers starting with +, among others). Off by default, since the ' travels into
    /// other address books
    #[arg(long)]
    pub spreadsheet_safe: bool,
}

/// Exit code for bad usage.
const EXIT_USAGE: u8 = 2;

pub fn run(args: &Args) -> Result<ExitCode, String> {
    let Some(format) = args
        .format
        .or_else(|| ExportFormat::from_extension(&args.to))
    else {
        let _ = writeln!(
            std::io::stderr(),
            "rapport: cannot tell the export format from {}; give --format (json, contacts-csv, interactions-csv, stats-csv, vcard or ics)",
            args.to.display()
        );
        return Ok(ExitCode::from(EXIT_USAGE));
    };
    let _lock =
        store::lock(&args.to, "rapport export", store::CLI_WAIT).map_err(|e| e.to_string())?;
    let doc = store::load(&args.file).map_err(|e| e.to_string())?;
    let cells = if args.spreadsheet_safe {
        CsvCells::SpreadsheetSafe
    } else {
        CsvCells::Plain
    };
    write_export(&doc, format, &args.to, chrono::Utc::now(), cells).map_err(|e| match e {
        ExportError::Write(e) => e,
    })?;
    // A closed stdout must not turn a finished export into a failure.
    let _ = writeln!(std::io::stdout(), "wrote {} ({format})", args.to.display());
    Ok(ExitCode::SUCCESS)
}
