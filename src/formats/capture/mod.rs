//! Capture: interactions read from the exports people already have (calendar .ics, mbox and
//! .eml mail headers, `WhatsApp`, Telegram and `LinkedIn` message exports, Android call and SMS
//! logs). Message bodies are never kept: only who, when, which channel, how long, and a subject
//! or title as the summary. The rules are documented in docs/CAPTURE.md.
//!
//! Like the contact import, capture is three steps:
//! 1. [`read_capture`] reads one source into a [`Capture`]: the interactions it holds
//!    ([`Captured`], people still as addresses, numbers or names) and what it skipped, with
//!    counts;
//! 2. [`CapturePlan::new`] matches the people with the open data's contacts, drops what an
//!    earlier import already added (by [`Captured::key`]), and lists the people who are not
//!    contacts with their counts;
//! 3. [`CapturePlan::to_edit`] gives one [`Edit::Batch`] (one undo step).

mod android;
mod chat;
mod clock;
mod ics;
mod mail;
mod people;
mod plan;
mod zip;

use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime};

use super::Format;
use super::source::{ImportError, SourceError};
use crate::model::{Initiator, Me, Mode};

pub use clock::Clock;
pub use people::{Identity, Person, national_number, same_number};
pub use plan::{CaptureOptions, CapturePlan, Stranger};

/// Sources other than mail are read whole; larger files are refused (a year of a busy calendar
/// or a chat export is a few MiB).
pub const MAX_CAPTURE_BYTES: u64 = 512 << 20;

/// How many lines with problems are listed by line number; the rest are counted.
const MAX_LISTED_PROBLEMS: usize = 20;

/// Where a meeting happened, as far as the calendar tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Place {
    /// A physical place in LOCATION.
    InPerson,
    /// A conference link and no physical place.
    Video,
    /// Neither: online or offline is unknown.
    Unknown,
}

/// What kind of interaction a captured record is; it decides the channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Meeting(Place),
    Email,
    Chat,
    /// `LinkedIn` messages.
    Social,
    Call,
    Text,
}

impl Kind {
    /// The default channel's name and mode (see `model::default_channels`), `None` for a
    /// meeting whose place is unknown.
    #[must_use]
    pub fn channel(self) -> Option<(u64, &'static str, Mode)> {
        Some(match self {
            Kind::Meeting(Place::InPerson) => (1, "In person", Mode::Offline),
            Kind::Meeting(Place::Video) => (4, "Video call", Mode::Online),
            Kind::Meeting(Place::Unknown) => return None,
            Kind::Call => (3, "Phone call", Mode::Online),
            Kind::Email => (5, "Email", Mode::Online),
            Kind::Chat | Kind::Text => (6, "Text or chat", Mode::Online),
            Kind::Social => (7, "Social media", Mode::Online),
        })
    }

    /// Meetings get depth 3 by default, everything else 2.
    #[must_use]
    pub fn default_depth(self) -> u8 {
        if matches!(self, Kind::Meeting(_)) {
            3
        } else {
            2
        }
    }
}

/// One interaction found in a source, its people not yet matched with contacts.
#[derive(Clone, Debug, PartialEq)]
pub struct Captured {
    /// Stable across exports: `ics:UID#start`, `mail:root#day`, `whatsapp:chat#day`,
    /// `call:timestamp#number`, ... (see docs/CAPTURE.md).
    pub key: String,
    /// The user's local day and time.
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub kind: Kind,
    pub minutes: Option<u32>,
    pub initiated_by: Initiator,
    /// A subject or title; never a message body.
    pub summary: String,
    /// Everyone in it except the user.
    pub people: Vec<Person>,
    /// Who organised a meeting, when it was not the user: the meeting counts as initiated by
    /// them only when they are a contact, else as mutual.
    pub by: Option<Person>,
    /// The line (or, for mail, the message number) where it starts; 0 when unknown.
    pub line: usize,
}

/// What one source holds.
#[derive(Clone, Debug)]
pub struct Capture {
    pub format: Format,
    pub path: PathBuf,
    pub items: Vec<Captured>,
    /// Records left out by a rule, with the reason and how many.
    pub skipped: Vec<(String, usize)>,
    /// Lines that could not be read, with their numbers (the first few) and a count.
    pub problems: Vec<String>,
    pub problem_count: usize,
}

impl Capture {
    fn new(format: Format, path: &Path) -> Self {
        Self {
            format,
            path: path.to_owned(),
            items: Vec::new(),
            skipped: Vec::new(),
            problems: Vec::new(),
            problem_count: 0,
        }
    }

    /// Counts a record left out for `reason`.
    pub(crate) fn skip(&mut self, reason: &str) {
        self.skip_n(reason, 1);
    }

    pub(crate) fn skip_n(&mut self, reason: &str, n: usize) {
        if n == 0 {
            return;
        }
        match self.skipped.iter_mut().find(|(r, _)| r == reason) {
            Some((_, count)) => *count += n,
            None => self.skipped.push((reason.to_owned(), n)),
        }
    }

