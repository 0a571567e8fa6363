//! Import and export flows: File > Import... (native dialog or typed path, a dropped .vcf or
//! .csv, `rapport FILE.vcf`), reading and planning on a background thread, the preview and its
//! one-step apply; File > Export... (format, then a save dialog, written on a background
//! thread). The document's own file and unsaved state are never touched by an export.

use eframe::egui;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::dialogs::{FileAction, FileRequest};
use super::jobs::{Job, Stopped};
use super::views::Page;
use super::views::duplicates::DuplicatesState;
use super::views::export_dialog;
use super::views::import_preview::{self, ImportPreview, ImportState, ReadyPlan};
use super::{Modal, PathPurpose, RapportApp};
use crate::formats::{self, ExportFormat, Format, ImportError, ImportPlan, SourceError};
use crate::model::Dataset;

/// Import and export state beside the document.
pub(super) struct Transfer {
    /// A file named on the command line to import into a new document.
    pub startup_import: Option<PathBuf>,
    /// The background read of the preview on screen.
    reading: Option<Job<Result<ReadyPlan, String>>>,
    /// An export being written: where, in which format, and its result.
    exporting: Option<Exporting>,
    /// The format last chosen in the export dialog.
    last_export: ExportFormat,
    /// What the last finished export said (also shown as a toast).
    export_message: Option<String>,
    /// The export dialog's "Spreadsheet-safe" choice for contacts and interactions CSV: on by
    /// default, since a CSV exported from the app is most often opened in a spreadsheet.
    pub(super) spreadsheet_safe: bool,
    pub duplicates: DuplicatesState,
}

impl Default for Transfer {
    fn default() -> Self {
        Self {
            startup_import: None,
            reading: None,
            exporting: None,
            last_export: ExportFormat::ContactsCsv,
            export_message: None,
            spreadsheet_safe: true,
            duplicates: DuplicatesState::default(),
        }
    }
}

struct Exporting {
    path: PathBuf,
    format: ExportFormat,
    job: Job<Result<(), String>>,
}

impl Transfer {
    pub fn new(startup_import: Option<PathBuf>) -> Self {
        Self {
            startup_import,
            ..Self::default()
        }
    }

    /// Whether an export is being written.
    pub fn is_busy(&self) -> bool {
        self.exporting.is_some()
    }
}

/// Files that are imported rather than opened (dropped, or named on the command line); a folder
/// is imported as a folder of .eml mail.
#[must_use]
pub fn is_import_path(p: &Path) -> bool {
    p.is_dir()
        || p.extension().is_some_and(|e| {
            ["vcf", "vcard", "csv", "ics", "mbox", "eml", "xml", "zip"]
                .iter()
                .any(|x| e.eq_ignore_ascii_case(x))
        })
}

/// The file dialog of File > Import...
fn import_request(directory: Option<&Path>, capture: bool) -> FileRequest {
    let ext = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let mut request = FileRequest {
        action: FileAction::Open,
        title: "Import contacts".into(),
        filters: vec![
            (
                "Contacts (vCard, CSV, Rapport)".into(),
                ext(&["vcf", "vcard", "csv", "json"]),
            ),
            ("vCard".into(), ext(&["vcf", "vcard"])),
            ("CSV".into(), ext(&["csv"])),
            ("Rapport".into(), ext(&["json"])),
            (
                "Calendars, mail, chats, call logs".into(),
                ext(&["ics", "mbox", "eml", "txt", "zip", "json", "csv", "xml"]),
            ),
        ],
        directory: directory.map(Path::to_path_buf),
        file_name: None,
    };
    if capture {
        request.title = "Capture interactions".into();
        request.filters.rotate_right(1);
    }
    request
}

/// The message shown when a file cannot be read as an import.
fn read_error(e: &SourceError) -> String {
    let name = import_preview::file_name(&e.path);
    match &e.problem {
        ImportError::Unrecognised => format!(
            "Could not read {name}: it is not a vCard, a Google, LinkedIn, Outlook, Thunderbird \
             or interactions CSV, or a Rapport file. If it is one of these, choose it under \
             Read as."
        ),
        problem => format!("Could not read {name}: {problem}."),
    }
}

