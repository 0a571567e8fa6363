//! The central page for one contact: their details, then every interaction, newest first.

use eframe::egui;

use chrono::NaiveDate;
use egui::{Align, Layout, RichText, Ui};

use super::strength_panel::TimelineMemo;
use super::{ViewContext, elided, time_since};
use crate::app::commands::{Action, Command};
use crate::app::index::ContactIndex;
use crate::app::theme;
use crate::model::{Contact, ContactId, Dataset, Initiator, Interaction, Mode};

/// Height of one row in the interaction history.
const HISTORY_ROW_HEIGHT: f32 = 54.0;

/// Draws the selected contact, or an empty state that says what to do.
pub fn contact_detail_ui(
    ui: &mut Ui,
    cx: ViewContext<'_>,
    timeline: &mut TimelineMemo,
    cmds: &mut Vec<Command>,
) {
    let (data, index, analytics, plan) = (cx.data, cx.index, cx.analytics, cx.plan);
    let (selected, today) = (cx.selected, cx.today);
    let Some(c) = selected.and_then(|id| data.contact(id)) else {
        if data.contacts().is_empty() {
            first_start_ui(ui, cmds);
        } else {
            super::empty_state_ui(
                ui,
                "Choose someone on the left",
                "Their details and every interaction appear here. Ctrl+F searches; Ctrl+L logs an \
                 interaction",
            );
        }
        return;
    };

    header_ui(ui, c, index, today, cmds);
    ui.add_space(theme::GAP_S);
    // One scroll for the page, details first (where people look), then the plan, the strength
    // and the history (issue 15, item 4: they once hid in a small scroll area under the chart).
    egui::ScrollArea::vertical()
        .id_salt(("contact-page", c.id.0))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            fields_ui(ui, c);
            ui.add_space(theme::GAP_S);
            super::plan::contact_plan_ui(ui, data, plan, c.id, cmds);
            ui.add_space(theme::GAP_S);
            if analytics.contact(c.id).is_some() {
                super::strength_panel::contact_strength_ui(ui, analytics, c.id, timeline);
                ui.add_space(theme::GAP_M);
            }
            history_ui(ui, c, data, index, cmds);
        });
}

/// An empty file: the three ways in, each a button running its command, with what it does.
fn first_start_ui(ui: &mut Ui, cmds: &mut Vec<Command>) {
    let weak = theme::weak_text(ui.visuals());
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.15);
        ui.label(RichText::new("Welcome to Rapport").heading());
        ui.add_space(theme::GAP_S);
        ui.label(RichText::new("This file has nobody in it yet. Three ways to begin:").color(weak));
        ui.add_space(theme::GAP_M);
        let ways = [
            (
                Action::ImportFile,
                "Import contacts...",
                "From your phone or address book: vCard, Google, Outlook or LinkedIn CSV",
            ),
            (
                Action::CaptureInteractions,
                "Capture interactions...",
                "From a calendar, a mailbox or a chat export: the people come with them",
            ),
            (
                Action::AddContact,
                "+ Add a contact...",
                "Type in one person by hand (Ctrl+Shift+N)",
            ),
        ];
        for (action, label, what) in ways {
            let button =
                egui::Button::new(RichText::new(label).strong()).min_size(egui::vec2(260.0, 32.0));
            if ui
                .add(button)
                .on_hover_text(action.info().tooltip)
                .clicked()
            {
                cmds.push(Command::Action(action));
            }
            ui.label(RichText::new(what).size(theme::META_SIZE).color(weak));
            ui.add_space(theme::GAP_M);
        }
    });
}

fn header_ui(
    ui: &mut Ui,
    c: &Contact,
    index: &ContactIndex,
    today: NaiveDate,
    cmds: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        super::avatar::avatar_ui(ui, c, 56.0);
        ui.vertical(|ui| {
            ui.horizontal(|ui| {
                // The strong text colour: the plain heading colour read as disabled in dark mode.
                ui.add(
                    egui::Label::new(
                        RichText::new(&c.display_name)
                            .heading()
                            .color(ui.visuals().strong_text_color()),
                    )
                    .truncate(),
                );
                if c.archived {
                    theme::badge(
                        ui,
                        "archived",
                        theme::chip_fill(ui.visuals()),
                        ui.visuals().text_color(),
                    );
                }
            });
            let mut line = Vec::new();
            if !c.role.is_empty() {
                line.push(c.role.clone());
            }
            if !c.organization.is_empty() {
                line.push(c.organization.clone());
            }
            line.push(match index.last_contact(c.id) {
                Some(d) => format!("last contact {}", time_since(d, today)),
                None => "no interactions yet".into(),
            });
            ui.label(RichText::new(line.join(" · ")).color(theme::weak_text(ui.visuals())));
        });
    });
    ui.add_space(theme::GAP_S);
    ui.horizontal(|ui| {
        if ui
            .button(RichText::new("Log interaction...").strong())
            .on_hover_text(format!(
                "Log a conversation, call or meeting with {} (Ctrl+L)",
                c.display_name
            ))
            .clicked()
        {
            cmds.push(Command::LogInteractionWith(vec![c.id]));
        }
        if ui.button("Edit contact...").clicked() {
            cmds.push(Command::EditContact(c.id));
        }
        let archive = if c.archived { "Unarchive" } else { "Archive" };
        if ui
            .button(archive)
            .on_hover_text("Archived people are hidden from the list unless you show them")
            .clicked()
        {
            cmds.push(Command::SetArchived(c.id, !c.archived));
        }
        if ui.button("Delete contact...").clicked() {
            cmds.push(Command::AskDeleteContact(c.id));
        }
    });
}

