//! A calendar entry, the planner's output and the common currency between the planner (which decides what is due) and
//! the iCalendar writer (which turns entries into a file a calendar app opens).

use chrono::NaiveDate;

/// One all-day to-do for a calendar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarEntry {
    /// Stable across exports, so re-importing updates rather than duplicates.
    pub uid: String,
    pub date: NaiveDate,
    pub summary: String,
    pub description: String,
}
