//! The write lock: one writer at a time per data file, across processes.
//!
//! A save replaces the data file by a rename, so a lock taken on the data file itself would be
//! left on the old file. The lock is therefore an advisory lock (`flock` on Unix, `LockFileEx`
//! on Windows, through `std::fs::File::try_lock`) on a small sidecar file `.NAME.lock` beside
//! the data file, which says who holds it (program, process id, host). The system releases the
//! lock when its process ends in any way, so a lock file left by a process that died is stale
//! by construction: the next writer takes it over.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{Problem, StoreError};

/// The `program` of the desktop app; a message about it says "open in another Rapport window".
pub const APP_PROGRAM: &str = "Rapport app";

/// How long the command line waits for another writer before it gives up.
pub const CLI_WAIT: Duration = Duration::from_secs(3);

/// Who holds a lock, as written in the lock file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    pub program: String,
    pub pid: u32,
    pub host: String,
}

impl Holder {
    /// This process.
    #[must_use]
    pub fn me(program: &str) -> Self {
        Self {
            program: program.to_owned(),
            pid: std::process::id(),
            host: gethostname::gethostname().to_string_lossy().into_owned(),
        }
    }

    fn to_text(&self) -> String {
        format!(
            "program {}\npid {}\nhost {}\n",
            self.program, self.pid, self.host
        )
    }

    fn parse(text: &str) -> Option<Self> {
        let (mut program, mut pid, mut host) = (None, None, None);
        for line in text.lines() {
            match line.split_once(' ') {
                Some(("program", v)) => program = Some(v.to_owned()),
                Some(("pid", v)) => pid = v.parse().ok(),
                Some(("host", v)) => host = Some(v.to_owned()),
                _ => {}
            }
        }
        Some(Self {
            program: program?,
            pid: pid?,
            host: host?,
        })
    }

    /// Whether this is another window of the desktop app.
    #[must_use]
    pub fn is_app(&self) -> bool {
        self.program == APP_PROGRAM
    }
}

impl fmt::Display for Holder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (process {} on {})",
            self.program, self.pid, self.host
        )
    }
}

/// The sentence for a file another writer holds.
pub(super) fn locked_message(holder: Option<&Holder>) -> String {
    match holder {
        Some(h) if h.is_app() => format!(
            "it is open in another Rapport window (process {} on {}); save and close it there \
             first",
            h.pid, h.host
        ),
        Some(h) => format!("another program is changing it: {h}; try again when it has finished"),
        None => "another program is changing it; try again when it has finished".to_owned(),
    }
}

/// The lock file of a data file: `.NAME.lock` beside the file (beside the file a symbolic link
/// points to, so that every name of one file shares one lock).
#[must_use]
pub fn lock_path(path: &Path) -> PathBuf {
    let target = super::resolve(path).unwrap_or_else(|_| path.to_path_buf());
    let mut name = std::ffi::OsString::from(".");
    name.push(target.file_name().unwrap_or_default());
    name.push(".lock");
    target.with_file_name(name)
}

/// A held write lock; dropping it releases the lock and removes the lock file.
#[derive(Debug)]
pub struct WriteLock {
    /// `None` when the folder allows no lock (read-only folder, a file system without locks):
    /// the caller goes on without one, as before locks existed.
    file: Option<File>,
    path: PathBuf,
    took_over: Option<Holder>,
}

impl WriteLock {
    /// Whether a lock is really held (see [`WriteLock::file`]).
    #[must_use]
    pub fn is_held(&self) -> bool {
        self.file.is_some()
    }

    /// The holder named in a lock file left by a process that ended without releasing it.
    #[must_use]
    pub fn took_over(&self) -> Option<&Holder> {
        self.took_over.as_ref()
    }
}

