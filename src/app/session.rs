//! One open document: the data, where it came from, its undo history and derived indexes.

use std::path::{Path, PathBuf};

use super::clock::Clock;
use super::guard::FileGuard;
use super::history::History;
use super::index::ContactIndex;
use super::insights::Insights;
use super::jobs::{Job, Stopped};
use chrono::NaiveDate;

use super::views::ViewContext;
use crate::model::{Applied, ContactId, Edit, IntegrityError};
use crate::store::{self, Document, Problem, StoreError};

/// Where the data in the window came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The bundled demo data: never written back anywhere; Save asks where.
    Demo,
    /// A new, never saved document.
    Untitled,
    /// A file on disk.
    File(PathBuf),
}

#[derive(Debug)]
pub struct Session {
    pub doc: Document,
    pub origin: Origin,
    pub history: History,
    pub index: ContactIndex,
    pub insights: Insights,
    /// The file's write lock and edit journal (see guard.rs).
    pub guard: FileGuard,
    /// The file as it was read, for the sync watcher (its size, time and hash, and a copy of the
    /// data sharing nothing with this one): made on the loading thread, taken by
    /// `DiskSync::track`, so a big file does not stall the window when it arrives.
    pub opened: Option<SavedCopy>,
    /// The desktop reminder for a day, worked out on the loading thread (see
    /// `ReminderClock::check`).
    pub reminder: Option<(NaiveDate, Option<crate::analytics::reminders::Reminder>)>,
}

impl Session {
    /// A session over `doc`, its analytics computed as of the clock's today. A fixed clock also
    /// stamps the document's edits with its time (tests and snapshots).
    #[must_use]
    pub fn new(doc: Document, origin: Origin, clock: Clock) -> Self {
        Self::new_with(doc, origin, clock, &mut || {})
    }

    /// [`Session::new`], calling `indexed` between building the index and the analytics (the
    /// loading screen's progress).
    #[must_use]
    pub fn new_with(
        mut doc: Document,
        origin: Origin,
        clock: Clock,
        indexed: &mut dyn FnMut(),
    ) -> Self {
        if let Clock::Fixed(at) = clock {
            let mut stamper = doc.data.stamper().clone();
            stamper.fixed_time = Some(at);
            doc.data.set_stamper(stamper);
        }
        let mut index = ContactIndex::default();
        index.refresh(&doc.data);
        indexed();
        let insights = Insights::compute(&doc.data, clock.today());
        Self {
            doc,
            origin,
            history: History::new(),
            index,
            insights,
            guard: FileGuard::default(),
            opened: None,
            reminder: None,
        }
    }

    /// Applies an undoable edit.
    pub fn apply(&mut self, edit: Edit, label: &str) -> Result<Applied, IntegrityError> {
        let copy = self.guard.journaling().then(|| edit.clone());
        let applied = self.history.apply(&mut self.doc.data, edit, label)?;
        if let Some(edit) = copy {
            self.guard.record(&edit, self.history.generation());
        }
        self.index.note(&applied, &self.doc.data);
        self.insights.note(&self.doc.data, &applied);
        self.index.refresh(&self.doc.data);
        Ok(applied)
    }

    /// Undoes the last edit; returns its label.
    pub fn undo(&mut self) -> Option<Result<String, IntegrityError>> {
        let edit = self.history.next_undo().cloned();
        let r = self.history.undo(&mut self.doc.data)?;
        Some(self.after_replay(r, edit))
    }

    /// Redoes the last undone edit; returns its label.
    pub fn redo(&mut self) -> Option<Result<String, IntegrityError>> {
        let edit = self.history.next_redo().cloned();
        let r = self.history.redo(&mut self.doc.data)?;
        Some(self.after_replay(r, edit))
    }

