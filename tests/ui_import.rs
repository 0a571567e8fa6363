//! Import, export and duplicates, driven through the accessibility tree, headless
//! (`egui_kittest`). File dialogs are answered by the test through the `FileDialogs` trait.
#![cfg(feature = "gui")]
#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap too: a panic is a failed test"
)]

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use common::{Answers, App, click, contact_id, drop_file, harness, press, settle, write};
use eframe::egui::accesskit::Role;
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use rapport::app::dialogs::PickResult;
use rapport::model::{ChannelId, Contact, Dataset, Edit, Interaction};
use rapport::store::{self, Document};

/// The shared sample network, with Ada's work email set (imports match on it).
fn sample() -> Dataset {
    common::sample(Some("ada@example.com"))
}

fn write_sample(dir: &Path) -> PathBuf {
    write(dir, sample())
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn names(h: &App) -> Vec<String> {
    h.state()
        .data()
        .contacts()
        .iter()
        .map(|c| c.display_name.clone())
        .collect()
}

fn import_button(h: &mut App) {
    h.get_by_role_and_label(Role::Button, "Import").click();
    settle(h);
}

#[test]
fn a_vcard_imported_through_the_menu_is_previewed_applied_and_undone_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let path = write_sample(dir.path());
    let mut h = harness(Some(path.clone()), &answers);
    let vcf = fixture("vcard/ezvcard_John_Doe_IPHONE.vcf");
    answers.push(PickResult::Picked(vcf.clone()));

    click(&mut h, "File");
    h.get_by_label_contains("Import...").click();
    settle(&mut h);

    let asked = answers.asked.borrow().last().cloned().unwrap();
    assert_eq!(asked.title, "Import contacts");
    assert!(
        asked
            .filters
            .iter()
            .any(|(_, ext)| ext.iter().any(|e| e == "vcf")),
        "the dialog offers vCard files"
    );
    assert!(
        h.query_by_label("Import ezvcard_John_Doe_IPHONE.vcf")
            .is_some()
    );
    assert!(
        h.query_by_label("1 new").is_some(),
        "one card, one new contact"
    );
    assert!(h.query_by_label("0 merged").is_some());
    assert!(h.query_by_label("0 skipped").is_some());
    assert!(
        h.query_by_label_contains("john.doe@ibm.com").is_some(),
        "the new contact is listed with its email"
    );
    assert_eq!(names(&h).len(), 2, "nothing changes before Import");

    import_button(&mut h);
    let after = names(&h);
    assert_eq!(after.len(), 3);
    let john = h
        .state()
        .data()
        .contacts()
        .iter()
        .find(|c| c.emails.iter().any(|e| e.value == "john.doe@ibm.com"))
        .expect("John Doe imported");
    assert_eq!(john.organization, "IBM");
    assert!(h.state().is_dirty());

    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(names(&h), ["Ada Lovelace", "Grace Hopper"]);
    assert!(
        !h.state().is_dirty(),
        "one undo step removes the whole import"
    );
}

#[test]
fn ctrl_i_opens_the_preview_and_cancel_or_escape_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let path = write_sample(dir.path());
    let mut h = harness(Some(path), &answers);
    let before = h.state().data().clone();
    let vcf = fixture("vcard/ezvcard_rfc6350-example.vcf");

    answers.push(PickResult::Picked(vcf.clone()));
    press(&mut h, Modifiers::COMMAND, Key::I);
    assert!(
        h.query_by_label("Import ezvcard_rfc6350-example.vcf")
            .is_some()
    );
    click(&mut h, "Cancel");
    assert!(
        h.query_by_label("Import ezvcard_rfc6350-example.vcf")
            .is_none()
    );

    answers.push(PickResult::Picked(vcf));
    press(&mut h, Modifiers::COMMAND, Key::I);
    assert!(
        h.query_by_label("Import ezvcard_rfc6350-example.vcf")
            .is_some()
    );
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(
        h.query_by_label("Import ezvcard_rfc6350-example.vcf")
            .is_none()
    );

    assert_eq!(h.state().data(), &before);
    assert!(!h.state().is_dirty());
}

