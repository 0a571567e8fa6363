//! Strength against online share: one dot per person, click to open them.

use eframe::egui;

use egui::{Pos2, RichText, Ui};
use egui_plot::{HLine, LineStyle, Plot, PlotPoint, PlotTransform, Text, VLine};

use super::controls::empty_ui;
use crate::analytics::charts::{DEEP_STRENGTH, MOSTLY_ONLINE, Relationship};
use crate::app::commands::Command;
use crate::app::memo::Memo;
use crate::app::theme;
use crate::app::views::grouped;
use crate::app::views::widgets::{self, open_contact, person_tooltip_ui};

/// A person's place on the scatter: x = online share (0-100%), y = strength (0-100).
#[must_use]
pub fn scatter_point(r: &Relationship) -> PlotPoint {
    PlotPoint::new(r.online_share * 100.0, r.strength)
}

/// The person whose dot is under `pointer` (screen): the nearest of the `drawn` dots (indexes
/// into `rels`) within 8 points.
#[must_use]
pub fn scatter_hit(
    rels: &[Relationship],
    drawn: &[usize],
    transform: &PlotTransform,
    pointer: Pos2,
) -> Option<usize> {
    drawn
        .iter()
        .map(|&i| {
            (
                i,
                transform
                    .position_from_point(&scatter_point(&rels[i]))
                    .distance(pointer),
            )
        })
        .filter(|(_, d)| *d <= 8.0)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// Above this many people in view the scatter shades a density layer instead of one dot per
/// person.
pub const DENSITY_ABOVE: usize = 2_000;
/// Density cells per axis over the part of the chart in view (each 2% of online share by 2
/// points of strength when the whole chart is in view).
pub const DENSITY_CELLS: usize = 50;
/// The strongest people, drawn as dots at any size and named where the name fits.
const LABELLED: usize = 8;
/// Names tried when zoomed in (still only where they overlap no other name).
const LABELLED_ZOOMED: usize = 24;

/// A rectangle of the chart in its own units: `x` online share (%), `y` strength.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Region {
    pub min: [f64; 2],
    pub max: [f64; 2],
}

impl Region {
    /// The whole chart, as it opens and after a double-click: every possible point with a margin.
    pub const WHOLE: Region = Region {
        min: [-4.0, -4.0],
        max: [104.0, 104.0],
    };
    /// Where people can be: online share and strength both run from 0 to 100.
    const DATA: Region = Region {
        min: [0.0, 0.0],
        max: [100.0, 100.0],
    };

    /// Whether the point `[x, y]` is inside (edges included).
    #[must_use]
    pub fn contains(&self, p: [f64; 2]) -> bool {
        (0..2).all(|d| p[d] >= self.min[d] && p[d] <= self.max[d])
    }

    /// The part of both, if they overlap.
    #[must_use]
    pub fn intersect(&self, other: &Region) -> Option<Region> {
        let r = Region {
            min: [self.min[0].max(other.min[0]), self.min[1].max(other.min[1])],
            max: [self.max[0].min(other.max[0]), self.max[1].min(other.max[1])],
        };
        (r.min[0] < r.max[0] && r.min[1] < r.max[1]).then_some(r)
    }

    /// Whether this shows clearly less than the whole chart (the person zoomed in; a zoom
    /// undone step by step may leave a hair's breadth of difference, which does not count).
    #[must_use]
    pub fn is_zoomed_in(&self) -> bool {
        (0..2).any(|d| self.max[d] - self.min[d] < 0.99 * (Self::WHOLE.max[d] - Self::WHOLE.min[d]))
    }

    /// An exact key for caching what was computed for this region.
    fn key(&self) -> [u64; 4] {
        [
            self.min[0].to_bits(),
            self.min[1].to_bits(),
            self.max[0].to_bits(),
            self.max[1].to_bits(),
        ]
    }
}

/// The key of a [`Detail`]: the region in view, exactly, and which groups the legend shows.
pub(super) type DetailKey = ([u64; 4], [bool; 3]);

/// What the scatter draws for the region in view.
#[derive(Clone, Debug, PartialEq)]
pub struct Detail {
    /// How many people are in view (of the groups shown).
    pub visible: usize,
    /// The people drawn as dots (indexes into the relationships, strongest first): everyone in
    /// view when that is at most [`DENSITY_ABOVE`], else the [`LABELLED`] strongest in view.
    pub dots: Vec<usize>,
    /// With more than [`DENSITY_ABOVE`] people in view: how many fall in each cell of a
    /// [`DENSITY_CELLS`] square grid over the part of the chart in view.
    pub density: Option<Density>,
}

/// Density cells over `area`, row-major from its lowest strength and online share.
#[derive(Clone, Debug, PartialEq)]
pub struct Density {
    pub area: Region,
    pub cells: Vec<u32>,
}

/// A person's place as `[x, y]` in chart units.
fn place(r: &Relationship) -> [f64; 2] {
    [r.online_share * 100.0, r.strength]
}

