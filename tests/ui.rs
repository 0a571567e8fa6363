//! The app driven through its accessibility tree, headless (`egui_kittest`): no display, no GPU.
//! File dialogs are answered by the test through the `FileDialogs` trait.
//! Over 600 lines on purpose: one test per app workflow, sharing this file's setup.
#![cfg(feature = "gui")]

mod common;

use common::{
    Answers, App, SHIFT_CMD, click, contact_id, drop_file, finish_loading, harness, press, sample,
    settle, type_into, write,
};
use eframe::egui::accesskit::Role;
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use rapport::app::RapportApp;
use rapport::app::dialogs::PickResult;
use rapport::store;

#[test]
fn opens_on_demo_data_titled_as_demo() {
    let answers = Answers::default();
    let h = harness(None, &answers);
    assert!(h.state().is_demo());
    assert!(h.state().title().contains("Demo data"));
    assert!(!h.state().data().contacts().is_empty());
    assert!(!h.state().is_dirty());
}

#[test]
fn add_contact_log_interaction_edit_undo_redo() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    assert_eq!(h.state().data().contacts().len(), 2);

    // Add a contact from the keyboard.
    press(&mut h, SHIFT_CMD, Key::N);
    type_into(&mut h, "Display name", "Zora Quill");
    type_into(&mut h, "Organisation", "Harbour Works");
    click(&mut h, "Save");
    let zora = contact_id(&h, "Zora Quill");
    assert_eq!(h.state().selected(), Some(zora));
    assert_eq!(
        h.state().data().contact(zora).unwrap().organization,
        "Harbour Works"
    );
    assert!(h.state().is_dirty());
    assert!(h.state().title().starts_with('*'));

    // Log an interaction with her: Ctrl+L preselects the selected contact; Enter saves.
    press(&mut h, Modifiers::COMMAND, Key::L);
    type_into(&mut h, "Summary", "Coffee at the harbour");
    press(&mut h, Modifiers::NONE, Key::Enter);
    let logged: Vec<_> = h.state().data().interactions_of(zora).cloned().collect();
    assert_eq!(logged.len(), 1, "Enter saved the interaction");
    assert_eq!(logged[0].summary, "Coffee at the harbour");
    assert_eq!(logged[0].minutes, None);
    assert!(
        h.query_by_label("Coffee at the harbour").is_some(),
        "shown in the history"
    );

    // Edit it: add the minutes. Each row's buttons say which interaction they are for.
    let when = RapportApp::today().format("%-d %B %Y").to_string();
    click(&mut h, &format!("Edit the interaction of {when}..."));
    type_into(&mut h, "Minutes", "45");
    click(&mut h, "Save");
    let minutes = |h: &App| h.state().data().interaction(logged[0].id).unwrap().minutes;
    assert_eq!(minutes(&h), Some(45));

    // Undo and redo, from the keyboard.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        minutes(&h),
        None,
        "undo restores the interaction before the edit"
    );
    press(&mut h, SHIFT_CMD, Key::Z);
    assert_eq!(minutes(&h), Some(45), "Ctrl+Shift+Z redoes");
    press(&mut h, Modifiers::COMMAND, Key::Z);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.state().data().interaction(logged[0].id).is_none());
    press(&mut h, Modifiers::COMMAND, Key::Y);
    assert_eq!(minutes(&h), None, "Ctrl+Y redoes too");
}

#[test]
fn search_narrows_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    assert!(h.query_by_label("Ada Lovelace").is_some());
    assert!(h.query_by_label("Grace Hopper").is_some());
    press(&mut h, Modifiers::COMMAND, Key::F);
    h.get_by_role_and_label(Role::TextInput, "Search")
        .type_text("hopper");
    settle(&mut h);
    assert!(h.query_by_label("Grace Hopper").is_some());
    assert!(h.query_by_label("Ada Lovelace").is_none());
    // Organisation and tag match too.
    type_into(&mut h, "Search", "");
    h.get_by_role_and_label(Role::TextInput, "Search").focus();
    for _ in 0.."hopper".len() {
        h.key_press(Key::Backspace);
    }
    settle(&mut h);
    h.get_by_role_and_label(Role::TextInput, "Search")
        .type_text("mentor");
    settle(&mut h);
    assert!(h.query_by_label("Ada Lovelace").is_some());
    assert!(h.query_by_label("Grace Hopper").is_none());
}