    fn after_replay(
        &mut self,
        r: Result<(String, Applied), IntegrityError>,
        edit: Option<Edit>,
    ) -> Result<String, IntegrityError> {
        let (label, applied) = r?;
        if let Some(edit) = edit {
            self.guard.record(&edit, self.history.generation());
        }
        self.index.note(&applied, &self.doc.data);
        self.insights.note(&self.doc.data, &applied);
        self.index.refresh(&self.doc.data);
        Ok(label)
    }

    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        match &self.origin {
            Origin::File(p) => Some(p),
            _ => None,
        }
    }

    /// The name shown in the title and in messages.
    #[must_use]
    pub fn display_name(&self) -> String {
        match &self.origin {
            Origin::Demo => "Demo data".into(),
            Origin::Untitled => "Untitled".into(),
            Origin::File(p) => p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
        }
    }

    /// The window title: file name, unsaved marker, app name.
    #[must_use]
    pub fn title(&self) -> String {
        let marker = if self.is_dirty() { "*" } else { "" };
        match self.origin {
            Origin::Demo => format!("{marker}Demo data (not saved to any file) — Rapport"),
            _ => format!("{marker}{} — Rapport", self.display_name()),
        }
    }

    /// Starts writing a copy of the document to `path` on a background thread.
    pub fn start_save(&self, path: PathBuf, wake: impl Fn() + Send + Sync + 'static) -> Saving {
        let refused = self
            .guard
            .refuses(&path)
            .map_or_else(|| super::guard::lock_for_save_as(self, &path), Err);
        let lock = match refused {
            Ok(lock) => lock,
            Err(e) => {
                return Saving {
                    path,
                    generation: self.history.generation(),
                    job: Job::spawn("save", wake, move |_| Err(e)),
                    lock: std::cell::RefCell::new(None),
                };
            }
        };
        // A clone shares the data's parts with the open document (see `Dataset`): microseconds.
        let doc = self.doc.clone();
        let thread_path = path.clone();
        let job = Job::spawn("save", wake, move |_| {
            store::save(&doc, &thread_path)?;
            // What the sync watcher needs once the file is written, made here rather than on
            // the UI thread: the file's size, time and hash, and a copy of the data as saved
            // that shares nothing with the open document (the next three-way merge's base).
            Ok(SavedCopy::of(&thread_path, &doc.data))
        });
        Saving {
            path,
            generation: self.history.generation(),
            job,
            lock: std::cell::RefCell::new(lock),
        }
    }

    /// What the pages read of this document, with the selection and the date.
    #[must_use]
    pub fn view_context(&self, selected: Option<ContactId>, today: NaiveDate) -> ViewContext<'_> {
        ViewContext {
            data: &self.doc.data,
            index: &self.index,
            analytics: &self.insights.view,
            plan: &self.insights.plan,
            selected,
            today,
        }
    }

    /// A background save finished well: the document now belongs to that file.
    pub fn saved(&mut self, saving: &Saving) {
        self.origin = Origin::File(saving.path.clone());
        self.history.mark_saved_at(saving.generation);
        self.guard.saved(
            &saving.path,
            saving.generation,
            saving.lock.borrow_mut().take(),
        );
    }
}

/// What a finished save (or a load) hands back to the UI thread for the sync watcher.
#[derive(Debug)]
pub struct SavedCopy {
    /// The written file's size and times (see `disk_sync::FileStamp`).
    pub stamp: Option<super::disk_sync::FileStamp>,
    /// The hash of the written file's bytes.
    pub hash: Option<u64>,
    /// The data as written, sharing nothing with the open document.
    pub data: crate::model::Dataset,
}

impl SavedCopy {
    /// The file at `path` just written or read, holding `data` (slow on a big file: the file is
    /// read and hashed, the data copied; never on the UI thread).
    #[must_use]
    pub fn of(path: &Path, data: &crate::model::Dataset) -> Self {
        Self {
            stamp: super::disk_sync::file_stamp(path),
            hash: super::disk_sync::file_hash(path),
            data: data.detached(),
        }
    }
}

/// A copy of the document being written on a background thread.
#[derive(Debug)]
pub struct Saving {
    pub path: PathBuf,
    generation: u64,
    job: Job<Result<SavedCopy, StoreError>>,
    /// The lock of a new file being saved to (Save As), passed to the session once saved.
    lock: std::cell::RefCell<Option<crate::store::WriteLock>>,
}

impl Saving {
    /// The result, once the thread is done.
    #[must_use]
    pub fn poll(&self) -> Option<Result<SavedCopy, StoreError>> {
        self.job
            .poll()
            .map(|r| r.unwrap_or_else(|Stopped| Err(self.stopped())))
    }

