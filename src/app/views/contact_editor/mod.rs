//! The contact editor: every field of a contact, validated with a message next to the field.
//! The draft and its validation are in `draft`; this file draws the form.

mod draft;

pub use draft::{ContactDraft, Field};

use eframe::egui;

use chrono::{DateTime, Utc};
use egui::{Key, RichText, Ui};

use crate::app::commands::Command;
use crate::app::dialogs::{FileAction, FileDialogs, FileRequest, PickResult};
use crate::app::edits;
use crate::app::theme;
use crate::model::{Address, Photo};

/// Width of the text fields.
const FIELD_WIDTH: f32 = 420.0;

/// Draws the editor in a modal. Pushes `Apply` and `CloseModal` on save, `CloseModal` on cancel.
pub fn contact_editor_ui(
    ctx: &egui::Context,
    draft: &mut ContactDraft,
    known_tags: &[String],
    now: DateTime<Utc>,
    cmds: &mut Vec<Command>,
) {
    let title = if draft.is_new {
        "Add contact"
    } else {
        "Edit contact"
    };
    let modal = egui::Modal::new(egui::Id::unique("contact-editor")).show(ctx, |ui| {
        ui.set_width(FIELD_WIDTH + theme::FORM_LABEL_WIDTH + 40.0);
        ui.heading(title);
        ui.add_space(theme::GAP_S);
        let max_h = (ctx.content_rect().height() - 160.0).max(200.0);
        egui::ScrollArea::vertical()
            .max_height(max_h)
            .show(ui, |ui| form_ui(ui, draft, known_tags, cmds));
        ui.add_space(theme::GAP_M);
        ui.horizontal(|ui| {
            let save = ui.button(RichText::new("Save").strong()).clicked();
            let cancel = ui.button("Cancel").clicked();
            ui.label(
                RichText::new("Ctrl+Enter saves · Escape cancels")
                    .size(theme::META_SIZE)
                    .color(theme::weak_text(ui.visuals())),
            );
            (save, cancel)
        })
        .inner
    });
    let (save, cancel) = modal.inner;
    // An open list owns Enter and Escape.
    let popup_open = modal.any_popup_open;
    let enter = !popup_open && ctx.input(|i| i.key_pressed(Key::Enter) && i.modifiers.command);
    if save || enter {
        match draft.validate() {
            Ok(c) => {
                let id = c.id;
                cmds.push(edits::save_contact(c, draft.is_new, now).into());
                cmds.push(Command::SelectContact(Some(id)));
                cmds.push(Command::CloseModal);
            }
            Err(errors) => draft.errors = errors,
        }
    } else if cancel
        || (!popup_open && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Escape)))
    {
        cmds.push(Command::CloseModal);
    }
}

fn form_ui(ui: &mut Ui, d: &mut ContactDraft, known_tags: &[String], cmds: &mut Vec<Command>) {
    let focus_first = std::mem::take(&mut d.focus_first);
    egui::Grid::new("contact-editor-grid")
        .num_columns(2)
        .spacing([theme::GAP_M, theme::GAP_S])
        .min_col_width(theme::FORM_LABEL_WIDTH)
        .show(ui, |ui| {
            let l = ui.label("Display name");
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut d.display_name)
                        .hint_text("As you want to see it everywhere")
                        .desired_width(FIELD_WIDTH),
                )
                .labelled_by(l.id);
            if focus_first {
                r.request_focus();
            }
            ui.end_row();
            error_row(ui, d.errors.get(&Field::Name));

            text_row(ui, "Prefix", &mut d.name_prefix, "Dr., Prof.");
            text_row(ui, "Given name", &mut d.given_name, "");
            text_row(ui, "Middle names", &mut d.middle_name, "");
            text_row(ui, "Family name", &mut d.family_name, "");
            text_row(ui, "Suffix", &mut d.name_suffix, "Jr., Ph.D.");
            text_row(ui, "Organisation", &mut d.organization, "Company or group");
            text_row(ui, "Role", &mut d.role, "Job title or how they relate");

            labeled_rows(
                ui,
                "Emails",
                "Add email",
                "name@example.org",
                &mut d.emails,
                |i| d.errors.get(&Field::Email(i)).cloned(),
            );
            labeled_rows(
                ui,
                "Phones",
                "Add phone",
                "+44 20 7946 0000",
                &mut d.phones,
                |_| None,
            );
            labeled_rows(
                ui,
                "Links",
                "Add link",
                "https://… or @handle",
                &mut d.links,
                |_| None,
            );

            addresses_ui(ui, &mut d.addresses);
            photo_row(ui, &mut d.photo, cmds);
            error_row(ui, d.photo_error.as_ref());

            ui.label("Tags");
            tags_ui(ui, &mut d.tags, &mut d.new_tag, known_tags);
            ui.end_row();

            text_row(
                ui,
                "How we met",
                &mut d.how_met,
                "Chamber of Commerce breakfast",
            );
            text_row(ui, "Met on", &mut d.met_on, "YYYY-MM-DD");
            error_row(ui, d.errors.get(&Field::MetOn));
            text_row(ui, "Birthday", &mut d.birthday, "YYYY-MM-DD, or MM-DD");
            error_row(ui, d.errors.get(&Field::Birthday));
            text_row(
                ui,
                "Keep in touch",
                &mut d.cadence,
                "Days between contacts (empty: the default for their tier)",
            );
            error_row(ui, d.errors.get(&Field::Cadence));

            let l = ui.label("Notes");
            ui.add(
                egui::TextEdit::multiline(&mut d.notes)
                    .desired_rows(3)
                    .desired_width(FIELD_WIDTH),
            )
            .labelled_by(l.id);
            ui.end_row();
        });
}