    /// Notes a line that could not be read.
    pub(crate) fn problem(&mut self, line: usize, what: &str) {
        self.problem_count += 1;
        if self.problems.len() < MAX_LISTED_PROBLEMS {
            self.problems.push(format!("line {line}: {what}"));
        }
    }
}

/// The capture formats' names, for messages.
fn capture_formats() -> String {
    Format::CAPTURE
        .iter()
        .map(|f| f.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Detects a capture format from the start of a file; `None` when it is none of them.
#[must_use]
pub fn detect(head: &[u8]) -> Option<Format> {
    if zip::is_zip(head) {
        // A WhatsApp iPhone export: the chat is `_chat.txt`, usually the first entry.
        let name = zip::first_name(head).unwrap_or_default();
        let chat = name.ends_with("_chat.txt")
            || (name.contains("WhatsApp Chat")
                && std::path::Path::new(&name)
                    .extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("txt")));
        return chat.then_some(Format::Whatsapp);
    }
    let text = String::from_utf8_lossy(&head[..head.len().min(1 << 16)]);
    let t = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let upper_start: String = t.chars().take(40).collect::<String>().to_ascii_uppercase();
    if upper_start.starts_with("BEGIN:VCALENDAR") {
        return Some(Format::Ics);
    }
    if t.starts_with("From ") {
        return Some(Format::Mbox);
    }
    if t.starts_with("<?xml") || t.starts_with('<') {
        if t.contains("<calls") {
            return Some(Format::AndroidCalls);
        }
        if t.contains("<smses") {
            return Some(Format::AndroidSms);
        }
        return None;
    }
    if t.starts_with('{') {
        let telegram = t.contains("\"messages\"")
            && (t.contains("\"personal_chat\"")
                || t.contains("\"private_group\"")
                || t.contains("\"private_supergroup\"")
                || t.contains("\"public_supergroup\"")
                || t.contains("\"chats\"")
                || t.contains("\"from_id\"")
                || t.contains("\"date_unixtime\""));
        return telegram.then_some(Format::Telegram);
    }
    if chat::is_whatsapp(t) {
        return Some(Format::Whatsapp);
    }
    if chat::is_linkedin_messages(t) {
        return Some(Format::LinkedinMessages);
    }
    if mail::is_message(t) {
        return Some(Format::Eml);
    }
    None
}

/// Reads one capture source. `format` is `None` to detect it; a folder is read as a folder of
/// .eml files. `progress` gets bytes read and the total, and returns `false` to cancel.
pub fn read_capture(
    path: &Path,
    format: Option<Format>,
    me: &Me,
    clock: &Clock,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<Capture, SourceError> {
    let wrap = |problem| SourceError {
        path: path.to_owned(),
        problem,
    };
    let me = Identity::new(me);
    if path.is_dir() {
        if format.is_some_and(|f| f != Format::Eml) {
            return Err(wrap(ImportError::IsDirectory));
        }
        return mail::MailReader::new(&me, clock)
            .and_then(|mail| mail.eml_folder(path, progress))
            .map_err(wrap);
    }
    let format = match format {
        Some(f) => f,
        None => {
            let mut head = Vec::new();
            std::fs::File::open(path)
                .and_then(|f| f.take(1 << 16).read_to_end(&mut head))
                .map_err(|e| wrap(ImportError::Io(io_message(&e))))?;
            detect(&head).ok_or(wrap(ImportError::Unrecognised))?
        }
    };
    if format == Format::Mbox {
        return mail::MailReader::new(&me, clock)
            .and_then(|mail| mail.mbox(path, progress))
            .map_err(wrap);
    }
    let bytes = crate::store::read_limited(path, MAX_CAPTURE_BYTES, &mut |done, total| {
        progress(done, total);
    })
    .map_err(|e| {
        wrap(match e.problem {
            crate::store::Problem::TooLarge { size, limit } => {
                ImportError::TooLarge { size, limit }
            }
            crate::store::Problem::IsDirectory => ImportError::IsDirectory,
            other => ImportError::Io(other.to_string()),
        })
    })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(wrap(ImportError::Empty));
    }
    parse_capture(path, &bytes, format, &me, clock).map_err(wrap)
}

/// Parses a capture source already in memory (not mbox, which is streamed).
pub fn parse_capture(
    path: &Path,
    bytes: &[u8],
    format: Format,
    me: &Identity,
    clock: &Clock,
) -> Result<Capture, ImportError> {
    let mut cap = Capture::new(format, path);
    match format {
        Format::Ics => ics::parse(&decode(bytes), me, clock, &mut cap)?,
        Format::Mbox => mail::MailReader::new(me, clock)?.mbox_bytes(bytes, &mut cap)?,
        Format::Eml => mail::MailReader::new(me, clock)?.eml_bytes(bytes, &mut cap)?,
        Format::Whatsapp if zip::is_zip(bytes) => {
            let text = zip::chat_text(bytes).map_err(|why| ImportError::NotThisFormat {
                format,
                why: format!("it is a .zip archive, but {why}"),
            })?;
            chat::parse_whatsapp(&decode(&text), path, me, clock, &mut cap)?;
        }
        Format::Whatsapp => chat::parse_whatsapp(&decode(bytes), path, me, clock, &mut cap)?,
        Format::Telegram => chat::parse_telegram(bytes, me, clock, &mut cap)?,
        Format::LinkedinMessages => chat::parse_linkedin(&decode(bytes), me, clock, &mut cap)?,
        Format::AndroidCalls => android::parse_calls(&decode(bytes), clock, &mut cap)?,
        Format::AndroidSms => android::parse_sms(&decode(bytes), me, clock, &mut cap)?,
        other => {
            return Err(ImportError::NotThisFormat {
                format: other,
                why: format!("it is not a capture format ({})", capture_formats()),
            });
        }
    }
    Ok(cap)
}

fn decode(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    super::text::decode(bytes)
}

fn io_message(e: &std::io::Error) -> String {
    crate::store::Problem::reading(e).to_string()
}

/// Groups items with the same key into one: the earliest start, the union of people, and the
/// initiator of the earliest. Used for "one interaction per thread / chat / contact and day".
pub(crate) struct DayGroups {
    order: Vec<String>,
    groups: HashMap<String, Captured>,
}

impl DayGroups {
    pub fn new() -> Self {
        Self {
            order: Vec::new(),
            groups: HashMap::new(),
        }
    }

    /// Adds one message: a new key starts a group; the same key joins it (earliest first).
    pub fn add(&mut self, item: Captured) {
        match self.groups.get_mut(&item.key) {
            Some(g) => {
                let earlier = (item.date, item.time) < (g.date, g.time);
                if earlier {
                    g.time = item.time;
                    g.initiated_by = item.initiated_by;
                    g.line = item.line;
                    if !item.summary.is_empty() {
                        g.summary = item.summary;
                    }
                } else if g.summary.is_empty() {
                    g.summary = item.summary;
                }
                for p in item.people {
                    if !g.people.iter().any(|q| q.key() == p.key()) {
                        g.people.push(p);
                    }
                }
            }
            None => {
                self.order.push(item.key.clone());
                self.groups.insert(item.key.clone(), item);
            }
        }
    }

    pub fn finish(mut self) -> Vec<Captured> {
        self.order
            .iter()
            .filter_map(|k| self.groups.remove(k))
            .collect()
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Place::InPerson => "in person",
            Place::Video => "video",
            Place::Unknown => "unknown",
        })
    }
}

