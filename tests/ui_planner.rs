//! The "This week" planner page, driven headless through the accessibility tree (`egui_kittest`):
//! due list, one-click logging, snooze and undo, status markers, cadence defaults, the chart tab
//! and the calendar export through the dialog trait. Dates are relative to `RapportApp::today()`.
#![cfg(feature = "gui")]
#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap too: a panic is a failed test"
)]

mod common;

use std::path::Path;

use chrono::{Days, NaiveDate};
use common::{
    Answers, App, click, contact_id, harness, harness_allowing_missing_glyphs, press, settle,
    type_into, write,
};
use eframe::egui::accesskit::Role;
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use rapport::app::RapportApp;
use rapport::app::dialogs::PickResult;
use rapport::app::views::Page;
use rapport::model::{ChannelId, Contact, Dataset, Edit, Interaction};

fn days_ago(n: u64) -> NaiveDate {
    RapportApp::today() - Days::new(n)
}

/// Olga is overdue (every 10 days, last seen 30 days ago), Tina is fine (every 60 days, 3 days
/// ago), Tom has no cadence of his own and the tier defaults are all 400 days (so he is fine).
fn network() -> Dataset {
    let mut data = Dataset::new();
    let mut settings = data.settings().clone();
    settings.cadence.by_tier = [400; 5];
    data.apply(Edit::SetSettings(settings)).unwrap();
    for (name, cadence, ago) in [
        ("Olga Overdue", Some(10), 30),
        ("Tina Fine", Some(60), 3),
        ("Tom Tier", None, 20),
    ] {
        let mut c = Contact::new(name);
        c.cadence_days = cadence;
        let id = c.id;
        data.apply(Edit::PutContact(c)).unwrap();
        let mut it = Interaction::new(days_ago(ago), vec![id], ChannelId(4));
        it.summary = format!("Call with {name}");
        data.apply(Edit::PutInteraction(it)).unwrap();
    }
    data
}

fn open(dir: &Path, data: Dataset, answers: &Answers) -> App {
    let mut h = harness(Some(write(dir, data)), answers);
    press(&mut h, Modifiers::COMMAND, Key::Num2);
    assert_eq!(
        h.state().page(),
        Page::Plan,
        "Ctrl+2 opens This week, the second tab"
    );
    h
}

fn shows(h: &App, label: &str) -> bool {
    h.query_by_label(label).is_some()
}

#[test]
fn overdue_person_is_listed_and_logging_from_the_row_clears_them() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = open(dir.path(), network(), &answers);
    let olga = contact_id(&h, "Olga Overdue");
    assert!(shows(&h, "Olga Overdue"), "overdue person listed");
    assert!(
        !shows(&h, "Tina Fine"),
        "people within their cadence are not"
    );
    assert!(!shows(&h, "Tom Tier"));
    assert!(
        h.query_by_label_contains(
            "30 days since last contact; every 10 days (set for this person)"
        )
        .is_some(),
        "the row says how far behind and where the cadence comes from"
    );
    assert!(shows(&h, "Overdue"), "the status marker is named");

    // One click opens the form prefilled with her and the suggested channel; Enter saves.
    let suggested = {
        let app = h.state();
        rapport::analytics::planner::plan_item(app.data(), &app.insights().plan, olga)
            .and_then(|p| p.suggestion)
            .and_then(|s| s.channel)
            .expect("a suggested channel")
    };
    click(&mut h, "Log interaction...");
    type_into(&mut h, "Summary", "Lunch together");
    press(&mut h, Modifiers::NONE, Key::Enter);
    let logged: Vec<_> = h
        .state()
        .data()
        .interactions_of(olga)
        .filter(|it| it.summary == "Lunch together")
        .cloned()
        .collect();
    assert_eq!(logged.len(), 1, "Enter saved the prefilled interaction");
    assert_eq!(logged[0].participants, vec![olga]);
    assert_eq!(logged[0].channel, suggested, "on the suggested channel");
    assert_eq!(logged[0].date, RapportApp::today());
    assert!(!shows(&h, "Olga Overdue"), "she left the due list");
    assert!(shows(&h, "Nobody is due this week"));
}

#[test]
fn snooze_hides_and_undo_brings_back() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = open(dir.path(), network(), &answers);
    let olga = contact_id(&h, "Olga Overdue");
    click(&mut h, "Snooze");
    click(&mut h, "2 weeks");
    assert_eq!(
        h.state().data().contact(olga).unwrap().snoozed_until,
        Some(RapportApp::today() + Days::new(14))
    );
    assert!(
        !shows(&h, "Olga Overdue"),
        "snoozed people leave the due list"
    );
    // The snoozed section names her and when she comes back.
    click(&mut h, "Snoozed (1)");
    assert!(shows(&h, "Olga Overdue"));
    assert!(h.query_by_label_contains("snoozed until").is_some());

    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().data().contact(olga).unwrap().snoozed_until, None);
    assert!(shows(&h, "Olga Overdue"), "undo brings her back");

    // Unsnooze from the snoozed section.
    click(&mut h, "Snooze");
    click(&mut h, "1 week");
    assert_eq!(
        h.state().data().contact(olga).unwrap().snoozed_until,
        Some(RapportApp::today() + Days::new(7))
    );
    // The snoozed section is still open: she is listed there only.
    assert!(!shows(&h, "Log interaction..."), "not in the due list");
    assert!(h.query_by_label_contains("snoozed until").is_some());
    click(&mut h, "Unsnooze");
    assert_eq!(h.state().data().contact(olga).unwrap().snoozed_until, None);
    assert!(shows(&h, "Snoozed (0)"));
    assert!(shows(&h, "Log interaction..."), "back in the due list");
}

