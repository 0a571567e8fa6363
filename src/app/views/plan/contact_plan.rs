//! The plan for one contact, shown by other views too: the status marker, standing and
//! suggestion text, snooze, and the plan block on a contact's page.

use eframe::egui;

use chrono::{Days, NaiveDate};
use egui::{RichText, Sense, Ui, WidgetInfo};

use super::SNOOZE_CHOICES;
use super::this_week::log_item;
use crate::analytics::Analytics;
use crate::analytics::planner::{self, PlanItem, Status};
use crate::app::commands::Command;
use crate::app::theme;
use crate::model::{ContactId, Dataset};

/// The coloured status dot, with its status as tooltip and accessible name.
pub fn status_marker(ui: &mut Ui, status: Status, detail: &str) -> egui::Response {
    let size = 12.0;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), Sense::hover());
    let name = theme::status_name(status);
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, name));
    if ui.is_rect_visible(rect) {
        ui.painter()
            .circle_filled(rect.center(), size / 2.0 - 1.0, theme::status_color(status));
    }
    if detail.is_empty() {
        response.on_hover_text(name)
    } else {
        response.on_hover_text(format!("{name}: {detail}"))
    }
}

/// "45 days since last contact; every 30 days (from tier 2)".
#[must_use]
pub fn standing_text(item: &PlanItem) -> String {
    let since = match item.days_since {
        Some(1) => "1 day since last contact".to_owned(),
        Some(d) => format!("{d} days since last contact"),
        None => "never contacted".to_owned(),
    };
    format!(
        "{since}; every {} days ({})",
        item.cadence.days,
        item.cadence.source.describe()
    )
}

/// "Suggested: Coffee (offline). Reason..."
#[must_use]
pub fn suggestion_text(item: &PlanItem) -> String {
    match &item.suggestion {
        Some(s) => format!(
            "Next: {} ({}). {}",
            s.channel_name,
            s.mode.label(),
            s.reason
        ),
        None => String::new(),
    }
}

/// The "Snooze" menu: pushes the snooze for the chosen length.
pub fn snooze_menu_ui(
    ui: &mut Ui,
    data: &Dataset,
    id: ContactId,
    as_of: NaiveDate,
    cmds: &mut Vec<Command>,
) {
    ui.menu_button("Snooze", |ui| {
        for (label, days) in SNOOZE_CHOICES {
            if ui.button(label).clicked() {
                if let Some(cmd) = snooze(data, id, as_of.checked_add_days(Days::new(days))) {
                    cmds.push(cmd);
                }
                ui.close();
            }
        }
    })
    .response
    .on_hover_text("Hide this person from the plan for a while");
}

/// The command that snoozes a contact until `until` (`None`: unsnooze); the app builds the edit
/// with [`edits::snooze`](crate::app::edits::snooze) and its clock. `None` for no such contact.
#[must_use]
pub fn snooze(data: &Dataset, id: ContactId, until: Option<NaiveDate>) -> Option<Command> {
    data.contact(id).map(|_| Command::Snooze(id, until))
}

/// The plan for one contact on their page: status, cadence and its source, due date, next best
/// channel, and snooze.
pub fn contact_plan_ui(
    ui: &mut Ui,
    data: &Dataset,
    an: &Analytics,
    id: ContactId,
    cmds: &mut Vec<Command>,
) {
    let Some(c) = data.contact(id) else { return };
    let as_of = an.span().end;
    let weak = theme::weak_text(ui.visuals());
    if c.archived {
        return;
    }
    if let Some(until) = c.snoozed_until.filter(|d| *d > as_of) {
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!(
                    "Keep in touch: snoozed until {}",
                    until.format("%-d %B %Y")
                ))
                .color(weak),
            );
            if ui.small_button("Unsnooze").clicked()
                && let Some(cmd) = snooze(data, id, None)
            {
                cmds.push(cmd);
            }
        });
        return;
    }
    let Some(item) = planner::plan_item(data, an, id) else {
        ui.label(
            RichText::new(
                "Keep in touch: no cadence (set one in Edit contact, or a default under This \
                 week > Cadences)",
            )
            .color(weak),
        );
        return;
    };
    ui.horizontal(|ui| {
        status_marker(ui, item.status, &standing_text(&item));
        ui.label(RichText::new(theme::status_name(item.status)).strong());
        let due = if item.status == Status::Never {
            String::new()
        } else {
            format!(" · due {}", item.due_on.format("%-d %B %Y"))
        };
        ui.label(RichText::new(format!("{}{due}", standing_text(&item))).color(weak));
        if item.status.needs_contact() {
            snooze_menu_ui(ui, data, id, as_of, cmds);
        }
    });
    if let Some(s) = &item.suggestion {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!("Next: {}", s.channel_name))
                    .strong()
                    .color(theme::mode_color(s.mode)),
            );
            ui.label(&s.reason);
            if ui
                .small_button("Log it...")
                .on_hover_text("Open the interaction form with this channel")
                .clicked()
            {
                log_item(data, an, &item, cmds);
            }
        });
    }
}
