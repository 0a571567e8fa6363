//! CardDAV sync against a real Radicale (see tests/radicale/mod.rs): first sync both ways,
//! edits and deletions on each side, a conflicting edit, a server killed mid-sync, and a
//! thousand contacts. Run by `.ci/run` (which installs Radicale first through
//! `.ci/radicale-setup`).
#![expect(
    clippy::unwrap_used,
    reason = "test helpers outside #[test] functions unwrap too: a panic is a failed test"
)]

mod radicale;

use std::path::{Path, PathBuf};
use std::process::Command;

use radicale::{PASSWORD, Radicale, USER, vcard};
use rapport::carddav::{self, Account, Request};
use rapport::model::{Contact, Dataset, Edit, Interaction, Labeled};
use rapport::store::{self, Document};

fn request(url: &str) -> Request {
    Request {
        url: url.to_owned(),
        user: USER.to_owned(),
        password: PASSWORD.to_owned(),
        allow_http: false,
    }
}

fn contact(name: &str, email: &str) -> Contact {
    let mut c = Contact::new(name);
    if !email.is_empty() {
        c.emails.push(Labeled::new(email, "work"));
    }
    c
}

fn write_file(dir: &Path, contacts: Vec<Contact>) -> PathBuf {
    let mut data = Dataset::new();
    data.apply(Edit::Batch(
        contacts.into_iter().map(Edit::PutContact).collect(),
    ))
    .unwrap();
    let path = dir.join("rapport.json");
    store::save(&Document::new(data), &path).unwrap();
    path
}

fn load(path: &Path) -> Document {
    store::load(path).unwrap()
}

fn by_name<'a>(doc: &'a Document, name: &str) -> Option<&'a Contact> {
    doc.data.contacts().iter().find(|c| c.display_name == name)
}

fn edit(path: &Path, f: impl FnOnce(&mut Dataset)) {
    let mut doc = load(path);
    f(&mut doc.data);
    store::save(&doc, path).unwrap();
}

fn card_named<'a>(
    server: &'a Radicale,
    cards: &'a [(String, String)],
    name: &str,
) -> Option<&'a (String, String)> {
    let _ = server;
    cards
        .iter()
        .find(|(_, t)| t.contains(&format!("FN:{name}\r\n")))
}

#[test]
fn first_sync_goes_both_ways_then_nothing_is_left_to_do() {
    let server = Radicale::start();
    server.put(
        "phone-ada.vcf",
        &vcard(
            "phone-ada",
            "Ada Lovelace",
            "EMAIL;TYPE=work:ada@example.com\r\nTEL;TYPE=cell:+44 20 7946 0000\r\n",
        ),
    );
    server.put(
        "phone-cy.vcf",
        &vcard("phone-cy", "Cy Twombly", "ORG:Rome\r\n"),
    );
    let dir = tempfile::tempdir().unwrap();
    let mut bob = contact("Bob Noyce", "bob@example.com");
    bob.notes = "Intel\nline two".into();
    let path = write_file(
        dir.path(),
        vec![contact("Ada Lovelace", "ada@example.com"), bob],
    );

    // Discovery from the server's root: well-known URL, principal, home set, first book.
    let report = carddav::sync_file(&path, &request(&server.url())).unwrap();
    assert_eq!(
        (report.added_here, report.added_there),
        (1, 1),
        "{report:?}"
    );
    let doc = load(&path);
    assert_eq!(doc.data.contacts().len(), 3);
    let ada = by_name(&doc, "Ada Lovelace").unwrap();
    assert_eq!(ada.phones.len(), 1, "the phone's number came in: {ada:?}");
    assert_eq!(by_name(&doc, "Cy Twombly").unwrap().organization, "Rome");
    let account = Account::from_extra(&doc.extra).unwrap();
    assert_eq!(account.addressbook, server.book_url());
    assert_eq!(account.cards.len(), 3);
    assert!(account.sync_token.is_some());
    let cards = server.cards();
    assert_eq!(cards.len(), 3, "{cards:?}");
    let (_, bob_card) = card_named(&server, &cards, "Bob Noyce").unwrap();
    assert!(bob_card.contains("bob@example.com"));
    // The merged Ada went back with her email and phone, under the phone's UID.
    let (name, ada_card) = card_named(&server, &cards, "Ada Lovelace").unwrap();
    assert_eq!(name, "phone-ada.vcf");
    assert!(ada_card.contains("UID:phone-ada"), "{ada_card}");
    // The password is not in the file.
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains(PASSWORD));

    // A second sync finds nothing to do, incrementally, and leaves everything as it was.
    let before = load(&path).data;
    let cards_before = server.cards();
    let report = carddav::sync_file(&path, &request(&server.url())).unwrap();
    assert!(report.incremental, "Radicale offers sync-collection");
    assert_eq!(
        report.summary(),
        carddav::Report::default().summary(),
        "{report:?}"
    );
    assert_eq!(load(&path).data, before);
    assert_eq!(server.cards(), cards_before);
}

