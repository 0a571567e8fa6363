//! The everyday loop (issue 15) driven through the accessibility tree: the log form, This week,
//! the contact page and the Help menu.
#![cfg(feature = "gui")]
#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap too: a panic is a failed test"
)]

mod common;

use common::{Answers, click, contact_id, harness, press, sample, settle, type_into, write};
use eframe::egui::accesskit::Role;
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use rapport::app::dialogs::PickResult;
use rapport::model::{ChannelId, Depth};

/// Item 1: the second Log form's Channel dropdown opened behind the form, so a pointer click on
/// a channel landed on the depth option underneath.
#[test]
fn the_channel_dropdown_opens_on_a_log_form_opened_a_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    h.get_by_label("Grace Hopper").click();
    settle(&mut h);
    let grace = contact_id(&h, "Grace Hopper");
    for round in 0..4 {
        // Open and cancel (with the keyboard, with the mouse, after opening the dropdown): the
        // state a second form meets.
        if round % 2 == 0 {
            press(&mut h, Modifiers::COMMAND, Key::L);
        } else {
            click(&mut h, "Log interaction...");
        }
        if round >= 2 {
            h.get_by_role_and_label(Role::ComboBox, "Channel").click();
            settle(&mut h);
            press(&mut h, Modifiers::NONE, Key::Escape);
        }
        if round == 3 {
            click(&mut h, "Cancel");
        } else {
            press(&mut h, Modifiers::NONE, Key::Escape);
        }
        assert!(
            h.query_by_role_and_label(Role::ComboBox, "Channel")
                .is_none(),
            "round {round}: the form closed"
        );
        press(&mut h, Modifiers::COMMAND, Key::L);
        h.get_by_role_and_label(Role::ComboBox, "Channel").click();
        settle(&mut h);
        h.get_by_role_and_label(Role::Button, "Phone call (online)")
            .click();
        settle(&mut h);
        assert_eq!(
            h.get_by_role_and_label(Role::ComboBox, "Channel")
                .value()
                .as_deref(),
            Some("Phone call"),
            "round {round}: the pointer picked the channel"
        );
        press(&mut h, Modifiers::NONE, Key::Enter);
        let logged: Vec<_> = h.state().data().interactions_of(grace).cloned().collect();
        assert_eq!(logged.len(), round + 1, "round {round}: saved");
        for it in &logged {
            assert_eq!(it.channel, ChannelId(3), "round {round}");
            assert_eq!(it.depth, Depth::default(), "round {round}: depth untouched");
        }
    }
}

/// Fourteen people every 10 days, last reached 20..33 days ago: all overdue, one tier.
fn fourteen_overdue() -> rapport::model::Dataset {
    use rapport::model::{Contact, Dataset, Edit, Interaction};
    let today = rapport::app::RapportApp::today();
    let mut data = Dataset::new();
    for k in 0..14_u64 {
        let mut c = Contact::new(format!("Person {k:02}"));
        c.cadence_days = Some(10);
        let id = c.id;
        data.apply(Edit::PutContact(c)).unwrap();
        let it = Interaction::new(today - chrono::Days::new(20 + k), vec![id], ChannelId(4));
        data.apply(Edit::PutInteraction(it)).unwrap();
    }
    data
}

