//! The contact being edited, as the text the person typed, and its validation into a contact
//! with a message for each field that is wrong. Nothing of egui.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::model::{Address, Birthday, Contact, Labeled, Photo};

/// Fields that can carry a validation message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Name,
    Email(usize),
    MetOn,
    Birthday,
    Cadence,
}

/// The contact being edited, as the text the person typed.
#[derive(Clone, Debug)]
pub struct ContactDraft {
    /// The contact as it was (for ids, timestamps and fields Rapport does not edit).
    base: Contact,
    pub(super) is_new: bool,
    pub display_name: String,
    pub given_name: String,
    pub family_name: String,
    pub middle_name: String,
    pub name_prefix: String,
    pub name_suffix: String,
    pub organization: String,
    pub role: String,
    pub emails: Vec<(String, String)>,
    pub phones: Vec<(String, String)>,
    pub links: Vec<(String, String)>,
    /// Postal addresses, part by part; an address left all empty is dropped on save.
    pub addresses: Vec<Address>,
    /// The photo, if any; Remove photo clears it, Choose photo... replaces it.
    pub photo: Option<Photo>,
    /// Why the last chosen photo file could not be used.
    pub photo_error: Option<String>,
    pub tags: Vec<String>,
    pub new_tag: String,
    pub how_met: String,
    pub met_on: String,
    pub birthday: String,
    pub cadence: String,
    pub notes: String,
    pub errors: BTreeMap<Field, String>,
    pub(super) focus_first: bool,
}

fn pairs(list: &[Labeled]) -> Vec<(String, String)> {
    list.iter()
        .map(|l| (l.value.clone(), l.label.clone()))
        .collect()
}

impl ContactDraft {
    /// A draft for a new contact.
    #[must_use]
    pub fn new_contact() -> Self {
        let mut d = Self::edit(&Contact::new(""));
        d.is_new = true;
        d
    }

    /// A draft of an existing contact.
    #[must_use]
    pub fn edit(c: &Contact) -> Self {
        Self {
            base: c.clone(),
            is_new: false,
            display_name: c.display_name.clone(),
            given_name: c.given_name.clone(),
            family_name: c.family_name.clone(),
            middle_name: c.middle_name.clone(),
            name_prefix: c.name_prefix.clone(),
            name_suffix: c.name_suffix.clone(),
            organization: c.organization.clone(),
            role: c.role.clone(),
            emails: pairs(&c.emails),
            phones: pairs(&c.phones),
            links: pairs(&c.links),
            addresses: c.addresses.clone(),
            photo: c.photo.clone(),
            photo_error: None,
            tags: c.tags.clone(),
            new_tag: String::new(),
            how_met: c.how_met.clone(),
            met_on: c.met_on.map(|d| d.to_string()).unwrap_or_default(),
            birthday: c.birthday.map(format_birthday).unwrap_or_default(),
            cadence: c.cadence_days.map(|d| d.to_string()).unwrap_or_default(),
            notes: c.notes.clone(),
            errors: BTreeMap::new(),
            focus_first: true,
        }
    }

    #[must_use]
    pub fn is_new(&self) -> bool {
        self.is_new
    }

    /// Builds the contact, or explains what is wrong field by field. Nothing is silently fixed.
    pub fn validate(&self) -> Result<Contact, BTreeMap<Field, String>> {
        let mut errors = BTreeMap::new();
        let mut c = self.base.clone();
        self.given_name.trim().clone_into(&mut c.given_name);
        self.family_name.trim().clone_into(&mut c.family_name);
        self.middle_name.trim().clone_into(&mut c.middle_name);
        self.name_prefix.trim().clone_into(&mut c.name_prefix);
        self.name_suffix.trim().clone_into(&mut c.name_suffix);
        self.display_name.trim().clone_into(&mut c.display_name);
        if c.display_name.is_empty() {
            errors.insert(Field::Name, "Enter the name to show for this person".into());
        }
        self.organization.trim().clone_into(&mut c.organization);
        self.role.trim().clone_into(&mut c.role);
        let labeled = |rows: &[(String, String)]| -> Vec<Labeled> {
            rows.iter()
                .filter(|(v, _)| !v.trim().is_empty())
                .map(|(v, l)| Labeled::new(v.trim(), l.trim()))
                .collect()
        };
        for (i, (v, _)) in self.emails.iter().enumerate() {
            let v = v.trim();
            if !v.is_empty() && !looks_like_email(v) {
                errors.insert(
                    Field::Email(i),
                    "This does not look like an email address (name@example.org)".into(),
                );
            }
        }
        // Keep what is already stored on each entry beyond value and label.
        c.emails = merge_extra(labeled(&self.emails), &self.base.emails);
        c.phones = merge_extra(labeled(&self.phones), &self.base.phones);
        c.links = merge_extra(labeled(&self.links), &self.base.links);
        c.tags = dedupe_tags(&self.tags);
        c.addresses = self
            .addresses
            .iter()
            .map(|a| Address {
                label: a.label.trim().to_owned(),
                po_box: a.po_box.trim().to_owned(),
                extended: a.extended.trim().to_owned(),
                street: a.street.trim().to_owned(),
                locality: a.locality.trim().to_owned(),
                region: a.region.trim().to_owned(),
                postal_code: a.postal_code.trim().to_owned(),
                country: a.country.trim().to_owned(),
            })
            .filter(|a| !a.is_empty())
            .collect();
        c.photo.clone_from(&self.photo);
        self.how_met.trim().clone_into(&mut c.how_met);
        c.met_on = match self.met_on.trim() {
            "" => None,
            s => match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                Ok(d) => Some(d),
                Err(_) => {
                    errors.insert(Field::MetOn, "Use the form 2024-05-31".into());
                    None
                }
            },
        };
        c.birthday = match parse_birthday(&self.birthday) {
            Ok(b) => b,
            Err(e) => {
                errors.insert(Field::Birthday, e);
                None
            }
        };
        c.cadence_days = match self.cadence.trim() {
            "" => None,
            s => match s.parse::<u32>() {
                Ok(d) if d > 0 => Some(d),
                _ => {
                    errors.insert(
                        Field::Cadence,
                        "Enter a whole number of days, like 30, or leave it empty".into(),
                    );
                    None
                }
            },
        };
        self.notes.trim_end().clone_into(&mut c.notes);
        if errors.is_empty() {
            Ok(c)
        } else {
            Err(errors)
        }
    }
}

