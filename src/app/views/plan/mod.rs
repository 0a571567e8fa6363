//! The "This week" page: who is due for a touchpoint and how to reach them, open follow-ups and
//! birthdays, each one click from logging an interaction; plus the plan vs actual chart and the
//! cadence defaults. Also the status marker and plan summary other views show for one contact.
//!
//! Everything here reads the all-time planner cache (`insights().plan`); the lists are computed
//! once per (dataset revision, as-of date) and drawn virtualised, so 50,000 contacts stay smooth.
//!
//! One file per tab (`this_week`, `plan_vs_actual`, `cadences`), and `contact_plan` for what
//! other views show of one contact's plan.

use eframe::egui;

use chrono::NaiveDate;
use egui::{Align, Layout, Ui};

use crate::analytics::Analytics;
use crate::analytics::planner::{self, FollowUp, PlanItem, Status, UpcomingBirthday};
use crate::app::commands::{Action, Command};
use crate::app::memo::Memo;
use crate::app::theme;
use crate::app::views::ViewContext;
use crate::model::{ContactId, Dataset};
use cadences::cadences_ui;
use plan_vs_actual::{self as plan_chart, PlanChartState};
use this_week::this_week_ui;

mod cadences;
mod contact_plan;
mod incremental;
mod plan_vs_actual;
#[cfg(test)]
mod tests;
mod this_week;

pub use contact_plan::{
    contact_plan_ui, snooze, snooze_menu_ui, standing_text, status_marker, suggestion_text,
};

/// How far ahead follow-ups and birthdays are listed.
pub(super) const AHEAD_DAYS: u32 = 30;
/// Height of one person in the due list (three lines).
pub(super) const ROW_HEIGHT: f32 = 58.0;
/// Height of one follow-up, birthday, never-contacted or snoozed row.
pub(super) const SMALL_ROW_HEIGHT: f32 = 40.0;
/// Snooze choices: label and days.
pub const SNOOZE_CHOICES: [(&str, u64); 3] = [("1 week", 7), ("2 weeks", 14), ("1 month", 30)];

/// The sections of the page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PlanTab {
    #[default]
    ThisWeek,
    PlanVsActual,
    Cadences,
}

impl PlanTab {
    const ALL: [PlanTab; 3] = [PlanTab::ThisWeek, PlanTab::PlanVsActual, PlanTab::Cadences];

    fn label(self) -> &'static str {
        match self {
            PlanTab::ThisWeek => "Who to reach",
            PlanTab::PlanVsActual => "Plan vs actual",
            PlanTab::Cadences => "Cadences",
        }
    }
}

/// How many people a week's plan holds unless the person changes it.
pub const DEFAULT_WEEKLY_CAPACITY: u32 = 10;

/// The lists of the page, computed once per (revision, as-of).
#[derive(Debug)]
pub struct PlanLists {
    pub as_of: NaiveDate,
    /// Due and overdue, the most valuable touchpoint first: closer tiers first, then the
    /// furthest behind their cadence (see [`order_for_week`]).
    pub due: Vec<PlanItem>,
    /// People with a cadence reached since Monday of the as-of date's week.
    pub done_this_week: usize,
    pub never: Vec<PlanItem>,
    /// Unarchived people snoozed past the as-of date: id, name, until.
    pub snoozed: Vec<(ContactId, String, NaiveDate)>,
    pub follow_ups: Vec<FollowUp>,
    pub birthdays: Vec<UpcomingBirthday>,
    /// The people counted in `done_this_week`.
    reached: std::collections::HashSet<ContactId>,
}

impl PlanLists {
    /// Computes every list of the page.
    #[must_use]
    pub fn compute(data: &Dataset, an: &Analytics) -> Self {
        let as_of = an.span().end;
        let (never, mut due): (Vec<PlanItem>, Vec<PlanItem>) = planner::due_list(data, an)
            .into_iter()
            .partition(|p| p.status == Status::Never);
        order_for_week(&mut due);
        let mut snoozed: Vec<(ContactId, String, NaiveDate)> = data
            .contacts()
            .iter()
            .filter(|c| !c.archived)
            .filter_map(|c| {
                c.snoozed_until
                    .filter(|d| *d > as_of)
                    .map(|d| (c.id, c.display_name.clone(), d))
            })
            .collect();
        snoozed.sort_by(snoozed_order);
        let reached = reached_this_week(data, an, as_of);
        Self {
            as_of,
            due,
            done_this_week: reached.len(),
            reached,
            never,
            snoozed,
            follow_ups: planner::follow_ups(data, an, AHEAD_DAYS),
            birthdays: planner::birthdays(data, as_of, AHEAD_DAYS),
        }
    }
}

/// Orders the due list for a week's plan: closer tiers first (a tier-1 friend a week late matters
/// more than a tier-4 contact a month late), then the furthest behind their cadence, then by name.
pub fn order_for_week(due: &mut [PlanItem]) {
    due.sort_by(week_order);
}

