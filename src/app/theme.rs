//! Every colour and spacing the app uses. Online and offline each have one fixed colour, the same
//! in light and dark themes and in every view, so a person learns them once.

use eframe::egui;

use egui::{Color32, CornerRadius, RichText, Stroke, Theme, ThemePreference, Ui, Visuals};
use serde::{Deserialize, Serialize};

use crate::model::Mode;

/// The colour of everything online (calls, email, messages, social media).
pub const ONLINE: Color32 = Color32::from_rgb(0x2f, 0x6f, 0xd0);
/// The colour of everything offline (in person, events, letters).
pub const OFFLINE: Color32 = Color32::from_rgb(0xc2, 0x5e, 0x0a);
/// Text drawn on an online or offline fill.
pub const ON_MODE: Color32 = Color32::WHITE;

/// The mark on warning toasts.
pub const WARNING_MARK: Color32 = Color32::from_rgb(0xe0, 0xa0, 0x20);

/// Small, medium and large gaps between groups of widgets.
pub const GAP_S: f32 = 4.0;
pub const GAP_M: f32 = 8.0;
pub const GAP_L: f32 = 16.0;
/// Size of secondary text: dates, counts, hints, validation messages.
pub const META_SIZE: f32 = 12.0;
/// Height of one row in the contact list.
pub const LIST_ROW_HEIGHT: f32 = 44.0;
/// Width of the label column in forms.
pub const FORM_LABEL_WIDTH: f32 = 110.0;

/// The colour of a channel mode.
#[must_use]
pub fn mode_color(mode: Mode) -> Color32 {
    match mode {
        Mode::Online => ONLINE,
        Mode::Offline => OFFLINE,
    }
}

/// The user's theme choice, kept in UI preferences.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::System => "Follow system",
            ThemeChoice::Light => "Light",
            ThemeChoice::Dark => "Dark",
        }
    }

    fn preference(self) -> ThemePreference {
        match self {
            ThemeChoice::System => ThemePreference::System,
            ThemeChoice::Light => ThemePreference::Light,
            ThemeChoice::Dark => ThemePreference::Dark,
        }
    }
}

/// Installs the app's spacing and the chosen theme.
pub fn install(ctx: &egui::Context, choice: ThemeChoice) {
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 3.0);
        style.spacing.interact_size.y = 22.0;
    });
    for theme in [Theme::Light, Theme::Dark] {
        ctx.style_mut_of(theme, |style| {
            style.visuals.selection.bg_fill = match theme {
                Theme::Light => Color32::from_rgb(0xc9, 0xdc, 0xf7),
                Theme::Dark => Color32::from_rgb(0x27, 0x46, 0x72),
            };
            style.visuals.selection.stroke = Stroke::new(1.0, text_on_selection(theme));
        });
    }
    ctx.set_theme(choice.preference());
}

fn text_on_selection(theme: Theme) -> Color32 {
    match theme {
        Theme::Light => Color32::from_rgb(0x10, 0x2a, 0x50),
        Theme::Dark => Color32::from_rgb(0xe6, 0xee, 0xfa),
    }
}

/// Colour for secondary text (organisation, dates).
#[must_use]
pub fn weak_text(visuals: &Visuals) -> Color32 {
    visuals.weak_text_color()
}

/// Colour for validation and error messages.
#[must_use]
pub fn error_text(visuals: &Visuals) -> Color32 {
    visuals.error_fg_color
}

/// Colour for warnings (unsaved changes, demo data).
#[must_use]
pub fn warning_text(visuals: &Visuals) -> Color32 {
    visuals.warn_fg_color
}

/// Fill of tag chips.
#[must_use]
pub fn chip_fill(visuals: &Visuals) -> Color32 {
    visuals.widgets.inactive.weak_bg_fill
}

/// Background of a panel header strip.
#[must_use]
pub fn header_fill(visuals: &Visuals) -> Color32 {
    visuals.faint_bg_color
}

/// A small filled badge: "online" or "offline" in the mode's colour.
pub fn mode_badge(ui: &mut Ui, mode: Mode) -> egui::Response {
    badge(ui, mode.label(), mode_color(mode), ON_MODE)
}

/// A small rounded label with a fill.
pub fn badge(ui: &mut Ui, text: &str, fill: Color32, text_color: Color32) -> egui::Response {
    egui::Frame::new()
        .fill(fill)
        .corner_radius(CornerRadius::same(8))
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| {
            ui.label(RichText::new(text).small().color(text_color));
        })
        .response
}

/// A validation message shown under a field.
pub fn field_error(ui: &mut Ui, message: &str) {
    ui.label(
        RichText::new(message)
            .size(META_SIZE)
            .color(error_text(ui.visuals())),
    );
}

/// The colour of a keep-in-touch status marker (the same in light and dark themes).
#[must_use]
pub fn status_color(status: crate::analytics::planner::Status) -> Color32 {
    use crate::analytics::planner::Status;
    match status {
        Status::Overdue => Color32::from_rgb(0xd0, 0x3b, 0x3b),
        Status::Due => Color32::from_rgb(0xe0, 0xa0, 0x20),
        Status::Never => Color32::from_rgb(0x8a, 0x8f, 0x98),
        Status::Ok => Color32::from_rgb(0x2e, 0x9e, 0x5b),
    }
}

/// A status in plain words, for markers, tooltips and screen readers.
#[must_use]
pub fn status_name(status: crate::analytics::planner::Status) -> &'static str {
    use crate::analytics::planner::Status;
    match status {
        Status::Overdue => "Overdue",
        Status::Due => "Due",
        Status::Never => "Never contacted",
        Status::Ok => "On track",
    }
}

/// A colour between offline (`share` 0) and online (`share` 1), blended in sRGB space: the
/// colour of a relationship by how much of it happens online.
#[must_use]
pub fn share_color(online_share: f64) -> Color32 {
    blend(OFFLINE, ONLINE, online_share)
}

/// `a` at `t` = 0, `b` at `t` = 1 (`t` clamped; NaN counts as 0).
#[must_use]
pub fn blend(a: Color32, b: Color32, t: f64) -> Color32 {
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
    let mix = |x: u8, y: u8| -> u8 {
        let v = f64::from(x) + (f64::from(y) - f64::from(x)) * t;
        // In 0..=255 by construction.
        v.round() as u8
    };
    Color32::from_rgb(mix(a.r(), b.r()), mix(a.g(), b.g()), mix(a.b(), b.b()))
}

/// Faint lines drawn behind charts (rings, quadrant borders).
#[must_use]
pub fn chart_guide(visuals: &Visuals) -> Color32 {
    visuals.widgets.noninteractive.bg_stroke.color
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_color_runs_from_offline_to_online() {
        assert_eq!(share_color(0.0), OFFLINE);
        assert_eq!(share_color(1.0), ONLINE);
        assert_eq!(share_color(-3.0), OFFLINE);
        assert_eq!(share_color(7.0), ONLINE);
        assert_eq!(share_color(f64::NAN), OFFLINE);
        let mid = share_color(0.5);
        assert_eq!(
            mid.r(),
            (u16::from(OFFLINE.r()) + u16::from(ONLINE.r())).div_ceil(2) as u8
        );
        assert_ne!(mid, OFFLINE);
        assert_ne!(mid, ONLINE);
    }
}
