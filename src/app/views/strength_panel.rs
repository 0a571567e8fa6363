//! Tie strength in the app: a contact's score with its six components, tier and timeline (on the
//! contact page), and the strength weights panel (on the charts page).

use eframe::egui;

use egui::{RichText, Sense, Ui, Vec2};

use super::charts::{self, ChartsState, Measure};
use std::sync::Arc;

use crate::analytics::charts::{MonthBucket, contact_timeline};
use crate::analytics::{Analytics, Params};
use crate::app::commands::Command;
use crate::app::theme;
use crate::model::{ContactId, Dataset, Edit, StrengthWeights};

/// A contact's monthly buckets with the analytics revision and params they were made for.
type Cached = Arc<(u64, Params, Vec<MonthBucket>)>;

/// What each component means, for the hover text of its bar.
fn component_hint(name: &str) -> &'static str {
    match name {
        "depth" => "How deep your interactions go (small talk ... trusted help)",
        "recency" => "How recently you were in touch: halves every 30 days",
        "frequency" => "How often you are in touch",
        "duration" => "How long you have known each other",
        "reciprocity" => "Whether both of you reach out",
        "multiplexity" => "How many different channels you use",
        _ => "",
    }
}

fn capitalised(name: &str) -> String {
    let mut c = name.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The strength block on a contact's page: score, tier, the six components as small bars, and
/// a compact month-by-month timeline. Cheap: it reads one contact's cached figures.
pub fn contact_strength_ui(ui: &mut Ui, an: &Analytics, id: ContactId) {
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
            ui.label(charts::tier_label(s.tier));
            let over = format!("over {}", an.params().window.describe());
            let line = match s.engagement.online_share() {
                Some(share) => format!("{}, {over}", charts::split_text(share)),
                None => format!("No interactions {over}"),
            };
            ui.label(RichText::new(line).size(theme::META_SIZE).color(weak));
        });
        ui.vertical(|ui| {
            egui::Grid::new(("strength-components", id))
                .num_columns(6)
                .spacing([theme::GAP_M, theme::GAP_S])
                .show(ui, |ui| {
                    for (k, (name, value)) in s.strength.components.named().iter().enumerate() {
                        ui.label(capitalised(name))
                            .on_hover_text(component_hint(name));
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
    // A tie with thousands of interactions: bucket them once per edit or window change.
    let cache_id = ui.make_persistent_id(("contact-timeline-cache", id.0));
    let key = (an.revision(), an.params());
    let cached: Option<Cached> = ui.data(|d| d.get_temp(cache_id));
    let buckets = match cached {
        Some(c) if (c.0, c.1) == key => c,
        _ => {
            let c: Cached = Arc::new((key.0, key.1, contact_timeline(an, id)));
            ui.data_mut(|d| d.insert_temp(cache_id, c.clone()));
            c
        }
    };
    charts::timeline_plot_ui(
        ui,
        &format!("contact-{}", id.0),
        &buckets.2,
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

/// The six weights with their names, in display order.
fn weights_named(w: &mut StrengthWeights) -> [(&'static str, &mut f64); 6] {
    [
        ("Depth", &mut w.depth),
        ("Recency", &mut w.recency),
        ("Frequency", &mut w.frequency),
        ("Duration", &mut w.duration),
        ("Reciprocity", &mut w.reciprocity),
        ("Multiplexity", &mut w.multiplexity),
    ]
}

/// Whether two sets of weights are equal up to rounding.
#[must_use]
pub fn same_weights(a: &StrengthWeights, b: &StrengthWeights) -> bool {
    let (mut a, mut b) = (a.clone(), b.clone());
    weights_named(&mut a)
        .into_iter()
        .zip(weights_named(&mut b))
        .all(|((_, x), (_, y))| (*x - *y).abs() < 1e-6)
}

/// The command that sets the file's strength weights: one undo step.
pub fn set_weights(ds: &Dataset, weights: StrengthWeights) -> Command {
    let mut settings = ds.settings().clone();
    settings.strength = weights;
    Command::Apply {
        edit: Edit::SetSettings(settings),
        label: "change strength weights".into(),
    }
}

/// Sliders for the six weights and a reset. A change is applied (one undo step) when a slider
/// is let go, not on every drag frame: re-scoring a big file takes a moment.
pub fn weights_ui(ui: &mut Ui, state: &mut ChartsState, ds: &Dataset, cmds: &mut Vec<Command>) {
    egui::CollapsingHeader::new("Strength weights")
        .id_salt("strength-weights")
        .default_open(false)
        .show(ui, |ui| {
            ui.label(
                RichText::new("How much each part counts in the score; the channel never does")
                    .size(theme::META_SIZE)
                    .color(theme::weak_text(ui.visuals())),
            );
            let current = ds.settings().strength.clone();
            let mut draft = state
                .weights_draft
                .take()
                .unwrap_or_else(|| current.clone());
            let mut dragging = false;
            let mut commit = false;
            for (name, value) in weights_named(&mut draft) {
                let label = ui.label(name);
                let r = ui
                    .add(egui::Slider::new(value, 0.0..=1.0).step_by(0.05))
                    .labelled_by(label.id);
                dragging |= r.dragged();
                commit |= r.drag_stopped() || (r.changed() && !r.dragged());
            }
            // Sliders round to their step: only a real move counts as a change.
            if commit && !same_weights(&draft, &current) {
                cmds.push(set_weights(ds, draft));
            } else if dragging {
                state.weights_draft = Some(draft);
            }
            let defaults = StrengthWeights {
                extra: current.extra.clone(),
                ..StrengthWeights::default()
            };
            if ui
                .add_enabled(
                    !same_weights(&current, &defaults),
                    egui::Button::new("Reset to defaults"),
                )
                .clicked()
            {
                cmds.push(set_weights(ds, defaults));
            }
        });
}