fn text_row(ui: &mut Ui, label: &str, value: &mut String, hint: &str) {
    let l = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(value)
            .hint_text(hint)
            .desired_width(FIELD_WIDTH),
    )
    .labelled_by(l.id);
    ui.end_row();
}

fn error_row(ui: &mut Ui, error: Option<&String>) {
    if let Some(e) = error {
        ui.label("");
        theme::field_error(ui, e);
        ui.end_row();
    }
}

fn labeled_rows(
    ui: &mut Ui,
    label: &str,
    add: &str,
    hint: &str,
    rows: &mut Vec<(String, String)>,
    error: impl Fn(usize) -> Option<String>,
) {
    ui.label(label);
    // "+ Add email" focuses the row it adds, on the frame that first draws it.
    let focus_id = egui::Id::unique(("contact-editor-new-row", label));
    let focus_row: Option<usize> = ui.data_mut(|d| d.remove_temp(focus_id));
    ui.vertical(|ui| {
        let mut remove = None;
        for (i, (value, tag)) in rows.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                let n = i + 1;
                let r = ui.add(
                    egui::TextEdit::singleline(value)
                        .hint_text(hint)
                        .desired_width(FIELD_WIDTH - 120.0),
                );
                if focus_row == Some(i) {
                    r.request_focus();
                }
                super::named(&r, &format!("{label} {n}"));
                let r = ui.add(
                    egui::TextEdit::singleline(tag)
                        .hint_text("label")
                        .desired_width(80.0),
                );
                super::named(&r, &format!("{label} {n} label"));
                if ui.small_button("×").on_hover_text("Remove").clicked() {
                    remove = Some(i);
                }
            });
            if let Some(e) = error(i) {
                theme::field_error(ui, &e);
            }
        }
        if let Some(i) = remove {
            rows.remove(i);
        }
        if ui.small_button(format!("+ {add}")).clicked() {
            rows.push((String::new(), String::new()));
            let new_row = rows.len() - 1;
            ui.data_mut(|d| d.insert_temp(focus_id, new_row));
        }
    });
    ui.end_row();
}

/// The postal addresses, each part in its own field, with Remove and Add address.
fn addresses_ui(ui: &mut Ui, addresses: &mut Vec<Address>) {
    ui.label("Addresses");
    ui.vertical(|ui| {
        let mut remove = None;
        for (i, a) in addresses.iter_mut().enumerate() {
            let n = i + 1;
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(FIELD_WIDTH - 30.0);
                let field = |ui: &mut Ui, value: &mut String, name: &str, hint: &str, w: f32| {
                    let r = ui.add(
                        egui::TextEdit::singleline(value)
                            .hint_text(hint)
                            .desired_width(w),
                    );
                    super::named(&r, &format!("Address {n} {name}"));
                };
                ui.horizontal(|ui| {
                    field(ui, &mut a.label, "label", "label (home, work)", 160.0);
                    if ui.small_button("Remove address").clicked() {
                        remove = Some(i);
                    }
                });
                field(
                    ui,
                    &mut a.street,
                    "street",
                    "Street and number",
                    FIELD_WIDTH - 30.0,
                );
                ui.horizontal(|ui| {
                    field(ui, &mut a.extended, "extended", "Flat, building", 185.0);
                    field(ui, &mut a.po_box, "PO box", "PO box", 185.0);
                });
                ui.horizontal(|ui| {
                    field(ui, &mut a.postal_code, "postal code", "Postal code", 100.0);
                    field(ui, &mut a.locality, "city", "City", 272.0);
                });
                ui.horizontal(|ui| {
                    field(ui, &mut a.region, "region", "Region or state", 185.0);
                    field(ui, &mut a.country, "country", "Country", 185.0);
                });
            });
        }
        if let Some(i) = remove {
            addresses.remove(i);
        }
        if ui.small_button("+ Add address").clicked() {
            addresses.push(Address::default());
        }
    });
    ui.end_row();
}

