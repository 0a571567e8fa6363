//! The command palette (Ctrl+K): type to filter every command of the table, Enter or a click
//! runs the highlighted one, the arrow keys move, Escape closes. Each row shows the command's
//! shortcut, so the palette also teaches them.

use eframe::egui;

use egui::{Key, Modifiers, RichText};

use crate::app::commands::{Action, Command};
use crate::app::theme;

/// What the palette holds while it is open.
#[derive(Clone, Debug, Default)]
pub struct Palette {
    pub query: String,
    /// The highlighted row among the matches.
    pub selected: usize,
    focused: bool,
}

impl Palette {
    /// The commands matching the query: those whose label matches first, then those matched by
    /// their tooltip only, each in table order.
    #[must_use]
    pub fn matches(&self) -> Vec<Action> {
        let mut found: Vec<Action> = Action::ALL
            .iter()
            .copied()
            .filter(|a| a.in_palette() && a.matches(&self.query))
            .collect();
        found.sort_by_key(|a| !a.label_matches(&self.query));
        found
    }
}

/// Draws the palette; `label_of` gives a command's current text (Undo names what it undoes) and
/// whether it can run now.
pub fn palette_ui(
    ctx: &egui::Context,
    palette: &mut Palette,
    label_of: &dyn Fn(Action) -> (String, bool),
    cmds: &mut Vec<Command>,
) {
    let mut run = None;
    let r = egui::Modal::new(egui::Id::unique("command-palette")).show(ctx, |ui| {
        ui.set_width(480.0);
        let label = ui.label("Command");
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut palette.query)
                    .hint_text("Type to find a command")
                    .desired_width(f32::INFINITY)
                    // Up and Down move the highlight; they must not move the focus away.
                    .event_filter(egui::EventFilter {
                        vertical_arrows: true,
                        horizontal_arrows: true,
                        ..Default::default()
                    }),
            )
            .labelled_by(label.id);
        if !palette.focused {
            edit.request_focus();
            palette.focused = true;
        }
        if edit.changed() {
            palette.selected = 0;
        }
        let matches = palette.matches();

        let (down, up, enter) = ui.input_mut(|i| {
            (
                i.consume_key(Modifiers::NONE, Key::ArrowDown),
                i.consume_key(Modifiers::NONE, Key::ArrowUp),
                i.consume_key(Modifiers::NONE, Key::Enter),
            )
        });
        if down {
            palette.selected = (palette.selected + 1).min(matches.len().saturating_sub(1));
        }
        if up {
            palette.selected = palette.selected.saturating_sub(1);
        }
        palette.selected = palette.selected.min(matches.len().saturating_sub(1));
        ui.add_space(theme::GAP_S);
        if matches.is_empty() {
            ui.label(RichText::new("No command matches").color(theme::weak_text(ui.visuals())));
        }
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .show(ui, |ui| {
                for (i, &action) in matches.iter().enumerate() {
                    let (text, enabled) = label_of(action);
                    let mut button = egui::Button::selectable(i == palette.selected, text)
                        .min_size(egui::vec2(ui.available_width(), 0.0));
                    if let Some(s) = action.shortcut() {
                        button = button.shortcut_text(ctx.format_shortcut(&s));
                    }
                    let response = ui
                        .add_enabled(enabled, button)
                        .on_hover_text(action.info().tooltip);
                    if i == palette.selected {
                        response.scroll_to_me(None);
                    }
                    if response.clicked() {
                        run = Some(action);
                    }
                }
            });
        if enter
            && let Some(&action) = matches.get(palette.selected)
            && label_of(action).1
        {
            run = Some(action);
        }
    });
    let escape = ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape));
    if let Some(action) = run {
        cmds.push(Command::CloseModal);
        cmds.push(Command::Action(action));
    } else if escape || r.should_close() {
        cmds.push(Command::CloseModal);
    }
}
