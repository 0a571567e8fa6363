//! The strength weights panel under the chart list: six sliders and a reset, each change one
//! undoable edit.

use eframe::egui;

use egui::{RichText, Ui};

use super::state::ChartsState;
use crate::app::commands::Command;
use crate::app::theme;
use crate::model::{Dataset, Edit, StrengthWeights};

/// The six weights with their names, in display order.
pub(super) fn weights_named(w: &mut StrengthWeights) -> [(&'static str, &mut f64); 6] {
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
