//! The left panel: search as you type, sort, filter and a virtualised list of contacts.

use eframe::egui;

use chrono::NaiveDate;
use egui::{Align, Layout, RichText, Sense, TextStyle, Ui, WidgetInfo};

use nucleo_matcher::{Config, Matcher};
use serde::{Deserialize, Serialize};

use super::{ViewContext, elided, time_since};
use crate::analytics::{Analytics, Params};
use crate::app::commands::{Action, Command};
use crate::app::index::ContactIndex;
use crate::app::search::Relevance;
use crate::app::theme;
use crate::model::{Contact, ContactId, Dataset};

/// How the list is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SortBy {
    #[default]
    Name,
    LastContact,
    /// Strongest first, by the analytics' ranking; people with no interaction in the window last.
    Strength,
}

impl SortBy {
    pub const ALL: [SortBy; 3] = [SortBy::Name, SortBy::LastContact, SortBy::Strength];

    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            SortBy::Name => "Name",
            SortBy::LastContact => "Last contact",
            SortBy::Strength => "Strength",
        }
    }
}

/// Which contacts the list shows, and in what order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ListQuery {
    pub search: String,
    pub sort: SortBy,
    pub tag: Option<String>,
    pub show_archived: bool,
}

/// The list's state: the query, plus the filtered and sorted rows, recomputed only when the
/// query or the data changes.
#[derive(Default)]
pub struct ContactListState {
    pub query: ListQuery,
    /// Set by Ctrl+F: the search field takes focus on the next frame.
    pub focus_search: bool,
    rows: Vec<ContactId>,
    rows_for: Option<(ListQuery, (u64, u64), Option<Params>)>,
    matcher: Option<Matcher>,
    /// The rows drawn last frame (for keeping the keyboard selection in view).
    visible: std::ops::Range<usize>,
    /// The rows changed: scroll the selected contact into view.
    reveal: bool,
    /// The selection last frame: a new one (a contact just added, chosen elsewhere) is scrolled
    /// into view too.
    revealed: Option<ContactId>,
    /// A row to scroll fully into view once it is drawn (the offset above only gets it near).
    scroll_to_row: Option<ContactId>,
    /// Each contact's place in the index's name order, by position in the contacts (made when
    /// a search needs it, again when contacts change).
    name_rank: Vec<u32>,
    name_rank_for: Option<u64>,
    /// The search changed: show the top of the list.
    scroll_to_top: bool,
    /// The contacts the last import added or merged into, marked in the list.
    pub imported: std::collections::HashSet<ContactId>,
}

impl std::fmt::Debug for ContactListState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContactListState")
            .field("query", &self.query)
            .field("rows", &self.rows.len())
            .finish_non_exhaustive()
    }
}

impl ContactListState {
    /// The contacts shown, in order (up to date after the list was drawn).
    #[must_use]
    pub fn rows(&self) -> &[ContactId] {
        &self.rows
    }

    /// Recomputes the rows if the query or the data changed since the last time. Sorted by name
    /// the rows depend on the contacts only, so logging an interaction keeps them.
    pub fn refresh(&mut self, data: &Dataset, index: &ContactIndex, analytics: &Analytics) {
        // The strength order also depends on the analytics window.
        let params = (self.query.sort == SortBy::Strength).then(|| analytics.params());
        let data_key = if self.query.sort == SortBy::Name {
            (index.contacts_generation(), 0)
        } else {
            (index.contacts_generation(), data.revision())
        };
        let key = (self.query.clone(), data_key, params);
        if self.rows_for.as_ref() == Some(&key) {
            return;
        }
        let new_search = self
            .rows_for
            .as_ref()
            .is_some_and(|(q, _, _)| q.search != self.query.search);
        if !self.query.search.trim().is_empty()
            && self.name_rank_for != Some(index.contacts_generation())
        {
            self.name_rank = name_ranks(data, index);
            self.name_rank_for = Some(index.contacts_generation());
        }
        let matcher = self
            .matcher
            .get_or_insert_with(|| Matcher::new(Config::DEFAULT));
        self.rows = filter_and_sort(
            data,
            index,
            analytics,
            &self.query,
            matcher,
            &self.name_rank,
        );
        self.rows_for = Some(key);
        // A new query starts at the top of the list; otherwise the selection stays in view.
        self.scroll_to_top = new_search;
        self.reveal = !new_search;
    }

    /// Forces a recompute (a different document was opened; its revision may repeat).
    pub fn invalidate(&mut self) {
        self.rows_for = None;
        self.name_rank_for = None;
    }
}

