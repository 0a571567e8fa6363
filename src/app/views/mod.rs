//! One file per screen or dialog. Each `*_ui` function draws from `&` data and pushes
//! [`Command`](super::commands::Command)s; none of them changes the dataset.

use eframe::egui;

pub mod capture_preview;
pub mod channels;
pub mod charts;
pub mod contact_detail;
pub mod contact_editor;
pub mod contact_list;
pub mod duplicates;
pub mod export_dialog;
pub mod import_preview;
pub mod interaction_form;
pub mod plan;
pub mod plan_chart;
pub mod prompts;
pub mod relationship_map;
pub mod strength_panel;

use std::sync::Arc;

use chrono::NaiveDate;
use egui::text::{LayoutJob, TextWrapping};
use egui::{Color32, FontId, Galley, Ui};

/// The page shown in the central panel. New views (charts, import preview, the weekly plan) add
/// a variant here, a file in this folder, and an action in the command table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Page {
    #[default]
    Contacts,
    Channels,
    Plan,
    Charts,
    Duplicates,
}

impl Page {
    pub const ALL: [Page; 5] = [
        Page::Contacts,
        Page::Plan,
        Page::Charts,
        Page::Channels,
        Page::Duplicates,
    ];

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Page::Contacts => "Contacts",
            Page::Channels => "Channels",
            Page::Charts => "Charts",
            Page::Plan => "This week",
            Page::Duplicates => "Duplicates",
        }
    }
}

/// A chip with a "×" button, for tags and participants; true when the "×" was clicked.
pub fn removable_chip_ui(ui: &mut Ui, text: &str, remove_hint: &str) -> bool {
    let mut removed = false;
    egui::Frame::new()
        .fill(super::theme::chip_fill(ui.visuals()))
        .corner_radius(10)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.spacing_mut().item_spacing.x = 2.0;
                ui.label(text);
                removed = ui
                    .add(egui::Button::new("×").frame(false).small())
                    .on_hover_text(remove_hint)
                    .clicked();
            });
        });
    removed
}

/// A count with thousands separated by commas: 1000000 → "1,000,000".
#[must_use]
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// "today", "3 days ago", "5 weeks ago" ...
#[must_use]
pub fn time_since(date: NaiveDate, today: NaiveDate) -> String {
    let days = (today - date).num_days();
    match days {
        i64::MIN..=-2 => format!("in {} days", -days),
        -1 => "tomorrow".into(),
        0 => "today".into(),
        1 => "yesterday".into(),
        2..=13 => format!("{days} days ago"),
        14..=59 => format!("{} weeks ago", days / 7),
        60..=729 => format!("{} months ago", days / 30),
        _ => format!("{} years ago", days / 365),
    }
}

/// Lays out one line of text, cut with an ellipsis to fit `max_width`.
#[must_use]
pub fn elided(ui: &Ui, text: &str, font: FontId, color: Color32, max_width: f32) -> Arc<Galley> {
    let mut job = LayoutJob::simple_singleline(text.to_owned(), font, color);
    job.wrap = TextWrapping {
        max_width: max_width.max(0.0),
        max_rows: 1,
        break_anywhere: true,
        overflow_character: Some('…'),
    };
    ui.painter().layout_job(job)
}

/// Gives a widget its accessible name where no visible label names it (a hint text is not a
/// name: it disappears once something is typed).
pub fn named(response: &egui::Response, name: &str) {
    response
        .ctx
        .accesskit_node_builder(response.id, |node| node.set_label(name.to_owned()));
}

/// A centred message for an empty list or page: a title and what to do about it.
pub fn empty_state_ui(ui: &mut Ui, title: &str, hint: &str) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.25);
        ui.label(egui::RichText::new(title).heading());
        ui.add_space(super::theme::GAP_S);
        ui.label(egui::RichText::new(hint).color(super::theme::weak_text(ui.visuals())));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(47_583), "47,583");
        assert_eq!(grouped(1_000_000), "1,000,000");
    }

    #[test]
    fn time_since_reads_naturally() {
        let today = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let ago = |d: i64| time_since(today - chrono::Days::new(d as u64), today);
        assert_eq!(ago(0), "today");
        assert_eq!(ago(1), "yesterday");
        assert_eq!(ago(6), "6 days ago");
        assert_eq!(ago(20), "2 weeks ago");
        assert_eq!(ago(90), "3 months ago");
        assert_eq!(ago(800), "2 years ago");
    }
}