#[test]
fn edits_and_deletions_on_each_side_reach_the_other() {
    let server = Radicale::start();
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(
        dir.path(),
        vec![
            contact("Ada Lovelace", "ada@example.com"),
            contact("Bob Noyce", "bob@example.com"),
            contact("Cy Twombly", "cy@example.com"),
            contact("Dee Dee Ramone", "dee@example.com"),
        ],
    );
    carddav::sync_file(&path, &request(&server.book_url())).unwrap();
    assert_eq!(server.cards().len(), 4);

    // Here: Ada's notes change, Bob is deleted.
    edit(&path, |d| {
        let mut ada = d
            .contacts()
            .iter()
            .find(|c| c.display_name == "Ada Lovelace")
            .unwrap()
            .clone();
        ada.notes = "Poetical science".into();
        let bob = d
            .contacts()
            .iter()
            .find(|c| c.display_name == "Bob Noyce")
            .unwrap()
            .id;
        d.apply(Edit::Batch(vec![
            Edit::PutContact(ada),
            Edit::RemoveContact(bob),
        ]))
        .unwrap();
    });
    // There: Cy gets a title, Dee is deleted.
    let cards = server.cards();
    let (cy_name, cy_text) = card_named(&server, &cards, "Cy Twombly").unwrap();
    server.put(
        cy_name,
        &cy_text.replace("END:VCARD", "TITLE:Painter\r\nEND:VCARD"),
    );
    let (dee_name, _) = card_named(&server, &cards, "Dee Dee Ramone").unwrap();
    server.delete(dee_name);

    let report = carddav::sync_file(&path, &request(&server.book_url())).unwrap();
    assert_eq!(
        (
            report.updated_here,
            report.deleted_here,
            report.updated_there,
            report.deleted_there
        ),
        (1, 1, 1, 1),
        "{report:?}"
    );
    let doc = load(&path);
    let names: Vec<&str> = doc
        .data
        .contacts()
        .iter()
        .map(|c| c.display_name.as_str())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert_eq!(by_name(&doc, "Cy Twombly").unwrap().role, "Painter");
    assert!(by_name(&doc, "Dee Dee Ramone").is_none());
    let cards = server.cards();
    assert_eq!(cards.len(), 2, "{cards:?}");
    assert!(card_named(&server, &cards, "Bob Noyce").is_none());
    assert!(
        card_named(&server, &cards, "Ada Lovelace")
            .unwrap()
            .1
            .contains("Poetical science")
    );
    assert_eq!(Account::from_extra(&doc.extra).unwrap().cards.len(), 2);
}

#[test]
fn a_contact_deleted_on_the_server_but_with_interactions_here_is_archived_not_lost() {
    let server = Radicale::start();
    let dir = tempfile::tempdir().unwrap();
    let eve = contact("Eve Online", "eve@example.com");
    let mut data = Dataset::new();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
    let channel = data.channels()[0].id;
    data.apply(Edit::Batch(vec![
        Edit::PutContact(eve.clone()),
        Edit::PutInteraction(Interaction::new(day, vec![eve.id], channel)),
    ]))
    .unwrap();
    let path = dir.path().join("rapport.json");
    store::save(&Document::new(data), &path).unwrap();
    carddav::sync_file(&path, &request(&server.url())).unwrap();
    let (name, _) = server.cards().into_iter().next().unwrap();
    server.delete(&name);
    let report = carddav::sync_file(&path, &request(&server.url())).unwrap();
    assert!(
        report.notes.iter().any(|n| n.contains("archived")),
        "{report:?}"
    );
    let doc = load(&path);
    assert!(doc.data.contact(eve.id).unwrap().archived);
    assert_eq!(doc.data.interactions().len(), 1);
    // It is not sent back.
    carddav::sync_file(&path, &request(&server.url())).unwrap();
    assert!(server.cards().is_empty());
}

