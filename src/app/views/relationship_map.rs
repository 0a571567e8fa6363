//! The relationship map: you at the centre, people on rings by tier, coloured by how much of the
//! relationship happens online, sized by strength. Painted with egui (a plot does not fit).
//!
//! [`map_layout`] is pure (unit coordinates) and cached with the chart data; [`map_ui`] scales it
//! to the available rect, paints it and does the hit-testing for hover and click.

use eframe::egui;

use egui::{Align2, FontId, Pos2, Rect, Sense, Stroke, Ui, Vec2};

use crate::analytics::Tier;
use crate::analytics::charts::Relationship;
use crate::app::commands::Command;
use crate::app::theme;
use crate::model::ContactId;

/// Radius of each tier's ring, as a fraction of the map's radius (tier 1 first).
pub const RING_RADII: [f32; 5] = [0.2, 0.4, 0.6, 0.8, 0.95];
/// Angle left free at the top of each ring for its label (radians).
const TOP_GAP: f32 = 0.5;
/// At most this many people of tier 5 are drawn when the outer tier is shown (the strongest).
pub const MAX_OUTER_DOTS: usize = 2_000;

/// One person on the map, in unit coordinates (the map is the unit disc, the centre is you).
#[derive(Clone, Debug, PartialEq)]
pub struct MapDot {
    pub contact: ContactId,
    /// Index into the relationships the layout was made from.
    pub index: usize,
    pub tier: Tier,
    /// Position in the unit disc.
    pub pos: Vec2,
    /// Dot radius as a fraction of the map's radius.
    pub size: f32,
    pub online_share: f64,
}

/// The map in unit coordinates.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapLayout {
    pub dots: Vec<MapDot>,
    /// People per tier (index 0 = tier 1), drawn or not.
    pub per_tier: [usize; 5],
    /// Tier 5 people not drawn (the outer ring is hidden, or capped at [`MAX_OUTER_DOTS`]).
    pub hidden_outer: usize,
}

/// Lays people out on rings by tier. Within a ring people are spread evenly, ordered from most
/// offline to most online clockwise from the top, so the colours sweep around the ring and the
/// side where a ring's relationships live shows at a glance. `rels` must be strongest first (as
/// `charts::relationships` gives them).
#[must_use]
pub fn map_layout(rels: &[Relationship], show_outer: bool) -> MapLayout {
    let mut rings: [Vec<usize>; 5] = Default::default();
    for (i, r) in rels.iter().enumerate() {
        rings[r.tier.index()].push(i);
    }
    let mut layout = MapLayout {
        per_tier: [0, 1, 2, 3, 4].map(|t| rings[t].len()),
        ..MapLayout::default()
    };
    let outer = &mut rings[4];
    if show_outer {
        // Strongest first already; keep the strongest.
        layout.hidden_outer = outer.len().saturating_sub(MAX_OUTER_DOTS);
        outer.truncate(MAX_OUTER_DOTS);
    } else {
        layout.hidden_outer = outer.len();
        outer.clear();
    }
    for (t, ring) in rings.iter_mut().enumerate() {
        if ring.is_empty() {
            continue;
        }
        ring.sort_by(|&a, &b| {
            rels[a]
                .online_share
                .total_cmp(&rels[b].online_share)
                .then(rels[a].rank.cmp(&rels[b].rank))
        });
        let radius = RING_RADII[t];
        let n = ring.len();
        // Room per dot along the ring, so crowded rings get smaller dots instead of overlaps.
        let room = ((std::f32::consts::TAU - TOP_GAP) * radius / n as f32) * 0.45;
        for (k, &i) in ring.iter().enumerate() {
            let r = &rels[i];
            // A gap at the top of each ring leaves room for its label.
            let angle = TOP_GAP / 2.0
                + (std::f32::consts::TAU - TOP_GAP) * (k as f32 + 0.5) / n as f32
                - std::f32::consts::FRAC_PI_2;
            // The outer band is spread a little in depth so thousands of dots stay visible.
            let ring_r = if t == 4 {
                radius - 0.05 * ((k * 7919) % 97) as f32 / 96.0
            } else {
                radius
            };
            let strength = (r.strength / 100.0).clamp(0.0, 1.0) as f32;
            let size = (0.018 + 0.032 * strength).min(room.max(0.004));
            layout.dots.push(MapDot {
                contact: r.contact,
                index: i,
                tier: r.tier,
                pos: Vec2::angled(angle) * ring_r,
                size,
                online_share: r.online_share,
            });
        }
    }
    layout
}

