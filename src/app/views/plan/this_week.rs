//! The "This week" tab: the due list (virtualised), never-contacted and snoozed people, and the
//! side column of follow-ups and birthdays, each one click from logging an interaction.

use eframe::egui;

use chrono::NaiveDate;
use egui::{Align, Layout, RichText, Sense, Ui};

use super::contact_plan::{snooze, snooze_menu_ui, standing_text, status_marker, suggestion_text};
use super::{AHEAD_DAYS, PlanLists, PlanState, ROW_HEIGHT, SMALL_ROW_HEIGHT};
use crate::analytics::planner::{self, PlanItem, Status};
use crate::analytics::{Analytics, thousands};
use crate::app::commands::Command;
use crate::app::theme;
use crate::app::views::grouped;
use crate::model::{ContactId, Dataset};

pub(super) fn this_week_ui(
    ui: &mut Ui,
    state: &mut PlanState,
    data: &Dataset,
    an: &Analytics,
    cmds: &mut Vec<Command>,
) {
    let (show_never, show_snoozed) = (state.show_never, state.show_snoozed);
    let mut open_never = show_never;
    let mut open_snoozed = show_snoozed;
    let mut show_all = state.show_all_due;
    state.lists(data, an);
    let Some(lists) = state.lists.value() else {
        return;
    };
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
            grouped(overdue),
            grouped(lists.due.len() - overdue),
            grouped(lists.never.len()),
            grouped(lists.follow_ups.len()),
            grouped(lists.birthdays.len())
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
            let capacity = weekly_capacity_ui(ui);
            let this_week = super::week_slice(&lists.due, capacity, lists.done_this_week);
            let planned = lists.done_this_week + this_week.len();
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!(
                        "This week: {} of {} done",
                        thousands(lists.done_this_week as u64),
                        thousands(planned as u64)
                    ))
                    .strong(),
                );
                ui.label(
                    RichText::new(if this_week.is_empty() {
                        "Your plan for this week is done".to_owned()
                    } else {
                        format!(
                            "{} left, closest people first, then the longest overdue",
                            thousands(this_week.len() as u64)
                        )
                    })
                    .color(weak),
                );
            });
            let rest = lists.due.len() - this_week.len();
            if rest > 0 || show_all {
                let text = if show_all {
                    "Show this week's plan only".to_owned()
                } else {
                    format!("Show all {} due", thousands(lists.due.len() as u64))
                };
                if ui.button(text).clicked() {
                    show_all = !show_all;
                }
            }
            let shown: &[PlanItem] = if show_all { &lists.due } else { this_week };
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
                .show_rows(ui, ROW_HEIGHT, shown.len(), |ui, range| {
                    for item in &shown[range] {
                        due_row_ui(ui, item, data, an, lists.as_of, cmds);
                    }
                });
        }
        ui.separator();
        let never = egui::CollapsingHeader::new(
            RichText::new(format!("Never contacted ({})", grouped(lists.never.len()))).strong(),
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
            RichText::new(format!("Snoozed ({})", grouped(lists.snoozed.len()))).strong(),
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
    state.show_all_due = show_all;
    state.show_never = open_never;
    state.show_snoozed = open_snoozed;
}

/// The "People per week" field, remembered between sessions in egui's persisted memory.
fn weekly_capacity_ui(ui: &mut Ui) -> u32 {
    let id = egui::Id::unique("plan-weekly-capacity");
    let mut capacity: u32 =
        ui.data_mut(|d| *d.get_persisted_mut_or(id, super::DEFAULT_WEEKLY_CAPACITY));
    ui.horizontal(|ui| {
        let l = ui.label("People per week");
        ui.add(egui::DragValue::new(&mut capacity).range(1..=500))
            .labelled_by(l.id)
            .on_hover_text("How many people you mean to reach in a week: the plan holds that many");
    });
    ui.data_mut(|d| d.insert_persisted(id, capacity));
    capacity
}

/// A fixed-height row (the virtualised lists need every row the same height).
pub(super) fn fixed_row(ui: &mut Ui, height: f32, add: impl FnOnce(&mut Ui)) {
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

pub(super) fn log_button(ui: &mut Ui, name: &str) -> bool {
    ui.button("Log interaction...")
        .on_hover_text(format!("Log a conversation, call or meeting with {name}"))
        .clicked()
}

pub(super) fn log_item(data: &Dataset, an: &Analytics, item: &PlanItem, cmds: &mut Vec<Command>) {
    match planner::prefilled_interaction(data, an, item) {
        Some(it) => cmds.push(Command::LogPrefilled(it)),
        None => cmds.push(Command::LogInteractionWith(vec![item.contact])),
    }
}

/// A plan row: the snooze menu and the log button on the right, the status marker and the lines
/// `lines` adds (the first one the name) on the left.
#[expect(
    clippy::too_many_arguments,
    reason = "the row needs the data, the analytics, the date and the command list of the page"
)]
pub(super) fn plan_row_ui(
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

pub(super) fn due_row_ui(
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
                cmds.push(Command::ShowPage(crate::app::views::Page::Contacts));
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

pub(super) fn never_row_ui(
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

pub(super) fn snoozed_row_ui(
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
pub(super) fn side_ui(ui: &mut Ui, lists: &PlanLists, data: &Dataset, cmds: &mut Vec<Command>) {
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
pub(super) fn when(date: NaiveDate, as_of: NaiveDate) -> String {
    let d = (date - as_of).num_days();
    match d {
        0 => "today".into(),
        1 => "tomorrow".into(),
        -1 => "yesterday".into(),
        2.. => format!("in {d} days"),
        _ => format!("{} days ago", -d),
    }
}