#[test]
fn a_card_with_a_known_email_is_merged_into_that_contact() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let path = write_sample(dir.path());
    let mut h = harness(Some(path), &answers);
    let vcf = dir.path().join("ada.vcf");
    std::fs::write(
        &vcf,
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Augusta Ada Lovelace\r\nEMAIL:ADA@example.com\r\n\
         TEL;TYPE=CELL:+44 20 7946 0001\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Charles Babbage\r\nEND:VCARD\r\n",
    )
    .unwrap();
    answers.push(PickResult::Picked(vcf));
    press(&mut h, Modifiers::COMMAND, Key::I);
    assert!(h.query_by_label("1 new").is_some());
    assert!(h.query_by_label("1 merged").is_some());
    h.get_by_label_contains("Merged (1)").click();
    settle(&mut h);
    assert!(
        h.query_by_label_contains("Augusta Ada Lovelace (line 1) into Ada Lovelace · same email")
            .is_some(),
        "the preview says who merges into whom and why"
    );
    assert!(h.query_by_label_contains("+44 20 7946 0001").is_some());

    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(
        names(&h),
        ["Ada Lovelace", "Grace Hopper", "Charles Babbage"]
    );
    let ada = contact_id(&h, "Ada Lovelace");
    let ada = h.state().data().contact(ada).unwrap();
    assert!(ada.phones.iter().any(|p| p.value == "+44 20 7946 0001"));
    assert!(
        ada.notes.contains("Augusta Ada Lovelace"),
        "the other name is kept"
    );
}

#[test]
fn a_broken_file_shows_an_error_naming_it_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let path = write_sample(dir.path());
    let mut h = harness(Some(path), &answers);
    let before = h.state().data().clone();
    let broken = dir.path().join("broken.vcf");
    std::fs::write(&broken, "this is not an address book\n\u{1}\u{2}\u{3}").unwrap();
    answers.push(PickResult::Picked(broken));
    press(&mut h, Modifiers::COMMAND, Key::I);
    assert!(
        h.query_by_label_contains("Could not read broken.vcf")
            .is_some(),
        "the error names the file"
    );
    assert!(
        h.query_by_label_contains("choose it under Read as")
            .is_some()
    );
    assert!(h.query_by_role_and_label(Role::Button, "Import").is_none());
    click(&mut h, "Close");
    assert_eq!(h.state().data(), &before);
    assert!(!h.state().is_dirty());

    let missing = dir.path().join("missing.csv");
    answers.push(PickResult::Picked(missing));
    press(&mut h, Modifiers::COMMAND, Key::I);
    assert!(
        h.query_by_label_contains("Could not read missing.csv")
            .is_some()
    );
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert_eq!(h.state().data(), &before);
}

#[test]
fn the_format_can_be_chosen_instead_of_detected() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let path = write_sample(dir.path());
    let mut h = harness(Some(path), &answers);
    let csv = dir.path().join("people.csv");
    // `Labels` + `First Name` reads as Google; the email column is Outlook's.
    // Read as vCard it is refused; read as Outlook CSV it imports.
    std::fs::write(
        &csv,
        "First Name,Last Name,E-mail Address,Labels\nAlan,Turing,alan@example.org,friends\n",
    )
    .unwrap();
    answers.push(PickResult::Picked(csv));
    press(&mut h, Modifiers::COMMAND, Key::I);
    assert!(h.query_by_label("1 new").is_some(), "detected as Google");
    click(&mut h, "Read as");
    click(&mut h, "vCard");
    assert!(
        h.query_by_label_contains("Could not read people.csv: it is not a vCard file")
            .is_some()
    );
    click(&mut h, "Read as");
    click(&mut h, "Outlook CSV");
    assert!(h.query_by_label("1 new").is_some(), "read as Outlook");
    import_button(&mut h);
    let alan = contact_id(&h, "Alan Turing");
    let alan = h.state().data().contact(alan).unwrap();
    assert_eq!(alan.emails[0].value, "alan@example.org");
}

#[test]
fn dropping_a_vcard_opens_the_import_preview() {
    let answers = Answers::default();
    let mut h = harness(None, &answers);
    let before = h.state().data().contacts().len();
    drop_file(&mut h, &fixture("vcard/ezvcard_John_Doe_GMAIL.vcf"));
    assert!(
        h.query_by_label("Import ezvcard_John_Doe_GMAIL.vcf")
            .is_some()
    );
    assert!(h.query_by_label("1 new").is_some());
    import_button(&mut h);
    assert_eq!(h.state().data().contacts().len(), before + 1);
    assert!(
        h.state().is_demo(),
        "importing does not replace the document"
    );
}

#[test]
fn a_vcard_named_on_the_command_line_is_previewed_in_a_new_document() {
    let answers = Answers::default();
    let mut h = harness(Some(fixture("csv/outlook_com_synth.csv")), &answers);
    settle(&mut h);
    assert!(!h.state().is_demo());
    assert_eq!(
        h.state().path(),
        None,
        "the CSV does not become the document's file"
    );
    assert!(h.query_by_label("Import outlook_com_synth.csv").is_some());
    import_button(&mut h);
    assert!(!h.state().data().contacts().is_empty());
}

