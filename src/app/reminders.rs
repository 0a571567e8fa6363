//! Desktop reminders: on start and once a day while the app is open, one notification of the
//! follow-ups and birthdays due today (`analytics::reminders::due_today`), unless turned off
//! (View > Desktop reminders). A notification that cannot be shown (no notification service, as
//! under Xvfb) is dropped silently: a reminder is never worth an error dialog.

use chrono::NaiveDate;

use crate::analytics::reminders::Reminder;

/// Shows a notification. The app owns one; tests give it one that records.
pub trait Notifier {
    fn notify(&mut self, reminder: &Reminder);
}

/// The desktop's notification service over D-Bus (notify-rust with zbus), on a short-lived
/// thread so a slow or missing service never holds up the window.
#[derive(Debug, Default)]
pub struct DesktopNotifier;

impl Notifier for DesktopNotifier {
    fn notify(&mut self, reminder: &Reminder) {
        let (title, body) = (reminder.title.clone(), reminder.body.clone());
        let spawned = std::thread::Builder::new()
            .name("reminder".into())
            .spawn(move || {
                // Failure (no service) is not worth telling: the plan shows the same on This week.
                let _ = notify_rust::Notification::new()
                    .appname("Rapport")
                    .summary(&title)
                    .body(&body)
                    .show();
            });
        drop(spawned);
    }
}

/// When the last reminder was considered.
#[derive(Debug, Default)]
pub struct ReminderClock {
    considered: Option<NaiveDate>,
}

impl ReminderClock {
    /// The day last considered.
    #[must_use]
    pub fn considered(&self) -> Option<NaiveDate> {
        self.considered
    }

    /// Once per `today`: the reminder to show, if reminders are `on` and something is due.
    /// `ready` is one already worked out for its day (on the loading thread: at 50,000 contacts
    /// finding the day's follow-ups reads a million interactions); `due` makes it when that is
    /// not today's (`analytics::reminders::due_today`).
    pub fn check(
        &mut self,
        today: NaiveDate,
        on: bool,
        ready: Option<(NaiveDate, Option<Reminder>)>,
        due: impl FnOnce() -> Option<Reminder>,
    ) -> Option<Reminder> {
        if self.considered == Some(today) {
            return None;
        }
        self.considered = Some(today);
        if !on {
            return None;
        }
        match ready {
            Some((day, reminder)) if day == today => reminder,
            _ => due(),
        }
    }
}

/// Time until the next midnight, so a window left open wakes up for the next day's reminder.
#[must_use]
pub fn until_tomorrow(now: chrono::NaiveDateTime) -> std::time::Duration {
    let next = now
        .date()
        .succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 1))
        .unwrap_or(now);
    (next - now)
        .to_std()
        .unwrap_or(std::time::Duration::from_hours(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::Analytics;
    use crate::analytics::reminders::due_today;
    use crate::model::Dataset;

    #[test]
    fn the_clock_considers_each_day_once_and_respects_off() {
        let data = Dataset::new();
        let mut clock = ReminderClock::default();
        let d = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let an = Analytics::compute(&data, crate::analytics::Params::new(d));
        let (data, an) = (&data, &an);
        let due = |day| move || due_today(data, an, day);
        assert_eq!(clock.check(d, true, None, due(d)), None);
        assert_eq!(clock.considered, Some(d));
        let next = d.succ_opt().unwrap();
        assert_eq!(clock.check(next, false, None, due(next)), None);
        assert_eq!(clock.considered, Some(next));
    }

    #[test]
    fn a_reminder_made_ahead_is_used_only_for_its_own_day() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let made = Reminder {
            title: "Today: 1 follow-up".into(),
            body: "Follow up with Ada".into(),
        };
        let fresh = Reminder {
            title: "Today: 1 birthday".into(),
            body: "Bo's birthday".into(),
        };
        let mut clock = ReminderClock::default();
        let got = clock.check(d, true, Some((d, Some(made.clone()))), || None);
        assert_eq!(got, Some(made.clone()), "made ahead for today: used");
        let next = d.succ_opt().unwrap();
        let got = clock.check(next, true, Some((d, Some(made))), || Some(fresh.clone()));
        assert_eq!(got, Some(fresh), "made for another day: worked out again");
    }

    #[test]
    fn the_window_wakes_just_after_midnight() {
        let now = NaiveDate::from_ymd_opt(2026, 11, 30)
            .unwrap()
            .and_hms_opt(23, 0, 0)
            .unwrap();
        assert_eq!(until_tomorrow(now).as_secs(), 3601);
    }
}