fn fields_ui(ui: &mut Ui, c: &Contact) {
    let weak = theme::weak_text(ui.visuals());
    egui::Grid::new("contact-fields-grid")
        .num_columns(2)
        .spacing([theme::GAP_L, theme::GAP_S])
        .show(ui, |ui| {
            let row = |ui: &mut Ui, label: &str, value: &str| {
                if !value.is_empty() {
                    ui.label(RichText::new(label).color(weak));
                    ui.add(egui::Label::new(value).wrap());
                    ui.end_row();
                }
            };
            for e in &c.emails {
                row(ui, &labelled("Email", &e.label), &e.value);
            }
            for p in &c.phones {
                row(ui, &labelled("Phone", &p.label), &p.value);
            }
            for l in &c.links {
                row(ui, &labelled("Link", &l.label), &l.value);
            }
            row(ui, "How we met", &c.how_met);
            if let Some(d) = c.met_on {
                row(ui, "Met on", &d.format("%-d %B %Y").to_string());
            }
            if let Some(b) = c.birthday {
                let text = match b
                    .year
                    .and_then(|y| NaiveDate::from_ymd_opt(y, b.month, b.day))
                {
                    Some(d) => d.format("%-d %B %Y").to_string(),
                    None => NaiveDate::from_ymd_opt(2000, b.month, b.day)
                        .map(|d| d.format("%-d %B").to_string())
                        .unwrap_or_default(),
                };
                row(ui, "Birthday", &text);
            }
            if let Some(days) = c.cadence_days {
                row(ui, "Keep in touch", &format!("every {days} days"));
            }
            for a in &c.addresses {
                row(ui, &labelled("Address", &a.label), &a.one_line());
            }
            if !c.tags.is_empty() {
                ui.label(RichText::new("Tags").color(weak));
                ui.horizontal_wrapped(|ui| {
                    for t in &c.tags {
                        theme::badge(
                            ui,
                            t,
                            theme::chip_fill(ui.visuals()),
                            ui.visuals().text_color(),
                        );
                    }
                });
                ui.end_row();
            }
            row(ui, "Notes", &c.notes);
        });
}

/// "Email" or "Email (work)".
fn labelled(kind: &str, label: &str) -> String {
    if label.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind} ({label})")
    }
}

fn history_ui(
    ui: &mut Ui,
    c: &Contact,
    data: &Dataset,
    index: &ContactIndex,
    cmds: &mut Vec<Command>,
) {
    let history = index.history(c.id);
    let (mut online, mut offline) = (0, 0);
    if history.len() <= 10_000 {
        for e in history {
            match data
                .interaction(e.id)
                .and_then(|it| data.channel(it.channel))
                .map(|ch| ch.mode)
            {
                Some(Mode::Online) => online += 1,
                Some(Mode::Offline) => offline += 1,
                None => {}
            }
        }
    }
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!(
                "Interactions ({})",
                crate::analytics::thousands(history.len() as u64)
            ))
            .strong(),
        );
        if online + offline > 0 {
            ui.label(
                RichText::new(crate::analytics::thousands(online))
                    .color(theme::ONLINE)
                    .strong(),
            );
            ui.label("online");
            ui.label(
                RichText::new(crate::analytics::thousands(offline))
                    .color(theme::OFFLINE)
                    .strong(),
            );
            ui.label("offline");
        }
    });
    ui.separator();
    if history.is_empty() {
        ui.add_space(theme::GAP_L);
        ui.vertical_centered(|ui| {
            ui.label(RichText::new("No interactions yet").strong());
            ui.label(
                RichText::new(format!(
                    "Log a call, a coffee or a message with {} to start their history",
                    c.display_name
                ))
                .color(theme::weak_text(ui.visuals())),
            );
        });
        return;
    }
    // Rows of a fixed height inside the page's scroll: only the visible ones are drawn.
    for entry in history {
        let (rect, _) = ui.allocate_exact_size(
            egui::vec2(ui.available_width(), HISTORY_ROW_HEIGHT),
            egui::Sense::hover(),
        );
        if !ui.is_rect_visible(rect) {
            continue;
        }
        if let Some(it) = data.interaction(entry.id) {
            ui.scope_builder(egui::UiBuilder::new().max_rect(rect), |ui| {
                history_row_ui(ui, it, c.id, data, cmds);
            });
        }
    }
}

