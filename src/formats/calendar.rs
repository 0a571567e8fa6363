//! A calendar entry: analytics owns the type (the planner computes entries); the iCalendar
//! writer turns them into a file. Re-exported here so importers of formats find it.

pub use crate::analytics::calendar::CalendarEntry;
