//! The log-interaction form: quick from the keyboard (Ctrl+L, type, Enter), complete when
//! needed. Invalid input is explained next to its field, never silently fixed.

use eframe::egui;

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};
use egui::{Key, RichText, Ui};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use serde_json::Map;

use super::widgets::{self, person_label, to_chrono, to_jiff};
use crate::app::commands::Command;
use crate::app::edits;
use crate::app::theme;
use crate::model::{ChannelId, ContactId, Dataset, Depth, Initiator, Interaction, InteractionId};

/// How many participant suggestions are shown.
const SUGGESTIONS: usize = 6;

/// Fields that can carry a validation message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Participants,
    Channel,
    Time,
    Minutes,
    FollowUp,
}

/// The interaction being logged or edited.
#[derive(Clone, Debug)]
pub struct InteractionDraft {
    editing: Option<InteractionId>,
    extra: Map<String, serde_json::Value>,
    pub date: jiff::civil::Date,
    pub time: String,
    pub participants: Vec<ContactId>,
    pub add_query: String,
    suggestions: Vec<ContactId>,
    suggestions_for: Option<String>,
    pub channel: Option<ChannelId>,
    pub minutes: String,
    pub depth: Depth,
    pub initiated_by: Initiator,
    pub summary: String,
    pub notes: String,
    pub has_follow_up: bool,
    pub follow_up: jiff::civil::Date,
    pub errors: BTreeMap<Field, String>,
    focus_first: bool,
    /// Which opening of the form this is: the modal's id, so every widget and popup of one form
    /// gets ids no earlier form used (see [`next_opening`]).
    opening: u64,
}