#[test]
fn contact_list_marks_overdue_people() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = open(dir.path(), network(), &answers);
    press(&mut h, Modifiers::COMMAND, Key::Num1);
    assert_eq!(h.state().page(), Page::Contacts);
    let markers: Vec<_> = h.get_all_by_label("Overdue").collect();
    assert_eq!(markers.len(), 1, "one marker: Olga's");
    assert!(!shows(&h, "Due"), "nobody else is marked");
    assert!(!shows(&h, "Never contacted"));

    // Her page shows the status, the cadence and its source, and the next best channel.
    click(&mut h, "Olga Overdue");
    assert!(
        h.query_by_label_contains("every 10 days (set for this person)")
            .is_some()
    );
    assert!(h.query_by_label_contains("Next: ").is_some());
}

#[test]
fn tier_cadence_changes_who_is_due_and_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = open(dir.path(), network(), &answers);
    let tom = contact_id(&h, "Tom Tier");
    let tier = h.state().insights().plan.contact(tom).unwrap().tier;
    assert!(!shows(&h, "Tom Tier"));

    click(&mut h, "Cadences");
    h.get_by_role_and_label(Role::SpinButton, &format!("Tier {tier}"))
        .set_value_accesskit(10.0);
    settle(&mut h);
    assert_eq!(
        h.state().data().settings().cadence.by_tier[tier.index()],
        10
    );
    click(&mut h, "Who to reach");
    assert!(
        shows(&h, "Tom Tier"),
        "20 days against a 10-day tier cadence"
    );
    assert!(
        h.query_by_label_contains(&format!("every 10 days (from tier {tier})"))
            .is_some()
    );

    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().data().settings().cadence.by_tier, [400; 5]);
    assert!(!shows(&h, "Tom Tier"), "undo restores the old cadence");
}

#[test]
fn tag_cadence_rows_add_and_remove() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = open(dir.path(), network(), &answers);
    click(&mut h, "Cadences");
    type_into(&mut h, "Tag", "client");
    type_into(&mut h, "Every", "14");
    click(&mut h, "Add tag cadence");
    assert_eq!(
        h.state().data().settings().cadence.by_tag.get("client"),
        Some(&14)
    );
    click(&mut h, "Remove");
    assert!(h.state().data().settings().cadence.by_tag.is_empty());
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        h.state().data().settings().cadence.by_tag.get("client"),
        Some(&14),
        "removing is undoable"
    );
}

#[test]
fn opens_on_empty_data_and_on_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = open(dir.path(), Dataset::new(), &answers);
    assert!(shows(&h, "Nobody is due this week"));
    click(&mut h, "Plan vs actual");
    click(&mut h, "Cadences");

    // The demo has names the test fonts cannot draw (the app shows a box for them too).
    let mut h = harness_allowing_missing_glyphs(None, &answers);
    press(&mut h, Modifiers::COMMAND, Key::Num2);
    assert_eq!(h.state().page(), Page::Plan);
    assert!(
        h.query_by_label_contains(" done").is_some(),
        "the week plan"
    );
    click(&mut h, "Plan vs actual");
    click(&mut h, "Tag");
    click(&mut h, "Cadences");
    click(&mut h, "Who to reach");
    h.get_by_label_contains("Never contacted (").click();
    settle(&mut h);
}

#[test]
fn exports_the_plan_to_ics_through_the_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = open(dir.path(), network(), &answers);
    let out = dir.path().join("plan.ics");
    answers.push(PickResult::Picked(out.clone()));
    click(&mut h, "Export to calendar...");
    let asked = answers.asked.borrow().last().cloned().unwrap();
    assert!(
        asked
            .filters
            .iter()
            .any(|(_, e)| e.contains(&"ics".to_owned()))
    );
    let ics = std::fs::read_to_string(&out).expect("the calendar was written");
    assert!(calcard::icalendar::ICalendar::parse(&ics).is_ok(), "{ics}");
    assert!(ics.contains("Olga Overdue"), "{ics}");
    assert!(!ics.contains("Tina Fine"), "not due within 30 days: {ics}");
}

#[test]
fn export_falls_back_to_a_typed_path_without_a_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = open(dir.path(), network(), &answers);
    answers.push(PickResult::Unavailable);
    click(&mut h, "Export to calendar...");
    assert!(
        h.query_by_label_contains("No file dialog is available")
            .is_some()
    );
    let field = h.get_by_role_and_label(Role::TextInput, "Path");
    field.focus();
    settle(&mut h);
    for _ in 0..60 {
        h.key_press(Key::Backspace);
    }
    settle(&mut h);
    let out = dir.path().join("typed");
    type_into(&mut h, "Path", &out.display().to_string());
    press(&mut h, Modifiers::NONE, Key::Enter);
    let ics = std::fs::read_to_string(dir.path().join("typed.ics")).expect(".ics was added");
    assert!(calcard::icalendar::ICalendar::parse(&ics).is_ok());
    assert!(ics.contains("Olga Overdue"));
}
