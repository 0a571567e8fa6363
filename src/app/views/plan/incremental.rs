//! Keeping the This week lists up to date after an edit: only the contacts the analytics update
//! reported as changed (touched, or their tier moved) are planned again, and their entries moved
//! to their places in the sorted lists. The property test in `tests.rs` checks that this gives
//! exactly what [`PlanLists::compute`] gives, over random edits with undo and redo.

use std::cmp::Ordering;
use std::collections::{BTreeSet, HashSet};

use super::{AHEAD_DAYS, PlanLists, snoozed_order, week_order, week_start};
use crate::analytics::Analytics;
use crate::analytics::planner::{self, PlanItem, Status};
use crate::model::{ContactId, Dataset};

/// Puts `items` into `list`, kept sorted by `order` (a total order): one by one into their
/// places when they are few, else appended and the whole list sorted once (inserting many into a
/// long list one by one would move it many times).
fn merge_sorted<T>(list: &mut Vec<T>, items: Vec<T>, order: impl Fn(&T, &T) -> Ordering) {
    // Small in tests, so that random sessions take both ways.
    const MANY: usize = if cfg!(test) { 2 } else { 32 };
    if items.len() > MANY {
        list.extend(items);
        list.sort_by(order);
        return;
    }
    for item in items {
        let at = list.partition_point(|x| order(x, &item) == Ordering::Less);
        list.insert(at, item);
    }
}

/// The never-contacted list keeps the plan's order, which for them is by name, then contact.
fn never_order(a: &PlanItem, b: &PlanItem) -> Ordering {
    a.name.cmp(&b.name).then_with(|| a.contact.cmp(&b.contact))
}

impl PlanLists {
    /// Brings the lists up to date for `changed` contacts (with `an` already updated). The lists
    /// must have been made for the same as-of date.
    pub fn update(&mut self, data: &Dataset, an: &Analytics, changed: &BTreeSet<ContactId>) {
        if changed.is_empty() {
            return;
        }
        let as_of = self.as_of;
        let is_changed = |id: &ContactId| changed.contains(id);

        self.due.retain(|p| !is_changed(&p.contact));
        self.never.retain(|p| !is_changed(&p.contact));
        self.snoozed.retain(|s| !is_changed(&s.0));
        self.birthdays.retain(|b| !is_changed(&b.contact));
        let monday = week_start(as_of);
        let (mut never, mut due, mut snoozed, mut birthdays) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for &id in changed {
            let item = planner::plan_item(data, an, id);
            let reached = item.is_some()
                && an
                    .touches(id)
                    .iter()
                    .any(|t| t.date >= monday && t.date <= as_of);
            if reached {
                self.reached.insert(id);
            } else {
                self.reached.remove(&id);
            }
            match item {
                Some(p) if p.status == Status::Never => never.push(p),
                Some(p) if p.status.needs_contact() => due.push(p),
                _ => {}
            }
            let Some(c) = data.contact(id) else { continue };
            if let Some(until) = c.snoozed_until.filter(|d| !c.archived && *d > as_of) {
                snoozed.push((c.id, c.display_name.clone(), until));
            }
            birthdays.extend(planner::birthday_of(c, as_of, AHEAD_DAYS));
        }
        merge_sorted(&mut self.never, never, never_order);
        merge_sorted(&mut self.due, due, week_order);
        merge_sorted(&mut self.snoozed, snoozed, snoozed_order);
        merge_sorted(&mut self.birthdays, birthdays, planner::birthday_order);
        self.done_this_week = self.reached.len();

        // A follow-up depends on its interaction, its people and when they were last contacted:
        // all of that is in `changed` when any of it changed.
        self.follow_ups.retain(|f| {
            !f.contacts.iter().any(is_changed)
                && data
                    .interaction(f.interaction)
                    .is_some_and(|it| !it.participants.iter().any(is_changed))
        });
        let horizon = planner::follow_up_horizon(as_of, AHEAD_DAYS);
        let mut seen = HashSet::new();
        let mut follow_ups = Vec::new();
        for &id in changed {
            // A follow-up from before this person's last contact is done (`follow_up_of`): only
            // the interactions of that last day or later can hold an open one. The busiest
            // contact has tens of thousands of interactions; this looks up a handful.
            let last = an.contact(id).and_then(|s| s.engagement.last_contact());
            for t in an.touches(id) {
                if last.is_some_and(|last| t.date < last) || !seen.insert(t.interaction) {
                    continue;
                }
                if let Some(f) = data
                    .interaction(t.interaction)
                    .and_then(|it| planner::follow_up_of(data, an, it, horizon))
                {
                    follow_ups.push(f);
                }
            }
        }
        merge_sorted(&mut self.follow_ups, follow_ups, planner::follow_up_order);
    }
}