/// Each contact's place in the name order (from the index, kept sorted per edited contact), by
/// its position in [`Dataset::contacts`].
#[must_use]
pub fn name_ranks(data: &Dataset, index: &ContactIndex) -> Vec<u32> {
    let mut rank = vec![u32::MAX; data.contacts().len()];
    for (r, (id, _)) in index.by_name().enumerate() {
        if let Some(slot) = data.contact_index(id).and_then(|i| rank.get_mut(i)) {
            *slot = u32::try_from(r).unwrap_or(u32::MAX);
        }
    }
    rank
}

/// Filters and sorts contacts. With no search it walks the index's name order, reading a
/// contact only to filter by tag; with one it asks the search index (app/search.rs) and ranks
/// exact word matches first, then word prefixes, then fuzzy matches by score; the chosen order
/// breaks ties, then the name (`name_rank`, from [`name_ranks`]).
#[must_use]
pub fn filter_and_sort(
    data: &Dataset,
    index: &ContactIndex,
    analytics: &Analytics,
    query: &ListQuery,
    matcher: &mut Matcher,
    name_rank: &[u32],
) -> Vec<ContactId> {
    let contacts = data.contacts();
    let tagged = |c: &Contact| query.tag.as_ref().is_none_or(|t| c.has_tag(t));
    let search = query.search.trim();
    // (relevance, name rank, contact): name rank orders ties, as the name order does.
    let mut rows: Vec<(Relevance, u32, ContactId)> = if search.is_empty() {
        index
            .by_name()
            .enumerate()
            .filter(|(_, (_, archived))| query.show_archived || !archived)
            .filter(|(_, (id, _))| query.tag.is_none() || data.contact(*id).is_some_and(tagged))
            .map(|(rank, (id, _))| {
                (
                    Relevance::Exact,
                    u32::try_from(rank).unwrap_or(u32::MAX),
                    id,
                )
            })
            .collect()
    } else {
        index
            .search()
            .search(search, matcher)
            .into_iter()
            .filter_map(|(id, r)| {
                let i = data.contact_index(id)?;
                let c = contacts.get(i)?;
                let keep = (query.show_archived || !c.archived) && tagged(c);
                keep.then(|| (r, name_rank.get(i).copied().unwrap_or(u32::MAX), id))
            })
            .collect()
    };
    match query.sort {
        SortBy::Name if search.is_empty() => {}
        SortBy::Name => rows.sort_unstable_by_key(|(r, rank, _)| (*r, *rank)),
        SortBy::LastContact => rows.sort_by_cached_key(|(r, rank, id)| {
            (*r, std::cmp::Reverse(index.last_contact(*id)), *rank)
        }),
        SortBy::Strength => rows.sort_by_cached_key(|(r, rank, id)| {
            (
                *r,
                analytics
                    .contact(*id)
                    .and_then(|s| s.rank)
                    .unwrap_or(usize::MAX),
                *rank,
            )
        }),
    }
    rows.into_iter().map(|(_, _, id)| id).collect()
}

