//! The "This week" page: who is due for a touchpoint and how to reach them, open follow-ups and
//! birthdays, each one click from logging an interaction; plus the plan vs actual chart and the
//! cadence defaults. Also the status marker and plan summary other views show for one contact.
//!
//! Everything here reads the all-time planner cache (`insights().plan`); the lists are computed
//! once per (dataset revision, as-of date) and drawn virtualised, so 50,000 contacts stay smooth.

use eframe::egui;

use chrono::{Days, NaiveDate};
use egui::{Align, Layout, RichText, Sense, Ui, WidgetInfo};

use super::plan_chart::{self, PlanChartState};
use crate::analytics::Analytics;
use crate::analytics::planner::{self, FollowUp, PlanItem, Status, UpcomingBirthday};
use crate::app::commands::{Action, Command};
use crate::app::theme;
use crate::model::{ContactId, Dataset, Edit};

/// How far ahead follow-ups and birthdays are listed.
const AHEAD_DAYS: u32 = 30;
/// Height of one person in the due list (three lines).
const ROW_HEIGHT: f32 = 58.0;
/// Height of one follow-up, birthday, never-contacted or snoozed row.
const SMALL_ROW_HEIGHT: f32 = 40.0;
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

/// The lists of the page, computed once per (revision, as-of).
#[derive(Debug)]
pub struct PlanLists {
    key: (u64, NaiveDate),
    pub as_of: NaiveDate,
    /// Overdue, then due: most behind first.
    pub due: Vec<PlanItem>,
    pub never: Vec<PlanItem>,
    /// Unarchived people snoozed past the as-of date: id, name, until.
    pub snoozed: Vec<(ContactId, String, NaiveDate)>,
    pub follow_ups: Vec<FollowUp>,
    pub birthdays: Vec<UpcomingBirthday>,
}

impl PlanLists {
    /// Computes every list of the page.
    #[must_use]
    pub fn compute(data: &Dataset, an: &Analytics) -> Self {
        let as_of = an.span().end;
        let (never, due): (Vec<PlanItem>, Vec<PlanItem>) = planner::due_list(data, an)
            .into_iter()
            .partition(|p| p.status == Status::Never);
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
        snoozed.sort_by(|a, b| a.2.cmp(&b.2).then_with(|| a.1.cmp(&b.1)));
        Self {
            key: (data.revision(), as_of),
            as_of,
            due,
            never,
            snoozed,
            follow_ups: planner::follow_ups(data, an, AHEAD_DAYS),
            birthdays: planner::birthdays(data, as_of, AHEAD_DAYS),
        }
    }
}

/// What the page remembers between frames.
#[derive(Debug, Default)]
pub struct PlanState {
    pub tab: PlanTab,
    lists: Option<PlanLists>,
    pub show_never: bool,
    pub show_snoozed: bool,
    pub chart: PlanChartState,
    /// The tag row being added in the cadence settings.
    pub new_tag: String,
    pub new_tag_days: String,
    pub cadence_error: Option<String>,
    /// Cadence defaults being dragged: committed as one undo step when the drag ends.
    dragging: Option<crate::model::Settings>,
}

impl PlanState {
    /// The lists for this data, recomputed only when the data or the date changed.
    pub fn lists(&mut self, data: &Dataset, an: &Analytics) -> &PlanLists {
        let key = (data.revision(), an.span().end);
        if self.lists.as_ref().is_none_or(|l| l.key != key) {
            self.lists = Some(PlanLists::compute(data, an));
        }
        self.lists
            .get_or_insert_with(|| PlanLists::compute(data, an))
    }
}

