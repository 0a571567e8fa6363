//! The interactions CSV (see docs/IMPORT-EXPORT.md and the product brief): headers
//! case-insensitive, in any order; `date`, `contacts` and `channel` required.

use super::csv_table::Table;
use super::source::{ImportError, IncomingInteraction, Parsed, Skip};
use super::{Format, csv_safe, dates};
use crate::model::{Depth, Initiator, Mode};

const REQUIRED: [&str; 3] = ["date", "contacts", "channel"];

pub(crate) fn parse(text: &str) -> Result<Parsed, ImportError> {
    let mut table = Table::open(
        text,
        Format::InteractionsCsv,
        |fields| REQUIRED.iter().all(|r| fields.iter().any(|h| h == r)),
        || "no header row with the columns date, contacts and channel was found".to_owned(),
    )?;
    let headers: Vec<String> = std::mem::take(&mut table.headers)
        .iter()
        .map(|h| h.to_lowercase())
        .collect();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let cols = Columns {
        date: col("date"),
        time: col("time"),
        contacts: col("contacts"),
        channel: col("channel"),
        mode: col("mode"),
        minutes: col("minutes"),
        depth: col("depth"),
        initiated_by: col("initiated_by"),
        summary: col("summary"),
        notes: col("notes"),
        follow_up: col("follow_up"),
    };
    let mut parsed = Parsed::default();
    for row in table {
        match row {
            Err(skip) => parsed.skipped.push(skip),
            Ok((line, record)) => match self::row(&cols, &record, line) {
                Ok(it) => parsed.interactions.push(it),
                Err(why) => parsed.skipped.push(Skip::new(line, why)),
            },
        }
    }
    Ok(parsed)
}

struct Columns {
    date: Option<usize>,
    time: Option<usize>,
    contacts: Option<usize>,
    channel: Option<usize>,
    mode: Option<usize>,
    minutes: Option<usize>,
    depth: Option<usize>,
    initiated_by: Option<usize>,
    summary: Option<usize>,
    notes: Option<usize>,
    follow_up: Option<usize>,
}

/// A cell, trimmed, with the `'` Rapport's own export puts before formula characters removed.
fn cell(record: &csv::StringRecord, col: Option<usize>) -> &str {
    col.and_then(|i| record.get(i))
        .map_or("", |c| csv_safe::restore(c.trim()))
}

fn row(cols: &Columns, r: &csv::StringRecord, line: usize) -> Result<IncomingInteraction, String> {
    let date_text = cell(r, cols.date);
    let (date, mut time) = dates::parse_date_time(date_text)
        .ok_or_else(|| format!("the date \"{date_text}\" is not YYYY-MM-DD or RFC 3339"))?;
    let time_text = cell(r, cols.time);
    if !time_text.is_empty() {
        time = Some(
            chrono::NaiveTime::parse_from_str(time_text, "%H:%M")
                .or_else(|_| chrono::NaiveTime::parse_from_str(time_text, "%H:%M:%S"))
                .map_err(|_| format!("the time \"{time_text}\" is not HH:MM"))?,
        );
    }
    let contacts: Vec<String> = cell(r, cols.contacts)
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    if contacts.is_empty() {
        return Err("no contacts are given".to_owned());
    }
    let channel = cell(r, cols.channel).to_owned();
    if channel.is_empty() {
        return Err("no channel is given".to_owned());
    }
    let mode_text = cell(r, cols.mode);
    let mode = if mode_text.is_empty() {
        None
    } else {
        Some(mode_text.parse::<Mode>()?)
    };
    let minutes_text = cell(r, cols.minutes);
    let minutes = if minutes_text.is_empty() {
        None
    } else {
        Some(
            minutes_text
                .parse::<u32>()
                .map_err(|_| format!("minutes \"{minutes_text}\" is not a whole number"))?,
        )
    };
    let depth_text = cell(r, cols.depth);
    let depth = if depth_text.is_empty() {
        Depth::default()
    } else {
        depth_text
            .parse::<u8>()
            .ok()
            .and_then(Depth::new)
            .ok_or_else(|| format!("depth \"{depth_text}\" is not 1 to 5"))?
    };
    let initiated_by: Initiator = cell(r, cols.initiated_by).parse()?;
    let follow_text = cell(r, cols.follow_up);
    let follow_up = if follow_text.is_empty() {
        None
    } else {
        Some(
            dates::parse_date(follow_text)
                .ok_or_else(|| format!("the follow-up date \"{follow_text}\" is not YYYY-MM-DD"))?,
        )
    };
    Ok(IncomingInteraction {
        line,
        date,
        time,
        contacts,
        channel,
        mode,
        minutes,
        depth,
        initiated_by,
        summary: cell(r, cols.summary).to_owned(),
        notes: cell(r, cols.notes).to_owned(),
        follow_up,
    })
}