fn merge_extra(mut new: Vec<Labeled>, old: &[Labeled]) -> Vec<Labeled> {
    for n in &mut new {
        if let Some(o) = old.iter().find(|o| o.value == n.value) {
            n.extra.clone_from(&o.extra);
        }
    }
    new
}

fn dedupe_tags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tags {
        let t = t.trim();
        if !t.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(t)) {
            out.push(t.to_owned());
        }
    }
    out
}

fn looks_like_email(v: &str) -> bool {
    match v.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && !domain.is_empty()
                && !domain.contains('@')
                && !v.contains(char::is_whitespace)
        }
        None => false,
    }
}

fn format_birthday(b: Birthday) -> String {
    match b.year {
        Some(y) => format!("{y:04}-{:02}-{:02}", b.month, b.day),
        None => format!("{:02}-{:02}", b.month, b.day),
    }
}

/// `YYYY-MM-DD`, or `MM-DD` when the year is unknown.
fn parse_birthday(s: &str) -> Result<Option<Birthday>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| p.parse::<u32>().ok();
    let b = match parts.as_slice() {
        [y, m, d] if y.len() == 4 => match (y.parse::<i32>().ok(), num(m), num(d)) {
            (Some(year), Some(month), Some(day)) => Birthday {
                year: Some(year),
                month,
                day,
            },
            _ => return Err("Use 1990-05-31, or 05-31 when the year is unknown".into()),
        },
        [m, d] => match (num(m), num(d)) {
            (Some(month), Some(day)) => Birthday {
                year: None,
                month,
                day,
            },
            _ => return Err("Use 1990-05-31, or 05-31 when the year is unknown".into()),
        },
        _ => return Err("Use 1990-05-31, or 05-31 when the year is unknown".into()),
    };
    if b.is_valid() {
        Ok(Some(b))
    } else {
        Err("That day does not exist".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_explains_each_field() {
        let mut d = ContactDraft::new_contact();
        d.emails.push(("not an email".into(), String::new()));
        d.birthday = "02-30".into();
        d.cadence = "-3".into();
        d.met_on = "yesterday".into();
        let errors = d.validate().unwrap_err();
        for f in [
            Field::Name,
            Field::Email(0),
            Field::Birthday,
            Field::Cadence,
            Field::MetOn,
        ] {
            assert!(errors.contains_key(&f), "{f:?}");
        }
        d.display_name = "  Ada  ".into();
        d.emails[0].0 = "ada@example.org".into();
        d.birthday = "02-29".into();
        d.cadence = "30".into();
        d.met_on = "2020-01-02".into();
        d.tags = vec!["Work".into(), "work".into(), " ".into()];
        let c = d.validate().unwrap();
        assert_eq!(c.display_name, "Ada");
        assert_eq!(c.birthday.unwrap().year, None);
        assert_eq!(c.cadence_days, Some(30));
        assert_eq!(c.tags, ["Work"]);
    }

    /// What Save pushes: the validated contact through `edits::save_contact`, stamped with the
    /// app's clock; an edit keeps the contact's id and says "edit".
    #[test]
    fn save_builds_the_edit_through_edits() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-27T12:00:00Z")
            .unwrap()
            .to_utc();
        let mut data = crate::model::Dataset::new();
        let mut d = ContactDraft::new_contact();
        d.display_name = "Ada Lovelace".into();
        let change = crate::app::edits::save_contact(d.validate().unwrap(), d.is_new(), now);
        assert_eq!(change.label, "add Ada Lovelace");
        data.apply(change.edit).unwrap();
        let ada = data.contacts()[0].clone();
        assert_eq!(ada.updated, now);

        let mut d = ContactDraft::edit(&ada);
        d.organization = "Analytical Engines".into();
        let change = crate::app::edits::save_contact(d.validate().unwrap(), d.is_new(), now);
        assert_eq!(change.label, "edit Ada Lovelace");
        data.apply(change.edit).unwrap();
        assert_eq!(data.contacts().len(), 1);
        assert_eq!(
            data.contact(ada.id).unwrap().organization,
            "Analytical Engines"
        );
    }
}
