//! Reading vCard files: each card's text through calcard, then into a contact draft.

use std::collections::HashMap;

use calcard::common::IanaString;
use calcard::vcard::{
    VCard, VCardEntry, VCardParameterName, VCardParameterValue, VCardProperty, VCardValue,
};
use serde_json::Value;

use super::lines::{byte_lines, card_text};
use crate::formats::draft::Draft;
use crate::formats::source::{ImportError, Incoming, Parsed, Skip};
use crate::formats::{dates, text};
use crate::model::{Address, Birthday};

/// Parses every card in a vCard file. A card that cannot be read is skipped with its line.
///
/// Each card is first made into UTF-8 text property by property, as bytes (RFC 6350 3.2: a fold
/// may split a UTF-8 character): lines are unfolded, quoted-printable values (`ENCODING=` or
/// 2.1's bare `QUOTED-PRINTABLE`) joined at their soft breaks and decoded, and each value
/// decoded by its declared `CHARSET` (or 2.1's bare charset), else as UTF-8 when valid, else as
/// the encoding the detector finds for the card. calcard then reads the card.
pub(crate) fn parse_bytes(bytes: &[u8]) -> Result<Parsed, ImportError> {
    let bytes = text::unicode_bytes(bytes);
    let lines = byte_lines(&bytes);
    let mut parsed = Parsed::default();
    let mut current: Option<(usize, Vec<&[u8]>)> = None;
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_ascii();
        if trimmed.eq_ignore_ascii_case(b"begin:vcard") {
            if let Some((start, _)) = current.take() {
                parsed.skipped.push(Skip::new(
                    start,
                    "the card has no END:VCARD before the next card",
                ));
            }
            current = Some((i + 1, vec![trimmed]));
        } else if let Some((start, mut body)) = current.take() {
            body.push(line);
            if trimmed.eq_ignore_ascii_case(b"end:vcard") {
                read_card(start, &card_text(&body), &mut parsed);
            } else {
                current = Some((start, body));
            }
        }
    }
    if let Some((start, _)) = current {
        parsed.skipped.push(Skip::new(
            start,
            "the card has no END:VCARD (the file may be cut off)",
        ));
    }
    if parsed.contacts.is_empty() && parsed.skipped.is_empty() {
        return Err(ImportError::NotThisFormat {
            format: crate::formats::Format::Vcard,
            why: "it has no BEGIN:VCARD line".to_owned(),
        });
    }
    Ok(parsed)
}

fn read_card(line: usize, card_text: &str, parsed: &mut Parsed) {
    match VCard::parse(card_text) {
        Ok(card) if is_group(&card) => parsed
            .skipped
            .push(Skip::new(line, "it is a group (KIND:group), not a person")),
        Ok(card) => match card_to_draft(&card, card_text).finish_with_problems() {
            Ok((mut contact, problems)) => {
                for why in problems {
                    parsed.warnings.push(Skip::new(line, why));
                }
                let uid = card
                    .property(&VCardProperty::Uid)
                    .map(|e| joined(e, ""))
                    .filter(|u| !u.is_empty());
                // Rapport's own export: the card is the contact with this id.
                if let Some(id) = uid
                    .as_deref()
                    .and_then(|u| u.strip_prefix("urn:rapport:"))
                    .and_then(|id| id.parse().ok())
                {
                    contact.id = id;
                }
                parsed.contacts.push(Incoming { line, contact, uid });
            }
            Err(why) => parsed.skipped.push(Skip::new(line, why)),
        },
        Err(_) => parsed
            .skipped
            .push(Skip::new(line, "the card cannot be read")),
    }
}

fn is_group(card: &VCard) -> bool {
    card.property(&VCardProperty::Kind)
        .and_then(|e| e.values.first())
        .is_some_and(|v| matches!(v, VCardValue::Kind(calcard::vcard::VCardKind::Group)))
}

