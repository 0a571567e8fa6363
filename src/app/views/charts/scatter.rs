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

/// Above this many people the scatter shades a density layer instead of one dot per person.
pub const DENSITY_ABOVE: usize = 2_000;
/// Density cells per axis (each 2% of online share by 2 points of strength).
pub const DENSITY_CELLS: usize = 50;
/// The strongest people, drawn as dots at any size and named where the name fits.
const LABELLED: usize = 8;

/// A group by online share: name, share range, colour.
type Group = (&'static str, f64, f64, fn() -> egui::Color32);

/// The three groups by online share.
const GROUPS: [Group; 3] = [
    ("Mostly offline", 0.0, 1.0 - MOSTLY_ONLINE, || {
        theme::OFFLINE
    }),
    ("Blended", 1.0 - MOSTLY_ONLINE, MOSTLY_ONLINE, || {
        theme::share_color(0.5)
    }),
    ("Mostly online", MOSTLY_ONLINE, 1.01, || theme::ONLINE),
];

fn group_color(online_share: f64) -> egui::Color32 {
    GROUPS
        .iter()
        .find(|(_, lo, hi, _)| online_share >= *lo && online_share < *hi)
        .map_or(theme::ONLINE, |g| g.3())
}

/// How many people fall in each cell of a [`DENSITY_CELLS`] square grid over online share
/// (columns) and strength (rows), row-major from the weakest, most offline cell.
#[must_use]
pub fn density(rels: &[Relationship]) -> Vec<u32> {
    let mut cells = vec![0_u32; DENSITY_CELLS * DENSITY_CELLS];
    let cell = |v: f64| ((v / 100.0 * DENSITY_CELLS as f64) as usize).min(DENSITY_CELLS - 1);
    for r in rels {
        let (x, y) = (cell(r.online_share * 100.0), cell(r.strength));
        cells[y * DENSITY_CELLS + x] += 1;
    }
    cells
}

fn paint_density(painter: &egui::Painter, transform: &PlotTransform, rels: &[Relationship]) {
    let cells = density(rels);
    let most = cells.iter().copied().max().unwrap_or(0);
    if most == 0 {
        return;
    }
    let step = 100.0 / DENSITY_CELLS as f64;
    let scale = f64::from(most).ln_1p();
    for (i, &n) in cells.iter().enumerate() {
        if n == 0 {
            continue;
        }
        let (x, y) = (
            (i % DENSITY_CELLS) as f64 * step,
            (i / DENSITY_CELLS) as f64 * step,
        );
        let rect = egui::Rect::from_two_pos(
            transform.position_from_point(&PlotPoint::new(x, y)),
            transform.position_from_point(&PlotPoint::new(x + step, y + step)),
        );
        // A lone person still shows; the fullest cell is nearly opaque (log scale).
        let strength = 0.25 + 0.7 * f64::from(n).ln_1p() / scale;
        let color = group_color((x + step / 2.0) / 100.0).gamma_multiply(strength as f32);
        painter.rect_filled(rect, 0.0, color);
    }
}

/// The groups' colours and what a cell's shade means, bottom right inside the plot (the plot's
/// own legend lists only series with dots).
fn density_legend_ui(ui: &Ui, painter: &egui::Painter, frame: &egui::Rect, people: usize) {
    let font = egui::FontId::proportional(12.0);
    let text = ui.visuals().text_color();
    let mut lines: Vec<(Option<egui::Color32>, String)> = GROUPS
        .iter()
        .map(|(name, _, _, color)| (Some(color()), (*name).to_owned()))
        .collect();
    lines.push((
        None,
        format!(
            "{} people: the stronger the colour, the more in a cell",
            crate::app::views::grouped(people)
        ),
    ));
    let galleys: Vec<_> = lines
        .into_iter()
        .map(|(c, s)| (c, painter.layout_no_wrap(s, font.clone(), text)))
        .collect();
    let width = galleys.iter().map(|(_, g)| g.size().x).fold(0.0, f32::max) + 26.0;
    let line = 18.0;
    let height = line * galleys.len() as f32 + 8.0;
    let rect = egui::Rect::from_min_size(
        frame.max - egui::vec2(width + 8.0, height + 8.0),
        egui::vec2(width, height),
    );
    painter.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color.gamma_multiply(0.9));
    for (i, (color, galley)) in galleys.into_iter().enumerate() {
        let top = rect.min + egui::vec2(6.0, 4.0 + line * i as f32);
        if let Some(color) = color {
            painter.rect_filled(
                egui::Rect::from_min_size(top + egui::vec2(0.0, 3.0), egui::vec2(10.0, 10.0)),
                2.0,
                color,
            );
        }
        painter.galley(top + egui::vec2(16.0, 0.0), galley, text);
    }
}

