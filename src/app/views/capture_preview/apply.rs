//! What the app does for the capture preview: opens it, applies its plan as one undo step (or
//! plans again when the data changed), and keeps who the user is.

use std::path::PathBuf;

use eframe::egui;

use super::{CapturePreview, Outcome, State};
use crate::app::{Modal, RapportApp};
use crate::formats::Format;
use crate::formats::capture::CapturePlan;
use crate::model::Edit;

impl RapportApp {
    /// File > Import... with a capture source: the capture preview instead of the contact one.
    pub(crate) fn start_capture(
        &mut self,
        ctx: &egui::Context,
        path: PathBuf,
        format: Option<Format>,
    ) {
        let me = self.session.doc.data.settings().me.clone();
        self.modal = Some(Modal::Capture(Box::new(CapturePreview::start(
            ctx, path, format, &me,
        ))));
    }

    /// What the capture preview asked for.
    pub(crate) fn capture_outcome(&mut self, ctx: &egui::Context, outcome: Outcome) {
        match outcome {
            Outcome::Import(plan) => {
                let Some(Modal::Capture(p)) = &mut self.modal else {
                    return;
                };
                let name = p.name();
                if plan.is_stale(&self.session.doc.data) {
                    // The data changed since the preview: plan again and show it.
                    if let State::Ready(r) = &mut p.state {
                        r.plan = CapturePlan::new(&self.session.doc.data, &r.capture, &r.options);
                    }
                    return;
                }
                let (n, people) = (plan.interactions.len(), plan.new_contacts.len());
                self.modal = None;
                if self.apply_edit(plan.to_edit(), &format!("import {name}")) {
                    self.notify(format!(
                        "Imported {name}: {n} interactions, {people} new people. Undo with Ctrl+Z"
                    ))
                    .duration(Some(std::time::Duration::from_secs(5)));
                }
            }
            Outcome::SetMe(me) => {
                let mut settings = self.session.doc.data.settings().clone();
                settings.me = me;
                if self.apply_edit(Edit::SetSettings(settings), "set who you are") {
                    let me = self.session.doc.data.settings().me.clone();
                    if let Some(Modal::Capture(p)) = &mut self.modal {
                        p.read(ctx, &me);
                    }
                }
            }
        }
    }

    /// Waits for a capture preview's background read (tests).
    pub fn wait_for_capture(&mut self) {
        let data = self.session.doc.data.clone();
        if let Some(Modal::Capture(p)) = &mut self.modal {
            p.wait(&data);
        }
    }
}
