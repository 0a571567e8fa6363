//! The open file in a synced folder: the app watches it (notify), tells its own writes from
//! another device's by a hash of the content, and merges what came in (three-way, against the
//! version it last read or wrote) as one undoable step with a toast, before any save and when
//! the file changes. Conflict copies a sync tool left beside the file are merged the same way
//! on open and on change, then moved into `NAME.merged-copies/`. See docs/SYNC.md.

use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use eframe::egui;

use super::RapportApp;
use super::session::{SavedCopy, Session};
use crate::model::Dataset;
use crate::store;
use crate::sync::{self, conflicts};

/// What the app knows about its file on disk.
#[derive(Default)]
pub struct DiskSync {
    /// The file being tracked.
    path: Option<PathBuf>,
    /// The data as last read from or written to the file: the base of a three-way merge.
    base: Option<Dataset>,
    /// The hash of the file's bytes as last read or written here.
    hash: Option<u64>,
    /// The file's size and times then ([`FileStamp`]): while they are the same the file is not
    /// read again (reading and hashing 300 MB would hold the window for a third of a second).
    stamp: Option<FileStamp>,
    watching: Option<PathBuf>,
    watcher: Option<notify::RecommendedWatcher>,
    events: Option<mpsc::Receiver<()>>,
    /// Conflict copies are looked for once after opening.
    copies_checked: bool,
}

fn hash_of(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

pub(super) fn file_hash(path: &Path) -> Option<u64> {
    std::fs::read(path).ok().map(|b| hash_of(&b))
}

/// A file's size and modification time and, on Unix, its inode and change time (which a sync
/// tool replacing the file cannot carry over from the other device, as it can the modification
/// time).
pub(super) type FileStamp = (u64, Option<std::time::SystemTime>, (u64, i64, i64));

pub(super) fn file_stamp(path: &Path) -> Option<FileStamp> {
    std::fs::metadata(path)
        .ok()
        .map(|m| (m.len(), m.modified().ok(), changed(&m)))
}

#[cfg(unix)]
fn changed(m: &std::fs::Metadata) -> (u64, i64, i64) {
    use std::os::unix::fs::MetadataExt as _;
    (m.ino(), m.ctime(), m.ctime_nsec())
}

#[cfg(not(unix))]
fn changed(_: &std::fs::Metadata) -> (u64, i64, i64) {
    (0, 0, 0)
}

impl DiskSync {
    /// A new document was opened (or created): remember its file and data as the base.
    /// The loading thread made the copy and measured the file (`Session::opened`); otherwise
    /// (a document that was not read from its file) it is made here.
    pub fn track(&mut self, session: &mut Session) {
        self.path = session.path().map(Path::to_path_buf);
        let copy = match self.path.as_deref() {
            Some(path) => Some(
                session
                    .opened
                    .take()
                    .unwrap_or_else(|| SavedCopy::of(path, &session.doc.data)),
            ),
            None => {
                session.opened = None;
                None
            }
        };
        self.keep(copy);
        self.copies_checked = false;
    }

    /// The save finished well: what is on disk now is ours (the save's thread measured the file
    /// and copied the data as saved).
    pub fn saved(&mut self, path: &Path, copy: SavedCopy) {
        self.path = Some(path.to_path_buf());
        self.keep(Some(copy));
    }

    /// Takes `copy` (the file as just read or written) as what is on disk and the merge base;
    /// `None` forgets both.
    fn keep(&mut self, copy: Option<SavedCopy>) {
        let (stamp, hash, data) = match copy {
            Some(c) => (c.stamp, c.hash, Some(c.data)),
            None => (None, None, None),
        };
        self.stamp = stamp;
        self.hash = hash;
        // Freeing a million interactions takes tens of milliseconds: not on the UI thread.
        if let Some(old) = std::mem::replace(&mut self.base, data) {
            std::thread::spawn(move || drop(old));
        }
    }

    fn ensure_watcher(&mut self, ctx: &egui::Context) {
        if self.watching == self.path {
            return;
        }
        self.watcher = None;
        self.events = None;
        self.watching.clone_from(&self.path);
        let Some(dir) = self.path.as_deref().and_then(Path::parent) else {
            return;
        };
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let Some(name) = self
            .path
            .as_deref()
            .and_then(Path::file_name)
            .and_then(|n| n.to_str())
            .map(str::to_owned)
        else {
            return;
        };
        let (tx, rx) = mpsc::channel();
        let ctx = ctx.clone();
        // Only the file itself and its conflict copies matter (not temporary files or backups).
        let handler = move |event: notify::Result<notify::Event>| {
            let relevant = event.is_ok_and(|e| {
                !e.kind.is_access()
                    && e.paths.iter().any(|p| {
                        p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                            n == name || conflicts::conflict_tool(&name, n).is_some()
                        })
                    })
            });
            if relevant {
                let _ = tx.send(());
                ctx.request_repaint();
            }
        };
        if let Ok(mut w) = notify::recommended_watcher(handler) {
            use notify::Watcher as _;
            if w.watch(dir, notify::RecursiveMode::NonRecursive).is_ok() {
                self.watcher = Some(w);
                self.events = Some(rx);
            }
        }
    }

    /// Whether the watcher reported anything since the last call.
    fn changed(&self) -> bool {
        let mut any = false;
        if let Some(rx) = &self.events {
            while rx.try_recv().is_ok() {
                any = true;
            }
        }
        any
    }
}

