//! The command table through the app: the command palette (Ctrl+K) lists every command with its
//! shortcut, filters as you type, runs a command with Enter or a click, and Escape closes it;
//! the tabs follow the table, so Ctrl+number opens the tab at that place.
#![cfg(feature = "gui")]

mod common;

use common::{Answers, click, harness, press, sample, type_into, write};
use eframe::egui::accesskit::Role;
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use rapport::app::commands::Action;
use rapport::app::dialogs::PickResult;
use rapport::app::views::Page;

fn open_palette(h: &mut common::App) {
    press(h, Modifiers::COMMAND, Key::K);
    assert!(
        h.query_by_role_and_label(Role::TextInput, "Command")
            .is_some(),
        "Ctrl+K opens the palette"
    );
}

#[test]
fn the_palette_lists_every_command_with_its_shortcut() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    open_palette(&mut h);
    for &action in Action::ALL {
        if !action.in_palette() {
            continue;
        }
        let label = action.info().label;
        let rows = h.query_all_by_label_contains(label).count();
        assert!(rows >= 1, "{label} is not in the palette");
    }
    // Shortcuts are shown beside the commands (a row reads "Find contact Ctrl+F").
    assert!(h.query_by_label("Find contact Ctrl+F").is_some());
    assert!(h.query_by_label("Add contact... Ctrl+Shift+N").is_some());
    assert!(h.query_by_label("This week Ctrl+2").is_some());
}

#[test]
fn typing_filters_and_enter_runs_the_first_match() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    open_palette(&mut h);
    type_into(&mut h, "Command", "calendar");
    assert!(
        h.query_by_label_contains("Export plan to calendar")
            .is_some()
    );
    assert!(h.query_by_label_contains("Quit").is_none(), "filtered out");
    let out = dir.path().join("plan.ics");
    answers.push(PickResult::Picked(out.clone()));
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(
        h.query_by_role_and_label(Role::TextInput, "Command")
            .is_none(),
        "running a command closes the palette"
    );
    let asked = answers.asked.borrow().last().cloned().unwrap();
    assert!(
        asked
            .filters
            .iter()
            .any(|(_, e)| e.contains(&"ics".to_owned()))
    );
    let ics = std::fs::read_to_string(&out).expect("the calendar was written");
    assert!(ics.starts_with("BEGIN:VCALENDAR"), "{ics}");
}

#[test]
fn arrows_move_the_highlight_and_a_click_runs_a_command() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    open_palette(&mut h);
    type_into(&mut h, "Command", "duplicates");
    click(&mut h, "Find duplicates Ctrl+5");
    assert_eq!(h.state().page(), Page::Duplicates);
    // "cha" matches Charts, then Channels by label (table order), then commands whose tooltip
    // says "change": Down highlights Channels.
    open_palette(&mut h);
    type_into(&mut h, "Command", "cha");
    press(&mut h, Modifiers::NONE, Key::ArrowDown);
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(h.state().page(), Page::Channels);
    open_palette(&mut h);
    type_into(&mut h, "Command", "cha");
    press(&mut h, Modifiers::NONE, Key::ArrowDown);
    press(&mut h, Modifiers::NONE, Key::ArrowUp);
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(h.state().page(), Page::Charts);
}

#[test]
fn escape_closes_the_palette_without_running_anything() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    open_palette(&mut h);
    type_into(&mut h, "Command", "quit");
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(
        h.query_by_role_and_label(Role::TextInput, "Command")
            .is_none()
    );
    assert_eq!(h.state().page(), Page::Contacts);
    assert!(!answers.asked.borrow().iter().any(|_| true), "nothing ran");
    assert!(!h.state().is_dirty());
}

#[test]
fn a_query_matching_nothing_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    open_palette(&mut h);
    type_into(&mut h, "Command", "zzzz");
    assert!(h.query_by_label("No command matches").is_some());
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(
        h.query_by_role_and_label(Role::TextInput, "Command")
            .is_some(),
        "Enter with no match runs nothing and keeps the palette open"
    );
}

#[test]
fn ctrl_number_opens_the_tab_at_that_place() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    let keys = [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5];
    for (action, key) in Action::tabs().into_iter().zip(keys) {
        press(&mut h, Modifiers::COMMAND, key);
        assert_eq!(Some(h.state().page()), action.info().page, "{key:?}");
    }
    assert_eq!(Action::tabs().len(), keys.len());
}
