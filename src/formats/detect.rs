//! Which format a source is, from its content.

use std::fmt;
use std::str::FromStr;

use super::text;

/// An import format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Vcard,
    GoogleCsv,
    LinkedinCsv,
    OutlookCsv,
    ThunderbirdCsv,
    InteractionsCsv,
    /// Another Rapport data file, merged into the open one.
    Rapport,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Vcard,
        Format::GoogleCsv,
        Format::LinkedinCsv,
        Format::OutlookCsv,
        Format::ThunderbirdCsv,
        Format::InteractionsCsv,
        Format::Rapport,
    ];

    /// The name used by `rapport import --format`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Format::Vcard => "vcard",
            Format::GoogleCsv => "google-csv",
            Format::LinkedinCsv => "linkedin-csv",
            Format::OutlookCsv => "outlook-csv",
            Format::ThunderbirdCsv => "thunderbird-csv",
            Format::InteractionsCsv => "interactions-csv",
            Format::Rapport => "rapport",
        }
    }

    /// A name for people ("Google Contacts CSV").
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Format::Vcard => "vCard",
            Format::GoogleCsv => "Google Contacts CSV",
            Format::LinkedinCsv => "LinkedIn Connections CSV",
            Format::OutlookCsv => "Outlook CSV",
            Format::ThunderbirdCsv => "Thunderbird CSV",
            Format::InteractionsCsv => "interactions CSV",
            Format::Rapport => "Rapport",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| format!("unknown import format \"{s}\""))
    }
}

/// How many leading lines may come before a CSV header (`LinkedIn` writes a "Notes:" preamble).
pub(crate) const MAX_PREAMBLE_LINES: usize = 20;

/// Detects the format from the content; `None` when it is none of the known ones.
#[must_use]
pub fn detect(bytes: &[u8]) -> Option<Format> {
    let head = &bytes[..bytes.len().min(1 << 16)];
    let text = text::decode(head);
    let trimmed = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if trimmed.starts_with('{') {
        return Some(Format::Rapport);
    }
    let lines = text::lines(&text);
    if lines
        .iter()
        .take(1000)
        .any(|(_, l)| l.trim().eq_ignore_ascii_case("begin:vcard"))
    {
        return Some(Format::Vcard);
    }
    lines
        .iter()
        .take(MAX_PREAMBLE_LINES)
        .find_map(|(_, l)| csv_dialect(&header_fields(l)))
}

/// The field separator of a header line: `,` unless `;` (what spreadsheets in many European
/// locales write) or a tab occurs more often outside quotes.
pub(crate) fn delimiter(line: &str) -> u8 {
    let (mut quoted, mut counts) = (false, [0usize; 3]);
    for b in line.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    if counts[1] > counts[0] && counts[1] >= counts[2] {
        b';'
    } else if counts[2] > counts[0] && counts[2] > counts[1] {
        b'\t'
    } else {
        b','
    }
}

/// The fields of one header line, trimmed and lower-cased.
pub(crate) fn header_fields(line: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(line))
        .has_headers(false)
        .flexible(true)
        .from_reader(line.as_bytes());
    reader
        .records()
        .next()
        .and_then(Result::ok)
        .map(|r| {
            r.iter()
                .map(|f| f.trim().trim_start_matches('\u{feff}').to_lowercase())
                .collect()
        })
        .unwrap_or_default()
}

/// Which CSV dialect a header row belongs to.
pub(crate) fn csv_dialect(fields: &[String]) -> Option<Format> {
    let has = |name: &str| fields.iter().any(|f| f == name);
    if has("date") && has("contacts") {
        return Some(Format::InteractionsCsv);
    }
    if has("connected on") {
        return Some(Format::LinkedinCsv);
    }
    if has("primary email") || (has("display name") && has("mobile number")) {
        return Some(Format::ThunderbirdCsv);
    }
    if has("e-mail 1 - value") || has("group membership") || has("labels") && has("first name") {
        return Some(Format::GoogleCsv);
    }
    // Outlook names its columns in the installation's language; an export may hold only the
    // e-mail columns.
    let english = super::outlook_headers::to_english(fields);
    let has_en = |name: &str| english.iter().any(|f| f == name);
    if has_en("e-mail address")
        && (has_en("first name")
            || has_en("last name")
            || has_en("company")
            || english.iter().all(|f| f.starts_with("e-mail")))
    {
        return Some(Format::OutlookCsv);
    }
    if has("first name")
        && has("last name")
        && (has("email address") || has("company"))
        && has("position")
    {
        return Some(Format::LinkedinCsv);
    }
    None
}
