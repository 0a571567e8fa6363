//! Contact CSV dialects: Google Contacts (current and older export), `LinkedIn` Connections,
//! Outlook (Outlook.com and desktop) and Thunderbird. Columns are read by name
//! (case-insensitive), never by position; a column Rapport has no field for is kept in the
//! notes as "Column: value".

use std::collections::BTreeMap;

use super::csv_table::Table;
use super::detect::{MAX_PREAMBLE_LINES, csv_dialect};
use super::draft::Draft;
use super::source::{ImportError, Incoming, Parsed, Skip};
use super::{Format, dates};

/// What a column means.
#[derive(Clone, Debug, PartialEq)]
enum Target {
    Full,
    Given,
    Middle,
    Family,
    Prefix,
    Suffix,
    Nickname,
    Org,
    Department,
    Role,
    Email(&'static str),
    Phone(&'static str),
    Link(&'static str),
    Birthday,
    BirthYear,
    BirthMonth,
    BirthDay,
    Notes,
    /// Tags separated by this string.
    Tags(&'static str),
    MetOn,
    /// A part of a postal address (Outlook, Thunderbird): its label and its place in the line.
    Address(&'static str, u8),
    Ignore,
    /// Google's numbered groups: "E-mail 1 - Value", "Phone 2 - Label", "Address 1 - City".
    Group {
        kind: String,
        index: u32,
        part: String,
    },
    /// Kept in the notes under the column's own name.
    Other,
}

fn target(header: &str, format: Format) -> Target {
    use Target as T;
    let mut h = header.trim().to_lowercase();
    if format == Format::OutlookCsv
        && let Some(en) = super::outlook_headers::english(&h)
    {
        en.clone_into(&mut h);
    }
    match h.as_str() {
        "name" | "display name" | "full name" => T::Full,
        "first name" | "given name" => T::Given,
        "middle name" | "additional name" => T::Middle,
        "last name" | "family name" | "surname" => T::Family,
        "name prefix" => T::Prefix,
        "title" if format == Format::OutlookCsv => T::Prefix,
        "suffix" | "name suffix" => T::Suffix,
        "nickname" => T::Nickname,
        "organization name" | "company" | "organization" => T::Org,
        "organization title" | "job title" | "position" => T::Role,
        "organization department" | "department" => T::Department,
        "e-mail address" | "email address" | "primary email" | "e-mail 2 address"
        | "e-mail 3 address" | "secondary email" | "email" | "e-mail" => T::Email(""),
        "mobile phone" | "mobile number" | "mobile" => T::Phone("mobile"),
        "home phone" | "home phone 2" => T::Phone("home"),
        "business phone" | "business phone 2" | "work phone" | "company main phone" => {
            T::Phone("work")
        }
        "other phone" => T::Phone("other"),
        "primary phone" | "phone" => T::Phone(""),
        "car phone" => T::Phone("car"),
        "pager" | "pager number" => T::Phone("pager"),
        "business fax" | "home fax" | "other fax" | "fax number" => T::Phone("fax"),
        "assistant's phone" => T::Phone("assistant"),
        "callback" => T::Phone("callback"),
        "radio phone" => T::Phone("radio"),
        "tty/tdd phone" => T::Phone("tty"),
        "url" | "profile url" if format == Format::LinkedinCsv => T::Link("linkedin"),
        "web page" | "personal web page" | "web page 1" | "web page 2" | "website" | "url" => {
            T::Link("website")
        }
        "screen name" | "imaddress" | "im address" => T::Link("chat"),
        "birthday" => T::Birthday,
        "birth year" => T::BirthYear,
        "birth month" => T::BirthMonth,
        "birth day" => T::BirthDay,
        "notes" => T::Notes,
        "labels" | "group membership" => T::Tags(" ::: "),
        "categories" => T::Tags(";"),
        "connected on" => T::MetOn,
        "photo"
        | "e-mail type"
        | "e-mail display name"
        | "e-mail 2 type"
        | "e-mail 2 display name"
        | "e-mail 3 type"
        | "e-mail 3 display name" => T::Ignore,
        _ => address(&h).or_else(|| group(&h)).unwrap_or(T::Other),
    }
}

/// "Business Street", "Home `ZipCode`", "Work Address 2": one part of an address.
fn address(h: &str) -> Option<Target> {
    let (kind, part) = h.split_once(' ')?;
    let label = match kind {
        "business" | "work" => "work",
        "home" => "home",
        "other" => "other",
        _ => return None,
    };
    let order = match part {
        "po box" => 0,
        "street" | "address" => 1,
        "street 2" | "address 2" => 2,
        "street 3" => 3,
        "city" => 4,
        "state" => 5,
        "postal code" | "zipcode" | "zip code" => 6,
        "country/region" | "country" => 7,
        _ => return None,
    };
    Some(Target::Address(label, order))
}

fn group(h: &str) -> Option<Target> {
    let (head, part) = h.split_once(" - ")?;
    let (kind, index) = head.rsplit_once(' ')?;
    let index = index.parse().ok()?;
    Some(Target::Group {
        kind: kind.to_owned(),
        index,
        part: part.trim().to_owned(),
    })
}

/// Values Outlook desktop fills in for every contact; they carry nothing.
fn is_placeholder(header: &str, value: &str) -> bool {
    let v = value.trim().to_lowercase();
    v == "0/0/00"
        || matches!(
            (header.trim().to_lowercase().as_str(), v.as_str()),
            ("gender", "unspecified")
                | ("priority" | "sensitivity", "normal")
                | ("private", "false")
        )
}

/// Parses a contact CSV of the given dialect.
pub(crate) fn parse(text: &str, format: Format) -> Result<Parsed, ImportError> {
    let table = Table::open(
        text,
        format,
        |fields| csv_dialect(fields).is_some(),
        || {
            format!(
                "no header row with its column names was found in the first {MAX_PREAMBLE_LINES} lines"
            )
        },
    )?;
    let headers = table.headers.clone();
    let targets: Vec<Target> = headers.iter().map(|h| target(h, format)).collect();
    let mut parsed = Parsed::default();
    for row in table {
        match row {
            Err(skip) => parsed.skipped.push(skip),
            Ok((line, record)) => {
                let draft = row_to_draft(&headers, &targets, &record, format);
                match draft.finish() {
                    Ok(contact) => parsed.contacts.push(Incoming {
                        line,
                        contact,
                        uid: None,
                    }),
                    Err(why) => parsed.skipped.push(Skip::new(line, why)),
                }
            }
        }
    }
    Ok(parsed)
}

#[derive(Default)]
struct GroupValues {
    label: String,
    parts: Vec<(String, String)>,
}

fn row_to_draft(
    headers: &[String],
    targets: &[Target],
    record: &csv::StringRecord,
    format: Format,
) -> Draft {
    let mut d = Draft::default();
    let mut groups: BTreeMap<(String, u32), GroupValues> = BTreeMap::new();
    let (mut by, mut bm, mut bd) = (String::new(), String::new(), String::new());
    let mut addresses: BTreeMap<&'static str, Vec<(u8, String)>> = BTreeMap::new();
    for ((header, target), cell) in headers.iter().zip(targets).zip(record.iter()) {
        let value = cell.trim();
        if value.is_empty() || is_placeholder(header, value) {
            continue;
        }
        match target {
            Target::Full => value.clone_into(&mut d.full),
            Target::Given => value.clone_into(&mut d.given),
            Target::Middle => value.clone_into(&mut d.middle),
            Target::Family => value.clone_into(&mut d.family),
            Target::Prefix => value.clone_into(&mut d.prefix),
            Target::Suffix => value.clone_into(&mut d.suffix),
            Target::Nickname => value.clone_into(&mut d.nickname),
            Target::Org => value.clone_into(&mut d.org),
            Target::Department => value.clone_into(&mut d.department),
            Target::Role => value.clone_into(&mut d.role),
            Target::Email(label) => d.add_email(value, label),
            Target::Phone(label) => d.add_phone(value, label),
            Target::Link(label) => d.add_link(value, label),
            Target::Birthday => d.set_birthday_text(value),
            Target::BirthYear => value.clone_into(&mut by),
            Target::BirthMonth => value.clone_into(&mut bm),
            Target::BirthDay => value.clone_into(&mut bd),
            Target::Notes => value.clone_into(&mut d.notes),
            Target::Tags(sep) => {
                for tag in value.split(sep) {
                    let tag = tag.trim();
                    if is_my_contacts(tag) {
                        continue;
                    }
                    d.add_tag(tag.trim_start_matches("* "));
                }
            }
            Target::MetOn => match dates::parse_date(value) {
                Some(date) => {
                    d.met_on = Some(date);
                    if format == Format::LinkedinCsv {
                        "LinkedIn".clone_into(&mut d.how_met);
                    }
                }
                None => d.keep(header, value),
            },
            Target::Address(label, order) => {
                addresses
                    .entry(label)
                    .or_default()
                    .push((*order, value.to_owned()));
            }
            Target::Ignore => {}
            Target::Group { kind, index, part } => {
                let g = groups.entry((kind.clone(), *index)).or_default();
                if part == "label" || part == "type" {
                    value.clone_into(&mut g.label);
                } else {
                    g.parts.push((part.clone(), value.to_owned()));
                }
            }
            Target::Other => d.keep(header, value),
        }
    }
    if format == Format::LinkedinCsv && d.met_on.is_some() && d.how_met.is_empty() {
        "LinkedIn".clone_into(&mut d.how_met);
    }
    if !bm.is_empty() && !bd.is_empty() {
        let text = if by.is_empty() {
            format!("--{bm:0>2}-{bd:0>2}")
        } else {
            format!("{by:0>4}-{bm:0>2}-{bd:0>2}")
        };
        d.set_birthday_text(&text);
    }
    for (label, parts) in addresses {
        let mut a = crate::model::Address {
            label: label.to_owned(),
            ..crate::model::Address::default()
        };
        let mut street: Vec<(u8, String)> = Vec::new();
        for (order, v) in parts {
            match order {
                0 => a.po_box = v,
                1..=3 => street.push((order, v)),
                4 => a.locality = v,
                5 => a.region = v,
                6 => a.postal_code = v,
                _ => a.country = v,
            }
        }
        street.sort_by_key(|(order, _)| *order);
        a.street = street
            .into_iter()
            .map(|(_, v)| v)
            .filter(|v| !v.trim().is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        d.add_address(a);
    }
    apply_groups(&mut d, groups);
    d
}

/// Google's numbered groups. Emails, phones and websites may hold several values separated by
/// ` ::: `; a label starting with `* ` marks the primary one, which goes first.
fn apply_groups(d: &mut Draft, groups: BTreeMap<(String, u32), GroupValues>) {
    let mut ordered: Vec<_> = groups.into_iter().collect();
    // Primary groups ("* Work") first, otherwise in column order.
    ordered.sort_by_key(|(_, g)| !g.label.starts_with("* "));
    for ((kind, index), g) in ordered {
        let label = g.label.trim_start_matches("* ").to_owned();
        let values = |part: &str| -> Vec<String> {
            g.parts
                .iter()
                .filter(|(p, _)| p == part)
                .flat_map(|(_, v)| v.split(" ::: ").map(|s| s.trim().to_owned()))
                .filter(|s| !s.is_empty())
                .collect()
        };
        match kind.as_str() {
            "e-mail" | "email" => values("value").iter().for_each(|v| d.add_email(v, &label)),
            "phone" => values("value").iter().for_each(|v| d.add_phone(v, &label)),
            "website" => values("value").iter().for_each(|v| d.add_link(v, &label)),
            "organization" if index == 1 => {
                for (part, v) in &g.parts {
                    match part.as_str() {
                        "name" => v.clone_into(&mut d.org),
                        "title" => v.clone_into(&mut d.role),
                        "department" => v.clone_into(&mut d.department),
                        _ => d.keep(&format!("Organization {part}"), v),
                    }
                }
            }
            "address" => {
                // The structured parts are kept; the formatted text only when there are none.
                let part = |name: &str| {
                    g.parts
                        .iter()
                        .find(|(p, _)| p == name)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default()
                };
                let mut a = crate::model::Address {
                    label: label.clone(),
                    po_box: part("po box"),
                    extended: part("extended address"),
                    street: part("street"),
                    locality: part("city"),
                    region: part("region"),
                    postal_code: part("postal code"),
                    country: part("country"),
                };
                let formatted = part("formatted");
                if a.is_empty() {
                    a.street = formatted;
                } else {
                    // Kept as written too when it says more than the parts.
                    let words = |s: &str| -> Vec<String> {
                        s.split(|c: char| !c.is_alphanumeric())
                            .filter(|w| !w.is_empty())
                            .map(str::to_lowercase)
                            .collect()
                    };
                    let known = words(&a.one_line());
                    if words(&formatted).iter().any(|w| !known.contains(w)) {
                        let field = if label.is_empty() {
                            "Address as written".to_owned()
                        } else {
                            format!(
                                "Address ({}) as written",
                                super::draft::normalize_label(&label)
                            )
                        };
                        d.keep(&field, &formatted);
                    }
                }
                d.add_address(a);
            }
            _ => {
                let name = capitalise(&kind);
                let field = if label.is_empty() {
                    name
                } else {
                    format!("{name} ({label})")
                };
                let value = match g
                    .parts
                    .iter()
                    .find(|(p, _)| p == "formatted" || p == "value")
                {
                    Some((_, v)) => v.clone(),
                    None => g
                        .parts
                        .iter()
                        .map(|(_, v)| v.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                };
                d.keep(&field, &value);
            }
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Google's system group of every contact ("* myContacts", "* My Contacts", older exports'
/// "System Group: My Contacts"): not a tag.
fn is_my_contacts(tag: &str) -> bool {
    let key: String = tag
        .trim_start_matches('*')
        .trim()
        .trim_start_matches("System Group:")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    key.eq_ignore_ascii_case("mycontacts")
}
