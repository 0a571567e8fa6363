//! Unit tests of the charts' pure helpers.

use egui_plot::GridInput;

use super::engagement::engagement_order;
use super::lens::lens_sentence;
use super::state::{Measure, RelSort};
use super::timeline::{month_marks, month_text};
use crate::analytics::MissedTie;
use crate::analytics::Tier;
use crate::analytics::charts::Relationship;
use crate::app::views::widgets::split_text;
use crate::model::ContactId;

fn rel(id: u64, strength: f64, share: f64, on: u32, off: u32) -> Relationship {
    Relationship {
        contact: ContactId(id),
        name: format!("P{id}"),
        rank: id as usize,
        tier: Tier::new(1),
        strength,
        online_share: share,
        online_minutes_share: None,
        online: on,
        offline: off,
        online_minutes: u64::from(on) * 10,
        offline_minutes: u64::from(off) * 60,
        online_depth: on * 2,
        offline_depth: off,
    }
}

#[test]
fn engagement_orders_by_strength_total_or_share() {
    let rels = vec![
        rel(0, 90.0, 1.0, 3, 0),
        rel(1, 50.0, 0.0, 0, 9),
        rel(2, 40.0, 0.5, 2, 2),
    ];
    assert_eq!(
        engagement_order(&rels, RelSort::Strength, Measure::Count),
        [0, 1, 2]
    );
    assert_eq!(
        engagement_order(&rels, RelSort::Total, Measure::Count),
        [1, 2, 0]
    );
    assert_eq!(
        engagement_order(&rels, RelSort::Total, Measure::Minutes),
        [1, 2, 0]
    );
    assert_eq!(
        engagement_order(&rels, RelSort::OnlineShare, Measure::Count),
        [0, 2, 1]
    );
}

#[test]
fn month_marks_fit_the_range() {
    let marks = month_marks(GridInput {
        bounds: (24_300.0, 24_336.0),
        base_step_size: 1.0,
    });
    assert!(marks.len() <= 13 && marks.len() >= 3, "{}", marks.len());
    assert!(marks.iter().all(|m| m.value % m.step_size == 0.0));
    assert_eq!(month_text(24_312.0), "Jan 2026");
    assert_eq!(month_text(24_312.5), "");
}

#[test]
fn lens_sentences_say_missed_or_demoted() {
    let m = MissedTie {
        contact: ContactId(1),
        strength: 78.7,
        tier: Tier::new(1),
        offline_strength: 0.0,
        offline_tier: Tier::new(5),
        online_share: 1.0,
        missed: true,
    };
    assert!(lens_sentence(&m).contains("does not see this tie"));
    let d = MissedTie {
        missed: false,
        online_share: 0.54,
        offline_tier: Tier::new(3),
        offline_strength: 40.0,
        ..m
    };
    let s = lens_sentence(&d);
    assert!(
        s.contains("54% of it happens online") && s.contains("tier 3"),
        "{s}"
    );
}

#[test]
fn tier_labels_name_the_layer() {
    assert_eq!(Tier::new(1).label(), "Tier 1 · innermost 5");
    assert_eq!(Tier::new(9).label(), "Tier 5 · everyone else");
    assert_eq!(split_text(0.724), "72% online, 28% offline");
}
