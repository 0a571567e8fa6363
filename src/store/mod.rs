//! The JSON file format (version 1): load with clear errors, save atomically with a backup.
//! Nothing here knows about egui or rfd. The format is documented in docs/FORMAT.md.

mod error;
mod exact;
mod format;
pub mod journal;
mod lock;
mod save;

use std::fs::File;
use std::io::Read;
use std::path::Path;

pub use error::{Problem, StoreError};
pub use format::{Document, FORMAT_MARKER, VERSION};
pub use lock::{APP_PROGRAM, CLI_WAIT, Holder, WriteLock, holder, lock, lock_path};
pub use save::{backup_path, remove_stale_temporaries, resolve, save_with};

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// How far a [`load_with_progress`] has come. Steps arrive in this order, and within a stage
/// `done` only grows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadStep {
    /// `done` of the file's `total` bytes are read into memory.
    Reading { done: u64, total: u64 },
    /// The parse has reached byte `done` of the `total` bytes of text (reported at each
    /// top-level field and every thousand or so interactions; the last report is `total`).
    Parsing { done: u64, total: u64 },
    /// Parsed: the records' references, ids and merge metadata are being checked.
    Checking,
}

/// Reads and checks a data file. On error nothing is changed on disk.
pub fn load(path: &Path) -> Result<Document, StoreError> {
    load_with_progress(path, &mut |_| {})
}

/// Like [`load`], telling `progress` how far it has come: bytes read, bytes parsed, then the
/// checks (see [`LoadStep`]).
pub fn load_with_progress(
    path: &Path,
    progress: &mut dyn FnMut(LoadStep),
) -> Result<Document, StoreError> {
    let bytes = read_limited(path, MAX_FILE_BYTES, &mut |done, total| {
        progress(LoadStep::Reading { done, total });
    })?;
    format::parse(&bytes, progress).map_err(|p| StoreError::new(path, p))
}

/// Parses a document from bytes already in memory (`path` names it in errors).
pub fn load_bytes(path: &Path, bytes: &[u8]) -> Result<Document, StoreError> {
    format::parse(bytes, &mut |_| {}).map_err(|p| StoreError::new(path, p))
}

/// Reads a whole file, refusing it if it is larger than `limit` bytes.
pub fn read_limited(
    path: &Path,
    limit: u64,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Vec<u8>, StoreError> {
    let io = |e: std::io::Error| StoreError::new(path, Problem::reading(&e));
    let mut file = File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(StoreError::new(path, Problem::IsDirectory));
    }
    let total = meta.len();
    if total > limit {
        return Err(StoreError::new(
            path,
            Problem::TooLarge { size: total, limit },
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(total).unwrap_or(0));
    let mut chunk = vec![0; 1 << 20];
    loop {
        let n = match file.read(&mut chunk) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(io(e)),
        };
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&chunk[..n]);
        if bytes.len() as u64 > limit {
            // The file grew while we read it.
            return Err(StoreError::new(
                path,
                Problem::TooLarge {
                    size: bytes.len() as u64,
                    limit,
                },
            ));
        }
        progress(bytes.len() as u64, total.max(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Serialises a document as pretty-printed JSON.
pub fn to_json(doc: &Document) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = Vec::new();
    format::write(doc, &mut out)?;
    Ok(out)
}

/// Saves atomically (see [`save_with`]): the new content is written to a temporary file in the
/// same folder and synced; only then does the previous file (if any) become the backup and the
/// temporary file replace it. A failed save leaves the old file (and the old backup) as they
/// were. A symbolic link is saved through: the file it points to gets the new content.
pub fn save(doc: &Document, path: &Path) -> Result<(), StoreError> {
    if let Some(v) = doc.newer_version() {
        return Err(StoreError::new(
            path,
            Problem::NewerVersion {
                found: v,
                supported: VERSION,
            },
        ));
    }
    save_with(path, |w| {
        format::write(doc, w).map_err(std::io::Error::other)
    })
}
