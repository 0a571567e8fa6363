//! The import preview: what an import would do (who is new, who is merged into whom and what
//! changes, which merges are only proposed, the interactions, what is skipped and why,
//! conflicts), before anything changes. Each contact, interaction and merge has a checkbox: the
//! user leaves out any row and accepts or rejects each proposed merge, and the plan is made
//! again. Import applies the whole plan as one undo step; Cancel (or Escape) leaves the data as
//! it was. The lists' lines are made in `rows`; this file holds the preview's state and draws it.

mod rows;

use eframe::egui;

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers, RichText};

use crate::app::commands::Command;
use crate::app::theme;
use crate::formats::{Format, ImportChoices, ImportPlan, Parsed};
use crate::model::Dataset;
use rows::{Rows, Style, Toggle};

/// One import being previewed: the file, how it is read, and where reading got.
pub struct ImportPreview {
    pub path: PathBuf,
    /// The chosen format; `None` detects it from the content.
    pub format: Option<Format>,
    pub state: ImportState,
    pub tab: PreviewTab,
    /// Said above the lists (the preview was recomputed because the data changed).
    pub note: Option<String>,
}

/// Where reading and planning got.
pub enum ImportState {
    /// On a background thread.
    Reading,
    /// The file could not be read as the chosen format; the message names the file.
    Failed(String),
    Ready(Box<ReadyPlan>),
}

/// A computed plan, with its records and the lines the preview lists.
pub struct ReadyPlan {
    pub parsed: Parsed,
    pub plan: ImportPlan,
    /// The rows left out and the proposed merges accepted so far.
    pub choices: ImportChoices,
    rows: Rows,
}

impl ReadyPlan {
    #[must_use]
    pub fn new(parsed: Parsed, plan: ImportPlan) -> Self {
        let rows = Rows::new(&parsed, &plan);
        Self {
            parsed,
            plan,
            choices: ImportChoices::default(),
            rows,
        }
    }

    /// Computes the plan again against the data as it is now, with the choices made.
    pub fn replan(&mut self, data: &Dataset) {
        self.plan = ImportPlan::with_choices(data, &self.parsed, &self.choices);
        self.rows = Rows::new(&self.parsed, &self.plan);
    }

    /// Applies a checkbox the user changed, then makes the plan again.
    fn toggle(&mut self, toggle: Toggle, on: bool, data: &Dataset) {
        match toggle {
            Toggle::Include(row) => {
                if on {
                    self.choices.left_out.remove(&row);
                } else {
                    self.choices.left_out.insert(row);
                }
            }
            Toggle::Accept(row) => {
                if on {
                    self.choices.accepted.insert(row);
                } else {
                    self.choices.accepted.remove(&row);
                }
            }
        }
        self.replan(data);
    }
}

/// The list shown below the counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum PreviewTab {
    #[default]
    New,
    Proposed,
    Merged,
    Interactions,
    LeftOut,
    Skipped,
    Conflicts,
}

impl ImportPreview {
    /// A preview whose file is being read.
    #[must_use]
    pub fn reading(path: PathBuf, format: Option<Format>) -> Self {
        Self {
            path,
            format,
            state: ImportState::Reading,
            tab: PreviewTab::New,
            note: None,
        }
    }

    /// The plan has arrived: show the first list that has something in it.
    pub fn ready(&mut self, ready: ReadyPlan) {
        let p = &ready.plan;
        self.tab = if !p.proposed.is_empty() {
            PreviewTab::Proposed
        } else if !p.added.is_empty() {
            PreviewTab::New
        } else if !p.merged.is_empty() {
            PreviewTab::Merged
        } else if !p.conflicts.is_empty() {
            PreviewTab::Conflicts
        } else if !p.skipped.is_empty() {
            PreviewTab::Skipped
        } else {
            PreviewTab::New
        };
        self.state = ImportState::Ready(Box::new(ready));
    }
}

/// The file's name (the last part of its path) for titles and undo labels.
#[must_use]
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

const LIST_HEIGHT: f32 = 220.0;