/// Draws the page.
pub fn plan_ui(
    ui: &mut Ui,
    state: &mut PlanState,
    data: &Dataset,
    an: &Analytics,
    cmds: &mut Vec<Command>,
) {
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

fn this_week_ui(
    ui: &mut Ui,
    state: &mut PlanState,
    data: &Dataset,
    an: &Analytics,
    cmds: &mut Vec<Command>,
) {
    let (show_never, show_snoozed) = (state.show_never, state.show_snoozed);
    let mut open_never = show_never;
    let mut open_snoozed = show_snoozed;
    let lists = state.lists(data, an);
    let weak = theme::weak_text(ui.visuals());
    let overdue = lists
        .due
        .iter()
        .filter(|p| p.status == Status::Overdue)
        .count();
    ui.label(
        RichText::new(format!(
            "As of {} · {} overdue · {} due · {} never contacted · {} open follow-ups · {} \
             birthdays in the next {AHEAD_DAYS} days",
            lists.as_of.format("%-d %B %Y"),
            overdue,
            lists.due.len() - overdue,
            lists.never.len(),
            lists.follow_ups.len(),
            lists.birthdays.len()
        ))
        .color(weak),
    );
    ui.separator();

    egui::Panel::right("plan-side")
        .resizable(true)
        .default_size(340.0)
        .size_range(240.0..=520.0)
        .show(ui, |ui| side_ui(ui, lists, data, cmds));

    egui::CentralPanel::default().show(ui, |ui| {
        if lists.due.is_empty() {
            ui.add_space(theme::GAP_L);
            ui.vertical_centered(|ui| {
                ui.label(RichText::new("Nobody is due this week").heading());
                ui.add_space(theme::GAP_S);
                ui.label(
                    RichText::new(if data.contacts().is_empty() {
                        "Add people (Ctrl+Shift+N) and log your conversations (Ctrl+L): the plan \
                         shows who to reach as their keep-in-touch cadence runs out"
                    } else {
                        "Everyone with a cadence was reached recently enough. Set cadences under \
                         Cadences, or check follow-ups and birthdays on the right"
                    })
                    .color(weak),
                );
            });
            ui.add_space(theme::GAP_L);
        } else {
            ui.label(RichText::new(format!("Due now ({})", lists.due.len())).strong());
            // Room for the two section headers and whatever of them is open.
            let rows = |n: usize, max: f32| (n.max(1) as f32 * SMALL_ROW_HEIGHT).min(max) + 12.0;
            let reserve = 2.0 * 34.0
                + if show_never {
                    rows(lists.never.len(), 200.0)
                } else {
                    0.0
                }
                + if show_snoozed {
                    rows(lists.snoozed.len(), 140.0)
                } else {
                    0.0
                };
            let height = (ui.available_height() - reserve).max(ROW_HEIGHT * 2.0);
            egui::ScrollArea::vertical()
                .id_salt("plan-due")
                .max_height(height)
                .auto_shrink([false, true])
                .show_rows(ui, ROW_HEIGHT, lists.due.len(), |ui, range| {
                    for item in &lists.due[range] {
                        due_row_ui(ui, item, data, an, lists.as_of, cmds);
                    }
                });
        }
        ui.separator();
        let never = egui::CollapsingHeader::new(
            RichText::new(format!("Never contacted ({})", lists.never.len())).strong(),
        )
        .id_salt("plan-never-section")
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("plan-never")
                .max_height(200.0)
                .auto_shrink([false, true])
                .show_rows(ui, SMALL_ROW_HEIGHT, lists.never.len(), |ui, range| {
                    for item in &lists.never[range] {
                        never_row_ui(ui, item, data, an, lists.as_of, cmds);
                    }
                });
        });
        open_never = never.body_returned.is_some();
        let snoozed = egui::CollapsingHeader::new(
            RichText::new(format!("Snoozed ({})", lists.snoozed.len())).strong(),
        )
        .id_salt("plan-snoozed-section")
        .show(ui, |ui| {
            if lists.snoozed.is_empty() {
                ui.label(RichText::new("Nobody is snoozed").color(weak));
            }
            egui::ScrollArea::vertical()
                .id_salt("plan-snoozed")
                .max_height(140.0)
                .auto_shrink([false, true])
                .show_rows(ui, SMALL_ROW_HEIGHT, lists.snoozed.len(), |ui, range| {
                    for (id, name, until) in &lists.snoozed[range] {
                        snoozed_row_ui(ui, *id, name, *until, data, cmds);
                    }
                });
        });
        open_snoozed = snoozed.body_returned.is_some();
    });
    state.show_never = open_never;
    state.show_snoozed = open_snoozed;
}

