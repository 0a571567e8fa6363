//! Hostile sizes for the importers: one card with 200,000 EMAIL, TEL and URL lines, imported and
//! then imported again over itself (the merge). With a de-duplication comparing each value with
//! every other this would take many minutes; the result is asserted here, the time is in
//! benches/import.rs and BENCHMARKS.md.
#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap too: a panic is a failed test"
)]

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

#[test]
fn a_name_written_over_two_lines_becomes_one_line_with_a_space() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("multi.vcf");
    fs::write(
        &path,
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Multi\\nLine Name\r\nN:Name;Multi\\nLine;;;\r\nEND:VCARD\r\n",
    )
    .unwrap();
    let mut doc = Document::default();
    import_into(&mut doc, &path);
    let c = &doc.data.contacts()[0];
    assert_eq!(c.display_name, "Multi Line Name");
    assert_eq!(c.given_name, "Multi Line");
}

fn rapport(args: &[&std::ffi::OsStr]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .output()
        .unwrap()
}

/// An ESC sequence in a name (here one that would retitle the terminal, one that would clear
/// it) is printed as visible `\u{..}` text by `import` and `stats`.
#[test]
fn control_characters_in_names_are_printed_visibly() {
    let dir = tempfile::tempdir().unwrap();
    let vcf = dir.path().join("evil.vcf");
    let into = dir.path().join("people.json");
    fs::write(
        &vcf,
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Eve \u{1b}]0;owned\u{7}\u{1b}[2J\r\nEND:VCARD\r\n",
    )
    .unwrap();
    let out = rapport(&[
        "import".as_ref(),
        vcf.as_os_str(),
        "--into".as_ref(),
        into.as_os_str(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown = |bytes: &[u8]| {
        let text = String::from_utf8_lossy(bytes).into_owned();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "no raw control character: {text:?}"
        );
        text
    };
    let printed = shown(&out.stdout);
    assert!(
        printed.contains("Eve \\u{1b}]0;owned\\u{7}\\u{1b}[2J"),
        "{printed}"
    );
    // The name itself is kept as it was.
    let doc = rapport::store::load(&into).unwrap();
    assert!(doc.data.contacts()[0].display_name.contains('\u{1b}'));
    let out = rapport(&["stats".as_ref(), into.as_os_str()]);
    assert!(out.status.success());
    assert!(shown(&out.stdout).contains("Eve \\u{1b}]0;owned"));
}

/// Lines Rapport has no field for are kept (in the contact's `vcard` list) and, when the card
/// comes again, joined without repeats: also through a set.
#[test]
fn a_card_with_100_000_unknown_lines_merges_into_itself() {
    let n = 100_000;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.vcf");
    let mut text =
        String::from("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Odd Lines\r\nEMAIL:odd@example.org\r\n");
    for i in 0..n {
        let _ = write!(text, "GEO:geo:{i},{i}\r\n");
    }
    text.push_str("END:VCARD\r\n");
    fs::write(&path, text).unwrap();
    let mut doc = Document::default();
    import_into(&mut doc, &path);
    let kept = |doc: &Document| {
        doc.data.contacts()[0].extra["vcard"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(kept(&doc), n);
    let again = import_into(&mut doc, &path);
    assert!(again.is_empty(), "{}", again.summary());
    assert_eq!(kept(&doc), n);
}
