//! Where the app reads "today" and "now": the system clock, or a fixed instant given in
//! [`AppOptions`](super::AppOptions) so tests and image snapshots do not change from day to day.

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, NaiveTime, Utc};

/// The app's clock.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Clock {
    /// The computer's clock; "today" is the local date.
    #[default]
    System,
    /// Always this instant; "today" is its date in UTC.
    Fixed(DateTime<Utc>),
}

impl Clock {
    /// A clock stopped at noon (UTC) on `date`.
    #[must_use]
    pub fn fixed_on(date: NaiveDate) -> Self {
        Clock::Fixed(date.and_time(NaiveTime::MIN).and_utc() + chrono::TimeDelta::hours(12))
    }

    /// The current instant.
    #[must_use]
    pub fn now(self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(at) => at,
        }
    }

    /// The wall-clock time of "now" (local for the system clock, UTC for a fixed one, as
    /// [`Clock::today`]).
    #[must_use]
    pub fn local_now(self) -> NaiveDateTime {
        match self {
            Clock::System => Local::now().naive_local(),
            Clock::Fixed(at) => at.naive_utc(),
        }
    }

    /// The date the views call today.
    #[must_use]
    pub fn today(self) -> NaiveDate {
        match self {
            Clock::System => Local::now().date_naive(),
            Clock::Fixed(at) => at.date_naive(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_gives_its_date_and_instant() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 27).expect("valid date");
        let clock = Clock::fixed_on(day);
        assert_eq!(clock.today(), day);
        assert_eq!(clock.now().to_rfc3339(), "2026-11-27T12:00:00+00:00");
        assert_eq!(clock.now(), clock.now());
        assert_eq!(clock.local_now().date(), day);
    }

    #[test]
    fn the_system_clock_reads_the_local_date() {
        let before = Local::now().date_naive();
        let today = Clock::System.today();
        let after = Local::now().date_naive();
        assert!(today == before || today == after);
    }
}
