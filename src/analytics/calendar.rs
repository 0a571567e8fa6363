//! A calendar entry, the planner's output and the common currency between the planner (which decides what is due) and
//! the iCalendar writer (which turns entries into a file a calendar app opens).

use chrono::{Days, NaiveDate};

use super::Analytics;
use super::planner::{Rule, Suggestion, follow_ups, plan, suggest};
use crate::model::{Dataset, Mode};

/// One all-day to-do for a calendar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarEntry {
    /// Stable across exports, so re-importing updates rather than duplicates.
    pub uid: String,
    pub date: NaiveDate,
    pub summary: String,
    pub description: String,
}

/// Calendar entries for the plan: one per person whose touchpoint falls within `days_ahead` days
/// (overdue, due and never-contacted people on the as-of date, others on their `due_on` date),
/// and one per open follow-up within the same horizon (overdue ones on the as-of date). Uids are
/// stable (`rapport-touchpoint-<contact id>`, `rapport-follow-up-<interaction id>`), so a calendar
/// re-importing the file updates entries instead of duplicating them.
#[must_use]
pub fn calendar_entries(ds: &Dataset, an: &Analytics, days_ahead: u32) -> Vec<CalendarEntry> {
    let as_of = an.span().end;
    let horizon = as_of
        .checked_add_days(Days::new(u64::from(days_ahead)))
        .unwrap_or(as_of);
    let mut out = Vec::new();
    for p in plan(ds, an) {
        if p.due_on > horizon {
            continue;
        }
        let date = p.due_on.max(as_of);
        let suggestion = p
            .suggestion
            .clone()
            .unwrap_or_else(|| match an.contact(p.contact) {
                Some(s) => suggest(ds, an, s),
                None => Suggestion {
                    mode: Mode::Online,
                    channel: None,
                    channel_name: String::new(),
                    reason: String::new(),
                    rule: Rule::FirstContact,
                },
            });
        let last = p
            .last_contact
            .map_or_else(|| "never".to_owned(), |d| d.to_string());
        out.push(CalendarEntry {
            uid: format!("rapport-touchpoint-{}", p.contact),
            date,
            summary: format!("Get in touch with {} ({})", p.name, suggestion.channel_name),
            description: format!(
                "{}. Last contact: {last}. Cadence: every {} days ({}).",
                suggestion.reason,
                p.cadence.days,
                p.cadence.source.describe()
            ),
        });
    }
    for f in follow_ups(ds, an, days_ahead) {
        let summary = if f.summary.is_empty() {
            format!("Follow up with {}", f.names)
        } else {
            format!("Follow up with {}: {}", f.names, f.summary)
        };
        out.push(CalendarEntry {
            uid: format!("rapport-follow-up-{}", f.interaction),
            date: f.date.max(as_of),
            summary,
            description: format!("Promised on {}.", f.from),
        });
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.uid.cmp(&b.uid)));
    out
}