#[test]
fn export_to_contacts_csv_writes_the_file_and_leaves_the_document_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let path = write_sample(dir.path());
    let mut h = harness(Some(path.clone()), &answers);
    let out = dir.path().join("people");
    answers.push(PickResult::Picked(out.clone()));

    click(&mut h, "File");
    h.get_by_label_contains("Export...").click();
    settle(&mut h);
    click(&mut h, "Contacts CSV");
    h.get_by_role_and_label(Role::Button, "Export...").click();
    settle(&mut h);

    let asked = answers.asked.borrow().last().cloned().unwrap();
    assert_eq!(asked.file_name.as_deref(), Some("network-contacts.csv"));
    assert_eq!(asked.filters[0].1, ["csv"]);
    let written = dir.path().join("people.csv");
    let text = std::fs::read_to_string(&written).expect("the export is written with .csv added");
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("id,name,given_name,family_name,")
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 2);
    assert!(
        rows.iter()
            .any(|r| r.contains("Ada Lovelace") && r.contains("ada@example.com"))
    );
    assert_eq!(
        h.state().last_export_message(),
        Some("Exported Contacts CSV to people.csv")
    );
    assert_eq!(h.state().path(), Some(path.as_path()));
    assert!(!h.state().is_dirty());
}

#[test]
fn export_without_a_dialog_asks_for_a_path_and_keeps_asking_while_its_folder_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(None, &answers);
    answers.push(PickResult::Unavailable);
    click(&mut h, "File");
    h.get_by_label_contains("Export...").click();
    settle(&mut h);
    click(&mut h, "vCard 4.0");
    press(&mut h, Modifiers::NONE, Key::Enter);
    let target = dir.path().join("no-such-folder").join("cards.vcf");
    // The suggested path is selected: typing replaces it.
    h.get_by_role_and_label(Role::TextInput, "Path")
        .type_text(&target.display().to_string());
    settle(&mut h);
    click(&mut h, "OK");
    let missing = format!(
        "The folder {} does not exist.",
        dir.path().join("no-such-folder").display()
    );
    assert!(h.query_by_label(&missing).is_some(), "the reason is shown");
    assert!(h.state().last_export_message().is_none(), "nothing written");
    std::fs::create_dir(dir.path().join("no-such-folder")).unwrap();
    click(&mut h, "OK");
    assert_eq!(
        h.state().last_export_message(),
        Some("Exported vCard 4.0 to cards.vcf")
    );
    assert!(target.exists());
    assert!(!h.state().is_dirty());
}

/// Sample data plus a planted duplicate of Grace, who has an interaction of her own.
fn with_duplicate(dir: &Path) -> PathBuf {
    let mut data = sample();
    let grace = data
        .contacts()
        .iter()
        .find(|c| c.display_name == "Grace Hopper")
        .unwrap()
        .clone();
    let mut g = grace.clone();
    g.phones
        .push(rapport::model::Labeled::new("+1 555 0100", "work"));
    data.apply(Edit::PutContact(g)).unwrap();
    let mut twin = Contact::new("grace hopper");
    twin.phones
        .push(rapport::model::Labeled::new("+1 (555) 0100", "mobile"));
    twin.organization = "US Navy".into();
    let twin_id = twin.id;
    data.apply(Edit::PutContact(twin)).unwrap();
    let mut it = Interaction::new(
        NaiveDate::from_ymd_opt(2026, 2, 1).unwrap(),
        vec![twin_id],
        ChannelId(1),
    );
    it.summary = "Coffee about compilers".into();
    data.apply(Edit::PutInteraction(it)).unwrap();
    let path = dir.join("dupes.json");
    store::save(&Document::new(data), &path).unwrap();
    path
}

#[test]
fn find_duplicates_lists_a_planted_pair_and_merges_it_undoably() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let path = with_duplicate(dir.path());
    let mut h = harness(Some(path), &answers);
    let before = h.state().data().clone();

    click(&mut h, "Contact");
    h.get_by_label_contains("Find duplicates").click();
    settle(&mut h);
    assert!(h.query_by_label("1 possible duplicate").is_some());
    assert!(
        h.query_by_label_contains("Grace Hopper and grace hopper")
            .is_some(),
        "the pair is listed"
    );
    assert!(h.query_by_label("same name").is_some());
    assert!(
        h.query_by_label("both have the phone +1 555 0100")
            .is_some()
    );
    assert!(
        h.query_by_label("US Navy").is_some(),
        "details side by side"
    );

    click(&mut h, "Merge into left");
    let data = h.state().data();
    assert_eq!(data.contacts().len(), 2);
    let grace = data
        .contacts()
        .iter()
        .find(|c| c.display_name == "Grace Hopper")
        .unwrap();
    assert_eq!(
        grace.organization, "US Navy",
        "an empty field takes the other's value"
    );
    let moved = data
        .interactions()
        .iter()
        .find(|i| i.summary == "Coffee about compilers")
        .unwrap();
    assert_eq!(
        moved.participants,
        [grace.id],
        "the interaction follows the kept contact"
    );
    assert!(h.query_by_label("No likely duplicates found").is_some());

    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().data().contacts(), before.contacts());
    assert_eq!(h.state().data().interactions(), before.interactions());
}