/// Whether the contact has a photo, Choose photo..., and Remove photo when it has one.
fn photo_row(ui: &mut Ui, photo: &mut Option<Photo>, cmds: &mut Vec<Command>) {
    ui.label("Photo");
    ui.horizontal(|ui| {
        if photo.is_some() {
            ui.label("A photo is kept with this contact");
        } else {
            ui.label(RichText::new("No photo").color(theme::weak_text(ui.visuals())));
        }
        if ui.small_button("Choose photo...").clicked() {
            cmds.push(Command::ChoosePhoto);
        }
        if photo.is_some() && ui.small_button("Remove photo").clicked() {
            *photo = None;
        }
    });
    ui.end_row();
}

/// Choose photo...: asks for a JPEG or PNG file and puts it, made small, in the draft; or says
/// in the editor why it cannot be used.
pub fn choose_photo(dialogs: &mut dyn FileDialogs, draft: &mut ContactDraft) {
    let request = FileRequest {
        action: FileAction::Open,
        title: "Choose a photo".into(),
        filters: vec![(
            "JPEG or PNG image".into(),
            vec!["jpg".into(), "jpeg".into(), "png".into()],
        )],
        directory: None,
        file_name: None,
    };
    let path = match dialogs.pick(&request) {
        PickResult::Picked(path) => path,
        PickResult::Cancelled => return,
        PickResult::Unavailable => {
            draft.photo_error = Some(
                "No file dialog is available on this system, so a photo cannot be chosen here"
                    .into(),
            );
            return;
        }
    };
    let name = path.display();
    let too_big = std::fs::metadata(&path)
        .is_ok_and(|m| m.len() > crate::formats::photo::MAX_PHOTO_BYTES as u64);
    let result = if too_big {
        Err(format!(
            "{name} is larger than the {} MiB a photo may be",
            crate::formats::photo::MAX_PHOTO_BYTES >> 20
        ))
    } else {
        std::fs::read(&path)
            .map_err(|e| format!("Could not read {name}: {e}"))
            .and_then(|bytes| {
                crate::formats::photo::prepare(&bytes)
                    .map_err(|_| format!("{name} is not a JPEG or PNG image Rapport can read"))
            })
    };
    match result {
        Ok(photo) => {
            draft.photo = Some(photo);
            draft.photo_error = None;
        }
        Err(why) => draft.photo_error = Some(why),
    }
}

fn tags_ui(ui: &mut Ui, tags: &mut Vec<String>, new_tag: &mut String, known: &[String]) {
    ui.vertical(|ui| {
        ui.horizontal_wrapped(|ui| {
            let mut remove = None;
            for (i, t) in tags.iter().enumerate() {
                if super::removable_chip_ui(ui, t, &format!("Remove tag {t}")) {
                    remove = Some(i);
                }
            }
            if let Some(i) = remove {
                tags.remove(i);
            }
        });
        let mut add_now = false;
        ui.horizontal(|ui| {
            let r = ui.add(
                egui::TextEdit::singleline(new_tag)
                    .hint_text("New tag, then Enter")
                    .desired_width(160.0),
            );
            super::named(&r, "New tag");
            if r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                add_now = true;
                r.request_focus();
            }
            if ui.small_button("Add tag").clicked() {
                add_now = true;
            }
        });
        let typed = new_tag.trim().to_lowercase();
        if !typed.is_empty() {
            ui.horizontal_wrapped(|ui| {
                for k in known
                    .iter()
                    .filter(|k| k.to_lowercase().starts_with(&typed))
                    .filter(|k| !tags.iter().any(|t| t.eq_ignore_ascii_case(k)))
                    .take(6)
                {
                    if ui.small_button(k).clicked() {
                        new_tag.clone_from(k);
                        add_now = true;
                    }
                }
            });
        }
        if add_now {
            let t = new_tag.trim();
            if !t.is_empty() && !tags.iter().any(|x| x.eq_ignore_ascii_case(t)) {
                tags.push(t.to_owned());
            }
            new_tag.clear();
        }
    });
}
