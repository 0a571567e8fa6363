//! Native file dialogs, behind one small trait so tests can answer them and a system without a
//! dialog service degrades to an in-app path field.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Whether the dialog picks a file to read or a place to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileAction {
    Open,
    Save,
}

/// What to ask the person for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRequest {
    pub action: FileAction,
    pub title: String,
    /// (description, extensions without the dot)
    pub filters: Vec<(String, Vec<String>)>,
    pub directory: Option<PathBuf>,
    /// Suggested name for a save dialog.
    pub file_name: Option<String>,
}

impl FileRequest {
    /// Open a Rapport data file.
    #[must_use]
    pub fn open_data(directory: Option<&Path>) -> Self {
        Self {
            action: FileAction::Open,
            title: "Open a Rapport file".into(),
            filters: vec![("Rapport data".into(), vec!["json".into()])],
            directory: directory.map(Path::to_path_buf),
            file_name: None,
        }
    }

    /// Choose where to save a Rapport data file.
    #[must_use]
    pub fn save_data(directory: Option<&Path>, file_name: &str) -> Self {
        Self {
            action: FileAction::Save,
            title: "Save the Rapport file".into(),
            filters: vec![("Rapport data".into(), vec!["json".into()])],
            directory: directory.map(Path::to_path_buf),
            file_name: Some(file_name.into()),
        }
    }
}

/// The answer of a file dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PickResult {
    Picked(PathBuf),
    Cancelled,
    /// No dialog could be shown (no desktop portal, no zenity): the app offers a path field.
    Unavailable,
}

/// Shows file dialogs. The app owns one; tests give it one that answers from a script.
pub trait FileDialogs {
    fn pick(&mut self, request: &FileRequest) -> PickResult;
}

/// A dialog answered faster than this was never shown: rfd returns `None` within milliseconds
/// when neither a desktop portal nor zenity is there, which looks exactly like Cancel.
const FASTER_THAN_A_PERSON: Duration = Duration::from_millis(150);

/// Native dialogs through rfd (the XDG desktop portal on Linux, zenity as its fallback).
#[derive(Debug, Default)]
pub struct NativeDialogs {
    /// Set once a dialog proved unavailable, so later requests go straight to the path field.
    unavailable: bool,
}

impl FileDialogs for NativeDialogs {
    fn pick(&mut self, request: &FileRequest) -> PickResult {
        if self.unavailable {
            return PickResult::Unavailable;
        }
        let mut dialog = rfd::FileDialog::new().set_title(&request.title);
        for (name, extensions) in &request.filters {
            dialog = dialog.add_filter(name, extensions);
        }
        if let Some(dir) = &request.directory {
            dialog = dialog.set_directory(dir);
        }
        if let Some(name) = &request.file_name {
            dialog = dialog.set_file_name(name);
        }
        let started = Instant::now();
        let answer = match request.action {
            FileAction::Open => dialog.pick_file(),
            FileAction::Save => dialog.save_file(),
        };
        match answer {
            Some(path) => PickResult::Picked(path),
            None if started.elapsed() < FASTER_THAN_A_PERSON => {
                self.unavailable = true;
                PickResult::Unavailable
            }
            None => PickResult::Cancelled,
        }
    }
}
