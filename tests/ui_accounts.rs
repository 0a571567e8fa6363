#![cfg(feature = "gui")]
//! Settings > Accounts (File > Accounts...): the form checks what is typed and says what to fix;
//! Sync now runs a sync against a real Radicale in the background, brings its card in as one
//! undoable step, sends the file's contacts up, and keeps the account (not the password) in
//! the file.

mod common;
#[expect(
    dead_code,
    reason = "this test restarts and deletes nothing on the server"
)]
mod radicale;

use common::{Answers, click, harness, press, sample, settle, type_into, write};
use eframe::egui::accesskit::Role;
use eframe::egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use radicale::{PASSWORD, Radicale, USER, vcard};
use rapport::carddav::Account;
use rapport::store;

#[test]
fn accounts_form_checks_its_fields_and_syncs_with_radicale() {
    let server = Radicale::start();
    server.put(
        "phone-zoe.vcf",
        &vcard("phone-zoe", "Zoe Phone", "EMAIL:zoe@example.com\r\n"),
    );
    let dir = tempfile::tempdir().unwrap();
    let data = sample(None);
    let contacts = data.contacts().len();
    let path = write(dir.path(), data);
    let answers = Answers::default();
    let mut h = harness(Some(path.clone()), &answers);

    click(&mut h, "File");
    click(&mut h, "Accounts...");
    h.get_by_role_and_label(Role::TextInput, "Server");
    h.get_by_role_and_label(Role::TextInput, "User name");
    h.get_by_role_and_label(Role::PasswordInput, "Password");

    // Nothing typed: the form says what is missing.
    click(&mut h, "Sync now");
    h.get_by_label_contains("Give the address of the CardDAV server");
    // Plain HTTP to another computer is refused unless allowed.
    type_into(&mut h, "Server", "http://dav.example.com/");
    click(&mut h, "Sync now");
    h.get_by_label_contains("would cross the network unencrypted");
    // No user.
    h.get_by_role_and_label(Role::TextInput, "Server").focus();
    settle(&mut h);
    press(&mut h, Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, "Server")
        .type_text(&server.url());
    settle(&mut h);
    click(&mut h, "Sync now");
    h.get_by_label_contains("Give the user name");

    type_into(&mut h, "User name", USER);
    h.get_by_role_and_label(Role::PasswordInput, "Password")
        .focus();
    settle(&mut h);
    h.get_by_role_and_label(Role::PasswordInput, "Password")
        .type_text(PASSWORD);
    settle(&mut h);
    click(&mut h, "Sync now");
    settle(&mut h);

    // The card came in as one undoable step; the file's contacts went up.
    let data = h.state().data();
    assert_eq!(data.contacts().len(), contacts + 1);
    assert!(
        data.contacts()
            .iter()
            .any(|c| c.display_name == "Zoe Phone")
    );
    assert_eq!(server.cards().len(), contacts + 1);
    h.get_by_label_contains("Synced contacts: from the server: 1 added");
    assert!(h.state().is_dirty());

    // Saved: the account is in the file, the password is not.
    click(&mut h, "Close");
    press(&mut h, Modifiers::COMMAND, Key::S);
    let doc = store::load(&path).unwrap();
    let account = Account::from_extra(&doc.extra).unwrap();
    assert_eq!(account.user, USER);
    assert_eq!(account.cards.len(), contacts + 1);
    assert!(!std::fs::read_to_string(&path).unwrap().contains(PASSWORD));

    // Undo takes the synced card back out (one step).
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().data().contacts().len(), contacts);
}

#[test]
fn a_refused_password_is_said_in_the_form_and_changes_nothing() {
    let server = Radicale::start();
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), sample(None));
    let answers = Answers::default();
    let mut h = harness(Some(path), &answers);
    let before = h.state().data().clone();
    click(&mut h, "File");
    click(&mut h, "Accounts...");
    type_into(&mut h, "Server", &server.url());
    type_into(&mut h, "User name", USER);
    h.get_by_role_and_label(Role::PasswordInput, "Password")
        .focus();
    settle(&mut h);
    h.get_by_role_and_label(Role::PasswordInput, "Password")
        .type_text("not the password");
    settle(&mut h);
    click(&mut h, "Sync now");
    settle(&mut h);
    h.get_by_label_contains("refused the user name or password");
    assert_eq!(h.state().data(), &before);
    assert!(!h.state().is_dirty());
    assert!(server.cards().is_empty());
}