#[test]
fn a_dismissed_pair_is_not_proposed_again() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let path = with_duplicate(dir.path());
    let mut h = harness(Some(path), &answers);
    click(&mut h, "Duplicates");
    click(&mut h, "Not a duplicate");
    assert!(h.query_by_label("No likely duplicates found").is_some());
    click(&mut h, "Contacts");
    click(&mut h, "Duplicates");
    assert!(h.query_by_label("No likely duplicates found").is_some());
    assert_eq!(
        h.state().data().contacts().len(),
        3,
        "dismissing changes no data"
    );
}

#[test]
fn a_file_dropped_while_a_dialog_is_open_does_not_replace_it() {
    let answers = Answers::default();
    let mut h = harness(None, &answers);
    press(&mut h, Modifiers::COMMAND, Key::L);
    assert!(h.query_by_label("Log interaction").is_some());
    drop_file(&mut h, &fixture("vcard/ezvcard_John_Doe_GMAIL.vcf"));
    assert!(
        h.query_by_label("Import ezvcard_John_Doe_GMAIL.vcf")
            .is_none()
    );
    assert!(
        h.query_by_label("Log interaction").is_some(),
        "the form stays open"
    );
}

#[test]
fn another_rapport_file_shows_its_conflicts_and_the_newer_edit_wins() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let path = write_sample(dir.path());
    let mut doc = store::load(&path).unwrap();
    let ada = doc
        .data
        .contacts()
        .iter()
        .find(|c| c.display_name == "Ada Lovelace")
        .unwrap()
        .clone();
    let mut newer = ada.clone();
    newer.organization = "Babbage & Co".into();
    newer.updated = ada.updated + chrono::Duration::hours(1);
    doc.data.apply(Edit::PutContact(newer)).unwrap();
    doc.data
        .apply(Edit::PutContact(Contact::new("Charles Babbage")))
        .unwrap();
    let other = dir.path().join("laptop.json");
    store::save(&doc, &other).unwrap();

    let mut h = harness(Some(path), &answers);
    answers.push(PickResult::Picked(other));
    press(&mut h, Modifiers::COMMAND, Key::I);
    assert!(h.query_by_label("1 new").is_some());
    assert!(h.query_by_label("1 conflict").is_some());
    h.get_by_label_contains("Conflicts (1)").click();
    settle(&mut h);
    assert!(
        h.query_by_label("Contact \"Ada Lovelace\" differs")
            .is_some()
    );
    import_button(&mut h);
    let ada = h.state().data().contact(ada.id).unwrap();
    assert_eq!(ada.organization, "Babbage & Co", "the later edit wins");
    assert_eq!(names(&h).len(), 3);
}

#[test]
fn rows_can_be_left_out_and_proposed_merges_accepted_one_by_one_then_imports_are_marked() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let path = write_sample(dir.path());
    let mut h = harness(Some(path), &answers);
    let vcf = dir.path().join("three.vcf");
    std::fs::write(
        &vcf,
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nEMAIL:grace@navy.example\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Charles Babbage\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alan Turing\r\nEND:VCARD\r\n",
    )
    .unwrap();
    answers.push(PickResult::Picked(vcf));
    press(&mut h, Modifiers::COMMAND, Key::I);
    // The same name alone is only proposed, and the preview opens on it.
    assert!(h.query_by_label("1 proposed merge").is_some());
    assert!(h.query_by_label("3 new").is_some());
    h.get_by_label_contains("Merge Grace Hopper (line 1) into Grace Hopper")
        .click();
    settle(&mut h);
    assert!(
        h.query_by_label("1 merged").is_some(),
        "ticked, the merge is made"
    );
    assert!(h.query_by_label("2 new").is_some());
    h.get_by_label_contains("New (2)").click();
    settle(&mut h);
    h.get_by_label_contains("Alan Turing (line 10)").click();
    settle(&mut h);
    assert!(h.query_by_label("1 left out").is_some());
    assert!(h.query_by_label("1 new").is_some());
    h.get_by_label_contains("Left out (1)").click();
    settle(&mut h);
    assert!(h.query_by_label_contains("Alan Turing (line 10)").is_some());

    import_button(&mut h);
    assert_eq!(
        names(&h),
        ["Ada Lovelace", "Grace Hopper", "Charles Babbage"]
    );
    let grace = contact_id(&h, "Grace Hopper");
    assert!(
        h.state().data().contact(grace).unwrap().emails[0].value == "grace@navy.example",
        "the accepted merge filled in Grace's email"
    );
    assert_eq!(
        h.query_all_by_label("Just imported").count(),
        2,
        "Grace and Charles are marked in the list"
    );
}
