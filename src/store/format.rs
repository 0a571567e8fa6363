//! The file format (version 2; version 1 is read too): parsing with precise errors, and
//! writing. Version 2 adds merge metadata: a `sync` object in each record (when and on which
//! device it last changed, and when each of its fields did) and a top-level `tombstones` list.

use std::io::Write;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{LoadStep, Problem};
use crate::model::chunked::Chunked;
use crate::model::stamps::{RecordKey, RecordMeta, Stamp, SyncMeta, Tombstone};
use crate::model::{
    Channel, ChannelId, Contact, ContactId, Dataset, IntegrityError, Interaction, InteractionId,
    Settings,
};

/// The value of the top-level `format` field.
pub const FORMAT_MARKER: &str = "rapport";
/// The newest format version this build reads and the only one it writes. Version 1 (no merge
/// metadata) is read and written back as version 2 with nothing lost.
pub const VERSION: u64 = 2;

/// A loaded data file: the dataset plus what the file held that this version does not know.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub data: Dataset,
    /// Top-level fields this version does not know, written back unchanged.
    pub extra: Map<String, Value>,
    version: u64,
}

impl Default for Document {
    fn default() -> Self {
        Self::new(Dataset::new())
    }
}

impl Document {
    #[must_use]
    pub fn new(data: Dataset) -> Self {
        Self {
            data,
            extra: Map::new(),
            version: VERSION,
        }
    }

    /// The file's version when it is newer than this build: such a file is never overwritten.
    #[must_use]
    pub fn newer_version(&self) -> Option<u64> {
        (self.version > VERSION).then_some(self.version)
    }
}

#[derive(Deserialize)]
struct Header {
    format: Option<Value>,
    version: Option<Value>,
}

mod body;
use body::{Body, parse_body};

fn json_problem(e: &serde_json::Error, text: &str) -> Problem {
    let (line, column) = (e.line(), e.column());
    let full = e.to_string();
    let suffix = format!(" at line {line} column {column}");
    let inner = full.strip_suffix(&suffix).unwrap_or(&full);
    let message = match e.classify() {
        serde_json::error::Category::Eof => {
            "the file ends too early; it may have been cut off".to_owned()
        }
        serde_json::error::Category::Syntax if inner.contains("recursion limit") => {
            "the JSON is nested too deeply".to_owned()
        }
        serde_json::error::Category::Syntax => format!("the JSON is malformed: {inner}"),
        serde_json::error::Category::Data => match field_before(text, line, column) {
            Some((field, Some(value))) if !inner.contains(value) => {
                format!("the field \"{field}\" is not valid (\"{value}\"): {inner}")
            }
            Some((field, _)) => format!("the field \"{field}\" is not valid: {inner}"),
            None => format!("a value is not valid: {inner}"),
        },
        serde_json::error::Category::Io => inner.to_owned(),
    };
    Problem::Json {
        message,
        line,
        column,
    }
}

/// The key whose value ends at `line`, `column` (where `serde_json` reports a bad value), and the
/// value when it is a short string: `("met_on", Some("0000-00-00"))`. `None` when the position
/// is not just after a `"key": value` pair (a missing field is reported at the object's end).
fn field_before(text: &str, line: usize, column: usize) -> Option<(&str, Option<&str>)> {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let end = (line_start + column).min(text.len());
    let b = text.as_bytes();
    // The opening quote of the string ending just before `at` (which holds a quote).
    let opening = |at: usize| {
        let mut j = at;
        loop {
            j = text[..j].rfind('"')?;
            let backslashes = b[..j].iter().rev().take_while(|&&c| c == b'\\').count();
            if backslashes % 2 == 0 {
                return Some(j);
            }
        }
    };
    let value_end = text[..end]
        .trim_end_matches([',', '}', ']'])
        .trim_end()
        .len();
    let (value_start, value) = if b.get(value_end.checked_sub(1)?) == Some(&b'"') {
        let open = opening(value_end - 1)?;
        let v = &text[open + 1..value_end - 1];
        (open, (v.len() <= 60).then_some(v))
    } else {
        let start = text[..value_end].rfind([':', ',', '[', '{'])? + 1;
        let start =
            start + (text[start..value_end].len() - text[start..value_end].trim_start().len());
        (start, None)
    };
    let before = text[..value_start].trim_end();
    let before = before.strip_suffix(':')?.trim_end();
    let key_end = before.len().checked_sub(1)?;
    if b.get(key_end) != Some(&b'"') {
        return None;
    }
    let key_open = opening(key_end)?;
    Some((&text[key_open + 1..key_end], value))
}

fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    (line, offset - line_start + 1)
}

/// Checks the `format` marker and returns the version.
fn check_header(format: Option<Value>, version: Option<Value>) -> Result<u64, Problem> {
    match format {
        Some(Value::String(s)) if s == FORMAT_MARKER => {}
        _ => return Err(Problem::NotRapport),
    }
    match version {
        None | Some(Value::Null) => Err(Problem::MissingVersion),
        Some(Value::Number(n)) => match n.as_u64() {
            Some(v) if v >= 1 => Ok(v),
            _ => Err(Problem::BadVersion(n.to_string())),
        },
        Some(other) => Err(Problem::BadVersion(other.to_string())),
    }
}

/// Parses and checks a whole file, telling `progress` how far the parse has come and when the
/// checks start.
pub(super) fn parse(bytes: &[u8], progress: &mut dyn FnMut(LoadStep)) -> Result<Document, Problem> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Problem::Utf16);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Problem::Empty);
    }
    // UTF-16 without a byte-order mark: ASCII text with a zero byte beside every character.
    if let [a, b, c, d, ..] = *bytes
        && ((a != 0 && b == 0 && c != 0 && d == 0) || (a == 0 && b != 0 && c == 0 && d != 0))
    {
        return Err(Problem::Utf16);
    }
    // A zero byte is never in JSON text (nor in any other text): the file is binary.
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let (line, column) = line_col(bytes, at);
        return Err(Problem::Binary { line, column });
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let (line, column) = line_col(bytes, e.valid_up_to());
            return Err(Problem::NotUtf8 { line, column });
        }
    };
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'[') => return Err(Problem::WrongRoot("a JSON list")),
        Some(b'"') => return Err(Problem::WrongRoot("a JSON string")),
        Some(b't' | b'f') => return Err(Problem::WrongRoot("a JSON true or false")),
        Some(b'n') => return Err(Problem::WrongRoot("a JSON null")),
        Some(b'-' | b'0'..=b'9') => return Err(Problem::WrongRoot("a JSON number")),
        // An object, or not JSON at all: the parser says where it goes wrong.
        _ => {}
    }

    // One pass reads everything (from `str`, so strings are not checked for UTF-8 again). Only
    // when it fails is the file read a second time for its header alone, so that "not a
    // Rapport file", "no version" or "newer version" explain the failure before an error deep
    // in content this build may not know.
    let total = text.len() as u64;
    let mut body: Body = match parse_body(text, &mut |done| {
        progress(LoadStep::Parsing { done, total });
    }) {
        Ok(body) => body,
        Err(body_error) => {
            let header: Header = serde_json::from_str(text).map_err(|e| json_problem(&e, text))?;
            let version = check_header(header.format, header.version)?;
            if version > VERSION {
                return Err(Problem::NewerUnreadable {
                    found: version,
                    supported: VERSION,
                });
            }
            return Err(json_problem(&body_error, text));
        }
    };
    progress(LoadStep::Parsing { done: total, total });
    progress(LoadStep::Checking);
    let version = check_header(body.format.take(), body.version.take())?;
    super::exact::restore(
        text,
        super::exact::Parts {
            extra: &mut body.extra,
            settings: &mut body.settings,
            channels: body.channels.as_mut(),
            contacts: &mut body.contacts,
            interactions: &mut body.interactions,
        },
    );
    let meta = take_sync_meta(&mut body, version).map_err(|message| Problem::Integrity {
        first: vec![message],
        total: 1,
    })?;
    let channels = body.channels.unwrap_or_else(crate::model::default_channels);
    let mut data = Dataset::from_parts(body.contacts, channels, body.interactions, body.settings)
        .map_err(|errors| {
        let lines = RecordLines::scan(text);
        Problem::Integrity {
            total: errors.len(),
            first: errors
                .iter()
                .enumerate()
                .take(3)
                .map(|(i, e)| {
                    // The second, third ... record with one id each get their own line.
                    let repeat = errors[..i].iter().filter(|&x| x == e).count() + 1;
                    match lines.locate(e, repeat) {
                        Some(line) => format!("{e} (line {line})"),
                        None => e.to_string(),
                    }
                })
                .collect(),
        }
    })?;
    data.set_sync_meta(meta);
    Ok(Document {
        data,
        extra: body.extra,
        version,
    })
}