#[test]
fn save_as_then_open_finds_the_same_data() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    press(&mut h, SHIFT_CMD, Key::N);
    type_into(&mut h, "Display name", "Linus Pauling");
    click(&mut h, "Save");
    let expected = h.state().data().clone();

    let out = dir.path().join("copy.json");
    answers.push(PickResult::Picked(out.clone()));
    press(&mut h, SHIFT_CMD, Key::S);
    assert_eq!(h.state().path(), Some(out.as_path()));
    assert!(!h.state().is_dirty());
    assert!(h.state().title().starts_with("copy.json"));
    assert_eq!(answers.asked.borrow().len(), 1);

    // A fresh document, then Open... the saved file.
    press(&mut h, Modifiers::COMMAND, Key::N);
    assert!(h.state().data().contacts().is_empty());
    answers.push(PickResult::Picked(out.clone()));
    press(&mut h, Modifiers::COMMAND, Key::O);
    finish_loading(&mut h);
    assert_eq!(h.state().data(), &expected);
    assert_eq!(h.state().path(), Some(out.as_path()));
    assert!(h.query_by_label("Linus Pauling").is_some());
    assert!(
        h.state()
            .prefs()
            .recent
            .first()
            .is_some_and(|p| p.ends_with("copy.json"))
    );
}

#[test]
fn unsaved_changes_guard_on_new() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    let before = h.state().data().clone();
    let ada = contact_id(&h, "Ada Lovelace");
    h.get_by_label("Ada Lovelace").click();
    settle(&mut h);
    click(&mut h, "Archive");
    assert!(h.state().data().contact(ada).unwrap().archived);

    press(&mut h, Modifiers::COMMAND, Key::N);
    assert!(h.query_by_label("Save your changes?").is_some());
    click(&mut h, "Cancel");
    assert!(h.query_by_label("Save your changes?").is_none());
    assert!(
        h.state().data().contact(ada).unwrap().archived,
        "Cancel keeps the data"
    );

    // Escape closes the question like Cancel.
    press(&mut h, Modifiers::COMMAND, Key::N);
    assert!(h.query_by_label("Save your changes?").is_some());
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.query_by_label("Save your changes?").is_none());

    press(&mut h, Modifiers::COMMAND, Key::N);
    click(&mut h, "Discard");
    assert!(h.state().data().contacts().is_empty());
    assert_eq!(h.state().title(), "Untitled — Rapport");
    assert_ne!(h.state().data(), &before);
}

#[test]
fn guard_save_writes_the_file_before_new() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), sample(None));
    let answers = Answers::default();
    let mut h = harness(Some(path.clone()), &answers);
    h.get_by_label("Grace Hopper").click();
    settle(&mut h);
    click(&mut h, "Archive");
    press(&mut h, Modifiers::COMMAND, Key::N);
    click(&mut h, "Save");
    assert!(
        h.state().data().contacts().is_empty(),
        "New went ahead after saving"
    );
    let saved = store::load(&path).unwrap();
    assert!(
        saved
            .data
            .contacts()
            .iter()
            .any(|c| c.display_name == "Grace Hopper" && c.archived)
    );
    assert!(
        store::backup_path(&path).exists(),
        "the previous version was kept"
    );
}

