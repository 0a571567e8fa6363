//! The window's chrome around the pages: the menu bar and tabs (both read from the command
//! table in `commands.rs`), the status bar, the demo banner, the loading screen and the drop
//! hint.

use eframe::egui;

use egui::{Align, Layout, RichText, Ui};

use super::RapportApp;
use super::commands::{Action, Command, Menu};
use super::history::History;
use super::session::{Loading, Origin};
use super::theme::{self, ThemeChoice};
use super::views;

impl RapportApp {
    /// The menu bar, then the tabs: every entry comes from the command table.
    pub(super) fn menu_bar_ui(&self, ui: &mut Ui, cmds: &mut Vec<Command>) {
        egui::MenuBar::new().ui(ui, |ui| {
            for menu in Menu::ALL {
                ui.menu_button(menu.label(), |ui| {
                    for (i, group) in menu.groups().iter().enumerate() {
                        if i > 0 {
                            ui.separator();
                        }
                        self.menu_items(ui, group, cmds);
                        if menu == Menu::File && i == 0 {
                            self.recent_files_ui(ui, cmds);
                        }
                    }
                    if menu == Menu::View {
                        ui.separator();
                        self.theme_menu_ui(ui, cmds);
                        let mut on = !self.prefs.reminders_off;
                        if ui
                            .checkbox(&mut on, "Desktop reminders")
                            .on_hover_text(
                                "A notification on start and each day: follow-ups and birthdays \
                                 due today",
                            )
                            .changed()
                        {
                            cmds.push(Command::SetReminders(on));
                        }
                    }
                });
            }
            ui.separator();
            for action in Action::tabs() {
                let Some(page) = action.info().page else {
                    continue;
                };
                if ui
                    .selectable_label(self.page == page, page.label())
                    .on_hover_text(action.tooltip_with_shortcut(ui.ctx()))
                    .clicked()
                {
                    cmds.push(Command::Action(action));
                }
            }
        });
    }

    /// File > Open recent.
    fn recent_files_ui(&self, ui: &mut Ui, cmds: &mut Vec<Command>) {
        ui.menu_button("Open recent", |ui| {
            if self.prefs.recent.is_empty() {
                ui.label(RichText::new("No recent files").color(theme::weak_text(ui.visuals())));
            }
            for p in &self.prefs.recent {
                if ui
                    .button(p.display().to_string())
                    .on_hover_text("Open this file")
                    .clicked()
                {
                    cmds.push(Command::OpenPath(p.clone()));
                    ui.close();
                }
            }
            if !self.prefs.recent.is_empty() {
                ui.separator();
                if ui.button("Clear recent files").clicked() {
                    cmds.push(Command::ClearRecent);
                    ui.close();
                }
            }
        });
    }

    /// View > Theme.
    fn theme_menu_ui(&self, ui: &mut Ui, cmds: &mut Vec<Command>) {
        ui.menu_button("Theme", |ui| {
            for t in ThemeChoice::ALL {
                if ui.radio(self.prefs.theme == t, t.label()).clicked() {
                    cmds.push(Command::SetTheme(t));
                    ui.close();
                }
            }
        });
    }

    /// Menu entries straight from the command table.
    fn menu_items(&self, ui: &mut Ui, actions: &[Action], cmds: &mut Vec<Command>) {
        for &action in actions {
            let (label, enabled) = action_label(&self.session.history, action);
            let needs_contact = matches!(
                action,
                Action::EditSelected | Action::ArchiveSelected | Action::DeleteSelected
            );
            let enabled = enabled && (!needs_contact || self.selected.is_some());
            let mut button = egui::Button::new(label);
            if let Some(s) = action.shortcut() {
                button = button.shortcut_text(ui.ctx().format_shortcut(&s));
            }
            if ui
                .add_enabled(enabled, button)
                .on_hover_text(action.info().tooltip)
                .clicked()
            {
                cmds.push(Command::Action(action));
                ui.close();
            }
        }
    }