/// Item 6: This week is a plan a person can finish.
#[test]
fn this_week_holds_the_weekly_capacity_most_overdue_first_with_show_all() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = common::harness_sized(
        Some(write(dir.path(), fourteen_overdue())),
        &answers,
        [1200.0, 1400.0],
    );
    press(&mut h, Modifiers::COMMAND, Key::Num2);
    let shows = |h: &common::App, l: &str| h.query_by_label(l).is_some();
    assert!(shows(&h, "This week: 0 of 10 done"));
    // The ten furthest behind (33..24 days ago), not the four least behind.
    assert!(shows(&h, "Person 13"));
    assert!(shows(&h, "Person 04"));
    assert!(!shows(&h, "Person 03"));
    assert!(!shows(&h, "Person 00"));
    click(&mut h, "Show all 14 due");
    assert!(shows(&h, "Person 03"), "show all lists the rest");
    click(&mut h, "Show this week's plan only");
    assert!(!shows(&h, "Person 03"));

    // A smaller week.
    h.get_by_role_and_label(Role::SpinButton, "People per week")
        .set_value_accesskit(3.0);
    settle(&mut h);
    assert!(shows(&h, "This week: 0 of 3 done"));
    assert!(shows(&h, "Person 11"));
    assert!(!shows(&h, "Person 10"));

    // Reaching the first one counts as done and the plan does not refill past the capacity.
    h.get_by_label("Person 13").click();
    settle(&mut h);
    press(&mut h, Modifiers::COMMAND, Key::Num2);
    press(&mut h, Modifiers::COMMAND, Key::L);
    press(&mut h, Modifiers::COMMAND, Key::Enter);
    assert!(shows(&h, "This week: 1 of 3 done"), "logged from the form");
    assert!(!shows(&h, "Person 13"));
    assert!(shows(&h, "Person 11"));
    assert!(!shows(&h, "Person 10"));
}

/// Item 9: the Help menu (shortcuts sheet on F1 and Ctrl+/, the scoring page, About) and item 13:
/// the Contact menu edits, archives and deletes the open contact.
#[test]
fn help_menu_pages_and_the_contact_menu_act_on_the_open_contact() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    press(&mut h, Modifiers::NONE, Key::F1);
    assert!(h.query_all_by_label("Keyboard shortcuts").next().is_some());
    assert!(
        h.query_all_by_label("Log interaction").next().is_some(),
        "the sheet lists the command table's actions"
    );
    click(&mut h, "Close");
    assert!(h.query_all_by_label("Keyboard shortcuts").next().is_none());
    press(&mut h, Modifiers::COMMAND, Key::Slash);
    assert!(
        h.query_all_by_label("Keyboard shortcuts").next().is_some(),
        "Ctrl+/"
    );
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(
        h.query_all_by_label("Keyboard shortcuts").next().is_none(),
        "Escape closes"
    );

    click(&mut h, "Help");
    click(&mut h, "How Rapport scores a relationship");
    assert!(h.query_by_label("Evidence first").is_some());
    press(&mut h, Modifiers::NONE, Key::Escape);
    click(&mut h, "Help");
    click(&mut h, "About Rapport");
    assert!(
        h.query_by_label(&format!("Rapport {}", env!("CARGO_PKG_VERSION")))
            .is_some()
    );
    press(&mut h, Modifiers::NONE, Key::Escape);

    // Contact menu: nothing open, nothing to act on.
    click(&mut h, "Contact");
    assert!(
        h.get_by_role_and_label(Role::Button, "Delete contact...")
            .accesskit_node()
            .is_disabled()
    );
    press(&mut h, Modifiers::NONE, Key::Escape);
    h.get_by_label("Grace Hopper").click();
    settle(&mut h);
    let grace = contact_id(&h, "Grace Hopper");
    click(&mut h, "Contact");
    click(&mut h, "Archive or restore contact");
    assert!(h.state().data().contact(grace).unwrap().archived);
    click(&mut h, "Contact");
    click(&mut h, "Archive or restore contact");
    assert!(!h.state().data().contact(grace).unwrap().archived);
    click(&mut h, "Contact");
    // The contact page has an Edit button too; the menu's comes last (drawn on top).
    h.query_all_by_label("Edit contact...")
        .last()
        .unwrap()
        .click();
    settle(&mut h);
    assert!(
        h.query_by_role_and_label(Role::TextInput, "Display name")
            .is_some(),
        "the editor opened"
    );
    press(&mut h, Modifiers::NONE, Key::Escape);
    click(&mut h, "Contact");
    h.query_all_by_label("Delete contact...")
        .last()
        .unwrap()
        .click();
    settle(&mut h);
    assert!(
        h.query_by_label_contains("Delete Grace Hopper").is_some(),
        "asks first"
    );
}