impl RapportApp {
    /// File > Import... (or Capture interactions..., which offers calendars, mail and chats
    /// first): a native dialog, or the path field where there is none.
    pub(super) fn pick_import(&mut self, ctx: &egui::Context, capture: bool) {
        let dir = self.start_dir();
        let request = import_request(dir.as_deref(), capture);
        let title = request.title.clone();
        if let Some(p) = self.ask_path(&request, title, PathPurpose::Import) {
            self.start_import(ctx, p, None);
        }
    }

    /// Reads and plans `path` on a background thread; the preview shows a spinner meanwhile.
    pub(super) fn start_import(
        &mut self,
        ctx: &egui::Context,
        path: PathBuf,
        format: Option<Format>,
    ) {
        if super::views::capture_preview::is_capture(&path, format) {
            return self.start_capture(ctx, path, format);
        }
        let data = self.session.doc.data.clone();
        let wake = ctx.clone();
        let thread_path = path.clone();
        let job = Job::spawn(
            "import",
            move || wake.request_repaint(),
            move |_| {
                formats::read_source(&thread_path, format)
                    .map(|parsed| {
                        let plan = ImportPlan::new(&data, &parsed);
                        ReadyPlan::new(parsed, plan)
                    })
                    .map_err(|e| read_error(&e))
            },
        );
        self.transfer.reading = Some(job);
        self.modal = Some(Modal::ImportPreview(Box::new(ImportPreview::reading(
            path, format,
        ))));
    }

    /// A dropped .vcf or .csv: the preview, unless another dialog is open (its work would be
    /// lost).
    pub(super) fn import_dropped(&mut self, ctx: &egui::Context, path: PathBuf) {
        if self.modal.is_some() {
            self.warn(format!(
                "Close the open dialog first, then drop {} again",
                import_preview::file_name(&path)
            ));
            return;
        }
        self.start_import(ctx, path, None);
    }

    /// Reads the previewed file again as another format.
    pub(super) fn import_as(&mut self, ctx: &egui::Context, format: Option<Format>) {
        if let Some(Modal::ImportPreview(p)) = &self.modal {
            let path = p.path.clone();
            self.start_import(ctx, path, format);
        }
    }

    /// Import: applies the plan as one undo step, or recomputes it first if the data changed
    /// since it was made (a stale plan could overwrite newer edits).
    pub(super) fn confirm_import(&mut self) {
        let Some(Modal::ImportPreview(p)) = &mut self.modal else {
            return;
        };
        let ImportState::Ready(ready) = &mut p.state else {
            return;
        };
        let data = &self.session.doc.data;
        if ready.plan.is_stale(data) {
            ready.replan(data);
            p.note = Some(
                "Your data changed since this preview was made, so it was made again. Check it \
                 and import again."
                    .into(),
            );
            return;
        }
        let name = import_preview::file_name(&p.path);
        let summary = ready.plan.summary();
        let edit = ready.plan.to_edit();
        let imported = ready.plan.touched();
        self.modal = None;
        if self.apply_edit(edit, &format!("import {name}")) {
            self.list.imported = imported;
            self.notify(format!(
                "Imported {name}: {} new, {} merged. Undo with Ctrl+Z",
                summary.added, summary.merged
            ))
            .duration(Some(std::time::Duration::from_secs(5)));
        }
    }

    /// File > Export...: the format chooser.
    pub(super) fn choose_export(&mut self) {
        self.modal = Some(Modal::ExportChoice(self.transfer.last_export));
    }

