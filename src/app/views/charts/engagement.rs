//! Engagement per relationship: online and offline bars per person, sorted and paged.

use eframe::egui;

use egui::{Pos2, Sense, Ui, Vec2};

use super::PAGE_SIZE;
use super::controls::{measure_ui, mode_legend_ui};
use super::state::{ChartsState, Measure, RelSort, people_figures};
use crate::analytics::Analytics;
use crate::analytics::charts::Relationship;
use crate::app::commands::Command;
use crate::app::theme;
use crate::app::views::widgets::{self, open_contact, split_text};
use crate::model::Dataset;

pub(super) fn engagement_ui(
    ui: &mut Ui,
    state: &mut ChartsState,
    ds: &Dataset,
    an: &Analytics,
    cmds: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        measure_ui(ui, &mut state.measure, true);
        ui.add_space(theme::GAP_L);
        let l = ui.label("Sort by");
        egui::ComboBox::from_id_salt("engagement-sort")
            .selected_text(state.sort.label())
            .width(110.0)
            .show_ui(ui, |ui| {
                for s in RelSort::ALL {
                    ui.selectable_value(&mut state.sort, s, s.label());
                }
            })
            .response
            .labelled_by(l.id);
    });
    mode_legend_ui(ui);
    let Some(data) = people_figures(ui, &mut state.data, ds, an, state.tag.as_deref()) else {
        return;
    };
    let rels = data.rels.as_deref().unwrap_or(&[]);
    let (sort, measure) = (state.sort, state.measure);
    let order = data
        .order
        .get_or_compute((sort, measure), || engagement_order(rels, sort, measure));
    let pages = order.len().div_ceil(PAGE_SIZE);
    state.page = state.page.min(pages.saturating_sub(1));
    ui.horizontal(|ui| {
        if ui
            .add_enabled(state.page > 0, egui::Button::new("Previous"))
            .clicked()
        {
            state.page -= 1;
        }
        let first = state.page * PAGE_SIZE;
        ui.label(format!(
            "{}-{} of {} people",
            crate::app::views::grouped(first + 1),
            crate::app::views::grouped((first + PAGE_SIZE).min(order.len())),
            crate::app::views::grouped(order.len())
        ));
        if ui
            .add_enabled(state.page + 1 < pages, egui::Button::new("Next"))
            .clicked()
        {
            state.page += 1;
        }
    });
    let page: Vec<&Relationship> = order
        .iter()
        .skip(state.page * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|&i| &rels[i])
        .collect();
    // One scale for every page, so bars compare across pages.
    let max = order
        .iter()
        .map(|&i| {
            let (off, on) = state.measure.split(&rels[i]);
            off.max(on)
        })
        .fold(0.0_f64, f64::max)
        .max(1.0);
    engagement_bars_ui(ui, &page, state.measure, max, cmds);
}

/// Indexes of `rels` in the chosen order (strongest first within ties).
#[must_use]
pub fn engagement_order(rels: &[Relationship], sort: RelSort, measure: Measure) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rels.len()).collect();
    match sort {
        RelSort::Strength => {}
        RelSort::Total => order.sort_by(|&a, &b| {
            let (x, y) = (measure.split(&rels[a]), measure.split(&rels[b]));
            (y.0 + y.1).total_cmp(&(x.0 + x.1))
        }),
        RelSort::OnlineShare => {
            order.sort_by(|&a, &b| rels[b].online_share.total_cmp(&rels[a].online_share));
        }
    }
    order
}