/// Item 5: namesakes are told apart by organisation or email wherever a person is picked.
#[test]
fn namesakes_show_their_organisation_or_email_in_the_person_picker() {
    use rapport::model::{Contact, Dataset, Edit, Labeled};
    let mut data = Dataset::new();
    let mut a = Contact::new("Ada Garcia");
    a.organization = "Lune Roasters".into();
    let mut b = Contact::new("Ada Garcia");
    b.emails.push(Labeled::new("ada@garcia.example", "home"));
    data.apply(Edit::PutContact(a)).unwrap();
    data.apply(Edit::PutContact(b)).unwrap();
    data.apply(Edit::PutContact(Contact::new("Bo Chen")))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), data)), &answers);
    press(&mut h, Modifiers::COMMAND, Key::L);
    common::type_into(&mut h, "Add person", "ada");
    assert!(h.query_by_label("+ Ada Garcia (Lune Roasters)").is_some());
    click(&mut h, "+ Ada Garcia (ada@garcia.example)");
    assert!(
        h.query_by_label_contains("Ada Garcia (ada@garcia.example)")
            .is_some(),
        "the chip of the chosen namesake says which one"
    );
    common::type_into(&mut h, "Add person", "bo");
    click(&mut h, "+ Bo Chen");
    assert!(
        h.query_all_by_label_contains("Bo Chen (").next().is_none(),
        "a unique name stays plain"
    );
}

/// Item 3: a new contact is selected and scrolled into view in a long list.
#[test]
fn a_new_contact_is_selected_and_scrolled_into_view() {
    use rapport::model::{Contact, Dataset, Edit};
    let mut data = Dataset::new();
    for k in 0..80 {
        data.apply(Edit::PutContact(Contact::new(format!("Person {k:02}"))))
            .unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), data)), &answers);
    assert!(
        h.query_by_label("Person 79").is_none(),
        "the end is off-screen"
    );
    press(&mut h, common::SHIFT_CMD, Key::N);
    common::type_into(&mut h, "Display name", "Zora Quill");
    click(&mut h, "Save");
    let zora = contact_id(&h, "Zora Quill");
    assert_eq!(h.state().selected(), Some(zora));
    assert!(
        h.query_all_by_label("Zora Quill").count() >= 2,
        "shown in the list (scrolled to the end), not only as the page heading"
    );
}

/// Item 3: "+ Add email" puts the cursor in the new field.
#[test]
fn add_email_focuses_the_new_field() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    press(&mut h, common::SHIFT_CMD, Key::N);
    common::type_into(&mut h, "Display name", "Zora Quill");
    click(&mut h, "+ Add email");
    assert!(
        h.get_by_role_and_label(Role::TextInput, "Emails 1")
            .is_focused(),
        "the new email field has the cursor"
    );
    h.get_by_role_and_label(Role::TextInput, "Emails 1")
        .type_text("zora@example.org");
    settle(&mut h);
    click(&mut h, "Save");
    let zora = contact_id(&h, "Zora Quill");
    assert_eq!(
        h.state().data().contact(zora).unwrap().emails[0].value,
        "zora@example.org"
    );
}