    /// Blocks until the file is written.
    pub fn wait(&self) -> Result<SavedCopy, StoreError> {
        self.job
            .wait()
            .unwrap_or_else(|Stopped| Err(self.stopped()))
    }

    fn stopped(&self) -> StoreError {
        StoreError::new(
            &self.path,
            Problem::Io("saving stopped unexpectedly".into()),
        )
    }
}

/// What opening a file is doing, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadStage {
    /// The file's bytes into memory.
    Reading,
    /// The JSON text into records.
    Parsing,
    /// Every rule: references, ids, merge metadata.
    Checking,
    /// The per-contact history and the search index.
    Indexing,
    /// Strength, tiers and the plan's figures.
    Analysing,
}

impl LoadStage {
    /// What the loading screen says.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            LoadStage::Reading => "Opening...",
            LoadStage::Parsing => "Reading the data...",
            LoadStage::Checking => "Checking the data...",
            LoadStage::Indexing => "Indexing contacts...",
            LoadStage::Analysing => "Computing strength and tiers...",
        }
    }
}

/// Where each stage starts on the loading bar, in thousandths: reading, parsing, checking,
/// indexing and analysing, each given its share of the time measured on the generated 50k/1M
/// file (BENCHMARKS.md, "Loading progress").
const STAGE_AT: [u64; 5] = [0, 50, 325, 430, 800];

/// The bar's position, in thousandths, for a step of the store's load: the reading and the
/// parse move through their stages in proportion to the bytes done.
fn bar_position(step: store::LoadStep) -> u64 {
    let through = |stage: usize, done: u64, total: u64| {
        let width = STAGE_AT[stage + 1] - STAGE_AT[stage];
        STAGE_AT[stage]
            + (done.saturating_mul(width))
                .checked_div(total)
                .unwrap_or(0)
                .min(width)
    };
    match step {
        store::LoadStep::Reading { done, total } => through(0, done, total),
        store::LoadStep::Parsing { done, total } => through(1, done, total),
        store::LoadStep::Checking => STAGE_AT[2],
    }
}

/// A file being read (and indexed) on a background thread.
#[derive(Debug)]
pub struct Loading {
    pub path: PathBuf,
    job: Job<Result<Session, StoreError>>,
}

impl Loading {
    /// Starts reading `path`; `wake` is called on progress and when done (it repaints the UI).
    /// Its analytics are computed as of the clock's today.
    pub fn start(path: PathBuf, clock: Clock, wake: impl Fn() + Send + Sync + 'static) -> Self {
        let thread_path = path.clone();
        let job = Job::spawn("load", wake, move |progress| {
            // Locked before reading, so nobody changes the file between reading and saving.
            let guard = FileGuard::open(&thread_path);
            let at = |stage: usize| progress.set(STAGE_AT[stage], 1000);
            // The UI is woken only when the bar moves (the parse reports about a thousand times).
            let mut shown = None;
            store::load_with_progress(&thread_path, &mut |step| {
                let now = bar_position(step);
                if shown != Some(now) {
                    shown = Some(now);
                    progress.set(now, 1000);
                }
            })
            // Index here too, so the window does not stall when the file arrives; meanwhile a
            // second thread makes what the sync watcher keeps of the file as read.
            .map(|doc| {
                at(3);
                let origin = Origin::File(thread_path.clone());
                let data = doc.data.clone();
                let (mut session, opened) = std::thread::scope(|s| {
                    let opened = s.spawn(|| SavedCopy::of(&thread_path, &data));
                    let session = Session::new_with(doc, origin, clock, &mut || at(4));
                    (session, opened.join().ok())
                });
                session.guard = guard;
                session.opened = opened;
                let day = clock.local_now().date();
                let (data, plan) = (&session.doc.data, &session.insights.plan);
                let reminder = crate::analytics::reminders::due_today(data, plan, day);
                session.reminder = Some((day, reminder));
                progress.set(1000, 1000);
                session
            })
        });
        Self { path, job }
    }

    /// The result, once the thread is done.
    #[must_use]
    pub fn poll(&self) -> Option<Result<Session, StoreError>> {
        self.job
            .poll()
            .map(|r| r.unwrap_or_else(|Stopped| Err(self.stopped())))
    }

