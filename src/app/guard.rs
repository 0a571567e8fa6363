//! What keeps an open file safe beside the data itself: its write lock (another window or
//! `rapport import` cannot change it meanwhile; a file another window holds opens read-only) and
//! its edit journal (each edit on disk as it is made; after a crash, offered back on the next
//! open). The mechanisms are in `store::lock` and `store::journal`; this file holds the app's
//! use of them and the one small dialog they need.

use std::path::{Path, PathBuf};
use std::time::Duration;

use eframe::egui;
use egui::RichText;

use super::session::Session;
use super::theme;
use crate::model::Edit;
use crate::store::journal::{self, Journal, Pending};
use crate::store::{self, Problem, StoreError, WriteLock};

/// How long opening a file waits for another writer (a running import) before opening it
/// read-only.
const OPEN_WAIT: Duration = Duration::from_millis(800);

/// Why a file is "read-only" for the moment when this window itself holds its lock.
const HELD_HERE: &str = "it is open in this window";

/// The lock and journal of the open file (nothing for demo data and new documents).
#[derive(Debug, Default)]
pub struct FileGuard {
    path: Option<PathBuf>,
    lock: Option<WriteLock>,
    journal: Option<Journal>,
    /// Why the file is read-only here: another program holds its lock.
    pub read_only: Option<String>,
    /// Unsaved edits found from an earlier session, waiting for Recover or Discard.
    pub found: Option<Pending>,
    /// The journal could not be written (a full disk): said once, not at every edit.
    pub journal_error: Option<String>,
}

impl FileGuard {
    /// Takes the lock of `path` before it is read (on the loading thread). When another
    /// program holds it, the file opens read-only. Edits left by a crashed session are found.
    #[must_use]
    pub fn open(path: &Path) -> Self {
        let mut guard = Self {
            path: Some(path.to_path_buf()),
            ..Self::default()
        };
        if store::holder(path).is_some_and(|h| h == store::Holder::me(store::APP_PROGRAM)) {
            // This window holds it already (the file is opened again): see `take_over`.
            guard.read_only = Some(HELD_HERE.to_owned());
            return guard;
        }
        match store::lock(path, store::APP_PROGRAM, OPEN_WAIT) {
            Ok(lock) => {
                guard.found = journal::pending(path).filter(|p| p.count() > 0);
                guard.journal = Some(Journal::new(path));
                guard.lock = Some(lock);
            }
            Err(e) => guard.read_only = Some(e.problem.to_string()),
        }
        guard
    }

    /// The document replacing `old`'s is the same file opened again: the lock passes to it, and
    /// the old document's journal goes (its edits were saved or discarded when asked).
    pub fn take_over(&mut self, old: &mut FileGuard) {
        if self.read_only.as_deref() != Some(HELD_HERE) || self.path != old.path {
            return;
        }
        if let Some(j) = &mut old.journal {
            let _ = j.discard();
        }
        self.read_only = None;
        self.lock = old.lock.take();
        self.journal = self.path.as_deref().map(Journal::new);
    }

    /// Whether edits are being journaled (so the caller keeps a copy of each).
    #[must_use]
    pub fn journaling(&self) -> bool {
        self.journal.is_some()
    }

    /// Journals an edit just applied as change number `generation`.
    pub fn record(&mut self, edit: &Edit, generation: u64) {
        if let Some(j) = &mut self.journal
            && let Err(e) = j.record(edit, generation)
            && self.journal_error.is_none()
        {
            self.journal_error = Some(not_kept(&e));
        }
    }

    /// A background sync of the journal failed since the last look (said like a failed write).
    pub fn poll_sync(&mut self) {
        if let Some(j) = &mut self.journal
            && let Err(e) = j.sync_failure()
            && self.journal_error.is_none()
        {
            self.journal_error = Some(not_kept(&e));
        }
    }

    /// Saving over `path` is refused when another program holds it.
    #[must_use]
    pub fn refuses(&self, path: &Path) -> Option<StoreError> {
        let mine = self.path.as_deref() == Some(path);
        (mine && self.read_only.is_some())
            .then(|| StoreError::new(path, Problem::Locked(store::holder(path))))
    }

