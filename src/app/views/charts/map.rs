//! The relationship map page: tiers as rings (drawn by `views::relationship_map`).

use eframe::egui;

use egui::Ui;

use super::state::{ChartsState, people_figures};
use crate::analytics::Analytics;
use crate::app::commands::Command;
use crate::app::views::relationship_map::{self};
use crate::model::Dataset;

pub(super) fn map_page_ui(
    ui: &mut Ui,
    state: &mut ChartsState,
    ds: &Dataset,
    an: &Analytics,
    cmds: &mut Vec<Command>,
) {
    let Some(data) = people_figures(ui, &mut state.data, ds, an, state.tag.as_deref()) else {
        state.map_placement = None;
        return;
    };
    let rels = data.rels.as_deref().unwrap_or(&[]);
    let outer = state.show_outer;
    ui.checkbox(&mut state.show_outer, "Show everyone else (the outer ring)")
        .on_hover_text(format!(
            "Draws up to {} of the strongest people outside your 150",
            relationship_map::MAX_OUTER_DOTS
        ));
    let layout = data
        .map
        .get_or_compute(outer, || relationship_map::map_layout(rels, outer));
    state.map_placement = Some(relationship_map::map_ui(ui, layout, rels, cmds));
}

// ---------------------------------------------------------------------------------------------
// 6. Channel mix