/// Draws the panel.
pub fn contact_list_ui(
    ui: &mut Ui,
    state: &mut ContactListState,
    cx: ViewContext<'_>,
    keys: bool,
    cmds: &mut Vec<Command>,
) {
    let (data, index, analytics, plan) = (cx.data, cx.index, cx.analytics, cx.plan);
    let (selected, today) = (cx.selected, cx.today);
    ui.add_space(theme::GAP_M);
    ui.horizontal(|ui| {
        ui.heading("Contacts");
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if ui
                .button("+ Add")
                .on_hover_text(Action::AddContact.tooltip_with_shortcut(ui.ctx()))
                .clicked()
            {
                cmds.push(Command::Action(Action::AddContact));
            }
        });
    });
    ui.add_space(theme::GAP_S);

    let search_label = ui.label("Search");
    let search = ui
        .add(
            egui::TextEdit::singleline(&mut state.query.search)
                .hint_text("Name, organisation, email or tag")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(search_label.id);
    if std::mem::take(&mut state.focus_search) {
        search.request_focus();
    }
    if (search.has_focus() || search.lost_focus()) && ui.input(|i| i.key_pressed(egui::Key::Escape))
    {
        state.query.search.clear();
    }

    ui.horizontal(|ui| {
        let sort_label = ui.label("Sort");
        egui::ComboBox::from_id_salt("contact-sort")
            .selected_text(state.query.sort.label())
            .width(110.0)
            .show_ui(ui, |ui| {
                for s in SortBy::ALL {
                    ui.selectable_value(&mut state.query.sort, s, s.label());
                }
            })
            .response
            .labelled_by(sort_label.id);
        let tag_label = ui.label("Tag");
        egui::ComboBox::from_id_salt("contact-tag")
            .selected_text(state.query.tag.as_deref().unwrap_or("Any"))
            .width(90.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.query.tag, None, "Any");
                for t in index.tags() {
                    ui.selectable_value(&mut state.query.tag, Some(t.clone()), t);
                }
            })
            .response
            .labelled_by(tag_label.id);
    });
    ui.checkbox(&mut state.query.show_archived, "Show archived");

    state.refresh(data, index, analytics);
    let shown = state.rows.len();
    let total = data.contacts().len();
    ui.label(
        RichText::new(if shown == total {
            format!("{} people", super::grouped(total))
        } else {
            format!(
                "{} of {} people",
                super::grouped(shown),
                super::grouped(total)
            )
        })
        .size(theme::META_SIZE)
        .color(theme::weak_text(ui.visuals())),
    );
    ui.separator();

    if total == 0 {
        super::empty_state_ui(
            ui,
            "No contacts yet",
            "Add the first person with + Add (Ctrl+Shift+N), or open a file (Ctrl+O)",
        );
        return;
    }
    if shown == 0 {
        ui.vertical_centered(|ui| {
            ui.add_space(theme::GAP_L);
            ui.label(RichText::new("No one matches").strong());
            ui.label(
                RichText::new("Try fewer letters, another tag, or show archived people")
                    .color(theme::weak_text(ui.visuals())),
            );
            if ui.button("Clear search and filters").clicked() {
                state.query.search.clear();
                state.query.tag = None;
                state.query.show_archived = true;
            }
        });
        return;
    }

    // Up and Down move through the list (also from the search field); Enter there opens the
    // first match.
    let current = selected.and_then(|id| state.rows.iter().position(|r| *r == id));
    if selected != state.revealed {
        state.revealed = selected;
        state.reveal = true;
    }
    let typing_elsewhere = ui.ctx().egui_wants_keyboard_input() && !search.has_focus();
    let mut target = None;
    if keys && !typing_elsewhere {
        let (down, up) = ui.input(|i| {
            (
                i.key_pressed(egui::Key::ArrowDown),
                i.key_pressed(egui::Key::ArrowUp),
            )
        });
        if down {
            target = Some(current.map_or(0, |i| (i + 1).min(shown - 1)));
        } else if up {
            target = Some(current.map_or(0, |i| i.saturating_sub(1)));
        }
    }
    if keys && search.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        target = Some(0);
    }
    if let Some(t) = target {
        cmds.push(Command::SelectContact(Some(state.rows[t])));
    }

    let row_step = theme::LIST_ROW_HEIGHT + ui.spacing().item_spacing.y;
    let viewport = ui.available_height();
    let mut area = egui::ScrollArea::vertical().auto_shrink([false, false]);
    let reveal = std::mem::take(&mut state.reveal)
        .then_some(current)
        .flatten()
        .filter(|i| !state.visible.contains(i) || *i + 1 >= state.visible.end);
    if std::mem::take(&mut state.scroll_to_top) && target.is_none() {
        area = area.vertical_scroll_offset(0.0);
    } else if let (None, Some(t)) = (target, reveal) {
        // A contact revealed (just added, chosen elsewhere): put it mid-list, so it lands in
        // view however tall the list's area turns out to be (the end of the list clamps).
        state.scroll_to_row = state.rows.get(t).copied();
        area = area.vertical_scroll_offset((t as f32 * row_step - viewport / 2.0).max(0.0));
    } else if let Some(t) = target {
        let top = t as f32 * row_step;
        if t < state.visible.start + 1 {
            area = area.vertical_scroll_offset(top);
        } else if t + 1 >= state.visible.end {
            area = area.vertical_scroll_offset((top + row_step - viewport).max(0.0));
        }
    }
    area.show_rows(ui, theme::LIST_ROW_HEIGHT, shown, |ui, range| {
        state.visible = range.clone();
        for id in &state.rows[range] {
            if let Some(c) = data.contact(*id) {
                let status = crate::analytics::planner::status_of(data, plan, c.id);
                let top = ui.cursor().min;
                row_ui(ui, c, index, status, selected == Some(c.id), today, cmds);
                if state.imported.contains(&c.id) {
                    super::import_preview::imported_marker_ui(ui, top, c.id);
                }
                if state.scroll_to_row == Some(c.id) {
                    state.scroll_to_row = None;
                    let rect = egui::Rect::from_x_y_ranges(
                        ui.max_rect().x_range(),
                        top.y..=ui.cursor().min.y,
                    );
                    ui.scroll_to_rect(rect, None);
                }
            }
        }
    });
}