/// Which group (index into [`GROUPS`]) an online share puts a person in.
fn group_of(online_share: f64) -> usize {
    GROUPS
        .iter()
        .position(|(_, lo, hi, _)| online_share >= *lo && online_share < *hi)
        .unwrap_or(GROUPS.len() - 1)
}

/// The people in `view` whose group is `shown` (by [`GROUPS`] order: mostly offline, blended,
/// mostly online), as indexes into `rels`, in its order.
#[must_use]
pub fn visible_people(rels: &[Relationship], view: &Region, shown: [bool; 3]) -> Vec<usize> {
    rels.iter()
        .enumerate()
        .filter(|(_, r)| shown[group_of(r.online_share)] && view.contains(place(r)))
        .map(|(i, _)| i)
        .collect()
}

/// The level of detail for `view`: the people in it as dots when there are at most
/// [`DENSITY_ABOVE`], else a density layer over the part of the chart in view with the
/// strongest few as dots. Only the groups `shown` count.
#[must_use]
pub fn level_of_detail(rels: &[Relationship], view: &Region, shown: [bool; 3]) -> Detail {
    let visible = visible_people(rels, view, shown);
    if visible.len() <= DENSITY_ABOVE {
        return Detail {
            visible: visible.len(),
            dots: visible,
            density: None,
        };
    }
    let density = view.intersect(&Region::DATA).map(|area| Density {
        cells: density_in(visible.iter().map(|&i| place(&rels[i])), &area),
        area,
    });
    Detail {
        visible: visible.len(),
        dots: visible.iter().copied().take(LABELLED).collect(),
        density,
    }
}

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
    GROUPS[group_of(online_share)].3()
}

/// How many of `points` fall in each cell of a [`DENSITY_CELLS`] square grid over `area`
/// (points outside it are not counted), row-major from its lowest corner.
#[must_use]
pub fn density_in(points: impl Iterator<Item = [f64; 2]>, area: &Region) -> Vec<u32> {
    let mut cells = vec![0_u32; DENSITY_CELLS * DENSITY_CELLS];
    let n = DENSITY_CELLS as f64;
    let cell = |v: f64, d: usize| {
        let at = (v - area.min[d]) / (area.max[d] - area.min[d]) * n;
        (at as usize).min(DENSITY_CELLS - 1)
    };
    for p in points.filter(|p| area.contains(*p)) {
        cells[cell(p[1], 1) * DENSITY_CELLS + cell(p[0], 0)] += 1;
    }
    cells
}

fn paint_density(painter: &egui::Painter, transform: &PlotTransform, density: &Density) {
    let cells = &density.cells;
    let most = cells.iter().copied().max().unwrap_or(0);
    if most == 0 {
        return;
    }
    let area = &density.area;
    let step = [
        (area.max[0] - area.min[0]) / DENSITY_CELLS as f64,
        (area.max[1] - area.min[1]) / DENSITY_CELLS as f64,
    ];
    let scale = f64::from(most).ln_1p();
    for (i, &n) in cells.iter().enumerate() {
        if n == 0 {
            continue;
        }
        let (x, y) = (
            area.min[0] + (i % DENSITY_CELLS) as f64 * step[0],
            area.min[1] + (i / DENSITY_CELLS) as f64 * step[1],
        );
        let rect = egui::Rect::from_two_pos(
            transform.position_from_point(&PlotPoint::new(x, y)),
            transform.position_from_point(&PlotPoint::new(x + step[0], y + step[1])),
        );
        // A lone person still shows; the fullest cell is nearly opaque (log scale).
        let strength = 0.25 + 0.7 * f64::from(n).ln_1p() / scale;
        let color = group_color((x + step[0] / 2.0) / 100.0).gamma_multiply(strength as f32);
        painter.rect_filled(rect, 0.0, color);
    }
}

