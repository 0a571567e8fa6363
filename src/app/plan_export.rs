//! "Export plan to calendar...": the planner's touchpoints and follow-ups as an .ics file,
//! through the same dialog trait and typed-path fallback as Save As.

use std::path::{Path, PathBuf};

use super::dialogs::{FileAction, FileRequest, PickResult};
use super::views::prompts::PathPrompt;
use super::{Modal, PathPurpose, RapportApp};
use crate::formats::{self, ExportFormat};

/// The suggested file name.
const FILE_NAME: &str = "rapport-plan.ics";

impl FileRequest {
    /// Choose where to save the plan as a calendar file.
    #[must_use]
    pub fn save_calendar(directory: Option<&Path>) -> Self {
        Self {
            action: FileAction::Save,
            title: "Export the plan to a calendar file".into(),
            filters: vec![("Calendar (.ics)".into(), vec!["ics".into()])],
            directory: directory.map(Path::to_path_buf),
            file_name: Some(FILE_NAME.into()),
        }
    }
}

impl RapportApp {
    /// Asks where to write the calendar, then writes it.
    pub(super) fn export_calendar(&mut self) {
        let dir = self
            .session
            .path()
            .or_else(|| self.prefs.recent.first().map(PathBuf::as_path))
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        match self
            .dialogs
            .pick(&FileRequest::save_calendar(dir.as_deref()))
        {
            PickResult::Picked(p) => self.export_calendar_to(&p),
            PickResult::Cancelled => {}
            PickResult::Unavailable => {
                let start = dir.map_or_else(
                    || FILE_NAME.to_owned(),
                    |d| d.join(FILE_NAME).display().to_string(),
                );
                self.modal = Some(Modal::PathPrompt(
                    PathPrompt::new("Export the plan to a calendar file", start),
                    PathPurpose::ExportCalendar,
                ));
            }
        }
    }

    /// Writes the calendar to `path` (adding `.ics` when it has no extension).
    pub(super) fn export_calendar_to(&mut self, path: &Path) {
        let path = if path.extension().is_none() {
            path.with_extension("ics")
        } else {
            path.to_path_buf()
        };
        match formats::write_export(
            &self.session.doc,
            ExportFormat::Ics,
            &path,
            chrono::Utc::now(),
        ) {
            Ok(()) => {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                self.notify(format!("Exported the plan to {name}"))
                    .duration(Some(std::time::Duration::from_secs(5)));
            }
            Err(e) => self.show_error(
                "Could not export the plan",
                format!("{e}: {}", path.display()),
            ),
        }
    }
}