#[test]
fn opening_a_corrupt_file_keeps_the_data_and_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    let before = h.state().data().clone();
    let bad = dir.path().join("broken.json");
    std::fs::write(
        &bad,
        "{\"format\": \"rapport\", \"version\": 1, \"contacts\": [",
    )
    .unwrap();
    answers.push(PickResult::Picked(bad));
    press(&mut h, Modifiers::COMMAND, Key::O);
    finish_loading(&mut h);
    assert_eq!(h.state().data(), &before, "the current data stays");
    assert!(h.state().title().starts_with("network.json"));
    assert!(h.query_by_label("Could not open the file").is_some());
    assert!(
        h.query_by_label_contains("broken.json").is_some(),
        "the error names the file"
    );
    click(&mut h, "OK");
    assert!(h.query_by_label("Could not open the file").is_none());
}

#[test]
fn without_a_native_dialog_a_path_field_is_offered() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(None, &answers);
    answers.push(PickResult::Unavailable);
    press(&mut h, SHIFT_CMD, Key::S);
    assert!(
        h.query_by_label_contains("No file dialog is available")
            .is_some()
    );
    let out = dir.path().join("typed.json");
    let field = h.get_by_role_and_label(Role::TextInput, "Path");
    field.focus();
    settle(&mut h);
    for _ in 0..40 {
        h.key_press(Key::Backspace);
    }
    h.get_by_role_and_label(Role::TextInput, "Path")
        .type_text(&out.display().to_string());
    settle(&mut h);
    click(&mut h, "OK");
    assert!(out.exists());
    assert_eq!(h.state().path(), Some(out.as_path()));
    assert!(!h.state().is_demo());
}

#[test]
fn contact_editor_explains_invalid_fields() {
    let answers = Answers::default();
    let mut h = harness(None, &answers);
    let count = h.state().data().contacts().len();
    press(&mut h, SHIFT_CMD, Key::N);
    type_into(&mut h, "Birthday", "02-30");
    click(&mut h, "Save");
    assert!(
        h.query_by_label("Enter the name to show for this person")
            .is_some()
    );
    assert!(h.query_by_label("That day does not exist").is_some());
    assert_eq!(h.state().data().contacts().len(), count, "nothing saved");
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(
        h.query_by_label("Add contact").is_none(),
        "Escape closed the editor"
    );
}

#[test]
fn delete_contact_says_what_happens_to_interactions() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    h.get_by_label("Ada Lovelace").click();
    settle(&mut h);
    click(&mut h, "Delete contact...");
    assert!(
        h.query_by_label("1 interaction with only them is deleted too.")
            .is_some()
    );
    click(&mut h, "Delete contact");
    assert!(
        h.state()
            .data()
            .contacts()
            .iter()
            .all(|c| c.display_name != "Ada Lovelace")
    );
    assert!(h.state().data().interactions().is_empty());
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        h.state().data().interactions().len(),
        1,
        "undo brings both back"
    );
}

#[test]
fn channels_can_be_added_and_in_use_ones_are_not_removable() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    click(&mut h, "Channels");
    type_into(&mut h, "Name", "Podcast");
    h.get_by_label("Online or offline").click();
    settle(&mut h);
    h.get_by_role_and_label(Role::Button, "online").click();
    settle(&mut h);
    click(&mut h, "Add channel");
    let podcast = h
        .state()
        .data()
        .channel_by_name("Podcast")
        .expect("channel added")
        .clone();
    assert_eq!(podcast.mode, rapport::model::Mode::Online);
    // Video call (id 4) is used by the sample interaction: its Remove button is disabled.
    let removes = h.get_all_by_label("Remove").collect::<Vec<_>>();
    assert_eq!(removes.len(), h.state().data().channels().len());
    assert!(removes.iter().any(|n| n.accesskit_node().is_disabled()));
}

