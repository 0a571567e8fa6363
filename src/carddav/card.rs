//! One contact as a card on the server: writing it (through `formats::to_vcard`), reading it
//! (through `formats::parse_bytes`), the fields a card carries, and the three-way merge of a
//! contact against the version both sides last agreed on.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::{Map, Value};

use crate::formats::{self, Format, VcardVersion};
use crate::model::stamps::RecordKey;
use crate::model::stamps::SyncMeta;
use crate::model::{Contact, Dataset, Settings};

/// The contact's fields a vCard carries (Rapport writes the last four as `X-RAPPORT-*`
/// properties; `vcard` holds the properties Rapport has no field for). Everything else (id,
/// created, updated, snoozed until, unknown fields) stays in the data file only.
pub const CARRIED: [&str; 21] = [
    "display_name",
    "given_name",
    "family_name",
    "middle_name",
    "name_prefix",
    "name_suffix",
    "organization",
    "role",
    "emails",
    "phones",
    "links",
    "tags",
    "addresses",
    "photo",
    "birthday",
    "notes",
    "vcard",
    "how_met",
    "met_on",
    "cadence_days",
    "archived",
];

/// A contact as a vCard 3.0 (read by every server and phone), with `REV` set to `rev`.
#[must_use]
pub fn write(contact: &Contact, rev: DateTime<Utc>) -> String {
    let data = Dataset::from_parts(
        vec![contact.clone()],
        Vec::new(),
        Vec::new(),
        Settings::default(),
    )
    .unwrap_or_default();
    let text = formats::to_vcard(&data, VcardVersion::V3);
    let rev = format!("REV:{}\r\n", rev.format("%Y%m%dT%H%M%SZ"));
    match text.rfind("END:VCARD") {
        Some(at) => format!("{}{rev}{}", &text[..at], &text[at..]),
        None => text,
    }
}

/// A card read from the server: the contact (a fresh id, or `urn:rapport:ID`'s), its UID, and
/// its `REV` time when it has one.
#[derive(Clone, Debug)]
pub struct Card {
    pub contact: Contact,
    pub uid: Option<String>,
    pub rev: Option<DateTime<Utc>>,
}

/// Reads one card; `None` when it holds no person (a group card, or nothing readable).
#[must_use]
pub fn read(href: &str, text: &str) -> Option<Card> {
    let parsed =
        formats::parse_bytes(Path::new(href), text.as_bytes(), Some(Format::Vcard)).ok()?;
    let incoming = parsed.contacts.into_iter().next()?;
    Some(Card {
        contact: incoming.contact,
        uid: incoming.uid,
        rev: rev_of(text),
    })
}

/// The `REV` of a card (`20261130T194812Z`, `2026-11-30T19:48:12Z`, with or without `Z`).
fn rev_of(text: &str) -> Option<DateTime<Utc>> {
    let line = text.lines().find(|l| {
        let up = l.get(..4).map(str::to_ascii_uppercase);
        up.as_deref() == Some("REV:") || up.as_deref() == Some("REV;")
    })?;
    let value = line.split_once(':')?.1.trim();
    let value = value.trim_end_matches('Z').replace(['-', ':'], "");
    NaiveDateTime::parse_from_str(&value, "%Y%m%dT%H%M%S")
        .ok()
        .map(|t| t.and_utc())
}

/// The carried fields of a contact as JSON values (absent fields are `Null`).
#[must_use]
pub fn carried(contact: &Contact) -> BTreeMap<&'static str, Value> {
    let Ok(Value::Object(map)) = serde_json::to_value(contact) else {
        return BTreeMap::new();
    };
    CARRIED
        .iter()
        .map(|&k| (k, map.get(k).cloned().unwrap_or(Value::Null)))
        .collect()
}

/// The contact as it comes back from the server: written as a card and read again, so that a
/// comparison with a card read from the server sees only real differences.
#[must_use]
pub fn normalized(contact: &Contact) -> Contact {
    let text = write(contact, DateTime::<Utc>::UNIX_EPOCH);
    match read("", &text) {
        Some(card) => card.contact,
        None => contact.clone(),
    }
}

