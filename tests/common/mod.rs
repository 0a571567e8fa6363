//! Helpers shared by the headless UI tests (`egui_kittest`): the harness, dialog answers,
//! key presses and clicks, dropped files and small sample files.
#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap too: a panic is a failed test"
)]
#![expect(
    dead_code,
    reason = "each UI test binary includes this module and uses only a subset of it"
)]

use std::cell::RefCell;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use chrono::NaiveDate;
use eframe::egui::accesskit::Role;
use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use rapport::app::dialogs::{FileDialogs, FileRequest, PickResult};
use rapport::app::{AppOptions, RapportApp};
use rapport::model::{ChannelId, Contact, ContactId, Dataset, Edit, Interaction, Labeled};
use rapport::store::{self, Document};

pub type App = Harness<'static, RapportApp>;

/// Drops reminders: a test must not reach the desktop's notifications.
pub struct NoReminders;

impl rapport::app::reminders::Notifier for NoReminders {
    fn notify(&mut self, _: &rapport::analytics::reminders::Reminder) {}
}

/// Dialog answers queued by the test; an empty queue answers Cancel.
#[derive(Clone, Default)]
pub struct Answers {
    pub queue: Rc<RefCell<VecDeque<PickResult>>>,
    pub asked: Rc<RefCell<Vec<FileRequest>>>,
}

impl Answers {
    pub fn push(&self, answer: PickResult) {
        self.queue.borrow_mut().push_back(answer);
    }
}

impl FileDialogs for Answers {
    fn pick(&mut self, request: &FileRequest) -> PickResult {
        self.asked.borrow_mut().push(request.clone());
        self.queue
            .borrow_mut()
            .pop_front()
            .unwrap_or(PickResult::Cancelled)
    }
}

pub const SHIFT_CMD: Modifiers = Modifiers {
    alt: false,
    ctrl: false,
    shift: true,
    mac_cmd: false,
    command: true,
};

/// A small network: Ada Lovelace (organisation, tag "mentor", and `ada_email` as a work email
/// when given) and Grace Hopper, with one video call with Ada on 2026-01-05.
pub fn sample(ada_email: Option<&str>) -> Dataset {
    let mut data = Dataset::new();
    let mut ada = Contact::new("Ada Lovelace");
    ada.organization = "Analytical Engines".into();
    ada.tags.push("mentor".into());
    if let Some(email) = ada_email {
        ada.emails.push(Labeled::new(email, "work"));
    }
    let ada_id = ada.id;
    let grace = Contact::new("Grace Hopper");
    data.apply(Edit::PutContact(ada)).unwrap();
    data.apply(Edit::PutContact(grace)).unwrap();
    let mut it = Interaction::new(
        NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        vec![ada_id],
        ChannelId(4),
    );
    it.summary = "Video call about notes".into();
    data.apply(Edit::PutInteraction(it)).unwrap();
    data
}

/// Saves `data` as `network.json` in `dir` and returns its path.
pub fn write(dir: &Path, data: Dataset) -> PathBuf {
    let path = dir.join("network.json");
    store::save(&Document::new(data), &path).unwrap();
    path
}

/// An app on `file` (or the demo data), with dialogs answered by `answers`, in a 1200x800 window.
pub fn harness(file: Option<PathBuf>, answers: &Answers) -> App {
    harness_sized(file, answers, [1200.0, 800.0])
}

/// An app on `file` (or the demo data), with dialogs answered by `answers`, in a window of `size`.
pub fn harness_sized(file: Option<PathBuf>, answers: &Answers, size: [f32; 2]) -> App {
    let app = RapportApp::new(AppOptions {
        file,
        dialogs: Box::new(answers.clone()),
        notifier: Box::new(NoReminders),
        ..AppOptions::default()
    });
    let mut h = Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut RapportApp| app.ui_main(ui), app);
    settle(&mut h);
    finish_loading(&mut h);
    h
}

/// An app on `file` (or the demo data) that draws letters the test fonts lack as boxes instead of
/// failing (the demo has such names), in a 1200x800 window; run one `settle` only, so a big file
/// may still be loading.
pub fn harness_allowing_missing_glyphs(file: Option<PathBuf>, answers: &Answers) -> App {
    let app = RapportApp::new(AppOptions {
        file,
        dialogs: Box::new(answers.clone()),
        notifier: Box::new(NoReminders),
        ..AppOptions::default()
    });
    let mut h = Harness::builder()
        .with_size([1200.0, 800.0])
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut RapportApp| app.ui_main(ui), app);
    settle(&mut h);
    h
}

/// The demo in a window of `size`, drawing letters the test fonts lack as boxes (the demo has such
/// names, and the contact list scrolls to whoever is selected), fully loaded.
pub fn demo_harness_sized(answers: &Answers, size: [f32; 2]) -> App {
    let app = RapportApp::new(AppOptions {
        file: None,
        dialogs: Box::new(answers.clone()),
        notifier: Box::new(NoReminders),
        ..AppOptions::default()
    });
    let mut h = Harness::builder()
        .with_size(size)
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut RapportApp| app.ui_main(ui), app);
    settle(&mut h);
    finish_loading(&mut h);
    h
}

pub fn finish_loading(h: &mut App) {
    let ctx = h.ctx.clone();
    h.state_mut().finish_background_work(&ctx);
    settle(h);
}

/// Runs frames until the UI is still (toasts may keep animating; a few frames suffice then).
/// Work finished by `finish_background_work` can change a window's size (a preview that was
/// reading shows its plan): a window is placed with the size of its previous frame, so it takes
/// a few frames, and frames until no repaint is asked, before every widget is where the next
/// click will look for it.
pub fn settle(h: &mut App) {
    let _ = h.try_run();
    let ctx = h.ctx.clone();
    h.state_mut().finish_background_work(&ctx);
    h.run_steps(3);
    let _ = h.try_run();
}

pub fn contact_id(h: &App, name: &str) -> ContactId {
    h.state()
        .data()
        .contacts()
        .iter()
        .find(|c| c.display_name == name)
        .map_or_else(|| panic!("no contact {name}"), |c| c.id)
}

pub fn type_into(h: &mut App, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    settle(h);
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    settle(h);
}

pub fn press(h: &mut App, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    settle(h);
}

pub fn click(h: &mut App, label: &str) {
    h.get_by_label(label).click();
    settle(h);
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl eframe::egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Drops the file at `path` onto the window, as a file manager does.
pub fn drop_file(h: &mut App, path: &Path) {
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.to_path_buf())));
    settle(h);
}