/// Item 3: Enter and Escape inside an open dropdown of the log form belong to the dropdown: they
/// neither save nor close the form.
#[test]
fn enter_and_escape_in_an_open_dropdown_do_not_save_or_close_the_form() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    h.get_by_label("Grace Hopper").click();
    settle(&mut h);
    let before = h.state().data().interactions().len();
    press(&mut h, Modifiers::COMMAND, Key::L);
    let form_open = |h: &common::App| {
        h.query_by_role_and_label(Role::ComboBox, "Channel")
            .is_some()
    };
    let list_open = |h: &common::App| h.query_by_label("not recorded").is_some();
    for key in [Key::Escape, Key::Enter] {
        h.get_by_role_and_label(Role::ComboBox, "Initiated by")
            .click();
        settle(&mut h);
        assert!(list_open(&h), "{key:?}: the list opened");
        press(&mut h, Modifiers::NONE, key);
        assert!(form_open(&h), "{key:?} in the list left the form open");
        assert_eq!(h.state().data().interactions().len(), before, "not saved");
        if list_open(&h) {
            press(&mut h, Modifiers::NONE, Key::Escape);
        }
    }
    assert!(form_open(&h));
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(
        h.state().data().interactions().len(),
        before + 1,
        "with the list closed, Enter saves"
    );
}

fn path_field(h: &common::App) -> String {
    h.get_by_role_and_label(Role::TextInput, "Path")
        .value()
        .unwrap_or_default()
}

/// Item 2: without a native dialog, the path field holds the whole suggested path, selected, so
/// that typing replaces it; the folder used last is where the next one starts.
#[test]
fn a_typed_path_field_starts_with_the_full_suggested_path_selected() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    answers.push(PickResult::Unavailable);
    press(&mut h, common::SHIFT_CMD, Key::S);
    let folder = dir.path().display().to_string();
    assert_eq!(path_field(&h), format!("{folder}/network.json"));
    std::fs::create_dir(dir.path().join("copies")).unwrap();
    let copy = dir.path().join("copies").join("copy.json");
    h.get_by_role_and_label(Role::TextInput, "Path")
        .type_text(&copy.display().to_string());
    settle(&mut h);
    assert_eq!(
        path_field(&h),
        copy.display().to_string(),
        "typing replaced it"
    );
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(copy.exists());
    assert_eq!(h.state().path(), Some(copy.as_path()));

    // Export starts in the folder used last, with the suggested name.
    answers.push(PickResult::Unavailable);
    click(&mut h, "File");
    h.get_by_label_contains("Export...").click();
    settle(&mut h);
    click(&mut h, "Contacts CSV");
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(path_field(&h), format!("{folder}/copies/copy-contacts.csv"));
    press(&mut h, Modifiers::NONE, Key::Escape);

    // Open, with no file name to suggest: the folder alone.
    answers.push(PickResult::Unavailable);
    press(&mut h, Modifiers::COMMAND, Key::O);
    assert_eq!(path_field(&h), format!("{folder}/copies/"));
}

/// Item 2: with no folder used yet and no file, the field starts in the home folder.
#[test]
fn a_typed_path_field_starts_in_the_home_folder_without_a_file() {
    let answers = Answers::default();
    let mut h = harness(None, &answers);
    answers.push(PickResult::Unavailable);
    press(&mut h, common::SHIFT_CMD, Key::S);
    let home = std::env::var("HOME").unwrap();
    assert_eq!(
        path_field(&h),
        format!("{}/rapport.json", home.trim_end_matches('/'))
    );
}

/// Item 2: Tab completes folder names, and shows the choices when there are several.
#[test]
fn tab_completes_folder_names_in_a_typed_path_field() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("Documents")).unwrap();
    std::fs::create_dir(dir.path().join("Downloads")).unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    answers.push(PickResult::Unavailable);
    press(&mut h, common::SHIFT_CMD, Key::S);
    let folder = dir.path().display().to_string();
    h.get_by_role_and_label(Role::TextInput, "Path")
        .type_text(&format!("{folder}/D"));
    settle(&mut h);
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert_eq!(path_field(&h), format!("{folder}/Do"), "the common start");
    assert!(h.query_by_label("Documents/   Downloads/").is_some());
    h.get_by_role_and_label(Role::TextInput, "Path")
        .type_text("w");
    settle(&mut h);
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert_eq!(path_field(&h), format!("{folder}/Downloads/"));
    assert!(
        h.get_by_role_and_label(Role::TextInput, "Path")
            .is_focused(),
        "Tab stays in the field"
    );
    h.get_by_role_and_label(Role::TextInput, "Path")
        .type_text("kept.json");
    settle(&mut h);
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(dir.path().join("Downloads/kept.json").exists());
}

