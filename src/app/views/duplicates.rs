//! Find duplicates: pairs of contacts that look like one person (a shared email or phone, the
//! same name), side by side, merged in either direction as one undoable edit, or dismissed for
//! the rest of the session.

use eframe::egui;

use std::collections::HashSet;
use std::sync::Arc;

use egui::{RichText, Ui};

use crate::app::commands::Command;
use crate::app::index::ContactIndex;
use crate::app::jobs::Job;
use crate::app::memo::Memo;
use crate::app::theme;
use crate::app::views::ViewContext;
use crate::formats::{self, DuplicatePair};
use crate::model::{Contact, ContactId, Dataset};

/// The page's state: the pairs found (cached per data revision), the dismissed pairs, the one
/// shown.
#[derive(Default)]
pub struct DuplicatesState {
    /// The pairs the last search found, per data revision (shown while a newer search runs).
    pub(crate) cache: Memo<u64, Arc<Vec<DuplicatePair>>>,
    /// Positions in `cache` of the pairs shown, for (data revision, dismissed count).
    pub(crate) visible: Memo<VisibleKey, Shown>,
    /// The search running on a background thread for this revision.
    pub(crate) pending: Option<(u64, Job<Vec<DuplicatePair>>)>,
    /// Pairs marked "Not a duplicate" (kept for the session, whatever file is open).
    dismissed: HashSet<(ContactId, ContactId)>,
    selected: usize,
}

/// (data revision, number of dismissed pairs): what the shown pairs depend on.
type VisibleKey = (u64, usize);
/// Positions of the shown pairs in the search result.
type Shown = Arc<Vec<usize>>;

fn key(a: ContactId, b: ContactId) -> (ContactId, ContactId) {
    if a <= b { (a, b) } else { (b, a) }
}

impl DuplicatesState {
    /// Forgets the cached pairs (another document was opened).
    pub fn invalidate(&mut self) {
        self.cache.clear();
        self.visible.clear();
        self.pending = None;
        self.selected = 0;
    }

    /// Whether a search for the data on screen is still running (the app runs it: see
    /// `RapportApp::refresh_duplicates`).
    #[must_use]
    pub fn is_searching(&self) -> bool {
        self.pending.is_some()
    }

    /// The pairs found, and the positions of those shown: not dismissed, both contacts still
    /// there. Filtered once per data revision or dismissal, not per frame.
    fn pairs(&mut self, data: &Dataset) -> Option<(Arc<Vec<DuplicatePair>>, Shown)> {
        let pairs = Arc::clone(self.cache.value()?);
        let dismissed = &self.dismissed;
        let visible = self
            .visible
            .get_or_compute((data.revision(), dismissed.len()), || {
                Arc::new(
                    pairs
                        .iter()
                        .enumerate()
                        .filter(|(_, p)| !dismissed.contains(&key(p.first, p.second)))
                        .filter(|(_, p)| {
                            data.contact(p.first).is_some() && data.contact(p.second).is_some()
                        })
                        .map(|(i, _)| i)
                        .collect(),
                )
            });
        Some((pairs, Arc::clone(visible)))
    }
}

/// The page.
pub fn duplicates_ui(
    ui: &mut Ui,
    state: &mut DuplicatesState,
    cx: ViewContext<'_>,
    cmds: &mut Vec<Command>,
) {
    let (data, index) = (cx.data, cx.index);
    let searching = state.is_searching();
    let pairs = state.pairs(data);
    ui.heading("Find duplicates");
    ui.label(
        RichText::new(
            "Contacts that share an email or a phone, or have the same name. Merging keeps \
             every email, phone and note, and moves the interactions to the contact kept.",
        )
        .color(theme::weak_text(ui.visuals())),
    );
    ui.add_space(theme::GAP_M);
    let Some((all, shown)) = pairs else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Looking for duplicates...");
        });
        return;
    };
    if shown.is_empty() && searching {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Looking for duplicates...");
        });
        return;
    }
    if shown.is_empty() {
        super::empty_state_ui(
            ui,
            "No likely duplicates found",
            "No two contacts share an email, a phone or a name.",
        );
        return;
    }
    state.selected = state.selected.min(shown.len() - 1);
    egui::Panel::left("duplicate-pairs")
        .resizable(true)
        .default_size(300.0)
        .size_range(220.0..=480.0)
        .show(ui, |ui| {
            ui.label(
                RichText::new(if shown.len() == 1 {
                    "1 possible duplicate".to_owned()
                } else {
                    format!("{} possible duplicates", shown.len())
                })
                .strong(),
            );
            ui.add_space(theme::GAP_S);
            let row_height = theme::LIST_ROW_HEIGHT;
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show_rows(ui, row_height, shown.len(), |ui, range| {
                    for i in range {
                        let pair = &all[shown[i]];
                        if pair_row_ui(ui, data, pair, state.selected == i, row_height).clicked() {
                            state.selected = i;
                        }
                    }
                });
        });
    let pair = &all[shown[state.selected]];
    let (Some(left), Some(right)) = (data.contact(pair.first), data.contact(pair.second)) else {
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("duplicate-details")
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("Why").strong());
                for r in &pair.reasons {
                    egui::Frame::new()
                        .fill(theme::chip_fill(ui.visuals()))
                        .corner_radius(8)
                        .inner_margin(egui::Margin::symmetric(8, 2))
                        .show(ui, |ui| ui.label(r.to_string()));
                }
            });
            ui.add_space(theme::GAP_M);
            ui.columns(2, |cols| {
                contact_card_ui(&mut cols[0], left, index);
                contact_card_ui(&mut cols[1], right, index);
            });
            ui.add_space(theme::GAP_M);
            ui.horizontal(|ui| {
                let merge = |keep: &Contact, absorb: &Contact, cmds: &mut Vec<Command>| {
                    if let Ok(edit) = formats::merge_contacts(data, keep.id, absorb.id) {
                        cmds.push(Command::Apply {
                            edit,
                            label: format!(
                                "merge {} into {}",
                                absorb.display_name, keep.display_name
                            ),
                        });
                        cmds.push(Command::SelectContact(Some(keep.id)));
                    }
                };
                if ui
                    .button("Merge into left")
                    .on_hover_text(format!(
                        "Keep {} and add what the other has; their interactions move over",
                        left.display_name
                    ))
                    .clicked()
                {
                    merge(left, right, cmds);
                }
                if ui
                    .button("Merge into right")
                    .on_hover_text(format!(
                        "Keep {} and add what the other has; their interactions move over",
                        right.display_name
                    ))
                    .clicked()
                {
                    merge(right, left, cmds);
                }
                if ui
                    .button("Not a duplicate")
                    .on_hover_text("Stop proposing this pair for the rest of the session")
                    .clicked()
                {
                    state.dismissed.insert(key(pair.first, pair.second));
                }
            });
        });
}