    /// After the format is chosen: where to write it.
    pub(super) fn export_as(&mut self, ctx: &egui::Context, format: ExportFormat) {
        self.transfer.last_export = format;
        self.modal = None;
        let dir = self.start_dir();
        let stem = match &self.session.origin {
            super::session::Origin::File(p) => p
                .file_stem()
                .map_or_else(|| "rapport".into(), |s| s.to_string_lossy().into_owned()),
            _ => "rapport".into(),
        };
        let name = export_dialog::suggested_name(&stem, format);
        let ext = export_dialog::extension(format);
        let request = FileRequest {
            action: FileAction::Save,
            title: format!("Export as {}", export_dialog::label(format)),
            filters: vec![(export_dialog::label(format).into(), vec![ext.into()])],
            directory: dir,
            file_name: Some(name),
        };
        if let Some(p) = self.ask_path(
            &request,
            format!("Export as {}", export_dialog::label(format)),
            PathPurpose::Export(format),
        ) {
            self.export_to(ctx, p, format);
        }
    }

    /// Writes the export on a background thread.
    pub(super) fn export_to(&mut self, ctx: &egui::Context, path: PathBuf, format: ExportFormat) {
        if self.transfer.exporting.is_some() {
            self.warn("Still exporting; try again in a moment");
            return;
        }
        let path = if path.extension().is_some() {
            path
        } else {
            path.with_extension(export_dialog::extension(format))
        };
        let doc = self.session.doc.clone();
        let wake = ctx.clone();
        let thread_path = path.clone();
        let cells = if self.transfer.spreadsheet_safe {
            formats::CsvCells::SpreadsheetSafe
        } else {
            formats::CsvCells::Plain
        };
        let stamp = self.clock.now();
        let job = Job::spawn(
            "export",
            move || wake.request_repaint(),
            move |_| {
                formats::write_export(&doc, format, &thread_path, stamp, cells)
                    .map_err(|e| e.to_string())
            },
        );
        self.transfer.exporting = Some(Exporting { path, format, job });
    }

    /// The duplicates page's search: started on a background job when the data changed since
    /// the last one (only while the page is shown), taken when it is done; with `block`, waited
    /// for (tests). The view only reads the result.
    pub(super) fn refresh_duplicates(&mut self, ctx: &egui::Context, block: bool) {
        let state = &mut self.transfer.duplicates;
        let data = &self.session.doc.data;
        let rev = data.revision();
        if let Some((r, job)) = &state.pending {
            let result = if block { Some(job.wait()) } else { job.poll() };
            match result {
                Some(Ok(pairs)) => {
                    state.cache.set(*r, Arc::new(pairs));
                    state.visible.clear();
                    state.pending = None;
                }
                None if *r == rev => return,
                // Stopped, or a search for data since changed: start again.
                Some(Err(Stopped)) | None => {
                    job.cancel();
                    state.pending = None;
                }
            }
        }
        if self.page != Page::Duplicates || state.cache.get(&rev).is_some() {
            return;
        }
        // Only the contacts matter; the interactions (maybe millions) stay behind.
        let Ok(contacts) = Dataset::from_parts(
            data.contacts().to_vec(),
            Vec::new(),
            Vec::new(),
            data.settings().clone(),
        ) else {
            state
                .cache
                .set(rev, Arc::new(formats::find_duplicates(data)));
            state.visible.clear();
            return;
        };
        let wake = ctx.clone();
        let job = Job::spawn(
            "duplicates",
            move || wake.request_repaint(),
            move |_| formats::find_duplicates(&contacts),
        );
        state.pending = Some((rev, job));
        if block {
            self.refresh_duplicates(ctx, true);
        }
    }

