//! The controls above the charts: window and dates, tag filter, chart picker, measure, legends
//! and the empty state.

use eframe::egui;

use chrono::NaiveDate;
use egui::{RichText, Sense, Ui, Vec2};

use super::state::{ChartsState, Measure, WindowChoice};
use super::{ChartKind, EMPTY_MESSAGE};
use crate::analytics::{Analytics, Params, Window};
use crate::app::commands::Command;
use crate::app::theme;
use crate::app::views::widgets::{self};
use crate::model::Mode;

/// Window and tag: shared by every chart.
pub(super) fn controls_ui(
    ui: &mut Ui,
    state: &mut ChartsState,
    an: &Analytics,
    tags: &[String],
    today: NaiveDate,
    cmds: &mut Vec<Command>,
) {
    let params = an.params();
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Window");
        let current = WindowChoice::of(params.window);
        let mut choice = current;
        egui::ComboBox::from_id_salt("chart-window")
            .selected_text(choice.label())
            .width(130.0)
            .show_ui(ui, |ui| {
                for c in WindowChoice::ALL {
                    ui.selectable_value(&mut choice, c, c.label());
                }
            })
            .response
            .labelled_by(label.id);
        let (from, to) = *state.custom.get_or_insert_with(|| match params.window {
            Window::Range { from, to } => (widgets::to_jiff(from), widgets::to_jiff(to)),
            w => {
                let span = w.span(today);
                (
                    widgets::to_jiff(span.start.unwrap_or(today - chrono::Days::new(364))),
                    widgets::to_jiff(today),
                )
            }
        });
        let mut range = (from, to);
        if choice == WindowChoice::Custom {
            let f = ui.label("From");
            ui.label_inputs_by(f.id, |ui| date_ui(ui, &mut range.0, "chart-from"));
            let t = ui.label("To");
            ui.label_inputs_by(t.id, |ui| date_ui(ui, &mut range.1, "chart-to"));
        }
        if choice != current || (choice == WindowChoice::Custom && range != (from, to)) {
            state.custom = Some(range);
            let window = match choice {
                WindowChoice::Days90 => Window::LastDays(90),
                WindowChoice::Days365 => Window::LastDays(365),
                WindowChoice::All => Window::All,
                WindowChoice::Custom => {
                    let (a, b) = (to_chrono(range.0), to_chrono(range.1));
                    Window::Range {
                        from: a.min(b),
                        to: a.max(b),
                    }
                }
            };
            cmds.push(Command::SetViewParams(Params {
                as_of: today,
                window,
            }));
        }
        ui.add_space(theme::GAP_L);
        let tag_label = ui.label("Tag");
        egui::ComboBox::from_id_salt("chart-tag")
            .selected_text(state.tag.as_deref().unwrap_or("Everyone"))
            .width(120.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.tag, None, "Everyone");
                for t in tags {
                    ui.selectable_value(&mut state.tag, Some(t.clone()), t);
                }
            })
            .response
            .labelled_by(tag_label.id);
        ui.label(
            RichText::new(format!("Showing {}", params.window.describe()))
                .size(theme::META_SIZE)
                .color(theme::weak_text(ui.visuals())),
        );
    });
}

pub(super) fn to_chrono(d: jiff::civil::Date) -> NaiveDate {
    widgets::to_chrono(d).unwrap_or_default()
}

pub(super) fn date_ui(ui: &mut Ui, date: &mut jiff::civil::Date, salt: &'static str) {
    ui.add(
        egui_extras::DatePickerButton::new(date)
            .id_salt(salt)
            .show_icon(false)
            .highlight_weekends(false)
            .combo_boxes(false)
            .calendar_week(false),
    );
}

pub(super) fn picker_ui(ui: &mut Ui, state: &mut ChartsState) {
    ui.add_space(theme::GAP_S);
    ui.label(RichText::new("Charts").strong());
    ui.with_layout(egui::Layout::top_down_justified(egui::Align::LEFT), |ui| {
        for k in ChartKind::ALL {
            if ui.selectable_label(state.chart == k, k.label()).clicked() {
                state.chart = k;
            }
        }
    });
}

pub(super) fn empty_ui(ui: &mut Ui) {
    widgets::empty_state_ui(ui, "Nothing to chart yet", EMPTY_MESSAGE);
}

pub(super) fn measure_ui(ui: &mut Ui, measure: &mut Measure, with_depth: bool) {
    ui.horizontal(|ui| {
        ui.label("Measure");
        for m in Measure::ALL {
            if m == Measure::Depth && !with_depth {
                continue;
            }
            ui.selectable_value(measure, m, m.label())
                .on_hover_text(m.hint());
        }
    });
}

/// Legend chips: the online and offline colours with their names.
pub(super) fn mode_legend_ui(ui: &mut Ui) {
    ui.horizontal(|ui| {
        for mode in [Mode::Offline, Mode::Online] {
            let (rect, _) = ui.allocate_exact_size(Vec2::splat(12.0), Sense::hover());
            ui.painter().rect_filled(rect, 2.0, theme::mode_color(mode));
            ui.label(match mode {
                Mode::Offline => "Offline (in person, events, letters)",
                Mode::Online => "Online (calls, video, messages)",
            });
        }
    });
}

// ---------------------------------------------------------------------------------------------
// 1. Engagement per relationship