/// Item 2: a wrong path keeps the dialog open with the reason beside the field.
#[test]
fn a_wrong_typed_path_keeps_the_dialog_open_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    let before = h.state().data().clone();

    answers.push(PickResult::Unavailable);
    press(&mut h, Modifiers::COMMAND, Key::O);
    let missing = dir.path().join("missing.json");
    h.get_by_role_and_label(Role::TextInput, "Path")
        .type_text(&missing.display().to_string());
    settle(&mut h);
    press(&mut h, Modifiers::NONE, Key::Enter);
    let reason = format!("There is no file {}.", missing.display());
    assert!(h.query_by_label(&reason).is_some(), "file missing for open");
    assert!(h.query_by_role_and_label(Role::TextInput, "Path").is_some());
    press(&mut h, Modifiers::NONE, Key::Escape);

    answers.push(PickResult::Unavailable);
    press(&mut h, common::SHIFT_CMD, Key::S);
    h.get_by_role_and_label(Role::TextInput, "Path")
        .type_text("/proc/rapport.json");
    settle(&mut h);
    click(&mut h, "OK");
    assert!(
        h.query_by_label_contains("Cannot write in /proc").is_some(),
        "folder not writable"
    );
    assert!(h.query_by_role_and_label(Role::TextInput, "Path").is_some());
    // Typing again takes the reason away; a good path then works.
    let good = dir.path().join("good.json");
    h.get_by_role_and_label(Role::TextInput, "Path").focus();
    settle(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, "Path")
        .type_text(&good.display().to_string());
    settle(&mut h);
    assert!(h.query_by_label_contains("Cannot write in").is_none());
    click(&mut h, "OK");
    assert!(good.exists());
    assert_eq!(h.state().data(), &before);
}

/// Item 10: an empty file offers the three ways in, each running its command.
#[test]
fn an_empty_file_offers_import_capture_and_add() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(
        Some(write(dir.path(), rapport::model::Dataset::new())),
        &answers,
    );
    assert!(h.query_by_label("Welcome to Rapport").is_some());

    let vcf = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/vcard/ezvcard_John_Doe_IPHONE.vcf");
    answers.push(PickResult::Picked(vcf));
    click(&mut h, "Import contacts...");
    assert_eq!(
        answers.asked.borrow().last().map(|r| r.title.clone()),
        Some("Import contacts".into())
    );
    assert!(
        h.query_all_by_label_contains("ezvcard_John_Doe_IPHONE.vcf")
            .next()
            .is_some(),
        "the import preview is open"
    );
    press(&mut h, Modifiers::NONE, Key::Escape);

    click(&mut h, "Capture interactions...");
    let asked = answers.asked.borrow().last().cloned().unwrap();
    assert_eq!(asked.title, "Capture interactions");
    assert_eq!(asked.filters[0].0, "Calendars, mail, chats, call logs");

    click(&mut h, "+ Add a contact...");
    type_into(&mut h, "Display name", "First Person");
    click(&mut h, "Save");
    assert_eq!(h.state().data().contacts().len(), 1);
    assert!(
        h.query_by_label("Welcome to Rapport").is_none(),
        "the welcome goes once someone is in the file"
    );
}

