//! Hostile sizes for the importers: one card with 200,000 EMAIL, TEL and URL lines, imported and
//! then imported again over itself (the merge). With a de-duplication comparing each value with
//! every other this would take many minutes; the result is asserted here, the time is in
//! benches/import.rs and BENCHMARKS.md.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use rapport::formats::{ImportPlan, read_source};
use rapport::store::Document;

/// One card with `n` distinct emails, each written twice (the second time in upper case, a
/// duplicate), and `n / 10` phones and links, each twice.
fn huge_card(path: &Path, n: usize) {
    let mut text = String::with_capacity(n * 60);
    text.push_str("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Many Addresses\r\n");
    for i in 0..n {
        let _ = write!(text, "EMAIL:person{i}@example.org\r\n");
    }
    for i in 0..n {
        let _ = write!(text, "EMAIL:PERSON{i}@EXAMPLE.ORG\r\n");
    }
    for _ in 0..2 {
        for i in 0..n / 10 {
            let _ = write!(text, "TEL:+1 555 {i:07}\r\nURL:https://example.org/{i}\r\n");
        }
    }
    text.push_str("END:VCARD\r\n");
    fs::write(path, text).unwrap();
}

fn import_into(doc: &mut Document, path: &Path) -> ImportPlan {
    let parsed = read_source(path, None).unwrap();
    let plan = ImportPlan::new(&doc.data, &parsed);
    if !plan.is_empty() {
        doc.data.apply(plan.to_edit()).unwrap();
    }
    plan
}

#[test]
fn a_card_with_200_000_emails_imports_once_without_repeats_and_merges_into_itself() {
    let n = 200_000;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.vcf");
    huge_card(&path, n);
    let mut doc = Document::default();
    import_into(&mut doc, &path);
    let contacts = doc.data.contacts();
    assert_eq!(contacts.len(), 1);
    let c = &contacts[0];
    assert_eq!(c.emails.len(), n, "the upper-case repeats are dropped");
    assert_eq!(
        c.emails[n - 1].value,
        format!("person{}@example.org", n - 1)
    );
    assert_eq!(c.phones.len(), n / 10);
    assert_eq!(c.links.len(), n / 10);

    // The same card again matches the contact and adds nothing.
    let again = import_into(&mut doc, &path);
    assert!(again.is_empty(), "{}", again.summary());
    assert_eq!(doc.data.contacts()[0].emails.len(), n);
}

#[test]
fn an_interaction_row_naming_100_000_people_twice_imports_each_once() {
    let n = 100_000;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("log.csv");
    let mut who = String::with_capacity(n * 40);
    for round in 0..2 {
        for i in 0..n {
            if round + i > 0 {
                who.push(';');
            }
            let _ = write!(who, "guest{i}@example.org");
        }
    }
    fs::write(
        &path,
        format!("date,contacts,channel\n2025-03-04,\"{who}\",In person\n"),
    )
    .unwrap();
    let mut doc = Document::default();
    import_into(&mut doc, &path);
    assert_eq!(doc.data.contacts().len(), n);
    let interactions = doc.data.interactions();
    assert_eq!(interactions.len(), 1);
    assert_eq!(interactions[0].participants.len(), n);
}
