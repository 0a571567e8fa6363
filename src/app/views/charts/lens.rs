//! What offline-only misses: the strong ties a count of meetings in person would not see.

use eframe::egui;

use egui::{RichText, Sense, Ui, Vec2};

use super::controls::empty_ui;
use crate::analytics::{Analytics, MissedTie};
use crate::app::commands::Command;
use crate::app::theme;
use crate::app::views::widgets::open_contact;
use crate::model::Dataset;

/// One sentence on why the lens misses or demotes a tie.
#[must_use]
pub fn lens_sentence(m: &MissedTie) -> String {
    let share = (m.online_share * 100.0).round();
    if m.missed {
        format!(
            "Tier {} with strength {:.0}, and every interaction in this window was online: an \
             offline-only view does not see this tie at all",
            m.tier, m.strength
        )
    } else {
        format!(
            "Tier {} with strength {:.0}, but {share:.0}% of it happens online: counting only \
             offline interactions drops it to tier {} (strength {:.0})",
            m.tier, m.strength, m.offline_tier, m.offline_strength
        )
    }
}

/// The lens rows passing the tag filter, and how many strong ties pass it.
#[derive(Clone, Debug, Default)]
pub struct LensRows {
    pub rows: Vec<(MissedTie, String)>,
    pub strong: usize,
}

/// Builds [`LensRows`] (once per cache key).
#[must_use]
pub fn lens_rows(ds: &Dataset, an: &Analytics, tag: Option<&str>) -> LensRows {
    let passes = |c: &crate::model::Contact| !c.archived && tag.is_none_or(|t| c.has_tag(t));
    let rows = an
        .offline_lens_missed()
        .into_iter()
        .filter_map(|m| {
            let c = ds.contact(m.contact)?;
            passes(c).then(|| (m, c.display_name.clone()))
        })
        .collect();
    let strong = if tag.is_none() {
        an.strong_ties()
    } else {
        an.contacts()
            .iter()
            .filter(|s| {
                s.rank.is_some()
                    && crate::analytics::strong_tie(s.tier, s.strength.score)
                    && ds.contact(s.id).is_some_and(passes)
            })
            .count()
    };
    LensRows { rows, strong }
}

/// Height of one row of the lens table (two lines of explanation).
pub(super) const LENS_ROW_HEIGHT: f32 = 44.0;

pub(super) fn offline_lens_ui(
    ui: &mut Ui,
    an: &Analytics,
    lens: &LensRows,
    cmds: &mut Vec<Command>,
) {
    if an.ranked().is_empty() {
        empty_ui(ui);
        return;
    }
    let rows = &lens.rows;
    let strong = lens.strong;
    let gone = rows.iter().filter(|(m, _)| m.missed).count();
    let demoted = rows.len() - gone;
    let headline = if rows.is_empty() {
        format!(
            "Of your {strong} strong ties, an offline-only view would miss none: they all show up \
             in person too"
        )
    } else {
        format!(
            "Of your {strong} strong ties, counting only offline interactions would miss {gone} \
             and rank {demoted} lower"
        )
    };
    egui::Frame::new()
        .fill(theme::header_fill(ui.visuals()))
        .corner_radius(6)
        .inner_margin(egui::Margin::same(10))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(headline).size(17.0).strong());
            ui.label(
                "Rapport scores a tie by how deep, recent, frequent, lasting and mutual it is, \
                 whatever the channel. These people matter as much as anyone you meet in person.",
            );
        });
    ui.add_space(theme::GAP_M);
    if rows.is_empty() {
        return;
    }
    let widths = [240.0, 90.0, 110.0];
    // A fixed-width cell, so the columns line up whatever the names.
    let cell = |ui: &mut Ui, w: f32, h: f32, add: &mut dyn FnMut(&mut Ui)| {
        ui.allocate_ui_with_layout(
            Vec2::new(w, h),
            egui::Layout::left_to_right(egui::Align::Center),
            |ui| {
                ui.set_width(w);
                ui.set_height(h);
                add(ui);
            },
        );
    };
    ui.horizontal(|ui| {
        for (w, title) in widths.iter().zip(["Person", "Real tier", "Offline-only"]) {
            cell(ui, *w, 18.0, &mut |ui| {
                ui.label(RichText::new(title).strong());
            });
        }
        ui.label(RichText::new("Why").strong());
    });
    let link = ui.visuals().hyperlink_color;
    let stripe = ui.visuals().faint_bg_color;
    egui::ScrollArea::vertical()
        .id_salt("lens-rows")
        .auto_shrink([false, false])
        .show_rows(ui, LENS_ROW_HEIGHT, rows.len(), |ui, range| {
            for i in range {
                let (m, name) = &rows[i];
                let bg = ui.painter().add(egui::Shape::Noop);
                let r = ui
                    .horizontal(|ui| {
                        ui.set_height(LENS_ROW_HEIGHT);
                        cell(ui, widths[0], LENS_ROW_HEIGHT, &mut |ui| {
                            if ui
                                .add(
                                    egui::Label::new(RichText::new(name.as_str()).color(link))
                                        .truncate()
                                        .sense(Sense::click()),
                                )
                                .on_hover_text("Open this person")
                                .clicked()
                            {
                                open_contact(m.contact, cmds);
                            }
                        });
                        cell(ui, widths[1], LENS_ROW_HEIGHT, &mut |ui| {
                            ui.label(format!("Tier {} · {:.0}", m.tier, m.strength));
                        });
                        cell(ui, widths[2], LENS_ROW_HEIGHT, &mut |ui| {
                            if m.missed {
                                ui.label(
                                    RichText::new("Not seen at all")
                                        .strong()
                                        .color(theme::OFFLINE),
                                );
                            } else {
                                ui.label(format!(
                                    "Tier {} · {:.0}",
                                    m.offline_tier, m.offline_strength
                                ));
                            }
                        });
                        ui.add(egui::Label::new(lens_sentence(m)).wrap());
                    })
                    .response;
                if i % 2 == 0 {
                    ui.painter()
                        .set(bg, egui::Shape::rect_filled(r.rect, 0.0, stripe));
                }
            }
        });
}
