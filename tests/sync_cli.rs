//! `rapport merge FILE OTHER... [--base BASE]` end to end through the binary, with the three sync
//! tools' real conflict-copy names.
#![expect(clippy::unwrap_used, reason = "tests")]

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use rapport::model::stamps::Stamper;
use rapport::model::{Contact, Dataset, Edit};
use rapport::store::{self, Document};

fn rapport(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn device(ds: &mut Dataset, name: &str) {
    ds.set_stamper(Stamper {
        device: name.to_owned(),
        fixed_time: None,
    });
}

/// The base file with Ada, and two copies edited apart: the laptop's gives Ada a role and adds
/// Grace; the desktop's gives Ada notes and adds Linus.
fn copies(dir: &Path) -> (Dataset, Dataset, Dataset) {
    let mut base = Dataset::new();
    device(&mut base, "laptop");
    let ada = Contact::new("Ada");
    base.apply(Edit::PutContact(ada.clone())).unwrap();
    let (mut laptop, mut desktop) = (base.clone(), base.clone());
    let mut a = ada.clone();
    a.role = "Engineer".into();
    laptop.apply(Edit::PutContact(a)).unwrap();
    laptop
        .apply(Edit::PutContact(Contact::new("Grace")))
        .unwrap();
    device(&mut desktop, "desktop");
    let mut a = ada;
    a.notes = "Likes tea".into();
    desktop.apply(Edit::PutContact(a)).unwrap();
    desktop
        .apply(Edit::PutContact(Contact::new("Linus")))
        .unwrap();
    store::save(&Document::new(base.clone()), &dir.join("base.json")).unwrap();
    (base, laptop, desktop)
}

fn names(path: &Path) -> Vec<String> {
    let doc = store::load(path).unwrap();
    let mut n: Vec<String> = doc
        .data
        .contacts()
        .iter()
        .map(|c| c.display_name.clone())
        .collect();
    n.sort();
    n
}

#[test]
fn merge_with_a_base_keeps_both_sides_and_says_what_came_from_where() {
    let dir = tempfile::tempdir().unwrap();
    let (_, laptop, desktop) = copies(dir.path());
    let file = dir.path().join("data.json");
    let other = dir.path().join("desktop.json");
    store::save(&Document::new(laptop), &file).unwrap();
    store::save(&Document::new(desktop), &other).unwrap();
    let before = fs::read(&file).unwrap();
    let out = rapport(&[
        "merge",
        s(&file),
        s(&other),
        "--base",
        s(&dir.path().join("base.json")),
    ]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        stdout.contains("desktop.json: 1 added, 1 updated"),
        "{stdout}"
    );
    assert!(stdout.contains("added contact \"Linus\""), "{stdout}");
    assert!(
        stdout.contains("updated contact \"Ada\": notes"),
        "{stdout}"
    );
    assert_eq!(names(&file), ["Ada", "Grace", "Linus"]);
    let doc = store::load(&file).unwrap();
    let ada = doc
        .data
        .contacts()
        .iter()
        .find(|c| c.display_name == "Ada")
        .unwrap();
    assert_eq!(
        (ada.role.as_str(), ada.notes.as_str()),
        ("Engineer", "Likes tea")
    );
    // The usual backup holds the previous version; the other copy is untouched.
    assert_eq!(fs::read(store::backup_path(&file)).unwrap(), before);
    assert!(other.exists());
}

#[test]
fn conflict_copies_of_the_three_tools_are_merged_and_moved_away() {
    for copy_name in [
        "data.sync-conflict-20261130-194812-7QXKZ2M.json",
        "data (Ada's conflicted copy 2026-11-30).json",
        "data (conflicted copy 2026-11-30 194812).json",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (_, laptop, desktop) = copies(dir.path());
        let file = dir.path().join("data.json");
        let copy = dir.path().join(copy_name);
        store::save(&Document::new(laptop), &file).unwrap();
        store::save(&Document::new(desktop), &copy).unwrap();
        let out = rapport(&["merge", s(&file), s(&copy)]);
        let stdout = text(&out.stdout);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(stdout.contains("conflict copy"), "{stdout}");
        assert_eq!(names(&file), ["Ada", "Grace", "Linus"], "{copy_name}");
        // Without a base, field times decide: Ada keeps both edits.
        let doc = store::load(&file).unwrap();
        let ada = doc
            .data
            .contacts()
            .iter()
            .find(|c| c.display_name == "Ada")
            .unwrap();
        assert_eq!(
            (ada.role.as_str(), ada.notes.as_str()),
            ("Engineer", "Likes tea")
        );
        assert!(!copy.exists(), "{copy_name} still beside the file");
        assert!(
            dir.path()
                .join("data.json.merged-copies")
                .join(copy_name)
                .exists()
        );
    }
}

#[test]
fn a_deletion_on_the_other_copy_is_not_undone_by_this_one_but_an_edit_wins() {
    let dir = tempfile::tempdir().unwrap();
    let (base, laptop, _) = copies(dir.path());
    let ada = base.contacts()[0].id;
    let mut desktop = base.clone();
    device(&mut desktop, "desktop");
    desktop.apply(Edit::RemoveContact(ada)).unwrap();
    let file = dir.path().join("data.json");
    let other = dir.path().join("desktop.json");
    store::save(&Document::new(desktop), &other).unwrap();

    // This copy never touched Ada: the deletion holds.
    store::save(&Document::new(base), &file).unwrap();
    let out = rapport(&["merge", s(&file), s(&other)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("deleted contact \"Ada\""));
    assert!(names(&file).is_empty());

    // This copy edited Ada (the laptop gave her a role): the edit wins, and it is said.
    store::save(&Document::new(laptop), &file).unwrap();
    let out = rapport(&["merge", s(&file), s(&other)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("kept contact \"Ada\""),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(names(&file), ["Ada", "Grace"]);
}

#[test]
fn bad_input_changes_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let (_, laptop, _) = copies(dir.path());
    let file = dir.path().join("data.json");
    store::save(&Document::new(laptop), &file).unwrap();
    let before = fs::read(&file).unwrap();
    let bad = dir.path().join("bad.json");
    fs::write(
        &bad,
        "{\"format\": \"rapport\", \"version\": 2, \"contacts\": [}",
    )
    .unwrap();
    let out = rapport(&["merge", s(&file), s(&bad)]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("bad.json") && err.contains("line 1"), "{err}");
    assert_eq!(fs::read(&file).unwrap(), before);
    assert!(!store::backup_path(&file).exists());

    let newer = dir.path().join("newer.json");
    fs::write(&newer, "{\"format\": \"rapport\", \"version\": 9}").unwrap();
    let out = rapport(&["merge", s(&file), s(&newer)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("newer Rapport"));
    assert_eq!(fs::read(&file).unwrap(), before);

    let out = rapport(&["merge", s(&file)]);
    assert_eq!(out.status.code(), Some(2), "OTHER is required");
    let out = rapport(&["merge", s(&file), s(&file)]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(fs::read(&file).unwrap(), before);
}
