//! The Help menu's three pages, each in a modal: the keyboard shortcuts (read from the command
//! table, so it cannot drift from what the keys do), how Rapport scores a relationship (for
//! people, not engineers), and About with the version.

use eframe::egui;

use egui::{Key, RichText, Ui};

use crate::app::commands::{Action, Command};
use crate::app::theme;

/// Which help page is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HelpPage {
    Shortcuts,
    Scoring,
    About,
}

impl HelpPage {
    fn title(self) -> &'static str {
        match self {
            HelpPage::Shortcuts => "Keyboard shortcuts",
            HelpPage::Scoring => "How Rapport scores a relationship",
            HelpPage::About => "About Rapport",
        }
    }
}

/// Keys that are not actions of the command table but work in forms and lists.
const FORM_KEYS: [(&str, &str); 4] = [
    ("Enter", "Save the open form (in notes: Ctrl+Enter)"),
    ("Escape", "Close the open form, menu or list without saving"),
    ("Tab", "Move to the next field"),
    ("Up / Down", "Move through the command palette's results"),
];

/// Draws the open help page; pushes `CloseModal` when it is closed.
pub fn help_ui(ctx: &egui::Context, page: HelpPage, cmds: &mut Vec<Command>) {
    let modal = egui::Modal::new(egui::Id::unique("help")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading(page.title());
        ui.add_space(theme::GAP_S);
        // A fixed height: a scroll area that sizes itself from its content grew by a step on each
        // repaint inside the modal, moving the Close button under the pointer.
        let height = (ctx.content_rect().height() - 160.0).clamp(200.0, 520.0);
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .max_height(height)
            .min_scrolled_height(height)
            .show(ui, |ui| match page {
                HelpPage::Shortcuts => shortcuts_ui(ui),
                HelpPage::Scoring => scoring_ui(ui),
                HelpPage::About => about_ui(ui),
            });
        ui.add_space(theme::GAP_M);
        ui.button("Close").on_hover_text("Escape").clicked()
    });
    if modal.inner || modal.should_close() || ctx.input(|i| i.key_pressed(Key::Enter)) {
        cmds.push(Command::CloseModal);
    }
}

fn shortcuts_ui(ui: &mut Ui) {
    let weak = theme::weak_text(ui.visuals());
    egui::Grid::new("help-shortcuts")
        .num_columns(2)
        .spacing([theme::GAP_L, theme::GAP_S])
        .striped(true)
        .show(ui, |ui| {
            for &action in Action::ALL {
                let keys: Vec<String> = action
                    .shortcuts()
                    .iter()
                    .map(|s| ui.ctx().format_shortcut(s).replace("Slash", "/"))
                    .collect();
                if keys.is_empty() {
                    continue;
                }
                ui.label(RichText::new(keys.join("  or  ")).monospace().strong());
                ui.label(action.info().label.trim_end_matches("..."));
                ui.end_row();
            }
            for (keys, what) in FORM_KEYS {
                ui.label(RichText::new(keys).monospace().strong());
                ui.label(what);
                ui.end_row();
            }
        });
    ui.add_space(theme::GAP_S);
    ui.label(
        RichText::new("Every command is also in the command palette (Ctrl+K): type a few letters.")
            .color(weak),
    );
}

/// The scoring page: the formula of docs/ANALYTICS.md in plain words.
const SCORING: [(&str, &str); 6] = [
    (
        "What counts",
        "Rapport scores each relationship from 0 to 100 by what your interactions were like, never \
         by where they happened: a deep video call counts as much as a deep coffee.",
    ),
    (
        "Six things, in this order of weight",
        "How deep your conversations go (the most), how recently you were in touch, how often, how \
         long you have known each other, whether both of you reach out, and how many different \
         ways you keep in touch.",
    ),
    (
        "Evidence first",
        "A score grows with evidence. Two conversations on the day you met say little, so until \
         there are more interactions over more days each part of the score stays close to what \
         a casual acquaintance would get. Beside every score Rapport says what it rests on, \
         like \"based on 14 interactions over 300 days\".",
    ),
    (
        "Who reached out",
        "Leave \"Initiated by\" as \"not recorded\" when you do not know: only the interactions where \
         you said who reached out count towards the balance.",
    ),
    (
        "Circles",
        "People are ranked into circles of about 5, 15, 50 and 150, after Dunbar. The two closest \
         circles need some history: at least 3 interactions over a month for the 15, 6 over three \
         months for the 5.",
    ),
    (
        "Your plan",
        "The closer the circle, the more often Rapport suggests being in touch (weekly, monthly, \
         every three months, yearly), unless you set a cadence for a person or a tag. This week \
         lists the closest people first, then the longest overdue, up to the number of people you \
         mean to reach in a week.",
    ),
];

fn scoring_ui(ui: &mut Ui) {
    for (head, body) in SCORING {
        ui.label(RichText::new(head).strong());
        ui.label(body);
        ui.add_space(theme::GAP_S);
    }
    ui.label(
        RichText::new(
            "You can change how much each part weighs on the Charts page (Strength weights).",
        )
        .color(theme::weak_text(ui.visuals())),
    );
}

fn about_ui(ui: &mut Ui) {
    ui.label(RichText::new(format!("Rapport {}", env!("CARGO_PKG_VERSION"))).strong());
    ui.label(
        "A personal relationship manager: who matters to you, how you keep in touch online and \
         offline, and who to reach this week. Your data stays in one file on your computer.",
    );
    ui.add_space(theme::GAP_S);
    ui.label(
        RichText::new(format!("Licence: {}", env!("CARGO_PKG_LICENSE")))
            .color(theme::weak_text(ui.visuals())),
    );
}
