//! Writing contacts as vCard 3.0 or 4.0 through calcard's writer.

use calcard::vcard::{
    VCard, VCardEntry, VCardParameter, VCardParameterName, VCardParameterValue, VCardProperty,
    VCardValue, VCardVersion,
};
use serde_json::Value;

use super::VcardVersion;
use crate::formats::dates;
use crate::model::{Contact, Dataset, Labeled};

/// The vCard TEL types Rapport keeps in a phone's label (RFC 2426 and 6350, Apple's iPhone),
/// after `normalize_label` (`CELL` is "mobile").
const PHONE_TYPES: [&str; 16] = [
    "home",
    "work",
    "mobile",
    "fax",
    "pager",
    "text",
    "video",
    "textphone",
    "main",
    "car",
    "isdn",
    "bbs",
    "modem",
    "msg",
    "pcs",
    "voice",
];

fn text_entry(name: VCardProperty, value: &str) -> VCardEntry {
    VCardEntry::new(name).with_value(value.to_owned())
}

/// A label as a TYPE when it is one word, else as an Apple `X-ABLabel` in a group.
fn labelled(
    entries: &mut Vec<VCardEntry>,
    name: VCardProperty,
    item: &Labeled,
    groups: &mut u32,
    phone: bool,
) {
    let mut entry = text_entry(name, &item.value);
    let label = item.label.trim();
    if label.is_empty() {
        entries.push(entry);
        return;
    }
    // A phone label made of TEL types goes back as those types (`TYPE=WORK;TYPE=FAX`).
    if phone && label.contains(' ') {
        let words: Vec<&str> = label.split_whitespace().collect();
        if words
            .iter()
            .all(|w| PHONE_TYPES.contains(&w.to_lowercase().as_str()))
        {
            for w in words {
                let typ = if w.eq_ignore_ascii_case("mobile") {
                    "CELL".to_owned()
                } else {
                    w.to_uppercase()
                };
                entry.add_param(VCardParameter::new(
                    VCardParameterName::Type,
                    VCardParameterValue::Text(typ),
                ));
            }
            entries.push(entry);
            return;
        }
    }
    if label
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        let typ = if phone && label == "mobile" {
            "CELL".to_owned()
        } else if phone && PHONE_TYPES.contains(&label) {
            label.to_uppercase()
        } else {
            label.to_owned()
        };
        entry.add_param(VCardParameter::new(
            VCardParameterName::Type,
            VCardParameterValue::Text(typ),
        ));
        entries.push(entry);
    } else {
        *groups += 1;
        let group = format!("item{groups}");
        entries.push(entry.with_group(Some(group.clone())));
        entries.push(
            text_entry(VCardProperty::Other("X-ABLabel".to_owned()), label).with_group(Some(group)),
        );
    }
}

