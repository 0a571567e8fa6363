//! The contact editor's name parts, addresses and photo, and the contact's avatar, driven through the accessibility
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

#[test]
fn the_editor_adds_and_removes_addresses_and_removes_the_photo() {
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut data = sample(None);
    let ada = data
        .contacts()
        .iter()
        .find(|c| c.display_name == "Ada Lovelace")
        .unwrap()
        .clone();
    let mut with_photo = ada.clone();
    let img = image::RgbImage::from_fn(32, 32, |x, y| image::Rgb([x as u8 * 8, y as u8 * 8, 90]));
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    with_photo.photo = Some(rapport::formats::photo::prepare(&png).unwrap());
    data.apply(rapport::model::Edit::PutContact(with_photo))
        .unwrap();
    // Tall enough that the whole editor is in view (widgets scrolled away are not in the tree).
    let mut h = common::harness_sized(Some(write(dir.path(), data)), &answers, [1200.0, 1800.0]);
    click(&mut h, "Ada Lovelace");
    click(&mut h, "Edit contact...");
    assert!(h.query_by_label("Address 1 street").is_none());
    click_action(&mut h, "+ Add address");
    type_into(&mut h, "Address 1 label", "home");
    type_into(&mut h, "Address 1 street", "12 St James's Square");
    type_into(&mut h, "Address 1 postal code", "SW1Y 4JH");
    type_into(&mut h, "Address 1 city", "London");
    type_into(&mut h, "Address 1 country", "United Kingdom");
    click_action(&mut h, "+ Add address");
    type_into(&mut h, "Address 2 city", "Not this one");
    let removes: Vec<_> = h.get_all_by_label("Remove address").collect();
    assert_eq!(removes.len(), 2);
    removes[1].click_accesskit();
    common::settle(&mut h);
    assert!(h.query_by_label("Address 2 city").is_none());
    // An empty third address is dropped on save.
    click_action(&mut h, "+ Add address");
    click_action(&mut h, "Remove photo");
    assert!(h.query_by_label("Remove photo").is_none());
    click(&mut h, "Save");
    let c = h.state().data().contact(ada.id).unwrap();
    assert_eq!(
        c.addresses,
        [rapport::model::Address {
            label: "home".into(),
            street: "12 St James's Square".into(),
            postal_code: "SW1Y 4JH".into(),
            locality: "London".into(),
            country: "United Kingdom".into(),
            ..rapport::model::Address::default()
        }]
    );
    assert_eq!(c.photo, None, "Remove photo took it away");
}

/// Clicks through the accessibility action: the modal grows as rows are added, so a simulated
/// pointer click may land where the button was a frame earlier.
fn click_action(h: &mut common::App, label: &str) {
    h.get_by_label(label).click_accesskit();
    common::settle(h);
}

#[test]
fn choose_photo_takes_an_image_file_and_explains_one_it_cannot_use() {
    use rapport::app::dialogs::PickResult;
    let dir = tempfile::tempdir().unwrap();
    let answers = Answers::default();
    let mut h = common::harness_sized(
        Some(write(dir.path(), sample(None))),
        &answers,
        [1200.0, 1800.0],
    );
    let ada = contact_id(&h, "Ada Lovelace");
    click(&mut h, "Ada Lovelace");
    click(&mut h, "Edit contact...");
    assert!(h.query_by_label("Remove photo").is_none(), "no photo yet");
    // Not an image: the editor says so and keeps no photo.
    let text = dir.path().join("notes.png");
    std::fs::write(&text, "not an image").unwrap();
    answers.push(PickResult::Picked(text.clone()));
    click_action(&mut h, "Choose photo...");
    let why = format!(
        "{} is not a JPEG or PNG image Rapport can read",
        text.display()
    );
    assert!(h.query_by_label(&why).is_some(), "the reason is shown");
    assert!(h.query_by_label("Remove photo").is_none());
    // Cancelled: nothing changes.
    answers.push(PickResult::Cancelled);
    click_action(&mut h, "Choose photo...");
    // A PNG: made into the contact's photo, the message gone.
    let img = image::RgbImage::from_fn(600, 400, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let png = dir.path().join("ada.png");
    image::DynamicImage::ImageRgb8(img).save(&png).unwrap();
    answers.push(PickResult::Picked(png));
    click_action(&mut h, "Choose photo...");
    assert!(h.query_by_label(&why).is_none());
    assert!(h.query_by_label("Remove photo").is_some());
    click(&mut h, "Save");
    let photo = h.state().data().contact(ada).unwrap().photo.clone();
    let photo = photo.expect("the chosen photo is kept");
    assert_eq!(photo.mime, "image/jpeg", "kept small, as a JPEG");
}
