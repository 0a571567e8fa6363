//! The import preview: what an import would do (who is new, who is merged into whom and what
//! changes, what is skipped and why, conflicts), before anything changes. Import applies the
//! whole plan as one undo step; Cancel (or Escape) leaves the data as it was.

use eframe::egui;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use egui::{Key, Modifiers, RichText};

use crate::app::commands::Command;
use crate::app::theme;
use crate::formats::{Change, Format, ImportPlan, Parsed};
use crate::model::Dataset;

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
    rows: Rows,
}

impl ReadyPlan {
    #[must_use]
    pub fn new(parsed: Parsed, plan: ImportPlan) -> Self {
        let rows = Rows::new(&parsed, &plan);
        Self { parsed, plan, rows }
    }

    /// Computes the plan again against the data as it is now.
    pub fn replan(&mut self, data: &Dataset) {
        self.plan = ImportPlan::new(data, &self.parsed);
        self.rows = Rows::new(&self.parsed, &self.plan);
    }
}

/// The list shown below the counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum PreviewTab {
    #[default]
    New,
    Merged,
    Skipped,
    Conflicts,
}

/// How a row is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Strong,
    Plain,
    /// A detail under the row above it.
    Detail,
}

/// The preview's lists, laid out once per plan as single lines (so they can be virtualised).
#[derive(Default)]
struct Rows {
    new: Vec<(String, Style)>,
    merged: Vec<(String, Style)>,
    skipped: Vec<(String, Style)>,
    conflicts: Vec<(String, Style)>,
}

fn at(line: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!(" (line {line})")
    }
}

impl Rows {
    fn new(parsed: &Parsed, plan: &ImportPlan) -> Self {
        let incoming: HashMap<usize, &str> = parsed
            .contacts
            .iter()
            .map(|i| (i.line, i.contact.display_name.as_str()))
            .collect();
        let mut rows = Rows::default();
        for a in &plan.added {
            let mut text = format!("{}{}", a.name, at(a.line));
            if let Some(c) = plan.contact(a.id) {
                let facts: Vec<&str> = [
                    c.emails.first().map(|e| e.value.as_str()),
                    c.phones.first().map(|p| p.value.as_str()),
                    Some(c.organization.as_str()),
                ]
                .into_iter()
                .flatten()
                .filter(|s| !s.is_empty())
                .collect();
                if !facts.is_empty() {
                    text.push_str(" · ");
                    text.push_str(&facts.join(" · "));
                }
            }
            rows.new.push((text, Style::Plain));
        }
        for m in &plan.merged {
            let from = incoming.get(&m.line).copied().unwrap_or(m.name.as_str());
            let outcome = if m.changes.is_empty() {
                "nothing new".to_owned()
            } else if m.changes.len() == 1 {
                "1 change".to_owned()
            } else {
                format!("{} changes", m.changes.len())
            };
            rows.merged.push((
                format!(
                    "{from}{} into {} · {} · {outcome}",
                    at(m.line),
                    m.name,
                    m.matched_by
                ),
                Style::Strong,
            ));
            for c in &m.changes {
                let text = match &c.change {
                    Change::Added(v) => format!("{}: add {v}", c.field),
                    Change::Set(v) => format!("{}: set to {v}", c.field),
                    Change::Kept { existing, incoming } => format!(
                        "{}: keeps {existing}; {incoming} goes to the notes",
                        c.field
                    ),
                };
                rows.merged.push((text, Style::Detail));
            }
        }
        for s in &plan.skipped {
            rows.skipped
                .push((crate::app::capitalise(&s.to_string()), Style::Plain));
        }
        for c in &plan.conflicts {
            rows.conflicts
                .push((crate::app::capitalise(&c.subject), Style::Strong));
            rows.conflicts
                .push((crate::app::capitalise(&c.resolution), Style::Detail));
        }
        rows
    }

    fn of(&self, tab: PreviewTab) -> &[(String, Style)] {
        match tab {
            PreviewTab::New => &self.new,
            PreviewTab::Merged => &self.merged,
            PreviewTab::Skipped => &self.skipped,
            PreviewTab::Conflicts => &self.conflicts,
        }
    }
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
        self.tab = if !p.added.is_empty() {
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
        match &preview.state {
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
                plan_ui(ui, ready, &mut preview.tab);
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

fn plan_ui(ui: &mut egui::Ui, ready: &ReadyPlan, tab: &mut PreviewTab) {
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
    ui.horizontal(|ui| {
        let merged_records = ready.plan.merged.len();
        let tabs = [
            (PreviewTab::New, format!("New ({})", s.added)),
            (PreviewTab::Merged, format!("Merged ({merged_records})")),
            (PreviewTab::Skipped, format!("Skipped ({})", s.skipped)),
            (
                PreviewTab::Conflicts,
                format!("Conflicts ({})", s.conflicts),
            ),
        ];
        for (t, label) in tabs {
            if t == PreviewTab::Conflicts
                && s.conflicts == 0
                && ready.plan.format != Format::Rapport
            {
                continue;
            }
            ui.selectable_value(tab, t, label);
        }
    });
    ui.separator();
    let rows = ready.rows.of(*tab);
    if rows.is_empty() {
        let text = match tab {
            PreviewTab::New => "No one new",
            PreviewTab::Merged => "No one matches a contact you already have",
            PreviewTab::Skipped => "Nothing is skipped",
            PreviewTab::Conflicts => "No conflicts",
        };
        ui.allocate_ui(egui::vec2(ui.available_width(), LIST_HEIGHT), |ui| {
            ui.label(RichText::new(text).color(theme::weak_text(ui.visuals())));
            ui.allocate_space(ui.available_size());
        });
        return;
    }
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 2.0;
    let weak = theme::weak_text(ui.visuals());
    egui::ScrollArea::vertical()
        .id_salt(("import-rows", *tab))
        .min_scrolled_height(LIST_HEIGHT)
        .max_height(LIST_HEIGHT)
        .auto_shrink([false, false])
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for (text, style) in &rows[range] {
                let text = match style {
                    Style::Strong => RichText::new(text.as_str()).strong(),
                    Style::Plain => RichText::new(text.as_str()),
                    Style::Detail => RichText::new(format!("      {text}")).color(weak),
                };
                ui.add(egui::Label::new(text).truncate());
            }
        });
}
