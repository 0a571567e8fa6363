//! A person in the network.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::ContactId;

/// A value with an optional free-text label: an email ("work"), a phone ("mobile") or a link
/// ("linkedin", "website", "mastodon" ...).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Labeled {
    pub value: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Labeled {
    #[must_use]
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            label: label.into(),
            extra: Map::new(),
        }
    }
}

/// A postal address, in vCard ADR's seven parts, with an optional label ("home", "work").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub po_box: String,
    /// Apartment, suite, building.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub extended: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub street: String,
    /// City or town.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub locality: String,
    /// State, province, county.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub region: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub postal_code: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub country: String,
}

impl Address {
    /// The parts in vCard ADR order: PO box, extended, street, locality, region, postal code,
    /// country.
    #[must_use]
    pub fn parts(&self) -> [&str; 7] {
        [
            &self.po_box,
            &self.extended,
            &self.street,
            &self.locality,
            &self.region,
            &self.postal_code,
            &self.country,
        ]
    }

    /// Whether every part is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.parts().iter().all(|p| p.trim().is_empty())
    }

    /// The address on one line: its non-empty parts joined by ", " (line breaks too).
    #[must_use]
    pub fn one_line(&self) -> String {
        self.parts()
            .iter()
            .flat_map(|p| p.split(['\r', '\n']))
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A contact's photo: a small JPEG (see `formats::photo`), base64 in the data file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Photo {
    /// `image/jpeg`.
    pub mime: String,
    /// The image, base64 (standard alphabet, padded).
    pub data: String,
}

/// A birthday whose year may be unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Birthday {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

impl Birthday {
    /// Whether month and day form a real calendar day (29 February is allowed without a year).
    #[must_use]
    pub fn is_valid(&self) -> bool {
        let year = self.year.unwrap_or(2000); // 2000 is a leap year
        NaiveDate::from_ymd_opt(year, self.month, self.day).is_some()
    }

    /// The next occurrence on or after `from` (29 February falls on 28 February in common years).
    #[must_use]
    pub fn next_on_or_after(&self, from: NaiveDate) -> Option<NaiveDate> {
        if !self.is_valid() {
            return None;
        }
        for year in from.year()..=from.year() + 1 {
            let date = NaiveDate::from_ymd_opt(year, self.month, self.day)
                .or_else(|| NaiveDate::from_ymd_opt(year, self.month, self.day - 1))?;
            if date >= from {
                return Some(date);
            }
        }
        None
    }
}

/// A contact: everything Rapport knows about one person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub id: ContactId,
    /// The name shown everywhere; never empty in a valid file.
    pub display_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub given_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub family_name: String,
    /// Additional (middle) names: vCard N's third part.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub middle_name: String,
    /// Honorific prefixes ("Dr."): vCard N's fourth part.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_prefix: String,
    /// Honorific suffixes ("Jr.", "Ph.D."): vCard N's fifth part.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_suffix: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub organization: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<Labeled>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<Labeled>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Labeled>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Postal addresses, structured (vCard ADR, the address columns of contact CSVs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<Photo>,
    /// How we met, in the user's words ("Chamber of Commerce breakfast").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub how_met: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub met_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthday: Option<Birthday>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Keep-in-touch cadence in days; `None` uses the default for the contact's tier or tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence_days: Option<u32>,
    /// The planner leaves the contact alone until this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snoozed_until: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub archived: bool,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    /// Fields this version does not know, kept and written back unchanged.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Contact {
    /// A new contact with a random id, created and updated now.
    #[must_use]
    pub fn new(display_name: impl Into<String>) -> Self {
        Self::with_id(ContactId::random(), display_name, Utc::now())
    }

    /// A new contact with the given id and timestamps (used by generators and tests).
    #[must_use]
    pub fn with_id(id: ContactId, display_name: impl Into<String>, now: DateTime<Utc>) -> Self {
        Self {
            id,
            display_name: display_name.into(),
            given_name: String::new(),
            family_name: String::new(),
            middle_name: String::new(),
            name_prefix: String::new(),
            name_suffix: String::new(),
            organization: String::new(),
            role: String::new(),
            emails: Vec::new(),
            phones: Vec::new(),
            links: Vec::new(),
            tags: Vec::new(),
            addresses: Vec::new(),
            photo: None,
            how_met: String::new(),
            met_on: None,
            birthday: None,
            notes: String::new(),
            cadence_days: None,
            snoozed_until: None,
            archived: false,
            created: now,
            updated: now,
            extra: Map::new(),
        }
    }

    /// The first email address, if any.
    #[must_use]
    pub fn primary_email(&self) -> Option<&str> {
        self.emails.first().map(|e| e.value.as_str())
    }

    /// Whether the contact carries this tag (case-insensitive).
    #[must_use]
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
    }
}