/// The preview dialog. Enter imports, Escape cancels.
pub fn import_preview_ui(
    ctx: &egui::Context,
    preview: &mut ImportPreview,
    data: &Dataset,
    cmds: &mut Vec<Command>,
) {
    let name = file_name(&preview.path);
    let r = egui::Modal::new(egui::Id::unique("import-preview")).show(ctx, |ui| {
        ui.set_width(640.0);
        ui.heading(format!("Import {name}"));
        ui.label(
            RichText::new(preview.path.display().to_string())
                .size(theme::META_SIZE)
                .color(theme::weak_text(ui.visuals())),
        );
        ui.add_space(theme::GAP_S);
        format_choice_ui(ui, preview, cmds);
        ui.add_space(theme::GAP_M);
        match &mut preview.state {
            ImportState::Reading => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(format!("Reading {name}..."));
                });
                ui.add_space(theme::GAP_M);
                if ui.button("Cancel").clicked() {
                    cmds.push(Command::CloseModal);
                }
            }
            ImportState::Failed(message) => {
                ui.add(
                    egui::Label::new(
                        RichText::new(message.as_str()).color(theme::error_text(ui.visuals())),
                    )
                    .wrap(),
                );
                ui.label("Nothing was imported. Choose another format above, or close.");
                ui.add_space(theme::GAP_M);
                if ui.button("Close").clicked() {
                    cmds.push(Command::CloseModal);
                }
            }
            ImportState::Ready(ready) => {
                if let Some(note) = &preview.note {
                    ui.label(RichText::new(note.as_str()).color(theme::warning_text(ui.visuals())));
                    ui.add_space(theme::GAP_S);
                }
                if let Some((toggle, on)) = plan_ui(ui, ready, &mut preview.tab) {
                    ready.toggle(toggle, on, data);
                }
                ui.add_space(theme::GAP_M);
                ui.horizontal(|ui| {
                    let empty = ready.plan.is_empty();
                    let import = ui
                        .add_enabled(!empty, egui::Button::new(RichText::new("Import").strong()))
                        .on_hover_text(
                            "Add and merge these contacts; Ctrl+Z undoes the whole import",
                        )
                        .on_disabled_hover_text("This file adds nothing new");
                    let enter = !empty && ui.input(|i| i.key_pressed(Key::Enter));
                    if import.clicked() || enter {
                        cmds.push(Command::ConfirmImport);
                    }
                    if ui.button("Cancel").clicked() {
                        cmds.push(Command::CloseModal);
                    }
                    let hint = if empty {
                        "Nothing to import: everything is already there"
                    } else {
                        "Nothing changes until you import; Ctrl+Z undoes the whole import"
                    };
                    ui.label(RichText::new(hint).color(theme::weak_text(ui.visuals())));
                });
            }
        }
    });
    if r.should_close() || ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
        cmds.push(Command::CloseModal);
    }
}

fn format_choice_ui(ui: &mut egui::Ui, preview: &ImportPreview, cmds: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let l = ui.label("Read as");
        let shown = match preview.format {
            None => match &preview.state {
                ImportState::Ready(r) => format!("Auto-detect ({})", r.parsed.format().label()),
                _ => "Auto-detect".to_owned(),
            },
            Some(f) => f.label().to_owned(),
        };
        let mut chosen = preview.format;
        egui::ComboBox::from_id_salt("import-format")
            .selected_text(shown)
            .width(260.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut chosen, None, "Auto-detect");
                for f in Format::ALL {
                    ui.selectable_value(&mut chosen, Some(f), f.label());
                }
            })
            .response
            .labelled_by(l.id);
        if chosen != preview.format {
            cmds.push(Command::ImportAs(chosen));
        }
    });
}

fn count_ui(ui: &mut egui::Ui, n: usize, one: &str, many: &str) {
    let what = if n == 1 { one } else { many };
    egui::Frame::new()
        .fill(theme::header_fill(ui.visuals()))
        .corner_radius(6)
        .inner_margin(egui::Margin::symmetric(8, 4))
        .show(ui, |ui| {
            ui.label(RichText::new(format!("{n} {what}")).strong());
        });
}