/// A fixed-height row (the virtualised lists need every row the same height).
fn fixed_row(ui: &mut Ui, height: f32, add: impl FnOnce(&mut Ui)) {
    let width = ui.available_width();
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, height), Sense::hover());
    if !ui.is_rect_visible(rect) {
        return;
    }
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(rect)
            .layout(Layout::right_to_left(Align::Center)),
    );
    child.set_clip_rect(rect.intersect(ui.clip_rect()));
    add(&mut child);
}

/// The coloured status dot, with its status as tooltip and accessible name.
pub fn status_marker(ui: &mut Ui, status: Status, detail: &str) -> egui::Response {
    let size = 12.0;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), Sense::hover());
    let name = theme::status_name(status);
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, name));
    if ui.is_rect_visible(rect) {
        ui.painter()
            .circle_filled(rect.center(), size / 2.0 - 1.0, theme::status_color(status));
    }
    if detail.is_empty() {
        response.on_hover_text(name)
    } else {
        response.on_hover_text(format!("{name}: {detail}"))
    }
}

/// "45 days since last contact; every 30 days (from tier 2)".
#[must_use]
pub fn standing_text(item: &PlanItem) -> String {
    let since = match item.days_since {
        Some(1) => "1 day since last contact".to_owned(),
        Some(d) => format!("{d} days since last contact"),
        None => "never contacted".to_owned(),
    };
    format!(
        "{since}; every {} days ({})",
        item.cadence.days,
        item.cadence.source.describe()
    )
}

/// "Suggested: Coffee (offline). Reason..."
#[must_use]
pub fn suggestion_text(item: &PlanItem) -> String {
    match &item.suggestion {
        Some(s) => format!(
            "Next: {} ({}). {}",
            s.channel_name,
            s.mode.label(),
            s.reason
        ),
        None => String::new(),
    }
}

fn log_button(ui: &mut Ui, name: &str) -> bool {
    ui.button("Log interaction...")
        .on_hover_text(format!("Log a conversation, call or meeting with {name}"))
        .clicked()
}

fn log_item(data: &Dataset, an: &Analytics, item: &PlanItem, cmds: &mut Vec<Command>) {
    match planner::prefilled_interaction(data, an, item) {
        Some(it) => cmds.push(Command::LogPrefilled(it)),
        None => cmds.push(Command::LogInteractionWith(vec![item.contact])),
    }
}

/// The "Snooze" menu: pushes the snooze for the chosen length.
pub fn snooze_menu_ui(
    ui: &mut Ui,
    data: &Dataset,
    id: ContactId,
    as_of: NaiveDate,
    cmds: &mut Vec<Command>,
) {
    ui.menu_button("Snooze", |ui| {
        for (label, days) in SNOOZE_CHOICES {
            if ui.button(label).clicked() {
                if let Some(cmd) = snooze(data, id, as_of.checked_add_days(Days::new(days))) {
                    cmds.push(cmd);
                }
                ui.close();
            }
        }
    })
    .response
    .on_hover_text("Hide this person from the plan for a while");
}

/// The undoable edit that snoozes a contact until `until` (`None`: unsnooze).
#[must_use]
pub fn snooze(data: &Dataset, id: ContactId, until: Option<NaiveDate>) -> Option<Command> {
    let mut c = data.contact(id)?.clone();
    c.snoozed_until = until;
    c.updated = chrono::Utc::now();
    let label = match until {
        Some(_) => format!("snooze {}", c.display_name),
        None => format!("unsnooze {}", c.display_name),
    };
    Some(Command::Apply {
        edit: Edit::PutContact(c),
        label,
    })
}

