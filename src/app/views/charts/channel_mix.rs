//! The channel mix: interactions (or minutes) per channel, coloured by mode.

use eframe::egui;

use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, Corner, GridMark, Legend, Plot, PlotPoint, Text};

use super::controls::empty_ui;
use super::solid;
use crate::analytics::charts::ChannelMix;
use crate::app::theme;
use crate::model::Mode;

pub(super) fn channel_mix_plot_ui(ui: &mut Ui, mix: &[ChannelMix]) {
    if mix.iter().all(|m| m.interactions == 0) {
        empty_ui(ui);
        return;
    }
    let used: Vec<&ChannelMix> = mix.iter().filter(|m| m.interactions > 0).collect();
    let weak = theme::weak_text(ui.visuals());
    let names: Vec<String> = used.iter().map(|m| m.name.clone()).collect();
    let half = (ui.available_width() / 2.0 - theme::GAP_M).max(200.0);
    let height = ui.available_height().max(200.0);
    ui.horizontal_top(|ui| {
        for (title, minutes) in [
            ("Interactions per channel", false),
            ("Minutes per channel", true),
        ] {
            ui.vertical(|ui| {
                ui.label(RichText::new(title).strong());
                let n = used.len();
                let bars = |mode: Mode| -> Vec<Bar> {
                    used.iter()
                        .enumerate()
                        .filter(|(_, m)| m.mode == mode)
                        .map(|(i, m)| {
                            let v = if minutes {
                                m.minutes as f64
                            } else {
                                f64::from(m.interactions)
                            };
                            solid(Bar::new((n - 1 - i) as f64, v), theme::mode_color(mode))
                                .width(0.7)
                                .name(&m.name)
                        })
                        .collect()
                };
                let names = names.clone();
                Plot::new(("channel-mix", minutes))
                    .width(half)
                    .height(height - 24.0)
                    .legend(Legend::default().position(Corner::RightBottom))
                    .y_grid_spacer(move |_| {
                        (0..n)
                            .map(|i| GridMark {
                                value: i as f64,
                                step_size: 1.0,
                            })
                            .collect()
                    })
                    .y_axis_formatter(move |m, _| {
                        let i = n as i64 - 1 - m.value.round() as i64;
                        usize::try_from(i)
                            .ok()
                            .and_then(|i| names.get(i).cloned())
                            .unwrap_or_default()
                    })
                    .y_axis_min_width(90.0)
                    .x_axis_label(if minutes { "Minutes" } else { "Interactions" })
                    .include_x(0.0)
                    .allow_zoom(false)
                    .allow_scroll(false)
                    .allow_drag(false)
                    .allow_boxed_zoom(false)
                    .show_x(false)
                    .show_y(false)
                    .show(ui, |p| {
                        p.bar_chart(
                            BarChart::new("Offline channels", bars(Mode::Offline))
                                .color(theme::OFFLINE)
                                .horizontal(),
                        );
                        p.bar_chart(
                            BarChart::new("Online channels", bars(Mode::Online))
                                .color(theme::ONLINE)
                                .horizontal(),
                        );
                        // The value at the end of each bar.
                        for (i, m) in used.iter().enumerate() {
                            let v = if minutes {
                                m.minutes as f64
                            } else {
                                f64::from(m.interactions)
                            };
                            let at = PlotPoint::new(v, (n - 1 - i) as f64);
                            p.text(
                                Text::new("", at, RichText::new(format!(" {v:.0}")).color(weak))
                                    .anchor(egui::Align2::LEFT_CENTER)
                                    .allow_hover(false),
                            );
                        }
                    });
            });
        }
    });
}

// ---------------------------------------------------------------------------------------------
// 7. The offline-only lens
