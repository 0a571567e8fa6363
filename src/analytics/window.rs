//! The time window analytics look at, as of a date.

use chrono::{Days, NaiveDate};

/// The window used when none is chosen (the command line's `--window` default).
pub const DEFAULT_WINDOW_DAYS: u32 = 365;

/// Which interactions count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Window {
    /// The `n` days ending on the as-of date, both ends included: `LastDays(1)` is the as-of day
    /// alone, `LastDays(365)` the year ending on it. `LastDays(0)` is empty.
    LastDays(u32),
    /// Everything up to and including the as-of date.
    All,
    /// From `from` to `to`, both included, and never past the as-of date.
    Range { from: NaiveDate, to: NaiveDate },
}

impl Default for Window {
    fn default() -> Self {
        Window::LastDays(DEFAULT_WINDOW_DAYS)
    }
}

impl Window {
    /// The dates this window covers as of `as_of`.
    #[must_use]
    pub fn span(self, as_of: NaiveDate) -> Span {
        match self {
            Window::LastDays(0) => Span {
                start: as_of.checked_add_days(Days::new(1)),
                end: as_of,
            },
            Window::LastDays(n) => Span {
                start: as_of.checked_sub_days(Days::new(u64::from(n) - 1)),
                end: as_of,
            },
            Window::All => Span {
                start: None,
                end: as_of,
            },
            Window::Range { from, to } => Span {
                start: Some(from),
                end: to.min(as_of),
            },
        }
    }

    /// A short description for headings ("last 365 days", "all time", "2025-01-01 to 2025-03-31").
    #[must_use]
    pub fn describe(self) -> String {
        match self {
            Window::LastDays(1) => "the last day".to_owned(),
            Window::LastDays(n) => format!("the last {n} days"),
            Window::All => "all time".to_owned(),
            Window::Range { from, to } => format!("{from} to {to}"),
        }
    }
}

/// The dates a window covers: `start..=end` (`start` `None` means from the beginning). Nothing
/// after `end` is ever looked at: it is the date the analytics are "as of".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: Option<NaiveDate>,
    pub end: NaiveDate,
}

impl Span {
    /// Whether `date` lies in the window.
    #[must_use]
    pub fn contains(self, date: NaiveDate) -> bool {
        date <= self.end && self.start.is_none_or(|s| date >= s)
    }

    /// Whether `date` is on or before the end (history that still counts for first and last
    /// contact and the duration of the tie).
    #[must_use]
    pub fn reaches(self, date: NaiveDate) -> bool {
        date <= self.end
    }

    /// Number of days in the window (`None` for an open start).
    #[must_use]
    pub fn days(self) -> Option<i64> {
        self.start.map(|s| ((self.end - s).num_days() + 1).max(0))
    }
}