#[test]
fn closing_the_window_with_unsaved_changes_asks_first() {
    use eframe::egui::{ViewportCommand, ViewportEvent, ViewportId};
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    let sent = |h: &App, cmd: &ViewportCommand| {
        h.output()
            .viewport_output
            .get(&ViewportId::ROOT)
            .is_some_and(|o| o.commands.contains(cmd))
    };

    // Nothing changed: the window may close.
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    h.step();
    assert!(!sent(&h, &ViewportCommand::CancelClose));
    settle(&mut h);

    h.get_by_label("Grace Hopper").click();
    settle(&mut h);
    click(&mut h, "Archive");
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    h.step();
    assert!(
        sent(&h, &ViewportCommand::CancelClose),
        "the close was held back"
    );
    settle(&mut h);
    assert!(h.query_by_label("Save your changes?").is_some());
    assert!(h.query_by_label_contains("close Rapport").is_some());
    h.get_by_label("Discard").click();
    h.step();
    assert!(
        sent(&h, &ViewportCommand::Close),
        "Discard closes the window"
    );
}

#[test]
fn escape_closes_the_calendar_before_the_form() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    press(&mut h, Modifiers::COMMAND, Key::L);
    assert!(h.query_by_label("Log interaction").is_some());
    let today = RapportApp::today().format("%Y-%m-%d").to_string();
    h.get_all_by_label(&today)
        .next()
        .expect("date button")
        .click();
    settle(&mut h);
    assert!(h.query_by_label("Mo").is_some(), "the calendar is open");
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(
        h.query_by_label("Log interaction").is_some(),
        "the first Escape closed only the calendar"
    );
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.query_by_label("Log interaction").is_none());
    assert_eq!(
        h.state().data().interactions().len(),
        1,
        "nothing was logged"
    );
}

#[test]
fn a_file_that_does_not_exist_yet_is_created_on_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.json");
    let answers = Answers::default();
    let mut h = harness(Some(path.clone()), &answers);
    assert!(h.state().data().contacts().is_empty());
    assert_eq!(h.state().path(), Some(path.as_path()));
    assert!(!path.exists());
    press(&mut h, SHIFT_CMD, Key::N);
    type_into(&mut h, "Display name", "First Person");
    click(&mut h, "Save");
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(answers.asked.borrow().is_empty(), "Save needed no dialog");
    let saved = store::load(&path).unwrap();
    assert_eq!(saved.data.contacts()[0].display_name, "First Person");
    assert!(!h.state().is_dirty());
}

#[test]
fn the_list_works_from_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    let ada = contact_id(&h, "Ada Lovelace");
    let grace = contact_id(&h, "Grace Hopper");
    press(&mut h, Modifiers::NONE, Key::ArrowDown);
    assert_eq!(h.state().selected(), Some(ada));
    press(&mut h, Modifiers::NONE, Key::ArrowDown);
    assert_eq!(h.state().selected(), Some(grace));
    press(&mut h, Modifiers::NONE, Key::ArrowDown);
    assert_eq!(h.state().selected(), Some(grace), "stays on the last row");
    press(&mut h, Modifiers::NONE, Key::ArrowUp);
    assert_eq!(h.state().selected(), Some(ada));

    press(&mut h, Modifiers::COMMAND, Key::F);
    h.get_by_role_and_label(Role::TextInput, "Search")
        .type_text("hop");
    settle(&mut h);
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(
        h.state().selected(),
        Some(grace),
        "Enter opens the first match"
    );
}

#[test]
fn dropping_a_json_file_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(None, &answers);
    let other = write(dir.path(), sample(None));
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "hello").unwrap();
    drop_file(&mut h, &notes);
    assert!(h.state().is_demo(), "a .txt file is not opened");
    drop_file(&mut h, &other);
    assert_eq!(h.state().path(), Some(other.as_path()));
    let names: Vec<&str> = h
        .state()
        .data()
        .contacts()
        .iter()
        .map(|c| c.display_name.as_str())
        .collect();
    assert_eq!(names, ["Ada Lovelace", "Grace Hopper"]);
}