fn name(c: Option<&Contact>) -> &str {
    c.map_or("", |c| c.display_name.as_str())
}

/// One pair in the list: both names, and why they look alike.
fn pair_row_ui(
    ui: &mut Ui,
    data: &Dataset,
    pair: &DuplicatePair,
    selected: bool,
    height: f32,
) -> egui::Response {
    let (a, b) = (data.contact(pair.first), data.contact(pair.second));
    let names = if name(a) == name(b) {
        // The same name twice says little: tell them apart by organisation or email.
        let hint = |c: Option<&Contact>| {
            let detail = c.map_or("", |c| {
                if c.organization.is_empty() {
                    c.primary_email().unwrap_or("")
                } else {
                    c.organization.as_str()
                }
            });
            if detail.is_empty() {
                name(c).to_owned()
            } else {
                format!("{} ({detail})", name(c))
            }
        };
        format!("{} and {}", hint(a), hint(b))
    } else {
        format!("{} and {}", name(a), name(b))
    };
    let reasons: Vec<String> = pair.reasons.iter().map(ToString::to_string).collect();
    let reasons = reasons.join(", ");
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), height),
        egui::Sense::click(),
    );
    let label = format!("{names}\n{reasons}");
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, &label));
    if ui.is_rect_visible(rect) {
        let visuals = ui.visuals();
        let fill = if selected {
            Some(visuals.selection.bg_fill)
        } else if response.hovered() {
            Some(visuals.widgets.hovered.weak_bg_fill)
        } else {
            None
        };
        if let Some(fill) = fill {
            ui.painter().rect_filled(rect, 4.0, fill);
        }
        let text = if selected {
            visuals.selection.stroke.color
        } else {
            visuals.text_color()
        };
        let weak = if selected {
            text
        } else {
            theme::weak_text(visuals)
        };
        let width = rect.width() - 16.0;
        let top = super::elided(ui, &names, egui::FontId::proportional(14.0), text, width);
        let bottom = super::elided(
            ui,
            &reasons,
            egui::FontId::proportional(theme::META_SIZE),
            weak,
            width,
        );
        let x = rect.left() + 8.0;
        ui.painter()
            .galley(egui::pos2(x, rect.top() + 5.0), top, text);
        ui.painter().galley(
            egui::pos2(x, rect.bottom() - 5.0 - bottom.size().y),
            bottom,
            weak,
        );
    }
    response
}

/// One side of the comparison.
fn contact_card_ui(ui: &mut Ui, c: &Contact, index: &ContactIndex) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(&c.display_name).heading());
        let weak = theme::weak_text(ui.visuals());
        let row = |ui: &mut Ui, label: &str, value: String| {
            ui.label(RichText::new(label).color(weak));
            ui.label(if value.is_empty() {
                "-".to_owned()
            } else {
                value
            });
            ui.end_row();
        };
        let list = |items: &[crate::model::Labeled]| {
            items
                .iter()
                .map(|l| {
                    if l.label.is_empty() {
                        l.value.clone()
                    } else {
                        format!("{} ({})", l.value, l.label)
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        ui.add_space(theme::GAP_S);
        egui::Grid::new(("duplicate-card", c.id))
            .num_columns(2)
            .spacing([theme::GAP_L, theme::GAP_S])
            .show(ui, |ui| {
                row(ui, "Organisation", c.organization.clone());
                row(ui, "Role", c.role.clone());
                row(ui, "Emails", list(&c.emails));
                row(ui, "Phones", list(&c.phones));
                row(ui, "Links", list(&c.links));
                row(ui, "Tags", c.tags.join(", "));
                row(
                    ui,
                    "Birthday",
                    c.birthday
                        .as_ref()
                        .map_or_else(String::new, |b| match b.year {
                            Some(y) => format!("{y}-{:02}-{:02}", b.month, b.day),
                            None => format!("{:02}-{:02} (no year)", b.month, b.day),
                        }),
                );
                let history = index.history(c.id);
                row(
                    ui,
                    "Interactions",
                    match (history.len(), index.last_contact(c.id)) {
                        (0, _) | (_, None) => "none".to_owned(),
                        (n, Some(latest)) => format!("{n}, last on {latest}"),
                    },
                );
                row(ui, "Added", c.created.date_naive().to_string());
                if !c.notes.is_empty() {
                    row(ui, "Notes", c.notes.clone());
                }
            });
    });
}
