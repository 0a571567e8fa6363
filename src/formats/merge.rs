//! Matching an incoming contact to an existing one, and merging two contacts without losing
//! anything. The rules (docs/IMPORT-EXPORT.md):
//! - emails, phones, links and tags are added when not already there (emails and tags compared
//!   case-insensitively, phones by their digits);
//! - an empty field takes the incoming value;
//! - a field that already has a different value keeps it, and the incoming value is added to
//!   the notes as "Imported FIELD: value" (never overwritten silently);
//! - notes are appended unless the incoming notes are already contained;
//! - `extra` keys missing on the kept contact are copied.

use std::collections::HashSet;
use std::fmt;

use super::dates::birthday_iso;
use crate::model::{Contact, Labeled};

/// How an incoming contact was matched to an existing one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MatchKind {
    /// The same vCard UID (Rapport's export writes `UID:urn:rapport:ID`).
    Uid(String),
    Email(String),
    Phone(String),
    Name,
    /// The same id (another Rapport file).
    Id,
}

impl fmt::Display for MatchKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MatchKind::Uid(u) => write!(f, "same UID {u}"),
            MatchKind::Email(e) => write!(f, "same email {e}"),
            MatchKind::Phone(p) => write!(f, "same phone {p}"),
            MatchKind::Name => f.write_str("same name"),
            MatchKind::Id => f.write_str("same id"),
        }
    }
}

/// What a merge did to one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A value added to a list (email, phone, link, tag) or to the notes.
    Added(String),
    /// An empty field filled in.
    Set(String),
    /// The field already had another value, which was kept; the incoming one went to the notes.
    Kept { existing: String, incoming: String },
}

/// A change to one field of a contact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    pub field: &'static str,
    pub change: Change,
}

impl fmt::Display for FieldChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.change {
            Change::Added(v) => write!(f, "{} + {v}", self.field),
            Change::Set(v) => write!(f, "{} set to {v}", self.field),
            Change::Kept { existing, incoming } => write!(
                f,
                "{} kept as {existing} ({incoming} added to the notes)",
                self.field
            ),
        }
    }
}

/// The digits of a phone number, with an international `00` prefix read as `+`; used to compare
/// numbers written differently. Numbers with fewer than 5 digits are not compared (empty result).
#[must_use]
pub fn normalize_phone(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let digits = digits
        .strip_prefix("00")
        .map_or(digits.clone(), str::to_owned);
    if digits.len() < 5 {
        String::new()
    } else {
        digits
    }
}

