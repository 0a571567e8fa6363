//! Engagement over time (network or one contact): monthly online and offline bars, and depth.

use eframe::egui;

use egui::{RichText, Sense, Ui, Vec2};
use egui_plot::{Bar, BarChart, GridInput, GridMark, Line, MarkerShape, Plot, Points};

use super::controls::{empty_ui, measure_ui};
use super::state::{ChartsState, Measure};
use super::{AXIS_WIDTH, EMPTY_MESSAGE, solid};
use crate::analytics::Analytics;
use crate::analytics::charts::{self, MonthBucket};
use crate::app::commands::Command;
use crate::app::theme;
use crate::app::views::widgets::{capitalise, open_contact};
use crate::model::{ContactId, Dataset, Mode};

pub(super) fn timeline_page_ui(
    ui: &mut Ui,
    state: &mut ChartsState,
    ds: &Dataset,
    an: &Analytics,
    selected: Option<ContactId>,
    cmds: &mut Vec<Command>,
) {
    let rels = state.rels(ds, an);
    let who = selected
        .filter(|id| ds.contact(*id).is_some())
        .or_else(|| rels.first().map(|r| r.contact));
    let Some(who) = who else {
        empty_ui(ui);
        return;
    };
    ui.horizontal(|ui| {
        let l = ui.label("Person");
        let name = ds.contact(who).map_or("", |c| c.display_name.as_str());
        egui::ComboBox::from_id_salt("timeline-person")
            .selected_text(name)
            .width(220.0)
            .height(320.0)
            .show_ui(ui, |ui| {
                // Namesakes carry their organisation or email (issue 15, item 5).
                let shared = crate::app::views::widgets::shared_names(ds);
                for r in rels.iter().take(150) {
                    let label = match ds.contact(r.contact) {
                        Some(c) if shared.contains(c.display_name.as_str()) => {
                            crate::app::views::widgets::person_label(ds, c)
                        }
                        _ => r.name.clone(),
                    };
                    if ui.selectable_label(r.contact == who, label).clicked() {
                        cmds.push(Command::SelectContact(Some(r.contact)));
                    }
                }
            })
            .response
            .labelled_by(l.id)
            .on_hover_text("Your 150 strongest relationships; choose anyone else in Contacts");
        if ui.button("Open contact").clicked() {
            open_contact(who, cmds);
        }
    });
    measure_ui(ui, &mut state.measure, false);
    let buckets = charts::contact_timeline(an, who);
    timeline_plot_ui(ui, "contact-timeline", &buckets, state.measure, false);
}

/// Month-axis grid marks: every month, quarter, half year or year, whichever fits.
#[expect(
    clippy::needless_pass_by_value,
    reason = "egui_plot's grid spacer signature"
)]
pub(super) fn month_marks(input: GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    let span = (hi - lo).max(1.0);
    let step = [1.0, 3.0, 6.0, 12.0, 24.0, 60.0]
        .into_iter()
        .find(|s| span / s <= 12.0)
        .unwrap_or(120.0);
    let mut marks = Vec::new();
    let (first, last) = ((lo / step).ceil() as i64, (hi / step).floor() as i64);
    for k in first..=last {
        marks.push(GridMark {
            value: k as f64 * step,
            step_size: step,
        });
    }
    marks
}

pub(super) fn month_text(value: f64) -> String {
    if (value - value.round()).abs() > 0.01 {
        return String::new();
    }
    let m = charts::Month::from_ordinal(value.round() as i64);
    m.first_day().format("%b %Y").to_string()
}

