//! The `stats` and `due` reports as CSV: the rows analytics computed ([`StatsRow`], [`PlanItem`]),
//! written with the csv crate, every text cell made [`inert`].

use std::io::Write;

use chrono::NaiveDate;

use super::csv_safe::inert;
use crate::analytics::planner::PlanItem;
use crate::analytics::report::{DUE_CSV_HEADER, STATS_CSV_HEADER, StatsRow, stats_rows};
use crate::analytics::{Analytics, Params};
use crate::model::Dataset;

fn date_cell(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// Writes the `stats` CSV (header and one row per contact) with the csv crate; text cells pass
/// through [`inert`] against spreadsheet formula injection.
pub fn write_stats_csv(rows: &[StatsRow], out: impl Write) -> Result<(), csv::Error> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(STATS_CSV_HEADER)?;
    for r in rows {
        w.write_record([
            inert(&r.name).as_ref(),
            inert(&r.email).as_ref(),
            &r.online_interactions.to_string(),
            &r.offline_interactions.to_string(),
            &r.online_minutes.to_string(),
            &r.offline_minutes.to_string(),
            &r.channels.to_string(),
            &format!("{:.1}", r.strength),
            &r.tier.to_string(),
            &date_cell(r.last_contact),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// The whole `stats` CSV for a dataset: computes the analytics for `params` (the command line's
/// defaults are `Params::new(today)`: a 365-day window) and writes one row per contact. This is
/// what `rapport export --format stats-csv` writes.
pub fn stats_csv(ds: &Dataset, params: Params, out: impl Write) -> Result<(), csv::Error> {
    let an = Analytics::compute(ds, params);
    write_stats_csv(&stats_rows(ds, &an), out)
}

/// Writes the `due` CSV for plan items (see [`crate::analytics::planner::plan`]).
pub fn write_due_csv(items: &[PlanItem], out: impl Write) -> Result<(), csv::Error> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(DUE_CSV_HEADER)?;
    for p in items {
        let channel = p
            .suggestion
            .as_ref()
            .map(|s| s.channel_name.as_str())
            .unwrap_or_default();
        w.write_record([
            inert(&p.name).as_ref(),
            inert(&p.email).as_ref(),
            &date_cell(p.last_contact),
            &p.cadence.days.to_string(),
            &p.days_since.map(|d| d.to_string()).unwrap_or_default(),
            p.status.label(),
            inert(channel).as_ref(),
        ])?;
    }
    w.flush()?;
    Ok(())
}
