//! Settings > Accounts in the app: a CardDAV sync on a background [`Job`], never on the UI
//! thread. The job works on a copy of the data; its result is applied as one undoable edit
//! ("CardDAV sync") with a toast, and the account's new state (links, ETags, sync token) goes
//! into the open document, saved with it. If the data changed while the job ran, nothing is
//! applied (the server's side is safe to redo) and the person is asked to sync again.

use eframe::egui;

use super::jobs::Job;
use super::modal::Modal;
use super::views::accounts::{AccountForm, AccountStatus};
use super::{RapportApp, views};
use crate::carddav::{self, Account, Outcome, Request};

type SyncResult = Result<(Outcome, Option<String>), String>;

/// The running sync, and what the last one said.
#[derive(Default)]
pub(super) struct CarddavSync {
    job: Option<(Job<SyncResult>, u64)>,
    last: Option<String>,
}

impl CarddavSync {
    pub(super) fn is_running(&self) -> bool {
        self.job.is_some()
    }
}

/// The sync as the job runs it: with the password typed, or else the one kept; a typed one goes
/// into the keyring once the server accepted it.
fn run(
    data: &crate::model::Dataset,
    saved: Option<&Account>,
    mut req: Request,
    clock: super::clock::Clock,
) -> SyncResult {
    let typed = !req.password.is_empty();
    if !typed {
        req.password = carddav::password_for(&req.url, &req.user)?;
    }
    let outcome = carddav::sync(data, saved, &req, clock.now())?;
    // Kept only once the server accepted it.
    let note = typed
        .then(|| carddav::secret::set(&req.url, &req.user, &req.password).err())
        .flatten()
        .map(|e| format!("The password was used but not kept: {e}."));
    Ok((outcome, note))
}

impl RapportApp {
    pub(super) fn open_accounts(&mut self) {
        let account = Account::from_extra(&self.session.doc.extra);
        self.modal = Some(Modal::Accounts(Box::new(AccountForm::new(
            account.as_ref(),
        ))));
    }

    pub(super) fn accounts_modal_ui(
        ctx: &egui::Context,
        form: &mut AccountForm,
        extra: &serde_json::Map<String, serde_json::Value>,
        sync: &CarddavSync,
        cmds: &mut Vec<super::commands::Command>,
    ) {
        let account = Account::from_extra(extra);
        let status = AccountStatus {
            account: account.as_ref(),
            syncing: sync.is_running(),
            last: sync.last.as_deref(),
        };
        views::accounts::accounts_ui(ctx, form, &status, cmds);
    }

    pub(super) fn start_carddav_sync(&mut self, ctx: &egui::Context, req: Request) {
        if self.carddav.is_running() {
            return;
        }
        let data = self.session.doc.data.clone();
        let saved = Account::from_extra(&self.session.doc.extra);
        let revision = data.revision();
        let wake = {
            let ctx = ctx.clone();
            move || ctx.request_repaint()
        };
        self.carddav.last = None;
        let clock = self.clock;
        let job = Job::spawn("carddav", wake, move |_| {
            run(&data, saved.as_ref(), req, clock)
        });
        self.carddav.job = Some((job, revision));
    }

    /// Waits for a running sync and applies its result (tests, and the shell's hooks).
    pub(super) fn wait_for_carddav(&mut self) {
        if let Some((job, _)) = &self.carddav.job {
            let result = job.wait();
            self.carddav_done(result);
        }
    }

    pub(super) fn poll_carddav(&mut self) {
        let Some((job, _)) = &self.carddav.job else {
            return;
        };
        let Some(result) = job.poll() else {
            return;
        };
        self.carddav_done(result);
    }

    fn carddav_done(&mut self, result: Result<SyncResult, super::jobs::Stopped>) {
        let Some((_, revision)) = self.carddav.job.take() else {
            return;
        };
        let result = result.unwrap_or_else(|_| Err("the sync stopped unexpectedly".to_owned()));
        match result {
            Err(e) => {
                let text = format!("The sync failed: {e}. Nothing here was changed.");
                self.carddav.last = Some(text.clone());
                self.warn(text)
                    .duration(Some(std::time::Duration::from_secs(10)));
            }
            Ok(_) if self.session.doc.data.revision() != revision => {
                let text = "The data changed while the sync ran, so nothing was applied here. \
                            Sync again."
                    .to_owned();
                self.carddav.last = Some(text.clone());
                self.warn(text);
            }
            Ok((outcome, note)) => {
                let report = outcome.report;
                if let Some(edit) = outcome.edit
                    && !self.apply_edit(edit, "CardDAV sync")
                {
                    self.carddav.last = Some("The sync's result could not be applied.".to_owned());
                    return;
                }
                let before = Account::from_extra(&self.session.doc.extra);
                if before.as_ref() != Some(&outcome.account) {
                    outcome.account.store(&mut self.session.doc.extra);
                    self.session.history.mark_unsaved();
                }
                let mut text = format!("Synced contacts: {}.", report.summary());
                if let Some(n) = note {
                    text.push(' ');
                    text.push_str(&n);
                }
                self.carddav.last = Some(text.clone());
                if report.notes.is_empty() {
                    self.notify(text);
                } else {
                    let details: Vec<&str> =
                        report.notes.iter().take(5).map(String::as_str).collect();
                    self.warn(format!("{text}\n{}", details.join("\n")))
                        .duration(Some(std::time::Duration::from_secs(30)));
                }
            }
        }
    }
}
