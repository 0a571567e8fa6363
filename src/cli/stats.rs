//! `rapport stats FILE [--as-of YYYY-MM-DD] [--window DAYS|all] [--format table|csv|json]`:
//! engagement online and offline, tie strength and tier for every contact.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::analytics::report::{self, text_table};
use crate::analytics::{Analytics, Params, Window};
use crate::store;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The data file
    pub file: PathBuf,
    /// Compute as of this date; later interactions are ignored [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// The window: the number of days ending on the as-of date, or `all`
    #[arg(long, value_name = "DAYS|all", default_value = "365", value_parser = parse_window)]
    pub window: Window,
    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
}

/// How `stats` and `due` print their results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// An aligned table for reading
    Table,
    /// CSV with a header row
    Csv,
    /// A JSON array of objects
    Json,
}

/// Parses `YYYY-MM-DD` (a usage error otherwise).
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("\"{s}\" is not a date; expected YYYY-MM-DD, for example 2026-03-31"))
}

/// Parses a window: a whole number of days (at least 1) or `all`.
pub fn parse_window(s: &str) -> Result<Window, String> {
    let t = s.trim();
    if t.eq_ignore_ascii_case("all") {
        return Ok(Window::All);
    }
    match t.parse::<u32>() {
        Ok(0) => Err("the window must be at least 1 day (or `all`)".to_owned()),
        Ok(n) => Ok(Window::LastDays(n)),
        Err(e) if *e.kind() == std::num::IntErrorKind::PosOverflow => Err(format!(
            "the window is at most {} days (or `all`)",
            u32::MAX
        )),
        Err(_) => Err(format!(
            "\"{s}\" is not a window; expected a number of days such as 90, or `all`"
        )),
    }
}

/// Today's date on this computer.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub(crate) fn write_error(e: &std::io::Error) -> String {
    format!("cannot write the output: {e}")
}

pub fn run(args: &Args) -> Result<ExitCode, String> {
    let doc = store::load(&args.file).map_err(|e| e.to_string())?;
    let ds = &doc.data;
    let params = Params {
        as_of: args.as_of.unwrap_or_else(today),
        window: args.window,
    };
    let an = Analytics::compute(ds, params);
    let rows = report::stats_rows(ds, &an);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        OutputFormat::Csv => {
            crate::formats::report_csv::write_stats_csv(&rows, &mut out).map_err(|e| {
                match e.into_kind() {
                    csv::ErrorKind::Io(io) => write_error(&io),
                    other => format!("cannot write the CSV: {other:?}"),
                }
            })?;
        }
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &rows)
                .map_err(|e| format!("cannot write the output: {e}"))?;
            writeln!(out).map_err(|e| write_error(&e))?;
        }
        OutputFormat::Table => {
            let text = stats_table(&an, &rows, params);
            out.write_all(text.as_bytes())
                .map_err(|e| write_error(&e))?;
        }
    }
    out.flush().map_err(|e| write_error(&e))?;
    Ok(ExitCode::SUCCESS)
}

fn stats_table(an: &Analytics, rows: &[report::StatsRow], params: Params) -> String {
    let mut text = format!(
        "Relationships as of {}, over {}: {} contacts, {} with interactions in the window\n\n",
        params.as_of,
        params.window.describe(),
        rows.len(),
        an.ranked().len()
    );
    let header = [
        "Name",
        "Tier",
        "Strength",
        "Online",
        "Offline",
        "Online min",
        "Offline min",
        "Channels",
        "Last contact",
    ];
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.name.clone(),
                r.tier.to_string(),
                format!("{:.1}", r.strength),
                r.online_interactions.to_string(),
                r.offline_interactions.to_string(),
                r.online_minutes.to_string(),
                r.offline_minutes.to_string(),
                r.channels.to_string(),
                r.last_contact.map(|d| d.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    if cells.is_empty() {
        text.push_str("No contacts in this file yet.\n");
        return text;
    }
    text.push_str(&text_table(&header, &cells, &[1, 2, 3, 4, 5, 6, 7]));
    if an.strong_ties() == 0 {
        return text;
    }
    let missed = an.offline_lens_missed();
    let invisible = missed.iter().filter(|m| m.missed).count();
    let _ = write!(
        text,
        "\nOffline-only lens: of {} strong ties, counting only offline interactions would miss \
         {} and demote {}.\n",
        an.strong_ties(),
        invisible,
        missed.len() - invisible
    );
    text
}
