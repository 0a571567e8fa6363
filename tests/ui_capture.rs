//! Capture through File > Import..., driven through the accessibility tree, headless
//! (`egui_kittest`): the demo data, a calendar, a mailbox, a `WhatsApp` chat and a call log; the
//! preview's counts, the "who are you" question, adding a person, one undo step, and importing
//! the same files again adding nothing.
#![cfg(feature = "gui")]
#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap too: a panic is a failed test"
)]

mod common;

use std::path::{Path, PathBuf};

use common::{Answers, App, click, harness_allowing_missing_glyphs, press, settle, type_into};
use eframe::egui::accesskit::Role;
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use rapport::app::dialogs::PickResult;
use rapport::formats::capture::{self, CaptureOptions, CapturePlan, Clock};
use rapport::model::{Dataset, Me};
use rapport::store;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/capture")
        .join(rel)
}

fn demo_copy(dir: &Path, me: Option<&Me>) -> PathBuf {
    let to = dir.join("data.json");
    let mut doc = store::load(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/demo.json"
    )))
    .unwrap();
    if let Some(me) = me {
        let mut settings = doc.data.settings().clone();
        settings.me = me.clone();
        doc.data
            .apply(rapport::model::Edit::SetSettings(settings))
            .unwrap();
    }
    store::save(&doc, &to).unwrap();
    to
}

fn me() -> Me {
    let mut me = Me::default();
    me.add("me@example.org");
    me.add("Sam Taylor");
    me
}

fn captured(data: &Dataset) -> usize {
    data.interactions()
        .iter()
        .filter(|i| i.source.is_some())
        .count()
}

/// What the rules give for a file on `data`, with the default options.
fn expected(data: &Dataset, file: &str) -> usize {
    let cap = capture::read_capture(
        &fixture(file),
        None,
        &me(),
        &Clock::system(),
        &mut |_, _| true,
    )
    .unwrap();
    CapturePlan::new(data, &cap, &CaptureOptions::for_format(cap.format))
        .interactions
        .len()
}

fn open_import(h: &mut App, answers: &Answers, file: &str) {
    answers.push(PickResult::Picked(fixture(file)));
    click(h, "File");
    h.get_by_label_contains("Import...").click();
    settle(h);
}

fn import(h: &mut App) {
    h.get_by_role_and_label(Role::Button, "Import").click();
    settle(h);
}

#[test]
fn four_sources_through_file_import_add_what_the_rules_give_and_again_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path(), Some(&me()));
    let answers = Answers::default();
    let mut h = harness_allowing_missing_glyphs(Some(path), &answers);
    common::finish_loading(&mut h);
    let files = [
        "calendar.ics",
        "mailbox.mbox",
        "WhatsApp Chat with Sofia Marchetti.txt",
        "calls.xml",
    ];
    let touches = |h: &App| -> usize {
        let view = &h.state().insights().view;
        h.state()
            .data()
            .contacts()
            .iter()
            .map(|c| view.touches(c.id).len())
            .sum()
    };
    let before = touches(&h);
    let mut total = 0;
    for file in files {
        let want = expected(h.state().data(), file);
        assert!(want > 0, "{file}");
        open_import(&mut h, &answers, file);
        h.get_by_label_contains(&format!("{want} interactions to add"));
        import(&mut h);
        total += want;
        assert_eq!(captured(h.state().data()), total, "{file}");
    }
    // The analytics behind the charts and the plan counted every captured interaction once for
    // each of its people.
    let people: usize = h
        .state()
        .data()
        .interactions()
        .iter()
        .filter(|i| i.source.is_some())
        .map(|i| i.participants.len())
        .sum();
    assert_eq!(touches(&h), before + people);
    // The same files again add nothing; the calendar's preview lists its skipped events with
    // their reasons, "already imported" among them.
    for file in files {
        open_import(&mut h, &answers, file);
        h.get_by_label_contains("0 interactions to add");
        h.get_by_label_contains("already imported");
        h.get_by_label_contains("Nothing to import");
        if file == "calendar.ics" {
            h.get_by_label_contains("1 × an event you declined");
        }
        assert!(
            h.get_by_role_and_label(Role::Button, "Import")
                .accesskit_node()
                .is_disabled()
        );
        h.get_by_role_and_label(Role::Button, "Cancel").click();
        settle(&mut h);
    }
    assert_eq!(captured(h.state().data()), total);

    // Each import is one undo step.
    let calls = expected(&Dataset::new(), "calls.xml");
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(captured(h.state().data()), total - 3);
    assert_eq!(calls, 0, "with no contacts, no call matches");
}

