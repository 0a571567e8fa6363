//! vCard 2.1, 3.0 and 4.0 in (through the calcard parser) and 3.0 or 4.0 out (through calcard's
//! writer, which escapes and folds lines at 75 octets).

use std::borrow::Cow;
use std::collections::HashMap;

use calcard::common::IanaString;
use calcard::vcard::{
    VCard, VCardEntry, VCardParameter, VCardParameterName, VCardParameterValue, VCardProperty,
    VCardValue, VCardVersion,
};
use serde_json::Value;

use super::draft::Draft;
use super::source::{ImportError, Incoming, Parsed, Skip};
use super::{dates, text};
use crate::model::{Address, Birthday, Contact, Dataset, Labeled};

/// The vCard version written by [`to_vcard`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum VcardVersion {
    /// RFC 2426; read by every address book.
    #[default]
    V3,
    /// RFC 6350.
    V4,
}

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
            format: super::Format::Vcard,
            why: "it has no BEGIN:VCARD line".to_owned(),
        });
    }
    Ok(parsed)
}

/// Splits bytes into lines at CRLF, LF or CR CR LF; a lone CR ends a line only in a file with no
/// LF at all (old Mac files): elsewhere it is part of the value it is in.
fn byte_lines(bytes: &[u8]) -> Vec<&[u8]> {
    let cr_ends = !bytes.contains(&b'\n');
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push(&bytes[start..i]);
                i += 1;
                start = i;
            }
            b'\r' => {
                let mut j = i;
                while bytes.get(j) == Some(&b'\r') {
                    j += 1;
                }
                if bytes.get(j) == Some(&b'\n') {
                    out.push(&bytes[start..i]);
                    i = j + 1;
                    start = i;
                } else if cr_ends {
                    out.push(&bytes[start..i]);
                    i = j;
                    start = i;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() {
        out.push(&bytes[start..]);
    }
    out
}

/// Splits at `sep` outside double quotes.
fn split_unquoted(bytes: &[u8], sep: u8) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == sep && !quoted {
            out.push(&bytes[start..i]);
            start = i + 1;
        }
    }
    out.push(&bytes[start..]);
    out
}

/// The position of the first `:` outside double quotes.
fn colon(bytes: &[u8]) -> Option<usize> {
    let mut quoted = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b':' if !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

/// Whether a property's parameters say quoted-printable (`ENCODING=QUOTED-PRINTABLE` or 2.1's
/// bare `QUOTED-PRINTABLE`).
fn is_qp(head: &[u8]) -> bool {
    split_unquoted(head, b';').iter().skip(1).any(|p| {
        let p = p.trim_ascii();
        let value = p
            .iter()
            .position(|&b| b == b'=')
            .map_or(p, |eq| &p[eq + 1..]);
        value.eq_ignore_ascii_case(b"quoted-printable")
    })
}

/// Decodes quoted-printable (`=XX`); an `=` not followed by two hex digits stays.
fn qp_decode(value: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(value.len());
    let mut i = 0;
    while i < value.len() {
        if value[i] == b'='
            && let (Some(h), Some(l)) = (
                value.get(i + 1).copied().and_then(hex),
                value.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(value[i]);
            i += 1;
        }
    }
    out
}

/// One property of a card on its way to UTF-8.
struct RawProperty {
    /// Group, name and the parameters kept, as written (ASCII).
    head: String,
    value: Vec<u8>,
    charset: Option<&'static encoding_rs::Encoding>,
    /// The value was quoted-printable (now decoded): its line breaks must be escaped.
    qp: bool,
}

/// Joins a card's lines into properties (unfolding, quoted-printable soft breaks) as bytes.
fn logical_lines(lines: &[&[u8]]) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = Vec::new();
    let mut qp = false;
    for &line in lines {
        let continues_qp = qp && out.last().is_some_and(|l| l.last() == Some(&b'='));
        if continues_qp {
            if let Some(last) = out.last_mut() {
                last.pop();
                // A writer that also folds the continuation indents it: the indent is dropped
                // when an encoded byte follows (`=E5=` then ` =BA=A7`), else it is a space.
                let folded = matches!(line.first(), Some(b' ' | b'\t'))
                    && line.get(1) == Some(&b'=')
                    && line
                        .get(2..4)
                        .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
                last.extend_from_slice(if folded { &line[1..] } else { line });
            }
        } else if matches!(line.first(), Some(b' ' | b'\t')) && !out.is_empty() {
            if let Some(last) = out.last_mut() {
                last.extend_from_slice(&line[1..]);
            }
        } else if line.trim_ascii().is_empty() {
            qp = false;
        } else {
            qp = colon(line).is_some_and(|c| is_qp(&line[..c]));
            out.push(line.to_vec());
        }
    }
    out
}