/// A name for comparison: lower-case words of letters and digits, single spaces.
#[must_use]
pub fn normalize_name(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A name for exact matching: trimmed, single spaces, case-insensitive.
#[must_use]
pub(crate) fn exact_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn add_labeled(
    list: &mut Vec<Labeled>,
    incoming: &[Labeled],
    same: impl Fn(&str, &str) -> bool,
    field: &'static str,
    changes: &mut Vec<FieldChange>,
) {
    for item in incoming {
        if let Some(existing) = list.iter_mut().find(|e| same(&e.value, &item.value)) {
            if existing.label.is_empty() && !item.label.is_empty() {
                existing.label.clone_from(&item.label);
            }
        } else {
            list.push(item.clone());
            changes.push(FieldChange {
                field,
                change: Change::Added(item.value.clone()),
            });
        }
    }
}

/// Merges `incoming` into `kept` by the rules above and returns what changed (empty when the
/// incoming contact added nothing). `kept.updated` is left to the caller.
pub fn merge_into(kept: &mut Contact, incoming: &Contact) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    // Values kept aside in the notes, with the line that keeps them.
    let mut aside: Vec<(FieldChange, String)> = Vec::new();
    let mut set_aside = |field: &'static str, existing: String, incoming: String, line: String| {
        aside.push((
            FieldChange {
                field,
                change: Change::Kept { existing, incoming },
            },
            line,
        ));
    };
    if exact_name(&kept.display_name) != exact_name(&incoming.display_name) {
        let line = format!("Also known as: {}", incoming.display_name);
        set_aside(
            "name",
            kept.display_name.clone(),
            incoming.display_name.clone(),
            line,
        );
    }
    for (field, k, i) in [
        ("given name", &mut kept.given_name, &incoming.given_name),
        ("family name", &mut kept.family_name, &incoming.family_name),
        ("middle name", &mut kept.middle_name, &incoming.middle_name),
        ("name prefix", &mut kept.name_prefix, &incoming.name_prefix),
        ("name suffix", &mut kept.name_suffix, &incoming.name_suffix),
        (
            "organisation",
            &mut kept.organization,
            &incoming.organization,
        ),
        ("role", &mut kept.role, &incoming.role),
        ("how we met", &mut kept.how_met, &incoming.how_met),
    ] {
        let i = i.trim();
        if i.is_empty() || k.trim().eq_ignore_ascii_case(i) {
            continue;
        }
        if k.trim().is_empty() {
            i.clone_into(k);
            changes.push(FieldChange {
                field,
                change: Change::Set(i.to_owned()),
            });
        } else {
            set_aside(
                field,
                k.clone(),
                i.to_owned(),
                format!("Imported {field}: {i}"),
            );
        }
    }
    add_labeled(
        &mut kept.emails,
        &incoming.emails,
        str::eq_ignore_ascii_case,
        "email",
        &mut changes,
    );
    add_labeled(
        &mut kept.phones,
        &incoming.phones,
        |a, b| {
            let (na, nb) = (normalize_phone(a), normalize_phone(b));
            a == b || (!na.is_empty() && na == nb)
        },
        "phone",
        &mut changes,
    );
    add_labeled(
        &mut kept.links,
        &incoming.links,
        |a, b| a == b,
        "link",
        &mut changes,
    );
    if kept.photo.is_none() && incoming.photo.is_some() {
        kept.photo.clone_from(&incoming.photo);
        changes.push(FieldChange {
            field: "photo",
            change: Change::Set("the card's photo".to_owned()),
        });
    }
    for a in &incoming.addresses {
        let line = a.one_line().to_lowercase();
        if !kept
            .addresses
            .iter()
            .any(|k| k.one_line().to_lowercase() == line)
        {
            kept.addresses.push(a.clone());
            changes.push(FieldChange {
                field: "address",
                change: Change::Added(a.one_line()),
            });
        }
    }
    // Compared in ASCII lower case, as `Contact::has_tag` does, through a set: a contact may
    // carry many thousands of tags.
    let mut kept_tags: HashSet<String> = kept.tags.iter().map(|t| t.to_ascii_lowercase()).collect();
    for tag in &incoming.tags {
        if kept_tags.insert(tag.to_ascii_lowercase()) {
            kept.tags.push(tag.clone());
            changes.push(FieldChange {
                field: "tag",
                change: Change::Added(tag.clone()),
            });
        }
    }
    match (kept.birthday, incoming.birthday) {
        (None, Some(b)) => {
            kept.birthday = Some(b);
            changes.push(FieldChange {
                field: "birthday",
                change: Change::Set(birthday_iso(&b)),
            });
        }
        // A birthday with the year fills in one without it.
        (Some(k), Some(b))
            if k.year.is_none() && b.year.is_some() && (k.month, k.day) == (b.month, b.day) =>
        {
            kept.birthday = Some(b);
            changes.push(FieldChange {
                field: "birthday",
                change: Change::Set(birthday_iso(&b)),
            });
        }
        (Some(k), Some(b))
            if k != b && !(b.year.is_none() && (k.month, k.day) == (b.month, b.day)) =>
        {
            let (ks, bs) = (birthday_iso(&k), birthday_iso(&b));
            let line = format!("Imported birthday: {bs}");
            set_aside("birthday", ks, bs, line);
        }
        _ => {}
    }
    match (kept.met_on, incoming.met_on) {
        (None, Some(d)) => {
            kept.met_on = Some(d);
            changes.push(FieldChange {
                field: "met on",
                change: Change::Set(d.to_string()),
            });
        }
        (Some(a), Some(b)) if a != b => {
            set_aside(
                "met on",
                a.to_string(),
                b.to_string(),
                format!("Imported met on: {b}"),
            );
        }
        _ => {}
    }
    if kept.cadence_days.is_none() && incoming.cadence_days.is_some() {
        kept.cadence_days = incoming.cadence_days;
    }
    let mut notes_add: Vec<String> = Vec::new();
    for (key, value) in &incoming.extra {
        match kept.extra.get(key) {
            None => {
                kept.extra.insert(key.clone(), value.clone());
            }
            Some(v) if v == value => {}
            // Lists (the unknown vCard lines) are joined without repeats.
            Some(serde_json::Value::Array(_)) if value.is_array() => {
                if let (Some(serde_json::Value::Array(list)), Some(more)) =
                    (kept.extra.get_mut(key), value.as_array())
                {
                    for item in more {
                        if !list.contains(item) {
                            list.push(item.clone());
                        }
                    }
                }
            }
            Some(_) => notes_add.push(format!("Imported {key}: {value}")),
        }
    }
    let incoming_notes = incoming.notes.trim();
    if !incoming_notes.is_empty() && !kept.notes.contains(incoming_notes) {
        notes_add.insert(0, incoming_notes.to_owned());
        changes.push(FieldChange {
            field: "notes",
            change: Change::Added(first_line(incoming_notes)),
        });
    }
    // Nothing is reported or added twice when an earlier import already kept the value aside.
    for (change, line) in aside {
        if !kept.notes.contains(&line) && !notes_add.contains(&line) {
            notes_add.push(line);
            changes.push(change);
        }
    }
    let notes_add: Vec<String> = notes_add
        .into_iter()
        .filter(|n| !kept.notes.contains(n.as_str()))
        .collect();
    if !notes_add.is_empty() {
        if !kept.notes.trim().is_empty() {
            kept.notes.push_str("\n\n");
        }
        kept.notes.push_str(&notes_add.join("\n"));
    }
    changes
}

fn first_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or_default();
    if line.chars().count() > 60 || s.lines().nth(1).is_some() {
        format!("{}...", line.chars().take(60).collect::<String>())
    } else {
        line.to_owned()
    }
}