/// Takes the merge metadata out of the records' `sync` objects and the top-level `tombstones`
/// list. A version-1 file has none: its contacts are stamped with their `updated` time (device
/// unknown), the best a merge can know about them.
fn take_sync_meta(body: &mut Body, version: u64) -> Result<SyncMeta, String> {
    fn take(
        extra: &mut Map<String, Value>,
        key: RecordKey,
        meta: &mut SyncMeta,
    ) -> Result<(), String> {
        if let Some(v) = extra.remove("sync") {
            let m: RecordMeta = serde_json::from_value(v)
                .map_err(|e| format!("the sync data of {key} is not valid: {e}"))?;
            meta.records.insert(key, m);
        }
        Ok(())
    }
    let mut meta = SyncMeta::default();
    for c in &mut body.contacts {
        take(&mut c.extra, RecordKey::Contact(c.id), &mut meta)?;
        if version < 2 && !meta.records.contains_key(&RecordKey::Contact(c.id)) {
            meta.records.insert(
                RecordKey::Contact(c.id),
                RecordMeta {
                    stamp: Stamp::new(c.updated, ""),
                    fields: std::collections::BTreeMap::new(),
                },
            );
        }
    }
    for ch in body.channels.iter_mut().flatten() {
        take(&mut ch.extra, RecordKey::Channel(ch.id), &mut meta)?;
    }
    for it in &mut body.interactions {
        take(&mut it.extra, RecordKey::Interaction(it.id), &mut meta)?;
    }
    take(&mut body.settings.extra, RecordKey::Settings, &mut meta)?;
    if let Some(v) = body.extra.remove("tombstones") {
        let list: Vec<TombstoneRow> = serde_json::from_value(v)
            .map_err(|e| format!("the tombstones list is not valid: {e}"))?;
        for row in list {
            let key = row.key().ok_or_else(|| {
                format!(
                    "the tombstones list names a {} with the id \"{}\", which is not valid",
                    row.kind, row.id
                )
            })?;
            meta.tombstones.insert(key, row.tomb);
        }
    }
    Ok(meta)
}

/// One entry of the `tombstones` list.
#[derive(Serialize, Deserialize)]
struct TombstoneRow {
    kind: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    id: String,
    #[serde(flatten)]
    tomb: Tombstone,
}

impl TombstoneRow {
    fn key(&self) -> Option<RecordKey> {
        match self.kind.as_str() {
            "contact" => self.id.parse::<ContactId>().ok().map(RecordKey::Contact),
            "channel" => self.id.parse::<ChannelId>().ok().map(RecordKey::Channel),
            "interaction" => self
                .id
                .parse::<InteractionId>()
                .ok()
                .map(RecordKey::Interaction),
            "settings" => Some(RecordKey::Settings),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Contacts,
    Channels,
    Interactions,
}

/// The line of each record's `id` in the three top-level lists, found by a light scan of text
/// already known to be valid JSON. Used only to say where a broken integrity rule is.
struct RecordLines(Vec<(Section, u64, usize)>);

impl RecordLines {
    fn scan(text: &str) -> Self {
        let b = text.as_bytes();
        let mut found = Vec::new();
        let (mut i, mut line, mut depth) = (0, 1, 0_usize);
        let mut section = None;
        // Returns the end (after the closing quote) of the string starting at `start`.
        let string_end = |start: usize| {
            let mut j = start + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            (j + 1).min(b.len())
        };
        let skip_space = |mut j: usize| {
            while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            j
        };
        while i < b.len() {
            match b[i] {
                b'\n' => line += 1,
                b'{' | b'[' => depth += 1,
                b'}' | b']' => depth = depth.saturating_sub(1),
                b'"' => {
                    let end = string_end(i);
                    let key = text.get(i + 1..end.saturating_sub(1)).unwrap_or_default();
                    let after = skip_space(end);
                    if after < b.len() && b[after] == b':' {
                        if depth == 1 {
                            section = match key {
                                "contacts" => Some(Section::Contacts),
                                "channels" => Some(Section::Channels),
                                "interactions" => Some(Section::Interactions),
                                _ => None,
                            };
                        } else if depth == 3 && key == "id" {
                            let value = skip_space(after + 1);
                            if let (Some(sec), Some(b'"')) = (section, b.get(value)) {
                                let value_end = string_end(value);
                                let hex = text.get(value + 1..value_end - 1).unwrap_or_default();
                                if let Ok(id) = u64::from_str_radix(hex, 16) {
                                    found.push((sec, id, line));
                                }
                                i = value_end;
                                continue;
                            }
                        }
                    }
                    i = end;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
        Self(found)
    }

    /// The line of the `nth` record (from 0) with this id in this section.
    fn line(&self, section: Section, id: u64, nth: usize) -> Option<usize> {
        self.0
            .iter()
            .filter(|&&(s, i, _)| s == section && i == id)
            .nth(nth)
            .map(|&(_, _, line)| line)
    }

    /// The line of the record `e` is about; for the `nth` report of a duplicate id (from 1),
    /// the `nth` repeat of it.
    fn locate(&self, e: &IntegrityError, nth: usize) -> Option<usize> {
        use IntegrityError as E;
        use Section::{Channels, Contacts, Interactions};
        match *e {
            E::DuplicateContact(id) => self.line(Contacts, id.0, nth),
            E::DuplicateChannel(id) => self.line(Channels, id.0, nth),
            E::DuplicateInteraction(id) => self.line(Interactions, id.0, nth),
            E::EmptyName(id) | E::BadBirthday { contact: id } => self.line(Contacts, id.0, 0),
            E::EmptyChannelName(id) => self.line(Channels, id.0, 0),
            E::MissingContact { interaction, .. }
            | E::MissingChannel { interaction, .. }
            | E::RepeatedParticipant { interaction, .. }
            | E::NoParticipants(interaction) => self.line(Interactions, interaction.0, 0),
            _ => None,
        }
    }
}

#[derive(Serialize)]
struct Out<'a> {
    format: &'static str,
    version: u64,
    settings: Stamped<'a, Settings>,
    channels: StampedList<'a, Channel, &'a [Channel]>,
    contacts: StampedList<'a, Contact, &'a Chunked<Contact>>,
    interactions: StampedList<'a, Interaction, &'a Chunked<Interaction>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tombstones: Vec<TombstoneRow>,
    #[serde(flatten)]
    extra: &'a Map<String, Value>,
}

/// A record written with its `sync` object, when it has one.
struct Stamped<'a, T> {
    record: &'a T,
    meta: Option<&'a RecordMeta>,
}

impl<T: Serialize> Serialize for Stamped<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct With<'a, T> {
            #[serde(flatten)]
            record: &'a T,
            sync: &'a RecordMeta,
        }
        match self.meta {
            None => self.record.serialize(s),
            Some(sync) => With {
                record: self.record,
                sync,
            }
            .serialize(s),
        }
    }
}