/// Draws the counts and the chosen list; returns the checkbox the user changed, if any.
fn plan_ui(ui: &mut egui::Ui, ready: &ReadyPlan, tab: &mut PreviewTab) -> Option<(Toggle, bool)> {
    let s = ready.plan.summary();
    ui.horizontal_wrapped(|ui| {
        count_ui(ui, s.added, "new", "new");
        count_ui(ui, s.merged, "merged", "merged");
        if s.unchanged > 0 {
            count_ui(ui, s.unchanged, "unchanged", "unchanged");
        }
        count_ui(ui, s.skipped, "skipped", "skipped");
        if s.conflicts > 0 || ready.plan.format == Format::Rapport {
            count_ui(ui, s.conflicts, "conflict", "conflicts");
        }
        if s.channels > 0 {
            count_ui(ui, s.channels, "new channel", "new channels");
        }
        if s.interactions > 0 {
            count_ui(ui, s.interactions, "interaction", "interactions");
        }
        if s.proposed > 0 {
            count_ui(ui, s.proposed, "proposed merge", "proposed merges");
        }
        if s.left_out > 0 {
            count_ui(ui, s.left_out, "left out", "left out");
        }
    });
    if !ready.plan.new_channels.is_empty() {
        let names: Vec<String> = ready
            .plan
            .new_channels
            .iter()
            .map(|c| format!("{} ({})", c.name, c.mode.label()))
            .collect();
        ui.label(format!("New channels {}", names.join(", ")));
    }
    ui.add_space(theme::GAP_S);
    ui.horizontal_wrapped(|ui| {
        let merged_records = ready.plan.merged.len();
        let tabs = [
            (PreviewTab::New, format!("New ({})", s.added), true),
            (
                PreviewTab::Proposed,
                format!("Proposed merges ({})", ready.plan.proposed.len()),
                !ready.plan.proposed.is_empty(),
            ),
            (
                PreviewTab::Merged,
                format!("Merged ({merged_records})"),
                true,
            ),
            (
                PreviewTab::Interactions,
                format!("Interactions ({})", s.interactions),
                s.interactions > 0,
            ),
            (
                PreviewTab::LeftOut,
                format!("Left out ({})", s.left_out),
                s.left_out > 0,
            ),
            (
                PreviewTab::Skipped,
                format!("Skipped ({})", s.skipped),
                true,
            ),
            (
                PreviewTab::Conflicts,
                format!("Conflicts ({})", s.conflicts),
                s.conflicts > 0 || ready.plan.format == Format::Rapport,
            ),
        ];
        for (t, label, shown) in tabs {
            if shown || *tab == t {
                ui.selectable_value(tab, t, label);
            }
        }
    });
    ui.separator();
    let rows = ready.rows.of(*tab);
    if rows.is_empty() {
        let text = match tab {
            PreviewTab::New => "No one new",
            PreviewTab::Proposed => "No proposed merges",
            PreviewTab::Merged => "No one matches a contact you already have",
            PreviewTab::Interactions => "No interactions",
            PreviewTab::LeftOut => "Nothing is left out",
            PreviewTab::Skipped => "Nothing is skipped",
            PreviewTab::Conflicts => "No conflicts",
        };
        ui.allocate_ui(egui::vec2(ui.available_width(), LIST_HEIGHT), |ui| {
            ui.label(RichText::new(text).color(theme::weak_text(ui.visuals())));
            ui.allocate_space(ui.available_size());
        });
        return None;
    }
    if *tab == PreviewTab::Proposed {
        ui.label(
            RichText::new(
                "These only look alike (the same name, or a shared phone or email under \
                 different names). Tick a row to merge it; unticked, it is added as a contact \
                 of its own.",
            )
            .color(theme::weak_text(ui.visuals())),
        );
    }
    let row_height = ui
        .spacing()
        .interact_size
        .y
        .max(ui.text_style_height(&egui::TextStyle::Body))
        + 2.0;
    let weak = theme::weak_text(ui.visuals());
    let mut changed = None;
    egui::ScrollArea::vertical()
        .id_salt(("import-rows", *tab))
        .min_scrolled_height(LIST_HEIGHT)
        .max_height(LIST_HEIGHT)
        .auto_shrink([false, false])
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            for line in &rows[range] {
                let text = match line.style {
                    Style::Strong => RichText::new(line.text.as_str()).strong(),
                    Style::Plain => RichText::new(line.text.as_str()),
                    Style::Detail => RichText::new(format!("      {}", line.text)).color(weak),
                };
                match line.check {
                    Some((toggle, on)) => {
                        let mut value = on;
                        let hint = match toggle {
                            Toggle::Accept(_) => {
                                "Ticked: merged into the contact it looks like; unticked: added separately"
                            }
                            Toggle::Include(_) => "Unticked: left out of the import",
                        };
                        let r = ui.checkbox(&mut value, text).on_hover_text(hint);
                        if r.changed() {
                            changed = Some((toggle, value));
                        }
                    }
                    None => {
                        ui.add(egui::Label::new(text).truncate());
                    }
                }
            }
        });
    changed
}

/// Marks a contact-list row (whose top-left corner is `top`) as added or merged by the last
/// import: a bar along its left edge, named "Just imported" for screen readers.
pub fn imported_marker_ui(ui: &mut egui::Ui, top: egui::Pos2, id: crate::model::ContactId) {
    let bar = egui::Rect::from_min_size(top, egui::vec2(4.0, theme::LIST_ROW_HEIGHT))
        .shrink2(egui::vec2(0.0, 4.0));
    let r = ui.interact(
        bar,
        ui.scope_id().with(("imported", id)),
        egui::Sense::hover(),
    );
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, "Just imported"));
    if ui.is_rect_visible(bar) {
        ui.painter()
            .rect_filled(bar, 2.0, ui.visuals().hyperlink_color);
    }
    r.on_hover_text("Added or merged by the last import");
}