fn history_row_ui(
    ui: &mut Ui,
    it: &Interaction,
    contact: ContactId,
    data: &Dataset,
    cmds: &mut Vec<Command>,
) {
    let weak = theme::weak_text(ui.visuals());
    let channel = data.channel(it.channel);
    ui.push_id(it.id.0, |ui| {
        let row = ui.allocate_ui_with_layout(
            egui::vec2(ui.available_width(), HISTORY_ROW_HEIGHT),
            Layout::left_to_right(Align::Min),
            |ui| {
                ui.set_min_height(HISTORY_ROW_HEIGHT);
                ui.vertical(|ui| {
                    ui.set_width(92.0);
                    ui.label(RichText::new(it.date.format("%-d %b %Y").to_string()).strong());
                    if let Some(t) = it.time {
                        ui.label(
                            RichText::new(t.format("%H:%M").to_string())
                                .size(theme::META_SIZE)
                                .color(weak),
                        );
                    }
                });
                ui.vertical(|ui| {
                    ui.horizontal(|ui| {
                        if let Some(ch) = channel {
                            ui.label(&ch.name);
                            theme::mode_badge(ui, ch.mode);
                        }
                        let mut facts =
                            vec![format!("depth {} {}", it.depth.get(), it.depth.name())];
                        if let Some(m) = it.minutes {
                            facts.push(format!("{m} min"));
                        }
                        match it.initiated_by {
                            Initiator::Me => facts.push("I reached out".to_owned()),
                            Initiator::Them => facts.push("they reached out".to_owned()),
                            Initiator::Mutual => facts.push("mutual".to_owned()),
                            Initiator::Unknown => {}
                        }
                        if let Some(f) = it.follow_up {
                            facts.push(format!("follow up {}", f.format("%-d %b %Y")));
                        }
                        if it.participants.len() > 1 {
                            let others: Vec<&str> = it
                                .participants
                                .iter()
                                .filter(|&&p| p != contact)
                                .filter_map(|&p| data.contact(p))
                                .map(|c| c.display_name.as_str())
                                .collect();
                            facts.push(format!("with {}", others.join(", ")));
                        }
                        if let Some(from) = it
                            .source
                            .as_deref()
                            .and_then(crate::formats::capture::source_label)
                        {
                            facts.push(format!("from {from}"));
                        }
                        ui.label(
                            RichText::new(facts.join(" · "))
                                .size(theme::META_SIZE)
                                .color(weak),
                        );
                    });
                    ui.horizontal(|ui| {
                        let buttons = 120.0;
                        let summary = if it.summary.is_empty() {
                            "(no summary)"
                        } else {
                            &it.summary
                        };
                        let g = elided(
                            ui,
                            summary,
                            egui::TextStyle::Body.resolve(ui.style()),
                            ui.visuals().text_color(),
                            ui.available_width() - buttons,
                        );
                        let summary = ui.label(g);
                        if !it.notes.is_empty() {
                            summary.on_hover_text(&it.notes);
                        }
                        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                            // Screen readers hear which interaction each button is for.
                            let when = it.date.format("%-d %B %Y").to_string();
                            let named = |r: egui::Response, name: String| {
                                r.widget_info(|| {
                                    egui::WidgetInfo::labeled(egui::Role::Button, true, &name)
                                });
                                r
                            };
                            let delete = ui.small_button("Delete");
                            if named(delete, format!("Delete the interaction of {when}")).clicked()
                            {
                                cmds.push(Command::DeleteInteraction(it.id));
                            }
                            let edit = ui.small_button("Edit...");
                            if named(edit, format!("Edit the interaction of {when}...")).clicked() {
                                cmds.push(Command::EditInteraction(it.id));
                            }
                        });
                    });
                });
            },
        );
        let r = row.response.rect;
        ui.painter().hline(
            r.x_range(),
            r.bottom() + ui.spacing().item_spacing.y / 2.0,
            ui.visuals().widgets.noninteractive.bg_stroke,
        );
    });
}