#[test]
fn a_conflicting_edit_keeps_the_later_change_and_reports_the_other() {
    let server = Radicale::start();
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), vec![contact("Ada Lovelace", "ada@example.com")]);
    carddav::sync_file(&path, &request(&server.url())).unwrap();
    edit(&path, |d| {
        let mut ada = d.contacts()[0].clone();
        ada.notes = "Written here".into();
        ada.organization = "Analytical Engines Ltd".into();
        d.apply(Edit::PutContact(ada)).unwrap();
    });
    // The phone edits the same note later (its REV says so) and adds a phone number.
    let (name, text) = server.cards().into_iter().next().unwrap();
    let phone = text
        .lines()
        .filter(|l| {
            !l.starts_with("REV:") && !l.starts_with("NOTE:") && !l.starts_with("END:VCARD")
        })
        .fold(String::new(), |mut out, l| {
            out.push_str(l);
            out.push_str("\r\n");
            out
        })
        + "NOTE:Written on the phone\r\nTEL:+1 555 0100\r\nREV:20990101T000000Z\r\nEND:VCARD\r\n";
    server.put(&name, &phone);

    let report = carddav::sync_file(&path, &request(&server.url())).unwrap();
    let conflict = report
        .notes
        .iter()
        .find(|n| n.contains("conflict"))
        .unwrap_or_else(|| panic!("a conflict is reported: {report:?}"));
    assert!(
        conflict.contains("notes") && conflict.contains("Written here"),
        "{conflict}"
    );
    let doc = load(&path);
    let ada = &doc.data.contacts()[0];
    assert_eq!(ada.notes, "Written on the phone");
    assert_eq!(
        ada.organization, "Analytical Engines Ltd",
        "the edit only made here is kept"
    );
    assert_eq!(ada.phones.len(), 1);
    let (_, card) = server.cards().into_iter().next().unwrap();
    assert!(
        card.contains("Analytical Engines Ltd") && card.contains("Written on the phone"),
        "{card}"
    );
}