    /// Takes finished background work; with `block`, waits for it (tests).
    pub(super) fn poll_transfer(&mut self, ctx: &egui::Context, block: bool) {
        self.refresh_duplicates(ctx, block);
        if let Some(path) = self.transfer.startup_import.take() {
            self.start_import(ctx, path, None);
        }
        if let Some(job) = &self.transfer.reading {
            let result = if block { Some(job.wait()) } else { job.poll() }
                .map(|r| r.unwrap_or_else(|Stopped| Err("Reading stopped unexpectedly.".into())));
            match result {
                Some(r) => {
                    self.transfer.reading = None;
                    if let Some(Modal::ImportPreview(p)) = &mut self.modal {
                        match r {
                            Ok(ready) => p.ready(ready),
                            Err(message) => p.state = ImportState::Failed(message),
                        }
                    }
                }
                None => ctx.request_repaint_after(std::time::Duration::from_millis(100)),
            }
            if !matches!(self.modal, Some(Modal::ImportPreview(_))) {
                // Cancelled while reading: the result is not wanted.
                if let Some(job) = self.transfer.reading.take() {
                    job.cancel();
                }
            }
        }
        if let Some(e) = &self.transfer.exporting {
            let result = if block {
                Some(e.job.wait())
            } else {
                e.job.poll()
            }
            .map(|r| r.unwrap_or_else(|Stopped| Err("writing stopped".into())));
            match result {
                Some(r) => {
                    if let Some(e) = self.transfer.exporting.take() {
                        let name = import_preview::file_name(&e.path);
                        let text = match &r {
                            Ok(()) => {
                                format!("Exported {} to {name}", export_dialog::label(e.format))
                            }
                            Err(message) => format!("Could not export to {name}: {message}"),
                        };
                        if r.is_ok() {
                            self.notify(text.clone())
                                .duration(Some(std::time::Duration::from_secs(5)));
                        } else {
                            self.warn(text.clone());
                        }
                        self.transfer.export_message = Some(text);
                    }
                }
                None => ctx.request_repaint_after(std::time::Duration::from_millis(100)),
            }
        }
    }

    /// What the last finished export said ("Exported Contacts CSV to people.csv", or why it
    /// failed), as its toast showed it.
    #[must_use]
    pub fn last_export_message(&self) -> Option<&str> {
        self.transfer.export_message.as_deref()
    }

    /// The status bar while an export is written.
    pub(super) fn export_status_ui(&self, ui: &mut egui::Ui) -> bool {
        let Some(e) = &self.transfer.exporting else {
            return false;
        };
        ui.spinner();
        ui.label(
            egui::RichText::new(format!("Exporting {}...", e.path.display()))
                .color(super::theme::weak_text(ui.visuals())),
        );
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::AppOptions;
    use crate::app::dialogs::{FileDialogs, PickResult};
    use crate::model::{Contact, Edit};

    struct NoDialogs;
    impl FileDialogs for NoDialogs {
        fn pick(&mut self, _: &FileRequest) -> PickResult {
            PickResult::Cancelled
        }
    }

    #[test]
    fn a_stale_plan_is_made_again_instead_of_applied() {
        let mut app = RapportApp::new(AppOptions {
            dialogs: Box::new(NoDialogs),
            ..AppOptions::default()
        });
        let ctx = egui::Context::default();
        let before = app.data().contacts().len();
        let vcf = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/vcard/ezvcard_John_Doe_IPHONE.vcf");
        app.start_import(&ctx, vcf, None);
        app.poll_transfer(&ctx, true);
        assert!(matches!(
            &app.modal,
            Some(Modal::ImportPreview(p)) if matches!(p.state, ImportState::Ready(_))
        ));

        // The data changes under the open preview.
        app.session
            .apply(Edit::PutContact(Contact::new("Someone new")), "add")
            .unwrap();
        app.confirm_import();
        let Some(Modal::ImportPreview(p)) = &app.modal else {
            panic!("the preview stays open");
        };
        assert!(p.note.is_some(), "it says why it was made again");
        let ImportState::Ready(ready) = &p.state else {
            panic!("a plan is shown");
        };
        assert!(!ready.plan.is_stale(app.data()));
        assert_eq!(
            app.data().contacts().len(),
            before + 1,
            "nothing imported yet"
        );

        app.confirm_import();
        assert!(app.modal.is_none());
        assert_eq!(app.data().contacts().len(), before + 2);
        assert_eq!(
            app.session.history.undo_label(),
            Some("import ezvcard_John_Doe_IPHONE.vcf")
        );
    }
}