/// A plan row: the snooze menu and the log button on the right, the status marker and the lines
/// `lines` adds (the first one the name) on the left.
#[expect(
    clippy::too_many_arguments,
    reason = "the row needs the data, the analytics, the date and the command list of the page"
)]
fn plan_row_ui(
    ui: &mut Ui,
    height: f32,
    item: &PlanItem,
    data: &Dataset,
    an: &Analytics,
    as_of: NaiveDate,
    cmds: &mut Vec<Command>,
    lines: impl FnOnce(&mut Ui, &mut Vec<Command>),
) {
    fixed_row(ui, height, |ui| {
        snooze_menu_ui(ui, data, item.contact, as_of, cmds);
        if log_button(ui, &item.name) {
            log_item(data, an, item, cmds);
        }
        ui.with_layout(Layout::left_to_right(Align::Center), |ui| {
            status_marker(ui, item.status, &standing_text(item));
            ui.vertical(|ui| {
                ui.spacing_mut().item_spacing.y = 1.0;
                lines(ui, cmds);
            });
        });
    });
}

fn due_row_ui(
    ui: &mut Ui,
    item: &PlanItem,
    data: &Dataset,
    an: &Analytics,
    as_of: NaiveDate,
    cmds: &mut Vec<Command>,
) {
    plan_row_ui(ui, ROW_HEIGHT, item, data, an, as_of, cmds, |ui, cmds| {
        ui.horizontal(|ui| {
            let name = ui.add(
                egui::Button::new(RichText::new(&item.name).strong())
                    .frame(false)
                    .truncate(),
            );
            if name.on_hover_text("Open this person").clicked() {
                cmds.push(Command::SelectContact(Some(item.contact)));
                cmds.push(Command::ShowPage(super::Page::Contacts));
            }
        });
        let weak = theme::weak_text(ui.visuals());
        ui.add(
            egui::Label::new(
                RichText::new(format!(
                    "{} · {}",
                    theme::status_name(item.status),
                    standing_text(item)
                ))
                .size(theme::META_SIZE)
                .color(weak),
            )
            .truncate(),
        );
        if let Some(s) = &item.suggestion {
            ui.horizontal(|ui| {
                ui.spacing_mut().item_spacing.x = 4.0;
                ui.label(
                    RichText::new(format!("Next: {}", s.channel_name))
                        .size(theme::META_SIZE)
                        .color(theme::mode_color(s.mode))
                        .strong(),
                );
                ui.add(
                    egui::Label::new(RichText::new(&s.reason).size(theme::META_SIZE)).truncate(),
                );
            });
        }
    });
}

fn never_row_ui(
    ui: &mut Ui,
    item: &PlanItem,
    data: &Dataset,
    an: &Analytics,
    as_of: NaiveDate,
    cmds: &mut Vec<Command>,
) {
    plan_row_ui(
        ui,
        SMALL_ROW_HEIGHT,
        item,
        data,
        an,
        as_of,
        cmds,
        |ui, _| {
            ui.add(egui::Label::new(RichText::new(&item.name).strong()).truncate());
            ui.add(
                egui::Label::new(
                    RichText::new(suggestion_text(item))
                        .size(theme::META_SIZE)
                        .color(theme::weak_text(ui.visuals())),
                )
                .truncate(),
            );
        },
    );
}

fn snoozed_row_ui(
    ui: &mut Ui,
    id: ContactId,
    name: &str,
    until: NaiveDate,
    data: &Dataset,
    cmds: &mut Vec<Command>,
) {
    fixed_row(ui, SMALL_ROW_HEIGHT, |ui| {
        if ui
            .button("Unsnooze")
            .on_hover_text(format!("Put {name} back in the plan now"))
            .clicked()
            && let Some(cmd) = snooze(data, id, None)
        {
            cmds.push(cmd);
        }
        ui.with_layout(Layout::left_to_right(Align::Center), |ui| {
            ui.add(egui::Label::new(RichText::new(name).strong()).truncate());
            ui.label(
                RichText::new(format!("snoozed until {}", until.format("%-d %B %Y")))
                    .size(theme::META_SIZE)
                    .color(theme::weak_text(ui.visuals())),
            );
        });
    });
}

