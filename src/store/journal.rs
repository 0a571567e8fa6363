//! The edit journal: unsaved edits, kept on disk as they are made, so that a crash or a power cut
//! loses none of them.
//!
//! Beside a data file `NAME`, `.NAME.journal` holds one JSON line of header (which file state the
//! edits apply to) and then one JSON line per edit, each written to the operating system before
//! the edit is shown as done (a crash or a killed app loses none of them) and synced to the disk
//! by a thread of its own ([`Syncer`]) moments later, so that an edit never waits for the disk: only
//! a power cut or a system crash in those milliseconds can lose the last edits. Dropping the
//! journal waits for its syncs. A save removes the journal (or keeps only the edits made while
//! the save ran).
//! When a file is opened and its journal holds edits, they are offered back ([`pending`]). A
//! line cut short by a crash is ignored. Nothing here knows about the GUI.

use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};
use std::thread::JoinHandle;

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
    file: Option<Arc<File>>,
    /// Each recorded edit: the caller's generation number and where its line starts.
    entries: Vec<(u64, u64)>,
    syncer: Syncer,
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
            syncer: Syncer::default(),
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
        // Recovery happens once, as the file opens: synced here, before the old journal is gone.
        let file = create(&journal.path, &journal.base, &lines)?;
        file.sync_all()?;
        sync_dir(&journal.path)?;
        let header_len = file.metadata()?.len() - lines.len() as u64;
        journal.entries = offsets
            .into_iter()
            .map(|(g, off)| (g, off + header_len))
            .collect();
        journal.file = Some(Arc::new(file));
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

    /// Appends `edit` (made at the caller's `generation`, a number that grows with every edit):
    /// written to the operating system before returning, synced to the disk by the journal's
    /// thread. An error is this write's, or an earlier sync's that failed since.
    pub fn record(&mut self, edit: &Edit, generation: u64) -> std::io::Result<()> {
        self.syncer.failure()?;
        let at = Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true);
        let mut line = serde_json::to_vec(&EntryOut { at, edit }).map_err(std::io::Error::other)?;
        line.push(b'\n');
        let file = match &self.file {
            Some(f) => Arc::clone(f),
            None => {
                let file = Arc::new(create(&self.path, &self.base, &[])?);
                self.syncer.sync_new(Arc::clone(&file), &self.path);
                self.file.insert(file).clone()
            }
        };
        let offset = (&*file).seek(SeekFrom::End(0))?;
        if let Err(e) = (&*file).write_all(&line) {
            // Leave no half line for the next entry to follow.
            let _ = file.set_len(offset);
            return Err(e);
        }
        self.syncer.sync(file);
        self.entries.push((generation, offset));
        Ok(())
    }

    /// Waits until every edit recorded so far is synced to the disk; the error of a sync that
    /// failed, if one did.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.syncer.flush();
        self.syncer.failure()
    }

    /// A sync that failed since the last call (a full or failing disk), if one did.
    pub fn sync_failure(&mut self) -> std::io::Result<()> {
        self.syncer.failure()
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
        if let Some(file) = &self.file {
            (&**file).seek(SeekFrom::Start(self.entries[first].1))?;
            (&**file).read_to_end(&mut tail)?;
        }
        let file = Arc::new(create(&self.path, &self.base, &tail)?);
        self.syncer.sync_new(Arc::clone(&file), &self.path);
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
/// once: a temporary file renamed over the old journal (the caller has it and its folder synced).
/// Returns it open for appending.
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
        .and_then(|()| fs::rename(&staging, path));
    if let Err(e) = written {
        let _ = fs::remove_file(&staging);
        return Err(e);
    }
    file.seek(SeekFrom::End(0))?;
    Ok(file)
}

