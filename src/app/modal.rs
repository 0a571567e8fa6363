//! The dialog in front of the window (one at a time), what a typed path or an unsaved-changes
//! answer leads to, and the passing messages (toasts) and error dialog.

use eframe::egui;

use std::path::PathBuf;

use super::commands::Command;
use super::dialogs::{FileRequest, PickResult};
use super::views::contact_editor::ContactDraft;
use super::views::interaction_form::InteractionDraft;
use super::views::prompts::PathPrompt;
use super::{RapportApp, chrome, theme, views};
use crate::model::ContactId;

/// What to do once the unsaved-changes question is answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum After {
    NewFile,
    PickOpen,
    OpenPath(PathBuf),
    Quit,
}

impl After {
    /// Completes "If you ... without saving".
    pub(super) fn doing(&self) -> &'static str {
        match self {
            After::NewFile => "start a new file",
            After::PickOpen | After::OpenPath(_) => "open another file",
            After::Quit => "close Rapport",
        }
    }
}

/// Where a typed path goes.
#[derive(Clone, Debug)]
pub(super) enum PathPurpose {
    Open,
    SaveAs(Option<After>),
    Import,
    Export(crate::formats::ExportFormat),
}

/// The dialog in front of the window, if any. One at a time.
pub(super) enum Modal {
    ContactEditor(Box<ContactDraft>),
    InteractionForm(Box<InteractionDraft>),
    ConfirmDelete(ContactId),
    Unsaved(After),
    PathPrompt(PathPrompt, PathPurpose),
    Error {
        title: String,
        message: String,
    },
    ImportPreview(Box<views::import_preview::ImportPreview>),
    Capture(Box<views::capture_preview::CapturePreview>),
    /// File > Who you are...: `settings.me`, with the text being typed.
    Me(String),
    /// Settings > Accounts: the CardDAV account form.
    Accounts(Box<views::accounts::AccountForm>),
    ExportChoice(crate::formats::ExportFormat),
    Palette(views::palette::Palette),
    Help(views::help::HelpPage),
    QuickAdd(views::quick_add::QuickAddState),
}

impl RapportApp {
    /// Asks where a file is (or goes), the one way every flow does it: the native dialog for
    /// `request`; where there is none, the in-app path field titled `prompt`, prefilled with the
    /// request's folder (else the home folder) and suggested file name, whose answer arrives
    /// later (`Command::PathEntered`) and goes to `purpose`. Returns the path when the dialog
    /// gave one now; `None` when cancelled or deferred.
    pub(super) fn ask_path(
        &mut self,
        request: &FileRequest,
        prompt: impl Into<String>,
        purpose: PathPurpose,
    ) -> Option<PathBuf> {
        match self.dialogs.pick(request) {
            PickResult::Picked(p) => {
                self.remember_folder(&p);
                Some(p)
            }
            PickResult::Cancelled => None,
            PickResult::Unavailable => {
                let start = super::dialogs::suggested_path(
                    request.directory.as_deref(),
                    request.file_name.as_deref(),
                );
                let prompt = PathPrompt::new(prompt, start, request.action);
                self.modal = Some(Modal::PathPrompt(prompt, purpose));
                None
            }
        }
    }

    /// The folder of a chosen file is where the next file dialog starts.
    pub(super) fn remember_folder(&mut self, path: &std::path::Path) {
        if let Some(dir) = path.parent().filter(|d| d.is_dir()) {
            self.prefs.last_dir = Some(dir.to_path_buf());
        }
    }

    pub(super) fn modal_ui(&mut self, ctx: &egui::Context, cmds: &mut Vec<Command>) {
        let data = &self.session.doc.data;
        match &mut self.modal {
            None => {}
            Some(Modal::ContactEditor(draft)) => {
                views::contact_editor::contact_editor_ui(
                    ctx,
                    draft,
                    self.session.index.tags(),
                    self.clock.now(),
                    cmds,
                );
            }
            Some(Modal::InteractionForm(draft)) => {
                views::interaction_form::interaction_form_ui(ctx, draft, data, cmds);
            }
            Some(Modal::ConfirmDelete(id)) => match data.contact(*id) {
                Some(c) => views::prompts::confirm_delete_ui(
                    ctx,
                    *id,
                    &c.display_name,
                    data.deletion_impact(*id),
                    cmds,
                ),
                None => cmds.push(Command::CloseModal),
            },
            Some(Modal::Unsaved(after)) => {
                let name = self.session.display_name();
                views::prompts::unsaved_changes_ui(ctx, &name, after.doing(), cmds);
            }
            Some(Modal::PathPrompt(prompt, _)) => views::prompts::path_prompt_ui(ctx, prompt, cmds),
            Some(Modal::Error { title, message }) => {
                views::prompts::error_ui(ctx, title, message, cmds);
            }
            Some(Modal::ImportPreview(preview)) => {
                views::import_preview::import_preview_ui(ctx, preview, data, cmds);
            }
            Some(Modal::ExportChoice(format)) => {
                let safe = &mut self.transfer.spreadsheet_safe;
                views::export_dialog::export_dialog_ui(ctx, format, safe, cmds);
            }
            Some(Modal::Capture(p)) => {
                views::capture_preview::capture_preview_ui(ctx, p, data, cmds);
            }
            Some(Modal::Me(text)) => views::capture_preview::me_dialog_ui(ctx, text, data, cmds),
            Some(Modal::Accounts(form)) => {
                Self::accounts_modal_ui(ctx, form, &self.session.doc.extra, &self.carddav, cmds);
            }
            Some(Modal::Help(page)) => views::help::help_ui(ctx, *page, cmds),
            Some(Modal::QuickAdd(state)) => {
                views::quick_add::quick_add_ui(ctx, state, data, Self::today(), cmds);
            }
            Some(Modal::Palette(palette)) => {
                let label_of = |a| chrome::action_label(&self.session.history, a);
                views::palette::palette_ui(ctx, palette, &label_of, cmds);
            }
        }
    }

    /// A passing message (saved, opened, undone). Plain text: the default fonts have no emoji.
    pub(super) fn notify(&mut self, text: impl Into<String>) -> &mut egui_notify::Toast {
        self.toasts
            .basic(text.into())
            .closable(false)
            .duration(Some(std::time::Duration::from_secs(3)))
    }

    /// A warning that needs no decision.
    pub(super) fn warn(&mut self, text: impl Into<String>) -> &mut egui_notify::Toast {
        self.toasts
            .custom(text.into(), "!".into(), theme::WARNING_MARK)
            .closable(false)
            .duration(Some(std::time::Duration::from_secs(6)))
    }

    pub(super) fn show_error(&mut self, title: &str, message: String) {
        self.modal = Some(Modal::Error {
            title: title.to_owned(),
            message,
        });
    }
}
