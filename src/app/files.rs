//! File flows: the unsaved-changes guard, New, Open (native dialog, typed path, recent, dropped
//! file), background loading, Save and Save As. Errors are shown once, naming the file.

use eframe::egui;

use std::path::{Path, PathBuf};

use super::dialogs::FileRequest;
use super::session::{Loading, Origin, Saving, Session};
use super::{After, Modal, PathPurpose, RapportApp};
use crate::store::Document;

impl RapportApp {
    /// Runs `after` now, or first asks Save / Discard / Cancel when there are unsaved changes.
    pub(super) fn guard(&mut self, ctx: &egui::Context, after: After) {
        if self.session.is_dirty() {
            self.modal = Some(Modal::Unsaved(after));
        } else {
            self.run_after(ctx, after);
        }
    }

    pub(super) fn run_after(&mut self, ctx: &egui::Context, after: After) {
        match after {
            After::NewFile => {
                self.replace_session(Session::new(
                    Document::default(),
                    Origin::Untitled,
                    self.clock,
                ));
                self.notify("New file: add your first contact");
            }
            After::PickOpen => {
                let dir = self.start_dir();
                if let Some(p) = self.ask_path(
                    &FileRequest::open_data(dir.as_deref()),
                    "Open a Rapport file",
                    PathPurpose::Open,
                ) {
                    self.open_now(ctx, p, false);
                }
            }
            After::OpenPath(p) => self.open_now(ctx, p, false),
            After::Quit => {
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Starts reading `path` on a background thread; the current data stays until it succeeds.
    /// With `create`, a missing file starts an empty document that will be saved there
    /// (`rapport new.json`).
    pub(super) fn open_now(&mut self, ctx: &egui::Context, path: PathBuf, create: bool) {
        if self.loading.is_some() {
            self.warn("Another file is still opening; try again when it is done");
            return;
        }
        if create && !path.exists() {
            self.replace_session(Session::new(
                Document::default(),
                Origin::File(path.clone()),
                self.clock,
            ));
            self.notify(format!(
                "{} does not exist yet; it is created when you save",
                path.display()
            ));
            return;
        }
        let wake_ctx = ctx.clone();
        self.loading = Some(Loading::start(path, self.clock, move || {
            wake_ctx.request_repaint();
        }));
    }

    /// While a file opens, letters typed are kept (Backspace takes one back); once it is open
    /// they become the contact search. Read before the loading is polled, so a file that
    /// arrives in this very frame still gets them.
    pub(super) fn keep_typing_while_loading(&mut self, ctx: &egui::Context) {
        if self.loading.is_none() || self.modal.is_some() {
            return;
        }
        ctx.input(|i| {
            for e in &i.events {
                match e {
                    egui::Event::Text(t) => self
                        .typed_while_loading
                        .extend(t.chars().filter(|c| !c.is_control())),
                    egui::Event::Key {
                        key: egui::Key::Backspace,
                        pressed: true,
                        ..
                    } => {
                        self.typed_while_loading.pop();
                    }
                    _ => {}
                }
            }
        });
    }

    pub(super) fn poll_loading(&mut self, ctx: &egui::Context) {
        let Some(l) = &self.loading else { return };
        match l.poll() {
            Some(result) => {
                if let Some(l) = self.loading.take() {
                    self.loaded(&l.path, result);
                }
            }
            None => ctx.request_repaint_after(std::time::Duration::from_millis(100)),
        }
    }

    pub(super) fn loaded(
        &mut self,
        path: &Path,
        result: Result<Session, crate::store::StoreError>,
    ) {
        match result {
            Ok(mut session) => {
                session.guard.take_over(&mut self.session.guard);
                let held = session.guard.read_only.clone();
                let newer = session.doc.newer_version();
                let contacts = session.doc.data.contacts().len();
                self.replace_session(session);
                self.prefs.add_recent(path);
                let typed = std::mem::take(&mut self.typed_while_loading);
                if !typed.trim().is_empty() {
                    self.list.query.search = typed;
                    self.list.focus_search = true;
                    self.page = super::views::Page::Contacts;
                }
                if let Some(reason) = held {
                    self.show_error(
                        "Opened read-only",
                        format!(
                            "{}: {reason}. You can look at it here, but Save will not overwrite \
                             it; use Save As to keep a copy.",
                            path.display()
                        ),
                    );
                } else if newer.is_some() {
                    self.show_error(
                        "Opened read-only",
                        format!(
                            "{} was written by a newer Rapport. You can look at it, but Save \
                             will not overwrite it; use Save As to keep a copy.",
                            path.display()
                        ),
                    );
                } else {
                    self.notify(format!(
                        "Opened {} ({contacts} contacts)",
                        self.session.display_name()
                    ));
                }
            }
            Err(e) => {
                self.typed_while_loading.clear();
                self.show_error("Could not open the file", e.to_string());
            }
        }
    }

    /// Save: to the current file, or ask where (demo data and new documents).
    pub(super) fn save(&mut self, ctx: &egui::Context, after: Option<After>) {
        match self.session.path().map(Path::to_path_buf) {
            Some(p) => self.save_to(ctx, &p, after),
            None => self.save_as(ctx, after),
        }
    }

    pub(super) fn save_as(&mut self, ctx: &egui::Context, after: Option<After>) {
        let dir = self.start_dir();
        let name = match &self.session.origin {
            Origin::File(p) => p.file_name().map_or_else(
                || "rapport.json".into(),
                |n| n.to_string_lossy().into_owned(),
            ),
            _ => "rapport.json".into(),
        };
        if let Some(p) = self.ask_path(
            &FileRequest::save_data(dir.as_deref(), &name),
            "Save as",
            PathPurpose::SaveAs(after.clone()),
        ) {
            self.save_to(ctx, &with_json_extension(p), after);
        }
    }

    /// Writes a copy of the data to `path` on a background thread; `after` runs once it is
    /// safely written.
    pub(super) fn save_to(&mut self, ctx: &egui::Context, path: &Path, after: Option<After>) {
        if self.saving.is_some() {
            self.warn("Still saving; try again in a moment");
            return;
        }
        // Another device's changes to this file are merged in first, never overwritten.
        self.merge_before_save(path);
        let wake_ctx = ctx.clone();
        let saving = self
            .session
            .start_save(path.to_path_buf(), move || wake_ctx.request_repaint());
        self.saving = Some((saving, after));
    }

    pub(super) fn poll_saving(&mut self, ctx: &egui::Context) {
        let Some((s, _)) = &self.saving else { return };
        match s.poll() {
            Some(result) => {
                if let Some((saving, after)) = self.saving.take() {
                    self.saved(ctx, &saving, result, after);
                }
            }
            None => ctx.request_repaint_after(std::time::Duration::from_millis(100)),
        }
    }

    pub(super) fn saved(
        &mut self,
        ctx: &egui::Context,
        saving: &Saving,
        result: Result<super::session::SavedCopy, crate::store::StoreError>,
        after: Option<After>,
    ) {
        match result {
            Ok(copy) => {
                self.session.saved(saving);
                self.disk.saved(&saving.path, copy);
                self.prefs.add_recent(&saving.path);
                self.notify(format!("Saved {}", self.session.display_name()));
                if let Some(after) = after {
                    self.run_after(ctx, after);
                }
            }
            Err(e) => self.show_error("Could not save", e.to_string()),
        }
    }

    /// Where dialogs start: the folder used last, else the current file's folder, else the
    /// most recent file's, else the home folder.
    pub(super) fn start_dir(&self) -> Option<PathBuf> {
        self.prefs
            .last_dir
            .clone()
            .filter(|d| d.is_dir())
            .or_else(|| {
                self.session
                    .path()
                    .or_else(|| self.prefs.recent.first().map(PathBuf::as_path))
                    .and_then(Path::parent)
                    .filter(|d| !d.as_os_str().is_empty())
                    .map(Path::to_path_buf)
            })
            .or_else(super::dialogs::home_dir)
    }
}

/// A saved data file always ends in `.json` so it can be found and opened again.
fn with_json_extension(p: PathBuf) -> PathBuf {
    if p.extension().is_some() {
        p
    } else {
        p.with_extension("json")
    }
}