/// Stacked monthly bars (offline below, online on top) over a line of the month's mean depth.
/// `compact` draws a small version for the contact page.
pub fn timeline_plot_ui(
    ui: &mut Ui,
    id: &str,
    buckets: &[MonthBucket],
    measure: Measure,
    compact: bool,
) {
    if buckets.iter().all(|b| b.online + b.offline == 0) {
        if compact {
            ui.label(RichText::new(EMPTY_MESSAGE).color(theme::weak_text(ui.visuals())));
        } else {
            empty_ui(ui);
        }
        return;
    }
    let x = |b: &MonthBucket| b.month.ordinal() as f64;
    let bars = |mode: Mode| -> Vec<Bar> {
        buckets
            .iter()
            .map(|b| {
                let (off, on) = measure.month(b);
                let value = if mode == Mode::Online { on } else { off };
                solid(Bar::new(x(b), value), theme::mode_color(mode))
                    .width(0.7)
                    .name(format!("{} {mode}", b.month.first_day().format("%b %Y")))
            })
            .collect()
    };
    let offline = bars(Mode::Offline);
    let online = bars(Mode::Online);
    let unit = match measure {
        Measure::Minutes => "Minutes",
        Measure::Count | Measure::Depth => "Interactions",
    };
    let off_chart = BarChart::new("Offline", offline).color(theme::OFFLINE);
    let on_chart = BarChart::new("Online", online)
        .color(theme::ONLINE)
        .stack_on(&[&off_chart]);
    let link = ui.make_persistent_id(("timeline-link", id));
    // The legend on its own line above the bars, never over the first months.
    compact_legend_ui(ui);
    let total_h = ui.available_height();
    let (bar_h, depth_h) = if compact {
        (80.0, 64.0)
    } else {
        ((total_h * 0.68).max(160.0), (total_h * 0.28).max(90.0))
    };
    let (lo, hi) = (
        buckets.first().map_or(0.0, x) - 0.6,
        buckets.last().map_or(1.0, x) + 0.6,
    );
    let mut bars_plot = Plot::new(("timeline-bars", id));
    let mut depth_plot = Plot::new(("timeline-depth", id));
    if compact {
        bars_plot = bars_plot.show_axes([false, true]).y_axis_label("Count");
        // The small strip has room for two ticks; the label says what they measure.
        depth_plot = depth_plot.y_axis_label("Depth");
    } else {
        bars_plot = bars_plot.y_axis_label(unit);
        depth_plot = depth_plot.y_axis_label("Mean depth");
    }
    bars_plot
        .height(bar_h)
        .link_axis(link, [true, false])
        .x_grid_spacer(month_marks)
        .x_axis_formatter(|m, _| month_text(m.value))
        .include_y(0.0)
        .default_x_bounds(lo, hi)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .show_x(false)
        .y_axis_min_width(AXIS_WIDTH)
        .show(ui, |p| {
            p.bar_chart(off_chart);
            p.bar_chart(on_chart);
        });
    let depth: Vec<[f64; 2]> = buckets
        .iter()
        .filter_map(|b| Some([x(b), b.mean_depth()?]))
        .collect();
    let depth_color = ui.visuals().text_color();
    depth_plot
        .height(depth_h)
        .link_axis(link, [true, false])
        .x_grid_spacer(month_marks)
        .x_axis_formatter(|m, _| month_text(m.value))
        .y_axis_formatter(move |m, _| {
            if compact {
                depth_number(m.value)
            } else {
                depth_word(m.value)
            }
        })
        .y_grid_spacer(move |_| {
            (1..=5)
                .filter(|v| !compact || *v == 1 || *v == 5)
                .map(|v| GridMark {
                    value: f64::from(v),
                    // egui_plot fades out labels of steps too small on screen: the small
                    // strip's two ticks are four apart.
                    step_size: if compact { 4.0 } else { 1.0 },
                })
                .collect()
        })
        .default_y_bounds(0.6, 5.4)
        .default_x_bounds(lo, hi)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .y_axis_min_width(AXIS_WIDTH)
        .show(ui, |p| {
            p.line(
                Line::new("Mean depth (1 small talk, 5 trusted help)", depth.clone())
                    .color(depth_color)
                    .width(1.5),
            );
            p.points(
                Points::new("", depth)
                    .color(depth_color)
                    .radius(3.0)
                    .shape(MarkerShape::Circle),
            );
        });
}

/// One line of legend for the compact timeline: the two mode colours and the depth line.
pub(super) fn compact_legend_ui(ui: &mut Ui) {
    ui.horizontal(|ui| {
        ui.label(RichText::new("By month").strong());
        for mode in [Mode::Offline, Mode::Online] {
            let (rect, _) = ui.allocate_exact_size(Vec2::splat(10.0), Sense::hover());
            ui.painter().rect_filled(rect, 2.0, theme::mode_color(mode));
            ui.label(RichText::new(capitalise(mode.label())).size(theme::META_SIZE));
        }
        let (rect, _) = ui.allocate_exact_size(Vec2::new(16.0, 10.0), Sense::hover());
        ui.painter().line_segment(
            [rect.left_center(), rect.right_center()],
            egui::Stroke::new(1.5, ui.visuals().text_color()),
        );
        ui.label(RichText::new("Mean depth (1 small talk, 5 trusted help)").size(theme::META_SIZE));
    });
}

/// 1 and 5 on the contact page's small depth strip.
fn depth_number(v: f64) -> String {
    if (v - v.round()).abs() > 0.01 || !(1.0..=5.0).contains(&v.round()) {
        return String::new();
    }
    format!("{}", v.round())
}

pub(super) fn depth_word(v: f64) -> String {
    if (v - v.round()).abs() > 0.01 {
        return String::new();
    }
    match v.round() as i64 {
        1 => "1 small talk".into(),
        3 => "3".into(),
        5 => "5 trusted".into(),
        2 | 4 => format!("{}", v.round()),
        _ => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Strength vs online share
