//! Import and export: vCard, the CSV dialects, the interactions CSV, iCalendar.
//! Nothing here knows about egui or rfd.

pub mod calendar;
pub mod csv_safe;
