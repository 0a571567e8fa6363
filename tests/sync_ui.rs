#![cfg(feature = "gui")]
//! The app and a synced folder: a file changed on disk while the app has unsaved edits is
//! merged on save (both kept, one undoable step); conflict copies are merged on open.
#![expect(clippy::unwrap_used, reason = "tests")]

mod common;

use common::{Answers, click, harness, press, sample, settle, write};
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use rapport::model::stamps::Stamper;
use rapport::model::{Contact, Edit};
use rapport::store::{self, Document};

/// Another device's copy: the file as it is on disk, with Linus added and Ada's notes written,
/// stamped by "desktop".
fn other_device_edits(path: &std::path::Path) -> Document {
    let mut doc = store::load(path).unwrap();
    doc.data.set_stamper(Stamper {
        device: "desktop".into(),
        fixed_time: None,
    });
    doc.data
        .apply(Edit::PutContact(Contact::new("Linus Torvalds")))
        .unwrap();
    let mut ada = doc
        .data
        .contacts()
        .iter()
        .find(|c| c.display_name == "Ada Lovelace")
        .unwrap()
        .clone();
    ada.notes = "Written on the desktop".into();
    doc.data.apply(Edit::PutContact(ada)).unwrap();
    doc
}

fn contact<'a>(data: &'a rapport::model::Dataset, name: &str) -> Option<&'a Contact> {
    data.contacts().iter().find(|c| c.display_name == name)
}

#[test]
fn saving_after_the_file_changed_on_disk_merges_and_keeps_both() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), sample(None));
    let answers = Answers::default();
    let mut h = harness(Some(path.clone()), &answers);

    // An unsaved edit here: Grace is archived.
    h.get_by_label("Grace Hopper").click();
    settle(&mut h);
    click(&mut h, "Archive");
    assert!(h.state().is_dirty());

    // Meanwhile the sync tool brings the other device's version of the file.
    store::save(&other_device_edits(&path), &path).unwrap();

    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(!h.state().is_dirty());
    let saved = store::load(&path).unwrap().data;
    assert!(
        contact(&saved, "Grace Hopper").unwrap().archived,
        "our edit"
    );
    assert!(
        contact(&saved, "Linus Torvalds").is_some(),
        "their new contact"
    );
    assert_eq!(
        contact(&saved, "Ada Lovelace").unwrap().notes,
        "Written on the desktop",
        "their field edit"
    );
    assert_eq!(h.state().data(), &saved);

    // The merge is one undoable step: undo takes back what came in and leaves our edit.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    let data = h.state().data();
    assert!(contact(data, "Linus Torvalds").is_none());
    assert_eq!(contact(data, "Ada Lovelace").unwrap().notes, "");
    assert!(contact(data, "Grace Hopper").unwrap().archived);

    // Our own save is not taken for a change from elsewhere.
    press(&mut h, Modifiers::COMMAND, Key::Y);
    press(&mut h, Modifiers::COMMAND, Key::S);
    settle(&mut h);
    assert!(!h.state().is_dirty());
}

#[test]
fn a_conflict_copy_beside_the_file_is_merged_on_open_and_moved_away() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), sample(None));
    let copy = dir
        .path()
        .join("network.sync-conflict-20261130-194812-7QXKZ2M.json");
    store::save(&other_device_edits(&path), &copy).unwrap();
    let answers = Answers::default();
    let h = harness(Some(path.clone()), &answers);
    let data = h.state().data();
    assert!(contact(data, "Linus Torvalds").is_some());
    assert_eq!(
        contact(data, "Ada Lovelace").unwrap().notes,
        "Written on the desktop"
    );
    assert!(h.state().is_dirty(), "the merge waits to be saved");
    assert!(!copy.exists());
    assert!(
        dir.path()
            .join("network.json.merged-copies")
            .join(copy.file_name().unwrap())
            .exists()
    );
}

#[test]
fn a_change_on_disk_is_noticed_and_merged_without_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), sample(None));
    let answers = Answers::default();
    let mut h = harness(Some(path.clone()), &answers);
    store::save(&other_device_edits(&path), &path).unwrap();
    // The watcher reports the change from another thread; run frames until it has.
    for _ in 0..500 {
        settle(&mut h);
        if contact(h.state().data(), "Linus Torvalds").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let data = h.state().data();
    assert!(
        contact(data, "Linus Torvalds").is_some(),
        "the change was not noticed"
    );
    assert_eq!(
        contact(data, "Ada Lovelace").unwrap().notes,
        "Written on the desktop"
    );
}
