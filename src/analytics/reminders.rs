//! What the desktop reminder says: open follow-ups and birthdays due today. A pure function of
//! the data and the date, so the app only decides when to ask (on start, then once a day) and
//! how to show it.

use chrono::NaiveDate;

use super::{Analytics, planner};
use crate::model::Dataset;

/// The most lines one notification lists; the rest are counted.
const MAX_LINES: usize = 5;

/// A notification: a title and a few lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reminder {
    pub title: String,
    pub body: String,
}

/// The reminder for `today`, or `None` when nothing is due. A follow-up is due when its date is
/// today and it is still open (none of its people has a later interaction up to today) and one
/// of its people is not archived; a birthday when it falls today (unarchived, unsnoozed
/// contacts, as on This week). `an` is either analytics cache of `ds` (only each contact's
/// interactions are read from it, which it holds for all dates): a person's later interactions
/// are looked up there rather than by scanning every interaction once per follow-up.
#[must_use]
pub fn due_today(ds: &Dataset, an: &Analytics, today: NaiveDate) -> Option<Reminder> {
    let mut follow_ups: Vec<String> = ds
        .interactions()
        .iter()
        .filter(|it| it.follow_up == Some(today) && it.date <= today)
        .filter(|it| {
            !it.participants.iter().any(|p| {
                an.touches(*p)
                    .iter()
                    .any(|later| later.date > it.date && later.date <= today)
            })
        })
        .filter_map(|it| {
            let names: Vec<&str> = it
                .participants
                .iter()
                .filter_map(|p| ds.contact(*p))
                .filter(|c| !c.archived)
                .map(|c| c.display_name.as_str())
                .collect();
            if names.is_empty() {
                return None;
            }
            let mut line = format!("Follow up with {}", names.join(", "));
            if !it.summary.trim().is_empty() {
                line.push_str(": ");
                line.push_str(it.summary.trim());
            }
            Some(line)
        })
        .collect();
    follow_ups.sort();
    let birthdays: Vec<String> = planner::birthdays(ds, today, 0)
        .into_iter()
        .filter(|b| b.in_days == 0)
        .map(|b| match b.turns {
            Some(age) if age > 0 => format!("{}'s birthday (turns {age})", b.name),
            _ => format!("{}'s birthday", b.name),
        })
        .collect();
    if follow_ups.is_empty() && birthdays.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    match follow_ups.len() {
        0 => {}
        1 => parts.push("1 follow-up".to_owned()),
        n => parts.push(format!("{n} follow-ups")),
    }
    match birthdays.len() {
        0 => {}
        1 => parts.push("1 birthday".to_owned()),
        n => parts.push(format!("{n} birthdays")),
    }
    let title = format!("Today: {}", parts.join(" and "));
    let lines: Vec<String> = follow_ups.into_iter().chain(birthdays).collect();
    let mut body = lines
        .iter()
        .take(MAX_LINES)
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    if lines.len() > MAX_LINES {
        let more = lines.len() - MAX_LINES;
        body.push_str("\nand ");
        body.push_str(&more.to_string());
        body.push_str(" more on This week");
    }
    Some(Reminder { title, body })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::{Params, Window};
    use crate::model::{Birthday, ChannelId, Contact, Edit, Interaction};

    /// The reminder as the app asks for it, with the planner's all-time cache.
    fn due_today(data: &Dataset, today: NaiveDate) -> Option<Reminder> {
        let an = Analytics::compute(data, Params::new(today).with_window(Window::All));
        super::due_today(data, &an, today)
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn person(data: &mut Dataset, name: &str) -> crate::model::ContactId {
        let c = Contact::new(name);
        let id = c.id;
        data.apply(Edit::PutContact(c)).unwrap();
        id
    }

    fn promise(data: &mut Dataset, who: crate::model::ContactId, on: NaiveDate, due: NaiveDate) {
        let mut it = Interaction::new(on, vec![who], ChannelId(1));
        it.summary = "send the paper".into();
        it.follow_up = Some(due);
        data.apply(Edit::PutInteraction(it)).unwrap();
    }

    #[test]
    fn nothing_due_is_no_reminder() {
        let mut data = Dataset::new();
        let ada = person(&mut data, "Ada");
        let today = day(2026, 11, 30);
        promise(&mut data, ada, day(2026, 11, 1), day(2026, 12, 1));
        promise(&mut data, ada, day(2026, 11, 1), day(2026, 11, 29));
        assert_eq!(
            due_today(&data, today),
            None,
            "tomorrow's and yesterday's are not today's"
        );
    }

    #[test]
    fn follow_ups_and_birthdays_due_today_are_listed() {
        let mut data = Dataset::new();
        let today = day(2026, 11, 30);
        let ada = person(&mut data, "Ada");
        let grace = person(&mut data, "Grace");
        promise(&mut data, ada, day(2026, 11, 20), today);
        let mut bob = Contact::new("Bob");
        bob.birthday = Some(Birthday {
            year: Some(1990),
            month: 11,
            day: 30,
        });
        data.apply(Edit::PutContact(bob)).unwrap();
        // Grace's follow-up is done: they spoke again since.
        promise(&mut data, grace, day(2026, 11, 10), today);
        data.apply(Edit::PutInteraction(Interaction::new(
            day(2026, 11, 25),
            vec![grace],
            ChannelId(3),
        )))
        .unwrap();
        let r = due_today(&data, today).unwrap();
        assert_eq!(r.title, "Today: 1 follow-up and 1 birthday");
        assert_eq!(
            r.body,
            "Follow up with Ada: send the paper\nBob's birthday (turns 36)"
        );
    }

    #[test]
    fn archived_people_are_left_out_and_long_lists_are_counted() {
        let mut data = Dataset::new();
        let today = day(2026, 11, 30);
        let mut gone = Contact::new("Gone");
        gone.archived = true;
        let gone_id = gone.id;
        data.apply(Edit::PutContact(gone)).unwrap();
        promise(&mut data, gone_id, day(2026, 11, 1), today);
        assert_eq!(due_today(&data, today), None);
        for k in 0..7 {
            let p = person(&mut data, &format!("P{k}"));
            promise(&mut data, p, day(2026, 11, 1), today);
        }
        let r = due_today(&data, today).unwrap();
        assert_eq!(r.title, "Today: 7 follow-ups");
        assert_eq!(r.body.lines().count(), 6);
        assert!(r.body.ends_with("and 2 more on This week"), "{}", r.body);
    }
}
