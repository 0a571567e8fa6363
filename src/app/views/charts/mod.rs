//! The charts page: shared controls (window, tag) above a chart picker and the chart chosen.
//!
//! Controls change state only through commands (`Command::SetViewParams` for the analytics
//! window) or the page's own [`ChartsState`]; the `*_plot_ui` functions only read data. Network
//! figures are computed once per (dataset revision, analytics params, tag) and cached here.
//!
//! One file per chart (`engagement`, `timeline`, `scatter`, `map`, `channel_mix`, `lens`), with
//! the page state in `state`, the controls in `controls` and the strength weights in `weights`.

use eframe::egui;

use egui::{Color32, RichText, Ui};
use egui_plot::Bar;

use crate::analytics::charts::{self};
use crate::app::commands::Command;
use crate::app::theme;
use crate::app::views::ViewContext;
use channel_mix::channel_mix_plot_ui;
use controls::{controls_ui, measure_ui, picker_ui};
use engagement::engagement_ui;
use lens::offline_lens_ui;
use map::map_page_ui;
use scatter::scatter_plot_ui;
use timeline::timeline_page_ui;

mod channel_mix;
mod controls;
mod engagement;
mod lens;
mod map;
mod scatter;
mod state;
#[cfg(test)]
mod tests;
mod timeline;
mod weights;

pub use engagement::engagement_order;
pub use lens::{LensRows, lens_rows, lens_sentence};
pub use scatter::{
    DENSITY_ABOVE, Detail, Region, level_of_detail, scatter_hit, scatter_point, visible_people,
};
pub use state::{ChartsState, Measure, RelSort};
pub use timeline::timeline_plot_ui;

/// The message every chart shows when its window holds no interaction.
pub const EMPTY_MESSAGE: &str =
    "No interactions in this window: widen the window or log one with Ctrl+L";

/// Relationships per page of the engagement chart.
pub const PAGE_SIZE: usize = 20;

/// The charts on the page, in the picker's order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ChartKind {
    #[default]
    Engagement,
    Timeline,
    Scatter,
    Network,
    Map,
    ChannelMix,
    OfflineLens,
}

impl ChartKind {
    pub const ALL: [ChartKind; 7] = [
        ChartKind::Engagement,
        ChartKind::Timeline,
        ChartKind::Scatter,
        ChartKind::Network,
        ChartKind::Map,
        ChartKind::ChannelMix,
        ChartKind::OfflineLens,
    ];

    /// The name in the picker and the chart's title.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            ChartKind::Engagement => "Engagement per relationship",
            ChartKind::Timeline => "A contact's timeline",
            ChartKind::Scatter => "Strength vs online share",
            ChartKind::Network => "Network engagement over time",
            ChartKind::Map => "Relationship map",
            ChartKind::ChannelMix => "Channel mix",
            ChartKind::OfflineLens => "What offline-only misses",
        }
    }

    /// One line under the title saying how to read the chart.
    fn subtitle(self) -> &'static str {
        match self {
            ChartKind::Engagement => {
                "Your strongest relationships: offline to the left, online to the right"
            }
            ChartKind::Timeline => {
                "Month by month, online and offline stacked, with how deep it went"
            }
            ChartKind::Scatter => {
                "Each dot is a person (with thousands in view, shaded cells count them). Up is a stronger tie; right is more of it online. Click a dot to open the person. Ctrl+scroll or pinch to zoom, drag to pan, double-click to reset"
            }
            ChartKind::Network => "Every relationship together, month by month",
            ChartKind::Map => {
                "You in the middle, your closest people on the inner rings. Click a dot to open the person"
            }
            ChartKind::ChannelMix => "How much happens on each channel",
            ChartKind::OfflineLens => {
                "Strong ties a view that only counts meetings in person would miss or rank lower"
            }
        }
    }
}

/// Draws the page.
pub fn charts_page_ui(
    ui: &mut Ui,
    state: &mut ChartsState,
    cx: ViewContext<'_>,
    cmds: &mut Vec<Command>,
) {
    let (ds, an, tags, selected, today) = (
        cx.data,
        cx.analytics,
        cx.index.tags(),
        cx.selected,
        cx.today,
    );
    state.sync(ds, an);
    controls_ui(ui, state, an, tags, today, cmds);
    ui.separator();
    egui::Panel::left("chart-picker")
        .resizable(false)
        .exact_size(230.0)
        .show(ui, |ui| {
            picker_ui(ui, state);
            ui.add_space(theme::GAP_L);
            weights::weights_ui(ui, state, ds, cmds);
        });
    egui::CentralPanel::default().show(ui, |ui| {
        ui.heading(state.chart.label());
        ui.label(RichText::new(state.chart.subtitle()).color(theme::weak_text(ui.visuals())));
        ui.add_space(theme::GAP_S);
        match state.chart {
            ChartKind::Engagement => engagement_ui(ui, state, ds, an, cmds),
            ChartKind::Timeline => timeline_page_ui(ui, state, ds, an, selected, cmds),
            ChartKind::Scatter => {
                state.rels(ds, an);
                state.scatter_transform = match state.data.value_mut() {
                    Some(data) => {
                        let rels = data.rels.as_deref().unwrap_or(&[]);
                        scatter_plot_ui(
                            ui,
                            rels,
                            &mut data.scatter,
                            &mut state.scatter_hidden,
                            cmds,
                        )
                    }
                    None => scatter_plot_ui(
                        ui,
                        &[],
                        &mut crate::app::memo::Memo::default(),
                        &mut state.scatter_hidden,
                        cmds,
                    ),
                };
            }
            ChartKind::Network => {
                if let Some(data) = state.data.value_mut() {
                    let tag = state.tag.as_deref();
                    let buckets = data
                        .network
                        .get_or_insert_with(|| charts::network_timeline(ds, an, tag));
                    measure_ui(ui, &mut state.measure, false);
                    timeline_plot_ui(ui, "network", buckets, state.measure, false);
                }
            }
            ChartKind::Map => map_page_ui(ui, state, ds, an, cmds),
            ChartKind::ChannelMix => {
                if let Some(data) = state.data.value_mut() {
                    let tag = state.tag.as_deref();
                    channel_mix_plot_ui(
                        ui,
                        data.mix
                            .get_or_insert_with(|| charts::channel_mix(ds, an, tag)),
                    );
                }
            }
            ChartKind::OfflineLens => {
                if let Some(data) = state.data.value_mut() {
                    let tag = state.tag.as_deref();
                    let lens = data.lens.get_or_insert_with(|| lens_rows(ds, an, tag));
                    offline_lens_ui(ui, an, lens, cmds);
                }
            }
        }
    });
}

/// Width of the y axis of stacked timeline plots, so their x axes line up.
pub(super) const AXIS_WIDTH: f32 = 84.0;

/// A bar filled with one colour (`egui_plot`'s default fill is a faint tint).
pub(super) fn solid(bar: Bar, color: Color32) -> Bar {
    bar.fill(color).stroke(egui::Stroke::new(1.0, color))
}