/// Where an interaction came from, for people: "Calendar", "Email", ... from its source key;
/// `None` for interactions typed by hand.
#[must_use]
pub fn source_label(key: &str) -> Option<&'static str> {
    let prefix = key.split(':').next()?;
    Some(match prefix {
        "ics" => "Calendar (.ics)",
        "mail" => "Email (mbox/.eml)",
        "whatsapp" => "WhatsApp",
        "telegram" => "Telegram",
        "linkedin" => "LinkedIn messages",
        "call" => "Android call log",
        "sms" => "Android SMS",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    #[test]
    fn a_number_written_three_ways_is_one_number() {
        let a = national_number("+49 171 234-5678");
        let b = national_number("0049 (171) 234.5678");
        let c = national_number("0171 2345678");
        assert!(same_number(&a, &b));
        assert!(same_number(&a, &c));
        assert!(same_number(&b, &c));
        assert!(!same_number(&a, &national_number("0171 2345679")));
        // Too short to match by the end.
        assert!(!same_number("123456", "99123456"));
    }

    #[test]
    fn local_days_follow_the_zone() {
        let now = Utc::now();
        let tokyo = Clock::at("Asia/Tokyo", now);
        let berlin = Clock::at("Europe/Berlin", now);
        let t = DateTime::parse_from_rfc3339("2026-03-02T23:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(tokyo.local(t).to_string(), "2026-03-03 08:30:00");
        assert_eq!(berlin.local(t).to_string(), "2026-03-03 00:30:00");
        assert_eq!(berlin.instant(berlin.local(t)), t);
    }

    #[test]
    fn me_takes_emails_phones_and_names() {
        let mut me = Me::default();
        assert!(me.add("Ada@Example.org"));
        assert!(me.add("+49 171 2345678"));
        assert!(me.add("Ada L."));
        assert!(!me.add("ada@example.org"));
        let id = Identity::new(&me);
        assert!(id.is_email("ada@example.org"));
        assert!(id.is_phone("0171 2345678"));
        assert!(id.is_name("ada l"));
        assert!(id.is_name("+49 171 234 5678"));
    }
}
