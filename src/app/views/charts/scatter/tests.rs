use super::*;
use egui::{Rect, pos2, vec2};

fn rel(share: f64, strength: f64) -> Relationship {
    Relationship {
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
    }
}

const ALL: [bool; 3] = [true; 3];

#[test]
fn density_counts_everyone_once_in_the_right_cell() {
    let rels = [
        rel(0.0, 0.0),
        rel(1.0, 100.0),
        rel(1.0, 100.0),
        rel(0.5, 51.0),
    ];
    let cells = density_in(rels.iter().map(place), &Region::DATA);
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
fn zoomed_density_counts_only_the_area_in_its_own_cells() {
    // Online share 40-60%, strength 20-30: each cell 0.4% by 0.2 points.
    let area = Region {
        min: [40.0, 20.0],
        max: [60.0, 30.0],
    };
    let rels = [
        rel(0.40, 20.0),  // the lowest corner cell
        rel(0.401, 20.1), // the same cell
        rel(0.60, 30.0),  // the top right edge, still inside
        rel(0.50, 25.0),  // the middle
        rel(0.39, 25.0),  // left of the area
        rel(0.50, 31.0),  // above it
    ];
    let cells = density_in(rels.iter().map(place), &area);
    assert_eq!(cells.iter().sum::<u32>(), 4);
    assert_eq!(cells[0], 2);
    assert_eq!(cells[DENSITY_CELLS * DENSITY_CELLS - 1], 1);
    assert_eq!(cells[25 * DENSITY_CELLS + 25], 1);
}

#[test]
fn visible_people_are_those_in_view_in_order() {
    let rels = [
        rel(0.1, 90.0), // offline, strong
        rel(0.9, 80.0), // online
        rel(0.5, 10.0), // blended, weak
        rel(0.2, 50.0), // offline
    ];
    assert_eq!(visible_people(&rels, &Region::WHOLE, ALL), [0, 1, 2, 3]);
    let top_left = Region {
        min: [0.0, 40.0],
        max: [50.0, 100.0],
    };
    assert_eq!(visible_people(&rels, &top_left, ALL), [0, 3]);
    let empty = Region {
        min: [200.0, 200.0],
        max: [300.0, 300.0],
    };
    assert!(visible_people(&rels, &empty, ALL).is_empty());
    // The legend hid the mostly offline group.
    assert_eq!(
        visible_people(&rels, &Region::WHOLE, [false, true, true]),
        [1, 2]
    );
}

/// `n` people spread evenly over the chart, strongest first.
fn spread(n: usize) -> Vec<Relationship> {
    (0..n)
        .map(|i| {
            let s = 100.0 - 100.0 * i as f64 / n as f64;
            rel(((i * 37) % 101) as f64 / 100.0, s)
        })
        .collect()
}

#[test]
fn the_detail_follows_what_is_in_view() {
    let rels = spread(10_000);
    // Everyone in view: too many for dots, so the density layer, with the strongest few.
    let whole = level_of_detail(&rels, &Region::WHOLE, ALL);
    assert_eq!(whole.visible, 10_000);
    assert_eq!(whole.dots, (0..LABELLED).collect::<Vec<_>>());
    let density = whole.density.as_ref().expect("a density layer");
    assert_eq!(
        density.area,
        Region::DATA,
        "cells over the data, not the margin"
    );
    assert_eq!(density.cells.iter().sum::<u32>(), 10_000);
    assert_eq!(
        density.cells,
        density_in(rels.iter().map(place), &Region::DATA)
    );

    // Zoomed in to a tenth of the strength range: 1,000 people, every one a dot.
    let band = Region {
        min: [-4.0, 50.0],
        max: [104.0, 60.0],
    };
    let zoomed = level_of_detail(&rels, &band, ALL);
    assert!(zoomed.density.is_none());
    assert_eq!(zoomed.dots, visible_people(&rels, &band, ALL));
    assert_eq!(zoomed.visible, zoomed.dots.len());
    assert!(
        (990..=1_010).contains(&zoomed.visible),
        "{}",
        zoomed.visible
    );
    assert!(zoomed.dots.iter().all(|&i| band.contains(place(&rels[i]))));
    assert!(
        zoomed.dots.windows(2).all(|w| w[0] < w[1]),
        "strongest first"
    );

    // Exactly at the limit: dots; one more: density.
    let few = spread(DENSITY_ABOVE);
    assert!(level_of_detail(&few, &Region::WHOLE, ALL).density.is_none());
    let more = spread(DENSITY_ABOVE + 1);
    assert!(
        level_of_detail(&more, &Region::WHOLE, ALL)
            .density
            .is_some()
    );

    // A tag that leaves few people: dots at the whole view too.
    let filtered = level_of_detail(&spread(1_500), &Region::WHOLE, ALL);
    assert_eq!(filtered.visible, 1_500);
    assert_eq!(filtered.dots.len(), 1_500);
    assert!(filtered.density.is_none());

    // A group hidden in the legend leaves few enough for dots.
    let five = spread(5_000);
    assert!(
        level_of_detail(&five, &Region::WHOLE, ALL)
            .density
            .is_some()
    );
    let online = level_of_detail(&five, &Region::WHOLE, [false, false, true]);
    assert!(online.density.is_none(), "{}", online.visible);
    assert!(
        online
            .dots
            .iter()
            .all(|&i| five[i].online_share >= MOSTLY_ONLINE)
    );

    // Panned away from everyone: nothing to draw.
    let away = Region {
        min: [150.0, 150.0],
        max: [250.0, 250.0],
    };
    let nothing = level_of_detail(&rels, &away, ALL);
    assert_eq!((nothing.visible, nothing.dots.len()), (0, 0));
    assert!(nothing.density.is_none());
}

#[test]
fn zoom_is_told_from_the_region() {
    assert!(!Region::WHOLE.is_zoomed_in());
    let wider = Region {
        min: [-50.0, -50.0],
        max: [150.0, 150.0],
    };
    assert!(!wider.is_zoomed_in());
    let inside = Region {
        min: [10.0, -4.0],
        max: [20.0, 104.0],
    };
    assert!(inside.is_zoomed_in());
    let almost = Region {
        min: [-3.9, -4.0],
        max: [104.0, 103.99],
    };
    assert!(!almost.is_zoomed_in(), "a zoom undone, with rounding");
    assert_eq!(
        wider.intersect(&Region::DATA),
        Some(Region::DATA),
        "zoomed out: the data"
    );
    assert_eq!(
        inside.intersect(&Region::DATA),
        Some(Region {
            min: [10.0, 0.0],
            max: [20.0, 100.0]
        })
    );
}

#[test]
fn hits_only_drawn_dots() {
    let rels = [rel(0.5, 50.0), rel(0.5, 50.0)];
    let frame = Rect::from_min_size(pos2(0.0, 0.0), vec2(100.0, 100.0));
    let t = PlotTransform::new(
        frame,
        egui_plot::PlotBounds::from_min_max([0.0, 0.0], [100.0, 100.0]),
        egui::Vec2b::FALSE,
    );
    let at = t.position_from_point(&scatter_point(&rels[1]));
    assert_eq!(scatter_hit(&rels, &[1], &t, at), Some(1));
    assert_eq!(scatter_hit(&rels, &[], &t, at), None, "not drawn");
    assert_eq!(scatter_hit(&rels, &[1], &t, at + vec2(9.0, 0.0)), None);
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