/// A number no earlier form got, so nothing an earlier form left in egui's memory under its ids
/// (an open dropdown, a layer's place in the order, a scroll offset) reaches the next one
/// (issue 15, item 1: the second form's Channel list once failed to open).
fn next_opening() -> u64 {
    static OPENINGS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    OPENINGS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl InteractionDraft {
    /// A new interaction today with these participants on this channel.
    #[must_use]
    pub fn new(today: NaiveDate, participants: Vec<ContactId>, channel: Option<ChannelId>) -> Self {
        Self {
            editing: None,
            extra: Map::new(),
            date: to_jiff(today),
            time: String::new(),
            participants,
            add_query: String::new(),
            suggestions: Vec::new(),
            suggestions_for: None,
            channel,
            minutes: String::new(),
            depth: Depth::default(),
            initiated_by: Initiator::default(),
            summary: String::new(),
            notes: String::new(),
            has_follow_up: false,
            follow_up: to_jiff(today + chrono::Days::new(7)),
            errors: BTreeMap::new(),
            focus_first: true,
            opening: next_opening(),
        }
    }

    /// A draft of an existing interaction.
    #[must_use]
    pub fn edit(it: &Interaction, today: NaiveDate) -> Self {
        let mut d = Self::new(today, it.participants.clone(), Some(it.channel));
        d.editing = Some(it.id);
        d.extra.clone_from(&it.extra);
        d.date = to_jiff(it.date);
        d.time = it
            .time
            .map(|t| t.format("%H:%M").to_string())
            .unwrap_or_default();
        d.minutes = it.minutes.map(|m| m.to_string()).unwrap_or_default();
        d.depth = it.depth;
        d.initiated_by = it.initiated_by;
        d.summary.clone_from(&it.summary);
        d.notes.clone_from(&it.notes);
        if let Some(f) = it.follow_up {
            d.has_follow_up = true;
            d.follow_up = to_jiff(f);
        }
        d
    }

    #[must_use]
    pub fn is_new(&self) -> bool {
        self.editing.is_none()
    }

    /// Builds the interaction, or explains what is wrong field by field.
    pub fn validate(&self, data: &Dataset) -> Result<Interaction, BTreeMap<Field, String>> {
        let mut errors = BTreeMap::new();
        if self.participants.is_empty() {
            errors.insert(Field::Participants, "Add at least one person".into());
        }
        let channel = match self.channel.filter(|c| data.channel(*c).is_some()) {
            Some(c) => c,
            None => {
                errors.insert(Field::Channel, "Choose how you interacted".into());
                ChannelId(0)
            }
        };
        let time = match self.time.trim() {
            "" => None,
            s => match NaiveTime::parse_from_str(s, "%H:%M") {
                Ok(t) => Some(t),
                Err(_) => {
                    errors.insert(
                        Field::Time,
                        "Use 24-hour time like 09:30, or leave it empty".into(),
                    );
                    None
                }
            },
        };
        let minutes = match self.minutes.trim() {
            "" => None,
            s => match s.parse::<u32>() {
                Ok(m) if m <= 24 * 60 => Some(m),
                Ok(_) => {
                    errors.insert(Field::Minutes, "At most 1440 minutes (one day)".into());
                    None
                }
                Err(_) => {
                    errors.insert(Field::Minutes, "Enter whole minutes, like 45".into());
                    None
                }
            },
        };
        let day = to_chrono(self.date);
        let follow_up = if self.has_follow_up {
            let f = to_chrono(self.follow_up);
            if f.is_some() && f < day {
                errors.insert(
                    Field::FollowUp,
                    "The follow-up is before the interaction".into(),
                );
            }
            f
        } else {
            None
        };
        let Some(day) = day else {
            errors.insert(Field::Participants, "The date is not valid".into());
            return Err(errors);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut it = Interaction::new(day, self.participants.clone(), channel);
        if let Some(id) = self.editing {
            it.id = id;
        }
        it.time = time;
        it.minutes = minutes;
        it.depth = self.depth;
        it.initiated_by = self.initiated_by;
        self.summary.trim().clone_into(&mut it.summary);
        self.notes.trim_end().clone_into(&mut it.notes);
        it.follow_up = follow_up;
        it.extra.clone_from(&self.extra);
        Ok(it)
    }

    fn refresh_suggestions(&mut self, data: &Dataset) {
        let q = self.add_query.trim().to_owned();
        if self.suggestions_for.as_deref() == Some(q.as_str()) {
            return;
        }
        self.suggestions.clear();
        if !q.is_empty() {
            let pattern = Pattern::parse(&q, CaseMatching::Ignore, Normalization::Smart);
            let mut matcher = Matcher::new(Config::DEFAULT);
            let mut buf = Vec::new();
            let mut scored: Vec<(u32, ContactId)> = data
                .contacts()
                .iter()
                .filter(|c| !self.participants.contains(&c.id))
                .filter_map(|c| {
                    pattern
                        .score(Utf32Str::new(&c.display_name, &mut buf), &mut matcher)
                        .map(|s| (s, c.id))
                })
                .collect();
            scored.sort_by_key(|(s, _)| std::cmp::Reverse(*s));
            self.suggestions = scored
                .into_iter()
                .take(SUGGESTIONS)
                .map(|(_, id)| id)
                .collect();
        }
        self.suggestions_for = Some(q);
    }
}

/// Draws the form in a modal. On save pushes `Apply` and `CloseModal`; the app remembers the
/// channel.
pub fn interaction_form_ui(
    ctx: &egui::Context,
    draft: &mut InteractionDraft,
    data: &Dataset,
    cmds: &mut Vec<Command>,
) {
    let title = if draft.is_new() {
        "Log interaction"
    } else {
        "Edit interaction"
    };
    let modal =
        egui::Modal::new(egui::Id::unique(("interaction-form", draft.opening))).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading(title);
            ui.add_space(theme::GAP_S);
            let max_h = (ctx.content_rect().height() - 160.0).max(200.0);
            let focus = egui::ScrollArea::vertical()
                .max_height(max_h)
                .show(ui, |ui| form_ui(ui, draft, data))
                .inner;
            ui.add_space(theme::GAP_M);
            let (save, cancel) = ui
                .horizontal(|ui| {
                    let save = ui
                        .button(RichText::new("Save").strong())
                        .on_hover_text("Enter")
                        .clicked();
                    let cancel = ui.button("Cancel").on_hover_text("Escape").clicked();
                    ui.label(
                        RichText::new("Enter saves · Escape cancels")
                            .size(theme::META_SIZE)
                            .color(theme::weak_text(ui.visuals())),
                    );
                    (save, cancel)
                })
                .inner;
            (save, cancel, focus)
        });
    let (save, cancel, focus) = modal.inner;
    // An open dropdown (channel, initiator) or calendar owns Enter and Escape: Enter picks, Escape
    // closes the list, neither saves nor closes the form.
    let picker_open = focus.picker_open || modal.any_popup_open;
    let enter = !picker_open
        && ctx
            .input(|i| i.key_pressed(Key::Enter) && (i.modifiers.command || !focus.typing_freely));
    if save || enter {
        match draft.validate(data) {
            Ok(it) => {
                cmds.push(edits::save_interaction(it, draft.is_new()).into());
                cmds.push(Command::CloseModal);
            }
            Err(errors) => draft.errors = errors,
        }
    } else if cancel
        || (!picker_open && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Escape)))
    {
        cmds.push(Command::CloseModal);
    }
}

