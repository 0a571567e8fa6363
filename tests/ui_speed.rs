//! Issue 12 in the window: what is typed while a file opens is kept and searched for once it is
//! open, and a new search shows the best matches first.
#![cfg(feature = "gui")]

mod common;

use common::{Answers, contact_id, sample, write};
use eframe::egui::{self, Event};
use egui_kittest::Harness;
use rapport::app::commands::Command;
use rapport::app::views::Page;
use rapport::app::{AppOptions, RapportApp};

#[test]
fn letters_typed_while_a_file_opens_become_the_search() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), sample(None));
    let app = RapportApp::new(AppOptions {
        file: None,
        dialogs: Box::new(Answers::default()),
        ..AppOptions::default()
    });
    let mut h = Harness::builder()
        .with_size([1200.0, 800.0])
        .build_ui_state(|ui, app: &mut RapportApp| app.ui_main(ui), app);
    let ctx = h.ctx.clone();
    h.state_mut().run_command(&ctx, Command::OpenPath(path));
    assert!(h.state().is_busy(), "the file is opening");
    // "gx", a Backspace, then "race": what a person fixing a typo types.
    h.event(Event::Text("gx".into()));
    h.event(Event::Key {
        key: egui::Key::Backspace,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.event(Event::Text("race".into()));
    h.step();
    h.state_mut().finish_background_work(&ctx);
    h.run_steps(3);
    assert!(!h.state().is_busy());
    assert_eq!(h.state().search_text(), "grace");
    assert_eq!(h.state().page(), Page::Contacts);
    let grace = contact_id(&h, "Grace Hopper");
    assert_eq!(h.state().list_rows(), [grace]);
}

/// A new search shows the top of the list (its best matches), even when the selected person,
/// further down and among the matches, had the list scrolled to them.
#[test]
fn a_new_search_starts_at_the_top_of_the_list() {
    use common::{harness_sized, press, settle};
    use eframe::egui::Key;
    use egui_kittest::kittest::Queryable as _;
    use rapport::model::{Contact, Dataset, Edit};
    let mut data = Dataset::new();
    for i in 0..200 {
        data.apply(Edit::PutContact(Contact::new(format!("Person {i:03}"))))
            .unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness_sized(Some(write(dir.path(), data)), &answers, [1000.0, 500.0]);
    let last = contact_id(&h, "Person 199");
    let ctx = h.ctx.clone();
    h.state_mut()
        .run_command(&ctx, Command::SelectContact(Some(last)));
    settle(&mut h);
    assert!(
        h.query_by_label("Person 000").is_none(),
        "scrolled to the end"
    );
    assert!(
        h.query_all_by_label("Person 199").count() >= 2,
        "in the list and on the page"
    );
    press(&mut h, egui::Modifiers::COMMAND, Key::F);
    h.get_by_role_and_label(eframe::egui::accesskit::Role::TextInput, "Search")
        .type_text("person");
    settle(&mut h);
    assert_eq!(h.state().list_rows().len(), 200);
    assert!(h.query_by_label("Person 000").is_some(), "back at the top");
}