/// A value as text; binary data that is not text (a photo) is `None`.
fn value_text(v: &VCardValue) -> Option<String> {
    let s = match v {
        VCardValue::Text(s) => s.clone(),
        VCardValue::Component(parts) => parts.join(", "),
        VCardValue::Integer(i) => i.to_string(),
        VCardValue::Float(f) => f.to_string(),
        VCardValue::Boolean(b) => b.to_string(),
        VCardValue::PartialDateTime(p) => {
            let mut s = String::new();
            p.format_as_vcard(&mut s, &calcard::vcard::VCardValueType::DateAndOrTime)
                .ok()?;
            s
        }
        VCardValue::Binary(d) if d.content_type.is_none() => {
            String::from_utf8(d.data.clone()).ok()?
        }
        VCardValue::Binary(_) => return None,
        VCardValue::Sex(_) | VCardValue::GramGender(_) | VCardValue::Kind(_) => {
            v.as_text()?.to_owned()
        }
    };
    Some(text::fix_c1(&s).into_owned())
}

/// All values joined by `sep`, empty ones left out.
fn joined(entry: &VCardEntry, sep: &str) -> String {
    entry
        .values
        .iter()
        .filter_map(value_text)
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(sep)
}

fn component(entry: &VCardEntry, i: usize) -> String {
    entry.values.get(i).and_then(value_text).unwrap_or_default()
}

/// The TYPE values of a property, including 2.1's bare ones (`TEL;WORK;VOICE`).
fn types(entry: &VCardEntry) -> Vec<String> {
    let mut out = Vec::new();
    for p in &entry.params {
        match (&p.name, &p.value) {
            (VCardParameterName::Type, VCardParameterValue::Type(t)) => {
                out.push(t.as_str().to_owned());
            }
            (VCardParameterName::Type, VCardParameterValue::Text(t)) => {
                out.extend(t.split(',').map(str::to_owned));
            }
            (VCardParameterName::Other(name), VCardParameterValue::Null) => out.push(name.clone()),
            _ => {}
        }
    }
    out
}

const NOT_LABELS: [&str; 10] = [
    "voice",
    "internet",
    "pref",
    "x400",
    "msg",
    "x-internet",
    "text",
    "uri",
    "encoding",
    "charset",
];

/// The label of a property: Apple's `X-ABLabel` for its group, else its first telling TYPE.
fn label(entry: &VCardEntry, group_labels: &HashMap<String, String>) -> String {
    if let Some(l) = entry
        .group
        .as_ref()
        .and_then(|g| group_labels.get(&g.to_lowercase()))
    {
        return crate::formats::draft::normalize_label(l);
    }
    types(entry)
        .iter()
        .map(|t| t.trim())
        .find(|t| !t.is_empty() && !NOT_LABELS.contains(&t.to_lowercase().as_str()))
        .map(crate::formats::draft::normalize_label)
        .unwrap_or_default()
}

/// A phone's label: Apple's `X-ABLabel` for its group, else every telling TYPE, the place
/// (home, work) first: `TEL;WORK;FAX` is "work fax", `TEL;TYPE=CELL,TEXT` "mobile text".
fn phone_label(entry: &VCardEntry, group_labels: &HashMap<String, String>) -> String {
    if let Some(l) = entry
        .group
        .as_ref()
        .and_then(|g| group_labels.get(&g.to_lowercase()))
    {
        return crate::formats::draft::normalize_label(l);
    }
    let mut words: Vec<String> = Vec::new();
    for t in types(entry) {
        let t = crate::formats::draft::normalize_label(&t);
        if t.is_empty()
            || matches!(t.as_str(), "voice" | "encoding" | "charset" | "uri")
            || words.contains(&t)
        {
            continue;
        }
        words.push(t);
    }
    words.sort_by_key(|w| !matches!(w.as_str(), "home" | "work" | "other"));
    words.join(" ")
}

fn other_name(entry: &VCardEntry) -> Option<String> {
    match &entry.name {
        VCardProperty::Other(n) => Some(n.to_ascii_uppercase()),
        _ => None,
    }
}

/// The raw value of the BDAY line, for `--MM-DD`, which calcard reads without its day in 3.0.
fn raw_bday(card_text: &str) -> Option<&str> {
    card_text.split(['\r', '\n']).find_map(|l| {
        let (name, value) = l.split_once(':')?;
        let name = name.rsplit('.').next()?.split(';').next()?;
        name.eq_ignore_ascii_case("BDAY").then_some(value.trim())
    })
}