/// Diverging bars, one row per person: offline to the left of the centre line, online to the
/// right, with the numbers at the ends. Painted (a few dozen rows), each name clickable.
pub(super) fn engagement_bars_ui(
    ui: &mut Ui,
    page: &[&Relationship],
    measure: Measure,
    max: f64,
    cmds: &mut Vec<Command>,
) {
    let row_h = 24.0;
    let name_w = 190.0;
    let strength_w = 64.0;
    let weak = theme::weak_text(ui.visuals());
    let guide = theme::chart_guide(ui.visuals());
    egui::ScrollArea::vertical()
        .id_salt("engagement-rows")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // Axis captions.
            let width = ui.available_width();
            let bar_w = ((width - name_w - strength_w) / 2.0 - 40.0).max(40.0);
            let (head, head_response) =
                ui.allocate_exact_size(Vec2::new(width, 18.0), Sense::hover());
            widgets::named(
                &head_response,
                &format!(
                    "{} offline to the left, online to the right",
                    measure.label()
                ),
            );
            let mid = head.left() + name_w + strength_w + 40.0 + bar_w;
            let font = egui::FontId::proportional(theme::META_SIZE);
            ui.painter().text(
                Pos2::new(mid - 6.0, head.center().y),
                egui::Align2::RIGHT_CENTER,
                format!("{} offline", measure.label()),
                font.clone(),
                theme::OFFLINE,
            );
            ui.painter().text(
                Pos2::new(mid + 6.0, head.center().y),
                egui::Align2::LEFT_CENTER,
                format!("{} online", measure.label()),
                font.clone(),
                theme::ONLINE,
            );
            ui.painter().text(
                Pos2::new(head.left() + name_w, head.center().y),
                egui::Align2::LEFT_CENTER,
                "Strength",
                font.clone(),
                weak,
            );
            for r in page {
                let (rect, _) = ui.allocate_exact_size(Vec2::new(width, row_h), Sense::hover());
                let name = ui
                    .scope_builder(
                        egui::UiBuilder::new()
                            .max_rect(egui::Rect::from_min_size(
                                rect.min,
                                Vec2::new(name_w - 8.0, row_h),
                            ))
                            .layout(egui::Layout::left_to_right(egui::Align::Center)),
                        |ui| ui.add(egui::Button::new(&r.name).frame(false).truncate()),
                    )
                    .inner;
                if name
                    .on_hover_text(format!(
                        "{}: open this person\n{}\n{}",
                        r.name,
                        r.tier.label(),
                        split_text(r.online_share)
                    ))
                    .clicked()
                {
                    open_contact(r.contact, cmds);
                }
                let p = ui.painter();
                p.text(
                    Pos2::new(rect.left() + name_w, rect.center().y),
                    egui::Align2::LEFT_CENTER,
                    format!("{:.0}", r.strength),
                    font.clone(),
                    ui.visuals().text_color(),
                );
                let (off, on) = measure.split(r);
                let scale = |v: f64| (v / max) as f32 * bar_w;
                let y = rect.center().y;
                let h = row_h * 0.62;
                p.line_segment(
                    [Pos2::new(mid, rect.top()), Pos2::new(mid, rect.bottom())],
                    egui::Stroke::new(1.0, guide),
                );
                if off > 0.0 {
                    let left = egui::Rect::from_min_max(
                        Pos2::new(mid - scale(off), y - h / 2.0),
                        Pos2::new(mid, y + h / 2.0),
                    );
                    p.rect_filled(left, 2.0, theme::OFFLINE);
                    p.text(
                        Pos2::new(left.left() - 4.0, y),
                        egui::Align2::RIGHT_CENTER,
                        format!("{off:.0}"),
                        font.clone(),
                        weak,
                    );
                }
                if on > 0.0 {
                    let right = egui::Rect::from_min_max(
                        Pos2::new(mid, y - h / 2.0),
                        Pos2::new(mid + scale(on), y + h / 2.0),
                    );
                    p.rect_filled(right, 2.0, theme::ONLINE);
                    p.text(
                        Pos2::new(right.right() + 4.0, y),
                        egui::Align2::LEFT_CENTER,
                        format!("{on:.0}"),
                        font.clone(),
                        weak,
                    );
                }
            }
        });
}

// ---------------------------------------------------------------------------------------------
// 2 and 4. Timelines
