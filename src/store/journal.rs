//! The edit journal: unsaved edits, kept on disk as they are made, so that a crash or a power cut
//! loses none of them.
//!
//! Beside a data file `NAME`, `.NAME.journal` holds one JSON line of header (which file state the
//! edits apply to) and then one JSON line per edit, each written and synced before the edit is
//! shown as done. A save removes the journal (or keeps only the edits made while the save ran).
//! When a file is opened and its journal holds edits, they are offered back ([`pending`]). A
//! line cut short by a crash is ignored. Nothing here knows about the GUI.

use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use super::Document;
use crate::model::Edit;

/// The journal of a data file: `.NAME.journal` beside it (beside the file a link points to).
#[must_use]
pub fn journal_path(path: &Path) -> PathBuf {
    let target = super::resolve(path).unwrap_or_else(|_| path.to_path_buf());
    let mut name = std::ffi::OsString::from(".");
    name.push(target.file_name().unwrap_or_default());
    name.push(".journal");
    target.with_file_name(name)
}

/// Which state of the data file a journal's edits were made on: its size and modification time.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Base {
    pub len: u64,
    pub modified_ns: i128,
}

impl Base {
    /// The data file as it is now (a missing file is the empty base).
    #[must_use]
    pub fn of(path: &Path) -> Self {
        let Ok(meta) = fs::metadata(path) else {
            return Self::default();
        };
        let modified_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| i128::try_from(d.as_nanos()).unwrap_or(i128::MAX));
        Self {
            len: meta.len(),
            modified_ns,
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Header {
    rapport_journal: u32,
    base: Base,
}

#[derive(Serialize)]
struct EntryOut<'a> {
    at: String,
    edit: &'a Edit,
}

#[derive(Deserialize)]
struct EntryIn {
    at: DateTime<Utc>,
    edit: Edit,
}

/// Edits found in a journal when a file is opened.
#[derive(Clone, Debug)]
pub struct Pending {
    pub edits: Vec<Edit>,
    /// When the last edit was made.
    pub last: DateTime<Utc>,
    /// The data file changed since the edits were made (another program saved it).
    pub base_changed: bool,
}

impl Pending {
    #[must_use]
    pub fn count(&self) -> usize {
        self.edits.len()
    }
}

/// The edits waiting in `path`'s journal, if it holds any. Reading stops at the first line that
/// is not a whole entry (the one a crash cut short).
#[must_use]
pub fn pending(path: &Path) -> Option<Pending> {
    let file = File::open(journal_path(path)).ok()?;
    let mut lines = BufReader::new(file).split(b'\n');
    let header: Header = serde_json::from_slice(&lines.next()?.ok()?).ok()?;
    let mut edits = Vec::new();
    let mut last = None;
    for line in lines {
        let Ok(line) = line else { break };
        let Ok(entry) = serde_json::from_slice::<EntryIn>(&line) else {
            break;
        };
        edits.push(entry.edit);
        last = Some(entry.at);
    }
    Some(Pending {
        edits,
        last: last?,
        base_changed: header.base != Base::of(path),
    })
}

/// Applies recovered edits to `doc` one by one; returns how many applied and how many no longer
/// fit the data (an edit to a contact deleted since, for example).
pub fn replay(doc: &mut Document, edits: &[Edit]) -> (usize, usize) {
    let mut applied = 0;
    for edit in edits {
        if doc.data.apply(edit.clone()).is_ok() {
            applied += 1;
        }
    }
    (applied, edits.len() - applied)
}

/// Removes `path`'s journal (the person chose not to recover it, or it was saved).
pub fn discard(path: &Path) -> std::io::Result<()> {
    match fs::remove_file(journal_path(path)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// The journal of one open data file. The file is created with the first edit.
#[derive(Debug)]
pub struct Journal {
    data: PathBuf,
    path: PathBuf,
    base: Base,
    file: Option<File>,
    /// Each recorded edit: the caller's generation number and where its line starts.
    entries: Vec<(u64, u64)>,
}

impl Journal {
    /// A journal for the data file `data` as it is on disk now.
    #[must_use]
    pub fn new(data: &Path) -> Self {
        Self {
            data: data.to_path_buf(),
            path: journal_path(data),
            base: Base::of(data),
            file: None,
            entries: Vec::new(),
        }
    }

    /// A journal holding `entries` (edits recovered from a crash, with the generations they got
    /// when applied again) against the data file as it is now, written all at once over the old
    /// journal: a crash during recovery loses nothing.
    pub fn restart(data: &Path, entries: &[(u64, &Edit)]) -> std::io::Result<Self> {
        let mut lines = Vec::new();
        let mut offsets = Vec::with_capacity(entries.len());
        let at = Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true);
        for (generation, edit) in entries {
            offsets.push((*generation, lines.len() as u64));
            serde_json::to_writer(
                &mut lines,
                &EntryOut {
                    at: at.clone(),
                    edit,
                },
            )
            .map_err(std::io::Error::other)?;
            lines.push(b'\n');
        }
        let mut journal = Self::new(data);
        if entries.is_empty() {
            journal.discard()?;
            return Ok(journal);
        }
        let file = create(&journal.path, &journal.base, &lines)?;
        let header_len = file.metadata()?.len() - lines.len() as u64;
        journal.entries = offsets
            .into_iter()
            .map(|(g, off)| (g, off + header_len))
            .collect();
        journal.file = Some(file);
        Ok(journal)
    }

    /// How many edits are in the journal.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Appends `edit` (made at the caller's `generation`, a number that grows with every edit)
    /// and syncs it to disk before returning.
    pub fn record(&mut self, edit: &Edit, generation: u64) -> std::io::Result<()> {
        let at = Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true);
        let mut line = serde_json::to_vec(&EntryOut { at, edit }).map_err(std::io::Error::other)?;
        line.push(b'\n');
        let file = match &mut self.file {
            Some(f) => f,
            None => self.file.insert(create(&self.path, &self.base, &[])?),
        };
        let offset = file.seek(SeekFrom::End(0))?;
        if let Err(e) = file.write_all(&line).and_then(|()| file.sync_data()) {
            // Leave no half line for the next entry to follow.
            let _ = file.set_len(offset);
            return Err(e);
        }
        self.entries.push((generation, offset));
        Ok(())
    }

    /// The data file was saved with everything up to `generation`: the journal keeps only the
    /// edits made after it (while the save ran), against the file as it is now, or goes away.
    pub fn saved(&mut self, generation: u64) -> std::io::Result<()> {
        self.base = Base::of(&self.data);
        let keep_from = self.entries.iter().position(|&(g, _)| g > generation);
        let Some(first) = keep_from else {
            self.file = None;
            self.entries.clear();
            return discard(&self.data);
        };
        let mut tail = Vec::new();
        if let Some(file) = &mut self.file {
            file.seek(SeekFrom::Start(self.entries[first].1))?;
            file.read_to_end(&mut tail)?;
        }
        let file = create(&self.path, &self.base, &tail)?;
        let old_start = self.entries[first].1;
        let new_start = file.metadata()?.len() - tail.len() as u64;
        self.entries = self.entries[first..]
            .iter()
            .map(|&(g, off)| (g, off - old_start + new_start))
            .collect();
        self.file = Some(file);
        Ok(())
    }

    /// Forgets the journal and removes its file (the edits were dropped on purpose).
    pub fn discard(&mut self) -> std::io::Result<()> {
        self.file = None;
        self.entries.clear();
        discard(&self.data)
    }
}

/// Writes a journal holding `header` and `entries` (whole lines) beside the data file, all at
/// once: a temporary file, synced, renamed over the old journal. Returns it open for appending.
fn create(path: &Path, base: &Base, entries: &[u8]) -> std::io::Result<File> {
    let mut staging = path.as_os_str().to_owned();
    staging.push(".new");
    let staging = PathBuf::from(staging);
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(&staging)?;
    let mut header = serde_json::to_vec(&Header {
        rapport_journal: 1,
        base: base.clone(),
    })
    .map_err(std::io::Error::other)?;
    header.push(b'\n');
    let written = file
        .write_all(&header)
        .and_then(|()| file.write_all(entries))
        .and_then(|()| file.sync_all())
        .and_then(|()| fs::rename(&staging, path));
    if let Err(e) = written {
        let _ = fs::remove_file(&staging);
        return Err(e);
    }
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        File::open(dir)?.sync_all()?;
    }
    file.seek(SeekFrom::End(0))?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Contact, ContactId, Dataset};
    use chrono::TimeZone;

    fn put(i: u64) -> Edit {
        let at = Utc.with_ymd_and_hms(2025, 1, 2, 9, 30, 0).single();
        Edit::PutContact(Contact::with_id(
            ContactId(i),
            format!("Person {i}"),
            at.unwrap_or_default(),
        ))
    }

    fn saved_file(dir: &Path) -> PathBuf {
        let path = dir.join("people.json");
        super::super::save(&Document::new(Dataset::new()), &path).expect("saved");
        path
    }

    #[test]
    fn recorded_edits_are_pending_until_saved() {
        let dir = tempfile::tempdir().expect("a folder");
        let path = saved_file(dir.path());
        let mut j = Journal::new(&path);
        assert!(pending(&path).is_none(), "nothing before the first edit");
        assert!(!journal_path(&path).exists());
        for i in 1..=3 {
            j.record(&put(i), i).expect("recorded");
        }
        let p = pending(&path).expect("pending");
        assert_eq!(p.count(), 3);
        assert!(!p.base_changed);
        let mut doc = Document::new(Dataset::new());
        assert_eq!(replay(&mut doc, &p.edits), (3, 0));
        assert_eq!(doc.data.contacts().len(), 3);

        j.saved(3).expect("saved");
        assert!(pending(&path).is_none());
        assert!(!journal_path(&path).exists());
    }

    #[test]
    fn edits_made_while_a_save_ran_stay_in_the_journal() {
        let dir = tempfile::tempdir().expect("a folder");
        let path = saved_file(dir.path());
        let mut j = Journal::new(&path);
        for i in 1..=5 {
            j.record(&put(i), i).expect("recorded");
        }
        j.saved(3).expect("saved");
        let p = pending(&path).expect("two left");
        assert_eq!(p.edits, vec![put(4), put(5)]);
        j.record(&put(6), 6).expect("recorded");
        assert_eq!(
            pending(&path).expect("three").edits,
            vec![put(4), put(5), put(6)]
        );
        j.saved(6).expect("saved");
        assert!(!journal_path(&path).exists());
    }

    #[test]
    fn a_line_cut_short_is_ignored_and_a_restarted_journal_goes_on() {
        let dir = tempfile::tempdir().expect("a folder");
        let path = saved_file(dir.path());
        let mut j = Journal::new(&path);
        j.record(&put(1), 1).expect("recorded");
        j.record(&put(2), 2).expect("recorded");
        drop(j);
        let mut f = OpenOptions::new()
            .append(true)
            .open(journal_path(&path))
            .expect("open");
        f.write_all(b"{\"at\": \"2025-01-0").expect("written");
        drop(f);
        let p = pending(&path).expect("pending");
        assert_eq!(p.count(), 2);

        let recovered: Vec<(u64, &Edit)> = vec![(1, &p.edits[0]), (2, &p.edits[1])];
        let mut again = Journal::restart(&path, &recovered).expect("restarted");
        assert_eq!(again.len(), 2);
        again.record(&put(3), 3).expect("recorded");
        assert_eq!(
            pending(&path).expect("three").edits,
            vec![put(1), put(2), put(3)]
        );
        again.saved(2).expect("saved");
        assert_eq!(pending(&path).expect("one").edits, vec![put(3)]);
    }

    #[test]
    fn a_changed_data_file_is_noticed() {
        let dir = tempfile::tempdir().expect("a folder");
        let path = saved_file(dir.path());
        let mut j = Journal::new(&path);
        j.record(&put(1), 1).expect("recorded");
        fs::write(&path, b"changed by someone else, and longer").expect("written");
        assert!(pending(&path).expect("pending").base_changed);
    }
}