#[test]
fn the_preview_asks_who_i_am_then_adds_a_chosen_person() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path(), None);
    let answers = Answers::default();
    let mut h = harness_allowing_missing_glyphs(Some(path), &answers);
    common::finish_loading(&mut h);
    open_import(&mut h, &answers, "mailbox.mbox");
    h.get_by_label_contains("cannot tell which messages are yours");
    type_into(
        &mut h,
        "Add your email, phone or chat name",
        "me@example.org",
    );
    h.get_by_role_and_label(Role::Button, "Save and read again")
        .click();
    settle(&mut h);
    assert_eq!(h.state().data().settings().me.emails, ["me@example.org"]);
    h.get_by_label_contains("interactions to add");
    // Ola is not a contact: two interactions; ticking him adds him with both.
    h.get_by_label_contains("Ola Nordmann <ola@nordic.example>: 2 interactions")
        .click();
    settle(&mut h);
    let before = h.state().data().contacts().len();
    import(&mut h);
    let data = h.state().data();
    assert_eq!(data.contacts().len(), before + 1);
    let ola = data
        .contacts()
        .iter()
        .find(|c| c.display_name == "Ola Nordmann")
        .unwrap();
    assert_eq!(data.interactions_of(ola.id).count(), 2);
}

#[test]
fn who_i_am_is_editable_and_the_contact_page_says_where_an_interaction_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path(), Some(&me()));
    let answers = Answers::default();
    let mut h = harness_allowing_missing_glyphs(Some(path), &answers);
    common::finish_loading(&mut h);
    open_import(&mut h, &answers, "calls.xml");
    h.get_by_label_contains("Who you are: me@example.org, Sam Taylor")
        .click();
    settle(&mut h);
    type_into(
        &mut h,
        "Add your email, phone or chat name",
        "+49 171 2345678",
    );
    h.get_by_role_and_label(Role::Button, "Save and read again")
        .click();
    settle(&mut h);
    assert_eq!(h.state().data().settings().me.phones, ["+49 171 2345678"]);
    h.get_by_role_and_label(Role::Button, "Remove Sam Taylor")
        .click();
    settle(&mut h);
    assert!(h.state().data().settings().me.names.is_empty());
    import(&mut h);
    assert!(captured(h.state().data()) > 0);
    type_into(&mut h, "Search", "Sofia");
    h.get_by_label_contains("Sofia Marchetti").click();
    // The history is below the contact's details on the one scrolling page: a tall window shows it.
    h.set_size(eframe::egui::vec2(1200.0, 3000.0));
    settle(&mut h);
    assert!(
        h.get_all_by_label_contains("from Android call log")
            .next()
            .is_some()
    );
}

#[test]
fn a_dropped_folder_of_mail_is_one_source() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path(), Some(&me()));
    let answers = Answers::default();
    let mut h = harness_allowing_missing_glyphs(Some(path), &answers);
    common::finish_loading(&mut h);
    common::drop_file(&mut h, &fixture("eml"));
    // Two messages of one thread on one day with Marcus: one interaction.
    h.get_by_label_contains("mail messages (.eml): 1 interaction to add");
    import(&mut h);
    let data = h.state().data();
    let it = data
        .interactions()
        .iter()
        .find(|i| i.source.is_some())
        .unwrap();
    assert_eq!(it.summary, "Proofs");
    assert_eq!(data.channel(it.channel).unwrap().name, "Email");
}

#[test]
fn file_who_you_are_edits_settings_me_in_undoable_steps() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_copy(dir.path(), None);
    let answers = Answers::default();
    let mut h = harness_allowing_missing_glyphs(Some(path), &answers);
    common::finish_loading(&mut h);
    click(&mut h, "File");
    h.get_by_label_contains("Who you are...").click();
    settle(&mut h);
    h.get_by_label_contains("Rapport does not know who you are yet");
    type_into(
        &mut h,
        "Add your email, phone or chat name",
        "sam@example.org",
    );
    h.get_by_role_and_label(Role::Button, "Add").click();
    settle(&mut h);
    type_into(&mut h, "Add your email, phone or chat name", "Sam Taylor");
    h.get_by_role_and_label(Role::Button, "Add").click();
    settle(&mut h);
    let me = &h.state().data().settings().me;
    assert_eq!(me.emails, ["sam@example.org"]);
    assert_eq!(me.names, ["Sam Taylor"]);
    h.get_by_role_and_label(Role::Button, "Remove sam@example.org")
        .click();
    settle(&mut h);
    assert!(h.state().data().settings().me.emails.is_empty());
    h.get_by_role_and_label(Role::Button, "Close").click();
    settle(&mut h);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().data().settings().me.emails, ["sam@example.org"]);
}