impl Drop for WriteLock {
    fn drop(&mut self) {
        if self.file.is_some() {
            // Removed while still held; a writer waiting on this file notices that the name now
            // leads elsewhere (see `lock`) and starts again.
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Takes the write lock of the data file `path` for `program`, waiting up to `wait` for
/// another writer to finish. Stale temporary files of an interrupted save are removed once it
/// is held. Refuses with [`Problem::Locked`], naming the holder, when the wait runs out.
pub fn lock(path: &Path, program: &str, wait: Duration) -> Result<WriteLock, StoreError> {
    let lock_file = lock_path(path);
    let deadline = Instant::now() + wait;
    loop {
        let unlocked = || WriteLock {
            file: None,
            path: lock_file.clone(),
            took_over: None,
        };
        let Ok(mut file) = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_file)
        else {
            return Ok(unlocked());
        };
        match file.try_lock() {
            Ok(()) => {
                if !still_named(&file, &lock_file) {
                    continue;
                }
                let took_over = read_holder(&mut file);
                let written = file
                    .set_len(0)
                    .and_then(|()| file.rewind())
                    .and_then(|()| file.write_all(Holder::me(program).to_text().as_bytes()))
                    .and_then(|()| file.flush());
                if let Err(e) = written {
                    return Err(StoreError::new(path, Problem::writing(&e)));
                }
                let _ = super::remove_stale_temporaries(path);
                return Ok(WriteLock {
                    file: Some(file),
                    path: lock_file,
                    took_over,
                });
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                if Instant::now() >= deadline {
                    return Err(StoreError::new(
                        path,
                        Problem::Locked(read_holder(&mut file)),
                    ));
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            // This file system has no locks: go on without, as before locks existed.
            Err(std::fs::TryLockError::Error(_)) => return Ok(unlocked()),
        }
    }
}

/// Who holds a lock now, without waiting: `None` when nobody does (or it cannot be told).
#[must_use]
pub fn holder(path: &Path) -> Option<Holder> {
    let mut file = File::open(lock_path(path)).ok()?;
    match file.try_lock_shared() {
        Ok(()) => None,
        Err(_) => read_holder(&mut file),
    }
}

fn read_holder(file: &mut File) -> Option<Holder> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.take(4096).read_to_string(&mut text).ok()?;
    Holder::parse(&text)
}

/// Whether `file` is still the file at `path` (a previous holder removes the lock file when it
/// is done, so a waiter may have locked a file that no longer has a name).
fn still_named(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_holder_survives_its_text_form() {
        let h = Holder::me("rapport import");
        assert_eq!(Holder::parse(&h.to_text()), Some(h));
        assert_eq!(Holder::parse("pid 12\n"), None);
    }

    #[test]
    fn messages_name_the_holder() {
        let app = Holder {
            program: APP_PROGRAM.into(),
            pid: 7,
            host: "desk".into(),
        };
        assert!(locked_message(Some(&app)).contains("open in another Rapport window"));
        let cli = Holder {
            program: "rapport import".into(),
            pid: 8,
            host: "desk".into(),
        };
        assert_eq!(
            locked_message(Some(&cli)),
            "another program is changing it: rapport import (process 8 on desk); try again \
             when it has finished"
        );
    }

    #[test]
    fn a_second_lock_waits_then_refuses_and_a_released_one_is_free() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("people.json");
        let first = lock(&path, "first", Duration::ZERO).expect("free");
        assert!(first.is_held());
        assert_eq!(holder(&path).map(|h| h.program), Some("first".to_owned()));
        let err = lock(&path, "second", Duration::from_millis(120)).expect_err("held");
        assert!(matches!(err.problem, Problem::Locked(Some(ref h)) if h.program == "first"));
        drop(first);
        assert!(
            !lock_path(&path).exists(),
            "the lock file goes with the lock"
        );
        assert_eq!(holder(&path), None);
        let second = lock(&path, "second", Duration::ZERO).expect("free again");
        assert!(second.took_over().is_none());
    }

    #[test]
    fn a_lock_file_left_by_a_dead_process_is_taken_over() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("people.json");
        fs::write(
            lock_path(&path),
            "program rapport import\npid 4000000\nhost gone\n",
        )
        .expect("written");
        let l = lock(&path, "next", Duration::ZERO).expect("a stale lock does not block");
        assert_eq!(l.took_over().map(|h| h.pid), Some(4_000_000));
        assert_eq!(holder(&path).map(|h| h.program), Some("next".to_owned()));
    }
}