/// Syncs the folder holding `path`, so that a rename into it is on the disk.
fn sync_dir(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// What the journal's thread is asked to do.
enum Request {
    /// Sync this file's data.
    Data(Arc<File>),
    /// Sync this new file whole and the folder it was renamed into.
    New(Arc<File>, PathBuf),
    /// Answer once everything asked before is done.
    Flush(mpsc::Sender<()>),
}

/// The journal's own thread, which syncs what the journal wrote. Requests that arrive while a
/// sync runs are served together: one `fdatasync` per file covers every line written before it.
#[derive(Debug, Default)]
struct Syncer {
    thread: Option<(mpsc::Sender<Request>, JoinHandle<()>)>,
    failed: Arc<Mutex<Option<std::io::Error>>>,
}

impl Syncer {
    fn send(&mut self, request: Request) {
        if self.thread.is_none() {
            let (tx, rx) = mpsc::channel();
            let failed = Arc::clone(&self.failed);
            let spawned = std::thread::Builder::new()
                .name("journal sync".into())
                .spawn(move || serve(&rx, &failed));
            // Without a thread (the system refused one), requests are served on this one.
            self.thread = spawned.ok().map(|handle| (tx, handle));
        }
        let request = match &self.thread {
            Some((sender, _)) => match sender.send(request) {
                Ok(()) => return,
                Err(mpsc::SendError(request)) => request,
            },
            None => request,
        };
        serve_batch(vec![request], &self.failed);
    }

    fn sync(&mut self, file: Arc<File>) {
        self.send(Request::Data(file));
    }

    fn sync_new(&mut self, file: Arc<File>, path: &Path) {
        self.send(Request::New(file, path.to_path_buf()));
    }

    /// Returns once every earlier request is served.
    fn flush(&mut self) {
        if self.thread.is_none() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        self.send(Request::Flush(tx));
        let _ = rx.recv();
    }

    /// Takes the error of a failed sync, if any.
    fn failure(&self) -> std::io::Result<()> {
        match self.failed.lock().map(|mut e| e.take()) {
            Ok(Some(e)) => Err(e),
            _ => Ok(()),
        }
    }
}

impl Drop for Syncer {
    /// Closing the journal waits for its last syncs.
    fn drop(&mut self) {
        if let Some((sender, handle)) = self.thread.take() {
            drop(sender);
            let _ = handle.join();
        }
    }
}

fn serve(rx: &mpsc::Receiver<Request>, failed: &Mutex<Option<std::io::Error>>) {
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        batch.extend(rx.try_iter());
        serve_batch(batch, failed);
    }
}

fn serve_batch(batch: Vec<Request>, failed: &Mutex<Option<std::io::Error>>) {
    let mut data: Vec<Arc<File>> = Vec::new();
    let mut new: Vec<(Arc<File>, PathBuf)> = Vec::new();
    let mut answers = Vec::new();
    for request in batch {
        match request {
            Request::Data(f) => {
                if !data.iter().any(|g| Arc::ptr_eq(g, &f)) {
                    data.push(f);
                }
            }
            Request::New(f, path) => new.push((f, path)),
            Request::Flush(answer) => answers.push(answer),
        }
    }
    let note = |r: std::io::Result<()>| {
        if let Err(e) = r
            && let Ok(mut slot) = failed.lock()
        {
            slot.get_or_insert(e);
        }
    };
    for (file, path) in &new {
        note(file.sync_all().and_then(|()| sync_dir(path)));
    }
    // A new file synced whole above needs no second sync for the lines it got meanwhile (they
    // were written before their requests were sent).
    for file in data
        .iter()
        .filter(|f| !new.iter().any(|(g, _)| Arc::ptr_eq(f, g)))
    {
        note(file.sync_data());
    }
    for answer in answers {
        let _ = answer.send(());
    }
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
    fn flush_waits_for_the_syncs_and_a_saved_tail_goes_on_in_the_new_file() {
        let dir = tempfile::tempdir().expect("a folder");
        let path = saved_file(dir.path());
        let mut j = Journal::new(&path);
        for i in 1..=50 {
            j.record(&put(i), i).expect("recorded");
        }
        j.flush().expect("synced");
        j.saved(40).expect("saved");
        j.record(&put(51), 51).expect("recorded");
        j.flush().expect("synced");
        let edits = pending(&path).expect("eleven").edits;
        assert_eq!(edits.len(), 11);
        assert_eq!(edits[0], put(41));
        assert_eq!(edits[10], put(51));
        drop(j);
        assert_eq!(pending(&path).expect("kept after closing").count(), 11);
    }

    /// `fsync` of a pipe fails (EINVAL): the failure is reported once, by the next call.
    #[cfg(unix)]
    #[test]
    fn a_failed_sync_is_reported_once() {
        let (_reader, writer) = std::io::pipe().expect("a pipe");
        let file = File::from(std::os::fd::OwnedFd::from(writer));
        let mut syncer = Syncer::default();
        syncer.sync(Arc::new(file));
        syncer.flush();
        assert!(syncer.failure().is_err(), "the failed sync is reported");
        assert!(syncer.failure().is_ok(), "and only once");
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
