//! Reading an import source: the size cap, decoding, detection and the parsed records.

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime};
use thiserror::Error;

use super::{Format, contacts_csv, detect, interactions_csv, text, vcard};
use crate::model::{Contact, Dataset, Depth, Initiator, Mode};
use crate::store;

/// Import sources larger than this are refused before they are read (64 MiB: far more than any
/// address book; a larger file is almost certainly not one).
pub const MAX_IMPORT_BYTES: u64 = 64 << 20;

/// A contact read from a source, with the line where its record starts (1-based).
#[derive(Clone, Debug, PartialEq)]
pub struct Incoming {
    pub line: usize,
    /// A fresh id (or, for a card whose UID is `urn:rapport:ID`, that id); `created` and
    /// `updated` are the time of reading.
    pub contact: Contact,
    /// The record's own UID (a vCard's `UID`), which decides identity first; `None` when the
    /// source has none (CSV).
    pub uid: Option<String>,
}

/// One row of an interactions CSV, not yet tied to contacts or channels.
#[derive(Clone, Debug, PartialEq)]
pub struct IncomingInteraction {
    pub line: usize,
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    /// Names or email addresses, as written.
    pub contacts: Vec<String>,
    pub channel: String,
    pub mode: Option<Mode>,
    pub minutes: Option<u32>,
    pub depth: Depth,
    pub initiated_by: Initiator,
    pub summary: String,
    pub notes: String,
    pub follow_up: Option<NaiveDate>,
}

/// A record that was not imported, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skip {
    /// 1-based line where the record starts; 0 when it concerns the whole source.
    pub line: usize,
    pub reason: String,
}

impl Skip {
    pub(crate) fn new(line: usize, reason: impl Into<String>) -> Self {
        Self {
            line,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            f.write_str(&self.reason)
        } else {
            write!(f, "line {}: {}", self.line, self.reason)
        }
    }
}

/// What a source holds, before it is compared with the open data.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    pub format: Option<Format>,
    pub contacts: Vec<Incoming>,
    pub interactions: Vec<IncomingInteraction>,
    /// Set for [`Format::Rapport`]: the other file's whole dataset.
    pub rapport: Option<Box<Dataset>>,
    pub skipped: Vec<Skip>,
    /// Records imported with something left out (a photo too large to keep), and why.
    pub warnings: Vec<Skip>,
}

impl Parsed {
    /// The format that was read (defaults to vCard for an empty value, which never happens after
    /// [`parse_bytes`]).
    #[must_use]
    pub fn format(&self) -> Format {
        self.format.unwrap_or(Format::Vcard)
    }
}

/// Why a whole source could not be read. Single records that are broken do not cause this; they
/// are listed in [`Parsed::skipped`].
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ImportError {
    #[error("{0}")]
    Io(String),
    #[error("it is a folder, not a file")]
    IsDirectory,
    #[error(
        "the file is {} MiB, larger than the {} MiB an import may be",
        .size.div_ceil(1 << 20),
        .limit >> 20
    )]
    TooLarge { size: u64, limit: u64 },
    #[error("the file is empty")]
    Empty,
    #[error(
        "the format could not be recognised (expected a vCard file, a Google, LinkedIn, Outlook, Thunderbird or interactions CSV, or a Rapport file); name it with --format"
    )]
    Unrecognised,
    #[error("it is not a {format} file: {why}")]
    NotThisFormat { format: Format, why: String },
    #[error("{0}")]
    Rapport(String),
}

/// An [`ImportError`] with the file it concerns; displays as "PATH: problem".
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("{}: {problem}", .path.display())]
pub struct SourceError {
    pub path: PathBuf,
    pub problem: ImportError,
}

/// Reads and parses an import source. `format` is `None` to detect it from the content.
pub fn read_source(path: &Path, format: Option<Format>) -> Result<Parsed, SourceError> {
    let wrap = |problem| SourceError {
        path: path.to_owned(),
        problem,
    };
    let bytes = store::read_limited(path, MAX_IMPORT_BYTES, &mut |_, _| {}).map_err(|e| {
        wrap(match e.problem {
            store::Problem::TooLarge { size, limit } => ImportError::TooLarge { size, limit },
            store::Problem::IsDirectory => ImportError::IsDirectory,
            other => ImportError::Io(other.to_string()),
        })
    })?;
    parse_bytes(path, &bytes, format).map_err(wrap)
}

/// Parses bytes already in memory; `path` only names the source in Rapport-file errors.
pub fn parse_bytes(
    path: &Path,
    bytes: &[u8],
    format: Option<Format>,
) -> Result<Parsed, ImportError> {
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_IMPORT_BYTES,
        });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty);
    }
    let format = match format {
        Some(f) => f,
        None => detect(bytes).ok_or(ImportError::Unrecognised)?,
    };
    let mut parsed = match format {
        Format::Rapport => {
            let doc = store::load_bytes(path, bytes)
                .map_err(|e| ImportError::Rapport(e.problem.to_string()))?;
            Parsed {
                rapport: Some(Box::new(doc.data)),
                ..Parsed::default()
            }
        }
        Format::Vcard => vcard::parse_bytes(bytes)?,
        Format::InteractionsCsv => interactions_csv::parse(&text::decode(bytes))?,
        Format::GoogleCsv | Format::LinkedinCsv | Format::OutlookCsv | Format::ThunderbirdCsv => {
            contacts_csv::parse(&text::decode(bytes), format)?
        }
    };
    parsed.format = Some(format);
    Ok(parsed)
}
