//! Export: contacts and interactions CSV (RFC 4180; text cells made inert for spreadsheets when
//! asked, see [`CsvCells`]), vCard, iCalendar and JSON.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use thiserror::Error;

use super::calendar::CalendarEntry;
use super::csv_safe::CsvCells;
use super::vcard::{VcardVersion, to_vcard};
use super::{dates, ics, merge};
use crate::analytics;
use crate::model::{ContactId, Dataset, Labeled};
use crate::store::{self, Document};

/// An export format, as named by `rapport export --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    Json,
    ContactsCsv,
    InteractionsCsv,
    /// The `stats --format csv` columns; written by the analytics module.
    StatsCsv,
    Vcard(VcardVersion),
    Ics,
}

impl ExportFormat {
    /// The name used on the command line.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Json => "json",
            ExportFormat::ContactsCsv => "contacts-csv",
            ExportFormat::InteractionsCsv => "interactions-csv",
            ExportFormat::StatsCsv => "stats-csv",
            ExportFormat::Vcard(_) => "vcard",
            ExportFormat::Ics => "ics",
        }
    }

    /// The format a file name implies, when it implies one: `.json`, `.vcf`/`.vcard`, `.ics`.
    /// `.csv` is `None`: it could be any of three CSV exports.
    #[must_use]
    pub fn from_extension(path: &std::path::Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "json" => Some(ExportFormat::Json),
            "vcf" | "vcard" => Some(ExportFormat::Vcard(VcardVersion::V3)),
            "ics" | "ical" => Some(ExportFormat::Ics),
            _ => None,
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ExportFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "json" => Ok(ExportFormat::Json),
            "contacts-csv" => Ok(ExportFormat::ContactsCsv),
            "interactions-csv" => Ok(ExportFormat::InteractionsCsv),
            "stats-csv" => Ok(ExportFormat::StatsCsv),
            "vcard" | "vcard3" => Ok(ExportFormat::Vcard(VcardVersion::V3)),
            "vcard4" => Ok(ExportFormat::Vcard(VcardVersion::V4)),
            "ics" => Ok(ExportFormat::Ics),
            other => Err(format!("unknown export format \"{other}\"")),
        }
    }
}

#[derive(Debug, Error)]
pub enum ExportError {
    #[error("{0}")]
    Write(String),
}

fn write_rows(rows: Vec<Vec<String>>, cells: CsvCells) -> Result<Vec<u8>, ExportError> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in rows {
        w.write_record(row.iter().map(|c| cells.cell(c).into_owned()))
            .map_err(|e| ExportError::Write(e.to_string()))?;
    }
    w.into_inner()
        .map_err(|e| ExportError::Write(e.to_string()))
}