fn card_to_draft(card: &VCard, card_text: &str) -> Draft {
    let mut d = Draft::default();
    let mut group_labels = HashMap::new();
    for e in &card.entries {
        if other_name(e).as_deref() == Some("X-ABLABEL")
            && let Some(g) = &e.group
        {
            group_labels.insert(g.to_lowercase(), joined(e, " "));
        }
    }
    let mut notes = Vec::new();
    let mut unknown = Vec::new();
    for e in &card.entries {
        let label = label(e, &group_labels);
        let with_label = |name: &str| {
            if label.is_empty() {
                name.to_owned()
            } else {
                format!("{name} ({label})")
            }
        };
        match &e.name {
            VCardProperty::Fn => d.full = joined(e, " "),
            VCardProperty::N => {
                d.family = component(e, 0);
                d.given = component(e, 1);
                d.middle = component(e, 2);
                d.prefix = component(e, 3);
                d.suffix = component(e, 4);
            }
            VCardProperty::Nickname => {
                if d.nickname.is_empty() {
                    d.nickname = joined(e, ", ");
                } else {
                    d.keep("Nickname", &joined(e, ", "));
                }
            }
            VCardProperty::Org => {
                let parts: Vec<String> = e
                    .values
                    .iter()
                    .filter_map(value_text)
                    .filter(|s| !s.trim().is_empty())
                    .collect();
                if let Some((first, rest)) = parts.split_first() {
                    if d.org.is_empty() {
                        first.trim().clone_into(&mut d.org);
                        d.department = rest.join(", ");
                    } else {
                        d.keep(&with_label("Organisation"), &parts.join(", "));
                    }
                }
            }
            VCardProperty::Title => {
                if d.role.is_empty() {
                    d.role = joined(e, ", ");
                } else {
                    d.keep("Title", &joined(e, ", "));
                }
            }
            VCardProperty::Role => {
                if d.role.is_empty() {
                    d.role = joined(e, ", ");
                } else {
                    d.keep("Role", &joined(e, ", "));
                }
            }
            VCardProperty::Email => d.add_email(&joined(e, ","), &label),
            VCardProperty::Tel => d.add_phone(&joined(e, ","), &phone_label(e, &group_labels)),
            VCardProperty::Url => d.add_link(
                &joined(e, ","),
                if label.is_empty() { "website" } else { &label },
            ),
            VCardProperty::Impp | VCardProperty::Socialprofile => {
                d.add_link(
                    &joined(e, ","),
                    if label.is_empty() { "chat" } else { &label },
                );
            }
            VCardProperty::Bday => match e.values.first() {
                Some(VCardValue::PartialDateTime(p)) => match (p.month, p.day) {
                    (Some(month), Some(day)) => {
                        let b = Birthday {
                            // Apple writes 1604 for "year unknown".
                            year: p.year.filter(|&y| y != 1604).map(i32::from),
                            month: u32::from(month),
                            day: u32::from(day),
                        };
                        if b.is_valid() {
                            d.birthday = Some(b);
                        } else {
                            d.keep("Birthday", &joined(e, " "));
                        }
                    }
                    _ => match raw_bday(card_text) {
                        Some(raw) => d.set_birthday_text(raw),
                        None => d.keep("Birthday", &joined(e, " ")),
                    },
                },
                _ => d.set_birthday_text(&joined(e, " ")),
            },
            VCardProperty::Anniversary => d.keep("Anniversary", &joined(e, " ")),
            VCardProperty::Adr => d.add_address(Address {
                label: label.clone(),
                po_box: component(e, 0),
                extended: component(e, 1),
                street: component(e, 2),
                locality: component(e, 3),
                region: component(e, 4),
                postal_code: component(e, 5),
                country: component(e, 6),
            }),
            VCardProperty::Note => notes.push(joined(e, ", ")),
            VCardProperty::Categories => {
                // calcard splits the list at unescaped commas.
                for tag in e.values.iter().filter_map(value_text) {
                    d.add_tag(&tag);
                }
            }
            VCardProperty::Related => d.keep(&with_label("Related"), &joined(e, ", ")),
            VCardProperty::Photo => {
                if d.photo.is_none() && d.photo_problem.is_none() {
                    let bytes = match e.values.first() {
                        Some(VCardValue::Binary(b)) => Some(b.data.clone()),
                        // A link to a photo elsewhere is not fetched.
                        Some(VCardValue::Text(t)) if t.contains("://") => None,
                        // calcard gives decoded data that happens to be UTF-8 as text.
                        Some(VCardValue::Text(t)) => crate::formats::photo::data_uri(t)
                            .or_else(|| crate::formats::photo::inline_base64(t))
                            .or_else(|| (!t.is_empty()).then(|| t.as_bytes().to_vec())),
                        _ => None,
                    };
                    if let Some(bytes) = bytes {
                        match crate::formats::photo::prepare(&bytes) {
                            Ok(p) => d.photo = Some(p),
                            Err(why) => d.photo_problem = Some(why),
                        }
                    }
                }
            }
            VCardProperty::Logo
            | VCardProperty::Sound
            | VCardProperty::Key
            | VCardProperty::Version
            | VCardProperty::Prodid
            | VCardProperty::Rev
            | VCardProperty::Begin
            | VCardProperty::End => {}
            VCardProperty::Uid if joined(e, "").starts_with("urn:rapport:") => {}
            // A stray line (the tail of a photo, say) is not a property: nothing to keep.
            VCardProperty::Other(n)
                if !n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') => {}
            VCardProperty::Other(_) => other(&mut d, e, &label, &mut unknown),
            _ => unknown.push(raw(e)),
        }
    }
    let notes: Vec<String> = notes.into_iter().filter(|n| !n.trim().is_empty()).collect();
    d.notes = notes.join("\n\n");
    if !unknown.is_empty() {
        d.extra.insert(
            "vcard".to_owned(),
            Value::Array(unknown.into_iter().map(Value::String).collect()),
        );
    }
    d
}