    /// Blocks until the file is read (tests and the command line use this).
    pub fn wait(&self) -> Result<Session, StoreError> {
        self.job
            .wait()
            .unwrap_or_else(|Stopped| Err(self.stopped()))
    }

    fn stopped(&self) -> StoreError {
        StoreError::new(
            &self.path,
            Problem::Io("reading stopped unexpectedly".into()),
        )
    }

    /// How far opening the file has come, 0 to 1 (reading and parsing by bytes, then a step at
    /// the start of each later stage), and the stage it is in.
    #[must_use]
    pub fn progress(&self) -> (f32, LoadStage) {
        let (done, total) = self.job.progress();
        if total == 0 {
            return (0.0, LoadStage::Reading);
        }
        let stage = match done {
            d if d >= STAGE_AT[4] => LoadStage::Analysing,
            d if d >= STAGE_AT[3] => LoadStage::Indexing,
            d if d >= STAGE_AT[2] => LoadStage::Checking,
            d if d >= STAGE_AT[1] => LoadStage::Parsing,
            _ => LoadStage::Reading,
        };
        ((done as f64 / total as f64) as f32, stage)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use store::LoadStep;

    #[test]
    fn the_bar_moves_through_reading_and_parsing_and_never_back() {
        let total = 1_000_000;
        let mut steps: Vec<LoadStep> = (0..=10)
            .map(|i| LoadStep::Reading {
                done: total * i / 10,
                total,
            })
            .collect();
        steps.extend((0..=10).map(|i| LoadStep::Parsing {
            done: total * i / 10,
            total,
        }));
        steps.push(LoadStep::Checking);
        let bar: Vec<u64> = steps.into_iter().map(bar_position).collect();
        assert!(bar.windows(2).all(|w| w[0] <= w[1]), "{bar:?}");
        assert_eq!(bar[0], 0);
        assert_eq!(bar[10], STAGE_AT[1], "reading ends where parsing starts");
        assert_eq!(bar[11], STAGE_AT[1]);
        assert_eq!(
            bar[16],
            u64::midpoint(STAGE_AT[1], STAGE_AT[2]),
            "half parsed"
        );
        assert_eq!(bar[21], STAGE_AT[2], "parsing ends where checking starts");
        assert_eq!(bar[22], STAGE_AT[2]);
        assert!(STAGE_AT.windows(2).all(|w| w[0] < w[1]) && STAGE_AT[4] < 1000);
        // An empty file, or a report past the end, stays inside its stage.
        assert_eq!(bar_position(LoadStep::Reading { done: 0, total: 0 }), 0);
        assert_eq!(
            bar_position(LoadStep::Parsing { done: 9, total: 3 }),
            STAGE_AT[2]
        );
    }

    #[test]
    fn loading_goes_through_its_stages_to_a_full_bar() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.json");
        store::save(&Document::new(crate::synth::demo_dataset()), &path).unwrap();
        let stages = [
            LoadStage::Reading,
            LoadStage::Parsing,
            LoadStage::Checking,
            LoadStage::Indexing,
            LoadStage::Analysing,
        ];
        let labels: std::collections::HashSet<&str> = stages.iter().map(|s| s.label()).collect();
        assert_eq!(labels.len(), 5, "each stage says what it does");
        let loading = Loading::start(path, Clock::System, || {});
        let session = loading.wait().unwrap();
        assert_eq!(loading.progress(), (1.0, LoadStage::Analysing));
        assert!(!session.doc.data.contacts().is_empty());
        assert!(
            !session
                .index
                .search()
                .search("a", &mut nucleo_matcher::Matcher::default())
                .is_empty()
        );
    }

    #[test]
    fn a_loaded_file_arrives_with_the_sync_watchers_copy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.json");
        store::save(&Document::new(crate::synth::demo_dataset()), &path).unwrap();
        let session = Loading::start(path.clone(), Clock::System, || {})
            .wait()
            .unwrap();
        let opened = session.opened.expect("made on the loading thread");
        assert_eq!(opened.data, session.doc.data);
        assert_eq!(opened.hash, super::super::disk_sync::file_hash(&path));
        assert_eq!(opened.stamp, super::super::disk_sync::file_stamp(&path));
    }
}
