//! Strength against online share: one dot per person, click to open them.

use eframe::egui;

use egui::{Pos2, RichText, Ui};
use egui_plot::{
    Corner, HLine, Legend, LineStyle, Plot, PlotPoint, PlotPoints, PlotTransform, Points, Text,
    VLine,
};

use super::controls::empty_ui;
use crate::analytics::charts::{DEEP_STRENGTH, MOSTLY_ONLINE, Relationship};
use crate::app::commands::Command;
use crate::app::theme;
use crate::app::views::widgets::{self, open_contact, person_tooltip_ui};

/// A person's place on the scatter: x = online share (0-100%), y = strength (0-100).
#[must_use]
pub fn scatter_point(r: &Relationship) -> PlotPoint {
    PlotPoint::new(r.online_share * 100.0, r.strength)
}

/// The person whose dot is under `pointer` (screen): the nearest within 8 points.
#[must_use]
pub fn scatter_hit(
    rels: &[Relationship],
    transform: &PlotTransform,
    pointer: Pos2,
) -> Option<usize> {
    rels.iter()
        .enumerate()
        .map(|(i, r)| {
            (
                i,
                transform
                    .position_from_point(&scatter_point(r))
                    .distance(pointer),
            )
        })
        .filter(|(_, d)| *d <= 8.0)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// The scatter. Returns the plot's transform (for hit-testing in tests) when drawn.
pub(super) fn scatter_plot_ui(
    ui: &mut Ui,
    rels: &[Relationship],
    cmds: &mut Vec<Command>,
) -> Option<PlotTransform> {
    if rels.is_empty() {
        empty_ui(ui);
        return None;
    }
    let groups = [
        ("Mostly offline", 0.0, 1.0 - MOSTLY_ONLINE, theme::OFFLINE),
        (
            "Blended",
            1.0 - MOSTLY_ONLINE,
            MOSTLY_ONLINE,
            theme::share_color(0.5),
        ),
        ("Mostly online", MOSTLY_ONLINE, 1.01, theme::ONLINE),
    ];
    let guide = theme::chart_guide(ui.visuals());
    let weak = theme::weak_text(ui.visuals());
    let text = ui.visuals().text_color();
    let labelled: Vec<(PlotPoint, String)> = rels
        .iter()
        .take(8)
        .map(|r| (scatter_point(r), r.name.clone()))
        .collect();
    let resp = Plot::new("scatter")
        .legend(Legend::default().position(Corner::RightBottom))
        .x_axis_label("Online share of interactions (%)")
        .y_axis_label("Strength (0-100)")
        .default_x_bounds(-4.0, 104.0)
        .default_y_bounds(-4.0, 104.0)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false)
        .show(ui, |p| {
            let dashed = LineStyle::Dashed { length: 6.0 };
            p.hline(
                HLine::new("", DEEP_STRENGTH)
                    .color(guide)
                    .style(dashed)
                    .allow_hover(false),
            );
            for x in [100.0 * (1.0 - MOSTLY_ONLINE), 100.0 * MOSTLY_ONLINE] {
                p.vline(
                    VLine::new("", x)
                        .color(guide)
                        .style(dashed)
                        .allow_hover(false),
                );
            }
            let corner = |x: f64, y: f64, s: &str, a: egui::Align2| {
                Text::new(
                    "",
                    PlotPoint::new(x, y),
                    RichText::new(s).color(weak).size(14.0),
                )
                .anchor(a)
                .allow_hover(false)
            };
            p.text(corner(
                0.0,
                103.0,
                "Deep offline (in person)",
                egui::Align2::LEFT_TOP,
            ));
            p.text(corner(
                50.0,
                103.0,
                "Deep and blended",
                egui::Align2::CENTER_TOP,
            ));
            p.text(corner(100.0, 103.0, "Deep online", egui::Align2::RIGHT_TOP));
            p.text(corner(
                50.0,
                DEEP_STRENGTH * 0.6,
                "Shallow",
                egui::Align2::CENTER_TOP,
            ));
            for (name, lo, hi, color) in groups {
                let pts: Vec<[f64; 2]> = rels
                    .iter()
                    .filter(|r| r.online_share >= lo && r.online_share < hi)
                    .map(|r| [r.online_share * 100.0, r.strength])
                    .collect();
                p.points(
                    Points::new(name, PlotPoints::new(pts))
                        .color(color)
                        .radius(4.0)
                        .filled(true)
                        .allow_hover(false),
                );
            }
            let mut placed: Vec<(PlotPoint, bool)> = Vec::new();
            for (pt, name) in &labelled {
                // Names of nearby dots go on opposite sides, then one under the other.
                let near = |q: &PlotPoint| (q.x - pt.x).abs() < 12.0 && (q.y - pt.y).abs() < 3.5;
                let mut right = pt.x < 80.0;
                let mut dy = 0.0;
                if placed.iter().any(|(q, r)| *r == right && near(q)) {
                    right = !right;
                    if pt.x <= 2.0
                        || pt.x >= 98.0
                        || placed.iter().any(|(q, r)| *r == right && near(q))
                    {
                        right = !right;
                        dy = -3.5;
                    }
                }
                placed.push((*pt, right));
                let pt = &PlotPoint::new(pt.x, pt.y + dy);
                let anchor = if right {
                    egui::Align2::LEFT_CENTER
                } else {
                    egui::Align2::RIGHT_CENTER
                };
                let dx = if right { 1.5 } else { -1.5 };
                p.text(
                    Text::new(
                        "",
                        PlotPoint::new(pt.x + dx, pt.y),
                        RichText::new(name).color(text).size(12.0),
                    )
                    .anchor(anchor)
                    .allow_hover(false),
                );
            }
        });
    let transform = resp.transform;
    let response = resp.response;
    widgets::named(
        &response,
        &format!(
            "Scatter of {} people: strength against online share",
            rels.len()
        ),
    );
    if let Some(i) = response
        .hover_pos()
        .and_then(|p| scatter_hit(rels, &transform, p))
    {
        let pos = transform.position_from_point(&scatter_point(&rels[i]));
        ui.painter()
            .circle_stroke(pos, 7.0, egui::Stroke::new(2.0, text));
        response
            .clone()
            .on_hover_ui_at_pointer(|ui| person_tooltip_ui(ui, &rels[i]));
    }
    if response.clicked()
        && let Some(i) = response
            .interact_pointer_pos()
            .and_then(|p| scatter_hit(rels, &transform, p))
    {
        open_contact(rels[i].contact, cmds);
    }
    Some(transform)
}

// ---------------------------------------------------------------------------------------------
// 5. Relationship map