/// Follow-ups and birthdays.
fn side_ui(ui: &mut Ui, lists: &PlanLists, data: &Dataset, cmds: &mut Vec<Command>) {
    let weak = theme::weak_text(ui.visuals());
    ui.label(RichText::new(format!("Follow-ups ({})", lists.follow_ups.len())).strong());
    if lists.follow_ups.is_empty() {
        ui.label(
            RichText::new(format!(
                "No open follow-ups in the next {AHEAD_DAYS} days. Set one when you log an \
                 interaction"
            ))
            .size(theme::META_SIZE)
            .color(weak),
        );
    }
    let half = (ui.available_height() * 0.5 - 30.0).max(SMALL_ROW_HEIGHT * 2.0);
    egui::ScrollArea::vertical()
        .id_salt("plan-follow-ups")
        .max_height(half)
        .auto_shrink([false, true])
        .show_rows(ui, SMALL_ROW_HEIGHT, lists.follow_ups.len(), |ui, range| {
            for f in &lists.follow_ups[range] {
                fixed_row(ui, SMALL_ROW_HEIGHT, |ui| {
                    if ui
                        .button("Log...")
                        .on_hover_text(format!("Log the follow-up with {}", f.names))
                        .clicked()
                    {
                        cmds.push(Command::LogInteractionWith(f.contacts.clone()));
                    }
                    ui.with_layout(Layout::left_to_right(Align::Center), |ui| {
                        ui.vertical(|ui| {
                            ui.spacing_mut().item_spacing.y = 1.0;
                            ui.horizontal(|ui| {
                                if f.overdue {
                                    theme::badge(
                                        ui,
                                        "overdue",
                                        theme::status_color(Status::Overdue),
                                        theme::ON_MODE,
                                    );
                                }
                                ui.add(
                                    egui::Label::new(RichText::new(&f.names).strong()).truncate(),
                                );
                            });
                            let what = if f.summary.is_empty() {
                                format!("from {}", f.from.format("%-d %b"))
                            } else {
                                f.summary.clone()
                            };
                            ui.add(
                                egui::Label::new(
                                    RichText::new(format!(
                                        "{} · {what}",
                                        when(f.date, lists.as_of)
                                    ))
                                    .size(theme::META_SIZE)
                                    .color(weak),
                                )
                                .truncate(),
                            );
                        });
                    });
                });
            }
        });
    ui.separator();
    ui.label(RichText::new(format!("Birthdays ({})", lists.birthdays.len())).strong());
    if lists.birthdays.is_empty() {
        ui.label(
            RichText::new(format!("No birthdays in the next {AHEAD_DAYS} days"))
                .size(theme::META_SIZE)
                .color(weak),
        );
    }
    egui::ScrollArea::vertical()
        .id_salt("plan-birthdays")
        .auto_shrink([false, true])
        .show_rows(ui, SMALL_ROW_HEIGHT, lists.birthdays.len(), |ui, range| {
            for b in &lists.birthdays[range] {
                fixed_row(ui, SMALL_ROW_HEIGHT, |ui| {
                    if ui
                        .button("Log...")
                        .on_hover_text(format!("Log birthday wishes to {}", b.name))
                        .clicked()
                        && data.contact(b.contact).is_some()
                    {
                        cmds.push(Command::LogInteractionWith(vec![b.contact]));
                    }
                    ui.with_layout(Layout::left_to_right(Align::Center), |ui| {
                        ui.vertical(|ui| {
                            ui.spacing_mut().item_spacing.y = 1.0;
                            ui.add(egui::Label::new(RichText::new(&b.name).strong()).truncate());
                            let turns =
                                b.turns.map(|t| format!(" · turns {t}")).unwrap_or_default();
                            ui.label(
                                RichText::new(format!(
                                    "{} · {}{turns}",
                                    b.date.format("%-d %B"),
                                    when(b.date, lists.as_of)
                                ))
                                .size(theme::META_SIZE)
                                .color(weak),
                            );
                        });
                    });
                });
            }
        });
}