fn labeled(items: &[Labeled]) -> String {
    items
        .iter()
        .map(|l| {
            if l.label.is_empty() {
                l.value.clone()
            } else {
                format!("{} ({})", l.value, l.label)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The contacts CSV columns, in order; after them come [`ADDRESS_PARTS`] for each address
/// (`address_1_street` ...), as many as the contact with the most addresses has.
pub const CONTACT_COLUMNS: [&str; 22] = [
    "id",
    "name",
    "given_name",
    "family_name",
    "organization",
    "role",
    "email",
    "emails",
    "phones",
    "links",
    "tags",
    "how_met",
    "met_on",
    "birthday",
    "cadence_days",
    "archived",
    "notes",
    "created",
    "updated",
    "middle_name",
    "name_prefix",
    "name_suffix",
];

/// The columns of one address in the contacts CSV, after `address_N_`.
pub(crate) const ADDRESS_PARTS: [&str; 8] = [
    "label",
    "po_box",
    "extended",
    "street",
    "locality",
    "region",
    "postal_code",
    "country",
];

/// One row per contact (RFC 4180, CRLF); several emails, phones, links or tags are separated by
/// `; ` with the label in brackets.
pub fn contacts_csv(data: &Dataset, cells: CsvCells) -> Result<Vec<u8>, ExportError> {
    let most = data
        .contacts()
        .iter()
        .map(|c| c.addresses.len())
        .max()
        .unwrap_or(0);
    let mut header: Vec<String> = CONTACT_COLUMNS.iter().map(|s| (*s).to_owned()).collect();
    for n in 1..=most {
        header.extend(ADDRESS_PARTS.iter().map(|p| format!("address_{n}_{p}")));
    }
    let mut rows = vec![header];
    for c in data.contacts() {
        let mut row = vec![
            c.id.to_string(),
            c.display_name.clone(),
            c.given_name.clone(),
            c.family_name.clone(),
            c.organization.clone(),
            c.role.clone(),
            c.primary_email().unwrap_or_default().to_owned(),
            labeled(&c.emails),
            labeled(&c.phones),
            labeled(&c.links),
            c.tags.join("; "),
            c.how_met.clone(),
            c.met_on.map(|d| d.to_string()).unwrap_or_default(),
            c.birthday
                .map(|b| dates::birthday_iso(&b))
                .unwrap_or_default(),
            c.cadence_days.map(|d| d.to_string()).unwrap_or_default(),
            if c.archived { "true" } else { "false" }.to_owned(),
            c.notes.clone(),
            c.created.to_rfc3339(),
            c.updated.to_rfc3339(),
            c.middle_name.clone(),
            c.name_prefix.clone(),
            c.name_suffix.clone(),
        ];
        for n in 0..most {
            match c.addresses.get(n) {
                Some(a) => {
                    row.push(a.label.clone());
                    row.extend(a.parts().iter().map(|p| (*p).to_owned()));
                }
                None => row.extend(ADDRESS_PARTS.iter().map(|_| String::new())),
            }
        }
        rows.push(row);
    }
    write_rows(rows, cells)
}

/// The interactions CSV columns: those the import reads, plus `time`.
pub const INTERACTION_COLUMNS: [&str; 11] = [
    "date",
    "time",
    "contacts",
    "channel",
    "mode",
    "minutes",
    "depth",
    "initiated_by",
    "summary",
    "notes",
    "follow_up",
];

/// One row per interaction, in the format `rapport import --format interactions-csv` reads back.
/// Contacts are named by display name, or by email where two contacts share the name.
pub fn interactions_csv(data: &Dataset, cells: CsvCells) -> Result<Vec<u8>, ExportError> {
    let mut out = Vec::new();
    write_interactions_csv(data, cells, &mut out)?;
    Ok(out)
}

/// [`interactions_csv`] written to `out` row by row as it is produced (no row is kept), each
/// contact's name worked out once.
pub fn write_interactions_csv(
    data: &Dataset,
    cells: CsvCells,
    out: &mut dyn std::io::Write,
) -> Result<(), ExportError> {
    let mut name_count: HashMap<String, usize> = HashMap::new();
    for c in data.contacts() {
        *name_count
            .entry(merge::exact_name(&c.display_name))
            .or_default() += 1;
    }
    let who: HashMap<ContactId, String> = data
        .contacts()
        .iter()
        .map(|c| {
            let unique = name_count
                .get(&merge::exact_name(&c.display_name))
                .copied()
                .unwrap_or(0)
                <= 1;
            let name = match c.primary_email() {
                Some(e) if !unique || c.display_name.contains(';') => e.to_owned(),
                _ => c.display_name.replace(';', ","),
            };
            (c.id, name)
        })
        .collect();
    drop(name_count);
    let err = |e: csv::Error| ExportError::Write(e.to_string());
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(INTERACTION_COLUMNS).map_err(err)?;
    let mut people = String::new();
    for it in data.interactions() {
        let channel = data.channel(it.channel);
        people.clear();
        for (k, p) in it.participants.iter().enumerate() {
            if k > 0 {
                people.push_str("; ");
            }
            match who.get(p) {
                Some(name) => people.push_str(name),
                None => people.push_str(&p.to_string()),
            }
        }
        let row: [std::borrow::Cow<'_, str>; 11] = [
            it.date.to_string().into(),
            it.time
                .map(|t| t.format("%H:%M").to_string())
                .unwrap_or_default()
                .into(),
            people.as_str().into(),
            channel.map_or("", |c| c.name.as_str()).into(),
            channel.map_or("", |c| c.mode.label()).into(),
            it.minutes.map(|m| m.to_string()).unwrap_or_default().into(),
            it.depth.get().to_string().into(),
            it.initiated_by.label().into(),
            it.summary.as_str().into(),
            it.notes.as_str().into(),
            it.follow_up
                .map(|d| d.to_string())
                .unwrap_or_default()
                .into(),
        ];
        for cell in &row {
            w.write_field(cells.cell(cell).as_bytes()).map_err(err)?;
        }
        w.write_record(None::<&[u8]>).map_err(err)?;
    }
    w.flush().map_err(|e| ExportError::Write(e.to_string()))
}

/// The follow-ups of interactions as calendar entries ("Follow up with Ada Lovelace"), with a
/// UID stable across exports (`rapport-follow-up-<interaction id>`, the scheme the planner uses,
/// so a calendar re-importing either file updates the entry instead of duplicating it).
#[must_use]
pub fn follow_up_entries(data: &Dataset) -> Vec<CalendarEntry> {
    data.interactions()
        .iter()
        .filter_map(|it| {
            let due = it.follow_up?;
            let names: Vec<&str> = it
                .participants
                .iter()
                .filter_map(|&p| data.contact(p).map(|c| c.display_name.as_str()))
                .collect();
            let channel = data.channel(it.channel).map_or("", |c| c.name.as_str());
            let mut description = format!("From the {channel} interaction on {}", it.date);
            if !it.summary.is_empty() {
                description.push_str(": ");
                description.push_str(&it.summary);
            }
            Some(CalendarEntry {
                uid: format!("rapport-follow-up-{}", it.id),
                date: due,
                summary: format!("Follow up with {}", names.join(", ")),
                description,
            })
        })
        .collect()
}

/// How far ahead the calendar export looks for due touchpoints and follow-ups.
pub const PLAN_HORIZON_DAYS: u32 = 30;

fn today(stamp: DateTime<Utc>) -> chrono::NaiveDate {
    stamp.with_timezone(&chrono::Local).date_naive()
}

/// The plan as calendar entries: touchpoints due within [`PLAN_HORIZON_DAYS`] (overdue ones on
/// the day of export) and open follow-ups, as the planner computes them over all time.
#[must_use]
pub fn plan_entries(data: &Dataset, stamp: DateTime<Utc>) -> Vec<CalendarEntry> {
    let params = analytics::Params::new(today(stamp)).with_window(analytics::Window::All);
    let an = analytics::Analytics::compute(data, params);
    analytics::planner::calendar_entries(data, &an, PLAN_HORIZON_DAYS)
}

/// Writes a document to `path` in an export format, atomically (a failed export changes no
/// file; the previous file is kept as `.bak`). JSON goes through `store::save`. `cells` says
/// how contacts and interactions CSV cells are written.
pub fn write_export(
    doc: &Document,
    format: ExportFormat,
    path: &std::path::Path,
    stamp: DateTime<Utc>,
    cells: CsvCells,
) -> Result<(), ExportError> {
    if format == ExportFormat::Json {
        return store::save(doc, path).map_err(|e| ExportError::Write(e.to_string()));
    }
    if format == ExportFormat::InteractionsCsv {
        // Streamed: a million rows are never held in memory.
        return store::save_with(path, |w| {
            write_interactions_csv(&doc.data, cells, w).map_err(std::io::Error::other)
        })
        .map_err(|e| ExportError::Write(e.to_string()));
    }
    let bytes = export_bytes(doc, format, stamp, cells)?;
    store::save_with(path, |w| w.write_all(&bytes)).map_err(|e| ExportError::Write(e.to_string()))
}

/// A document in an export format. `stamp` is the DTSTAMP of iCalendar entries; `cells` says
/// how contacts and interactions CSV cells are written (the stats CSV, a report for
/// spreadsheets, is always spreadsheet-safe).
pub fn export_bytes(
    doc: &Document,
    format: ExportFormat,
    stamp: DateTime<Utc>,
    cells: CsvCells,
) -> Result<Vec<u8>, ExportError> {
    match format {
        ExportFormat::Json => store::to_json(doc).map_err(|e| ExportError::Write(e.to_string())),
        ExportFormat::ContactsCsv => contacts_csv(&doc.data, cells),
        ExportFormat::InteractionsCsv => interactions_csv(&doc.data, cells),
        ExportFormat::StatsCsv => {
            let mut out = Vec::new();
            super::report_csv::stats_csv(&doc.data, analytics::Params::new(today(stamp)), &mut out)
                .map_err(|e| ExportError::Write(e.to_string()))?;
            Ok(out)
        }
        ExportFormat::Vcard(v) => Ok(to_vcard(&doc.data, v).into_bytes()),
        ExportFormat::Ics => Ok(ics::to_ics(&plan_entries(&doc.data, stamp), stamp).into_bytes()),
    }
}