/// The dot under `pointer` (screen), if any: the nearest whose disc (plus a small margin) holds
/// the pointer. `center` and `radius` place the unit disc on screen.
#[must_use]
pub fn hit(layout: &MapLayout, center: Pos2, radius: f32, pointer: Pos2) -> Option<usize> {
    layout
        .dots
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let p = center + d.pos * radius;
            let dist = p.distance(pointer);
            (dist <= d.size * radius + 4.0).then_some((i, dist))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// Where the map was last drawn (for hit-testing in tests).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapPlacement {
    pub center: Pos2,
    pub radius: f32,
}

/// Paints the map and handles hover and click. Returns where it was drawn.
pub fn map_ui(
    ui: &mut Ui,
    layout: &MapLayout,
    rels: &[Relationship],
    cmds: &mut Vec<Command>,
) -> MapPlacement {
    let size = ui.available_size().max(Vec2::splat(200.0));
    let (response, painter) = ui.allocate_painter(size, Sense::click());
    super::named(
        &response,
        &format!(
            "Relationship map: {} people drawn on rings by tier",
            layout.dots.len()
        ),
    );
    let rect = response.rect;
    let radius = (rect.width().min(rect.height()) * 0.5 - 24.0).max(60.0);
    let center = rect.center();
    let visuals = ui.visuals().clone();
    let guide = theme::chart_guide(&visuals);
    let weak = theme::weak_text(&visuals);
    let text = visuals.text_color();

    let ring_names = ["Tier 1", "Tier 2", "Tier 3", "Tier 4", "Everyone else"];
    for (t, r) in RING_RADII.iter().enumerate() {
        if t == 4 && layout.per_tier[4] == 0 {
            continue;
        }
        painter.circle_stroke(center, r * radius, Stroke::new(1.0, guide));
        painter.text(
            center + Vec2::new(0.0, -r * radius - 2.0),
            Align2::CENTER_BOTTOM,
            format!("{} ({})", ring_names[t], layout.per_tier[t]),
            FontId::proportional(theme::META_SIZE),
            weak,
        );
    }
    if layout.hidden_outer > 0 {
        painter.text(
            Pos2::new(rect.left() + 4.0, rect.bottom() - 4.0),
            Align2::LEFT_BOTTOM,
            format!(
                "{} more people in the outer tier are not drawn",
                layout.hidden_outer
            ),
            FontId::proportional(theme::META_SIZE),
            weak,
        );
    }
    painter.circle_filled(center, 14.0, visuals.widgets.inactive.bg_fill);
    painter.text(
        center,
        Align2::CENTER_CENTER,
        "You",
        FontId::proportional(12.0),
        text,
    );

    for d in &layout.dots {
        painter.circle_filled(
            center + d.pos * radius,
            (d.size * radius).max(1.5),
            theme::share_color(d.online_share),
        );
    }
    // Names of the innermost tier, so the map reads without hovering.
    for d in layout.dots.iter().filter(|d| d.tier == Tier::INNERMOST) {
        let p = center + d.pos * radius;
        let right = d.pos.x >= 0.0;
        let anchor = if right {
            Align2::LEFT_CENTER
        } else {
            Align2::RIGHT_CENTER
        };
        let offset = (d.size * radius + 4.0) * if right { 1.0 } else { -1.0 };
        let galley =
            painter.layout_no_wrap(rels[d.index].name.clone(), FontId::proportional(12.0), text);
        let at = anchor.anchor_size(p + Vec2::new(offset, 0.0), galley.size());
        painter.rect_filled(
            at.expand(2.0),
            3.0,
            visuals.extreme_bg_color.gamma_multiply(0.85),
        );
        painter.galley(at.min, galley, text);
    }
    legend_ui(&painter, rect, &visuals);

    let hovered = response
        .hover_pos()
        .and_then(|p| hit(layout, center, radius, p));
    if let Some(i) = hovered {
        let d = &layout.dots[i];
        painter.circle_stroke(
            center + d.pos * radius,
            (d.size * radius).max(1.5) + 2.0,
            Stroke::new(2.0, text),
        );
        let r = &rels[d.index];
        response
            .clone()
            .on_hover_ui_at_pointer(|ui| super::widgets::person_tooltip_ui(ui, r));
    }
    if response.clicked()
        && let Some(i) = response
            .interact_pointer_pos()
            .and_then(|p| hit(layout, center, radius, p))
    {
        super::widgets::open_contact(layout.dots[i].contact, cmds);
    }
    MapPlacement { center, radius }
}

