//! The channel mix: interactions (or minutes) per channel, coloured by mode.

use eframe::egui;

use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, GridInput, GridMark, Plot, PlotPoint, Text};

use super::controls::{empty_ui, mode_legend_ui};
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
    let text_color = ui.visuals().text_color();
    let names: Vec<String> = used.iter().map(|m| m.name.clone()).collect();
    // The legend above the charts, never over a bar.
    mode_legend_ui(ui);
    ui.add_space(theme::GAP_S);
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
                let most = used
                    .iter()
                    .map(|m| {
                        if minutes {
                            m.minutes as f64
                        } else {
                            f64::from(m.interactions)
                        }
                    })
                    .fold(0.0, f64::max);
                let step = nice_step(most / 4.0);
                Plot::new(("channel-mix", minutes))
                    .width(half)
                    .height(height - 24.0)
                    .x_grid_spacer(move |input: GridInput| value_marks(&input, step))
                    .x_axis_formatter(|m, _| count_text(m.value))
                    // Room after the longest bar for its value.
                    .include_x(most * 1.22)
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
                            let label = RichText::new(format!(" {}", count_text(v)))
                                .size(theme::META_SIZE + 1.0)
                                .color(text_color);
                            p.text(
                                Text::new("", at, label)
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

/// A round step (1, 2 or 5 times a power of ten) at least `raw`.
fn nice_step(raw: f64) -> f64 {
    if raw.is_nan() || raw <= 1.0 {
        return 1.0;
    }
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power)
}

/// Ticks every `step` from 0 over the visible range.
fn value_marks(input: &GridInput, step: f64) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    let first = (lo.max(0.0) / step).floor() as i64;
    let last = (hi / step).ceil() as i64;
    (first..=last.min(first + 40))
        .map(|k| GridMark {
            value: k as f64 * step,
            step_size: step,
        })
        .filter(|m| m.value <= hi)
        .collect()
}

/// A whole count with thousands separators; empty below zero (the axis starts at 0).
fn count_text(v: f64) -> String {
    if v < -0.5 || (v - v.round()).abs() > 1e-6 {
        return String::new();
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a non-negative whole number of interactions or minutes"
    )]
    let n = v.round() as usize;
    crate::app::views::grouped(n)
}

#[cfg(test)]
mod tests {
    use super::{count_text, nice_step};

    #[test]
    fn axis_steps_are_round_and_counts_grouped() {
        assert!((nice_step(22.0) - 50.0).abs() < 1e-9);
        assert!((nice_step(17.0) - 20.0).abs() < 1e-9);
        assert!((nice_step(1_700.0) - 2_000.0).abs() < 1e-9);
        assert!((nice_step(0.3) - 1.0).abs() < 1e-9);
        assert_eq!(count_text(6484.0), "6,484");
        assert_eq!(count_text(-10.0), "");
    }
}
