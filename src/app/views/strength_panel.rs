//! Tie strength on the contact page: a contact's score with its six components, tier and
//! timeline. (The strength weights panel is on the charts page: `charts/weights.rs`.)

use eframe::egui;

use egui::{RichText, Sense, Ui, Vec2};

use super::charts::{self, Measure};
use super::widgets::{capitalise, split_text};

use crate::analytics::charts::{MonthBucket, contact_timeline};
use crate::analytics::{Analytics, Component, Params};
use crate::app::memo::Memo;
use crate::app::theme;
use crate::model::ContactId;

/// A contact's monthly buckets, kept per (analytics revision, params, contact): a tie with
/// thousands of interactions is bucketed once per edit or window change, not every frame.
pub type TimelineMemo = Memo<(u64, Params, ContactId), Vec<MonthBucket>>;

/// What each component means, for the hover text of its bar.
fn component_hint(component: Component) -> &'static str {
    match component {
        Component::Depth => "How deep your interactions go (small talk ... trusted help)",
        Component::Recency => "How recently you were in touch: halves every 30 days",
        Component::Frequency => "How often you are in touch",
        Component::Duration => "How long you have known each other",
        Component::Reciprocity => "Whether both of you reach out",
        Component::Multiplexity => "How many different channels you use",
    }
}

/// The strength block on a contact's page: score, tier, the six components as small bars, and
/// a compact month-by-month timeline. Cheap: it reads one contact's cached figures.
pub fn contact_strength_ui(
    ui: &mut Ui,
    an: &Analytics,
    id: ContactId,
    timeline: &mut TimelineMemo,
) {
    let Some(s) = an.contact(id) else { return };
    let weak = theme::weak_text(ui.visuals());
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(200.0);
            ui.horizontal(|ui| {
                ui.label(RichText::new("Strength").color(weak));
                ui.label(
                    RichText::new(format!("{:.0} / 100", s.strength.score))
                        .size(22.0)
                        .strong(),
                );
            });
            if s.strength.evidence.interactions > 0 {
                // How much the score rests on: a new tie's score is mostly the prior.
                ui.label(
                    RichText::new(s.strength.evidence.describe())
                        .size(theme::META_SIZE)
                        .color(weak),
                )
                .on_hover_text(
                    "Scores grow with evidence: few interactions, or all on a few days, \
                     count for less (Help > How Rapport scores a relationship)",
                );
            }
            ui.label(s.tier.label());
            let over = format!("over {}", an.params().window.describe());
            let line = match s.engagement.online_share() {
                Some(share) => format!("{}, {over}", split_text(share)),
                None => format!("No interactions {over}"),
            };
            ui.label(RichText::new(line).size(theme::META_SIZE).color(weak));
        });
        ui.vertical(|ui| {
            egui::Grid::new(("strength-components", id))
                .num_columns(6)
                .spacing([theme::GAP_M, theme::GAP_S])
                .show(ui, |ui| {
                    for (k, (component, value)) in s.strength.components.each().iter().enumerate() {
                        ui.label(capitalise(component.name()))
                            .on_hover_text(component_hint(*component));
                        component_bar(ui, *value);
                        ui.label(
                            RichText::new(format!("{:.0}", value * 100.0))
                                .size(theme::META_SIZE)
                                .color(weak),
                        );
                        if k % 2 == 1 {
                            ui.end_row();
                        }
                    }
                });
        });
    });
    ui.add_space(theme::GAP_S);
    let buckets = timeline.get_or_compute((an.revision(), an.params(), id), || {
        contact_timeline(an, id)
    });
    charts::timeline_plot_ui(
        ui,
        &format!("contact-{}", id.0),
        buckets,
        Measure::Count,
        true,
    );
}

/// A small horizontal bar for a 0..1 value.
fn component_bar(ui: &mut Ui, value: f64) {
    let (rect, _) = ui.allocate_exact_size(Vec2::new(90.0, 10.0), Sense::hover());
    let p = ui.painter();
    p.rect_filled(rect, 3.0, theme::chip_fill(ui.visuals()));
    let w = rect.width() * value.clamp(0.0, 1.0) as f32;
    let mut fill = rect;
    fill.set_width(w);
    p.rect_filled(fill, 3.0, ui.visuals().selection.stroke.color);
}