/// "today", "in 3 days", "5 days ago".
fn when(date: NaiveDate, as_of: NaiveDate) -> String {
    let d = (date - as_of).num_days();
    match d {
        0 => "today".into(),
        1 => "tomorrow".into(),
        -1 => "yesterday".into(),
        2.. => format!("in {d} days"),
        _ => format!("{} days ago", -d),
    }
}

/// The cadence defaults: per tier and per tag, each change one undoable settings edit.
fn cadences_ui(ui: &mut Ui, state: &mut PlanState, data: &Dataset, cmds: &mut Vec<Command>) {
    let weak = theme::weak_text(ui.visuals());
    let current = data.settings();
    ui.label(
        RichText::new(
            "How often to be in touch, in days, when a person has no cadence of their own. A \
             tag's cadence wins over the tier's (the shortest tag wins). 0 means no cadence",
        )
        .color(weak),
    );
    ui.add_space(theme::GAP_M);
    let mut next = state.dragging.clone().unwrap_or_else(|| current.clone());
    let mut label = None;
    let mut dragging = false;
    let mut drag_done = false;
    ui.label(RichText::new("By tier").strong());
    egui::Grid::new("cadence-tiers")
        .num_columns(3)
        .spacing([theme::GAP_L, theme::GAP_S])
        .show(ui, |ui| {
            for (i, days) in next.cadence.by_tier.iter_mut().enumerate() {
                let r = cadence_drag(ui, &format!("Tier {}", i + 1), days);
                dragging |= r.dragged();
                drag_done |= r.drag_stopped();
                if r.changed() || r.drag_stopped() {
                    label = Some(format!("tier {} cadence", i + 1));
                }
                ui.label(
                    RichText::new(tier_meaning(i))
                        .size(theme::META_SIZE)
                        .color(weak),
                );
                ui.end_row();
            }
        });
    ui.add_space(theme::GAP_L);
    ui.label(RichText::new("By tag").strong());
    if next.cadence.by_tag.is_empty() {
        ui.label(RichText::new("No tag cadences yet").color(weak));
    }
    let mut remove = None;
    egui::Grid::new("cadence-tags")
        .num_columns(3)
        .spacing([theme::GAP_L, theme::GAP_S])
        .show(ui, |ui| {
            for (tag, days) in &mut next.cadence.by_tag {
                let r = cadence_drag(ui, tag, days);
                dragging |= r.dragged();
                drag_done |= r.drag_stopped();
                if r.changed() || r.drag_stopped() {
                    label = Some(format!("tag {tag} cadence"));
                }
                if ui
                    .small_button("Remove")
                    .on_hover_text(format!("Remove the cadence for tag {tag}"))
                    .clicked()
                {
                    remove = Some(tag.clone());
                }
                ui.end_row();
            }
        });
    if let Some(tag) = remove {
        next.cadence.by_tag.remove(&tag);
        label = Some(format!("remove tag {tag} cadence"));
    }
    ui.add_space(theme::GAP_S);
    ui.horizontal(|ui| {
        let l = ui.label("Tag");
        ui.add(
            egui::TextEdit::singleline(&mut state.new_tag)
                .hint_text("client")
                .desired_width(140.0),
        )
        .labelled_by(l.id);
        let l = ui.label("Every");
        ui.add(
            egui::TextEdit::singleline(&mut state.new_tag_days)
                .hint_text("30")
                .desired_width(60.0),
        )
        .labelled_by(l.id);
        ui.label("days");
        if ui.button("Add tag cadence").clicked() {
            let tag = state.new_tag.trim().to_owned();
            match state.new_tag_days.trim().parse::<u32>() {
                _ if tag.is_empty() => state.cadence_error = Some("Type a tag first".into()),
                Ok(d) if d <= 3650 => {
                    label = Some(format!("tag {tag} cadence"));
                    next.cadence.by_tag.insert(tag, d);
                    state.new_tag.clear();
                    state.new_tag_days.clear();
                    state.cadence_error = None;
                }
                _ => {
                    state.cadence_error = Some("Days must be a whole number from 0 to 3650".into());
                }
            }
        }
    });
    if let Some(e) = &state.cadence_error {
        theme::field_error(ui, e);
    }
    if dragging && !drag_done {
        // Keep the value on screen while dragging; one undo step when the drag ends.
        state.dragging = Some(next);
        return;
    }
    state.dragging = None;
    if let Some(label) = label
        && next != *current
    {
        cmds.push(Command::Apply {
            edit: Edit::SetSettings(next),
            label: format!("change {label}"),
        });
    }
}

