//! The app after a crash and beside another window, through its accessibility tree: edits left
//! in the journal by a session that died are offered back (Recover or Discard, with the count);
//! a file another Rapport process holds opens read-only and Save is refused there.
#![cfg(feature = "gui")]
#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap too: a panic is a failed test"
)]

mod common;

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::Utc;
use common::{Answers, click, harness, press, sample, settle, write};
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use rapport::model::{Contact, ContactId, Edit};
use rapport::store::{self, journal};

/// What a session killed after two edits leaves beside the file: its journal.
fn crashed_session(path: &Path) {
    let mut j = journal::Journal::new(path);
    let mut ines = Contact::with_id(ContactId(0x77), "Inès Recovered", Utc::now());
    j.record(&Edit::PutContact(ines.clone()), 1).unwrap();
    ines.organization = "Harbourside".into();
    j.record(&Edit::PutContact(ines), 2).unwrap();
}

#[test]
fn edits_of_a_crashed_session_are_offered_and_recovered() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), sample(None));
    crashed_session(&path);
    let answers = Answers::default();
    let mut h = harness(Some(path.clone()), &answers);
    assert!(h.query_by_label("Recover unsaved edits?").is_some());
    assert!(
        h.query_by_label_contains("without saving 2 edits to network.json")
            .is_some()
    );
    click(&mut h, "Recover");
    assert!(h.query_by_label("Recover unsaved edits?").is_none());
    let ines = h.state().data().contact(ContactId(0x77)).unwrap();
    assert_eq!(ines.organization, "Harbourside");
    assert!(h.state().is_dirty(), "recovered edits are not saved yet");
    // Until saved, they stay safe in the journal; saving removes it.
    assert_eq!(journal::pending(&path).unwrap().count(), 2);
    press(&mut h, Modifiers::COMMAND, Key::S);
    settle(&mut h);
    assert!(journal::pending(&path).is_none());
    assert!(
        store::load(&path)
            .unwrap()
            .data
            .contact(ContactId(0x77))
            .is_some()
    );
}

#[test]
fn discarding_recovered_edits_removes_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), sample(None));
    crashed_session(&path);
    let answers = Answers::default();
    let mut h = harness(Some(path.clone()), &answers);
    click(&mut h, "Discard");
    assert!(h.state().data().contact(ContactId(0x77)).is_none());
    assert!(!h.state().is_dirty());
    assert!(journal::pending(&path).is_none());
    assert!(!journal::journal_path(&path).exists());
}

#[test]
fn each_edit_is_in_the_journal_until_the_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), sample(None));
    let answers = Answers::default();
    let mut h = harness(Some(path.clone()), &answers);
    assert!(journal::pending(&path).is_none(), "opening writes nothing");
    h.get_by_label("Grace Hopper").click();
    settle(&mut h);
    click(&mut h, "Archive");
    assert_eq!(journal::pending(&path).unwrap().count(), 1);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    let found = journal::pending(&path).unwrap();
    assert_eq!(found.count(), 2, "the undo is journaled too");
    // Replaying the journal gives what is on screen.
    let mut doc = store::load(&path).unwrap();
    journal::replay(&mut doc, &found.edits);
    assert_eq!(&doc.data, h.state().data());
    press(&mut h, Modifiers::COMMAND, Key::S);
    settle(&mut h);
    assert!(!journal::journal_path(&path).exists());
}

/// The child: holds the file's lock as another Rapport window would, until its stdin closes.
#[test]
#[ignore = "run as a child process by the read-only test"]
fn child_holds_the_lock_like_another_window() {
    let Some(path) = std::env::var_os("RAPPORT_HOLD_LOCK").map(PathBuf::from) else {
        return;
    };
    let _lock = store::lock(&path, store::APP_PROGRAM, Duration::ZERO).unwrap();
    println!();
    println!("holding");
    let _ = std::io::stdin().lines().count();
}

#[test]
fn a_file_open_in_another_window_opens_read_only_and_is_not_saved_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), sample(None));
    let before = std::fs::read(&path).unwrap();
    let mut other = Command::new(std::env::current_exe().unwrap())
        .args([
            "child_holds_the_lock_like_another_window",
            "--exact",
            "--ignored",
            "--nocapture",
        ])
        .env("RAPPORT_HOLD_LOCK", &path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(other.stdout.take().unwrap()).lines();
    assert!(lines.any(|l| l.unwrap() == "holding"));

    let answers = Answers::default();
    let mut h = harness(Some(path.clone()), &answers);
    assert!(h.query_by_label("Opened read-only").is_some());
    assert!(
        h.query_by_label_contains("it is open in another Rapport window")
            .is_some()
    );
    click(&mut h, "OK");
    assert_eq!(h.state().data().contacts().len(), 2, "it can be read");
    h.get_by_label("Grace Hopper").click();
    settle(&mut h);
    click(&mut h, "Archive");
    press(&mut h, Modifiers::COMMAND, Key::S);
    settle(&mut h);
    assert!(h.query_by_label("Could not save").is_some());
    assert!(
        h.query_by_label_contains("it is open in another Rapport window (process")
            .is_some()
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the other window's file is untouched"
    );
    assert!(
        !journal::journal_path(&path).exists(),
        "no journal for a read-only file"
    );

    drop(other.stdin.take());
    lines.for_each(drop);
    other.wait().unwrap();
}
