//! `rapport due FILE [--as-of YYYY-MM-DD] [--format table|csv|json]`: who is due for contact,
//! with the next best channel.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::stats::{OutputFormat, parse_date, today, write_error};
use crate::analytics::planner::{self, Status};
use crate::analytics::report::{DueRow, text_table};
use crate::analytics::{Analytics, Params, Window};
use crate::store;

/// Days ahead the table lists follow-ups and birthdays.
const AHEAD_DAYS: u32 = 7;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The data file
    pub file: PathBuf,
    /// Plan as of this date; later interactions are ignored [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
}

pub fn run(args: &Args) -> Result<ExitCode, String> {
    let doc = store::load(&args.file).map_err(|e| e.to_string())?;
    let ds = &doc.data;
    let as_of = args.as_of.unwrap_or_else(today);
    // The planner ranks over all history (see analytics::planner).
    let an = Analytics::compute(ds, Params::new(as_of).with_window(Window::All));
    let items = planner::plan(ds, &an);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        OutputFormat::Csv => {
            crate::formats::report_csv::write_due_csv(&items, &mut out).map_err(|e| {
                match e.into_kind() {
                    csv::ErrorKind::Io(io) => write_error(&io),
                    other => format!("cannot write the CSV: {other:?}"),
                }
            })?;
        }
        OutputFormat::Json => {
            let rows: Vec<DueRow> = items.iter().map(DueRow::from).collect();
            serde_json::to_writer_pretty(&mut out, &rows)
                .map_err(|e| format!("cannot write the output: {e}"))?;
            writeln!(out).map_err(|e| write_error(&e))?;
        }
        OutputFormat::Table => {
            let text = due_table(ds, &an, &items, as_of);
            out.write_all(text.as_bytes())
                .map_err(|e| write_error(&e))?;
        }
    }
    out.flush().map_err(|e| write_error(&e))?;
    Ok(ExitCode::SUCCESS)
}

fn due_table(
    ds: &crate::model::Dataset,
    an: &Analytics,
    items: &[planner::PlanItem],
    as_of: NaiveDate,
) -> String {
    let count = |s: Status| items.iter().filter(|p| p.status == s).count();
    let mut text = format!(
        "Keep in touch as of {as_of}: {} overdue, {} due, {} never contacted, {} ok\n\n",
        count(Status::Overdue),
        count(Status::Due),
        count(Status::Never),
        count(Status::Ok)
    );
    let header = [
        "Status",
        "Name",
        "Last contact",
        "Days since",
        "Cadence",
        "Next channel",
        "Why",
    ];
    let cells: Vec<Vec<String>> = items
        .iter()
        .filter(|p| p.status.needs_contact())
        .map(|p| {
            vec![
                p.status.label().to_owned(),
                p.name.clone(),
                p.last_contact.map(|d| d.to_string()).unwrap_or_default(),
                p.days_since.map(|d| d.to_string()).unwrap_or_default(),
                p.cadence.days.to_string(),
                p.suggestion
                    .as_ref()
                    .map(|s| s.channel_name.clone())
                    .unwrap_or_default(),
                p.suggestion
                    .as_ref()
                    .map(|s| s.reason.clone())
                    .unwrap_or_default(),
            ]
        })
        .collect();
    if cells.is_empty() {
        text.push_str("Nobody is due.\n");
    } else {
        text.push_str(&text_table(&header, &cells, &[3, 4]));
    }
    let follow = planner::follow_ups(ds, an, AHEAD_DAYS);
    if !follow.is_empty() {
        text.push_str("\nFollow-ups (overdue and in the next week)\n");
        let cells: Vec<Vec<String>> = follow
            .iter()
            .map(|f| {
                vec![
                    f.date.to_string(),
                    if f.overdue { "overdue" } else { "" }.to_owned(),
                    f.names.clone(),
                    f.summary.clone(),
                ]
            })
            .collect();
        text.push_str(&text_table(&["Date", "", "With", "About"], &cells, &[]));
    }
    let birthdays = planner::birthdays(ds, as_of, AHEAD_DAYS);
    if !birthdays.is_empty() {
        text.push_str("\nBirthdays in the next week\n");
        let cells: Vec<Vec<String>> = birthdays
            .iter()
            .map(|b| {
                vec![
                    b.date.to_string(),
                    b.name.clone(),
                    b.turns.map(|t| format!("turns {t}")).unwrap_or_default(),
                ]
            })
            .collect();
        text.push_str(&text_table(&["Date", "Name", ""], &cells, &[]));
    }
    text
}