/// Where each name goes beside its dot (`dots` and `sizes` in the same order, most important
/// first): to the right, the left, above or below, else one of those slid inside `bounds`;
/// the first that overlaps no name already placed. `None` when none does (the name is
/// left out).
#[must_use]
pub fn place_labels(
    dots: &[Pos2],
    sizes: &[egui::Vec2],
    bounds: egui::Rect,
) -> Vec<Option<egui::Rect>> {
    let gap = 6.0;
    let mut placed: Vec<egui::Rect> = Vec::new();
    dots.iter()
        .zip(sizes)
        .map(|(dot, size)| {
            let candidates = [
                egui::pos2(dot.x + gap, dot.y - size.y / 2.0),
                egui::pos2(dot.x - gap - size.x, dot.y - size.y / 2.0),
                egui::pos2(dot.x - size.x / 2.0, dot.y - gap - size.y),
                egui::pos2(dot.x - size.x / 2.0, dot.y + gap),
            ];
            // Each side slid inside the plot if it would stick out (a dot near the edge).
            let inside = |min: Pos2| {
                let x = min.x.min(bounds.max.x - size.x).max(bounds.min.x);
                let y = min.y.min(bounds.max.y - size.y).max(bounds.min.y);
                egui::Rect::from_min_size(egui::pos2(x, y), *size)
            };
            let rect = candidates
                .into_iter()
                .map(|min| egui::Rect::from_min_size(min, *size))
                .chain(candidates.into_iter().map(inside))
                .find(|r| bounds.contains_rect(*r) && !placed.iter().any(|p| p.intersects(*r)))?;
            placed.push(rect);
            Some(rect)
        })
        .collect()
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
    let guide = theme::chart_guide(ui.visuals());
    let weak = theme::weak_text(ui.visuals());
    let text = ui.visuals().text_color();
    // Level of detail: up to DENSITY_ABOVE people, one dot each; more, and the dots would only
    // pile into a blob: a density layer (cells shaded by how many people they hold) with the
    // strongest people still drawn as dots on top.
    let dense = rels.len() > DENSITY_ABOVE;
    let dotted = if dense {
        &rels[..LABELLED.min(rels.len())]
    } else {
        rels
    };
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
            for (name, lo, hi, color) in GROUPS {
                let pts: Vec<[f64; 2]> = if dense {
                    Vec::new() // the legend's entry; the density layer and dots are painted below
                } else {
                    dotted
                        .iter()
                        .filter(|r| r.online_share >= lo && r.online_share < hi)
                        .map(|r| [r.online_share * 100.0, r.strength])
                        .collect()
                };
                p.points(
                    Points::new(name, PlotPoints::new(pts))
                        .color(color())
                        .radius(4.0)
                        .filled(true)
                        .allow_hover(false),
                );
            }
        });
    let transform = resp.transform;
    let response = resp.response;
    let painter = ui.painter_at(*transform.frame());
    if dense {
        paint_density(&painter, &transform, rels);
        for r in dotted {
            let pos = transform.position_from_point(&scatter_point(r));
            painter.circle_filled(pos, 4.0, group_color(r.online_share));
        }
        density_legend_ui(ui, &painter, transform.frame(), rels.len());
    }
    // Names of the strongest people, each only where it overlaps no other name.
    let font = egui::FontId::proportional(12.0);
    let labelled: Vec<(Pos2, std::sync::Arc<egui::Galley>)> = rels
        .iter()
        .take(LABELLED)
        .map(|r| {
            (
                transform.position_from_point(&scatter_point(r)),
                painter.layout_no_wrap(r.name.clone(), font.clone(), text),
            )
        })
        .collect();
    let sizes: Vec<egui::Vec2> = labelled.iter().map(|(_, g)| g.size()).collect();
    let dots: Vec<Pos2> = labelled.iter().map(|(p, _)| *p).collect();
    for (rect, (_, galley)) in place_labels(&dots, &sizes, *transform.frame())
        .into_iter()
        .zip(labelled)
    {
        if let Some(rect) = rect {
            painter.galley(rect.min, galley, text);
        }
    }
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

#[cfg(test)]
mod lod_tests {
    use super::*;
    use egui::{Rect, pos2, vec2};

    #[test]
    fn density_counts_everyone_once_in_the_right_cell() {
        let rel = |share: f64, strength: f64| Relationship {
            contact: crate::model::ContactId::random(),
            name: String::new(),
            rank: 0,
            tier: crate::analytics::Tier::INNERMOST,
            strength,
            online_share: share,
            online_minutes_share: None,
            online: 0,
            offline: 0,
            online_minutes: 0,
            offline_minutes: 0,
            online_depth: 0,
            offline_depth: 0,
        };
        let rels = [
            rel(0.0, 0.0),
            rel(1.0, 100.0),
            rel(1.0, 100.0),
            rel(0.5, 51.0),
        ];
        let cells = density(&rels);
        assert_eq!(cells.iter().sum::<u32>(), 4);
        assert_eq!(cells[0], 1, "weakest, most offline corner");
        assert_eq!(
            cells[DENSITY_CELLS * DENSITY_CELLS - 1],
            2,
            "the top right cell"
        );
        assert_eq!(cells[25 * DENSITY_CELLS + 25], 1);
    }

    #[test]
    fn names_never_overlap_and_stay_inside() {
        let bounds = Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 300.0));
        // Five people on the same spot, one at the right edge, one in a corner.
        let mut dots = vec![pos2(200.0, 150.0); 5];
        dots.push(pos2(395.0, 100.0));
        dots.push(pos2(2.0, 2.0));
        let sizes = vec![vec2(80.0, 14.0); dots.len()];
        let placed = place_labels(&dots, &sizes, bounds);
        let rects: Vec<Rect> = placed.iter().flatten().copied().collect();
        for (i, a) in rects.iter().enumerate() {
            assert!(bounds.contains_rect(*a));
            for b in &rects[i + 1..] {
                assert!(!a.intersects(*b), "{a:?} overlaps {b:?}");
            }
        }
        assert_eq!(
            placed[0].map(|r| r.min.x),
            Some(206.0),
            "the first goes right"
        );
        assert_eq!(placed[1].map(|r| r.max.x), Some(194.0), "the second left");
        assert!(
            placed[4].is_none(),
            "a fifth name at the same spot is left out"
        );
        assert!(
            placed[5].is_some_and(|r| r.max.x < 395.0),
            "left of a dot at the edge"
        );
        assert!(placed[6].is_some());
    }
}