    /// A save of everything up to `generation` to `path` finished. Saved over its own file, the
    /// journal keeps only later edits; saved elsewhere (Save As), the guard moves to that file.
    pub fn saved(&mut self, path: &Path, generation: u64, lock: Option<WriteLock>) {
        if self.path.as_deref() == Some(path) && self.read_only.is_none() {
            if let Some(j) = &mut self.journal
                && let Err(e) = j.saved(generation)
            {
                self.journal_error = Some(format!("The edit journal could not be cleared ({e})"));
            }
            return;
        }
        // The edits in the old file's journal are saved, in the new file.
        if let Some(j) = &mut self.journal {
            let _ = j.discard();
        }
        *self = Self {
            path: Some(path.to_path_buf()),
            journal: Some(Journal::new(path)),
            lock,
            ..Self::default()
        };
    }
}

/// What is said when the journal cannot be written or synced.
fn not_kept(e: &std::io::Error) -> String {
    format!("Edits can no longer be kept safe against a crash until you save ({e})")
}

/// The lock for saving to `path` under another name than the open file's (Save As); refused
/// when another program holds it.
pub fn lock_for_save_as(session: &Session, path: &Path) -> Result<Option<WriteLock>, StoreError> {
    if session.guard.path.as_deref() == Some(path) {
        return Ok(None);
    }
    store::lock(path, store::APP_PROGRAM, Duration::ZERO).map(Some)
}

/// Applies the recovered edits as undoable steps and journals them again against the file as
/// it is now. Returns how many applied and how many no longer fit.
pub fn recover(session: &mut Session) -> (usize, usize) {
    let Some(found) = session.guard.found.take() else {
        return (0, 0);
    };
    let journal = session.guard.journal.take();
    let mut kept = Vec::new();
    for edit in &found.edits {
        if session.apply(edit.clone(), "Recovered edit").is_ok() {
            kept.push((session.history.generation(), edit));
        }
    }
    let failed = found.count() - kept.len();
    session.guard.journal = match (&session.guard.path, journal) {
        (Some(path), Some(_)) => match Journal::restart(path, &kept) {
            Ok(j) => Some(j),
            Err(e) => {
                session.guard.journal_error = Some(format!(
                    "The recovered edits are open but could not be kept safe against a crash \
                     until you save ({e})"
                ));
                Some(Journal::new(path))
            }
        },
        (_, journal) => journal,
    };
    (kept.len(), failed)
}

/// Drops the edits found from an earlier session.
pub fn discard(session: &mut Session) {
    session.guard.found = None;
    if let Some(j) = &mut session.guard.journal {
        let _ = j.discard();
    }
}

/// The answer to the recovery dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Recover,
    Discard,
}

/// "Recover unsaved edits?" while edits from an earlier session wait; `None` until answered.
pub fn recovery_ui(ctx: &egui::Context, name: &str, found: &Pending) -> Option<Answer> {
    let mut answer = None;
    let last = found.last.with_timezone(&chrono::Local);
    egui::Modal::new(egui::Id::unique("recover-journal")).show(ctx, |ui| {
        ui.set_max_width(440.0);
        ui.heading("Recover unsaved edits?");
        ui.add_space(theme::GAP_S);
        let count = found.count();
        let edits = if count == 1 { "edit" } else { "edits" };
        ui.label(format!(
            "Rapport was closed without saving {count} {edits} to {name}; the last was made at \
             {}.",
            last.format("%H:%M on %-d %B %Y")
        ));
        if found.base_changed {
            ui.label(
                "The file has been changed by another program since, so some of them may no \
                 longer apply.",
            );
        }
        ui.add_space(theme::GAP_M);
        ui.horizontal(|ui| {
            if ui.button(RichText::new("Recover").strong()).clicked() {
                answer = Some(Answer::Recover);
            }
            if ui.button("Discard").clicked() {
                answer = Some(Answer::Discard);
            }
        });
    });
    answer
}

impl super::RapportApp {
    /// The recovery dialog while edits from a crashed session wait, and a journal error once.
    pub(super) fn guard_ui(&mut self, ctx: &egui::Context) {
        self.session.guard.poll_sync();
        if let Some(message) = self.session.guard.journal_error.take() {
            self.warn(message);
        }
        let Some(found) = &self.session.guard.found else {
            return;
        };
        match recovery_ui(ctx, &self.session.display_name(), found) {
            Some(Answer::Recover) => {
                let (applied, failed) = recover(&mut self.session);
                self.list.invalidate();
                self.charts.invalidate();
                self.transfer.duplicates.invalidate();
                let edits = if applied == 1 { "edit" } else { "edits" };
                if failed == 0 {
                    self.notify(format!("Recovered {applied} {edits}; save to keep them"));
                } else {
                    self.warn(format!(
                        "Recovered {applied} {edits}; {failed} no longer fit the file and were left out"
                    ));
                }
            }
            Some(Answer::Discard) => discard(&mut self.session),
            None => {}
        }
    }
}
