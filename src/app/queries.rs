//! What tests, benchmarks and the shell may read of the app, and the hooks they drive it with.

use eframe::egui;

use std::path::Path;

use super::commands::Command;
use super::prefs::Prefs;
use super::session::Origin;
use super::views::Page;
use super::views::charts::ChartsState;
use super::{RapportApp, insights};
use crate::model::{ContactId, Dataset};

impl RapportApp {
    /// The data on screen.
    #[must_use]
    pub fn data(&self) -> &Dataset {
        &self.session.doc.data
    }

    /// The analytics of the open document, current after every edit.
    #[must_use]
    pub fn insights(&self) -> &insights::Insights {
        &self.session.insights
    }

    /// Whether there are unsaved changes.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.session.is_dirty()
    }

    /// The window title.
    #[must_use]
    pub fn title(&self) -> String {
        self.session.title()
    }

    /// The file the data belongs to, if any.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.session.path()
    }

    /// Whether View > Desktop reminders is ticked.
    #[must_use]
    pub fn reminders_on(&self) -> bool {
        !self.prefs.reminders_off
    }

    /// Whether the data is the bundled demo.
    #[must_use]
    pub fn is_demo(&self) -> bool {
        self.session.origin == Origin::Demo
    }

    #[must_use]
    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    #[must_use]
    pub fn page(&self) -> Page {
        self.page
    }

    #[must_use]
    pub fn selected(&self) -> Option<ContactId> {
        self.selected
    }

    /// The charts page's state (tests read where a dot was drawn).
    #[must_use]
    pub fn charts(&self) -> &ChartsState {
        &self.charts
    }

    /// The charts page's state, to pick a chart or a filter.
    pub fn charts_mut(&mut self) -> &mut ChartsState {
        &mut self.charts
    }

    /// Applies a command as if a view had pushed it (benchmarks and tests drive the app this
    /// way when a pointer path would only add noise).
    pub fn run_command(&mut self, ctx: &egui::Context, cmd: Command) {
        self.apply(ctx, cmd);
    }

    /// The text in the contact search.
    #[must_use]
    pub fn search_text(&self) -> &str {
        &self.list.query.search
    }

    /// The contacts in the list, in the order shown (as of the last frame).
    #[must_use]
    pub fn list_rows(&self) -> &[ContactId] {
        self.list.rows()
    }

    /// Whether a file is being read or written in the background.
    #[must_use]
    pub fn is_busy(&self) -> bool {
        self.loading.is_some()
            || self.saving.is_some()
            || self.startup_file.is_some()
            || self.transfer.is_busy()
    }

    /// Waits for background loading and saving to finish and takes their results (tests use
    /// this instead of waiting for frames).
    pub fn finish_background_work(&mut self, ctx: &egui::Context) {
        if let Some(path) = self.startup_file.take() {
            self.open_now(ctx, path, true);
        }
        if let Some(l) = self.loading.take() {
            let result = l.wait();
            self.loaded(&l.path, result);
        }
        if let Some((s, after)) = self.saving.take() {
            let result = s.wait();
            self.saved(ctx, &s, result, after);
        }
        self.poll_transfer(ctx, true);
        self.wait_for_capture();
        self.wait_for_carddav();
    }
}
