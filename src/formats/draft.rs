//! A contact being assembled from an import record, and the rules that turn it into a
//! [`Contact`]: the display name when there is none, and notes for what has no field.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::dates;
use super::merge::normalize_phone;
use crate::model::{Address, Birthday, Contact, Labeled};

#[derive(Clone, Debug, Default)]
pub(crate) struct Draft {
    pub full: String,
    pub given: String,
    pub middle: String,
    pub family: String,
    pub prefix: String,
    pub suffix: String,
    pub nickname: String,
    pub org: String,
    pub department: String,
    pub role: String,
    pub emails: Vec<Labeled>,
    pub phones: Vec<Labeled>,
    pub links: Vec<Labeled>,
    pub tags: Vec<String>,
    pub addresses: Vec<Address>,
    pub photo: Option<crate::model::Photo>,
    /// Why a photo in the record was not kept.
    pub photo_problem: Option<String>,
    /// The tags in ASCII lower case, so that a record with many labels is not quadratic.
    tag_keys: HashSet<String>,
    pub birthday: Option<Birthday>,
    pub met_on: Option<NaiveDate>,
    pub how_met: String,
    pub cadence_days: Option<u32>,
    pub archived: bool,
    /// The source's own notes.
    pub notes: String,
    /// "Field: value" lines for what Rapport has no field for; appended to the notes.
    pub extra_lines: Vec<String>,
    /// Kept in the contact's `extra` map.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The reason a record with nothing to name it by is skipped.
pub(crate) const NO_NAME: &str = "it has no name, email, phone or organisation";

impl Draft {
    pub fn add_email(&mut self, value: &str, label: &str) {
        let value = value.trim().trim_start_matches("mailto:").trim();
        if value.is_empty()
            || self
                .emails
                .iter()
                .any(|e| e.value.eq_ignore_ascii_case(value))
        {
            return;
        }
        self.emails
            .push(Labeled::new(value, normalize_label(label)));
    }

    pub fn add_phone(&mut self, value: &str, label: &str) {
        let value = value.trim().trim_start_matches("tel:").trim();
        if value.is_empty() {
            return;
        }
        let digits = normalize_phone(value);
        if self.phones.iter().any(|p| {
            p.value == value || (!digits.is_empty() && normalize_phone(&p.value) == digits)
        }) {
            return;
        }
        self.phones
            .push(Labeled::new(value, normalize_label(label)));
    }

    pub fn add_link(&mut self, value: &str, label: &str) {
        let value = value.trim();
        if value.is_empty() || self.links.iter().any(|l| l.value == value) {
            return;
        }
        self.links.push(Labeled::new(value, normalize_label(label)));
    }

    /// Adds a postal address (not an empty one, nor one already there).
    pub fn add_address(&mut self, mut address: Address) {
        for part in [
            &mut address.po_box,
            &mut address.extended,
            &mut address.street,
            &mut address.locality,
            &mut address.region,
            &mut address.postal_code,
            &mut address.country,
        ] {
            *part = part.trim().replace("\r\n", "\n").replace('\r', "\n");
        }
        address.label = normalize_label(&address.label);
        if address.is_empty() || self.addresses.contains(&address) {
            return;
        }
        self.addresses.push(address);
    }

    pub fn add_tag(&mut self, tag: &str) {
        let tag = tag.trim();
        if tag.is_empty() || !self.tag_keys.insert(tag.to_ascii_lowercase()) {
            return;
        }
        self.tags.push(tag.to_owned());
    }

    /// Keeps a value Rapport has no field for, as a "Field: value" line in the notes.
    pub fn keep(&mut self, field: &str, value: &str) {
        let value = value.trim();
        if !value.is_empty() {
            self.extra_lines
                .push(format!("{field}: {}", one_line(value)));
        }
    }

    /// A birthday as written; kept in the notes when it is not a date.
    pub fn set_birthday_text(&mut self, raw: &str) {
        let raw = raw.trim();
        if raw.is_empty() || raw == "0/0/00" {
            return;
        }
        match dates::parse_birthday(raw) {
            Some(b) if self.birthday.is_none() => self.birthday = Some(b),
            Some(b) if self.birthday == Some(b) => {}
            _ => self.keep("Birthday", raw),
        }
    }