/// The order of [`order_for_week`], ending with the contact so that it is total.
#[must_use]
pub fn week_order(a: &PlanItem, b: &PlanItem) -> std::cmp::Ordering {
    a.tier
        .cmp(&b.tier)
        .then_with(|| {
            b.ratio
                .unwrap_or(f64::INFINITY)
                .total_cmp(&a.ratio.unwrap_or(f64::INFINITY))
        })
        .then_with(|| a.name.cmp(&b.name))
        .then_with(|| a.contact.cmp(&b.contact))
}

/// The Monday of `day`'s week.
#[must_use]
pub fn week_start(day: NaiveDate) -> NaiveDate {
    use chrono::Datelike as _;
    day - chrono::Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// The people in the plan (not archived, with a cadence) who had an interaction from Monday of
/// `as_of`'s week up to `as_of`.
fn reached_this_week(
    data: &Dataset,
    an: &Analytics,
    as_of: NaiveDate,
) -> std::collections::HashSet<ContactId> {
    let monday = week_start(as_of);
    let mut reached: Vec<ContactId> = data
        .interactions()
        .iter()
        .filter(|it| it.date >= monday && it.date <= as_of)
        .flat_map(|it| it.participants.iter().copied())
        .collect();
    reached.sort_unstable();
    reached.dedup();
    reached
        .into_iter()
        .filter(|id| planner::plan_item(data, an, *id).is_some())
        .collect()
}

/// The order of the snoozed list: the soonest back first, then by name, then by contact.
fn snoozed_order(
    a: &(ContactId, String, NaiveDate),
    b: &(ContactId, String, NaiveDate),
) -> std::cmp::Ordering {
    a.2.cmp(&b.2)
        .then_with(|| a.1.cmp(&b.1))
        .then_with(|| a.0.cmp(&b.0))
}

/// The part of the due list this week's plan holds: as many as the capacity leaves after the
/// people already reached this week.
#[must_use]
pub fn week_slice(due: &[PlanItem], capacity: u32, done: usize) -> &[PlanItem] {
    let left = (capacity as usize).saturating_sub(done);
    &due[..left.min(due.len())]
}

/// What the page remembers between frames.
#[derive(Debug, Default)]
pub struct PlanState {
    pub tab: PlanTab,
    /// The lists, per (analytics epoch, analytics revision, data revision, as-of date); after
    /// an edit only the contacts the analytics report changed are planned again.
    lists: Memo<(u64, u64, u64, NaiveDate), PlanLists>,
    pub show_never: bool,
    pub show_snoozed: bool,
    /// Show the whole due list rather than this week's plan.
    pub show_all_due: bool,
    pub chart: PlanChartState,
    /// The tag row being added in the cadence settings.
    pub new_tag: String,
    pub new_tag_days: String,
    pub cadence_error: Option<String>,
    /// Cadence defaults being dragged: committed as one undo step when the drag ends.
    dragging: Option<crate::model::Settings>,
}

impl PlanState {
    /// The lists for this data: updated for the contacts that changed since they were made,
    /// or computed again when that is not known (another document, date or setting).
    pub fn lists(&mut self, data: &Dataset, an: &Analytics) -> &PlanLists {
        let key = (an.epoch(), an.revision(), data.revision(), an.span().end);
        self.lists.get_or_update(
            key,
            |&(epoch, revision, _, as_of), lists| {
                if as_of != key.3 || key.1 != key.2 {
                    return false;
                }
                match an.changed_since(epoch, revision) {
                    Some(changed) => {
                        lists.update(data, an, &changed);
                        true
                    }
                    None => false,
                }
            },
            || PlanLists::compute(data, an),
        )
    }
}

/// Draws the page.
pub fn plan_ui(ui: &mut Ui, state: &mut PlanState, cx: ViewContext<'_>, cmds: &mut Vec<Command>) {
    let (data, an) = (cx.data, cx.plan);
    ui.horizontal(|ui| {
        ui.heading("This week");
        ui.add_space(theme::GAP_L);
        for t in PlanTab::ALL {
            if ui.selectable_label(state.tab == t, t.label()).clicked() {
                state.tab = t;
            }
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if ui
                .button("Export to calendar...")
                .on_hover_text(Action::ExportCalendar.info().tooltip)
                .clicked()
            {
                cmds.push(Command::Action(Action::ExportCalendar));
            }
        });
    });
    ui.add_space(theme::GAP_S);
    match state.tab {
        PlanTab::ThisWeek => this_week_ui(ui, state, data, an, cmds),
        PlanTab::PlanVsActual => plan_chart::plan_vs_actual_ui(ui, &mut state.chart, data, an),
        PlanTab::Cadences => cadences_ui(ui, state, data, cmds),
    }
}