fn row_ui(
    ui: &mut Ui,
    c: &Contact,
    index: &ContactIndex,
    status: Option<crate::analytics::planner::Status>,
    selected: bool,
    today: NaiveDate,
    cmds: &mut Vec<Command>,
) {
    let width = ui.available_width();
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(width, theme::LIST_ROW_HEIGHT), Sense::click());
    // The keep-in-touch marker: a dot left of the name, named for screen readers.
    let marker_space = 14.0;
    if let Some(st) = status.filter(|s| s.needs_contact()) {
        let dot = egui::Rect::from_center_size(
            egui::pos2(
                rect.left() + 6.0 + marker_space / 2.0 - 2.0,
                rect.top() + 14.0,
            ),
            egui::vec2(10.0, 10.0),
        );
        let r = ui.interact(dot, response.id.with("status"), Sense::hover());
        r.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, theme::status_name(st)));
        ui.painter()
            .circle_filled(dot.center(), 4.5, theme::status_color(st));
        r.on_hover_text(theme::status_name(st));
    }
    response
        .widget_info(|| WidgetInfo::selected(egui::Role::Button, true, selected, &c.display_name));
    if response.clicked() {
        cmds.push(Command::SelectContact(Some(c.id)));
    }
    if response.double_clicked() {
        cmds.push(Command::EditContact(c.id));
    }
    if !ui.is_rect_visible(rect) {
        return;
    }
    let visuals = ui.visuals();
    let painter = ui.painter();
    if selected {
        painter.rect_filled(rect, 4.0, visuals.selection.bg_fill);
    } else if response.hovered() {
        painter.rect_filled(rect, 4.0, visuals.widgets.hovered.weak_bg_fill);
    }
    let pad = 6.0;
    let mut inner = rect.shrink2(egui::vec2(pad, 4.0));
    inner.min.x += marker_space;
    let body = TextStyle::Body.resolve(ui.style());
    let small = egui::FontId::proportional(theme::META_SIZE);
    let strong = if selected {
        visuals.selection.stroke.color
    } else {
        visuals.strong_text_color()
    };
    let weak = theme::weak_text(visuals);

    let since = match index.last_contact(c.id) {
        Some(d) => time_since(d, today),
        None => "never".into(),
    };
    let since_galley = elided(ui, &since, small.clone(), weak, inner.width() * 0.4);
    let name_width = inner.width() - since_galley.size().x - pad;
    let name = if c.archived {
        format!("{} (archived)", c.display_name)
    } else {
        c.display_name.clone()
    };
    let name_galley = elided(ui, &name, body, strong, name_width);
    painter.galley(inner.left_top(), name_galley, strong);
    painter.galley(
        egui::pos2(inner.right() - since_galley.size().x, inner.top() + 2.0),
        since_galley,
        weak,
    );
    let second = if c.organization.is_empty() && c.role.is_empty() {
        c.primary_email().unwrap_or_default().to_owned()
    } else if c.organization.is_empty() {
        c.role.clone()
    } else if c.role.is_empty() {
        c.organization.clone()
    } else {
        format!("{} · {}", c.organization, c.role)
    };
    if !second.is_empty() {
        let g = elided(ui, &second, small, weak, inner.width());
        painter.galley(
            egui::pos2(inner.left(), inner.bottom() - g.size().y),
            g,
            weak,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Edit;

    #[test]
    fn search_matches_name_organisation_email_and_tag() {
        let mut data = Dataset::new();
        let mut amara = Contact::new("Amara Okafor");
        amara.organization = "Northwind".into();
        let mut ben = Contact::new("Ben Ito");
        ben.emails
            .push(crate::model::Labeled::new("ben@example.org", ""));
        ben.tags.push("climbing".into());
        let mut zed = Contact::new("Zed Archived");
        zed.archived = true;
        for c in [amara, ben, zed] {
            data.apply(Edit::PutContact(c)).unwrap();
        }
        let mut index = ContactIndex::default();
        index.refresh(&data);
        let an = Analytics::compute(
            &data,
            Params::new(chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()),
        );
        let mut m = Matcher::new(Config::DEFAULT);
        let rank = name_ranks(&data, &index);
        let names = |q: &ListQuery, m: &mut Matcher| -> Vec<String> {
            filter_and_sort(&data, &index, &an, q, m, &rank)
                .iter()
                .map(|id| data.contact(*id).unwrap().display_name.clone())
                .collect()
        };
        let mut q = ListQuery::default();
        assert_eq!(names(&q, &mut m), ["Amara Okafor", "Ben Ito"]);
        q.search = "northw".into();
        assert_eq!(names(&q, &mut m), ["Amara Okafor"]);
        q.search = "example.org".into();
        assert_eq!(names(&q, &mut m), ["Ben Ito"]);
        q.search = "climb".into();
        assert_eq!(names(&q, &mut m), ["Ben Ito"]);
        q.search = "zed".into();
        assert!(names(&q, &mut m).is_empty());
        q.show_archived = true;
        assert_eq!(names(&q, &mut m), ["Zed Archived"]);
        q.search.clear();
        q.tag = Some("CLIMBING".into());
        assert_eq!(names(&q, &mut m), ["Ben Ito"]);
    }
}