#[test]
fn menus_show_undo_labels_recent_files_and_switch_the_theme() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let path = write(dir.path(), sample(None));
    let mut h = harness(Some(path.clone()), &answers);
    h.get_by_label("Grace Hopper").click();
    settle(&mut h);
    click(&mut h, "Archive");

    click(&mut h, "Edit");
    assert!(
        h.query_by_label_contains("Undo archive Grace Hopper")
            .is_some(),
        "the Edit menu names what Undo undoes"
    );
    h.get_by_label_contains("Undo archive Grace Hopper").click();
    settle(&mut h);
    let grace = contact_id(&h, "Grace Hopper");
    assert!(!h.state().data().contact(grace).unwrap().archived);

    click(&mut h, "File");
    click(&mut h, "Open recent");
    let canonical = std::fs::canonicalize(&path).unwrap();
    assert!(
        h.query_by_role_and_label(Role::Button, &canonical.display().to_string())
            .is_some(),
        "the opened file is listed"
    );
    press(&mut h, Modifiers::NONE, Key::Escape);

    click(&mut h, "View");
    click(&mut h, "Theme");
    click(&mut h, "Light");
    assert_eq!(
        h.state().prefs().theme,
        rapport::app::theme::ThemeChoice::Light
    );
    assert_eq!(h.ctx.theme(), eframe::egui::Theme::Light);
}

#[test]
fn the_log_form_remembers_the_last_channel_and_explains_errors() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    h.get_by_label("Grace Hopper").click();
    settle(&mut h);
    press(&mut h, Modifiers::COMMAND, Key::L);
    h.get_by_role_and_label(Role::ComboBox, "Channel").click();
    settle(&mut h);
    h.get_by_role_and_label(Role::Button, "Video call (online)")
        .click();
    settle(&mut h);
    type_into(&mut h, "Minutes", "ninety");
    click(&mut h, "Save");
    assert!(
        h.query_by_label("Enter whole minutes, like 45").is_some(),
        "the error is shown next to the field"
    );
    let grace = contact_id(&h, "Grace Hopper");
    assert_eq!(
        h.state().data().interactions_of(grace).count(),
        0,
        "nothing saved"
    );
    press(&mut h, Modifiers::NONE, Key::Escape);

    // The channel chosen last time comes back with the next form only once something was logged.
    press(&mut h, Modifiers::COMMAND, Key::L);
    h.get_by_role_and_label(Role::ComboBox, "Channel").click();
    settle(&mut h);
    h.get_by_role_and_label(Role::Button, "Video call (online)")
        .click();
    settle(&mut h);
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(h.state().data().interactions_of(grace).count(), 1);
    press(&mut h, Modifiers::COMMAND, Key::L);
    let combo = h.get_by_role_and_label(Role::ComboBox, "Channel");
    assert_eq!(
        combo.value().as_deref(),
        Some("Video call"),
        "the form starts on the last channel"
    );
}

#[test]
fn a_group_interaction_is_logged_once_for_everyone_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    h.get_by_label("Grace Hopper").click();
    settle(&mut h);
    press(&mut h, Modifiers::COMMAND, Key::L);
    type_into(&mut h, "Add person", "ada");
    assert!(
        h.query_by_label("+ Ada Lovelace (Analytical Engines)")
            .is_some(),
        "suggestions name the organisation"
    );
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(
        h.state().data().interactions().len(),
        1,
        "Enter in the person field adds the person, it does not save"
    );
    type_into(&mut h, "Summary", "Workshop together");
    press(&mut h, Modifiers::NONE, Key::Enter);
    let group: Vec<_> = h
        .state()
        .data()
        .interactions()
        .iter()
        .filter(|it| it.summary == "Workshop together")
        .collect();
    assert_eq!(group.len(), 1);
    assert_eq!(group[0].participants.len(), 2);
    let ada = contact_id(&h, "Ada Lovelace");
    assert!(group[0].involves(ada));
}

