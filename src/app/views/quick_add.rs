//! Contact > Quick add...: one line ("Coffee with Ada at Lune, 45 min, deep") read with the
//! documented rules of [`crate::model::quick_add`]. What was understood, and what was not, is
//! shown under the line; Enter fills the Log form with it for review, and nothing is saved here.

use eframe::egui;

use chrono::NaiveDate;
use egui::{Key, Modifiers, RichText};

use super::interaction_form::InteractionDraft;
use super::widgets::to_jiff;
use crate::app::commands::Command;
use crate::app::theme;
use crate::model::Dataset;
use crate::model::quick_add::{self, QuickAdd};

/// The line being typed and what it was read as.
#[derive(Clone, Debug)]
pub struct QuickAddState {
    pub line: String,
    read: Option<(String, QuickAdd)>,
    focus: bool,
}

impl Default for QuickAddState {
    fn default() -> Self {
        Self {
            line: String::new(),
            read: None,
            focus: true,
        }
    }
}

/// The Log form's draft for what `q` says (today when no date was said; no channel when none
/// was understood, so the form asks for one).
#[must_use]
pub fn draft_of(q: &QuickAdd, today: NaiveDate) -> InteractionDraft {
    let mut d = InteractionDraft::new(q.date.unwrap_or(today), q.people.clone(), q.channel);
    if let Some(m) = q.minutes {
        d.minutes = m.to_string();
    }
    if let Some(depth) = q.depth {
        d.depth = depth;
    }
    d.summary.clone_from(&q.summary);
    d.notes.clone_from(&q.note);
    d.date = to_jiff(q.date.unwrap_or(today));
    d
}

pub fn quick_add_ui(
    ctx: &egui::Context,
    state: &mut QuickAddState,
    data: &Dataset,
    today: NaiveDate,
    cmds: &mut Vec<Command>,
) {
    let r = egui::Modal::new(egui::Id::unique("quick-add")).show(ctx, |ui| {
        ui.set_width(520.0);
        ui.heading("Quick add");
        ui.add_space(theme::GAP_S);
        let weak = theme::weak_text(ui.visuals());
        ui.label(
            RichText::new(
                "Who, how and what first, then when, how long and how deep, separated by \
                 commas. Everything after \"note:\" is the note.",
            )
            .color(weak),
        );
        ui.add_space(theme::GAP_S);
        let l = ui.label("Quick add");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut state.line)
                    .hint_text("Coffee with Ada at Lune, yesterday, 45 min, deep")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
        if std::mem::take(&mut state.focus) {
            field.request_focus();
        }
        if state
            .read
            .as_ref()
            .is_none_or(|(line, _)| *line != state.line)
        {
            let q = quick_add::parse(&state.line, data, today);
            state.read = Some((state.line.clone(), q));
        }
        let Some((_, q)) = &state.read else { return };
        ui.add_space(theme::GAP_S);
        if state.line.trim().is_empty() {
            ui.label(RichText::new("Nothing typed yet.").color(weak));
        } else {
            ui.label(RichText::new("Understood").strong());
            if q.understood.is_empty() {
                ui.label(RichText::new("Nothing yet.").color(weak));
            }
            for line in &q.understood {
                ui.add(egui::Label::new(line.as_str()).wrap());
            }
            if q.date.is_none() {
                ui.label(RichText::new("No date said: today.").color(weak));
            }
            if q.channel.is_none() {
                ui.label(
                    RichText::new(
                        "No channel word (coffee, call, email...): choose it in the form.",
                    )
                    .color(weak),
                );
            }
            if q.people.is_empty() && q.problems.is_empty() {
                ui.label(
                    RichText::new(
                        "Nobody named: write \"with\" and their name, or add them in the form.",
                    )
                    .color(weak),
                );
            }
            for problem in &q.problems {
                theme::field_error(ui, problem);
            }
        }
        ui.add_space(theme::GAP_M);
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        ui.horizontal(|ui| {
            let fill = ui
                .button(RichText::new("Fill the log form").strong())
                .on_hover_text("Open the Log interaction form with these parts, to check and save");
            if fill.clicked() || enter {
                cmds.push(Command::LogDraft(Box::new(draft_of(q, today))));
            }
            if ui.button("Cancel").clicked() {
                cmds.push(Command::CloseModal);
            }
        });
    });
    if r.should_close() || ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
        cmds.push(Command::CloseModal);
    }
}