    /// The contact and what was left out of it (a photo that could not be kept), or the reason
    /// it cannot be one.
    pub fn finish_with_problems(mut self) -> Result<(Contact, Vec<String>), &'static str> {
        let problems: Vec<String> = self.photo_problem.take().into_iter().collect();
        self.finish().map(|c| (c, problems))
    }

    /// The contact, or the reason it cannot be one.
    pub fn finish(mut self) -> Result<Contact, &'static str> {
        let joined = [&self.given, &self.middle, &self.family]
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let display = [
            self.full.trim(),
            joined.as_str(),
            self.nickname.trim(),
            self.org.trim(),
        ]
        .into_iter()
        .find(|s| !s.is_empty())
        .map(str::to_owned)
        .or_else(|| self.emails.first().map(|e| e.value.clone()))
        .or_else(|| self.phones.first().map(|p| p.value.clone()))
        .ok_or(NO_NAME)?;
        let display = one_line(&display);
        if !self.nickname.trim().is_empty() && display != self.nickname.trim() {
            let nick = self.nickname.clone();
            self.extra_lines
                .insert(0, format!("Nickname: {}", one_line(&nick)));
        }
        if !self.department.trim().is_empty() {
            let dep = self.department.clone();
            self.keep("Department", &dep);
        }
        let mut contact = Contact::new(display);
        self.given.trim().clone_into(&mut contact.given_name);
        self.family.trim().clone_into(&mut contact.family_name);
        one_line(&self.middle).clone_into(&mut contact.middle_name);
        one_line(&self.prefix).clone_into(&mut contact.name_prefix);
        one_line(&self.suffix).clone_into(&mut contact.name_suffix);
        self.org.trim().clone_into(&mut contact.organization);
        self.role.trim().clone_into(&mut contact.role);
        contact.emails = self.emails;
        contact.phones = self.phones;
        contact.links = self.links;
        contact.tags = self.tags;
        contact.addresses = self.addresses;
        contact.photo = self.photo;
        contact.birthday = self.birthday.filter(Birthday::is_valid);
        contact.met_on = self.met_on;
        self.how_met.trim().clone_into(&mut contact.how_met);
        contact.cadence_days = self.cadence_days;
        contact.archived = self.archived;
        let mut notes = self
            .notes
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .trim()
            .to_owned();
        if !self.extra_lines.is_empty() {
            if !notes.is_empty() {
                notes.push_str("\n\n");
            }
            notes.push_str(&self.extra_lines.join("\n"));
        }
        contact.notes = notes;
        contact.extra = self.extra;
        Ok(contact)
    }
}

/// Line breaks inside a value become ", " so one "Field: value" line stays one line.
pub(crate) fn one_line(s: &str) -> String {
    let parts: Vec<&str> = s
        .split(['\r', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.join(", ")
}

/// Labels as Rapport keeps them: the common ones lower-case in one spelling ("CELL" and Apple's
/// `_$!<Mobile>!$_` are both "mobile"), custom ones as written.
pub(crate) fn normalize_label(label: &str) -> String {
    let label = label.trim().trim_start_matches("* ").trim();
    let label = label
        .strip_prefix("_$!<")
        .and_then(|l| l.strip_suffix(">!$_"))
        .unwrap_or(label);
    let lower = label.to_lowercase();
    match lower.as_str() {
        "cell" | "mobile" | "cellular" | "iphone" => "mobile".to_owned(),
        "work" | "business" | "office" => "work".to_owned(),
        "home" | "personal" | "private" => "home".to_owned(),
        "other" | "main" | "fax" | "pager" | "homepage" | "profile" | "blog" | "school"
        | "linkedin" | "website" | "voice" | "text" | "video" | "car" => lower,
        "internet" | "pref" | "x400" => String::new(),
        _ => label.to_owned(),
    }
}
