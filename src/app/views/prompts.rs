//! Small dialogs: unsaved changes, delete confirmation, errors, and the in-app path field used
//! when no native file dialog is available. Escape closes each of them (as Cancel).

use eframe::egui;

use egui::text::{CCursor, CCursorRange};
use egui::{Key, Modifiers, RichText};

use crate::app::commands::Command;
use crate::app::dialogs::{self, FileAction};
use crate::app::edits;
use crate::app::theme;
use crate::model::{ContactId, DeletionImpact};

fn escape(ctx: &egui::Context) -> bool {
    ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
}

/// "Save changes to FILE?" with Save / Discard / Cancel.
pub fn unsaved_changes_ui(
    ctx: &egui::Context,
    file_name: &str,
    doing: &str,
    cmds: &mut Vec<Command>,
) {
    let r = egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading("Save your changes?");
        ui.add_space(theme::GAP_S);
        ui.label(format!(
            "{file_name} has changes that are not saved. If you {doing} without saving, they are lost."
        ));
        ui.add_space(theme::GAP_M);
        ui.horizontal(|ui| {
            if ui.button(RichText::new("Save").strong()).clicked() {
                cmds.push(Command::GuardSave);
            }
            if ui.button("Discard").clicked() {
                cmds.push(Command::GuardDiscard);
            }
            if ui.button("Cancel").clicked() {
                cmds.push(Command::CloseModal);
            }
        });
    });
    if r.should_close() || escape(ctx) {
        cmds.push(Command::CloseModal);
    }
}

/// "Delete NAME?" saying what happens to their interactions.
pub fn confirm_delete_ui(
    ctx: &egui::Context,
    id: ContactId,
    name: &str,
    impact: DeletionImpact,
    cmds: &mut Vec<Command>,
) {
    let r = egui::Modal::new(egui::Id::unique("confirm-delete")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        ui.heading(format!("Delete {name}?"));
        ui.add_space(theme::GAP_S);
        let mut lines = Vec::new();
        match impact.removed {
            0 => {}
            1 => lines.push("1 interaction with only them is deleted too.".to_owned()),
            n => lines.push(format!("{n} interactions with only them are deleted too.")),
        }
        match impact.kept {
            0 => {}
            1 => lines.push("1 group interaction is kept for the other people in it.".to_owned()),
            n => lines.push(format!(
                "{n} group interactions are kept for the other people in them."
            )),
        }
        if lines.is_empty() {
            lines.push("They have no interactions.".into());
        }
        lines.push(
            "You can undo this with Ctrl+Z. To keep their history, archive them instead.".into(),
        );
        for l in lines {
            ui.label(l);
        }
        ui.add_space(theme::GAP_M);
        ui.horizontal(|ui| {
            if ui
                .button(RichText::new("Delete contact").color(theme::error_text(ui.visuals())))
                .clicked()
            {
                cmds.push(edits::delete_contact(id, name).into());
                cmds.push(Command::SelectContact(None));
                cmds.push(Command::CloseModal);
            }
            if ui.button("Cancel").clicked() {
                cmds.push(Command::CloseModal);
            }
        });
    });
    if r.should_close() || escape(ctx) {
        cmds.push(Command::CloseModal);
    }
}

/// An error that needs the person's attention (a file that could not be opened or saved).
pub fn error_ui(ctx: &egui::Context, title: &str, message: &str, cmds: &mut Vec<Command>) {
    let r = egui::Modal::new(egui::Id::unique("error")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        ui.heading(title);
        ui.add_space(theme::GAP_S);
        ui.add(egui::Label::new(message).wrap());
        ui.add_space(theme::GAP_M);
        if ui.button("OK").clicked() {
            cmds.push(Command::CloseModal);
        }
    });
    if r.should_close() || escape(ctx) || ctx.input(|i| i.key_pressed(Key::Enter)) {
        cmds.push(Command::CloseModal);
    }
}

/// The path field offered when no native file dialog is available.
#[derive(Clone, Debug)]
pub struct PathPrompt {
    pub title: String,
    pub path: String,
    /// Why the path typed last cannot be used, shown under the field.
    pub error: Option<String>,
    /// Names that still match after Tab, shown under the field.
    pub matches: Vec<String>,
    /// A file to read (it must exist) or a place to write (its folder must exist).
    pub action: FileAction,
    /// Set until the field has been focused with its whole text selected.
    pub focus: bool,
}

impl PathPrompt {
    #[must_use]
    pub fn new(title: impl Into<String>, start: String, action: FileAction) -> Self {
        Self {
            title: title.into(),
            path: start,
            error: None,
            matches: Vec::new(),
            action,
            focus: true,
        }
    }
}

/// The field: its whole suggested path selected at first (typing replaces it), Tab completes
/// the folder or file name, and a path that cannot be used keeps the dialog open with the reason
/// under the field.
pub fn path_prompt_ui(ctx: &egui::Context, prompt: &mut PathPrompt, cmds: &mut Vec<Command>) {
    let r = egui::Modal::new(egui::Id::unique("path-prompt")).show(ctx, |ui| {
        ui.set_width(480.0);
        ui.heading(&prompt.title);
        ui.add_space(theme::GAP_S);
        ui.label(
            "No file dialog is available on this system (no desktop portal or zenity was \
             found). Type the full path of the file instead; Tab completes folder names.",
        );
        ui.add_space(theme::GAP_S);
        let l = ui.label("Path");
        let id = ui.make_persistent_id("path-field");
        let tab = ui.memory(|m| m.has_focus(id))
            && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Tab));
        let mut move_to_end = false;
        if tab {
            let done = dialogs::complete_path(&prompt.path);
            move_to_end = done.text != prompt.path;
            prompt.path = done.text;
            prompt.matches = done.matches;
        }
        let mut output = egui::TextEdit::singleline(&mut prompt.path)
            .id(id)
            .hint_text("/home/you/rapport.json")
            .desired_width(f32::INFINITY)
            .event_filter(egui::EventFilter {
                tab: true,
                horizontal_arrows: true,
                ..Default::default()
            })
            .show(ui);
        let field = output.response.response.clone().labelled_by(l.id);
        if field.changed() {
            prompt.error = None;
            if !tab {
                prompt.matches.clear();
            }
        }
        let select = std::mem::take(&mut prompt.focus);
        if select || move_to_end {
            let len = prompt.path.chars().count();
            let range = if select {
                CCursorRange::two(CCursor::new(0), CCursor::new(len))
            } else {
                CCursorRange::one(CCursor::new(len))
            };
            output.state.cursor.set_char_range(Some(range));
            output.state.store(ui.ctx(), id);
            field.request_focus();
        }
        if let Some(e) = &prompt.error {
            theme::field_error(ui, e);
        }
        if !prompt.matches.is_empty() {
            ui.label(
                RichText::new(prompt.matches.join("   "))
                    .size(theme::META_SIZE)
                    .color(theme::weak_text(ui.visuals())),
            );
        }
        ui.add_space(theme::GAP_M);
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        ui.horizontal(|ui| {
            if ui.button(RichText::new("OK").strong()).clicked() || enter {
                let path = dialogs::expand_home(prompt.path.trim());
                match dialogs::check_typed_path(&path, prompt.action) {
                    Ok(()) => cmds.push(Command::PathEntered(path)),
                    Err(e) => {
                        prompt.error = Some(e);
                        ui.memory_mut(|m| m.request_focus(id));
                    }
                }
            }
            if ui.button("Cancel").clicked() {
                cmds.push(Command::CloseModal);
            }
        });
    });
    if r.should_close() || escape(ctx) {
        cmds.push(Command::CloseModal);
    }
}