fn tier_meaning(i: usize) -> &'static str {
    match i {
        0 => "your closest people",
        1 => "good friends and close colleagues",
        2 => "people you see regularly",
        3 => "acquaintances",
        _ => "everyone else",
    }
}

/// The plan for one contact on their page: status, cadence and its source, due date, next best
/// channel, and snooze.
pub fn contact_plan_ui(
    ui: &mut Ui,
    data: &Dataset,
    an: &Analytics,
    id: ContactId,
    cmds: &mut Vec<Command>,
) {
    let Some(c) = data.contact(id) else { return };
    let as_of = an.span().end;
    let weak = theme::weak_text(ui.visuals());
    if c.archived {
        return;
    }
    if let Some(until) = c.snoozed_until.filter(|d| *d > as_of) {
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!(
                    "Keep in touch: snoozed until {}",
                    until.format("%-d %B %Y")
                ))
                .color(weak),
            );
            if ui.small_button("Unsnooze").clicked()
                && let Some(cmd) = snooze(data, id, None)
            {
                cmds.push(cmd);
            }
        });
        return;
    }
    let Some(item) = planner::plan_item(data, an, id) else {
        ui.label(
            RichText::new(
                "Keep in touch: no cadence (set one in Edit contact, or a default under This \
                 week > Cadences)",
            )
            .color(weak),
        );
        return;
    };
    ui.horizontal(|ui| {
        status_marker(ui, item.status, &standing_text(&item));
        ui.label(RichText::new(theme::status_name(item.status)).strong());
        let due = if item.status == Status::Never {
            String::new()
        } else {
            format!(" · due {}", item.due_on.format("%-d %B %Y"))
        };
        ui.label(RichText::new(format!("{}{due}", standing_text(&item))).color(weak));
        if item.status.needs_contact() {
            snooze_menu_ui(ui, data, id, as_of, cmds);
        }
    });
    if let Some(s) = &item.suggestion {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!("Next: {}", s.channel_name))
                    .strong()
                    .color(theme::mode_color(s.mode)),
            );
            ui.label(&s.reason);
            if ui
                .small_button("Log it...")
                .on_hover_text("Open the interaction form with this channel")
                .clicked()
            {
                log_item(data, an, &item, cmds);
            }
        });
    }
}

/// A cadence in days (0 to 3650) labelled `name` in the grid's first column.
fn cadence_drag(ui: &mut Ui, name: &str, days: &mut u32) -> egui::Response {
    let l = ui.label(name);
    ui.add(
        egui::DragValue::new(days)
            .range(0..=3650)
            .speed(1.0)
            .suffix(" days"),
    )
    .labelled_by(l.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::Params;
    use crate::model::{ChannelId, Contact, Interaction};

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

        let Some(Command::Apply { edit, label }) =
            snooze(&data, late_id, Some(as_of + Days::new(7)))
        else {
            panic!("snooze is an edit");
        };
        assert_eq!(label, "snooze Late");
        let applied = data.apply(edit).unwrap();
        assert_eq!(
            data.contact(late_id).unwrap().snoozed_until,
            Some(as_of + Days::new(7))
        );
        data.apply(applied.inverse).unwrap();
        assert_eq!(data.contact(late_id).unwrap().snoozed_until, None);
    }
}
