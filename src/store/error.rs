use std::fmt;
use std::path::{Path, PathBuf};

/// What is wrong with a file, in words a person understands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Io(String),
    IsDirectory,
    TooLarge {
        size: u64,
        limit: u64,
    },
    Empty,
    Utf16,
    /// A zero byte: the file is not text at all.
    Binary {
        line: usize,
        column: usize,
    },
    NotUtf8 {
        line: usize,
        column: usize,
    },
    /// The JSON syntax or shape is wrong; line and column where the parser knows them.
    Json {
        message: String,
        line: usize,
        column: usize,
    },
    WrongRoot(&'static str),
    NotRapport,
    MissingVersion,
    BadVersion(String),
    /// A newer file that can be read (and must not be overwritten).
    NewerVersion {
        found: u64,
        supported: u64,
    },
    /// A newer file whose content this build cannot even read.
    NewerUnreadable {
        found: u64,
        supported: u64,
    },
    /// Integrity rules broken (the first few, and how many in all).
    Integrity {
        first: Vec<String>,
        total: usize,
    },
    Backup(String),
    /// The data file has no write permission: it is not replaced behind the user's back.
    ReadOnly,
    /// Another writer holds the file's write lock (who, when the lock file says).
    Locked(Option<super::Holder>),
}

impl Problem {
    /// An I/O error while reading, in plain words.
    #[must_use]
    pub fn reading(e: &std::io::Error) -> Self {
        Problem::Io(match e.kind() {
            std::io::ErrorKind::NotFound => "there is no such file".to_owned(),
            std::io::ErrorKind::PermissionDenied => {
                "Rapport is not allowed to read it (permission denied)".to_owned()
            }
            _ => format!("it could not be read ({e})"),
        })
    }

    /// An I/O error while writing, in plain words.
    #[must_use]
    pub fn writing(e: &std::io::Error) -> Self {
        Problem::Io(match e.kind() {
            std::io::ErrorKind::NotFound => "its folder does not exist".to_owned(),
            std::io::ErrorKind::PermissionDenied => {
                "Rapport is not allowed to write there (permission denied)".to_owned()
            }
            _ => format!("it could not be saved ({e})"),
        })
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Io(e) => write!(f, "{e}"),
            Problem::IsDirectory => write!(f, "it is a folder, not a file"),
            Problem::TooLarge { size, limit } => write!(
                f,
                "the file is {}, larger than the {} Rapport can open",
                human_size(*size),
                human_size(*limit)
            ),
            Problem::Empty => write!(f, "the file is empty"),
            Problem::Utf16 => write!(f, "the file is UTF-16 text; Rapport files are UTF-8"),
            Problem::Binary { line, column } => write!(
                f,
                "the file is not text: it holds a zero byte (line {line}, column {column})"
            ),
            Problem::NotUtf8 { line, column } => {
                write!(
                    f,
                    "the file is not UTF-8 text (line {line}, column {column})"
                )
            }
            Problem::Json {
                message,
                line,
                column,
            } => {
                write!(f, "{message} (line {line}, column {column})")
            }
            Problem::WrongRoot(found) => {
                write!(f, "the file holds {found}, not a Rapport data object")
            }
            Problem::NotRapport => {
                write!(
                    f,
                    "it is JSON but not a Rapport file (no \"format\": \"rapport\" marker)"
                )
            }
            Problem::MissingVersion => write!(f, "the file has no format version"),
            Problem::BadVersion(v) => write!(f, "the format version {v} is not a valid version"),
            Problem::NewerVersion { found, supported } => write!(
                f,
                "it was written by a newer Rapport (format version {found}; this build knows \
                 version {supported}), so this build will not overwrite it"
            ),
            Problem::NewerUnreadable { found, supported } => write!(
                f,
                "it was written by a newer Rapport (format version {found}) that this build \
                 (format version {supported}) cannot read; update Rapport to open it"
            ),
            Problem::Integrity { first, total } => {
                write!(f, "{}", first.join("; "))?;
                if *total > first.len() {
                    write!(f, " (and {} more problems)", total - first.len())?;
                }
                Ok(())
            }
            Problem::ReadOnly => write!(
                f,
                "the file is read-only, so Rapport will not replace it; make it writable or \
                 save under another name"
            ),
            Problem::Locked(holder) => {
                write!(f, "{}", super::lock::locked_message(holder.as_ref()))
            }
            Problem::Backup(e) => {
                write!(
                    f,
                    "the backup of the previous version could not be written ({e})"
                )
            }
        }
    }
}

/// A byte count in a readable unit, one decimal ("1.5 MiB"; plain bytes below 1 KiB).
fn human_size(bytes: u64) -> String {
    const UNITS: [(&str, u32); 3] = [("GiB", 30), ("MiB", 20), ("KiB", 10)];
    for (unit, shift) in UNITS {
        if bytes >= 1 << shift {
            return format!("{:.1} {unit}", bytes as f64 / f64::from(1_u32 << shift));
        }
    }
    format!("{bytes} bytes")
}

/// A load or save error: the problem and the file it concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreError {
    pub path: PathBuf,
    pub problem: Problem,
}

impl StoreError {
    #[must_use]
    pub fn new(path: &Path, problem: Problem) -> Self {
        Self {
            path: path.to_path_buf(),
            problem,
        }
    }

    /// Line and column in the file, where known.
    #[must_use]
    pub fn position(&self) -> Option<(usize, usize)> {
        match self.problem {
            Problem::Json { line, column, .. }
            | Problem::NotUtf8 { line, column }
            | Problem::Binary { line, column } => Some((line, column)),
            _ => None,
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.problem)
    }
}

impl std::error::Error for StoreError {}
