//! The atomic save and its backup. What survives a crash at each step is documented in
//! docs/FORMAT.md ("What a save guarantees"); keep the two in step.

use std::ffi::OsString;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::{Problem, StoreError};

/// The backup kept next to `path`: `name.json` becomes `name.json.bak`.
#[must_use]
pub fn backup_path(path: &Path) -> PathBuf {
    sibling(path, "", ".bak")
}

/// `path`'s folder with `prefix` + its file name + `suffix`.
fn sibling(path: &Path, prefix: &str, suffix: &str) -> PathBuf {
    let mut name = OsString::from(prefix);
    name.push(path.file_name().unwrap_or_default());
    name.push(suffix);
    path.with_file_name(name)
}

/// Where the new backup is put together before it is renamed over `NAME.bak`.
fn backup_temporary(path: &Path) -> PathBuf {
    sibling(path, ".", ".rapport-bak")
}

/// The file a save really writes: `path` itself, or the file a symbolic link (or a chain of
/// them) points to, so that the link stays a link and the file it names gets the new content.
/// A link to a file that does not exist yet resolves to that missing file.
pub fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = fs::read_link(&p)?;
                // An absolute target replaces the folder; a relative one is taken from it.
                p = p
                    .parent()
                    .map_or_else(|| target.clone(), |dir| dir.join(&target));
            }
            _ => return Ok(p),
        }
    }
    Err(std::io::Error::other(
        "it is a chain of more than 40 symbolic links",
    ))
}

/// The atomic-save mechanism: `write` fills a temporary file; only when it succeeds is the file
/// committed over `path`. Public so tests can prove a write failing half-way changes nothing.
///
/// The steps, each leaving a complete data file and a complete backup if the process dies
/// there: (1) the new content goes to an unnamed temporary file (a named `.NAME.XXXXXX` where
/// the system has none) and is synced; (2) the previous file gets a second name
/// `.NAME.rapport-bak` (a hard link: no data is written, so a full disk cannot cut it short;
/// a synced copy where links are not possible), which is renamed over `NAME.bak`; (3) the
/// temporary file is renamed over `NAME` and the folder is synced.
pub fn save_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), StoreError> {
    let io = |e: std::io::Error| StoreError::new(path, Problem::writing(&e));
    let target = resolve(path).map_err(io)?;
    match fs::metadata(&target) {
        Ok(meta) if meta.is_dir() => return Err(StoreError::new(path, Problem::IsDirectory)),
        Ok(meta) if meta.permissions().readonly() => {
            return Err(StoreError::new(path, Problem::ReadOnly));
        }
        _ => {}
    }
    let mut file = atomic_write_file::AtomicWriteFile::options()
        .open(&target)
        .map_err(io)?;
    {
        let mut w = BufWriter::with_capacity(1 << 16, &mut file);
        write(&mut w).map_err(io)?;
        w.flush().map_err(io)?;
    }
    // Dropping `file` without commit (on any early return) removes the temporary file.
    if target.exists() {
        keep_backup(&target).map_err(|e| StoreError::new(path, Problem::Backup(e.to_string())))?;
    }
    // Commit syncs the temporary file, renames it over `target` and syncs the folder.
    file.commit().map_err(io)
}

/// Makes `NAME.bak` the current `NAME`, all at once: the old backup stays whole until the new
/// one, complete, replaces it by a rename.
fn keep_backup(target: &Path) -> std::io::Result<()> {
    let staging = backup_temporary(target);
    remove_if_present(&staging)?;
    if fs::hard_link(target, &staging).is_err() {
        // Some file systems (FAT, some network shares) have no hard links: copy and sync.
        let copied = fs::copy(target, &staging).and_then(|_| fs::File::open(&staging)?.sync_all());
        if let Err(e) = copied {
            let _ = fs::remove_file(&staging);
            return Err(e);
        }
    }
    if let Err(e) = fs::rename(&staging, backup_path(target)) {
        let _ = fs::remove_file(&staging);
        return Err(e);
    }
    sync_folder(target)
}

fn remove_if_present(path: &Path) -> std::io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Makes a rename in `file`'s folder durable (Unix; elsewhere the system does it on its own).
fn sync_folder(file: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let dir = match file.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        Ok(())
    }
}

/// Whether `name` is one of the temporary files a save of `data_name` makes: the atomic
/// writer's `.NAME.XXXXXX` (six letters or digits), the backup's `.NAME.rapport-bak`, or the
/// journal's `.NAME.journal.new` (see [`super::journal`]).
fn is_temporary_of(name: &str, data_name: &str) -> bool {
    let Some(rest) = name
        .strip_prefix('.')
        .and_then(|n| n.strip_prefix(data_name))
        .and_then(|n| n.strip_prefix('.'))
    else {
        return false;
    };
    rest == "rapport-bak"
        || rest == "journal.new"
        || (rest.len() == 6 && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Removes temporary files that an interrupted save of `path` left in its folder (killed
/// between creating and renaming them). Call it only while holding the write lock
/// ([`super::lock`]), so that no save in progress is disturbed. Returns how many were removed.
#[must_use = "the count says whether anything was left behind"]
pub fn remove_stale_temporaries(path: &Path) -> usize {
    let Ok(target) = resolve(path) else { return 0 };
    let Some(data_name) = target.file_name().and_then(|n| n.to_str()) else {
        return 0;
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let Ok(entries) = fs::read_dir(&dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file
            && name.to_str().is_some_and(|n| is_temporary_of(n, data_name))
            && fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_recognised_exactly() {
        assert!(is_temporary_of(".people.json.a1B2c3", "people.json"));
        assert!(is_temporary_of(".people.json.rapport-bak", "people.json"));
        assert!(is_temporary_of(".people.json.journal.new", "people.json"));
        assert!(!is_temporary_of(".people.json.journal", "people.json"));
        assert!(!is_temporary_of(".people.json.a1B2c", "people.json"));
        assert!(!is_temporary_of(".people.json.a1B2c3d", "people.json"));
        assert!(!is_temporary_of(".people.json.a1-2c3", "people.json"));
        assert!(!is_temporary_of("people.json.a1B2c3", "people.json"));
        assert!(!is_temporary_of(".other.json.a1B2c3", "people.json"));
        assert!(!is_temporary_of(".people.json.lock", "people.json"));
        assert!(!is_temporary_of("people.json.bak", "people.json"));
    }

    #[test]
    fn backup_names_sit_beside_the_file() {
        let p = Path::new("/d/people.json");
        assert_eq!(backup_path(p), Path::new("/d/people.json.bak"));
        assert_eq!(
            backup_temporary(p),
            Path::new("/d/.people.json.rapport-bak")
        );
    }
}
