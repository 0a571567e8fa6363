//! The people in a source: someone other than the user (an address, a number or a chat name),
//! the user's own identity for telling the two apart, and phone number comparison.

use crate::model::Me;

/// Someone in a source other than the user: an address, a number or a chat name.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Person {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl Person {
    #[must_use]
    pub fn email(name: &str, email: &str) -> Self {
        Self {
            name: name.trim().to_owned(),
            email: Some(email.trim().to_lowercase()),
            phone: None,
        }
    }

    #[must_use]
    pub fn phone(name: &str, phone: &str) -> Self {
        Self {
            name: name.trim().to_owned(),
            email: None,
            phone: Some(phone.trim().to_owned()),
        }
    }

    /// A chat display name; one that is written as a phone number is matched as a number.
    #[must_use]
    pub fn named(name: &str) -> Self {
        let name = name.trim();
        if looks_like_phone(name) {
            return Self::phone("", name);
        }
        Self {
            name: name.to_owned(),
            email: None,
            phone: None,
        }
    }

    /// Identifies the person across records: the email, the number's significant digits, or the
    /// name in lower case.
    #[must_use]
    pub fn key(&self) -> String {
        if let Some(e) = &self.email {
            format!("email:{e}")
        } else if let Some(p) = &self.phone {
            format!("phone:{}", national_number(p))
        } else {
            format!("name:{}", crate::formats::normalize_name(&self.name))
        }
    }

    /// A name for people: the name, else the address or number.
    #[must_use]
    pub fn label(&self) -> String {
        if !self.name.is_empty() {
            return self.name.clone();
        }
        self.email
            .clone()
            .or_else(|| self.phone.clone())
            .unwrap_or_default()
    }
}

/// Who the user is, ready for matching.
#[derive(Clone, Debug, Default)]
pub struct Identity {
    emails: Vec<String>,
    phones: Vec<String>,
    names: Vec<String>,
}

impl Identity {
    #[must_use]
    pub fn new(me: &Me) -> Self {
        Self {
            emails: me.emails.iter().map(|e| e.trim().to_lowercase()).collect(),
            phones: me
                .phones
                .iter()
                .map(|p| national_number(p))
                .filter(|p| !p.is_empty())
                .collect(),
            names: me
                .names
                .iter()
                .map(|n| crate::formats::normalize_name(n))
                .filter(|n| !n.is_empty())
                .collect(),
        }
    }

    pub(crate) fn add_email(&mut self, email: &str) {
        let email = email.trim().to_lowercase();
        if !self.emails.contains(&email) {
            self.emails.push(email);
        }
    }

    pub(crate) fn add_name(&mut self, name: &str) {
        let name = crate::formats::normalize_name(name);
        if !name.is_empty() && !self.names.contains(&name) {
            self.names.push(name);
        }
    }

    /// One of the user's chat names (normalised), if any.
    pub(crate) fn first_name(&self) -> Option<&str> {
        self.names.first().map(String::as_str)
    }

    #[must_use]
    pub fn has_email(&self) -> bool {
        !self.emails.is_empty()
    }

    #[must_use]
    pub fn is_email(&self, email: &str) -> bool {
        let email = email.trim().to_lowercase();
        self.emails.contains(&email)
    }

    #[must_use]
    pub fn is_phone(&self, phone: &str) -> bool {
        let n = national_number(phone);
        self.phones.iter().any(|p| same_number(p, &n))
    }

    /// Whether a chat sender is the user: by display name, or by number when the name is one.
    #[must_use]
    pub fn is_name(&self, name: &str) -> bool {
        if looks_like_phone(name) && self.is_phone(name) {
            return true;
        }
        let n = crate::formats::normalize_name(name);
        !n.is_empty() && self.names.contains(&n)
    }
}

/// Whether a chat name is written as a phone number (`+49 171 2345678`).
fn looks_like_phone(s: &str) -> bool {
    let s = s
        .trim()
        .trim_start_matches('\u{202a}')
        .trim_end_matches('\u{202c}');
    s.chars().filter(char::is_ascii_digit).count() >= 7
        && s.chars()
            .all(|c| c.is_ascii_digit() || " +-.()/\u{a0}".contains(c))
}

/// A phone number's national significant number: digits only, without an international prefix
/// (`00` or `+`) or a national trunk `0`. The country code stays when it was written; two numbers
/// are compared with [`same_number`].
#[must_use]
pub fn national_number(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.strip_prefix("00").unwrap_or(&digits);
    let digits = digits.strip_prefix('0').unwrap_or(digits);
    digits.to_owned()
}

/// Two national numbers match when the longer ends with the shorter and the shorter has at least
/// 7 digits (so `+49 171 2345678`, `0049 171 2345678` and `0171 234-5678` are one number).
#[must_use]
pub fn same_number(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= 7 && long.ends_with(short)
}
