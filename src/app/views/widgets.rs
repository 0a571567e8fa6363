//! What several views share, defined once: opening a contact, a person's hover card, tier and
//! split wording, capitalising, date conversion for the date picker, chips, counts, elided
//! text, accessible names and the empty state.

use eframe::egui;

use std::sync::Arc;

use chrono::Datelike;
use chrono::NaiveDate;
use egui::RichText;
use egui::text::{LayoutJob, TextWrapping};
use egui::{Color32, FontId, Galley, Ui};

use crate::analytics::charts::Relationship;
use crate::app::commands::Command;
use crate::app::theme;
use crate::model::ContactId;

use super::Page;

/// Asks the app to open a person's page.
pub fn open_contact(id: ContactId, cmds: &mut Vec<Command>) {
    cmds.push(Command::SelectContact(Some(id)));
    cmds.push(Command::ShowPage(Page::Contacts));
}

/// "72% online".
#[must_use]
pub fn split_text(online_share: f64) -> String {
    let online = (online_share * 100.0).round();
    format!("{online:.0}% online, {:.0}% offline", 100.0 - online)
}

/// The hover card of a person in the scatter and the map.
pub fn person_tooltip_ui(ui: &mut Ui, r: &Relationship) {
    ui.label(RichText::new(&r.name).strong());
    ui.label(format!("Strength {:.0} of 100", r.strength));
    ui.label(r.tier.label());
    ui.label(format!(
        "{} ({} online, {} offline)",
        split_text(r.online_share),
        r.online,
        r.offline
    ));
    ui.label(RichText::new("Click to open").color(theme::weak_text(ui.visuals())));
}

/// The text with its first letter in upper case ("could not..." -> "Could not...").
#[must_use]
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// chrono to jiff (the date picker speaks jiff).
#[must_use]
pub fn to_jiff(d: NaiveDate) -> jiff::civil::Date {
    jiff::civil::Date::new(
        i16::try_from(d.year()).unwrap_or(2000),
        d.month() as i8,
        d.day() as i8,
    )
    .unwrap_or_default()
}

/// jiff to chrono.
#[must_use]
pub fn to_chrono(d: jiff::civil::Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::from(d.year()), d.month() as u32, d.day() as u32)
}

/// A chip with a "×" button, for tags and participants; true when the "×" was clicked.
pub fn removable_chip_ui(ui: &mut Ui, text: &str, remove_hint: &str) -> bool {
    let mut removed = false;
    egui::Frame::new()
        .fill(theme::chip_fill(ui.visuals()))
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
    crate::analytics::thousands(n as u64)
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
        ui.add_space(theme::GAP_S);
        ui.label(egui::RichText::new(hint).color(theme::weak_text(ui.visuals())));
    });
}

/// A date picker button; returns whether its calendar is open.
pub fn date_picker_ui(ui: &mut Ui, date: &mut jiff::civil::Date, salt: &'static str) -> bool {
    ui.add(
        egui_extras::DatePickerButton::new(date)
            .id_salt(salt)
            .show_icon(false)
            .highlight_weekends(false)
            .combo_boxes(false)
            .calendar_week(false),
    );
    // The calendar is an area with the id the button derives from its salt.
    let area = egui::LayerId::new(egui::Order::Foreground, ui.make_persistent_id(Some(salt)));
    ui.ctx().memory(|m| m.areas().is_visible(&area))
}

/// What tells `c` apart from other people of the same name: the organisation, else the first
/// email; empty when nobody else has the name (or nothing tells them apart).
#[must_use]
pub fn namesake_hint(data: &crate::model::Dataset, c: &crate::model::Contact) -> String {
    let shared = data
        .contacts()
        .iter()
        .any(|o| o.id != c.id && o.display_name == c.display_name);
    if !shared {
        return String::new();
    }
    if c.organization.is_empty() {
        c.emails
            .first()
            .map(|e| e.value.clone())
            .unwrap_or_default()
    } else {
        c.organization.clone()
    }
}

/// "Ada Garcia (Analytical Engines)" for a namesake, else the name alone.
#[must_use]
pub fn person_label(data: &crate::model::Dataset, c: &crate::model::Contact) -> String {
    let hint = namesake_hint(data, c);
    if hint.is_empty() {
        c.display_name.clone()
    } else {
        format!("{} ({hint})", c.display_name)
    }
}

/// The names more than one contact has (one pass, for lists that label many people at once).
#[must_use]
pub fn shared_names(data: &crate::model::Dataset) -> std::collections::HashSet<&str> {
    let mut seen = std::collections::HashSet::new();
    let mut shared = std::collections::HashSet::new();
    for c in data.contacts() {
        if !seen.insert(c.display_name.as_str()) {
            shared.insert(c.display_name.as_str());
        }
    }
    shared
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
