//! The contact editor's name parts and the contact's avatar, driven through the accessibility
//! tree (`egui_kittest`).
#![cfg(feature = "gui")]

mod common;

use common::{Answers, SHIFT_CMD, click, contact_id, harness, press, sample, type_into, write};
use eframe::egui::Key;

#[test]
fn the_editor_edits_all_five_name_parts() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    press(&mut h, SHIFT_CMD, Key::N);
    type_into(&mut h, "Display name", "Dr. Jane Quinn Doe Jr.");
    type_into(&mut h, "Prefix", "Dr.");
    type_into(&mut h, "Given name", "Jane");
    type_into(&mut h, "Middle names", "Quinn");
    type_into(&mut h, "Family name", "Doe");
    type_into(&mut h, "Suffix", "Jr.");
    click(&mut h, "Save");
    let id = contact_id(&h, "Dr. Jane Quinn Doe Jr.");
    let c = h.state().data().contact(id).unwrap();
    assert_eq!(
        [
            c.name_prefix.as_str(),
            c.given_name.as_str(),
            c.middle_name.as_str(),
            c.family_name.as_str(),
            c.name_suffix.as_str()
        ],
        ["Dr.", "Jane", "Quinn", "Doe", "Jr."]
    );
}