/// Item 11: one line fills the Log form for review, after showing what was understood; a name
/// that fits nobody is said, not guessed.
#[test]
fn quick_add_shows_what_it_understood_and_fills_the_log_form() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    let ada = contact_id(&h, "Ada Lovelace");
    let before = h.state().data().interactions().len();
    press(&mut h, common::SHIFT_CMD, Key::L);
    type_into(
        &mut h,
        "Quick add",
        "Coffee with Ada and Zed at Lune, yesterday, 45 min, deep",
    );
    for understood in [
        "With: Ada Lovelace",
        "Channel: In person",
        "Length: 45 minutes",
        "Depth: Personal (4 of 5)",
        "Summary: Coffee with Ada and Zed at Lune",
    ] {
        assert!(h.query_by_label(understood).is_some(), "{understood}");
    }
    assert!(h.query_by_label_contains("Date: ").is_some());
    assert!(
        h.query_by_label("No contact is called \"Zed\"; add them in the form.")
            .is_some()
    );
    assert_eq!(
        h.state().data().interactions().len(),
        before,
        "nothing saved yet"
    );

    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(
        h.get_by_role_and_label(Role::ComboBox, "Channel")
            .value()
            .as_deref(),
        Some("In person")
    );
    assert_eq!(
        h.get_by_role_and_label(Role::TextInput, "Minutes")
            .value()
            .as_deref(),
        Some("45")
    );
    click(&mut h, "Save");
    let data = h.state().data();
    assert_eq!(data.interactions().len(), before + 1);
    let it = data
        .interactions()
        .iter()
        .find(|i| i.summary == "Coffee with Ada and Zed at Lune")
        .expect("saved with its summary");
    assert_eq!(it.participants, [ada]);
    assert_eq!(it.channel, ChannelId(1));
    assert_eq!(it.minutes, Some(45));
    assert_eq!(it.depth, Depth::new(4).unwrap());
    assert_eq!(
        it.date,
        rapport::app::RapportApp::today() - chrono::Days::new(1)
    );

    // What is missing is said too, not filled in.
    press(&mut h, common::SHIFT_CMD, Key::L);
    type_into(&mut h, "Quick add", "Talked with Grace");
    assert!(h.query_by_label("With: Grace Hopper").is_some());
    assert!(
        h.query_by_label_contains("No channel word").is_some(),
        "no channel is guessed"
    );
    press(&mut h, Modifiers::NONE, Key::Enter);
    let count = h.state().data().interactions().len();
    click(&mut h, "Save");
    assert!(
        h.query_by_label("Choose how you interacted").is_some(),
        "the form asks for the channel"
    );
    assert_eq!(h.state().data().interactions().len(), count, "not saved");
}

/// Item 13: the export dialog asks whether a contacts or interactions CSV is for a spreadsheet
/// (on by default); off, phone numbers are written without the apostrophe.
#[test]
fn the_export_dialog_offers_spreadsheet_safe_csv_on_by_default() {
    use rapport::model::{Edit, Labeled};
    let dir = tempfile::tempdir().unwrap();
    let mut data = sample(None);
    let mut grace = data
        .contacts()
        .iter()
        .find(|c| c.display_name == "Grace Hopper")
        .unwrap()
        .clone();
    grace.phones.push(Labeled::new("+44 20 7946 0000", "work"));
    data.apply(Edit::PutContact(grace)).unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), data)), &answers);
    let export = |h: &mut common::App, answers: &Answers, name: &str, safe: Option<bool>| {
        answers.push(PickResult::Picked(dir.path().join(name)));
        click(h, "File");
        h.get_by_label_contains("Export...").click();
        settle(h);
        click(h, "vCard 3.0");
        assert!(
            h.query_by_label("Spreadsheet-safe").is_none(),
            "no such choice for a vCard"
        );
        click(h, "Contacts CSV");
        let checkbox = h.get_by_role_and_label(Role::CheckBox, "Spreadsheet-safe");
        let on =
            checkbox.accesskit_node().toggled() == Some(eframe::egui::accesskit::Toggled::True);
        if let Some(want) = safe
            && want != on
        {
            checkbox.click();
            settle(h);
        }
        h.get_by_role_and_label(Role::Button, "Export...").click();
        settle(h);
        (on, std::fs::read_to_string(dir.path().join(name)).unwrap())
    };
    let (was_on, text) = export(&mut h, &answers, "sheet.csv", None);
    assert!(was_on, "on by default");
    assert!(text.contains("'+44 20 7946 0000 (work)"), "{text}");
    let (_, text) = export(&mut h, &answers, "plain.csv", Some(false));
    assert!(text.contains(",+44 20 7946 0000 (work),"), "{text}");
    assert!(!text.contains("'+"), "{text}");
    let (was_on, _) = export(&mut h, &answers, "again.csv", None);
    assert!(!was_on, "the choice is kept while the app runs");
}

