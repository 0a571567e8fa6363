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

/// One step of a random editing session.
#[derive(Clone, Debug)]
enum Step {
    /// Log with these people (indexes into the contacts), this many days before the as-of
    /// date, with a follow-up this many days after it.
    Log(Vec<usize>, u64, Option<u64>),
    RemoveInteraction(usize),
    Archive(usize, bool),
    Snooze(usize, Option<u64>),
    Rename(usize, usize),
    Cadence(usize, Option<u32>),
    Birthday(usize, u32),
    Weights,
    Undo,
    Redo,
}

fn step() -> impl proptest::strategy::Strategy<Value = Step> {
    use proptest::prelude::*;
    prop_oneof![
        4 => (proptest::collection::vec(0usize..56, 1..3), 0u64..60, proptest::option::of(0u64..40))
            .prop_map(|(p, ago, f)| Step::Log(p, ago, f)),
        1 => (0usize..50).prop_map(Step::RemoveInteraction),
        1 => (0usize..56, any::<bool>()).prop_map(|(c, a)| Step::Archive(c, a)),
        1 => (0usize..56, proptest::option::of(0u64..20)).prop_map(|(c, d)| Step::Snooze(c, d)),
        1 => (0usize..56, 0usize..4).prop_map(|(c, n)| Step::Rename(c, n)),
        1 => (0usize..56, proptest::option::of(3u32..60)).prop_map(|(c, d)| Step::Cadence(c, d)),
        1 => (0usize..56, 1u32..28).prop_map(|(c, d)| Step::Birthday(c, d)),
        1 => Just(Step::Weights),
        2 => Just(Step::Undo),
        2 => Just(Step::Redo),
    ]
}

fn same_lists(a: &PlanLists, b: &PlanLists) -> Result<(), String> {
    let check = |what: &str, same: bool| {
        if same {
            Ok(())
        } else {
            Err(format!("{what} differ"))
        }
    };
    check("due", a.due == b.due)?;
    check("never", a.never == b.never)?;
    check("snoozed", a.snoozed == b.snoozed)?;
    check("follow-ups", a.follow_ups == b.follow_ups)?;
    check("birthdays", a.birthdays == b.birthdays)?;
    check("done this week", a.done_this_week == b.done_this_week)
}

proptest::proptest! {
    /// The This week lists kept up to date edit by edit (only the contacts the analytics report
    /// changed are planned again) equal the lists computed from scratch, after every step of a
    /// random session of logging, removing, archiving, snoozing, renaming, cadence, birthday and
    /// weight changes, undo and redo.
    #[test]
    fn incremental_lists_equal_a_full_recompute(steps in proptest::collection::vec(step(), 1..40)) {
        let as_of = NaiveDate::from_ymd_opt(2026, 7, 2).unwrap();
        let params = Params::new(as_of).with_window(crate::analytics::Window::All);
        let mut data = Dataset::new();
        let mut ids = Vec::new();
        // 56 people with one interaction each: ranks past 50 fall to a further tier, so logging
        // moves people across that line (tiers changing for people the edit did not touch).
        for i in 0..56u32 {
            let mut c = Contact::new(format!("P{}", i % 40));
            c.cadence_days = (i % 3 != 0).then_some(7 + 5 * (i % 8));
            let id = c.id;
            ids.push(id);
            data.apply(Edit::PutContact(c)).unwrap();
            let it = Interaction::new(as_of - Days::new(u64::from(i)), vec![id], ChannelId(1));
            data.apply(Edit::PutInteraction(it)).unwrap();
        }
        let mut an = Analytics::compute(&data, params);
        let mut state = PlanState::default();
        let _ = state.lists(&data, &an);
        let (mut undo, mut redo): (Vec<Edit>, Vec<Edit>) = (Vec::new(), Vec::new());
        for s in steps {
            let contact = |i: usize| data.contact(ids[i]).cloned().unwrap();
            let edit = match s.clone() {
                Step::Log(people, ago, follow) => {
                    let mut people: Vec<ContactId> = people.iter().map(|&i| ids[i]).collect();
                    people.sort();
                    people.dedup();
                    let mut it = Interaction::new(as_of - Days::new(ago), people, ChannelId(1 + ago % 3));
                    it.follow_up = follow.map(|f| as_of + Days::new(f) - Days::new(10));
                    Some(Edit::PutInteraction(it))
                }
                Step::RemoveInteraction(i) => {
                    let all = data.interactions();
                    (!all.is_empty()).then(|| Edit::RemoveInteraction(all[i % all.len()].id))
                }
                Step::Archive(i, a) => {
                    let mut c = contact(i);
                    c.archived = a;
                    Some(Edit::PutContact(c))
                }
                Step::Snooze(i, d) => {
                    let mut c = contact(i);
                    c.snoozed_until = d.map(|d| as_of + Days::new(d) - Days::new(5));
                    Some(Edit::PutContact(c))
                }
                Step::Rename(i, n) => {
                    let mut c = contact(i);
                    c.display_name = ["Zoe", "Ada", "Mo", "Ben"][n].into();
                    Some(Edit::PutContact(c))
                }
                Step::Cadence(i, d) => {
                    let mut c = contact(i);
                    c.cadence_days = d;
                    Some(Edit::PutContact(c))
                }
                Step::Birthday(i, d) => {
                    let mut c = contact(i);
                    c.birthday = Some(crate::model::Birthday { year: None, month: 7, day: d });
                    Some(Edit::PutContact(c))
                }
                Step::Weights => {
                    let mut settings = data.settings().clone();
                    settings.strength.depth += 0.1;
                    Some(Edit::SetSettings(settings))
                }
                Step::Undo => undo.pop(),
                Step::Redo => redo.pop(),
            };
            let Some(edit) = edit else { continue };
            let Ok(applied) = data.apply(edit) else { continue };
            match s {
                Step::Undo => redo.push(applied.inverse.clone()),
                Step::Redo => undo.push(applied.inverse.clone()),
                _ => {
                    undo.push(applied.inverse.clone());
                    redo.clear();
                }
            }
            an.update(&data, &applied);
            let kept = state.lists(&data, &an);
            let fresh = PlanLists::compute(&data, &an);
            proptest::prop_assert_eq!(same_lists(kept, &fresh), Ok(()));
            let from_scratch = PlanLists::compute(&data, &Analytics::compute(&data, params));
            proptest::prop_assert_eq!(same_lists(kept, &from_scratch), Ok(()));
        }
    }
}
