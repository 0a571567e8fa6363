//! The contact editor's name parts and the contact's avatar, driven through the accessibility
//! tree (`egui_kittest`).
#![cfg(feature = "gui")]

mod common;

use common::{Answers, SHIFT_CMD, click, contact_id, harness, press, sample, type_into, write};
use eframe::egui::Key;
use egui_kittest::kittest::Queryable as _;

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

#[test]
fn a_contact_shows_its_photo_or_its_initials() {
    use base64::Engine as _;
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = harness(Some(write(dir.path(), sample(None))), &answers);
    click(&mut h, "Ada Lovelace");
    assert!(
        h.query_by_label("Initials AL").is_some(),
        "no photo: initials"
    );
    // A card with a photo, imported through the preview.
    let img = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 90]));
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let b64 = base64::engine::general_purpose::STANDARD.encode(&png);
    let vcf = dir.path().join("zoe.vcf");
    std::fs::write(
        &vcf,
        format!("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Brandt\r\nPHOTO;ENCODING=b;TYPE=PNG:{b64}\r\nEND:VCARD\r\n"),
    )
    .unwrap();
    answers.push(rapport::app::dialogs::PickResult::Picked(vcf));
    press(&mut h, eframe::egui::Modifiers::COMMAND, Key::I);
    h.get_by_role_and_label(eframe::egui::accesskit::Role::Button, "Import")
        .click();
    common::settle(&mut h);
    click(&mut h, "Zoë Brandt");
    assert!(h.query_by_label("Photo of Zoë Brandt").is_some());
    let id = contact_id(&h, "Zoë Brandt");
    assert!(h.state().data().contact(id).unwrap().photo.is_some());
}