/// Records the reminders the app would show on the desktop.
#[derive(Clone, Default)]
struct Shown(std::rc::Rc<std::cell::RefCell<Vec<rapport::analytics::reminders::Reminder>>>);

impl rapport::app::reminders::Notifier for Shown {
    fn notify(&mut self, reminder: &rapport::analytics::reminders::Reminder) {
        self.0.borrow_mut().push(reminder.clone());
    }
}

/// Sample data with a follow-up with Ada due today and Grace's birthday today.
fn due_today_file(dir: &std::path::Path) -> std::path::PathBuf {
    use rapport::model::{Birthday, Edit, Interaction};
    let today = rapport::app::RapportApp::today();
    let mut data = sample(None);
    let ada = data.contacts()[0].id;
    let mut grace = data.contacts()[1].clone();
    grace.birthday = Some(Birthday {
        year: None,
        month: chrono::Datelike::month(&today),
        day: chrono::Datelike::day(&today),
    });
    data.apply(Edit::PutContact(grace)).unwrap();
    let mut it = Interaction::new(today - chrono::Days::new(3), vec![ada], ChannelId(1));
    it.summary = "Lunch".into();
    it.follow_up = Some(today);
    data.apply(Edit::PutInteraction(it)).unwrap();
    write(dir, data)
}

fn app_with_reminders(file: std::path::PathBuf, shown: &Shown, off: bool) -> common::App {
    let app = rapport::app::RapportApp::new(rapport::app::AppOptions {
        file: Some(file),
        dialogs: Box::new(Answers::default()),
        notifier: Box::new(shown.clone()),
        prefs: rapport::app::prefs::Prefs {
            reminders_off: off,
            ..Default::default()
        },
        ..Default::default()
    });
    let mut h = egui_kittest::Harness::builder()
        .with_size([1200.0, 800.0])
        .build_ui_state(
            |ui, app: &mut rapport::app::RapportApp| app.ui_main(ui),
            app,
        );
    settle(&mut h);
    common::finish_loading(&mut h);
    h
}

/// Item 12: on start, one desktop reminder of what is due today; not again the same day; none
/// when turned off in the View menu.
#[test]
fn a_desktop_reminder_lists_follow_ups_and_birthdays_due_today_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = due_today_file(dir.path());
    let shown = Shown::default();
    let mut h = app_with_reminders(file.clone(), &shown, false);
    for _ in 0..3 {
        settle(&mut h);
    }
    {
        let list = shown.0.borrow();
        assert_eq!(list.len(), 1, "once a day");
        assert_eq!(list[0].title, "Today: 1 follow-up and 1 birthday");
        assert_eq!(
            list[0].body,
            "Follow up with Ada Lovelace: Lunch\nGrace Hopper's birthday"
        );
    }
    assert!(h.state().reminders_on());
    click(&mut h, "View");
    h.get_by_role_and_label(Role::CheckBox, "Desktop reminders")
        .click();
    settle(&mut h);
    assert!(!h.state().reminders_on(), "the setting turns them off");

    let quiet = Shown::default();
    let mut h = app_with_reminders(file, &quiet, true);
    settle(&mut h);
    assert!(quiet.0.borrow().is_empty(), "off: no reminder");
}