fn other(d: &mut Draft, e: &VCardEntry, label: &str, unknown: &mut Vec<String>) {
    let name = other_name(e).unwrap_or_default();
    let value = joined(e, ", ");
    match name.as_str() {
        "X-ABLABEL" | "X-ABADR" => {}
        "X-RAPPORT-HOW-MET" => d.how_met = value,
        "X-RAPPORT-MET-ON" => match dates::parse_date(&value) {
            Some(date) => d.met_on = Some(date),
            None => d.keep("Met on", &value),
        },
        "X-RAPPORT-CADENCE-DAYS" => match value.trim().parse() {
            Ok(days) => d.cadence_days = Some(days),
            Err(_) => d.keep("Cadence", &value),
        },
        "X-RAPPORT-ARCHIVED" => d.archived = value.trim().eq_ignore_ascii_case("true"),
        "X-ABDATE" | "X-ANNIVERSARY" => {
            let field = if label.is_empty() {
                "Date".to_owned()
            } else {
                format!("Date ({label})")
            };
            d.keep(&field, &value);
        }
        "X-ABRELATEDNAMES" | "X-SPOUSE" | "X-ASSISTANT" | "X-MANAGER" => {
            let field = if label.is_empty() {
                "Related".to_owned()
            } else {
                format!("Related ({label})")
            };
            d.keep(&field, &value);
        }
        "X-SOCIALPROFILE" | "X-TWITTER" | "X-SKYPE" | "X-SKYPE-USERNAME" | "X-AIM" | "X-JABBER"
        | "X-MSN" | "X-YAHOO" | "X-ICQ" | "X-GTALK" | "X-GOOGLE-TALK" | "X-QQ" => {
            let service = name.trim_start_matches("X-").to_lowercase();
            let l = if label.is_empty() || name == "X-SOCIALPROFILE" && label.is_empty() {
                service
            } else {
                label.to_owned()
            };
            d.add_link(&value, &l);
        }
        _ => unknown.push(raw(e)),
    }
}

/// A property as one unfolded vCard line, kept in the contact's `extra` map.
fn raw(e: &VCardEntry) -> String {
    let mut s = String::new();
    if e.write_to(&mut s, true).is_err() {
        return String::new();
    }
    s.replace("\r\n ", "").trim_end().to_owned()
}