/// Colour scale and size key in the top-left corner.
fn legend_ui(painter: &egui::Painter, rect: Rect, visuals: &egui::Visuals) {
    let weak = theme::weak_text(visuals);
    let origin = rect.left_top() + Vec2::new(8.0, 8.0);
    let steps = 24;
    let width = 120.0;
    for s in 0..steps {
        let t = f64::from(s) / f64::from(steps - 1);
        let x = origin.x + width * s as f32 / steps as f32;
        painter.rect_filled(
            Rect::from_min_size(
                Pos2::new(x, origin.y),
                Vec2::new(width / steps as f32 + 0.5, 10.0),
            ),
            0.0,
            theme::share_color(t),
        );
    }
    let font = FontId::proportional(theme::META_SIZE);
    painter.text(
        Pos2::new(origin.x, origin.y + 14.0),
        Align2::LEFT_TOP,
        "Offline",
        font.clone(),
        weak,
    );
    painter.text(
        Pos2::new(origin.x + width, origin.y + 14.0),
        Align2::RIGHT_TOP,
        "Online",
        font.clone(),
        weak,
    );
    painter.text(
        Pos2::new(origin.x, origin.y + 32.0),
        Align2::LEFT_TOP,
        "Colour: where the relationship happens",
        font.clone(),
        weak,
    );
    painter.text(
        Pos2::new(origin.x, origin.y + 48.0),
        Align2::LEFT_TOP,
        "Bigger dot: stronger tie",
        font,
        weak,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(id: u64, tier: u8, strength: f64, share: f64, rank: usize) -> Relationship {
        Relationship {
            contact: ContactId(id),
            name: format!("P{id}"),
            rank,
            tier: Tier::new(tier),
            strength,
            online_share: share,
            online_minutes_share: None,
            online: 1,
            offline: 1,
            online_minutes: 0,
            offline_minutes: 0,
            online_depth: 1,
            offline_depth: 1,
        }
    }

    #[test]
    fn people_sit_on_their_tier_ring_and_tier_5_waits_for_asking() {
        let rels = vec![
            rel(1, 1, 90.0, 1.0, 0),
            rel(2, 1, 80.0, 0.0, 1),
            rel(3, 2, 50.0, 0.5, 2),
            rel(4, 5, 5.0, 0.5, 3),
        ];
        let l = map_layout(&rels, false);
        assert_eq!(l.per_tier, [2, 1, 0, 0, 1]);
        assert_eq!(l.dots.len(), 3);
        assert_eq!(l.hidden_outer, 1);
        for d in &l.dots {
            let want = RING_RADII[d.tier.index()];
            assert!((d.pos.length() - want).abs() < 1e-4, "{d:?}");
        }
        // Offline first, clockwise from the top.
        assert_eq!(l.dots[0].contact, ContactId(2));
        // Stronger people get bigger dots.
        let size = |id| {
            l.dots
                .iter()
                .find(|d| d.contact == ContactId(id))
                .unwrap()
                .size
        };
        assert!(size(1) > size(3));

        let all = map_layout(&rels, true);
        assert_eq!(all.dots.len(), 4);
        assert_eq!(all.hidden_outer, 0);
    }

    #[test]
    fn the_outer_ring_is_capped() {
        let rels: Vec<_> = (0..MAX_OUTER_DOTS + 10)
            .map(|i| rel(i as u64, 5, 1.0, 0.3, i))
            .collect();
        let l = map_layout(&rels, true);
        assert_eq!(l.dots.len(), MAX_OUTER_DOTS);
        assert_eq!(l.hidden_outer, 10);
        // The strongest are kept.
        assert!(l.dots.iter().all(|d| d.index < MAX_OUTER_DOTS));
    }

    #[test]
    fn hit_finds_the_dot_under_the_pointer_only() {
        let rels = vec![rel(1, 1, 90.0, 1.0, 0), rel(2, 1, 80.0, 0.0, 1)];
        let l = map_layout(&rels, false);
        let center = Pos2::new(200.0, 200.0);
        for (i, d) in l.dots.iter().enumerate() {
            assert_eq!(hit(&l, center, 100.0, center + d.pos * 100.0), Some(i));
        }
        assert_eq!(hit(&l, center, 100.0, center), None);
    }
}