/// What the form tells the dialog around it.
struct FormFocus {
    /// A field where Enter means something else (notes, adding a person) has focus.
    typing_freely: bool,
    /// A calendar is open: Escape and Enter belong to it.
    picker_open: bool,
}

fn form_ui(ui: &mut Ui, d: &mut InteractionDraft, data: &Dataset) -> FormFocus {
    let focus_first = std::mem::take(&mut d.focus_first);
    let mut typing_freely = false;
    let mut picker_open = false;
    egui::Grid::new("interaction-form-grid")
        .num_columns(2)
        .spacing([theme::GAP_M, theme::GAP_S])
        .min_col_width(theme::FORM_LABEL_WIDTH)
        .show(ui, |ui| {
            let l = ui.label("Date");
            ui.horizontal(|ui| {
                picker_open |= ui.label_inputs_by(l.id, |ui| {
                    widgets::date_picker_ui(ui, &mut d.date, "interaction-date")
                });
                let t = ui.label("Time");
                ui.add(
                    egui::TextEdit::singleline(&mut d.time)
                        .hint_text("HH:MM (optional)")
                        .desired_width(120.0),
                )
                .labelled_by(t.id);
            });
            ui.end_row();
            error_row(ui, d.errors.get(&Field::Time));

            ui.label("With");
            ui.vertical(|ui| {
                ui.horizontal_wrapped(|ui| {
                    let mut remove = None;
                    for (i, p) in d.participants.iter().enumerate() {
                        // Namesakes carry their organisation or email (issue 15, item 5).
                        let name = data
                            .contact(*p)
                            .map_or_else(|| "(removed)".to_owned(), |c| person_label(data, c));
                        if super::removable_chip_ui(ui, &name, &format!("Remove {name}")) {
                            remove = Some(i);
                        }
                    }
                    if let Some(i) = remove {
                        d.participants.remove(i);
                        d.suggestions_for = None;
                    }
                });
                let r = ui.add(
                    egui::TextEdit::singleline(&mut d.add_query)
                        .hint_text("Add a person: type a name")
                        .desired_width(260.0),
                );
                super::named(&r, "Add person");
                if focus_first && d.participants.is_empty() {
                    r.request_focus();
                }
                if r.has_focus() || r.lost_focus() {
                    typing_freely |= !d.add_query.trim().is_empty();
                }
                d.refresh_suggestions(data);
                let mut add = None;
                if r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                    add = d.suggestions.first().copied();
                    r.request_focus();
                }
                if !d.suggestions.is_empty() {
                    ui.horizontal_wrapped(|ui| {
                        for id in &d.suggestions {
                            if let Some(c) = data.contact(*id) {
                                // People can share a name: the organisation (or, for a
                                // namesake without one, the email) tells them apart.
                                let text = if c.organization.is_empty() {
                                    format!("+ {}", person_label(data, c))
                                } else {
                                    format!("+ {} ({})", c.display_name, c.organization)
                                };
                                if ui.small_button(text).clicked() {
                                    add = Some(*id);
                                }
                            }
                        }
                    });
                }
                if let Some(id) = add {
                    d.participants.push(id);
                    d.add_query.clear();
                    d.suggestions_for = None;
                }
            });
            ui.end_row();
            error_row(ui, d.errors.get(&Field::Participants));

            let l = ui.label("Channel");
            ui.horizontal(|ui| {
                let current = d.channel.and_then(|c| data.channel(c));
                egui::ComboBox::from_id_salt("interaction-channel")
                    .selected_text(current.map_or("Choose...", |c| c.name.as_str()))
                    .width(180.0)
                    .show_ui(ui, |ui| {
                        for ch in data.channels() {
                            ui.selectable_value(
                                &mut d.channel,
                                Some(ch.id),
                                format!("{} ({})", ch.name, ch.mode),
                            );
                        }
                    })
                    .response
                    .labelled_by(l.id);
                if let Some(ch) = current {
                    theme::mode_badge(ui, ch.mode);
                }
            });
            ui.end_row();
            error_row(ui, d.errors.get(&Field::Channel));

            let l = ui.label("Minutes");
            ui.horizontal(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut d.minutes)
                        .hint_text("optional")
                        .desired_width(120.0),
                )
                .labelled_by(l.id);
                let l = ui.label("Initiated by");
                egui::ComboBox::from_id_salt("interaction-initiator")
                    .selected_text(initiator_text(d.initiated_by))
                    .width(110.0)
                    .show_ui(ui, |ui| {
                        for i in Initiator::CHOICES {
                            ui.selectable_value(&mut d.initiated_by, i, initiator_text(i));
                        }
                    })
                    .response
                    .labelled_by(l.id);
            });
            ui.end_row();
            error_row(ui, d.errors.get(&Field::Minutes));

            ui.label("Depth");
            egui::Grid::new("depth-levels")
                .num_columns(2)
                .spacing([theme::GAP_M, 2.0])
                .show(ui, |ui| {
                    for level in Depth::all() {
                        ui.radio_value(
                            &mut d.depth,
                            level,
                            format!("{} {}", level.get(), level.name()),
                        );
                        ui.label(
                            RichText::new(level.meaning())
                                .size(theme::META_SIZE)
                                .color(theme::weak_text(ui.visuals())),
                        );
                        ui.end_row();
                    }
                });
            ui.end_row();

            let l = ui.label("Summary");
            ui.add(
                egui::TextEdit::singleline(&mut d.summary)
                    .hint_text("One line: what it was about")
                    .desired_width(380.0),
            )
            .labelled_by(l.id)
            .request_focus_if(focus_first && !d.participants.is_empty());
            ui.end_row();

            let l = ui.label("Notes");
            let notes = ui
                .add(
                    egui::TextEdit::multiline(&mut d.notes)
                        .desired_rows(3)
                        .desired_width(380.0),
                )
                .labelled_by(l.id);
            typing_freely |= notes.has_focus();
            ui.end_row();

            ui.label("Follow up");
            ui.horizontal(|ui| {
                ui.checkbox(&mut d.has_follow_up, "Remind me on");
                ui.add_enabled_ui(d.has_follow_up, |ui| {
                    picker_open |= ui.name_inputs("Follow-up date", |ui| {
                        widgets::date_picker_ui(ui, &mut d.follow_up, "interaction-follow-up")
                    });
                });
            });
            ui.end_row();
            error_row(ui, d.errors.get(&Field::FollowUp));
        });
    FormFocus {
        typing_freely,
        picker_open,
    }
}

