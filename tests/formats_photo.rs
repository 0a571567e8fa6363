//! Contact photos: kept from vCard PHOTO (inline base64, 2.1's bare BASE64, a data: URI),
//! made small, limited in size with a clear message, merged and exported.

use std::io::Cursor;
use std::path::Path;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use rapport::formats::{self, ImportPlan, Parsed, VcardVersion, parse_bytes, photo};
use rapport::model::{Contact, Dataset, Edit};

fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("a PNG");
    out
}

fn vcf(text: &str) -> Parsed {
    parse_bytes(Path::new("x.vcf"), text.as_bytes(), None).expect("a vCard file")
}

/// Base64 folded as vCard 2.1 and 3.0 writers do (lines starting with a space).
fn folded(b64: &str) -> String {
    b64.as_bytes()
        .chunks(72)
        .map(|c| std::str::from_utf8(c).expect("ASCII"))
        .collect::<Vec<_>>()
        .join("\r\n ")
}

fn kept_size(c: &Contact) -> (u32, u32) {
    let bytes = photo::bytes(c.photo.as_ref().expect("a photo")).expect("base64");
    let img = image::load_from_memory(&bytes).expect("an image");
    assert_eq!(
        image::guess_format(&bytes).expect("known"),
        image::ImageFormat::Jpeg
    );
    (img.width(), img.height())
}

#[test]
fn an_inline_photo_is_kept_small() {
    let b64 = STANDARD.encode(png(600, 400));
    let card = format!(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nPHOTO;ENCODING=b;TYPE=PNG:{}\r\nEND:VCARD\r\n",
        folded(&b64)
    );
    let p = vcf(&card);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    assert_eq!(kept_size(&p.contacts[0].contact), (256, 171));
}

#[test]
fn vcard_21_bare_base64_and_a_data_uri_photo_are_kept() {
    let b64 = STANDARD.encode(png(40, 30));
    let v21 = format!(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ann Lee\r\nPHOTO;PNG;BASE64:\r\n {}\r\n\r\nEMAIL:ann@example.com\r\nEND:VCARD\r\n",
        folded(&b64)
    );
    let p = vcf(&v21);
    let c = &p.contacts[0].contact;
    assert_eq!(kept_size(c), (40, 30));
    assert_eq!(c.emails[0].value, "ann@example.com");
    let v4 = format!(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bob Lee\r\nPHOTO:data:image/png;base64,{}\r\nEND:VCARD\r\n",
        folded(&b64)
    );
    assert_eq!(kept_size(&vcf(&v4).contacts[0].contact), (40, 30));
}

#[test]
fn a_photo_beyond_the_limit_is_left_out_with_a_clear_message() {
    let big = vec![0u8; photo::MAX_PHOTO_BYTES + 1];
    let card = format!(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nPHOTO;ENCODING=b;TYPE=JPEG:{}\r\nEND:VCARD\r\n",
        STANDARD.encode(&big)
    );
    let p = vcf(&card);
    assert_eq!(p.contacts.len(), 1, "the contact is imported");
    assert!(p.contacts[0].contact.photo.is_none());
    assert_eq!(p.warnings.len(), 1);
    assert_eq!(
        p.warnings[0].reason,
        "its photo is 8.0 MiB, larger than the 8 MiB a photo may be; the contact is imported without it"
    );
    let plan = ImportPlan::new(&Dataset::new(), &p);
    assert!(
        plan.report()
            .contains("note     line 1: its photo is 8.0 MiB"),
        "{}",
        plan.report()
    );
    let junk = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nPHOTO;ENCODING=b;TYPE=JPEG:AAAA\r\nEND:VCARD\r\n";
    let p = vcf(junk);
    assert!(p.warnings[0].reason.contains("not a JPEG or PNG image"));
}

#[test]
fn a_photo_is_exported_and_reads_back_unchanged() {
    let b64 = STANDARD.encode(png(300, 300));
    let card = format!(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nPHOTO;ENCODING=b;TYPE=PNG:{}\r\nEND:VCARD\r\n",
        folded(&b64)
    );
    let c = vcf(&card).contacts[0].contact.clone();
    let mut data = Dataset::new();
    data.apply(Edit::PutContact(c.clone())).expect("valid");
    for version in [VcardVersion::V3, VcardVersion::V4] {
        let text = formats::to_vcard(&data, version);
        assert!(text.contains("PHOTO"), "{text}");
        let back = vcf(&text);
        assert_eq!(back.contacts[0].contact.photo, c.photo, "{version:?}");
    }
    // A merge gives a contact without a photo the card's one.
    let mut without = c.clone();
    without.photo = None;
    let data = {
        let mut d = Dataset::new();
        d.apply(Edit::PutContact(without)).expect("valid");
        d
    };
    let weak = rapport::formats::ImportChoices {
        merge_weak: true,
        ..rapport::formats::ImportChoices::default()
    };
    let plan = ImportPlan::with_choices(&data, &vcf(&card), &weak);
    assert_eq!(plan.contact(c.id).expect("merged").photo, c.photo);
}
