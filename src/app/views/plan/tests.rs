//! Unit tests of the plan page's helpers.

use super::this_week::when;
use super::*;
use crate::analytics::Params;
use crate::model::Edit;
use crate::model::{ChannelId, Contact, Interaction};
use chrono::Days;

#[test]
fn when_reads_naturally() {
    let d = NaiveDate::from_ymd_opt(2026, 6, 10).unwrap();
    assert_eq!(when(d, d), "today");
    assert_eq!(when(d + Days::new(1), d), "tomorrow");
    assert_eq!(when(d + Days::new(5), d), "in 5 days");
    assert_eq!(when(d - Days::new(1), d), "yesterday");
    assert_eq!(when(d - Days::new(4), d), "4 days ago");
}

#[test]
fn lists_split_due_never_and_snoozed_and_snooze_is_an_undoable_edit() {
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    let mut data = Dataset::new();
    let mut late = Contact::new("Late");
    late.cadence_days = Some(10);
    let late_id = late.id;
    let mut new = Contact::new("New");
    new.cadence_days = Some(10);
    let mut resting = Contact::new("Resting");
    resting.cadence_days = Some(10);
    resting.snoozed_until = Some(as_of + Days::new(3));
    for c in [late, new, resting] {
        data.apply(Edit::PutContact(c)).unwrap();
    }
    data.apply(Edit::PutInteraction(Interaction::new(
        as_of - Days::new(12),
        vec![late_id],
        ChannelId(1),
    )))
    .unwrap();
    let an = Analytics::compute(
        &data,
        Params::new(as_of).with_window(crate::analytics::Window::All),
    );
    let lists = PlanLists::compute(&data, &an);
    let names = |v: &[PlanItem]| v.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&lists.due), ["Late"]);
    assert_eq!(lists.due[0].status, Status::Due);
    assert_eq!(names(&lists.never), ["New"]);
    assert_eq!(lists.snoozed.len(), 1);
    assert_eq!(lists.snoozed[0].1, "Resting");
    assert_eq!(
        standing_text(&lists.due[0]),
        "12 days since last contact; every 10 days (set for this person)"
    );

    let until = Some(as_of + Days::new(7));
    assert!(matches!(
        snooze(&data, late_id, until),
        Some(Command::Snooze(id, u)) if id == late_id && u == until
    ));
    let change = crate::app::edits::snooze(&data, late_id, until, chrono::Utc::now()).unwrap();
    assert_eq!(change.label, "snooze Late");
    let applied = data.apply(change.edit).unwrap();
    assert_eq!(
        data.contact(late_id).unwrap().snoozed_until,
        Some(as_of + Days::new(7))
    );
    data.apply(applied.inverse).unwrap();
    assert_eq!(data.contact(late_id).unwrap().snoozed_until, None);
}

/// Issue 15 item 6: the week's plan puts closer tiers first, then the furthest behind, and holds
/// as many as the capacity leaves after the people already reached this week.
#[test]
fn the_week_plan_is_closest_first_then_most_overdue_and_capped() {
    let as_of = NaiveDate::from_ymd_opt(2026, 7, 2).unwrap(); // a Thursday
    let mut data = Dataset::new();
    for (name, ago) in [("A", 12), ("B", 30), ("C", 20), ("Reached", 1)] {
        let mut c = Contact::new(name);
        c.cadence_days = Some(10);
        let id = c.id;
        data.apply(Edit::PutContact(c)).unwrap();
        data.apply(Edit::PutInteraction(Interaction::new(
            as_of - Days::new(ago),
            vec![id],
            ChannelId(1),
        )))
        .unwrap();
    }
    let an = Analytics::compute(
        &data,
        Params::new(as_of).with_window(crate::analytics::Window::All),
    );
    let mut lists = PlanLists::compute(&data, &an);
    let names = |v: &[PlanItem]| v.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&lists.due),
        ["B", "C", "A"],
        "same tier: most overdue first"
    );
    assert_eq!(
        lists.done_this_week, 1,
        "Reached was contacted on Wednesday"
    );
    // A closer tier goes first even when less overdue.
    lists.due[2].tier = crate::analytics::Tier::INNERMOST;
    order_for_week(&mut lists.due);
    assert_eq!(names(&lists.due), ["A", "B", "C"]);
    assert_eq!(names(week_slice(&lists.due, 3, 1)), ["A", "B"]);
    assert_eq!(names(week_slice(&lists.due, 10, 1)), ["A", "B", "C"]);
    assert!(week_slice(&lists.due, 1, 1).is_empty());
    assert!(week_slice(&lists.due, 1, 5).is_empty());
    assert_eq!(
        week_start(as_of),
        NaiveDate::from_ymd_opt(2026, 6, 29).unwrap()
    );
    assert_eq!(week_start(week_start(as_of)), week_start(as_of));
}