#[test]
fn a_server_killed_mid_sync_leaves_the_file_as_it_was_and_the_next_sync_completes() {
    let mut server = Radicale::start();
    let dir = tempfile::tempdir().unwrap();
    let contacts: Vec<Contact> = (0..400)
        .map(|i| contact(&format!("Person {i:03}"), &format!("p{i}@example.com")))
        .collect();
    let path = write_file(dir.path(), contacts);
    let before = std::fs::read(&path).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args([
            "sync",
            path.to_str().unwrap(),
            "--carddav",
            &server.url(),
            "--user",
            USER,
        ])
        .env("RAPPORT_CARDDAV_PASSWORD", PASSWORD)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Kill the server once some cards have been written.
    let mut written = 0;
    for _ in 0..6000 {
        written = server.cards().len();
        if written >= 20 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    server.kill();
    let out = child.wait_with_output().unwrap();
    assert!((20..400).contains(&written), "killed after {written} cards");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("could not be reached") && err.contains("was not changed"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is untouched"
    );

    server.restart();
    let report = carddav::sync_file(&path, &request(&server.url())).unwrap();
    assert_eq!(
        report.added_here, 0,
        "no card came back as a duplicate: {report:?}"
    );
    let doc = load(&path);
    assert_eq!(doc.data.contacts().len(), 400);
    assert_eq!(server.cards().len(), 400);
    assert_eq!(Account::from_extra(&doc.extra).unwrap().cards.len(), 400);
}

#[test]
fn a_thousand_contacts_go_up_and_come_down_on_another_file() {
    let server = Radicale::start();
    let dir = tempfile::tempdir().unwrap();
    let contacts: Vec<Contact> = (0..1000)
        .map(|i| {
            let mut c = contact(&format!("Person {i:04}"), &format!("p{i}@example.com"));
            c.phones
                .push(Labeled::new(format!("+1 555 {i:04}"), "mobile"));
            c.organization = format!("Company {}", i % 37);
            c
        })
        .collect();
    let path = write_file(dir.path(), contacts);
    let t = std::time::Instant::now();
    let report = carddav::sync_file(&path, &request(&server.url())).unwrap();
    eprintln!("1,000 contacts sent to Radicale in {:.1?}", t.elapsed());
    assert_eq!(report.added_there, 1000);
    let other_dir = tempfile::tempdir().unwrap();
    let other = write_file(other_dir.path(), Vec::new());
    let t = std::time::Instant::now();
    let report = carddav::sync_file(&other, &request(&server.url())).unwrap();
    eprintln!("1,000 contacts read from Radicale in {:.1?}", t.elapsed());
    assert_eq!(report.added_here, 1000);
    let doc = load(&other);
    assert_eq!(doc.data.contacts().len(), 1000);
    let p = by_name(&doc, "Person 0007").unwrap();
    assert_eq!(p.organization, "Company 7");
    let t = std::time::Instant::now();
    let report = carddav::sync_file(&other, &request(&server.url())).unwrap();
    eprintln!(
        "an incremental sync of 1,000 unchanged contacts in {:.1?}",
        t.elapsed()
    );
    assert_eq!(report.summary(), carddav::Report::default().summary());
}

fn rapport(args: &[&str], password: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .env("RAPPORT_CARDDAV_PASSWORD", password)
        .output()
        .unwrap()
}

#[test]
fn the_command_line_syncs_and_refuses_what_it_should() {
    let server = Radicale::start();
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), vec![contact("Ada Lovelace", "ada@example.com")]);
    let file = path.to_str().unwrap();
    let before = std::fs::read(&path).unwrap();

    let out = rapport(
        &["sync", file, "--carddav", &server.url(), "--user", USER],
        "wrong",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("refused the user name or password") && err.contains("was not changed"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);

    let out = rapport(
        &[
            "sync",
            file,
            "--carddav",
            "http://dav.example.com/",
            "--user",
            USER,
        ],
        PASSWORD,
    );
    assert_eq!(out.status.code(), Some(2), "a usage error");
    assert!(String::from_utf8_lossy(&out.stderr).contains("plain HTTP"));

    let out = rapport(&["sync", file, "--carddav", &server.url()], PASSWORD);
    assert_eq!(out.status.code(), Some(2), "a usage error");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--user"));

    let out = rapport(
        &["sync", file, "--carddav", &server.url(), "--user", USER],
        PASSWORD,
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("to the server: 1 added"), "{stdout}");
    assert!(
        store::backup_path(&path).exists(),
        "saved with the usual backup"
    );
    // The user is remembered with the account.
    let out = rapport(&["sync", file, "--carddav", &server.url()], PASSWORD);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(server.cards().len(), 1);
}

/// A server on this machine that answers every request with `answer`, for `count` requests.
fn fake_server(answer: &'static str, count: usize) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(count) {
            let Ok(mut s) = stream else { continue };
            let mut buf = vec![0u8; 65536];
            let _ = s.read(&mut buf);
            let _ = s.write_all(answer.as_bytes());
        }
    });
    format!("http://127.0.0.1:{port}/")
}

#[test]
fn a_server_answering_nonsense_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), vec![contact("Ada Lovelace", "ada@example.com")]);
    let before = std::fs::read(&path).unwrap();
    for answer in [
        "HTTP/1.1 207 Multi-Status\r\nContent-Length: 24\r\nConnection: close\r\n\r\n<html>Welcome!</html>\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello",
        "HTTP/1.1 207 Multi-Status\r\nContent-Length: 100\r\nConnection: close\r\n\r\n<multistatus xmlns=\"DAV:\"><response>",
        "garbage\r\n\r\n",
    ] {
        let url = fake_server(answer, 4);
        let err = carddav::sync_file(&path, &request(&url)).unwrap_err();
        assert!(!err.is_empty());
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "after {answer:?}: {err}"
        );
    }
}