/// `L`: a slice or the dataset's chunked list.
struct StampedList<'a, T, L> {
    records: L,
    meta: &'a SyncMeta,
    key: fn(&T) -> RecordKey,
}

impl<'a, T: Serialize + 'a, L: IntoIterator<Item = &'a T> + Copy> Serialize
    for StampedList<'a, T, L>
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let none = self.meta.records.is_empty();
        s.collect_seq(self.records.into_iter().map(|record| Stamped {
            record,
            meta: if none {
                None
            } else {
                self.meta.records.get(&(self.key)(record))
            },
        }))
    }
}

/// Writes a document as version-2 JSON, indented by two spaces.
pub(super) fn write(doc: &Document, w: &mut dyn Write) -> Result<(), serde_json::Error> {
    let meta = doc.data.sync_meta();
    let tombstones = meta
        .tombstones
        .iter()
        .map(|(key, tomb)| TombstoneRow {
            kind: key.kind().to_owned(),
            id: match key {
                RecordKey::Contact(id) => id.to_string(),
                RecordKey::Channel(id) => id.to_string(),
                RecordKey::Interaction(id) => id.to_string(),
                RecordKey::Settings => String::new(),
            },
            tomb: tomb.clone(),
        })
        .collect();
    let out = Out {
        format: FORMAT_MARKER,
        version: VERSION,
        settings: Stamped {
            record: doc.data.settings(),
            meta: meta.records.get(&RecordKey::Settings),
        },
        channels: StampedList {
            records: doc.data.channels(),
            meta,
            key: |c| RecordKey::Channel(c.id),
        },
        contacts: StampedList {
            records: doc.data.contacts(),
            meta,
            key: |c| RecordKey::Contact(c.id),
        },
        interactions: StampedList {
            records: doc.data.interactions(),
            meta,
            key: |it| RecordKey::Interaction(it.id),
        },
        tombstones,
        extra: &doc.extra,
    };
    let mut ser = serde_json::Serializer::with_formatter(
        w,
        serde_json::ser::PrettyFormatter::with_indent(b"  "),
    );
    out.serialize(&mut ser)?;
    ser.into_inner()
        .write_all(b"\n")
        .map_err(serde_json::Error::io)
}