    pub(super) fn status_bar_ui(&self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let weak = theme::weak_text(ui.visuals());
            if let Some(l) = &self.loading {
                let name = l.path.file_name().map_or_else(
                    || l.path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                ui.label(RichText::new(format!("Opening {name}...")).color(weak));
                return;
            }
            if self.export_status_ui(ui) {
                return;
            }
            if let Some((s, _)) = &self.saving {
                ui.spinner();
                ui.label(RichText::new(format!("Saving {}...", s.path.display())).color(weak));
                return;
            }
            let where_ = match &self.session.origin {
                Origin::Demo => "Demo data, kept in memory only".to_owned(),
                Origin::Untitled => "Not saved to a file yet".to_owned(),
                Origin::File(p) => p.display().to_string(),
            };
            ui.label(RichText::new(where_).color(weak));
            let data = &self.session.doc.data;
            ui.label(
                RichText::new(format!(
                    "{} contacts · {} interactions",
                    views::grouped(data.contacts().len()),
                    views::grouped(data.interactions().len())
                ))
                .color(weak),
            );
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                if self.session.is_dirty() {
                    ui.label(
                        RichText::new("Unsaved changes").color(theme::warning_text(ui.visuals())),
                    );
                }
            });
        });
    }
}

/// Shown while a file is read: what is opening and how far it got.
pub(super) fn loading_ui(ui: &mut Ui, l: &Loading, typed: &str) {
    let (fraction, stage) = l.progress();
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.3);
        ui.heading(stage.label());
        ui.label(RichText::new(l.path.display().to_string()).color(theme::weak_text(ui.visuals())));
        ui.add_space(theme::GAP_M);
        ui.add(
            egui::ProgressBar::new(fraction)
                .desired_width(360.0)
                .show_percentage()
                .animate(true),
        );
        if !typed.is_empty() {
            ui.add_space(theme::GAP_M);
            ui.label(format!("Search once open: {typed}"));
        }
    });
}

pub(super) fn demo_banner_ui(ui: &mut Ui, cmds: &mut Vec<Command>) {
    egui::Frame::new()
        .fill(theme::header_fill(ui.visuals()))
        .corner_radius(6)
        .inner_margin(egui::Margin::symmetric(10, 6))
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new("Demo data")
                        .strong()
                        .color(theme::warning_text(ui.visuals())),
                );
                ui.label("Explore freely: nothing is written anywhere until you choose Save As.");
                if ui
                    .small_button("Save As...")
                    .on_hover_text(Action::SaveFileAs.tooltip_with_shortcut(ui.ctx()))
                    .clicked()
                {
                    cmds.push(Command::Action(Action::SaveFileAs));
                }
                if ui.small_button("Start my own (New)").clicked() {
                    cmds.push(Command::Action(Action::NewFile));
                }
            });
        });
    ui.add_space(theme::GAP_S);
}

pub(super) fn drop_hint_ui(ctx: &egui::Context) {
    if ctx.input(|i| i.raw.hovered_files.is_empty()) {
        return;
    }
    let rect = ctx.content_rect();
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop-hint"),
    ));
    painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(160));
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        "Drop a Rapport .json file to open it, or a .vcf or .csv file to import it",
        egui::FontId::proportional(22.0),
        egui::Color32::WHITE,
    );
}

/// What a command's entry says ("Undo add contact") and whether it can run now.
pub(super) fn action_label(history: &History, action: Action) -> (String, bool) {
    match action {
        Action::Undo => (
            history
                .undo_label()
                .map_or_else(|| "Undo".to_owned(), |l| format!("Undo {l}")),
            history.undo_label().is_some(),
        ),
        Action::Redo => (
            history
                .redo_label()
                .map_or_else(|| "Redo".to_owned(), |l| format!("Redo {l}")),
            history.redo_label().is_some(),
        ),
        _ => (action.info().label.to_owned(), true),
    }
}