fn raw_property(line: &[u8]) -> Option<RawProperty> {
    let c = colon(line)?;
    let parts = split_unquoted(&line[..c], b';');
    let mut head = String::from_utf8_lossy(parts[0].trim_ascii()).into_owned();
    let mut charset = None;
    let mut qp = false;
    for p in &parts[1..] {
        let p = p.trim_ascii();
        let text = String::from_utf8_lossy(p);
        let (name, value) = text.split_once('=').unwrap_or(("", &text));
        let (name, value) = (name.trim(), value.trim());
        if value.eq_ignore_ascii_case("quoted-printable") {
            qp = true;
        } else if name.eq_ignore_ascii_case("charset") {
            charset = text::charset(value);
        } else if name.is_empty() && value.eq_ignore_ascii_case("base64") {
            head.push_str(";ENCODING=BASE64");
        } else if name.is_empty()
            && !value.bytes().all(|b| b.is_ascii_alphabetic())
            && let Some(enc) = text::charset(value)
        {
            // 2.1's bare charset (`N;UTF-8:...`).
            charset = Some(enc);
        } else {
            head.push(';');
            head.push_str(&text);
        }
    }
    let raw = &line[c + 1..];
    Some(RawProperty {
        head,
        value: if qp { qp_decode(raw) } else { raw.to_vec() },
        charset,
        qp,
    })
}

/// A card's lines as UTF-8 text for calcard, each property decoded by its own charset.
fn card_text(lines: &[&[u8]]) -> String {
    let logical = logical_lines(lines);
    let props: Vec<Result<RawProperty, &Vec<u8>>> =
        logical.iter().map(|l| raw_property(l).ok_or(l)).collect();
    // The detector's guess for the values that declare no charset and are not UTF-8.
    let mut undeclared = Vec::new();
    for p in props.iter().flatten() {
        if p.charset.is_none() && std::str::from_utf8(&p.value).is_err() {
            undeclared.extend_from_slice(&p.value);
            undeclared.push(b'\n');
        }
    }
    let guessed = (!undeclared.is_empty()).then(|| text::guess(&undeclared));
    let mut out = String::new();
    for p in &props {
        match p {
            Ok(p) => {
                let value = match (p.charset, std::str::from_utf8(&p.value)) {
                    (Some(enc), _) => enc.decode_without_bom_handling(&p.value).0,
                    (None, Ok(s)) => Cow::Borrowed(s),
                    (None, Err(_)) => {
                        guessed
                            .unwrap_or(encoding_rs::WINDOWS_1252)
                            .decode_without_bom_handling(&p.value)
                            .0
                    }
                };
                out.push_str(&p.head);
                out.push(':');
                if p.qp || value.contains('\r') {
                    // Line breaks in a value are escaped (a bare CR is one too).
                    let v = value.replace("\r\n", "\n").replace('\r', "\n");
                    out.push_str(&v.replace('\n', "\\n"));
                } else {
                    out.push_str(&value);
                }
            }
            Err(line) => out.push_str(&text::decode_guess(line)),
        }
        out.push_str("\r\n");
    }
    out
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
        return super::draft::normalize_label(l);
    }
    types(entry)
        .iter()
        .map(|t| t.trim())
        .find(|t| !t.is_empty() && !NOT_LABELS.contains(&t.to_lowercase().as_str()))
        .map(super::draft::normalize_label)
        .unwrap_or_default()
}

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

/// A phone's label: Apple's `X-ABLabel` for its group, else every telling TYPE, the place
/// (home, work) first: `TEL;WORK;FAX` is "work fax", `TEL;TYPE=CELL,TEXT` "mobile text".
fn phone_label(entry: &VCardEntry, group_labels: &HashMap<String, String>) -> String {
    if let Some(l) = entry
        .group
        .as_ref()
        .and_then(|g| group_labels.get(&g.to_lowercase()))
    {
        return super::draft::normalize_label(l);
    }
    let mut words: Vec<String> = Vec::new();
    for t in types(entry) {
        let t = super::draft::normalize_label(&t);
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
                        Some(VCardValue::Text(t)) => super::photo::data_uri(t)
                            .or_else(|| super::photo::inline_base64(t))
                            .or_else(|| (!t.is_empty()).then(|| t.as_bytes().to_vec())),
                        _ => None,
                    };
                    if let Some(bytes) = bytes {
                        match super::photo::prepare(&bytes) {
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
    if let Some(bytes) = c.photo.as_ref().and_then(super::photo::bytes) {
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