impl RapportApp {
    /// Every frame: start watching a newly opened file, look for conflict copies once, and merge
    /// when the file or a conflict copy changed. Not while a file is being read or written, nor
    /// while a dialog is open (an editor's draft was made from the data as it was).
    pub(super) fn poll_disk(&mut self, ctx: &egui::Context) {
        if self.disk.path.as_deref() != self.session.path() {
            self.disk.track(&mut self.session);
        }
        self.disk.ensure_watcher(ctx);
        if self.loading.is_some() || self.saving.is_some() || self.modal.is_some() {
            return;
        }
        let first = !self.disk.copies_checked;
        self.disk.copies_checked = true;
        let changed = self.disk.changed();
        if changed {
            self.merge_from_disk();
        }
        if changed || first {
            self.merge_conflict_copies();
        }
    }

    /// Before a save to the open file: merge what another device wrote there since it was read.
    /// When the file cannot be read as a Rapport file the save goes on and the store's own
    /// checks decide (a newer version is never overwritten).
    pub(super) fn merge_before_save(&mut self, path: &Path) {
        if self.session.path() == Some(path) {
            self.merge_from_disk();
        }
    }

    /// Merges the file on disk into the open data if it changed since it was read or written
    /// here.
    pub(super) fn merge_from_disk(&mut self) -> bool {
        let Some(path) = self.disk.path.clone() else {
            return true;
        };
        let stamp = file_stamp(&path);
        if self.disk.hash.is_some() && stamp.is_some() && stamp == self.disk.stamp {
            return true;
        }
        let Ok(bytes) = std::fs::read(&path) else {
            return true;
        };
        let hash = hash_of(&bytes);
        if Some(hash) == self.disk.hash {
            self.disk.stamp = stamp;
            return true;
        }
        let theirs = match store::load_bytes(&path, &bytes) {
            Ok(doc) => doc,
            Err(e) => {
                // Half-written by a sync tool, or broken: try again on the next change.
                self.warn(format!(
                    "{} changed on disk but cannot be read yet: {e}",
                    path.display()
                ));
                return false;
            }
        };
        if theirs.newer_version().is_some() {
            self.warn(format!(
                "{} was changed by a newer Rapport; it is not merged",
                path.display()
            ));
            return false;
        }
        let name = self.session.display_name();
        let base = self.disk.base.take();
        let was_dirty = self.session.is_dirty();
        if self.merge_in(&theirs.data, base.as_ref(), &format!("changes to {name}")) {
            self.disk.hash = Some(hash);
            self.disk.stamp = stamp;
            if !was_dirty && self.session.doc.data == theirs.data {
                // Nothing of ours was unsaved: what is open is what is on disk.
                self.session.history.mark_saved();
            }
            self.disk.base = Some(theirs.data);
        } else {
            self.disk.base = base;
        }
        true
    }

    /// Merges `theirs` into the open data as one undoable step and says what came in. Returns
    /// whether the merge could be made.
    fn merge_in(&mut self, theirs: &Dataset, base: Option<&Dataset>, what: &str) -> bool {
        let mine = &self.session.doc.data;
        let merged = match sync::merge(mine, theirs, base, self.clock.now()) {
            Ok(m) => m,
            Err(e) => {
                self.show_error("Could not merge", format!("Merging {what} failed: {e}"));
                return false;
            }
        };
        let summary = merged.report.summary();
        let conflicts = merged.report.conflicts.len();
        if let Some(edit) = sync::edit_towards(mine, &merged.data) {
            let label = format!("Merge {what}");
            if !self.apply_edit(edit, &label) {
                return false;
            }
        }
        self.session
            .doc
            .data
            .set_sync_meta(merged.data.sync_meta().clone());
        if !merged.report.is_empty() {
            let toast = format!("Merged {what}: {summary}");
            if conflicts > 0 {
                // The values that lost are shown, long enough to read.
                let mut details: Vec<String> = merged
                    .report
                    .conflicts
                    .iter()
                    .take(5)
                    .map(crate::sync::Conflict::describe)
                    .collect();
                if conflicts > 5 {
                    details.push(format!("and {} more conflicts", conflicts - 5));
                }
                self.warn(format!("{toast}.\n{}", details.join("\n")))
                    .duration(Some(std::time::Duration::from_secs(30)));
            } else {
                self.notify(toast);
            }
        }
        true
    }

    /// Merges the conflict copies beside the open file and moves them into its backup folder.
    fn merge_conflict_copies(&mut self) {
        let Some(path) = self.session.path().map(Path::to_path_buf) else {
            return;
        };
        for (copy, tool) in conflicts::conflict_copies(&path) {
            let doc = match store::load(&copy) {
                Ok(doc) if doc.newer_version().is_none() => doc,
                // A copy this build cannot merge stays where it is, for the person to look at.
                _ => continue,
            };
            let name = copy
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if self.merge_in(
                &doc.data,
                None,
                &format!("{} conflict copy {name}", tool.name()),
            ) && let Err(e) = conflicts::move_to_backup(&path, &copy)
            {
                self.warn(format!("Merged {name}, but could not move it away: {e}"));
            }
        }
    }
}