#[test]
fn a_server_that_never_answers_times_out_and_changes_nothing() {
    // Accepts connections and says nothing.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "http://127.0.0.1:{}/",
        listener.local_addr().unwrap().port()
    );
    let held = std::thread::spawn(move || {
        let conns: Vec<_> = listener.incoming().take(1).collect();
        std::thread::sleep(std::time::Duration::from_secs(4));
        drop(conns);
    });
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), vec![contact("Ada Lovelace", "ada@example.com")]);
    let before = std::fs::read(&path).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args([
            "sync",
            path.to_str().unwrap(),
            "--carddav",
            &url,
            "--user",
            USER,
        ])
        .env("RAPPORT_CARDDAV_PASSWORD", PASSWORD)
        .env("RAPPORT_CARDDAV_TIMEOUT", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("did not answer in time") && err.contains("was not changed"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    held.join().unwrap();
}

#[test]
fn a_write_refused_with_412_is_merged_with_the_servers_card_and_written_again() {
    let server = Radicale::start();
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), vec![contact("Ada Lovelace", "ada@example.com")]);
    carddav::sync_file(&path, &request(&server.url())).unwrap();
    // The phone adds a title after the sync...
    let (name, text) = server.cards().into_iter().next().unwrap();
    server.put(
        &name,
        &text.replace("END:VCARD", "TITLE:Countess\r\nEND:VCARD"),
    );
    // ...and this file learns the server's newest sync token without the new ETag (as when the
    // card changes between the listing and the write), then edits the same contact.
    let copy = dir.path().join("copy.json");
    std::fs::copy(&path, &copy).unwrap();
    carddav::sync_file(&copy, &request(&server.url())).unwrap();
    let newest = Account::from_extra(&load(&copy).extra).unwrap().sync_token;
    let mut doc = load(&path);
    let mut account = Account::from_extra(&doc.extra).unwrap();
    account.sync_token = newest;
    account.store(&mut doc.extra);
    let mut ada = doc.data.contacts()[0].clone();
    ada.notes = "Poetical science".into();
    doc.data.apply(Edit::PutContact(ada)).unwrap();
    store::save(&doc, &path).unwrap();

    let report = carddav::sync_file(&path, &request(&server.url())).unwrap();
    // The change report was empty, so only the 412 told of the phone's edit.
    assert!(report.incremental, "{report:?}");
    assert_eq!(report.updated_here, 1, "{report:?}");
    assert_eq!(report.updated_there, 1, "{report:?}");
    let (_, card) = server.cards().into_iter().next().unwrap();
    assert!(
        card.contains("TITLE:Countess") && card.contains("Poetical science"),
        "both edits are on the server: {card}"
    );
    let doc = load(&path);
    assert_eq!(doc.data.contacts()[0].role, "Countess");
    assert_eq!(doc.data.contacts()[0].notes, "Poetical science");
}

#[test]
fn an_edit_wins_over_a_deletion_on_the_other_side() {
    let server = Radicale::start();
    let dir = tempfile::tempdir().unwrap();
    let ada = contact("Ada Lovelace", "ada@example.com");
    let bob = contact("Bob Noyce", "bob@example.com");
    let path = write_file(dir.path(), vec![ada.clone(), bob.clone()]);
    carddav::sync_file(&path, &request(&server.url())).unwrap();
    // Ada: deleted here, edited on the phone. Bob: edited here, deleted on the phone.
    edit(&path, |d| {
        let mut b = d.contact(bob.id).unwrap().clone();
        b.notes = "Edited here".into();
        d.apply(Edit::Batch(vec![
            Edit::RemoveContact(ada.id),
            Edit::PutContact(b),
        ]))
        .unwrap();
    });
    let cards = server.cards();
    let (ada_name, ada_text) = card_named(&server, &cards, "Ada Lovelace").unwrap();
    server.put(
        ada_name,
        &ada_text.replace("END:VCARD", "TITLE:Countess\r\nEND:VCARD"),
    );
    let (bob_name, _) = card_named(&server, &cards, "Bob Noyce").unwrap();
    server.delete(bob_name);

    let report = carddav::sync_file(&path, &request(&server.url())).unwrap();
    assert_eq!(report.notes.len(), 2, "{report:?}");
    let doc = load(&path);
    let back = doc
        .data
        .contact(ada.id)
        .expect("Ada is back, with her old id");
    assert_eq!(back.role, "Countess");
    assert_eq!(doc.data.contact(bob.id).unwrap().notes, "Edited here");
    let cards = server.cards();
    assert_eq!(cards.len(), 2, "{cards:?}");
    assert!(
        card_named(&server, &cards, "Bob Noyce")
            .unwrap()
            .1
            .contains("Edited here")
    );
    // And the next sync has nothing left to do.
    let report = carddav::sync_file(&path, &request(&server.url())).unwrap();
    assert_eq!(
        report.summary(),
        carddav::Report::default().summary(),
        "{report:?}"
    );
}
