//! Which existing contact an incoming record may be: by UID, email, phone digits or exact name,
//! and whether two names may belong to one person.

use std::collections::{HashMap, HashSet};

use crate::formats::merge::{MatchKind, exact_name, normalize_name, normalize_phone};
use crate::model::{Contact, ContactId};

/// Finds contacts by UID, email, phone digits or exact name (first one wins).
#[derive(Default)]
pub(super) struct Index {
    pub(super) uid: HashMap<String, ContactId>,
    pub(super) email: HashMap<String, ContactId>,
    pub(super) phone: HashMap<String, ContactId>,
    pub(super) name: HashMap<String, ContactId>,
}

/// A candidate match and whether the evidence is strong enough to merge without asking.
pub(super) struct Candidate {
    pub(super) id: ContactId,
    pub(super) matched_by: MatchKind,
    /// `None` for a strong match; else why it is only proposed.
    pub(super) weak: Option<&'static str>,
}

impl Index {
    pub(super) fn add(&mut self, c: &Contact) {
        if let Some(uid) = kept_uid(c) {
            self.uid.entry(uid).or_insert(c.id);
        }
        for e in &c.emails {
            self.email
                .entry(e.value.trim().to_lowercase())
                .or_insert(c.id);
        }
        for p in &c.phones {
            let digits = normalize_phone(&p.value);
            if !digits.is_empty() {
                self.phone.entry(digits).or_insert(c.id);
            }
        }
        self.name.entry(exact_name(&c.display_name)).or_insert(c.id);
    }
}

/// The UID a contact keeps from the card it was imported from (an unknown vCard line
/// `UID:...`, kept in `extra.vcard`).
pub(crate) fn kept_uid(c: &Contact) -> Option<String> {
    c.extra
        .get("vcard")?
        .as_array()?
        .iter()
        .filter_map(serde_json::Value::as_str)
        .find_map(uid_of_line)
}

/// The value of a `UID` line (`UID:x`, `UID;VALUE=text:x`, `item1.UID:x`), trimmed.
fn uid_of_line(line: &str) -> Option<String> {
    let (name, value) = line.split_once(':')?;
    let name = name.split(';').next()?.rsplit('.').next()?;
    (name.eq_ignore_ascii_case("UID") && !value.trim().is_empty()).then(|| value.trim().to_owned())
}

/// The words of a contact's name for comparison; empty when the name is only an email address
/// or a phone number (a card with no name of its own).
fn name_words(c: &Contact) -> HashSet<String> {
    let name = c.display_name.trim();
    if name.contains('@') || c.phones.iter().any(|p| p.value.trim() == name) {
        return HashSet::new();
    }
    normalize_name(name)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether two names may belong to one person: one is missing, or the words of one are all
/// among the other's ("Ada" and "Ada Lovelace", "Lovelace, Ada" and "Ada Lovelace").
pub(super) fn names_compatible(a: &Contact, b: &Contact) -> bool {
    let (wa, wb) = (name_words(a), name_words(b));
    wa.is_empty() || wb.is_empty() || wa.is_subset(&wb) || wb.is_subset(&wa)
}