/// The groups' colours and, over a density layer, what a cell's shade means: bottom right
/// inside the plot (`egui_plot`'s own legend lists only series it draws, and the dots are
/// painted here, for the bounds the frame ends with).
///
/// A group's line is a checkbox: a click hides its people (or shows them again).
fn legend_ui(
    ui: &Ui,
    painter: &egui::Painter,
    frame: &egui::Rect,
    density: Option<String>,
    hidden: &mut [bool; 3],
) {
    let font = egui::FontId::proportional(12.0);
    let text = ui.visuals().text_color();
    let weak = theme::weak_text(ui.visuals());
    let mut lines: Vec<(Option<egui::Color32>, String)> = GROUPS
        .iter()
        .map(|(name, _, _, color)| (Some(color()), (*name).to_owned()))
        .collect();
    if let Some(people) = density {
        lines.push((
            None,
            format!("{people}: the stronger the colour, the more in a cell"),
        ));
    }
    let galleys: Vec<_> = lines
        .into_iter()
        .enumerate()
        .map(|(i, (c, s))| {
            let color = if hidden.get(i).copied().unwrap_or(false) {
                weak
            } else {
                text
            };
            (c, s.clone(), painter.layout_no_wrap(s, font.clone(), color))
        })
        .collect();
    let width = galleys
        .iter()
        .map(|(_, _, g)| g.size().x)
        .fold(0.0, f32::max)
        + 26.0;
    let line = 18.0;
    let height = line * galleys.len() as f32 + 8.0;
    let rect = egui::Rect::from_min_size(
        frame.max - egui::vec2(width + 8.0, height + 8.0),
        egui::vec2(width, height),
    );
    painter.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color.gamma_multiply(0.9));
    for (i, (color, name, galley)) in galleys.into_iter().enumerate() {
        let top = rect.min + egui::vec2(6.0, 4.0 + line * i as f32);
        if let Some(color) = color {
            let swatch =
                egui::Rect::from_min_size(top + egui::vec2(0.0, 3.0), egui::vec2(10.0, 10.0));
            let row = egui::Rect::from_min_size(top, egui::vec2(width - 12.0, line));
            let response = ui
                .interact(
                    row,
                    ui.scope_id().with(("scatter-legend", i)),
                    egui::Sense::click(),
                )
                .on_hover_cursor(egui::CursorIcon::PointingHand);
            if response.clicked() {
                hidden[i] = !hidden[i];
                ui.ctx().request_repaint();
            }
            let shown = !hidden[i];
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::CheckBox, true, shown, &name)
            });
            if shown {
                painter.rect_filled(swatch, 2.0, color);
            } else {
                painter.rect_stroke(
                    swatch,
                    2.0,
                    egui::Stroke::new(1.5, color),
                    egui::StrokeKind::Inside,
                );
            }
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

/// The scatter: it zooms (Ctrl+scroll or pinch, or a box dragged with the right button), pans
/// (drag or scroll) and resets on a double-click, as `egui_plot` does; what it draws depends on
/// what is in view (see [`level_of_detail`]), cached in `detail` for the region in view.
/// Returns the plot's transform (for hit-testing in tests) when drawn.
pub(super) fn scatter_plot_ui(
    ui: &mut Ui,
    rels: &[Relationship],
    detail: &mut Memo<DetailKey, Detail>,
    hidden: &mut [bool; 3],
    cmds: &mut Vec<Command>,
) -> Option<PlotTransform> {
    if rels.is_empty() {
        empty_ui(ui);
        return None;
    }
    let guide = theme::chart_guide(ui.visuals());
    let weak = theme::weak_text(ui.visuals());
    let text = ui.visuals().text_color();
    let resp = Plot::new("scatter")
        .x_axis_label("Online share of interactions (%)")
        .y_axis_label("Strength (0-100)")
        .default_x_bounds(Region::WHOLE.min[0], Region::WHOLE.max[0])
        .default_y_bounds(Region::WHOLE.min[1], Region::WHOLE.max[1])
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
        });
    let transform = resp.transform;
    let response = resp.response;
    let bounds = transform.bounds();
    let view = Region {
        min: bounds.min(),
        max: bounds.max(),
    };
    // The legend is drawn (and clicked) after the dots; a click shows in the next frame.
    let shown = hidden.map(|h| !h);
    let detail = detail.get_or_compute((view.key(), shown), || level_of_detail(rels, &view, shown));
    let painter = ui.painter_at(*transform.frame());
    let zoomed = view.is_zoomed_in();
    let in_view = if zoomed {
        format!(
            "{} of {} people in view",
            grouped(detail.visible),
            grouped(rels.len())
        )
    } else {
        format!("{} people", grouped(detail.visible))
    };
    if let Some(density) = &detail.density {
        paint_density(&painter, &transform, density);
    }
    for &i in &detail.dots {
        let r = &rels[i];
        let pos = transform.position_from_point(&scatter_point(r));
        painter.circle_filled(pos, 4.0, group_color(r.online_share));
    }
    legend_ui(
        ui,
        &painter,
        transform.frame(),
        detail.density.is_some().then(|| in_view.clone()),
        hidden,
    );
    // Names of the strongest people in view, each only where it overlaps no other name.
    let font = egui::FontId::proportional(12.0);
    let named = if zoomed { LABELLED_ZOOMED } else { LABELLED };
    let labelled: Vec<(Pos2, std::sync::Arc<egui::Galley>)> = detail
        .dots
        .iter()
        .take(named)
        .map(|&i| {
            (
                transform.position_from_point(&scatter_point(&rels[i])),
                painter.layout_no_wrap(rels[i].name.clone(), font.clone(), text),
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
    let drawn = if detail.density.is_some() {
        "shaded by density"
    } else {
        "as dots"
    };
    widgets::named(
        &response,
        &format!(
            "Scatter of {} people: strength against online share ({in_view}, {drawn})",
            grouped(rels.len())
        ),
    );
    if let Some(i) = response
        .hover_pos()
        .and_then(|p| scatter_hit(rels, &detail.dots, &transform, p))
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
            .and_then(|p| scatter_hit(rels, &detail.dots, &transform, p))
    {
        open_contact(rels[i].contact, cmds);
    }
    Some(transform)
}

#[cfg(test)]
mod tests;