/// A short fingerprint of a JSON value (FNV-1a, 64 bits, hex): the base of a merge is kept as
/// one per field, not as a copy of the card.
#[must_use]
pub fn fingerprint(value: &Value) -> String {
    let text = value.to_string();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The fingerprints of a contact's carried fields, as last agreed with the server.
#[must_use]
pub fn base_of(contact: &Contact) -> BTreeMap<String, String> {
    carried(&normalized(contact))
        .into_iter()
        .map(|(k, v)| (k.to_owned(), fingerprint(&v)))
        .collect()
}

/// The fields (of [`CARRIED`]) whose value differs from the base.
#[must_use]
pub fn changed_since(contact: &Contact, base: &BTreeMap<String, String>) -> Vec<&'static str> {
    carried(&normalized(contact))
        .into_iter()
        .filter(|(k, v)| base.get(*k).map(String::as_str) != Some(fingerprint(v).as_str()))
        .map(|(k, _)| k)
        .collect()
}

/// One field both sides changed to different values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldConflict {
    pub field: &'static str,
    /// "here" or "server": whose value was kept.
    pub winner: &'static str,
    /// The value that lost, as JSON text.
    pub lost: String,
}

/// The result of merging a contact with its card.
#[derive(Clone, Debug)]
pub struct Merged {
    pub contact: Contact,
    pub conflicts: Vec<FieldConflict>,
}

/// Three-way merge of the local contact with the server's card against the base both last
/// agreed on: a field changed on one side only takes that side's value; a field changed on
/// both to different values takes the later change (the local field's change time against the
/// card's `REV`, or the time of this sync for a card without one; the local side on a tie).
/// Fields the card does not carry stay as they are here.
#[must_use]
pub fn merge(
    local: &Contact,
    meta: &SyncMeta,
    card: &Card,
    base: &BTreeMap<String, String>,
    now: DateTime<Utc>,
) -> Merged {
    let mine = carried(&normalized(local));
    let theirs = carried(&card.contact);
    let Ok(Value::Object(mut out)) = serde_json::to_value(local) else {
        return Merged {
            contact: local.clone(),
            conflicts: Vec::new(),
        };
    };
    let record = meta.records.get(&RecordKey::Contact(local.id));
    let remote_time = card.rev.unwrap_or(now);
    let mut conflicts = Vec::new();
    for field in CARRIED {
        let m = &mine[field];
        let t = &theirs[field];
        if m == t {
            continue;
        }
        let b = base.get(field).map(String::as_str);
        let mine_changed = b != Some(fingerprint(m).as_str());
        let theirs_changed = b != Some(fingerprint(t).as_str());
        let take_theirs = match (mine_changed, theirs_changed) {
            (false, true) => true,
            (true | false, false) => false,
            (true, true) => {
                let local_time = record
                    .and_then(|r| r.field_time(field).or(Some(r.stamp.at)))
                    .unwrap_or(local.updated);
                let theirs_win = remote_time > local_time;
                let lost = if theirs_win { m } else { t };
                conflicts.push(FieldConflict {
                    field,
                    winner: if theirs_win { "server" } else { "here" },
                    lost: lost.to_string(),
                });
                theirs_win
            }
        };
        if take_theirs {
            set_field(&mut out, field, t);
        }
    }
    let contact = serde_json::from_value(Value::Object(out)).unwrap_or_else(|_| local.clone());
    Merged { contact, conflicts }
}