fn contact_card(c: &Contact, version: VcardVersion) -> VCard {
    let mut e = Vec::new();
    e.push(text_entry(VCardProperty::Fn, &c.display_name));
    e.push(
        VCardEntry::new(VCardProperty::N).with_values(
            [
                &c.family_name,
                &c.given_name,
                &c.middle_name,
                &c.name_prefix,
                &c.name_suffix,
            ]
            .iter()
            .map(|s| VCardValue::Text((*s).to_owned()))
            .collect(),
        ),
    );
    if !c.organization.is_empty() {
        e.push(text_entry(VCardProperty::Org, &c.organization));
    }
    if !c.role.is_empty() {
        e.push(text_entry(VCardProperty::Title, &c.role));
    }
    let mut groups = 0;
    for m in &c.emails {
        labelled(&mut e, VCardProperty::Email, m, &mut groups, false);
    }
    for p in &c.phones {
        labelled(&mut e, VCardProperty::Tel, p, &mut groups, true);
    }
    for l in &c.links {
        labelled(&mut e, VCardProperty::Url, l, &mut groups, false);
    }
    for a in &c.addresses {
        let entry = VCardEntry::new(VCardProperty::Adr).with_values(
            a.parts()
                .iter()
                .map(|p| VCardValue::Text((*p).to_owned()))
                .collect(),
        );
        let label = a.label.trim();
        if label.is_empty() {
            e.push(entry);
        } else if label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            let mut entry = entry;
            entry.add_param(VCardParameter::new(
                VCardParameterName::Type,
                VCardParameterValue::Text(label.to_owned()),
            ));
            e.push(entry);
        } else {
            groups += 1;
            let group = format!("item{groups}");
            e.push(entry.with_group(Some(group.clone())));
            e.push(
                text_entry(VCardProperty::Other("X-ABLabel".to_owned()), label)
                    .with_group(Some(group)),
            );
        }
    }
    if let Some(b) = c.birthday {
        let text = match (version, b.year) {
            (VcardVersion::V4, Some(y)) => format!("{y:04}{:02}{:02}", b.month, b.day),
            (VcardVersion::V3, Some(_)) => dates::birthday_iso(&b),
            // RFC 6350's truncated form; 3.0 has none of its own, and address books read this one.
            (_, None) => format!("--{:02}{:02}", b.month, b.day),
        };
        e.push(text_entry(VCardProperty::Bday, &text));
    }
    if let Some(bytes) = c.photo.as_ref().and_then(crate::formats::photo::bytes) {
        e.push(
            VCardEntry::new(VCardProperty::Photo).with_value(VCardValue::Binary(
                calcard::common::Data {
                    data: bytes,
                    content_type: Some("image/jpeg".to_owned()),
                },
            )),
        );
    }
    if !c.tags.is_empty() {
        e.push(
            VCardEntry::new(VCardProperty::Categories)
                .with_values(c.tags.iter().map(|t| VCardValue::Text(t.clone())).collect()),
        );
    }
    if !c.notes.is_empty() {
        e.push(text_entry(
            VCardProperty::Note,
            &c.notes.replace("\r\n", "\n").replace('\r', "\n"),
        ));
    }
    let x = |name: &str, value: String| text_entry(VCardProperty::Other(name.to_owned()), &value);
    if !c.how_met.is_empty() {
        e.push(x("X-RAPPORT-HOW-MET", c.how_met.clone()));
    }
    if let Some(d) = c.met_on {
        e.push(x("X-RAPPORT-MET-ON", d.to_string()));
    }
    if let Some(days) = c.cadence_days {
        e.push(x("X-RAPPORT-CADENCE-DAYS", days.to_string()));
    }
    if c.archived {
        e.push(x("X-RAPPORT-ARCHIVED", "true".to_owned()));
    }
    // The properties Rapport has no field for, kept from an imported card, go back out (in
    // 4.0 without those 4.0 no longer has, which make strict readers reject the file).
    if let Some(Value::Array(lines)) = c.extra.get("vcard") {
        for line in lines
            .iter()
            .filter_map(Value::as_str)
            .filter(|l| version == VcardVersion::V3 || !obsolete_in_v4(l))
        {
            if let Ok(card) = VCard::parse(format!(
                "BEGIN:VCARD\r\nVERSION:4.0\r\n{line}\r\nEND:VCARD\r\n"
            )) {
                e.extend(card.entries.into_iter().filter(|x| {
                    !matches!(
                        x.name,
                        VCardProperty::Version | VCardProperty::Begin | VCardProperty::End
                    )
                }));
            }
        }
    }
    if !e.iter().any(|x| x.name == VCardProperty::Uid) {
        e.push(text_entry(
            VCardProperty::Uid,
            &format!("urn:rapport:{}", c.id),
        ));
    }
    VCard { entries: e }
}

/// Properties of vCard 2.1 and 3.0 that RFC 6350 removed (khard and other strict readers refuse
/// a 4.0 file holding them).
const OBSOLETE_IN_V4: [&str; 7] = [
    "PROFILE",
    "NAME",
    "CLASS",
    "LABEL",
    "AGENT",
    "MAILER",
    "SORT-STRING",
];

/// Whether a kept property line (`item1.LABEL;TYPE=x:...`) is one 4.0 no longer has.
fn obsolete_in_v4(line: &str) -> bool {
    let name = line
        .split([':', ';'])
        .next()
        .unwrap_or_default()
        .rsplit('.')
        .next()
        .unwrap_or_default();
    OBSOLETE_IN_V4.iter().any(|o| o.eq_ignore_ascii_case(name))
}

/// Every contact as a vCard, CRLF line ends, lines folded at 75 octets.
#[must_use]
pub fn to_vcard(data: &Dataset, version: VcardVersion) -> String {
    let v = match version {
        VcardVersion::V3 => VCardVersion::V3_0,
        VcardVersion::V4 => VCardVersion::V4_0,
    };
    let mut out = String::new();
    for c in data.contacts() {
        // Writing to a String cannot fail.
        let _ = contact_card(c, version).write_to(&mut out, v);
    }
    out
}
