//! The "Cadences" tab: keep-in-touch defaults per tier and per tag, each change one undoable
//! settings edit.

use eframe::egui;

use egui::{RichText, Ui};

use super::PlanState;
use crate::analytics::Tier;
use crate::app::commands::Command;
use crate::app::edits;
use crate::app::theme;
use crate::model::Dataset;

/// The cadence defaults: per tier and per tag, each change one undoable settings edit.
pub(super) fn cadences_ui(
    ui: &mut Ui,
    state: &mut PlanState,
    data: &Dataset,
    cmds: &mut Vec<Command>,
) {
    let weak = theme::weak_text(ui.visuals());
    let current = data.settings();
    ui.label(
        RichText::new(
            "How often to be in touch, in days, when a person has no cadence of their own. A \
             tag's cadence wins over the tier's (the shortest tag wins). 0 means no cadence",
        )
        .color(weak),
    );
    ui.add_space(theme::GAP_M);
    let mut next = state.dragging.clone().unwrap_or_else(|| current.clone());
    let mut label = None;
    let mut dragging = false;
    let mut drag_done = false;
    ui.label(RichText::new("By tier").strong());
    egui::Grid::new("cadence-tiers")
        .num_columns(3)
        .spacing([theme::GAP_L, theme::GAP_S])
        .show(ui, |ui| {
            for (tier, days) in Tier::ALL.into_iter().zip(&mut next.cadence.by_tier) {
                let r = cadence_drag(ui, &format!("Tier {tier}"), days);
                dragging |= r.dragged();
                drag_done |= r.drag_stopped();
                if r.changed() || r.drag_stopped() {
                    label = Some(format!("tier {tier} cadence"));
                }
                ui.label(
                    RichText::new(tier_meaning(tier))
                        .size(theme::META_SIZE)
                        .color(weak),
                );
                ui.end_row();
            }
        });
    ui.add_space(theme::GAP_L);
    ui.label(RichText::new("By tag").strong());
    if next.cadence.by_tag.is_empty() {
        ui.label(RichText::new("No tag cadences yet").color(weak));
    }
    let mut remove = None;
    egui::Grid::new("cadence-tags")
        .num_columns(3)
        .spacing([theme::GAP_L, theme::GAP_S])
        .show(ui, |ui| {
            for (tag, days) in &mut next.cadence.by_tag {
                let r = cadence_drag(ui, tag, days);
                dragging |= r.dragged();
                drag_done |= r.drag_stopped();
                if r.changed() || r.drag_stopped() {
                    label = Some(format!("tag {tag} cadence"));
                }
                if ui
                    .small_button("Remove")
                    .on_hover_text(format!("Remove the cadence for tag {tag}"))
                    .clicked()
                {
                    remove = Some(tag.clone());
                }
                ui.end_row();
            }
        });
    if let Some(tag) = remove {
        next.cadence.by_tag.remove(&tag);
        label = Some(format!("remove tag {tag} cadence"));
    }
    ui.add_space(theme::GAP_S);
    ui.horizontal(|ui| {
        let l = ui.label("Tag");
        ui.add(
            egui::TextEdit::singleline(&mut state.new_tag)
                .hint_text("client")
                .desired_width(140.0),
        )
        .labelled_by(l.id);
        let l = ui.label("Every");
        ui.add(
            egui::TextEdit::singleline(&mut state.new_tag_days)
                .hint_text("30")
                .desired_width(60.0),
        )
        .labelled_by(l.id);
        ui.label("days");
        if ui.button("Add tag cadence").clicked() {
            let tag = state.new_tag.trim().to_owned();
            match state.new_tag_days.trim().parse::<u32>() {
                _ if tag.is_empty() => state.cadence_error = Some("Type a tag first".into()),
                Ok(d) if d <= 3650 => {
                    label = Some(format!("tag {tag} cadence"));
                    next.cadence.by_tag.insert(tag, d);
                    state.new_tag.clear();
                    state.new_tag_days.clear();
                    state.cadence_error = None;
                }
                _ => {
                    state.cadence_error = Some("Days must be a whole number from 0 to 3650".into());
                }
            }
        }
    });
    if let Some(e) = &state.cadence_error {
        theme::field_error(ui, e);
    }
    if dragging && !drag_done {
        // Keep the value on screen while dragging; one undo step when the drag ends.
        state.dragging = Some(next);
        return;
    }
    state.dragging = None;
    if let Some(label) = label
        && next != *current
    {
        cmds.push(edits::set_settings(next, &label).into());
    }
}

pub(super) fn tier_meaning(tier: Tier) -> &'static str {
    match tier.number() {
        1 => "your closest people",
        2 => "good friends and close colleagues",
        3 => "people you see regularly",
        4 => "acquaintances",
        _ => "everyone else",
    }
}

/// A cadence in days (0 to 3650) labelled `name` in the grid's first column.
pub(super) fn cadence_drag(ui: &mut Ui, name: &str, days: &mut u32) -> egui::Response {
    let l = ui.label(name);
    ui.add(
        egui::DragValue::new(days)
            .range(0..=3650)
            .speed(1.0)
            .suffix(" days"),
    )
    .labelled_by(l.id)
}