/// Sets a carried field in a contact's JSON (`Null` removes it; `vcard` is one of the extra
/// fields, flattened into the object like the others).
fn set_field(out: &mut Map<String, Value>, field: &str, value: &Value) {
    if value.is_null() {
        out.remove(field);
    } else {
        out.insert(field.to_owned(), value.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Labeled;

    fn ada() -> Contact {
        let mut c = Contact::new("Ada Lovelace");
        c.given_name = "Ada".into();
        c.family_name = "Lovelace".into();
        c.emails.push(Labeled::new("ada@example.com", "work"));
        c.notes = "Analytical engine".into();
        c.cadence_days = Some(30);
        c
    }

    #[test]
    fn a_card_written_and_read_back_carries_the_same_fields() {
        let c = ada();
        let card = read("x.vcf", &write(&c, Utc::now())).expect("a card");
        assert_eq!(carried(&card.contact), carried(&normalized(&c)));
        assert_eq!(card.contact.id, c.id, "urn:rapport:ID keeps the id");
        assert!(card.rev.is_some());
        assert!(changed_since(&c, &base_of(&c)).is_empty());
    }

    #[test]
    fn one_side_changes_merge_and_both_sides_changes_go_to_the_later() {
        let base_contact = ada();
        let base = base_of(&base_contact);
        let mut local = base_contact.clone();
        local.notes = "Poetical science".into();
        let mut remote = base_contact.clone();
        remote.role = "Mathematician".into();
        remote.notes = "Notes from the phone".into();
        let t0 = Utc::now();
        let card = Card {
            contact: normalized(&remote),
            uid: None,
            rev: Some(t0 + chrono::Duration::hours(1)),
        };
        let merged = merge(&local, &SyncMeta::default(), &card, &base, t0);
        assert_eq!(merged.contact.role, "Mathematician");
        assert_eq!(merged.contact.notes, "Notes from the phone");
        assert_eq!(merged.conflicts.len(), 1);
        assert_eq!(merged.conflicts[0].field, "notes");
        assert_eq!(merged.conflicts[0].winner, "server");
        assert!(merged.conflicts[0].lost.contains("Poetical"));
        assert_eq!(merged.contact.id, local.id);
        // An older card loses the notes but still brings its role.
        let old = Card {
            rev: Some(DateTime::<Utc>::UNIX_EPOCH),
            ..card
        };
        let merged = merge(&local, &SyncMeta::default(), &old, &base, t0);
        assert_eq!(merged.contact.notes, "Poetical science");
        assert_eq!(merged.contact.role, "Mathematician");
    }

    #[test]
    fn a_full_contact_is_stable_through_the_card() {
        use crate::model::{Address, Birthday};
        let mut c = ada();
        c.middle_name = "Augusta".into();
        c.name_prefix = "Lady".into();
        c.organization = "Analytical Engines".into();
        c.role = "Countess".into();
        c.phones.push(Labeled::new("+44 20 7946 0000", "mobile"));
        c.links.push(Labeled::new("https://ada.example", "website"));
        c.tags = vec!["math".into(), "poetry, science".into()];
        c.addresses.push(Address {
            label: "home".into(),
            street: "12 St James's Square".into(),
            locality: "London".into(),
            country: "UK".into(),
            ..Address::default()
        });
        c.birthday = Some(Birthday {
            year: None,
            month: 12,
            day: 10,
        });
        c.how_met = "At a salon; Babbage's".into();
        c.met_on = chrono::NaiveDate::from_ymd_opt(1833, 6, 5);
        c.archived = true;
        c.notes = "Line one\nLine two, with a comma; and a semicolon".into();
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new(&mut jpeg)
            .encode_image(&image::RgbImage::from_pixel(
                8,
                8,
                image::Rgb([200, 30, 90]),
            ))
            .expect("a JPEG");
        c.photo = Some(crate::formats::photo::prepare(&jpeg).expect("a photo"));
        let once = normalized(&c);
        assert_eq!(carried(&normalized(&once)), carried(&once));
        assert!(changed_since(&c, &base_of(&c)).is_empty());
        assert!(once.photo.is_some());
        assert_eq!(once.birthday, c.birthday);
        assert_eq!(once.addresses, c.addresses);
        assert_eq!(once.notes, c.notes);
        assert!(once.archived);
    }

    #[test]
    fn rev_is_read_in_both_forms() {
        assert!(rev_of("BEGIN:VCARD\r\nREV:20261130T194812Z\r\nEND:VCARD").is_some());
        assert!(rev_of("REV;VALUE=timestamp:2026-11-30T19:48:12Z").is_some());
        assert!(rev_of("FN:x").is_none());
    }
}