trait RequestFocusIf {
    fn request_focus_if(self, yes: bool) -> Self;
}

impl RequestFocusIf for egui::Response {
    fn request_focus_if(self, yes: bool) -> Self {
        if yes {
            self.request_focus();
        }
        self
    }
}

fn error_row(ui: &mut Ui, error: Option<&String>) {
    if let Some(e) = error {
        ui.label("");
        theme::field_error(ui, e);
        ui.end_row();
    }
}

/// The initiator as the form shows it: "not recorded" when unknown.
fn initiator_text(i: Initiator) -> &'static str {
    if i.is_unknown() {
        "not recorded"
    } else {
        i.label()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Contact, Edit};

    #[test]
    fn dates_convert_both_ways() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(to_chrono(to_jiff(d)), Some(d));
    }

    #[test]
    fn validation_explains_each_field() {
        let mut data = Dataset::new();
        let c = Contact::new("Ada");
        let id = c.id;
        data.apply(Edit::PutContact(c)).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
        let mut d = InteractionDraft::new(today, vec![], None);
        d.time = "25:00".into();
        d.minutes = "lots".into();
        d.has_follow_up = true;
        d.follow_up = to_jiff(today - chrono::Days::new(1));
        let e = d.validate(&data).unwrap_err();
        for f in [
            Field::Participants,
            Field::Channel,
            Field::Time,
            Field::Minutes,
            Field::FollowUp,
        ] {
            assert!(e.contains_key(&f), "{f:?}");
        }
        d.participants = vec![id];
        d.channel = Some(ChannelId(1));
        d.time = "09:30".into();
        d.minutes = "45".into();
        d.has_follow_up = false;
        let it = d.validate(&data).unwrap();
        assert_eq!(it.minutes, Some(45));
        assert_eq!(it.date, today);
        let change = edits::save_interaction(it, d.is_new());
        assert_eq!(change.label, "log interaction");
        assert!(data.apply(change.edit).is_ok());

        // Editing the logged interaction: same id, "edit interaction".
        let logged = data.interactions()[0].clone();
        let mut d = InteractionDraft::edit(&logged, today);
        d.minutes = "50".into();
        let change = edits::save_interaction(d.validate(&data).unwrap(), d.is_new());
        assert_eq!(change.label, "edit interaction");
        data.apply(change.edit).unwrap();
        assert_eq!(data.interactions().len(), 1);
        assert_eq!(data.interaction(logged.id).unwrap().minutes, Some(50));
    }
}