#[test]
fn the_editor_takes_emails_and_tags_as_chips() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    press(&mut h, SHIFT_CMD, Key::N);
    type_into(&mut h, "Display name", "Tess Ng");
    click(&mut h, "+ Add email");
    type_into(&mut h, "Emails 1", "tess at example");
    type_into(&mut h, "New tag", "climbing");
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(
        h.query_by_label("climbing").is_some(),
        "the tag became a chip"
    );
    click(&mut h, "Save");
    assert!(
        h.query_by_label("This does not look like an email address (name@example.org)")
            .is_some()
    );
    h.get_by_role_and_label(Role::TextInput, "Emails 1").focus();
    settle(&mut h);
    for _ in 0.."tess at example".len() {
        h.key_press(Key::Backspace);
    }
    settle(&mut h);
    type_into(&mut h, "Emails 1", "tess@example.org");
    click(&mut h, "Save");
    let tess = contact_id(&h, "Tess Ng");
    let c = h.state().data().contact(tess).unwrap();
    assert_eq!(c.primary_email(), Some("tess@example.org"));
    assert_eq!(c.tags, ["climbing"]);
}

#[test]
fn analytics_follow_every_edit_and_its_undo() {
    use rapport::analytics::Analytics;

    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    let matches_full_compute = |h: &App| {
        let app = h.state();
        let full = Analytics::compute(app.data(), app.insights().view.params());
        app.data().contacts().iter().all(|c| {
            app.insights()
                .view
                .contact(c.id)
                .map(|s| (&s.engagement, s.tier))
                == full.contact(c.id).map(|s| (&s.engagement, s.tier))
        })
    };
    let someone = contact_id(&h, "Grace Hopper");
    let count = |h: &App| {
        h.state()
            .insights()
            .view
            .contact(someone)
            .map(|s| s.engagement.online.interactions + s.engagement.offline.interactions)
    };
    let before = count(&h);
    click(&mut h, "Grace Hopper");
    assert_eq!(h.state().selected(), Some(someone));
    press(&mut h, Modifiers::COMMAND, Key::L);
    type_into(&mut h, "Summary", "Quick call");
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(
        count(&h),
        before.map(|n| n + 1),
        "the new interaction is counted"
    );
    assert!(matches_full_compute(&h));
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        count(&h),
        before,
        "undo takes it out of the analytics again"
    );
    assert!(matches_full_compute(&h));
}

/// The app reads "today" from the clock in its options: This week and the log form follow a
/// fixed clock, not the computer's.
#[test]
fn a_fixed_clock_sets_today() {
    use rapport::app::AppOptions;
    use rapport::app::clock::Clock;
    use rapport::app::views::Page;

    let day = chrono::NaiveDate::from_ymd_opt(2031, 3, 9).unwrap();
    let app = RapportApp::new(AppOptions {
        clock: Clock::fixed_on(day),
        ..AppOptions::default()
    });
    let mut h = egui_kittest::Harness::builder()
        .with_size([1200.0, 800.0])
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut RapportApp| app.ui_main(ui), app);
    common::settle(&mut h);
    let ctx = h.ctx.clone();
    h.state_mut()
        .run_command(&ctx, rapport::app::commands::Command::ShowPage(Page::Plan));
    common::settle(&mut h);
    assert!(
        h.query_by_label_contains("As of 9 March 2031").is_some(),
        "This week is as of the clock's date"
    );
    assert_eq!(h.state().insights().view.params().as_of, day);
    assert_eq!(
        h.state().data().stamper().fixed_time,
        Some(Clock::fixed_on(day).now()),
        "edits are stamped with the clock's time"
    );

    // Snoozing from the plan: the app builds the edit, stamped with its clock.
    let id = h.state().data().contacts()[0].id;
    let until = day + chrono::Days::new(7);
    h.state_mut().run_command(
        &ctx,
        rapport::app::commands::Command::Snooze(id, Some(until)),
    );
    let snoozed = h.state().data().contact(id).unwrap();
    assert_eq!(snoozed.snoozed_until, Some(until));
    assert_eq!(snoozed.updated, Clock::fixed_on(day).now());
}
