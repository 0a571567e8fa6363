//! Version 1 of the file format: parsing with precise errors, and writing.

use std::fmt;
use std::io::Write;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::Problem;
use crate::model::{Channel, Contact, Dataset, Interaction, Settings};

/// The value of the top-level `format` field.
pub const FORMAT_MARKER: &str = "rapport";
/// The newest format version this build reads and the only one it writes.
pub const VERSION: u64 = 1;

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

struct Body {
    contacts: Vec<Contact>,
    channels: Option<Vec<Channel>>,
    interactions: Vec<Interaction>,
    settings: Settings,
    extra: Map<String, Value>,
}

impl<'de> Deserialize<'de> for Body {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct BodyVisitor;
        impl<'de> Visitor<'de> for BodyVisitor {
            type Value = Body;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a Rapport data object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Body, A::Error> {
                let mut body = Body {
                    contacts: Vec::new(),
                    channels: None,
                    interactions: Vec::new(),
                    settings: Settings::default(),
                    extra: Map::new(),
                };
                let mut seen = std::collections::HashSet::new();
                while let Some(key) = map.next_key::<String>()? {
                    if !seen.insert(key.clone()) {
                        return Err(de::Error::custom(format_args!(
                            "the field \"{key}\" appears twice"
                        )));
                    }
                    match key.as_str() {
                        "format" | "version" => {
                            map.next_value::<IgnoredAny>()?;
                        }
                        "contacts" => body.contacts = map.next_value()?,
                        "channels" => body.channels = Some(map.next_value()?),
                        "interactions" => body.interactions = map.next_value()?,
                        "settings" => body.settings = map.next_value()?,
                        _ => {
                            let v: Value = map.next_value()?;
                            body.extra.insert(key, v);
                        }
                    }
                }
                Ok(body)
            }
        }
        d.deserialize_map(BodyVisitor)
    }
}

fn json_problem(e: &serde_json::Error) -> Problem {
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
        serde_json::error::Category::Data => format!("a value is not valid: {inner}"),
        serde_json::error::Category::Io => inner.to_owned(),
    };
    Problem::Json {
        message,
        line,
        column,
    }
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

/// Parses and checks a whole file.
pub(super) fn parse(bytes: &[u8]) -> Result<Document, Problem> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Problem::Utf16);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Problem::Empty);
    }
    // UTF-16 without a byte-order mark: ASCII text with a zero byte beside every character.
    if bytes.len() >= 2 && (bytes[0] == 0 || bytes[1] == 0) {
        return Err(Problem::Utf16);
    }
    if let Err(e) = std::str::from_utf8(bytes) {
        let (line, column) = line_col(bytes, e.valid_up_to());
        return Err(Problem::NotUtf8 { line, column });
    }
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'[') => return Err(Problem::WrongRoot("a JSON list")),
        Some(b'"') => return Err(Problem::WrongRoot("a JSON string")),
        Some(b't' | b'f') => return Err(Problem::WrongRoot("a JSON true or false")),
        Some(b'n') => return Err(Problem::WrongRoot("a JSON null")),
        Some(b'-' | b'0'..=b'9') => return Err(Problem::WrongRoot("a JSON number")),
        // An object, or not JSON at all: the parser says where it goes wrong.
        _ => {}
    }

    // Pass 1: syntax and the header, skipping the bulk cheaply.
    let header: Header = serde_json::from_slice(bytes).map_err(|e| json_problem(&e))?;
    match header.format {
        Some(Value::String(s)) if s == FORMAT_MARKER => {}
        _ => return Err(Problem::NotRapport),
    }
    let version = match header.version {
        None => return Err(Problem::MissingVersion),
        Some(Value::Number(n)) => match n.as_u64() {
            Some(v) if v >= 1 => v,
            _ => return Err(Problem::BadVersion(n.to_string())),
        },
        Some(other) => return Err(Problem::BadVersion(other.to_string())),
    };

    // Pass 2: the content.
    let body: Body = match serde_json::from_slice(bytes) {
        Ok(body) => body,
        Err(_) if version > VERSION => {
            return Err(Problem::NewerUnreadable {
                found: version,
                supported: VERSION,
            });
        }
        Err(e) => return Err(json_problem(&e)),
    };
    let channels = body.channels.unwrap_or_else(crate::model::default_channels);
    let data = Dataset::from_parts(body.contacts, channels, body.interactions, body.settings)
        .map_err(|errors| Problem::Integrity {
            total: errors.len(),
            first: errors.iter().take(3).map(ToString::to_string).collect(),
        })?;
    Ok(Document {
        data,
        extra: body.extra,
        version,
    })
}

#[derive(Serialize)]
struct Out<'a> {
    format: &'static str,
    version: u64,
    settings: &'a Settings,
    channels: &'a [Channel],
    contacts: &'a [Contact],
    interactions: &'a [Interaction],
    #[serde(flatten)]
    extra: &'a Map<String, Value>,
}

/// Writes a document as version-1 JSON, indented by two spaces.
pub(super) fn write(doc: &Document, w: &mut dyn Write) -> Result<(), serde_json::Error> {
    let out = Out {
        format: FORMAT_MARKER,
        version: VERSION,
        settings: doc.data.settings(),
        channels: doc.data.channels(),
        contacts: doc.data.contacts(),
        interactions: doc.data.interactions(),
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
